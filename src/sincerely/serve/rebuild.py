"""Building one project again and again in one process, redoing only what a change affects.

serve's builder: the same jobs as every builder (build/outputs.py), with the store of
what builds keep held in memory from one save to the next (build/store.py,
KeptInMemory). Loading keeps each file's result while its bytes are unchanged, so an
unchanged scenario (or pack, or the settings) is the very same object in the next
build; a job whose inputs all have the same digests (build/digests.py, as a build from
the command line compares them) is not run again, its files are kept; a letter's cards
and terms are made once for each version of it. A job that must run again still
renders only the pages whose reads changed (render/memo.py). A change to the theme
forgets everything rendered, since every page depends on it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..build.builders import Result, counts_of
from ..build.digests import job_key, model_digests
from ..build.links import checked_links
from ..build.outputs import archive_jobs, site_jobs
from ..build.record import own_files_digest, theme_digest
from ..build.store import JobsMade, KeptInMemory
from ..common.errors import BuildError, Diagnostic, Diagnostics
from ..common.intake import stamp_of
from ..downloads.archives import archive_paths
from ..downloads.zips import whole
from ..load.loader import load_site
from ..model.config import Config, load_config
from ..model.site import Site
from ..render.compiling import LayoutsEnvironment
from ..render.renderer import make_environment
from ..theming.theme import Theme, themed

# Given, while a rebuild goes on, the pages shown that changed and the files that go.
Early = Callable[[dict[str, bytes], tuple[str, ...]], None]


@dataclass(frozen=True)
class Rebuild:
    result: Result
    files: dict[str, bytes]  # the whole site, by path
    changed: tuple[str, ...]  # paths whose bytes differ from the previous build
    removed: tuple[str, ...]  # paths the previous build had and this one has not


def theme_fingerprint(theme: Theme) -> str:
    """A digest of the theme's layouts and catalogs, to tell when every page must be
    made again (and of what it may not take in: the loader then says where). Its assets
    are not in it: they are read again at every save, and no page's bytes show them, so
    an edit to a stylesheet remakes nothing else."""
    refused = Diagnostics()
    digest = theme_digest(theme, refused, assets=False)
    return digest + "".join(f"\n{d.location.path}" for d in refused.items)


def stamps_under(paths: Iterable[Path]) -> str:
    """The stamp of every file at or under ``paths``, as text: what serve --watch
    names is no input the jobs know, so a change there must make every page again."""
    stamps = []
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            with contextlib.suppress(OSError):  # gone since: its absence is the change
                stamps.append(f"{file}{stamp_of(file.stat())}")
    return "\n".join(stamps)


@dataclass
class IncrementalBuilder:
    project: Path
    output: Path | None = None
    strict: bool = False
    store: KeptInMemory = field(default_factory=KeptInMemory)
    watched: tuple[Path, ...] = ()  # serve --watch's files and folders
    _config: Config | None = None
    _theme_key: str = ""
    _env: LayoutsEnvironment | None = None
    _site: Site | None = None
    _links: tuple[Diagnostic, ...] = ()  # the warnings of the links (build/links.py)

    def archive(self) -> tuple[str, ...]:
        """Make the archives of the last build; returns the paths that changed."""
        if self._site is None:
            return ()
        files = self.store.files
        changed: list[str] = []
        for phase in archive_jobs(self._site, files):
            made = {p: whole(d) for job in phase for p, d in job.make()}
            changed += (p for p, data in made.items() if files.get(p) != data)
            files.update(made)
        return tuple(changed)

    def post_build(self, site_dir: Path) -> None:
        """Run the hooks' on_post_build on the site just built."""
        if self._env is not None:
            self._env.hooks.post_build(site_dir)

    def file(self, path: str) -> bytes:
        return self.store.files[path]

    def build(self, first: Collection[str] = (), early: Early | None = None) -> Rebuild:
        """Build the project as it is now; raises BuildError, keeping the last good state.
        The jobs that make the pages ``first`` (those the browsers show) run before the
        others, and ``early`` is given what they made, changed, and the files that go, as
        soon as they have: the browsers can reload while the listing pages and the index
        are made, and a link gone from a page reloaded early never leads to a page that is
        still there."""
        config, theme = themed(load_config(self.project, self.output))
        if config == self._config:
            config = self._config  # the same object: jobs made from it stay valid
        self._config = config
        site, diagnostics = load_site(config, self.store.loaded)
        warnings = diagnostics.items
        if self.strict and warnings:
            raise BuildError(warnings)
        # The theme (with the hooks), the owner's files (a logo of another size changes
        # every page), and what serve --watch names: a hook may read it.
        key = theme_fingerprint(theme) + own_files_digest(config, Diagnostics())
        key += stamps_under(self.watched)
        if self._env is None or key != self._theme_key:
            self._env = make_environment(theme)
            self.store.forget_layouts()
            self._theme_key = key
        before = self.store.files
        files = self._run_jobs(site, theme, first, early)
        warnings += self._links
        self.store.keep_downloads_of({id(s) for s in site.scenarios()})
        # The archives are made afterwards (see archive), so a save reaches the browser
        # without waiting for the gallery to be zipped; until then the last ones stand.
        files.update((p, before[p]) for p in archive_paths(site) if p in before)
        changed = tuple(p for p, data in files.items() if before.get(p) != data)
        removed = tuple(p for p in before if p not in files)
        self.store.files = files
        self._site = site
        result = Result(config, site, warnings, len(files), counts_of(site))
        return Rebuild(result, files, changed, removed)

    def _run_jobs(
        self,
        site: Site,
        theme: Theme,
        first: Collection[str],
        early: Early | None,
    ) -> dict[str, bytes]:
        assert self._env is not None
        store = self.store
        digests = model_digests(site)
        store.begin(digests)
        files: dict[str, bytes] = {}
        made: JobsMade = {}
        jobs = site_jobs(site, self._env, theme, store)
        published = [p for job in jobs for p in job.outputs] + list(archive_paths(site))
        self._links = checked_links(site, published, strict=self.strict)
        # The pages the browsers show, made first and handed over at once, with the files
        # no job makes any more (a deleted letter's): every job says what it makes.
        if first and early is not None:
            for job in site_jobs(site, self._env, theme, store, only=set(first)):
                files.update((p, whole(d)) for p, d in job.make())
            last = store.files
            made_now = {p for job in jobs for p in job.outputs} | set(archive_paths(site))
            early(
                {p: data for p, data in files.items() if last.get(p) != data},
                tuple(p for p in last if p not in made_now),
            )
        for job in jobs:
            key = job_key(job.made_from, digests, job.arrangement)
            # A job made from nothing named reads files (the theme's assets, the owner's
            # own): it runs every time, so that an edit to them is seen.
            before = store.made_before(job.path, key) if job.made_from else None
            if job.path in files:  # made first, above
                outputs = [(p, files[p]) for p in job.outputs]
            elif before is not None:
                outputs = [(p, store.files[p]) for p, _ in before]
            else:
                outputs = [(p, whole(d)) for p, d in job.make()]
            files.update(outputs)
            made[job.path] = (key, [(p, len(data)) for p, data in outputs])
        store.jobs = made
        store.letters.keep()
        return files
