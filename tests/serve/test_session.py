"""serve's session: what it watches (the content and layouts whole, the project's own
folder for its settings and the owner's files alone), and a staging folder that no
server, even one killed outright, leaves behind."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import watchfiles

from sincerely.model.config import load_config
from sincerely.serve.session import staging_folder, watched_groups

from ..conftest import Project

ADDED = watchfiles.Change.added


def test_the_content_and_layouts_are_watched_whole_and_the_project_for_its_settings(
    scenario_project: Project,
) -> None:
    scenario_project.write("layouts/page.html", "{% extends 'theme/page.html' %}")
    config = load_config(scenario_project.root)
    trees, own_folder = watched_groups(config)
    root = scenario_project.root.resolve()
    assert (set(trees.folders), trees.recursive) == ({root / "content", root / "layouts"}, True)
    assert (own_folder.folders, own_folder.recursive) == ((root,), False)
    assert own_folder.keep(ADDED, str(root / "pyproject.toml"))
    assert own_folder.keep(ADDED, str(root / "layouts"))  # should it be made anew
    assert not own_folder.keep(ADDED, str(root / "serve.log"))  # serve's own log, say


def test_the_owners_files_are_watched_where_they_are(scenario_project: Project) -> None:
    scenario_project.write(
        "pyproject.toml",
        '[tool.sincerely]\nlogo = "logo.svg"\nextra_css = ["assets/brand.css", "content/x.css"]\n',
    )
    scenario_project.write("logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    scenario_project.write("assets/brand.css", "h1 { color: red; }")
    scenario_project.write("content/x.css", "p { margin: 0; }")
    config = load_config(scenario_project.root)
    root = scenario_project.root.resolve()
    groups = watched_groups(config)
    assert groups[1].keep(ADDED, str(root / "logo.svg"))  # beside pyproject.toml
    # Its folder, apart; content/x.css is in a folder watched whole already.
    assert (groups[2].folders, groups[2].recursive) == ((root / "assets",), False)
    assert len(groups) == 3


def test_a_staging_folder_is_removed_when_serving_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with staging_folder() as staging:
        assert staging.is_dir() and staging.parent == tmp_path.resolve()
        (staging / "index.html").write_text("a page")
    assert not staging.exists()


def test_the_staging_folder_of_a_killed_server_is_removed_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    killed = tmp_path / f"sincerely-serve-{gone.stdout.strip()}-abc"
    running = tmp_path / f"sincerely-serve-{os.getppid()}-def"  # a server still running
    unrelated = tmp_path / "sincerely-serve-notes"
    for folder in (killed, running, unrelated):
        folder.mkdir()
    with staging_folder():
        assert not killed.exists()
        assert running.is_dir() and unrelated.is_dir()


def test_hooks_and_what_serve_watch_names_are_watched(scenario_project: Project) -> None:
    scenario_project.write("pyproject.toml", '[tool.sincerely]\nhooks = ["hooks.py", "t/h.py"]\n')
    scenario_project.write("hooks.py", "")
    scenario_project.write("t/h.py", "")
    data = scenario_project.write("data/words.txt", "")
    single = scenario_project.write("notes.txt", "")
    root = scenario_project.root.resolve()
    groups = watched_groups(load_config(root), [root / "data", single.resolve()])
    assert (set(groups[0].folders), groups[0].recursive) == ({root / "content", data.parent}, True)
    assert groups[1].keep(ADDED, str(root / "hooks.py"))  # beside pyproject.toml
    assert groups[1].keep(ADDED, str(root / "notes.txt"))
    assert (groups[2].folders, groups[2].recursive) == ((root / "t",), False)
