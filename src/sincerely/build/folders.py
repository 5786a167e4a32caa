"""Whole folders of the last site, brought into the new one without a look at each file.

A build's record stamps every folder of the output it made (inode and modification
time: a file added to a folder, removed from it or put in another's place changes its
folder's time). The next build moves a folder over whole when its stamp is the same,
and nothing made again writes into it (build/store.py decides which): a few renames, not
a link per file. The moves are the last step before the swap (build/writer.py), noted
first in a journal, with the stop signals held; an error puts them back at once, and a
build killed outright (SIGKILL) leaves the journal, by which the next build or clean
puts them back before anything else. A file written over in place inside a folder is
not looked for: the output is the build's, replaced whole, and ``--fresh`` makes all.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..common.intake import SETTLING_NS
from ..model.config import Config

MOVING = ".sincerely-moving-"


def folder_stamps(output: Path) -> dict[str, list[int]]:
    """Each folder under ``output`` (not itself), by its path in it, as [inode,
    modification time]: a file added to a folder, removed from it or put in another's
    place changes its modification time, so a folder with the same stamp, settled, holds
    what it held. (A file written over in place does not: the output is the build's,
    replaced whole, and a changed file in it is not looked for; ``--fresh`` makes all.)"""
    stamps: dict[str, list[int]] = {}

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    info = entry.stat(follow_symlinks=False)
                    stamps[prefix + entry.name] = [info.st_ino, info.st_mtime_ns]
                    walk(entry.path, f"{prefix}{entry.name}/")

    walk(str(output), "")
    return stamps


def unchanged_folders(config: Config, cached: dict[str, Any]) -> set[str]:
    """The folders of the output that hold what the last build put there, and nothing
    else: stamped the same now as then. A stamp taken too soon after the folder's last
    change to be sure of (a folder that build made) is checked the long way once: its
    entries listed, each file's size compared; a folder settled then is not looked in."""
    taken = cached.get("folders_taken", 0)
    output = config.output_dir
    inside: dict[str, dict[str, int | None]] = {}  # each folder's entries (a file's size)
    for _, files in cached["jobs"].values():
        for path, size in files:
            folder, _, name = path.rpartition("/")
            inside.setdefault(folder, {})[name] = size
    for folder in cached.get("folders", {}):
        parent, _, name = folder.rpartition("/")
        inside.setdefault(parent, {})[name] = None
    same: set[str] = set()
    for folder, (inode, mtime) in cached.get("folders", {}).items():
        where = output / folder
        try:
            info = where.stat(follow_symlinks=False)
        except OSError:
            continue
        if info.st_ino != inode or info.st_mtime_ns != mtime:
            continue
        if mtime < taken - SETTLING_NS or _holds(where, inside.get(folder, {})):
            same.add(folder)
    return same


def _holds(folder: Path, entries: dict[str, int | None]) -> bool:
    """``folder`` holds exactly ``entries``: files at their sizes, folders (None)."""
    try:
        with os.scandir(folder) as found:
            listed = {entry.name: entry for entry in found}
        if listed.keys() != entries.keys():
            return False
        return all(
            listed[name].is_dir(follow_symlinks=False)
            if size is None
            else listed[name].is_file(follow_symlinks=False)
            and listed[name].stat(follow_symlinks=False).st_size == size
            for name, size in entries.items()
        )
    except OSError:
        return False


def journal(scratch: Path, output: Path) -> Path:
    """Where a build notes the folders it moves from the old site into the new one, for
    as long as it takes, so that the next build can put them back if it was killed."""
    return scratch / f"{MOVING}{output.name}.json"


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and the usual stop signals for the moment the old site lends its
    unchanged folders to the new one and the two are swapped: a build stopped by them
    stops before or after it, never within. (SIGKILL cannot be held: for it, the
    journal.)"""
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    if threading.current_thread() is not threading.main_thread():
        yield  # signals are only ever handled on the main thread
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def move_over(output: Path, staging: Path, moves: Sequence[str], scratch: Path) -> None:
    """Move the unchanged folders ``moves`` of the old site into ``staging``, the last
    step before the swap (a few renames: milliseconds), noting them first in a journal."""
    if not moves:
        return
    noted = journal(scratch, output)
    note = {"staging": str(staging), "inode": staging.stat().st_ino, "folders": list(moves)}
    noted.write_text(json.dumps(note), encoding="utf-8")
    for folder in moves:
        target = staging / folder
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():  # a job wrote into a folder said to be untouched: a bug
            raise RuntimeError(f"{folder} was to be moved over whole, but a job wrote in it")
        (output / folder).rename(target)


def move_back(output: Path, noted: Path) -> None:
    """After a build killed while it moved folders of the old site into its staging
    folder (and before the swap), put them back where they were; after the swap, the
    new site is whole in place and there is nothing to put back."""
    try:
        note = json.loads(noted.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        noted.unlink(missing_ok=True)
        return
    staging = Path(note["staging"])
    with contextlib.suppress(OSError):
        if staging.stat().st_ino == note["inode"]:  # not swapped: it is still the new one
            for folder in note["folders"]:
                source, target = staging / folder, output / folder
                if source.is_dir() and not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    source.rename(target)
    noted.unlink(missing_ok=True)
