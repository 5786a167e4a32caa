"""Rendering on several cores.

The site is loaded once; then worker processes are forked, each inheriting the loaded
site, and each renders its share of the pages and writes them straight into the staging
folder. Nothing large crosses between processes (unpickling a thousand loaded letters
costs more than rendering them), only a count or a failure's diagnostics. Every page is
a pure function of the model, so the output is byte for byte the same for any number of
workers. Where fork is not available, pages are rendered in this process.
"""

from __future__ import annotations

import heapq
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Sequence
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BuildError, Diagnostic

if TYPE_CHECKING:
    from .render import Task

Progress = Callable[[int, int, str], None]  # (done, total, path)


class _Work:
    """The work of this build, set before forking so that each worker inherits it."""

    def __init__(self) -> None:
        self.shares: list[list[Task]] = []
        self.done: Synchronized[int] | None = None


_work = _Work()


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def share_out(tasks: Sequence[Task], workers: int) -> list[list[Task]]:
    """Greedy longest-first: each task, costliest first, to the least loaded worker."""
    heap = [(0, k) for k in range(workers)]
    shares: list[list[Task]] = [[] for _ in range(workers)]
    for task in sorted(tasks, key=lambda t: (-t.cost, t.path)):
        load, k = heapq.heappop(heap)
        shares[k].append(task)
        heapq.heappush(heap, (load + max(task.cost, 1), k))
    return shares


def _run(share: list[Task], staging: Path | None, progress: Progress | None, total: int) -> int:
    made: set[Path] = set()
    count = 0
    for task in share:
        for path, data in task.render():
            count += 1
            if staging is not None:
                target = staging / path
                if target.parent not in made:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.add(target.parent)
                target.write_bytes(data)
        done = _work.done
        if done is not None:
            with done.get_lock():
                done.value += 1
            if progress is not None:
                progress(done.value, total, task.path)
    return count


def _worker(index: int, staging: Path | None, results: Any) -> None:
    try:
        results.put((index, _run(_work.shares[index], staging, None, 0), ()))
    except BuildError as exc:
        results.put((index, 0, exc.diagnostics))
    except BaseException as exc:  # reported by the parent, which knows how to
        results.put((index, 0, repr(exc)))


def render_tasks(
    tasks: Sequence[Task], jobs: int, staging: Path | None, progress: Progress | None = None
) -> int:
    """Render every task, on ``jobs`` processes, writing under ``staging`` if given."""
    total = len(tasks)
    if jobs <= 1 or total < 2 * jobs or "fork" not in multiprocessing.get_all_start_methods():
        _work.done = multiprocessing.Value("i", 0)
        try:
            return _run(list(tasks), staging, progress, total)
        finally:
            _work.done = None
    context = multiprocessing.get_context("fork")
    _work.shares = share_out(tasks, jobs)
    _work.done = context.Value("i", 0)
    results = context.SimpleQueue()
    children = [
        context.Process(target=_worker, args=(k, staging, results), daemon=True)
        for k in range(1, jobs)
    ]
    try:
        for child in children:
            child.start()
        count = _run(_work.shares[0], staging, progress, total)
        problems: list[Diagnostic] = []
        for _ in children:
            while progress is not None and results.empty():
                progress(_work.done.value, total, "")  # the others' pages, as they come
                time.sleep(0.05)
            _index, made, trouble = results.get()
            if isinstance(trouble, str):
                raise RuntimeError(f"a rendering worker failed: {trouble}")
            problems.extend(trouble)
            count += made
        if problems:
            raise BuildError(problems)
        if progress is not None:
            progress(total, total, "")
        return count
    finally:
        for child in children:
            child.join(timeout=5)
            if child.is_alive():  # pragma: no cover - only after a failure elsewhere
                child.kill()
        _work.shares, _work.done = [], None
        sys.stdout.flush()
