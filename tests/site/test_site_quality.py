"""Quality gates over whole built sites: valid HTML, no broken link or fragment, weight
budgets, and the files a host needs."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

import pytest

from sincerely.cli.scaffold import init_gallery

from ..conftest import MINIMAL_SCENARIO, Project
from ..helpers.gallery import SCENARIOS, SITE
from ..helpers.sitecheck import broken_links, html_problems, parts

PAGE_BUDGET = 40_000
INDEX_BUDGET_PER_SCENARIO = 2_000
BY_LANGUAGE = {p.slug: SITE.language_of(p) for p in SITE.packs}


@pytest.mark.slow
def test_every_page_is_valid_html(repo_site: Path, tmp_path: Path) -> None:
    assert html_problems(repo_site) == ""


def test_every_internal_link_and_fragment_resolves(repo_site: Path) -> None:
    broken, checked = broken_links(repo_site)
    assert checked > 200
    assert broken == []


def test_a_new_gallery_has_no_broken_link(project: Project) -> None:
    init_gallery(project.root)
    project.build()
    broken, checked = broken_links(project.site)
    assert checked > 20
    assert broken == []


def test_every_id_on_a_page_is_unique(project: Project) -> None:
    project.add_scenario(
        text=MINIMAL_SCENARIO.replace(
            "  You were a finalist, and the decision went the other way.\n",
            "  You were a finalist.\n\n  ## Sources\n\n  ## Letter\n\n  ## Letter\n",
        ).replace("note: Short and sincere.", "note: |\n        ## Sources\n\n        Short.")
    )
    project.build()
    for page in project.site.rglob("*.html"):
        ids = parts(page).ids
        assert len(ids) == len(set(ids)), (page.name, sorted(i for i in ids if ids.count(i) > 1))
    html = (project.site / "letters/close-second.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="([^"]+)">Sources <a class="permalink" href="#([^"]+)"', html)
    assert len(headings) == 2 and all(own == link for own, link in headings), headings


def test_every_page_is_within_its_weight_budget(repo_site: Path) -> None:
    for page in repo_site.rglob("*.html"):
        info = parts(page)
        assets = [(page.parent / a).resolve() for a in info.assets if not a.startswith("/")]
        total = page.stat().st_size + sum(a.stat().st_size for a in assets)
        assert total < PAGE_BUDGET, f"{page.relative_to(repo_site)} weighs {total} bytes"


def test_the_lists_stay_light_as_packs_in_other_languages_are_added(repo_site: Path) -> None:
    # The home page lists every letter by one line (its moment), and a channel's page
    # shows cards for the letters in its language, a line for each of the others.
    home = (repo_site / "index.html").read_text(encoding="utf-8")
    assert home.count("<li data-channel=") == len(SCENARIOS) and 'class="card"' not in home
    emails = (repo_site / "channels/email.html").read_text(encoding="utf-8")
    ours = [s for s in SCENARIOS if s.channel == "email" and BY_LANGUAGE[s.pack] == "en-GB"]
    theirs = [s for s in SCENARIOS if s.channel == "email" and BY_LANGUAGE[s.pack] != "en-GB"]
    assert emails.count('<li class="card"') == len(ours) and theirs
    for scenario in theirs:
        line = f'<li lang="{BY_LANGUAGE[scenario.pack]}"><a href="../{scenario.url}">'
        assert line + f"{scenario.title}</a></li>" in emails


def test_the_search_index_is_small(repo_site: Path) -> None:
    size = (repo_site / "search-index.js").stat().st_size
    assert size < INDEX_BUDGET_PER_SCENARIO * len(SCENARIOS)


def test_no_page_asks_a_third_party_for_anything(repo_site: Path) -> None:
    for page in repo_site.rglob("*.html"):
        for asset in parts(page).assets:
            assert not urlparse(asset).netloc, f"{page}: {asset}"


def test_letter_pages_link_their_source_file(repo_site: Path) -> None:
    for scenario in SCENARIOS:
        copy = repo_site / "_sources" / scenario.pack / f"{scenario.slug}.yaml.txt"
        assert copy.read_text(encoding="utf-8") == scenario.yaml_text
        html = (repo_site / scenario.url).read_text(encoding="utf-8")
        assert f'href="../_sources/{scenario.pack}/{scenario.slug}.yaml.txt"' in html


def test_without_base_url_there_is_no_sitemap_or_canonical(repo_site: Path) -> None:
    assert not (repo_site / "sitemap.xml").exists()
    assert (repo_site / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    assert 'rel="canonical"' not in (repo_site / "index.html").read_text(encoding="utf-8")
    assert "Suggest an edit" not in (repo_site / SCENARIOS[0].url).read_text(encoding="utf-8")


@pytest.fixture
def hosted(project: Project) -> Project:
    project.write(
        "pyproject.toml",
        '[tool.sincerely]\ntitle = "Letters"\nbase_url = "https://example.org/letters"\n'
        'repo_url = "https://github.com/example/letters"\nedit_branch = "trunk"\n',
    )
    project.add_scenario()
    project.build()
    return project


def test_with_base_url_a_sitemap_and_canonical_links(hosted: Project) -> None:
    site = hosted.site
    tree = ET.parse(site / "sitemap.xml")
    locs = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs == [
        "https://example.org/letters/index.html",
        "https://example.org/letters/letters/index.html",
        "https://example.org/letters/letters/close-second.html",
        "https://example.org/letters/channels/email.html",
    ]
    assert "Sitemap: https://example.org/letters/sitemap.xml" in (site / "robots.txt").read_text()
    html = (site / "letters/close-second.html").read_text(encoding="utf-8")
    assert (
        '<link rel="canonical" href="https://example.org/letters/letters/close-second.html">'
        in html
    )
    assert '<meta property="og:title" content="Close second">' in html
    assert (
        '<a href="https://github.com/example/letters/edit/trunk/content/letters/close-second.yaml">'
        "Suggest an edit</a>" in html
    )
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/letters/static/site.css"' in not_found
    # Pages with no content of their own are not for search engines to list.
    for path in ("404.html", "search.html"):
        html = (site / path).read_text(encoding="utf-8")
        assert 'rel="canonical"' not in html and 'property="og:url"' not in html, path
        assert '<meta name="robots" content="noindex">' in html, path
    assert '<meta name="robots"' not in (site / "channels/email.html").read_text(encoding="utf-8")


def test_the_404_page_links_from_the_domain_root_without_base_url(repo_site: Path) -> None:
    html = (repo_site / "404.html").read_text(encoding="utf-8")
    assert 'href="/static/site.css"' in html and 'href="/index.html"' in html


def test_the_schema_is_published_in_the_site(repo_site: Path) -> None:
    assert (repo_site / "schema/scenario.json").read_text(encoding="utf-8").startswith("{")


def test_meta_description_comes_from_the_summary(repo_site: Path) -> None:
    for scenario in SCENARIOS:
        html = (repo_site / scenario.url).read_text(encoding="utf-8")
        match = re.search(r'<meta name="description" content="([^"]*)">', html)
        assert match is not None
        assert match[1].replace("&#39;", "'").replace("&#34;", '"').replace("&amp;", "&") == (
            scenario.summary
        )


def test_a_letter_page_does_not_grow_with_the_site(project: Project) -> None:
    project.add_scenario("first", MINIMAL_SCENARIO)
    project.build()
    small = (project.site / "letters/first.html").stat().st_size
    tagged = MINIMAL_SCENARIO.replace("channel: email", "channel: email\ntags: [shared]")
    for n in range(40):
        project.add_scenario(f"other-{n}", tagged.replace("Close second", f"Other {n}"))
    for n in range(12):  # many packs: the header must not list them all on every page
        project.write(f"content/pack-{n}/_pack.yaml", f"title: Pack {n}\nsummary: S.\n")
        project.write(f"content/pack-{n}/a.yaml", tagged.replace("Close second", f"P {n}"))
    project.add_scenario(
        "first", MINIMAL_SCENARIO.replace("channel: email", "channel: email\ntags: [shared]")
    )
    project.build()
    large = (project.site / "letters/first.html").stat().st_size
    assert large - small < 3_000  # related letters and a pager, not a list of everything


def test_a_tag_written_in_another_language_says_its_language(repo_site: Path) -> None:
    # A screen reader reads 'Rückmeldung' on the English home page as German (WCAG 3.1.2).
    german = next(t for t, letters in SITE.tags.items() if letters[0].pack == "nach-der-absage")
    english = next(t for t, letters in SITE.tags.items() if letters[0].pack == "after-rejection")
    for page in ("index.html", "search.html"):
        html = (repo_site / page).read_text(encoding="utf-8")
        assert re.search(
            rf'href="tags/{german}\.html"[^>]* lang="de">{re.escape(german.label)}<', html
        )
        assert re.search(rf'href="tags/{english}\.html"[^>]*>{re.escape(english.label)}<', html)
        assert not re.search(rf'href="tags/{english}\.html"[^>]* lang=', html)
