"""The sites beyond the gallery that its pages may load from: [tool.sincerely.allow].

The pages' Content-Security-Policy allows only the site's own files; an owner who wants a
privacy-friendly counter, say, names its origin here, and the policy (theming/csp.py)
allows that origin and no other. Each is an origin, checked as one: https://, a host and
perhaps a port, with no path and no wildcard, so that what is allowed is exactly what was
meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..common.errors import Diagnostics
from ..format.nodes import Node, ScalarNode
from ..format.records import key
from ..format.values import ListOf, Text

# http:// only for this machine, where an owner tries a counter out before publishing
# it; a published page is https, and a browser blocks http:// from it anyway.
_LOOPBACK = r"http://(?:localhost|127\.0\.0\.1|\[::1\])"
_HOST = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
ORIGIN_PATTERN = rf"(?:https://{_HOST}|{_LOOPBACK})(?::[0-9]{{1,5}})?"
_EXAMPLE = "https://stats.example.org"


def origin_of(url: str) -> str:
    """The origin of an address (scheme, host and port, as CSP names it), in lower case;
    '' if it has none."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    if not parts.scheme or not parts.hostname:
        return ""
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme.lower()}://{host.lower()}" + (f":{port}" if port else "")


def origin_problem(value: str) -> str:
    """What is wrong with ``value`` as an origin to allow, and how to write it; '' if
    nothing is."""
    if re.fullmatch(ORIGIN_PATTERN, value):
        return ""
    if "*" in value:
        return (
            "must name one origin, without a wildcard: a wildcard would let every site it "
            "matches into the pages' policy; list each origin you mean"
        )
    origin = origin_of(value)
    if origin.startswith("http://"):
        return (
            f"must be an https:// origin: a page served over https cannot load from "
            f"http:// (only this machine's, http://localhost or http://127.0.0.1, may be); "
            f"write '{origin.replace('http://', 'https://', 1)}'"
        )
    if origin and re.fullmatch(ORIGIN_PATTERN, origin):
        if origin == value.lower():
            return f"must be in lower case, as browsers compare it; write '{origin}'"
        return f"must be an origin alone, without a path; write '{origin}'"
    return (
        f"must be an origin like '{_EXAMPLE}': https://, a host and perhaps a :port, "
        "nothing after it"
    )


@dataclass(frozen=True)
class Origin(Text):
    """An origin to allow in the pages' Content-Security-Policy."""

    def check(self, node: Node, name: str, out: Diagnostics) -> None:
        value = node.value if isinstance(node, ScalarNode) and node.kind == "text" else None
        if isinstance(value, str) and value.strip() and (problem := origin_problem(value)):
            out.error(f"{name} {problem} (got '{value}')", node.location)
            return
        super().check(node, name, out)


ORIGINS = ListOf(
    Origin(
        pattern=ORIGIN_PATTERN,
        pattern_help=f"an origin like '{_EXAMPLE}'",
        example=_EXAMPLE,
    )
)


@dataclass(frozen=True, kw_only=True, slots=True)
class Allowed:
    """Origins beyond the site that the pages may load from, each added to their
    Content-Security-Policy: https://, a host and perhaps a :port, like
    'https://stats.example.org'."""

    scripts: tuple[str, ...] = key(
        ORIGINS,
        "Where scripts may come from (script-src), like a privacy-friendly counter's.",
    )
    styles: tuple[str, ...] = key(ORIGINS, "Where stylesheets may come from (style-src).")
    images: tuple[str, ...] = key(ORIGINS, "Where images may come from (img-src).")
    connect: tuple[str, ...] = key(
        ORIGINS,
        "Where the pages' scripts may send or fetch data (connect-src), as a counter's "
        "script sends its count.",
    )
