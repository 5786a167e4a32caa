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


def test_the_build_speed_benchmark_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.build_speed", "--sizes", "12", "--runs", "1", "--no-peers"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| sincerely")]
    assert len(rows) == 4 and all(re.search(r"\| \d+\.\d\d s \|$", row) for row in rows)
    assert re.search(r"^\| letter page, HTML \+ CSS \+ JS \| \d+\.\d KB \|$", done.stdout, re.M)


def test_the_fuzz_benchmark_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.fuzz", "--cases", "30"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(
        r"^30 fuzz cases in \d+ s: \d+ built, \d+ ended in located errors, 0 failed$",
        done.stdout,
        re.M,
    )
