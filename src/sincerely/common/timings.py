"""How long each phase of a command took, written down when asked (for the benchmark).

With ``SINCERELY_TIMINGS`` set to a file's path, a command appends one line of JSON to
that file when it ends: the wall time of each phase it went through, in the process that
runs the command, in the order they began (a phase that waits for worker processes
counts their time as its own), and ``total``, from the first phase's start to the end.
What a whole process takes besides (the interpreter's start, the imports before the
first phase) is the process's wall time minus ``total``: bench/build_speed.py prints it
as its own row. Without the variable a phase costs one look-up, and nothing is written.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

VARIABLE = "SINCERELY_TIMINGS"

# The phases of this process so far, by name, in the order they began.
_spans: dict[str, float] = {}
_first: list[float] = []


def enabled() -> bool:
    return bool(os.environ.get(VARIABLE))


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Count the block's wall time as the phase ``name`` (added up if it comes again)."""
    if not enabled():
        yield
        return
    started = time.perf_counter()
    if not _first:
        _first.append(started)
    try:
        yield
    finally:
        _spans[name] = _spans.get(name, 0.0) + time.perf_counter() - started


def write(command: str) -> None:
    """Append this process's phases, as one JSON line, to the file named by the
    variable, then start afresh (a test may run several commands in one process)."""
    target = os.environ.get(VARIABLE)
    if not target or not _first:
        return
    total = time.perf_counter() - _first[0]
    line = {"command": command, "phases": dict(_spans), "total": total}
    with Path(target).open("a", encoding="utf-8") as file:
        file.write(json.dumps(line) + "\n")
    _spans.clear()
    _first.clear()
