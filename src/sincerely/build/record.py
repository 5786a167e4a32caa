"""The build's memory of what it last made: when nothing has changed, build again at once.

Kept in the project's work folder (``.sincerely/``, see Config.work_dir), one file per
output folder, it records a digest of everything a build reads: every file under
content/ (keyed by content hash, as the stamp is only a shortcut: a file touched but not
changed is still unchanged), the settings, the theme, SOURCE_DATE_EPOCH, and sincerely's
own code, with the warnings the build gave and, for each of its jobs, the key of what
the job was made from (build/digests.py) and the files it wrote, with their sizes. Every path
in it is relative to the project (or to the output), so a moved or cloned project keeps
it. A build whose inputs all match, and whose output is all still there, reports those
warnings and writes nothing. A build whose settings, theme and code match brings over
each job whose key is unchanged (build/reuse.py). Anything else rebuilds the site whole.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..common import signed
from ..common.errors import Diagnostic, Diagnostics, Location, Severity, relative
from ..common.intake import entries_under, files_under, refusal, settled, stamp_of, taken_in
from ..common.workfiles import read_regular, real_folder, write_whole
from ..model.config import PROJECT_SCHEMA, Config
from ..theming.look import own_files
from ..theming.theme import STATIC, Theme
from .folders import folder_stamps, unchanged_folders

if TYPE_CHECKING:
    from .parallel import Files

FORMAT = 5


def _where(config: Config, path: Path) -> str:
    """A path as the cache records it: relative to the project where it is inside."""
    return relative(path, config.root)


def cache_file(config: Config) -> Path:
    output = _where(config, config.output_dir)
    name = hashlib.sha256(output.encode()).hexdigest()[:16]
    return config.work_dir / f"build-{name}.json"


def cannot_keep(config: Config) -> str | None:
    """Why nothing can be kept for the next build (a read-only checkout: the reason, as
    the system gives it); None when the work folder is there, or can be made, to write
    in. A link in its place is not a reason: it is refused (common/workfiles.py)."""
    try:
        real_folder(config.root, config.work_dir)
    except OSError as exc:
        return exc.strerror or str(exc)
    if not os.access(config.work_dir, os.W_OK):
        return os.strerror(errno.EACCES)
    return None


def cards_folder(config: Config) -> Path:
    """Where the letters' cards of builds into this output folder are kept."""
    return cache_file(config).with_suffix(".cards")


def layouts_folder(config: Config) -> Path:
    """Where the compiled layouts of builds into this output folder are kept."""
    return cache_file(config).with_suffix(".layouts")


def _folder_prefix(folder: Path) -> str:
    """A folder's path as the start of the paths of its files: 'site/' ('/' for '/')."""
    return str(folder).rstrip(os.sep) + os.sep


def _path_of(entry: os.DirEntry[str]) -> str:
    return entry.path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def own_files_digest(config: Config, refused: Diagnostics) -> str:
    """A digest of the owner's files that the settings name (logo, favicon, stylesheets,
    scripts): pages show what they are (a logo's width and height), not only where."""
    digest = hashlib.sha256()
    for path in sorted(own_files(config).values()):
        taken = taken_in(path, refused) and path.is_file()
        digest.update(path.read_bytes() if taken else b"-")
    return digest.hexdigest()


def theme_digest(theme: Theme, refused: Diagnostics, *, assets: bool = True) -> str:
    """A digest of the owner's hooks and of every file of the theme's folders, the
    project's layouts first: what the site may take in of them (each refusal goes to
    ``refused``); without ``assets``, of what pages are rendered with only (not
    static/, which no page's bytes show)."""
    digest = hashlib.sha256(theme.hooks.digest.encode())  # the owner's hooks: pages show them
    for index, folder in enumerate(theme.folders):
        for path in files_under(folder, refused):
            if not assets and path.relative_to(folder).parts[0] == STATIC:
                continue
            digest.update(f"{index}:{path.relative_to(folder).as_posix()}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class Inputs:
    """What a build reads, with a hash of each: compared with the last build's."""

    stamps: dict[str, list[Any]]  # path -> [*stamp_of(its stat), sha256]
    settings: str  # everything else: configuration, theme, code
    taken: int  # when the stamps were taken (time.time_ns), for settled()
    # Files read again only because their stamps were not settled when recorded: once
    # they are, the record is brought up to date, so that later builds need not.
    unsettled: int = 0

    @classmethod
    def gather(cls, config: Config, theme: Theme, previous: dict[str, Any]) -> Inputs:
        """What a build reads, as it is now; a file whose stamp is the one ``previous``
        (the last record) has, and was settled then, is not read again."""
        taken = time.time_ns()
        before: dict[str, list[Any]] = previous.get("stamps", {})
        stamps: dict[str, list[Any]] = {}
        unsettled = 0
        # What the site may not take in (common/intake.py) is left out of the walks, and counted
        # into the settings' digest, so that a build never says "nothing changed" while
        # one is there: the loader says where it is.
        refused = Diagnostics()
        # Strings, not Paths, and one stat a file: at 10,000 letters this loop is most
        # of what a build with nothing to do does.
        root = _folder_prefix(config.root)
        for entry in sorted(entries_under(config.content_dir, refused), key=_path_of):
            path = entry.path
            stamp = stamp_of(entry.stat())
            key = path[len(root) :] if path.startswith(root) else path  # as _where() says
            old = before.get(key, [])
            same = tuple(old[:4]) == stamp
            if same and settled(stamp, previous["taken"]):
                stamps[key] = old  # the stamp is unchanged, and was settled: so is the file
            else:
                stamps[key] = [*stamp, _digest(Path(path))]
                unsettled += same and settled(stamp, taken)
        settings = hashlib.sha256()
        if config.pyproject is not None:
            settings.update(config.pyproject.read_bytes())
        settings.update(_where(config, config.output_dir).encode())
        settings.update(config.base_url.encode())  # build --base-url may differ from it
        # The project's copy of the schema: loading warns when it is stale.
        schema = config.root / PROJECT_SCHEMA
        settings.update(
            schema.read_bytes() if refusal(schema) is None and schema.is_file() else b""
        )
        settings.update(own_files_digest(config, refused).encode())
        # The archives' dates come from it: a new value makes new bytes.
        settings.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
        settings.update(theme_digest(theme, refused).encode())
        settings.update(signed.code_fingerprint().encode())
        for problem in refused.items:
            settings.update(f"{problem.location.path}: {problem.message}".encode())
        return cls(stamps, settings.hexdigest(), taken, unsettled)

    def same_as(self, other: dict[str, Any]) -> bool:
        theirs = other.get("stamps", {})
        return other.get("settings") == self.settings and {
            path: stamp[-1] for path, stamp in self.stamps.items()
        } == {path: stamp[-1] for path, stamp in theirs.items()}


def still_there(folder: Path, files: Files) -> bool:
    """Every one of ``files`` is in ``folder``, at the size it was made."""
    return _all_there(_folder_prefix(folder), files)


def _all_there(base: str, files: Files) -> bool:
    try:
        # Joined as strings, not Paths: a Path object for each of a site's files costs more.
        return all(os.stat(base + path).st_size == size for path, size in files)  # noqa: PTH116
    except OSError:
        return False


def read(config: Config) -> dict[str, Any]:
    try:
        data = json.loads(read_regular(cache_file(config)) or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) and data.get("format") == FORMAT else {}


def outputs_intact(config: Config, cached: dict[str, Any]) -> bool:
    """Every file the last build made is still there: in a folder unchanged since
    (see build/folders.py), or else at the size it was made."""
    same = unchanged_folders(config, cached)
    base = _folder_prefix(config.output_dir)
    return _all_there(
        base,
        [
            (path, size)
            for _, files in cached["jobs"].values()
            for path, size in files
            if path.rpartition("/")[0] not in same
        ],
    )


def settle(config: Config, cached: dict[str, Any], inputs: Inputs) -> None:
    """Bring a record up to date with stamps now settled (a build that found nothing
    changed, after files were saved just before the last build that wrote one)."""
    if inputs.unsettled:
        with contextlib.suppress(OSError):  # it only saves reading them again
            write_whole(
                cache_file(config),
                json.dumps({**cached, "stamps": inputs.stamps, "taken": inputs.taken}).encode(),
            )


def write(
    config: Config,
    inputs: Inputs,
    counts: dict[str, int],
    warnings: tuple[Diagnostic, ...],
    jobs: dict[str, tuple[str, Files]],
    *,
    related: tuple[str, list[tuple[int, ...]]] | None = None,
) -> None:
    """Record the build just made: its inputs, counts and warnings, and each job's key
    and files (known from the jobs themselves: nothing is read back from disk)."""
    stamped = time.time_ns()  # before the folders are stamped: sure to be no later
    document = {
        "format": FORMAT,
        "settings": inputs.settings,
        "stamps": inputs.stamps,
        "taken": inputs.taken,
        "jobs": jobs,
        "folders": folder_stamps(config.output_dir),
        "folders_taken": stamped,
        "counts": counts,
        "related": related,
        "warnings": [
            [
                d.severity.value,
                d.message,
                _where(config, d.location.path),
                d.location.line,
                d.location.column,
            ]
            for d in warnings
        ],
    }
    target = cache_file(config)
    real_folder(config.root, target.parent)
    write_whole(target, json.dumps(document).encode("utf-8"))


def warnings_of(config: Config, cached: dict[str, Any]) -> tuple[Diagnostic, ...]:
    return tuple(
        Diagnostic(Severity(kind), message, Location(config.root / path, line, column))
        for kind, message, path, line, column in cached.get("warnings", [])
    )


def forget(config: Config) -> None:
    """Drop the record: the output no longer holds what it describes."""
    cache_file(config).unlink(missing_ok=True)
