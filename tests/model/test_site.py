"""Browsing the gallery in Chromium: search, filters, navigation, permalinks, 404."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from ..conftest import MINIMAL_SCENARIO, Project
from ..helpers.browser import serve, watched_page
from ..helpers.gallery import PACK, SCENARIOS, SITE


@pytest.fixture(scope="module")
def site_url(repo_site: Path) -> Iterator[str]:
    with serve(repo_site) as url:
        yield url


def result_titles(page: Page, list_id: str) -> list[str]:
    return page.locator(f"#{list_id} li a").all_inner_texts()


PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_situations_come_first_on_the_home_page(
    browser: Browser, site_url: str, size: dict[str, int]
) -> None:
    with watched_page(browser, site_url, viewport=size) as watched:
        page = watched.page
        page.goto(site_url + "index.html")
        # The first screen says what the site is, and offers the way in.
        expect(page.locator(".lead")).to_have_text(SITE.config.description)
        expect(page.locator(".lead")).to_be_in_viewport()
        situations = page.locator(".situation-list a")
        expect(situations.first).to_be_in_viewport()
        assert situations.all_inner_texts() == [s.moment for s in SCENARIOS]
        situations.first.click()
        expect(page.locator("h1")).to_have_text(SCENARIOS[0].title)
        watched.assert_clean()


def test_the_header_has_one_entry_per_page(browser: Browser, site_url: str) -> None:
    with watched_page(browser, site_url) as watched:
        page = watched.page
        page.goto(site_url + "after-rejection/close-second.html")
        header = page.locator(".site-header")
        links = header.locator("a:visible")
        hrefs = [link.evaluate("a => a.href") for link in links.all()]
        assert len(hrefs) == len(set(hrefs)), hrefs
        texts = links.all_inner_texts()
        assert texts.count(SITE.config.title) == 1, texts
        assert texts == [SITE.config.title] + [item.title for item in SITE.nav]


def test_no_tag_shares_a_channels_name(browser: Browser, site_url: str) -> None:
    with watched_page(browser, site_url) as watched:
        page = watched.page
        page.goto(site_url + "index.html")
        chips = page.locator(".filters .chip").all_text_contents()
        assert len(chips) == len(set(chips)) == len(SITE.channels) + len(SITE.tags)


def test_typing_library_finds_the_library_letter_first(browser: Browser, site_url: str) -> None:
    with watched_page(browser, site_url) as watched:
        page = watched.page
        page.goto(site_url + "after-rejection/close-second.html")
        page.locator("#header-q").press_sequentially("library")
        expect(page.locator("#header-results li").first).to_be_visible()
        assert result_titles(page, "header-results")[0] == "The library job"
        expect(page.locator("#header-results li a mark").first).to_have_text("library")
        expect(page.locator("#header-results-status")).to_contain_text("match")
        watched.assert_clean()


def test_search_works_by_keyboard_alone(browser: Browser, site_url: str) -> None:
    with watched_page(browser, site_url) as watched:
        page = watched.page
        page.goto(site_url + "index.html")
        page.locator("#header-q").focus()
        page.keyboard.type("intern")
        expect(page.locator("#header-results li").first).to_be_visible()
        page.keyboard.press("ArrowDown")
        expect(page.locator("#header-results li a").first).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_have_text("The internship")


def test_the_search_page_reads_its_query_and_works_from_disk(
    browser: Browser, repo_site: Path
) -> None:
    url = (repo_site / "search.html").as_uri()
    with watched_page(browser, url) as watched:
        page = watched.page
        page.goto(url + "?q=panel")
        expect(page.locator("#page-results li").first).to_be_visible()
        assert result_titles(page, "page-results")[0] == "The interview panel"
        page.locator("#page-q").fill("zzzz-qqqq")
        expect(page.locator("#page-results-status")).to_contain_text("No letters match.")
        watched.assert_clean()


def test_results_rank_title_then_tags_then_summary_then_body(
    browser: Browser, project: Project
) -> None:
    def letter(title: str, summary: str, tags: str, note: str) -> str:
        text = MINIMAL_SCENARIO.replace("title: Close second", f"title: {title}")
        text = text.replace(
            "summary: You reached the final round and they chose someone else.",
            f"summary: {summary}",
        )
        text = text.replace("channel: email\n", f"channel: email\ntags: [{tags}]\n")
        return text.replace("note: Short and sincere.", f"note: {note}")

    project.add_scenario("a-body", letter("Alpha", "Plain words.", "misc", "About zebras."))
    project.add_scenario("b-summary", letter("Beta", "All about zebras.", "misc", "Plain."))
    project.add_scenario("c-tag", letter("Gamma", "Plain words.", "zebras", "Plain."))
    project.add_scenario("d-title", letter("Zebras", "Plain words.", "misc", "Plain."))
    project.build()
    with serve(project.site) as url, watched_page(browser, url) as watched:
        page = watched.page
        page.goto(url + "search.html?q=zebras")
        expect(page.locator("#page-results li")).to_have_count(4)
        assert result_titles(page, "page-results") == ["Zebras", "Gamma", "Beta", "Alpha"]


def test_a_word_finds_its_other_forms(browser: Browser, project: Project) -> None:
    # A reader types the word they have in mind ("rejected"); the letter says
    # "rejection". It must be found, and the form it uses marked.
    def letter(title: str, summary: str) -> str:
        text = MINIMAL_SCENARIO.replace("title: Close second", f"title: {title}")
        return text.replace(
            "summary: You reached the final round and they chose someone else.",
            f"summary: {summary}",
        )

    project.add_scenario("after", letter("After the rejection", "Thanking them anyway."))
    project.add_scenario("other", letter("An offer", "Accepting gladly."))
    project.build()
    with serve(project.site) as url, watched_page(browser, url) as watched:
        page = watched.page
        page.goto(url + "search.html?q=rejected")
        expect(page.locator("#page-results li")).to_have_count(1)
        expect(page.locator("#page-results li a mark")).to_have_text("rejection")
        # No letter has both words: each letter with one of them is listed, its word marked.
        page.locator("#page-q").fill("rejections accepted")
        expect(page.locator("#page-results-status")).to_have_text("2 letters match.")
        expect(page.locator("#page-results li mark")).to_have_text(["rejection", "Accepting"])
        page.locator("#page-q").fill("accepted")
        expect(page.locator("#page-results li a")).to_have_text("An offer")
        expect(page.locator("#page-results li p mark")).to_have_text("Accepting")
        watched.assert_clean()


def test_a_channel_chip_narrows_the_situations_to_that_channel(
    browser: Browser, site_url: str
) -> None:
    with watched_page(browser, site_url) as watched:
        page = watched.page
        page.goto(site_url + "index.html")
        situations = page.locator(".situation-list li")
        expect(situations).to_have_count(len(SCENARIOS))
        chip = page.get_by_role("button", name="note", exact=True)
        expect(chip).to_be_hidden()  # the chips wait, folded, below the way in
        page.get_by_text("Every letter, by channel or tag").click()
        chip.click()
        expect(chip).to_have_attribute("aria-pressed", "true")
        notes = [s for s in SCENARIOS if s.channel == "note"]
        assert 0 < len(notes) < len(SCENARIOS)
        expect(page.locator(".situation-list li:visible a")).to_have_text(
            [s.moment or s.title for s in notes]
        )
        # A pack with no letter left shown loses its heading too.
        shown_packs = [p.title for p in SITE.packs if any(s.channel == "note" for s in p.scenarios)]
        expect(page.locator(".situations-pack:visible")).to_have_text(shown_packs)
        expect(page.locator(".filter-status")).to_have_text(
            f"Showing {len(notes)} of {len(SCENARIOS)} letters."
        )
        chip.click()
        expect(situations.locator("visible=true")).to_have_count(len(SCENARIOS))
        expect(page.locator(".situations-pack:visible")).to_have_count(len(SITE.packs))
        watched.assert_clean()


def test_without_javascript_the_chips_are_links(browser: Browser, site_url: str) -> None:
    with watched_page(browser, site_url, java_script_enabled=False) as watched:
        page = watched.page
        page.goto(site_url + "index.html")
        page.get_by_text("Every letter, by channel or tag").click()  # a details: no script
        page.get_by_role("link", name="networking", exact=True).first.click()
        expect(page.locator("h1")).to_have_text("Letters tagged “networking”")


def test_previous_and_next_walk_the_whole_pack(browser: Browser, site_url: str) -> None:
    with watched_page(browser, site_url) as watched:
        page = watched.page
        page.goto(site_url + PACK.scenarios[0].url)
        seen = [page.locator("h1").inner_text()]
        while page.locator("a[rel=next]").count():
            page.locator("a[rel=next]").click()
            seen.append(page.locator("h1").inner_text())
        assert seen == [s.title for s in PACK.scenarios]
        back = [seen[-1]]
        while page.locator("a[rel=prev]").count():
            page.locator("a[rel=prev]").click()
            back.append(page.locator("h1").inner_text())
        assert back == seen[::-1]
        watched.assert_clean()


def test_breadcrumbs_and_related_letters(browser: Browser, site_url: str) -> None:
    with watched_page(browser, site_url) as watched:
        page = watched.page
        page.goto(site_url + "after-rejection/close-second.html")
        crumbs = page.get_by_role("navigation", name="Breadcrumb").get_by_role("link")
        assert crumbs.all_inner_texts() == ["Home", PACK.title, "Close second"]
        related = page.locator(".related-list li > a")
        assert 1 <= related.count() <= 3
        assert "Close second" not in related.all_inner_texts()


def test_permalinks_show_on_hover_and_focus_and_stay_out_of_the_tab_order(
    browser: Browser, site_url: str
) -> None:
    with watched_page(browser, site_url) as watched:
        page = watched.page
        page.goto(site_url + "after-rejection/library-job.html")
        link = page.locator("#situation .permalink")
        assert link.evaluate("e => getComputedStyle(e).opacity") == "0"
        expect(link).to_have_attribute("tabindex", "-1")
        page.locator("#situation").hover()
        expect(link).to_have_css("opacity", "1")
        link.focus()
        expect(link).to_have_css("opacity", "1")
        link.press("Enter")
        expect(page).to_have_url(site_url + "after-rejection/library-job.html#situation")


def test_the_404_page_works_at_any_depth(browser: Browser, repo_site: Path) -> None:
    with serve(repo_site) as url, watched_page(browser, url) as watched:
        page = watched.page
        not_found = (repo_site / "404.html").read_text(encoding="utf-8")
        page.route(
            "**/deep/er/missing.html",
            lambda route: route.fulfill(status=404, body=not_found, content_type="text/html"),
        )
        page.goto(url + "deep/er/missing.html")
        expect(page.locator("h1")).to_have_text("Page not found")
        expect(page.locator("body")).to_have_css("margin", "0px")  # the stylesheet loaded
        assert watched.errors == [
            "Failed to load resource: the server responded with a status of 404 (Not Found)"
        ], "only the missing page itself may fail to load"
        page.get_by_role("link", name="Browse all the letters").click()
        expect(page).to_have_url(url + "index.html")
        assert watched.foreign_requests == []
        assert watched.csp_violations() == []


AXE_PAGES = [
    "index.html",
    "after-rejection/index.html",
    "tags/networking.html",
    "channels/email.html",
    "search.html",
    "after-rejection/close-second.html",
    "404.html",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_nothing_while_browsing(
    browser: Browser, site_url: str, path: str, scheme: str
) -> None:
    with watched_page(browser, site_url, color_scheme=scheme) as watched:
        page = watched.page
        page.goto(site_url + path)
        if path == "search.html":
            page.locator("#page-q").fill("letter")
            expect(page.locator("#page-results li").first).to_be_visible()
        if path == "index.html":
            page.get_by_text("Every letter, by channel or tag").click()
            page.get_by_role("button", name="email", exact=True).first.click()
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()


def test_screenshots_for_people_to_look_at(
    browser: Browser, site_url: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = Path(os.environ.get("SINCERELY_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    for name, path in (("home", "index.html"), ("letter", "after-rejection/library-job.html")):
        for width in (375, 1280):
            for scheme in ("light", "dark"):
                options = {"viewport": {"width": width, "height": 900}, "color_scheme": scheme}
                with watched_page(browser, site_url, **options) as watched:
                    watched.page.goto(site_url + path)
                    target = folder / f"{name}-{width}-{scheme}.png"
                    watched.page.screenshot(path=str(target), full_page=True)
                    assert target.stat().st_size > 10_000
    print(f"\nscreenshots written to {folder}")


# ---- the navigation under the owner's control (issue #28, 9) ----


def _nav_gallery(project: Project, packs: int, pages: dict[str, str]) -> None:
    for n in range(packs):
        project.write(
            f"content/pack-{n}/_pack.yaml",
            f"title: Letters of kind {n}\nsummary: Some.\norder: {10 * (n + 1)}\n",
        )
        project.write(f"content/pack-{n}/letter.yaml", MINIMAL_SCENARIO)
    for slug, front in pages.items():
        project.write(f"content/{slug}.md", f"---\n{front}\n---\nSome words.\n")


def _header_entries(html: str) -> list[str]:
    nav = html[html.index('<nav aria-label="Site">') : html.index("</nav>")]
    return re.findall(r'<a href="[^"]*"[^>]*>([^<]*)</a>', nav)


def test_one_order_runs_across_packs_and_pages_and_a_page_may_stay_out(
    project: Project,
) -> None:
    _nav_gallery(
        project,
        2,
        {
            "welcome": "title: Welcome\norder: 1",
            "between": "title: Between\norder: 15",
            "same": "title: Same as the first pack\norder: 10",
            "impressum": "title: Impressum\nnav: false",
            "privacy": "title: Datenschutz\norder: 99\nnav: false",
        },
    )
    project.build()
    site = project.root / "site"
    expected = [
        "Welcome",
        "Letters of kind 0",
        "Same as the first pack",
        "Between",
        "Letters of kind 1",
        "Search",
    ]
    for page in ("index.html", "pack-1/letter.html", "impressum.html", "welcome.html"):
        assert _header_entries((site / page).read_text(encoding="utf-8")) == expected, page
    # Out of the navigation, but made, and in the sitemap (with a base_url).
    assert "Some words." in (site / "impressum.html").read_text(encoding="utf-8")
    project.write("pyproject.toml", '[tool.sincerely]\nbase_url = "https://example.org/letters/"\n')
    project.build()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/letters/impressum.html" in sitemap
    assert "https://example.org/letters/privacy.html" in sitemap


def test_many_packs_are_one_entry_in_the_first_packs_place(project: Project) -> None:
    _nav_gallery(project, 7, {"first": "title: First\norder: 1", "last": "title: Last\norder: 99"})
    project.build()
    html = (project.root / "site/pack-3/letter.html").read_text(encoding="utf-8")
    assert _header_entries(html) == ["First", "All 7 packs", "Last", "Search"]


def test_nav_must_be_true_or_false(project: Project) -> None:
    project.write("content/imprint.md", "---\ntitle: Imprint\nnav: no-thanks\n---\nHi.\n")
    done = project.cli("check")
    assert done.returncode == 1
    assert done.stderr.startswith("content/imprint.md:3:6: error: 'nav' must be true or false")


PHONE_NAV = """() => {
  const nav = document.querySelector('.site-header nav');
  const links = [...nav.querySelectorAll('a')]
    .filter((a) => a.checkVisibility({ visibilityProperty: true }));
  const off = links.filter((a) => {
    const box = a.getBoundingClientRect();
    return box.left < 0 || box.right > innerWidth;
  }).map((a) => a.textContent);
  return {
    links: links.length,
    off,
    pageWidth: document.documentElement.scrollWidth,
    mainTop: document.querySelector('main').getBoundingClientRect().top,
  };
}"""


def test_many_entries_wrap_on_a_phone_without_widening_the_page(
    browser: Browser, project: Project, tmp_path: Path
) -> None:
    pages = {
        f"page-{n}": f"title: A page with a longer title, {n}\norder: {5 * n}" for n in range(7)
    }
    _nav_gallery(project, 6, pages)
    project.build()
    with serve(project.root / "site") as url, watched_page(browser, url, viewport=PHONE) as watched:
        watched.page.goto(url + "pack-0/letter.html")
        found = watched.page.evaluate(PHONE_NAV)
        shots = Path(os.environ.get("SINCERELY_SCREENSHOTS") or tmp_path)
        watched.page.screenshot(path=str(shots / "nav-many-390.png"))
        assert found["links"] == 6 + 7
        assert found["off"] == []
        assert found["pageWidth"] <= PHONE["width"]
        # The letter still begins on the first screen, below the wrapped entries.
        assert found["mainTop"] < PHONE["height"] * 0.6, found
        watched.assert_clean()
