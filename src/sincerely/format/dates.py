"""Days in content files: a date written YYYY-MM-DD, checked as a calendar would.

YAML reads an unquoted ``2026-12-07`` as a date and a quoted one as text; both are the
same day to a reader, so both are taken, and the model holds the day as its ISO text
(plain data that every process and every digest sees alike). What YAML reads as a date
but is not written YYYY-MM-DD (``2026-12-7``, or a time as well) is refused, so that a
file says a day one way only.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from ..common.errors import Diagnostics
from .nodes import Node, ScalarNode
from .values import Text, wrong_type

DAY_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
DAY_HELP = "a date written YYYY-MM-DD, like '2026-12-07'"


def parse_day(text: str) -> datetime.date | None:
    """The day ``text`` names, written YYYY-MM-DD; None if it names none."""
    if not re.fullmatch(DAY_PATTERN, text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class Day(Text):
    """A day of the calendar, written YYYY-MM-DD, quoted or not."""

    pattern: str | None = DAY_PATTERN
    pattern_help: str = DAY_HELP
    example: str = "2026-12-07"

    def check(self, node: Node, name: str, out: Diagnostics) -> None:
        written = _written(node)
        if written is None:
            if isinstance(node, ScalarNode) and node.kind == "date":
                # A time too ('2026-12-07 10:00'): YAML's timestamp, not a day.
                out.error(
                    f"{name} must be {DAY_HELP}, without a time (got '{node.raw.strip()}')",
                    node.location,
                )
            else:
                wrong_type(name, DAY_HELP, node, out)
            return
        if not written.strip():
            out.error(f"{name} is empty; write a date or remove the key", node.location)
        elif not re.fullmatch(DAY_PATTERN, written):
            out.error(f"{name} must be {DAY_HELP} (got '{written}')", node.location)
        elif parse_day(written) is None:
            _, month, day = written.split("-")
            out.error(
                f"{name} is not a day of the calendar: '{written}' (month {month}, day "
                f"{day}); write a real date as YYYY-MM-DD",
                node.location,
            )

    def json_schema(self) -> dict[str, Any]:
        # YAML 1.2 (editors' language servers) reads 2026-12-07 as text: one pattern
        # fits both ways of writing it.
        return {"type": "string", "pattern": f"^{DAY_PATTERN}$", "format": "date"}

    def describe(self) -> str:
        return "a date: YYYY-MM-DD"

    def build(self, node: Node) -> Any:
        return _written(node)


def _written(node: Node) -> str | None:
    """The day as the file writes it: a text, or a date that YAML read; else None."""
    if not isinstance(node, ScalarNode):
        return None
    if node.kind == "text":
        return str(node.value)
    if node.kind == "date" and not isinstance(node.value, datetime.datetime):
        return node.raw.strip()
    return None
