"""Watching the project for saves: file-system events (watchfiles), not polling.

Each save is rebuilt at once in the watcher's thread, then the browsers are told to
reload, then the slower after-work (the archives) is done: a save reaches the page
without waiting for the gallery to be zipped. One lock keeps rebuilds in order.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import watchfiles

# Editors' own files, and TOML files other than the settings, change nothing.
_EDITOR_LEFTOVERS = ("~", ".swp", ".swx", ".tmp")


def interesting(change: watchfiles.Change, path: str) -> bool:
    name = Path(path).name
    if name.startswith(".") or name.endswith(_EDITOR_LEFTOVERS):
        return False
    return not (name.endswith(".toml") and name != "pyproject.toml")


class Watcher:
    def __init__(
        self,
        groups: list[tuple[list[Path], bool]],  # (folders, recursive)
        on_change: Callable[[], None],
        reload: Callable[[], None],
        after_reload: Callable[[], None],
    ) -> None:
        self._groups = groups
        self._on_change = on_change
        self._reload = reload
        self._after_reload = after_reload
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    def start(self, timeout: float = 10) -> None:
        """Start watching, and return once every folder is watched: a save made after
        the server says where it is must never be missed."""
        ready = []
        for paths, recursive in self._groups:
            event = threading.Event()
            ready.append(event)
            args = (paths, recursive, event)
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

    def _run(self, paths: list[Path], recursive: bool, ready: threading.Event) -> None:
        for changes in watchfiles.watch(
            *paths,
            recursive=recursive,
            step=20,
            debounce=400,
            stop_event=self._stop,
            raise_interrupt=False,
            watch_filter=interesting,
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
