"""What a build keeps in the project's .sincerely/ folder, which a pull request can commit
anything into: links named like the files a build writes, a link in place of the folder,
a FIFO named like a kept file. Nothing outside the project is ever written, and no build
hangs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sincerely.build.record import cache_file, cards_folder
from sincerely.model.config import load_config

from ..conftest import Project


def _victims(tmp_path: Path, count: int) -> list[Path]:
    """Files outside the project that a link could point at."""
    folder = tmp_path / "outside"
    folder.mkdir(exist_ok=True)
    victims = [folder / f"precious-{i}.txt" for i in range(count)]
    for victim in victims:
        victim.write_text("precious", encoding="utf-8")
    return victims


def test_links_named_like_what_a_build_writes_are_never_written_through(
    scenario_project: Project, tmp_path: Path
) -> None:
    config = load_config(scenario_project.root)
    record, cards = cache_file(config), cards_folder(config)
    loaded = config.work_dir / "loaded"
    planted = [
        record.with_name(record.name + ".partial"),
        loaded / "letters.pickle.partial",
        loaded / "letters.pickle",
        cards / "kept.json.partial",
        cards / "kept.json",
        record,
    ]
    victims = _victims(tmp_path, len(planted))
    for link, victim in zip(planted, victims, strict=True):
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(victim)
    for _ in range(2):  # a cold build, then one that keeps and reads what it kept
        done = scenario_project.cli("build")
        assert done.returncode == 0, done.stderr
    assert [victim.read_text(encoding="utf-8") for victim in victims] == ["precious"] * 6
    assert (scenario_project.site / "letters/close-second.html").is_file()
    # What the build keeps is now its own, in real files.
    assert record.is_file() and not record.is_symlink()
    assert (loaded / "letters.pickle").is_file() and not (loaded / "letters.pickle").is_symlink()


@pytest.mark.parametrize("link", [".sincerely", ".sincerely/loaded"])
def test_a_link_in_place_of_the_work_folder_is_refused_where_it_is(
    scenario_project: Project, tmp_path: Path, link: str
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (scenario_project.root / link).parent.mkdir(parents=True, exist_ok=True)
    (scenario_project.root / link).symlink_to(elsewhere, target_is_directory=True)
    done = scenario_project.cli("build")
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{link}: error: is a link; sincerely keeps its own files here only in a real" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_fifo_named_like_a_kept_file_does_not_hang_the_build(
    scenario_project: Project,
) -> None:
    assert scenario_project.cli("build").returncode == 0
    config = load_config(scenario_project.root)
    letter = scenario_project.root / "content/letters/close-second.yaml"
    letter.write_text(letter.read_text().replace("Close second", "Close second, again"))
    for fifo in (config.work_dir / "loaded/letters.pickle", cache_file(config)):
        fifo.unlink()
        os.mkfifo(fifo)
    done = scenario_project.cli("build")  # the Project's runner times out after 120 s
    assert done.returncode == 0, done.stderr
    page = (scenario_project.site / "letters/close-second.html").read_text(encoding="utf-8")
    assert "Close second, again" in page


def test_a_relative_cache_home_is_ignored(scenario_project: Project, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "sincerely", "build", "-q"],
        cwd=scenario_project.root,
        env={**os.environ, "XDG_CACHE_HOME": "cache", "HOME": str(home)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert not (scenario_project.root / "cache").exists()  # not in the project
    assert (home / ".cache/sincerely/preload.key").is_file()  # where XDG says instead


def test_clean_removes_a_linked_work_folder_and_not_what_it_points_at(
    scenario_project: Project, tmp_path: Path
) -> None:
    (victim,) = _victims(tmp_path, 1)
    (scenario_project.root / ".sincerely").symlink_to(victim.parent, target_is_directory=True)
    done = scenario_project.cli("clean")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "removed .sincerely/\n"
    assert not (scenario_project.root / ".sincerely").exists()
    assert victim.read_text(encoding="utf-8") == "precious"
