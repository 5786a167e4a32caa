"""A renamed letter's old address, in a real Chromium: it lands on the letter, over http
and from disk, with no script and nothing the page's policy blocks."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from ..conftest import Project
from ..helpers.browser import serve, watched_page
from ..render.test_hosting import redirected


def test_an_old_address_lands_on_the_letter(browser: Browser, project: Project) -> None:
    site = redirected(project)
    with serve(site) as url, watched_page(browser, url, java_script_enabled=False) as watched:
        page = watched.page
        page.goto(url + "old/alpha.html")
        # The meta refresh, not a script (scripts are off): the letter's page, its title.
        expect(page).to_have_url(url + "letters/alpha.html")
        expect(page.locator("h1")).to_have_text("Alpha")
        page.goto(url + "renamed/")
        expect(page).to_have_url(url + "lettres/une.html#situation")
        expect(page.locator("h1")).to_have_text("Une")
        assert watched.errors == [] and watched.foreign_requests == []
    # From disk too: the address it leads to is relative.
    old = (site / "who.html").as_uri()
    with watched_page(browser, old) as watched:
        watched.page.goto(old)
        expect(watched.page).to_have_url((site / "about.html").as_uri())
        expect(watched.page.locator("h1")).to_have_text("About us")
        watched.assert_clean()


def test_the_redirect_page_itself_passes_its_policy(browser: Browser, tmp_path: Path) -> None:
    """Seen before it moves on (the refresh taken out): its link, and no CSP violation."""
    project = Project(tmp_path / "p")
    project.root.mkdir()
    site = redirected(project)
    page_file = site / "old/alpha.html"
    html = page_file.read_text(encoding="utf-8")
    still = html.replace('<meta http-equiv="refresh"', '<meta name="was-refresh"')
    page_file.write_text(still, encoding="utf-8")
    with serve(site) as url, watched_page(browser, url) as watched:
        watched.page.goto(url + "old/alpha.html")
        expect(watched.page.locator("h1")).to_have_text("This page has moved")
        watched.page.get_by_role("link", name="Alpha").click()
        expect(watched.page).to_have_url(url + "letters/alpha.html")
        watched.assert_clean()
