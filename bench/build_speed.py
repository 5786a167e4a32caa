"""Build speed: sincerely against a floor, MkDocs and Sphinx with MyST, on the same content.

For each N it writes N synthetic letters (bench/synthetic.py) as a sincerely project, and
the same text as Markdown pages for the floor (bench/floor.py: markdown-it-py, one Jinja
template, one file per page, 2 processes), MkDocs and Sphinx with MyST. It then times
whole processes, alternating the tools, and prints medians, each with its ratio to the
floor measured in the same run: a cold build, with one and two processes; a build after
editing one letter (sincerely's incremental build, MkDocs's --dirty); and a build with
nothing changed. Cold builds, the peers' too, go into a folder never used before (deleting
the last output first would add the file system's reclaiming of it to the timed run). It
also prints the peak memory of the largest process for -j 2 and for -j 1, each measured
on its own, and the weight of a letter page. The peers run from virtual environments of
their own, made on first use (pip install mkdocs sphinx myst-parser); they are skipped
above --peer-limit letters.

    .venv/bin/python -m bench.build_speed                 # N = 100, 1000, 10000
    .venv/bin/python -m bench.build_speed --sizes 50 --runs 1 --no-peers
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .synthetic import write_project

PEERS_HOME = Path(tempfile.gettempdir()) / "sincerely-bench-peers"
SINCERELY = [sys.executable, "-m", "sincerely"]
REPO = Path(__file__).resolve().parent.parent


def peer_python(name: str, packages: list[str]) -> Path:
    venv = PEERS_HOME / name
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *packages], check=True)
    return python


def as_markdown(scenario: Path) -> tuple[str, str]:
    """A letter's text as a Markdown page: the same words for every tool."""
    text = scenario.read_text(encoding="utf-8")
    found = re.search(r"^title: (.*)$", text, re.M)
    title = found[1] if found else scenario.stem
    body = re.sub(r"^\s*(?:- )?(?:text|note|summary|situation): [>|]-?\s*$", "", text, flags=re.M)
    paragraphs = [line.strip() for line in body.splitlines() if len(line.strip()) > 40]
    return title, "\n\n".join(f"{p}" for p in paragraphs)


def write_peers(root: Path, files: list[Path]) -> tuple[Path, Path]:
    mkdocs, sphinx = root / "mkdocs", root / "sphinx"
    (mkdocs / "docs").mkdir(parents=True)
    (sphinx / "source").mkdir(parents=True)
    (mkdocs / "mkdocs.yml").write_text("site_name: Synthetic\n")
    (sphinx / "source" / "conf.py").write_text(
        'project = "Synthetic"\nextensions = ["myst_parser"]\nhtml_theme = "alabaster"\n'
    )
    names = []
    for path in files:
        title, body = as_markdown(path)
        page = f"# {title}\n\n{body}\n"
        (mkdocs / "docs" / f"{path.stem}.md").write_text(page)
        (sphinx / "source" / f"{path.stem}.md").write_text(page)
        names.append(path.stem)
    (mkdocs / "docs" / "index.md").write_text("# Synthetic\n")
    toctree = "\n".join(names)
    (sphinx / "source" / "index.md").write_text(f"# Synthetic\n\n```{{toctree}}\n{toctree}\n```\n")
    return mkdocs, sphinx


def timed(command: list[str], cwd: Path | None = None) -> float:
    """Wall time of a whole process."""
    started = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - started


# The peak memory of one command's largest process (itself or a worker it forked), in
# KB: measured from a fresh parent, since RUSAGE_CHILDREN keeps the largest child ever
# (in one process, every figure after a -j 1 run would be that run's).
_PEAK = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_memory(command: list[str]) -> int:
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, *command], check=True, capture_output=True, text=True
    )
    return int(done.stdout)


# A measure: its name, and what to do before each run, which returns the command to time.
Measure = tuple[str, Callable[[], list[str]], Path | None]


def alternating(runs: int, measures: list[Measure]) -> dict[str, float]:
    """Each measure once a round, round after round, so that a slow spell of the machine
    falls on every tool alike; the median of each."""
    times: dict[str, list[float]] = {name: [] for name, *_ in measures}
    for _ in range(runs):
        for name, prepare, cwd in measures:
            times[name].append(timed(prepare(), cwd))
    return {name: statistics.median(values) for name, values in times.items()}


def fmt(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.2f} s"


def peer_measures(root: Path, mkdocs_dir: Path, sphinx_dir: Path) -> list[Measure]:
    """MkDocs cold and after one edit (--dirty), Sphinx with MyST cold, each cold build
    into a fresh folder, as sincerely's."""
    mkdocs = peer_python("mkdocs", ["mkdocs"])
    sphinx = peer_python("sphinx", ["sphinx", "myst-parser"])
    runs_of = {"mkdocs": 0, "sphinx": 0, "edits": 0}

    def peer(name: str, command: Callable[[Path], list[str]]) -> Callable[[], list[str]]:
        def prepare() -> list[str]:
            runs_of[name] += 1
            return command(root / f"{name}-{runs_of[name]}")

        return prepare

    page = next((mkdocs_dir / "docs").glob("letter-*.md"))
    page_text = page.read_text(encoding="utf-8")
    dirty = [str(mkdocs), "-m", "mkdocs", "build", "-q", "--dirty", "-d", "dirty"]

    def mkdocs_edit() -> list[str]:  # from an up-to-date site, as sincerely's edit
        subprocess.run(dirty, cwd=mkdocs_dir, check=True, stdout=subprocess.DEVNULL)
        runs_of["edits"] += 1
        page.write_text(page_text.replace("# ", f"# Edited {runs_of['edits']} ", 1))
        return dirty

    return [
        (
            "MkDocs, cold",
            peer("mkdocs", lambda o: [str(mkdocs), "-m", "mkdocs", "build", "-q", "-d", str(o)]),
            mkdocs_dir,
        ),
        ("MkDocs, one page edited, --dirty", mkdocs_edit, mkdocs_dir),
        (
            "Sphinx + MyST, cold, -j 2",
            peer(
                "sphinx",
                lambda o: [str(sphinx), "-m", "sphinx", "-q", "-j", "2", "source", str(o)],
            ),
            sphinx_dir,
        ),
    ]


def bench(count: int, runs: int, peers: bool, peer_limit: int) -> list[tuple[str, float | None]]:
    root = Path(tempfile.mkdtemp(prefix="sincerely-speed-"))
    try:
        project = root / "sincerely"
        files = write_project(project, count)
        site = project / "site"
        build = [*SINCERELY, "build", "-q", str(project)]
        fresh = {"n": 0}

        def cold(jobs: str) -> Callable[[], list[str]]:
            """A cold build into a folder never used: deleting the last site first would
            make the file system reclaim its inodes during the timed build (seconds of
            system time on this machine's ext4 that a first build never pays)."""

            def command() -> list[str]:
                fresh["n"] += 1
                return [*build, "-j", jobs, "-o", str(root / f"cold-{fresh['n']}")]

            return command

        target = files[len(files) // 2]
        original = target.read_text(encoding="utf-8")
        state = {"n": 0}

        def edit() -> list[str]:
            subprocess.run([*build, "-j", "2"], check=True)  # start from an up-to-date site
            state["n"] += 1
            target.write_text(original.replace("title: Synthetic", f"title: Edited {state['n']}"))
            return [*build, "-j", "2"]

        mkdocs_dir, sphinx_dir = write_peers(root, files)
        floors = {"n": 0}

        def floor() -> list[str]:
            floors["n"] += 1
            output = root / f"floor-{floors['n']}"
            return [sys.executable, "-m", "bench.floor", str(mkdocs_dir / "docs"), str(output)]

        measures: list[Measure] = [
            ("floor: markdown-it-py + Jinja, 2 processes", floor, REPO),
            ("sincerely, cold, -j 2", cold("2"), None),
            ("sincerely, cold, -j 1", cold("1"), None),
            ("sincerely, one letter edited", edit, None),
            ("sincerely, nothing changed", lambda: [*build, "-j", "2"], None),
        ]
        if peers and count <= peer_limit:
            measures += peer_measures(root, mkdocs_dir, sphinx_dir)
        medians = alternating(runs, measures)
        rows: list[tuple[str, float | None]] = list(medians.items())
        if not (peers and count <= peer_limit):
            rows += [
                ("MkDocs, cold", None),
                ("MkDocs, one page edited, --dirty", None),
                ("Sphinx + MyST, cold, -j 2", None),
            ]
        subprocess.run([*build, "-j", "2"], check=True)  # the site the weight is read from
        for jobs in ("2", "1"):
            memory = peak_memory([*build, "-j", jobs, "-o", str(root / f"memory-{jobs}")])
            rows.append((f"peak memory, largest process, -j {jobs} ({memory / 1024:.0f} MB)", None))
        page = next(site.rglob("letter-*.html"))
        weight = page.stat().st_size + sum(
            (site / "static" / n).stat().st_size for n in ("site.css", "site.js", "letter.js")
        )
        rows.append((f"letter page, HTML + CSS + JS ({weight / 1000:.1f} KB)", None))
        return rows
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--peer-limit", type=int, default=1000)
    args = parser.parse_args()
    today = datetime.date.today().isoformat()
    print(
        f"{today}, {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"medians of {args.runs} whole-process runs")
    results = {n: bench(n, args.runs, not args.no_peers, args.peer_limit) for n in args.sizes}
    labels = [label for label, _ in results[args.sizes[0]]]
    print("| | " + " | ".join(f"{n:,} letters" for n in args.sizes) + " |")
    print("| --- |" + " --- |" * len(args.sizes))
    for i, label in enumerate(labels):
        cells = []
        for n in args.sizes:
            row_label, value = results[n][i]
            floor = results[n][0][1]
            if value is None:
                found = re.search(r"\((.*)\)$", row_label)
                cells.append(found[1] if found else "-")
            elif i > 0 and floor:
                cells.append(f"{fmt(value)} ({value / floor:.1f}x floor)")
            else:
                cells.append(fmt(value))
        print(f"| {re.sub(r' [(].*[)]$', '', label)} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
