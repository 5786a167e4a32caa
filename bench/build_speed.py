"""Build speed: sincerely against a floor, MkDocs and Sphinx with MyST, on the same content.

For each N it writes N synthetic letters (bench/synthetic.py) as a sincerely project, and
the same text as Markdown pages for the floor (bench/floor.py: markdown-it-py, one Jinja
template, one file per page, 2 processes), MkDocs and Sphinx with MyST. It then times
whole processes, round after round, each measure once a round, and prints medians, each
with its ratio to the floor measured in the same run:

- truly cold: `build --fresh` into a folder never used, with two processes and with one,
  reading nothing any earlier build kept;
- warm-cache cold: a build into a folder never used, without --fresh: the parse cache in
  .sincerely/loaded is shared by every output folder, so this build skips parsing;
- one letter edited, from an up-to-date site (MkDocs: one page, --dirty); after each
  such build, untimed, its site is compared byte for byte with a `build --fresh` of the
  same content, and any difference stops the run;
- nothing changed;
- with --serve, `sincerely serve` from saving a letter to the browser showing the page
  updated (bench/serve_latency.py, Chromium), median and max, at N <= --serve-limit.

New folders are never deleted during the run: the file system's reclaiming of a deleted
site would fall on whichever build is timed next. It prints the peak memory of the
largest process, truly cold and for an edit, with -j 2 and -j 1, each measured from a
fresh parent; the weight of a letter page; and where each sincerely build's time goes,
phase by phase (SINCERELY_TIMINGS, src/sincerely/common/timings.py). The peers run from
virtual environments of their own, made on first use (pip install mkdocs sphinx
myst-parser); they are skipped above --peer-limit letters. With --readme, README.md's
Performance section (between its performance markers) is rewritten from the run, with
the goals of issue #27 and whether each is met.

    .venv/bin/python -m bench.build_speed --sizes 1000 10000 --serve --readme
    .venv/bin/python -m bench.build_speed --sizes 50 --runs 1 --no-peers
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sincerely.common.timings import VARIABLE

from .synthetic import write_project

PEERS_HOME = Path(tempfile.gettempdir()) / "sincerely-bench-peers"
SINCERELY = [sys.executable, "-m", "sincerely"]
REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
START, END = "<!-- performance:start -->", "<!-- performance:end -->"

# The rows of the main table, by key, in order. The figures of a row come from one
# measure; a row's label says what was measured, so that "cold" means one thing only.
ROWS = {
    "floor": "floor: markdown-it-py + Jinja, 2 processes",
    "cold2": "sincerely, truly cold (--fresh, new folder), -j 2",
    "cold1": "sincerely, truly cold (--fresh, new folder), -j 1",
    "warm": "sincerely, warm-cache cold (new folder, parse cache kept), -j 2",
    "edit": "sincerely, one letter edited, -j 2",
    "identical": "every edit build byte-identical to --fresh",
    "unchanged": "sincerely, nothing changed, -j 2",
    "serve": "sincerely serve, save to page updated, median / max",
    "mkdocs": "MkDocs, cold",
    "dirty": "MkDocs, one page edited, --dirty",
    "sphinx": "Sphinx + MyST, cold, -j 2",
    "memory-cold": "peak memory, largest process, truly cold, -j 2 / -j 1",
    "memory-edit": "peak memory, largest process, one letter edited, -j 2 / -j 1",
    "weight": "letter page, HTML + CSS + JS",
}
# The columns of the per-phase table: the sincerely measures whose builds say their phases.
PHASED = {
    "cold2": "truly cold, -j 2",
    "cold1": "truly cold, -j 1",
    "edit": "one letter edited",
    "unchanged": "nothing changed",
}
START_ROW = "start: interpreter and imports"
BETWEEN_ROW = "between phases"
WHOLE_ROW = "whole process"


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


def environment(phases: Path | None = None) -> dict[str, str]:
    """This process's environment, with SINCERELY_TIMINGS set to ``phases`` only: a build
    that is not timed (bringing a site up to date, a reference build) must not add lines
    to a measure's file, whatever the caller's own environment says."""
    env = {name: value for name, value in os.environ.items() if name != VARIABLE}
    if phases is not None:
        env[VARIABLE] = str(phases)
    return env


def timed(command: list[str], cwd: Path | None = None, phases: Path | None = None) -> float:
    """Wall time of a whole process."""
    started = time.perf_counter()
    subprocess.run(
        command,
        cwd=cwd,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=environment(phases),
    )
    return time.perf_counter() - started


def untimed(command: list[str], cwd: Path | None = None) -> None:
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, env=environment())


def differences(expected: Path, got: Path) -> list[str]:
    """The files, by path relative to each folder, that only one of the two trees has
    or whose bytes differ: empty when ``got`` is byte for byte ``expected``."""

    def files(folder: Path) -> dict[str, Path]:
        return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}

    want, have = files(expected), files(got)
    only = sorted(
        f"{path} (only in {expected if path in want else got})"
        for path in want.keys() ^ have.keys()
    )
    both = sorted(want.keys() & have.keys())
    return only + [p for p in both if want[p].read_bytes() != have[p].read_bytes()]


def check_identical(fresh: Path, built: Path, what: str) -> None:
    """Stop the run, loudly, when ``built`` is not byte for byte ``fresh``: a fast build
    that makes another site is not a figure worth printing."""
    differ = differences(fresh, built)
    if differ:
        shown = "\n  ".join(differ[:10])
        raise SystemExit(
            f"{what}: {built} is not byte-identical to a --fresh build of the same content"
            f" ({fresh}): {len(differ)} files differ, among them\n  {shown}"
        )


# The peak memory of one command's largest process (itself or a worker it forked), in
# KB: measured from a fresh parent, since RUSAGE_CHILDREN keeps the largest child ever
# (in one process, every figure after a -j 1 run would be that run's).
_PEAK = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_memory(command: list[str]) -> int:
    """In MB."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, *command],
        check=True,
        capture_output=True,
        text=True,
        env=environment(),
    )
    return round(int(done.stdout) / 1024)


@dataclass
class Measure:
    """A row's measure: ``prepare`` does what comes before a run, untimed, and returns
    the command to time; ``after`` runs once the timed process has ended (untimed too:
    the edit builds' identity check). ``phases``: the file its builds' SINCERELY_TIMINGS
    lines go to."""

    key: str
    prepare: Callable[[], list[str]]
    cwd: Path | None = None
    phases: Path | None = None
    after: Callable[[], None] | None = None
    walls: list[float] = field(default_factory=list)


def alternating(runs: int, measures: list[Measure]) -> None:
    """Each measure once a round, round after round, so that a slow spell of the machine
    falls on every tool alike."""
    for _ in range(runs):
        for measure in measures:
            measure.walls.append(timed(measure.prepare(), measure.cwd, measure.phases))
            if measure.after is not None:
                measure.after()


def phase_medians(measure: Measure) -> dict[str, float]:
    """The median seconds of each phase of the measure's builds, in the order the phases
    began, between the time before the first phase (the interpreter's start and the
    imports, and the exit after the last) and the whole process's."""
    assert measure.phases is not None
    lines = [json.loads(line) for line in measure.phases.read_text(encoding="utf-8").splitlines()]
    if len(lines) != len(measure.walls):
        raise SystemExit(f"{measure.key}: {len(lines)} timings for {len(measure.walls)} runs")
    columns: dict[str, list[float]] = {START_ROW: []}
    for line, wall in zip(lines, measure.walls, strict=True):
        phases: dict[str, float] = line["phases"]
        columns[START_ROW].append(wall - line["total"])
        for name, seconds in phases.items():
            columns.setdefault(name, []).append(seconds)
        top = sum(seconds for name, seconds in phases.items() if " / " not in name)
        columns.setdefault(BETWEEN_ROW, []).append(line["total"] - top)
        columns.setdefault(WHOLE_ROW, []).append(wall)
    between = columns.pop(BETWEEN_ROW)  # listed after every phase, whichever came first
    whole = columns.pop(WHOLE_ROW)
    medians = {name: statistics.median(values) for name, values in columns.items()}
    return medians | {BETWEEN_ROW: statistics.median(between), WHOLE_ROW: statistics.median(whole)}


@dataclass
class Size:
    """What one size's measures gave."""

    count: int
    seconds: dict[str, float] = field(default_factory=dict)  # medians, by row key
    texts: dict[str, str] = field(default_factory=dict)  # the other rows' cells
    phases: dict[str, dict[str, float]] = field(default_factory=dict)  # by PHASED key
    compared: int = 0  # edit builds found byte-identical to a --fresh build
    peaks: list[int] = field(default_factory=list)  # MB, every build measured
    serve: tuple[float, float] | None = None  # ms, median and max


def peer_measures(root: Path, mkdocs_dir: Path, sphinx_dir: Path, sphinx: bool) -> list[Measure]:
    """MkDocs cold and after one edit (--dirty), Sphinx with MyST cold, each cold build
    into a fresh folder, as sincerely's."""
    mkdocs = peer_python("mkdocs", ["mkdocs"])
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
        untimed(dirty, cwd=mkdocs_dir)
        runs_of["edits"] += 1
        page.write_text(page_text.replace("# ", f"# Edited {runs_of['edits']} ", 1))
        return dirty

    cold = peer("mkdocs", lambda o: [str(mkdocs), "-m", "mkdocs", "build", "-q", "-d", str(o)])
    measures = [
        Measure("mkdocs", cold, mkdocs_dir),
        Measure("dirty", mkdocs_edit, mkdocs_dir),
    ]
    if sphinx:
        python = peer_python("sphinx", ["sphinx", "myst-parser"])
        command = peer(
            "sphinx", lambda o: [str(python), "-m", "sphinx", "-q", "-j", "2", "source", str(o)]
        )
        measures.append(Measure("sphinx", command, sphinx_dir))
    return measures


@dataclass
class Options:
    runs: int
    peers: bool
    peer_limit: int
    sphinx: bool
    serve: bool
    serve_limit: int
    serve_edits: int


def bench(count: int, options: Options) -> Size:
    root = Path(tempfile.mkdtemp(prefix="sincerely-speed-"))
    try:
        return _bench(root, count, options)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class Gallery:
    """The sincerely project of one size, and the builds measured on it."""

    root: Path
    size: Size
    files: list[Path]
    folders: int = 0
    edits: int = 0

    @property
    def project(self) -> Path:
        return self.root / "sincerely"

    @property
    def site(self) -> Path:
        return self.project / "site"

    def build(self, *args: str) -> list[str]:
        return [*SINCERELY, "build", "-q", str(self.project), *args]

    def new_folder(self, kind: str) -> Path:
        """A folder never used: deleting the last one first would make the file system
        reclaim its inodes during the timed build (seconds of system time on this
        machine's ext4 that a first build never pays)."""
        self.folders += 1
        return self.root / f"{kind}-{self.folders}"

    def truly_cold(self, jobs: str) -> list[str]:
        return self.build("--fresh", "-j", jobs, "-o", str(self.new_folder("cold")))

    def warm_cold(self) -> list[str]:
        """Without --fresh: the parse cache earlier builds kept is read."""
        return self.build("-j", "2", "-o", str(self.new_folder("warm")))

    def edited(self, jobs: str) -> list[str]:
        """Bring the site up to date, edit one letter, and return the build to time."""
        untimed(self.build("-j", jobs))
        self.edits += 1
        target = self.files[len(self.files) // 2]
        text = target.read_text(encoding="utf-8")
        target.write_text(re.sub(r"^title: .*$", f"title: Edited {self.edits}", text, flags=re.M))
        return self.build("-j", jobs)

    def compare(self, fresh: Path | None = None) -> None:
        """The site the last edit build left, against a --fresh build of the same content
        (made here, unless ``fresh`` is one made since that edit)."""
        if fresh is None:
            fresh = self.new_folder("fresh")
            untimed(self.build("--fresh", "-j", "2", "-o", str(fresh)))
        check_identical(fresh, self.site, f"edit {self.edits} ({self.size.count:,} letters)")
        self.size.compared += 1

    def measures(self, timings: Path) -> list[Measure]:
        return [
            # Truly cold first: the first round's warm-cache cold build reads the parse
            # cache they kept.
            Measure("cold2", lambda: self.truly_cold("2"), phases=timings / "cold2.jsonl"),
            Measure("cold1", lambda: self.truly_cold("1"), phases=timings / "cold1.jsonl"),
            Measure("warm", self.warm_cold),
            Measure(
                "edit", lambda: self.edited("2"), phases=timings / "edit.jsonl", after=self.compare
            ),
            # Right after the edit build, whose site is up to date.
            Measure("unchanged", lambda: self.build("-j", "2"), phases=timings / "unchanged.jsonl"),
        ]

    def memory(self) -> None:
        """Peak memory of an edit build, then of a truly cold build of the same content,
        which is also the edit's reference, with -j 2 and -j 1 (each from a fresh
        parent: see _PEAK)."""
        cold, edit = [], []
        for jobs in ("2", "1"):
            edit.append(peak_memory(self.edited(jobs)))
            fresh = self.new_folder("memory")
            cold.append(peak_memory(self.build("--fresh", "-j", jobs, "-o", str(fresh))))
            self.compare(fresh)
        self.size.texts["memory-cold"] = f"{cold[0]} / {cold[1]} MB"
        self.size.texts["memory-edit"] = f"{edit[0]} / {edit[1]} MB"
        self.size.peaks += cold + edit

    def weight(self) -> None:
        """A letter page's bytes, with the style sheet and scripts it loads."""
        site = self.site
        page = next(site.rglob("letter-*.html"))
        weight = page.stat().st_size + sum(
            (site / "static" / n).stat().st_size for n in ("site.css", "site.js", "letter.js")
        )
        self.size.texts["weight"] = f"{weight / 1000:.1f} KB"


def _bench(root: Path, count: int, options: Options) -> Size:
    size = Size(count)
    gallery = Gallery(root, size, write_project(root / "sincerely", count))
    mkdocs_dir, sphinx_dir = write_peers(root, gallery.files)

    def floor() -> list[str]:
        output = gallery.new_folder("floor")
        return [sys.executable, "-m", "bench.floor", str(mkdocs_dir / "docs"), str(output)]

    timings = root / "timings"
    timings.mkdir()
    measures = [Measure("floor", floor, REPO), *gallery.measures(timings)]
    if options.peers and count <= options.peer_limit:
        measures += peer_measures(root, mkdocs_dir, sphinx_dir, options.sphinx)
    alternating(options.runs, measures)
    for measure in measures:
        size.seconds[measure.key] = statistics.median(measure.walls)
        if measure.key in PHASED:
            size.phases[measure.key] = phase_medians(measure)
    gallery.memory()
    gallery.weight()
    size.texts["identical"] = f"yes, {size.compared} of {size.compared} compared"
    if options.serve and count <= options.serve_limit:
        # Imported here: the build figures need neither Playwright nor Chromium.
        from .serve_latency import measure as serve_latency

        latencies = serve_latency(count, options.serve_edits)
        size.serve = (statistics.median(latencies), max(latencies))
        median, most = size.serve
        size.texts["serve"] = f"{median:.0f} / {most:.0f} ms ({options.serve_edits} saves)"
    return size


def table(header: list[str], rows: Iterable[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def main_table(sizes: list[Size]) -> list[str]:
    rows = []
    for key, label in ROWS.items():
        cells = []
        for size in sizes:
            seconds, floor = size.seconds.get(key), size.seconds["floor"]
            if seconds is None:
                cells.append(size.texts.get(key, "-"))
            elif key == "floor":
                cells.append(f"{seconds:.2f} s")
            else:
                cells.append(f"{seconds:.2f} s ({seconds / floor:.1f}x floor)")
        rows.append([label, *cells])
    return table(["", *(f"{size.count:,} letters" for size in sizes)], rows)


def phase_table(size: Size) -> list[str]:
    """Rows: the phases in the order they began, the first column's builds first."""
    names: list[str] = []
    for medians in size.phases.values():
        names += [name for name in medians if name not in names]
    names = [n for n in names if n not in (BETWEEN_ROW, WHOLE_ROW)] + [BETWEEN_ROW, WHOLE_ROW]
    rows = []
    for name in names:
        cells = [size.phases[key].get(name) for key in PHASED]
        rows.append([name, *("-" if s is None else f"{s:.3f}" for s in cells)])
    return table([f"{size.count:,} letters, seconds", *PHASED.values()], rows)


Verdict = tuple[str, bool] | None  # what was measured, and whether it meets its goal


def _truly_cold(size: Size | None) -> Verdict:
    if size is None:
        return None
    cold, floor = size.seconds["cold2"], size.seconds["floor"]
    return f"{cold / floor:.1f}x floor ({cold:.2f} s, -j 2)", cold / floor <= 4.0


def _edit_against_dirty(size: Size | None) -> Verdict:
    if size is None or "dirty" not in size.seconds:
        return None  # MkDocs was not run: the goal is relative to it
    edit, dirty = size.seconds["edit"], size.seconds["dirty"]
    said = f"{edit:.2f} s against {dirty:.2f} s; identical, {size.compared} of {size.compared}"
    return said, edit <= dirty  # a difference would have stopped the run


def _at_most(size: Size | None, key: str, limit: float) -> Verdict:
    if size is None:
        return None
    return f"{size.seconds[key]:.2f} s", size.seconds[key] <= limit


def _both(first: Verdict, second: Verdict) -> Verdict:
    if first is None or second is None:
        return None
    return f"{first[0]} / {second[0]}", first[1] and second[1]


def _peak(size: Size | None) -> Verdict:
    if size is None:
        return None
    return f"{max(size.peaks)} MB, the largest of -j 2 and -j 1", max(size.peaks) < 250


def _serve(size: Size | None) -> Verdict:
    if size is None or size.serve is None:
        return None
    median, most = size.serve
    return f"{median:.0f} ms median, {most:.0f} ms max", median <= 200 and most <= 400


def goals(sizes: list[Size]) -> list[str]:
    """Issue #27's goals, each with what this run measured and whether it is met."""
    by = {size.count: size for size in sizes}
    small, large = by.get(1000), by.get(10000)
    verdicts = [
        ("truly cold, 1,000", "<= 4.0x floor", _truly_cold(small)),
        (
            "one edit, 1,000",
            "<= MkDocs --dirty in the same run, byte-identical",
            _edit_against_dirty(small),
        ),
        ("one edit, 10,000", "<= 2.0 s", _at_most(large, "edit", 2.0)),
        (
            "nothing changed, 1,000 / 10,000",
            "<= 0.2 s / <= 0.4 s",
            _both(_at_most(small, "unchanged", 0.2), _at_most(large, "unchanged", 0.4)),
        ),
        ("peak memory, 10,000, any -j", "< 250 MB", _peak(large)),
        ("serve, save to page updated, 1,000", "<= 200 ms median, <= 400 ms max", _serve(small)),
    ]
    rows = [
        [figure, goal, "not measured in this run", "-"]
        if verdict is None
        else [figure, goal, verdict[0], "yes" if verdict[1] else "**no**"]
        for figure, goal, verdict in verdicts
    ]
    return table(["figure", "goal", "measured", "met?"], rows)


def machine() -> str:
    try:
        system = platform.freedesktop_os_release()["PRETTY_NAME"]
    except OSError:
        system = platform.platform()
    bytecode = "off" if sys.dont_write_bytecode else "on"
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {system}, "
        f"Python {platform.python_version()}, bytecode cache {bytecode}"
    )


METHOD = """\
Whole processes, with synthetic letters of realistic size (`bench/synthetic.py`: five
annotated paragraphs, about 450 words a page, plus three downloads each).
`bench/build_speed.py` runs each measure once a round, round after round, so that a slow
spell of the machine falls on every tool alike, and takes medians of {runs}; each figure
has its ratio to a *floor* measured in the same run: markdown-it-py, one small Jinja
template and one file per page, on 2 processes (`bench/floor.py`), the least a generator
does for these pages. *Truly cold* is `build --fresh` into a folder never used: nothing
an earlier build kept is read. *Warm-cache cold* is a build into a new folder without
`--fresh`: it still reads the parse cache (`.sincerely/loaded`, shared by every output
folder) and so skips parsing, which is why only the first is called cold. *One letter
edited* starts from an up-to-date site; after each such build, untimed, its output is
compared byte for byte with a `--fresh` build of the same content, and a difference stops
the run. Peak memory is that of the largest process (a build or a worker it forked).
`sincerely serve` is timed from saving a letter to the page showing it in Chromium
(`bench/serve_latency.py`); a dash is a figure not measured at that size. Run-to-run
spread on this virtual machine is wide: compare figures of one run only."""

PHASES_NOTE = """\
Where the time of each sincerely build goes (`SINCERELY_TIMINGS`, medians in seconds):
*start* is the process's wall time less its phases' total (the interpreter's start, the
imports, the exit); *between phases* is the total less the top-level phases; a phase
named `a / b` ran inside `a` and is counted in it too. Medians of parts need not add up
to the median of the whole."""


def report(sizes: list[Size], runs: int, command: str) -> list[str]:
    today = datetime.date.today().isoformat()
    lines = [
        f"Measured on {today} on this project's machine ({machine()}), by `{command}`.",
        "",
        METHOD.format(runs=f"{runs} run" if runs == 1 else f"{runs} runs"),
        "",
        "Issue #27's goals, from this run:",
        "",
        *goals(sizes),
        "",
        *main_table(sizes),
        "",
        PHASES_NOTE,
    ]
    for size in sizes:
        lines += ["", *phase_table(size)]
    return lines


def rewrite_readme(path: Path, lines: list[str]) -> None:
    """Replace what is between the Performance section's markers with ``lines``."""
    text = path.read_text(encoding="utf-8")
    before, start, rest = text.partition(START)
    _, end, after = rest.partition(END)
    if not start or not end:
        raise SystemExit(f"{path}: no {START} ... {END} to rewrite")
    path.write_text(before + START + "\n" + "\n".join(lines) + "\n" + END + after, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-peers", action="store_true", help="neither MkDocs nor Sphinx")
    parser.add_argument("--no-sphinx", action="store_true", help="MkDocs only")
    parser.add_argument("--peer-limit", type=int, default=1000, help="no peers above")
    parser.add_argument(
        "--serve", action="store_true", help="time sincerely serve in Chromium as well"
    )
    parser.add_argument("--serve-limit", type=int, default=1000, help="no serve above")
    parser.add_argument("--serve-edits", type=int, default=15, help="saves timed per size")
    parser.add_argument(
        "--readme",
        type=Path,
        nargs="?",
        const=README,
        help="rewrite the Performance section of README.md (or of the file given)",
    )
    args = parser.parse_args()
    options = Options(
        runs=args.runs,
        peers=not args.no_peers,
        peer_limit=args.peer_limit,
        sphinx=not args.no_sphinx,
        serve=args.serve,
        serve_limit=args.serve_limit,
        serve_edits=args.serve_edits,
    )
    sizes = []
    for count in args.sizes:
        started = time.perf_counter()
        sizes.append(bench(count, options))
        took = time.perf_counter() - started
        print(f"{count:,} letters measured in {took:.0f} s", file=sys.stderr, flush=True)
    flags = [a for a in sys.argv[1:] if not a.startswith("--readme") and a != str(args.readme)]
    lines = report(sizes, args.runs, " ".join(["python -m bench.build_speed", *flags]))
    print("\n".join(lines))
    if args.readme is not None:
        rewrite_readme(args.readme, lines)


if __name__ == "__main__":
    main()
