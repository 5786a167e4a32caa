"""`sincerely serve` as a real process: started, read line by line, and stopped."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

URL = re.compile(r"at (http://(?:127\.0\.0\.1|\[::1\]):\d+/)")


@dataclass
class Server:
    process: subprocess.Popen[str]
    temp: Path
    lines: list[str] = field(default_factory=list)
    url: str = ""

    def wait_for(self, pattern: str, timeout: float = 20) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                match = re.search(pattern, line)
                if match:
                    return match
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"no line matching {pattern!r} in {self.lines}")

    def stop(self, how: int = signal.SIGINT) -> int:
        if self.process.poll() is None:
            self.process.send_signal(how)
        return self.process.wait(timeout=20)


@contextmanager
def servers(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """A function that starts `sincerely serve` on a project, each server with a
    temporary folder of its own; every server is stopped at the end."""
    servers: list[Server] = []

    def start(project: Path, *args: str, link_tmp: bool = False) -> Server:
        temp = tmp_path / f"tmp{len(servers)}"
        if link_tmp:  # the temporary folder stands behind a symbolic link
            (tmp_path / f"real{len(servers)}").mkdir()
            temp.symlink_to(tmp_path / f"real{len(servers)}")
        else:
            temp.mkdir()
        process = subprocess.Popen(
            [sys.executable, "-m", "sincerely", "serve", str(project), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "TMPDIR": str(temp)},
        )
        server = Server(process, temp)

        def read() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                server.lines.append(line.rstrip("\n"))

        threading.Thread(target=read, daemon=True).start()
        servers.append(server)
        if "--port" not in args or args[args.index("--port") + 1] != "no-wait":
            server.url = server.wait_for(URL.pattern)[1]
        return server

    yield start
    for server in servers:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()


def open_live(page: Page, url: str) -> None:
    """Open a page and wait until its reload socket has said hello, as a person would
    before saving: a reload sent before the page is listening cannot reach it."""
    with page.expect_websocket() as info:
        page.goto(url)
    info.value.wait_for_event("framesent", lambda frame: '"info"' in str(frame))
