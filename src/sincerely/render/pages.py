"""The site's pages, kind by kind: what each shows, as a template and its values.

One function a kind of page, in the manner of Pelican's generators; each is a pure
function of the model, and says nothing of how pages are rendered, cached or written
(render/renderer.py and build/outputs.py do that). Every path comes from common/urls.py;
every kind of page, with what it is made from, is in render/kinds.py's table, and each
page here says what it is of, for its inputs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..common import urls
from ..common.i18n import language_name
from ..format.placeholders import Template
from ..model.fields import Field
from ..model.scenario import Scenario
from ..model.site import Pack, Page, Site
from .kinds import About, kind_of
from .memo import Identity
from .navigation import Neighbours


@dataclass(frozen=True)
class PageSpec:
    """A page to render: its template, its path, and what it shows."""

    template: str
    path: str
    title: str
    description: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)
    # The way from this page to the site's root: relative ('../'), unless given.
    root: str | None = None
    # A page that search engines should list (with a canonical link, in the sitemap);
    # not the search page or the 404 page, which have no content of their own.
    indexed: bool = True
    # The page's language, if not the site's: a pack's letters may be in another.
    language: str = ""
    # What it is of and what it shows besides, for what its kind is made from.
    about: About = field(default_factory=About)

    def __post_init__(self) -> None:
        # A page of no kind, or naming what its kind does not count, is refused where
        # it is made, not later, when a build asks what it is made from.
        kind_of(self.template).inputs(self.about)

    @property
    def made_from(self) -> frozenset[Identity]:
        """The identities it is made from, by its kind's table (render/kinds.py)."""
        return kind_of(self.template).inputs(self.about)


def home(site: Site) -> PageSpec:
    intro = site.intro
    title = intro.title if intro else site.config.title
    return PageSpec("home.html", urls.HOME, title, site.config.description, {"intro": intro})


def pack_page(site: Site, pack: Pack) -> PageSpec:
    values = {"pack": pack}
    # Its own fields, and the cards of its letters.
    language = site.language_of(pack)
    about = About((pack.identity,), tuple(s.identity for s in pack.scenarios))
    return PageSpec(
        "pack.html", pack.url, pack.title, pack.summary, values, language=language, about=about
    )


@dataclass(frozen=True)
class Download:
    """One of a letter's downloads, as its page links to it (made by build/outputs.py
    from the table of formats, downloads/formats.py's, which this package cannot read)."""

    kind: str  # the format's suffix: 'txt'
    path: str
    size: int  # in bytes, shown beside the link
    label: str  # what the link says, in English: the layout translates it

    def __iter__(self) -> Iterator[object]:
        # Unpacked, it is (kind, path, size), as layouts written before it had a label
        # take it.
        return iter((self.kind, self.path, self.size))


def scenario_page(
    site: Site, scenario: Scenario, pack: Pack, around: Neighbours, downloads: list[Download]
) -> PageSpec:
    """A letter's page, in its pack's language, with links to its ``downloads``."""
    config = site.config
    values = {
        "scenario": scenario,
        "pack": pack,
        "around": around,
        "source_url": urls.source_copy(scenario.pack, scenario.slug),
        # The file in its repository: on a known forge, or by the settings' pattern.
        "edit_url": config.repository.edit_url(scenario.source_path),
        "view_url": config.repository.view_url(scenario.source_path),
        "forge": config.repository.forge_name,
        "downloads": downloads,
        "pack_zip": urls.pack_zip(pack.slug),
        "places": field_places(scenario),
        "translations": [
            Translation(language, language_name(language), other.url, other.title)
            for language, other in site.translations.get(scenario.url, ())
            if other is not scenario
        ],
    }
    return PageSpec(
        _LETTER,
        scenario.url,
        scenario.title,
        scenario.summary,
        values,
        language=site.language_of(pack),
        about=letter_about(site, scenario, pack, around),
    )


_LETTER = "scenario.html"


def letter_made_from(
    site: Site, scenario: Scenario, pack: Pack, around: Neighbours
) -> frozenset[Identity]:
    """What a letter's page is made from, as its kind says, known before the page is
    (build/outputs.py makes it with the letter's downloads, in the job these name)."""
    return kind_of(_LETTER).inputs(letter_about(site, scenario, pack, around))


def letter_about(site: Site, scenario: Scenario, pack: Pack, around: Neighbours) -> About:
    """What a letter's page is of (the letter, and its pack, whose language it is in) and
    the letters it shows the titles of: its previous, next and related letters, and its
    translations, in their packs' languages."""
    shown = [n.identity for n in (around.previous, around.next, *around.related) if n]
    for _, other in site.translations.get(scenario.url, ()):
        shown += [other.identity, ("pack", other.pack)]
    return About((scenario.identity, pack.identity), tuple(shown))


@dataclass(frozen=True)
class Translation:
    """Another language's version of a letter, as its page links to it."""

    language: str  # a BCP 47 tag, for hreflang and lang
    name: str  # the language's name in that language: 'Français'
    url: str
    title: str


def field_places(scenario: Scenario) -> dict[str, list[Field]]:
    """Where each field's input goes on the letter page: beside the first part of the
    letter that uses it ('subject', or a block's number from 1), so that the reader
    types beside what it fills; a field no text uses (the recipient's address) goes
    first ('start')."""
    places: dict[str, list[Field]] = {}
    placed: set[str] = set()
    parts: list[tuple[str, Template | None]] = [("subject", scenario.letter.subject)]
    for number, block in enumerate(scenario.letter.blocks, 1):
        parts += [(str(number), block.text), (str(number), block.for_others)]
    for place, template in parts:
        for field_id in template.blank_ids if template is not None else ():
            if field_id not in placed:
                places.setdefault(place, []).append(scenario.field_map[field_id])
                placed.add(field_id)
    unplaced = [f for f in scenario.fields if f.id not in placed]
    return {"start": unplaced, **places} if unplaced else places


def listing(site: Site, path: str, title: str, scenarios: tuple[Scenario, ...]) -> PageSpec:
    """A tag's or a channel's page: the cards of its letters."""
    words = site.messages_in(site.config.language)
    description = words.ngettext(
        "%(title)s: %(num)s annotated letter template.",
        "%(title)s: %(num)s annotated letter templates.",
        len(scenarios),
    ) % {"title": title, "num": len(scenarios)}
    about = About(shown=tuple(s.identity for s in scenarios))  # which, in order: FRAME's
    return PageSpec("tag.html", path, title, description, {"scenarios": scenarios}, about=about)


def tag_pages(site: Site) -> Iterator[PageSpec]:
    words = site.messages_in(site.config.language)
    for tag, tagged in site.tags.items():
        title = words.gettext("Letters tagged “%(tag)s”") % {"tag": tag.label}
        yield listing(site, urls.tag(tag), title, tagged)


def channel_pages(site: Site) -> Iterator[PageSpec]:
    words = site.messages_in(site.config.language)
    # Whole sentences, one a channel, so that each language can say it its own way.
    titles = {
        "email": words.gettext("Letters sent as an email"),
        "letter": words.gettext("Letters sent as a letter"),
        "note": words.gettext("Letters sent as a note"),
        "message": words.gettext("Letters sent as a message"),
    }
    for channel, sent in site.channels.items():
        yield listing(site, urls.channel(channel), titles[channel], sent)


def markdown_page(page: Page) -> PageSpec:
    about = About((page.identity,))
    return PageSpec("page.html", page.url, page.title, "", {"page": page}, about=about)


def search(site: Site) -> PageSpec:
    words = site.messages_in(site.config.language)
    title, description = words.gettext("Search"), words.gettext("Search the letters.")
    return PageSpec("search.html", urls.SEARCH, title, description, indexed=False)


def not_found(site: Site) -> PageSpec:
    # GitHub Pages and most hosts serve 404.html for a missing path at any depth, so its
    # links cannot be relative: they start from base_url, or the domain's root.
    root = site.config.base_url or "/"
    title = site.messages_in(site.config.language).gettext("Page not found")
    return PageSpec("404.html", urls.NOT_FOUND, title, root=root, indexed=False)


def sitemap(site: Site, listed: list[str]) -> PageSpec | None:
    """The sitemap of the ``listed`` pages (those indexed), in the manner of MkDocs'
    sitemap.xml template; only with base_url, since a sitemap lists absolute addresses."""
    if not site.config.base_url:
        return None
    return PageSpec("sitemap.xml", urls.SITEMAP, "", values={"pages": listed}, indexed=False)


def robots() -> PageSpec:
    return PageSpec("robots.txt", urls.ROBOTS, "", indexed=False)


@dataclass(frozen=True)
class Letters:
    """Where a pack's letters' pages stand among the site's pages: build/outputs.py makes
    each with the letter's downloads, whose sizes it shows (scenario_page)."""

    pack: Pack


def site_pages(site: Site) -> Iterator[tuple[PageSpec, int] | Letters]:
    """Every page of the site, in its order, each with how many letters' cards it shows
    (for sharing the work out); a pack's letters' pages follow the pack's, and the
    sitemap, last, lists the pages that search engines should."""
    size = sum(len(p.scenarios) for p in site.packs) or 1
    listed: list[str] = []

    def page(spec: PageSpec, shows: int) -> tuple[PageSpec, int]:
        if spec.indexed:
            listed.append(spec.path)
        return spec, shows

    yield page(home(site), size)
    for pack in site.packs:
        yield page(pack_page(site, pack), len(pack.scenarios))
        yield Letters(pack)
        listed.extend(scenario.url for scenario in pack.scenarios)
    for spec in (*tag_pages(site), *channel_pages(site)):
        yield page(spec, len(spec.values["scenarios"]))
    yield from (page(markdown_page(p), 1) for p in site.pages)
    yield page(search(site), 0)  # its letters as links, not cards: no dearer than a page
    yield page(not_found(site), 1)
    yield page(robots(), 0)
    mapped = sitemap(site, listed)
    if mapped is not None:
        yield mapped, 0


def layouts_used(site: Site) -> set[tuple[str, str]]:
    """Each layout the site's pages are rendered with, with the language of the pages
    (for compiling them ahead: render/compiling.py)."""
    return {
        (site.language_of(page.pack), _LETTER)
        if isinstance(page, Letters)
        else (page[0].language or site.config.language, page[0].template)
        for page in site_pages(site)
    }
