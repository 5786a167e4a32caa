"""Work handed to forked processes: every share's result comes back, and a worker that
fails or dies fails the work with a clear message instead of hanging."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sincerely.common.errors import BuildError, Diagnostic, Location, Severity
from sincerely.common.forked import run_forked


def test_each_share_runs_once_the_first_here_the_others_in_processes_of_their_own() -> None:
    here = os.getpid()
    results = run_forked([os.getpid, os.getpid, os.getpid], Path.cwd(), "testing")
    assert results[0] == here
    assert len(set(results)) == 3  # each of the others in a process of its own


def test_a_share_sees_what_was_in_memory_when_it_was_forked() -> None:
    big = list(range(100_000))  # inherited, never pickled on the way in
    assert run_forked([lambda: sum(big), lambda: len(big)], Path.cwd(), "testing") == [
        sum(big),
        100_000,
    ]


def test_a_workers_problems_come_back_located(tmp_path: Path) -> None:
    problem = Diagnostic(Severity.ERROR, "this file is wrong", Location(tmp_path / "a.yaml", 3))

    def fails() -> None:
        raise BuildError([problem])

    with pytest.raises(BuildError) as raised:
        run_forked([lambda: None, fails], tmp_path, "testing")
    assert raised.value.diagnostics == (problem,) or list(raised.value.diagnostics) == [problem]


def test_a_worker_that_dies_fails_the_work_at_once_and_says_so(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as raised:
        run_forked([lambda: None, lambda: os._exit(3)], tmp_path, "loading")
    (diagnostic,) = raised.value.diagnostics
    assert "a loading process stopped before finishing its work" in diagnostic.message
    assert "status 3" in diagnostic.message
    assert diagnostic.location.path == tmp_path
