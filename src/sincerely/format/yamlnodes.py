"""Strict YAML reading: a tree of nodes that remember where they stand in the file.

PyYAML's loaders coerce (``title: yes`` becomes True), silently keep the last of two
duplicate keys and expand aliases (the "billion laughs"). We read the event stream of
libyaml (CSafeLoader, about twenty times faster than the pure-Python parser, and its
events still carry marks) and build our own small tree instead, refusing anchors,
aliases and tags outright and keeping every scalar's type so that validation can say
"quote it" rather than guess.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..common.errors import BuildError, Diagnostic, Location, Severity
from .nodes import MappingNode, Node, Scalar, ScalarNode, SequenceNode, point_inside

try:  # pragma: no branch - which loader exists depends on how PyYAML was built
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 1_000_000
# A scenario nests four levels (letter > blocks > a block > its text); anything far deeper
# is a mistake, and walking it would exhaust the interpreter's stack.
MAX_DEPTH = 20
# The characters YAML 1.1 does not allow in a document (PyYAML's reader refuses them
# with no line number, so we find them first and point at them).
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What no text may hold, however it was written (a quoted string's escapes included):
# control characters but tab and newline, lone surrogates and the two non-characters.
# They cannot be shown, and XML (the Word download) refuses them.
NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0abtnvfreN])")
_NAMED_ESCAPES = {"0": 0, "a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13}
_NAMED_ESCAPES.update({"e": 27, "N": 0x85})


def _escaped(escape: str) -> str:
    """The character a double-quoted string's escape stands for."""
    code = escape[1:]
    return chr(_NAMED_ESCAPES[code] if code in _NAMED_ESCAPES else int(code[1:], 16))


# PyYAML's own YAML 1.1 rules for what a plain scalar is (bool, int, float, null...),
# asked once for each text (keys are the same few words in every file)...
_plain_tag: Callable[[str], str] = functools.lru_cache(maxsize=4096)(
    functools.partial(yaml.resolver.Resolver().resolve, yaml.ScalarNode, implicit=(True, False))
)
_constructor = yaml.constructor.SafeConstructor()
# ... for a text that starts as their words may (a digit, y, n, ~...); any other is text.
_MAY_RESOLVE = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)
_NESTING: dict[type, int] = {yaml.SequenceStartEvent: 1, yaml.MappingStartEvent: 1}
_NESTING |= {yaml.SequenceEndEvent: -1, yaml.MappingEndEvent: -1}
_KINDS = {
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:int": "integer",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "date",
}


@dataclass
class _Builder:
    path: Path
    source: str
    events: list[Any] = field(default_factory=list)
    position: int = 0
    problems: list[tuple[str, Location]] = field(default_factory=list)

    def where(self, mark: Any) -> Location:
        return Location(self.path, mark.line + 1, mark.column + 1)

    def refuse_extras(self, event: Any) -> None:
        anchor = getattr(event, "anchor", None)
        if anchor is not None and not isinstance(event, yaml.AliasEvent):
            self.problems.append(
                (
                    f"anchors ('&{anchor}') are not allowed in content files; "
                    "write the value out in full",
                    self.where(event.start_mark),
                )
            )
        tag: str | None = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)
        explicit = not any(implicit) if isinstance(implicit, tuple) else not implicit
        if tag is not None and explicit and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.problems.append(
                (
                    f"tags ('{shown}') are not allowed in content files; remove the tag",
                    self.where(event.start_mark),
                )
            )

    def scalar(self, event: Any) -> ScalarNode:
        text: str = event.value
        mark = event.start_mark
        span = (self.path, mark.line + 1, mark.column + 1, self.source, mark.index)
        end = event.end_mark.index
        if event.style:  # quoted or a block scalar: always text
            node = ScalarNode(text, "text", False, *span, end)
            if NOT_TEXT.search(text):
                self.refuse_character(node)
            return node
        tag = _plain_tag(text) if text[:1] in _MAY_RESOLVE or None in _MAY_RESOLVE else ""
        kind = _KINDS.get(tag, "text")
        if kind == "text":  # the common case needs no constructor
            return ScalarNode(text, "text", True, *span, end)
        value: Scalar
        try:
            value = _constructor.construct_object(yaml.ScalarNode(tag, text))
        except (yaml.YAMLError, ValueError):
            value, kind = text, "text"
        return ScalarNode(value, kind, True, *span, end)

    def refuse_character(self, node: ScalarNode) -> None:
        """Point at a character no text may hold: at the escape that wrote it, if any."""
        bad = NOT_TEXT.search(str(node.value))
        assert bad is not None
        code = f"U+{ord(bad[0]):04X}"
        for escape in _ESCAPE.finditer(node.raw):
            if _escaped(escape[0]) == bad[0]:
                where = point_inside(node, escape[0])
                shown = f"the control character {code}, written as '{escape[0]}'"
                break
        else:
            where, shown = node.location, f"the control character {code}"
        message = f"the text holds {shown}; remove it: it cannot be shown, and breaks downloads"
        self.problems.append((message, where))

    def build(self) -> Node:
        event = self.events[self.position]
        self.position += 1
        if getattr(event, "anchor", None) is not None or getattr(event, "tag", None) is not None:
            self.refuse_extras(event)
        if type(event) is yaml.ScalarEvent:  # most are: the cheapest test first
            return self.scalar(event)
        if isinstance(event, yaml.AliasEvent):
            mark: Any = event.start_mark
            alias = f"aliases ('*{event.anchor}') are not allowed in content files"
            self.problems.append((f"{alias}; write the value out in full", self.where(mark)))
            return ScalarNode(
                None, "null", True, self.path, mark.line + 1, mark.column + 1, "", 0, 0
            )
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Node] = []
            while type(self.events[self.position]) is not yaml.SequenceEndEvent:
                items.append(self.build())
            self.position += 1  # past its end
            mark = event.start_mark
            return SequenceNode(
                tuple(items), self.path, mark.line + 1, mark.column + 1, bool(event.flow_style)
            )
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(event)
        raise AssertionError(f"unexpected YAML event {event!r}")  # pragma: no cover

    def mapping(self, start: Any) -> MappingNode:
        entries: dict[str, tuple[ScalarNode, Node]] = {}
        while type(self.events[self.position]) is not yaml.MappingEndEvent:
            key = self.build()
            value = self.build()
            if not isinstance(key, ScalarNode):
                self.problems.append(
                    ("a key must be a plain word, not a list or mapping", key.location)
                )
                continue
            name = str(key.value) if not key.plain else key.raw.strip()
            if name in entries:
                first = entries[name][0].location.line
                self.problems.append(
                    (
                        f"duplicate key '{name}' (first given on line {first}); keep one of them",
                        key.location,
                    )
                )
                continue
            entries[name] = (key, value)
        self.position += 1  # past its end
        mark = start.start_mark
        return MappingNode(
            entries, self.path, mark.line + 1, mark.column + 1, bool(start.flow_style)
        )


def _read_events(path: Path, text: str) -> list[Any]:
    """Every event of the document, straight from the parser (libyaml's, when there);
    a located error at the first collection nested past MAX_DEPTH (the tree is built by
    recursion, and no content file needs more than a few levels)."""
    parser = _Loader(text)
    try:
        events = []
        open_collections = 0
        # One call a event (get_event gives None at the end), and the event's class
        # looked up, not tested against a union: this loop runs a hundred times a letter.
        for event in iter(parser.get_event, None):
            step = _NESTING.get(type(event))
            if step is not None:
                if step > 0 and open_collections > MAX_DEPTH:
                    mark: Any = event.start_mark
                    raise BuildError.single(
                        f"values are nested more than {MAX_DEPTH} levels deep; content files "
                        "need a few levels at most: check the brackets and indentation here",
                        Location(path, mark.line + 1, mark.column + 1),
                    )
                open_collections += step
            events.append(event)
        return events
    finally:
        parser.dispose()


def _events(path: Path, text: str) -> list[Any]:
    """The document's events, with the depth checked first, whatever the parser does."""
    try:
        return _read_events(path, text)
    except yaml.MarkedYAMLError as failure:
        # libyaml 0.2.6 refuses nesting past 1,000 levels, and looks up to 1,024
        # characters ahead: in a run of brackets it fails before handing over the events
        # that pass our far smaller limit. The text before a failure gives the same
        # events up to there, so reading it alone again lets our check see them first.
        mark = failure.problem_mark
        if mark is not None and 0 < mark.index < len(text):
            with contextlib.suppress(yaml.YAMLError):
                _read_events(path, text[: mark.index])
        raise


def decode(path: Path, data: bytes) -> str:
    """Decode a content file, or raise a located error that says how to fix it."""
    if len(data) > MAX_FILE_BYTES:
        raise BuildError.single(
            f"file is {len(data):,} bytes, over the limit of {MAX_FILE_BYTES:,}; "
            "a letter template should be far smaller",
            Location(path),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BuildError.single(
            f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
            Location.at_offset(path, data[: exc.start].decode("utf-8"), exc.start),
        ) from None
    text = text.removeprefix("\ufeff")
    bad = _NOT_YAML.search(text)
    if bad is not None:
        raise BuildError.single(
            f"the file contains the control character U+{ord(bad[0]):04X}, which YAML does "
            "not allow; delete it (an editor may show it as a box or nothing at all)",
            Location.at_offset(path, text, bad.start()),
        )
    return text


_FLOW_SLIP = re.compile(r"(?:^|:|-)\s+\{")


def _explain(text: str, location: Location, problem: str) -> str:
    """A syntax error, with the likely fix where the slip is a common one."""
    lines = text.splitlines()
    line = lines[location.line - 1] if 0 < location.line <= len(lines) else ""
    if "\t" in line[: len(line) - len(line.lstrip())]:  # the slip, even before a '{'
        return f"YAML syntax error: {problem}; YAML forbids tabs in indentation: use spaces"
    if _FLOW_SLIP.search(line.split("#")[0]):
        return (
            f"YAML syntax error: {problem}; a value that starts with '{{' is read as a "
            "mapping: put the whole text in quotes or use a block scalar (|)"
        )
    return f"YAML syntax error: {problem}; check the indentation and quoting on this line"


def parse(path: Path, text: str) -> Node:
    """Parse one YAML document into a located node tree, or raise a BuildError."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise BuildError.single("file is empty; see CONTRIBUTING.md for the format", Location(path))
    builder = _Builder(path, text)
    try:
        # Reading every event first keeps the builder a plain recursive walk; a content
        # file is small (at most MAX_FILE_BYTES), so the list is too.
        builder.events = _events(path, text)
        builder.position = 2  # past StreamStart and DocumentStart
        root = builder.build()
        extra = builder.events[builder.position + 1]
        if not isinstance(extra, yaml.StreamEndEvent):
            raise BuildError.single(
                "a content file holds one YAML document; remove the extra '---'",
                builder.where(extra.start_mark),
            )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        location = builder.where(mark) if mark is not None else Location(path)
        problem = exc.problem or exc.context or "cannot be read"
        raise BuildError.single(_explain(text, location, problem), location) from None
    except yaml.YAMLError as exc:
        raise BuildError.single(f"YAML syntax error: {exc}", Location(path)) from None
    if builder.problems:
        raise BuildError([Diagnostic(Severity.ERROR, m, loc) for m, loc in builder.problems])
    return root
