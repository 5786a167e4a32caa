"""Reading and writing what a build keeps for itself, in a folder it does not own alone.

The work folder (``.sincerely/``) lives in the project, where a pull request can commit
anything: a link named like the file a build is about to write (which would have the
build overwrite whatever it points at, anywhere the user can write), a link in place of
the folder itself, a FIFO named like a kept file (which would hang the build that reads
it). So, here and only here:

- every folder on the way to a kept file is a real folder, made if missing; a link is
  refused, located, and never followed;
- a file is written under a fresh, unpredictable name opened with O_EXCL, then renamed
  over its target (a rename replaces a link, never what it points at);
- a kept file is read only if it is a regular file, opened without following a link.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import BuildError, Location


def real_folder(root: Path, folder: Path) -> Path:
    """``folder`` (inside ``root``), made if missing, every part of it from ``root`` on a
    real folder: a link, or a file in the way, is a located error."""
    current = root
    for part in folder.relative_to(root).parts:
        current = current / part
        try:
            found = current.lstat()
        except FileNotFoundError:
            current.mkdir()
            continue
        if stat.S_ISLNK(found.st_mode):
            raise BuildError.single(
                "is a link; sincerely keeps its own files here only in a real folder, and "
                "never writes through a link: remove it (builds make the folder again)",
                Location(current),
            )
        if not stat.S_ISDIR(found.st_mode):
            raise BuildError.single(
                "is in the way of the folder where sincerely keeps its own files: remove "
                "it (builds make the folder again)",
                Location(current),
            )
    return folder


def write_whole(path: Path, pieces: bytes | Iterable[bytes]) -> None:
    """Write ``path`` whole or not at all, never through a link: the pieces go to a
    fresh file beside it (O_EXCL, a name no one can guess), renamed over it at the end."""
    fd, fresh = tempfile.mkstemp(prefix=f"{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as file:
            for piece in [pieces] if isinstance(pieces, bytes) else pieces:
                file.write(piece)
        Path(fresh).replace(path)
    except BaseException:
        Path(fresh).unlink(missing_ok=True)
        raise


def read_regular(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is a regular file (not a link, a FIFO or a device,
    which are never opened for long); else None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as file:
            return file.read()
    except OSError:
        return None
    finally:
        os.close(fd)
