"""SINCERELY_TIMINGS: what a build writes down about its phases, for the benchmark.

Only the structure is asserted (names, order, non-negative seconds that add up): how
long a phase takes is the benchmark's business, never a test's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sincerely.common import timings

from ..conftest import Project

# The phases of a first build, in the order they begin (every phase's jobs, the
# archives' too, are listed and brought over at once, before any is made).
FIRST_BUILD = [
    "settings and theme",
    "store opened, inputs compared",
    "scenario files read and parsed",
    "model made and checked",
    "jobs listed",
    "unchanged files brought over",
    "rendered and written",
    "archives",
    "swapped in",
    "old site removed",
    "store kept",
]
NOTHING_CHANGED = ["settings and theme", "store opened, inputs compared"]


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _top_level(line: dict[str, Any]) -> float:
    phases: dict[str, float] = line["phases"]
    return sum(s for name, s in phases.items() if " / " not in name)


def test_each_build_appends_its_phases_in_order_and_a_total_that_covers_them(
    scenario_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = tmp_path / "timings.jsonl"
    monkeypatch.setenv(timings.VARIABLE, str(written))
    for _ in range(2):  # a first build, then one that finds nothing changed
        done = scenario_project.cli("build", "-q", "-j", "2")
        assert done.returncode == 0, done.stderr
    first, again = _lines(written)
    assert first["command"] == again["command"] == "build"
    assert list(first["phases"]) == FIRST_BUILD
    assert list(again["phases"]) == NOTHING_CHANGED
    for line in (first, again):
        assert all(seconds >= 0 for seconds in line["phases"].values())
        assert line["total"] >= _top_level(line)
    archives = first["phases"]["archives"]
    assert archives >= sum(s for n, s in first["phases"].items() if n.startswith("archives / "))


def test_without_the_variable_nothing_is_written(
    scenario_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(timings.VARIABLE, raising=False)
    monkeypatch.chdir(tmp_path)
    done = scenario_project.cli("build", "-q")
    assert done.returncode == 0, done.stderr
    assert (scenario_project.site / "letters/close-second.html").is_file()
    assert list(tmp_path.rglob("*.jsonl")) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]


def test_a_phase_inside_another_is_named_after_both_and_counted_in_the_outer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = tmp_path / "timings.jsonl"
    monkeypatch.setenv(timings.VARIABLE, str(written))
    with timings.phase("outer"), timings.phase("inner"):  # the inner begun inside the outer
        pass
    with timings.phase("inner"):
        pass
    with timings.phase("outer"):  # a phase that comes again is added up, listed once
        pass
    timings.write("test")
    timings.write("test")  # nothing since the last line: nothing more is written
    (line,) = _lines(written)
    assert list(line["phases"]) == ["outer", "outer / inner", "inner"]
    phases = line["phases"]
    assert phases["outer"] >= phases["outer / inner"] >= 0
    assert line["total"] >= phases["outer"] + phases["inner"]
