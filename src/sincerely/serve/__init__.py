"""``sincerely serve``: build, serve, and rebuild on every save, reloading the browser.

Three parts, each small: webserver.py serves the staging folder (and an error page where a
page cannot be built), watch.py watches the project with file-system events, reload.py
tells the browsers to reload through livereload's WebSocket handler. This module ties
them to the incremental builder (incremental.py, the same jobs as build): the site is
built into a staging folder outside everything watched, so the server never sees its own
output, and each changed file is swapped in whole.
"""

from __future__ import annotations

import contextlib
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

from ..config import load_config
from ..errors import BUG_HINT, BuildError, Diagnostic, Location, Severity, bug_message
from ..incremental import IncrementalBuilder, Rebuild
from ..look import own_files
from ..report import plural
from .reload import reload_browsers
from .watch import Watcher
from .webserver import ServeState, bind, start_server


def _put(staging: Path, relative: str, data: bytes) -> None:
    """Put a file in place whole (written beside it, then renamed over it)."""
    target = staging / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(data)
    partial.replace(target)


def write_changes(staging: Path, rebuild: Rebuild) -> None:
    for relative in rebuild.changed:
        _put(staging, relative, rebuild.files[relative])
    for relative in rebuild.removed:
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
        self.say(
            f"build failed: {plural(errors, 'error')}; "
            "serving the last good pages, and the errors where they are"
        )

    def rebuild(self) -> None:
        started = time.perf_counter()
        try:
            rebuild = self.builder.build()
        except BuildError as exc:
            self.failed(exc.diagnostics)
            return
        except Exception as exc:  # a bug: the server stays up, says so, and goes on watching
            self.failed([_bug(exc, self.builder.project)])
            return
        write_changes(self.state.staging, rebuild)
        self.state.errors = ()
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


@contextlib.contextmanager
def staging_folder() -> Iterator[Path]:
    # Resolved: the handler compares resolved paths with it, and the temporary folder may
    # stand behind a symbolic link (macOS's default TMPDIR does).
    folder = Path(tempfile.mkdtemp(prefix="sincerely-serve-")).resolve()
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def serve(
    project: Path,
    *,
    host: str,
    port: int,
    open_browser: bool,
    say: Callable[[str], None],
    report: Callable[[Iterable[Diagnostic]], None],
) -> None:
    config = load_config(project)
    with staging_folder() as staging:
        builder = IncrementalBuilder(project, staging)
        state = ServeState(staging, config)
        live = LiveSite(builder, state, say, report)
        live.rebuild()
        live.archive()
        loop = IOLoop.current()
        groups = [([p for p in (config.content_dir, config.layouts_dir) if p.is_dir()], True)]
        groups.append(([config.root], False))  # pyproject.toml, which editors replace
        # The folders of the owner's logo, stylesheets and scripts, wherever they are.
        own = {p.parent for p in own_files(config).values() if p.parent.is_dir()}
        trees = (config.content_dir, config.layouts_dir)  # watched whole already
        own -= {config.root, *(d for d in own for t in trees if d.is_relative_to(t))}
        if own:
            groups.append((sorted(own), False))
        watcher = Watcher(groups, live.rebuild, lambda: reload_browsers(loop), live.archive)
        watcher.start()
        sockets = bind(host, port, say)
        start_server(state, sockets)
        url = f"http://{host}:{sockets[0].getsockname()[1]}/"
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
