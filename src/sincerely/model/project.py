"""Finding the project a command is about, the way git and MkDocs do.

From the folder given (the current one by default), sincerely looks upward for the
nearest folder that is a project: one whose pyproject.toml has a [tool.sincerely] table,
or, failing that, one that holds a content/ folder. So `sincerely build` works from
anywhere inside a gallery, and `sincerely new` run inside content/PACK/ writes into the
project's content/, not into a new content/ below.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from ..common.errors import BuildError, Location

SETTINGS_TABLE = "[tool.sincerely]"


def _has_settings(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8", errors="replace"))
    except (OSError, tomllib.TOMLDecodeError):
        # A broken pyproject.toml that names our table is still ours: loading the
        # settings will say what is wrong with it, with its line.
        try:
            return SETTINGS_TABLE in pyproject.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "sincerely" in tool


def has_settings(folder: Path) -> bool:
    """Whether ``folder``'s pyproject.toml has sincerely's settings table."""
    pyproject = folder / "pyproject.toml"
    return pyproject.is_file() and _has_settings(pyproject)


def is_project(folder: Path) -> bool:
    return has_settings(folder) or (folder / "content").is_dir()


def find_project(start: Path) -> Path:
    """The project folder at or above ``start``; a located error when there is none."""
    start = start.resolve()
    if not start.is_dir():
        raise BuildError.single(
            "no such folder; give the folder of a project, the one that holds content/",
            Location(start),
        )
    for folder in (start, *start.parents):
        if is_project(folder):
            return folder
    raise BuildError.single(
        "not inside a sincerely project: no pyproject.toml with [tool.sincerely], and no "
        "content/ folder, here or in any folder above; run 'sincerely init' to start "
        "one, or give the project's folder",
        Location(start),
    )
