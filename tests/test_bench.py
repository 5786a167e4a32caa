"""The benchmarks run, at a tiny size, so that they cannot rot. Nothing here asserts a
timing: the figures are for the benchmark's own report."""

from __future__ import annotations

import re
import subprocess
import sys

from .conftest import REPO


def test_the_serve_latency_benchmark_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.serve_latency", "--sizes", "5", "--edits", "2"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert re.search(r"^\| 5 \| \d+ ms \| \d+ ms \| \d+ ms \|$", done.stdout, re.MULTILINE)
