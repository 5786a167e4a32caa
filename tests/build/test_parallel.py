"""Rendering on several processes: the same bytes, the same errors, a progress line only
on a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from sincerely.build.builders import run
from sincerely.build.outputs import Job
from sincerely.build.parallel import share_out
from sincerely.common.errors import BuildError

from ..conftest import MINIMAL_SCENARIO, REPO, Project, tree


def test_any_number_of_workers_gives_the_same_bytes(tmp_path: Path) -> None:
    sites = []
    for jobs in (1, 2, 3):
        run(REPO, tmp_path / f"j{jobs}", jobs=jobs)
        sites.append(tree(tmp_path / f"j{jobs}"))
    assert sites[0] == sites[1] == sites[2]
    assert len(sites[0]) > 30


def test_a_layout_error_in_a_worker_is_reported_and_changes_nothing(project: Project) -> None:
    for n in range(12):
        project.add_scenario(f"letter-{n}", MINIMAL_SCENARIO.replace("Close second", f"L {n}"))
    project.build()
    before = tree(project.site)
    project.write(
        "layouts/tag.html", "{% extends 'base.html' %}{% block main %}{{ nope }}{% endblock %}"
    )
    project.add_scenario(
        "tagged", MINIMAL_SCENARIO.replace("channel: email", "channel: email\ntags: [x]")
    )
    with pytest.raises(BuildError) as caught:
        run(project.root, jobs=3)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.location.path == project.root / "layouts/tag.html"
    assert "'nope' is undefined" in diagnostic.message
    assert tree(project.site) == before


def test_work_is_shared_out_by_cost() -> None:
    tasks = [
        Job(f"p{i}", cost, list, frozenset()) for i, cost in enumerate([100, 50, 50, 1, 1, 1, 1])
    ]
    shares = share_out(tasks, 2)
    loads = sorted(sum(t.cost for t in share) for share in shares)
    assert loads == [102, 102]
    assert sorted(t.path for share in shares for t in share) == sorted(t.path for t in tasks)


def _run_on_a_terminal(*args: str) -> str:
    """Run the CLI with its standard error on a pseudo-terminal; return what it showed."""
    leader, follower = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "sincerely", *args],
        stderr=follower,
        stdout=subprocess.DEVNULL,
        check=False,
        timeout=120,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert done.returncode == 0
    return b"".join(chunks).decode()


def test_a_terminal_sees_a_progress_line(scenario_project: Project) -> None:
    shown = _run_on_a_terminal("build", str(scenario_project.root))
    assert "writing output... [100%]" in shown


def test_a_log_sees_no_progress_noise(scenario_project: Project) -> None:
    done = scenario_project.cli("build")
    assert "%]" not in done.stderr + done.stdout


def test_a_worker_that_dies_fails_the_build_and_keeps_the_old_site(
    scenario_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sincerely.build import outputs as pipeline

    for n in range(6):
        scenario_project.add_scenario(f"more-{n}", MINIMAL_SCENARIO.replace("Close", f"C{n}"))
    scenario_project.build()
    before = tree(scenario_project.site)
    scenario_project.add_scenario("more-0", MINIMAL_SCENARIO.replace("Close", "Changed"))
    parent, scenario_files = os.getpid(), pipeline._scenario_files

    def die_in_a_worker(*args: Any) -> Any:
        if os.getpid() != parent:
            os._exit(3)  # as a worker killed for memory would: no exception, no message
        return scenario_files(*args)

    # Forked workers inherit the patched pipeline: the worker dies at its first letter.
    monkeypatch.setattr(pipeline, "_scenario_files", die_in_a_worker)
    outcome: list[BuildError] = []

    def build() -> None:
        try:
            run(scenario_project.root, jobs=2, fresh=True)
        except BuildError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=build, daemon=True)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the build waited forever for a dead worker"
    assert outcome, "a worker died and the build still succeeded"
    (diagnostic,) = outcome[0].diagnostics
    assert "a rendering process stopped before finishing its work" in diagnostic.message
    assert tree(scenario_project.site) == before
