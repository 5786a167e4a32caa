"""The package as a house a newcomer can change: its layers, its imports, its size."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from .conftest import REPO

PACKAGE = REPO / "src" / "sincerely"

# The pipeline, bottom to top: a module may import from its own layer or a lower one.
LAYERS = [
    {"errors", "workfiles", "intake"},
    {
        "urls",
        "forges",
        "report",
        "markdown",
        "assets",
        "spelling",
        "i18n",
        "signed",
        "stemming",
        "seams",
    },
    {"nodes", "yamlnodes", "project"},
    {"rules", "spec", "records", "template", "lengths"},
    {"config", "model", "gallery"},
    {
        "translations",
        "contentfiles",
        "loader",
        "reference",
        "navigation",
        "searchindex",
        "theme",
        "look",
    },
    {"downloads", "docx", "archives", "memo", "digests", "pages", "render"},
    {"layoutref"},
    {"pipeline", "writer", "parallel", "reuse", "buildcache", "preload", "letterstore"},
    {"build", "incremental"},
    {"serve", "serve.webserver", "serve.watch", "serve.reload", "scaffold", "pinning"},
    {"commands"},
    {"cli", "__main__", "__init__"},
]
LAYER = {name: number for number, names in enumerate(LAYERS) for name in names}
MAX_LINES = 310


def _modules() -> dict[str, tuple[Path, str]]:
    """Each module by name ('cli', 'serve.watch'), with its file and its package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        package = ".".join(parts[:-1])
        if parts[-1] == "__init__" and len(parts) > 1:
            parts.pop()
        found[".".join(parts)] = (path, package)
    return found


def _imports(path: Path, package: str) -> tuple[set[str], set[str], list[str]]:
    """The package's own modules a module imports (at the top or inside a function),
    the other packages it imports, and the private names it takes from them."""
    own, other, private = set(), set(), []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".") if package else []
            base = base[: len(base) - (node.level - 1)]
            target = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                full = f"{target}.{alias.name}".lstrip(".")
                own.add(full if full in MODULES else target)
        elif isinstance(node, ast.ImportFrom) and node.module:
            other.add(node.module.split(".")[0])
            private += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
        elif isinstance(node, ast.Import):
            other.update(a.name.split(".")[0] for a in node.names)
    return {m for m in own if m in MODULES}, other, private


MODULES = _modules()
GRAPH = {name: _imports(path, package) for name, (path, package) in MODULES.items()}


def test_every_module_has_a_layer() -> None:
    assert set(MODULES) == set(LAYER), set(MODULES) ^ set(LAYER)


def test_no_module_imports_from_a_higher_layer() -> None:
    upward = [
        f"{name} ({LAYER[name]}) imports {other} ({LAYER[other]})"
        for name, (own, _, _) in GRAPH.items()
        for other in own
        if LAYER[other] > LAYER[name]
    ]
    assert upward == []


def test_the_import_graph_has_no_cycle() -> None:
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for other in sorted(GRAPH[name][0] - {name}):
            if state.get(other) == "open":
                raise AssertionError(" -> ".join([*trail, name, other]))
            if other not in state:
                visit(other, [*trail, name])
        state[name] = "done"

    for name in MODULES:
        if name not in state:
            visit(name, [])


def test_no_private_name_of_another_package_is_used() -> None:
    stdlib = set(sys.stdlib_module_names)
    private = [
        n for _, (_, _, names) in GRAPH.items() for n in names if n.split(".")[0] not in stdlib
    ]
    attributes = []
    for name, (path, _) in MODULES.items():
        third = GRAPH[name][1] - set(sys.stdlib_module_names)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name)
                and node.value.id in third
            ):
                attributes.append(f"{name}: {node.value.id}.{node.attr}")
    assert private == [] and attributes == []


def test_every_imported_package_is_declared() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {re.split(r"[<>=\[ ;]", d)[0].lower() for d in project["dependencies"]}
    providers = importlib.metadata.packages_distributions()
    imported = {top for _, (_, third, _) in GRAPH.items() for top in third}
    missing = []
    for top in sorted(imported - set(sys.stdlib_module_names) - {"sincerely"}):
        distributions = {d.lower() for d in providers.get(top, [top])}
        if not distributions & declared:
            missing.append(f"{top} (from {', '.join(sorted(distributions))})")
    assert missing == []


def test_no_module_is_over_about_three_hundred_lines() -> None:
    long = {
        name: lines
        for name, (path, _) in MODULES.items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_readmes_map_names_every_module() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| layer | module |") :]
    table = table[: table.index("\n\n")]
    named = {name for name in LAYER if "." not in name and not name.startswith("_")}
    missing = sorted(n for n in named if f"`{n}.py`" not in table and f"`{n}/`" not in table)
    assert missing == [], "add these to the README's table of modules"
