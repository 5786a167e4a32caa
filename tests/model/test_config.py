"""[tool.sincerely]: every key optional, every mistake named and located."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sincerely.common.errors import BuildError
from sincerely.model.config import load_config

from ..conftest import TESTS, Project

SETTINGS_CASES = sorted((TESTS / "cases" / "settings").glob("*.toml"))
EXPECT = re.compile(r"^# expect: (.*)$", re.MULTILINE)


def _error(project: Project) -> str:
    with pytest.raises(BuildError) as caught:
        load_config(project.root)
    (diagnostic,) = caught.value.diagnostics
    return diagnostic.format(project.root)


def test_defaults_without_pyproject(project: Project) -> None:
    config = load_config(project.root)
    assert config.language == "en"
    assert config.content_dir == project.root / "content"
    assert config.output_dir == project.root / "site"
    assert config.base_url == ""


def test_settings_are_read_and_normalised(project: Project) -> None:
    project.write(
        "pyproject.toml",
        '[tool.sincerely]\ntitle = "Mine"\nbase_url = "https://example.org/letters"\n'
        'repo_url = "https://example.org/repo/"\noutput_dir = "public"\n',
    )
    config = load_config(project.root)
    assert config.title == "Mine"
    assert config.base_url == "https://example.org/letters/"
    assert config.repo_url == "https://example.org/repo"
    assert config.output_dir == project.root / "public"


def test_an_unknown_setting_is_named_with_a_suggestion(project: Project) -> None:
    project.write("pyproject.toml", '[project]\nname = "x"\n\n[tool.sincerely]\ntitel = "Mine"\n')
    assert _error(project) == (
        "pyproject.toml:5:1: error: unknown key 'titel' in [tool.sincerely] (did you mean 'title'?)"
    )


def test_a_wrong_type_is_named(project: Project) -> None:
    project.write("pyproject.toml", "[tool.sincerely]\nlanguage = 3\n")
    assert _error(project) == (
        "pyproject.toml:2:1: error: 'language' must be text (got 3, which TOML reads as a "
        "number); put it in quotes"
    )


def test_a_relative_base_url_is_refused(project: Project) -> None:
    project.write("pyproject.toml", '[tool.sincerely]\nbase_url = "/letters/"\n')
    assert "must be an absolute http:// or https:// address" in _error(project)


def test_invalid_toml_is_located(project: Project) -> None:
    project.write("pyproject.toml", '[tool.sincerely]\ntitle = "unterminated\n')
    assert _error(project).startswith("pyproject.toml:2:")


def test_all_mistakes_are_reported_together(project: Project) -> None:
    project.write("pyproject.toml", '[tool.sincerely]\ncolour = "red"\ntitle = 1\n')
    with pytest.raises(BuildError) as caught:
        load_config(project.root)
    assert len(caught.value.diagnostics) == 2


@pytest.mark.parametrize("case", SETTINGS_CASES, ids=[c.stem for c in SETTINGS_CASES])
def test_broken_settings_give_exactly_their_expected_messages(
    scenario_project: Project, case: Path
) -> None:
    text = case.read_text(encoding="utf-8")
    expected = EXPECT.findall(text)
    assert expected, f"{case.name} has no '# expect:' line"
    scenario_project.write("pyproject.toml", text)
    actual = [
        d.format(relative_to=scenario_project.root).removeprefix("pyproject.toml:").lstrip()
        for d in scenario_project.diagnostics()
    ]
    assert actual == expected
