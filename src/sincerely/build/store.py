"""What builds keep for the next: one store, opened when a build starts, closed when it ends.

A store keeps these things, and every builder asks it for them the same way:

- what loading found in each content file (``loaded``), so that an unchanged file is
  neither read nor parsed again (load/preload.py);
- each letter's cards and search terms (``letters``), made once for each version of a
  letter (letterstore.py);
- what each job made, by the key of its inputs (build/digests.py), so that a job whose
  key is unchanged is brought over rather than run (:meth:`Store.made_before`);
- on disk, the layouts as compiled (render/compiling.py), so that a build compiles
  none that the last one did.

A build from the command line keeps them in the project's work folder, signed
(:class:`KeptOnDisk`: the record in record.py, the loaded files, the letters' file);
serve keeps them in memory from one save to the next (:class:`KeptInMemory`), with what
only serve keeps besides: the files themselves, each letter's downloads, the related
letters, and the memo of what rendering read (render/memo.py), which spares a page whose
reads are all unchanged. check, and a build that cannot keep anything (a read-only
checkout), use a store in memory that is dropped afterwards.
"""

from __future__ import annotations

import os
import shutil
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..common.errors import Diagnostic
from ..load.loaded import LoadCache
from ..model.config import Config
from ..theming.theme import Theme
from . import record
from .folders import unchanged_folders
from .letterstore import LetterStore
from .writer import make_folder

# A build with nothing to do opens a store and closes it: what only loading and
# rendering need (the model, Jinja) is imported when they are.
if TYPE_CHECKING:
    from ..load.loaded import Loaded
    from ..load.preload import Share
    from ..model.scenario import Scenario
    from ..render.memo import Memo
    from .digests import Digests
    from .parallel import Files, Made

# Each job's key and the files it made (with their sizes), by the job's main path.
JobsMade = dict[str, tuple[str, "Files"]]


class Store(ABC):
    """What builds keep for the next, whichever way it is kept."""

    loaded: LoadCache
    letters: LetterStore
    # What only serve keeps (None elsewhere): the memo of rendering's reads, and each
    # letter's downloads (by the letter's identity, the letter alongside, so that an
    # identity is never taken for another's).
    memo: Memo | None = None
    downloads: dict[int, tuple[Scenario, dict[str, bytes]]] | None = None
    # The related letters of the last build, with the key they were found for.
    related: tuple[str, list[tuple[int, ...]]] | None = None
    # Where the compiled layouts are kept for the next build (render/compiling.py).
    layouts: Path | None = None

    def begin(self, digests: Digests) -> None:
        """A build of a site whose model has these digests starts."""
        self.letters.begin(digests)

    def load_ahead(self, config: Config, processes: int, *, fresh: bool) -> None:
        """Load, on ``processes`` processes, every scenario file that the store does not
        hold as it now is (the loader then finds them all in ``loaded``)."""
        from ..load import preload

        preload.fill(config, self.loaded, processes)

    @abstractmethod
    def made_before(self, path: str, key: str) -> Files | None:
        """The files the job of main path ``path`` made last time, if its key was ``key``
        and they are all still there; else None."""


def _memo() -> Memo:
    from ..render.memo import Memo

    return Memo()


@dataclass
class KeptInMemory(Store):
    """The store of serve, kept in memory between saves (and of check, dropped after)."""

    loaded: LoadCache = field(default_factory=LoadCache)
    letters: LetterStore = field(default_factory=LetterStore)
    memo: Memo | None = field(default_factory=_memo)
    downloads: dict[int, tuple[Scenario, dict[str, bytes]]] | None = field(default_factory=dict)
    related: tuple[str, list[tuple[int, ...]]] | None = None
    files: dict[str, bytes] = field(default_factory=dict)  # the whole site, by path
    jobs: JobsMade = field(default_factory=dict)

    def made_before(self, path: str, key: str) -> Files | None:
        before = self.jobs.get(path)
        if before is None or before[0] != key:
            return None
        return before[1] if all(p in self.files for p, _ in before[1]) else None

    def forget_layouts(self) -> None:
        """The theme changed: every page and card, made with the old one, is stale."""
        if self.memo is not None:
            self.memo.clear()
        self.letters.forget()
        self.jobs.clear()

    def keep_downloads_of(self, scenarios: set[int]) -> None:
        if self.downloads is not None:
            self.downloads = {k: v for k, v in self.downloads.items() if k in scenarios}


def in_memory_once() -> KeptInMemory:
    """A store for one build that keeps nothing after it (check, a read-only project):
    cards and terms are made once in it, and no page remembers its reads."""
    return KeptInMemory(memo=None, downloads=None)


@dataclass
class KeptOnDisk(Store):
    """The store of a build from the command line: in the project's work folder, signed,
    read when the build starts and written when it ends."""

    config: Config
    inputs: record.Inputs
    cached: dict[str, Any]  # the last build's record, as read ({} when there is none)
    loaded: LoadCache = field(default_factory=LoadCache)
    letters: LetterStore = field(default_factory=LetterStore)
    _loaded_before: dict[str, Loaded] = field(default_factory=dict)
    _listed: dict[str, Share] = field(default_factory=dict)

    @classmethod
    def open(cls, config: Config, theme: Theme, *, fresh: bool, cards: bool) -> KeptOnDisk:
        """What earlier builds into this output folder kept, trusted only where nothing
        it was made with has changed (``fresh``: nothing at all); ``cards``: whether this
        build's letters' cards are kept (the site's builder; not the text forms')."""
        cached = {} if fresh or not cards else record.read(config)
        inputs = record.Inputs.gather(config, theme, cached)
        store = cls(config, inputs, cached)
        # Found for the letters' places, tags and channels then, by this very code.
        if cached.get("related") and cached.get("settings") == inputs.settings:
            key, positions = cached["related"]
            store.related = (key, [tuple(p) for p in positions])
        if cards:
            folder = record.cards_folder(config)
            store.layouts = record.layouts_folder(config)
            if fresh:
                shutil.rmtree(folder, ignore_errors=True)
                shutil.rmtree(store.layouts, ignore_errors=True)
            store.letters = LetterStore(folder, inputs.settings.encode())
        return store

    def unchanged(self) -> bool:
        """Nothing the last build read has changed, and all it made is still there."""
        cached = self.cached
        return (
            bool(cached)
            and self.inputs.same_as(cached)
            and record.outputs_intact(self.config, cached)
        )

    def settle(self) -> tuple[tuple[Diagnostic, ...], dict[str, int]]:
        """Bring the record up to date (see record.settle); the last build's warnings and
        counts, which are this build's."""
        record.settle(self.config, self.cached, self.inputs)
        return record.warnings_of(self.config, self.cached), self.cached["counts"]

    def load_ahead(self, config: Config, processes: int, *, fresh: bool) -> None:
        """Read what loading found before (unless ``fresh``), then load afresh, on
        ``processes`` processes, every scenario file that has changed since."""
        from ..load import preload

        if not fresh:
            self.loaded = preload.read(config)
        self._loaded_before = dict(self.loaded.files)
        self._listed = preload.fill(config, self.loaded, processes)

    def made_before(self, path: str, key: str) -> Files | None:
        if not self.cached or self.cached.get("settings") != self.inputs.settings:
            return None  # made with other settings, theme or code: nothing is brought over
        before = self.cached["jobs"].get(path)
        if before is None or before[0] != key:
            return None
        files: Files = [(p, size) for p, size in before[1]]
        return files if record.still_there(self.config.output_dir, files) else None

    def forget_record(self) -> None:
        """The output is about to hold something else than the record says."""
        record.forget(self.config)

    def close(
        self,
        counts: dict[str, int] | None,
        warnings: tuple[Diagnostic, ...],
        made: JobsMade,
    ) -> None:
        """Keep, for the next build, what this one made (its record, unless ``counts``
        is None: the text forms are not the site the record stands for) and what loading
        found. Raises OSError (a full disk): the caller says the next build starts over."""
        from ..load import preload

        self.letters.keep()
        if counts is not None:
            record.write(self.config, self.inputs, counts, warnings, made, related=self.related)
        preload.write(self.config, self.loaded, self._loaded_before, self._listed)

    def bring_over(
        self, keys: dict[str, str], outputs: dict[str, tuple[str, ...]], staging: Path
    ) -> tuple[Made, list[str]]:
        """Bring over, from the last build into ``staging``, the files of every job (by
        main path, with its key and the paths it makes) made before with the same key;
        returns what was brought over, and the folders to move over whole.

        A folder of the last site is moved over whole (just before the swap: see
        writer.staged) when no job to be made writes into it, it holds no file of a job
        this build no longer has, and it and every folder in it are unchanged since the
        last build (folders.py): an edit costs what it changes, not a
        link per file of the site. The other files of unchanged jobs are hard-linked,
        each checked to be there at its size. The staging folder is swapped in as ever,
        so a build is still all or nothing, and its output is a clean build's, byte for
        byte."""
        cached = self.cached
        if not cached or cached.get("settings") != self.inputs.settings:
            return [], []  # made with other settings, theme or code: nothing is brought over
        before: dict[str, Any] = cached["jobs"]
        same = {job for job, key in keys.items() if job in before and before[job][0] == key}
        unchanged = unchanged_folders(self.config, cached)
        recorded = set(cached.get("folders", {}))
        output = self.config.output_dir
        while True:
            moves = _whole_folders(same, outputs, before, unchanged, recorded)
            moved = set(moves)
            loose = {
                job: [(p, size) for p, size in before[job][1] if moved.isdisjoint(_folders_of([p]))]
                for job in same
            }
            # A job with a file gone is made again: then its folders are no longer whole.
            gone = {job for job, files in loose.items() if not record.still_there(output, files)}
            if not gone:
                break
            same -= gone
        brought: Made = []
        folders: set[Path] = {staging}
        for job in sorted(same):
            for path, _ in loose[job]:
                target = staging / path
                make_folder(target.parent, folders)
                _bring(output / path, target)
            brought.append((job, [(p, size) for p, size in before[job][1]]))
        return brought, moves


def _whole_folders(
    same: set[str],
    outputs: dict[str, tuple[str, ...]],
    before: dict[str, Any],
    unchanged: set[str],
    recorded: set[str],
) -> list[str]:
    """The folders of the last site to move over whole, outermost only: unchanged since
    the last build, with no file of a job to be made (as it lists its outputs) or of a
    job made last time that is not brought over, and every folder in them the same."""
    touched = {""}
    for job, paths in outputs.items():
        if job not in same:
            touched.update(_folders_of(paths))
    for job, (_, files) in before.items():
        if job not in same:
            touched.update(_folders_of(path for path, _ in files))
    movable = unchanged - touched
    for folder in recorded - movable:  # a folder changed inside keeps its folders too
        movable.difference_update(_folders_of([f"{folder}/-"]))
    return sorted(f for f in movable if not set(_folders_of([f])) & movable)


def _folders_of(paths: Iterable[str]) -> Iterator[str]:
    """Every folder the paths are in, and the folders those are in, up to the root."""
    for path in paths:
        folder = path
        while "/" in folder:
            folder = folder.rpartition("/")[0]
            yield folder


def _bring(source: Path, target: Path) -> None:
    """A file of the last build into the new one: hard-linked (never written through: each
    file belongs to one job, brought over whole or made whole), or copied where the file
    system cannot link."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
