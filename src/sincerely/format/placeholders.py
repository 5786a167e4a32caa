"""Letter text with {placeholders}: parsing it, its type in the format, and the rules that
tie placeholders to fields and keep a letter short.

``{id}`` inserts the field with that id; ``{{`` and ``}}`` are literal braces; anything
else in braces is an error, pointed at where it stands in the file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..common.errors import Diagnostics, closest
from ..common.pickling import pickled_as_tuple
from .nodes import MappingNode, Node, ScalarNode, SequenceNode, point_inside
from .rules import Rule, entries_of
from .values import Text

FIELD_ID = r"[a-z][a-z0-9_]*"

_PLACEHOLDER_OR_BRACE = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")
_FIELD_ID = re.compile(FIELD_ID)
_WORD = re.compile(r"\S+")


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Blank:
    """A placeholder in a letter: the place where a field's value goes."""

    field_id: str


Segment = str | Blank

# One Blank for each field id, shared by every template: a letter's blanks are the same
# few ids again and again, and a pickle of a pack's letters (load/preload.py) then holds
# each once rather than each time it is used.
_blank = functools.cache(Blank)


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    message: str
    token: str  # the text at fault, to point at it in the source
    occurrence: int  # which occurrence of ``token`` in the text


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Template:
    """Letter text split into literal text and blanks: each of `segments` is text, or a
    blank with the `field_id` of its field (the theme's `template_text` macro shows
    one)."""

    segments: tuple[Segment, ...]

    @property
    def blank_ids(self) -> tuple[str, ...]:
        """The ids of its blanks' fields, in order."""
        return tuple(s.field_id for s in self.segments if isinstance(s, Blank))

    def fill(self, values: Mapping[str, str]) -> str:
        """The text with each blank filled from ``values``, by field id."""
        return "".join(s if isinstance(s, str) else values[s.field_id] for s in self.segments)

    def word_count(self) -> int:
        """How many words it has, a blank counting as one, whatever fills it."""
        return len(_WORD.findall(self.fill(_OneWord())))


class _OneWord(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "x"


def placeholder_occurrences(text: str) -> list[tuple[str, int]]:
    """Each well-formed placeholder's field id, in order, with which occurrence of its
    token ('{id}') in ``text`` it is, so that a message can point at the right one."""
    return [
        (match[1], text.count(match[0], 0, match.start()))
        for match in _PLACEHOLDER_OR_BRACE.finditer(text)
        if match[1] is not None and _FIELD_ID.fullmatch(match[1])
    ]


# A letter's text is parsed when it is checked, by the rules on its length and blanks,
# and when the model is built: once is enough (what it gives is immutable).
@functools.lru_cache(maxsize=4096)
def parse_template(text: str) -> tuple[Template, tuple[TemplateProblem, ...]]:
    """Split ``text`` at ``{id}`` placeholders; ``{{`` and ``}}`` are literal braces."""
    segments: list[Segment] = []
    problems: list[TemplateProblem] = []
    literal: list[str] = []
    position = 0
    for match in _PLACEHOLDER_OR_BRACE.finditer(text):
        literal.append(text[position : match.start()])
        position = match.end()
        token = match[0]
        # Which occurrence of the token's text this is, counting every one in the text
        # (a lone '{' after '{name}' is the second '{'), so the source can be searched.
        occurrence = text.count(token, 0, match.start())
        if token in ("{{", "}}"):
            literal.append(token[0])
        elif match[1] is not None and _FIELD_ID.fullmatch(match[1]):
            segments.append("".join(literal))
            literal = []
            segments.append(_blank(match[1]))
        elif match[1] is not None:
            problems.append(
                TemplateProblem(
                    f"'{token}' is not a placeholder: a placeholder is a field id in braces, "
                    "like {manager_name}; write {{ and }} for literal braces",
                    token,
                    occurrence,
                )
            )
        elif token == "{":
            problems.append(
                TemplateProblem(
                    "'{' is never closed: close the placeholder with '}', "
                    "or write {{ for a literal brace",
                    token,
                    occurrence,
                )
            )
        else:
            problems.append(
                TemplateProblem("stray '}': write }} for a literal brace", token, occurrence)
            )
    literal.append(text[position:])
    segments.append("".join(literal))
    return Template(tuple(s for s in segments if s != "")), tuple(problems)


@dataclass(frozen=True)
class TemplateText(Text):
    """Text with placeholders, built into a Template."""

    def check(self, node: Node, name: str, out: Diagnostics) -> None:
        super().check(node, name, out)
        if isinstance(node, ScalarNode) and node.kind == "text":
            for problem in parse_template(str(node.value))[1]:
                out.error(problem.message, point_inside(node, problem.token, problem.occurrence))

    def build(self, node: Node) -> Any:
        assert isinstance(node, ScalarNode)
        return parse_template(str(node.value))[0]

    def default(self) -> Any:
        return None


def text_nodes(node: MappingNode, dotted: str) -> list[ScalarNode]:
    """The text values at a dotted path, where a step may be a list of mappings
    ('letter.blocks.text': the text of every block)."""
    found: list[Node] = [node]
    for step in dotted.split("."):
        below: list[Node] = []
        for current in found:
            if isinstance(current, MappingNode):
                value = current.get(step)
                if value is not None and isinstance(value, MappingNode | ScalarNode):
                    below.append(value)
                elif value is not None:
                    below.extend(entries_of(current, step))
        found = below
    return [n for n in found if isinstance(n, ScalarNode) and n.kind == "text"]


@dataclass(frozen=True)
class PlaceholdersNameFields(Rule):
    """Every placeholder in the texts names a field of the list ``fields``, and every
    field is used by some placeholder (a warning: a blank the letter never shows)."""

    fields: str
    texts: tuple[str, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return ()  # it judges what it can itself: ids that are valid, texts that are text

    def _ids(self, node: MappingNode) -> dict[str, ScalarNode] | None:
        """Each field's id and its node; None when some field has no valid id, since then
        no placeholder can be judged."""
        if not isinstance(node.get(self.fields), SequenceNode):
            return None  # no list of fields: its absence is the one mistake to report
        ids: dict[str, ScalarNode] = {}
        for item in entries_of(node, self.fields):
            value = item.get("id")
            if not (isinstance(value, ScalarNode) and _FIELD_ID.fullmatch(str(value.value))):
                return None
            ids.setdefault(str(value.value), value)  # a duplicate is its own error
        return ids

    def check(self, node: MappingNode, out: Diagnostics) -> None:
        ids = self._ids(node)
        if ids is None:
            return
        used: set[str] = set()
        meant: set[str] = set()  # fields a misspelt placeholder was surely meant to name
        for dotted in self.texts:
            for text_node in text_nodes(node, dotted):
                for field_id, occurrence in placeholder_occurrences(str(text_node.value)):
                    used.add(field_id)
                    if field_id in ids:
                        continue
                    token = "{" + field_id + "}"
                    match = closest(field_id, ids)
                    if match:
                        meant.add(match)
                        fix = f" (did you mean {{{match}}}?)"
                    else:
                        fix = f"; the fields are {', '.join(sorted(ids))}" if ids else ""
                    out.error(
                        f"placeholder {token} names no field{fix}; fix the name or add the field",
                        point_inside(text_node, token, occurrence),
                    )
        for field_id, id_node in ids.items():
            if field_id not in used and field_id not in meant and not _is_address(node, field_id):
                out.warning(
                    f"field '{field_id}' is not used by any placeholder; "
                    f"add {{{field_id}}} to the letter or remove the field",
                    id_node.location,
                )

    def json_schema(self) -> None:
        return None  # placeholders live inside text, where JSON Schema cannot look

    def describe(self) -> str:
        texts = ", ".join(f"`{t}`" for t in self.texts)
        return (
            f"every placeholder in {texts} names a field of `{self.fields}`; "
            "a field no placeholder uses is a warning, except a per-recipient email field, "
            "which is each letter's To: address"
        )


def _is_address(node: MappingNode, field_id: str) -> bool:
    """A per-recipient email field is used without a placeholder: it is where each
    letter is sent (the email's To: address)."""
    for item in entries_of(node, "fields"):
        if isinstance(i := item.get("id"), ScalarNode) and i.value == field_id:
            kind, each = item.get("kind"), item.get("per_recipient")
            return (
                isinstance(kind, ScalarNode)
                and kind.value == "email"
                and isinstance(each, ScalarNode)
                and each.value is True
            )
    return False
