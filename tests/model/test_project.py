"""Finding the project a command is about, as git does: the nearest folder at or above
the one given that has sincerely's settings or a content/ folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from sincerely.common.errors import BuildError
from sincerely.model.project import find_project, is_project


def test_a_folder_with_settings_or_content_is_a_project(tmp_path: Path) -> None:
    settings, content, neither = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for folder in (settings, content, neither):
        folder.mkdir()
    (settings / "pyproject.toml").write_text('[tool.sincerely]\ntitle = "Letters"\n')
    (content / "content").mkdir()
    (neither / "pyproject.toml").write_text('[project]\nname = "other"\n')
    assert is_project(settings) and is_project(content)
    assert not is_project(neither)


def test_a_broken_pyproject_that_names_the_settings_is_still_the_project(tmp_path: Path) -> None:
    # Loading the settings then says what is wrong, at its line.
    (tmp_path / "pyproject.toml").write_text('[tool.sincerely]\ntitle = "unclosed\n')
    assert is_project(tmp_path)


def test_the_nearest_project_above_is_found_from_anywhere_inside_it(tmp_path: Path) -> None:
    outer, inner = tmp_path / "outer", tmp_path / "outer/gallery"
    deep = inner / "content/letters"
    deep.mkdir(parents=True)
    (outer / "content").mkdir()
    assert find_project(deep) == inner.resolve()  # not content/letters/content, not outer
    assert find_project(inner) == inner.resolve()


def test_outside_any_project_the_error_says_how_to_start_one(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match=r"not inside a sincerely project: .*'sincerely init'"):
        find_project(tmp_path)
    with pytest.raises(BuildError, match="no such folder"):
        find_project(tmp_path / "missing")
