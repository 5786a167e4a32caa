"""The reader's work is never lost: a draft survives a reload, a back and forward and a
reopened page; "Start again" can be undone; the whole letter can be edited freely, and
that text is what leaves. Real Chromium, on the repo's gallery."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from ..helpers.browser import Watched, serve, watched_page
from ..helpers.coaching import told_once
from ..helpers.gallery import BY_SLUG
from ..helpers.letters import compose, sample_values

SCENARIO = BY_SLUG["close-second"]


@pytest.fixture(scope="module")
def site_url(repo_site: Path) -> Iterator[str]:
    with serve(repo_site) as url:
        yield url


def ready(page: Page) -> None:
    expect(page.locator(".blanks")).not_to_be_empty()


@contextmanager
def opened(browser: Browser, site_url: str, **options: Any) -> Iterator[Watched]:
    """The close-second letter, open in a watched page; clean at the end."""
    with watched_page(browser, site_url, **options) as watched:
        watched.page.goto(site_url + SCENARIO.url)
        ready(watched.page)
        yield watched
        watched.assert_clean()


def test_a_reload_and_a_back_and_forward_bring_the_draft_back(
    browser: Browser, site_url: str
) -> None:
    with opened(browser, site_url) as watched:
        page = watched.page
        page.locator("#f-recipient_name").fill("Ms. Okafor")
        page.get_by_role("button", name="Add a recipient").click()
        expect(page.get_by_role("button", name="Letter 2")).to_be_visible()  # as a reader waits
        page.locator("#f-recipient_name").fill("Mr. Lind")
        page.reload()
        expect(page.get_by_role("button", name="Letter 2: Mr. Lind")).to_have_attribute(
            "aria-pressed", "true"
        )
        expect(page.locator("#f-recipient_name")).to_have_value("Mr. Lind")
        page.get_by_role("button", name="Letter 1: Ms. Okafor").click()
        expect(page.locator("#f-recipient_name")).to_have_value("Ms. Okafor")
        page.goto(site_url + "index.html")
        page.go_back()
        expect(page.locator("#f-recipient_name")).to_have_value("Ms. Okafor")
        expect(page.get_by_role("button", name="Letter 2: Mr. Lind")).to_be_visible()


def test_the_draft_is_kept_in_this_tab_only_unless_the_reader_asks(
    browser: Browser, site_url: str
) -> None:
    with opened(browser, site_url) as watched:
        page = watched.page
        page.locator("#f-recipient_name").fill("Ms. Okafor")
        expect(page.locator(".letter")).to_contain_text("Ms. Okafor")
        kept = page.evaluate("Object.keys(localStorage).concat(Object.keys(sessionStorage))")
        assert kept == [f"sincerely.draft.v1:/{SCENARIO.url}"]
        other = page.context.new_page()  # another tab: a session of its own
        other.goto(site_url + SCENARIO.url)
        ready(other)
        expect(other.locator("#f-recipient_name")).to_have_value("")
        # Asked to be remembered, the draft outlives the tab: another tab, or the browser
        # closed and opened again, finds it.
        page.get_by_label("Remember my details on this device").check()
        page.locator("#f-your_name").fill("Sam Lee")
        other.goto(site_url + SCENARIO.url)
        expect(other.locator("#f-recipient_name")).to_have_value("Ms. Okafor")
        expect(other.locator("#f-your_name")).to_have_value("Sam Lee")
        # "Forget" takes the kept draft away with the details.
        other.get_by_role("button", name="Forget my details").click()
        assert other.evaluate("Object.keys(localStorage)") == []


def test_start_again_empties_every_field_and_can_be_undone(browser: Browser, site_url: str) -> None:
    with opened(browser, site_url) as watched:
        page = watched.page
        values = sample_values(SCENARIO)
        for field in SCENARIO.fields:
            if field.kind != "choice":
                page.locator(f"#f-{field.id}").fill(values[field.id])
        page.get_by_role("button", name="Add a recipient").click()
        expect(page.get_by_role("button", name="Letter 2")).to_be_visible()
        page.locator("#f-recipient_name").fill("Mr. Lind")
        page.get_by_role("button", name="Start again").click()
        expect(page.locator(".action-status")).to_have_text("Started again: every field is empty.")
        for field in SCENARIO.fields:
            if field.kind != "choice":
                expect(page.locator(f"#f-{field.id}")).to_have_value("")
        expect(page.locator(".recipient-tab")).to_have_count(1)
        undo = page.get_by_role("button", name="Undo: bring my letter back")
        expect(undo).to_be_focused()
        undo.click()
        expect(page.locator(".recipient-tab")).to_have_count(2)
        expect(page.locator("#f-recipient_name")).to_have_value("Mr. Lind")
        page.locator(".recipient-tab").first.click()
        expect(page.locator("#f-recipient_name")).to_have_value(values["recipient_name"])
        expect(page.get_by_role("button", name="Start again")).to_be_visible()


def test_the_whole_letter_can_be_edited_freely_and_that_text_leaves(
    browser: Browser, site_url: str, tmp_path: Path
) -> None:
    values = sample_values(SCENARIO)
    letter = compose(SCENARIO, values)
    with opened(browser, site_url, permissions=["clipboard-read", "clipboard-write"]) as w:
        page = w.page
        for field in SCENARIO.fields:
            if field.kind != "choice":
                page.locator(f"#f-{field.id}").fill(values[field.id])
        page.get_by_role("button", name="Edit the whole letter").click()
        box = page.get_by_label("Your letter, to change as you like")
        expect(box).to_be_focused()
        expect(box).to_have_value(letter.body)
        # A word the template fixed ("interview") changed, and markup typed stays text.
        edited = letter.body.replace("Thank you", "Many thanks") + "\n\n<b>P.S.</b> See you."
        box.fill(edited)
        expect(page.locator('[data-part="2"]')).to_be_hidden()
        expect(page.locator('[data-part="subject"]')).to_be_visible()  # its own line still
        told_once(page)  # of the examples, still in the letter
        page.get_by_role("button", name="Copy letter").click()
        expect(page.locator(".action-status")).to_have_text("Copied")
        assert page.evaluate("navigator.clipboard.readText()") == edited + "\n"
        with page.expect_download() as info:
            page.get_by_role("button", name="Text file").click()
        saved = Path(info.value.path()).read_text(encoding="utf-8")
        assert saved == f"Subject: {letter.subject}\n\n{edited}\n"
        page.evaluate("window.print = () => { window.printed = true; }")  # no dialog
        page.get_by_role("button", name="Print").click()
        page.wait_for_function("window.printed === true")
        page.emulate_media(media="print")
        expect(page.locator(".free-print")).to_be_visible()
        expect(page.locator(".letter")).to_be_hidden()
        expect(page.locator(".free-print")).to_have_text(edited)
        assert page.locator(".free-print b").count() == 0
        page.emulate_media(media="screen")
        # Kept like the draft.
        page.reload()
        expect(page.get_by_label("Your letter, to change as you like")).to_have_value(edited)
        # Going back warns first; the edits stay until the reader says to lose them.
        page.get_by_role("button", name="Back to the blanks").click()
        warning = page.get_by_role("alert")
        expect(warning).to_contain_text("loses the changes you made here")
        expect(page.get_by_label("Your letter, to change as you like")).to_have_value(edited)
        page.get_by_role("button", name="Lose my changes").click()
        expect(page.locator('[data-part="2"]')).to_be_visible()
        expect(page.locator('[data-part="2"]')).to_contain_text("Thank you")


def test_the_word_file_of_a_free_edit_is_the_edited_text(
    browser: Browser, site_url: str, tmp_path: Path
) -> None:
    import docx

    with opened(browser, site_url) as watched:
        page = watched.page
        page.get_by_role("button", name="Edit the whole letter").click()
        page.get_by_label("Your letter, to change as you like").fill("Dear Ms. Okafor,\n\nThanks.")
        with page.expect_download() as info:
            page.get_by_role("button", name="Word file").click()
            # The subject's blank is still blank: the reader is told before it leaves.
            page.get_by_role("button", name="Download anyway").click()
        info.value.save_as(tmp_path / "mine.docx")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "mine.docx")).paragraphs]
    assert paragraphs[1:] == ["Dear Ms. Okafor,", "Thanks."]


# ---- what a hostile tester found: each a way work was lost or a letter went out wrong ----

HOSTILE_DRAFTS = [
    '{"recipients":"abc"}',
    '{"recipients":{"a":1}}',
    '{"recipients":[]}',
    '{"recipients":[null]}',
    '{"recipients":[{"values":{}},{"values":{}}],"current":-1}',
    '{"recipients":[{"values":{}},{"values":{}}],"current":0.5}',
    '{"recipients":[{"values":{"recipient_name":9}}]}',
    '{"shared":{"__proto__":{"x":1},"constructor":"y"},"recipients":[{"values":{}}]}',
    '"just a string"',
    "not json at all",
]


@pytest.mark.parametrize("planted", HOSTILE_DRAFTS)
def test_a_draft_of_the_wrong_shape_is_ignored_and_the_page_works(
    browser: Browser, site_url: str, planted: str
) -> None:
    with watched_page(browser, site_url) as watched:
        page = watched.page
        key = f"sincerely.draft.v1:/{SCENARIO.url}"
        page.add_init_script(f"sessionStorage.setItem({key!r}, {planted!r})")
        page.goto(site_url + SCENARIO.url)
        ready(page)
        page.locator("#f-position").fill("Night Porter")
        expect(page.locator('[data-part="subject"]')).to_contain_text("Night Porter")
        watched.assert_clean()


def test_start_again_can_be_undone_after_a_reload_until_the_reader_types(
    browser: Browser, site_url: str
) -> None:
    with opened(browser, site_url) as watched:
        page = watched.page
        page.locator("#f-position").fill("Night Porter")
        page.get_by_role("button", name="Start again").click()
        expect(page.locator("#f-position")).to_have_value("")
        page.reload()
        undo = page.get_by_role("button", name="Undo: bring my letter back")
        expect(undo).to_be_visible()
        undo.click()
        expect(page.locator("#f-position")).to_have_value("Night Porter")
        # Typing in the new letter lets the old one go: Undo would lose the new words.
        page.get_by_role("button", name="Start again").click()
        page.locator("#f-position").fill("Day Porter")
        expect(undo).to_be_hidden()
        page.reload()
        expect(page.locator("#f-position")).to_have_value("Day Porter")
        expect(undo).to_be_hidden()


def test_the_warning_about_free_edits_speaks_of_its_own_letter_only(
    browser: Browser, site_url: str
) -> None:
    with opened(browser, site_url) as watched:
        page = watched.page
        box = page.get_by_label("Your letter, to change as you like")
        page.get_by_role("button", name="Add a recipient").click()
        page.get_by_role("button", name="Edit the whole letter").click()
        box.fill("BOB EDITED")
        page.locator(".recipient-tab").first.click()
        page.get_by_role("button", name="Edit the whole letter").click()
        box.fill("ANN EDITED")
        page.get_by_role("button", name="Back to the blanks").click()
        expect(page.get_by_role("alert")).to_be_visible()
        page.locator(".recipient-tab").nth(1).click()
        expect(page.get_by_role("alert")).to_be_hidden()
        expect(box).to_have_value("BOB EDITED")


def test_what_leaves_while_the_example_is_shown_is_the_readers_letter(
    browser: Browser, site_url: str, tmp_path: Path
) -> None:
    import docx

    with opened(browser, site_url) as watched:
        page = watched.page
        page.locator("#f-position").fill("Night\u000bPorter")  # a vertical tab, pasted
        page.get_by_role("button", name="Word file").click()
        page.get_by_role("button", name="See it filled in").click()
        with page.expect_download() as info:
            page.get_by_role("button", name="Download anyway").click()
        info.value.save_as(tmp_path / "mine.docx")
        expect(page.get_by_role("button", name="See it filled in")).to_have_attribute(
            "aria-pressed", "false"
        )
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "mine.docx")).paragraphs)
    assert "NightPorter" in text  # the file opens: what XML cannot hold is left out
    example = next(f.example for f in SCENARIO.fields if f.id == "position")
    assert example not in text


def test_the_browsers_own_print_prints_the_free_text_as_typed(
    browser: Browser, site_url: str
) -> None:
    with opened(browser, site_url) as watched:
        page = watched.page
        page.get_by_role("button", name="Edit the whole letter").click()
        page.get_by_label("Your letter, to change as you like").fill("Dear Ann,\n\nThanks.")
        page.emulate_media(media="print")  # Ctrl+P, not the Print button
        expect(page.locator(".free-print")).to_have_text("Dear Ann,\n\nThanks.")


def test_a_prompt_about_blanks_goes_once_the_reader_types(browser: Browser, site_url: str) -> None:
    with opened(browser, site_url) as watched:
        page = watched.page
        page.get_by_role("button", name="Copy letter").click()
        expect(page.locator(".blanks-prompt")).to_be_visible()
        page.locator("#f-position").fill("Night Porter")
        expect(page.locator(".blanks-prompt")).to_be_hidden()
        page.get_by_role("button", name="Copy letter").click()  # asked again, not copied
        expect(page.locator(".blanks-prompt")).to_be_visible()
