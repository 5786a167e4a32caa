"""Markdown for contributed prose: CommonMark with no raw HTML and only safe links."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup, escape

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


# A heading's id must be unique on its page, which holds several Markdown texts and the
# layout's own ids: so a heading gets a placeholder id (its slug and a serial number, between
# NUL characters, which no content can hold), and unique_ids() settles every placeholder
# once the whole page is rendered.
_serials = itertools.count()
_PLACEHOLDER = re.compile("\x00([^\x00]*)\x00(\\d+)\x00")
_ID = re.compile(r'\sid="([^"\x00]*)"')


def _heading_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    anchor = f"\x00{slugify(tokens[idx + 1].content)}\x00{next(_serials)}\x00"
    tokens[idx].attrSet("id", anchor)
    env["anchor"] = anchor
    return self.renderToken(tokens, idx, options, env)


def _heading_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # The label is in the page's language: the renderer hands it over (render_markdown).
    label = escape(env.get("permalink_label", PERMALINK_LABEL))
    link = PERMALINK.format(anchor=env.get("anchor", ""), label=label)
    return link + self.renderToken(tokens, idx, options, env)


PERMALINK = ' <a class="permalink" href="#{anchor}" aria-label="{label}">#</a>'
PERMALINK_LABEL = "Link to this section"  # the theme's words, which its catalogs translate


def unique_ids(html: str) -> str:
    """The page with each heading's placeholder id made unique among all its ids (the
    second 'Sources' on a page becomes 'sources-2'), and its permalink to match."""
    if "\x00" not in html:
        return html
    used = set(_ID.findall(html))
    chosen: dict[str, str] = {}

    def settle(match: re.Match[str]) -> str:
        serial = match[2]
        if serial not in chosen:
            anchor, n = match[1], 1
            while anchor in used:
                n += 1
                anchor = f"{match[1]}-{n}"
            used.add(anchor)
            chosen[serial] = anchor
        return chosen[serial]

    return _PLACEHOLDER.sub(settle, html)


def _image(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # Images would load from wherever the contributor pointed, and pages load only their
    # own assets: an image is shown as its alt text (the loader warns where one is).
    alt = self.renderInlineAsText(tokens[idx].children or [], options, env)
    return str(escape(alt))


IMAGE_WARNING = (
    "an image in Markdown: pages show no images (they load nothing from elsewhere), so "
    "only its alt text '{alt}' appears; say it in words instead"
)


def images(text: str) -> list[tuple[int, str]]:
    """Every image in Markdown ``text``, in order: where its '![' stands, and its alt text
    (for the warnings; markdown-it keeps no inline offsets, so the k-th image is taken to
    start at the k-th '![')."""
    if "![" not in text:  # the common case needs no parse
        return []
    alts = [
        child.content
        for token in _parser().parse(text)
        for child in token.children or []
        if child.type == "image"
    ]
    starts = [match.start() for match in re.finditer(r"!\[", text)]
    return list(zip(starts, alts, strict=False))


# How a page writes each link of its Markdown (render/renderer.py): a link names a
# source or a path of the site, which a page at any depth must write its own way.
Links = Callable[[str], str]


def _link_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    written = tokens[idx].attrGet("href")
    if isinstance(written, str) and env.get("links") is not None:
        tokens[idx].attrSet("href", env["links"](written))
    return self.renderToken(tokens, idx, options, env)


def links_in(text: str) -> list[str]:
    """Every link's address in Markdown ``text``, in order, as the page would have it
    before it is written for the page (images aside: pages show none)."""
    if "[" not in text and "<" not in text:  # no link, no autolink: no parse
        return []
    found: list[str] = []
    for token in _parser().parse(text):
        for child in token.children or []:
            href = child.attrGet("href") if child.type == "link_open" else None
            if isinstance(href, str):
                found.append(href)
    return found


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = _SafeMarkdown("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.add_render_rule("image", _image)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("heading_open", _heading_open)
    md.add_render_rule("heading_close", _heading_close)
    return md


# Text that CommonMark can only read as plain paragraphs: letters, digits and quiet
# punctuation, no line starting as a list, heading, quote or code block, and no hard
# breaks. Most notes are such text; rendering them directly skips the parser, a third of
# a letter page's time. tests/common/test_markdown.py checks, on random text, that the result is
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


def render_markdown(
    text: str, permalink_label: str = PERMALINK_LABEL, links: Links | None = None
) -> Markup:
    """HTML for Markdown ``text``; safe to insert, since raw HTML is never passed through.
    Each heading's permalink is labelled ``permalink_label`` (the page's words for it);
    with ``links``, each link's address is written as it says."""
    plain = _plain_paragraphs(text)  # no '[' and no '<': no link
    if plain is not None:
        return Markup(plain)
    env = {"permalink_label": permalink_label, "links": links}
    return Markup(_parser().render(text, env))


# A note as a Word comment shows it, when it is plain text: the quiet characters above,
# or any beyond ASCII but a space other than the no-break ones (CommonMark gives meaning
# to ASCII punctuation alone); no line of spaces alone, which would end a paragraph here
# and not for the parser. tests/common/test_markdown.py holds it to the parser's result.
_PLAIN_WORDS = re.compile(r"(?:[A-Za-z0-9 ,.;:'?()\n\u00a0\u202f]|[^\x00-\x7f\s])*")
_SPACES_ALONE = re.compile(r"^[^\S\n]+$", re.MULTILINE)


def plain_paragraphs(text: str) -> list[str]:
    """Markdown ``text`` as plain paragraphs, each one line (a Word comment's
    paragraphs): the words a reader sees, without the markup, line breaks as spaces."""
    if (
        _PLAIN_WORDS.fullmatch(text)
        and not _NOT_A_PARAGRAPH_LINE.search(text)
        and not _SPACES_ALONE.search(text)
    ):
        return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    return _parsed_paragraphs(text)


def _parsed_paragraphs(text: str) -> list[str]:
    paragraphs = []
    for token in _parser().parse(text):
        if token.type == "inline":
            words = "".join(
                child.content if child.type in ("text", "code_inline") else " "
                for child in token.children or []
                if child.type in ("text", "code_inline", "softbreak", "hardbreak")
            )
            paragraphs.append(" ".join(words.split()))
    return paragraphs


def render_inline(text: str, links: Links | None = None) -> Markup:
    """HTML for one line of Markdown, without a surrounding paragraph."""
    return Markup(_parser().renderInline(text, {"links": links}))
