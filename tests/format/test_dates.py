"""Days: YYYY-MM-DD, quoted or not, a real day of the calendar, said at its line."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from sincerely.common.errors import Diagnostics
from sincerely.format.dates import Day, parse_day
from sincerely.format.nodes import MappingNode, Node
from sincerely.format.yamlnodes import parse

FILE = Path("/p/x.yaml")


def _node(value: str) -> Node:
    root = parse(FILE, f"title: x\npublished: {value}\n")
    assert isinstance(root, MappingNode)
    node = root.get("published")
    assert node is not None
    return node


def _said(value: str) -> list[str]:
    out = Diagnostics()
    Day().check(_node(value), "'published'", out)
    return [d.format(Path("/p")) for d in out.items]


@pytest.mark.parametrize("value", ["2026-12-07", '"2026-12-07"', "'2024-02-29'"])
def test_a_day_quoted_or_not_is_taken_as_its_iso_text(value: str) -> None:
    assert _said(value) == []
    built = Day().build(_node(value))
    assert built == value.strip("'\"")
    assert isinstance(built, str)


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (
            "2026-02-30",
            "x.yaml:2:12: error: 'published' is not a day of the calendar: '2026-02-30' "
            "(month 02, day 30); write a real date as YYYY-MM-DD",
        ),
        (
            '"2026-13-01"',
            "x.yaml:2:12: error: 'published' is not a day of the calendar: '2026-13-01' "
            "(month 13, day 01); write a real date as YYYY-MM-DD",
        ),
        (
            "2026-12-7",
            "x.yaml:2:12: error: 'published' must be a date written YYYY-MM-DD, like "
            "'2026-12-07' (got '2026-12-7')",
        ),
        (
            "7 December 2026",
            "x.yaml:2:12: error: 'published' must be a date written YYYY-MM-DD, like "
            "'2026-12-07' (got '7 December 2026')",
        ),
        (
            "2026-12-07 10:30:00",
            "x.yaml:2:12: error: 'published' must be a date written YYYY-MM-DD, like "
            "'2026-12-07', without a time (got '2026-12-07 10:30:00')",
        ),
        (
            "20261207",
            "x.yaml:2:12: error: 'published' must be a date written YYYY-MM-DD, like "
            "'2026-12-07' (got 20261207, which YAML reads as a number)",
        ),
        ('""', "x.yaml:2:12: error: 'published' is empty; write a date or remove the key"),
    ],
)
def test_a_wrong_day_is_said_at_its_line_with_how_to_write_it(value: str, said: str) -> None:
    assert _said(value) == [said]


def test_the_schema_takes_what_the_checker_takes_as_written() -> None:
    schema = Day().json_schema()
    jsonschema.validate("2026-12-07", schema)
    for wrong in ("2026-12-7", "7 December 2026", "", 20261207):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(wrong, schema)
    assert Day().describe() == "a date: YYYY-MM-DD"


def test_parse_day_knows_the_calendar() -> None:
    assert str(parse_day("2024-02-29")) == "2024-02-29"
    assert parse_day("2025-02-29") is None
    assert parse_day("2025-2-1") is None
