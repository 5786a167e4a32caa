"""The package's architecture, read off its source: packages, their order, the import graph.

The one statement of the dependency rule: ``LEVELS`` below, lowest first. A module may
import from its own package or from a package on a lower level; packages on one level
are siblings and never import each other. tests/test_architecture.py holds the code to
it, and the README's map of the code is written from here (and checked against it):

    .venv/bin/python -m tests.tools.architecture            # figures of the import graph
    .venv/bin/python -m tests.tools.architecture --readme   # rewrite the README's map
"""

from __future__ import annotations

import argparse
import ast
import functools
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "src" / "sincerely"
README = REPO / "README.md"
MAP_START, MAP_END = "<!-- code-map:start -->", "<!-- code-map:end -->"

LEVELS: list[tuple[str, ...]] = [
    ("common",),
    ("format",),
    ("model",),
    ("theming",),
    ("load", "downloads", "render"),
    ("build",),
    ("serve",),
    ("cli",),
]
LEVEL = {package: number for number, names in enumerate(LEVELS) for package in names}
# The package's root: __init__ (its version and folder, importable by all) and
# __main__ (``python -m sincerely``, above everything).
ROOT_LEVEL = {"": -1, "__main__": len(LEVELS)}


@dataclass(frozen=True)
class Module:
    name: str  # dotted under sincerely: 'build.record', '' for the package itself
    path: Path

    @property
    def package(self) -> str:
        """The package by role it belongs to ('' for the root's modules)."""
        return self.name.split(".")[0] if "." in self.name else ""

    @property
    def level(self) -> int:
        if not self.package:
            return ROOT_LEVEL.get(self.name, LEVEL.get(self.name, -1))
        return LEVEL[self.package]

    @property
    def doc(self) -> str:
        """The first sentence of its docstring."""
        text = ast.get_docstring(ast.parse(self.path.read_text(encoding="utf-8"))) or ""
        return " ".join(text.split("\n\n")[0].split())


@functools.cache
def modules() -> dict[str, Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        name = ".".join(parts)
        found[name] = Module(name, path)
    return found


@dataclass(frozen=True)
class Imports:
    own: frozenset[str]  # the package's own modules it imports
    other: frozenset[str]  # top-level names of other packages
    private: tuple[str, ...]  # private names taken from other packages


def _imports(module: Module) -> Imports:
    known = modules()
    base = (
        module.name.split(".") if module.path.name == "__init__.py" else module.name.split(".")[:-1]
    )
    base = [p for p in base if p]
    own: set[str] = set()
    other: set[str] = set()
    private: list[str] = []
    for node in ast.walk(ast.parse(module.path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            parts = base[: len(base) - (node.level - 1)]
            target = ".".join([*parts, *([node.module] if node.module else [])])
            for alias in node.names:
                full = f"{target}.{alias.name}".strip(".")
                own.add(full if full in known else target)
        elif isinstance(node, ast.ImportFrom) and node.module:
            other.add(node.module.split(".")[0])
            private += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
        elif isinstance(node, ast.Import):
            other.update(a.name.split(".")[0] for a in node.names)
    return Imports(frozenset(m for m in own if m in known), frozenset(other), tuple(private))


@functools.cache
def graph() -> dict[str, Imports]:
    return {name: _imports(module) for name, module in modules().items()}


def broken_rules(imports_of: dict[str, Imports] | None = None) -> list[str]:
    """Every import the rule forbids, upward or between siblings, in the package's import
    graph or in ``imports_of`` (a test's altered copy)."""
    known = modules()
    wrong = []
    for name, imports in (imports_of or graph()).items():
        here = known[name]
        for target in sorted(imports.own):
            there = known[target]
            if here.package and there.package == here.package:
                continue
            if there.level > here.level:
                wrong.append(f"{name} (level {here.level}) imports {target} (level {there.level})")
            elif there.level == here.level and there.package != here.package:
                wrong.append(f"{name} imports {target}: siblings never import each other")
    return wrong


def cycle() -> list[str]:
    """One cycle of imports, or []."""
    state: dict[str, str] = {}
    found: list[str] = []

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for other in sorted(graph()[name].own - {name}):
            if found:
                return
            if state.get(other) == "open":
                found.extend([*trail, name, other])
                return
            if other not in state:
                visit(other, [*trail, name])
        state[name] = "done"

    for name in modules():
        if name not in state and not found:
            visit(name, [])
    return found


def floors() -> int:
    """How tall the import graph is: the modules on its longest chain of imports."""

    @functools.cache
    def height(name: str) -> int:
        below = [height(o) for o in graph()[name].own - {name}]
        return 1 + max(below, default=0)

    return max(height(name) for name in modules())


def _cell(text: str) -> str:
    return text.replace("``", "`").replace("|", "\\|")


def code_map() -> str:
    """The README's map of the code: each package by level, what it owns, and what each
    of its modules does (the first sentence of each docstring)."""
    known = modules()
    lines = ["| level | package, module | what it owns, what it does |", "| --- | --- | --- |"]
    for number, packages in enumerate(LEVELS):
        for package in packages:
            lines.append(f"| {number} | **`{package}/`** | {_cell(known[package].doc)} |")
            for name in sorted(n for n in known if n.startswith(package + ".")):
                short = known[name].doc.split(". ")[0].rstrip(".") + "."
                lines.append(f"| | `{name.split('.', 1)[1]}.py` | {_cell(short)} |")
    return "\n".join(lines)


def readme_with_map(readme: str) -> str:
    start, end = readme.index(MAP_START) + len(MAP_START), readme.index(MAP_END)
    return readme[:start] + "\n" + code_map() + "\n" + readme[end:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readme", action="store_true", help="rewrite the README's map")
    args = parser.parse_args()
    if args.readme:
        README.write_text(readme_with_map(README.read_text(encoding="utf-8")), encoding="utf-8")
        return
    known = modules()
    print(f"modules: {len(known)} in {len(LEVEL)} packages on {len(LEVELS)} levels")
    print(f"import graph: {floors()} floors tall")
    print(f"imports against the rule: {len(broken_rules())}")
    print(f"cycles: {1 if cycle() else 0}")
    sys.exit(1 if broken_rules() or cycle() else 0)


if __name__ == "__main__":
    main()
