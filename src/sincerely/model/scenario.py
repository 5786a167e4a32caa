"""A scenario and its parts (letter, blocks, fields, tips, sources), as loaded and checked.

Immutable objects, built once, read by renderers. The content format is these classes: each
field declared with :func:`format.records.key` is a key of its file, with its type, its
documentation and whether it is required, so that the checker, the JSON Schema, the format
reference and the model are one definition. To add an optional key to scenario files, add a
field here, then use it in a template (see CONTRIBUTING.md, "Changing the format").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath
from typing import ClassVar

from ..common import urls
from ..common.pickling import pickled_as_tuple
from ..common.slugs import Tag
from ..format.coach import CoachNames
from ..format.dates import Day
from ..format.lengths import CharacterLimit, MaxWords
from ..format.placeholders import PlaceholdersNameFields, Template, TemplateText
from ..format.records import Record, key
from ..format.rules import Needs, NoneOf, Rule, Unique, When
from ..format.tags import TagText
from ..format.values import PACK_IMAGE, Boolean, Integer, ListOf, Markdown, Text
from .channels import CHANNELS
from .coach import CoachRule
from .fields import Field

MAX_LETTER_WORDS = 200


@pickled_as_tuple
@dataclass(frozen=True, kw_only=True, slots=True)
class Source:
    """An article or book that the advice comes from."""

    title: str = key(Text(), "The article's title.", required=True)
    author: str = key(Text(), "Who wrote it.")
    publisher: str = key(Text(), "Where it was published.")
    url: str = key(Text(url=True), "Its address: http:// or https:// only.")


@pickled_as_tuple
@dataclass(frozen=True, kw_only=True, slots=True)
class Block:
    """One paragraph (or line group) of the letter."""

    FORMAT_RULES: ClassVar[tuple[Rule, ...]] = (
        Needs("ticked_for_others", "optional"),
        When(
            "first_recipient_only",
            True,
            forbid=("for_others",),
            reason="a block with a text for the others is not for the first only; keep one",
        ),
    )

    text: Template = key(
        TemplateText(),
        "Plain text with {field} placeholders; {{ and }} are literal braces.",
        required=True,
    )
    note: str = key(
        Markdown(),
        "Markdown: why this block is written this way.",
        recommended="block has no note; add one that says why it is written this way",
    )
    optional: str = key(Text(), "The reader may leave this block out; this labels that choice.")
    ticked_for_others: bool = key(
        Boolean(),
        "For an optional block: whether it starts ticked in the letters to the second and "
        "later recipients (true if not given), where it fits the first person best.",
        default=True,
    )
    for_others: Template | None = key(
        TemplateText(),
        "The block's text in the letters to the second and later recipients, where "
        "`text` is true of the first only (thanks for giving the news).",
    )
    first_recipient_only: bool = key(
        Boolean(), "Only in the letter to the first recipient (who gave the news, say)."
    )


@pickled_as_tuple
@dataclass(frozen=True, kw_only=True, slots=True)
class Letter:
    """The letter itself."""

    subject: Template | None = key(
        TemplateText(), "The email's subject, with placeholders; for channel: email only."
    )
    blocks: tuple[Block, ...] = key(
        ListOf(Record.of(Block), min_items=2), "The letter from top to bottom.", required=True
    )

    def word_count(self) -> int:
        """How many words it has, a blank counting as one."""
        return sum(block.text.word_count() for block in self.blocks)


@pickled_as_tuple
@dataclass(frozen=True, kw_only=True, slots=True)
class Tips:
    """Advice around the letter."""

    do: tuple[str, ...] = key(ListOf(Markdown()), "Markdown: things to do.")
    avoid: tuple[str, ...] = key(ListOf(Markdown()), "Markdown: things to avoid.")


@dataclass(frozen=True, kw_only=True)
class Scenario:
    """One annotated sample letter."""

    FORMAT_RULES: ClassVar[tuple[Rule, ...]] = (
        When(
            "channel",
            "email",
            require=("letter.subject",),
            forbid_otherwise=("letter.subject",),
            reason="add a subject line to 'letter'",
        ),
        Unique("fields", "id", what="field"),
        PlaceholdersNameFields(
            "fields", texts=("letter.subject", "letter.blocks.text", "letter.blocks.for_others")
        ),
        CharacterLimit("character_limit", texts="letter.blocks.text", fields="fields"),
        NoneOf(
            "tags",
            CHANNELS,
            reason="it is a channel, and the channels have chips and pages of their own; "
            "remove the tag",
        ),
        MaxWords("letter.blocks.text", limit=MAX_LETTER_WORDS, where="letter.blocks"),
        CoachNames("coach", field_keys=("field", "repeats", "greets")),
    )

    title: str = key(Text(max_length=70), "The letter's title.", required=True)
    moment: str = key(
        Text(max_length=60),
        "The situation in the reader's own words, like 'I was their second choice': the "
        "home page's list of situations shows it (the title, without it).",
    )
    summary: str = key(
        Text(max_length=240),
        "Plain text: the card's blurb and the page's description.",
        required=True,
    )
    situation: str = key(
        Markdown(), "Markdown: when this letter fits, and when not.", required=True
    )
    channel: str = key(
        Text(choices=CHANNELS),
        "email, letter, note (a short handwritten card) or message (a short online "
        "message, like a LinkedIn request).",
        required=True,
    )
    timing: str = key(Text(), "Plain text: when to send it.")
    character_limit: int = key(
        Integer(minimum=1),
        "The most characters the filled letter may have (300 for a LinkedIn request); "
        "the page counts them as the reader types.",
    )
    tags: tuple[Tag, ...] = key(
        ListOf(TagText()),
        "Words in the letter's language, shown as written ('Rückmeldung'); each tag's "
        "address is made from them ('tags/rueckmeldung.html'). In a layout, a tag is "
        "its slug, and `tag.label` its words.",
    )
    order: int = key(Integer(), "Position within the pack; ties are broken by title.")
    published: str = key(
        Day(),
        "The day it was first published, YYYY-MM-DD: its page shows it, and the site's Atom "
        "feed lists the letters that have one, newest first.",
    )
    fields: tuple[Field, ...] = key(
        ListOf(Record.of(Field), min_items=1), "The blanks, in form order.", required=True
    )
    letter: Letter = key(Record.of(Letter), "The letter itself.", required=True)
    sources: tuple[Source, ...] = key(
        ListOf(Record.of(Source), min_items=1), "Where the advice comes from.", required=True
    )
    tips: Tips = key(Record.of(Tips), "Advice around the letter.")
    coach: tuple[CoachRule, ...] = key(
        ListOf(Record.of(CoachRule)),
        "The letter coach's rules: points it raises beside the reader's own words, as they "
        "type, each with its advice and where that comes from (its pack's rules apply too).",
    )
    image: str = key(PACK_IMAGE, "Shown where a link to the letter is shared (og:image).")
    translation_of: str = key(
        Text(
            pattern=r"[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*",
            pattern_help="PACK/SLUG, like after-rejection/close-second",
            example="after-rejection/close-second",
        ),
        "The letter this one translates, as PACK/SLUG, in a pack of another language: "
        "each page then links to the other.",
    )
    # Not keys: where the file is, and what it says, as the loader found it.
    pack: str
    slug: str
    source_path: PurePosixPath  # relative to the project root, for messages and links
    yaml_text: str  # the file as written, published beside the page

    @property
    def identity(self) -> tuple[str, ...]:
        return ("scenario", self.pack, self.slug)

    @cached_property
    def url(self) -> str:
        """Its page's path from the site's root."""
        return urls.scenario(self.pack, self.slug)

    @cached_property
    def field_map(self) -> Mapping[str, Field]:
        """Each field, by its id."""
        return {f.id: f for f in self.fields}

    @cached_property
    def word_count(self) -> int:
        """How many words the letter has, a blank counting as one."""
        return self.letter.word_count()

    @cached_property
    def blanks_at_start(self) -> int:
        """How many blanks the first letter has before the reader types: each field that
        its subject and paragraphs use (a choice starts on its default, so it is never
        blank), and a paper letter's two addresses. The page's script counts the same."""
        templates = [self.letter.subject] if self.letter.subject else []
        templates += [block.text for block in self.letter.blocks]
        used = {field_id for t in templates for field_id in t.blank_ids}
        fields = [f for f in self.fields if f.id in used and f.kind != "choice"]
        return len(fields) + (2 if self.channel == "letter" else 0)

    @cached_property
    def blank_labels(self) -> Mapping[str, str]:
        """Each field's blank as an unfilled copy shows it: '[Label]'."""
        return {f.id: f"[{f.label}]" for f in self.fields}


SCENARIO = Record.of(Scenario)
