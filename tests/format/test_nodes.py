"""The located tree: every value knows its line and column, and a word inside a value
(a placeholder, a TODO) is pointed at where it stands, even in a block of many lines."""

from __future__ import annotations

from pathlib import Path

from sincerely.common.errors import Location
from sincerely.format.nodes import MappingNode, ScalarNode, point_inside, text_scalars
from sincerely.format.yamlnodes import parse

FILE = Path("/p/x.yaml")
TEXT = """\
title: Dear {name}, and {name} again
note: |
  First line.
  Then {name}
  and {role}.
quoted: "Tab\\there {name}"
count: 3
tags: [thanks, "later"]
nested:
  skip: hidden words
  keep: shown words
"""


def _root() -> MappingNode:
    root = parse(FILE, TEXT)
    assert isinstance(root, MappingNode)
    return root


def _scalar(key: str) -> ScalarNode:
    node = _root().get(key)
    assert isinstance(node, ScalarNode)
    return node


def test_a_value_knows_where_it_stands_and_how_it_was_written() -> None:
    title = _scalar("title")
    assert title.location == Location(FILE, 1, 8)
    assert title.raw == "Dear {name}, and {name} again" and title.plain
    assert _scalar("count").kind == "integer" and _scalar("count").value == 3
    root = _root()
    assert root.get("missing") is None
    assert root.entries["note"][0].location == Location(FILE, 2, 1)  # the key's own place


def test_a_word_inside_a_value_is_pointed_at_by_its_occurrence() -> None:
    title = _scalar("title")
    assert point_inside(title, "{name}") == Location(FILE, 1, 13)
    assert point_inside(title, "{name}", 1) == Location(FILE, 1, 25)


def test_inside_a_block_of_lines_the_line_and_column_are_the_words_own() -> None:
    note = _scalar("note")
    assert point_inside(note, "{name}") == Location(FILE, 4, 8)
    assert point_inside(note, "{role}") == Location(FILE, 5, 7)


def test_a_word_that_cannot_be_found_as_written_points_at_the_value() -> None:
    quoted = _scalar("quoted")
    assert point_inside(quoted, "{name}", 3) == quoted.location  # no fourth one
    assert point_inside(quoted, "Tab\there") == quoted.location  # an escape in the source


def test_every_text_value_is_found_but_those_left_out() -> None:
    found = [n.value for n in text_scalars(_root(), frozenset({"skip", "quoted"}))]
    assert found == [
        "Dear {name}, and {name} again",
        "First line.\nThen {name}\nand {role}.\n",
        "thanks",
        "later",
        "shown words",
    ]
