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
import re
from collections.abc import Callable
from pathlib import PurePosixPath

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


def served_at(host: str, port: int) -> str:
    """The address of a server listening on ``host`` and ``port``: an IPv6 host in
    brackets, as every web address writes it (RFC 3986)."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"
