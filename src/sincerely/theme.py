"""The theme: a project's own layouts/ over the bundled default, file by file.

As with Sphinx's templates_path, a project overrides one layout or one asset by putting a
file of the same name in its layouts/ folder; everything else comes from the theme that
ships inside the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .assets import compact

STATIC = "static"


def bundled_theme_dir() -> Path:
    """The default theme: inside the installed package, or layouts/ in a source checkout."""
    packaged = Path(__file__).parent / "theme"
    if packaged.is_dir():
        return packaged
    # An editable install runs from src/; the theme is the repository's layouts/.
    return Path(__file__).resolve().parents[2] / "layouts"


@dataclass(frozen=True)
class Theme:
    folders: tuple[Path, ...]  # first wins

    @classmethod
    def for_project(cls, layouts_dir: Path) -> Theme:
        bundled = bundled_theme_dir().resolve()
        folders = [layouts_dir.resolve()] if layouts_dir.is_dir() else []
        if bundled not in folders:
            folders.append(bundled)
        return cls(tuple(folders))

    def static_paths(self) -> dict[str, Path]:
        """Each asset's site path and the file that provides it, sorted by site path."""
        found: dict[str, Path] = {}
        for folder in reversed(self.folders):
            static = folder / STATIC
            if not static.is_dir():
                continue
            for path in static.rglob("*"):
                if path.is_file() and not path.name.startswith("."):
                    found[f"{STATIC}/{path.relative_to(static).as_posix()}"] = path
        return dict(sorted(found.items()))

    @staticmethod
    def published(site_path: str, source: Path) -> bytes:
        """An asset as the site serves it: minified if it is CSS or JavaScript."""
        return compact(site_path, source.read_bytes())
