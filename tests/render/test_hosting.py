"""The Atom feeds and the redirect pages, as a build writes them and a reader's feed
reader or browser reads them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

import pytest
from lxml import etree

from ..conftest import MINIMAL_SCENARIO, TESTS, Project, tree
from ..helpers.sitecheck import html_problems, parts

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")
GRAMMAR = etree.RelaxNG(etree.parse(str(TESTS / "data" / "atom.rng")))
BASE = "https://example.org/letters/"


def letter(title: str, published: str = "", summary: str = "") -> str:
    text = MINIMAL_SCENARIO.replace("title: Close second", f'title: "{title}"', 1)
    if summary:
        text = text.replace(
            "summary: You reached the final round and they chose someone else.",
            f'summary: "{summary}"',
            1,
        )
    return text + (f"published: {published}\n" if published else "")


def gallery(project: Project, base_url: str = BASE, language: str = "en-GB") -> Project:
    """Two packs in two languages: three English letters (two of one day), one unpublished,
    and a French one."""
    settings = f'[tool.sincerely]\ntitle = "Notes & letters"\nlanguage = "{language}"\n'
    project.write("pyproject.toml", settings + (f'base_url = "{base_url}"\n' if base_url else ""))
    project.write("content/letters/_pack.yaml", "title: Letters\nsummary: Some.\n")
    project.write("content/letters/alpha.yaml", letter("Alpha", "2026-11-02"))
    project.write("content/letters/beta.yaml", letter("Beta <b> & co", "2026-12-07", "Plain & <i>"))
    project.write("content/letters/gamma.yaml", letter("Gamma", '"2026-11-02"'))
    project.write("content/letters/draft.yaml", letter("Draft"))
    project.write("content/lettres/_pack.yaml", "title: Lettres\nsummary: Des.\nlanguage: fr\n")
    project.write("content/lettres/une.yaml", letter("Une", "2026-12-07"))
    return project


def atom_problems(path: Path) -> list[str]:
    """What is wrong with an Atom document: its grammar (RELAX NG, lxml), then each
    MUST of RFC 4287 that a grammar cannot say, read with the standard library."""
    document = etree.parse(str(path))
    if not GRAMMAR.validate(document):
        return [str(e) for e in GRAMMAR.error_log]
    feed = ET.parse(path).getroot()
    problems = []
    if feed.tag != f"{ATOM}feed":
        problems.append(f"the root is {feed.tag}")
    for element in (feed, *feed.findall(f"{ATOM}entry")):
        for name in ("id", "title", "updated"):
            if len(element.findall(f"{ATOM}{name}")) != 1:
                problems.append(f"{element.tag} without exactly one {name}")
        ident = element.findtext(f"{ATOM}id") or ""
        if not urlparse(ident).scheme:  # 4.2.6: an absolute IRI
            problems.append(f"id {ident!r} is not absolute")
        for date in (*element.findall(f"{ATOM}updated"), *element.findall(f"{ATOM}published")):
            if not RFC3339.fullmatch(date.text or ""):  # 3.3: RFC 3339
                problems.append(f"date {date.text!r}")
        alternates = [
            (link.get("type"), link.get("hreflang"))
            for link in element.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if len(set(alternates)) != len(alternates):  # 4.1.1 and 4.1.2
            problems.append(f"{element.tag} has two alternate links alike")
    has_author = feed.find(f"{ATOM}author") is not None
    for entry in feed.findall(f"{ATOM}entry"):
        if not has_author and entry.find(f"{ATOM}author") is None:  # 4.1.1
            problems.append("an entry without an author, in a feed without one")
        if entry.find(f"{ATOM}content") is None and not any(  # 4.1.2
            link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link")
        ):
            problems.append("an entry without content or an alternate link")
    return problems


def entries(path: Path) -> list[dict[str, str]]:
    feed = ET.parse(path).getroot()
    return [
        {
            "title": e.findtext(f"{ATOM}title") or "",
            "id": e.findtext(f"{ATOM}id") or "",
            "link": next((k.get("href", "") for k in e.iter(f"{ATOM}link")), ""),
            "updated": e.findtext(f"{ATOM}updated") or "",
            "summary": e.findtext(f"{ATOM}summary") or "",
        }
        for e in feed.findall(f"{ATOM}entry")
    ]


def test_each_language_has_an_atom_feed_of_its_published_letters(project: Project) -> None:
    site = gallery(project).build(strict=True) and project.site
    for path in ("feed.xml", "fr/feed.xml"):
        assert atom_problems(site / path) == [], path
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.get(XML_LANG) == "en-GB"
    assert feed.findtext(f"{ATOM}title") == "Notes & letters"
    assert feed.findtext(f"{ATOM}id") == f"{BASE}feed.xml"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Notes & letters"
    # The newest letter's day, never the build's.
    assert feed.findtext(f"{ATOM}updated") == "2026-12-07T00:00:00Z"
    # Newest first; Alpha and Gamma share a day, and keep the pack's order; the draft
    # has no day and is not in the feed; the French letter is in the French feed.
    assert entries(site / "feed.xml") == [
        {
            "title": "Beta <b> & co",
            "id": f"{BASE}letters/beta.html",
            "link": f"{BASE}letters/beta.html",
            "updated": "2026-12-07T00:00:00Z",
            "summary": "Plain & <i>",
        },
        {
            "title": "Alpha",
            "id": f"{BASE}letters/alpha.html",
            "link": f"{BASE}letters/alpha.html",
            "updated": "2026-11-02T00:00:00Z",
            "summary": "You reached the final round and they chose someone else.",
        },
        {
            "title": "Gamma",
            "id": f"{BASE}letters/gamma.html",
            "link": f"{BASE}letters/gamma.html",
            "updated": "2026-11-02T00:00:00Z",
            "summary": "You reached the final round and they chose someone else.",
        },
    ]
    french = ET.parse(site / "fr/feed.xml").getroot()
    assert french.get(XML_LANG) == "fr"
    assert french.findtext(f"{ATOM}title") == "Notes & letters (Français)"
    assert [e["title"] for e in entries(site / "fr/feed.xml")] == ["Une"]


def test_the_grammar_and_the_checks_refuse_what_atom_forbids(tmp_path: Path) -> None:
    """The checks above can fail: each broken feed is refused for its own reason."""
    good = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><id>https://e.org/f</id><title>t</title>'
        "<updated>2026-12-07T00:00:00Z</updated>{author}<entry><id>{entry_id}</id><title>e"
        '</title><updated>{day}</updated><link href="https://e.org/a"/></entry></feed>'
    )
    cases = {
        "no author": ({"author": ""}, "without an author"),
        "relative id": ({"entry_id": "a.html"}, "is not absolute"),
        "day only": ({"day": "2026-12-07"}, "dateTime"),
    }
    fine = {"author": "<author><name>n</name></author>", "entry_id": "https://e.org/a"}
    fine["day"] = "2026-12-07T00:00:00Z"
    path = tmp_path / "feed.xml"
    path.write_text(good.format(**fine), encoding="utf-8")
    assert atom_problems(path) == []
    for name, (change, said) in cases.items():
        path.write_text(good.format(**(fine | change)), encoding="utf-8")
        assert any(said in problem for problem in atom_problems(path)), name


def test_every_page_links_the_feeds_and_a_letter_shows_its_day(project: Project) -> None:
    site = gallery(project).build() and project.site
    links = (
        '<link rel="alternate" type="application/atom+xml" href="../feed.xml" hreflang="en-GB" '
        'title="Notes &amp; letters"><link rel="alternate" type="application/atom+xml" '
        'href="../fr/feed.xml" hreflang="fr" title="Notes &amp; letters (Français)">'
    )
    for page in ("letters/alpha.html", "letters/draft.html", "lettres/une.html"):
        assert links in (site / page).read_text(encoding="utf-8"), page
    assert 'href="feed.xml" hreflang="en-GB"' in (site / "index.html").read_text(encoding="utf-8")
    # The day in the page's language (Babel's CLDR data), with its machine-readable form.
    english = (site / "letters/beta.html").read_text(encoding="utf-8")
    assert (
        '<p class="published">Published <time datetime="2026-12-07">7 December 2026</time></p>'
        in english
    )
    french = (site / "lettres/une.html").read_text(encoding="utf-8")
    assert '<p class="published">Publiée le <time datetime="2026-12-07">7 décembre 2026' in french
    assert 'class="published"' not in (site / "letters/draft.html").read_text(encoding="utf-8")
    # Neither a feed nor a redirect is a page for search engines to list.
    assert "feed.xml" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_german_letter_page_says_its_day_in_german(project: Project) -> None:
    site = gallery(project, language="de").build() and project.site
    html = (site / "letters/beta.html").read_text(encoding="utf-8")
    assert 'Veröffentlicht am <time datetime="2026-12-07">7. Dezember 2026</time>' in html


def test_without_base_url_no_feed_and_the_build_says_why(project: Project) -> None:
    gallery(project, base_url="")
    done = project.cli("build")
    assert done.returncode == 0, done.stderr
    assert (
        "note: no Atom feed was made: letters have 'published' days, but a feed needs the "
        "site's address; set base_url in [tool.sincerely], or build with --base-url"
    ) in done.stdout
    assert not (project.site / "feed.xml").exists()
    assert "application/atom+xml" not in (project.site / "index.html").read_text("utf-8")
    # The days still show; a build given the address makes the feeds.
    assert "7 December 2026" in (project.site / "letters/beta.html").read_text("utf-8")
    done = project.cli("build", "--base-url", BASE)
    assert "no Atom feed" not in done.stdout
    assert atom_problems(project.site / "feed.xml") == []


def test_a_day_edited_changes_the_feed_and_that_page_only(project: Project, tmp_path: Path) -> None:
    gallery(project).build()
    before = tree(project.site)
    again = gallery(project)
    again.write("content/letters/gamma.yaml", letter("Gamma", "2026-12-08"))
    again.build()
    after = tree(project.site)
    changed = sorted(p for p in after if before.get(p) != after[p])
    assert changed == ["_sources/letters/gamma.yaml.txt", "feed.xml", "letters/gamma.html"]
    assert entries(project.site / "feed.xml")[0]["title"] == "Gamma"
    # The same bytes as a clean build's, built twice: deterministic, never the build time.
    fresh = [tmp_path / "fresh1", tmp_path / "fresh2"]
    for folder in fresh:
        project.build(folder)
    assert tree(fresh[0]) == tree(fresh[1]) == after


def test_a_languages_first_published_letter_links_its_feed_from_every_page(
    project: Project,
) -> None:
    gallery(project)
    project.write("content/lettres/une.yaml", letter("Une"))
    project.build()
    assert "fr/feed.xml" not in (project.site / "letters/alpha.html").read_text("utf-8")
    project.write("content/lettres/une.yaml", letter("Une", "2026-12-09"))
    project.build()
    assert "fr/feed.xml" in (project.site / "letters/alpha.html").read_text("utf-8")


def redirected(project: Project, base_url: str = BASE) -> Path:
    gallery(project, base_url=base_url)
    project.write("content/about.md", "---\ntitle: About us\n---\nWho we are.\n")
    with (project.root / "pyproject.toml").open("a", encoding="utf-8") as settings:
        settings.write(
            "\n[tool.sincerely.redirects]\n"
            '"old/alpha.html" = "letters/alpha.yaml"\n'
            '"/renamed/" = "lettres/une.html#situation"\n'
            '"who.html" = "about.md"\n'
        )
    project.build(strict=True)
    return project.site


def test_an_old_path_gets_a_page_that_sends_readers_on(project: Project) -> None:
    site = redirected(project)
    html = (site / "old/alpha.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../letters/alpha.html">' in html
    assert f'<link rel="canonical" href="{BASE}letters/alpha.html">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<a href="../letters/alpha.html">Alpha</a>' in html
    assert "<script" not in html and "style" not in html
    # A folder's old path is its index.html; the target's language is the page's.
    french = (site / "renamed/index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in french and "Cette page a changé d\u2019adresse" in french
    assert 'url=../lettres/une.html#situation"' in french
    assert f'<link rel="canonical" href="{BASE}lettres/une.html">' in french
    assert 'url=about.html"' in (site / "who.html").read_text("utf-8")
    assert parts(site / "old/alpha.html").links == [
        f"{BASE}letters/alpha.html",
        "../letters/alpha.html",
    ]
    assert "old/" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_without_base_url_a_redirect_names_no_canonical_address(project: Project) -> None:
    # A relative canonical is none to search engines (and Lighthouse marks it down); the
    # refresh and the link still lead on.
    html = (redirected(project, base_url="") / "old/alpha.html").read_text("utf-8")
    assert 'rel="canonical"' not in html
    assert '<meta http-equiv="refresh" content="0; url=../letters/alpha.html">' in html


@pytest.mark.slow
def test_a_redirect_page_and_a_letter_page_with_its_day_are_valid_html(
    project: Project, tmp_path: Path
) -> None:
    site = redirected(project)
    checked = tmp_path / "checked"
    for path in ("old/alpha.html", "renamed/index.html", "letters/beta.html"):
        (checked / path).parent.mkdir(parents=True, exist_ok=True)
        (checked / path).write_bytes((site / path).read_bytes())
    assert html_problems(checked) == ""
