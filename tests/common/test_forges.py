"""Edit and view links on each forge, and for a gallery in a sub-folder of its repository."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from sincerely.common.forges import Repository, edit_uri_problem

from ..conftest import Project

FILE = PurePosixPath("content/letters/close-second.yaml")

# repo_url, then the file's edit and view addresses on that forge's own pages.
FORGES = [
    (
        "https://github.com/ana/letters",
        "https://github.com/ana/letters/edit/main/content/letters/close-second.yaml",
        "https://github.com/ana/letters/blob/main/content/letters/close-second.yaml",
    ),
    (
        "https://gitlab.com/ana/letters",
        "https://gitlab.com/ana/letters/-/edit/main/content/letters/close-second.yaml",
        "https://gitlab.com/ana/letters/-/blob/main/content/letters/close-second.yaml",
    ),
    (
        "https://gitlab.example.org/team/letters",  # a self-hosted GitLab, by its name
        "https://gitlab.example.org/team/letters/-/edit/main/content/letters/close-second.yaml",
        "https://gitlab.example.org/team/letters/-/blob/main/content/letters/close-second.yaml",
    ),
    (
        "https://codeberg.org/ana/letters",  # Forgejo
        "https://codeberg.org/ana/letters/_edit/main/content/letters/close-second.yaml",
        "https://codeberg.org/ana/letters/src/branch/main/content/letters/close-second.yaml",
    ),
    (
        "https://gitea.com/ana/letters",
        "https://gitea.com/ana/letters/_edit/main/content/letters/close-second.yaml",
        "https://gitea.com/ana/letters/src/branch/main/content/letters/close-second.yaml",
    ),
    (
        "https://bitbucket.org/ana/letters",
        "https://bitbucket.org/ana/letters/src/main/content/letters/close-second.yaml?mode=edit",
        "https://bitbucket.org/ana/letters/src/main/content/letters/close-second.yaml",
    ),
]


@pytest.mark.parametrize(("repo_url", "edit", "view"), FORGES, ids=lambda v: v.split("/")[2])
def test_each_forge_gets_its_own_addresses(repo_url: str, edit: str, view: str) -> None:
    repository = Repository(repo_url, "main")
    assert repository.edit_url(FILE) == edit
    assert repository.view_url(FILE) == view


def test_an_unknown_host_gets_no_guessed_link() -> None:
    repository = Repository("https://git.example.org/ana/letters", "main")
    assert repository.edit_url(FILE) == ""
    assert repository.view_url(FILE) == ""


@pytest.mark.parametrize(
    ("edit_uri", "expected"),
    [
        ("-/edit/{branch}/{path}", "https://git.example.org/ana/letters/-/edit/trunk/"),
        ("{repo}/_edit/{branch}/{path}", "https://git.example.org/ana/letters/_edit/trunk/"),
        ("https://edit.example.org/{path}", "https://edit.example.org/"),
    ],
)
def test_edit_uri_sets_the_pattern(edit_uri: str, expected: str) -> None:
    repository = Repository("https://git.example.org/ana/letters", "trunk", "", edit_uri)
    assert repository.edit_url(FILE) == expected + FILE.as_posix()


def test_a_gallery_in_a_sub_folder_and_odd_names_are_quoted() -> None:
    repository = Repository("https://github.com/ana/site", "release/2026", "docs/letters/")
    assert repository.edit_url(PurePosixPath("content/a b/c.yaml")) == (
        "https://github.com/ana/site/edit/release/2026/docs/letters/content/a%20b/c.yaml"
    )


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("{repo}/edit/{branch}/{file}", "'{file}' is not a placeholder it can use"),
        ("{repo}/edit/{branch}/", "it has no {path}"),
        ("-/edit/main/{path}", ""),
    ],
)
def test_an_edit_uri_is_checked(pattern: str, problem: str) -> None:
    assert edit_uri_problem(pattern).startswith(problem)


def test_the_letter_page_links_to_its_file_on_gitlab_in_a_sub_folder(project: Project) -> None:
    project.write(
        "pyproject.toml",
        '[tool.sincerely]\nrepo_url = "https://gitlab.com/ana/site/"\ncontent_path = "letters"\n',
    )
    project.add_scenario()
    project.build()
    html = (project.site / "letters/close-second.html").read_text(encoding="utf-8")
    path = "letters/content/letters/close-second.yaml"
    assert f'<a href="https://gitlab.com/ana/site/-/edit/main/{path}">Suggest an edit</a>' in html
    assert f'<a href="https://gitlab.com/ana/site/-/blob/main/{path}">See it on GitLab</a>' in html


def test_a_wrong_edit_uri_is_a_located_error(project: Project) -> None:
    project.write(
        "pyproject.toml",
        '[tool.sincerely]\nrepo_url = "https://git.example.org/a/b"\n'
        'edit_uri = "{repo}/edit/{file}"\n',
    )
    project.add_scenario()
    done = project.cli("check")
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        "pyproject.toml:3:1: error: 'edit_uri': '{file}' is not a placeholder it can use; it "
        "must be a pattern with {path} (the file's path in the repository) and, if it needs "
        "them, {branch} and {repo}, like '{repo}/-/edit/{branch}/{path}'; it may be absolute "
        "or relative to repo_url"
    )
