"""The letter coach's rules in the format: what a rule looks for, its "why", and the
names it gives of the letter's fields and sources, each checked where it is written.

A coach rule is of one kind, given by its one kind key (model/coach.py says which); a
kind that looks at one field's value names it beside it. Its advice comes from somewhere
the letter already shows: one of its sources, by title, or the note of one of its
blocks, by number. Phrases are words, matched by their stems (common/words.py), never
patterns: content is untrusted, and no expression from it runs in the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..common.errors import Diagnostics, closest
from ..common.words import words
from .nodes import MappingNode, Node, ScalarNode
from .records import MapOf
from .rules import Rule, entries_of
from .values import Spec, Text, wrong_type

# The paper letter's recipient, a field every letter of the channel 'letter' has: a
# greeting may be checked against the name at its top.
THEIR_ADDRESS = "_their_address"
LONGEST_MARK = 3  # '!', '?!', '...': a mark is short, and has no word in it
_TITLE = Text()


@dataclass(frozen=True)
class Phrase(Text):
    """Words to look for in a reader's words (by their stems), or a mark, like '!'."""

    def check(self, node: Node, name: str, out: Diagnostics) -> None:
        before = out.error_count
        super().check(node, name, out)
        if out.error_count > before or not isinstance(node, ScalarNode):
            return
        value = str(node.value).strip()
        if not words(value) and (len(value) > LONGEST_MARK or " " in value):
            out.error(
                f"{name} has no word in it: write words, or one mark alone, like '!' "
                f"(at most {LONGEST_MARK} characters)",
                node.location,
            )


@dataclass(frozen=True)
class Why(Spec):
    """Where a rule's advice comes from: a source's title, or a block's number from 1."""

    def check(self, node: Node, name: str, out: Diagnostics) -> None:
        if isinstance(node, ScalarNode) and node.kind == "integer":
            if int(str(node.value)) < 1:
                out.error(
                    f"{name} must be a block's number, from 1 (got {node.value})", node.location
                )
        elif isinstance(node, ScalarNode) and node.kind == "text":
            _TITLE.check(node, name, out)
        else:
            wrong_type(name, "a source's title, or a block's number", node, out)

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [_TITLE.json_schema(), {"type": "integer", "minimum": 1}]}

    def describe(self) -> str:
        return "a source's title (text), or a block's number from 1"


def why_problem(value: str | int, titles: Sequence[str], notes: Sequence[bool]) -> str | None:
    """What is wrong with a rule's ``why`` in a letter with these sources' ``titles`` and
    these blocks (``notes``: whether each has a note), or None."""
    if isinstance(value, int):
        if value < 1:
            return None  # not a block's number: the value's own check says so
        if value > len(notes):
            return (
                f"'why' is block {value}, but the letter has {len(notes)} blocks; give a "
                f"block's number from 1 to {len(notes)}, or a source's title"
            )
        if not notes[value - 1]:
            return (
                f"'why' is block {value}, which has no note; add one to the block, or give "
                "a source's title"
            )
        return None
    if value in titles:
        return None
    match = closest(value, titles)
    if match:
        return f"'why' names no source of the letter (did you mean '{match}'?)"
    listed = ", ".join(f"'{t}'" for t in titles)
    return f"'why' names no source of the letter; its sources are {listed}"


@dataclass(frozen=True)
class OneKind(Rule):
    """Exactly one of ``kinds`` is given: what the entry looks for. The kinds in ``about``
    look at one field, named by ``subject`` beside them; the others look at the whole
    letter, and take no ``subject``."""

    kinds: tuple[str, ...]
    subject: str
    about: tuple[str, ...]
    what: str  # how a message names an entry: 'a coach rule'

    @property
    def keys(self) -> tuple[str, ...]:
        return (*self.kinds, self.subject)

    def check(self, node: MappingNode, out: Diagnostics) -> None:
        given = [k for k in self.kinds if k in node.entries]
        subject = node.entries.get(self.subject)
        if not given:
            out.error(
                f"{self.what} needs one of {', '.join(self.kinds)}: what it looks for",
                node.location,
            )
        elif len(given) > 1:
            out.error(
                f"'{given[0]}' and '{given[1]}' cannot both be in {self.what}: make them two",
                node.entries[given[1]][0].location,
            )
        elif given[0] in self.about and subject is None:
            out.error(
                f"'{given[0]}' needs '{self.subject}' beside it: the field it looks at",
                node.entries[given[0]][0].location,
            )
        elif given[0] not in self.about and subject is not None:
            out.error(
                f"'{self.subject}' is not allowed with '{given[0]}', which looks at all the "
                "reader's words; remove it",
                subject[0].location,
            )

    def json_schema(self) -> dict[str, Any]:
        branches = []
        for kind in self.kinds:
            others: list[dict[str, Any]] = [{"required": [k]} for k in self.kinds if k != kind]
            if kind in self.about:
                branches.append({"required": [kind, self.subject], "not": {"anyOf": others}})
            else:
                others.append({"required": [self.subject]})
                branches.append({"required": [kind], "not": {"anyOf": others}})
        return {"oneOf": branches}

    def describe(self) -> str:
        kinds = ", ".join(f"`{k}`" for k in self.kinds)
        about = ", ".join(f"`{k}`" for k in self.about)
        return (
            f"exactly one of {kinds}; `{self.subject}` required with {about}, and not "
            "allowed otherwise"
        )


@dataclass(frozen=True)
class CoachNames(Rule):
    """Each entry of ``rules`` names what its letter has: fields, by id, in its
    ``field_keys`` (and the paper letter's recipient in ``greets``), and, as its why, one
    of the letter's sources by title or one of its blocks with a note, by number."""

    rules: str
    field_keys: tuple[str, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return ()  # it judges what it can itself: ids that are text, whys of a known kind

    def check(self, node: MappingNode, out: Diagnostics) -> None:
        ids = _values(node, "fields", "id")
        channel = node.get("channel")
        if isinstance(channel, ScalarNode) and channel.value == "letter":
            ids.append(THEIR_ADDRESS)
        titles = _values(node, "sources", "title")
        letter = node.get("letter")
        blocks = entries_of(letter, "blocks") if isinstance(letter, MappingNode) else []
        notes = [isinstance(b.get("note"), ScalarNode) for b in blocks]
        for rule in entries_of(node, self.rules):
            named = _texts(rule, self.field_keys)
            for name, value in named.items():
                if problem := field_problem(name, str(value.value), ids):
                    out.error(problem, value.location)
            repeats, own = named.get("repeats"), named.get("field")
            if repeats is not None and own is not None and repeats.value == own.value:
                out.error(
                    "'repeats' names the rule's own field; name the field whose value it "
                    "should not repeat",
                    repeats.location,
                )
            why = rule.get("why")
            said = why.value if isinstance(why, ScalarNode) else None
            if isinstance(said, bool) or not isinstance(said, str | int):
                continue  # not a why: its own check says so
            if problem := why_problem(said, titles, notes):
                assert why is not None
                out.error(problem, why.location)

    def json_schema(self) -> None:
        return None  # JSON Schema cannot compare one key's value with others'

    def describe(self) -> str:
        return (
            f"each entry of `{self.rules}` names fields of the letter, and gives as its "
            "`why` one of its `sources` by title, or one of its blocks with a note, by number"
        )


def field_problem(name: str, value: str, ids: Sequence[str]) -> str | None:
    """What is wrong with a rule's ``name`` key naming the field ``value``, or None."""
    allowed = [i for i in ids if i != THEIR_ADDRESS or name == "greets"]
    if value in allowed:
        return None
    if value == THEIR_ADDRESS and name == "greets":
        return f"'greets' names {THEIR_ADDRESS}, which only a paper letter (channel: letter) has"
    match = closest(value, allowed)
    fix = f" (did you mean '{match}'?)" if match else f"; its fields are {', '.join(allowed)}"
    return f"'{name}' names no field of the letter{fix}"


def _values(node: MappingNode, items: str, key: str) -> list[str]:
    found = (item.get(key) for item in entries_of(node, items))
    return [str(v.value) for v in found if isinstance(v, ScalarNode) and v.kind == "text"]


def _texts(rule: MappingNode, names: tuple[str, ...]) -> Mapping[str, ScalarNode]:
    found = {name: rule.get(name) for name in names}
    return {n: v for n, v in found.items() if isinstance(v, ScalarNode) and v.kind == "text"}


@dataclass(frozen=True)
class Forms(MapOf):
    """Forms of address, each to the words a name of that form starts with; built as
    pairs, so that a letter holding them can be pickled (load/preload.py)."""

    def build(self, node: Node) -> Any:
        return tuple((name, self.value.build(value)) for name, value in _pairs(node))

    def default(self) -> Any:
        return ()


def _pairs(node: Node) -> list[tuple[str, Node]]:
    assert isinstance(node, MappingNode)
    return [(name, value) for name, (_, value) in node.entries.items()]
