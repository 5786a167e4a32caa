"""Rules across the keys of a record: spec objects like the value types in format/values.py.

A rule knows how to check a mapping, how to say itself in JSON Schema (where JSON Schema
can say it at all), and how to say itself in the format reference; it names the keys it
reads, so a record skips it when one of them was already wrong (one mistake, one
message). Rules about letter text live with the letter text, in format/placeholders.py.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from ..common.errors import Diagnostics
from .nodes import MappingNode, ScalarNode, SequenceNode


class Rule(ABC):
    @property
    @abstractmethod
    def keys(self) -> tuple[str, ...]:
        """The keys the rule reads from its mapping."""

    @abstractmethod
    def check(self, node: MappingNode, out: Diagnostics) -> None: ...

    @abstractmethod
    def json_schema(self) -> dict[str, Any] | None:
        """The rule in JSON Schema, or None where JSON Schema cannot say it."""

    @abstractmethod
    def describe(self) -> str:
        """The rule for the format reference, in Markdown."""


def _shown(value: str | bool) -> str:
    return str(value).lower() if isinstance(value, bool) else value


def find_key(node: MappingNode, dotted: str) -> tuple[MappingNode | None, ScalarNode | None]:
    """The mapping a dotted key belongs in (if the mappings on its way are there), and
    the key's own node in it (if it is there)."""
    *parents, last = dotted.split(".")
    for name in parents:
        below = node.get(name)
        if not isinstance(below, MappingNode):
            return None, None
        node = below
    entry = node.entries.get(last)
    return node, entry[0] if entry is not None else None


def _required(dotted: str) -> dict[str, Any]:
    """JSON Schema saying that a dotted key is present (where its mappings are)."""
    *parents, last = dotted.split(".")
    schema: dict[str, Any] = {"required": [last]}
    for name in reversed(parents):
        schema = {"properties": {name: schema}}
    return schema


@dataclass(frozen=True)
class When(Rule):
    """When ``key`` equals ``value``, the keys in ``require`` must be there and those in
    ``forbid`` must not; otherwise the keys in ``forbid_otherwise`` must not. Those may be
    dotted paths into a mapping below (``letter.subject``). A missing ``key`` has its
    default, never ``value``."""

    key: str
    value: str | bool
    require: tuple[str, ...] = ()
    forbid_otherwise: tuple[str, ...] = ()
    reason: str = ""
    forbid: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key,)

    def check(self, node: MappingNode, out: Diagnostics) -> None:
        subject = node.get(self.key)
        shown = _shown(self.value)
        if isinstance(subject, ScalarNode) and subject.value == self.value:
            for dotted in self.require:
                holder, present = find_key(node, dotted)
                if holder is not None and present is None:
                    reason = f"; {self.reason}" if self.reason else ""
                    out.error(
                        f"'{dotted}' is required when '{self.key}' is {shown}{reason}",
                        holder.location,
                    )
            for dotted in self.forbid:
                _, present = find_key(node, dotted)
                if present is not None:
                    out.error(
                        f"'{dotted}' is not allowed when '{self.key}' is {shown}; "
                        + (self.reason or "remove one of them"),
                        present.location,
                    )
            return
        for dotted in self.forbid_otherwise:
            _, present = find_key(node, dotted)
            if present is not None:
                out.error(
                    f"'{dotted}' is only allowed when '{self.key}' is {shown}; remove it",
                    present.location,
                )

    def json_schema(self) -> dict[str, Any]:
        condition = {"properties": {self.key: {"const": self.value}}, "required": [self.key]}
        result: dict[str, Any] = {"if": condition}
        then = [_required(k) for k in self.require]
        then += [{"not": _required(k)} for k in self.forbid]
        if then:
            result["then"] = {"allOf": then}
        if self.forbid_otherwise:
            result["else"] = {"not": {"anyOf": [_required(k) for k in self.forbid_otherwise]}}
        return result

    def describe(self) -> str:
        value = _shown(self.value) if isinstance(self.value, bool) else f"`{self.value}`"
        parts = []
        if self.require:
            keys = ", ".join(f"`{k}`" for k in self.require)
            parts.append(f"{keys} required when `{self.key}` is {value}")
        if self.forbid:
            keys = ", ".join(f"`{k}`" for k in self.forbid)
            parts.append(f"{keys} not allowed when `{self.key}` is {value}")
        if self.forbid_otherwise:
            keys = ", ".join(f"`{k}`" for k in self.forbid_otherwise)
            parts.append(f"{keys} only allowed when `{self.key}` is {value}")
        return "; ".join(parts)


@dataclass(frozen=True)
class NotBoth(Rule):
    """Flags that may not all be true at once."""

    flags: tuple[str, ...]
    reason: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        return self.flags

    def check(self, node: MappingNode, out: Diagnostics) -> None:
        values = [node.get(flag) for flag in self.flags]
        if all(isinstance(v, ScalarNode) and v.value is True for v in values):
            last = node.entries[self.flags[-1]]
            shown = " and ".join(f"'{flag}'" for flag in self.flags)
            reason = f": {self.reason}" if self.reason else ""
            out.error(f"{shown} cannot both be true{reason}", last[0].location)

    def json_schema(self) -> dict[str, Any]:
        both = {flag: {"const": True} for flag in self.flags}
        return {"not": {"properties": both, "required": list(self.flags)}}

    def describe(self) -> str:
        return f"{' and '.join(f'`{f}`' for f in self.flags)} not both true ({self.reason})"


@dataclass(frozen=True)
class Unique(Rule):
    """Each entry of the list ``items`` has its own ``key`` (field ids, say)."""

    items: str
    key: str
    what: str  # how a message names one entry: 'field'

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.items,)

    def check(self, node: MappingNode, out: Diagnostics) -> None:
        first: dict[object, int] = {}
        for item in entries_of(node, self.items):
            value = item.get(self.key)
            if not isinstance(value, ScalarNode):
                continue
            if value.value in first:
                out.error(
                    f"{self.what} {self.key} '{value.value}' is already used on line "
                    f"{first[value.value]}; give each {self.what} its own {self.key}",
                    value.location,
                )
            else:
                first[value.value] = value.line

    def json_schema(self) -> None:
        return None  # JSON Schema's uniqueItems compares whole entries, not one key

    def describe(self) -> str:
        return f"each entry of `{self.items}` has its own `{self.key}`"


def entries_of(node: MappingNode, items: str) -> list[MappingNode]:
    """The mappings in the list under ``items`` (what is not a mapping is reported by
    the list's own check)."""
    listed = node.get(items)
    if not isinstance(listed, SequenceNode):
        return []
    return [item for item in listed.items if isinstance(item, MappingNode)]


@dataclass(frozen=True)
class Needs(Rule):
    """``key`` is only allowed beside ``needs`` (it says something about it)."""

    key: str
    needs: str

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key,)

    def check(self, node: MappingNode, out: Diagnostics) -> None:
        entry = node.entries.get(self.key)
        if entry is not None and self.needs not in node.entries:
            out.error(
                f"'{self.key}' is only allowed with '{self.needs}'; add '{self.needs}' or "
                f"remove '{self.key}'",
                entry[0].location,
            )

    def json_schema(self) -> dict[str, Any]:
        return {"dependentRequired": {self.key: [self.needs]}}

    def describe(self) -> str:
        return f"`{self.key}` only allowed with `{self.needs}`"


@dataclass(frozen=True)
class OneOfList(Rule):
    """The value of ``key`` is one of the entries of the list ``options``."""

    key: str
    options: str

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key, self.options)

    def check(self, node: MappingNode, out: Diagnostics) -> None:
        value, listed = node.get(self.key), node.get(self.options)
        if not (isinstance(value, ScalarNode) and isinstance(listed, SequenceNode)):
            return
        choices = [str(item.value) for item in listed.items if isinstance(item, ScalarNode)]
        if value.value not in choices:
            out.error(
                f"'{self.key}' must be one of the {self.options} ({', '.join(choices)}); "
                f"got '{value.value}'",
                value.location,
            )

    def json_schema(self) -> None:
        return None  # JSON Schema cannot compare one key's value with another's

    def describe(self) -> str:
        return f"`{self.key}` is one of the `{self.options}`"


@dataclass(frozen=True)
class NoneOf(Rule):
    """No entry of the list ``items`` is one of ``values`` (a tag named like a channel
    would make two chips of one name)."""

    items: str
    values: tuple[str, ...]
    reason: str

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.items,)

    def check(self, node: MappingNode, out: Diagnostics) -> None:
        listed = node.get(self.items)
        if not isinstance(listed, SequenceNode):
            return
        for item in listed.items:
            if isinstance(item, ScalarNode) and item.value in self.values:
                out.error(
                    f"'{item.value}' cannot be one of the {self.items}: {self.reason}",
                    item.location,
                )

    def json_schema(self) -> dict[str, Any]:
        return {"properties": {self.items: {"items": {"not": {"enum": list(self.values)}}}}}

    def describe(self) -> str:
        return f"no entry of `{self.items}` is {', '.join(f'`{v}`' for v in self.values)}"
