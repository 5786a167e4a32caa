"""The Word template, as Word and python-docx read it: the page of its channel, its
text safe whatever a letter says, the same bytes for the same letter, and the same fixed
parts as the reader's own Word file, which the letter page makes (docx.js)."""

from __future__ import annotations

import io
import json
import zipfile

import docx
import pytest
from docx.shared import Inches

from sincerely.downloads.docx import browser_parts, scenario_docx
from sincerely.load.loader import load_site
from sincerely.model.config import load_config
from sincerely.model.scenario import Scenario
from sincerely.model.site import Site

from ..conftest import MINIMAL_SCENARIO, Project

NOTE = (
    MINIMAL_SCENARIO.replace("channel: email", "channel: note")
    .replace("  subject: Thank you, {manager_name}\n", "")
    .replace("title: Close second", "title: A card")
)
# What a letter may say that XML would take for markup.
AWKWARD = (
    MINIMAL_SCENARIO.replace("title: Close second", 'title: "Q&A <notes> \\"quoted\\""')
    .replace("Thank you for letting me know.", "Thanks for <b>this</b> & the tour ]]>.")
    .replace("note: Short and sincere.", "note: Fish & chips < steak.")
)
PARTS = [
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "word/styles.xml",
    "word/comments.xml",
]


def _site(project: Project) -> Site:
    site, diagnostics = load_site(load_config(project.root))
    assert not diagnostics.items, diagnostics.items
    return site


def _letter(site: Site, slug: str) -> tuple[Scenario, bytes]:
    scenario = next(s for s in site.scenarios() if s.slug == slug)
    pack = next(p for p in site.packs if p.slug == scenario.pack)
    return scenario, scenario_docx(scenario, site.messages_in(site.language_of(pack)))


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {info.filename: archive.read(info) for info in archive.infolist()}


@pytest.fixture
def site(project: Project) -> Site:
    project.add_scenario()
    project.add_scenario("a-card", NOTE)
    project.add_scenario("awkward", AWKWARD)
    return _site(project)


def test_a_template_is_a_whole_zip_of_the_seven_parts_in_a_fixed_order(site: Site) -> None:
    _, data = _letter(site, "close-second")
    assert list(_parts(data)) == PARTS


def test_the_same_letter_gives_the_same_bytes(site: Site, project: Project) -> None:
    _, once = _letter(site, "close-second")
    _, again = _letter(_site(project), "close-second")  # loaded afresh
    assert once == again


def test_its_dates_are_the_source_date_epoch(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    _, default = _letter(site, "close-second")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _, dated = _letter(site, "close-second")
    with zipfile.ZipFile(io.BytesIO(dated)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert (
        b'<dcterms:created xsi:type="dcterms:W3CDTF">2023-11-14T22:13:20Z'
        in (_parts(dated)["docProps/core.xml"])
    )
    with zipfile.ZipFile(io.BytesIO(default)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_an_email_is_on_a4_and_a_handwritten_note_on_a_five_by_seven_card(site: Site) -> None:
    _, email = _letter(site, "close-second")
    _, card = _letter(site, "a-card")
    a4 = docx.Document(io.BytesIO(email)).sections[0]
    assert (round(a4.page_width.mm), round(a4.page_height.mm)) == (210, 297)
    assert a4.left_margin == a4.top_margin and round(a4.top_margin.cm, 1) == 2.5
    note = docx.Document(io.BytesIO(card)).sections[0]
    assert (note.page_width, note.page_height) == (Inches(5), Inches(7))
    assert note.left_margin == Inches(0.5)


def test_markup_in_a_letter_is_text_in_the_document(site: Site) -> None:
    _, data = _letter(site, "awkward")
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.title == 'Q&A <notes> "quoted"'
    text = [p.text for p in document.paragraphs]
    assert "Thanks for <b>this</b> & the tour ]]>.\nBest wishes,\n[Your name]" in text
    comments = [c.text for c in document.comments]
    assert "Fish & chips < steak." in comments
    assert any(c.startswith('Q&A <notes> "quoted": ') for c in comments)


def test_a_line_break_in_a_block_is_a_break_not_a_new_paragraph(site: Site) -> None:
    _, data = _letter(site, "close-second")
    document = docx.Document(io.BytesIO(data))
    assert [p.text for p in document.paragraphs] == [
        "Subject: Thank you, [Hiring manager's name]",
        "Dear [Hiring manager's name],",
        "Thank you for letting me know.\nBest wishes,\n[Your name]",
    ]


def test_the_letter_pages_word_file_is_made_of_the_same_parts(site: Site) -> None:
    # The reader's filled letter (docx.js) and the template share one definition: what
    # the page is given is what every template holds.
    script = browser_parts()
    prefix = "window.sincerelyDocxParts="
    assert script.startswith(prefix) and script.endswith(";\n")
    given = json.loads(script[len(prefix) : -2])
    for slug, channel in (("close-second", "letter"), ("a-card", "note")):
        scenario, data = _letter(site, slug)
        parts = {name: body.decode() for name, body in _parts(data).items()}
        assert parts["[Content_Types].xml"] == given["contentTypes"]
        assert parts["_rels/.rels"] == given["packageRels"]
        assert parts["word/_rels/document.xml.rels"] == given["documentRels"]
        styles, section = given[channel]
        # An email's page is a letter's (A4); a note's, the card's.
        assert parts["word/styles.xml"] == styles.replace("{lang}", "en")
        assert section in parts["word/document.xml"]
        core = given["core"].replace("{title}", scenario.title)
        assert parts["docProps/core.xml"] == core.replace("{when}", "1980-01-01T00:00:00Z")
