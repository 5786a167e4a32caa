"""Save-to-browser latency of `sincerely serve`, measured in a real Chromium.

For each size, it generates a synthetic project, starts the server, opens a letter,
and times from writing the scenario file to the browser's load event of the reloaded
page, checking the page shows the edit. Prints the median and spread.

    .venv/bin/python -m bench.serve_latency            # 100 and 1,000 scenarios
    .venv/bin/python -m bench.serve_latency --sizes 20 --edits 3
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from .synthetic import write_project

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def measure(count: int, edits: int) -> list[float]:
    root = Path(tempfile.mkdtemp(prefix="sincerely-bench-"))
    try:
        files = write_project(root, count)
        target = files[len(files) // 2]
        process = subprocess.Popen(
            [sys.executable, "-m", "sincerely", "serve", str(root), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            return edit_and_watch(process, root, target, edits)
        finally:
            # Also when an edit times out: no server may outlive its measurement.
            process.terminate()
            process.wait(timeout=20)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def edit_and_watch(
    process: subprocess.Popen[str], root: Path, target: Path, edits: int
) -> list[float]:
    """Milliseconds from each saved edit of `target` to the reloaded page showing it."""
    lines: list[str] = []
    threading.Thread(
        target=lambda: [lines.append(x) for x in process.stdout or []], daemon=True
    ).start()
    url = ""
    deadline = time.monotonic() + 120
    while not url and time.monotonic() < deadline:
        found = [re.search(r"at (http://\S+/)", line) for line in lines]
        url = next((m[1] for m in found if m), "")
        time.sleep(0.05)
    if not url:
        raise SystemExit("sincerely serve did not start in 120 s:\n" + "".join(lines))
    page_url = url + target.relative_to(root / "content").with_suffix(".html").as_posix()
    timings = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS
        )
        page = browser.new_page()
        with page.expect_websocket() as socket:
            page.goto(page_url)
        socket.value.wait_for_event("framesent", lambda f: '"info"' in str(f))
        original = target.read_text(encoding="utf-8")
        for edit in range(edits):
            title = f"Edited letter {edit}"
            changed = re.sub(r"^title: .*$", f"title: {title}", original, flags=re.M)
            with page.expect_event("load", timeout=30_000):
                started = time.perf_counter()
                target.write_text(changed, encoding="utf-8")
            elapsed = time.perf_counter() - started
            assert page.locator("h1").inner_text() == title, "the page shows the edit"
            timings.append(elapsed * 1000)
            time.sleep(0.5)
        browser.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--edits", type=int, default=15)
    args = parser.parse_args()
    print(f"save-to-browser latency, {os.cpu_count()} cores, {args.edits} edits per size")
    print("| scenarios | median | min | max |")
    print("| --- | --- | --- | --- |")
    for count in args.sizes:
        timings = measure(count, args.edits)
        print(
            f"| {count:,} | {statistics.median(timings):.0f} ms | {min(timings):.0f} ms "
            f"| {max(timings):.0f} ms |",
            flush=True,
        )


if __name__ == "__main__":
    main()
