"""The builders: the site, its text forms, and the check, each a class, as in Sphinx.

Every builder runs the same pipeline: the settings, loading (through a store of what
builds keep, build/store.py), the jobs of build/outputs.py on several processes into a
staging folder, then the archives. They differ in what they make and where it goes:
:class:`SiteBuilder` makes the gallery and swaps it in; :class:`TextBuilder` the
letters alone, as plain-text templates (``build -b text``); :class:`CheckBuilder` the
gallery into a folder it then removes, keeping nothing. ``serve`` runs the same jobs in
process, with a store kept in memory (serve/rebuild.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from ..common import timings
from ..common.errors import BuildError, Diagnostic
from ..common.report import Progress
from ..model.config import Config, load_config
from ..theming.theme import Theme, themed
from . import record
from .store import JobsMade, KeptOnDisk, Store, in_memory_once
from .writer import check_output_dir, replaced, staged, throwaway

if TYPE_CHECKING:
    from ..model.site import Site
    from .outputs import Job


NOT_KEPT = "what a build keeps for the next one cannot be written"
AHEAD = 100  # jobs a worker, for the layouts to be compiled before the fork


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


def counts_of(site: Site) -> dict[str, int]:
    return {
        "packs": len(site.packs),
        "scenarios": sum(len(pack.scenarios) for pack in site.packs),
        "pages": len(site.pages) + (site.intro is not None),
    }


@dataclass
class Builder:
    """Makes the project's outputs into a staging folder, then writes them or not."""

    name: ClassVar[str]
    # Whether what it makes is the site a build's record stands for (the record lets the
    # next build bring it over, or find nothing changed).
    makes_the_site: ClassVar[bool] = True
    writes: ClassVar[bool] = True

    project: Path
    output: Path | None = None
    strict: bool = False
    jobs: int = 1
    progress: Progress | None = None
    fresh: bool = False
    base_url: str | None = None
    links_found: tuple[Diagnostic, ...] = ()  # the links' warnings (build/links.py)

    def run(self) -> Result:
        """Load, validate and make the project's outputs; write them if this builder
        writes. Raises BuildError with every error found (and, under ``strict``, every
        warning), before anything is written."""
        with timings.phase("settings and theme"):
            config, theme = themed(load_config(self.project, self.output, self.base_url))
        unkept = None
        disk: KeptOnDisk | None = None
        if self.writes:
            check_output_dir(config)  # refuse a dangerous folder before any work is done
            # A read-only checkout built into a writable folder: built whole, keeping nothing.
            unkept = record.cannot_keep(config)
        if self.writes and unkept is None:
            with timings.phase("store opened, inputs compared"):
                disk = KeptOnDisk.open(config, theme, fresh=self.fresh, cards=self.makes_the_site)
                unchanged = self.makes_the_site and disk.unchanged()
            if unchanged:
                warnings, counts = disk.settle()
                if self.strict and warnings:
                    raise BuildError(warnings)
                return Result(config, None, warnings, 0, counts)
        store: Store = disk if disk is not None else in_memory_once()
        with timings.phase("scenario files read and parsed"):
            store.load_ahead(config, self.jobs, fresh=self.fresh)
        with timings.phase("model made and checked"):
            # Imported only now: a build with nothing to do never needs YAML, Markdown or Jinja.
            from ..load.loader import load_site

            site, diagnostics = load_site(config, store.loaded)
        warnings = diagnostics.items
        if self.strict and warnings:
            raise BuildError(warnings)
        if disk is not None and not self.makes_the_site:
            disk.forget_record()  # the output will no longer hold what the record says
        moves: list[str] = []  # the folders of the last site to move over whole
        with self._staging(config, disk, moves) as staging:
            made, reused = self._make(site, theme, store, disk=disk, staging=staging, moves=moves)
            if not self.writes:  # check's folder goes with the block: the hooks see it here
                theme.hooks.post_build(staging)
        warnings += self.links_found
        note = f"{NOT_KEPT} here ({unkept}): each build makes everything" if unkept else ""
        with replaced() if self.writes else contextlib.nullcontext():
            if self.writes:  # the new site is in place; if they fail, no record is kept
                theme.hooks.post_build(config.output_dir)
            if disk is not None:
                with timings.phase("store kept"):
                    note = self._keep(disk, site, warnings, made)
        count = sum(len(files) for _, files in made.values())
        return Result(config, site, warnings, count, counts_of(site), reused, note)

    def _staging(
        self, config: Config, disk: KeptOnDisk | None, moves: list[str]
    ) -> AbstractContextManager[Path]:
        """Where the outputs are made: a folder swapped in as the new site when the block
        ends (the record forgotten just before, so that a build killed between the two is
        never taken for the last one), with ``moves``, the unchanged folders of the last
        site, moved into it just before."""
        forget = disk.forget_record if disk is not None else (lambda: None)
        return staged(config, forget, disk is not None, moves)

    def first_jobs(self, site: Site, theme: Theme, store: Store) -> list[Job]:
        raise NotImplementedError

    def later_jobs(self, site: Site, files: Mapping[str, bytes]) -> list[list[Job]]:
        """The phases made from the first one's files (the archives)."""
        return []

    def before_rendering(self, site: Site, todo: int) -> None:
        """Called before the first phase's ``todo`` jobs run."""

    def _keep(
        self, disk: KeptOnDisk, site: Site, warnings: tuple[Diagnostic, ...], made: JobsMade
    ) -> str:
        """Close the store: keep what this build made for the next one; a note for the
        command line if it could not be written."""
        try:
            disk.close(counts_of(site) if self.makes_the_site else None, warnings, made)
        except OSError as exc:  # a full disk, say: the site is whole and new all the same
            disk.forget_record()
            reason = exc.strerror or str(exc)
            return (
                f"the new site is in place, but {NOT_KEPT} in {disk.config.work_dir} "
                f"({reason}): the next build makes everything again"
            )
        return ""

    def _make(
        self,
        site: Site,
        theme: Theme,
        store: Store,
        *,
        disk: KeptOnDisk | None,
        staging: Path,
        moves: list[str],
    ) -> tuple[JobsMade, int]:
        """Run the jobs into ``staging``, phase by phase, bringing over each job whose
        inputs are unchanged (``moves``: the folders to move over whole); returns each
        job's key and files, and how many files were brought over."""
        from .digests import job_key, model_digests
        from .links import checked_links
        from .parallel import Written, run_jobs

        with timings.phase("jobs listed"):
            digests = model_digests(site)
            store.begin(digests)
            where = site.config.output_dir if self.writes else site.config.root
            phases = [self.first_jobs(site, theme, store)]
            phases += self.later_jobs(site, Written(staging, site.config.output_dir, moves))
            every = [job for work in phases for job in work]
            keys = {job.path: job_key(job.made_from, digests, job.arrangement) for job in every}
            if self.makes_the_site:
                published = [path for job in every for path in job.outputs]
                self.links_found = checked_links(site, published, strict=self.strict)
        with timings.phase("unchanged files brought over"):
            outputs = {job.path: job.outputs for job in every}
            brought, folders = disk.bring_over(keys, outputs, staging) if disk else ([], [])
            moves.extend(folders)
        done = {path for path, _ in brought}
        made: JobsMade = {path: (keys[path], files) for path, files in brought}
        finish: Callable[[], None] | None = store.letters.write_made  # each process's end
        progress = self.progress
        for number, work in enumerate(phases):
            todo = [job for job in work if job.path not in done]
            if number == 0:
                self.before_rendering(site, len(todo))
            with timings.phase("rendered and written" if number == 0 else "archives"):
                ran = run_jobs(todo, self.jobs, staging, progress, where, finish=finish)
            made.update((path, (keys[path], files)) for path, files in ran)
            finish = progress = None
        return made, sum(len(files) for _, files in brought)


class SiteBuilder(Builder):
    """The gallery: every page, every letter's files, the archives."""

    name = "html"

    def first_jobs(self, site: Site, theme: Theme, store: Store) -> list[Job]:
        from ..render.renderer import make_environment
        from .outputs import site_jobs

        self._env = make_environment(theme, store.layouts)
        return site_jobs(site, self._env, theme, store)

    def before_rendering(self, site: Site, todo: int) -> None:
        """Compile the layouts once, here, when the workers to be forked have many pages
        to make (each would compile its own: 0.1-0.2 s of CPU); not for an edit's few."""
        from ..render.compiling import compile_ahead
        from ..render.pages import layouts_used

        if self.jobs > 1 and todo >= AHEAD * self.jobs:
            used = sorted(layouts_used(site))
            words = [(site.messages_in(language), name) for language, name in used]
            compile_ahead(self._env, words)

    def later_jobs(self, site: Site, files: Mapping[str, bytes]) -> list[list[Job]]:
        from .outputs import archive_jobs

        return archive_jobs(site, files)


class TextBuilder(Builder):
    """The letters alone, as plain-text templates."""

    name = "text"
    makes_the_site = False

    def first_jobs(self, site: Site, theme: Theme, store: Store) -> list[Job]:
        from .outputs import text_jobs

        return text_jobs(site)


class CheckBuilder(SiteBuilder):
    """The gallery, made whole as a build makes it, into a folder then removed: every
    problem a build would meet, met; nothing written, nothing kept."""

    name = "check"
    writes = False

    def _staging(
        self, config: Config, disk: KeptOnDisk | None, moves: list[str]
    ) -> AbstractContextManager[Path]:
        return throwaway()


# ``build -b NAME``: the builders a build can run.
BUILDERS: dict[str, type[Builder]] = {b.name: b for b in (SiteBuilder, TextBuilder)}


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
    """Run the builder ``builder`` (check's, unless ``write``): see :class:`Builder`."""
    chosen = BUILDERS[builder] if write else CheckBuilder
    return chosen(project, output, strict, jobs, progress, fresh, base_url).run()
