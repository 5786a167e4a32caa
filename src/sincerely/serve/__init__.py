"""``sincerely serve``: build, serve, and rebuild on every save, reloading the browser.

It runs on livereload's Server and its WebSocket reload protocol, with three changes
that the live servers of our peers are most complained about for:

- A watcher driven by file-system events (watchfiles), not livereload's 0.8 s polling,
  which also tells livereload to reload at once (its '__livereload__' path), not after
  the 3 s it otherwise waits between reloads, so two saves a second apart both reload.
- The site is built into a staging folder outside everything watched, so the server
  never sees its own output, and each changed page is swapped in whole.
- Pages are served by our own handler: livereload's injects an inline script, which the
  pages' Content-Security-Policy forbids. Ours adds an external reload script, allows
  the page to open a WebSocket to its own host (connect-src 'self', in serve only), and
  shows an error page, with the same messages as ``check``, where a page cannot be built.
"""

from __future__ import annotations

import contextlib
import errno
import html
import mimetypes
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import webbrowser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

import watchfiles
from livereload import Server
from livereload.handlers import LiveReloadHandler
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.netutil import bind_sockets

from .config import Config, load_config
from .errors import BuildError, Diagnostic
from .incremental import IncrementalBuilder, Rebuild
from .report import plural

RELOAD_SCRIPT_PATH = "/__sincerely__/reload.js"
RELOAD_SCRIPT = b"""// Added by sincerely serve: reload on every rebuild (livereload protocol 7).
(function () {
  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  var socket = new WebSocket(scheme + location.host + "/livereload");
  var protocol = "http://livereload.com/protocols/official-7";
  socket.onopen = function () {
    socket.send(JSON.stringify({command: "hello", protocols: [protocol]}));
  };
  socket.onmessage = function (event) {
    var message = JSON.parse(event.data);
    if (message.command === "hello") {
      socket.send(JSON.stringify({command: "info", url: location.href, plugins: {}}));
    }
    if (message.command === "reload") location.reload();
  };
})();
"""
PORT_TRIES = 50


@dataclass
class ServeState:
    """What the server shows: the staging folder, and the errors of the last build."""

    staging: Path
    config: Config
    errors: tuple[Diagnostic, ...] = ()
    error_pages: frozenset[str] | None = frozenset()  # None: every page

    def shows_error(self, path: str) -> bool:
        if not self.errors or not path.endswith(".html"):
            return False
        return self.error_pages is None or path in self.error_pages


def pages_for(diagnostics: Iterable[Diagnostic], config: Config) -> frozenset[str] | None:
    """The site pages that the files with errors make; None when the error is in the
    configuration or a layout, which every page depends on."""
    pages: set[str] = set()
    for diagnostic in diagnostics:
        if not diagnostic.is_error:
            continue
        path = diagnostic.location.path
        if not path.is_relative_to(config.content_dir):
            return None
        parts = PurePosixPath(path.relative_to(config.content_dir).as_posix()).parts
        if len(parts) == 1:
            pages.add("index.html" if parts[0] == "index.md" else f"{Path(parts[0]).stem}.html")
        elif parts[-1] == "_pack.yaml":
            pages.add(f"{parts[0]}/index.html")
        else:
            pages.add(f"{parts[0]}/{Path(parts[-1]).stem}.html")
    return frozenset(pages)


def error_page(errors: Iterable[Diagnostic], root: Path) -> bytes:
    lines = "\n".join(html.escape(d.format(root)) for d in errors)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Build error · sincerely serve</title>\n"
        '<link rel="stylesheet" href="/static/site.css">\n</head>\n<body>\n<main id="main">\n'
        "<h1>This page could not be built</h1>\n"
        "<p>sincerely found these problems. Fix them and save: this page reloads by itself.</p>\n"
        f'<pre class="build-errors">{lines}</pre>\n</main>\n</body>\n</html>\n'
    ).encode()


def for_serving(page: bytes) -> bytes:
    """A built page as the live server sends it: with the reload script, and allowed to
    open the reload WebSocket to its own host."""
    page = page.replace(b"default-src 'none';", b"default-src 'none'; connect-src 'self';", 1)
    script = f'<script src="{RELOAD_SCRIPT_PATH}" defer></script>\n</head>'.encode()
    return page.replace(b"</head>", script, 1)


class SiteHandler(web.RequestHandler):
    """Serves the staging folder, never caching, never serving a half-written page."""

    def initialize(self, state: ServeState) -> None:
        self.state = state

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-cache")

    def head(self, path: str) -> None:
        self.get(path, include_body=False)

    def get(self, path: str, include_body: bool = True) -> None:
        relative = unquote(path).lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        staging = self.state.staging
        target = (staging / relative).resolve()
        if not target.is_relative_to(staging):
            raise web.HTTPError(404)
        if self.state.shows_error(relative):
            body = for_serving(error_page(self.state.errors, self.state.config.root))
        elif target.is_file():
            body = target.read_bytes()
            if target.suffix == ".html":
                body = for_serving(body)
        else:
            self.set_status(404)
            not_found = staging / "404.html"
            body = for_serving(not_found.read_bytes()) if not_found.is_file() else b"Not found"
            relative = "404.html"
        kind = mimetypes.guess_type(relative)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        self.set_header("Content-Type", kind)
        if include_body:
            self.write(body)


class ReloadScriptHandler(web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "application/javascript; charset=utf-8")
        self.set_header("Cache-Control", "no-cache")
        self.write(RELOAD_SCRIPT)


class EventWatcher:
    """A livereload watcher driven by file-system events instead of polling.

    livereload asks a watcher to ``start(callback)``; returning True tells it not to
    poll. On each change we rebuild (in the watcher's thread), then call back on the
    server's IOLoop, and ``examine`` answers '__livereload__', which livereload reloads
    at once.
    """

    def __init__(
        self,
        groups: list[tuple[list[Path], bool]],
        on_change: Callable[[], None],
        after_reload: Callable[[], None] = lambda: None,
    ):
        self._groups = groups  # (paths, recursive)
        self._on_change = on_change
        self._after_reload = after_reload
        self._tasks = {"sincerely": None}  # livereload watches the cwd if this is empty
        self._changes: list[Any] = []  # livereload appends a start-up entry; unused
        self.filepath: str | None = None
        self._reload = False
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._loop: IOLoop | None = None
        self._callback: Callable[[], None] | None = None

    def watch(self, *args: object, **kwargs: object) -> None:
        """livereload's API to add paths; ours are fixed by the project."""

    def begin(self, timeout: float = 10) -> None:
        """Start watching, and return once every folder is watched: a save made after
        the server says where it is must never be missed."""
        ready = []
        for paths, recursive in self._groups:
            event = threading.Event()
            ready.append(event)
            thread = threading.Thread(target=self._run, args=(paths, recursive, event), daemon=True)
            thread.start()
        for event in ready:
            event.wait(timeout)

    def start(self, callback: Callable[[], None]) -> bool:
        self._loop = IOLoop.current()
        self._callback = callback
        return True

    def _run(self, paths: list[Path], recursive: bool, ready: threading.Event) -> None:
        for changes in watchfiles.watch(
            *paths,
            recursive=recursive,
            step=20,
            debounce=400,
            stop_event=self._stop,
            raise_interrupt=False,
            watch_filter=_interesting,
            # An empty batch after each quiet spell: the first one says we are watching.
            yield_on_timeout=True,
            rust_timeout=100,
        ):
            ready.set()
            if not changes:
                continue
            with self._lock:
                self._on_change()
            self.request_reload()
            with self._lock:
                self._after_reload()

    def request_reload(self, path: str = "*") -> None:
        self.filepath = path
        self._reload = True
        if self._loop is not None and self._callback is not None:
            self._loop.add_callback(self._callback)

    def examine(self) -> tuple[str | None, None]:
        if self._reload:
            self._reload = False
            return "__livereload__", None
        return None, None

    def stop(self) -> None:
        self._stop.set()


def _interesting(change: watchfiles.Change, path: str) -> bool:
    name = Path(path).name
    if name.startswith(".") or name.endswith(("~", ".swp", ".swx", ".tmp")):
        return False
    return not (name.endswith(".toml") and name != "pyproject.toml")


class LiveServer(Server):
    """livereload's Server, serving our handlers on sockets we have already bound."""

    def __init__(self, state: ServeState, watcher: EventWatcher, sockets: list[socket.socket]):
        super().__init__(watcher=watcher)
        self.state = state
        self.sockets = sockets

    def application(self, port: int, host: str, **_: object) -> None:
        LiveReloadHandler.watcher = self.watcher
        LiveReloadHandler.live_css = False
        app = web.Application(
            [
                (r"/livereload", LiveReloadHandler),
                (RELOAD_SCRIPT_PATH, ReloadScriptHandler),
                (r"/(.*)", SiteHandler, {"state": self.state}),
            ]
        )
        HTTPServer(app).add_sockets(self.sockets)

    def _setup_logging(self) -> None:
        """livereload logs every request and reload; our terminal says what matters."""


def bind(host: str, port: int, say: Callable[[str], None]) -> list[socket.socket]:
    """Sockets on ``port``, or on the next free port after it (any free port for 0)."""
    for candidate in range(port, port + PORT_TRIES) if port else [0]:
        try:
            return bind_sockets(candidate, host)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            say(f"port {candidate} is in use; trying {candidate + 1}")
    raise OSError(errno.EADDRINUSE, f"no free port from {port} to {port + PORT_TRIES - 1}")


def write_changes(staging: Path, rebuild: Rebuild) -> None:
    """Put each changed file in place whole (write beside it, then rename over it)."""
    for relative in rebuild.changed:
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(rebuild.files[relative])
        partial.replace(target)
    for relative in rebuild.removed:
        with contextlib.suppress(FileNotFoundError):
            (staging / relative).unlink()


@dataclass
class LiveSite:
    """The builder, the staging folder and the state the handler serves."""

    builder: IncrementalBuilder
    state: ServeState
    say: Callable[[str], None]
    report: Callable[[Iterable[Diagnostic]], None]
    first: bool = True

    def archive(self) -> None:
        """Zip the downloads, after the browser has been told to reload."""
        changed = self.builder.archive()
        for relative in changed:
            target = self.state.staging / relative
            partial = target.with_name(f".{target.name}.partial")
            partial.write_bytes(self.builder.file(relative))
            partial.replace(target)

    def rebuild(self) -> None:
        started = time.perf_counter()
        try:
            rebuild = self.builder.build()
        except BuildError as exc:
            self.report(exc.diagnostics)
            errors = sum(d.is_error for d in exc.diagnostics)
            self.state.error_pages = pages_for(exc.diagnostics, self.state.config)
            self.state.errors = exc.diagnostics
            self.say(
                f"build failed: {plural(errors, 'error')}; "
                "serving the last good pages, and the errors where they are"
            )
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
        groups = [([p for p in (config.content_dir, config.layouts_dir) if p.is_dir()], True)]
        groups.append(([config.root], False))  # pyproject.toml, which editors replace
        watcher = EventWatcher(groups, live.rebuild, live.archive)
        watcher.begin()
        sockets = bind(host, port, say)
        actual = sockets[0].getsockname()[1]
        url = f"http://{host}:{actual}/"
        say(f"Serving {config.root} at {url} (Ctrl-C to stop)")
        sys.stdout.flush()
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        # SIGTERM stops the server as cleanly as Ctrl-C does.
        signal.signal(signal.SIGTERM, lambda *_: _interrupt())
        try:
            LiveServer(state, watcher, sockets).serve(port=actual, host=host, restart_delay=0)
        finally:
            watcher.stop()
            for sock in sockets:
                sock.close()
        say("stopped; the staging folder is removed.")


def _interrupt() -> None:
    raise KeyboardInterrupt
