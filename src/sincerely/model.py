"""The site as loaded and validated: immutable objects, built once, read by renderers."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath

from .config import Config
from .formats import FIELD_ID

_PLACEHOLDER_OR_BRACE = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")
_FIELD_ID = re.compile(FIELD_ID)
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Blank:
    """A placeholder in a letter: the place where a field's value goes."""

    field_id: str


Segment = str | Blank


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    message: str
    token: str  # the text at fault, to point at it in the source
    occurrence: int  # which occurrence of ``token`` in the text


@dataclass(frozen=True, slots=True)
class Template:
    """Letter text split into literal text and blanks."""

    segments: tuple[Segment, ...]

    @property
    def blank_ids(self) -> tuple[str, ...]:
        return tuple(s.field_id for s in self.segments if isinstance(s, Blank))

    def fill(self, values: Mapping[str, str]) -> str:
        return "".join(s if isinstance(s, str) else values[s.field_id] for s in self.segments)

    def word_count(self) -> int:
        # A blank counts as one word, whatever the reader puts there.
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
            segments.append(Blank(match[1]))
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


@dataclass(frozen=True, slots=True)
class Field:
    id: str
    label: str
    example: str
    hint: str = ""
    kind: str = "text"
    options: tuple[str, ...] = ()
    per_recipient: bool = False
    sender: bool = False
    autocomplete: str = ""


@dataclass(frozen=True, slots=True)
class Block:
    text: Template
    note: str = ""  # Markdown
    optional: str = ""  # the label of the checkbox that keeps this block, or ""


@dataclass(frozen=True, slots=True)
class Letter:
    subject: Template | None
    blocks: tuple[Block, ...]

    def word_count(self) -> int:
        return sum(block.text.word_count() for block in self.blocks)


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    author: str = ""
    publisher: str = ""
    url: str = ""


@dataclass(frozen=True)
class Scenario:
    pack: str
    slug: str
    source_path: PurePosixPath  # relative to the project root, for messages and links
    yaml_text: str  # the file as written, published beside the page
    title: str
    summary: str
    situation: str  # Markdown
    channel: str
    fields: tuple[Field, ...]
    letter: Letter
    sources: tuple[Source, ...]
    timing: str = ""
    tags: tuple[str, ...] = ()
    order: int = 0
    tips_do: tuple[str, ...] = ()  # Markdown
    tips_avoid: tuple[str, ...] = ()  # Markdown

    @cached_property
    def url(self) -> str:
        return f"{self.pack}/{self.slug}.html"

    @cached_property
    def field_map(self) -> Mapping[str, Field]:
        return {f.id: f for f in self.fields}

    @cached_property
    def word_count(self) -> int:
        return self.letter.word_count()


@dataclass(frozen=True)
class Pack:
    slug: str
    title: str
    summary: str
    intro: str  # Markdown
    order: int
    source_path: PurePosixPath
    scenarios: tuple[Scenario, ...]

    @property
    def url(self) -> str:
        return f"{self.slug}/index.html"


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    order: int
    body: str  # Markdown
    source_path: PurePosixPath

    @property
    def url(self) -> str:
        return f"{self.slug}.html"


@dataclass(frozen=True)
class Site:
    config: Config
    intro: Page | None
    pages: tuple[Page, ...]
    packs: tuple[Pack, ...]
    tags: Mapping[str, tuple[Scenario, ...]] = field(default_factory=dict)
    # The channels in use, in the format's order, each with its letters.
    channels: Mapping[str, tuple[Scenario, ...]] = field(default_factory=dict)

    def scenarios(self) -> Iterator[Scenario]:
        for pack in self.packs:
            yield from pack.scenarios


def sort_key(order: int, title: str) -> tuple[int, str]:
    return (order, title.casefold())
