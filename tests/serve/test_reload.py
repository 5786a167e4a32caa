"""Telling browsers to reload, through livereload's handler: what serve relies on of the
installed livereload, and the page's side of its protocol (a real page reloads in
tests/serve/test_serve.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from livereload.handlers import LiveReloadHandler

from sincerely.serve.reload import (
    RELOAD_SCRIPT,
    _PageWatcher,
    pages_shown,
    reload_browsers,
    site_path,
    socket_route,
    wait_for_pages,
)


def test_the_socket_is_livereloads_handler_with_a_watcher_it_can_ask() -> None:
    route, handler = socket_route()
    assert route == r"/livereload" and issubclass(handler, LiveReloadHandler)
    assert handler.watcher.filepath == "*"  # what the handler logs when it reloads
    assert handler.live_css is False  # a stylesheet's edit reloads the whole page
    assert callable(handler.reload_waiters)


def test_browsers_are_told_to_reload_from_the_servers_own_loop() -> None:
    scheduled: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []

    class Loop:
        def add_callback(self, callback: Callable[..., Any], *args: Any) -> None:
            scheduled.append((callback, args))

    reload_browsers(Loop())
    assert scheduled == [(LiveReloadHandler.reload_waiters, ("*",))]


def test_the_pages_script_speaks_protocol_7_to_its_own_host() -> None:
    script = RELOAD_SCRIPT.decode()
    assert '"http://livereload.com/protocols/official-7"' in script
    assert 'location.host + "/livereload"' in script
    assert 'command: "hello"' in script and 'message.command !== "reload"' in script


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("http://127.0.0.1:8000/", "index.html"),
        ("http://127.0.0.1:8000/letters/close-second.html?q=1#x", "letters/close-second.html"),
        ("http://127.0.0.1:8000/letters/", "letters/index.html"),
        ("http://127.0.0.1:8000/apr%C3%A8s/", "après/index.html"),
    ],
)
def test_the_page_a_browser_says_it_shows_is_a_path_of_the_site(url: str, path: str) -> None:
    assert site_path(url) == path


def test_a_page_saying_which_it_shows_is_a_page_back_after_a_reload() -> None:
    class Loop:
        def add_callback(self, *_: object) -> None:
            pass

    reload_browsers(Loop())
    assert not wait_for_pages(0.01)  # no page has come back yet
    page = _PageWatcher.__new__(_PageWatcher)  # as tornado makes one, without a socket
    page.on_message(json.dumps({"command": "info", "url": "http://127.0.0.1:8000/"}))
    try:
        assert wait_for_pages(0.01)
        assert pages_shown() == {"index.html"}
    finally:
        page.on_close()
    assert pages_shown() == set()
