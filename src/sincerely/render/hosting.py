"""What the wider web reads besides the pages: the Atom feeds, and old addresses.

Each feed (model/site.py's ``Site.feeds``: which, and which letters) and each redirect
of the settings (model/redirects.py: from where, to where), its target found here among
what the site makes, becomes a page of its kind (render/kinds.py: ``feed.xml``,
``redirect.html``), rendered through the theme's layouts like any other, so a theme can
change them and their words are translated. Neither is listed in the sitemap: a feed is
not a page, and a redirect is not where its page is.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common import urls
from ..common.errors import Diagnostics, Location, did_you_mean
from ..model.redirects import TARGETS_HELP, file_of
from ..model.site import Site
from ..model.tomlnodes import entry_location
from .pages import PageSpec


def feed_pages(site: Site) -> Iterator[PageSpec]:
    """A feed for each language that has one, with its letters, newest first."""
    for feed in site.feeds:
        letters = site.feed_letters(feed.language)
        values = {"feed": feed, "letters": letters, "updated": letters[0].published}
        yield PageSpec(
            "feed.xml",
            feed.path,
            feed.title,
            site.config.description,
            values,
            indexed=False,
            language=feed.language,
        )


@dataclass(frozen=True)
class Redirect:
    """An old path, resolved: the page written there, and where it leads."""

    path: str  # the file written, from the site's root
    target: str  # the path it leads to, from the site's root
    fragment: str  # '#...' after it, or ''
    title: str  # the target's title, what the link says
    language: str  # the target's language, for the page's words


def _known(site: Site) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Each letter's, pack's and page's file in the content folder, to its path; and each
    such path (the home page's too), to its title and language."""
    config = site.config
    own = config.language

    def source(path: Any) -> str:
        return (config.root / Path(path)).relative_to(config.content_dir).as_posix()

    sources: dict[str, str] = {}
    titles: dict[str, tuple[str, str]] = {}
    home = site.intro.title if site.intro else config.title
    titles[urls.HOME] = (home, own)
    if site.intro is not None:
        sources[source(site.intro.source_path)] = urls.HOME
    for page in site.pages:
        sources[source(page.source_path)] = page.url
        titles[page.url] = (page.title, own)
    for pack in site.packs:
        language = site.language_of(pack)
        sources[source(pack.source_path)] = pack.url
        titles[pack.url] = (pack.title, language)
        for scenario in pack.scenarios:
            sources[source(scenario.source_path)] = scenario.url
            titles[scenario.url] = (scenario.title, language)
    return sources, titles


def resolve(site: Site, made: Collection[str], table: Location, out: Diagnostics) -> list[Redirect]:
    """Each redirect of the settings, its target found among the site's content files
    and ``made`` (every path the build makes); what is wrong, into ``out`` at the
    entry's line (``table``: where the settings write the table)."""
    redirects: Mapping[str, str] = site.config.settings.redirects
    if not redirects:
        return []
    sources, titles = _known(site)
    found: list[Redirect] = []
    for old, target in redirects.items():
        where = entry_location(table, old)
        path = file_of(old)
        if path in made:
            out.error(
                f"redirect from '{old}': '{path}' is a page of the site still, so it cannot "
                "send readers elsewhere; remove this redirect",
                where,
            )
            continue
        named, _, fragment = target.removeprefix("/").partition("#")
        # One rule with Markdown's links (common/urls.py): a source, or a path of the site.
        leads = urls.site_path(named, "") if named else urls.HOME
        if leads is None or leads not in made:
            choices = [*sources, *(p for p in made if p.endswith(".html"))]
            out.error(
                f"redirect from '{old}' leads to '{target}', which the site does not "
                f"have{did_you_mean(named, choices)}; {TARGETS_HELP}",
                where,
            )
            continue
        title, language = titles.get(leads, (leads, site.config.language))
        found.append(Redirect(path, leads, f"#{fragment}" if fragment else "", title, language))
    return found


@dataclass(frozen=True)
class Target:
    """Where a redirect's page leads, as it writes it."""

    href: str  # relative to the redirect's page, so that the site works from any folder
    canonical: str  # the target's own address, with base_url only ('' without)
    title: str


def redirect_page(site: Site, redirect: Redirect) -> PageSpec:
    """The page at an old address: a meta refresh and a link to where it leads, in the
    target's language, kept out of search engines (noindex, canonical to the target)."""
    where = redirect.target + redirect.fragment
    href = urls.root_of(redirect.path) + where
    base = site.config.base_url
    # The canonical address is the page's own, without the part of it linked to; only a
    # full address is one (search engines ignore a relative one, and Lighthouse marks it).
    canonical = f"{base}{redirect.target}" if base else ""
    target = Target(href, canonical, redirect.title)
    return PageSpec(
        "redirect.html",
        redirect.path,
        redirect.title,
        values={"target": target},
        indexed=False,
        language=redirect.language,
    )
