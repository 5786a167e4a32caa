"""Looking at built sites as a browser would: every page's ids, links and assets."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse


class PageParts(HTMLParser):
    """The ids a page defines, and the links and assets it refers to."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        if tag == "link" and found.get("href"):
            self.links.append(str(found["href"]))
            if found.get("rel") == "stylesheet":
                self.assets.append(str(found["href"]))
        if tag == "script" and found.get("src"):
            self.links.append(str(found["src"]))
            self.assets.append(str(found["src"]))


def parts(path: Path) -> PageParts:
    page = PageParts()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path) -> tuple[list[str], int]:
    """Every internal link or fragment of ``site`` that leads nowhere, and how many links
    were followed. 404.html is left out: its links start at the site's root."""
    parsed = {p: parts(p) for p in site.rglob("*.html")}
    broken = []
    checked = 0
    for page, info in parsed.items():
        if page.name == "404.html":
            continue
        for link in info.links:
            scheme = urlparse(link).scheme
            if scheme in ("http", "https", "mailto"):
                continue
            assert scheme == "", f"{page}: unexpected link {link}"
            target, fragment = urldefrag(link)
            path = (page.parent / unquote(target)).resolve() if target else page
            checked += 1
            if not path.is_file():
                broken.append(f"{page.relative_to(site)}: {link} (no such file)")
            elif fragment and path.suffix == ".html":
                ids = parsed[path].ids if path in parsed else parts(path).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    return broken, checked
