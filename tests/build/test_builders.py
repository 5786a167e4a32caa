"""The whole pipeline on real content: determinism, and the repository's own gallery."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sincerely.build.builders import AHEAD, SiteBuilder, run
from sincerely.build.store import in_memory_once
from sincerely.load.loader import load_site
from sincerely.model.config import load_config
from sincerely.render import compiling
from sincerely.theming.theme import Theme

from ..conftest import REPO, Project, tree


def test_two_builds_are_byte_identical(scenario_project: Project, tmp_path: Path) -> None:
    scenario_project.build(tmp_path / "one")
    scenario_project.build(tmp_path / "two")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


@pytest.mark.slow  # two builds, each in a process of its own
def test_builds_in_other_folders_hash_seeds_and_jobs_are_identical(tmp_path: Path) -> None:
    copies = []
    for name, seed, jobs in (("a", "1", "1"), ("b", "4242", "2")):
        copy = tmp_path / name / "gallery"
        shutil.copytree(REPO / "content", copy / "content")
        shutil.copy(REPO / "pyproject.toml", copy / "pyproject.toml")
        subprocess.run(
            [sys.executable, "-m", "sincerely", "build", "-q", "-j", jobs, str(copy)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        copies.append(tree(copy / "site"))
    assert copies[0] == copies[1]


def test_the_repository_gallery_builds_without_warnings(repo_site: Path, tmp_path: Path) -> None:
    result = run(REPO, tmp_path / "again", strict=True)
    assert result.warnings == ()
    assert result.scenario_count >= 5
    assert (repo_site / "after-rejection" / "library-job.html").is_file()
    home = (repo_site / "index.html").read_text(encoding="utf-8")
    assert home.count("<li data-channel=") == result.scenario_count


def test_the_repository_site_folder_is_never_written_by_tests(repo_site: Path) -> None:
    assert not repo_site.is_relative_to(REPO)


@pytest.mark.parametrize(("todo", "ahead"), [(2 * AHEAD, True), (2 * AHEAD - 1, False)])
def test_layouts_are_compiled_before_the_fork_only_for_many_pages(
    scenario_project: Project, monkeypatch: pytest.MonkeyPatch, todo: int, ahead: bool
) -> None:
    compiled: list[object] = []
    monkeypatch.setattr(compiling, "compile_ahead", lambda env, uses: compiled.append(uses))
    config = load_config(scenario_project.root)
    theme = Theme.for_project(config.layouts_dir)
    site = load_site(config)[0]
    builder = SiteBuilder(scenario_project.root, jobs=2)
    builder.first_jobs(site, theme, in_memory_once())
    builder.before_rendering(site, todo)
    assert bool(compiled) == ahead
