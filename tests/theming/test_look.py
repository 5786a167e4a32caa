"""The owner's look from the settings alone: logo, favicon, accent, footer, their own CSS
and JavaScript, values of their own, and a layout that changes one block of the theme's."""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, expect

from sincerely.cli.scaffold import init_gallery
from sincerely.theming.look import (
    DARK_BACKGROUNDS,
    LIGHT_BACKGROUNDS,
    contrast,
    image_size,
    readable,
)

from ..conftest import Project
from ..helpers.browser import serve, watched_page

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
    '<rect width="120" height="40" fill="#135"/></svg>\n'
)
SETTINGS = """
logo = "assets/logo.svg"
favicon = "assets/icon.svg"
accent = "#1a7f37"
footer = "Run by the *Acme* careers team. [Contact us](mailto:team@example.org)."
extra_css = ["assets/brand.css"]
extra_js = ["assets/hello.js"]

[tool.sincerely.extra]
phone = "0113 496 0000"
"""
# A layout of the owner's that extends the theme's base and changes one block.
BASE_OVERRIDE = """{% extends "theme/base.html" %}
{% block footer %}
<p class="call-us">Call {{ extra.phone }}</p>
{{ super() }}
{% endblock %}
"""


@pytest.fixture
def owned(project: Project) -> Project:
    init_gallery(project.root)
    pyproject = project.root / "pyproject.toml"
    table, _, _rest = pyproject.read_text(encoding="utf-8").partition("\n# Where")
    pyproject.write_text(table + SETTINGS, encoding="utf-8")
    project.write("assets/logo.svg", LOGO)
    project.write("assets/icon.svg", LOGO)
    project.write("assets/brand.css", ".site-header { border-bottom: 4px solid #1a7f37; }\n")
    project.write("assets/hello.js", 'document.body.setAttribute("data-hello", "yes");\n')
    project.write("layouts/base.html", BASE_OVERRIDE)
    return project


@pytest.fixture
def owned_url(owned: Project) -> Iterator[str]:
    result = owned.build(strict=True)
    assert result.warnings == ()
    with serve(owned.site) as url:
        yield url


def test_the_owners_look_without_copying_a_theme_file(browser: Browser, owned_url: str) -> None:
    with watched_page(browser, owned_url) as watched:
        page = watched.page
        page.goto(owned_url + "examples/thank-you.html")
        logo = page.locator(".site-title img.logo")
        expect(logo).to_be_visible()
        assert (logo.get_attribute("width"), logo.get_attribute("height")) == ("120", "40")
        icon = page.locator('link[rel="icon"]')
        expect(icon).to_have_attribute("href", "../static/own/assets/icon.svg")
        expect(page.locator(".lead-in").first).to_be_visible()
        expect(page.locator("main a").first).to_have_css("color", "rgb(26, 127, 55)")
        expect(page.locator(".site-header")).to_have_css("border-bottom-width", "4px")
        expect(page.locator("body")).to_have_attribute("data-hello", "yes")
        footer = page.locator(".site-footer")
        expect(footer.locator(".call-us")).to_have_text("Call 0113 496 0000")
        expect(footer.locator(".own-footer em")).to_have_text("Acme")
        expect(footer).to_contain_text("Nothing you type on these pages leaves your browser")
        watched.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_owners_look_passes_axe(browser: Browser, owned_url: str, scheme: str) -> None:
    with watched_page(browser, owned_url, color_scheme=scheme) as watched:
        page = watched.page
        for path in ("index.html", "examples/thank-you.html"):
            page.goto(owned_url + path)
            results = Axe().run(page)
            assert results.violations_count == 0, results.generate_report()


def test_a_pale_accent_is_a_warning_with_a_readable_colour(owned: Project) -> None:
    pyproject = owned.root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace('accent = "#1a7f37"', 'accent = "#ffcc00"'),
        encoding="utf-8",
    )
    done = owned.cli("check")
    line = next(
        n for n, text in enumerate(pyproject.read_text().splitlines(), 1) if "accent" in text
    )
    suggestion = readable("#ffcc00", LIGHT_BACKGROUNDS, "#000000")
    assert done.stderr.splitlines()[0] == (
        f"pyproject.toml:{line}:1: warning: 'accent' #ffcc00 has a contrast of 1.4:1 on the "
        "pages' light backgrounds, under the 4.5:1 that text needs (WCAG AA); try "
        f"{suggestion}"
    )
    assert all(contrast(suggestion, bg) >= 4.5 for bg in LIGHT_BACKGROUNDS)


def test_the_dark_shade_of_an_accent_is_readable_on_dark_backgrounds(owned: Project) -> None:
    owned.build()
    css = (owned.site / "static/site.css").read_text(encoding="utf-8")
    assert ":root{--link:#1a7f37;--accent:#1a7f37}" in css
    dark = css.split("prefers-color-scheme:dark){:root{--link:")[-1][:7]
    assert dark != "#1a7f37" and all(contrast(dark, bg) >= 4.5 for bg in DARK_BACKGROUNDS)


def test_a_missing_file_is_a_located_error(owned: Project) -> None:
    (owned.root / "assets/brand.css").unlink()
    done = owned.cli("check")
    assert done.returncode == 1
    line = next(
        n
        for n, text in enumerate((owned.root / "pyproject.toml").read_text().splitlines(), 1)
        if text.startswith("extra_css")
    )
    assert done.stderr.splitlines()[0] == (
        f"pyproject.toml:{line}:1: error: 'extra_css': there is no file 'assets/brand.css' in "
        "the project; give its path from the folder that holds pyproject.toml"
    )


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('logo = "../logo.svg"', "'logo' must be a path inside the project"),
        ('logo = "assets/logo.bmp"', "'logo' must be a .svg, .png, .jpg, .jpeg, .webp, .gif file"),
        ('accent = "green"', "'accent' must be a colour like '#0b5cad' (got 'green')"),
        ('extra = "x"', "'extra' must be a table (got text 'x')"),
    ],
)
def test_settings_of_the_look_are_checked(project: Project, setting: str, message: str) -> None:
    project.write("pyproject.toml", f"[tool.sincerely]\n{setting}\n")
    project.add_scenario()
    done = project.cli("check")
    assert done.returncode == 1
    assert f"pyproject.toml:2:1: error: {message}" in done.stderr


def test_inline_code_in_an_own_layout_is_a_located_warning(owned: Project) -> None:
    owned.write(
        "layouts/page.html",
        '{% extends "base.html" %}{# style="ok in a comment" #}\n'
        '{% block main %}<p style="color: red">Hi</p>\n<script>alert(1)</script>'
        '<button onclick="go()">Go</button>'
        '<script type="application/json">{}</script>{% endblock %}\n',
    )
    done = owned.cli("check")
    lines = [line for line in done.stderr.splitlines() if "layouts/page.html" in line]
    assert lines == [
        "layouts/page.html:2:20: warning: an inline style: the pages' Content-Security-Policy "
        "blocks it, so it would do nothing; use a class, styled in extra_css instead",
        "layouts/page.html:3:1: warning: an inline script: the pages' Content-Security-Policy "
        "blocks it, so it would do nothing; use extra_js instead",
        "layouts/page.html:3:34: warning: an event handler attribute: the pages' "
        "Content-Security-Policy blocks it, so it would do nothing; use a script in extra_js "
        "instead",
    ]


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress((b"\x00" + b"\x00\x00\x00" * width) * height)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)


@pytest.mark.parametrize(
    ("name", "data", "size"),
    [
        ("a.png", _png(300, 80), (300, 80)),
        ("a.gif", b"GIF89a" + struct.pack("<HH", 64, 32) + b"\x00" * 8, (64, 32)),
        ("a.svg", b'<svg width="90px" height="30" xmlns="http://www.w3.org/2000/svg"/>', (90, 30)),
        ("b.svg", LOGO.encode(), (120, 40)),
        ("c.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", None),
    ],
)
def test_a_logos_size_is_read_from_its_file(
    tmp_path: Path, name: str, data: bytes, size: tuple[int, int] | None
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert image_size(path) == size


def _icon_links(project: Project) -> list[str]:
    head = (project.site / "letters/close-second.html").read_text(encoding="utf-8")
    return re.findall(r'<link rel="(?:icon|apple-touch-icon)"[^>]*>', head.split("</head>")[0])


def test_the_themes_icon_comes_with_a_png_for_phones(scenario_project: Project) -> None:
    scenario_project.build()
    assert _icon_links(scenario_project) == [
        '<link rel="icon" href="../static/favicon.png" type="image/png" sizes="180x180">',
        '<link rel="icon" href="../static/favicon.svg" type="image/svg+xml">',
        '<link rel="apple-touch-icon" href="../static/favicon.png" sizes="180x180">',
    ]
    assert image_size(scenario_project.site / "static/favicon.png") == (180, 180)


@pytest.mark.parametrize(
    ("settings", "files", "links"),
    [
        # An SVG of the owner's alone: no PNG can be made of it, and the theme's is not theirs.
        (
            'favicon = "icon.svg"',
            {"icon.svg": LOGO.encode()},
            ['<link rel="icon" href="../static/own/icon.svg" type="image/svg+xml">'],
        ),
        (
            'favicon = "icon.svg"\napple_touch_icon = "touch.png"',
            {"icon.svg": LOGO.encode(), "touch.png": _png(192, 192)},
            [
                '<link rel="icon" href="../static/own/touch.png" type="image/png" sizes="192x192">',
                '<link rel="icon" href="../static/own/icon.svg" type="image/svg+xml">',
                '<link rel="apple-touch-icon" href="../static/own/touch.png" sizes="192x192">',
            ],
        ),
        # A PNG favicon big enough serves phones too; a small one only tabs.
        (
            'favicon = "icon.png"',
            {"icon.png": _png(180, 180)},
            [
                '<link rel="icon" href="../static/own/icon.png" type="image/png">',
                '<link rel="apple-touch-icon" href="../static/own/icon.png">',
            ],
        ),
        (
            'favicon = "icon.png"',
            {"icon.png": _png(32, 32)},
            ['<link rel="icon" href="../static/own/icon.png" type="image/png">'],
        ),
    ],
)
def test_the_icon_links_follow_the_owners_files(
    scenario_project: Project, settings: str, files: dict[str, bytes], links: list[str]
) -> None:
    scenario_project.write("pyproject.toml", f"[tool.sincerely]\n{settings}\n")
    for name, data in files.items():
        scenario_project.write(name, data)
    result = scenario_project.build(strict=True)
    assert result.warnings == ()
    assert _icon_links(scenario_project) == links
    for name, data in files.items():
        assert (scenario_project.site / "static/own" / name).read_bytes() == data


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (_png(120, 120), "is 120 by 120 pixels; a home-screen icon is square, at least 180 by 180"),
        (_png(300, 180), "is 300 by 180 pixels; a home-screen icon is square, at least 180 by 180"),
        (LOGO.encode(), "is not a PNG image (its first bytes are not a PNG's); save it as PNG"),
    ],
)
def test_a_touch_icon_that_phones_would_blur_is_a_located_warning(
    scenario_project: Project, data: bytes, problem: str
) -> None:
    scenario_project.write("pyproject.toml", '[tool.sincerely]\napple_touch_icon = "t.png"\n')
    scenario_project.write("t.png", data)
    done = scenario_project.cli("check")
    assert done.returncode == 0
    assert done.stderr.splitlines()[0].startswith(
        f"pyproject.toml:2:1: warning: 'apple_touch_icon': t.png {problem}"
    )
