"""The pipeline, end to end: configuration, loading, rendering, writing.

``build`` and ``check`` both run through :func:`run`, which differ only in whether the
rendered files are written; ``serve`` runs the same phases through incremental.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import Config, load_config
from .errors import BuildError, Diagnostic
from .loader import load_site
from .model import Site
from .parallel import Progress, render_tasks
from .render import Renderer, make_environment
from .theme import Theme
from .writer import check_output_dir, staged, write_files


@dataclass(frozen=True)
class Result:
    config: Config
    site: Site
    warnings: tuple[Diagnostic, ...]
    files: int

    @property
    def scenario_count(self) -> int:
        return sum(len(pack.scenarios) for pack in self.site.packs)


def run(
    project: Path,
    output: Path | None = None,
    *,
    strict: bool = False,
    write: bool = True,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Result:
    """Load, validate and render the project; write it unless ``write`` is False.

    Raises BuildError with every error found (and, under ``strict``, every warning),
    before anything is written.
    """
    config = load_config(project, output)
    if write:
        check_output_dir(config)  # refuse a dangerous folder before any work is done
    site, diagnostics = load_site(config)
    warnings = diagnostics.items
    if strict and warnings:
        raise BuildError(warnings)
    theme = Theme.for_project(config.layouts_dir)
    tasks = Renderer(site, make_environment(theme)).tasks()
    if not write:  # check: render everything, keep nothing
        count = render_tasks(tasks, jobs, None, progress)
        return Result(config, site, warnings, count + len(theme.static_paths()))
    with staged(config) as staging:
        count = render_tasks(tasks, jobs, staging, progress)
        count += write_files(staging, theme.static_files())
    return Result(config, site, warnings, count)
