"""Work on several cores: the one way sincerely hands work to forked processes.

Each share of the work is a function of no arguments. The first runs in this process;
each other one in a process forked for it, which inherits everything already in memory
(the loaded site, the settings: nothing large is pickled on the way in) and sends back
only what its function returns. A worker dies with the process that forked it (a build
killed with SIGKILL leaves no worker writing, nor holding the output's lock), and a
worker that dies without reporting fails the work at once rather than leaving it
waiting forever. Loading ahead (load/preload.py) and rendering (build/parallel.py) both
run here.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TypeVar, cast

from .errors import BuildError, Diagnostic, Location, cannot_write

T = TypeVar("T")
_PR_SET_PDEATHSIG = 1  # prctl(2)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when the process that forked it dies."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _worker(share: Callable[[], object], where: Path, sender: Connection, parent: int) -> None:
    _die_with_parent(parent)
    try:
        sender.send((share(), ()))
    except BuildError as exc:
        sender.send((None, exc.diagnostics))
    except OSError as exc:  # a full disk, say: the parent's message, at the file
        sender.send((None, (cannot_write(exc, where),)))
    except BaseException as exc:  # reported by the parent, which knows how to
        sender.send((None, repr(exc)))
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
    doing: str,
    poll: Callable[[], None] | None,
) -> list[object]:
    """What each worker sends, as it comes; ``poll`` is called now and then meanwhile."""
    results: list[object] = []
    problems: list[Diagnostic] = []
    pending = dict(children)
    while pending:
        sentinels = {child.sentinel: reader for reader, child in pending.items()}
        ready = wait([*pending, *sentinels], timeout=0.05 if poll is not None else None)
        if poll is not None:
            poll()
        for item in ready:
            reader = sentinels[item] if isinstance(item, int) else item
            if not isinstance(reader, Connection) or reader not in pending:
                continue
            child = pending[reader]
            if not reader.poll():
                continue  # its process ended a moment after it reported: read it next time
            try:
                result, trouble = reader.recv()
            except EOFError:  # its process ended with nothing to say
                child.join()
                raise BuildError.single(
                    f"a {doing} process stopped before finishing its work ({_death(child)}); "
                    "nothing was changed: build again, or with -j 1 to use one process",
                    Location(where),
                ) from None
            del pending[reader]
            if isinstance(trouble, str):
                raise RuntimeError(f"a {doing} worker failed: {trouble}")
            problems.extend(trouble)
            results.append(result)
    if problems:
        raise BuildError(problems)
    return results


def run_forked(
    shares: Sequence[Callable[[], T]],
    where: Path,
    doing: str,
    poll: Callable[[], None] | None = None,
) -> list[T]:
    """Each share's result, the first run here and each other one in a forked process,
    in no particular order after the first. ``where`` is the folder an error about the
    processes themselves is reported at, ``doing`` what they do ('rendering'), ``poll``
    called now and then while they work. Raises BuildError with every worker's problems."""
    if len(shares) <= 1 or not can_fork():
        return [share() for share in shares]
    context = multiprocessing.get_context("fork")
    children: dict[Connection, BaseProcess] = {}
    try:
        for k in range(1, len(shares)):
            reader, sender = context.Pipe(duplex=False)
            # Forked, not spawned: the share (a closure over what is in memory) is
            # inherited as it is, never pickled.
            child: BaseProcess = context.Process(
                target=_worker, args=(shares[k], where, sender, os.getpid()), daemon=True
            )
            child.start()
            sender.close()  # the parent's copy: the reader sees the end when the child's closes
            children[reader] = child
        first = shares[0]()
        theirs = cast(list[T], _collect(children, where, doing, poll))
        return [first, *theirs]
    finally:
        for reader, child in children.items():
            child.join(timeout=5)
            if child.is_alive():  # pragma: no cover - only after a failure elsewhere
                child.kill()
                child.join()
            reader.close()
        sys.stdout.flush()
