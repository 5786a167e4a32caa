"""The site's chrome on a phone (issue #25, point 9), in a real Chromium: the header's
entries all in view, the letter page's sticky bar one line tall, every control a
target of at least 24 by 24 CSS px (WCAG 2.2 SC 2.5.8), and axe content, light and dark."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from ..helpers.browser import serve, watched_page
from ..helpers.gallery import SITE

NARROW = {"width": 320, "height": 700}
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
SIZES = [NARROW, PHONE]
SIZE_IDS = ["320", "390"]
ENGLISH_LETTER = "after-rejection/library-job.html"
FRENCH_LETTER = "apres-un-refus/bibliotheque.html"
BLANKS_LEFT = {
    ENGLISH_LETTER: re.compile(r"^\d+ blanks? left$"),
    FRENCH_LETTER: re.compile(r"^\d+ blancs? à remplir$"),
}
# One page of each type, in both languages where the gallery has both.
EVERY_KIND = [
    "index.html",
    "after-rejection/index.html",
    "apres-un-refus/index.html",
    "tags/networking.html",
    "channels/email.html",
    ENGLISH_LETTER,
    FRENCH_LETTER,
    "search.html",
    "before-you-send.html",
    "faq.html",
    "404.html",
]


@pytest.fixture(scope="module")
def site_url(repo_site: Path) -> Iterator[str]:
    with serve(repo_site) as url:
        yield url


def settle(page: Page, url: str) -> None:
    page.goto(url)
    if page.locator(".action-bar").count():
        expect(page.locator(".blanks")).not_to_be_empty()


# ---- 1. every entry of the header's navigation is on the screen ----

NAV_IN_VIEW = """() => {
  const problems = [];
  const links = [...document.querySelectorAll('.site-header nav a')]
    .filter((a) => a.checkVisibility({ visibilityProperty: true, opacityProperty: true }));
  for (const a of links) {
    const box = a.getBoundingClientRect();
    const name = a.textContent.trim();
    if (box.left < 0 || box.top < 0 || box.right > innerWidth || box.bottom > innerHeight) {
      problems.push(`${name}: outside the viewport at ${JSON.stringify(box)}`);
    }
    for (let up = a.parentElement; up && up !== document.documentElement; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const clip = up.getBoundingClientRect();
      if (box.left < clip.left - 0.5 || box.right > clip.right + 0.5 ||
          box.top < clip.top - 0.5 || box.bottom > clip.bottom + 0.5) {
        problems.push(`${name}: clipped by <${up.tagName.toLowerCase()} class="${up.className}">`);
      }
    }
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (!hit || !a.contains(hit)) {
      problems.push(`${name}: covered by ${hit && hit.outerHTML.slice(0, 80)}`);
    }
  }
  return { count: links.length, problems };
}"""


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("path", ["index.html", FRENCH_LETTER])
def test_every_header_entry_is_on_the_screen(
    browser: Browser, site_url: str, path: str, size: dict[str, int], script: bool
) -> None:
    with watched_page(browser, site_url, viewport=size, java_script_enabled=script) as watched:
        if script:
            settle(watched.page, site_url + path)
        else:
            watched.page.goto(site_url + path)
        found = watched.page.evaluate(NAV_IN_VIEW)
        # The gallery's packs and pages, and Search where the box cannot work.
        assert found["count"] == len(SITE.nav) + (0 if script else 1)
        assert found["problems"] == []
        watched.assert_clean()


# ---- 2. the letter page's sticky bar is one line tall ----

BAR_LINES = """() => {
  const lines = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0)
      .map((r) => Math.round(r.top)));
    return tops.size;
  };
  const bar = document.querySelector('.action-bar');
  const shown = (el) => el.checkVisibility() && el.getBoundingClientRect().width > 0;
  const buttons = [...bar.querySelectorAll('button, a.button')].filter(shown);
  const box = (el) => el.getBoundingClientRect();
  const status = bar.querySelector('.blanks');
  return {
    bar: box(bar).height,
    status: { text: status.textContent, lines: lines(status) },
    buttons: buttons.map((b) => ({
      text: b.textContent.trim(), lines: lines(b), height: box(b).height, top: box(b).top,
      prompt: !!b.closest('.blanks-prompt'),
    })),
    statusTop: box(status).top,
    statusBottom: box(status).bottom,
  };
}"""


def first_row(found: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in found["buttons"] if not b["prompt"]]


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("path", [ENGLISH_LETTER, FRENCH_LETTER])
def test_the_sticky_bar_is_one_line_with_blanks_left(
    browser: Browser, site_url: str, path: str, size: dict[str, int]
) -> None:
    with watched_page(browser, site_url, viewport=size) as watched:
        page = watched.page
        settle(page, site_url + path)
        found = page.evaluate(BAR_LINES)
        assert BLANKS_LEFT[path].match(found["status"]["text"]), found["status"]
        assert found["status"]["lines"] == 1, found["status"]
        row = first_row(found)
        assert len(row) >= 2, row  # Copy letter, and More
        wrapped = [b["text"] for b in row if b["lines"] != 1]
        assert wrapped == [], f"buttons wrapping: {wrapped}"
        button = max(b["height"] for b in row)
        assert found["bar"] <= 1.5 * button, (found["bar"], button)
        # Every button of the row, and the status, on the one row.
        for b in row:
            assert b["top"] < found["statusBottom"] and b["top"] + b["height"] > found["statusTop"]

        # An action with blanks left asks first: its question may take a line of its
        # own, but no button wraps, and the row above stays one line.
        page.locator('.actions [data-action="copy"]').click()
        expect(page.locator(".blanks-prompt")).to_be_visible()
        found = page.evaluate(BAR_LINES)
        assert found["status"]["lines"] == 1, found["status"]
        wrapped = [b["text"] for b in found["buttons"] if b["lines"] != 1]
        assert wrapped == [], f"buttons wrapping: {wrapped}"
        assert len([b for b in found["buttons"] if b["prompt"]]) == 2
        for b in first_row(found):
            assert b["top"] < found["statusBottom"] and b["top"] + b["height"] > found["statusTop"]
        watched.assert_clean()


# ---- 3. every control is a target of at least 24 by 24 CSS px ----

TARGETS = """() => {
  const MIN = 24;
  const shown = (el) => el.checkVisibility({ visibilityProperty: true })
    && !el.closest('.visually-hidden');
  // Running text: a link in a paragraph (or a list item of prose) with words of its own.
  const inProse = (el) => {
    const p = el.closest('p, .prose li, .tips li');
    return !!p && p.textContent.replace(/\\s+/g, '') !== el.textContent.replace(/\\s+/g, '');
  };
  const targets = [];
  for (const el of document.querySelectorAll(
    'a[href], button, input:not([type="hidden"]), select, textarea, summary')) {
    if (!shown(el) || inProse(el)) continue;
    // A control inside its label is clicked by the label too: the label is its target.
    const label = el.matches('input') ? el.closest('label') : null;
    const box = (label || el).getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || box.right <= 0 || box.bottom <= 0) continue;
    targets.push({ el, owner: label || el, box: {
      left: box.left + scrollX, top: box.top + scrollY, right: box.right + scrollX,
      bottom: box.bottom + scrollY, width: box.width, height: box.height } });
  }
  const small = targets.filter((t) => t.box.width < MIN - 0.01 || t.box.height < MIN - 0.01);
  const centre = (b) => [(b.left + b.right) / 2, (b.top + b.bottom) / 2];
  const distanceToBox = ([x, y], b) => Math.hypot(
    Math.max(b.left - x, 0, x - b.right), Math.max(b.top - y, 0, y - b.bottom));
  const name = (t) => {
    const text = (t.el.textContent || t.el.getAttribute('aria-label') || t.el.value || '').trim();
    return `<${t.el.tagName.toLowerCase()}${t.el.className ? '.' + t.el.className : ''}> `
      + `"${text.slice(0, 40)}" ${Math.round(t.box.width)}x${Math.round(t.box.height)}`;
  };
  const offenders = [];
  // SC 2.5.8's spacing exception: a 24 px circle centred on an undersized target
  // intersects no other target, nor the circle of another undersized target.
  for (const t of small) {
    const c = centre(t.box);
    const near = targets.find((o) => {
      if (o === t || o.owner.contains(t.owner) || t.owner.contains(o.owner)) return false;
      const [x, y] = centre(o.box);
      return distanceToBox(c, o.box) < MIN / 2
        || (small.includes(o) && Math.hypot(c[0] - x, c[1] - y) < MIN);
    });
    if (near) offenders.push(`${name(t)}, too near ${name(near)}`);
  }
  return { count: targets.length, offenders, small: small.map(name) };
}"""


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["390", "1366"])
@pytest.mark.parametrize("path", EVERY_KIND)
def test_every_control_is_a_target_of_24_px(
    browser: Browser, site_url: str, path: str, size: dict[str, int]
) -> None:
    with watched_page(browser, site_url, viewport=size) as watched:
        settle(watched.page, site_url + path)
        found = watched.page.evaluate(TARGETS)
        assert found["count"] > 5
        assert found["offenders"] == [], "\n".join(found["offenders"])
        # Not by the spacing exception alone: none is under 24 px (the seekers' complaint
        # was the home page's situation links, 19 px tall and spaced apart).
        assert found["small"] == [], "\n".join(found["small"])


# ---- 4. axe finds nothing on a phone, light and dark ----

# With WCAG 2.2's target size, which axe leaves out unless asked. (axe lets through what
# the tests above catch: a strip scrolled sideways, a bar wrapping word by word, 19 px
# links spaced apart; this one guards the rest.)
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["index.html", ENGLISH_LETTER, FRENCH_LETTER])
def test_axe_finds_nothing_on_a_phone(
    browser: Browser, site_url: str, path: str, scheme: str
) -> None:
    with watched_page(browser, site_url, viewport=PHONE, color_scheme=scheme) as watched:
        settle(watched.page, site_url + path)
        if path != "index.html":
            # The bar at its fullest: the question that asks before copying with blanks left.
            watched.page.locator('.actions [data-action="copy"]').click()
            expect(watched.page.locator(".blanks-prompt")).to_be_visible()
        results = Axe().run(watched.page, options=AXE_OPTIONS)
        assert results.violations_count == 0, results.generate_report()
