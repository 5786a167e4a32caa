"""Hostile content in every string a contributor controls: built, then every page loaded
in Chromium. Nothing runs, nothing is requested, nothing is reinterpreted: the text
shows as written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser

from ..conftest import Project
from ..helpers.browser import serve, watched_page

SENTINEL = "window.__pwned=1"
PAYLOADS = {
    "script": f"<script>{SENTINEL}</script>",
    "handler": f'<img src=x onerror="{SENTINEL}">',
    "attribute": f'"><svg onload={SENTINEL}>',
    "javascript-link": f"[click me](javascript:{SENTINEL})",
    "data-link": f"[data](data:text/html,<script>{SENTINEL}</script>)",
    "script-close": f"</script><script>{SENTINEL}</script><!--",
    "jinja": "{{ 7*7 }} {% for x in range(3) %}loop{% endfor %} {# note #}",
    "bidi": "Pay \u202eemag\u202c now, and zero\u200bwidth\u2066isolates\u2069",
}
LONG = "long " * 4000


def _literal_braces(text: str) -> str:
    """The payload as a letter's text: braces doubled, since {…} there is a placeholder."""
    return text.replace("{", "{{").replace("}", "}}")


def hostile_scenario(payload: str) -> str:
    short = payload[:60]
    document = {
        "title": payload[:70],
        "summary": payload,
        "situation": f"{payload}\n\n{LONG}",
        "channel": "email",
        "timing": payload,
        "tags": ["hostile"],
        "fields": [
            {
                "id": "who",
                "label": short,
                "example": payload,
                "hint": payload[:200],
                "per_recipient": True,
            },
            {
                "id": "pick",
                "label": short,
                "example": "plain",
                "hint": payload[:200],
                "kind": "choice",
                "options": [payload, "plain"],
            },
            {
                "id": "me",
                "label": short,
                "example": payload,
                "hint": payload[:200],
                "sender": True,
                "autocomplete": "name",
            },
        ],
        "letter": {
            "subject": _literal_braces(payload) + " {who}",
            "blocks": [
                {
                    "text": "{pick} {who}, " + _literal_braces(payload),
                    "note": payload,
                    "optional": payload,
                },
                {"text": _literal_braces(payload) + "\n{me}", "note": payload + " " + LONG},
            ],
        },
        "sources": [
            {
                "title": payload,
                "author": payload,
                "publisher": payload,
                "url": "https://example.org/?q=%3Cscript%3E",
            }
        ],
        "tips": {"do": [payload], "avoid": [payload]},
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = Project(tmp_path_factory.mktemp("hostile") / "project")
    project.root.mkdir()
    payload = PAYLOADS["script"]
    project.write(
        "pyproject.toml",
        f"[tool.sincerely]\ntitle = {json.dumps(payload)}\ndescription = {json.dumps(payload)}\n",
    )
    project.write(
        "content/letters/_pack.yaml",
        yaml.safe_dump(
            {
                "title": PAYLOADS["handler"],
                "summary": PAYLOADS["attribute"],
                "intro": PAYLOADS["javascript-link"] + "\n\n" + PAYLOADS["script-close"],
            }
        ),
    )
    project.write(
        "content/index.md", f"---\ntitle: {json.dumps(payload)}\n---\n{PAYLOADS['data-link']}\n"
    )
    for name, text in PAYLOADS.items():
        project.add_scenario(name, hostile_scenario(text))
    result = project.build()
    assert result.scenario_count == len(PAYLOADS)
    return project.site


@pytest.fixture(scope="module")
def site_url(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site) as url:
        yield url


def test_every_page_runs_nothing_and_requests_nothing(
    browser: Browser, hostile_site: Path, site_url: str
) -> None:
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    assert len(pages) > 12
    dialogs: list[str] = []
    for path in pages:
        with watched_page(browser, site_url) as watched:
            page = watched.page
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(site_url + path)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned") is None, path
            assert dialogs == [], path
            assert (
                page.locator(
                    "a[href^='javascript'], a[href^='data'], iframe, object, embed"
                ).count()
                == 0
            )
            watched.assert_clean()


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_the_text_shows_exactly_as_written(browser: Browser, site_url: str, name: str) -> None:
    payload = PAYLOADS[name]
    with watched_page(browser, site_url) as watched:
        page = watched.page
        page.goto(f"{site_url}letters/{name}.html")
        assert page.locator("h1").inner_text() == payload[:70]
        assert page.locator(".lead").inner_text() == payload
        subject = page.locator(".subject").first.inner_text()
        assert subject == f"Subject: {payload} [{payload[:60]}]"
        assert payload in page.locator('[data-part="1"]').inner_text()


def test_search_over_hostile_text_runs_nothing(browser: Browser, site_url: str) -> None:
    with watched_page(browser, site_url) as watched:
        page = watched.page
        page.goto(site_url + "search.html?q=script")
        page.locator("#page-results li").first.wait_for()
        assert page.evaluate("window.__pwned") is None
        assert page.locator("#page-results img, #page-results script").count() == 0
        watched.assert_clean()


def test_the_template_syntax_is_never_evaluated(hostile_site: Path) -> None:
    html = (hostile_site / "letters/jinja.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in html and "{% for x in range(3) %}" in html
    assert "loop loop loop" not in html and ">49<" not in html


def test_the_json_ld_holds_hostile_words_as_data(browser: Browser, site_url: str) -> None:
    # JSON-LD is a script element the browser never runs: the CSP's script-src does not
    # apply to it (no violation is reported), and the words that would close it stay in.
    payload = PAYLOADS["script-close"]
    with watched_page(browser, site_url) as watched:
        page = watched.page
        page.goto(f"{site_url}letters/script-close.html")
        data = page.evaluate(
            "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
        )
        work = next(item for item in data["@graph"] if item["@type"] == "CreativeWork")
        assert work["name"] == payload[:70] and work["description"] == payload
        assert work["isPartOf"]["name"] == PAYLOADS["handler"]
        assert page.evaluate("window.__pwned") is None
        watched.assert_clean()
