"""The pipeline, end to end: configuration, loading, the site's jobs, writing.

``build`` and ``check`` both run through :func:`run`: the same jobs (build/outputs.py), on the
same processes, into a staging folder; build swaps it in as the new site, check removes
it. ``serve`` runs the same jobs in process (serve/rebuild.py).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..common.errors import BuildError, Diagnostic
from ..common.report import Progress
from ..model.config import Config, load_config
from ..theming.theme import Theme
from . import record as buildcache
from .writer import check_output_dir, replaced, staged

if TYPE_CHECKING:
    from ..model.site import Site
    from .digests import Digests
    from .outputs import Job
    from .parallel import Files
    from .reuse import Record


NOT_KEPT = "what a build keeps for the next one cannot be written"


@dataclass(frozen=True)
class Result:
    config: Config
    site: Site | None  # None when nothing had changed, and so nothing was loaded
    warnings: tuple[Diagnostic, ...]
    file_count: int  # how many files were written (or rendered, for check)
    counts: dict[str, int]  # packs, scenarios and pages in the site
    reused: int = 0  # how many of the files were brought over unchanged from the last build
    note: str = ""  # what the command line says once, besides the problems

    @property
    def scenario_count(self) -> int:
        return self.counts["scenarios"]

    @property
    def unchanged(self) -> bool:
        return self.site is None


class _Written(Mapping[str, bytes]):
    """The files the first phase wrote under a folder, read when the archives ask."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def __getitem__(self, path: str) -> bytes:
        return (self.root / path).read_bytes()

    def __iter__(self) -> Iterator[str]:
        return (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())

    def __len__(self) -> int:
        return sum(1 for _ in self)


def counts_of(site: Site) -> dict[str, int]:
    return {
        "packs": len(site.packs),
        "scenarios": sum(len(pack.scenarios) for pack in site.packs),
        "pages": len(site.pages) + (site.intro is not None),
    }


@contextmanager
def _throwaway() -> Iterator[Path]:
    """Where check renders: a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="sincerely-check-") as folder:
        yield Path(folder)


def run(
    project: Path,
    output: Path | None = None,
    *,
    strict: bool = False,
    write: bool = True,
    jobs: int = 1,
    progress: Progress | None = None,
    fresh: bool = False,
    builder: str = "html",
    base_url: str | None = None,
) -> Result:
    """Load, validate and render the project; write it unless ``write`` is False (check:
    every step runs, the final swap aside).

    Raises BuildError with every error found (and, under ``strict``, every warning),
    before anything is written.
    """
    config = load_config(project, output, base_url)
    theme = Theme.for_project(config.layouts_dir)
    inputs = None
    record = None
    # A read-only checkout built into a writable folder: built whole, keeping nothing.
    unkept = buildcache.cannot_keep(config) if write else None
    keep = write and unkept is None
    if write:
        check_output_dir(config)  # refuse a dangerous folder before any work is done
    if keep:
        cached = {} if fresh or builder != "html" else buildcache.read(config)
        inputs = buildcache.Inputs.gather(config, theme, cached)
        if cached and inputs.same_as(cached) and buildcache.outputs_intact(config, cached):
            buildcache.settle(config, cached, inputs)
            warnings = buildcache.warnings_of(config, cached)
            if strict and warnings:
                raise BuildError(warnings)
            return Result(config, None, warnings, 0, cached["counts"])
        record = buildcache.record_of(config, cached, inputs)
    # Imported only now: a build with nothing to do never needs YAML, Markdown or Jinja.
    from ..load import preload
    from ..load.contentfiles import LoadCache
    from ..load.loader import load_site

    loaded = preload.read(config) if keep and not fresh else LoadCache()
    before = dict(loaded.files)
    listed = preload.fill(config, loaded, jobs)
    site, diagnostics = load_site(config, loaded)
    warnings = diagnostics.items
    if strict and warnings:
        raise BuildError(warnings)
    if keep and builder == "text":
        buildcache.forget(config)  # the output will no longer hold what the record says
    where = config.output_dir if write else config.root
    cards_kept = None
    if inputs is not None and builder == "html":
        cards_kept = (buildcache.cards_folder(config), inputs.settings.encode())
        if fresh:
            shutil.rmtree(cards_kept[0], ignore_errors=True)
    forget = partial(buildcache.forget, config) if keep else (lambda: None)
    with staged(config, forget, keep) if write else _throwaway() as staging:
        made, reused = _make(
            site,
            theme,
            builder,
            jobs,
            staging,
            progress=progress,
            where=where,
            record=record,
            cards_kept=cards_kept,
        )
    note = f"{NOT_KEPT} here ({unkept}): each build makes everything" if unkept else ""
    with replaced() if write else contextlib.nullcontext():
        if keep:
            keeping = partial(preload.write, config, loaded, before, listed)
            html = inputs if builder == "html" else None
            note = _keep(config, html, site, warnings=warnings, made=made, also=keeping)
    count = sum(len(files) for _, files in made.values())
    return Result(config, site, warnings, count, counts_of(site), reused, note)


def _keep(
    config: Config,
    inputs: buildcache.Inputs | None,
    site: Site,
    *,
    warnings: tuple[Diagnostic, ...],
    made: dict[str, tuple[str, Files]],
    also: Callable[[], None],
) -> str:
    """Write what this build keeps for the next one (its record, if ``inputs``, and
    ``also``); a note for the command line if it could not be written."""
    try:
        if inputs is not None:
            buildcache.write(config, inputs, counts_of(site), warnings, made)
        also()
    except OSError as exc:  # a full disk, say: the site is whole and new all the same
        buildcache.forget(config)
        reason = exc.strerror or str(exc)
        return (
            f"the new site is in place, but {NOT_KEPT} in {config.work_dir} ({reason}): "
            "the next build makes everything again"
        )
    return ""


def _make(
    site: Site,
    theme: Theme,
    builder: str,
    jobs: int,
    staging: Path,
    *,
    progress: Progress | None,
    where: Path,
    record: Record | None,
    cards_kept: tuple[Path, bytes] | None = None,
) -> tuple[dict[str, tuple[str, Files]], int]:
    """Run the site's jobs into ``staging``, then the archives from what they wrote,
    bringing over from ``record`` each job whose inputs are unchanged, and keeping
    letters' cards in ``cards_kept`` (a folder, and what they are made with); returns
    each job's key and files, and how many files were brought over."""
    from ..render.renderer import make_environment
    from .digests import model_digests
    from .letterstore import LetterStore
    from .outputs import archive_jobs, site_jobs, text_jobs

    digests = model_digests(site)
    cards = LetterStore(*cards_kept, digests) if cards_kept is not None else None
    first: list[Job] = (
        text_jobs(site)
        if builder == "text"
        else site_jobs(site, make_environment(theme), theme, store=cards)
    )
    phase = partial(_phase, digests=digests, record=record, processes=jobs, staging=staging)
    finish = cards.write_made if cards is not None else None
    made, reused = phase(first, progress=progress, where=where, finish=finish)
    if cards is not None:
        cards.keep()
    if builder == "html":
        for archives in archive_jobs(site, _Written(staging)):
            more, also = phase(archives, progress=None, where=where, finish=None)
            made.update(more)
            reused += also
    return made, reused


def _phase(
    work: list[Job],
    *,
    digests: Digests,
    record: Record | None,
    processes: int,
    staging: Path,
    progress: Progress | None,
    where: Path,
    finish: Callable[[], None] | None,
) -> tuple[dict[str, tuple[str, Files]], int]:
    from .digests import job_key
    from .parallel import run_jobs
    from .reuse import bring_over

    keys = {job.path: job_key(job.made_from, digests, job.arrangement) for job in work}
    todo, brought = bring_over(work, keys, record, staging)
    made = run_jobs(todo, processes, staging, progress, where, finish=finish)
    reused = sum(len(files) for _, files in brought)
    return {path: (keys[path], files) for path, files in (*brought, *made)}, reused
