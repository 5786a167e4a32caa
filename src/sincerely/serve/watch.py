"""Watching the project for saves: file-system events (watchfiles), not polling.

Each save is rebuilt at once in the watcher's thread, then the browsers are told to
reload, then the slower after-work (the archives) is done: a save reaches the page
without waiting for the gallery to be zipped. One lock keeps rebuilds in order.

What is watched is a set of groups, each some folders, watched whole or not, with a
filter of its own: the content and layouts folders whole; the project's own folder for
pyproject.toml alone (and the owner's files that stand there, and the content or
layouts folder appearing), never for anything else, such as a log that serve writes
there; the folders of the owner's other files. A folder that appears while serving
(layouts/, made by `theme copy`) is watched from then on (see ``watch``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import watchfiles

from ..common.intake import leftover

Keep = Callable[[watchfiles.Change, str], bool]


def interesting(change: watchfiles.Change, path: str) -> bool:
    # Editors' own files, and TOML files other than the settings, change nothing.
    name = Path(path).name
    if leftover(name):
        return False
    return not (name.endswith(".toml") and name != "pyproject.toml")


def named(names: Collection[str]) -> Keep:
    """A filter for a folder watched for a few of its entries alone."""
    return lambda change, path: Path(path).name in names


@dataclass(frozen=True)
class Group:
    folders: tuple[Path, ...]
    recursive: bool
    keep: Keep = interesting


class Watcher:
    def __init__(
        self,
        on_change: Callable[[], None],
        reload: Callable[[], None],
        after_reload: Callable[[], None],
    ) -> None:
        self._on_change = on_change
        self._reload = reload
        self._after_reload = after_reload
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._watched: set[tuple[Path, bool]] = set()

    def watch(self, groups: list[Group], timeout: float = 10) -> None:
        """Watch each group's folders not watched yet, and return once they are: a save
        made after the server says where it is must never be missed."""
        ready = []
        for group in groups:
            folders = tuple(f for f in group.folders if (f, group.recursive) not in self._watched)
            if not folders:
                continue
            self._watched.update((f, group.recursive) for f in folders)
            event = threading.Event()
            ready.append(event)
            args = (Group(folders, group.recursive, group.keep), event)
            thread = threading.Thread(target=self._run, args=args, daemon=True)
            thread.start()
            self._threads.append(thread)
        for event in ready:
            event.wait(timeout)

    def stop(self, timeout: float = 5) -> None:
        """Stop watching, and wait for the watching threads to end (each notices within
        rust_timeout): a thread still inside watchfiles' native code when Python exits
        is unwound by force, which watchfiles before 1.1 turns into an abort ("FATAL:
        exception not rethrown") instead of a clean exit."""
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout)

    def _run(self, group: Group, ready: threading.Event) -> None:
        for changes in watchfiles.watch(
            *group.folders,
            recursive=group.recursive,
            step=20,
            debounce=400,
            stop_event=self._stop,
            raise_interrupt=False,
            watch_filter=group.keep,
            # An empty batch after each quiet spell: the first one says we are watching.
            yield_on_timeout=True,
            rust_timeout=100,
        ):
            ready.set()
            if not changes:
                continue
            with self._lock:
                self._on_change()
            self._reload()
            with self._lock:
                self._after_reload()
