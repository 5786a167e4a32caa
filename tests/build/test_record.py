"""A build with nothing to do does nothing; any change rebuilds, to the same bytes as a
clean build."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from sincerely.build import record as buildcache
from sincerely.build import writer
from sincerely.build.builders import run
from sincerely.cli import main as cli
from sincerely.cli.scaffold import init_gallery
from sincerely.common import intake, signed
from sincerely.common.errors import BuildError
from sincerely.model.config import load_config

from ..conftest import MINIMAL_SCENARIO, Project, tree


def _stamps(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*")}


def test_a_second_build_with_nothing_changed_writes_nothing(scenario_project: Project) -> None:
    first = scenario_project.build()
    assert not first.unchanged
    before = _stamps(scenario_project.site)
    second = scenario_project.build()
    assert second.unchanged and second.file_count == 0
    assert second.scenario_count == 1
    assert _stamps(scenario_project.site) == before
    done = scenario_project.cli("build")
    assert "nothing changed; site is up to date" in done.stdout


def test_what_a_build_keeps_for_itself_is_in_one_ignored_folder(project: Project) -> None:
    init_gallery(project.root)
    subprocess.run(["git", "init", "-q", str(project.root)], check=True)
    done = project.cli("build")
    assert done.returncode == 0, done.stderr
    made = sorted(p.name for p in project.root.iterdir())
    assert made == [
        ".git",
        ".github",
        ".gitignore",
        ".sincerely",
        "README.md",
        "content",
        "pyproject.toml",
        "requirements.txt",
        "schema",
        "site",
        "vendor",  # the wheel of this sincerely, which the gallery's CI installs
    ]
    hidden = [p.name for p in project.site.iterdir() if p.name.startswith(".")]
    assert hidden == [".sincerely-build"]  # the mark of a folder that builds may replace
    subprocess.run(["git", "-C", str(project.root), "add", "-A"], check=True)
    staged = subprocess.run(
        ["git", "-C", str(project.root), "status", "--porcelain"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".sincerely" not in staged and "site/" not in staged, staged
    # The record holds no path of this machine's (what loading found does: its warnings
    # name files by their full paths, and it is kept for this place only, see preload.py).
    records = list((project.root / ".sincerely").glob("build-*.json"))
    assert records
    for kept in records:
        assert str(project.root) not in kept.read_text(encoding="utf-8"), kept


def test_a_moved_project_keeps_its_cache(scenario_project: Project, tmp_path: Path) -> None:
    scenario_project.build()
    moved = Project(tmp_path / "elsewhere")
    scenario_project.root.rename(moved.root)
    assert moved.build().unchanged


def test_init_adds_what_builds_make_to_an_existing_gitignore(project: Project) -> None:
    project.write(".gitignore", "*.pyc\n/site/\n")
    init_gallery(project.root)
    expected = "*.pyc\n/site/\n/.sincerely/\n/.venv/\n"
    assert (project.root / ".gitignore").read_text() == expected


def test_touching_a_file_without_changing_it_is_no_change(scenario_project: Project) -> None:
    scenario_project.build()
    scenario = scenario_project.root / "content/letters/close-second.yaml"
    os.utime(scenario, ns=(1, 1))
    assert scenario_project.build().unchanged


@pytest.mark.parametrize(
    "change",
    ["content", "new file", "deleted output", "layout", "settings", "sincerely's code"],
)
def test_a_change_rebuilds_to_the_bytes_of_a_clean_build(
    scenario_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    scenario_project.build()
    root = scenario_project.root
    if change == "content":
        path = root / "content/letters/close-second.yaml"
        path.write_text(MINIMAL_SCENARIO.replace("Close second", "A close second"))
    elif change == "new file":
        scenario_project.add_scenario("another", MINIMAL_SCENARIO.replace("Close second", "More"))
    elif change == "deleted output":
        (scenario_project.site / "letters/close-second.html").unlink()
    elif change == "layout":
        scenario_project.write(
            "layouts/page.html", '{% extends "base.html" %}{% block main %}x{% endblock %}'
        )
    elif change == "settings":
        scenario_project.write("pyproject.toml", '[tool.sincerely]\ntitle = "Renamed"\n')
    else:
        monkeypatch.setattr(signed, "code_fingerprint", lambda: "a new release")
    again = scenario_project.build()
    assert not again.unchanged
    run(root, tmp_path / "clean", fresh=True)
    assert tree(scenario_project.site) == tree(tmp_path / "clean")


def test_warnings_are_reported_again_and_fail_under_strict(project: Project) -> None:
    project.add_scenario(text=MINIMAL_SCENARIO.replace("    hint: As you sign your emails.\n", ""))
    first = project.build()
    second = project.build()
    assert second.unchanged
    assert [w.format(project.root) for w in second.warnings] == [
        w.format(project.root) for w in first.warnings
    ]
    assert len(second.warnings) == 1
    with pytest.raises(BuildError):
        project.build(strict=True)


def test_a_corrupt_cache_is_ignored(scenario_project: Project) -> None:
    scenario_project.build()
    for cached in (scenario_project.root / ".sincerely").glob("build-*.json"):
        cached.write_text("{not json")
    assert not scenario_project.build().unchanged
    assert scenario_project.build().unchanged


def test_an_owners_file_and_the_base_url_are_inputs_of_the_build(
    scenario_project: Project,
) -> None:
    scenario_project.write("pyproject.toml", '[tool.sincerely]\nlogo = "assets/logo.svg"\n')
    logo = scenario_project.write("assets/logo.svg", '<svg viewBox="0 0 10 10"/>')
    assert scenario_project.cli("build").returncode == 0
    logo.write_text('<svg viewBox="0 0 20 10"/>', encoding="utf-8")
    done = scenario_project.cli("build")
    assert "nothing changed" not in done.stdout
    assert (
        (scenario_project.site / "static/own/assets/logo.svg")
        .read_text()
        .startswith('<svg viewBox="0 0 20 10"')
    )
    moved = scenario_project.cli("build", "--base-url", "https://example.org/x/")
    assert "nothing changed" not in moved.stdout
    html = (scenario_project.site / "letters/close-second.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/x/letters/close-second.html"' in html


@pytest.mark.parametrize("moment", ["removing the old site", "writing the record"])
def test_a_build_stopped_after_its_swap_is_never_taken_for_the_one_before(
    scenario_project: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    moment: str,
) -> None:
    # Stopped (Ctrl-C, or a kill) after the new site is in place, before its record is
    # written; then the edit is undone, with a title of the same length, so that every
    # file the stopped build made is still there at its recorded size.
    letter = scenario_project.root / "content/letters/close-second.yaml"
    original = letter.read_text(encoding="utf-8")
    scenario_project.build()
    letter.write_text(original.replace("Close second", "Close SECOND"), encoding="utf-8")
    module, name = (
        (writer.shutil, "rmtree") if moment == "removing the old site" else (buildcache, "write")
    )

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(module, name, interrupt)
        patched.chdir(scenario_project.root)
        assert cli.main(["build", "-q"]) == 130
    said = capsys.readouterr().err
    assert said.startswith("interrupted after the new site was put in place: the site is new")
    assert "Close SECOND" in (scenario_project.site / "letters/close-second.html").read_text()
    letter.write_text(original, encoding="utf-8")
    again = scenario_project.build()
    assert not again.unchanged
    run(scenario_project.root, tmp_path / "fresh", fresh=True)
    assert tree(scenario_project.site) == tree(tmp_path / "fresh")


def _edit_keeping_size_and_time(letter: Path, how: str, scratch: Path) -> None:
    """Change a letter's words, keeping its size and modification time, as a restore or a
    copy that keeps times does."""
    info = letter.stat()
    text = letter.read_text(encoding="utf-8").replace("Close second", "Close SECOND")
    times = (info.st_atime_ns, info.st_mtime_ns)
    if how == "touch -r":  # written in place, then its time set back
        letter.write_text(text, encoding="utf-8")
        os.utime(letter, ns=times)
    else:
        copy = scratch / "copy.yaml"
        copy.write_text(text, encoding="utf-8")
        os.utime(copy, ns=times)
        if how == "cp -p":  # copied over it, times kept
            shutil.copy2(copy, letter)
        else:  # "tar x", "rsync -t": a new file renamed into place, times kept
            copy.replace(letter)
    assert (letter.stat().st_size, letter.stat().st_mtime_ns) == (info.st_size, info.st_mtime_ns)


@pytest.mark.parametrize("how", ["touch -r", "cp -p", "tar x"])
def test_an_edit_that_keeps_size_and_modification_time_is_seen(
    scenario_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.setattr(intake, "SETTLING_NS", 0)  # as if every file were long written
    scenario_project.build()
    letter = scenario_project.root / "content/letters/close-second.yaml"
    _edit_keeping_size_and_time(letter, how, tmp_path)
    again = scenario_project.build()
    assert not again.unchanged
    page = (scenario_project.site / "letters/close-second.html").read_text(encoding="utf-8")
    assert "Close SECOND" in page


def test_a_stamp_taken_in_the_same_tick_as_a_change_is_not_trusted() -> None:
    second = 1_000_000_000
    written = 1_700_000_000 * second
    stamp = (written, 10, 1, written)
    assert not intake.settled(stamp, written + second // 2)  # the same second: read again
    assert intake.settled(stamp, written + 3 * second)


def test_a_record_with_stamps_not_yet_settled_is_brought_up_to_date_once(
    scenario_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intake, "SETTLING_NS", 500_000_000)
    scenario_project.build()  # at once after the files were written: their stamps unsettled
    record = buildcache.cache_file(load_config(scenario_project.root))
    first = json.loads(record.read_text())["taken"]
    time.sleep(0.6)
    assert scenario_project.build().unchanged  # the files are read again, found the same,
    second = json.loads(record.read_text())["taken"]
    assert second > first  # and the record now holds their settled stamps
    assert scenario_project.build().unchanged
    assert json.loads(record.read_text())["taken"] == second  # nothing more to settle
