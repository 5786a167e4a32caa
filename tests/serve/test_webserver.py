"""serve's web server, in process: the staging folder as built with the reload script
added, never a file outside it, and an error page in place of the pages a broken file
makes (tests/serve/test_serve.py drives the real `sincerely serve`)."""

from __future__ import annotations

import asyncio
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from tornado.ioloop import IOLoop

from sincerely.common.errors import Diagnostic, Location, Severity
from sincerely.model.config import Config, load_config
from sincerely.serve.reload import RELOAD_SCRIPT, RELOAD_SCRIPT_PATH
from sincerely.serve.webserver import ServeState, bind, error_page, for_serving, start_server

from ..conftest import Project

PAGE = b"<!DOCTYPE html>\n<html>\n<head>\n<title>A</title>\n</head>\n<body>A</body>\n</html>\n"


def _error(config: Config, relative: str, message: str = "bad") -> Diagnostic:
    return Diagnostic(Severity.ERROR, message, Location(config.root / relative, 1, 1))


@pytest.fixture
def config(scenario_project: Project) -> Config:
    return load_config(scenario_project.root)


def test_a_broken_letter_shows_its_errors_on_its_own_page_alone(config: Config) -> None:
    state = ServeState(config.root / "staging", config)
    state.fail((_error(config, "content/letters/close-second.yaml"),))
    assert state.shows_error("letters/close-second.html")
    assert not state.shows_error("index.html")
    assert not state.shows_error("static/site.css")  # only pages are replaced


def test_an_error_no_one_page_stands_for_shows_on_every_page(config: Config) -> None:
    for relative in ("pyproject.toml", "layouts/page.html", "content/letters/_pack.yaml.bak"):
        state = ServeState(config.root / "staging", config)
        state.fail((_error(config, relative),))
        assert state.shows_error("index.html") and state.shows_error("faq.html"), relative


def test_warnings_alone_replace_no_page(config: Config) -> None:
    state = ServeState(config.root / "staging", config)
    warning = Diagnostic(Severity.WARNING, "a warning", Location(config.root / "pyproject.toml"))
    state.fail((warning,))
    assert state.error_pages == frozenset()
    state.errors = ()
    assert not state.shows_error("index.html")


def test_under_w_a_warning_replaces_the_page_it_is_about(config: Config) -> None:
    state = ServeState(config.root / "staging", config, strict=True)
    letter = config.root / "content/letters/close-second.yaml"
    state.fail((Diagnostic(Severity.WARNING, "TODO left", Location(letter, 1, 1)),))
    assert state.shows_error("letters/close-second.html")
    assert not state.shows_error("index.html")


def test_the_error_page_lists_each_problem_as_check_does_escaped(config: Config) -> None:
    page = error_page([_error(config, "content/a.yaml", "<script>x</script>")], config.root)
    assert b"content/a.yaml:1:1: error: &lt;script&gt;x&lt;/script&gt;" in page
    assert b"<script>x" not in page


def test_a_page_is_served_with_the_reload_script_once() -> None:
    served = for_serving(PAGE + b"<!-- </head> -->")
    assert served.count(RELOAD_SCRIPT_PATH.encode()) == 1
    assert f'<script src="{RELOAD_SCRIPT_PATH}" defer></script>\n</head>'.encode() in served


def test_a_port_in_use_gives_the_next_free_one() -> None:
    said: list[str] = []
    taken = bind("127.0.0.1", 0, said.append)
    port = taken[0].getsockname()[1]
    try:
        others = bind("127.0.0.1", port, said.append)
        assert others[0].getsockname()[1] > port
        assert said[0] == f"port {port} is in use; trying {port + 1}"
        for sock in others:
            sock.close()
    finally:
        for sock in taken:
            sock.close()


@pytest.fixture
def served(config: Config, tmp_path: Path) -> Iterator[tuple[str, ServeState]]:
    """The server on a port of its own, in a thread, over a staging folder."""
    staging = (tmp_path / "staging").resolve()
    (staging / "letters").mkdir(parents=True)
    (staging / "index.html").write_bytes(PAGE)
    (staging / "404.html").write_bytes(PAGE.replace(b"A", b"Not found"))
    (staging / "letters/close-second.html").write_bytes(PAGE)
    (tmp_path / "secret.txt").write_text("not the site's")
    state = ServeState(staging, config)
    sockets = bind("127.0.0.1", 0, print)
    started, loops = threading.Event(), []

    def run() -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())
        loop = IOLoop.current()
        loops.append(loop)
        start_server(state, sockets)
        started.set()
        loop.start()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait(10)
    try:
        yield f"http://127.0.0.1:{sockets[0].getsockname()[1]}/", state
    finally:
        loops[0].add_callback(loops[0].stop)
        thread.join(10)
        for sock in sockets:
            sock.close()


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_pages_are_served_never_cached_with_the_reload_script(
    served: tuple[str, ServeState],
) -> None:
    url, _ = served
    status, headers, body = _get(url)
    assert status == 200 and headers["Cache-Control"] == "no-cache"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert body == for_serving(PAGE)
    status, headers, body = _get(url + RELOAD_SCRIPT_PATH.lstrip("/"))
    assert (status, body) == (200, RELOAD_SCRIPT)


@pytest.mark.parametrize("path", ["../secret.txt", "%2e%2e/secret.txt", "missing.html", "a%00b"])
def test_nothing_outside_the_site_is_served(served: tuple[str, ServeState], path: str) -> None:
    url, _ = served
    status, _, body = _get(url + path)
    assert status == 404 and b"not the site's" not in body


def test_the_page_a_broken_file_makes_is_its_error_page(served: tuple[str, ServeState]) -> None:
    url, state = served
    state.fail((_error(state.config, "content/letters/close-second.yaml", "'channel' is wrong"),))
    status, _, body = _get(url + "letters/close-second.html")
    assert status == 200 and b"This page could not be built" in body
    assert b"content/letters/close-second.yaml:1:1: error: &#x27;channel&#x27; is wrong" in body
    assert _get(url + "index.html")[2] == for_serving(PAGE)  # the others as they were
