"""The types of value in a content format, each described once.

Each value type knows how to check a node of a located tree (YAML, or the TOML of the
settings), with messages that point at the line and say what to do; how to say itself in
JSON Schema, for editors; how to say itself in the format reference, for people; and how
to build its value for the model. Mappings are records (format/records.py), and rules across
keys are spec objects too (format/rules.py).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..common.errors import Diagnostics, closest
from ..common.urls import HTTP_URL_HELP, HTTP_URL_PATTERN, is_http_url
from .nodes import MappingNode, Node, ScalarNode, SequenceNode, point_inside

TODO_PATTERN = re.compile(r"\bTODO\b")
TODO_WARNING = "TODO left in the text; replace it with the words it stands for"
_READS_AS = {"boolean": "true/false", "integer": "a number", "number": "a number", "date": "a date"}
_UNQUOTED = ("a whole number", "true or false")


def _got(node: Node) -> str:
    if isinstance(node, ScalarNode):
        if node.kind == "text":
            return f"text '{node.value}'"
        syntax = "TOML" if node.path.suffix == ".toml" else "YAML"
        return f"{node.raw.strip()}, which {syntax} reads as {_READS_AS[node.kind]}"
    return "a list" if isinstance(node, SequenceNode) else "a mapping"


def wrong_type(name: str, wanted: str, node: Node, out: Diagnostics) -> None:
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


class Spec(ABC):
    """A type of value in a content file."""

    @abstractmethod
    def check(self, node: Node, name: str, out: Diagnostics) -> None:
        """Report every problem of ``node`` (called ``name`` in messages) in ``out``."""

    @abstractmethod
    def json_schema(self) -> dict[str, Any]: ...

    @abstractmethod
    def describe(self) -> str:
        """The value, as the format reference names it: 'text, at most 70 characters'."""

    def build(self, node: Node) -> Any:
        """The model's value for a checked node."""
        assert isinstance(node, ScalarNode)
        return node.value

    def default(self) -> Any:
        return None


@dataclass(frozen=True)
class Text(Spec):
    max_length: int | None = None
    pattern: str | None = None
    pattern_help: str = ""
    choices: tuple[str, ...] | None = None
    url: bool = False  # an absolute http(s) address
    non_empty: bool = True
    example: str = ""  # a valid value, for the reference and the generated tests

    def check(self, node: Node, name: str, out: Diagnostics) -> None:
        if not (isinstance(node, ScalarNode) and node.kind == "text"):
            wrong_type(name, "text", node, out)
            return
        value = str(node.value)
        if self.non_empty and not value.strip():
            out.error(f"{name} is empty; write something or remove the key", node.location)
        elif self.choices is not None and value not in self.choices:
            out.error(
                f"{name} must be one of {', '.join(self.choices)} (got '{value}')"
                + (
                    f" (did you mean '{match}'?)" if (match := closest(value, self.choices)) else ""
                ),
                node.location,
            )
        elif self.max_length is not None and len(value) > self.max_length:
            out.error(
                f"{name} is {len(value)} characters long, over the limit of "
                f"{self.max_length}; shorten it",
                node.location,
            )
        elif self.pattern is not None and not re.fullmatch(self.pattern, value):
            out.error(f"{name} must be {self.pattern_help} (got '{value}')", node.location)
        elif self.url and value and not is_http_url(value):
            out.error(f"{name} must be {HTTP_URL_HELP} (got '{value}')", node.location)
        if TODO_PATTERN.search(value):
            out.warning(TODO_WARNING, point_inside(node, "TODO"))

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string"}
        if self.choices is not None:
            schema["enum"] = list(self.choices)
        if self.max_length is not None:
            schema["maxLength"] = self.max_length
        if self.pattern is not None:
            schema["pattern"] = f"^(?:{self.pattern})$"
        elif self.url:
            optional = "" if self.non_empty else "|"
            schema["pattern"] = f"^(?:{optional}{HTTP_URL_PATTERN})$"
        elif self.non_empty:
            schema["pattern"] = r"\S"
        return schema

    def describe(self) -> str:
        kind = "text"
        if self.choices:
            kind = " \\| ".join(f"`{c}`" for c in self.choices)
        elif self.pattern_help:
            kind = f"text: {self.pattern_help}"
        elif self.url:
            kind = "http(s) address"
        if self.max_length:
            kind += f", at most {self.max_length} characters"
        return kind

    def default(self) -> Any:
        return ""


@dataclass(frozen=True)
class Markdown(Text):
    """Text in Markdown, checked for what the pages cannot show."""

    def check(self, node: Node, name: str, out: Diagnostics) -> None:
        super().check(node, name, out)
        if isinstance(node, ScalarNode) and isinstance(node.value, str) and "![" in node.value:
            from ..common.markdown import IMAGE_WARNING, images  # markdown-it, only when needed

            for number, (_start, alt) in enumerate(images(node.value)):
                out.warning(IMAGE_WARNING.format(alt=alt), point_inside(node, "![", number))


@dataclass(frozen=True)
class Integer(Spec):
    minimum: int | None = None

    def check(self, node: Node, name: str, out: Diagnostics) -> None:
        if not (isinstance(node, ScalarNode) and node.kind == "integer"):
            wrong_type(name, "a whole number", node, out)
        elif self.minimum is not None and int(str(node.value)) < self.minimum:
            out.error(f"{name} must be at least {self.minimum} (got {node.value})", node.location)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        return schema

    def describe(self) -> str:
        return "whole number" + (f", at least {self.minimum}" if self.minimum is not None else "")

    def default(self) -> Any:
        return 0


@dataclass(frozen=True)
class Boolean(Spec):
    def check(self, node: Node, name: str, out: Diagnostics) -> None:
        if not (isinstance(node, ScalarNode) and node.kind == "boolean"):
            wrong_type(name, "true or false", node, out)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}

    def describe(self) -> str:
        return "true or false"

    def default(self) -> Any:
        return False


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec
    min_items: int = 0

    def check(self, node: Node, name: str, out: Diagnostics) -> None:
        if not isinstance(node, SequenceNode):
            wrong_type(name, "a list", node, out)
            return
        if len(node.items) < self.min_items:
            entries = "entry" if self.min_items == 1 else "entries"
            out.error(f"{name} needs at least {self.min_items} {entries}", node.location)
        for item in node.items:
            self.item.check(item, f"each entry of {name}", out)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema

    def describe(self) -> str:
        least = f", at least {self.min_items}" if self.min_items else ""
        return f"list of {self.item.describe()}{least}"

    def build(self, node: Node) -> Any:
        assert isinstance(node, SequenceNode)
        return tuple(self.item.build(item) for item in node.items)

    def default(self) -> Any:
        return ()


@dataclass(frozen=True)
class ProjectFile(Text):
    """A file of the project, by its path from the project's folder."""

    suffixes: tuple[str, ...] = ()

    def check(self, node: Node, name: str, out: Diagnostics) -> None:
        super().check(node, name, out)
        value = node.value if isinstance(node, ScalarNode) else None
        if not isinstance(value, str) or not value:
            return
        parts = value.replace("\\", "/").split("/")
        if value.startswith(("/", "~")) or ":" in parts[0] or ".." in parts:
            out.error(
                f"{name} must be a path inside the project, from the folder that holds "
                f"pyproject.toml, like '{self.example}' (got '{value}')",
                node.location,
            )
        elif self.suffixes and not value.lower().endswith(self.suffixes):
            out.error(
                f"{name} must be a {', '.join(self.suffixes)} file (got '{value}')", node.location
            )

    def describe(self) -> str:
        return f"a file in the project: {', '.join(self.suffixes)}"


def _plain(node: Node) -> Any:
    """A checked value as plain, unchangeable Python: tables as read-only mappings,
    lists as tuples."""
    if isinstance(node, MappingNode):
        return MappingProxyType({n: _plain(value) for n, (_, value) in node.entries.items()})
    if isinstance(node, SequenceNode):
        return tuple(_plain(item) for item in node.items)
    assert isinstance(node, ScalarNode)
    return node.value


@dataclass(frozen=True)
class Table(Spec):
    """A table of the owner's own values, whatever they are."""

    def check(self, node: Node, name: str, out: Diagnostics) -> None:
        if not isinstance(node, MappingNode):
            wrong_type(name, "a table", node, out)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "object"}

    def describe(self) -> str:
        return "a table of your own values"

    def build(self, node: Node) -> Any:
        return _plain(node)

    def default(self) -> Any:
        return MappingProxyType({})


# A file beside a letter (its picture), by its path from its pack's folder, inside it: no
# '..', nothing hidden (each name starts with a letter or a digit).
PACK_IMAGE = Text(
    pattern=r"(?:[A-Za-z0-9][\w.-]*/)*[A-Za-z0-9][\w.-]*\.(?:png|jpe?g|webp|gif)",
    pattern_help="an image (.png, .jpg, .webp, .gif) in the pack's folder, like 'close-second.png'",
    example="close-second.png",
)
