"""The command line, run as a user runs it."""

from __future__ import annotations

from .conftest import MINIMAL_SCENARIO, Project


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
        "content/letters/bad.yaml:5:10: error: 'channel' must be one of email, letter, note "
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
    assert "project folder does not exist" in done.stderr
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
    import tomllib

    import sincerely
    from sincerely import cli, formats

    from .conftest import REPO

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert sincerely.__version__ == project["version"]
    assert cli.CHANNELS == formats.CHANNELS
