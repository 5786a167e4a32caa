"""Real-browser helpers: a built site served on 127.0.0.1, and Debian's Chromium.

Playwright cannot download its own browsers here, so it drives the system's Chromium by
path. A page is watched for what a reader would suffer from: errors in its script,
Content-Security-Policy violations, and requests that leave the site.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from playwright.sync_api import Browser, BrowserContext, Page, Request

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("google-chrome")
    if found is None:
        raise RuntimeError(
            "Chromium is not installed; the test command installs it with "
            "'apt-get install chromium' (see the Makefile's 'browser' target)"
        )
    return found


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1; yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@dataclass
class Watched:
    """A page, and everything it did that a reader would not want."""

    page: Page
    errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        result: list[str] = self.page.evaluate("window.__cspViolations || []")
        return result

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.foreign_requests == [], self.foreign_requests
        assert self.csp_violations() == []


@contextmanager
def watched_page(browser: Browser, site_url: str, **options: Any) -> Iterator[Watched]:
    context: BrowserContext = browser.new_context(**options)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    watched = Watched(page)
    allowed = urlparse(site_url)

    def on_request(request: Request) -> None:
        url = urlparse(request.url)
        if allowed.scheme == "file":
            ok = url.scheme in ("file", "data", "blob")
        else:
            ok = url.scheme in ("data", "blob") or (
                url.scheme == allowed.scheme and url.netloc == allowed.netloc
            )
        if not ok:
            watched.foreign_requests.append(request.url)

    page.on("request", on_request)
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    page.on(
        "console",
        lambda message: watched.errors.append(message.text) if message.type == "error" else None,
    )
    try:
        yield watched
    finally:
        context.close()
