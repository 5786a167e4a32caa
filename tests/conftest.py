"""Shared fixtures: real projects in temporary folders, built by the real pipeline."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sincerely.build.builders import Result, run
from sincerely.common.errors import BuildError, Diagnostic

from .helpers.serving import Server, servers

if TYPE_CHECKING:
    from playwright.sync_api import Browser


TESTS = Path(__file__).parent
REPO = TESTS.parent
MINIMAL_SCENARIO = (TESTS / "cases" / "valid" / "minimal.yaml").read_text(encoding="utf-8")
PACK_YAML = "title: Test pack\nsummary: Letters for testing.\n"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that drives Chromium, so that `-m "not browser"` leaves them out;
    each is a whole-system test of a second or more, and so slow too (`-m "not slow"`,
    the quick loop, leaves them out with the rest)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@dataclass
class Project:
    """A site project on disk: write files into it, then build or check it."""

    root: Path

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def add_scenario(self, slug: str = "close-second", text: str = MINIMAL_SCENARIO) -> Path:
        if not (self.root / "content/letters/_pack.yaml").exists():
            self.write("content/letters/_pack.yaml", PACK_YAML)
        return self.write(f"content/letters/{slug}.yaml", text)

    def build(self, output: Path | None = None, *, strict: bool = False) -> Result:
        return run(self.root, output, strict=strict)

    def check(self, *, strict: bool = False) -> Result:
        return run(self.root, strict=strict, write=False)

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """What `check` says of the project: its warnings, or its errors if it fails."""
        try:
            return self.check().warnings
        except BuildError as exc:
            return exc.diagnostics

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run the real command line, as a user would, in the project folder."""
        return subprocess.run(
            [sys.executable, "-m", "sincerely", *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    @property
    def site(self) -> Path:
        return self.root / "site"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    root.mkdir()
    return Project(root)


@pytest.fixture
def scenario_project(project: Project) -> Project:
    """A project with one valid scenario in one pack."""
    project.add_scenario()
    return project


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by relative path: to compare sites byte for byte."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Imported here, so that the content tests run with nothing but sincerely and pytest.
    from playwright.sync_api import sync_playwright

    from .helpers.browser import CHROMIUM_FLAGS, chromium_path

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True
        )
        yield chromium
        chromium.close()


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder that ``make`` fills once for the whole run, then only read: under
    pytest-xdist, the first worker to ask makes it (under a lock) in the run's own
    temporary folder, and the others wait for it and read it, rather than each making
    its own."""
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    folder, done = root / name, root / f"{name}.done"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own gallery, built into a temporary folder (never into site/),
    once for the whole run: tests only read it."""

    def build(folder: Path) -> None:
        run(REPO, folder / "site")

    return made_once(tmp_path_factory, "repo-site", build) / "site"


def theme_seen_with(env: dict[str, str]) -> Path:
    """The theme folder a fresh Python with ``env`` (its PYTHONPATH) finds sincerely's in."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from sincerely.theming.theme import bundled_theme_dir as d; print(d())",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(done.stdout.strip())


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built once from the working tree as `python -m build`
    builds them (once for the whole run: tests only read them)."""

    def build(out: Path) -> None:
        subprocess.run(
            [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(REPO)],
            check=True,
            capture_output=True,
            timeout=300,
        )

    return made_once(tmp_path_factory, "dist", build)


@pytest.fixture(scope="session")
def wheel(dist: Path) -> Path:
    (found,) = dist.glob("sincerely-*.whl")
    return found


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start `sincerely serve` processes; each is stopped when the test ends."""
    with servers(tmp_path) as start:
        yield start
