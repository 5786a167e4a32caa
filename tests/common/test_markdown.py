"""Contributed Markdown: no raw HTML, no images, only safe links."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sincerely.common.markdown import (
    _parsed_paragraphs,
    _parser,
    _plain_paragraphs,
    is_safe_link,
    links_in,
    plain_paragraphs,
    render_inline,
    render_markdown,
)


@pytest.mark.parametrize(
    "url",
    ["https://example.org", "http://x.y/z", "mailto:a@b.c", "other.html", "#part", "../a.html"],
)
def test_safe_links(url: str) -> None:
    assert is_safe_link(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "file:///etc/passwd",
    ],
)
def test_unsafe_links(url: str) -> None:
    assert not is_safe_link(url)


def test_raw_html_is_shown_as_text() -> None:
    html = render_markdown("Hi <script>alert(1)</script> <b onclick=x>b</b>")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b" not in html


def test_a_javascript_link_is_not_a_link() -> None:
    html = render_markdown("[click](javascript:alert(1)) and [ok](https://example.org)")
    assert 'href="javascript' not in html
    assert '<a href="https://example.org">ok</a>' in html


def test_images_are_not_loaded() -> None:
    assert "<img" not in render_markdown("![tracker](https://evil.example/p.gif)")


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet="abc XYZ019,.;:'?()\u2019\u201c\u2014\u2013", min_size=1, max_size=30),
            st.sampled_from(
                [
                    "\n",
                    "\n\n",
                    "\n   ",
                    "\n    ",
                    "  \n",
                    "1. ",
                    "- ",
                    "\n2) ",
                    " ",
                    "\n \n",
                    "(",
                    "\u201cx\u201d",
                    "\u2019",
                ]
            ),
        ),
        max_size=12,
    ).map("".join)
)
def test_the_plain_text_shortcut_is_what_markdown_it_gives(text: str) -> None:
    plain = _plain_paragraphs(text)
    if plain is not None:
        assert plain == _parser().render(text, {})


def test_the_shortcut_takes_ordinary_notes_and_leaves_markdown_alone() -> None:
    assert _plain_paragraphs("Thank them (briefly).\nThen stop.\n\nAnother one.\n") == (
        "<p>Thank them (briefly).\nThen stop.</p>\n<p>Another one.</p>\n"
    )
    for markdown in ("Some *emphasis*.", "- a list", "1. first", "[a](b)", "line  \nbreak"):
        assert _plain_paragraphs(markdown) is None


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet="abé XYZ019,.;:'?()«»\u00a0\u202f\u2019\u2014*_-", max_size=30),
            st.sampled_from(
                ["\n", "\n\n", "\n   ", "\n    ", "  \n", "\n\u00a0\n", "1. ", "- ", "# ", "\t"]
            ),
        ),
        max_size=12,
    ).map("".join)
)
def test_a_notes_paragraphs_for_word_are_what_markdown_it_gives(text: str) -> None:
    assert plain_paragraphs(text) == _parsed_paragraphs(text)


def test_a_french_note_without_markup_is_its_paragraphs() -> None:
    note = "Le vouvoiement\u00a0: une lettre «\u00a0formelle\u00a0».\nBrève.\n\nAutre."
    assert plain_paragraphs(note) == ["Le vouvoiement : une lettre « formelle ». Brève.", "Autre."]
    assert plain_paragraphs("Some *emphasis*\n\n- a list") == ["Some emphasis", "a list"]


def test_an_image_is_shown_as_its_alt_text_not_as_a_link() -> None:
    html = render_markdown("Like ![a short <card>](card.png) this.")
    assert html == "<p>Like a short &lt;card&gt; this.</p>\n"


def test_the_links_of_markdown_are_found_in_order_images_aside() -> None:
    text = "See [a](a.md), ![pic](p.png), <https://example.org> and [b][ref].\n\n[ref]: b.yaml"
    assert links_in(text) == ["a.md", "https://example.org", "b.yaml"]
    assert links_in("No link here (none).") == []


def test_a_page_writes_each_link_its_own_way_and_only_links() -> None:
    def links(written: str) -> str:
        return "../" + written.replace(".md", ".html")

    html = render_markdown("[Impressum](impressum.md) and `[x](y.md)`", links=links)
    assert html == ('<p><a href="../impressum.html">Impressum</a> and <code>[x](y.md)</code></p>\n')
    assert render_inline("[a](a.md)", links) == '<a href="../a.html">a</a>'
    assert render_markdown("[a](a.md)") == '<p><a href="a.md">a</a></p>\n'  # as written


def test_a_headings_permalink_is_labelled_in_the_words_given() -> None:
    html = render_markdown("## Wer wir sind\n\nWir.", "Link zu diesem Abschnitt")
    assert 'aria-label="Link zu diesem Abschnitt"' in html
    assert "Link to this section" not in html
    assert 'aria-label="Link to this section"' in render_markdown("## Who we are")
