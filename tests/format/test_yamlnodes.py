"""Strict YAML reading: types kept, positions kept, nothing coerced or expanded."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sincerely.common.errors import BuildError
from sincerely.format.nodes import MappingNode, ScalarNode, SequenceNode
from sincerely.format.yamlnodes import (
    MAX_FILE_BYTES,
    _Loader,
    decode,
    parse,
    point_inside,
)

FILE = Path("/p/x.yaml")


def _scalar(text: str) -> ScalarNode:
    root = parse(FILE, f"key: {text}\n")
    assert isinstance(root, MappingNode)
    node = root.get("key")
    assert isinstance(node, ScalarNode)
    return node


def test_the_fast_c_loader_is_used_when_present() -> None:
    assert _Loader is yaml.CSafeLoader


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("yes", "boolean", True),
        ("no", "boolean", False),
        ("3", "integer", 3),
        ("'3'", "text", "3"),
        ("1.5", "number", 1.5),
        ("~", "null", None),
        ("2024-01-31", "date", None),
        ("Ms. Okafor", "text", "Ms. Okafor"),
        ('"yes"', "text", "yes"),
    ],
)
def test_scalars_keep_the_type_yaml_gives_them(text: str, kind: str, value: object) -> None:
    node = _scalar(text)
    assert node.kind == kind
    if kind != "date":
        assert node.value == value


def test_locations_count_from_one() -> None:
    root = parse(FILE, "a: 1\nlist:\n  - x\n  - y\n")
    assert isinstance(root, MappingNode)
    key, _ = root.entries["list"]
    assert (key.location.line, key.location.column) == (2, 1)
    items = root.get("list")
    assert isinstance(items, SequenceNode)
    assert [(i.location.line, i.location.column) for i in items.items] == [(3, 5), (4, 5)]


def test_point_inside_finds_a_token_on_a_later_line_of_a_block() -> None:
    root = parse(FILE, "text: |\n  Dear {a},\n  thanks {b} and {b}.\n")
    assert isinstance(root, MappingNode)
    node = root.get("text")
    assert isinstance(node, ScalarNode)
    assert (point_inside(node, "{a}").line, point_inside(node, "{a}").column) == (2, 8)
    second = point_inside(node, "{b}", occurrence=1)
    assert (second.line, second.column) == (3, 18)


def test_point_inside_falls_back_to_the_scalar_start() -> None:
    node = _scalar('"escaped \\u0041"')
    assert point_inside(node, "A") == node.location


def test_a_utf8_byte_order_mark_is_ignored() -> None:
    assert decode(FILE, "\ufefftitle: x\n".encode()) == "title: x\n"


def test_an_oversized_file_is_refused_before_parsing() -> None:
    with pytest.raises(BuildError) as caught:
        decode(FILE, b"#" * (MAX_FILE_BYTES + 1))
    assert "over the limit" in caught.value.diagnostics[0].message


def test_a_billion_laughs_is_refused_not_expanded() -> None:
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n"
    with pytest.raises(BuildError) as caught:
        parse(FILE, bomb)
    messages = [d.message for d in caught.value.diagnostics]
    assert sum("anchors" in m for m in messages) == 3
    assert sum("aliases" in m for m in messages) == 6
