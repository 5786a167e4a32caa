"""The package as a house a newcomer can change: its layers, its imports, its size."""

from __future__ import annotations

import ast
import fnmatch
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest

from .conftest import REPO
from .tools.architecture import (
    LEVEL,
    README,
    Imports,
    Module,
    broken_rules,
    code_map,
    cycle,
    graph,
    modules,
    readme_with_map,
)

MAX_LINES = 310
TESTS = REPO / "tests"
# Modules with logic that have no test module of their own, each with the reason. None
# today: add one only with a reason a reviewer would accept.
NO_TEST_MODULE: dict[str, str] = {}


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


def _has_logic(module: Module) -> bool:
    """Whether a module holds a function or a class (not only names and values)."""
    tree = ast.parse(module.path.read_text(encoding="utf-8"))
    return any(
        isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) for n in ast.walk(tree)
    )


def where_tests_are(name: str) -> Path:
    """Where a module's tests live: tests/PACKAGE/test_MODULE.py (tests/test_NAME.py for a
    module of the package's root)."""
    *package, module = name.split(".")
    return TESTS.joinpath(*package, f"test_{module}.py")


def _untested(found: dict[str, Module]) -> list[str]:
    return [
        f"{name}: add {where_tests_are(name).relative_to(REPO)}"
        for name, module in found.items()
        if name
        and _has_logic(module)
        and name not in NO_TEST_MODULE
        and not where_tests_are(name).is_file()
    ]


def test_every_module_with_logic_has_a_test_module_of_its_own() -> None:
    assert _untested(modules()) == []
    # And each module let off has a reason still: it is there, and still without tests.
    stale = [n for n in NO_TEST_MODULE if n not in modules() or where_tests_are(n).is_file()]
    assert stale == []


def test_the_rule_catches_a_module_without_tests(tmp_path: Path) -> None:
    # The check above must be able to fail: a new module with a function and no tests.
    new = tmp_path / "fresh.py"
    new.write_text('"""A new module."""\n\n\ndef work() -> int:\n    return 1\n')
    values = tmp_path / "values.py"
    values.write_text('"""Only names."""\n\nANSWER = 42\n')
    found = {
        "render.fresh": Module("render.fresh", new),
        "render.values": Module("render.values", values),
    }
    assert _untested(found) == ["render.fresh: add tests/render/test_fresh.py"]
