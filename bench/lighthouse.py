"""Lighthouse scores of the built gallery, and every audit that costs points.

It builds the gallery (this repository's, or --project DIR) into a temporary folder with
`python -m sincerely build`, serves it on 127.0.0.1 (Python's http.server: no compression,
no cache headers, so the audits about those describe this server, not the site), and runs
Lighthouse on each page against Debian's Chromium: mobile, simulated throttling (the
defaults), the four categories. It prints the median scores of --runs runs, the median
metrics, and, for every page, every audit that scored under 1 in any run, with what
Lighthouse says about it. Lighthouse (npm, major version 12: 13 needs Node 22) is
installed on first use into a cache folder under the system temp dir.

    .venv/bin/python -m bench.lighthouse                       # the four default pages
    .venv/bin/python -m bench.lighthouse --runs 3 --json /tmp/lighthouse.json
    .venv/bin/python -m bench.lighthouse --pages search.html --reports /tmp/lh-reports
    .venv/bin/python -m bench.lighthouse --dry-run             # build, serve, print the URLs
    .venv/bin/python -m bench.lighthouse --base-url https://example.org/letters/  # as hosted

A low score is a figure, not a failure: the exit status is non-zero only when Lighthouse
cannot run (npm unreachable, no Chromium, a run that yields no report) or the gallery does
not build. A run takes about 15 s on a quiet 2-core machine (up to 45 s on a busy one).

Reading the figures: a letter with translations scores SEO 100 built with or without
--base-url, since its hreflang links are written only with full addresses (relative ones
fail the `hreflang` audit: SEO 91). Lighthouse fetches robots.txt from inside the page, so the audit
`robots-txt` fails ("unable to download") whenever the page's Content-Security-Policy has
no connect-src allowing 'self' (GoogleChrome/lighthouse#4386), whatever robots.txt holds.
Headless Chromium here sometimes presents its first frame 1 or 2 s after the page was
painted (seen while other test suites loaded the machine, and on a two-line page too),
which inflates that run's Speed Index and FCP; a busy machine also inflates TBT (see the
CPU index printed): take several runs, on a quiet machine.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import http.server
import json
import math
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE_HOME = Path(tempfile.gettempdir()) / "sincerely-bench-lighthouse"
LIGHTHOUSE_MAJOR = "12"
DEFAULT_PAGES = [
    "index.html",
    "after-rejection/close-second.html",
    # A letter in another language than the site's, with a translation: its hreflang
    # links, og:locale and JSON-LD are what an SEO audit of a letter reads most.
    "apres-un-refus/deuxieme-choix.html",
    "after-rejection/index.html",
    "search.html",
]
CATEGORIES = {
    "performance": "performance",
    "accessibility": "accessibility",
    "best-practices": "best practices",
    "seo": "SEO",
}
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "Speed Index",
}
# Without the background-networking flags, Debian's Chromium has its connections refused
# on this project's machines (it tries to reach Google's services at start-up).
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
RUN_TIMEOUT = 300  # seconds for one Lighthouse run; a sound run here takes about 20


class CannotRunError(Exception):
    """Lighthouse cannot run here: the message says why."""


# The gallery: built, then served.


def build(project: Path, output: Path, base_url: str = "") -> None:
    command = [sys.executable, "-m", "sincerely", "build", "-q", str(project), "-o", str(output)]
    if base_url:  # as hosted: canonical links and a sitemap, which the SEO audits read
        command += ["--base-url", base_url]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise CannotRunError(f"the gallery did not build ({shlex.join(command)}):\n{done.stdout}")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """The folder served on 127.0.0.1, on a free port; yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Lighthouse and Chromium.


def lighthouse_cli() -> Path:
    """Lighthouse's command, installed with npm into LIGHTHOUSE_HOME on first use."""
    cli = LIGHTHOUSE_HOME / "node_modules" / ".bin" / "lighthouse"
    if cli.exists() and lighthouse_version().split(".")[0] == LIGHTHOUSE_MAJOR:
        return cli
    npm = shutil.which("npm")
    if not npm or not shutil.which("node"):
        raise CannotRunError("Lighthouse needs Node.js and npm, and `npm` or `node` is not on PATH")
    LIGHTHOUSE_HOME.mkdir(parents=True, exist_ok=True)
    command = [npm, "install", "--prefix", str(LIGHTHOUSE_HOME), f"lighthouse@{LIGHTHOUSE_MAJOR}"]
    print(f"installing Lighthouse: {shlex.join(command)}", file=sys.stderr, flush=True)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    except subprocess.TimeoutExpired as error:
        raise CannotRunError(
            "npm install did not finish in 15 minutes (is npm's registry reachable?)"
        ) from error
    if done.returncode != 0 or not cli.exists():
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise CannotRunError(
            f"npm could not install Lighthouse (is the registry reachable?): "
            f"{shlex.join(command)} exited {done.returncode}:\n{tail}"
        )
    return cli


def lighthouse_version() -> str:
    package = LIGHTHOUSE_HOME / "node_modules" / "lighthouse" / "package.json"
    try:
        return str(json.loads(package.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "?"


def find_chrome(given: str | None) -> str:
    if given and not Path(given).exists():
        raise CannotRunError(f"no browser at {given}")
    for candidate in (given, os.environ.get("CHROME_PATH"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    found = shutil.which("chromium") or shutil.which("google-chrome")
    if not found:
        raise CannotRunError("no Chromium: install Debian's (`make browser`) or pass --chrome PATH")
    return found


def chrome_version(chrome: str) -> str:
    # Debian's wrapper script prints a harmless shell warning on stderr; the version is on stdout.
    done = subprocess.run([chrome, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or "?"


def lighthouse_command(cli: Path | str, url: str, output: Path) -> list[str]:
    return [
        str(cli),
        url,
        "--form-factor=mobile",
        "--throttling-method=simulate",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        "--output=json",
        "--output=html",
        f"--output-path={output}",
        "--quiet",
    ]


def run_lighthouse(cli: Path, chrome: str, url: str, output: Path) -> dict[str, Any]:
    """One Lighthouse run: its JSON report (output.report.json; .report.html beside it)."""
    env = {**os.environ, "CHROME_PATH": chrome}
    command = lighthouse_command(cli, url, output)
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise CannotRunError(f"Lighthouse did not finish {url} in {RUN_TIMEOUT} s") from error
    report_file = output.with_name(output.name + ".report.json")
    if done.returncode != 0 or not report_file.exists():
        tail = "\n".join((done.stderr + done.stdout).strip().splitlines()[-20:])
        raise CannotRunError(
            f"Lighthouse exited {done.returncode} on {url}:\n{tail}\n"
            f"(CHROME_PATH={chrome} {shlex.join(command)})"
        )
    report: dict[str, Any] = json.loads(report_file.read_text(encoding="utf-8"))
    failed = report.get("runtimeError")
    if failed:
        raise CannotRunError(
            f"Lighthouse could not audit {url}: {failed.get('code')}: {failed.get('message')}"
        )
    return report


# What a report says.


def scores(report: dict[str, Any]) -> dict[str, float | None]:
    return {name: report["categories"][name]["score"] for name in CATEGORIES}


def cpu_index(report: dict[str, Any]) -> float:
    """Lighthouse's measure of the machine's speed during the run."""
    return float(report["environment"].get("benchmarkIndex") or 0)


def metrics(report: dict[str, Any]) -> dict[str, float | None]:
    return {name: report["audits"][name].get("numericValue") for name in METRICS}


def audit_places(report: dict[str, Any]) -> dict[str, tuple[str, float]]:
    """Each audit in the four categories: its category and its weight in the score."""
    places: dict[str, tuple[str, float]] = {}
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            places.setdefault(ref["id"], (category, ref.get("weight", 0)))
    return places


def short(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_item(item: dict[str, Any], base: str) -> str:
    """One row of an audit's details, in a few words: what, where, how much."""
    parts = []
    node = item.get("node")
    if isinstance(node, dict) and node.get("type") == "node":
        parts.append(node.get("selector") or node.get("nodeLabel") or "")
        if node.get("snippet"):
            parts.append(short(node["snippet"], 70))
        if node.get("explanation"):
            parts.append(short(node["explanation"], 160))
    elif isinstance(node, dict) and node.get("value"):
        parts.append(str(node["value"]))
    source = item.get("source")
    url = item.get("url") or (source.get("url") if isinstance(source, dict) else None)
    if isinstance(url, str) and url:
        parts.append(url.removeprefix(base) or "/")
    if isinstance(item.get("phase"), str):
        parts.append(f"{item['phase']} {item.get('timing', 0):.0f} ms ({item.get('percent')})")
    for key, unit in (
        ("score", ""),
        ("startTime", " ms"),
        ("duration", " ms"),
        ("wastedMs", " ms"),
        ("wastedBytes", " B"),
        ("blockingTime", " ms"),
    ):
        value = item.get(key)
        if isinstance(value, int | float) and value:
            shown = f"{value:.3g}" if key == "score" else f"{value:.0f}"
            parts.append(f"{'at' if key == 'startTime' else key} {shown}{unit}")
    for key in ("description", "label", "reason", "failureReason", "cause"):
        if isinstance(item.get(key), str):
            parts.append(short(item[key], 120))
    sub_items = item.get("subItems")
    causes = [s.get("cause") for s in sub_items.get("items", [])] if sub_items else []
    if any(causes):
        parts.append("causes: " + "; ".join(str(c) for c in causes if c))
    return ", ".join(p for p in parts if p)


def describe_details(details: dict[str, Any], base: str, limit: int) -> list[str]:
    kind = details.get("type")
    if kind == "checklist":
        return [f"not: {v['label']}" for v in details.get("items", {}).values() if not v["value"]]
    if kind == "list":
        found = []
        for section in details.get("items", []):
            value = section.get("value", section)
            if value.get("type") == "network-tree":
                found.append(f"longest chain {value.get('longestChain', {}).get('duration')} ms")
            elif value.get("type") == "node":
                found.append(describe_item({"node": value}, base))
            else:
                found += describe_details(value, base, limit)
        return found
    items = [i for i in details.get("items", []) if isinstance(i, dict) and "type" not in i]
    found = [describe_item(i, base) for i in items[:limit]]
    if len(items) > limit:
        found.append(f"and {len(items) - limit} more")
    return found


# A metric's score has no details of its own: these audits say what caused it.
CAUSES = {
    "cumulative-layout-shift": ["layout-shifts"],
    "total-blocking-time": ["long-tasks"],
    "max-potential-fid": ["long-tasks"],
    "largest-contentful-paint": ["largest-contentful-paint-element"],
    "first-contentful-paint": ["render-blocking-insight"],
    "speed-index": ["render-blocking-insight"],
}


def describe(report: dict[str, Any], audit_id: str, base: str, limit: int) -> str:
    """What Lighthouse says about a failing audit: its explanation and its first items."""
    audit = report["audits"][audit_id]
    said = [audit.get("explanation"), audit.get("errorMessage"), *(audit.get("warnings") or [])]
    found = [short(s, 200) for s in said if s]
    found += describe_details(audit.get("details") or {}, base, limit)
    for cause in CAUSES.get(audit_id, []):
        related = report["audits"].get(cause, {})
        items = describe_details(related.get("details") or {}, base, limit)
        if items:
            found.append(f"{cause}: " + "; ".join(i for i in items if i))
    return "; ".join(f for f in found if f)


def median_run(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The run whose performance score is the median: the one whose details are shown."""
    ranked = sorted(reports, key=lambda r: r["categories"]["performance"]["score"] or 0)
    return ranked[(len(ranked) - 1) // 2]


def under_1(report: dict[str, Any], audit_id: str) -> bool:
    score = report["audits"].get(audit_id, {}).get("score")
    return score is not None and score < 1


def failing_audits(reports: list[dict[str, Any]], base: str, limit: int) -> list[dict[str, Any]]:
    """Every audit in the four categories that scored under 1 in any run: its median score,
    and the details of the median run (or, if it passed there, of the first run it failed)."""
    representative = median_run(reports)
    found = []
    for audit_id, (category, weight) in audit_places(representative).items():
        failed = [r for r in reports if under_1(r, audit_id)]
        if not failed:
            continue
        shown = representative if under_1(representative, audit_id) else failed[0]
        audit = shown["audits"][audit_id]
        run_scores = [r["audits"][audit_id]["score"] for r in reports]
        found.append(
            {
                "id": audit_id,
                "category": category,
                "weight": weight,
                "title": audit.get("title", ""),
                "score": statistics.median(s for s in run_scores if s is not None),
                "runs_under_1": len(failed),
                "runs": len(reports),
                "displayValue": audit.get("displayValue", ""),
                "numericValue": audit.get("numericValue"),
                "details": describe(shown, audit_id, base, limit),
            }
        )
    order = list(CATEGORIES)
    found.sort(key=lambda a: (order.index(a["category"]), -a["weight"], a["score"], a["id"]))
    return found


# Printing.


def cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def fmt_score(value: float | None) -> str:
    return "-" if value is None else f"{round(value * 100)}"


def fmt_metric(name: str, value: float | None) -> str:
    if value is None:
        return "-"
    if name == "cumulative-layout-shift":
        return f"{value:.3f}"
    if name == "total-blocking-time":
        return f"{value:.0f} ms"
    return f"{value / 1000:.1f} s"


def median_of(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def print_results(results: dict[str, dict[str, Any]]) -> None:
    print("| page | " + " | ".join(CATEGORIES.values()) + " |")
    print("| --- |" + " ---: |" * len(CATEGORIES))
    for page, result in results.items():
        cells = [fmt_score(result["scores"][c]) for c in CATEGORIES]
        print(f"| {cell(page)} | " + " | ".join(cells) + " |")
    print()
    print("| page | " + " | ".join(METRICS.values()) + " |")
    print("| --- |" + " ---: |" * len(METRICS))
    for page, result in results.items():
        cells = [fmt_metric(m, result["metrics"][m]) for m in METRICS]
        print(f"| {cell(page)} | " + " | ".join(cells) + " |")
    print()
    print(
        "Below, every audit that scored under 1 in at least one run. score: the median of "
        "the runs (rounded down, so 0.99 is under 1); weight: Lighthouse's weight for it in "
        "the category's score (0: shown, not counted); value and details: from the median "
        "run, or from the first run where the audit scored under 1 if it passed in the median "
        "run."
    )
    for page, result in results.items():
        print()
        print(f"### {page}: audits under 1")
        print()
        if not result["audits"]:
            print("None: every audit scored 1.")
            continue
        print("| category | id | title | score | runs under 1 | weight | value | details |")
        print("| --- | --- | --- | ---: | ---: | ---: | --- | --- |")
        for a in result["audits"]:
            row = [
                CATEGORIES[a["category"]],
                f"`{a['id']}`",
                a["title"],
                f"{math.floor(a['score'] * 100) / 100:.2f}",
                f"{a['runs_under_1']}/{a['runs']}",
                f"{a['weight']:g}",
                a["displayValue"] or "",
                a["details"],
            ]
            print("| " + " | ".join(cell(v) for v in row) + " |")


# The benchmark.


def page_urls(site: Path, base: str, pages: list[str]) -> dict[str, str]:
    missing = [p for p in pages if not (site / p).is_file()]
    if missing:
        raise CannotRunError(f"not in the built site: {', '.join(missing)}")
    return {page: base + page for page in pages}


def dry_run(urls: dict[str, str], chrome: str | None) -> None:
    print("would audit (nothing is installed or run from npm):")
    for url in urls.values():
        with urllib.request.urlopen(url, timeout=10) as response:
            print(f"- {url} ({response.status}, {len(response.read()):,} bytes)")
    shown = lighthouse_command(LIGHTHOUSE_HOME / "node_modules/.bin/lighthouse", "URL", Path("OUT"))
    print(f"with: CHROME_PATH={chrome or '(none found)'} {shlex.join(shown)}")


def bench(args: argparse.Namespace) -> int:
    root = Path(tempfile.mkdtemp(prefix="sincerely-lighthouse-"))
    try:
        site = root / "site"
        started = time.perf_counter()
        build(args.project.resolve(), site, args.base_url)
        print(f"built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        with serving(site) as base:
            urls = page_urls(site, base, args.pages)
            if args.dry_run:
                try:
                    chrome: str | None = find_chrome(args.chrome)
                except CannotRunError:
                    chrome = None
                dry_run(urls, chrome)
                return 0
            chrome = find_chrome(args.chrome)
            cli = lighthouse_cli()
            reports: dict[str, list[dict[str, Any]]] = {page: [] for page in urls}
            seconds: dict[str, list[float]] = {page: [] for page in urls}
            reports_dir = args.reports or root / "reports"
            reports_dir.mkdir(parents=True, exist_ok=True)
            all_started = time.perf_counter()
            # Page after page within a round, round after round: a slow spell of the
            # machine falls on every page alike.
            for run in range(1, args.runs + 1):
                for page, url in urls.items():
                    name = f"{page.replace('/', '_').removesuffix('.html')}-run{run}"
                    run_started = time.perf_counter()
                    report = run_lighthouse(cli, chrome, url, reports_dir / name)
                    took = time.perf_counter() - run_started
                    reports[page].append(report)
                    seconds[page].append(took)
                    got = " ".join(f"{c} {fmt_score(s)}" for c, s in scores(report).items())
                    cpu = cpu_index(report)
                    print(
                        f"run {run}/{args.runs} {page}: {got} ({took:.1f} s, CPU index {cpu:.0f})",
                        file=sys.stderr,
                    )
            total = time.perf_counter() - all_started
        results: dict[str, dict[str, Any]] = {}
        for page, runs in reports.items():
            results[page] = {
                "url": urls[page],
                "scores": {c: median_of([scores(r)[c] for r in runs]) for c in CATEGORIES},
                "metrics": {m: median_of([metrics(r)[m] for r in runs]) for m in METRICS},
                "audits": failing_audits(runs, base, args.details),
                "runs": [
                    {
                        "seconds": s,
                        "benchmark_index": cpu_index(r),
                        "scores": scores(r),
                        "metrics": metrics(r),
                    }
                    for r, s in zip(runs, seconds[page], strict=True)
                ],
            }
        first = next(iter(reports.values()))[0]
        count = args.runs * len(urls)
        today = datetime.date.today().isoformat()
        print(
            f"{today}, {platform.machine()}, {os.cpu_count()} cores, "
            f"Lighthouse {first['lighthouseVersion']}, {chrome_version(chrome)}"
        )
        print(
            f"mobile, simulated throttling, median of {args.runs} run(s) a page; "
            f"{count} runs in {total:.0f} s ({total / count:.1f} s a run)"
        )
        indexes = [cpu_index(r) for runs in reports.values() for r in runs]
        print(
            f"Lighthouse's CPU benchmark index {min(indexes):.0f} to {max(indexes):.0f} "
            "(lower is a slower or busier machine; simulated TBT grows as it falls)"
        )
        print()
        print_results(results)
        if args.reports:
            print(f"\nfull reports (JSON and HTML, one per run): {args.reports}")
        if args.json:
            raw = {
                "date": today,
                "lighthouse": first["lighthouseVersion"],
                "chromium": chrome_version(chrome),
                "user_agent": first["environment"]["hostUserAgent"],
                "chrome_flags": CHROME_FLAGS,
                "runs": args.runs,
                "seconds": total,
                "pages": results,
            }
            args.json.write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
        return 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--project", type=Path, default=REPO, help="the gallery (default: this repository)"
    )
    parser.add_argument(
        "--pages", nargs="+", default=DEFAULT_PAGES, help="paths in the built site to audit"
    )
    parser.add_argument("--runs", type=int, default=1, help="runs a page; medians are shown")
    parser.add_argument("--json", type=Path, help="write the raw numbers to this file")
    parser.add_argument("--reports", type=Path, help="keep each run's full report in this folder")
    parser.add_argument("--details", type=int, default=5, help="items shown per audit (5)")
    parser.add_argument("--base-url", default="", help="build with this base_url, as a host would")
    parser.add_argument("--chrome", help="the browser (default: $CHROME_PATH, /usr/bin/chromium)")
    parser.add_argument(
        "--dry-run", action="store_true", help="build and serve, print the URLs; run no Lighthouse"
    )
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        sys.exit(bench(args))
    except CannotRunError as error:
        sys.exit(f"lighthouse benchmark: cannot run: {error}")


if __name__ == "__main__":
    main()
