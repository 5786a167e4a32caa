"""Random edits of every kind, each build compared byte for byte with a fresh build
(tests/helpers/differential.py). A fixed seed and a bounded count here; a longer run is
`python -m bench.differential --steps 1000`."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..helpers.differential import EDITS, differential

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("seed", [20261207, 7])
def test_every_incremental_result_is_a_fresh_builds_byte_for_byte(
    tmp_path: Path, seed: int
) -> None:
    report = differential(tmp_path, seed, steps=30)
    print(f"\n{report.line()}")
    assert sum(report.steps.values()) == 30
    assert len(report.steps) >= len(EDITS) // 2  # many kinds of edit, not one
    assert report.reused > 0  # the builds brought files over: the property was at stake
