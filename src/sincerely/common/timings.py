"""How long each phase of a command took, written down when asked (for the benchmark).

With ``SINCERELY_TIMINGS`` set to a file's path, a command appends one line of JSON to
that file when it ends: the wall time of each phase it went through, in the process that
runs the command, in the order they began (a phase that waits for worker processes
counts their time as its own), and ``total``, from the first phase's start to the end.
A phase begun inside another is named after both, "outer / inner", and its time is in
the outer's too: the top-level phases never overlap, so their sum is at most ``total``
(the rest is work between phases), and the same inner name under two outer phases (the
rendering of the pages, the rendering of the archives) is two figures, not one sum.
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
# The names of the phases under way, outermost first: a nested phase's name starts with them.
_open: list[str] = []


def enabled() -> bool:
    return bool(os.environ.get(VARIABLE))


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Count the block's wall time as the phase ``name`` (added up if it comes again)."""
    if not enabled():
        yield
        return
    key = " / ".join([*_open, name])
    started = time.perf_counter()
    if not _first:
        _first.append(started)
    _spans.setdefault(key, 0.0)  # listed when it begins: an outer phase before its inner ones
    _open.append(name)
    try:
        yield
    finally:
        _open.pop()
        _spans[key] += time.perf_counter() - started


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
