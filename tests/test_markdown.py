"""Contributed Markdown: no raw HTML, no images, only safe links."""

from __future__ import annotations

import pytest

from sincerely.markdown import is_safe_link, render_markdown


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
