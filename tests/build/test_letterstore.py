"""Letters' cards and search terms are kept between builds, and believed only when this
machine's sincerely made them with the same theme and settings."""

from __future__ import annotations

from pathlib import Path

from sincerely.build.builders import run

from ..conftest import MINIMAL_SCENARIO, Project


def _kept_files(project: Project) -> list[Path]:
    found = sorted((project.root / ".sincerely").glob("build-*.cards/*.json"))
    assert found
    return found


def _kept_file(project: Project) -> bytes:
    return b"".join(path.read_bytes() for path in _kept_files(project))


def test_cards_and_terms_are_kept_for_the_letters_the_site_has(project: Project) -> None:
    project.add_scenario()
    project.add_scenario("another", MINIMAL_SCENARIO.replace("Close second", "Runner-up"))
    project.build()
    kept = _kept_file(project).decode("utf-8", "replace")
    assert "Runner-up" in kept and "Close second" in kept  # each letter's card
    assert "runner" in kept  # its search terms
    (project.root / "content/letters/another.yaml").unlink()

    project.build()

    assert "Runner-up" not in _kept_file(project).decode("utf-8", "replace")


def test_a_kept_file_not_signed_here_is_never_shown(project: Project) -> None:
    project.add_scenario()
    project.add_scenario("another", MINIMAL_SCENARIO.replace("Close second", "Runner-up"))
    project.build()
    # What a pull request could commit: the cards with a script in them.
    for path in _kept_files(project):
        forged = path.read_bytes().replace(b"Close second", b"<script>alert(1)</script>")
        path.write_bytes(forged)
    project.add_scenario("third", MINIMAL_SCENARIO.replace("Close second", "Third"))

    run(project.root)

    home = (project.site / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in home
    assert "Close second" in home and "Third" in home
