"""The project as a package: what `python -m build` makes, checked as PyPI would check it,
and an sdist whose own tests find everything they need."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from .conftest import theme_seen_with

pytestmark = pytest.mark.slow


def test_twine_finds_the_distributions_fit_to_publish(dist: Path) -> None:
    files = sorted(str(p) for p in dist.iterdir())
    assert len(files) == 2
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_wheel_carries_the_license_and_the_theme(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "sincerely/theme/base.html" in names and "sincerely/theme/static/letter.js" in names
    # The search page's stemmers, with Snowball's licence and how they were made.
    for name in ("base.js", "english.js", "turkish.js", "COPYING", "README.md", "VERSION"):
        assert f"sincerely/stemmers/{name}" in names, name
    metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
    metadata = Parser().parsestr(zipfile.ZipFile(wheel).read(metadata_name).decode())
    assert metadata["License-Expression"] == "MIT"
    assert metadata["Requires-Python"] == ">=3.11"
    assert not any(n.startswith(("content/", "tests/")) for n in names)


def test_the_long_description_is_the_packages_own_with_no_link_into_the_repository(
    wheel: Path,
) -> None:
    with zipfile.ZipFile(wheel) as archive:
        metadata_name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(metadata_name).decode())
    description = metadata.get_payload()
    assert isinstance(description, str)
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert "sincerely init" in description and "After the rejection" not in description
    # On a package index, a relative link leads nowhere.
    targets = re.findall(r"\]\(([^)]+)\)", description)
    assert [t for t in targets if not t.startswith(("https://", "http://", "mailto:"))] == []


def test_the_sdists_own_tests_find_what_they_need(dist: Path, tmp_path: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    (root,) = tmp_path.iterdir()
    for needed in (
        "LICENSE",
        "CONTRIBUTING.md",
        "content/index.md",
        "schema/scenario.json",
        "src/sincerely/stemmers/english.js",
        "tests/tools/snowball_js.py",
    ):
        assert (root / needed).is_file(), needed
    # The package and its theme come from the sdist itself, not from this checkout.
    env = {"PYTHONPATH": str(root / "src"), "PATH": str(Path(sys.executable).parent)}
    assert theme_seen_with(env) == root / "layouts"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_content.py",
            "tests/model/test_formats.py",
            "tests/load/test_loader.py",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert " passed" in done.stdout
