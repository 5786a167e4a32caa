"""Telling browsers to reload: livereload's WebSocket protocol, through its handler.

livereload's ``Server`` cannot serve these pages as they are: it injects an inline
script, which the pages' Content-Security-Policy forbids, and it watches by polling and
waits three seconds between reloads, so a second save soon after the first would not
reach the browser. So serve runs its own tornado application (webserver.py) and watcher
(watch.py), and uses only livereload's WebSocket handler, ``LiveReloadHandler``: it
speaks the livereload protocol (version 7) with the page's reload script below, and its
``reload_waiters`` tells every connected page to reload (a subclass also notes which
page each browser shows, for serve to make first). That handler reads a
``watcher`` for the path it logs, and nothing else of it: :class:`_Announcer` is that
watcher. tests/serve/test_serve.py checks these assumptions against the installed livereload,
so an upgrade that breaks them fails a test rather than a writer's preview.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable
from typing import Any, ClassVar, Protocol
from urllib.parse import unquote, urlsplit

from livereload.handlers import LiveReloadHandler

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
    if (message.command !== "reload") return;
    // Only stylesheets changed: take them again in place, keeping the page as it is
    // (its scroll, what was typed); anything else, the page again.
    if (String(message.path || "").slice(-4) !== ".css") { location.reload(); return; }
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var address = new URL(link.href);
      if (address.origin !== location.origin) return;
      address.searchParams.set("sincerely-reload", String(Date.now()));
      var fresh = link.cloneNode();
      fresh.href = address.href;
      fresh.onload = function () { link.remove(); };
      link.after(fresh);
    });
  };
})();
"""


class _Announcer:
    """What LiveReloadHandler asks of a watcher when it reloads: the changed path."""

    filepath = "*"


def site_path(url: str) -> str:
    """The site's path of the page at ``url``, as the page says it ('pack/', '/'
    stand for their index.html)."""
    path = unquote(urlsplit(url).path).lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


# Set when a page says which it shows ("info", its script's last step as it loads):
# after a reload, the page is back.
_BACK = threading.Event()


class _PageWatcher(LiveReloadHandler):  # type: ignore[misc]
    """livereload's handler, noting which page each connected browser shows (the page's
    script says it in its "info" message), so that a rebuild makes those pages first."""

    showing: ClassVar[dict[object, str]] = {}

    def on_message(self, message: str | bytes) -> None:
        super().on_message(message)
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            said = json.loads(message)
            if said.get("command") == "info" and isinstance(said.get("url"), str):
                _PageWatcher.showing[self] = site_path(said["url"])
                _BACK.set()

    def on_close(self) -> None:
        super().on_close()
        _PageWatcher.showing.pop(self, None)


def pages_shown() -> set[str]:
    """The site's paths of the pages the connected browsers show now (from any thread)."""
    return set(_PageWatcher.showing.values())  # one C call: atomic under the GIL


def socket_route() -> tuple[str, type[Any]]:
    """The reload socket's route, for the application."""
    LiveReloadHandler.watcher = _Announcer()
    LiveReloadHandler.live_css = False
    return (r"/livereload", _PageWatcher)


class Callbacks(Protocol):
    """What reloading needs of the server's loop (tornado's IOLoop): a call made in it."""

    def add_callback(self, callback: Callable[..., Any], *args: Any) -> None: ...


def reload_browsers(loop: Callbacks, path: str = "*") -> None:
    """Ask every open page to reload, from any thread (the handler lives in ``loop``);
    a stylesheet's ``path`` asks them to take their stylesheets again in place."""
    _BACK.clear()
    loop.add_callback(LiveReloadHandler.reload_waiters, path)


def wait_for_pages(timeout: float) -> bool:
    """Wait until a page reloaded since the last :func:`reload_browsers` is back (or
    ``timeout`` seconds); whether one came back."""
    return _BACK.wait(timeout)
