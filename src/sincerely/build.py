"""The pipeline, end to end: configuration, loading, rendering, writing.

``build``, ``check`` and ``serve`` all run through :func:`run`; they differ only in what
happens to the rendered files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .config import Config, load_config
from .errors import BuildError, Diagnostic
from .loader import load_site
from .model import Site
from .render import Output, render_site
from .theme import Theme
from .writer import check_output_dir, write_site

Sink = Callable[[Config, Iterable[Output]], int]


@dataclass(frozen=True)
class Result:
    config: Config
    site: Site
    warnings: tuple[Diagnostic, ...]
    files: int

    @property
    def scenario_count(self) -> int:
        return sum(len(pack.scenarios) for pack in self.site.packs)


def discard(config: Config, outputs: Iterable[Output]) -> int:
    """Render everything, keep nothing: what ``check`` does with the files."""
    return sum(1 for _ in outputs)


def run(
    project: Path,
    output: Path | None = None,
    *,
    strict: bool = False,
    sink: Sink = write_site,
) -> Result:
    """Load, validate and render the project; hand the files to ``sink``.

    Raises BuildError with every error found (and, under ``strict``, every warning),
    before anything is written.
    """
    config = load_config(project, output)
    if sink is write_site:
        check_output_dir(config)  # refuse a dangerous folder before any work is done
    site, diagnostics = load_site(config)
    warnings = diagnostics.items
    if strict and warnings:
        raise BuildError(warnings)
    theme = Theme.for_project(config.layouts_dir)
    # Render fully before writing anything, so that a layout error cannot leave a
    # half-made staging folder, and so that check renders exactly what build writes.
    rendered = list(render_site(site, theme))
    files = sink(config, rendered)
    return Result(config, site, warnings, files)
