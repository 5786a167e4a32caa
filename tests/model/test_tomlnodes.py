"""The settings table as located nodes: each setting at its own line, a sub-table at its
header, a TOML slip an error at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sincerely.common.errors import BuildError
from sincerely.format.nodes import MappingNode, ScalarNode, SequenceNode
from sincerely.model.tomlnodes import settings_table

PYPROJECT = """\
[project]
name = "gallery"

[tool.sincerely]
title = "Nachfassen"
"language" = "de"
extra_css = ["a.css", "b.css"]

[tool.sincerely.extra]
telefon = "030 1234"
"""


def _lines(table: MappingNode) -> dict[str, int]:
    return {name: value.line for name, (_, value) in table.entries.items()}


def test_each_setting_stands_at_its_line_and_a_table_at_its_header(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(PYPROJECT, encoding="utf-8")
    table = settings_table(pyproject)
    assert _lines(table) == {"title": 5, "language": 6, "extra_css": 7, "extra": 9}
    css = table.entries["extra_css"][1]
    assert isinstance(css, SequenceNode)
    assert [i.value for i in css.items if isinstance(i, ScalarNode)] == ["a.css", "b.css"]
    extra = table.entries["extra"][1]
    assert isinstance(extra, MappingNode) and extra.entries["telefon"][1].line == 10


def test_a_file_without_settings_is_an_empty_table(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert settings_table(pyproject).entries == {}


def test_a_toml_slip_is_an_error_at_its_line(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.sincerely]\ntitle = "Nachfassen\n', encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        settings_table(pyproject)
    [problem] = raised.value.diagnostics
    assert problem.location.line == 2 and "not closed" in problem.message


def test_settings_that_are_not_a_table_are_refused(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('tool = { sincerely = "yes" }\n', encoding="utf-8")
    with pytest.raises(BuildError, match="must be a table of settings"):
        settings_table(pyproject)


def test_each_entry_of_a_table_stands_at_its_own_line(tmp_path: Path) -> None:
    # So that a wrong origin of [tool.sincerely.allow] is pointed at where it is written,
    # not at the table's header; an inline table's entries are on its one line.
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[tool.sincerely]\ntitle = "x"\nredirects = { "a.html" = "b.md" }\n\n'
        "[tool.sincerely.allow]\n# a counter\nscripts = ['https://stats.example.org']\n"
        "connect = []\n",
        encoding="utf-8",
    )
    table = settings_table(pyproject)
    allow = table.entries["allow"][1]
    assert isinstance(allow, MappingNode)
    assert {k: (key.line, value.line) for k, (key, value) in allow.entries.items()} == {
        "scripts": (7, 7),
        "connect": (8, 8),
    }
    redirects = table.entries["redirects"][1]
    assert isinstance(redirects, MappingNode)
    key, _ = redirects.entries["a.html"]
    assert (key.line, key.column) == (3, 15)
