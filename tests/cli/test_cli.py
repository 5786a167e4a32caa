"""The command line, run as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sincerely.cli import main as cli

from ..conftest import MINIMAL_SCENARIO, REPO, Project


def test_build_reports_progress_and_success(scenario_project: Project) -> None:
    done = scenario_project.cli("build")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("sincerely ") and "building" in lines[0]
    assert lines[-1] == "build succeeded, 0 warnings."
    assert done.stderr == ""
    assert (scenario_project.site / "letters/close-second.html").is_file()


def test_errors_are_located_one_a_line_with_exit_status_1(scenario_project: Project) -> None:
    scenario_project.add_scenario(
        "bad", MINIMAL_SCENARIO.replace("channel: email", "channel: e-mail")
    )
    done = scenario_project.cli("build")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "content/letters/bad.yaml:5:10: error: 'channel' must be one of email, letter, note, "
        "message "
        "(got 'e-mail') (did you mean 'email'?)",
        "build failed: 1 error.",
    ]
    assert "Traceback" not in done.stderr
    assert not scenario_project.site.exists()


def test_warnings_fail_only_under_strict(scenario_project: Project) -> None:
    scenario_project.add_scenario(
        "hintless", MINIMAL_SCENARIO.replace("    hint: As you sign your emails.\n", "")
    )
    relaxed = scenario_project.cli("check")
    assert relaxed.returncode == 0
    assert "check succeeded, 1 warning." in relaxed.stdout
    assert (
        "content/letters/hintless.yaml:11:9: warning: field 'your_name' has no hint"
        in relaxed.stderr
    )
    strict = scenario_project.cli("check", "-W")
    assert strict.returncode == 1
    assert strict.stderr.splitlines()[-1] == (
        "check failed: 0 errors, 1 warning (warnings are errors under -W)."
    )


def test_check_writes_nothing(scenario_project: Project) -> None:
    before = sorted(p.name for p in scenario_project.root.rglob("*"))
    done = scenario_project.cli("check")
    assert done.returncode == 0
    assert "file" in done.stdout and "rendered" in done.stdout
    assert sorted(p.name for p in scenario_project.root.rglob("*")) == before


def test_quiet_prints_nothing_on_success(scenario_project: Project) -> None:
    done = scenario_project.cli("build", "-q")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_a_project_folder_and_output_can_be_given(scenario_project: Project) -> None:
    elsewhere = scenario_project.root.parent
    done = scenario_project.cli("build", str(scenario_project.root), "-o", str(elsewhere / "out"))
    assert done.returncode == 0, done.stderr
    assert (elsewhere / "out" / "index.html").is_file()


def test_a_missing_project_is_an_error_not_a_traceback(project: Project) -> None:
    done = project.cli("check", "no-such-folder")
    assert done.returncode == 1
    assert "no-such-folder: error: no such folder" in done.stderr
    assert "Traceback" not in done.stderr


def test_version(project: Project) -> None:
    done = project.cli("--version")
    assert done.stdout.startswith("sincerely ")


def test_debug_shows_where_a_content_error_was_raised(scenario_project: Project) -> None:
    scenario_project.add_scenario("bad", "title: [\n")
    plain = scenario_project.cli("check")
    debug = scenario_project.cli("check", "--debug")
    assert "Traceback" not in plain.stderr
    assert "Traceback" in debug.stderr and "bad.yaml:2:1: error: YAML syntax error" in debug.stderr


def test_the_version_and_channels_agree_with_their_sources() -> None:
    import importlib.metadata
    import tomllib

    import sincerely
    from sincerely.cli import main as cli
    from sincerely.model import scenario as model

    from ..conftest import REPO

    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert pyproject["project"]["dynamic"] == ["version"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "src/sincerely/__init__.py"
    assert sincerely.__version__ == importlib.metadata.version("sincerely")
    # new --channel offers what the format accepts.
    assert model.SCENARIO.key("channel").spec.choices == cli.CHANNELS


def _cli_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sincerely", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_commands_find_the_project_from_a_folder_inside_it(scenario_project: Project) -> None:
    scenario_project.write("pyproject.toml", '[tool.sincerely]\ntitle = "Letters"\n')
    inside = scenario_project.root / "content" / "letters"
    done = _cli_in(inside, "check")
    assert done.returncode == 0, done.stderr
    assert "1 scenario" in done.stdout
    done = _cli_in(inside, "build", "-q")
    assert done.returncode == 0, done.stderr
    assert (scenario_project.site / "letters/close-second.html").is_file()
    assert not (inside / "site").exists()


def test_new_inside_a_pack_writes_into_that_pack(scenario_project: Project) -> None:
    inside = scenario_project.root / "content" / "letters"
    done = _cli_in(inside, "new", "letters/from-inside")
    assert done.returncode == 0, done.stderr
    assert (inside / "from-inside.yaml").is_file()
    assert not (inside / "content").exists()


@pytest.mark.parametrize("command", ["serve", "build", "check", "new"])
def test_outside_any_project_one_clear_error(tmp_path: Path, command: str) -> None:
    args = [command, "pack/letter"] if command == "new" else [command]
    done = _cli_in(tmp_path, *args)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert "not inside a sincerely project" in done.stderr
    assert "sincerely init" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_second_build_says_plainly_that_nothing_changed(scenario_project: Project) -> None:
    scenario_project.cli("build")
    done = scenario_project.cli("build")
    summary = done.stdout.splitlines()[-2]
    assert "nothing changed; site is up to date" in summary, summary
    assert "unchanged" not in summary


def test_new_says_when_it_also_started_a_pack(project: Project) -> None:
    project.write("content/index.md", "---\ntitle: Home\n---\n")
    done = project.cli("new", "offers/declining")
    assert done.returncode == 0, done.stderr
    assert "wrote content/offers/_pack.yaml: a new pack; fill in its TODOs too" in done.stdout
    assert "wrote content/offers/declining.yaml: fill in every TODO" in done.stdout


def test_a_mistake_on_the_command_line_is_status_2_with_the_usage(tmp_path: Path) -> None:
    done = _cli_in(tmp_path, "build", "--no-such-option")
    assert done.returncode == 2
    assert done.stderr.startswith("usage: sincerely")
    assert "unrecognized arguments: --no-such-option" in done.stderr
    assert _cli_in(tmp_path).returncode == 2  # no command at all


def test_a_bug_in_sincerely_has_a_status_of_its_own(
    scenario_project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # No bug is known to provoke from outside, so one is put where a command runs.
    def broken(args: object) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "run_command", broken)
    monkeypatch.chdir(scenario_project.root)
    status = cli.main(["build"])
    said = capsys.readouterr().err
    assert status == cli.EXIT_BUG == 70
    assert said.startswith("internal error: ZeroDivisionError: division by zero\n")
    assert "This is a bug in sincerely; please report it" in said
    assert "Traceback" not in said
    assert status not in (cli.EXIT_PROBLEMS, cli.EXIT_USAGE)


def test_help_and_the_readme_give_the_same_exit_statuses(tmp_path: Path) -> None:
    shown = " ".join(_cli_in(tmp_path, "--help").stdout.split())
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    for status, meaning in cli.EXIT_STATUSES.items():
        assert f"{status} {meaning}" in shown, (status, shown)
        assert f"`{status}` {meaning}" in readme, status


def test_a_name_with_a_line_break_keeps_every_problem_on_its_own_line(
    scenario_project: Project,
) -> None:
    scenario_project.add_scenario("bad\nname", MINIMAL_SCENARIO)
    done = scenario_project.cli("check")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[-1] == "check failed: 1 error."
    assert len(lines) == 2, lines
    assert lines[0].startswith("content/letters/bad\\nname.yaml: error: file name 'bad\\nname'")


def test_new_never_suggests_a_reserved_name(scenario_project: Project) -> None:
    done = scenario_project.cli("new", "letters/index")
    assert done.returncode == 1
    assert "the scenario's name 'index' is reserved for the site's own pages; try " in done.stderr
    assert "try 'index-letter'" in done.stderr
