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
class Icon:
    """One of the page's icon links: <link rel="{rel}" href="{path}" ...>."""

    rel: str  # 'icon' or 'apple-touch-icon'
    path: str  # the site's path
    type: str  # its media type, for rel="icon" ('' for none)
    sizes: str = ""  # '180x180', where known


@dataclass(frozen=True)
class Look:
    logo: Image | None
    favicon: str  # the site's path
    favicon_type: str
    icons: tuple[Icon, ...]  # every icon link, the favicon's among them
    image: str  # the site's path of the picture shown where a page is shared, or ''
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
    named = (s.logo, s.favicon, s.apple_touch_icon, s.image, *s.extra_css, *s.extra_js)
    names = [n for n in named if n]
    return {urls.own(name): config.root / name for name in names}


def look_of(config: Config) -> Look:
    s = config.settings
    logo = None
    if s.logo:
        width, height = image_size(config.root / s.logo) or (None, None)
        logo = Image(urls.own(s.logo), width, height)
    favicon = urls.own(s.favicon) if s.favicon else urls.static("favicon.svg")
    favicon_type = _ICON_TYPES[Path(favicon).suffix.lower()]
    return Look(
        logo=logo,
        favicon=favicon,
        favicon_type=favicon_type,
        icons=_icons(config, favicon, favicon_type),
        image=urls.own(s.image) if s.image else "",
        stylesheets=tuple(urls.own(n) for n in s.extra_css),
        scripts=tuple(urls.own(n) for n in s.extra_js),
        footer=SiteWide(s.footer),
        csp=Markup(policy(s.allow)),
    )


# Apple's size for a home-screen icon; a smaller one is scaled up, blurred.
TOUCH_SIZE = 180


def _icons(config: Config, favicon: str, favicon_type: str) -> tuple[Icon, ...]:
    """The favicon, and a PNG for what shows no SVG: a phone's home screen (which asks
    for apple-touch-icon), older browsers. No image library draws an SVG as a PNG here,
    so the PNG is the owner's apple_touch_icon, or their favicon if it is a PNG big
    enough; the theme's own icon comes with a PNG of itself."""
    s = config.settings
    png = ""
    if s.apple_touch_icon:
        png = urls.own(s.apple_touch_icon)
    elif s.favicon and favicon_type == "image/png":
        size = image_size(config.root / s.favicon)
        png = favicon if size and min(size) >= TOUCH_SIZE and size[0] == size[1] else ""
    elif not s.favicon:
        png = urls.static("favicon.png")
    if not png:
        return (Icon("icon", favicon, favicon_type),)
    size = image_size(config.root / s.apple_touch_icon) if s.apple_touch_icon else (180, 180)
    sizes = f"{size[0]}x{size[1]}" if size else ""
    if png == favicon:
        return (Icon("icon", favicon, favicon_type), Icon("apple-touch-icon", png, ""))
    # The PNG first: a browser that shows SVG takes the last icon it can show.
    return (
        Icon("icon", png, "image/png", sizes),
        Icon("icon", favicon, favicon_type),
        Icon("apple-touch-icon", png, "", sizes),
    )


def touch_icon_problem(path: Path) -> str | None:
    """Why a PNG makes a poor home-screen icon, read from its header; None if it is fine."""
    try:
        head = path.read_bytes()[:24]
    except OSError:
        return None  # check_look says what is wrong with the file
    if not head.startswith(b"\x89PNG\r\n\x1a\n") or len(head) < 24:
        return "is not a PNG image (its first bytes are not a PNG's); save it as PNG"
    width, height = struct.unpack(">II", head[16:24])
    if width != height or width < TOUCH_SIZE:
        return (
            f"is {width} by {height} pixels; a home-screen icon is square, at least "
            f"{TOUCH_SIZE} by {TOUCH_SIZE}, or phones scale it up blurred"
        )
    return None


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
    named = [("logo", s.logo), ("favicon", s.favicon), ("image", s.image)]
    named += [("apple_touch_icon", s.apple_touch_icon)]
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
        elif (
            name
            and setting == "apple_touch_icon"
            and (problem := touch_icon_problem(config.root / name))
        ):
            out.warning(f"'{setting}': {name} {problem}", setting_location(config, setting))
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
