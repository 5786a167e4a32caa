"""A build says how long each of its phases took, when asked (SINCERELY_TIMINGS)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sincerely.cli.main import main
from sincerely.common import timings

from ..conftest import Project


def _build(project: Project) -> int:
    return main(["build", "-q", "-j", "1", str(project.root)])


def test_each_build_writes_its_phases_in_order_and_their_total(
    scenario_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "timings.jsonl"
    monkeypatch.setenv(timings.VARIABLE, str(target))

    assert _build(scenario_project) == 0
    assert _build(scenario_project) == 0  # nothing changed: it stops after comparing

    first, second = (json.loads(line) for line in target.read_text().splitlines())
    assert first["command"] == "build"
    assert list(first["phases"])[:3] == [
        "settings and theme",
        "store opened, inputs compared",
        "scenario files read and parsed",
    ]
    assert first["total"] > 0 and all(took >= 0 for took in first["phases"].values())
    assert list(second["phases"]) == ["settings and theme", "store opened, inputs compared"]
