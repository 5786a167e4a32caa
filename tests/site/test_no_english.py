"""A gallery in German shows no English: every kind of page and every download is held
against every English string of the theme's catalogs that German says otherwise, so a
string added later without going through the catalogs is caught too."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from sincerely.common.errors import Diagnostic, Location, Severity
from sincerely.model.config import load_config
from sincerely.serve.webserver import error_page, site_words

from ..conftest import Project
from ..helpers.language import english_in, english_said, said, said_in_html

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
    "nachfassen/coach.js",
]


@pytest.mark.parametrize("relative", KINDS)
def test_no_page_or_download_of_a_german_gallery_says_a_word_of_english(
    german: Path, relative: str
) -> None:
    assert english_said(said(german / relative)) == []


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
    words = said_in_html(page.split('<pre class="build-errors"')[0])  # problems: check's English
    assert english_said(words) == []


def test_no_file_of_a_german_gallery_says_a_word_of_english(german: Path) -> None:
    # The whole site, as the owner's test reads it: no file is left out of the scan.
    assert english_in(german) == {}
