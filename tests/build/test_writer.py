"""Writing the site: all or nothing, into folders it is safe to replace."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sincerely.build import writer
from sincerely.build.writer import MARKER, write_site
from sincerely.common.errors import BuildError
from sincerely.model.config import load_config

from ..conftest import Project, tree


def _files(count: int, fail_at: int | None = None) -> Iterator[tuple[str, bytes]]:
    for index in range(count):
        if index == fail_at:
            raise BuildError.single("boom", writer.Location(Path("x")))
        yield f"dir{index % 3}/page{index}.html", f"page {index}".encode()


def test_a_build_that_fails_midway_leaves_the_old_site_byte_for_byte(
    scenario_project: Project,
) -> None:
    scenario_project.build()
    before = tree(scenario_project.site)
    config = load_config(scenario_project.root)
    with pytest.raises(BuildError):
        write_site(config, _files(10, fail_at=6))
    assert tree(scenario_project.site) == before
    leftovers = [
        p.name
        for p in scenario_project.root.iterdir()
        if p.name.startswith((".sincerely-staging", ".sincerely-retired"))
    ]
    assert leftovers == []


def test_a_content_error_leaves_the_old_site_byte_for_byte(scenario_project: Project) -> None:
    scenario_project.build()
    before = tree(scenario_project.site)
    scenario_project.add_scenario("broken", "title: [\n")
    with pytest.raises(BuildError):
        scenario_project.build()
    assert tree(scenario_project.site) == before


def test_the_new_site_replaces_the_old_one_whole(scenario_project: Project) -> None:
    config = load_config(scenario_project.root)
    write_site(config, _files(5))
    write_site(config, iter([("only.html", b"new")]))
    assert tree(scenario_project.site) == {"only.html": b"new", MARKER: writer.MARKER_TEXT}


def test_the_swap_works_where_atomic_exchange_is_missing(
    scenario_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer, "_exchange", lambda a, b: False)
    config = load_config(scenario_project.root)
    write_site(config, _files(3))
    write_site(config, iter([("only.html", b"new")]))
    assert set(tree(scenario_project.site)) == {"only.html", MARKER}


@pytest.mark.parametrize("where", [".sincerely", "."], ids=["work folder", "beside the site"])
def test_leftovers_of_a_killed_build_are_cleared(scenario_project: Project, where: str) -> None:
    config = load_config(scenario_project.root)
    stale = scenario_project.root / where / ".sincerely-staging-site-abc123"
    stale.mkdir(parents=True)
    (stale / "half.html").write_text("half")
    write_site(config, _files(2))
    assert not stale.exists()


def test_a_site_retired_mid_swap_is_restored_before_building(scenario_project: Project) -> None:
    # A kill between the two renames of the fallback swap leaves only the retired copy.
    config = load_config(scenario_project.root)
    retired = scenario_project.root / ".sincerely-retired-site-99"
    retired.mkdir()
    (retired / MARKER).write_bytes(writer.MARKER_TEXT)
    (retired / "old.html").write_text("old")
    with pytest.raises(BuildError):
        write_site(config, _files(4, fail_at=2))
    assert (scenario_project.site / "old.html").read_text() == "old"


@pytest.mark.parametrize("target", [".", "content", "content/letters", "layouts", "src", ".."])
def test_dangerous_output_folders_are_refused(scenario_project: Project, target: str) -> None:
    (scenario_project.root / "layouts").mkdir()
    (scenario_project.root / "src").mkdir()
    before = tree(scenario_project.root)
    with pytest.raises(BuildError) as caught:
        scenario_project.build(scenario_project.root / target)
    assert "refusing to build into" in caught.value.diagnostics[0].message
    assert tree(scenario_project.root) == before


def test_a_non_empty_folder_not_made_by_sincerely_is_refused(scenario_project: Project) -> None:
    victim = scenario_project.root / "documents"
    victim.mkdir()
    (victim / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(BuildError) as caught:
        scenario_project.build(victim)
    assert "was not made by sincerely" in caught.value.diagnostics[0].message
    assert (victim / "thesis.docx").read_bytes() == b"precious"


def test_an_empty_or_new_folder_is_fine(scenario_project: Project, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    scenario_project.build(tmp_path / "empty")
    scenario_project.build(tmp_path / "new" / "deeper")
    assert (tmp_path / "empty" / MARKER).is_file()
    assert (tmp_path / "new" / "deeper" / "index.html").is_file()


def test_an_output_that_cannot_be_made_gives_a_clear_error(
    scenario_project: Project, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(BuildError) as caught:
        scenario_project.build(blocker / "site")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.message == (
        f"cannot build into {blocker / 'site'}: {blocker} is a file, not a folder; "
        "choose another output folder (-o)"
    )
    assert blocker.read_text() == "not a folder"


def test_clean_removes_what_builds_made_and_nothing_else(scenario_project: Project) -> None:
    scenario_project.build()
    assert (scenario_project.root / ".sincerely").is_dir()
    done = scenario_project.cli("clean")
    assert done.returncode == 0
    assert done.stdout.splitlines() == ["removed site/", "removed .sincerely/"]
    assert not scenario_project.site.exists()
    assert not (scenario_project.root / ".sincerely").exists()
    assert (scenario_project.root / "content").is_dir()
    again = scenario_project.cli("clean")
    assert again.stdout == "nothing to remove: no build output here\n"


def test_clean_refuses_an_output_folder_it_did_not_make(scenario_project: Project) -> None:
    mine = scenario_project.site / "my-notes.txt"
    mine.parent.mkdir()
    mine.write_text("keep me", encoding="utf-8")
    done = scenario_project.cli("clean")
    assert done.returncode == 1
    assert "not removing" in done.stderr and "it was not made by sincerely" in done.stderr
    assert mine.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("output_dir", [".", "content", "layouts", "notes"])
def test_clean_never_removes_the_project_its_folders_or_a_repository(
    scenario_project: Project, output_dir: str
) -> None:
    # A marker copied in with a built site, or committed by a pull request, must not make
    # clean take the project, its content or layouts, or a git repository with it.
    root = scenario_project.root
    for folder in ("layouts", "notes/archive/.git"):
        (root / folder).mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "notes/archive/.git/HEAD").write_text("ref: refs/heads/main\n")
    (root / output_dir / MARKER).write_bytes(writer.MARKER_TEXT)
    scenario_project.write(
        "pyproject.toml", f'[tool.sincerely]\ntitle = "Letters"\noutput_dir = "{output_dir}"\n'
    )
    before = tree(root)
    done = scenario_project.cli("clean")
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"not removing {(root / output_dir).resolve()}: it is or contains" in done.stderr
    assert "Traceback" not in done.stderr
    assert tree(root) == before
    built = scenario_project.cli("build")
    assert built.returncode == 1 and "refusing to build into" in built.stderr
    assert tree(root) == before


def test_a_second_build_beside_a_running_one_waits_for_it_then_writes(
    scenario_project: Project, tmp_path: Path
) -> None:
    # Two builds into sibling folders (site-a and site-b in one folder) share the lock
    # on that folder: the second says it waits, and writes once the first is done.
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    held = os.open(outputs, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)  # as a build writing outputs/site-a holds it
    waiting = subprocess.Popen(
        [sys.executable, "-m", "sincerely", "build", "-o", str(outputs / "site-b")],
        cwd=scenario_project.root,
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert waiting.stderr is not None
        said = waiting.stderr.readline()
        assert said == f"waiting for another sincerely build writing in {outputs} to finish\n"
        assert waiting.poll() is None and not (outputs / "site-b").exists()
    finally:
        os.close(held)
    assert waiting.wait(timeout=60) == 0
    assert (outputs / "site-b" / "index.html").is_file()
