"""`sincerely serve` as a writer uses it: a real server process, driven in Chromium."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from ..conftest import MINIMAL_SCENARIO, Project
from ..helpers.browser import watched_page
from ..helpers.serving import Server, open_live

# Real servers, in processes of their own, saved to a second apart as a writer would.
pytestmark = pytest.mark.slow


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_an_edit_shows_up_without_a_manual_reload(
    browser: Browser, scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    server = start_server(scenario_project.root)
    with watched_page(browser, server.url) as watched:
        page = watched.page
        open_live(page, server.url + "letters/close-second.html")
        expect(page.locator("h1")).to_have_text("Close second")
        response = page.request.get(server.url + "letters/close-second.html")
        assert response.headers["cache-control"] == "no-cache"
        scenario = scenario_project.root / "content/letters/close-second.yaml"
        _edit(scenario, "title: Close second", "title: A close second")
        expect(page.locator("h1")).to_have_text("A close second", timeout=10_000)
        time.sleep(1)  # the user's second save, a second later: both must reach the page
        _edit(scenario, "title: A close second", "title: The close second")
        expect(page.locator("h1")).to_have_text("The close second", timeout=10_000)
        watched.assert_clean()


def test_an_edit_of_the_owners_stylesheet_reaches_the_page(
    browser: Browser, scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    scenario_project.write("pyproject.toml", '[tool.sincerely]\nextra_css = ["assets/brand.css"]\n')
    brand = scenario_project.write("assets/brand.css", "h1 { color: rgb(0, 0, 255); }\n")
    server = start_server(scenario_project.root)
    with watched_page(browser, server.url) as watched:
        page = watched.page
        open_live(page, server.url + "letters/close-second.html")
        expect(page.locator("h1")).to_have_css("color", "rgb(0, 0, 255)")
        page.evaluate("window.scrollTo(0, 200); window.sameDocument = true")
        brand.write_text("h1 { color: rgb(0, 128, 0); }\n", encoding="utf-8")
        expect(page.locator("h1")).to_have_css("color", "rgb(0, 128, 0)", timeout=10_000)
        # Only stylesheets changed: they were taken again in place, the page kept.
        assert page.evaluate("window.sameDocument === true && window.scrollY === 200")
        assert page.locator('link[rel="stylesheet"][href*="brand.css"]').count() == 1
        watched.assert_clean()


def test_a_broken_file_shows_its_errors_and_the_fix_brings_the_page_back(
    browser: Browser, scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    scenario_project.write("content/about.md", "---\ntitle: About\n---\nHello.\n")
    server = start_server(scenario_project.root)
    with watched_page(browser, server.url) as watched:
        page = watched.page
        open_live(page, server.url + "letters/close-second.html")
        scenario = scenario_project.root / "content/letters/close-second.yaml"
        _edit(scenario, "channel: email", "channel: e-mail")
        expect(page.locator("h1")).to_have_text("This page could not be built", timeout=10_000)
        expect(page.locator(".build-errors")).to_have_text(
            "content/letters/close-second.yaml:5:10: error: 'channel' must be one of email, "
            "letter, note, message (got 'e-mail') (did you mean 'email'?)"
        )
        server.wait_for(r"close-second\.yaml:5:10: error: 'channel' must be one of")
        other = page.context.new_page()
        other.goto(server.url + "about.html")
        expect(other.locator("h1")).to_have_text("About")  # other pages keep being served
        _edit(scenario, "channel: e-mail", "channel: email")
        expect(page.locator("h1")).to_have_text("Close second", timeout=10_000)
        assert server.process.poll() is None


def test_a_layout_error_is_reported_the_same_way(
    browser: Browser, scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    layout = scenario_project.write(
        "layouts/page.html", '{% extends "base.html" %}{% block main %}<p>ok</p>{% endblock %}'
    )
    scenario_project.write("content/about.md", "---\ntitle: About\n---\nHello.\n")
    server = start_server(scenario_project.root)
    with watched_page(browser, server.url) as watched:
        page = watched.page
        open_live(page, server.url + "about.html")
        layout.write_text('{% extends "base.html" %}{% block main %}{{ page.nope }}{% endblock %}')
        expect(page.locator("h1")).to_have_text("This page could not be built", timeout=10_000)
        expect(page.locator(".build-errors")).to_contain_text("layouts/page.html:1:")
        layout.write_text('{% extends "base.html" %}{% block main %}<p>fixed</p>{% endblock %}')
        expect(page.locator("main p")).to_have_text("fixed", timeout=10_000)


def test_a_deleted_scenario_is_gone_from_the_site(
    browser: Browser, scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    extra = scenario_project.add_scenario(
        "extra", MINIMAL_SCENARIO.replace("Close second", "Extra")
    )
    server = start_server(scenario_project.root)
    with watched_page(browser, server.url) as watched:
        page = watched.page
        open_live(page, server.url + "letters/index.html")
        expect(page.get_by_role("link", name="Extra", exact=True)).to_have_count(1)
        extra.unlink()
        expect(page.get_by_role("link", name="Extra", exact=True)).to_have_count(0, timeout=10_000)
        response = page.goto(server.url + "letters/extra.html")
        assert response is not None and response.status == 404
        expect(page.locator("h1")).to_have_text("Page not found")


def test_a_second_server_on_the_same_port_takes_the_next(
    scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    first = start_server(scenario_project.root, "--port", str(port))
    assert first.url == f"http://127.0.0.1:{port}/"
    second = start_server(scenario_project.root, "--port", str(port))
    assert f"port {port} is in use; trying {port + 1}" in second.lines
    assert second.url == f"http://127.0.0.1:{port + 1}/"
    with urllib.request.urlopen(second.url + "index.html") as response:
        assert response.status == 200


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM])
def test_stopping_leaves_nothing_behind(
    scenario_project: Project, start_server: Callable[..., Server], how: int
) -> None:
    server = start_server(scenario_project.root)
    staging = list(server.temp.iterdir())
    assert len(staging) == 1 and staging[0].name.startswith("sincerely-serve-")
    assert (staging[0] / "index.html").is_file()
    before = sorted(p.relative_to(scenario_project.root) for p in scenario_project.root.rglob("*"))
    assert server.stop(how) == 0
    assert list(server.temp.iterdir()) == []
    after = sorted(p.relative_to(scenario_project.root) for p in scenario_project.root.rglob("*"))
    assert after == before, "serve writes nothing into the project"
    assert not any("Traceback" in line for line in server.lines)


def test_the_page_talks_only_to_its_own_server(
    browser: Browser, scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    server = start_server(scenario_project.root)
    with watched_page(browser, server.url) as watched:
        page = watched.page
        with page.expect_websocket() as socket_info:
            page.goto(server.url + "letters/close-second.html")
        socket = socket_info.value
        assert socket.url == server.url.replace("http://", "ws://") + "livereload"
        # The page's last act is its reload script's handshake: once it has said "info",
        # every request the page makes has been made.
        socket.wait_for_event("framesent", lambda frame: '"info"' in str(frame))
        page.wait_for_load_state("networkidle")
        watched.assert_clean()


def test_pages_are_served_when_the_temporary_folder_is_behind_a_link(
    scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    # macOS's default TMPDIR is such a link; here the fixture's folder stands behind one.
    server = start_server(scenario_project.root, "--port", "0", link_tmp=True)
    with urllib.request.urlopen(server.url + "letters/close-second.html") as response:
        assert response.status == 200
        assert b"<h1>Close second</h1>" in response.read()


def test_an_edit_is_reported_in_plain_words(
    scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    about = scenario_project.write("content/about.md", "---\ntitle: About\n---\nHello.\n")
    server = start_server(scenario_project.root, "--port", "0")
    _edit(about, "Hello.", "Hello again.")  # a page's body: one file changes
    line = server.wait_for(r"rebuilt in \d+ ms: .*")[0]
    assert re.fullmatch(r"rebuilt in \d+ ms: 1 file changed, 0 removed", line), line


def test_livereload_still_does_what_serve_assumes() -> None:
    """serve uses livereload's WebSocket handler alone (serve/reload.py says why): it
    must still take its route, keep the open pages in ``waiters``, and send each a
    reload command from ``reload_waiters``, reading no more of its watcher than we give."""
    from livereload.handlers import LiveReloadHandler

    from sincerely.serve.reload import socket_route

    route, handler = socket_route()
    assert route == r"/livereload" and issubclass(handler, LiveReloadHandler)
    sent: list[object] = []

    class OpenPage:
        def write_message(self, message: object) -> None:
            sent.append(message)

    page = OpenPage()
    LiveReloadHandler.waiters.add(page)
    try:
        LiveReloadHandler.reload_waiters("*")
    finally:
        LiveReloadHandler.waiters.discard(page)
    assert len(sent) == 1
    message = sent[0]
    assert isinstance(message, dict) and message["command"] == "reload"


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def _until(condition: Callable[[], bool], timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}"></svg>'


def test_a_logo_of_another_size_is_served_at_its_new_size(
    scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    scenario_project.write("pyproject.toml", '[tool.sincerely]\nlogo = "assets/logo.svg"\n')
    logo = scenario_project.write("assets/logo.svg", LOGO.format(w=40, h=32))
    server = start_server(scenario_project.root)
    assert 'width="40" height="32"' in _get(server.url + "index.html")[1]
    logo.write_text(LOGO.format(w=80, h=64), encoding="utf-8")
    assert _until(lambda: 'width="80" height="64"' in _get(server.url + "index.html")[1])
    assert 'width="80" height="64"' in _get(server.url + "letters/close-second.html")[1]


def test_a_layouts_folder_made_while_serving_is_watched(
    scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    scenario_project.write("content/about.md", "---\ntitle: About\n---\nHello.\n")
    assert not (scenario_project.root / "layouts").exists()
    server = start_server(scenario_project.root)
    copied = scenario_project.cli("theme", "copy", "page.html")  # as the theming guide says
    assert copied.returncode == 0, copied.stderr
    layout = scenario_project.root / "layouts/page.html"
    time.sleep(1)  # the first save of the copy, a moment later
    _edit(layout, "<h1>{{ page.title }}</h1>", "<h1>{{ page.title }}, mine</h1>")
    assert _until(lambda: "<h1>About, mine</h1>" in _get(server.url + "about.html")[1])
    time.sleep(1)  # and every save after it
    _edit(layout, "<h1>{{ page.title }}, mine</h1>", "<h1>{{ page.title }}, ours</h1>")
    assert _until(lambda: "<h1>About, ours</h1>" in _get(server.url + "about.html")[1])


def test_serve_never_rebuilds_for_its_own_log_in_the_project(scenario_project: Project) -> None:
    log = scenario_project.root / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "sincerely", "serve", "--port", "0"],
            cwd=scenario_project.root,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            assert _until(lambda: "Serving" in log.read_text())
            time.sleep(4)  # a loop would rebuild dozens of times by now
            said = log.read_text()
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=20)
    assert "rebuilt" not in said, said


def test_a_layout_mistake_met_while_serving_is_shown_and_the_fix_is_served(
    scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    scenario_project.write("content/about.md", "---\ntitle: About\n---\nHello.\n")
    layout = scenario_project.write(
        "layouts/page.html", '{% extends "theme/page.html" %}\n{% block main %}ok{% endblock %}\n'
    )
    server = start_server(scenario_project.root)
    _edit(layout, "ok", "{{ url_for('serch') }}")
    assert _until(lambda: "This page could not be built" in _get(server.url + "about.html")[1])
    shown = _get(server.url + "about.html")[1]
    assert "layouts/page.html:2:1: error: layout error: url_for knows no kind of page" in shown
    time.sleep(1)
    _edit(layout, "{{ url_for('serch') }}", "fixed and served")
    assert _until(lambda: "fixed and served" in _get(server.url + "about.html")[1])
    assert server.process.poll() is None
    assert not any("Traceback" in line or "Exception in thread" in line for line in server.lines)


def test_a_fifo_named_like_a_letter_leaves_the_server_watching(
    scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    server = start_server(scenario_project.root)
    os.mkfifo(scenario_project.root / "content/letters/waiting.yaml")
    server.wait_for(r"waiting\.yaml: error: is not a regular file")
    time.sleep(1)
    (scenario_project.root / "content/letters/waiting.yaml").unlink()
    letter = scenario_project.root / "content/letters/close-second.yaml"
    _edit(letter, "title: Close second", "title: Still watched")
    assert _until(lambda: "Still watched" in _get(server.url + "letters/close-second.html")[1])


@pytest.mark.parametrize("path", ["%00", "a%00b.html", "x" * 5000 + ".html"])
def test_an_address_no_file_can_have_is_not_found(
    scenario_project: Project, start_server: Callable[..., Server], path: str
) -> None:
    server = start_server(scenario_project.root)
    status, _ = _get(server.url + path)
    assert status == 404
    assert _get(server.url + "index.html")[0] == 200
    assert not any("Traceback" in line or " 500 " in line for line in server.lines)


def test_an_ipv6_host_is_written_in_brackets(
    scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    server = start_server(scenario_project.root, "--host", "::1", "--port", "0")
    assert server.url.startswith("http://[::1]:")
    assert _get(server.url + "index.html")[0] == 200


def test_a_port_that_does_not_exist_is_refused(scenario_project: Project) -> None:
    done = scenario_project.cli("serve", "--port", "70000")
    assert done.returncode == 2
    assert "a port is a number from 0 to 65535 (got '70000')" in done.stderr


def test_the_staging_folder_of_a_killed_server_is_cleared_by_the_next(
    scenario_project: Project, start_server: Callable[..., Server], tmp_path: Path
) -> None:
    killed = start_server(scenario_project.root)
    (left,) = list(killed.temp.iterdir())
    killed.process.kill()
    killed.process.wait()
    assert left.is_dir()  # SIGKILL leaves it: nothing runs to remove it
    process = subprocess.Popen(
        [sys.executable, "-m", "sincerely", "serve", "--port", "0", str(scenario_project.root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "TMPDIR": str(killed.temp)},
    )
    try:
        assert process.stdout is not None
        while "Serving" not in (process.stdout.readline() or "Serving"):
            pass
        assert not left.exists()
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)


# A hook in a folder of its own, whose filter a layout override uses (theming/hooks.py).
HOOK = "def on_env(env):\n    env.filters['signed'] = lambda text: f'{text}, {WORD}'\n"


def test_an_edit_of_a_hook_is_served_and_its_folder_is_watched(
    scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    scenario_project.write("pyproject.toml", '[tool.sincerely]\nhooks = ["tools/hooks.py"]\n')
    hook = scenario_project.write("tools/hooks.py", "WORD = 'kindly'\n" + HOOK)
    scenario_project.write(
        "layouts/base.html",
        '{% extends "theme/base.html" %}\n'
        '{% block footer %}<p class="signed">{{ title | signed }}</p>{% endblock %}\n',
    )
    server = start_server(scenario_project.root)
    letter = server.url + "letters/close-second.html"
    assert '<p class="signed">Close second, kindly</p>' in _get(letter)[1]
    hook.write_text("WORD = 'warmly'\n" + HOOK, encoding="utf-8")
    assert _until(lambda: '<p class="signed">Close second, warmly</p>' in _get(letter)[1])
    # A hook that breaks shows its error, at its line, in place of the pages.
    hook.write_text("WORD = 1 / 0\n" + HOOK, encoding="utf-8")
    assert _until(
        lambda: (
            "tools/hooks.py:1:1: error: hook tools/hooks.py failed in loading: "
            "ZeroDivisionError" in _get(letter)[1]
        )
    )


# A hook that reads a file of words, which no build knows of: `serve --watch` names it.
READER = (
    "from pathlib import Path\n\n\ndef on_env(env):\n"
    "    env.globals['motto'] = (Path(__file__).parent / 'words/motto.txt').read_text()\n"
)


def _with_a_motto(project: Project) -> Path:
    """A hook that reads a file no job knows of, shown in every page's footer; the file."""
    project.write("pyproject.toml", '[tool.sincerely]\nhooks = ["hooks.py"]\n')
    project.write("hooks.py", READER)
    project.write(
        "layouts/base.html",
        '{% extends "theme/base.html" %}\n{% block footer %}<p class="motto">{{ motto }}</p>'
        "{% endblock %}\n",
    )
    return project.write("words/motto.txt", "Be kind")


def test_serve_watch_rebuilds_every_page_on_a_change_in_a_folder_it_names(
    scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    motto = _with_a_motto(scenario_project)
    watched = scenario_project.root / "words"
    server = start_server(scenario_project.root, "--watch", str(watched))
    letter = server.url + "letters/close-second.html"
    assert '<p class="motto">Be kind</p>' in _get(letter)[1]
    motto.write_text("Be brief", encoding="utf-8")
    assert _until(lambda: '<p class="motto">Be brief</p>' in _get(letter)[1])
    assert '<p class="motto">Be brief</p>' in _get(server.url + "index.html")[1]


def test_serve_watch_of_a_file_rebuilds_on_its_change(
    scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    motto = _with_a_motto(scenario_project)
    server = start_server(scenario_project.root, "--watch", str(motto))
    motto.write_text("Be warm", encoding="utf-8")
    letter = server.url + "letters/close-second.html"
    assert _until(lambda: '<p class="motto">Be warm</p>' in _get(letter)[1])


def test_serve_watch_of_nothing_there_is_refused(scenario_project: Project) -> None:
    done = scenario_project.cli("serve", "--watch", "no-such-folder", "--port", "0")
    assert done.returncode == 1
    assert done.stderr.startswith(
        "no-such-folder: error: serve --watch: there is no file or folder here"
    ), done.stderr


def test_serve_w_shows_a_warning_as_an_error_and_the_fix_brings_the_page_back(
    scenario_project: Project, start_server: Callable[..., Server]
) -> None:
    scenario = scenario_project.root / "content/letters/close-second.yaml"
    _edit(scenario, "title: Close second", "title: Close second TODO")
    plain = start_server(scenario_project.root)  # without -W, a warning is a warning
    assert "<h1>Close second TODO</h1>" in _get(plain.url + "letters/close-second.html")[1]
    plain.stop()
    server = start_server(scenario_project.root, "-W")
    letter = server.url + "letters/close-second.html"
    shown = _get(letter)[1]
    assert "This page could not be built" in shown
    assert "close-second.yaml:1:21: warning: TODO left in the text" in shown
    server.wait_for(r"build failed: 1 warning \(errors, under -W\)")
    _edit(scenario, "title: Close second TODO", "title: Close second")
    assert _until(lambda: "<h1>Close second</h1>" in _get(letter)[1])
