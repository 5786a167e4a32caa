"""Fuzzing the loader and the build: whatever a file holds, the result is a site or
located errors; never a traceback, a hang or a half-written site."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from sincerely.build.builders import run
from sincerely.common.errors import BuildError

from .conftest import PACK_YAML, tree
from .fuzz.mutations import scenario_files

pytestmark = pytest.mark.slow

# File-level problems have no line to point at; everything else must have one.
WHOLE_FILE = ("file is empty", "file is", "symbolic link")


def _assert_located(error: BuildError, path: Path) -> None:
    assert error.diagnostics
    for diagnostic in error.diagnostics:
        location = diagnostic.location
        if location.path != path or not location.line:
            assert diagnostic.message.startswith(WHOLE_FILE), diagnostic.format()
        assert location.column or not location.line


def check_one(data: bytes, workdir: Path) -> bool:
    """Load one fuzzed file in a project; True if it loaded, False if it failed cleanly."""
    target = workdir / "content/p/fuzzed.yaml"
    target.write_bytes(data)
    try:
        run(workdir, write=False)
    except BuildError as error:
        _assert_located(error, target)
        return False
    return True


def _fuzz_project(folder: str) -> Path:
    workdir = Path(folder)
    (workdir / "content/p").mkdir(parents=True)
    (workdir / "content/p/_pack.yaml").write_text(PACK_YAML)
    return workdir


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(data=scenario_files())
def test_the_loader_gives_a_site_or_located_errors(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check_one(data, _fuzz_project(folder))


@settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(data=scenario_files())
def test_a_build_writes_a_whole_site_or_leaves_the_old_one(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        workdir = _fuzz_project(folder)
        run(workdir)
        before = tree(workdir / "site")
        (workdir / "content/p/fuzzed.yaml").write_bytes(data)
        try:
            run(workdir)
        except BuildError:
            assert tree(workdir / "site") == before
        else:
            assert (workdir / "site/p/fuzzed.html").is_file()
        leftovers = [p for p in workdir.iterdir() if p.name.startswith(".sincerely-staging")]
        assert leftovers == []
        shutil.rmtree(workdir / "site")
