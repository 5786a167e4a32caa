"""The pages' Content-Security-Policy, made in one place, and what in a layout it blocks.

The policy allows the site's own files and nothing inline; [tool.sincerely.allow] adds
the origins an owner names (model/allowed.py), each to its own directive. What the
policy would block, a browser blocks with only a console error, so one scan of the
owner's layouts warns, at the line, of each such thing: inline style or script, and a
script, stylesheet or image from an origin the settings do not allow, saying which
setting would allow it.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..common.errors import Diagnostics, Location
from ..model.allowed import ORIGIN_PATTERN, Allowed, origin_of

# Each list of [tool.sincerely.allow], and the directive of the policy it adds to.
DIRECTIVES = {
    "scripts": "script-src",
    "styles": "style-src",
    "images": "img-src",
    "connect": "connect-src",
}
# What each directive allows of the site's own: its files (and, for images, data:
# addresses, which the theme's stylesheet uses for its icons).
_OWN = {"img-src": "'self' data:"}


def policy(allowed: Allowed) -> str:
    """The Content-Security-Policy of every page: default-src 'none', the site's own
    files, the origins ``allowed``, no forms sent and no <base>."""
    parts = ["default-src 'none'"]
    for setting, directive in DIRECTIVES.items():
        origins = dict.fromkeys(getattr(allowed, setting))
        parts.append(" ".join((directive, _OWN.get(directive, "'self'"), *origins)))
    return "; ".join([*parts, "form-action 'none'", "base-uri 'none'"])


# What the pages' Content-Security-Policy blocks in a layout, and what to do instead.
_INLINE = (
    (re.compile(r"\sstyle\s*=", re.I), "an inline style", "a class, styled in extra_css"),
    (re.compile(r"<style\b", re.I), "a <style> element", "a stylesheet in extra_css"),
    # A script with a src is a file of the site; one of JSON is data, never run.
    (
        re.compile(
            r"<script\b(?![^>]*\b(?:src\s*=|type\s*=\s*[\"']?application/(?:ld\+)?json))", re.I
        ),
        "an inline script",
        "extra_js",
    ),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an event handler attribute", "a script in extra_js"),
    (re.compile(r"javascript:", re.I), "a javascript: address", "a script in extra_js"),
)

# An address of another site, written out in a layout (one made by an expression,
# {{ ... }}, cannot be known before the page is made).
_EXTERNAL = r"(?:https?:)?//[^\s\"'<>]+"
_TAG = re.compile(r"<(script|link|img|source)\b[^>]*>", re.I)
_ATTRIBUTE = re.compile(rf"\b(src|href|srcset)\s*=\s*[\"']?\s*({_EXTERNAL})", re.I)
_REL = re.compile(r"\brel\s*=\s*[\"']?([^\"'>]*)", re.I)


def _setting(tag: str, text: str) -> str | None:
    """Which list of [tool.sincerely.allow] a tag's address loads under, if any."""
    if tag in ("img", "source"):
        return "images"
    if tag == "script":
        return "scripts"
    rel = found[1].lower().split() if (found := _REL.search(text)) else []
    if "stylesheet" in rel:
        return "styles"
    return "images" if any("icon" in r for r in rel) else None


def _blocked(path: Path, text: str, code: str, allowed: Allowed, out: Diagnostics) -> None:
    for tag in _TAG.finditer(code):
        setting = _setting(tag[1].lower(), tag[0])
        if setting is None:
            continue
        for attribute in _ATTRIBUTE.finditer(tag[0]):
            address = attribute[2]
            origin = origin_of("https:" + address if address.startswith("//") else address)
            if not origin or origin in getattr(allowed, setting):
                continue
            fix = f"add '{origin}' to {setting}"
            if not re.fullmatch(ORIGIN_PATTERN, origin):  # http:// from elsewhere
                secure = origin_of("https" + origin[4:])
                fix = f"load it over https:// and add '{secure}' to {setting}"
            out.warning(
                f"<{tag[1].lower()}> from {origin}: the pages' Content-Security-Policy "
                f"blocks it, so it would not load; {fix} under [tool.sincerely.allow] in "
                "pyproject.toml",
                Location.at_offset(path, text, tag.start() + attribute.start(2)),
            )


# A policy written out in a layout (a base.html copied before `look.csp` was given):
# the settings' origins never reach the pages it makes.
_WRITTEN = re.compile(
    r"<meta\b[^>]*http-equiv\s*=\s*[\"']?Content-Security-Policy[^>]*\bcontent\s*=\s*"
    r"(?![\"']?[^\"'>]*\{\{)(?:(?P<q>[\"'])(?P<policy>[^>]*?)(?P=q))?",
    re.I,
)


def _allows_nothing(policy: str) -> bool:
    """Whether every directive of a policy is 'none': a page that loads nothing by design
    (redirect.html), which no allowed origin is meant for."""
    sources = [part.split()[1:] for part in policy.split(";") if part.strip()]
    return bool(sources) and all(s == ["'none'"] for s in sources)


def _written_policy(path: Path, text: str, code: str, allowed: Allowed, out: Diagnostics) -> None:
    if not any(getattr(allowed, setting) for setting in DIRECTIVES):
        return
    for found in _WRITTEN.finditer(code):
        if _allows_nothing(found["policy"] or ""):
            continue
        out.warning(
            "this layout writes its own Content-Security-Policy, so the origins of "
            "[tool.sincerely.allow] do not reach its pages; write "
            'content="{{ look.csp }}" instead',
            Location.at_offset(path, text, found.start()),
        )


def warn_blocked(layouts: list[Path], allowed: Allowed, out: Diagnostics) -> None:
    """A warning at each thing in the project's own layouts (``layouts``: their files)
    that the pages' Content-Security-Policy would block, with only a console error:
    inline style and script, and what loads from an origin not ``allowed``."""
    for path in layouts:
        text = path.read_text(encoding="utf-8", errors="replace")
        # Jinja comments say what they like; blanked, so that positions stay true.
        code = re.sub(r"\{#.*?#\}", lambda m: re.sub(r"[^\n]", " ", m[0]), text, flags=re.S)
        for pattern, what, instead in _INLINE:
            for found in pattern.finditer(code):
                out.warning(
                    f"{what}: the pages' Content-Security-Policy blocks it, so it would do "
                    f"nothing; use {instead} instead",
                    Location.at_offset(path, text, found.start() + (found[0][0].isspace())),
                )
        _blocked(path, text, code, allowed, out)
        _written_policy(path, text, code, allowed, out)
