"""The package as a house a newcomer can change: its layers, its imports, its size."""

from __future__ import annotations

import ast
import fnmatch
import importlib.metadata
import re
import sys
import tomllib

import pytest

from .conftest import REPO
from .tools.architecture import (
    LEVEL,
    README,
    Imports,
    broken_rules,
    code_map,
    cycle,
    graph,
    modules,
    readme_with_map,
)

MAX_LINES = 310


def test_every_package_has_a_level_and_says_what_it_owns() -> None:
    packages = {m.package for m in modules().values() if m.package}
    assert packages == set(LEVEL), packages ^ set(LEVEL)
    silent = [p for p in sorted(packages) if len(modules()[p].doc) < 40]
    assert silent == [], "say in the package's __init__.py what it owns"


def test_no_module_imports_against_the_rule() -> None:
    # Upward, or between siblings (load, downloads and render stand side by side).
    assert broken_rules() == []


def test_the_import_graph_has_no_cycle() -> None:
    assert cycle() == []


def test_the_rule_catches_an_import_upward_and_between_siblings() -> None:
    # The check above must be able to fail: format/ importing build/ goes up, and
    # render/ importing load/ crosses to a sibling.
    altered = dict(graph())
    altered["format.values"] = Imports(frozenset({"build.record"}), frozenset(), ())
    altered["render.pages"] = Imports(frozenset({"load.loader"}), frozenset(), ())
    wrong = broken_rules(altered)
    assert [w.split(" ")[0] for w in wrong] == ["format.values", "render.pages"]
    assert "siblings never import each other" in wrong[1]


def test_no_private_name_of_another_package_is_used() -> None:
    stdlib = set(sys.stdlib_module_names)
    private = [
        n for imports in graph().values() for n in imports.private if n.split(".")[0] not in stdlib
    ]
    attributes = []
    for name, module in modules().items():
        third = graph()[name].other - set(sys.stdlib_module_names)
        for node in ast.walk(ast.parse(module.path.read_text(encoding="utf-8"))):
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
    imported = {top for imports in graph().values() for top in imports.other}
    missing = []
    for top in sorted(imported - set(sys.stdlib_module_names) - {"sincerely"}):
        distributions = {d.lower() for d in providers.get(top, [top])}
        if not distributions & declared:
            missing.append(f"{top} (from {', '.join(sorted(distributions))})")
    assert missing == []


def test_no_module_is_over_about_three_hundred_lines() -> None:
    long = {
        name: lines
        for name, module in modules().items()
        if (lines := len(module.path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_readmes_map_is_the_one_the_code_gives() -> None:
    # One statement of the rule (tests/tools/architecture.py); the README's map is
    # written from it and from each package's and module's docstring, never by hand.
    readme = README.read_text(encoding="utf-8")
    assert readme == readme_with_map(readme), (
        "the README's map of the code is stale: run "
        "'.venv/bin/python -m tests.tools.architecture --readme'"
    )
    assert code_map() in readme


def test_every_folder_of_tests_is_collected(pytestconfig: pytest.Config) -> None:
    # pytest leaves out the folders norecursedirs names; its default names 'build' and
    # 'dist', and tests/build/ once went unrun, silently, because of it.
    ignored = pytestconfig.getini("norecursedirs")
    folders = sorted({p.parent for p in (REPO / "tests").rglob("test_*.py")})
    left_out = [
        folder.relative_to(REPO).as_posix()
        for folder in folders
        for part in folder.relative_to(REPO / "tests").parts
        if any(fnmatch.fnmatch(part, pattern) for pattern in ignored)
    ]
    assert folders and left_out == []
