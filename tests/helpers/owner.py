"""An owner's machine, from the outside: a clean virtual environment, and shell steps run
as a terminal or a CI runner runs them."""

from __future__ import annotations

import os
import subprocess
import venv
from pathlib import Path


def venv_bin(where: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(where)
    return where / "bin"


def run_step(command: str | list[str], cwd: Path, bin_dir: Path, **env: str) -> str:
    """One shell step, as a runner runs it: its tools first on PATH, output captured."""
    done = subprocess.run(
        command,
        shell=isinstance(command, str),
        executable="/bin/bash" if isinstance(command, str) else None,
        cwd=cwd,
        env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout + done.stderr
