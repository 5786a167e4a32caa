"""The site as outputs: every file that build writes, check renders, and serve keeps.

:func:`site_jobs` lists the work of the first phase (pages, each letter's files, the
hosting files, the theme's assets); :func:`archive_jobs` the second (the zips, made from
the first phase's downloads). Each job knows its main path, its cost (to share the
work out evenly) and what it is made from (model identities: scenarios, packs, pages,
the site, the settings; the theme and sincerely's own code are behind every output). A
page's are its kind's, read off render/kinds.py's table, never written here.
There is no other list of outputs: build runs these jobs on several processes into a
staging folder, check runs them into a folder it then removes, serve runs them in
process and keeps what each made.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from ..common import urls
from ..common.errors import Diagnostics
from ..downloads import formats
from ..downloads.archives import archive_paths, gallery_archive, pack_archive
from ..downloads.docx import browser_parts
from ..downloads.zips import Content
from ..model.config import setting_location
from ..model.scenario import Scenario
from ..model.schema import schema_text
from ..model.site import Pack, Site
from ..render import hosting, pages, stemming
from ..render.coach import coach_script
from ..render.compiling import LayoutsEnvironment
from ..render.kinds import CONFIG, FRAME, SITE
from ..render.memo import Identity, Memo
from ..render.navigation import Neighbours, neighbours, related_positions, relatedness_key
from ..render.renderer import PageRenderer
from ..render.searchindex import languages, search_index_script, shard_script
from ..theming.look import accent_css, own_files
from ..theming.theme import Theme
from .letterstore import LetterStore


class Keeps(Protocol):
    """What the jobs use of a store of what builds keep (build/store.py): the memo of
    rendering's reads, each letter's cards, terms and downloads, the related letters."""

    memo: Memo | None
    letters: LetterStore
    downloads: dict[int, tuple[Scenario, dict[str, bytes]]] | None
    related: tuple[str, list[tuple[int, ...]]] | None


# A path relative to the site's root, with '/', and its bytes (or its bytes piece by piece).
Output = tuple[str, Content]


# What jobs cost, in tenths of a millisecond of CPU, as measured on a build of 1,000
# letters (bench/): what share_out balances the workers by, so that they finish together.
LETTER = 48  # a letter's page, its .docx, .txt and .md
TERMS = 5  # a letter's terms, in the search index
CARD = 2  # a letter's card on a listing page (made once in each worker, then reused)
PAGE = 10  # any other page, besides the cards it shows


@dataclass(frozen=True, slots=True)
class Job:
    """Some files of the site, not yet made."""

    path: str  # the main output's path (for progress lines and for sharing out)
    cost: int  # roughly how much CPU it takes, in tenths of a millisecond (see LETTER)
    make: Callable[[], list[Output]]
    made_from: frozenset[Identity]
    # How the inputs are set out, where their set does not say it: a letter's previous,
    # next and related letters, in order (a page's key holds it, so an order that changes
    # while the set stays makes the page again).
    arrangement: str = ""
    # Every path it makes, ``path`` among them, known before it runs: a build brings an
    # unchanged folder of the last site over whole only when no job to be made writes
    # into it (build/store.py), and each job is held to its list (build/parallel.py).
    outputs: tuple[str, ...] = ()

    @classmethod
    def single(
        cls, path: str, cost: int, make: Callable[[], Content], made_from: frozenset[Identity]
    ) -> Job:
        return cls(path, cost, lambda: [(path, make())], made_from, outputs=(path,))


def _around(site: Site, store: Keeps | None) -> dict[str, Neighbours]:
    """Each letter's neighbours; the related letters found by the last build where no
    letter's title, tags or moment has changed since (serve keeps them)."""
    if store is None:
        return neighbours(site)
    key = relatedness_key(site)
    if store.related is None or store.related[0] != key:
        store.related = (key, related_positions(site))
    return neighbours(site, store.related[1])


def letter_outputs(scenario: Scenario) -> tuple[str, ...]:
    """The files a letter's job makes: its page, its YAML beside it, its downloads."""
    source = urls.source_copy(scenario.pack, scenario.slug)
    return (scenario.url, source, *(f.path(scenario) for f in formats.FORMATS))


def _scenario_files(
    renderer: PageRenderer,
    scenario: Scenario,
    pack: Pack,
    around: Neighbours,
    kept: dict[int, tuple[Scenario, dict[str, bytes]]] | None,
) -> list[Output]:
    """A letter's page, its YAML beside it, and its downloads, whose sizes it shows."""
    entry = kept.get(id(scenario)) if kept is not None else None
    if entry is None or entry[0] is not scenario:
        words = renderer.site.messages_in(renderer.site.language_of(pack))
        entry = (scenario, formats.scenario_downloads(scenario, words))
        if kept is not None:
            kept[id(scenario)] = entry
    downloads = entry[1]
    links = [
        pages.Download(f.suffix, path, len(downloads[path]), f.label)
        for f in formats.FORMATS
        for path in [f.path(scenario)]
    ]
    page = pages.scenario_page(renderer.site, scenario, pack, around, links)
    source = (urls.source_copy(scenario.pack, scenario.slug), scenario.yaml_text.encode("utf-8"))
    return [(page.path, renderer.render(page)), source, *downloads.items()]


def site_jobs(
    site: Site,
    env: LayoutsEnvironment,
    theme: Theme,
    store: Keeps | None = None,
    only: Collection[str] | None = None,
) -> list[Job]:
    """Every job of the first phase, in the site's order, using and filling what
    ``store`` keeps between builds; with ``only``, just the pages among those paths (the
    ones serve's browsers show, made before anything else)."""
    memo = store.memo if store is not None else None
    letters = store.letters if store is not None else None
    kept = store.downloads if store is not None else None
    renderer = PageRenderer(site, env, memo, letters)
    around = _around(site, store)
    jobs: list[Job] = []
    # Each page's inputs are its kind's (render/kinds.py); a letter's page is made by its
    # job with the letter's downloads, whose sizes it shows, so its inputs come first.
    for page in pages.site_pages(site):
        if not isinstance(page, pages.Letters):
            spec, shows = page
            if only is not None and spec.path not in only:
                continue
            cost = PAGE + CARD * shows
            jobs.append(Job.single(spec.path, cost, partial(renderer.render, spec), spec.made_from))
            continue
        pack = page.pack
        for scenario in pack.scenarios:
            if only is not None and scenario.url not in only:
                continue
            near = around[scenario.url]
            made_from = pages.letter_made_from(site, scenario, pack, near)
            make = partial(_scenario_files, renderer, scenario, pack, near, kept)
            arranged = " ".join(n.url if n else "-" for n in (near.previous, near.next))
            arranged += " related " + " ".join(n.url for n in near.related)
            outputs = letter_outputs(scenario)
            jobs.append(Job(scenario.url, LETTER, make, made_from, arranged, outputs))
    if only is not None:
        return jobs
    # The search index: a head made from the frame, and a part for each pack made from
    # its letters, so that an edit makes one part again, not the whole index.
    index = partial(search_index_script, site)
    jobs.append(Job.single(urls.SEARCH_INDEX, PAGE, index, frozenset({CONFIG, FRAME})))
    # And each pack's letter coach, loaded by its letters' pages when the reader types.
    for pack in site.packs:
        part = partial(shard_script, site, pack, letters)
        made_from = frozenset({CONFIG, pack.identity, *(s.identity for s in pack.scenarios)})
        cost = TERMS * len(pack.scenarios)
        jobs.append(Job.single(urls.search_shard(pack.slug), cost, part, made_from))
        coach = partial(coach_script, site, pack)
        jobs.append(Job.single(urls.coach(pack.slug), len(pack.scenarios), coach, made_from))
    # The search page's stemmers: only those of the languages the letters are in.
    for path, source in stemming.published(languages(site)).items():
        jobs.append(Job.single(path, 0, partial(stemming.publish, path, source), frozenset()))
    jobs.append(Job.single(urls.SCHEMA, 0, lambda: schema_text().encode(), frozenset()))
    parts = urls.static("docx-parts.js")
    jobs.append(Job.single(parts, 0, lambda: browser_parts().encode(), frozenset()))
    # Files are read afresh each time (no inputs to compare): serve sees their edits.
    accent = accent_css(site.config)
    for path, source in theme.static_paths().items():
        addition = accent if path == urls.static("site.css") else ""
        publish = partial(theme.published, path, source, addition)
        jobs.append(Job.single(path, 0, publish, frozenset()))
    for path, source in own_files(site.config).items():
        jobs.append(Job.single(path, 0, source.read_bytes, frozenset()))
    # The other files of content/ (a CNAME, a PDF): each made again when its bytes change.
    for file in site.files:
        jobs.append(Job.single(file.path, 0, file.source.read_bytes, frozenset({file.identity})))
    for spec in hosting.feed_pages(site):
        jobs.append(Job.single(spec.path, PAGE, partial(renderer.render, spec), spec.made_from))
    jobs.extend(_redirects(site, renderer, jobs))
    return jobs


def _redirects(site: Site, renderer: PageRenderer, jobs: list[Job]) -> list[Job]:
    """The pages at the settings' old paths, each checked against every path the site
    makes (the archives too): a target it has, an old path it has not."""
    if not site.config.settings.redirects:
        return []
    made = {path for job in jobs for path in job.outputs} | set(archive_paths(site))
    out = Diagnostics()
    found = hosting.resolve(site, made, setting_location(site.config, "redirects"), out)
    out.raise_if_errors()
    specs = [hosting.redirect_page(site, redirect) for redirect in found]
    return [
        Job.single(spec.path, 1, partial(renderer.render, spec), spec.made_from) for spec in specs
    ]


def text_jobs(site: Site) -> list[Job]:
    """The letters alone, as plain-text templates (build -b text)."""
    text = formats.format_of("txt")
    return [
        Job.single(text.path(s), 1, partial(text.make, s, words), frozenset({s.identity}))
        for pack in site.packs
        for words in [site.messages_in(site.language_of(pack))]
        for s in pack.scenarios
    ]


def archive_jobs(site: Site, files: Mapping[str, bytes]) -> list[list[Job]]:
    """The phases after the first: every pack's zip, from the downloads in ``files``
    (made by the first phase), then the gallery's, from the packs' zips."""
    return [
        [
            Job.single(path, cost, make, frozenset(made_from))
            for path, cost, make, made_from in phase
        ]
        for phase in archive_makers(site, files)
    ]


Maker = tuple[str, int, Callable[[], Content], set[Identity]]


def archive_makers(site: Site, files: Mapping[str, bytes]) -> list[list[Maker]]:
    """Each archive from the files in ``files``: its path, a rough cost, how to make it,
    and what it is made from; in two rounds, every pack's zip (from the downloads), then
    the gallery's (from the packs' zips)."""
    packs: list[Maker] = [
        (
            urls.pack_zip(p.slug),
            len(p.scenarios),
            partial(pack_archive, site, p, files),
            {CONFIG, p.identity, *(s.identity for s in p.scenarios)},
        )
        for p in site.packs
    ]
    gallery: Maker = (urls.GALLERY_ZIP, 1, partial(gallery_archive, site, files), {SITE})
    return [packs, [gallery]]
