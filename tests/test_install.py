"""The README's install lines, run as written on a fresh clone in a fresh virtual
environment: from the clone, and from the repository at a release tag."""

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


def _clone(tmp_path: Path) -> Path:
    clone = tmp_path / "sincerely"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    tag = f"v{__version__}"
    has_tag = subprocess.run(
        ["git", "-C", str(clone), "rev-parse", "-q", "--verify", tag],
        capture_output=True,
        check=False,
    )
    if has_tag.returncode != 0:  # before the release is tagged, its tag is this commit
        subprocess.run(["git", "-C", str(clone), "tag", tag], check=True)
    return clone


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


@pytest.mark.parametrize("which", [0, 1], ids=["from-the-clone", "from-the-tag"])
def test_the_readmes_install_line_works_as_written(tmp_path: Path, which: int) -> None:
    lines = _install_lines()
    assert len(lines) == 2, lines
    assert lines[0] == "python3 -m pip install ."
    assert lines[1] == f'python3 -m pip install "sincerely @ git+ADDRESS@v{__version__}"'
    clone = _clone(tmp_path)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    # A file:// address with a host: the pip that a new venv bundles refuses a git URL
    # without one (an https address, as a real ADDRESS is, always has one).
    line = lines[which].replace("ADDRESS", f"file://localhost{clone}")
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
    _sincerely_works(env_dir / "bin", tmp_path)
