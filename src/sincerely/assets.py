"""Compacting the theme's stylesheets and scripts as they are written into the site.

The theme's CSS and JavaScript are kept readable, with comments that say why; a reader
downloads them without the comments and indentation, which is most of a page's weight
budget. The transformation only removes whole comment lines and leading white space, so
it cannot change what the code does: lines inside a multi-line template literal (between
backticks) are left exactly as they are.
"""

from __future__ import annotations

import re

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def compact_css(text: str) -> str:
    lines = (line.strip() for line in _CSS_COMMENT.sub("", text).splitlines())
    return "".join(f"{line}\n" for line in lines if line)


def compact_js(text: str) -> str:
    kept: list[str] = []
    in_template = False
    for line in text.splitlines():
        if in_template:
            kept.append(line)
        else:
            stripped = line.strip()
            if stripped and not stripped.startswith("//"):
                kept.append(stripped)
        # An odd number of backticks opens or closes a template literal across lines.
        if line.replace("\\`", "").count("`") % 2:
            in_template = not in_template
    return "".join(f"{line}\n" for line in kept)


def compact(site_path: str, data: bytes) -> bytes:
    """The asset as it is published: compacted if it is CSS or JavaScript."""
    if site_path.endswith(".css"):
        return compact_css(data.decode("utf-8")).encode("utf-8")
    if site_path.endswith(".js"):
        return compact_js(data.decode("utf-8")).encode("utf-8")
    return data
