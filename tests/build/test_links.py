"""Links written in Markdown: written from every page so that they work, and checked.

The scenario files' own cases are in tests/cases/broken/ (link-*.yaml); here, the site
as a reader follows it, and the footer's and the pages' links as check reports them."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import Browser, expect

from sincerely.common.errors import BuildError

from ..conftest import Project
from ..helpers.serving import Server
from ..helpers.sitecheck import broken_links, parts

FOOTER = (
    '[tool.sincerely]\ntitle = "Nachfassen"\n'
    'footer = "Ein Projekt von uns. [Impressum](impressum.md) · [Broschüre]'
    '(letters/broschuere.pdf) · [Start](/) · [Web](https://example.org/#x)"\n'
)
PAGE = (
    "---\ntitle: Impressum\n---\nSee [the letters](letters/), [a letter](letters/close-second.yaml#"
    "sources), [the icon](/static/favicon.svg) and [us](mailto:us@example.org).\n"
)
INTRO = (
    "title: Letters\nsummary: Some.\n"
    "intro: See the [brochure](broschuere.pdf) and the [Impressum](../impressum.md).\n"
)


def _gallery(project: Project) -> None:
    """A small gallery whose Markdown names pages by their sources and files by their paths."""
    project.add_scenario()
    project.write("pyproject.toml", FOOTER)
    project.write("content/impressum.md", PAGE)
    project.write("content/letters/_pack.yaml", INTRO)
    project.write("content/letters/broschuere.pdf", b"%PDF-1.4\n%%EOF\n")
    project.write("content/CNAME", "letters.example.org\n")


def _footer_links(page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    footer = re.search(r'<div class="own-footer">(.*?)</div>', html, re.DOTALL)
    assert footer is not None
    return re.findall(r'href="([^"]*)"', footer[1])


def test_every_link_of_a_small_gallery_leads_to_a_file_of_it(project: Project) -> None:
    _gallery(project)
    result = project.build(strict=True)  # not one warning
    broken, checked = broken_links(project.site)
    assert broken == [] and checked > 60
    site = project.site
    # The footer, from a letter's page: one folder down, its links climb back up.
    assert _footer_links(site / "letters/close-second.html") == [
        "../impressum.html",
        "broschuere.pdf",
        "../index.html",
        "https://example.org/#x",  # another site's: as it is written
    ]
    # From 404.html, which a host serves at any depth: from the domain's root.
    assert _footer_links(site / "404.html")[:3] == [
        "/impressum.html",
        "/letters/broschuere.pdf",
        "/index.html",
    ]
    impressum = parts(site / "impressum.html").links
    assert "letters/close-second.html#sources" in impressum
    assert "mailto:us@example.org" in impressum
    assert (site / "CNAME").is_file() and result.warnings == ()


def test_the_404_pages_links_start_at_base_url(project: Project) -> None:
    _gallery(project)
    project.write("pyproject.toml", FOOTER + 'base_url = "https://example.org/letters/"\n')
    project.build()
    links = _footer_links(project.site / "404.html")
    assert links[0] == "https://example.org/letters/impressum.html"
    broken, _ = broken_links(project.site, base_url="https://example.org/letters/")
    assert broken == []


def test_each_link_that_leads_nowhere_is_a_warning_at_its_place(project: Project) -> None:
    _gallery(project)
    project.write("pyproject.toml", FOOTER.replace("impressum.md", "impresum.md"))
    project.write("content/impressum.md", PAGE.replace("letters/)", "leters/)"))
    project.write("content/letters/_pack.yaml", INTRO.replace("broschuere.pdf", "brochure.pdf"))
    shown = [d.format(project.root) for d in project.check().warnings]
    tail = (
        "; name a page by its source ('impressum.md', 'PACK/SLUG.yaml') or a file by its "
        "path in content/"
    )
    assert shown == [
        "content/impressum.md:4:19: warning: link 'leters/' leads nowhere: the site has no "
        "'leters/index.html' (did you mean 'letters/'?)" + tail,
        "content/letters/_pack.yaml:3:27: warning: link 'brochure.pdf' leads nowhere: the site "
        "has no 'letters/brochure.pdf' (did you mean 'broschuere.pdf'?)" + tail,
        # The footer's, at its line of pyproject.toml.
        "pyproject.toml:3:44: warning: link 'impresum.md' leads nowhere: the site has no "
        "'impresum.html' (did you mean 'impressum.md'?)" + tail,
    ]


def test_build_w_fails_on_a_broken_footer_link_and_keeps_the_site(project: Project) -> None:
    _gallery(project)
    project.build()
    before = (project.site / "index.html").read_bytes()
    project.write("pyproject.toml", FOOTER.replace("impressum.md", "datenschutz.md"))
    done = project.cli("build", "-W")
    assert done.returncode == 1
    assert "pyproject.toml:3:44: warning: link 'datenschutz.md' leads nowhere" in done.stderr
    assert (project.site / "index.html").read_bytes() == before
    try:
        project.check(strict=True)
    except BuildError as exc:
        assert len(exc.diagnostics) == 1
    else:
        raise AssertionError("check -W passed a broken link")


def test_a_reader_follows_the_footer_from_a_letter_and_from_a_404_at_any_depth(
    project: Project, browser: Browser, start_server: Callable[..., Server]
) -> None:
    _gallery(project)
    server = start_server(project.root)
    page = browser.new_page()
    try:
        for start in ("letters/close-second.html", "letters/no/such/page.html", "nothing"):
            page.goto(server.url + start)
            page.locator(".own-footer").get_by_role("link", name="Impressum").click()
            expect(page.locator("h1")).to_have_text("Impressum")
            page.goto(server.url + start)
            href = page.locator(".own-footer").get_by_role("link", name="Broschüre")
            pdf = page.request.get(urljoin(page.url, href.get_attribute("href") or ""))
            assert pdf.ok and pdf.body() == b"%PDF-1.4\n%%EOF\n", start
    finally:
        page.close()
