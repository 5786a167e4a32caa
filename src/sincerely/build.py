"""The pipeline, end to end: configuration, loading, rendering, writing.

``build`` and ``check`` both run through :func:`run`, which differ only in whether the
rendered files are written; ``serve`` runs the same phases through incremental.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import buildcache
from .config import Config, load_config
from .errors import BuildError, Diagnostic
from .parallel import Progress, render_tasks
from .theme import Theme
from .writer import check_output_dir, staged, write_files

if TYPE_CHECKING:
    from .model import Site


@dataclass(frozen=True)
class Result:
    config: Config
    site: Site | None  # None when nothing had changed, and so nothing was loaded
    warnings: tuple[Diagnostic, ...]
    files: int  # how many files were written (or rendered, for check)
    counts: dict[str, int]  # packs, scenarios and pages in the site

    @property
    def scenario_count(self) -> int:
        return self.counts["scenarios"]

    @property
    def unchanged(self) -> bool:
        return self.site is None


class _Files(Mapping[str, bytes]):
    """The files written under a folder, read when asked for."""

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
) -> Result:
    """Load, validate and render the project; write it unless ``write`` is False.

    Raises BuildError with every error found (and, under ``strict``, every warning),
    before anything is written.
    """
    config = load_config(project, output)
    theme = Theme.for_project(config.layouts_dir)
    inputs = None
    if write:
        check_output_dir(config)  # refuse a dangerous folder before any work is done
        cached = {} if fresh or builder != "html" else buildcache.read(config)
        inputs = buildcache.Inputs.gather(config, theme, cached.get("stamps", {}))
        if (
            cached
            and inputs.same_as(cached)
            and buildcache.outputs_intact(config, cached["outputs"])
        ):
            warnings = buildcache.warnings_of(config, cached)
            if strict and warnings:
                raise BuildError(warnings)
            return Result(config, None, warnings, 0, cached["counts"])
    # Imported only now: a build with nothing to do never needs YAML, Markdown or Jinja.
    from .downloads import archive_jobs
    from .loader import load_site
    from .render import Renderer, Task, make_environment

    site, diagnostics = load_site(config)
    warnings = diagnostics.items
    if strict and warnings:
        raise BuildError(warnings)
    if builder == "text":  # the letters alone, as plain-text templates
        return _text_only(config, site, warnings, write)
    tasks = Renderer(site, make_environment(theme)).tasks()
    if inputs is None:  # check: render everything, keep nothing
        count = render_tasks(tasks, jobs, None, progress, config.root)
        return Result(config, site, warnings, count + len(theme.static_paths()), counts_of(site))
    with staged(config) as staging:
        count = render_tasks(tasks, jobs, staging, progress, config.output_dir)
        # The archives gather the downloads the workers wrote, read back from disk: a
        # second phase, shared out among the workers too.
        packing = [
            Task.single(path, cost, make)
            for path, cost, make in archive_jobs(site, _Files(staging))
        ]
        count += render_tasks(packing, jobs, staging, None, config.output_dir)
        count += write_files(staging, theme.static_files())
    buildcache.write(config, inputs, counts_of(site), warnings)
    return Result(config, site, warnings, count, counts_of(site))


def _text_only(config: Config, site: Site, warnings: tuple[Diagnostic, ...], write: bool) -> Result:
    from .downloads import download_paths, letter_text

    files = [(download_paths(s)["txt"], letter_text(s).encode("utf-8")) for s in site.scenarios()]
    if not write:
        return Result(config, site, warnings, len(files), counts_of(site))
    buildcache.forget(config)  # the output will no longer hold what the record describes
    with staged(config) as staging:
        count = write_files(staging, files)
    return Result(config, site, warnings, count, counts_of(site))
