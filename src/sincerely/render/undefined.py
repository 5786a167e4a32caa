"""What a layout reads that is not there, in messages that say where to set it.

Layouts are rendered with strict undefined names, so a misspelt name is an error at its
line. For the owner's own values, `extra`, Jinja would name only the type it looked in
("'mappingproxy object' has no attribute 'telefon'"); the layouts are given them as
:class:`OwnValues` instead, which knows its table, so that the message says which line
of pyproject.toml to add.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import jinja2

EXTRA_TABLE = "tool.sincerely.extra"


class OwnValues(Mapping[str, Any]):
    """A table of [tool.sincerely.extra] (or one within it) as layouts read it: its
    values as they are, its tables as OwnValues too, so that each knows its name."""

    __slots__ = ("_values", "table")

    def __init__(self, values: Mapping[str, Any], table: str = EXTRA_TABLE) -> None:
        self._values = values
        self.table = table

    def __getitem__(self, name: str) -> Any:
        value = self._values[name]
        if isinstance(value, Mapping):
            return OwnValues(value, f"{self.table}.{name}")
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    @property
    def path(self) -> str:
        """How a layout names this table: 'extra', 'extra.contact'."""
        return "extra" + self.table.removeprefix(EXTRA_TABLE)


class LayoutUndefined(jinja2.StrictUndefined):
    """Jinja's strict undefined value, which says, for a value of the owner's own that
    is not set, where to set it."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        table, name = self._undefined_obj, self._undefined_name
        if isinstance(table, OwnValues) and isinstance(name, str) and not self._undefined_hint:
            return (
                f'`{table.path}.{name}` is not set; add `{name} = "..."` under '
                f"[{table.table}] in pyproject.toml"
            )
        message: str = super()._undefined_message
        return message
