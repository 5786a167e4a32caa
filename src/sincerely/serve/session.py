"""``sincerely serve``: build, serve, and rebuild on every save, reloading the browser.

Three parts, each small: webserver.py serves the staging folder (and an error page where a
page cannot be built), watch.py watches the project with file-system events, reload.py
tells the browsers to reload through livereload's WebSocket handler. This module ties
them to the incremental builder (serve/rebuild.py, the same jobs as build): the site is
built into a staging folder outside everything watched, so the server never sees its own
output, and each changed file is swapped in whole.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import webbrowser
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tornado.ioloop import IOLoop

from ..common import urls
from ..common.errors import BUG_HINT, BuildError, Diagnostic, Location, Severity, bug_message
from ..common.report import plural
from ..common.workfiles import write_whole
from ..model.config import Config, load_config
from ..theming.hooks import hook_files
from ..theming.look import own_files
from .rebuild import IncrementalBuilder, Rebuild
from .reload import pages_shown, reload_browsers, wait_for_pages
from .watch import Group, Watcher, named
from .webserver import ServeState, bind, start_server


def _put(staging: Path, relative: str, data: bytes) -> None:
    """Put a file in place whole, as every file sincerely keeps is (common/workfiles.py)."""
    target = staging / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    write_whole(target, data)


def write_changes(staging: Path, rebuild: Rebuild) -> None:
    for relative in rebuild.changed:
        _put(staging, relative, rebuild.files[relative])
    _remove(staging, rebuild.removed)


def _remove(staging: Path, removed: Iterable[str]) -> None:
    for relative in removed:
        with contextlib.suppress(FileNotFoundError):
            (staging / relative).unlink()


def _bug(exc: Exception, project: Path) -> Diagnostic:
    return Diagnostic(Severity.ERROR, f"{bug_message(exc)}. {BUG_HINT}.", Location(project))


@dataclass
class LiveSite:
    """The builder, the staging folder and the state the server shows."""

    builder: IncrementalBuilder
    state: ServeState
    say: Callable[[str], None]
    report: Callable[[Iterable[Diagnostic]], None]
    first: bool = True
    # Watches any folder that has appeared since (layouts/, made by theme copy).
    watch_new: Callable[[], None] = lambda: None
    # Tells the browsers to reload (a stylesheet's path: its styles only), and which
    # pages they show (made first).
    reload: Callable[[str], None] = lambda path: None
    shown: Callable[[], set[str]] = set
    wait_back: Callable[[], object] = lambda: None
    _reloaded: bool = False
    _styles: str = ""  # the stylesheet changed, if nothing but stylesheets did

    def reload_unless_done(self) -> None:
        """After a rebuild: reload the browsers, unless the pages they show were made
        first and they were told then; when only stylesheets changed, only those."""
        if not self._reloaded:
            self.reload(self._styles or "*")
        self._reloaded = False

    def _early(self, changed: dict[str, bytes], removed: tuple[str, ...]) -> None:
        """The pages the browsers show are made, the rest not yet: put them in place, take
        away the files that go (a deleted letter's page, which a page reloaded now no
        longer links to) and reload now, if anything changed (an edit to another letter
        leaves them as they are)."""
        for relative, data in changed.items():
            _put(self.state.staging, relative, data)
        _remove(self.state.staging, removed)
        if changed or removed:
            self.state.errors = ()
            self.reload("*")
            self._reloaded = True
            # The rest of the rebuild would hold the GIL while this process answers the
            # reloaded page's requests: it waits until the page is back (half a second
            # at most, for a browser that does not come back).
            self.wait_back()

    def archive(self) -> None:
        """Zip the downloads, after the browser has been told to reload."""
        try:
            for relative in self.builder.archive():
                _put(self.state.staging, relative, self.builder.file(relative))
        except BuildError as exc:
            self.failed(exc.diagnostics)
        except Exception as exc:  # a bug: the server stays up, and says so
            self.failed([_bug(exc, self.builder.project)])

    def failed(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.report(diagnostics)
        self.state.fail(tuple(diagnostics))
        errors = sum(d.is_error for d in diagnostics)
        said = plural(errors, "error") if errors else plural(len(diagnostics), "warning")
        self.say(
            f"build failed: {said}{'' if errors else ' (errors, under -W)'}; "
            "serving the last good pages, and the errors where they are"
        )

    def rebuild(self) -> None:
        self.watch_new()  # first: a save into a new folder after this rebuild is seen
        started = time.perf_counter()
        self._reloaded = False
        try:
            rebuild = self.builder.build(self.shown(), self._early)
        except BuildError as exc:
            self.failed(exc.diagnostics)
            return
        except Exception as exc:  # a bug: the server stays up, says so, and goes on watching
            self.failed([_bug(exc, self.builder.project)])
            return
        write_changes(self.state.staging, rebuild)
        try:  # as after a build: the hooks see the site as it now is
            self.builder.post_build(self.state.staging)
        except BuildError as exc:
            self.failed(exc.diagnostics)
            return
        styles = all(p.endswith(".css") for p in rebuild.changed) and not rebuild.removed
        self._styles = rebuild.changed[0] if styles and rebuild.changed else ""
        had_errors, self.state.errors = bool(self.state.errors), ()
        if had_errors:
            self._styles = ""  # the error page goes: the page itself comes back
        self.report(rebuild.result.warnings)
        took = (time.perf_counter() - started) * 1000
        if self.first:
            self.say(f"built {plural(len(rebuild.files), 'file')} in {took:.0f} ms")
            self.first = False
        else:
            self.say(
                f"rebuilt in {took:.0f} ms: {plural(len(rebuild.changed), 'file')} changed, "
                f"{len(rebuild.removed)} removed"
            )


def watched_groups(config: Config, extra: Iterable[Path] = ()) -> list[Group]:
    """What serve watches (see watch.py): the folders there are now, and ``extra``
    (serve --watch's files and folders)."""
    trees = [p for p in (config.content_dir, config.layouts_dir) if p.is_dir()]
    trees += [p for p in extra if p.is_dir()]
    own = [*own_files(config).values(), *hook_files(config), *(p for p in extra if p.is_file())]
    # The project's own folder: pyproject.toml (which editors replace), the owner's
    # files that stand there, and the content or layouts folder, should one appear.
    names = {"pyproject.toml", *(p.name for p in own if p.parent == config.root)}
    names |= {p.name for p in (config.content_dir, config.layouts_dir) if p.parent == config.root}
    groups = [Group(tuple(trees), True), Group((config.root,), False, named(names))]
    # The folders of the owner's other files, wherever they are.
    folders = {p.parent for p in own if p.parent.is_dir() and p.parent != config.root}
    folders -= {f for f in folders for t in trees if f.is_relative_to(t)}  # watched whole
    if folders:
        groups.append(Group(tuple(sorted(folders)), False))
    return groups


def _watchable(path: Path) -> Path:
    """A file or folder that serve --watch names, resolved; one not there is an error."""
    if not path.exists():
        raise BuildError.single(
            "serve --watch: there is no file or folder here; give one that exists "
            "(a path from the current folder)",
            Location(path),
        )
    return path.resolve()


_STAGING = "sincerely-serve-"
BACK_WITHIN = 0.5  # seconds the rest of a rebuild waits for a reloaded page


def _clear_killed_servers() -> None:
    """Remove the staging folders of servers that were killed outright (SIGKILL leaves no
    chance to clean up): each folder is named after its server's process, and one whose
    process is gone, and that is this user's, is a leftover."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_STAGING}*-*"):
        pid = folder.name.removeprefix(_STAGING).split("-", 1)[0]
        if not pid.isdigit() or not folder.is_dir() or folder.is_symlink():
            continue
        try:
            os.kill(int(pid), 0)
            continue  # still running
        except ProcessLookupError:
            pass
        except PermissionError:
            continue  # another user's
        if folder.stat().st_uid == os.getuid():
            shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def staging_folder() -> Iterator[Path]:
    _clear_killed_servers()
    # Resolved: the handler compares resolved paths with it, and the temporary folder may
    # stand behind a symbolic link (macOS's default TMPDIR does).
    folder = Path(tempfile.mkdtemp(prefix=f"{_STAGING}{os.getpid()}-")).resolve()
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def serve(
    project: Path,
    *,
    strict: bool = False,
    watch: Sequence[Path] = (),
    host: str,
    port: int,
    open_browser: bool,
    say: Callable[[str], None],
    report: Callable[[Iterable[Diagnostic]], None],
) -> None:
    config = load_config(project)
    watch = tuple(_watchable(path) for path in watch)
    with staging_folder() as staging:
        builder = IncrementalBuilder(project, staging, strict, watched=watch)
        state = ServeState(staging, config, strict=strict)
        loop = IOLoop.current()
        live = LiveSite(builder, state, say, report)
        live.reload, live.shown = (lambda path: reload_browsers(loop, path)), pages_shown
        live.wait_back = lambda: wait_for_pages(BACK_WITHIN)
        live.rebuild()
        live.archive()
        watcher = Watcher(live.rebuild, live.reload_unless_done, live.archive)
        live.watch_new = lambda: watcher.watch(watched_groups(config, watch))
        watcher.watch(watched_groups(config, watch))
        sockets = bind(host, port, say)
        start_server(state, sockets)
        url = urls.served_at(host, sockets[0].getsockname()[1])
        say(f"Serving {config.root} at {url} (Ctrl-C to stop)")
        sys.stdout.flush()
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        # SIGTERM stops the server as cleanly as Ctrl-C does.
        signal.signal(signal.SIGTERM, lambda *_: _interrupt())
        try:
            loop.start()
        finally:
            watcher.stop()
            for sock in sockets:
                sock.close()
        say("stopped; the staging folder is removed.")


def _interrupt() -> None:
    raise KeyboardInterrupt
