"""Records read off a model dataclass: its keys, their types, what is required or
recommended and its rules are one definition, for the check, the schema and the model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import ClassVar

import jsonschema
import pytest
import yaml

from sincerely.common.errors import Diagnostics
from sincerely.format.records import MapOf, Record, check, key
from sincerely.format.rules import NotBoth, Rule
from sincerely.format.values import Boolean, Integer, ListOf, Text
from sincerely.format.yamlnodes import parse
from sincerely.model.scenario import SCENARIO

from ..conftest import MINIMAL_SCENARIO

FILE = Path("/p/x.yaml")


@dataclass(frozen=True, kw_only=True)
class Blank:
    """A blank of a letter.

    More that the record's doc leaves out."""

    FORMAT_RULES: ClassVar[tuple[Rule, ...]] = (NotBoth(("sender", "mine"), "keep one"),)

    id: str = key(Text(pattern="[a-z_]+", pattern_help="lowercase"), "Its name.", required=True)
    label: str = key(Text(max_length=20), "What the form says.", required=True)
    hint: str = key(Text(), "Help.", recommended="field '{id}' has no hint; add one", warn_at="id")
    order: int = key(Integer(), "Where it stands.")
    sender: bool = key(Boolean(), "The writer's own.")
    mine: bool = key(Boolean(), "Also the writer's.")
    words: MappingProxyType[str, tuple[str, ...]] = key(
        MapOf(Text(), ListOf(Text()), "{a: [b], c: [d]}"), "Synonyms."
    )
    pack: str = ""  # derived: not a key of the file


RECORD = Record.of(Blank)


def _said(text: str) -> tuple[bool, list[str]]:
    out = Diagnostics()
    ok = check(parse(FILE, text), RECORD, out)
    return ok, [d.format(Path("/p")) for d in out.items]


def test_the_record_is_read_off_the_dataclass() -> None:
    assert [k.name for k in RECORD.keys] == [
        "id",
        "label",
        "hint",
        "order",
        "sender",
        "mine",
        "words",
    ]
    assert RECORD.key("id").required and not RECORD.key("hint").required
    assert RECORD.doc == "A blank of a letter."
    assert Record.of(Blank) is RECORD  # read once


def test_a_checked_file_builds_the_model_with_defaults_for_what_it_leaves_out() -> None:
    ok, said = _said("id: name\nlabel: Your name\nhint: As you sign.\nwords: {a: [b]}\n")
    assert ok and said == []
    built = RECORD.build(parse(FILE, "id: name\nlabel: Your name\nwords: {a: [b]}\n"), pack="p")
    assert built == Blank(
        id="name", label="Your name", words=MappingProxyType({"a": ("b",)}), pack="p"
    )
    assert (built.order, built.sender, built.hint) == (0, False, "")


def test_an_unknown_key_is_a_likely_typo_or_a_list_of_what_is_allowed() -> None:
    ok, said = _said("id: name\nlable: Your name\nhint: h\ncolour: red\n")
    assert not ok
    assert said == [
        "x.yaml:2:1: error: unknown key 'lable' (did you mean 'label'?)",
        "x.yaml:4:1: error: unknown key 'colour'; allowed here: "
        "id, label, hint, order, sender, mine, words",
    ]  # and 'label' is not also reported missing: one mistake, one message


def test_a_missing_key_is_an_error_or_a_warning_at_the_line_it_names() -> None:
    ok, said = _said("id: name\n")
    assert not ok
    assert said == [
        "x.yaml:1:1: error: missing required key 'label'",
        "x.yaml:1:5: warning: field 'name' has no hint; add one",
    ]


def test_a_rule_on_a_key_already_wrong_says_nothing_more() -> None:
    _, said = _said("id: name\nlabel: L\nhint: h\nsender: true\nmine: true\n")
    assert said == ["x.yaml:5:1: error: 'sender' and 'mine' cannot both be true: keep one"]
    _, said = _said("id: name\nlabel: L\nhint: h\nsender: yes please\nmine: true\n")
    assert [s.split(": error: ")[1] for s in said] == [
        "'sender' must be true or false (got text 'yes please')"
    ]


def test_the_schema_is_the_same_record() -> None:
    schema = RECORD.json_schema()
    assert schema["required"] == ["id", "label"]
    assert schema["properties"]["label"] == {
        "type": "string",
        "maxLength": 20,
        "pattern": r"\S",
        "description": "What the form says.",
    }
    jsonschema.validate(yaml.safe_load("id: name\nlabel: L\nwords: {a: [b]}\n"), schema)
    for wrong in (
        "id: name\n",
        "id: name\nlabel: L\ncolour: red\n",
        "id: n\nlabel: L\nsender: true\nmine: true\n",
        "id: n\nlabel: L\nwords: {a: b}\n",
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(yaml.safe_load(wrong), schema)


def test_a_map_of_names_checks_each_name_and_value() -> None:
    _, said = _said("id: name\nlabel: L\nhint: h\nwords: {a: [b], c: d}\n")
    assert said == [
        "x.yaml:4:20: error: 'c' in 'words' must be a list (got text 'd'); write a list, "
        "like [a, b], or one '- item' per line"
    ]
    _, said = _said("id: name\nlabel: L\nhint: h\nwords: [a]\n")
    assert said == [
        "x.yaml:4:8: error: 'words' must be a mapping, like {a: [b], c: [d]} (got a list)"
    ]


def test_a_records_markdown_is_every_markdown_value_deep_inside_it() -> None:
    node = parse(FILE, MINIMAL_SCENARIO + "tips:\n  do: [Be *brief*.]\n  avoid: [Excuses.]\n")
    scenario = SCENARIO.build(
        node, pack="letters", slug="a", source_path=Path("a.yaml"), yaml_text=""
    )
    assert list(SCENARIO.prose(scenario)) == [
        "You were a finalist, and the decision went the other way.\n",
        "Address the person who decided.",
        "Short and sincere.",
        "Be *brief*.",
        "Excuses.",
    ]
