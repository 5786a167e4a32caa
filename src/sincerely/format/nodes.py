"""The located tree that content files become: every value remembers where it stands.

YAML files (format/yamlnodes.py) and the settings' TOML table (model/config.py) are both read into
these nodes, so one engine (format/values.py, format/records.py) checks them all, and every message
points at a line and column.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

from ..common.errors import Location

Scalar: TypeAlias = str | int | float | bool | datetime.date | None

# The nodes are never changed once made, but are not declared frozen: a frozen
# dataclass sets each field through object.__setattr__, which made a node cost five
# times as much (3 us, a hundred nodes a letter). They hash by their fields, as frozen
# ones would (unsafe_hash: sound here, since nothing changes them).


@dataclass(slots=True, unsafe_hash=True)
class ScalarNode:
    value: Scalar
    kind: str  # "text", "boolean", "integer", "number", "null" or "date"
    plain: bool  # written without quotes or block indicator
    path: Path
    line: int  # from 1
    column: int  # from 1
    source: str  # the whole file, to point inside multi-line values
    start: int  # the scalar's span in ``source``
    end: int

    @property
    def location(self) -> Location:
        # Made on demand: most nodes are never reported, and a thousand files hold a
        # hundred thousand nodes.
        return Location(self.path, self.line, self.column)

    @property
    def raw(self) -> str:
        return self.source[self.start : self.end]


@dataclass(slots=True, unsafe_hash=True)
class SequenceNode:
    items: tuple[Node, ...]
    path: Path
    line: int
    column: int
    flow: bool

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column)


@dataclass(slots=True, unsafe_hash=True)
class MappingNode:
    # key text -> (the key's own node, for its location; the value)
    entries: dict[str, tuple[ScalarNode, Node]]
    path: Path
    line: int
    column: int
    flow: bool = False

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column)

    def get(self, key: str) -> Node | None:
        entry = self.entries.get(key)
        return entry[1] if entry else None


Node: TypeAlias = ScalarNode | SequenceNode | MappingNode


def point_inside(node: ScalarNode, needle: str, occurrence: int = 0) -> Location:
    """Where the ``occurrence``-th ``needle`` stands in the source of a scalar.

    Block scalars keep their text verbatim line by line, so a placeholder found in the
    raw source is the one the value holds; when it cannot be found (escapes in a quoted
    string), the scalar's own start is the best we can say.
    """
    start = -1
    for _ in range(occurrence + 1):
        start = node.raw.find(needle, start + 1)
        if start < 0:
            return node.location
    before = node.raw[:start]
    newlines = before.count("\n")
    loc = node.location
    if newlines == 0:
        return Location(loc.path, loc.line, loc.column + start)
    return Location(loc.path, loc.line + newlines, start - before.rfind("\n"))


def text_scalars(node: Node, skip: frozenset[str] = frozenset()) -> Iterator[ScalarNode]:
    """Every text value in ``node``, but those under the keys in ``skip``."""
    if isinstance(node, ScalarNode):
        if node.kind == "text":
            yield node
    elif isinstance(node, SequenceNode):
        for item in node.items:
            yield from text_scalars(item, skip)
    else:
        for name, (_key, value) in node.entries.items():
            if name not in skip:
                yield from text_scalars(value, skip)
