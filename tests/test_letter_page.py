"""The letter page in a real Chromium, for every scenario in content/: the form fills the
letter in, and every action gives exactly the letter the reader sees."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from sincerely.model import Scenario

from .helpers.browser import Watched, serve, watched_page
from .helpers.gallery import SCENARIOS

IDS = [s.slug for s in SCENARIOS]
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def site_url(repo_site: Path) -> Iterator[str]:
    with serve(repo_site) as url:
        yield url


def sample_values(scenario: Scenario, suffix: str = "") -> dict[str, str]:
    values = {}
    for field in scenario.fields:
        value = field.options[0] if field.kind == "choice" else field.example
        values[field.id] = value + (
            suffix if field.per_recipient and field.kind != "choice" else ""
        )
    return values


def expected_text(
    scenario: Scenario, values: dict[str, str], dropped: frozenset[int] = frozenset()
) -> str:
    """The letter as plain text, composed here independently of the page's script."""
    blocks = [
        b.text.fill(values) for i, b in enumerate(scenario.letter.blocks, 1) if i not in dropped
    ]
    subject = scenario.letter.subject
    head = f"Subject: {subject.fill(values)}\n\n" if subject else ""
    return head + "\n\n".join(blocks) + "\n"


def fill(page: Page, scenario: Scenario, values: dict[str, str], recipient: int = 1) -> None:
    for field in scenario.fields:
        if recipient > 1 and not field.per_recipient:
            continue
        if field.kind == "choice":
            page.locator(
                f'input[name="{field.id}-{recipient}"][value="{values[field.id]}"]'
            ).check()
        else:
            page.locator(f"#f-{field.id}-{recipient}").fill(values[field.id])


def open_letter(page: Page, site_url: str, scenario: Scenario) -> None:
    page.goto(f"{site_url}{scenario.url}")
    expect(page.locator(".actions").first).to_be_visible()


@contextmanager
def letter_page(
    browser: Browser, site_url: str, scenario: Scenario, *, clipboard: bool = False
) -> Iterator[Watched]:
    """A watched page with the letter open, optionally allowed to use the clipboard."""
    permissions = ["clipboard-read", "clipboard-write"] if clipboard else []
    with watched_page(browser, site_url, permissions=permissions) as watched:
        open_letter(watched.page, site_url, scenario)
        yield watched


def preview(page: Page, recipient: int = 1) -> str:
    return page.locator(f'.preview[data-recipient="{recipient}"] .preview-body').inner_text()


def clipboard(page: Page) -> str:
    text: str = page.evaluate("navigator.clipboard.readText()")
    return text


def mailto_parts(page: Page, recipient: int = 1) -> tuple[str, str]:
    href = page.locator(
        f'.preview[data-recipient="{recipient}"] [data-action="email"]'
    ).get_attribute("href")
    assert href is not None and href.startswith("mailto:?")
    assert "+" not in href, "a '+' would read as a space in some mail apps"
    query = dict(part.split("=", 1) for part in urlparse(href).query.split("&"))
    return unquote(query.get("subject", "")), unquote(query["body"])


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_filling_every_field_fills_every_blank(
    browser: Browser, site_url: str, scenario: Scenario
) -> None:
    with letter_page(browser, site_url, scenario) as watched:
        page = watched.page
        status = page.locator('.preview[data-recipient="1"] .status')
        assert "blank" in status.inner_text() and "left" in status.inner_text()
        values = sample_values(scenario)
        fill(page, scenario, values)
        body = preview(page)
        for field in scenario.fields:
            if field.id in {b for blk in scenario.letter.blocks for b in blk.text.blank_ids}:
                assert values[field.id] in body
        assert page.locator(".preview .preview-body .blank").count() == 0
        words = len(" ".join(b.text.fill(values) for b in scenario.letter.blocks).split())
        expect(status).to_have_text(f"All blanks filled, {words} words.")
        first_text = next(f for f in scenario.fields if f.kind != "choice")
        page.locator(f"#f-{first_text.id}-1").fill("")
        expect(status).to_contain_text("1 blank left")
        watched.assert_clean()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_copy_email_and_download_give_exactly_the_letter(
    browser: Browser, site_url: str, scenario: Scenario
) -> None:
    with letter_page(browser, site_url, scenario, clipboard=True) as watched:
        page = watched.page
        values = sample_values(scenario)
        fill(page, scenario, values)
        dropped = frozenset(i for i, b in enumerate(scenario.letter.blocks, 1) if b.optional)
        for index in sorted(dropped):
            page.locator(f'input[data-block="{index}"]').uncheck()
        text = expected_text(scenario, values, dropped)

        page.get_by_role("button", name="Copy letter").click()
        expect(page.locator(".action-status").first).to_have_text("Copied")
        assert clipboard(page) == text

        subject, body = mailto_parts(page)
        subject_line = f"Subject: {subject}\n\n" if subject else ""
        assert subject_line + body.replace("\r\n", "\n") + "\n" == text
        assert "\r\n" in body and "\n" not in body.replace("\r\n", "")

        with page.expect_download() as info:
            page.get_by_role("button", name="Download .txt").click()
        assert info.value.suggested_filename == f"{scenario.slug}.txt"
        assert Path(info.value.path()).read_text(encoding="utf-8") == text

        for index in dropped:
            assert page.locator(f'.preview-block[data-block="{index}"]').is_hidden()
        watched.assert_clean()


@pytest.mark.parametrize(
    "scenario",
    [s for s in SCENARIOS if any(b.optional for b in s.letter.blocks)],
    ids=lambda s: s.slug,
)
def test_an_optional_block_can_be_left_out_and_put_back(
    browser: Browser, site_url: str, scenario: Scenario
) -> None:
    with letter_page(browser, site_url, scenario) as watched:
        page = watched.page
        index, block = next((i, b) for i, b in enumerate(scenario.letter.blocks, 1) if b.optional)
        box = page.get_by_label(block.optional)
        expect(box).to_be_checked()
        paragraph = page.locator(
            f'.preview[data-recipient="1"] .preview-block[data-block="{index}"]'
        )
        expect(paragraph).to_be_visible()
        box.uncheck()
        expect(paragraph).to_be_hidden()
        box.check()
        expect(paragraph).to_be_visible()


@pytest.mark.parametrize(
    "scenario",
    [s for s in SCENARIOS if any(f.per_recipient for f in s.fields)],
    ids=lambda s: s.slug,
)
def test_a_second_recipient_gets_a_complete_letter_of_their_own(
    browser: Browser, site_url: str, scenario: Scenario
) -> None:
    with letter_page(browser, site_url, scenario, clipboard=True) as watched:
        page = watched.page
        first, second = sample_values(scenario), sample_values(scenario, " Two")
        fill(page, scenario, first)
        page.get_by_role("button", name="Add another recipient").click()
        expect(page.locator("fieldset.recipient legend")).to_have_text("Recipient 2")
        for field in scenario.fields:  # only what differs per person is numbered
            label = page.locator(f'#letter-form > [data-field="{field.id}"]').first
            assert ("(recipient 1)" in label.inner_text()) == field.per_recipient
        fill(page, scenario, second, recipient=2)
        expect(page.locator(".preview")).to_have_count(2)
        for recipient, values in ((1, first), (2, second)):
            article = page.locator(f'.preview[data-recipient="{recipient}"]')
            article.get_by_role("button", name="Copy letter").click()
            expect(article.locator(".action-status")).to_have_text("Copied")
            assert clipboard(page) == expected_text(scenario, values)
            assert article.locator(".preview-body .blank").count() == 0
        one, two = expected_text(scenario, first), expected_text(scenario, second)
        assert one != two
        for field in scenario.fields:
            if field.per_recipient:
                one = one.replace(first[field.id], second[field.id])
        assert one == two, "the letters differ in more than the per-recipient values"
        page.get_by_role("button", name="Remove recipient 2").click()
        expect(page.locator(".preview")).to_have_count(1)
        watched.assert_clean()


def test_remember_keeps_only_sender_fields_and_forget_clears_them(
    browser: Browser, site_url: str
) -> None:
    first, other = SCENARIOS[0], SCENARIOS[1]
    with watched_page(browser, site_url) as watched:
        page = watched.page
        open_letter(page, site_url, first)
        remember = page.get_by_label("Remember my details on this device")
        expect(remember).not_to_be_checked()
        values = sample_values(first)
        fill(page, first, values)
        assert page.evaluate("localStorage.length") == 0, "nothing is stored before opting in"
        remember.check()
        stored = json.loads(page.evaluate("localStorage.getItem('sincerely.sender.v1')"))
        senders = {f.autocomplete or f.id: values[f.id] for f in first.fields if f.sender}
        assert stored == senders
        assert page.evaluate("localStorage.length") == 1

        open_letter(page, site_url, other)
        for field in other.fields:
            key = field.autocomplete or field.id
            if field.sender and key in senders:
                expect(page.locator(f"#f-{field.id}-1")).to_have_value(senders[key])
            elif field.kind != "choice":
                expect(page.locator(f"#f-{field.id}-1")).to_have_value("")
        expect(page.get_by_label("Remember my details on this device")).to_be_checked()
        page.get_by_role("button", name="Forget my details").click()
        assert page.evaluate("localStorage.length") == 0
        open_letter(page, site_url, first)
        sender = next(f for f in first.fields if f.sender)
        expect(page.locator(f"#f-{sender.id}-1")).to_have_value("")
        watched.assert_clean()


def test_the_whole_form_works_from_the_keyboard_alone(browser: Browser, site_url: str) -> None:
    scenario = next(s for s in SCENARIOS if any(f.kind == "choice" for f in s.fields))
    values = sample_values(scenario)
    with letter_page(browser, site_url, scenario, clipboard=True) as watched:
        page = watched.page
        page.locator("#letter-form").locator("input, textarea").first.focus()
        for field in scenario.fields:
            if field.kind == "choice":
                page.keyboard.press("Space")  # the first radio, which the sample uses
            else:
                page.keyboard.type(values[field.id])
            page.keyboard.press("Tab")
        for _ in range(40):  # on past the remaining controls to the Copy button
            if page.evaluate("document.activeElement.textContent") == "Copy letter":
                break
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(page.locator(".action-status").first).to_have_text("Copied")
        assert clipboard(page) == expected_text(scenario, values)


@pytest.mark.parametrize("scenario", SCENARIOS[:2], ids=IDS[:2])
def test_markup_typed_by_the_reader_shows_literally_and_runs_nothing(
    browser: Browser, site_url: str, scenario: Scenario
) -> None:
    with watched_page(browser, site_url) as watched:
        page = watched.page
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        open_letter(page, site_url, scenario)
        field = next(f for f in scenario.fields if f.kind != "choice")
        page.locator(f"#f-{field.id}-1").fill(HOSTILE)
        expect(page.locator(".preview-body").first).to_contain_text(HOSTILE)
        # No element was made from the text, so no handler of it can ever run: proof
        # that does not rest on waiting a while for a dialog that never comes.
        assert page.locator("img").count() == 0
        assert dialogs == []
        watched.assert_clean()


def test_a_long_letter_offers_copy_instead_of_a_broken_email_link(
    browser: Browser, site_url: str
) -> None:
    scenario = SCENARIOS[0]
    with letter_page(browser, site_url, scenario) as watched:
        page = watched.page
        field = next(f for f in scenario.fields if f.kind != "choice")
        page.locator(f"#f-{field.id}-1").fill("very long " * 200)
        article = page.locator('.preview[data-recipient="1"]')
        expect(article.locator('[data-action="email"]')).to_be_hidden()
        expect(article).to_have_class("preview channel-" + scenario.channel + " mailto-too-long")


def test_copy_falls_back_to_selecting_the_text_without_the_clipboard_api(
    browser: Browser, repo_site: Path
) -> None:
    scenario = SCENARIOS[0]
    url = (repo_site / scenario.url).as_uri()
    with watched_page(browser, url) as watched:
        page = watched.page
        page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
        page.goto(url)
        values = sample_values(scenario)
        fill(page, scenario, values)
        page.get_by_role("button", name="Copy letter").click()
        area = page.get_by_label("Your letter as plain text")
        expect(area).to_be_focused()
        assert area.input_value() == expected_text(scenario, values)
        selected = page.evaluate(
            "(() => { const a = document.activeElement;"
            " return a.value.slice(a.selectionStart, a.selectionEnd); })()"
        )
        assert selected == expected_text(scenario, values)
        # Headless Chromium may or may not let execCommand copy; either way the reader is told.
        expect(page.locator(".action-status").first).to_have_text(
            re.compile(r"^(Copied|Selected: press Ctrl\+C \(or Cmd\+C\) to copy)$")
        )
        watched.assert_clean()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_the_page_works_from_disk(browser: Browser, repo_site: Path, scenario: Scenario) -> None:
    url = (repo_site / scenario.url).as_uri()
    with watched_page(browser, url) as watched:
        page = watched.page
        page.goto(url)
        values = sample_values(scenario)
        fill(page, scenario, values)
        with page.expect_download() as info:
            page.get_by_role("button", name="Download .txt").click()
        assert Path(info.value.path()).read_text(encoding="utf-8") == expected_text(
            scenario, values
        )
        watched.assert_clean()


def test_without_javascript_the_template_is_there_to_copy(browser: Browser, site_url: str) -> None:
    scenario = SCENARIOS[0]
    with watched_page(browser, site_url, java_script_enabled=False) as watched:
        page = watched.page
        page.goto(site_url + scenario.url)
        expect(page.locator(".block .note").first).to_be_visible()
        body = preview(page)
        first_label = scenario.field_map[scenario.letter.blocks[0].text.blank_ids[0]].label
        assert f"[{first_label}]" in body
        expect(page.locator(".actions")).to_be_hidden()
        expect(page.locator(f"#f-{scenario.fields[0].id}-1")).to_be_visible()


def test_print_shows_only_the_letter(browser: Browser, site_url: str) -> None:
    scenario = SCENARIOS[0]
    with letter_page(browser, site_url, scenario) as watched:
        page = watched.page
        page.emulate_media(media="print")
        expect(page.locator(".preview-body").first).to_be_visible()
        for hidden in (
            ".site-header",
            ".letter-form",
            ".blocks",
            ".actions",
            ".status",
            ".site-footer",
        ):
            expect(page.locator(hidden).first).to_be_hidden()


@pytest.mark.parametrize("width", [375, 1280])
def test_notes_sit_beside_blocks_when_wide_and_under_them_when_narrow(
    browser: Browser, site_url: str, width: int
) -> None:
    with watched_page(browser, site_url, viewport={"width": width, "height": 900}) as watched:
        page = watched.page
        page.goto(site_url + SCENARIOS[0].url)
        text = page.locator(".block .block-text").first.bounding_box()
        note = page.locator(".block .note").first.bounding_box()
        assert text is not None and note is not None
        if width > 900:
            assert note["x"] > text["x"] + text["width"] - 1
        else:
            assert note["y"] >= text["y"] + text["height"] - 1
        assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("state", ["empty", "filled"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_axe_finds_no_violations_on_the_letter_page(
    browser: Browser, site_url: str, scenario: Scenario, state: str
) -> None:
    with letter_page(browser, site_url, scenario) as watched:
        page = watched.page
        if state == "filled":
            fill(page, scenario, sample_values(scenario))
            if any(f.per_recipient for f in scenario.fields):
                page.get_by_role("button", name="Add another recipient").click()
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
