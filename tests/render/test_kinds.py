"""The kinds of page, one table: each kind says what its pages are made from, a build
reads every page's inputs there, and a page whose inputs are as they were is brought
over; a kind that says nothing of its inputs, or a page of no kind, is refused."""

from __future__ import annotations

import pytest

from sincerely.build.outputs import site_jobs
from sincerely.load.loader import load_site
from sincerely.model.config import load_config
from sincerely.render import kinds
from sincerely.render.kinds import CONFIG, FRAME, KINDS, SITE, About, Input, Kind
from sincerely.render.navigation import neighbours
from sincerely.render.pages import Download, PageSpec, scenario_page
from sincerely.render.renderer import PageRenderer, make_environment
from sincerely.theming.theme import Theme

from ..conftest import MINIMAL_SCENARIO, REPO, Project


def test_a_kind_that_says_nothing_of_what_it_is_made_from_is_refused() -> None:
    with pytest.raises(ValueError, match="says nothing of what it is made from"):
        Kind("A letter's print view.", {}, ())


def test_a_page_of_a_kind_not_in_the_table_is_refused() -> None:
    with pytest.raises(ValueError, match=r"no kind of page is made with 'print\.html'"):
        PageSpec("print.html", "print.html", "Print")


def test_a_page_that_shows_what_its_kind_is_not_made_from_is_refused() -> None:
    # A Markdown page that listed letters would go stale when they changed.
    letter = ("scenario", "after-rejection", "close-second")
    with pytest.raises(ValueError, match=r"add Input\.SHOWN to its made_from"):
        PageSpec("page.html", "faq.html", "FAQ", about=About(shown=(letter,)))
    # A kind made from the whole gallery counts every object already.
    PageSpec("home.html", "index.html", "Home", about=About(shown=(letter,)))


def test_every_kind_says_what_it_is_made_from() -> None:
    assert set(KINDS) == {
        "home.html",
        "pack.html",
        "scenario.html",
        "tag.html",
        "page.html",
        "search.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "redirect.html",
    }
    assert all(kind.made_from for kind in KINDS.values())


def test_each_pages_job_is_made_from_what_its_kind_declares() -> None:
    config = load_config(REPO, base_url="https://example.org/")
    site = load_site(config)[0]
    theme = Theme.for_project(config.layouts_dir)
    jobs = site_jobs(site, make_environment(theme), theme)
    made_from = {job.path: job.made_from for job in jobs}
    gallery = frozenset({SITE, CONFIG})
    for path in ("index.html", "search.html", "404.html", "robots.txt", "sitemap.xml"):
        assert made_from[path] == gallery, path
    # A pack's page, a tag's: the letters whose cards they show, and the frame.
    pack = next(p for p in site.packs if p.slug == "after-rejection")
    shown = {s.identity for s in pack.scenarios}
    assert made_from["after-rejection/index.html"] == {pack.identity, CONFIG, FRAME, *shown}
    tag, tagged = next(iter(site.tags.items()))
    assert made_from[f"tags/{tag}.html"] == {CONFIG, FRAME, *(s.identity for s in tagged)}
    assert made_from["faq.html"] == {("page", "faq"), FRAME}
    # A letter's page: its letter and pack, the frame, the settings, the letters it links
    # to by title, and its translations with their packs (their languages).
    letter = next(s for s in site.scenarios() if site.translations.get(s.url))
    pack = next(p for p in site.packs if letter in p.scenarios)
    around = neighbours(site)[letter.url]
    shown = {n.identity for n in (around.previous, around.next, *around.related) if n}
    translations = {
        identity
        for _, other in site.translations[letter.url]
        for identity in (other.identity, ("pack", other.pack))
    }
    assert translations - {letter.identity, pack.identity}, "another language's"
    expected = {letter.identity, pack.identity, CONFIG, FRAME, *shown, *translations}
    assert made_from[letter.url] == expected
    # The page made in that job says the same of itself.
    spec = scenario_page(site, letter, pack, around, [])
    assert spec.made_from == made_from[letter.url]


def test_a_build_brings_a_page_over_by_what_its_kind_is_made_from(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.add_scenario()
    project.write("content/about.md", "---\ntitle: About\n---\nWho we are.\n")
    project.build()
    about = project.site / "about.html"
    assert "Test pack" in about.read_text(encoding="utf-8")  # the navigation lists packs
    # A pack renamed changes the frame, which a Markdown page is made from: made again.
    project.write("content/letters/_pack.yaml", "title: Renamed pack\nsummary: Letters.\n")
    project.build()
    assert "Renamed pack" in about.read_text(encoding="utf-8")
    # Told it is made from itself alone, the build brings it over, stale: the table,
    # and nothing else, decides.
    alone = Kind(KINDS["page.html"].what, KINDS["page.html"].values, (Input.SUBJECT,))
    monkeypatch.setitem(kinds.KINDS, "page.html", alone)
    # (A build that records the page's new inputs, after an edit to a letter only.)
    project.add_scenario(text=MINIMAL_SCENARIO.replace("Short and sincere.", "Short."))
    project.build()
    project.write("content/letters/_pack.yaml", "title: Third name\nsummary: Letters.\n")
    project.build()
    assert "Third name" in (project.site / "letters/index.html").read_text(encoding="utf-8")
    page = about.read_text(encoding="utf-8")
    assert "Third name" not in page and "Renamed pack" in page


def test_a_layout_that_unpacks_the_downloads_as_three_still_works(project: Project) -> None:
    # Before downloads had labels, layouts took them as (kind, path, size).
    project.add_scenario()
    config = load_config(project.root)
    site = load_site(config)[0]
    pack = site.packs[0]
    letter = pack.scenarios[0]
    env = make_environment(Theme.for_project(config.layouts_dir))
    renderer = PageRenderer(site, env)
    links = [Download("txt", "letters/close-second-template.txt", 1200, "Blank template")]
    spec = scenario_page(site, letter, pack, neighbours(site)[letter.url], links)
    template = env.from_string(
        "{% for kind, path, size in downloads %}{{ kind }} {{ path }} {{ size }}{% endfor %}"
    )
    given = renderer.context(spec, dict(spec.values))
    assert template.render(given) == "txt letters/close-second-template.txt 1200"
