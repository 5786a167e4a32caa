"""The repository's GitHub files: workflows that actionlint accepts, and the hooks."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sincerely import __version__
from sincerely.cli.scaffold import init_gallery

from .conftest import REPO

ACTIONLINT = str(Path(sys.executable).parent / "actionlint")
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def _lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ACTIONLINT, "-no-color", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_every_workflow_passes_actionlint() -> None:
    assert [w.name for w in WORKFLOWS] == ["check.yml", "drift.yml", "pages.yml", "release.yml"]
    done = _lint(*WORKFLOWS)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_the_repositorys_workflows_say_they_are_not_a_galleries_own() -> None:
    for workflow in WORKFLOWS:
        head = workflow.read_text().split("\nname:")[0]
        assert "sincerely's own repository" in head and "sincerely init" in head, workflow.name


def test_actionlint_is_live(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n        run: echo both\n"
    )
    assert _lint(broken).returncode != 0


def _runs(name: str) -> list[str]:
    workflow = yaml.safe_load((REPO / ".github/workflows" / name).read_text())
    return [s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]]


def test_check_workflow_annotates_pull_requests_and_tests_both_ends_of_the_ranges() -> None:
    steps = _runs("check.yml")
    assert "make content FORMAT=github" in steps
    makefile = (REPO / "Makefile").read_text()
    assert "sincerely check -W --format $(FORMAT)" in makefile
    assert "make test" in steps and "make test-lowest" in steps


def test_drift_runs_weekly_against_the_newest_releases() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/drift.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key 'on' as true
    assert triggers["schedule"][0]["cron"].endswith("* * 1")
    assert "make test-newest" in _runs("drift.yml")


def test_release_tests_builds_checks_and_publishes_by_trusted_publishing() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/release.yml").read_text())
    assert workflow[True]["push"]["tags"] == ["v*"]
    jobs = workflow["jobs"]
    assert "make test" in _runs("release.yml") and "make dist" in _runs("release.yml")
    assert jobs["publish"]["needs"] == ["tests", "dist"]
    assert jobs["publish"]["permissions"] == {"id-token": "write"}
    assert any(
        step.get("uses", "").startswith("pypa/gh-action-pypi-publish@")
        for step in jobs["publish"]["steps"]
    )
    assert "gh release create" in _runs("release.yml")[-1]
    assert "twine check --strict dist/*" in (REPO / "Makefile").read_text()


def test_pages_workflow_uses_the_official_actions() -> None:
    text = (REPO / ".github/workflows/pages.yml").read_text()
    assert "actions/upload-pages-artifact@" in text and "actions/deploy-pages@" in text


def test_the_pre_commit_hook_runs_the_check() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "sincerely-check"
    assert hook["entry"] == "sincerely check -W"
    assert hook["language"] == "python"


@pytest.mark.slow
def test_the_hook_stops_a_commit_that_breaks_letters_kept_anywhere(tmp_path: Path) -> None:
    # A gallery whose content_dir is not content/: the hook must still notice its files.
    gallery = tmp_path / "gallery"
    init_gallery(gallery)
    (gallery / "content").rename(gallery / "letters")
    pyproject = gallery / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace(
            "[tool.sincerely]\n", '[tool.sincerely]\ncontent_dir = "letters"\n'
        )
    )
    letter = gallery / "letters/examples/thank-you.yaml"
    letter.write_text(letter.read_text().replace("channel: email", "channel: fax"))

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(gallery), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    done = subprocess.run(
        [str(Path(sys.executable).parent / "pre-commit"), "try-repo", str(REPO), "sincerely-check"],
        cwd=gallery,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "letters/examples/thank-you.yaml:7:10: error: 'channel' must be one of" in done.stdout


def test_the_pull_request_template_has_the_checklist() -> None:
    text = (REPO / ".github/PULL_REQUEST_TEMPLATE.md").read_text()
    assert text.count("- [ ]") >= 6 and "sincerely check -W" in text


def _release_notes(tag: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / ".ci/release_notes.py"), tag],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_a_release_needs_its_version_tagged_and_its_changelog_section_dated() -> None:
    wrong = _release_notes("v9.9.9")
    assert wrong.returncode == 1
    assert wrong.stderr.startswith(
        f"cannot release: the tag v9.9.9 is not the package's version (v{__version__}"
    )
    tagged = _release_notes(f"v{__version__}")
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    heading = re.search(rf"^## \[{re.escape(__version__)}\] - (.+)$", changelog, re.MULTILINE)
    assert heading, "CHANGELOG.md needs a section for the version main carries"
    if heading[1] == "Unreleased":  # main, between releases
        assert tagged.returncode == 1
        assert "is dated 'Unreleased': put the release's date" in tagged.stderr
        dated = changelog.replace(heading[0], f"## [{__version__}] - 2026-12-07")
        spec = importlib.util.spec_from_file_location("notes", REPO / ".ci/release_notes.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        shown = module.notes(f"v{__version__}", __version__, dated)
    else:  # the commit a release tags
        assert tagged.returncode == 0, tagged.stderr
        shown = tagged.stdout
    assert shown.startswith("### ") and "\n## " not in shown
    assert "Upgrading from" in shown
