"""Telling browsers to reload: livereload's WebSocket protocol, through its handler.

livereload's ``Server`` cannot serve these pages as they are: it injects an inline
script, which the pages' Content-Security-Policy forbids, and it watches by polling and
waits three seconds between reloads, so a second save soon after the first would not
reach the browser. So serve runs its own tornado application (webserver.py) and watcher
(watch.py), and uses only livereload's WebSocket handler, ``LiveReloadHandler``: it
speaks the livereload protocol (version 7) with the page's reload script below, and its
``reload_waiters`` tells every connected page to reload. That handler reads a
``watcher`` for the path it logs, and nothing else of it: :class:`_Announcer` is that
watcher. tests/serve/test_serve.py checks these assumptions against the installed livereload,
so an upgrade that breaks them fails a test rather than a writer's preview.
"""

from __future__ import annotations

from typing import Any

from livereload.handlers import LiveReloadHandler
from tornado.ioloop import IOLoop

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


class _Announcer:
    """What LiveReloadHandler asks of a watcher when it reloads: the changed path."""

    filepath = "*"


def socket_route() -> tuple[str, type[Any]]:
    """The reload socket's route, for the application."""
    LiveReloadHandler.watcher = _Announcer()
    LiveReloadHandler.live_css = False
    return (r"/livereload", LiveReloadHandler)


def reload_browsers(loop: IOLoop) -> None:
    """Ask every open page to reload, from any thread (the handler lives in ``loop``)."""
    loop.add_callback(LiveReloadHandler.reload_waiters, "*")
