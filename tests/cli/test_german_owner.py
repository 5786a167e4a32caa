"""A German owner's gallery, from the wheel in a clean folder, as the issue "A gallery of
your own, part two" tried it: `init --language de`, letters with German tags, an
Impressum linked from the footer, a CNAME and a brochure, a privacy-friendly counter
allowed by one setting, a redirect, a feed, and a hook whose filter an override uses.
What the reader gets is then read from the outside: every link followed, every page
and download scanned for English, the feed parsed, the counter run in Chromium."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from ..helpers.browser import serve, watched_page
from ..helpers.language import english_in
from ..helpers.owner import run_step, venv_bin
from ..helpers.sitecheck import broken_links

pytestmark = pytest.mark.slow

ADDRESS = "https://karriere.example.de/nachfassen/"
ATOM = "{http://www.w3.org/2005/Atom}"
LETTER = "beispiele/dank-nach-dem-gespraech"
HOOKS = """\
import re


def telefon_link(number):
    digits = re.sub(r"[^0-9+]", "", number)
    return f"tel:{digits}"


def on_env(env):
    env.filters["telefon_link"] = telefon_link
"""
BASE = """\
{% extends "theme/base.html" %}
{% block head %}
{{ super() }}
<script src="COUNTER/zaehler.js" defer></script>
{% endblock %}
{% block footer %}
<p class="telefon"><a href="{{ extra.telefon | telefon_link }}">{{ extra.telefon }}</a></p>
{{ super() }}
{% endblock %}
"""


def _settings(written: str, counter: str) -> str:
    """The owner's settings: keys of their own after init's, and tables at the end."""
    keys = (
        'footer = "Träger: Karrierewerk e. V. · [Impressum](impressum.md)"\n'
        f'base_url = "{ADDRESS}"\n'
        'hooks = ["hooks.py"]\n'
    )
    tables = (
        f'\n[tool.sincerely.allow]\nscripts = ["{counter}"]\n\n'
        f'[tool.sincerely.redirects]\n"alt/danke.html" = "{LETTER}.yaml"\n\n'
        '[tool.sincerely.extra]\ntelefon = "030 123 456"\n'
    )
    return written.replace("[tool.sincerely]\n", "[tool.sincerely]\n" + keys, 1) + tables


@dataclass(frozen=True)
class Built:
    site: Path
    counter: str  # the counter's origin, served while the module's tests run


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Iterator[Built]:
    tmp_path = tmp_path_factory.mktemp("german-owner")
    owner = venv_bin(tmp_path / "owner-venv")
    run_step([str(owner / "python"), "-m", "pip", "install", "-q", str(wheel)], tmp_path, owner)
    gallery = tmp_path / "nachfassen"
    gallery.mkdir()
    run_step("sincerely init --language de", gallery, owner)
    assert 'language = "de"' in (gallery / "pyproject.toml").read_text(encoding="utf-8")

    letter = gallery / f"content/{LETTER}.yaml"
    text = letter.read_text(encoding="utf-8").replace(
        "tags: [Dank]", "tags: [Dank, Absage, Rückmeldung]\npublished: 2026-11-30"
    )
    letter.write_text(text, encoding="utf-8")
    (gallery / "content/impressum.md").write_text(
        "---\ntitle: Impressum\nnav: false\n---\n## Anschrift\n\nKarrierewerk e. V., Berlin.\n",
        encoding="utf-8",
    )
    (gallery / "content/CNAME").write_text("karriere.example.de\n", encoding="utf-8")
    (gallery / "content/beispiele/broschuere.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (gallery / "hooks.py").write_text(HOOKS, encoding="utf-8")
    counter = tmp_path / "zaehler"
    counter.mkdir()
    (counter / "zaehler.js").write_text("document.body.dataset.gezaehlt = 'ja';\n")
    with serve(counter) as counter_url:
        origin = counter_url.rstrip("/")
        (gallery / "layouts").mkdir()
        (gallery / "layouts/base.html").write_text(BASE.replace("COUNTER", origin))
        settings = gallery / "pyproject.toml"
        written = settings.read_text(encoding="utf-8")
        settings.write_text(_settings(written, origin), encoding="utf-8")
        said = run_step("sincerely check -W && sincerely build", gallery, owner)
        assert "warning:" not in said and "build succeeded, 0 warnings" in said, said
        yield Built(gallery / "site", origin)


def _letter(built: Built) -> str:
    return (built.site / f"{LETTER}.html").read_text(encoding="utf-8")


def test_every_link_leads_somewhere_and_the_owners_files_are_published(built: Built) -> None:
    site = built.site
    broken, followed = broken_links(site, ADDRESS)
    assert broken == [] and followed > 100  # the 404 page's links too
    page = _letter(built)
    assert '<a href="../impressum.html">Impressum</a>' in page
    assert (site / "CNAME").read_text() == "karriere.example.de\n"
    assert (site / "beispiele/broschuere.pdf").read_bytes().startswith(b"%PDF")
    # The Impressum is out of the header, but made, and in the sitemap.
    assert 'href="../impressum.html">Impressum</a></li>' not in page
    assert f"<loc>{ADDRESS}impressum.html</loc>" in (site / "sitemap.xml").read_text()


def test_tags_read_as_german_and_nothing_is_english(built: Built) -> None:
    page = _letter(built)
    assert re.search(r'href="\.\./tags/rueckmeldung\.html"[^>]*>\s*Rückmeldung\s*<', page)
    assert re.search(r'href="\.\./tags/absage\.html"[^>]*>\s*Absage\s*<', page)
    tag_page = (built.site / "tags/rueckmeldung.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", tag_page, re.S)
    assert heading and "Rückmeldung" in heading[1]
    assert english_in(built.site) == {}


def test_the_redirect_the_feed_and_what_search_engines_read(built: Built) -> None:
    moved = (built.site / "alt/danke.html").read_text(encoding="utf-8")
    assert f'content="0; url=../{LETTER}.html"' in moved
    assert f'<link rel="canonical" href="{ADDRESS}{LETTER}.html">' in moved
    feed = ET.parse(built.site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Dank nach einem Vorstellungsgespräch"
    assert entry.findtext(f"{ATOM}updated", "").startswith("2026-11-30")
    page = _letter(built)
    assert "30. November 2026" in page
    assert '<meta property="og:locale" content="de_DE">' in page
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    kinds = {item.get("@type") for block in blocks for item in _items(json.loads(block))}
    assert {"BreadcrumbList", "CreativeWork"} <= kinds


def _items(data: object) -> list[dict[str, object]]:
    if isinstance(data, list):
        return [i for i in data if isinstance(i, dict)]
    if isinstance(data, dict):
        graph = data.get("@graph")
        return _items(graph) if graph is not None else [data]
    return []


def test_the_hooks_filter_and_the_allowed_counter_work_in_chromium(
    built: Built, browser: Browser
) -> None:
    assert '<a href="tel:030123456">030 123 456</a>' in _letter(built)
    with serve(built.site) as site_url, watched_page(browser, site_url) as watched:
        watched.page.goto(site_url + f"{LETTER}.html")
        watched.page.wait_for_function("document.body.dataset.gezaehlt === 'ja'")
        assert watched.csp_violations() == []
        assert watched.foreign_requests == [f"{built.counter}/zaehler.js"]
