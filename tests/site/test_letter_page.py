"""The letter page in a real Chromium, as a job seeker uses it: on a phone first, and on
a laptop. The letter the page gives (copied, emailed, downloaded) is compared with one
composed independently in Python (helpers/letters.py)."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from sincerely.model.scenario import Scenario

from ..helpers.browser import Watched, serve, watched_page
from ..helpers.coaching import told_once
from ..helpers.gallery import BY_SLUG, SCENARIOS, words_of
from ..helpers.letters import Letter, compose, sample_values

IDS = [s.slug for s in SCENARIOS]
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
HOSTILE = "<img src=x onerror=alert(1)>"
ADDRESSES = {
    "_your_address": "12 Mill Lane\nLeeds LS6 2AB",
    "_their_address": "Ms Okafor\nCity Library",
}


@pytest.fixture(scope="module")
def site_url(repo_site: Path) -> Iterator[str]:
    with serve(repo_site) as url:
        yield url


@contextmanager
def letter_page(
    browser: Browser,
    site_url: str,
    scenario: Scenario,
    *,
    clipboard: bool = False,
    size: dict[str, int] = LAPTOP,
) -> Iterator[Watched]:
    permissions = ["clipboard-read", "clipboard-write"] if clipboard else []
    with watched_page(browser, site_url, permissions=permissions, viewport=size) as watched:
        watched.page.goto(f"{site_url}{scenario.url}")
        expect(watched.page.locator(".blanks")).not_to_be_empty()
        yield watched


def type_in(page: Page, scenario: Scenario, values: dict[str, str]) -> None:
    for field in scenario.fields:
        if field.kind == "choice":
            page.locator(f'input[name="{field.id}"][value="{values[field.id]}"]').check()
        else:
            page.locator(f"#f-{field.id}").fill(values[field.id])
    if scenario.channel == "letter":
        for field_id, value in ADDRESSES.items():
            page.locator(f"#f-{field_id}").fill(value)


def clipboard(page: Page) -> str:
    text: str = page.evaluate("navigator.clipboard.readText()")
    return text


def mailto(page: Page) -> tuple[str, dict[str, str]]:
    href = page.locator('[data-action="email"]').get_attribute("href") or ""
    parsed = urlparse(href)
    assert parsed.scheme == "mailto" and "+" not in href  # '+' reads as a space to some apps
    query = dict(part.split("=", 1) for part in parsed.query.split("&"))
    return unquote(parsed.path), {k: unquote(v) for k, v in query.items()}


def expected_copy(page: Page, scenario: Scenario, body: str) -> str:
    if scenario.channel != "letter":
        return body + "\n"
    date = page.locator("[data-date]").inner_text()
    return f"{ADDRESSES['_your_address']}\n{date}\n{ADDRESSES['_their_address']}\n\n{body}\n"


# ---- every letter: filled in, it gives exactly the letter, whichever way it leaves ----


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_every_action_gives_exactly_the_letter(
    browser: Browser, site_url: str, scenario: Scenario
) -> None:
    with letter_page(browser, site_url, scenario, clipboard=True) as watched:
        page = watched.page
        _ = words_of(scenario).gettext  # the page's words, in the letter's language
        values = sample_values(scenario)
        type_in(page, scenario, values)
        expect(page.locator(".blanks")).to_have_text(_("All blanks filled"))
        expect(page.locator(".letter .blank")).to_have_count(0)
        told_once(page)  # of the examples typed, by the coach
        letter = compose(scenario, values, language=words_of(scenario).language)
        page.get_by_role("button", name=_("Copy letter")).click()
        expect(page.locator(".action-status")).to_have_text(_("Copied"))
        assert clipboard(page) == expected_copy(page, scenario, letter.body)
        with page.expect_download() as info:
            page.get_by_role("button", name=_("Text file")).click()
        saved = Path(info.value.path()).read_text(encoding="utf-8")
        head = f"{_('Subject:')} {letter.subject}\n\n" if letter.subject else ""
        assert saved == head + expected_copy(page, scenario, letter.body)
        if scenario.channel == "email":
            _to, query = mailto(page)
            assert query["body"] == letter.body.replace("\n", "\r\n")
            assert query["subject"] == letter.subject
            page.get_by_role("button", name=_("Copy subject")).click()
            expect(page.locator(".action-status")).to_have_text(_("Subject copied"))
            assert clipboard(page) == letter.subject
        watched.assert_clean()


# ---- 1. every recipient gets a true letter ----


def test_each_recipient_gets_a_true_letter_of_their_own(browser: Browser, site_url: str) -> None:
    scenario = BY_SLUG["close-second"]
    with letter_page(browser, site_url, scenario, clipboard=True) as watched:
        page = watched.page
        first = sample_values(scenario)
        type_in(page, scenario, first)
        page.get_by_role("button", name="Add a recipient").click()
        # As a reader would, type once the second letter is there (its script loads now).
        expect(page.get_by_role("button", name="Letter 2")).to_have_attribute(
            "aria-pressed", "true"
        )
        second = {**first, **sample_values(scenario, " (2)"), "recipient_name": "Mr Lee"}
        for field in scenario.fields:
            if field.per_recipient:
                page.locator(f"#f-{field.id}").fill(second[field.id])
        expect(page.get_by_role("button", name="Letter 2: Mr Lee")).to_have_attribute(
            "aria-pressed", "true"
        )
        # Only the first person gave the news; the LinkedIn paragraph starts unticked for others.
        linkedin = next(n for n, b in enumerate(scenario.letter.blocks, 1) if b.optional)
        assert not page.locator(f'input[data-include="{linkedin}"]').is_checked()
        told_once(page)  # of the examples typed, by the coach
        page.get_by_role("button", name="Copy letter").click()
        letter = compose(scenario, second, recipient=2, left_out=frozenset({linkedin}))
        assert clipboard(page) == letter.body + "\n"
        assert "I have heard how the search" in letter.body and "telling me" not in letter.body
        to, _ = mailto(page)
        assert to == second["recipient_email"]
        # The first letter is as it was, its own choices kept.
        page.get_by_role("button", name="Letter 1: Ms Okafor").click()
        assert page.locator(f'input[data-include="{linkedin}"]').is_checked()
        told_once(page)  # of this letter's own examples, not mentioned yet
        page.get_by_role("button", name="Copy letter").click()
        assert clipboard(page) == compose(scenario, first).body + "\n"
        assert mailto(page)[0] == first["recipient_email"]
        watched.assert_clean()


WITH_OPTIONAL = [s for s in SCENARIOS if any(b.optional for b in s.letter.blocks)]


@pytest.mark.parametrize("scenario", WITH_OPTIONAL, ids=[s.slug for s in WITH_OPTIONAL])
def test_an_optional_paragraph_leaves_the_letter_when_its_box_is_clicked(
    browser: Browser, site_url: str, scenario: Scenario
) -> None:
    with letter_page(browser, site_url, scenario) as watched:
        page = watched.page
        words = words_of(scenario)
        values = sample_values(scenario)
        type_in(page, scenario, values)
        told_once(page)
        optional = next(n for n, b in enumerate(scenario.letter.blocks, 1) if b.optional)
        label = words.gettext("Include: %(what)s")
        tick = page.get_by_role(
            "checkbox", name=label % {"what": scenario.letter.blocks[optional - 1].optional}
        )
        tick.click()  # as a reader does: a click, which fires "input" before "change"
        expect(tick).not_to_be_checked()
        expect(page.locator(f"#block-{optional}")).to_have_class(re.compile(r"\bleft-out\b"))

        def saved(letter: Letter) -> tuple[str, str]:
            """The .txt the reader takes away, and the one expected of ``letter``."""
            with page.expect_download() as info:
                page.get_by_role("button", name=words.gettext("Text file")).click()
            head = f"{words.gettext('Subject:')} {letter.subject}\n\n" if letter.subject else ""
            expected = head + expected_copy(page, scenario, letter.body)
            return Path(info.value.path()).read_text(encoding="utf-8"), expected

        got, expected = saved(
            compose(scenario, values, left_out=frozenset({optional}), language=words.language)
        )
        assert got == expected
        tick.press("Space")  # and from the keyboard, back in
        expect(tick).to_be_checked()
        got, expected = saved(compose(scenario, values, language=words.language))
        assert got == expected
        watched.assert_clean()


# ---- 2. nothing incomplete leaves silently ----


def test_a_choice_starts_on_its_default(browser: Browser, site_url: str) -> None:
    scenario = BY_SLUG["brief-email"]
    greeting = next(f for f in scenario.fields if f.kind == "choice")
    with letter_page(browser, site_url, scenario) as watched:
        default = greeting.default or greeting.options[0]
        expect(
            watched.page.locator(f'input[name="{greeting.id}"][value="{default}"]')
        ).to_be_checked()
        expect(watched.page.locator(".letter")).not_to_contain_text(f"[{greeting.label}]")


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_blanks_left_are_named_before_the_letter_leaves(
    browser: Browser, site_url: str, size: dict[str, int]
) -> None:
    scenario = BY_SLUG["brief-email"]
    with letter_page(browser, site_url, scenario, clipboard=True, size=size) as watched:
        page = watched.page
        values = sample_values(scenario)
        type_in(page, scenario, values)
        missing = next(f for f in scenario.fields if f.kind != "choice")
        page.locator(f"#f-{missing.id}").fill("")
        page.evaluate("navigator.clipboard.writeText('untouched')")
        page.get_by_role("button", name="Copy letter").click()
        prompt = page.locator(".blanks-prompt")
        expect(prompt).to_contain_text(f"Still blank: [{missing.label}].")
        assert clipboard(page) == "untouched"
        page.get_by_role("button", name="Go to the first blank").click()
        expect(page.locator(f"#f-{missing.id}")).to_be_focused()
        page.get_by_role("button", name="Copy letter").click()
        page.get_by_role("button", name="Copy anyway").click()
        expect(page.locator(".action-status")).to_have_text("Copied")
        assert f"[{missing.label}]" in clipboard(page)


# ---- 3. on a phone the letter is in view while the reader types ----


def test_on_a_phone_the_filled_letter_and_copy_are_in_view_while_typing(
    browser: Browser, site_url: str
) -> None:
    scenario = BY_SLUG["close-second"]
    with letter_page(browser, site_url, scenario, size=PHONE) as watched:
        page = watched.page
        first = page.locator("#block-1 .block-fields input").first
        first.scroll_into_view_if_needed()
        first.press_sequentially("Ms Okafor")
        field_id = (first.get_attribute("id") or "").removeprefix("f-")
        filled = page.locator(f'.letter .filled[data-field="{field_id}"]').first
        expect(filled).to_have_text("Ms Okafor")
        expect(filled).to_be_in_viewport()
        expect(page.get_by_role("button", name="Copy letter")).to_be_in_viewport()
        # The letter is on the page once: no second copy of it to scroll to.
        assert page.locator('[data-part="1"]').count() == 1
        assert page.locator(".preview").count() == 0


def test_the_sticky_bar_never_hides_the_focused_control(browser: Browser, site_url: str) -> None:
    # WCAG 2.2's "focus not obscured": tabbing down the page on a phone, each control
    # that takes focus is scrolled clear of the bar fixed at the bottom of the screen.
    scenario = BY_SLUG["close-second"]
    with letter_page(browser, site_url, scenario, size=PHONE) as watched:
        page = watched.page
        page.get_by_role("button", name="More").click()  # the bar at its tallest
        page.locator("#f-recipient_name").focus()
        checked = 0
        for _ in range(40):
            page.keyboard.press("Tab")
            hidden = page.evaluate(
                """() => {
                  const el = document.activeElement;
                  const bar = document.querySelector(".action-bar");
                  if (!el || bar.contains(el)) return null;
                  const box = el.getBoundingClientRect();
                  return box.bottom > bar.getBoundingClientRect().top ? el.outerHTML : "";
                }"""
            )
            if hidden is None:
                break
            assert hidden == "", f"hidden under the bar: {hidden[:120]}"
            checked += 1
        assert checked >= 8
        watched.assert_clean()


def test_no_letter_page_scrolls_sideways_on_a_phone(browser: Browser, site_url: str) -> None:
    wide = {}
    with watched_page(browser, site_url, viewport=PHONE) as watched:
        for scenario in SCENARIOS:
            watched.page.goto(f"{site_url}{scenario.url}")
            width = watched.page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                wide[scenario.slug] = width
    assert wide == {}


def test_a_note_is_one_tap_away_on_a_phone(browser: Browser, site_url: str) -> None:
    with letter_page(browser, site_url, BY_SLUG["close-second"], size=PHONE) as watched:
        page = watched.page
        note = page.locator("#note-1")
        expect(note).to_be_hidden()
        page.locator('[aria-controls="note-1"]').click()
        expect(note).to_be_visible()
        expect(page.locator('[aria-controls="note-1"]')).to_have_attribute("aria-expanded", "true")


def test_on_a_laptop_the_inputs_sit_beside_what_they_fill(browser: Browser, site_url: str) -> None:
    with letter_page(browser, site_url, BY_SLUG["close-second"]) as watched:
        page = watched.page
        text = page.locator('[data-part="1"]').bounding_box()
        fields = page.locator("#block-1 .block-fields").bounding_box()
        note = page.locator("#note-1").bounding_box()
        assert text and fields and note
        assert fields["x"] + fields["width"] <= text["x"] < note["x"]
        assert abs(fields["y"] - text["y"]) < 40  # on the same row


# ---- 4. without JavaScript, no control that cannot work ----


def test_without_javascript_the_template_is_there_and_nothing_dead(
    browser: Browser, site_url: str
) -> None:
    scenario = BY_SLUG["close-second"]
    with watched_page(browser, site_url, java_script_enabled=False) as watched:
        page = watched.page
        page.goto(f"{site_url}{scenario.url}")
        assert page.locator("input:visible, textarea:visible, button:visible").count() == 0
        expect(page.locator('[data-part="1"] .blank').first).to_be_visible()
        expect(page.locator("#note-1")).to_be_visible()
        expect(
            page.get_by_role("link", name="Blank template for Word, the notes as comments")
        ).to_be_visible()
        expect(page.locator(".without-script.lead-in")).to_be_visible()


# ---- 6. seams that read well ----


def test_a_values_mark_and_a_repeated_word_give_way_and_a_capital_is_flagged(
    browser: Browser, site_url: str
) -> None:
    scenario = BY_SLUG["close-second"]
    with letter_page(browser, site_url, scenario) as watched:
        page = watched.page
        detail = page.locator("#f-conversation_detail")
        detail.fill("Our talk about the new pilot.")
        block = page.locator('[data-part="3"]')
        expect(block).to_contain_text("I especially valued Our talk about the new pilot,")
        expect(page.locator(".field[data-field=conversation_detail] .flag")).to_contain_text(
            "capital"
        )
        assert "pilot.," not in block.inner_text()
        detail.fill("our talk about the new pilot")
        expect(page.locator(".field[data-field=conversation_detail] .flag")).to_have_count(0)
        # "for the {position} role" with "the Operations Manager": one "the".
        page.locator("#f-position").fill("the Operations Manager")
        expect(page.locator('[data-part="2"]')).to_contain_text("for the Operations Manager role")
        assert "the the" not in page.locator(".letter").inner_text().lower()
        # A name is never cut: "work at" + "At Home Care".
        page.locator("#f-organisation").fill("At Home Care")
        expect(page.locator(".letter")).to_contain_text("work at At Home Care.")


@pytest.mark.parametrize(
    ("value", "flagged"),
    [("Kingsmead Hospice", False), ("Save the Children", False), ("The new hospice", True)],
)
def test_a_capital_is_flagged_where_it_starts_a_sentence_not_a_name(
    browser: Browser, site_url: str, value: str, flagged: bool
) -> None:
    scenario = BY_SLUG["asking-for-feedback"]  # its organisation's example: "the Lowther..."
    with letter_page(browser, site_url, scenario) as watched:
        page = watched.page
        page.locator("#f-organisation").fill(value)
        expect(page.locator(".letter")).to_contain_text(f"at {value},")
        flag = page.locator(".field[data-field=organisation] .flag")
        expect(flag).to_have_count(1 if flagged else 0)


# ---- 7. outputs worth keeping ----


def test_a_paper_letter_has_a_date_and_address_blocks_on_the_page(
    browser: Browser, site_url: str
) -> None:
    with letter_page(browser, site_url, BY_SLUG["library-job"]) as watched:
        page = watched.page
        expect(page.locator(".letter-head")).to_contain_text("[Your address]")
        expect(page.locator("[data-date]")).to_have_text(re.compile(r"\b20\d\d\b"))
        expect(page.locator(".letter-to")).to_contain_text("[Their name and address]")
    # In French, on the line French letters write: « Le 7 décembre 2026 ».
    with letter_page(browser, site_url, BY_SLUG["bibliotheque"]) as watched:
        date = watched.page.locator("[data-date]")
        expect(date).to_have_text(re.compile(r"^Le \d{1,2}(er)? [a-zéû]+ 20\d\d$"))


def test_a_handwritten_card_prints_on_one_card(browser: Browser, site_url: str) -> None:
    scenario = next(s for s in SCENARIOS if s.channel == "note")
    with letter_page(browser, site_url, scenario) as watched:
        page = watched.page
        type_in(page, scenario, sample_values(scenario))
        pdf = page.pdf(prefer_css_page_size=True)
        assert (
            pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type/Page\n")
            >= 1
        )
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages == 1, f"the card prints on {pages} pages"


# ---- 8. screen readers: told what matters, not every keystroke ----


def test_the_blanks_count_is_announced_when_it_changes_not_every_word(
    browser: Browser, site_url: str
) -> None:
    with letter_page(browser, site_url, BY_SLUG["close-second"]) as watched:
        page = watched.page
        page.evaluate(
            """() => { const region = document.querySelector('.blanks'); window.__said = [];
            new MutationObserver(() => window.__said.push(region.textContent))
              .observe(region, {childList: true, characterData: true, subtree: true}); }"""
        )
        page.locator("#f-position").press_sequentially("Operations Manager")
        said = page.evaluate("window.__said")
        assert len(said) == 1 and said[0].endswith("blanks left"), said


def test_no_permalink_stands_in_the_tab_order_and_labels_speak_plainly(
    browser: Browser, site_url: str
) -> None:
    with letter_page(browser, site_url, BY_SLUG["close-second"]) as watched:
        page = watched.page
        assert page.locator('.permalink:not([tabindex="-1"])').count() == 0
        labels = page.locator("[aria-label]").evaluate_all(
            "els => els.map(e => e.getAttribute('aria-label'))"
        )
        assert not any("block" in label.lower() for label in labels), labels


# ---- 10. the right keyboard for each field ----


def test_email_and_phone_fields_bring_their_keyboards(browser: Browser, site_url: str) -> None:
    scenario = BY_SLUG["close-second"]
    with letter_page(browser, site_url, scenario) as watched:
        page = watched.page
        for field in scenario.fields:
            box = page.locator(f"#f-{field.id}")
            if field.kind in ("email", "tel"):
                expect(box).to_have_attribute("type", field.kind)
                expect(box).to_have_attribute("inputmode", field.kind)
            if field.kind == "long":
                assert box.evaluate("e => e.tagName") == "TEXTAREA"


# ---- and the rest of what the page does ----


def test_see_it_filled_in_shows_the_example_letter_and_keeps_what_was_typed(
    browser: Browser, site_url: str
) -> None:
    # On brief-email a seeker typed two fields, tapped "See it filled in", and lost them.
    scenario = BY_SLUG["brief-email"]
    with letter_page(browser, site_url, scenario) as watched:
        page = watched.page
        page.locator("#f-position").fill("Year 4 Class Teacher")
        page.locator("#f-organisation").fill("Hillcrest Primary School")
        see = page.get_by_role("button", name="See it filled in")
        see.click()
        expect(see).to_have_attribute("aria-pressed", "true")
        expect(page.locator(".preview-note")).to_be_visible()
        body = page.locator(".letter").inner_text()
        for field in scenario.fields:
            if field.kind != "choice" and field.id in {
                b for blk in scenario.letter.blocks for b in blk.text.blank_ids
            }:
                assert field.example.rstrip(".") in body
        # The reader's own values are where they left them, and the bar still speaks
        # of their letter (five blanks left, not the example's none).
        expect(page.locator("#f-position")).to_have_value("Year 4 Class Teacher")
        expect(page.locator("#f-organisation")).to_have_value("Hillcrest Primary School")
        expect(page.locator(".blanks")).to_have_text("5 blanks left")
        see.click()  # pressed again: their letter is back
        expect(see).to_have_attribute("aria-pressed", "false")
        expect(page.locator(".letter")).to_contain_text("Year 4 Class Teacher")
        see.click()
        page.locator("#f-position").press_sequentially("!")  # typing takes them back too
        expect(see).to_have_attribute("aria-pressed", "false")
        expect(page.locator(".letter")).to_contain_text("Hillcrest Primary School")
        watched.assert_clean()


def test_a_message_counts_its_characters_against_its_limit(browser: Browser, site_url: str) -> None:
    scenario = next(s for s in SCENARIOS if s.channel == "message")
    with letter_page(browser, site_url, scenario) as watched:
        page = watched.page
        type_in(page, scenario, sample_values(scenario))
        expect(page.locator(".length")).to_have_text(
            re.compile(rf"^\d+ of {scenario.character_limit} characters$")
        )
        page.locator(".block-fields input").first.fill("x" * 400)
        expect(page.locator(".length")).to_have_class(re.compile(r"\bover\b"))
        # Over the limit, nothing leaves without the reader being told.
        page.get_by_role("button", name="Copy letter").click()
        expect(page.locator(".blanks-list")).to_have_text(
            re.compile(
                rf"^It has \d+ characters, over the limit of {scenario.character_limit}\."
                r"( The coach has \d+ points about this letter\.)?$"  # its examples, typed
            )
        )
        expect(page.get_by_role("button", name="Go to the first blank")).to_be_hidden()
        page.get_by_role("button", name="Copy anyway").click()
        expect(page.locator(".action-status")).to_have_text("Copied")


def test_remember_keeps_only_the_senders_details_and_forget_clears_them(
    browser: Browser, site_url: str
) -> None:
    scenario = BY_SLUG["close-second"]
    with letter_page(browser, site_url, scenario) as watched:
        page = watched.page
        type_in(page, scenario, sample_values(scenario))
        page.get_by_label("Remember my details on this device").check()
        # The memory is kept by the actions' script, which loads on that tick: wait for it.
        page.wait_for_function("localStorage.getItem('sincerely.sender.v1') !== null")
        stored = page.evaluate("JSON.parse(localStorage.getItem('sincerely.sender.v1'))")
        senders = {f.autocomplete for f in scenario.fields if f.sender}
        assert set(stored) == senders
        page.goto(site_url + BY_SLUG["internship"].url)
        expect(page.locator("#f-your_name")).to_have_value(sample_values(scenario)["your_name"])
        page.get_by_role("button", name="Forget my details").click()
        assert page.evaluate("localStorage.getItem('sincerely.sender.v1')") is None


@pytest.mark.parametrize(
    "scenario", [BY_SLUG["close-second"], BY_SLUG["library-job"]], ids=["email", "letter"]
)
def test_markup_typed_by_the_reader_shows_literally_and_runs_nothing(
    browser: Browser, site_url: str, scenario: Scenario
) -> None:
    with letter_page(browser, site_url, scenario) as watched:
        page = watched.page
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        field = next(f for f in scenario.fields if f.kind in ("text", "long") and not f.sender)
        page.locator(f"#f-{field.id}").fill(HOSTILE)
        expect(page.locator(".letter")).to_contain_text(HOSTILE)
        # No element was made from the text, so no handler of it can ever run: proof
        # that does not rest on waiting a while for a dialog that never comes.
        assert page.locator("img").count() == 0
        assert dialogs == []
        watched.assert_clean()


def test_copy_falls_back_to_selecting_the_text_without_the_clipboard_api(
    browser: Browser, site_url: str
) -> None:
    scenario = BY_SLUG["close-second"]
    with watched_page(browser, site_url) as watched:
        page = watched.page
        page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
        page.goto(site_url + scenario.url)
        type_in(page, scenario, sample_values(scenario))
        told_once(page)
        page.get_by_role("button", name="Copy letter").click()
        area = page.locator(".copy-fallback")
        expect(area).to_be_focused()
        assert area.input_value().startswith("Dear ")


@pytest.mark.parametrize("scenario", SCENARIOS[:4], ids=IDS[:4])
def test_the_page_works_from_disk(browser: Browser, repo_site: Path, scenario: Scenario) -> None:
    url = (repo_site / scenario.url).as_uri()
    with watched_page(browser, url) as watched:
        page = watched.page
        page.goto(url)
        page.get_by_role("button", name="See it filled in").click()
        expect(page.locator(".letter .filled").first).to_be_visible()
        watched.assert_clean()


def test_print_shows_only_the_letter(browser: Browser, site_url: str) -> None:
    with letter_page(browser, site_url, BY_SLUG["close-second"]) as watched:
        page = watched.page
        page.emulate_media(media="print")
        for hidden in (".block-fields", ".note", ".action-bar", "h1", ".site-header"):
            expect(page.locator(hidden).first).to_be_hidden()
        expect(page.locator('[data-part="1"]')).to_be_visible()


def test_the_word_document_is_the_readers_letter_and_nothing_else(
    browser: Browser, site_url: str, tmp_path: Path
) -> None:
    import docx

    scenario = BY_SLUG["close-second"]
    with letter_page(browser, site_url, scenario) as watched:
        page = watched.page
        values = sample_values(scenario)
        type_in(page, scenario, values)
        told_once(page)
        with page.expect_download() as info:
            page.get_by_role("button", name="Word file").click()
        assert info.value.suggested_filename == "close-second.docx"
        path = tmp_path / "letter.docx"
        info.value.save_as(path)
        watched.assert_clean()
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    letter = compose(scenario, values)
    assert paragraphs[0] == f"Subject: {letter.subject}"
    assert "\n\n".join(paragraphs[1:]) == letter.body
    # The coaching notes are the template's: Word would show and print them as comments.
    assert list(document.comments) == []
    # LibreOffice opens it too: its plain-text export is the letter.
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    exported = (tmp_path / "letter.txt").read_text(encoding="utf-8-sig")
    assert letter.body.split("\n\n")[1] in exported
    assert scenario.letter.blocks[0].note.split()[0] not in exported.split()[:3]


@pytest.mark.parametrize("state", ["empty", "preview", "filled", "free"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_axe_finds_nothing_on_a_letter_page(
    browser: Browser, site_url: str, size: dict[str, int], scheme: str, state: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    scenario = BY_SLUG["close-second"]
    with watched_page(browser, site_url, viewport=size, color_scheme=scheme) as watched:
        page = watched.page
        page.goto(site_url + scenario.url)
        if state == "preview":  # the example letter shown, and its note
            page.get_by_role("button", name="See it filled in").click()
            expect(page.locator(".preview-note")).to_be_visible()
        if state in ("filled", "free"):  # a capital asked about, a blank left: the prompt
            values = sample_values(scenario)
            type_in(page, scenario, {**values, "position": "The Events Coordinator"})
            page.locator(f"#f-{scenario.fields[0].id}").fill("")
            page.get_by_role("button", name="Copy letter").click()
            expect(page.locator(".blanks-prompt")).to_be_visible()
        if state == "free":  # edited freely, and the warning on the way back
            page.get_by_role("button", name="Edit the whole letter").click()
            page.get_by_label("Your letter, to change as you like").press_sequentially("Hi")
            page.get_by_role("button", name="Back to the blanks").click()
            expect(page.get_by_role("alert")).to_be_visible()
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_axe_finds_nothing_on_any_letter_page_once_filled(
    browser: Browser, site_url: str, scenario: Scenario
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    with letter_page(browser, site_url, scenario, size=PHONE) as watched:
        see = words_of(scenario).gettext("See it filled in")
        watched.page.get_by_role("button", name=see).click()
        results = Axe().run(watched.page)
        assert results.violations_count == 0, results.generate_report()


def test_the_whole_letter_can_be_written_from_the_keyboard(browser: Browser, site_url: str) -> None:
    scenario = BY_SLUG["brief-email"]
    with letter_page(browser, site_url, scenario, clipboard=True) as watched:
        page = watched.page
        page.locator(".block-fields input").first.focus()
        for field in scenario.fields:
            if field.kind == "choice":
                continue
            page.locator(f"#f-{field.id}").focus()
            page.keyboard.type(field.example)
        told_once(page)
        page.get_by_role("button", name="Copy letter").focus()
        page.keyboard.press("Enter")
        expect(page.locator(".action-status")).to_have_text("Copied")


def test_a_new_recipient_starts_with_each_choice_at_its_default(
    browser: Browser, site_url: str
) -> None:
    scenario = BY_SLUG["zweite-wahl"]  # its greeting (Frau, Herr) is each person's own
    field = next(f for f in scenario.fields if f.per_recipient and f.kind == "choice")
    default = field.default or field.options[0]
    other = next(o for o in field.options if o != default)
    greeting = next(
        n for n, b in enumerate(scenario.letter.blocks, 1) if field.id in b.text.blank_ids
    )
    with letter_page(browser, site_url, scenario) as watched:
        page = watched.page
        page.locator(f'input[name="{field.id}"][value="{other}"]').check()
        page.locator('[data-action="add-recipient"]').click()
        expect(page.locator(f'input[name="{field.id}"][value="{default}"]')).to_be_checked()
        expect(page.locator(f'[data-part="{greeting}"]')).to_contain_text(default)
        page.locator(".recipient-tab").first.click()  # the first person's choice is kept
        expect(page.locator(f'input[name="{field.id}"][value="{other}"]')).to_be_checked()
        watched.assert_clean()
