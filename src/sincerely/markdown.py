"""Markdown for contributed prose: CommonMark with no raw HTML and only safe links."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
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


def slugify(text: str) -> str:
    """An anchor id for a heading: lowercase words joined by hyphens."""
    return "-".join(re.findall(r"[^\W_]+", text.lower())) or "section"


def _heading_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # Each heading gets an id, unique within the text, for permalinks and the table of
    # fragments that the link checker verifies.
    used: set[str] = env.setdefault("ids", set())
    base = slugify(tokens[idx + 1].content)
    anchor, n = base, 1
    while anchor in used:
        n += 1
        anchor = f"{base}-{n}"
    used.add(anchor)
    tokens[idx].attrSet("id", anchor)
    env["anchor"] = anchor
    return self.renderToken(tokens, idx, options, env)


def _heading_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    link = PERMALINK.format(anchor=env.get("anchor", ""))
    return link + self.renderToken(tokens, idx, options, env)


PERMALINK = ' <a class="permalink" href="#{anchor}" aria-label="Link to this section">#</a>'


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = _SafeMarkdown("commonmark", {"html": False, "linkify": False, "typographer": False})
    # Images would load from wherever the contributor pointed; pages load only their own
    # assets, so an image in a note is shown as its text.
    md.disable("image")
    md.add_render_rule("heading_open", _heading_open)
    md.add_render_rule("heading_close", _heading_close)
    return md


def render_markdown(text: str) -> Markup:
    """HTML for Markdown ``text``; safe to insert, since raw HTML is never passed through."""
    return Markup(_parser().render(text, {}))


def render_inline(text: str) -> Markup:
    """HTML for one line of Markdown, without a surrounding paragraph."""
    return Markup(_parser().renderInline(text))
