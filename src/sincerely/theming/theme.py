"""The theme: a project's own layouts/ over the bundled default, file by file.

As with Sphinx's templates_path, a project overrides one layout or one asset by putting a
file of the same name in its layouts/ folder; everything else comes from the theme that
ships inside the package.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from .. import PACKAGE_DIR
from ..common.errors import BuildError, Location
from ..model.config import Config
from .hooks import NO_HOOKS, Hooks, load_hooks
from .minify import compact

STATIC = "static"


def bundled_theme_dir() -> Path:
    """The default theme: inside the installed package, or layouts/ in a source checkout."""
    packaged = PACKAGE_DIR / "theme"
    if packaged.is_dir():
        return packaged
    # An editable install runs from src/; the theme is the repository's layouts/.
    return PACKAGE_DIR.parents[1] / "layouts"


@dataclass(frozen=True)
class Theme:
    folders: tuple[Path, ...]  # first wins
    # The owner's hooks (theming/hooks.py): they add to the layouts' Environment and
    # context, so they are the theme's as much as its files, and in its digest.
    hooks: Hooks = NO_HOOKS

    @classmethod
    def for_project(cls, layouts_dir: Path, hooks: Hooks = NO_HOOKS) -> Theme:
        bundled = bundled_theme_dir().resolve()
        folders = [layouts_dir.resolve()] if layouts_dir.is_dir() else []
        if bundled not in folders:
            folders.append(bundled)
        return cls(tuple(folders), hooks)

    def static_paths(self) -> dict[str, Path]:
        """Each asset's site path and the file that provides it, sorted by site path."""
        found: dict[str, Path] = {}
        for folder in reversed(self.folders):
            static = folder / STATIC
            if not static.is_dir():
                continue
            for path in static.rglob("*"):
                # A link is refused where the project's files are checked (common/intake.py).
                if path.is_file() and not path.is_symlink() and not path.name.startswith("."):
                    found[f"{STATIC}/{path.relative_to(static).as_posix()}"] = path
        return dict(sorted(found.items()))

    @staticmethod
    def published(site_path: str, source: Path, addition: str = "") -> bytes:
        """An asset as the site serves it: minified if it is CSS or JavaScript, with
        ``addition`` at its end (the owner's accent, for site.css)."""
        return compact(site_path, source.read_bytes() + addition.encode())


def themed(config: Config) -> tuple[Config, Theme]:
    """The project's hooks loaded, the settings as their on_config leaves them, and the
    theme with the hooks: what every build starts from."""
    hooks = load_hooks(config)
    config = hooks.configured(config)
    return config, Theme.for_project(config.layouts_dir, hooks)


# ---- a layout's mistakes, where they are ----


def _layout_line(exc: Exception) -> tuple[str | None, int]:
    """The layout file and line an exception was met at: Jinja rewrites tracebacks so
    that frames carry the template's file and line, the innermost of which is where a
    theme author must look."""
    filename = getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None) or 0
    if not filename:
        tb = sys.exc_info()[2] or exc.__traceback__
        while tb is not None:
            frame_file = tb.tb_frame.f_code.co_filename
            if frame_file.endswith((".html", ".xml", ".txt")):
                filename, line = frame_file, tb.tb_lineno
            tb = tb.tb_next
    return filename, line


def _located(message: str, filename: str | None, line: int) -> BuildError:
    path = Path(filename) if filename else Path("layouts")
    return BuildError.single(f"layout error: {message}", Location(path, line, 1 if line else 0))


def layout_error(exc: Exception) -> BuildError:
    """A located error for a broken layout (Jinja's own TemplateError: syntax, an
    undefined name), by its message."""
    message = getattr(exc, "message", None) or type(exc).__name__
    return _located(message, *_layout_line(exc))


def layout_mistake(exc: Exception) -> BuildError | None:
    """A located error for any other exception a layout's line led to; None if none did
    (then it is not the layout's)."""
    filename, line = _layout_line(exc)
    if not filename:
        return None
    return _located(f"{exc} ({type(exc).__name__}); fix this line of the layout", filename, line)
