"""Fuzz the loader with many more cases than the test suite runs, and report the count.

Each case is a valid scenario damaged the ways people and tools do (tests/fuzz/
mutations.py). Every case must end in a loaded site or in located errors; anything
else (a traceback, an unlocated error) is printed and counted as a failure.

    .venv/bin/python -m bench.fuzz --cases 10000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from tests.conftest import PACK_YAML
from tests.fuzz.mutations import scenario_files
from tests.test_fuzz import check_one


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    args = parser.parse_args()
    outcomes: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        (workdir / "content/p").mkdir(parents=True)
        (workdir / "content/p/_pack.yaml").write_text(PACK_YAML)

        @settings(
            max_examples=args.cases,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(data=scenario_files())
        def case(data: bytes) -> None:
            try:
                outcomes["built" if check_one(data, workdir) else "located errors"] += 1
            except BaseException:
                outcomes["failed"] += 1
                traceback.print_exc()

        started = time.perf_counter()
        case()
        took = time.perf_counter() - started
    total = sum(outcomes.values())
    print(
        f"{total:,} fuzz cases in {took:.0f} s: {outcomes['built']:,} built, "
        f"{outcomes['located errors']:,} ended in located errors, {outcomes['failed']} failed"
    )
    return 1 if outcomes["failed"] or total < args.cases else 0


if __name__ == "__main__":
    sys.exit(main())
