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


# Text that CommonMark can only read as plain paragraphs: letters, digits and quiet
# punctuation, no line starting as a list, heading, quote or code block, and no hard
# breaks. Most notes are such text; rendering them directly skips the parser, a third of
# a letter page's time. tests/test_markdown.py checks, on random text, that the result is
# byte for byte what markdown-it-py gives.
_PLAIN_CHARS = re.compile(r"[A-Za-z0-9 ,.;:'?()\u2019\u2018\u201c\u201d\u2014\u2013\n]*")
_NOT_A_PARAGRAPH_LINE = re.compile(r"^(?: {4}|\s*[0-9]| +$)|[ \t]$", re.MULTILINE)


def _plain_paragraphs(text: str) -> str | None:
    if not _PLAIN_CHARS.fullmatch(text) or _NOT_A_PARAGRAPH_LINE.search(text):
        return None
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    html = []
    for paragraph in paragraphs:
        lines = [line.strip() for line in paragraph.strip("\n").split("\n")]
        html.append("<p>" + "\n".join(lines) + "</p>\n")
    return "".join(html)


def render_markdown(text: str) -> Markup:
    """HTML for Markdown ``text``; safe to insert, since raw HTML is never passed through."""
    plain = _plain_paragraphs(text)
    return Markup(plain if plain is not None else _parser().render(text, {}))


def render_inline(text: str) -> Markup:
    """HTML for one line of Markdown, without a surrounding paragraph."""
    return Markup(_parser().renderInline(text))
