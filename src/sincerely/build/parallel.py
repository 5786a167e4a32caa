"""Rendering on several cores.

The site is loaded once; then worker processes are forked (common/forked.py), each
inheriting the loaded site, and each renders its share of the pages and writes them
straight into the staging folder. Nothing large crosses between processes (unpickling
a thousand loaded letters costs more than rendering them), only the paths and sizes of
the files each job wrote (for the build's record), or a failure's diagnostics. Every
page is a pure function of the model, so the output is byte for byte the same for any number of
workers. Where fork is not available, pages are rendered in this process.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..common.report import Progress
from .writer import make_folder

# multiprocessing and the forking machinery are imported when jobs are run: every build
# asks default_jobs(), and one with nothing to do runs none.
if TYPE_CHECKING:
    from multiprocessing.sharedctypes import Synchronized

    from .outputs import Job

Files = list[tuple[str, int]]  # the files a job made, each with its size
Made = list[tuple[str, Files]]  # what each job made, by the job's main path


class Written(Mapping[str, bytes]):
    """The files the first phase wrote under a folder, read when the archives ask; a
    file in a folder to be moved over whole from the last site is read there."""

    def __init__(self, root: Path, last: Path, moves: list[str]) -> None:
        self.root = root
        self.last = last
        self.moves = moves  # filled in once the jobs are listed

    def __getitem__(self, path: str) -> bytes:
        moved = path.startswith(tuple(f"{folder}/" for folder in self.moves))
        return ((self.last if moved else self.root) / path).read_bytes()

    def __iter__(self) -> Iterator[str]:
        return (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())

    def __len__(self) -> int:
        return sum(1 for _ in self)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def share_out(work: Sequence[Job], workers: int) -> list[list[Job]]:
    """Greedy longest-first: each job, costliest first, to the least loaded worker."""
    heap = [(0, k) for k in range(workers)]
    shares: list[list[Job]] = [[] for _ in range(workers)]
    for job in sorted(work, key=lambda j: (-j.cost, j.path)):
        load, k = heapq.heappop(heap)
        shares[k].append(job)
        heapq.heappush(heap, (load + max(job.cost, 1), k))
    return shares


def _run(
    share: list[Job],
    *,
    staging: Path | None,
    done: Synchronized[int],
    progress: Progress | None,
    total: int,
    finish: Callable[[], None] | None,
) -> Made:
    folders: set[Path] = set()
    made: Made = []
    for job in share:
        written: Files = []
        for path, data in job.make():
            if path not in job.outputs:  # its folder might have been brought over whole
                raise RuntimeError(f"the job {job.path} made {path}, which it did not list")
            chunks = [data] if isinstance(data, bytes) else data
            if staging is None:
                written.append((path, sum(len(chunk) for chunk in chunks)))
                continue
            target = staging / path
            make_folder(target.parent, folders)
            with target.open("wb") as file:
                written.append((path, sum(file.write(chunk) for chunk in chunks)))
        made.append((job.path, written))
        with done.get_lock():
            done.value += 1
        if progress is not None:
            progress(done.value, total, job.path)
    if finish is not None:
        finish()
    return made


def run_jobs(
    work: Sequence[Job],
    processes: int,
    staging: Path | None,
    progress: Progress | None = None,
    where: Path | None = None,
    *,
    finish: Callable[[], None] | None = None,
) -> Made:
    """Render every job, on ``processes`` processes, writing under ``staging`` if given;
    returns what each job made, in no particular order. ``where`` is the folder an error
    about the processes themselves is reported at; ``finish`` is called in each process
    when its share is done."""
    import multiprocessing

    from ..common.forked import can_fork, run_forked

    total = len(work)
    forking = processes > 1 and total >= 2 * processes and can_fork()
    context = multiprocessing.get_context("fork" if forking else None)
    done = context.Value("i", 0)
    shares = share_out(work, processes) if forking else [list(work)]
    # This process reports its own pages as it makes them, the others' as they come.
    mine = partial(_run, staging=staging, done=done, total=total, finish=finish)
    runs = [partial(mine, shares[0], progress=progress)]
    runs += [partial(mine, share, progress=None) for share in shares[1:]]
    poll = (lambda: progress(done.value, total, "")) if progress is not None else None
    made = [m for ran in run_forked(runs, where or Path.cwd(), "rendering", poll) for m in ran]
    if forking and progress is not None:
        progress(total, total, "")
    return made
