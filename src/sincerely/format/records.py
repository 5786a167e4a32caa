"""Records: the mappings of a content format, read off the model's dataclasses.

A model dataclass whose fields are declared with :func:`key` is a format: each such
field is a key of the file, with its value's type (format/values.py), its documentation, and
whether a file must have it (required) or should (recommended: a warning without it).
:meth:`Record.of` reads the record off the class, with the class's ``FORMAT_RULES``
(format/rules.py), so the checker, the JSON Schema, the reference and the model are one
definition.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..common.errors import Diagnostics, closest
from .nodes import MappingNode, Node, ScalarNode
from .values import ListOf, Markdown, Spec, Text, wrong_type

# The settings' record has no rules, and a build with nothing to do reads only the
# settings: the rules are imported by the formats that have them.
if TYPE_CHECKING:
    from .rules import Rule


@dataclass(frozen=True)
class Key:
    """One key of a record: its name, its value's type, what it is for, and whether a
    file must have it (required), or should (recommended: a warning without it)."""

    name: str
    spec: Spec
    doc: str
    required: bool = False
    recommended: str = ""  # the warning when it is missing; may name a sibling, '{id}'
    warn_at: str = ""  # the sibling key whose line that warning points at


_KEY = "sincerely.key"


def key(
    spec: Spec,
    doc: str,
    *,
    required: bool = False,
    recommended: str = "",
    warn_at: str = "",
    default: Any = dataclasses.MISSING,
) -> Any:
    """A model dataclass field that is also a key of its file's format."""
    info = {"spec": spec, "doc": doc, "required": required}
    info |= {"recommended": recommended, "warn_at": warn_at}
    if required:
        return dataclasses.field(metadata={_KEY: info})
    value = spec.default() if default is dataclasses.MISSING else default
    if type(value).__hash__ is None:  # a read-only mapping: shared, never changed
        return dataclasses.field(default_factory=lambda: value, metadata={_KEY: info})
    return dataclasses.field(default=value, metadata={_KEY: info})


@dataclass(frozen=True)
class Record(Spec):
    """A mapping of known keys, read off a model dataclass (see :meth:`of`)."""

    model: type
    keys: tuple[Key, ...]
    rules: tuple[Rule, ...]
    doc: str

    @staticmethod
    @cache
    def of(model: type) -> Record:
        keys = tuple(
            Key(f.name, **f.metadata[_KEY]) for f in dataclasses.fields(model) if _KEY in f.metadata
        )
        doc = (model.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        return Record(model, keys, tuple(getattr(model, "FORMAT_RULES", ())), doc)

    def key(self, name: str) -> Key:
        return next(k for k in self.keys if k.name == name)

    @cached_property
    def _known(self) -> dict[str, Key]:
        """Its keys by name (checking a letter looks them up a hundred times)."""
        return {k.name: k for k in self.keys}

    def check(self, node: Node, name: str, out: Diagnostics) -> None:
        if not isinstance(node, MappingNode):
            wrong_type(name, "a mapping of keys to values", node, out)
            return
        known = self._known
        # A TOML table (the settings) is named in messages: pyproject.toml holds others.
        table = f" in {name}" if name.startswith("[") else ""
        meant: set[str] = set()  # required keys that a misspelt key was surely meant to be
        broken: set[str] = set()  # keys whose values were wrong: rules on them would echo
        for key_name, (key_node, value) in node.entries.items():
            found = known.get(key_name)
            if found is None:
                match = closest(key_name, (k for k in known if k not in node.entries))
                if match:
                    meant.add(match)
                    message = f"unknown key '{key_name}'{table} (did you mean '{match}'?)"
                else:
                    message = f"unknown key '{key_name}'{table}; allowed here: {', '.join(known)}"
                out.error(message, key_node.location)
                continue
            before = out.error_count
            # A table within a TOML table is named as its header: [tool.sincerely.allow].
            nested = table and isinstance(found.spec, Record)
            found.spec.check(value, f"{name[:-1]}.{key_name}]" if nested else f"'{key_name}'", out)
            if out.error_count > before:
                broken.add(key_name)
        for k in self.keys:
            # One mistake, one message: a misspelt required key is not also "missing".
            if k.required and k.name not in node.entries and k.name not in meant:
                out.error(f"missing required key '{k.name}'", node.location)
            elif k.recommended and k.name not in node.entries:
                _recommend(node, k, out)
        for rule in self.rules:
            if not broken.intersection(rule.keys):
                rule.check(node, out)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "properties": {},
        }
        for k in self.keys:
            schema["properties"][k.name] = k.spec.json_schema() | {"description": k.doc}
        required = [k.name for k in self.keys if k.required]
        if required:
            schema["required"] = required
        rules = [s for rule in self.rules if (s := rule.json_schema()) is not None]
        if rules:
            schema["allOf"] = rules
        if self.doc:
            schema["description"] = self.doc
        return schema

    def describe(self) -> str:
        return "mapping"

    def build(self, node: Node, **derived: Any) -> Any:
        """The model object of a checked mapping; ``derived`` are the model's fields that
        do not come from the file (a scenario's pack and slug)."""
        assert isinstance(node, MappingNode)
        values = {k.name: k.spec.build(v) for k in self.keys if (v := node.get(k.name)) is not None}
        return self.model(**values, **derived)

    def default(self) -> Any:
        return self.model()

    def prose(self, obj: Any) -> Iterator[str]:
        """Every Markdown value of ``obj``, a model object of this record (its links are
        checked: build/links.py)."""
        for k in self.keys:
            yield from _prose(k.spec, getattr(obj, k.name))


def _prose(spec: Spec, value: Any) -> Iterator[str]:
    if isinstance(spec, Markdown):
        yield value
    elif isinstance(spec, ListOf):
        for item in value:
            yield from _prose(spec.item, item)
    elif isinstance(spec, MapOf):
        for item in dict(value).values():  # a mapping, or pairs (format/coach.py)
            yield from _prose(spec.value, item)
    elif isinstance(spec, Record) and value is not None:
        yield from spec.prose(value)


@dataclass(frozen=True)
class MapOf(Spec):
    """A mapping of names of one's own choosing (each checked as ``name``) to values."""

    name: Text
    value: Spec
    example: str  # a mapping of two entries, as YAML writes it in one line

    def check(self, node: Node, name: str, out: Diagnostics) -> None:
        if not isinstance(node, MappingNode):
            wrong_type(name, f"a mapping, like {self.example}", node, out)
            return
        for key_node, value in node.entries.values():
            self.name.check(key_node, f"each key of {name}", out)
            self.value.check(value, f"'{key_node.value}' in {name}", out)

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "propertyNames": self.name.json_schema(),
            "additionalProperties": self.value.json_schema(),
        }

    def describe(self) -> str:
        return f"mapping of {self.name.describe()} to {self.value.describe()}"

    def build(self, node: Node) -> Any:
        assert isinstance(node, MappingNode)
        return MappingProxyType({n: self.value.build(v) for n, (_, v) in node.entries.items()})

    def default(self) -> Any:
        return MappingProxyType({})


def _recommend(node: MappingNode, key: Key, out: Diagnostics) -> None:
    siblings: Mapping[str, Any] = {
        name: value.value
        for name, (_, value) in node.entries.items()
        if isinstance(value, ScalarNode)
    }
    where = node.get(key.warn_at) if key.warn_at else None
    try:
        message = key.recommended.format_map(siblings)
    except (KeyError, ValueError):
        return  # the sibling it names is missing or broken, and reported on its own
    out.warning(message, where.location if where is not None else node.location)


def check(node: Node, spec: Spec, out: Diagnostics) -> bool:
    """Check a whole file's ``node``; report each problem; True when it has no error."""
    before = out.error_count
    spec.check(node, "the file", out)
    return out.error_count == before
