"""Phase three: put the rendered files on disk, all at once or not at all.

The site is written into a staging folder beside the output folder and then swapped in
with one atomic rename (Linux's renameat2 RENAME_EXCHANGE where it exists), so a reader
or a web server sees either the old site or the new one, never a mixture; a build that
fails or is killed leaves the old site byte for byte. Leftovers of a killed build are
cleared by the next one.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from ..common import timings
from ..common.errors import BuildError, Location, SiteReplacedInterrupt, cannot_write
from ..common.workfiles import real_folder
from ..model.config import Config
from . import folders

MARKER = ".sincerely-build"
MARKER_TEXT = b"This folder is made by sincerely and replaced whole on every build.\n"
_STAGING = ".sincerely-staging-"
_RETIRED = ".sincerely-retired-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _repository_in(folder: Path, deep: bool) -> Path | None:
    """A git repository (a .git entry) at the top of ``folder`` or, when ``deep``, at any
    depth, links not followed."""
    if not deep:
        return folder / ".git" if (folder / ".git").exists() else None
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name == ".git":
                return Path(entry.path)
            if entry.is_dir(follow_symlinks=False) and (
                found := _repository_in(Path(entry.path), True)
            ):
                return found
    return None


def _refuse_protected(config: Config, doing: str, deep: bool) -> None:
    """Refuse to replace or remove an output folder that is, or holds, what no build
    made: the project, its content, layouts or source, or a git repository. One rule for
    build and clean, whatever marker file the folder holds (a marker can be copied in, or
    committed by a pull request)."""
    output = config.output_dir
    protected = {
        "the project folder": config.root,
        "the content folder": config.content_dir,
        "the layouts folder": config.layouts_dir,
        "the source folder": config.root / "src",
    }
    for what, path in protected.items():
        if path == output or path.is_relative_to(output):
            raise BuildError.single(
                f"{doing} {output}: it is or contains {what}; choose another output "
                "folder (-o, or output_dir in the settings)",
                Location(output),
            )
    for what, path in (("content", config.content_dir), ("layouts", config.layouts_dir)):
        if output.is_relative_to(path):
            raise BuildError.single(
                f"{doing} {output}: it is inside the {what} folder; choose an output "
                "folder outside it (-o, or output_dir in the settings)",
                Location(output),
            )
    repository = _repository_in(output, deep) if output.is_dir() else None
    if repository is not None:
        raise BuildError.single(
            f"{doing} {output}: it is or contains a git repository ({repository}); "
            "choose another output folder (-o, or output_dir in the settings)",
            Location(output),
        )


def check_output_dir(config: Config, deep: bool = False) -> None:
    """Refuse output folders that a build must never replace (``deep``: look for a git
    repository anywhere inside, as a build does before it replaces the folder)."""
    output = config.output_dir
    _refuse_protected(config, "refusing to build into", deep)
    existing = next(p for p in (output, *output.parents) if p.exists())
    if not existing.is_dir():
        raise BuildError.single(
            f"cannot build into {output}: {existing} is a file, not a folder; "
            "choose another output folder (-o)",
            Location(output),
        )
    if output.is_dir() and not (output / MARKER).is_file() and any(output.iterdir()):
        raise BuildError.single(
            f"refusing to build into {output}: the folder is not empty and was not made by "
            f"sincerely (it has no {MARKER} file); choose an empty or new folder (-o)",
            Location(output),
        )


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically; False where the system cannot."""
    # Imported here, not above: only a build that writes a site swaps, and the checks of
    # a build with nothing to do need none of it.
    import ctypes
    import ctypes.util

    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


@contextlib.contextmanager
def _locked(parent: Path) -> Iterator[None]:
    """One build at a time per output folder's parent (where the staging folders and a
    move's journal live, which a build tidies up). A second build waits for the first,
    saying so once, as cargo does: two builds into sibling folders are made one after
    the other rather than refused."""
    fd = os.open(parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"waiting for another sincerely build writing in {parent} to finish",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _scratch_dir(config: Config) -> Path:
    """Where a build stages the new site: the project's work folder, which git ignores,
    when it is on the output's file system (a rename cannot cross to another one);
    beside the output folder otherwise."""
    output = config.output_dir
    work = config.work_dir
    real_folder(config.root, work)  # a link here would take the staging folder elsewhere
    try:
        if work.stat().st_dev == output.parent.stat().st_dev:
            return work
    except OSError:
        pass
    return output.parent


def _clear_leftovers(output: Path, scratch: Path) -> None:
    """Remove what a killed build left behind, restoring the site if it was mid-swap.
    Both places a build may stage in are cleared: the work folder's file system may have
    changed since the killed build chose it."""
    stem = output.name
    places = sorted({scratch, output.parent})
    for leftover in sorted(p for place in places for p in place.glob(f"{_RETIRED}{stem}-*")):
        if not output.exists() and (leftover / MARKER).is_file():
            leftover.rename(output)  # killed between the two renames of the fallback swap
        else:
            shutil.rmtree(leftover, ignore_errors=True)
    for place in places:
        folders.move_back(output, folders.journal(place, output))
    for leftover in (p for place in places for p in place.glob(f"{_STAGING}{stem}-*")):
        shutil.rmtree(leftover, ignore_errors=True)


def make_folder(folder: Path, made: set[Path]) -> None:
    """Make ``folder`` (and its parents) unless it is in ``made``, the folders made
    already: a site's thousands of files are in a few folders."""
    if folder not in made:
        folder.mkdir(parents=True, exist_ok=True)
        made.add(folder)


def write_files(staging: Path, files: Iterable[tuple[str, bytes]]) -> int:
    """Write ``files`` under ``staging``; returns how many."""
    made: set[Path] = {staging}
    count = 0
    for relative, data in files:
        target = staging / relative
        make_folder(target.parent, made)
        target.write_bytes(data)
        count += 1
    return count


@contextlib.contextmanager
def staged(
    config: Config,
    before_swap: Callable[[], None] = lambda: None,
    keep: bool = True,
    moves: Sequence[str] = (),
) -> Iterator[Path]:
    """A fresh staging folder beside the output folder; when the block ends without an
    error, ``before_swap`` runs (the build forgets its record there, so that a build
    killed between the swap and its new record is never taken for the one before), the
    folders of the old site named in ``moves`` (filled in by the block: unchanged, see
    build/store.py) are moved into the staging folder, which then becomes the output
    folder in one step, and the rest of the old site is removed.
    Without ``keep`` (a read-only project), nothing is staged in the work folder."""
    check_output_dir(config, deep=True)
    output = config.output_dir
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with _locked(output.parent):
            scratch = _scratch_dir(config) if keep else output.parent
            _clear_leftovers(output, scratch)
            staging = Path(tempfile.mkdtemp(prefix=f"{_STAGING}{output.name}-", dir=scratch))
            try:
                yield staging
                (staging / MARKER).write_bytes(MARKER_TEXT)
                staging.chmod(0o755)
                before_swap()
                with timings.phase("swapped in"), folders.signals_held():
                    try:
                        folders.move_over(output, staging, moves, scratch)
                        _swap_in(staging, output, scratch)
                    finally:  # swapped: nothing to do; else the old site's folders go back
                        folders.move_back(output, folders.journal(scratch, output))
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
            with replaced(), timings.phase("old site removed"):
                shutil.rmtree(staging, ignore_errors=True)  # the old site, now
    except OSError as exc:
        raise BuildError([cannot_write(exc, output)]) from None


@contextlib.contextmanager
def replaced() -> Iterator[None]:
    """Work done after the new site was swapped in: an interrupt here says so."""
    try:
        yield
    except KeyboardInterrupt:
        raise SiteReplacedInterrupt from None


@contextlib.contextmanager
def throwaway() -> Iterator[Path]:
    """Where check renders: a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="sincerely-check-") as folder:
        yield Path(folder)


def write_site(config: Config, files: Iterable[tuple[str, bytes]]) -> int:
    """Write ``files`` as the whole new site; returns how many were written."""
    with staged(config) as staging:
        return write_files(staging, files)


def _swap_in(staging: Path, output: Path, scratch: Path) -> None:
    """Make ``staging`` the output folder; afterwards ``staging`` holds the old site."""
    if not output.exists():
        staging.rename(output)
        staging.mkdir()  # so the caller's clean-up has something to remove
        return
    if _exchange(staging, output):
        return
    retired = scratch / f"{_RETIRED}{output.name}-{os.getpid()}"
    output.rename(retired)
    staging.rename(output)
    retired.rename(staging)


def clean(config: Config) -> list[Path]:
    """Remove what builds made: the output folder, if a build made it, the work folder
    (cache, staging) and anything a killed build left beside the output; returns the
    folders removed. A folder sincerely did not make is refused, never removed."""
    output = config.output_dir
    _refuse_protected(config, "not removing", deep=True)
    if output.is_dir() and not (output / MARKER).is_file() and any(output.iterdir()):
        raise BuildError.single(
            f"not removing {output}: it was not made by sincerely (it has no {MARKER} "
            "file); remove it yourself if you mean to",
            Location(output),
        )
    parent = output.parent if output.parent.is_dir() else config.root
    removed = []
    with _locked(parent):
        leftovers = [*parent.glob(f"{_STAGING}{output.name}-*")]
        leftovers += parent.glob(f"{_RETIRED}{output.name}-*")
        for folder in (output, config.work_dir, *sorted(leftovers)):
            if folder.is_symlink():  # a committed link: remove it, never what it points at
                folder.unlink()
                removed.append(folder)
            elif folder.is_dir():
                shutil.rmtree(folder)
                removed.append(folder)
    return removed
