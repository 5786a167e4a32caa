"""Value types: each says at the value's line what is wrong and how to write it, agrees
with its JSON Schema, and builds the model's value."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import jsonschema
import pytest
import yaml

from sincerely.common.errors import Diagnostics
from sincerely.format.nodes import MappingNode, Node
from sincerely.format.values import (
    Boolean,
    Integer,
    ListOf,
    ProjectFile,
    Spec,
    Table,
    Text,
)
from sincerely.format.yamlnodes import parse

FILE = Path("/p/x.yaml")
CHANNEL = Text(choices=("email", "letter", "note"))
TITLE = Text(max_length=10)
SLUG = Text(pattern=r"[a-z-]+", pattern_help="lowercase words joined by hyphens")
URL = Text(url=True)
LOGO = ProjectFile(example="assets/logo.svg", suffixes=(".svg", ".png"))
OUTSIDE = (
    "'key' must be a path inside the project, from the folder that holds pyproject.toml, "
    "like 'assets/logo.svg'"
)


def _node(value: str) -> Node:
    root = parse(FILE, f"key: {value}\n")
    assert isinstance(root, MappingNode)
    node = root.get("key")
    assert node is not None
    return node


def _said(spec: Spec, value: str) -> list[str]:
    out = Diagnostics()
    spec.check(_node(value), "'key'", out)
    return [d.format(Path("/p")) for d in out.items]


@pytest.mark.parametrize(
    ("spec", "value", "said"),
    [
        (
            CHANNEL,
            "e-mail",
            "'key' must be one of email, letter, note (got 'e-mail') (did you mean 'email'?)",
        ),
        (CHANNEL, "fax", "'key' must be one of email, letter, note (got 'fax')"),
        (TITLE, "Eleven char", "'key' is 11 characters long, over the limit of 10; shorten it"),
        (
            SLUG,
            "Close_Second",
            "'key' must be lowercase words joined by hyphens (got 'Close_Second')",
        ),
        (
            URL,
            "example.org",
            "'key' must be an absolute http:// or https:// address (got 'example.org')",
        ),
        (Text(), "'  '", "'key' is empty; write something or remove the key"),
        (Text(), "3", "'key' must be text (got 3, which YAML reads as a number); put it in quotes"),
        (
            Text(),
            "yes",
            "'key' must be text (got yes, which YAML reads as true/false); put it in quotes",
        ),
        (
            Text(),
            "{a: b}",
            "'key' starts with '{', so YAML read it as a mapping, not text; put the whole "
            "text in quotes or use a block scalar (|)",
        ),
        (Text(), "", "'key' has no value; write one or remove the key"),
        (Integer(minimum=1), "0", "'key' must be at least 1 (got 0)"),
        (Integer(), '"3"', "'key' must be a whole number (got text '3'); remove the quotes"),
        (Boolean(), "maybe", "'key' must be true or false (got text 'maybe')"),
        (ListOf(Text(), 1), "[]", "'key' needs at least 1 entry"),
        (
            ListOf(Text()),
            "thanks",
            "'key' must be a list (got text 'thanks'); write a list, like [a, b], or one "
            "'- item' per line",
        ),
        (ListOf(Integer()), "[1, x]", "each entry of 'key' must be a whole number (got text 'x')"),
        (
            LOGO,
            "../logo.svg",
            f"{OUTSIDE} (got '../logo.svg')",
        ),
        (
            LOGO,
            "/etc/logo.svg",
            f"{OUTSIDE} (got '/etc/logo.svg')",
        ),
        (LOGO, "logo.gif", "'key' must be a .svg, .png file (got 'logo.gif')"),
        (Table(), "[1]", "'key' must be a table (got a list)"),
    ],
)
def test_a_wrong_value_is_named_at_its_line_with_how_to_write_it(
    spec: Spec, value: str, said: str
) -> None:
    (problem,) = _said(spec, value)
    assert problem.startswith("x.yaml:1:") and problem.endswith(f": error: {said}"), problem


@pytest.mark.parametrize(
    ("spec", "value"),
    [
        (CHANNEL, "email"),
        (TITLE, "Ten chars!"),
        (SLUG, "close-second"),
        (URL, "https://example.org/a"),
        (Integer(minimum=1), "1"),
        (Boolean(), "false"),
        (ListOf(Text(), 1), "[thanks]"),
        (LOGO, "assets/logo.svg"),
        (Table(), "{a: 1}"),
    ],
)
def test_a_right_value_passes_the_check_and_its_schema(spec: Spec, value: str) -> None:
    assert _said(spec, value) == []
    jsonschema.validate(yaml.safe_load(f"key: {value}")["key"], spec.json_schema())


@pytest.mark.parametrize(
    ("spec", "value"),
    [
        (CHANNEL, "fax"),
        (TITLE, "Eleven char"),
        (SLUG, "Close_Second"),
        (URL, "example.org"),
        (Text(), "'  '"),
        (Text(), "3"),
        (Integer(minimum=1), "0"),
        (Boolean(), "maybe"),
        (ListOf(Text(), 1), "[]"),
        (ListOf(Integer()), "[1, x]"),
    ],
)
def test_an_editor_flags_what_the_check_refuses(spec: Spec, value: str) -> None:
    assert _said(spec, value) != []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(f"key: {value}")["key"], spec.json_schema())


def test_a_todo_left_in_is_a_warning_at_the_word() -> None:
    assert _said(Text(), "Dear TODO name") == [
        "x.yaml:1:11: warning: TODO left in the text; replace it with the words it stands for"
    ]


def test_values_are_built_for_the_model() -> None:
    assert ListOf(Text()).build(_node("[a, b]")) == ("a", "b")
    table = Table().build(_node("{a: [1, 2], b: {c: true}}"))
    assert table == {"a": (1, 2), "b": {"c": True}}
    assert isinstance(table, MappingProxyType) and isinstance(table["b"], MappingProxyType)
    assert (Text().default(), Integer().default(), Boolean().default()) == ("", 0, False)


def test_each_value_says_itself_in_the_reference() -> None:
    assert TITLE.describe() == "text, at most 10 characters"
    assert CHANNEL.describe() == "`email` \\| `letter` \\| `note`"
    assert SLUG.describe() == "text: lowercase words joined by hyphens"
    assert (
        ListOf(Integer(minimum=1), 2).describe() == "list of whole number, at least 1, at least 2"
    )
