"""The theme's custom properties, as the theming guide lists them, and its example
stylesheet, which must keep links readable in light and dark mode (issue #28, 10)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser

from sincerely.theming.properties import custom_properties, defined_at_root, properties_table

from ..conftest import REPO, Project
from ..helpers.browser import serve, watched_page

GUIDE = REPO / "docs/theming.md"


def _between(text: str, name: str) -> str:
    start = text.index(f"<!-- {name}:start -->\n") + len(f"<!-- {name}:start -->\n")
    return text[start : text.index(f"<!-- {name}:end -->")]


def test_the_guide_lists_every_property_the_theme_sets_at_root() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    table = _between(guide, "custom-properties")
    assert table == properties_table(), (
        "docs/theming.md's custom properties are stale: paste properties_table()"
    )
    listed = set(re.findall(r"^\| `(--[a-z-]+)`", table, re.MULTILINE))
    assert listed == defined_at_root()
    assert {"--text", "--bg", "--link", "--accent"} <= listed


def test_each_property_has_its_dark_value_and_its_comment(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "static/a.css").write_text(
        ":root {\n  --ink: #111; /* the ink */\n  --undocumented: 1px;\n}\n"
        "@media (max-width: 30rem) { :root { --ink: #222; } }\n"
        "@media (prefers-color-scheme: dark) {\n  :root { --ink: #eee; }\n}\n"
        ":root:has(.x) { --not-root: 1; }\n"
    )
    (found,) = custom_properties(tmp_path)
    assert (found.name, found.light, found.dark, found.what) == ("--ink", "#111", "#eee", "the ink")
    # Set at :root but said nothing of: the guide's test above fails on it.
    assert defined_at_root(tmp_path) == {"--ink", "--undocumented"}


def _brand_css() -> str:
    guide = GUIDE.read_text(encoding="utf-8")
    (css,) = re.findall(r"```css\n(/\* assets/brand\.css.*?)```", guide, re.S)
    return css


def _contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    def luminance(rgb: tuple[float, ...]) -> float:
        c = [x / 255 for x in rgb[:3]]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rgb(css_colour: str) -> tuple[float, ...]:
    return tuple(float(n) for n in re.findall(r"[\d.]+", css_colour)[:3])


COLOURS = """() => {
  const link = document.querySelector('main a[href]');
  return {
    link: getComputedStyle(link).color,
    background: getComputedStyle(document.body).backgroundColor,
  };
}"""


def test_the_guides_example_keeps_links_readable_light_and_dark(
    browser: Browser, project: Project
) -> None:
    css = _brand_css()
    project.write("assets/brand.css", css)
    project.write("pyproject.toml", '[tool.sincerely]\nextra_css = ["assets/brand.css"]\n')
    project.add_scenario()
    project.build(strict=True)
    light_link, dark_link = re.findall(r"--link: (#[0-9a-f]{6});", css)
    with serve(project.root / "site") as url:
        for scheme, wanted in (("light", light_link), ("dark", dark_link)):
            with watched_page(browser, url, color_scheme=scheme) as watched:
                watched.page.goto(url + "letters/index.html")
                found = watched.page.evaluate(COLOURS)
                # The example's own colour, not the theme's: the stylesheet applies.
                expected = tuple(float(int(wanted[i : i + 2], 16)) for i in (1, 3, 5))
                assert _rgb(found["link"]) == expected, (scheme, found)
                ratio = _contrast(_rgb(found["link"]), _rgb(found["background"]))
                assert ratio >= 4.5, (scheme, found, ratio)
                watched.assert_clean()


def test_a_colour_set_without_its_dark_value_is_what_the_guide_warns_of(
    browser: Browser, project: Project
) -> None:
    """The guide's warning, measured: the light green alone, in dark mode, is not AA."""
    project.write("assets/brand.css", ":root { --link: #1a7f37; }\n")
    project.write("pyproject.toml", '[tool.sincerely]\nextra_css = ["assets/brand.css"]\n')
    project.add_scenario()
    project.build()
    site = project.root / "site"
    with serve(site) as url, watched_page(browser, url, color_scheme="dark") as watched:
        watched.page.goto(url + "letters/index.html")
        found = watched.page.evaluate(COLOURS)
        assert _contrast(_rgb(found["link"]), _rgb(found["background"])) < 4.5
