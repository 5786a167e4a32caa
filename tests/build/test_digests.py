"""What each output is made from: a job's key changes when one of its inputs changes, and
only then, the same in every process, run and folder (else a build would bring over a
stale file, or make everything again for nothing)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sincerely.build.digests import job_key, model_digests
from sincerely.load.loader import load_site
from sincerely.model.config import load_config
from sincerely.model.site import Site
from sincerely.render.kinds import CONFIG, FRAME, SITE

from ..conftest import MINIMAL_SCENARIO, Project

A, B = ("scenario", "letters", "a"), ("scenario", "letters", "b")
PACK, ABOUT = ("pack", "letters"), ("page", "about")
# Jobs as the site's outputs name their inputs: a letter's page (its letter, its pack,
# the settings and the frame around every page, its neighbours), a Markdown page, and a
# page made from the whole site (the home page, the search index).
JOBS = {
    "letter a's page": {A, PACK, CONFIG, FRAME, B},
    "letter b's page": {B, PACK, CONFIG, FRAME, A},
    "letter a's text alone": {A},
    "the about page": {ABOUT, FRAME},
    "the home page": {SITE, CONFIG},
}


@pytest.fixture
def gallery(project: Project) -> Project:
    """Two letters in a pack, a page, and a home page text."""
    project.add_scenario("a", MINIMAL_SCENARIO.replace("Close second", "Letter A"))
    project.add_scenario("b", MINIMAL_SCENARIO.replace("Close second", "Letter B"))
    project.write("content/about.md", "---\ntitle: About\norder: 2\n---\nAbout us.\n")
    project.write("content/index.md", "---\ntitle: Home\n---\nWelcome.\n")
    project.write("pyproject.toml", '[tool.sincerely]\ntitle = "Letters"\n')
    return project


def _site(root: Path) -> Site:
    site, diagnostics = load_site(load_config(root))
    assert not diagnostics.items, diagnostics.items
    return site


def _keys(root: Path) -> dict[str, str]:
    digests = model_digests(_site(root))
    return {job: job_key(made_from, digests) for job, made_from in JOBS.items()}


def _edit(relative: str, old: str, new: str) -> Callable[[Project], None]:
    def change(project: Project) -> None:
        path = project.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


LETTER_A = "content/letters/a.yaml"
EVERY_PAGE = {"letter a's page", "letter b's page", "the about page", "the home page"}
# Each change, and the jobs whose key it must change (every other key stays).
CHANGES: dict[str, tuple[Callable[[Project], None], set[str]]] = {
    "a letter's text": (
        _edit(LETTER_A, "Thank you for letting me know.", "Thanks for telling me."),
        {"letter a's page", "letter b's page", "letter a's text alone", "the home page"},
    ),
    "a letter added to the pack": (
        lambda p: p.add_scenario("c", MINIMAL_SCENARIO.replace("Close second", "Letter C")),
        EVERY_PAGE,
    ),
    "the settings": (_edit("pyproject.toml", "Letters", "Notes"), EVERY_PAGE),
    "the pack's title": (_edit("content/letters/_pack.yaml", "Test pack", "Tests"), EVERY_PAGE),
    "a page's text": (
        _edit("content/about.md", "About us.", "Who we are."),
        {"the about page", "the home page"},
    ),
    "a page's title, which the navigation shows": (
        _edit("content/about.md", "title: About", "title: Us"),
        EVERY_PAGE,
    ),
    "a page kept out of the navigation": (
        _edit("content/about.md", "order: 2\n", "order: 2\nnav: false\n"),
        EVERY_PAGE,
    ),
    "the home page's text": (
        _edit("content/index.md", "Welcome.", "Hello."),
        {"the home page"},
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_changes_the_key_of_every_job_made_from_it_and_no_other(
    gallery: Project, change: str
) -> None:
    before = _keys(gallery.root)
    make, expected = CHANGES[change]
    make(gallery)
    after = _keys(gallery.root)
    assert {job for job in JOBS if after[job] != before[job]} == expected


def test_the_keys_are_the_same_on_every_load(gallery: Project) -> None:
    assert _keys(gallery.root) == _keys(gallery.root)


def test_the_digests_are_the_same_in_another_process_with_another_hash_seed(
    gallery: Project,
) -> None:
    # The record a build leaves is read by the next run of sincerely.
    script = (
        "import json, sys\n"
        "from sincerely.build.digests import model_digests\n"
        "from sincerely.load.loader import load_site\n"
        "from sincerely.model.config import load_config\n"
        "site = load_site(load_config(__import__('pathlib').Path(sys.argv[1])))[0]\n"
        "print(json.dumps({'/'.join(i): d for i, d in model_digests(site).items()}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(gallery.root)],
        env={**os.environ, "PYTHONHASHSEED": "4242"},
        capture_output=True,
        text=True,
        check=True,
    )
    here = {"/".join(i): d for i, d in model_digests(_site(gallery.root)).items()}
    assert json.loads(done.stdout) == here


def test_a_project_moved_to_another_folder_keeps_its_keys(gallery: Project, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere" / "clone"
    shutil.copytree(gallery.root, moved)
    assert _keys(moved) == _keys(gallery.root)


def test_a_jobs_key_is_its_set_of_inputs_and_their_arrangement(gallery: Project) -> None:
    digests = model_digests(_site(gallery.root))
    assert job_key([A, PACK, CONFIG], digests) == job_key([CONFIG, A, PACK], digests)
    assert job_key([A, PACK], digests) != job_key([A, PACK, CONFIG], digests)
    # The same inputs set out otherwise (the related letters in another order).
    assert job_key([A, B], digests, "b a") != job_key([A, B], digests, "a b")
    assert job_key([A, B], digests, "a b") == job_key([B, A], digests, "a b")


def test_every_identity_a_job_may_name_has_a_digest(gallery: Project) -> None:
    site = _site(gallery.root)
    digests = model_digests(site)
    named = {SITE, CONFIG, FRAME, PACK, A, B, ABOUT}
    assert site.intro is not None
    named.add(site.intro.identity)
    assert named <= set(digests)
    assert len(set(digests.values())) == len(digests)  # no two stand for the same thing
