"""The benchmarks run, at a tiny size, so that they cannot rot. Nothing here asserts a
timing: the figures are for the benchmark's own report."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from .conftest import REPO

pytestmark = pytest.mark.slow


def _bench(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_serve_latency_benchmark_runs() -> None:
    out = _bench("bench.serve_latency", "--sizes", "5", "--edits", "2")
    assert re.search(r"^\| 5 \| \d+ ms \| \d+ ms \| \d+ ms \|$", out, re.MULTILINE)


def test_the_build_speed_benchmark_runs() -> None:
    out = _bench("bench.build_speed", "--sizes", "12", "--runs", "1", "--no-peers")
    assert re.search(
        r"^\| floor: markdown-it-py \+ Jinja, 2 processes \| \d+\.\d\d s \|$", out, re.M
    )
    rows = [line for line in out.splitlines() if line.startswith("| sincerely")]
    ratio = r"\| \d+\.\d\d s \(\d+\.\dx floor\) \|$"
    assert len(rows) == 4 and all(re.search(ratio, row) for row in rows)
    assert re.search(r"^\| letter page, HTML \+ CSS \+ JS \| \d+\.\d KB \|$", out, re.M)
    for jobs in ("2", "1"):  # each setting's own peak, not the largest of the whole run
        assert re.search(rf"^\| peak memory, largest process, -j {jobs} \| \d+ MB \|$", out, re.M)


def test_the_fuzz_benchmark_runs() -> None:
    out = _bench("bench.fuzz", "--cases", "30")
    pattern = r"^30 fuzz cases in \d+ s: \d+ built, \d+ ended in located errors, 0 failed$"
    assert re.search(pattern, out, re.M)


def test_the_lighthouse_benchmark_builds_and_serves_its_pages() -> None:
    # Lighthouse itself comes from npm, which the tests do not reach: --dry-run stops
    # before it, once every page to audit has been built and served.
    out = _bench("bench.lighthouse", "--dry-run")
    for page in (
        "index.html",
        "after-rejection/close-second.html",
        "after-rejection/index.html",
        "search.html",
    ):
        assert re.search(rf"^- http://127\.0\.0\.1:\d+/{re.escape(page)} \(200, ", out, re.M)
    assert "--only-categories=performance,accessibility,best-practices,seo" in out


def test_the_differential_benchmark_runs() -> None:
    out = _bench("bench.differential", "--steps", "4", "--seed", "3")
    assert re.search(r"^seed 3: 4 steps \(.*\); \d+ refused builds", out, re.MULTILINE), out
    assert "0 differences from a fresh build" in out
