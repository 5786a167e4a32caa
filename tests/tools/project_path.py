"""The road a build's project takes through the code: which modules it enters, in order.

A build of the project is traced (sys.setprofile); every call into sincerely that is
handed the project (its folder, or its Config: the project as loaded) as an argument
enters that call's module (a method of the Config itself does not: it is the project). The
modules entered, in order (a module entered again straight away counted once), are the
road. A return is entering a module the road had left; a climb back up is a return to a
module on a higher level than the one just left (levels: tests/tools/architecture.py),
the sign of a tower that stands on names from above.

    .venv/bin/python -m tests.tools.project_path [PROJECT]   # this repository's gallery
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from .architecture import REPO, modules

CARRIERS = {"Config", "Site"}  # what carries the project once it is loaded


def road(project: Path, build: Callable[[Path, Path], Any]) -> list[str]:
    """The modules a build of ``project`` enters, in order."""
    root = project.resolve()
    entered: list[str] = []

    def carries(value: object) -> bool:
        if isinstance(value, Path):
            return value in {project, root}
        return type(value).__name__ in CARRIERS

    def profile(frame: FrameType, event: str, _: object) -> None:
        if event != "call":
            return
        module = frame.f_globals.get("__name__", "")
        if not module.startswith("sincerely."):
            return
        code = frame.f_code
        count = code.co_argcount + code.co_kwonlyargcount
        names = [n for n in code.co_varnames[:count] if n not in {"self", "cls"}]
        if any(carries(frame.f_locals.get(name)) for name in names):
            name = module.removeprefix("sincerely.")
            if not entered or entered[-1] != name:
                entered.append(name)

    with tempfile.TemporaryDirectory() as output:
        sys.setprofile(profile)
        try:
            build(project, Path(output) / "site")
        finally:
            sys.setprofile(None)
    return entered


def above_ground(entered: list[str]) -> list[str]:
    """The road without the ground floor: common/'s helpers (a path shown relative to the
    project, a file written whole) are called from every level and call nothing back, so
    each call into one is a step down and straight back, not a return."""
    road: list[str] = []
    for name in entered:
        if not name.startswith("common.") and (not road or road[-1] != name):
            road.append(name)
    return road


def figures(entered: list[str], level: Callable[[str], int]) -> dict[str, int]:
    """How many modules, entries, returns and climbs back up the road has."""
    returns = climbs = 0
    for index, name in enumerate(entered):
        if name in entered[: index - 1]:
            returns += 1
            climbs += level(name) > level(entered[index - 1])
    return {
        "modules": len(set(entered)),
        "entries": len(entered),
        "returns": returns,
        "climbs back up": climbs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("project", nargs="?", type=Path, default=REPO)
    parser.add_argument("--show", action="store_true", help="print the road itself")
    args = parser.parse_args()
    from sincerely.build.builders import run

    def build(project: Path, output: Path) -> None:
        run(project, output, fresh=True)

    entered = road(args.project, build)
    known = modules()
    for title, taken in (("the whole road", entered), ("above common/", above_ground(entered))):
        shown = ", ".join(f"{k} {v}" for k, v in figures(taken, lambda n: known[n].level).items())
        print(f"{title}: {shown}")
    if args.show:
        print(" -> ".join(above_ground(entered)))


if __name__ == "__main__":
    main()
