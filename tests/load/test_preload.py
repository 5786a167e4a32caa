"""What loading found is kept between builds, and trusted only when this machine's
sincerely wrote it: a kept file is never a way to run code."""

from __future__ import annotations

import pickle
from pathlib import Path

from sincerely.build.builders import run

from ..conftest import MINIMAL_SCENARIO, Project, tree

ORGANIZATION = MINIMAL_SCENARIO.replace("Short and sincere.", "Thank the organization.")


def _kept(project: Project) -> dict[str, int]:
    folder = project.root / ".sincerely" / "loaded"
    return {path.name: path.stat().st_mtime_ns for path in folder.glob("*.pickle")}


class _Trap:
    """Unpickled, it writes a file: the proof that a kept file ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def test_a_kept_file_not_written_by_this_machine_is_never_unpickled(
    scenario_project: Project, tmp_path: Path
) -> None:
    first = scenario_project.build()
    marker = tmp_path / "code-ran"
    kept = scenario_project.root / ".sincerely/loaded/letters.pickle"
    assert kept.is_file()
    # What a pull request could commit: a pickle that runs code, behind a made-up MAC.
    kept.write_bytes(b"\0" * 32 + pickle.dumps({"x": _Trap(marker)}))
    scenario_project.add_scenario("another", MINIMAL_SCENARIO.replace("Close second", "More"))

    again = scenario_project.build()

    assert not marker.exists()
    assert again.scenario_count == first.scenario_count + 1


def test_an_edit_loads_its_pack_again_and_keeps_the_others(project: Project) -> None:
    project.add_scenario()
    project.write("content/later/_pack.yaml", "title: Later\nsummary: Later letters.\n")
    project.write("content/later/check-in.yaml", MINIMAL_SCENARIO)
    project.build()
    before = _kept(project)
    assert sorted(before) == ["later.pickle", "letters.pickle"]
    project.add_scenario(text=MINIMAL_SCENARIO.replace("Close second", "Second place"))

    project.build()

    after = _kept(project)
    assert after["letters.pickle"] != before["letters.pickle"]
    assert after["later.pickle"] == before["later.pickle"]
    page = (project.site / "letters/close-second.html").read_text(encoding="utf-8")
    assert "Second place" in page


def test_warnings_of_kept_letters_are_given_again_and_judged_in_their_packs_language(
    project: Project, tmp_path: Path
) -> None:
    project.write("pyproject.toml", '[tool.sincerely]\nlanguage = "en-GB"\n')
    project.add_scenario(text=ORGANIZATION)
    project.add_scenario("another", MINIMAL_SCENARIO.replace("Close second", "More"))
    warned = [d.format(project.root) for d in project.build().warnings]
    assert len(warned) == 1 and "'organization' is American spelling" in warned[0]
    project.add_scenario("another", MINIMAL_SCENARIO.replace("Close second", "Most"))

    assert [d.format(project.root) for d in project.build().warnings] == warned

    # The pack now says it is in American English: its letters are judged again.
    project.write("content/letters/_pack.yaml", "title: Test\nsummary: Tests.\nlanguage: en-US\n")
    assert project.build().warnings == ()
    run(project.root, tmp_path / "clean", fresh=True)
    assert tree(project.site) == tree(tmp_path / "clean")


def test_a_moved_project_loads_afresh_and_says_where_its_files_now_are(
    project: Project, tmp_path: Path
) -> None:
    project.write("pyproject.toml", '[tool.sincerely]\nlanguage = "en-GB"\n')
    project.add_scenario(text=ORGANIZATION)
    project.build()
    moved = tmp_path / "moved"
    project.root.rename(moved)

    warnings = run(moved).warnings

    assert [w.location.path for w in warnings] == [moved / "content/letters/close-second.yaml"]
