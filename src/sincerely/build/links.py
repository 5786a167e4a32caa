"""Links written in Markdown, checked against the site a build makes.

Every internal link of the settings' footer, the pages, the packs' introductions and the
letters' Markdown must lead to a page or a file of the site (a page by its source,
'impressum.md', or by its path; a file of content/; a file of the layouts' static/):
one that leads nowhere is a warning at the link (for the footer, at its line of
pyproject.toml), with the source or path it most likely meant. Pages write every such
link from where they stand (common/urls.py's link_from): this is where the same rule,
urls.site_path, says what each link leads to. Addresses of other sites (https:,
mailto:) are neither changed nor checked.

Here too: a file of content/ that would be published where the site makes a file of its
own is an error at the file.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from ..common import urls
from ..common.errors import BuildError, Diagnostic, Diagnostics, Location, closest
from ..common.markdown import links_in
from ..model.config import setting_location
from ..model.scenario import SCENARIO
from ..model.site import PACK, Site

BROKEN = (
    "link '{written}' leads nowhere: {what}{hint}; name a page by its source "
    "('impressum.md', 'PACK/SLUG.yaml') or a file by its path in content/"
)


@dataclass(frozen=True)
class Written:
    """A link as written in Markdown, where its relative paths start, and where it stands."""

    href: str
    folder: str
    where: Location


def _located(
    hrefs: list[str], folder: str, path: Path, text: str | None, start: int = 0
) -> Iterator[Written]:
    """Each of ``hrefs`` at its place in ``text``, the source's, from ``start`` on (the
    second of two identical links at the second place): at the source's start where it
    cannot be found there (an escape in a quoted YAML string)."""
    seen: dict[str, int] = {}
    for href in hrefs:
        at = start - 1
        for _ in range(seen.get(href, 0) + 1):
            at = -1 if text is None else _find(text, href, at + 1)
            if at < 0:
                break
        seen[href] = seen.get(href, 0) + 1
        where = Location.at_offset(path, text, at) if at >= 0 and text else Location(path)
        yield Written(href, folder, where)


def _find(text: str, href: str, start: int) -> int:
    at = text.find(href, start)
    return at if at >= 0 or unquote(href) == href else text.find(unquote(href), start)


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None  # loaded a moment ago; gone since: at the file, without a line


def written_links(site: Site) -> Iterator[Written]:
    """Every link of the site's Markdown that may lead to a page or file of its own."""
    config = site.config
    footer = links_in(config.settings.footer)
    if footer:  # at its place in the footer's line (or lines) of pyproject.toml
        where = setting_location(config, "footer")
        text = _text(where.path) or ""
        line = sum(len(row) for row in text.splitlines(keepends=True)[: where.line - 1])
        yield from _located(footer, "", where.path, text, line)
    for page in (site.intro, *site.pages):
        if page is not None and (hrefs := links_in(page.body)):
            path = config.root / page.source_path
            yield from _located(hrefs, "", path, _text(path))
    for pack in site.packs:
        hrefs = [href for text in PACK.prose(pack) for href in links_in(text)]
        if hrefs:
            path = config.root / pack.source_path
            yield from _located(hrefs, pack.slug, path, _text(path))
        for scenario in pack.scenarios:
            # A link to this site is inline, '](', or a reference, ']:' (an autolink has
            # a scheme): most letters have neither, and need no walk.
            if "](" not in scenario.yaml_text and "]:" not in scenario.yaml_text:
                continue
            hrefs = [href for text in SCENARIO.prose(scenario) for href in links_in(text)]
            path = config.root / scenario.source_path
            yield from _located(hrefs, pack.slug, path, scenario.yaml_text)


def _sources(site: Site) -> dict[str, str]:
    """What a link may name a page by, its source in content/, to the page's path."""
    named = {"index.md": urls.HOME} if site.intro is not None else {}
    named |= {page.source_path.name: page.url for page in site.pages}
    for pack in site.packs:
        named[f"{pack.slug}/"] = pack.url
        named |= {f"{pack.slug}/{s.slug}.yaml": s.url for s in pack.scenarios}
    return named


def _meant(written: Written, target: str, site: Site, published: Collection[str]) -> str:
    """The link most likely meant, as written from the same folder, or ''."""
    by_source = written.href.split("#")[0].split("?")[0].endswith((".md", ".yaml", "/"))
    # Not the site's scripts (the search index's and the coach's parts beside the
    # letters): prose never means to link to one.
    choices = list(_sources(site)) if by_source else [p for p in published if not p.endswith(".js")]
    match = closest(target if not by_source else _as_source(written), choices)
    if match is None or target.startswith("../"):
        return ""
    if written.href.startswith("/"):  # as written: from the site's root
        return "/" + match
    return posixpath.relpath(match, written.folder or ".") + ("/" if match.endswith("/") else "")


def _as_source(written: Written) -> str:
    """The source a link names, from content/'s root ('PACK/x.yaml')."""
    path = unquote(written.href.split("#")[0].split("?")[0])
    joined = path[1:] if path.startswith("/") else posixpath.join(written.folder, path)
    return posixpath.normpath(joined) + ("/" if path.endswith("/") else "")


def link_problems(site: Site, published: Collection[str]) -> tuple[Diagnostic, ...]:
    """A warning at each link of the site's Markdown that leads to nothing the site
    has (``published``: every path its jobs make, as many times as they do), and an
    error at each file of content/ that would stand where the site makes a file of its
    own."""
    out = Diagnostics()
    made = Counter(published)  # a file of content/ and a page of the same path: twice
    for file in site.files:
        if made[file.path] > 1:
            out.error(
                f"the site makes '{file.path}' itself, and this file would take its place; "
                "rename it (to change what the site makes, override its layout: see "
                "docs/theming.md)",
                Location(file.source),
            )
    have = set(published)
    for written in written_links(site):
        target = urls.site_path(written.href, written.folder)
        if target is None or target in have:
            continue
        if target.startswith("../"):
            what = "it climbs out of the site's folder"
        else:
            what = f"the site has no '{target}'"
        meant = _meant(written, target, site, have)
        hint = f" (did you mean '{meant}'?)" if meant else ""
        out.warning(BROKEN.format(written=written.href, what=what, hint=hint), written.where)
    return out.items


def checked_links(
    site: Site, published: Collection[str], *, strict: bool
) -> tuple[Diagnostic, ...]:
    """The warnings about the links of the site whose files are ``published`` (every
    path its jobs list); raises BuildError with them where one is an error, or under
    ``strict``."""
    found = link_problems(site, published)
    if any(d.is_error for d in found) or (strict and found):
        raise BuildError(found)
    return found
