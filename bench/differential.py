"""The differential test, longer: random edits of every kind, each build (and, every few
steps, what serve holds) compared byte for byte with a fresh build. Prints what was run;
any difference stops it with the step, the edit and the files that differ.

    .venv/bin/python -m bench.differential --steps 1000 --seed 1
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tests.helpers.differential import differential


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--serve-every", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        report = differential(Path(folder), args.seed, args.steps, args.serve_every)
    took = time.perf_counter() - started
    served = len(range(0, args.steps, args.serve_every))
    print(f"seed {args.seed}: {report.line()}; {served} compared as served; {took:.0f} s")
    print("0 differences from a fresh build")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
