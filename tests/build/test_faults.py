"""Faults: a build killed at any moment, a full disk, a read-only folder, and a live
server under a storm of edits. The previous site survives every one, whole."""

from __future__ import annotations

import json
import random
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from sincerely.build import writer

from ..conftest import MINIMAL_SCENARIO, Project, tree
from ..helpers.serving import URL

pytestmark = pytest.mark.slow

LETTERS = 20
# How many builds the kill test kills: a third as the new site is written, a third as it
# is swapped in, a third at random. Each is a whole build of its own (a second on a slow
# machine); 24 meet every moment several times, as 60 did, in less than half the time.
KILLS = 24


def _project(project: Project) -> Project:
    for n in range(LETTERS):
        project.add_scenario(
            f"letter-{n:02d}", MINIMAL_SCENARIO.replace("Close second", f"Letter {n}")
        )
    return project


def _retitle(project: Project, title: str) -> None:
    project.add_scenario("letter-00", MINIMAL_SCENARIO.replace("Close second", title))


def _wait_until(condition: Callable[[], bool], process: subprocess.Popen[bytes]) -> None:
    """Poll until ``condition`` holds or the build has ended, whichever comes first."""
    deadline = time.monotonic() + 60
    while not condition() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)


def _shows(page: Path, text: str) -> bool:
    try:
        return text in page.read_text(encoding="utf-8")
    except OSError:
        return False


def test_a_build_killed_at_any_moment_leaves_a_whole_site(project: Project) -> None:
    _project(project).build()
    site, work = project.site, project.root / ".sincerely"
    build = [sys.executable, "-m", "sincerely", "build", "-q", str(project.root)]
    started = time.monotonic()  # how long a build takes here, to spread the kills over
    _retitle(project, "Timed")
    subprocess.run(build, check=True)
    took = time.monotonic() - started
    previous = tree(site)
    rng = random.Random(20261122)
    outcomes: Counter[str] = Counter()

    def staging_has_files() -> bool:
        # The build may swap its staging folder in between the listing and the look
        # inside: a folder gone that way had files (it was the new site).
        for folder in work.glob(".sincerely-staging-*"):
            try:
                if any(folder.iterdir()):
                    return True
            except (FileNotFoundError, NotADirectoryError):
                return True
        return False

    for attempt in range(KILLS):
        title = f"Kill {attempt}"
        _retitle(project, title)
        process = subprocess.Popen(build, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # A third of the kills land as the new site is being written, a third just after
        # it is swapped in, a third at random over a whole build's time.
        moment = ("writing", "swapped", "random")[attempt % 3]
        if moment == "writing":
            _wait_until(staging_has_files, process)
        elif moment == "swapped":
            _wait_until(partial(_shows, site / "letters/letter-00.html", title), process)
        else:
            time.sleep(rng.uniform(0.0, took * 1.2))
        process.kill()
        process.wait()
        now = tree(site)
        if set(now) < set(previous) and list(work.glob(".sincerely-moving-*")):
            # Killed in the milliseconds while unchanged folders were lent to the new
            # site: the next build (or clean) puts them back first, as they were.
            writer._clear_leftovers(site, work)
            outcomes[f"{moment}: folders put back"] += 1
            now = tree(site)
        if now == previous:
            outcomes[f"{moment}: old site"] += 1
        else:
            assert set(now) == set(previous), f"attempt {attempt}: the file list changed"
            assert title in now["letters/letter-00.html"].decode(), f"attempt {attempt}: mixed"
            outcomes[f"{moment}: new site"] += 1
            previous = now
        assert moment != "swapped" or title in now["letters/letter-00.html"].decode()
    print(f"\n{KILLS} kills: {dict(sorted(outcomes.items()))}")
    project.build()
    leftovers = [p.name for p in work.iterdir() if p.name.startswith(".sincerely-")]
    assert leftovers == [], "the next build clears what killed builds left"


# Runs inside a mount namespace of its own (unshare), where it may mount a tiny tmpfs or
# a read-only folder without touching the machine's mounts.
MOUNTED = r"""
import json, subprocess, sys
from pathlib import Path
from sincerely.build.builders import run
from sincerely.common.errors import BuildError

project, folder, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
share, jobs = float(sys.argv[4]), int(sys.argv[5])
def tree(root):
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p.relative_to(root)): p.read_bytes().hex() for p in files}
# The tmpfs holds the site once, with room to spare, but never the old and new together.
run(project, folder.parent / "measure")
files = [p for p in (folder.parent / "measure").rglob("*") if p.is_file()]
used = sum(-(-p.stat().st_size // 4096) * 4096 for p in files)
room = int(used * share) if mode == "full" else 8 << 20
subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={room}", "tmpfs", str(folder)], check=True)
run(project, folder / "site")
before = tree(folder / "site")
letter = project / "content/letters/letter-00.yaml"
grown = "situation: |\n  " + "grow " * 40000 + "\n"
letter.write_text(letter.read_text().replace("situation: |", grown, 1))
if mode == "readonly":
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
try:
    run(project, folder / "site", fresh=True, jobs=jobs)
    print(json.dumps({"built": True}))
except BuildError as error:
    print(json.dumps({"built": False, "messages": [d.message for d in error.diagnostics],
                      "intact": tree(folder / "site") == before}))
"""


def _in_own_mounts(
    project: Project, mode: str, tmp_path: Path, share: float = 1.6, jobs: int = 1
) -> dict[str, object]:
    folder = tmp_path / "mounted"
    folder.mkdir()
    done = subprocess.run(
        [
            "unshare",
            "--user",
            "--map-root-user",
            "--mount",
            sys.executable,
            "-c",
            MOUNTED,
            str(project.root),
            str(folder),
            mode,
            str(share),
            str(jobs),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize(
    ("mode", "reason"),
    [("full", "No space left on device"), ("readonly", "Read-only file system")],
    ids=["full disk", "read-only folder"],
)
def test_a_disk_fault_is_a_clear_error_and_the_old_site_stays(
    project: Project, tmp_path: Path, mode: str, reason: str
) -> None:
    result = _in_own_mounts(_project(project), mode, tmp_path)
    assert result["built"] is False
    assert result["messages"] == [
        f"cannot write the site: {reason}; the previous site is unchanged"
    ]
    assert result["intact"] is True


@pytest.mark.parametrize("share", [1.2, 1.35, 1.5, 1.65, 1.8, 2.0, 2.3])
def test_a_full_disk_met_by_any_rendering_process_is_the_same_clear_error(
    project: Project, tmp_path: Path, share: float
) -> None:
    # The disk fills at a different moment for each room left (share: the room, as a
    # multiple of the site's size), in the parent's share of the work or a worker's.
    result = _in_own_mounts(_project(project), "full", tmp_path, share, jobs=2)
    assert result["built"] is False
    assert result["messages"] == [
        "cannot write the site: No space left on device; the previous site is unchanged"
    ]
    assert result["intact"] is True


def test_the_live_server_survives_a_thousand_rapid_edits(project: Project) -> None:
    _project(project)
    process = subprocess.Popen(
        [sys.executable, "-m", "sincerely", "serve", str(project.root), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = ""
        while not url:
            line = process.stdout.readline()
            assert line, "the server stopped before serving"
            match = re.search(URL.pattern, line)
            url = match[1] if match else ""
        rng = random.Random(1000)
        target = project.root / "content/letters/letter-00.yaml"
        broken = [
            "title: [",
            "channel: fax\n",
            "",
            "\xff",
            MINIMAL_SCENARIO.replace("{your_name}", "{nope}"),
        ]
        for edit in range(1000):
            if rng.random() < 0.4:
                target.write_text(rng.choice(broken), encoding="utf-8", errors="surrogateescape")
            else:
                target.write_text(MINIMAL_SCENARIO.replace("Close second", f"Edit {edit}"))
            time.sleep(rng.uniform(0, 0.004))
        target.write_text(MINIMAL_SCENARIO.replace("Close second", "The final state"))
        deadline = time.monotonic() + 60
        page = ""
        while time.monotonic() < deadline and "<h1>The final state</h1>" not in page:
            time.sleep(0.2)
            with urllib.request.urlopen(url + "letters/letter-00.html") as response:
                page = response.read().decode()
        assert "<h1>The final state</h1>" in page
        assert process.poll() is None, "the server is still running"
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


# Runs in a mount namespace of its own: the project read-only, or its work folder on a
# disk that is full; then the command line builds into a writable folder elsewhere.
KEEPING = r"""
import json, subprocess, sys
from pathlib import Path
project, out, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
work = project / ".sincerely"
if mode == "read-only project":
    subprocess.run(["mount", "--bind", str(project), str(project)], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", str(project)], check=True)
else:
    work.mkdir(exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(work)], check=True)
    try:
        with open(work / "filler", "wb") as filler:
            while True:
                filler.write(b"x" * 4096)
                filler.flush()
    except OSError:
        pass
done = subprocess.run([sys.executable, "-m", "sincerely", "build", str(project), "-o", str(out)],
                      capture_output=True, text=True)
partial = sorted(p.name for p in work.rglob("*partial*")) if work.is_dir() else []
print(json.dumps({"code": done.returncode, "said": done.stdout + done.stderr, "partial": partial}))
"""


@pytest.mark.parametrize("mode", ["read-only project", "full work folder"])
def test_a_project_that_cannot_keep_anything_still_builds_and_says_so(
    project: Project, tmp_path: Path, mode: str
) -> None:
    _project(project)
    _retitle(project, "Built anyway")
    out = tmp_path / "out"
    done = subprocess.run(
        [
            *("unshare", "--user", "--map-root-user", "--mount", sys.executable, "-c", KEEPING),
            *(str(project.root), str(out), mode),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0, result["said"]
    reason = "Read-only file system" if mode == "read-only project" else "No space left on device"
    assert f"({reason})" in result["said"], result["said"]
    assert result["said"].count("note: ") == 1
    assert result["partial"] == []
    assert "Built anyway" in (out / "letters/letter-00.html").read_text(encoding="utf-8")
