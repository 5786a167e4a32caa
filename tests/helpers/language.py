"""What a built site says to a reader, and which of it is the theme's English: for the
tests that hold a translated gallery to its language."""

from __future__ import annotations

import functools
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po

from ..conftest import REPO

GERMAN = REPO / "layouts" / "locale" / "de.po"
_PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}|%s")
# Attributes whose values a reader hears or sees; the rest (class, href...) are code.
_SAID = ("aria-label", "title", "alt", "placeholder", "content", "value", "label")
# What a site holds that is not its words: the theme's own files, the letters' sources
# (the contributor's text as written), the files an owner publishes as they are.
_NOT_WORDS = re.compile(
    r"^(static|schema|_sources)/|^(robots\.txt|sitemap\.xml|CNAME|\.sincerely-build)$"
)
_ADDRESS = re.compile(r"https?://\S+$")
_TEXTS = (".html", ".txt", ".md", ".docx", ".zip", ".js", ".xml")
# English strings of the theme that are German words too: "Guten Tag" is not a tag.
_ALSO_GERMAN = frozenset({"Tag"})


@functools.cache
def english() -> list[tuple[str, re.Pattern[str]]]:
    """Each English string of the theme that German says otherwise, as a pattern that
    finds it in a text, its placeholders standing for any words."""
    with GERMAN.open("rb") as stream:
        catalog = read_po(stream)
    found = []
    for message in catalog:
        ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
        strings = (message.string,) if isinstance(message.string, str) else message.string
        for english in ids:
            if not english or english in strings or english in _ALSO_GERMAN:
                continue  # the same in both languages ("Tipps" aside, few are)
            parts = [re.escape(p) for p in _PLACEHOLDER.split(english)]
            pattern = r"(?<![\w-])" + r".+?".join(parts) + r"(?![\w-])"
            found.append((english, re.compile(pattern)))
    return found


class _Said(HTMLParser):
    """What a page says to a reader: its text, the attributes read out, and the words
    its scripts are given as JSON."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # An address (og:url's content) is not words, though it may end in email.html.
        self.texts += [v for k, v in attrs if k in _SAID and v and not _ADDRESS.match(v)]
        self._script = dict(attrs).get("type") if tag == "script" else None

    def handle_data(self, data: str) -> None:
        if self._script == "application/json":
            self.texts += list(_strings(json.loads(data)))
        elif self._script is None:
            self.texts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._script = None


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def said(path: Path) -> list[str]:
    data = path.read_bytes()
    if path.suffix == ".html":
        return said_in_html(data.decode("utf-8"))
    if path.suffix == ".docx":
        with zipfile.ZipFile(io.BytesIO(data)) as docx:
            return [docx.read(n).decode("utf-8") for n in docx.namelist()]
    if path.suffix == ".zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [archive.read(n).decode() for n in archive.namelist() if n.endswith(".txt")]
    if path.name == "search-index.js":  # what the page shows of it: its words, the results
        text = data.decode("utf-8")
        index = json.loads(text[text.index("={") + 1 :].rstrip(";\n"))
        shown = [[doc[1], doc[2], doc[5]] for doc in index.get("docs", [])]
        return _strings([index.get("text", []), shown])
    return [data.decode("utf-8")]


def said_in_html(html: str) -> list[str]:
    parser = _Said()
    parser.feed(html)
    return parser.texts


def english_said(texts: list[str]) -> list[str]:
    """The theme's English strings found in ``texts``."""
    return [e for e, pattern in english() if any(pattern.search(t) for t in texts)]


def english_in(site: Path) -> dict[str, list[str]]:
    """Every file of a German ``site`` that says some of the theme's English, with what."""
    found = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if not path.is_file() or path.suffix not in _TEXTS or _NOT_WORDS.search(relative):
            continue
        if words := english_said(said(path)):
            found[relative] = words
    return found
