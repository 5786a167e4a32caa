"""Rendering on several cores.

The site is loaded once; then worker processes are forked, each inheriting the loaded
site, and each renders its share of the pages and writes them straight into the staging
folder. Nothing large crosses between processes (unpickling a thousand loaded letters
costs more than rendering them), only the paths and sizes of the files each job wrote
(for the build's record), or a failure's diagnostics. Every page is
a pure function of the model, so the output is byte for byte the same for any number of
workers. Where fork is not available, pages are rendered in this process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import heapq
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import TYPE_CHECKING

from ..common.errors import BuildError, Diagnostic, Location, cannot_write
from ..common.report import Progress
from .writer import make_folder

if TYPE_CHECKING:
    from .outputs import Job

_PR_SET_PDEATHSIG = 1  # prctl(2)
Files = list[tuple[str, int]]  # the files a job made, each with its size
Made = list[tuple[str, Files]]  # what each job made, by the job's main path


class _Work:
    """The work of this build, set before forking so that each worker inherits it."""

    def __init__(self) -> None:
        self.shares: list[list[Job]] = []
        self.done: Synchronized[int] | None = None
        self.finish: Callable[[], None] | None = None  # each process, after its share


_work = _Work()


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


def _run(share: list[Job], staging: Path | None, progress: Progress | None, total: int) -> Made:
    folders: set[Path] = set()
    made: Made = []
    for job in share:
        written: Files = []
        for path, data in job.make():
            chunks = [data] if isinstance(data, bytes) else data
            if staging is None:
                written.append((path, sum(len(chunk) for chunk in chunks)))
                continue
            target = staging / path
            make_folder(target.parent, folders)
            with target.open("wb") as file:
                written.append((path, sum(file.write(chunk) for chunk in chunks)))
        made.append((job.path, written))
        done = _work.done
        if done is not None:
            with done.get_lock():
                done.value += 1
            if progress is not None:
                progress(done.value, total, job.path)
    if _work.finish is not None:
        _work.finish()
    return made


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when the build that forked it dies (a build killed
    with SIGKILL must not leave workers writing, and holding the output's lock)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _worker(index: int, staging: Path | None, sender: Connection, parent: int) -> None:
    _die_with_parent(parent)
    try:
        sender.send((_run(_work.shares[index], staging, None, 0), ()))
    except BuildError as exc:
        sender.send(([], exc.diagnostics))
    except OSError as exc:  # a full disk, say: the parent's message, at the file
        sender.send(([], (cannot_write(exc, staging or Path.cwd()),)))
    except BaseException as exc:  # reported by the parent, which knows how to
        sender.send(([], repr(exc)))
    finally:
        sender.close()


def _death(child: BaseProcess) -> str:
    code = child.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        return f"it was killed by {name}, perhaps for lack of memory"
    return f"it exited with status {code}"


def _collect(
    children: dict[Connection, BaseProcess],
    where: Path,
    progress: Progress | None,
    total: int,
) -> tuple[Made, list[Diagnostic]]:
    """What each worker made, and its problems, as they come; a worker that dies without
    reporting fails the build at once rather than leaving it waiting forever."""
    made: Made = []
    problems: list[Diagnostic] = []
    pending = dict(children)
    while pending:
        sentinels = {child.sentinel: reader for reader, child in pending.items()}
        ready = wait([*pending, *sentinels], timeout=0.05 if progress is not None else None)
        if progress is not None and _work.done is not None:
            progress(_work.done.value, total, "")  # the others' pages, as they come
        for item in ready:
            reader = sentinels[item] if isinstance(item, int) else item
            if not isinstance(reader, Connection) or reader not in pending:
                continue
            child = pending[reader]
            if not reader.poll():
                continue  # its process ended a moment after it reported: read it next time
            try:
                theirs, trouble = reader.recv()
            except EOFError:  # its process ended with nothing to say
                child.join()
                raise BuildError.single(
                    f"a rendering process stopped before finishing its work ({_death(child)}); "
                    "nothing was changed: build again, or with -j 1 to use one process",
                    Location(where),
                ) from None
            del pending[reader]
            if isinstance(trouble, str):
                raise RuntimeError(f"a rendering worker failed: {trouble}")
            problems.extend(trouble)
            made.extend(theirs)
    return made, problems


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
    _work.finish = finish
    total = len(work)
    if (
        processes <= 1
        or total < 2 * processes
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        _work.done = multiprocessing.Value("i", 0)
        try:
            return _run(list(work), staging, progress, total)
        finally:
            _work.done = _work.finish = None
    context = multiprocessing.get_context("fork")
    _work.shares = share_out(work, processes)
    _work.done = context.Value("i", 0)
    children: dict[Connection, BaseProcess] = {}
    try:
        for k in range(1, processes):
            reader, sender = context.Pipe(duplex=False)
            child: BaseProcess = context.Process(
                target=_worker, args=(k, staging, sender, os.getpid()), daemon=True
            )
            child.start()
            sender.close()  # the parent's copy: the reader sees the end when the child's closes
            children[reader] = child
        made = _run(_work.shares[0], staging, progress, total)
        theirs, problems = _collect(children, where or Path.cwd(), progress, total)
        if problems:
            raise BuildError(problems)
        if progress is not None:
            progress(total, total, "")
        return made + theirs
    finally:
        for reader, child in children.items():
            child.join(timeout=5)
            if child.is_alive():  # pragma: no cover - only after a failure elsewhere
                child.kill()
                child.join()
            reader.close()
        _work.shares, _work.done, _work.finish = [], None, None
        sys.stdout.flush()
