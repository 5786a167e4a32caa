"""The pages' Content-Security-Policy: made in one place, with the origins the owner
allows, and a warning at each thing in a layout that it would block."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser

from sincerely.common.errors import Diagnostics
from sincerely.model.allowed import Allowed
from sincerely.theming.csp import policy, warn_blocked
from sincerely.theming.theme import bundled_theme_dir

from ..conftest import Project, tree
from ..helpers.browser import serve, watched_page

THEMES = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
THEMES += "connect-src 'self'; form-action 'none'; base-uri 'none'"
COUNTER = "https://stats.example.org"


def _csp(html: str) -> str:
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert found, "the page has no Content-Security-Policy"
    return found[1]


def test_without_the_setting_the_policy_allows_the_site_alone() -> None:
    assert policy(Allowed()) == THEMES


def test_each_list_adds_to_its_own_directive_once() -> None:
    allowed = Allowed(
        scripts=(COUNTER, COUNTER),
        styles=("https://fonts.example.net",),
        images=("https://img.example.com",),
        connect=(COUNTER,),
    )
    assert policy(allowed) == (
        f"default-src 'none'; script-src 'self' {COUNTER}; "
        "style-src 'self' https://fonts.example.net; "
        "img-src 'self' data: https://img.example.com; "
        f"connect-src 'self' {COUNTER}; form-action 'none'; base-uri 'none'"
    )


def _warnings(tmp_path: Path, html: str, allowed: Allowed) -> list[str]:
    layout = tmp_path / "base.html"
    layout.write_text(html, encoding="utf-8")
    out = Diagnostics()
    warn_blocked([layout], allowed, out)
    return [d.format(relative_to=tmp_path) for d in out.items]


def test_what_an_allowed_origin_serves_is_not_warned_of(tmp_path: Path) -> None:
    html = (
        f'<script src="{COUNTER}/count.js" defer></script>\n'
        f"<link rel='stylesheet' href='{COUNTER}/a.css'>\n"
        '<link rel="preconnect" href="https://cdn.example.com">\n'
        '<script src="{{ extra.counter }}"></script>\n'
        '<a href="https://example.org/impressum">Impressum</a>\n'
        '{# <img src="https://img.example.com/a.png"> #}\n'
    )
    allowed = Allowed(scripts=(COUNTER,), styles=(COUNTER,))
    assert _warnings(tmp_path, html, allowed) == []
    assert _warnings(tmp_path, html, Allowed(scripts=(COUNTER,))) == [
        f"base.html:2:30: warning: <link> from {COUNTER}: the pages' Content-Security-Policy "
        f"blocks it, so it would not load; add '{COUNTER}' to styles under "
        "[tool.sincerely.allow] in pyproject.toml"
    ]


def test_an_icon_or_a_source_loads_as_an_image(tmp_path: Path) -> None:
    html = (
        '<link rel="icon" href="https://img.example.com/i.png">\n'
        '<picture><source srcset="https://img.example.com/a.webp 2x"></picture>\n'
    )
    found = _warnings(tmp_path, html, Allowed(scripts=("https://img.example.com",)))
    assert [line.split(": warning: ")[0] for line in found] == ["base.html:1:24", "base.html:2:26"]
    assert all("to images under [tool.sincerely.allow]" in line for line in found)


def test_the_theme_itself_loads_nothing_the_policy_blocks() -> None:
    for allowed in (Allowed(), Allowed(scripts=(COUNTER,))):
        out = Diagnostics()
        warn_blocked(sorted(bundled_theme_dir().rglob("*.html")), allowed, out)
        assert out.items == ()


def test_every_page_allows_the_origins_and_an_edit_rebuilds_as_fresh(
    scenario_project: Project, tmp_path: Path
) -> None:
    scenario_project.add_scenario("second")
    scenario_project.build()
    assert {_csp(p.read_text()) for p in scenario_project.site.rglob("*.html")} == {THEMES}
    scenario_project.write(
        "pyproject.toml",
        f'[tool.sincerely.allow]\nscripts = ["{COUNTER}"]\nconnect = ["{COUNTER}"]\n',
    )
    scenario_project.build()
    pages = sorted(scenario_project.site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        csp = _csp(page.read_text(encoding="utf-8"))
        assert f"script-src 'self' {COUNTER};" in csp and f"connect-src 'self' {COUNTER};" in csp
    fresh = tmp_path / "fresh"
    scenario_project.build(fresh)
    assert tree(scenario_project.site) == tree(fresh)


COUNTER_JS = "document.body.dataset.counted = 'yes';\n"
HEAD = """{% extends "theme/base.html" %}
{% block head %}
{{ super() }}
<script src="ORIGIN/count.js" defer></script>
{% endblock %}
"""


def test_a_counter_runs_in_chromium_only_once_its_origin_is_allowed(
    scenario_project: Project, tmp_path: Path, browser: Browser
) -> None:
    counter = tmp_path / "counter"
    counter.mkdir()
    (counter / "count.js").write_text(COUNTER_JS, encoding="utf-8")
    with serve(counter) as counter_url:
        origin = counter_url.rstrip("/")
        scenario_project.write("layouts/base.html", HEAD.replace("ORIGIN", origin))
        built = scenario_project.build()
        assert [d.format(relative_to=scenario_project.root) for d in built.warnings] == [
            f"layouts/base.html:4:14: warning: <script> from {origin}: the pages' "
            "Content-Security-Policy blocks it, so it would not load; add "
            f"'{origin}' to scripts under [tool.sincerely.allow] in pyproject.toml"
        ]
        with serve(scenario_project.site) as site_url, watched_page(browser, site_url) as watched:
            watched.page.goto(site_url + "letters/close-second.html")
            watched.page.wait_for_load_state("load")
            assert watched.page.evaluate("document.body.dataset.counted") is None
            assert watched.csp_violations() == [f"script-src-elem {origin}/count.js"]

        scenario_project.write(
            "pyproject.toml", f'[tool.sincerely.allow]\nscripts = ["{origin}"]\n'
        )
        assert scenario_project.build().warnings == ()
        with serve(scenario_project.site) as site_url, watched_page(browser, site_url) as watched:
            watched.page.goto(site_url + "letters/close-second.html")
            watched.page.wait_for_function("document.body.dataset.counted === 'yes'")
            assert watched.csp_violations() == []
            assert watched.errors == []
            assert watched.foreign_requests == [f"{origin}/count.js"]


def test_a_policy_written_out_in_a_layout_is_named_when_origins_are_allowed(
    tmp_path: Path,
) -> None:
    html = f'<head>\n<meta http-equiv="Content-Security-Policy" content="{THEMES}">\n'
    assert _warnings(tmp_path, html, Allowed()) == []
    assert _warnings(tmp_path, html, Allowed(images=(COUNTER,))) == [
        "base.html:2:1: warning: this layout writes its own Content-Security-Policy, so the "
        "origins of [tool.sincerely.allow] do not reach its pages; write "
        'content="{{ look.csp }}" instead'
    ]
    given = '<meta http-equiv="Content-Security-Policy" content="{{ look.csp }}">\n'
    assert _warnings(tmp_path, given, Allowed(images=(COUNTER,))) == []
    # A page that loads nothing by design (the theme's redirect.html) is left alone.
    nothing = '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
    assert _warnings(tmp_path, nothing, Allowed(images=(COUNTER,))) == []
