"""Bringing over what the last build made, where nothing it was made from has changed.

A build records, for each job (build/outputs.py), the key of its inputs (build/digests.py) and the
files it wrote with their sizes. The next build, when the settings, the theme and the
code are as they were, compares each job's key with the record: a job whose key is the
same, and whose files are still in the output folder at the sizes recorded, is not run;
its files are hard-linked into the staging folder (copied where the file system cannot
link). The staging folder is swapped in as before, so a build is still all or nothing,
and its output is the same, byte for byte, as a clean build's.

Nothing is ever written through a link: each file belongs to one job, and a job is
either brought over whole or made whole, into new files.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .writer import make_folder

if TYPE_CHECKING:
    from .outputs import Job
    from .parallel import Files, Made


@dataclass(frozen=True)
class Record:
    """What the last build made into ``folder``: each job's key and files, by its path."""

    folder: Path
    jobs: dict[str, tuple[str, Files]]


def still_there(folder: Path, files: Files) -> bool:
    """Every one of ``files`` is in ``folder``, at the size it was made."""
    try:
        return all((folder / path).stat().st_size == size for path, size in files)
    except OSError:
        return False


def _bring(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, target)


def bring_over(
    jobs: Sequence[Job], keys: dict[str, str], record: Record | None, staging: Path
) -> tuple[list[Job], Made]:
    """Bring over into ``staging`` the files of every job whose key is the one recorded;
    returns the jobs that must still run, and what was brought over."""
    if record is None:
        return list(jobs), []
    todo: list[Job] = []
    brought: Made = []
    folders: set[Path] = {staging}
    for job in jobs:
        before = record.jobs.get(job.path)
        if (
            before is None
            or before[0] != keys[job.path]
            or not still_there(record.folder, before[1])
        ):
            todo.append(job)
            continue
        for path, _ in before[1]:
            target = staging / path
            make_folder(target.parent, folders)
            _bring(record.folder / path, target)
        brought.append((job.path, before[1]))
    return todo, brought
