"""Every address: the site's own paths, and what counts as a web address.

The site's paths are made here and nowhere else: the model's ``url`` properties, the
page renderers, the templates (through the ``url_for`` global) and serve (which maps a
content file with errors to the pages it makes) all ask these functions. A path is
relative to the site's root, with '/' between folders.

One address rule serves the settings (base_url, repo_url), the scenario format (a
source's url), the published JSON Schema and the format reference.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable
from pathlib import PurePosixPath
from urllib.parse import quote, unquote

# ---- web addresses ----

# http or https (in any case, as browsers read it), a host, then anything but white
# space and the characters that cannot stand unescaped in an address.
HTTP_URL_PATTERN = r"[hH][tT][tT][pP][sS]?://[^\s/?#<>\"'\\`{}|^]+(?:[/?#][^\s<>\"\\`{}|^]*)?"
HTTP_URL_HELP = "an absolute http:// or https:// address"
_HTTP_URL = re.compile(HTTP_URL_PATTERN)


def is_http_url(value: str) -> bool:
    return _HTTP_URL.fullmatch(value) is not None


# ---- the site's paths ----

HOME = "index.html"
SEARCH = "search.html"
NOT_FOUND = "404.html"
SEARCH_INDEX = "search-index.js"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
SCHEMA = "schema/scenario.json"
GALLERY_ZIP = "all-letters.zip"


def scenario(pack: str, slug: str) -> str:
    return f"{pack}/{slug}.html"


def pack(slug: str) -> str:
    return f"{slug}/index.html"


def page(slug: str) -> str:
    return f"{slug}.html"


def tag(name: str) -> str:
    return f"tags/{name}.html"


def channel(name: str) -> str:
    return f"channels/{name}.html"


def download(pack: str, slug: str, kind: str) -> str:
    """A letter's blank template in one format, ``kind`` its suffix ('txt'): the
    formats are a table of downloads/formats.py's."""
    # "-template": the blank, annotated template is never mistaken for the reader's own
    # filled letter, which the letter page saves as "{slug}.txt" or "{slug}.docx".
    return f"{pack}/{slug}-template.{kind}"


def pack_zip(slug: str) -> str:
    return f"{slug}/{slug}-letters.zip"


def search_shard(pack: str) -> str:
    """A pack's part of the search index, beside its letters (render/searchindex.py)."""
    return f"{pack}/search-index.js"


def coach(pack: str) -> str:
    """A pack's letter coach, beside its letters: the coach's words in the pack's language
    and each letter's rules, which a letter page loads when its reader first types
    (render/coach.py)."""
    return f"{pack}/coach.js"


def source_copy(pack: str, slug: str) -> str:
    """Where a letter's YAML is published beside it: '.txt' so that browsers show it as
    text, as Sphinx does with _sources/."""
    return f"_sources/{pack}/{slug}.yaml.txt"


def feed(language: str = "") -> str:
    """The Atom feed of the letters in the site's language, or in another's
    (model/site.py's Feed): 'feed.xml', 'fr/feed.xml'."""
    return f"{language}/feed.xml" if language else "feed.xml"


def static(name: str) -> str:
    return f"static/{name}"


def stemmer(name: str) -> str:
    """Where the search page finds a JavaScript stemmer ('english.js', render/stemming.py), and
    the stemmers' licence ('COPYING.txt')."""
    return static(f"stemmers/{name}")


def own(name: str) -> str:
    """Where a file of the owner's own (a logo, a stylesheet) is published: under
    static/own/, at its path in the project, so no two can meet and none can replace
    a file of the theme's."""
    return f"static/own/{name}"


def beside_letter(pack: str, name: str) -> str:
    """Where a file a letter names (its image: ``name``, from its pack's folder) is
    published: at its path under content/, beside the letter's page."""
    return f"{pack}/{name}"


def root_of(path: str) -> str:
    """The relative way back to the site's root from a page at ``path``."""
    return "../" * path.count("/")


_KINDS: dict[str, Callable[..., str]] = {
    "home": lambda: HOME,
    "search": lambda: SEARCH,
    "gallery_zip": lambda: GALLERY_ZIP,
    "schema": lambda: SCHEMA,
    "sitemap": lambda: SITEMAP,
    "search_index": lambda: SEARCH_INDEX,
    "scenario": scenario,
    "pack": pack,
    "page": page,
    "tag": tag,
    "channel": channel,
    "download": download,
    "pack_zip": pack_zip,
    "source_copy": source_copy,
    "coach": coach,
    "feed": feed,
    "static": static,
    "own": own,
}


URL_KINDS = tuple(_KINDS)


def url_for(kind: str, *args: str) -> str:
    """The path of a page or file of the site, for templates: url_for('tag', 'thanks')."""
    if kind not in _KINDS:
        near = difflib.get_close_matches(kind, _KINDS, n=1)
        hint = f" (did you mean '{near[0]}'?)" if near else ""
        raise ValueError(
            f"url_for knows no kind of page '{kind}'{hint}; the kinds are "
            + ", ".join(sorted(_KINDS))
        )
    return _KINDS[kind](*args)


def pages_made_by(content_file: PurePosixPath) -> str | None:
    """The page a content file makes (its path relative to the content folder), or None
    when it is not a file that makes one page."""
    parts = content_file.parts
    if len(parts) == 1 and content_file.suffix == ".md":
        return HOME if content_file.stem == "index" else page(content_file.stem)
    if len(parts) == 2 and parts[1] == "_pack.yaml":
        return pack(parts[0])
    if len(parts) == 2 and content_file.suffix == ".yaml" and not parts[1].startswith("_"):
        return scenario(parts[0], content_file.stem)
    return None


# ---- links written in Markdown ----

# A scheme (https:, mailto:) or '//host': an address of another site, left as written.
_ELSEWHERE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def site_path(written: str, folder: str) -> str | None:
    """The path in the site that a link written in Markdown leads to (its '#fragment'
    and '?query' aside), for Markdown shown for a source in ``folder`` of content/ ('' at
    its root, 'PACK' in a pack): the content folder is the site's, so a relative link
    starts there, as the source's own folder. A link may name a source ('impressum.md',
    'PACK/SLUG.yaml', 'PACK/' or 'PACK/_pack.yaml' for a pack's page), a path from the
    site's root ('/impressum.html'), or a path of the site ('impressum.html', a PDF).
    None for a link that is not to this site (https:, mailto:, '//host') or to this
    very page ('#top'); a path that climbs out of the site starts with '../'."""
    path = re.split(r"[?#]", written, maxsplit=1)[0]
    if not path or _ELSEWHERE.match(path):
        return None
    path = unquote(path)
    joined = path[1:] if path.startswith("/") else posixpath.join(folder, path)
    folderish = joined.endswith("/") or joined == ""
    normal = posixpath.normpath(joined or ".")
    if normal == ".":
        return HOME
    if normal == ".." or normal.startswith("../"):
        return normal
    if folderish:
        return f"{normal}/{HOME}"
    return pages_made_by(PurePosixPath(normal)) or normal


def link_from(page_path: str, root: str, written: str, folder: str | None = None) -> str:
    """A link written in Markdown as the page at ``page_path`` (whose way to the site's
    root is ``root``) must write it: relative to the page, so that the site works from
    any folder and from disk; from ``root`` itself where that is an address ('/' or
    base_url: the 404 page, which a host serves at any depth). ``folder`` is where its
    relative links start (see site_path): the page's own folder unless given. A link
    that is not to a page or file of this site is left as it is written."""
    start = posixpath.dirname(page_path) if folder is None else folder
    target = site_path(written, start)
    if target is None or target.startswith("../"):
        return written
    rest = written[len(re.split(r"[?#]", written, maxsplit=1)[0]) :]
    if root != root_of(page_path):
        return root + quote(target, safe=_SAFE) + rest
    here = posixpath.dirname(page_path) or "."
    return quote(posixpath.relpath(target, here), safe=_SAFE) + rest


class SiteWide(str):
    """Markdown shown on every page (the footer of the settings): its relative links start
    at the site's root, not at the folder of the page that shows it."""

    __slots__ = ()


# What stays as it is in a path written into a page (RFC 3986's path characters).
_SAFE = "/:@!$&'()*+,;=-._~"


def served_at(host: str, port: int) -> str:
    """The address of a server listening on ``host`` and ``port``: an IPv6 host in
    brackets, as every web address writes it (RFC 3986)."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"
