"""pyproject.toml's [tool.sincerely] table as located nodes, so that the format's engine
checks the settings as it checks a scenario file.

tomllib gives values without positions: each setting is placed at its key's line (or its
own table's header), found by reading the text, and every part of a value stands there.
A TOML mistake becomes advice at its line and column (tomlerrors.py).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from ..common.errors import BuildError, Location
from ..format.nodes import MappingNode, Node, ScalarNode, SequenceNode
from .tomlerrors import toml_error


def key_location(pyproject: Path, text: str, name: str) -> Location:
    """The line of ``name = …`` inside [tool.sincerely], or of its own table's header
    ([tool.sincerely.extra]); tomllib gives no positions."""
    in_table = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            header = stripped.replace(" ", "")
            if header == f"[tool.sincerely.{name}]":
                return Location(pyproject, number, line.index(stripped[0]) + 1)
            in_table = header == "[tool.sincerely]"
        elif in_table and re.match(rf"['\"]?{re.escape(name)}['\"]?\s*=", stripped):
            return Location(pyproject, number, line.index(stripped[0]) + 1)
    return Location(pyproject, 1, 1)


_TOML_KINDS = {bool: "boolean", int: "integer", float: "number", str: "text"}


def _scalar(value: Any, where: Location) -> ScalarNode:
    kind = _TOML_KINDS.get(type(value), "date")
    literal = str(value).lower() if isinstance(value, bool) else str(value)
    path, line, column = where.path, where.line, where.column
    return ScalarNode(value, kind, kind != "text", path, line, column, literal, 0, len(literal))


def entry_location(table: Location, old: str) -> Location:
    """The line of ``"old" = ...`` in the table at ``table`` (tomllib gives no
    positions): an entry's own line, where the table has one for it."""
    if not table.line or table.path.suffix != ".toml":
        return table
    try:
        lines = table.path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return table
    written = re.compile(rf"(?:^\s*|[{{,]\s*)([\"']?){re.escape(old)}\1\s*=")
    for number, line in enumerate(lines[table.line - 1 :], start=table.line):
        if number > table.line and line.lstrip().startswith("["):
            break  # the next table: not this one's entries
        found = written.search(line)
        if found:
            return Location(table.path, number, found.start(1) + 1)
    return table


def _toml_node(value: Any, where: Location) -> Node:
    """A TOML value as a located node, so that the format's engine can check it; every
    part of a value stands at its key's line (tomllib gives no positions)."""
    if isinstance(value, dict):
        # Each entry at its own line (a table's [allow] scripts = ..., or an inline one's).
        places = {str(k): entry_location(where, str(k)) for k in value}
        entries = {
            str(k): (_scalar(str(k), places[str(k)]), _toml_node(v, places[str(k)]))
            for k, v in value.items()
        }
        return MappingNode(entries, where.path, where.line, where.column)
    if isinstance(value, list):
        items = tuple(_toml_node(item, where) for item in value)
        return SequenceNode(items, where.path, where.line, where.column, True)
    return _scalar(value, where)


def settings_table(pyproject: Path) -> MappingNode:
    """The [tool.sincerely] table as located nodes."""
    text = pyproject.read_text(encoding="utf-8", errors="replace")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(str(exc), pyproject, text) from None
    tool = data.get("tool", {})
    table = tool.get("sincerely", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise BuildError.single(
            "[tool.sincerely] must be a table of settings", Location(pyproject, 1, 1)
        )
    entries = {}
    for name, value in table.items():
        where = key_location(pyproject, text, name)
        entries[name] = (_scalar(name, where), _toml_node(value, where))
    return MappingNode(entries, pyproject, 1, 1)
