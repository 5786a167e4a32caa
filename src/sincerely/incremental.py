"""Building one project again and again, redoing only what a change affects.

The loader keeps each scenario file's result keyed by the file's bytes, and the renderer
keeps each page keyed by exactly the model data it shows (see render.RenderCache), so after
an edit only the changed file is parsed and only the pages that show something of it
are rendered again. A change to the layouts empties the page cache, since every page
depends on them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .build import Result, counts_of
from .config import load_config
from .downloads import GALLERY_ZIP, archives, pack_zip_path
from .errors import BuildError
from .loader import LoadCache, load_site
from .model import Site
from .render import RenderCache, make_environment, render_site
from .theme import Theme


@dataclass(frozen=True)
class Rebuild:
    result: Result
    files: dict[str, bytes]  # the whole site, by path
    changed: tuple[str, ...]  # paths whose bytes differ from the previous build
    removed: tuple[str, ...]  # paths the previous build had and this one has not


def theme_fingerprint(theme: Theme) -> str:
    """A digest of every file of the theme, to tell when the layouts have changed."""
    digest = hashlib.sha256()
    for folder in theme.folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class IncrementalBuilder:
    project: Path
    output: Path | None = None
    strict: bool = False
    _load_cache: LoadCache = field(default_factory=dict)
    _cache: RenderCache = field(default_factory=lambda: RenderCache(terms={}, downloads={}))
    _theme_key: str = ""
    _env: jinja2.Environment | None = None
    _files: dict[str, bytes] = field(default_factory=dict)
    _site: Site | None = None

    @staticmethod
    def _archive_paths(site: Site) -> set[str]:
        return {pack_zip_path(p) for p in site.packs} | {GALLERY_ZIP}

    def archive(self) -> tuple[str, ...]:
        """Make the archives of the last build; returns the paths that changed."""
        if self._site is None:
            return ()
        made = dict(archives(self._site, self._files))
        changed = tuple(p for p, data in made.items() if self._files.get(p) != data)
        self._files.update(made)
        return changed

    def file(self, path: str) -> bytes:
        return self._files[path]

    def build(self) -> Rebuild:
        """Build the project as it is now; raises BuildError, keeping the last good state."""
        config = load_config(self.project, self.output)
        site, diagnostics = load_site(config, self._load_cache)
        warnings = diagnostics.items
        if self.strict and warnings:
            raise BuildError(warnings)
        theme = Theme.for_project(config.layouts_dir)
        key = theme_fingerprint(theme)
        if self._env is None or key != self._theme_key:
            self._env = make_environment(theme)
            self._cache.forget_layouts()
            self._theme_key = key
        files = dict(render_site(site, theme, self._env, self._cache, with_archives=False))
        current = {id(s) for s in site.scenarios()}
        if self._cache.downloads is not None:  # forget letters that are gone or changed
            self._cache.downloads = {k: v for k, v in self._cache.downloads.items() if k in current}
        # The archives are made afterwards (see archive), so a save reaches the browser
        # without waiting for the gallery to be zipped; until then the last ones stand.
        kept = self._archive_paths(site)
        files.update((p, d) for p, d in self._files.items() if p in kept)
        changed = tuple(p for p, data in files.items() if self._files.get(p) != data)
        removed = tuple(p for p in self._files if p not in files)
        self._files = files
        self._site = site
        result = Result(config, site, warnings, len(files), counts_of(site))
        return Rebuild(result, files, changed, removed)
