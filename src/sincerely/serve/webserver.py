"""serve's web server: the staging folder over HTTP, and livereload's socket.

Pages are served as built, with one change for the live server only: a reload script
(an external file, since the pages' Content-Security-Policy forbids inline script; the
policy's ``connect-src 'self'`` lets it open its WebSocket to this host). A page
that its latest build could not make is served as an error page that lists the problems
with the same text as ``check``.
"""

from __future__ import annotations

import errno
import html
import mimetypes
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from tornado import web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from ..common import urls
from ..common.errors import Diagnostic, Diagnostics, Location
from ..common.i18n import N_, Messages, direction, load_messages
from ..model.config import Config
from ..theming.theme import Theme
from .reload import RELOAD_SCRIPT, RELOAD_SCRIPT_PATH, socket_route

PORT_TRIES = 50


@dataclass
class ServeState:
    """What the server shows: the staging folder, and the errors of the last build."""

    staging: Path
    config: Config
    errors: tuple[Diagnostic, ...] = ()
    error_pages: frozenset[str] | None = frozenset()  # None: every page
    strict: bool = False  # serve -W: a warning is shown as an error is

    def shows_error(self, path: str) -> bool:
        if not self.errors or not path.endswith(".html"):
            return False
        return self.error_pages is None or path in self.error_pages

    def fail(self, errors: tuple[Diagnostic, ...]) -> None:
        """Show ``errors`` in place of the pages that the files with errors make (every
        page, when an error is in the settings, a layout or no one page's file)."""
        pages: set[str] = set()
        for diagnostic in errors:
            if not (diagnostic.is_error or self.strict):
                continue
            path, made = diagnostic.location.path, None
            if path.is_relative_to(self.config.content_dir):
                relative = PurePosixPath(path.relative_to(self.config.content_dir).as_posix())
                made = urls.pages_made_by(relative)
            if made is None:
                self.errors, self.error_pages = errors, None
                return
            pages.add(made)
        self.errors, self.error_pages = errors, frozenset(pages)


# The error page's words, in the site's language: an owner whose gallery is in German
# sees it in German (the problems themselves are check's, in English, as everywhere).
_ERROR_TITLE = N_("Build error")
_ERROR_HEADING = N_("This page could not be built")
_ERROR_ABOUT = N_("sincerely found these problems. Fix them and save: this page reloads by itself.")


def site_words(config: Config) -> Messages:
    """The interface's words in the site's language, from the project's catalogs and the
    theme's (read when an error page is shown, so a catalog just edited is taken)."""
    folders = Theme.for_project(config.layouts_dir).folders
    wanted = {config.language: Location(config.root)}
    return load_messages(folders, wanted, Diagnostics())[config.language]


def error_page(errors: Iterable[Diagnostic], root: Path, words: Messages | None = None) -> bytes:
    """The page shown in place of one its latest build could not make: its problems, as
    check prints them, and around them the site's language (English without ``words``)."""
    words = words or Messages("en")
    _ = words.gettext
    lines = "\n".join(html.escape(d.format(root)) for d in errors)
    language = html.escape(words.language)
    return (
        f'<!DOCTYPE html>\n<html lang="{language}" dir="{direction(words.language)}">\n'
        '<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(_(_ERROR_TITLE))} · sincerely serve</title>\n"
        '<link rel="stylesheet" href="/static/site.css">\n</head>\n<body>\n<main id="main">\n'
        f"<h1>{html.escape(_(_ERROR_HEADING))}</h1>\n"
        f"<p>{html.escape(_(_ERROR_ABOUT))}</p>\n"
        f'<pre class="build-errors" lang="en" dir="ltr">{lines}</pre>\n'
        "</main>\n</body>\n</html>\n"
    ).encode()


def for_serving(page: bytes) -> bytes:
    """A built page as the live server sends it: with the reload script."""
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
            relative += urls.HOME
        staging = self.state.staging
        try:  # a NUL, or a name longer than the system allows, is no page of the site
            target = (staging / relative).resolve()
            found = target.is_relative_to(staging) and target.is_file()
        except (ValueError, OSError):
            raise web.HTTPError(404) from None
        if not target.is_relative_to(staging):
            raise web.HTTPError(404)
        if self.state.shows_error(relative):
            config = self.state.config
            body = for_serving(error_page(self.state.errors, config.root, site_words(config)))
        elif found:
            body = target.read_bytes()
            if target.suffix == ".html":
                body = for_serving(body)
        else:
            self.set_status(404)
            not_found = staging / urls.NOT_FOUND
            body = for_serving(not_found.read_bytes()) if not_found.is_file() else b"Not found"
            relative = urls.NOT_FOUND
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


def start_server(state: ServeState, sockets: list[socket.socket]) -> HTTPServer:
    """Serve the site and the reload socket on ``sockets``, in the current IOLoop."""
    app = web.Application(
        [
            socket_route(),
            (RELOAD_SCRIPT_PATH, ReloadScriptHandler),
            (r"/(.*)", SiteHandler, {"state": state}),
        ]
    )
    server = HTTPServer(app)
    server.add_sockets(sockets)
    return server
