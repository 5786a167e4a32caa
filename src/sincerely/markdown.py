"""Markdown for contributed prose: CommonMark with no raw HTML and only safe links."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})


def is_safe_link(url: str) -> bool:
    """http, https, mailto, or a relative link: nothing that runs or embeds."""
    # Browsers ignore control characters and whitespace inside a scheme
    # ("java\tscript:"), so judge the URL the way a browser would read it.
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", url)
    match = _SCHEME.match(cleaned)
    return match is None or match[1].lower() in ALLOWED_SCHEMES


class _SafeMarkdown(MarkdownIt):
    def validateLink(self, url: str) -> bool:  # noqa: N802 - markdown-it-py's name
        return is_safe_link(url)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = _SafeMarkdown("commonmark", {"html": False, "linkify": False, "typographer": False})
    # Images would load from wherever the contributor pointed; pages load only their own
    # assets, so an image in a note is shown as its text.
    md.disable("image")
    return md


def render_markdown(text: str) -> Markup:
    """HTML for Markdown ``text``; safe to insert, since raw HTML is never passed through."""
    return Markup(_parser().render(text))


def render_inline(text: str) -> Markup:
    """HTML for one line of Markdown, without a surrounding paragraph."""
    return Markup(_parser().renderInline(text))
