"""A build with nothing to do does nothing; any change rebuilds, to the same bytes as a
clean build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sincerely import buildcache
from sincerely.build import run
from sincerely.errors import BuildError

from .conftest import MINIMAL_SCENARIO, Project, tree


def _stamps(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*")}


def test_a_second_build_with_nothing_changed_writes_nothing(scenario_project: Project) -> None:
    first = scenario_project.build()
    assert not first.unchanged
    before = _stamps(scenario_project.site)
    second = scenario_project.build()
    assert second.unchanged and second.files == 0
    assert second.scenario_count == 1
    assert _stamps(scenario_project.site) == before
    done = scenario_project.cli("build")
    assert "nothing changed" in done.stdout and "is up to date" in done.stdout


def test_the_cache_lives_beside_the_output_not_in_it(scenario_project: Project) -> None:
    scenario_project.build()
    assert (scenario_project.root / ".sincerely-cache-site.json").is_file()
    assert not any(p.name.startswith(".sincerely-cache") for p in scenario_project.site.iterdir())


def test_touching_a_file_without_changing_it_is_no_change(scenario_project: Project) -> None:
    scenario_project.build()
    scenario = scenario_project.root / "content/letters/close-second.yaml"
    os.utime(scenario, ns=(1, 1))
    assert scenario_project.build().unchanged


@pytest.mark.parametrize(
    "change",
    ["content", "new file", "deleted output", "layout", "settings", "sincerely's code"],
)
def test_a_change_rebuilds_to_the_bytes_of_a_clean_build(
    scenario_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    scenario_project.build()
    root = scenario_project.root
    if change == "content":
        path = root / "content/letters/close-second.yaml"
        path.write_text(MINIMAL_SCENARIO.replace("Close second", "A close second"))
    elif change == "new file":
        scenario_project.add_scenario("another", MINIMAL_SCENARIO.replace("Close second", "More"))
    elif change == "deleted output":
        (scenario_project.site / "letters/close-second.html").unlink()
    elif change == "layout":
        scenario_project.write(
            "layouts/page.html", '{% extends "base.html" %}{% block main %}x{% endblock %}'
        )
    elif change == "settings":
        scenario_project.write("pyproject.toml", '[tool.sincerely]\ntitle = "Renamed"\n')
    else:
        monkeypatch.setattr(buildcache, "_code_fingerprint", lambda: "a new release")
    again = scenario_project.build()
    assert not again.unchanged
    run(root, tmp_path / "clean", fresh=True)
    assert tree(scenario_project.site) == tree(tmp_path / "clean")


def test_warnings_are_reported_again_and_fail_under_strict(project: Project) -> None:
    project.add_scenario(text=MINIMAL_SCENARIO.replace("    hint: As you sign your emails.\n", ""))
    first = project.build()
    second = project.build()
    assert second.unchanged
    assert [w.format(project.root) for w in second.warnings] == [
        w.format(project.root) for w in first.warnings
    ]
    assert len(second.warnings) == 1
    with pytest.raises(BuildError):
        project.build(strict=True)


def test_a_corrupt_cache_is_ignored(scenario_project: Project) -> None:
    scenario_project.build()
    (scenario_project.root / ".sincerely-cache-site.json").write_text("{not json")
    assert not scenario_project.build().unchanged
    assert scenario_project.build().unchanged
