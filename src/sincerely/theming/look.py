"""The owner's look, from the settings: logo, favicon, accent colour, their own CSS and
JavaScript, a footer. None of it needs a copy of a theme file, so a gallery that only
changes these gets every later fix of the theme.

The files are published under static/own/ at their paths in the project; the accent is
written into the site's stylesheet, never into a page (the pages' Content-Security-Policy
allows no inline style), with a shade for dark mode worked out to stay readable.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..common import urls
from ..common.errors import Diagnostics
from ..common.intake import refusal
from ..common.urls import SiteWide
from ..model.config import Config, setting_location
from .csp import policy

# The theme's backgrounds (site.css's --bg and --panel), light and dark: an accent is
# text on them, so it must reach WCAG AA's 4.5:1 against each.
LIGHT_BACKGROUNDS = ("#ffffff", "#f6f8fa")
DARK_BACKGROUNDS = ("#0d1117", "#161b22")
AA = 4.5


@dataclass(frozen=True)
class Image:
    path: str  # the site's path
    width: int | None
    height: int | None


@dataclass(frozen=True)
class Look:
    logo: Image | None
    favicon: str  # the site's path
    favicon_type: str
    stylesheets: tuple[str, ...]
    scripts: tuple[str, ...]
    footer: str  # Markdown, its links from the site's root (SiteWide)
    # The pages' Content-Security-Policy: of keywords and checked origins only, which
    # have nothing to escape, so the page says 'self' rather than &#39;self&#39;.
    csp: Markup


_ICON_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}


def own_files(config: Config) -> dict[str, Path]:
    """The project's files that the site publishes, by their paths in the site."""
    s = config.settings
    names = [n for n in (s.logo, s.favicon, *s.extra_css, *s.extra_js) if n]
    return {urls.own(name): config.root / name for name in names}


def look_of(config: Config) -> Look:
    s = config.settings
    logo = None
    if s.logo:
        width, height = image_size(config.root / s.logo) or (None, None)
        logo = Image(urls.own(s.logo), width, height)
    favicon = urls.own(s.favicon) if s.favicon else urls.static("favicon.svg")
    return Look(
        logo=logo,
        favicon=favicon,
        favicon_type=_ICON_TYPES[Path(favicon).suffix.lower()],
        stylesheets=tuple(urls.own(n) for n in s.extra_css),
        scripts=tuple(urls.own(n) for n in s.extra_js),
        footer=SiteWide(s.footer),
        csp=Markup(policy(s.allow)),
    )


# ---- the accent colour ----


def _channels(colour: str) -> tuple[float, float, float]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    r, g, b = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return r, g, b


def _luminance(colour: str) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG's contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _mix(colour: str, towards: str, share: float) -> str:
    mixed = (
        round(255 * (c + (t - c) * share))
        for c, t in zip(_channels(colour), _channels(towards), strict=True)
    )
    return "#" + "".join(f"{c:02x}" for c in mixed)


def readable(colour: str, backgrounds: tuple[str, ...], towards: str) -> str:
    """``colour``, mixed towards ``towards`` (black or white) no more than it takes to be
    readable on every one of ``backgrounds``."""
    for step in range(21):
        candidate = _mix(colour, towards, step / 20)
        if all(contrast(candidate, bg) >= AA for bg in backgrounds):
            return candidate
    return towards


def accent_css(config: Config) -> str:
    """The custom properties that give the site the owner's accent, for site.css."""
    s = config.settings
    if not s.accent:
        return ""
    dark = s.accent_dark or readable(s.accent, DARK_BACKGROUNDS, "#ffffff")
    light_rule = f":root{{--link:{s.accent};--accent:{s.accent}}}"
    dark_rule = f"@media (prefers-color-scheme:dark){{:root{{--link:{dark};--accent:{dark}}}}}"
    return f"\n/* The accent of [tool.sincerely] */\n{light_rule}{dark_rule}\n"


def check_look(config: Config, out: Diagnostics) -> None:
    """Each file the settings name must be there; an accent must be readable."""
    s = config.settings
    named = [("logo", s.logo), ("favicon", s.favicon)]
    named += [("extra_css", n) for n in s.extra_css] + [("extra_js", n) for n in s.extra_js]
    for setting, name in named:
        if name and (refused := refusal(config.root / name)):
            out.error(f"'{setting}': {name} {refused}", setting_location(config, setting))
        elif name and not (config.root / name).is_file():
            out.error(
                f"'{setting}': there is no file '{name}' in the project; give its path "
                "from the folder that holds pyproject.toml",
                setting_location(config, setting),
            )
    for setting, colour, backgrounds, towards, mode in (
        ("accent", s.accent, LIGHT_BACKGROUNDS, "#000000", "light"),
        ("accent_dark", s.accent_dark, DARK_BACKGROUNDS, "#ffffff", "dark"),
    ):
        if colour and (worst := min(contrast(colour, bg) for bg in backgrounds)) < AA:
            out.warning(
                f"'{setting}' {colour} has a contrast of {worst:.1f}:1 on the pages' "
                f"{mode} backgrounds, under the 4.5:1 that text needs (WCAG AA); try "
                f"{readable(colour, backgrounds, towards)}",
                setting_location(config, setting),
            )


# ---- a logo's size, so that the header does not move when it loads ----


def image_size(path: Path) -> tuple[int, int] | None:
    """The width and height of a PNG, GIF, JPEG, WebP or SVG file, if it says them."""
    try:
        data = path.read_bytes()[:65536]
    except OSError:
        return None
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data[:6] in (b"GIF87a", b"GIF89a"):
        width, height = struct.unpack("<HH", data[6:10])
        return width, height
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_size(data)
    if path.suffix.lower() == ".svg":
        return _svg_size(data.decode("utf-8", "replace"))
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 9 < len(data) and data[at] == 0xFF:
        marker, length = data[at + 1], struct.unpack(">H", data[at + 2 : at + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3):  # start of frame: height, then width
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        return width, int.from_bytes(data[27:30], "little") + 1
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    return None


def _svg_size(text: str) -> tuple[int, int] | None:
    tag = re.search(r"<svg\b[^>]*>", text)
    if tag is None:
        return None
    attrs = dict(re.findall(r'([\w:-]+)\s*=\s*["\']([^"\']*)["\']', tag[0]))
    number = r"\s*(\d+(?:\.\d+)?)(?:px)?\s*"
    width, height = (re.fullmatch(number, attrs.get(a, "")) for a in ("width", "height"))
    if width and height:
        return round(float(width[1])), round(float(height[1]))
    box = attrs.get("viewBox", "").replace(",", " ").split()
    try:
        return (round(float(box[2])), round(float(box[3]))) if len(box) == 4 else None
    except ValueError:
        return None
