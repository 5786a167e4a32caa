"""What each command does and says on the way: problems where each reader of them looks
(a person on standard error, GitHub's runner on standard output), paths as the user
would type them, and a line that says what was done."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sincerely import __version__
from sincerely.cli import commands
from sincerely.cli.main import main
from sincerely.common.errors import Diagnostic, Location, Severity

from ..conftest import Project


def _said(
    where: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str
) -> tuple[int, str, str]:
    monkeypatch.chdir(where)
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_path_is_shown_from_where_the_user_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert commands.shown(tmp_path / "site" / "index.html") == "site/index.html"
    assert commands.shown(Path("/elsewhere/site")) == "/elsewhere/site"


def test_problems_go_to_standard_error_and_annotations_to_standard_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    problem = Diagnostic(Severity.ERROR, "bad", Location(tmp_path / "a.yaml", 2, 3))
    commands.report([problem])
    assert capsys.readouterr() == ("", "a.yaml:2:3: error: bad\n")
    commands.report([problem], "github")
    out, err = capsys.readouterr()
    assert err == "" and out.startswith("::error file=a.yaml,line=2,col=3")


def test_a_build_says_what_it_wrote_and_a_second_that_nothing_changed(
    scenario_project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, _ = _said(scenario_project.root, capsys, monkeypatch, "build", "-j", "1")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == f"sincerely {__version__}: building ."
    assert (
        lines[1].startswith("1 pack, 1 scenario, 0 pages; ") and " written to site in " in lines[1]
    )
    assert lines[-1] == "build succeeded, 0 warnings."
    status, out, _ = _said(scenario_project.root, capsys, monkeypatch, "build", "-j", "1")
    assert "nothing changed; site is up to date" in out


def test_quiet_and_json_say_nothing_but_what_was_asked(
    scenario_project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _said(scenario_project.root, capsys, monkeypatch, "check", "-q")[1:] == ("", "")
    status, out, _ = _said(scenario_project.root, capsys, monkeypatch, "check", "--format", "json")
    assert status == 0 and json.loads(out)["ok"] is True


def test_clean_says_what_it_removed_or_that_there_was_nothing(
    scenario_project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario_project.build()
    _, out, _ = _said(scenario_project.root, capsys, monkeypatch, "clean")
    assert "removed site/" in out.splitlines()
    assert not scenario_project.site.exists()
    _, out, _ = _said(scenario_project.root, capsys, monkeypatch, "clean")
    assert out == "nothing to remove: no build output here\n"


def test_theme_copy_needs_files_or_all(
    scenario_project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, _, err = _said(scenario_project.root, capsys, monkeypatch, "theme", "copy")
    assert status == 1
    assert "name the files to copy (see 'sincerely theme list'), or give --all" in err


def test_schema_prints_the_format_as_json_or_as_its_reference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out, _ = _said(tmp_path, capsys, monkeypatch, "schema")
    assert json.loads(out)["type"] == "object"
    _, out, _ = _said(tmp_path, capsys, monkeypatch, "schema", "--format", "markdown")
    assert out.startswith("#### A scenario file")


def test_a_command_in_a_project_runs_on_the_project_found_above(
    scenario_project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    inside = scenario_project.root / "content" / "letters"
    status, out, _ = _said(inside, capsys, monkeypatch, "check", "-j", "1")
    assert status == 0 and "check succeeded" in out
    assert not (inside / "site").exists() and not (inside / "content").exists()
