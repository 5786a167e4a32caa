"""Templates to take away: every letter in every format of the table (.txt, .md and
.docx), every pack and the whole gallery as a zip; opened here with python-docx and
zipfile, as a reader's tools would. A format added to the table is made, linked, zipped
and named in the zips' README, with no other change."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

from sincerely.build.builders import run
from sincerely.common.i18n import Messages
from sincerely.common.urls import GALLERY_ZIP
from sincerely.downloads import formats
from sincerely.downloads.archives import forms_sentence
from sincerely.downloads.formats import FORMATS, Format, letter_text
from sincerely.model.scenario import Scenario

from ..conftest import REPO, Project
from ..helpers.gallery import PACK, SCENARIOS, SITE, words_of

IDS = [s.slug for s in SCENARIOS]


def downloads_of(scenario: Scenario) -> dict[str, str]:
    return {f.suffix: f.path(scenario) for f in FORMATS}


def head_of(scenario: Scenario) -> list[str]:
    """A paper letter's blank addresses and date, in its language."""
    _ = words_of(scenario).gettext
    return [f"[{_('Your address')}]\n[{_('Date')}]", f"[{_('Their name and address')}]"]


def optional_mark(scenario: Scenario, what: str) -> str:
    template = "Optional: %(what)s. Delete this paragraph if it does not fit."
    return words_of(scenario).gettext(template) % {"what": what}


def expected_paragraphs(scenario: Scenario) -> list[str]:
    labels = {f.id: f"[{f.label}]" for f in scenario.fields}
    paragraphs = []
    if scenario.channel == "letter":
        paragraphs += head_of(scenario)
    if scenario.letter.subject is not None:
        subject = words_of(scenario).gettext("Subject:")
        paragraphs.append(f"{subject} " + scenario.letter.subject.fill(labels))
    for block in scenario.letter.blocks:
        if block.optional:
            paragraphs.append(optional_mark(scenario, block.optional))
        paragraphs.append(block.text.fill(labels))
    return paragraphs


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_the_word_document_holds_the_template(repo_site: Path, scenario: Scenario) -> None:
    document = docx.Document(str(repo_site / downloads_of(scenario)["docx"]))
    assert [p.text for p in document.paragraphs] == expected_paragraphs(scenario)
    highlighted = [
        run.text
        for p in document.paragraphs
        for run in p.runs
        if run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]
    labels = {f.id: f"[{f.label}]" for f in scenario.fields}
    blanks = [labels[b] for block in scenario.letter.blocks for b in block.text.blank_ids]
    if scenario.letter.subject is not None:
        blanks = [labels[b] for b in scenario.letter.subject.blank_ids] + blanks
    if scenario.channel == "letter":
        blanks = [*head_of(scenario), *blanks]
    assert highlighted == blanks, "every blank is highlighted, and nothing else"
    notes = [b.note.strip() for b in scenario.letter.blocks if b.note]
    comments = [c.text.strip() for c in document.comments]
    assert len(comments) == len(notes) + 1  # and one about the letter and its sources
    for note in notes:
        assert " ".join(note.split()) in [" ".join(c.split()) for c in comments]
    assert document.core_properties.title == scenario.title


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_the_plain_text_is_the_template_wrapped_for_email(
    repo_site: Path, scenario: Scenario
) -> None:
    text = (repo_site / downloads_of(scenario)["txt"]).read_text(encoding="utf-8")
    assert text == letter_text(scenario, words_of(scenario))
    assert max(len(line) for line in text.splitlines()) <= 90
    unwrapped = " ".join(text.split())
    for paragraph in expected_paragraphs(scenario):
        if paragraph in head_of(scenario) or paragraph.startswith(optional_mark(scenario, "")[:8]):
            continue
        assert " ".join(paragraph.split()) in unwrapped
    for block in scenario.letter.blocks:
        if block.optional:
            assert " ".join(f"[{optional_mark(scenario, block.optional)}]".split()) in unwrapped


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_the_markdown_carries_notes_tips_and_sources(repo_site: Path, scenario: Scenario) -> None:
    text = (repo_site / downloads_of(scenario)["md"]).read_text(encoding="utf-8")
    flat = " ".join(text.replace("\n> ", "\n").split())  # notes are block quotes
    for block in scenario.letter.blocks:
        if block.note:
            assert " ".join(block.note.split()) in flat
    for source in scenario.sources:
        assert source.title.replace("*", "\\*") in text
    for tip in (*scenario.tips.do, *scenario.tips.avoid):
        assert " ".join(tip.split()) in flat


def test_the_pack_zip_holds_every_letter_in_every_form(repo_site: Path) -> None:
    archive = zipfile.ZipFile(repo_site / PACK.slug / f"{PACK.slug}-letters.zip")
    names = archive.namelist()
    assert names == sorted(names)
    assert f"{PACK.slug}/README.txt" in names
    readme = archive.read(f"{PACK.slug}/README.txt").decode()
    # What each form is for, in the pack's language, from the table.
    assert " ".join(forms_sentence(words_of(PACK.scenarios[0])).split()) in " ".join(readme.split())
    for scenario in PACK.scenarios:
        assert scenario.title in readme
        for kind, path in downloads_of(scenario).items():
            assert (
                archive.read(f"{PACK.slug}/{scenario.slug}.{kind}")
                == (repo_site / path).read_bytes()
            )
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert len(names) == 1 + len(FORMATS) * len(PACK.scenarios)


def test_the_gallery_zip_holds_every_pack(repo_site: Path) -> None:
    archive = zipfile.ZipFile(repo_site / GALLERY_ZIP)
    assert len(archive.namelist()) == sum(1 + len(FORMATS) * len(p.scenarios) for p in SITE.packs)
    assert archive.testzip() is None


def test_the_letter_page_links_each_download_with_its_size(repo_site: Path) -> None:
    for scenario in SCENARIOS:
        html = (repo_site / scenario.url).read_text(encoding="utf-8")
        for kind, path in downloads_of(scenario).items():
            size = (repo_site / path).stat().st_size
            shown = f"{size / 1000:.1f} kB" if size >= 1000 else f"{size} Bytes"
            pattern = rf'href="\.\./{re.escape(path)}" download>[^<]+</a> '
            link = re.search(pattern + rf'<span class="size">\(\.{kind}, ([^)]+)\)', html)
            assert link is not None, (scenario.slug, kind)
            assert link[1] == shown


def test_two_builds_give_identical_archives_and_documents(tmp_path: Path) -> None:
    run(REPO, tmp_path / "one", fresh=True)
    run(REPO, tmp_path / "two", fresh=True, jobs=2)
    for path in [GALLERY_ZIP, *(p for s in SCENARIOS for p in downloads_of(s).values())]:
        assert (tmp_path / "one" / path).read_bytes() == (tmp_path / "two" / path).read_bytes()


def test_source_date_epoch_sets_the_archive_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    run(REPO, tmp_path / "site", fresh=True)
    archive = zipfile.ZipFile(tmp_path / "site" / GALLERY_ZIP)
    assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_the_text_builder_writes_only_the_letters(
    scenario_project: Project, tmp_path: Path
) -> None:
    done = scenario_project.cli("build", "-b", "text", "-o", str(tmp_path / "text"))
    assert done.returncode == 0, done.stderr
    files = sorted(
        p.relative_to(tmp_path / "text").as_posix()
        for p in (tmp_path / "text").rglob("*")
        if p.is_file()
    )
    assert files == [".sincerely-build", "letters/close-second-template.txt"]
    assert (
        (tmp_path / "text/letters/close-second-template.txt")
        .read_text()
        .startswith("Subject: Thank you, [Hiring manager's name]")
    )


def test_a_source_date_epoch_before_1980_is_clamped_to_1980(
    scenario_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # common in reproducible-build set-ups
    scenario_project.build()
    archive = zipfile.ZipFile(scenario_project.site / GALLERY_ZIP)
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_new_source_date_epoch_rebuilds_with_its_dates(
    scenario_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    scenario_project.build()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    assert not scenario_project.build().unchanged
    archive = zipfile.ZipFile(scenario_project.site / GALLERY_ZIP)
    assert {info.date_time[0] for info in archive.infolist()} == {2027}


def test_the_text_builder_writes_nothing_when_only_checking(scenario_project: Project) -> None:
    before = sorted(p.relative_to(scenario_project.root) for p in scenario_project.root.rglob("*"))
    result = run(scenario_project.root, write=False, builder="text")
    assert result.site is not None and result.scenario_count == 1
    after = sorted(p.relative_to(scenario_project.root) for p in scenario_project.root.rglob("*"))
    assert after == before


@pytest.mark.parametrize("scenario", SCENARIOS[:3] + SCENARIOS[-2:], ids=lambda s: s.slug)
def test_the_blank_templates_say_what_they_are_and_are_not_named_as_the_letter(
    repo_site: Path, scenario: Scenario
) -> None:
    # A seeker took the annotated template for their letter: same name, same look.
    html = (repo_site / scenario.url).read_text(encoding="utf-8")
    _ = words_of(scenario).gettext
    links = re.findall(r'<li><a href="\.\./([^"]+)" download>([^<]+)</a>', html)
    templates = [(href, text) for href, text in links if not href.endswith(".zip")]
    assert [href.rsplit("/", 1)[1] for href, _text in templates] == [
        f"{scenario.slug}-template.{kind}" for kind in ("txt", "md", "docx")
    ]
    assert [text for _href, text in templates] == [_(f.label) for f in FORMATS]
    assert [f.label for f in FORMATS] == [
        "Blank template, plain text",
        "Blank template with the notes, tips and sources, in Markdown",
        "Blank template for Word, the notes as comments",
    ]
    # The reader's own letter leaves the page as "{slug}.txt" and "{slug}.docx".
    assert not (repo_site / scenario.pack / f"{scenario.slug}.txt").exists()


def test_the_zips_readme_lists_every_form_in_the_words_of_its_language() -> None:
    assert forms_sentence(Messages("en")) == (
        "Each letter comes in three forms: .txt (the letter alone, to paste), .md (with the "
        "notes on why each paragraph is there, the tips and the sources), and .docx (for a "
        "word processor; the notes are comments). Blanks to fill in are in [brackets]; "
        "optional paragraphs are marked."
    )
    french = Messages(
        "fr",
        {"%(rest)s, and %(last)s": "%(rest)s et %(last)s", "three": "trois"},
        {
            "Each letter comes in one form: %(forms)s.": {
                "one": "Chaque lettre existe en un format : %(forms)s.",
                "many": "Chaque lettre existe en %(number)s formats : %(forms)s.",
                "other": "Chaque lettre existe en %(number)s formats : %(forms)s.",
            }
        },
    )
    # The list is joined as its language joins one, not as English does.
    assert forms_sentence(french).startswith("Chaque lettre existe en trois formats : .txt (")
    assert "sources) et .docx (" in forms_sentence(french)


NEW_FORMAT = Format(
    "html",
    "Blank template as a web page",
    "to open in a browser",
    lambda scenario, words: f"<h1>{scenario.title}</h1>".encode(),
)


def test_a_format_added_to_the_table_is_made_linked_zipped_and_named(
    scenario_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(formats, "FORMATS", (*FORMATS, NEW_FORMAT))
    scenario_project.build()
    site = scenario_project.site
    # Its file, beside the others.
    assert (site / "letters/close-second-template.html").read_bytes() == b"<h1>Close second</h1>"
    # Its link on the letter page, after the others, with its label and size.
    page = (site / "letters/close-second.html").read_text(encoding="utf-8")
    links = re.findall(
        r'<li><a href="([^"]+)" download>([^<]+)</a> <span class="size">\(\.(\w+)', page
    )
    assert links[:4] == [
        *((f"../letters/close-second-template.{f.suffix}", f.label, f.suffix) for f in FORMATS),
        ("../letters/close-second-template.html", "Blank template as a web page", "html"),
    ]
    # In the pack's zip and the gallery's, and named in their README.
    for path in ("letters/letters-letters.zip", GALLERY_ZIP):
        archive = zipfile.ZipFile(site / path)
        assert archive.read("letters/close-second.html") == b"<h1>Close second</h1>"
        readme = " ".join(archive.read("letters/README.txt").decode().split())
        assert "Each letter comes in four forms: .txt (the letter alone, to paste), " in readme
        assert "are comments), and .html (to open in a browser). Blanks" in readme


def test_the_notes_beside_the_zips_name_as_many_forms_as_the_table_has(repo_site: Path) -> None:
    # These are whole sentences of the layouts, not read off the table (the French
    # catalog joins their list its own way): a format added to the table must be named
    # in them too, in layouts/home.html, pack.html and scenario.html.
    assert len(FORMATS) == 3
    page = (repo_site / SCENARIOS[0].url).read_text(encoding="utf-8")
    assert '<span class="size">(.zip, all three forms)</span>' in page
    for path in ("index.html", f"{PACK.slug}/index.html"):
        note = "(.zip: plain text, Markdown with notes, and Word)"
        assert note in (repo_site / path).read_text(encoding="utf-8")
