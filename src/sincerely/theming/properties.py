"""The theme's CSS custom properties, read from its stylesheets: what an owner's
extra_css may set to recolour the site, light and dark.

The stylesheets are the one source: each property set on ``:root`` carries a comment
saying what it colours, and its dark value is the one set in the
``@media (prefers-color-scheme: dark)`` block. docs/theming.md carries the table this
module makes (a test keeps it current), so the guide cannot promise a property the theme
dropped, or leave out one it added.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .theme import bundled_theme_dir

_DARK = re.compile(r"@media\s*\(\s*prefers-color-scheme\s*:\s*dark\s*\)\s*\{")
_ROOT = re.compile(r"(?<![\w:-]):root\s*\{([^}]*)\}")
_PROPERTY = re.compile(r"(--[a-z][a-z0-9-]*)\s*:\s*([^;]+);")
_DOCUMENTED = re.compile(r"(--[a-z][a-z0-9-]*)\s*:\s*([^;]+);\s*\}?\s*/\*\s*(.*?)\s*\*/", re.S)


@dataclass(frozen=True)
class CustomProperty:
    name: str
    light: str
    dark: str  # the same as light where dark mode does not change it
    what: str


def _block_after(css: str, start: int) -> str:
    """The text of the ``{...}`` block whose opening brace is just before ``start``."""
    depth, at = 1, start
    while depth and at < len(css):
        depth += {"{": 1, "}": -1}.get(css[at], 0)
        at += 1
    return css[start : at - 1]


def _stylesheets(theme: Path) -> Iterator[Path]:
    yield from sorted((theme / "static").glob("*.css"))


def defined_at_root(theme: Path | None = None) -> set[str]:
    """Every custom property a theme stylesheet sets on :root, in any block."""
    theme = theme or bundled_theme_dir()
    found: set[str] = set()
    for sheet in _stylesheets(theme):
        for block in _ROOT.finditer(sheet.read_text(encoding="utf-8")):
            found.update(name for name, _ in _PROPERTY.findall(block[1]))
    return found


def custom_properties(theme: Path | None = None) -> list[CustomProperty]:
    """Each documented property, in the order the stylesheets set it."""
    theme = theme or bundled_theme_dir()
    at_root = defined_at_root(theme)
    result: dict[str, CustomProperty] = {}
    for sheet in _stylesheets(theme):
        css = sheet.read_text(encoding="utf-8")
        dark: dict[str, str] = {}
        for media in _DARK.finditer(css):
            for block in _ROOT.finditer(_block_after(css, media.end())):
                dark.update((n, v.strip()) for n, v in _PROPERTY.findall(block[1]))
        for name, value, what in _DOCUMENTED.findall(css):
            if name in at_root and name not in result:
                light = value.strip()
                result[name] = CustomProperty(name, light, dark.get(name, light), what)
    return list(result.values())


def properties_table(theme: Path | None = None) -> str:
    """The table docs/theming.md carries, as Markdown."""
    lines = ["| property | light | dark | what it is |", "| --- | --- | --- | --- |"]
    for p in custom_properties(theme):
        what = " ".join(p.what.split())
        lines.append(f"| `{p.name}` | `{p.light}` | `{p.dark}` | {what} |")
    return "\n".join(lines) + "\n"
