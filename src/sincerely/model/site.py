"""The gallery as loaded: its packs of scenarios, its pages, and the site they make.

A pack's _pack.yaml and a page's front matter are formats too, declared like the
scenario's (model/scenario.py): each field made with ``key()`` is a key of the file.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..common import urls
from ..common.i18n import Messages, language_name
from ..common.slugs import Tag
from ..format.records import MapOf, Record, key
from ..format.values import Boolean, Integer, ListOf, Markdown, Text
from .coach import CoachRule
from .config import LANGUAGE_TAG
from .scenario import Scenario

if TYPE_CHECKING:
    from .config import Config


@dataclass(frozen=True, kw_only=True)
class Pack:
    """A pack's _pack.yaml: what the pack is about."""

    title: str = key(Text(max_length=70), "The pack's title.", required=True)
    summary: str = key(Text(max_length=240), "Plain text, one or two sentences.", required=True)
    intro: str = key(Markdown(), "Markdown: the pack page's introduction.")
    order: int = key(
        Integer(),
        "Position on the home page, and in the site's navigation, where the pages go "
        "among the packs by their own `order`.",
    )
    recipients_hint: str = key(
        Text(max_length=160),
        "What a letter page says above its recipients (where a letter may go to several "
        "people): who they are in this pack's letters, like 'A separate note to each person "
        "who interviewed you'.",
    )
    language: str = key(
        LANGUAGE_TAG,
        "The language its letters are written in, a BCP 47 tag like 'fr', if not the "
        "site's: its pages' interface is in that language.",
    )
    synonyms: Mapping[str, tuple[str, ...]] = key(
        MapOf(Text(), ListOf(Text(), 1), "{rejection: [unsuccessful], referee: [reference]}"),
        "For search: a word of the letters, to the words and phrases seekers use for it, "
        "like 'rejection: [unsuccessful, not selected]': a search for one of them finds the "
        "letters of the pack's language with the word.",
    )
    coach: tuple[CoachRule, ...] = key(
        ListOf(Record.of(CoachRule)),
        "The letter coach's rules for every letter of the pack, as a letter's `coach` "
        "gives them: each letter must have the fields they name, and list the source "
        "they give as their `why`.",
    )
    slug: str
    source_path: PurePosixPath
    scenarios: tuple[Scenario, ...] = ()

    @property
    def identity(self) -> tuple[str, ...]:
        return ("pack", self.slug)

    @property
    def url(self) -> str:
        """Its page's path from the site's root."""
        return urls.pack(self.slug)


@dataclass(frozen=True, kw_only=True)
class Page:
    """The front matter of a Markdown page."""

    title: str = key(Text(max_length=70), "The page's title.", required=True)
    order: int = key(
        Integer(),
        "Position in the site's navigation, among the pages and the packs (whose "
        "`order` counts the same way): a page comes before the first pack with a "
        "higher `order`, and after packs of the same.",
    )
    nav: bool = key(
        Boolean(),
        "true (the default) lists the page in the header's navigation; false leaves it "
        "out (an imprint the footer links to, say), still made, linkable and in the "
        "sitemap.",
        default=True,
    )
    slug: str
    body: str  # Markdown
    source_path: PurePosixPath

    @property
    def identity(self) -> tuple[str, ...]:
        return ("page", self.slug)

    @property
    def url(self) -> str:
        """Its path from the site's root."""
        return urls.page(self.slug)


@dataclass(frozen=True)
class ContentFile:
    """A file of content/ that is none of the above (a CNAME, a PDF, an image): the site
    publishes it at its path in content/, as it is."""

    path: str  # in the site, which is its path in content/
    source: Path
    digest: str  # of its bytes: what a build compares to bring it over or copy it again

    @property
    def identity(self) -> tuple[str, ...]:
        return ("file", self.path)


@dataclass(frozen=True)
class Feed:
    """An Atom feed of the site: the letters of one language that have a ``published``
    day. The site's language has ``feed.xml``; another, ``LANG/feed.xml``, as Hugo has
    ``fr/index.xml``, so that a reader subscribes to the letters they can read. Only with
    base_url: Atom gives the feed and each entry a permanent, absolute id, and a site not
    yet at an address has none to give (the build says so once: see ``unpublished_note``)."""

    language: str  # a BCP 47 tag
    path: str  # from the site's root
    title: str  # the site's title, with the language's name for another language's


@dataclass(frozen=True)
class Site:
    """The whole gallery: its packs and pages, and its letters by tag and by channel."""

    config: Config
    intro: Page | None
    pages: tuple[Page, ...]
    packs: tuple[Pack, ...]
    # Each tag (labelled as the site's language writes it, where a letter in it has it),
    # with its letters.
    tags: Mapping[Tag, tuple[Scenario, ...]] = field(default_factory=dict)
    # The channels in use, in the format's order, each with its letters.
    channels: Mapping[str, tuple[Scenario, ...]] = field(default_factory=dict)
    # The interface's words in each language the pages are in (common/i18n.py).
    messages: Mapping[str, Messages] = field(default_factory=dict)
    # Each letter's translations, by its URL: the letter and the letters that translate
    # it or that it translates, each with its language, in the order of their languages.
    translations: Mapping[str, tuple[tuple[str, Scenario], ...]] = field(default_factory=dict)
    # The other files of content/, published as they are, by their paths.
    files: tuple[ContentFile, ...] = ()

    @property
    def identity(self) -> tuple[str, ...]:
        return ("site",)

    @cached_property
    def feeds(self) -> tuple[Feed, ...]:
        """Its Atom feeds, a `Feed` for each language with a published letter (the
        site's first), which every page links to; none without base_url."""
        if not self.config.base_url:
            return ()
        own = self.config.language
        languages = {
            self.language_of(p) for p in self.packs if any(s.published for s in p.scenarios)
        }
        feeds = []
        for language in sorted(languages, key=lambda tag: (tag != own, tag)):
            if language == own:
                feeds.append(Feed(language, urls.feed(), self.config.title))
            else:
                title = f"{self.config.title} ({language_name(language)})"
                feeds.append(Feed(language, urls.feed(language), title))
        return tuple(feeds)

    def feed_letters(self, language: str) -> tuple[Scenario, ...]:
        """The published letters in a language, newest first, and those of one day in
        the gallery's order.

        (sorted() keeps the order of equals, reversed or not.)"""
        letters = [
            s
            for pack in self.packs
            if self.language_of(pack) == language
            for s in pack.scenarios
            if s.published
        ]
        return tuple(sorted(letters, key=lambda s: s.published, reverse=True))

    def language_of(self, pack: Pack) -> str:
        """The language a pack's letters are in: its own, or the site's."""
        return language_of(pack, self.config.language)

    def language_of_tag(self, tag: Tag) -> str:
        """The language a tag's label is written in: that of its first letter, whose
        spelling the tag keeps (the site's own language's letters come first, so the
        site's, where one of them has the tag). For a chip's `lang`."""
        first = self.tags[tag][0]
        return self.language_of(next(p for p in self.packs if p.slug == first.pack))

    def messages_in(self, language: str) -> Messages:
        """The interface's words in ``language`` (the theme's English if none)."""
        return self.messages.get(language) or Messages(language)

    @property
    def nav(self) -> tuple[Pack | Page, ...]:
        """What the header's navigation lists, in one order: the packs as the home page
        lists them, each page (but those with `nav: false`) before the first pack whose
        `order` is higher than its own."""
        # A merge, not a sort: the packs keep the home page's order (which groups them by
        # language), and the pages their own; equal orders put packs first.
        shown = (p for p in self.pages if p.nav)
        return tuple(heapq.merge(self.packs, shown, key=_nav_key))

    def scenarios(self) -> Iterator[Scenario]:
        """Every letter, pack by pack."""
        for pack in self.packs:
            yield from pack.scenarios


def language_of(pack: Pack, site_language: str) -> str:
    """The language a pack's letters are in: its own, or else the site's."""
    return pack.language or site_language


def unpublished_note(site: Site) -> str:
    """What the command line says once when letters have a day but no feed is made."""
    if site.config.base_url or not any(s.published for s in site.scenarios()):
        return ""
    return (
        "no Atom feed was made: letters have 'published' days, but a feed needs the "
        "site's address; set base_url in [tool.sincerely], or build with --base-url, as "
        "the Pages workflow does"
    )


PACK = Record.of(Pack)
PAGE = Record.of(Page)


def _nav_key(item: Pack | Page) -> tuple[int, bool]:
    return (item.order, isinstance(item, Page))


def sort_key(order: int, title: str) -> tuple[int, str]:
    return (order, title.casefold())
