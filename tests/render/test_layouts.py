"""The layouts' reference, written from the code: every kind of page with what it is
given and the blocks its file fills, and every object a layout reads, each attribute
said (docs/theming.md carries a copy: tests/theming/test_theme.py)."""

from __future__ import annotations

import dataclasses
import re

from sincerely.render.kinds import KINDS
from sincerely.render.layouts import OBJECTS, layouts_reference
from sincerely.render.reference import EVERY_PAGE, FILTERS
from sincerely.theming.theme import bundled_theme_dir

REFERENCE = layouts_reference()
ROW = re.compile(r"^\| `([^`]+)` \| (.*) \|$", re.MULTILINE)


def _section(start: str) -> str:
    """The reference from ``start`` to the next heading or kind of page."""
    text = REFERENCE[REFERENCE.index(start) + len(start) :]
    return re.split(r"\n(?:#### |`[^`]+`: )", text, maxsplit=1)[0]


def test_every_page_kind_is_there_with_the_blocks_its_file_fills() -> None:
    for template, kind in KINDS.items():
        section = _section(f"`{template}`: {kind.what}\n")
        assert [name for name, _ in ROW.findall(section)] == list(kind.values), template
        if template.endswith(".html"):
            source = (bundled_theme_dir() / template).read_text(encoding="utf-8")
            blocks = re.findall(r"{%-?\s*block\s+(\w+)", source)
            filled = ", ".join(f"`{b}`" for b in blocks) or "none"
            assert f"Blocks it fills: {filled}." in section, template


def test_what_every_page_is_given_and_the_filters_are_listed() -> None:
    every = dict(ROW.findall(_section("#### What every page is given\n")))
    assert list(every) == list(EVERY_PAGE)
    assert list(dict(ROW.findall(_section("#### Filters and functions\n")))) == list(FILTERS)


def test_the_blocks_a_layout_of_ones_own_can_fill_are_base_htmls() -> None:
    source = (bundled_theme_dir() / "base.html").read_text(encoding="utf-8")
    blocks = ", ".join(f"`{b}`" for b in re.findall(r"{%-?\s*block\s+(\w+)", source))
    assert f"extend the theme's and fill only these: {blocks}." in REFERENCE


def test_every_field_of_every_object_a_layout_reads_is_said() -> None:
    for model in OBJECTS:
        section = _section(f"`{model.__name__}`: ")
        rows = dict(ROW.findall(section))
        public = [f.name for f in dataclasses.fields(model) if not f.name.startswith("_")]
        assert set(public) - {"config"} <= set(rows), model.__name__
        assert "identity" not in rows  # the memo's, not a layout's
        unsaid = [name for name, what in rows.items() if not what.strip()]
        assert unsaid == [], f"{model.__name__}: say what {unsaid} are"
