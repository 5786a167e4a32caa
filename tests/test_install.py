"""The README's install lines, run as written on a fresh clone in a fresh virtual
environment: from the clone, and from the repository at a commit (no release tag exists
to install from: tags do not travel with this repository's main)."""

from __future__ import annotations

import re
import subprocess
import venv
from pathlib import Path

import pytest

from sincerely import __version__

from .conftest import REPO

pytestmark = pytest.mark.slow


def _install_lines() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Install\n") : readme.index("## Using sincerely\n")]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    return [line.split("#")[0].strip() for block in blocks for line in block.splitlines()]


def _clone(tmp_path: Path) -> tuple[Path, str]:
    """A fresh clone of main, and the commit it is at."""
    clone = tmp_path / "sincerely"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    head = subprocess.run(
        ["git", "-C", str(clone), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    )
    return clone, head.stdout.strip()


def _sincerely_works(bin_dir: Path, tmp_path: Path) -> None:
    gallery = tmp_path / "gallery"
    subprocess.run(
        [str(bin_dir / "sincerely"), "init", str(gallery)], check=True, capture_output=True
    )
    done = subprocess.run(
        [str(bin_dir / "sincerely"), "build", "-q", str(gallery)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (gallery / "site/examples/thank-you.html").is_file()


@pytest.mark.parametrize("which", [0, 1], ids=["from-the-clone", "from-a-commit"])
def test_the_readmes_install_line_works_as_written(tmp_path: Path, which: int) -> None:
    lines = _install_lines()
    assert len(lines) == 2, lines
    assert lines[0] == "python3 -m pip install ."
    assert lines[1] == 'python3 -m pip install "sincerely @ git+ADDRESS@COMMIT"'
    clone, commit = _clone(tmp_path)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    # A file:// address with a host: the pip that a new venv bundles refuses a git URL
    # without one (an https address, as a real ADDRESS is, always has one).
    line = lines[which].replace("ADDRESS", f"file://localhost{clone}").replace("COMMIT", commit)
    done = subprocess.run(
        f"source {env_dir}/bin/activate && {line}",
        shell=True,
        executable="/bin/bash",
        cwd=clone,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    version = subprocess.run(
        [str(env_dir / "bin" / "sincerely"), "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout == f"sincerely {__version__}\n"
    _sincerely_works(env_dir / "bin", tmp_path)


def test_no_document_promises_a_release_that_does_not_exist() -> None:
    """Until a release is uploaded, install lines name a clone or a commit: never a tag
    (none travels with main) or a version on a package index (none is there)."""
    documents = [
        REPO / "README.md",
        REPO / "CONTRIBUTING.md",
        *sorted((REPO / "docs").glob("*.md")),
    ]
    documents.extend(sorted((REPO / "src/sincerely/starter").rglob("README.md")))
    for document in documents:
        text = document.read_text(encoding="utf-8")
        for line in re.findall(r"^.*(?:pip install|rev:).*$", text, re.MULTILINE):
            assert not re.search(r"@v\d|==\d|rev: v\d|install sincerely(?:\s|`|$)", line), (
                document.name,
                line,
            )
