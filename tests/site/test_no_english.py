"""A gallery in German shows no English: every kind of page and every download is held
against every English string of the theme's catalogs that German says otherwise, so a
string added later without going through the catalogs is caught too."""

from __future__ import annotations

import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from sincerely.serve.webserver import error_page, site_words
from sincerely.model.config import load_config
from sincerely.common.errors import Diagnostic, Location, Severity

from ..conftest import REPO, Project

GERMAN = REPO / "layouts" / "locale" / "de.po"
_PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}|%s")
# Attributes whose values a reader hears or sees; the rest (class, href...) are code.
_SAID = ("aria-label", "title", "alt", "placeholder", "content", "value", "label")

LETTER = """\
title: Danke nach der Absage
summary: Sie wurden abgelehnt und bedanken sich trotzdem.
situation: |
  ## Wann er passt

  Nach einer Absage, die freundlich war.
channel: @channel@
tags: [Absage, Rückmeldung]
timing: Binnen zwei Tagen.
fields:
  - id: name
    label: Name der Person
    example: Frau Weber
    hint: Wer die Absage schrieb.
  - id: ihr_name
    label: Ihr Name
    example: Sam Lee
    hint: Wie Sie unterschreiben.
    sender: true
    autocomplete: name
letter:
@subject@  blocks:
    - text: Sehr geehrte {name},
      note: Die Person, die entschieden hat.
    - text: |-
        vielen Dank für Ihre Nachricht.
        Mit freundlichen Grüßen
        {ihr_name}
      note: Kurz und ehrlich.
      optional: Wenn Sie mögen.
tips:
  do: [Schreiben Sie bald.]
  avoid: [Fragen Sie nicht nach dem Grund.]
sources:
  - title: Nach der Absage
    author: Jemand
"""


def _english() -> list[tuple[str, re.Pattern[str]]]:
    """Each English string of the theme that German says otherwise, as a pattern that
    finds it in a text, its placeholders standing for any words."""
    with GERMAN.open("rb") as stream:
        catalog = read_po(stream)
    found = []
    for message in catalog:
        ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
        strings = (message.string,) if isinstance(message.string, str) else message.string
        for english in ids:
            if not english or english in strings:
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
        self.texts += [v for k, v in attrs if k in _SAID and v]
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


def _said(path: Path) -> list[str]:
    data = path.read_bytes()
    if path.suffix == ".html":
        parser = _Said()
        parser.feed(data.decode("utf-8"))
        return parser.texts
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


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = Project(tmp_path_factory.mktemp("de"))
    project.write("pyproject.toml", '[tool.sincerely]\ntitle = "Nachfassen"\nlanguage = "de"\n')
    project.write("content/index.md", "---\ntitle: Start\n---\n## Für wen\n\nFür alle.\n")
    project.write("content/ueber-uns.md", "---\ntitle: Über uns\n---\n# Wer wir sind\n\nWir.\n")
    project.write(
        "content/nachfassen/_pack.yaml",
        "title: Nachfassen\nsummary: Briefe nach einer Absage.\nintro: |\n  ## Wann\n\n  Bald.\n",
    )
    letter = LETTER.replace("@channel@", "letter").replace("@subject@", "")
    email = LETTER.replace("@channel@", "email").replace("@subject@", "  subject: Danke\n")
    project.write("content/nachfassen/danke.yaml", letter)
    project.write("content/nachfassen/zweite-wahl.yaml", email.replace("Danke nach", "Dank"))
    project.build(strict=True)
    return project.site


KINDS = [
    "index.html",
    "nachfassen/index.html",
    "nachfassen/danke.html",
    "nachfassen/zweite-wahl.html",
    "tags/absage.html",
    "tags/rueckmeldung.html",
    "channels/letter.html",
    "channels/email.html",
    "search.html",
    "ueber-uns.html",
    "404.html",
    "nachfassen/danke-template.txt",
    "nachfassen/danke-template.md",
    "nachfassen/danke-template.docx",
    "nachfassen/zweite-wahl-template.docx",
    "nachfassen/nachfassen-letters.zip",
    "all-letters.zip",
    "search-index.js",
    "nachfassen/search-index.js",
]


@pytest.mark.parametrize("relative", KINDS)
def test_no_page_or_download_of_a_german_gallery_says_a_word_of_english(
    german: Path, relative: str
) -> None:
    texts = _said(german / relative)
    english = [e for e, pattern in _english() if any(pattern.search(t) for t in texts)]
    assert english == []


def test_every_kind_of_page_and_download_is_scanned(german: Path) -> None:
    made = {p.relative_to(german).as_posix() for p in german.rglob("*") if p.is_file()}
    kinds = {re.sub(r"^(static|schema|_sources)/.*", r"\1", m) for m in made}
    kinds = {re.sub(r"zweite-wahl-template\.(txt|md)$", r"danke-template.\1", k) for k in kinds}
    # The theme's own files and the letters' sources are not the site's words; robots.txt
    # says nothing to a reader; the builder's marker is not a page.
    assert kinds - set(KINDS) == {"static", "schema", "_sources", "robots.txt", ".sincerely-build"}


def test_word_files_check_the_spelling_of_the_letters_language(german: Path) -> None:
    for name in ("danke-template.docx", "zweite-wahl-template.docx"):
        with zipfile.ZipFile(german / "nachfassen" / name) as docx:
            assert re.findall(r'w:lang w:val="([^"]+)"', docx.read("word/styles.xml").decode()) == [
                "de"
            ]


def test_serves_error_page_speaks_the_sites_language(project: Project) -> None:
    project.write("pyproject.toml", '[tool.sincerely]\nlanguage = "de"\n')
    config = load_config(project.root)
    problem = Diagnostic(Severity.ERROR, "bad", Location(project.root / "content/a.yaml", 1, 1))
    page = error_page([problem], project.root, site_words(config)).decode()
    assert '<html lang="de" dir="ltr">' in page
    assert "<h1>Diese Seite konnte nicht erstellt werden</h1>" in page
    said = _Said()
    said.feed(page.split('<pre class="build-errors"')[0])  # the problems are check's English
    assert [e for e, p in _english() if any(p.search(t) for t in said.texts)] == []
