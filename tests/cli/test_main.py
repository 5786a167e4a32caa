"""The command line, in process: each way a command ends has its exit status and one
summary line, whatever the command (tests/cli/test_cli.py runs the real process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sincerely.cli import main as cli
from sincerely.common.errors import BuildError, Location, SiteReplacedInterrupt

from ..conftest import MINIMAL_SCENARIO, Project

WARNED = MINIMAL_SCENARIO.replace("Short and sincere.", "Short and TODO.")


def _run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, where: Path, *argv: str
) -> tuple[int, str, str]:
    monkeypatch.chdir(where)
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_clean_check_is_status_0(
    scenario_project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, _ = _run(capsys, monkeypatch, scenario_project.root, "check", "-j", "1")
    assert status == cli.EXIT_OK
    assert out.splitlines()[-1] == "check succeeded, 0 warnings."


def test_warnings_fail_under_strict_and_the_summary_says_why(
    project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project.add_scenario(text=WARNED)
    status, _, err = _run(capsys, monkeypatch, project.root, "check", "-W", "-j", "1")
    assert status == cli.EXIT_PROBLEMS
    assert err.splitlines()[0].startswith("content/letters/close-second.yaml:")
    assert err.splitlines()[-1] == (
        "check failed: 0 errors, 1 warning (warnings are errors under -W)."
    )


def test_problems_as_json_are_one_document_on_standard_output(
    project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project.add_scenario(text=MINIMAL_SCENARIO.replace("channel: email", "channel: fax"))
    status, out, err = _run(capsys, monkeypatch, project.root, "check", "--format", "json")
    assert status == cli.EXIT_PROBLEMS and err == ""
    document = json.loads(out)
    assert (document["ok"], document["errors"], document["warnings"]) == (False, 1, 0)
    (problem,) = document["diagnostics"]
    assert problem["file"] == "content/letters/close-second.yaml"
    assert (problem["severity"], problem["line"], problem["column"]) == ("error", 5, 10)


def test_a_mistake_on_the_command_line_is_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    told = {
        "bulid": "invalid choice: 'bulid'",
        "serve --port 70000": "a port is a number from 0 to 65535 (got '70000')",
        "build --builder pdf": "invalid choice: 'pdf'",
    }
    for argv, said in told.items():
        with pytest.raises(SystemExit) as exited:
            _run(capsys, monkeypatch, tmp_path, *argv.split())
        assert exited.value.code == cli.EXIT_USAGE
        err = capsys.readouterr().err
        assert err.startswith("usage: sincerely") and said in err


def test_a_port_is_a_number_a_system_can_listen_on() -> None:
    assert cli.make_parser().parse_args(["serve", "--port", "0"]).port == 0
    for wrong in ("70000", "-1", "http"):
        with pytest.raises(SystemExit):
            cli.make_parser().parse_args(["serve", "--port", wrong])


# Each way a command ends: what was raised, the status, and how the message starts.
ENDINGS: dict[str, tuple[BaseException, int, str]] = {
    "a full disk": (
        OSError(28, "No space left on device", "site/x.html"),
        cli.EXIT_PROBLEMS,
        "build failed: site/x.html: No space left on device",
    ),
    "Ctrl-C": (KeyboardInterrupt(), cli.EXIT_INTERRUPTED, "interrupted; nothing was changed."),
    "Ctrl-C after the swap": (
        SiteReplacedInterrupt(),
        cli.EXIT_INTERRUPTED,
        "interrupted after the new site was put in place",
    ),
    "a bug": (
        ZeroDivisionError("division by zero"),
        cli.EXIT_BUG,
        "internal error: ZeroDivisionError: division by zero",
    ),
    "problems": (
        BuildError.single("no such folder", Location(Path("/nowhere"))),
        cli.EXIT_PROBLEMS,
        "/nowhere: error: no such folder",
    ),
}


@pytest.mark.parametrize("ending", ENDINGS)
def test_every_way_a_command_can_end_has_its_status_and_its_words(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    ending: str,
) -> None:
    raised, status, said = ENDINGS[ending]

    def fail(_args: object) -> int:
        raise raised

    monkeypatch.setattr(cli, "run_command", fail)
    got, _, err = _run(capsys, monkeypatch, tmp_path, "build")
    assert got == status
    assert err.startswith(said)
    assert "Traceback" not in err  # only under --debug


def test_interrupting_serve_is_how_it_ends_and_not_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "run_command", interrupted)
    assert _run(capsys, monkeypatch, tmp_path, "serve")[0] == cli.EXIT_OK


def test_debug_shows_the_traceback_of_a_bug(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def bug(_args: object) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "run_command", bug)
    status, _, err = _run(capsys, monkeypatch, tmp_path, "build", "--debug")
    assert status == cli.EXIT_BUG and "Traceback" in err and "in bug" in err


def test_serve_takes_w_as_build_and_check_do_and_watch_again_and_again(
    capsys: pytest.CaptureFixture[str],
) -> None:
    parser = cli.make_parser()
    args = parser.parse_args(["serve", "-W", "--watch", "words", "--watch", "hooks/a.py"])
    assert args.strict is True
    assert args.watch == [Path("words"), Path("hooks/a.py")]
    assert parser.parse_args(["serve"]).watch == []
    # One option, declared once: the same words wherever -W is taken.
    for command in ("build", "check", "serve"):
        with pytest.raises(SystemExit):
            parser.parse_args([command, "--help"])
        said = " ".join(capsys.readouterr().out.split())
        assert "-W, --strict treat warnings as errors" in said
