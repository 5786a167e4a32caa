"""TOML's syntax errors, as advice at the slip's line and column."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sincerely.model.tomlerrors import toml_error

PYPROJECT = Path("pyproject.toml")


def _message(text: str) -> str:
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(text)
    (diagnostic,) = toml_error(str(caught.value), PYPROJECT, text).diagnostics
    return diagnostic.format()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[tool.sincerely]\ntitle = "Nachfassen\n',
            "2:9: error: pyproject.toml is not valid TOML: a string is not closed: add the "
            "closing quote (\") at the end of the text (TOML: Illegal character '\\n')",
        ),
        (
            '[tool.sincerely]\ntitle = "Nachfassen',
            "2:9: error: pyproject.toml is not valid TOML: a string is not closed",
        ),
        ("[tool.sincerely]\ntitle = 'Nachfassen", "add the closing quote (')"),
        (
            '[tool.sincerely]\nextra_css = ["a.css"\ntitle = "x"\n',
            "2:13: error: pyproject.toml is not valid TOML: a list is not closed: add ']'",
        ),
        (
            '[tool.sincerely]\nextra_css = [\n  "a.css",  # [\n  "b.css"\n',
            "2:13: error: pyproject.toml is not valid TOML: a list is not closed: add ']'",
        ),
        ("[tool.sincerely\n", "1:16: error: pyproject.toml is not valid TOML: a table's name"),
        (
            '[tool.sincerely]\ntitle "x"\n',
            "2:7: error: pyproject.toml is not valid TOML: a setting is written 'name = value'",
        ),
        (
            '[tool.sincerely]\ntitle = "a"\ntitle = "b"\n',
            "3:12: error: pyproject.toml is not valid TOML: this setting is given twice",
        ),
        ('[tool.sincerely]\ntitle = "a" b\n', "a line holds one setting"),
        ('[tool.sincerely]\ntitle = "C:\\Users"\n', "write \\\\ for a backslash"),
        (
            "[tool.sincerely]\ntitle = Nachfassen\n",
            "2:9: error: pyproject.toml is not valid TOML: a value is text in straight quotes",
        ),
        ("[tool.sincerely]\ntitle =\n", "the setting has no value"),
        ("[tool.sincerely]\n= 1\n", "2:1: error: pyproject.toml is not valid TOML: a line is a"),
        ("[tool.sincerely]\nx = False\n", "true and false are written in lower case"),
        ("[tool.sincerely]\ntitle = „Briefe“\n", "quotes must be straight"),
    ],
)
def test_a_slip_gets_advice_at_its_place(text: str, message: str) -> None:
    found = _message(text)
    assert found.startswith("pyproject.toml:")
    assert message in found
    assert "(TOML: " in found  # tomllib's own words are kept, for those who know them


def test_an_error_of_no_known_kind_keeps_tomlllibs_words() -> None:
    found = _message('[tool.sincerely]\nx = "a\x01"\n')
    assert "check the line against TOML's syntax (TOML: " in found
