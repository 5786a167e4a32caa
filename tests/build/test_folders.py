"""Whole folders of the last site lent to the new one: put back after an error, and by
the next build after a kill (the stamps that choose them are tested with the store, in
test_store.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sincerely.build import folders, writer
from sincerely.common.errors import BuildError
from sincerely.model.config import load_config

from ..conftest import Project, tree


def test_an_error_after_folders_were_moved_over_puts_them_back(
    scenario_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario_project.build()
    before = tree(scenario_project.site)
    config = load_config(scenario_project.root)

    def broken_swap(*_: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(writer, "_swap_in", broken_swap)
    with pytest.raises(BuildError), writer.staged(config, moves=["static", "_sources"]):
        pass
    assert tree(scenario_project.site) == before  # the lent folders are back, whole


KILLED_WHILE_MOVING = """
import os, sys
from pathlib import Path
from sincerely.build import writer
from sincerely.model.config import load_config
writer._swap_in = lambda *_: os.kill(os.getpid(), 9)  # SIGKILL: nothing can hold it
with writer.staged(load_config(Path(sys.argv[1])), moves=["static", "_sources"]):
    pass
"""


def test_a_build_killed_while_moving_folders_over_is_put_back_by_the_next(
    scenario_project: Project,
) -> None:
    scenario_project.build()
    before = tree(scenario_project.site)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_MOVING, str(scenario_project.root)], check=False
    )
    assert killed.returncode == -9
    assert not (scenario_project.site / "static").exists()  # lent to the killed build

    # What every build, and clean, does first: put back what a killed build left.
    writer._clear_leftovers(scenario_project.site, scenario_project.root / ".sincerely")

    assert tree(scenario_project.site) == before
    assert list((scenario_project.root / ".sincerely").glob(".sincerely-*")) == []


def test_a_journal_that_cannot_be_read_is_dropped(tmp_path: Path) -> None:
    noted = folders.journal(tmp_path, tmp_path / "site")
    noted.write_text("{not json", encoding="utf-8")
    folders.move_back(tmp_path / "site", noted)
    assert not noted.exists()
