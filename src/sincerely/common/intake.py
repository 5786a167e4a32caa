"""What the site takes in: files and folders that are really in the project.

Everything a build reads to make the site (the content: packs, letters, pages; the
project's layouts: templates, static files, catalogs; the owner's files that the settings
name: logo, favicon, stylesheets, scripts) must be a regular file or a folder, itself, in
its place: never a link, a FIFO, a socket or a device. A link can lead anywhere on the
machine (``layouts/static/notes.txt -> /etc/passwd`` would be published), a linked
folder is read but its changes go unseen, a FIFO hangs the build that opens it, and a
loop of links never ends. So there is one rule, with one message for each kind of
entry, located at the entry. The theme that ships inside sincerely is not the project's.

Here too is how a file taken in is known to be unchanged without reading it again (its
stamp), which the build's record and the parse cache both rely on.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import Diagnostics, Location

# ---- telling whether a file taken in has changed, without reading it ----

Stamp = tuple[int, int, int, int]
# File systems keep times to the second (two on FAT), so a change made within the same
# tick as the stamp was taken may keep it (git's "racily clean" files): a stamp taken so
# soon after the file's last change is not trusted, and the file is read again.
SETTLING_NS = 2_000_000_000


def stamp_of(info: os.stat_result) -> Stamp:
    """A file's stamp, as a kept result is checked against: modification time, size,
    inode, and change time, which no tool sets back (cp -p, touch -r, tar and rsync -t
    set the modification time, and the change time moves on)."""
    return (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)


def settled(stamp: Stamp, taken_ns: int) -> bool:
    """Whether ``stamp``, taken at ``taken_ns``, says for sure that a file with the same
    stamp now is the same file: its last change came well before the stamp was taken."""
    return max(stamp[0], stamp[3]) < taken_ns - SETTLING_NS


# ---- what is never content, by its name ----

# Editors' own files: backups ('notes.md~'), swap files, temporary files.
_LEFTOVER_ENDINGS = ("~", ".swp", ".swx", ".tmp")


def leftover(name: str) -> bool:
    """Whether a file is hidden ('.DS_Store', an editor's lock '.#notes.md') or an
    editor's leftover ('notes.md~', '#notes.md#', '.notes.md.swp'): nothing the site
    publishes, and no save that serve rebuilds for."""
    autosave = len(name) > 1 and name.startswith("#") and name.endswith("#")
    return name.startswith(".") or name.endswith(_LEFTOVER_ENDINGS) or autosave


# ---- the rule ----

LINK = (
    "is a link; the site takes in only what is in the project itself (a link can lead "
    "anywhere on this machine): put the file or folder itself here"
)
SPECIAL = (
    "is not a regular file (a FIFO, a socket or a device); the site takes in only files "
    "and folders: remove it"
)


UNREADABLE = "cannot be read ({reason}): let your user read it (chmod), or move it out"


def _unreadable(path: str | Path, folder: bool) -> str | None:
    if os.access(path, os.R_OK | (os.X_OK if folder else 0)):
        return None
    return UNREADABLE.format(reason=os.strerror(errno.EACCES))


def refusal(path: Path) -> str | None:
    """Why the site cannot take ``path`` in; None for a regular file or a folder that
    can be read (or for nothing there: whoever reads it says so)."""
    try:
        mode = path.lstat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:  # in a folder that cannot be read, say
        return UNREADABLE.format(reason=exc.strerror)
    if stat.S_ISLNK(mode):
        return LINK
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return _unreadable(path, stat.S_ISDIR(mode))
    return SPECIAL


def entry_refusal(entry: os.DirEntry[str]) -> str | None:
    """The same, for an entry of a listing, which knows its type already."""
    if entry.is_symlink():
        return LINK
    folder = entry.is_dir(follow_symlinks=False)
    if folder or entry.is_file(follow_symlinks=False):
        return _unreadable(entry.path, folder)
    return SPECIAL


def taken_in(path: Path, out: Diagnostics) -> bool:
    """Whether the site may take ``path`` in; where not, an error at it says why."""
    why = refusal(path)
    if why is not None:
        out.error(why, Location(path))
    return why is None


def entries_under(folder: Path, out: Diagnostics) -> list[os.DirEntry[str]]:
    """Every regular file below ``folder``, as the entries of its listings (which know
    their type, and stat each file once at most), in no particular order; walked without
    following a link; each link or special file met is an error in ``out``, and is left
    out."""
    found: list[os.DirEntry[str]] = []
    stack = [str(folder)] if folder.is_dir() and taken_in(folder, out) else []
    while stack:
        where = stack.pop()
        try:
            with os.scandir(where) as entries:
                listed = list(entries)
        except OSError as exc:
            out.error(UNREADABLE.format(reason=exc.strerror), Location(Path(where)))
            continue
        for entry in listed:
            why = entry_refusal(entry)
            if why is not None:
                out.error(why, Location(Path(entry.path)))
            elif entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            else:
                found.append(entry)
    return found


def files_under(folder: Path, out: Diagnostics) -> list[Path]:
    """Every regular file below ``folder``, sorted (see :func:`entries_under`)."""
    return sorted(Path(entry.path) for entry in entries_under(folder, out))
