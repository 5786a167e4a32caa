"""The built gallery in a real Chromium, over http and from disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, expect

from ..helpers.browser import serve, watched_page
from ..helpers.gallery import BY_SLUG

PAGES = [
    "index.html",
    "after-rejection/index.html",
    "after-rejection/library-job.html",
    "before-you-send.html",
    "tags/networking.html",
]


@pytest.fixture(scope="module")
def site_url(repo_site: Path) -> Iterator[str]:
    with serve(repo_site) as url:
        yield url


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_cleanly_over_http(browser: Browser, site_url: str, path: str) -> None:
    with watched_page(browser, site_url) as watched:
        response = watched.page.goto(site_url + path)
        assert response is not None and response.ok
        expect(watched.page.locator("h1")).to_be_visible()
        watched.assert_clean()


def test_a_letter_page_shows_its_blanks_and_notes(browser: Browser, site_url: str) -> None:
    with watched_page(browser, site_url) as watched:
        page = watched.page
        page.goto(site_url + "after-rejection/library-job.html")
        blanks = page.locator(".block .blank")
        assert blanks.count() >= 3
        assert blanks.first.inner_text().startswith("[")
        notes = page.locator("li.block[data-block] .note")
        assert notes.count() == page.locator("li.block[data-block]").count()


def test_links_from_home_reach_a_letter_from_disk(browser: Browser, repo_site: Path) -> None:
    home = (repo_site / "index.html").as_uri()
    with watched_page(browser, home) as watched:
        page = watched.page
        page.goto(home)
        # The home page lists each letter by its situation, in the reader's words.
        page.get_by_role("link", name=BY_SLUG["library-job"].moment).first.click()
        expect(page.locator("h1")).to_have_text("The library job")
        expect(page).to_have_url((repo_site / "after-rejection/library-job.html").as_uri())
        watched.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(browser: Browser, site_url: str, path: str, scheme: str) -> None:
    with watched_page(browser, site_url, color_scheme=scheme) as watched:
        watched.page.goto(site_url + path)
        results = Axe().run(watched.page)
        assert results.violations_count == 0, results.generate_report()
