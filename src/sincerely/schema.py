"""The content format, described once.

The same description checks files as they load (with messages that point at the line
and say what to do) and is published as a JSON Schema for editors, so that the two
can never disagree about what a valid file is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeAlias

from .errors import Diagnostics, closest, did_you_mean
from .urls import HTTP_URL_HELP, HTTP_URL_PATTERN, is_http_url
from .yamlnodes import MappingNode, Node, ScalarNode, SequenceNode, point_inside

_YAML_READS_AS = {
    "boolean": "true/false",
    "integer": "a number",
    "number": "a number",
    "date": "a date",
}


@dataclass(frozen=True)
class Text:
    doc: str = ""
    max_length: int | None = None
    pattern: str | None = None
    pattern_help: str = ""
    choices: tuple[str, ...] | None = None
    url: bool = False  # an absolute http(s) URL
    non_empty: bool = True
    markdown: bool = False  # Markdown: checked for what pages cannot show
    example: str = ""  # a valid value, for the reference and generated tests


@dataclass(frozen=True)
class Integer:
    doc: str = ""


@dataclass(frozen=True)
class Boolean:
    doc: str = ""


@dataclass(frozen=True)
class ListOf:
    item: Spec
    doc: str = ""
    min_items: int = 0


@dataclass(frozen=True)
class Key:
    name: str
    spec: Spec
    required: bool = False


@dataclass(frozen=True)
class When:
    """A rule between keys: when ``key`` equals ``value``, the keys in ``require`` must be
    present; otherwise the keys in ``forbid_otherwise`` must not. A required or forbidden
    key may be a dotted path into a mapping below (``letter.subject``)."""

    key: str
    value: str | bool
    require: tuple[str, ...] = ()
    forbid_otherwise: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class NotBoth:
    """A rule between flags: the keys may not all be true at once."""

    keys: tuple[str, ...]
    reason: str = ""


Rule: TypeAlias = When | NotBoth


@dataclass(frozen=True)
class Record:
    keys: tuple[Key, ...]
    doc: str = ""
    rules: tuple[Rule, ...] = ()

    def key(self, name: str) -> Key:
        return next(k for k in self.keys if k.name == name)


Spec: TypeAlias = Text | Integer | Boolean | ListOf | Record


_UNQUOTED = ("a whole number", "true or false")


def _got(node: Node) -> str:
    if isinstance(node, ScalarNode):
        if node.kind == "text":
            return f"text '{node.value}'"
        return f"{node.raw.strip()}, which YAML reads as {_YAML_READS_AS[node.kind]}"
    return "a list" if isinstance(node, SequenceNode) else "a mapping"


def _wrong_type(name: str, wanted: str, node: Node, out: Diagnostics) -> None:
    """Report a value of the wrong type, saying how to write it instead."""
    if isinstance(node, ScalarNode) and node.kind == "null":
        out.error(f"{name} has no value; write one or remove the key", node.location)
        return
    message = f"{name} must be {wanted} (got {_got(node)})"
    if isinstance(node, MappingNode) and node.flow and wanted == "text":
        message = (
            f"{name} starts with '{{', so YAML read it as a mapping, not text; "
            "put the whole text in quotes or use a block scalar (|)"
        )
    elif isinstance(node, ScalarNode) and node.plain and wanted == "text":
        message += "; put it in quotes"
    elif isinstance(node, ScalarNode) and not node.plain and wanted in _UNQUOTED:
        message += "; remove the quotes"
    elif wanted == "a list":
        message += "; write a list, like [a, b], or one '- item' per line"
    out.error(message, node.location)


def check(node: Node, spec: Spec, name: str, out: Diagnostics) -> bool:
    """Check ``node`` against ``spec``; report each problem; True when it conforms."""
    before = out.error_count
    _check(node, spec, f"'{name}'" if name else "the file", out)
    return out.error_count == before


def _check(node: Node, spec: Spec, name: str, out: Diagnostics) -> None:
    if isinstance(spec, Record):
        _check_record(node, spec, name, out)
    elif isinstance(spec, ListOf):
        if not isinstance(node, SequenceNode):
            _wrong_type(name, "a list", node, out)
            return
        if len(node.items) < spec.min_items:
            entries = "entry" if spec.min_items == 1 else "entries"
            out.error(f"{name} needs at least {spec.min_items} {entries}", node.location)
        for item in node.items:
            _check(item, spec.item, f"each entry of {name}", out)
    elif isinstance(spec, Integer):
        if not (isinstance(node, ScalarNode) and node.kind == "integer"):
            _wrong_type(name, "a whole number", node, out)
    elif isinstance(spec, Boolean):
        if not (isinstance(node, ScalarNode) and node.kind == "boolean"):
            _wrong_type(name, "true or false", node, out)
    else:
        _check_text(node, spec, name, out)


def _check_text(node: Node, spec: Text, name: str, out: Diagnostics) -> None:
    if not (isinstance(node, ScalarNode) and node.kind == "text"):
        _wrong_type(name, "text", node, out)
        return
    value = str(node.value)
    if spec.non_empty and not value.strip():
        out.error(f"{name} is empty; write something or remove the key", node.location)
    elif spec.choices is not None and value not in spec.choices:
        out.error(
            f"{name} must be one of {', '.join(spec.choices)} (got '{value}')"
            + did_you_mean(value, spec.choices),
            node.location,
        )
    elif spec.max_length is not None and len(value) > spec.max_length:
        out.error(
            f"{name} is {len(value)} characters long, over the limit of {spec.max_length}; "
            "shorten it",
            node.location,
        )
    elif spec.pattern is not None and not re.fullmatch(spec.pattern, value):
        out.error(f"{name} must be {spec.pattern_help} (got '{value}')", node.location)
    elif spec.url and not is_http_url(value):
        out.error(f"{name} must be {HTTP_URL_HELP} (got '{value}')", node.location)
    if spec.markdown and "![" in value:
        from .markdown import IMAGE_WARNING, images  # markdown-it, only when needed

        for number, (_start, alt) in enumerate(images(value)):
            out.warning(IMAGE_WARNING.format(alt=alt), point_inside(node, "![", number))


def _check_record(node: Node, spec: Record, name: str, out: Diagnostics) -> None:
    if not isinstance(node, MappingNode):
        _wrong_type(name, "a mapping of keys to values", node, out)
        return
    known = {k.name: k for k in spec.keys}
    meant: set[str] = set()  # required keys that a misspelt key was surely meant to be
    broken: set[str] = set()  # keys whose values were wrong: rules on them would only echo
    for key_name, (key_node, value) in node.entries.items():
        key = known.get(key_name)
        if key is None:
            match = closest(key_name, (k for k in known if k not in node.entries))
            if match:
                meant.add(match)
                out.error(f"unknown key '{key_name}' (did you mean '{match}'?)", key_node.location)
            else:
                out.error(
                    f"unknown key '{key_name}'; allowed here: {', '.join(known)}",
                    key_node.location,
                )
            continue
        before = out.error_count
        _check(value, key.spec, f"'{key_name}'", out)
        if out.error_count > before:
            broken.add(key_name)
    for key in spec.keys:
        # One mistake, one message: a misspelt required key is not also "missing".
        if key.required and key.name not in node.entries and key.name not in meant:
            out.error(f"missing required key '{key.name}'", node.location)
    for rule in spec.rules:
        if not broken.intersection(rule.keys if isinstance(rule, NotBoth) else (rule.key,)):
            _check_rule(node, rule, out)


def _find(node: MappingNode, dotted: str) -> tuple[MappingNode, ScalarNode] | None:
    """The mapping that holds a dotted key, and the key's own node, if it is there."""
    *parents, last = dotted.split(".")
    for name in parents:
        below = node.get(name)
        if not isinstance(below, MappingNode):
            return None
        node = below
    entry = node.entries.get(last)
    return (node, entry[0]) if entry is not None else None


def _holder(node: MappingNode, dotted: str) -> MappingNode | None:
    """The mapping a dotted key belongs in, if the mappings on its way are there."""
    for name in dotted.split(".")[:-1]:
        below = node.get(name)
        if not isinstance(below, MappingNode):
            return None
        node = below
    return node


def _check_rule(node: MappingNode, rule: Rule, out: Diagnostics) -> None:
    if isinstance(rule, NotBoth):
        flags = [node.entries.get(key) for key in rule.keys]
        if all(
            f is not None and isinstance(f[1], ScalarNode) and f[1].value is True for f in flags
        ):
            last = flags[-1]
            assert last is not None
            shown = " and ".join(f"'{key}'" for key in rule.keys)
            out.error(
                f"{shown} cannot both be true" + (f": {rule.reason}" if rule.reason else ""),
                last[0].location,
            )
        return
    subject = node.get(rule.key)  # absent: the key's default, never the rule's value
    shown = str(rule.value).lower() if isinstance(rule.value, bool) else rule.value
    if isinstance(subject, ScalarNode) and subject.value == rule.value:
        for key in rule.require:
            holder = _holder(node, key)
            if holder is not None and _find(node, key) is None:
                out.error(
                    f"'{key}' is required when '{rule.key}' is {shown}"
                    + (f"; {rule.reason}" if rule.reason else ""),
                    holder.location,
                )
        return
    for key in rule.forbid_otherwise:
        found = _find(node, key)
        if found is not None:
            out.error(
                f"'{key}' is only allowed when '{rule.key}' is {shown}; remove it",
                found[1].location,
            )


def to_json_schema(spec: Spec) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) equivalent of ``spec``."""
    if isinstance(spec, Record):
        schema: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "properties": {k.name: to_json_schema(k.spec) for k in spec.keys},
        }
        required = [k.name for k in spec.keys if k.required]
        if required:
            schema["required"] = required
        rules = [_rule_schema(rule) for rule in spec.rules]
        if rules:
            schema["allOf"] = rules
    elif isinstance(spec, ListOf):
        schema = {"type": "array", "items": to_json_schema(spec.item)}
        if spec.min_items:
            schema["minItems"] = spec.min_items
    elif isinstance(spec, Integer):
        schema = {"type": "integer"}
    elif isinstance(spec, Boolean):
        schema = {"type": "boolean"}
    else:
        schema = {"type": "string"}
        if spec.choices is not None:
            schema["enum"] = list(spec.choices)
        if spec.max_length is not None:
            schema["maxLength"] = spec.max_length
        if spec.pattern is not None:
            schema["pattern"] = f"^(?:{spec.pattern})$"
        elif spec.url:
            schema["pattern"] = f"^(?:{HTTP_URL_PATTERN})$"
        elif spec.non_empty:
            schema["pattern"] = r"\S"
    if spec.doc:
        schema["description"] = spec.doc
    return schema


def _required(dotted: str) -> dict[str, Any]:
    """JSON Schema saying that a dotted key is present (where its mappings are)."""
    *parents, last = dotted.split(".")
    schema: dict[str, Any] = {"required": [last]}
    for name in reversed(parents):
        schema = {"properties": {name: schema}}
    return schema


def _rule_schema(rule: Rule) -> dict[str, Any]:
    if isinstance(rule, NotBoth):
        both = {key: {"const": True} for key in rule.keys}
        return {"not": {"properties": both, "required": list(rule.keys)}}
    condition = {"properties": {rule.key: {"const": rule.value}}, "required": [rule.key]}
    result: dict[str, Any] = {"if": condition}
    if rule.require:
        result["then"] = {"allOf": [_required(key) for key in rule.require]}
    if rule.forbid_otherwise:
        result["else"] = {"not": {"anyOf": [_required(key) for key in rule.forbid_otherwise]}}
    return result
