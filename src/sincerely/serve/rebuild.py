"""Building one project again and again in one process, redoing only what a change affects.

It runs the same jobs as build (build/outputs.py) and keeps what each made. The loader keeps
each file's result while its bytes are unchanged, so an unchanged scenario (or pack, or
the settings) is the very same object in the next build; a job whose inputs all have the
same digests (build/digests.py, as a build from the command line compares them) is not run
again, its files are kept. A job that must run again still renders only the pages whose
reads changed (render/memo.py). A change to the theme forgets everything rendered, since every
page depends on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..build.builders import Result, counts_of
from ..build.digests import job_key, model_digests
from ..build.outputs import Kept, archive_jobs, site_jobs
from ..build.record import own_files_digest, theme_digest
from ..common.errors import BuildError, Diagnostics
from ..downloads.archives import archive_paths
from ..downloads.zips import whole
from ..load.contentfiles import LoadCache
from ..load.loader import load_site
from ..model.config import Config, load_config
from ..model.site import Site
from ..render.renderer import make_environment
from ..theming.theme import Theme


@dataclass(frozen=True)
class Rebuild:
    result: Result
    files: dict[str, bytes]  # the whole site, by path
    changed: tuple[str, ...]  # paths whose bytes differ from the previous build
    removed: tuple[str, ...]  # paths the previous build had and this one has not


def theme_fingerprint(theme: Theme) -> str:
    """A digest of every file of the theme, to tell when the layouts have changed (and
    of what it may not take in: the loader then says where)."""
    refused = Diagnostics()
    digest = theme_digest(theme, refused)
    return digest + "".join(f"\n{d.location.path}" for d in refused.items)


@dataclass
class IncrementalBuilder:
    project: Path
    output: Path | None = None
    strict: bool = False
    _load_cache: LoadCache = field(default_factory=LoadCache)
    _kept: Kept = field(default_factory=Kept)
    _config: Config | None = None
    _theme_key: str = ""
    _env: jinja2.Environment | None = None
    _files: dict[str, bytes] = field(default_factory=dict)
    # Each job's key (of its inputs' digests) and the paths it made.
    _made: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    _site: Site | None = None

    def archive(self) -> tuple[str, ...]:
        """Make the archives of the last build; returns the paths that changed."""
        if self._site is None:
            return ()
        changed: list[str] = []
        for phase in archive_jobs(self._site, self._files):
            made = {p: whole(d) for job in phase for p, d in job.make()}
            changed += (p for p, data in made.items() if self._files.get(p) != data)
            self._files.update(made)
        return tuple(changed)

    def file(self, path: str) -> bytes:
        return self._files[path]

    def build(self) -> Rebuild:
        """Build the project as it is now; raises BuildError, keeping the last good state."""
        config = load_config(self.project, self.output)
        if config == self._config:
            config = self._config  # the same object: jobs made from it stay valid
        self._config = config
        site, diagnostics = load_site(config, self._load_cache)
        warnings = diagnostics.items
        if self.strict and warnings:
            raise BuildError(warnings)
        theme = Theme.for_project(config.layouts_dir)
        # The theme, and the owner's files: a logo of another size changes every page.
        key = theme_fingerprint(theme) + own_files_digest(config, Diagnostics())
        if self._env is None or key != self._theme_key:
            self._env = make_environment(theme)
            self._kept.forget_layouts()
            self._made.clear()
            self._theme_key = key
        files = self._run_jobs(site, theme)
        current = {id(s) for s in site.scenarios()}
        self._kept.downloads = {k: v for k, v in self._kept.downloads.items() if k in current}
        # The archives are made afterwards (see archive), so a save reaches the browser
        # without waiting for the gallery to be zipped; until then the last ones stand.
        files.update((p, self._files[p]) for p in archive_paths(site) if p in self._files)
        changed = tuple(p for p, data in files.items() if self._files.get(p) != data)
        removed = tuple(p for p in self._files if p not in files)
        self._files = files
        self._site = site
        result = Result(config, site, warnings, len(files), counts_of(site))
        return Rebuild(result, files, changed, removed)

    def _run_jobs(self, site: Site, theme: Theme) -> dict[str, bytes]:
        assert self._env is not None
        digests = model_digests(site)
        files: dict[str, bytes] = {}
        made: dict[str, tuple[str, list[str]]] = {}
        for job in site_jobs(site, self._env, theme, self._kept):
            key = job_key(job.made_from, digests, job.arrangement)
            before = self._made.get(job.path)
            # A job made from nothing named reads files (the theme's assets, the owner's
            # own): it runs every time, so that an edit to them is seen.
            if (
                job.made_from
                and before is not None
                and before[0] == key
                and all(p in self._files for p in before[1])
            ):
                outputs = [(p, self._files[p]) for p in before[1]]
            else:
                outputs = [(p, whole(d)) for p, d in job.make()]
            files.update(outputs)
            made[job.path] = (key, [p for p, _ in outputs])
        self._made = made
        return files
