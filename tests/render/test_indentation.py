"""A page without the layouts' indentation, but where whitespace is the text itself."""

from __future__ import annotations

from sincerely.render.indentation import strip_indentation


def test_the_indentation_before_tags_goes() -> None:
    html = "<main>\n    <h1>Title</h1>\n\t<p>Words\n  go on</p>\n</main>\n"
    assert strip_indentation(html) == "<main>\n<h1>Title</h1>\n<p>Words\n  go on</p>\n</main>\n"


def test_pre_and_textarea_keep_every_space() -> None:
    html = "<pre>\n  <b>kept</b>\n</pre>\n  <p>x</p>\n<TEXTAREA>\n   <i>too</i></TEXTAREA>"
    assert strip_indentation(html) == (
        "<pre>\n  <b>kept</b>\n</pre>\n<p>x</p>\n<TEXTAREA>\n   <i>too</i></TEXTAREA>"
    )
