"""The whole pipeline on real content: determinism, and the repository's own gallery."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sincerely.build.builders import run

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
    assert (repo_site / "index.html").read_text(encoding="utf-8").count('class="card"') >= 5


def test_the_repository_site_folder_is_never_written_by_tests(repo_site: Path) -> None:
    assert not repo_site.is_relative_to(REPO)
