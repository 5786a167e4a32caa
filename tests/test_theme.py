"""The bundled theme ships inside the wheel, so an installed sincerely builds anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from sincerely.assets import compact
from sincerely.theme import Theme, bundled_theme_dir

from .conftest import REPO, Project


def test_in_a_checkout_the_bundled_theme_is_the_repository_layouts() -> None:
    assert bundled_theme_dir() == REPO / "layouts"


def test_a_project_without_layouts_uses_only_the_bundled_theme(project: Project) -> None:
    assert Theme.for_project(project.root / "layouts").folders == (REPO / "layouts",)


def test_the_wheel_carries_the_theme_and_builds_from_any_folder(
    scenario_project: Project, tmp_path: Path
) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(REPO),
        ],
        check=True,
    )
    (wheel,) = wheels.glob("sincerely-*.whl")
    installed = tmp_path / "installed"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(installed)
    theme_files = {n.removeprefix("sincerely/theme/") for n in names if "/theme/" in n}
    in_repo = {p.relative_to(REPO / "layouts").as_posix() for p in (REPO / "layouts").rglob("*")}
    assert theme_files == {n for n in in_repo if (REPO / "layouts" / n).is_file()}

    env = {**os.environ, "PYTHONPATH": str(installed)}
    done = subprocess.run(
        [sys.executable, "-c", "import sincerely.theme as t; print(t.bundled_theme_dir())"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(done.stdout.strip()) == installed / "sincerely" / "theme"
    subprocess.run(
        [sys.executable, "-m", "sincerely", "build", "-q"],
        cwd=scenario_project.root,
        env=env,
        check=True,
    )
    css = (REPO / "layouts/static/site.css").read_bytes()
    assert (scenario_project.site / "static" / "site.css").read_bytes() == compact("x.css", css)
