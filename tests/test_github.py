"""The repository's GitHub files: workflows that actionlint accepts, and the hooks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sincerely.scaffold import init_gallery

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


def test_both_workflows_pass_actionlint() -> None:
    assert [w.name for w in WORKFLOWS] == ["check.yml", "pages.yml"]
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


def test_check_workflow_annotates_pull_requests() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/check.yml").read_text())
    steps = [s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert "sincerely check -W --format github" in steps
    assert "make test" in steps


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
