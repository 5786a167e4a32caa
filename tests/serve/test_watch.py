"""Watching for saves: a save is rebuilt, then the browsers reloaded, then the archives
made, in that order; an editor's own files and other TOML files change nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import watchfiles

from sincerely.serve.watch import Group, Watcher, interesting, named

ADDED = watchfiles.Change.added


@pytest.mark.parametrize(
    ("name", "wanted"),
    [
        ("close-second.yaml", True),
        ("pyproject.toml", True),
        ("site.css", True),
        (".close-second.yaml.swp", False),
        ("close-second.yaml~", False),
        ("4913.tmp", False),
        (".git", False),
        ("ruff.toml", False),
    ],
)
def test_an_editors_own_files_and_other_settings_change_nothing(name: str, wanted: bool) -> None:
    assert interesting(ADDED, f"/project/content/letters/{name}") is wanted


def test_a_folder_watched_for_a_few_names_keeps_only_those() -> None:
    keep = named({"pyproject.toml", "logo.svg"})
    assert keep(ADDED, "/project/pyproject.toml") and keep(ADDED, "/project/logo.svg")
    assert not keep(ADDED, "/project/serve.log")


def test_a_save_is_rebuilt_then_reloaded_then_archived(tmp_path: Path) -> None:
    done: list[str] = []
    archived = threading.Event()

    def after() -> None:
        done.append("archive")
        archived.set()

    watcher = Watcher(lambda: done.append("rebuild"), lambda: done.append("reload"), after)
    watcher.watch([Group((tmp_path,), True)])  # returns once watching: no save is missed
    try:
        (tmp_path / ".letter.yaml.swp").write_text("an editor's")
        (tmp_path / "letter.yaml").write_text("title: A\n")
        assert archived.wait(20)
        assert done == ["rebuild", "reload", "archive"]  # the editor's file: no save
    finally:
        watcher.stop()


def test_an_editors_file_alone_rebuilds_nothing(tmp_path: Path) -> None:
    changed = threading.Event()
    watcher = Watcher(changed.set, lambda: None, lambda: None)
    watcher.watch([Group((tmp_path,), True)])
    try:
        (tmp_path / "letter.yaml~").write_text("a backup")
        assert not changed.wait(1.5)  # past the debounce of 400 ms, with room to spare
        (tmp_path / "letter.yaml").write_text("title: A\n")
        assert changed.wait(20)  # and the watcher was listening all along
    finally:
        watcher.stop()


def test_a_folder_is_watched_once_however_often_it_is_asked_for(tmp_path: Path) -> None:
    rebuilds: list[int] = []
    archived = threading.Event()
    watcher = Watcher(lambda: rebuilds.append(1), lambda: None, archived.set)
    try:
        watcher.watch([Group((tmp_path,), True)])
        watcher.watch([Group((tmp_path,), True)])  # serve asks again after every rebuild
        (tmp_path / "letter.yaml").write_text("title: A\n")
        assert archived.wait(20)
        archived.clear()
        assert not archived.wait(1.5)  # no second watcher's rebuild of the same save
        assert rebuilds == [1]
    finally:
        watcher.stop()
