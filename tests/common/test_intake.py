"""What the site takes in: only files and folders that are really in the project. A link
(to anywhere, or in a loop), a FIFO or a socket, wherever the site would take it in
(content, layouts, static files, the owner's files), is one located error: nothing from
outside is published, no build hangs, and nothing is read that a later change would not
be seen in."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from sincerely.common.errors import Diagnostics
from sincerely.common.intake import LINK, SPECIAL, entries_under, files_under, leftover

from ..conftest import MINIMAL_SCENARIO, Project, tree


def _outside_file(project: Project) -> Path:
    secret = project.root.parent / "secret.txt"
    secret.write_text("root:x:0:0:the secret\n", encoding="utf-8")
    return secret


def _outside_pack(project: Project) -> Path:
    pack = project.root.parent / "elsewhere"
    (pack / "letters").mkdir(parents=True, exist_ok=True)
    (pack / "_pack.yaml").write_text("title: Elsewhere\nsummary: From elsewhere.\n")
    (pack / "stolen.yaml").write_text(MINIMAL_SCENARIO, encoding="utf-8")
    return pack


def _link(target: Callable[[Project], Path]) -> Callable[[Project, Path], None]:
    def make(project: Project, path: Path) -> None:
        path.symlink_to(target(project), target_is_directory=target(project).is_dir())

    return make


def _loop(project: Project, path: Path) -> None:
    path.symlink_to(path.name)  # a link to itself: opening it never ends


def _fifo(project: Project, path: Path) -> None:
    os.mkfifo(path)


def _socket(project: Project, path: Path) -> None:
    # A socket's address holds at most 107 bytes: bound by its name from its own folder,
    # it fits however deep the temporary folder is (pytest-xdist's are deeper).
    with socket.socket(socket.AF_UNIX) as bound, contextlib.chdir(path.parent):
        bound.bind(path.name)


# Where a file is taken in, what is put there, and the message that must be given.
CASES = {
    "static-file-linked-outside": ("layouts/static/notes.txt", _link(_outside_file), LINK),
    "layout-linked-outside": ("layouts/page.html", _link(_outside_file), LINK),
    "pack-folder-linked-outside": ("content/elsewhere", _link(_outside_pack), LINK),
    "pack-folder-linked-inside": (
        "content/again",
        lambda p, path: path.symlink_to("letters"),
        LINK,
    ),
    "letter-linked-outside": ("content/letters/linked.yaml", _link(_outside_file), LINK),
    "letter-in-a-loop": ("content/letters/loop.yaml", _loop, LINK),
    "page-in-a-loop": ("content/loop.md", _loop, LINK),
    "letter-as-a-fifo": ("content/letters/waiting.yaml", _fifo, SPECIAL),
    "page-as-a-fifo": ("content/waiting.md", _fifo, SPECIAL),
    "pack-file-as-a-fifo": ("content/letters/_pack.yaml", _fifo, SPECIAL),
    "catalog-as-a-fifo": ("layouts/locale/fr.po", _fifo, SPECIAL),
    "letter-as-a-socket": ("content/letters/plug.yaml", _socket, SPECIAL),
    # The other files of content/ are published as they are: the same rule.
    "content-file-linked-outside": ("content/CNAME", _link(_outside_file), LINK),
    "nested-file-linked-outside": ("content/letters/img/x.png", _link(_outside_file), LINK),
    "file-in-a-folder-of-files-as-a-fifo": ("content/files/guide.pdf", _fifo, SPECIAL),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_site_takes_in_only_files_and_folders_that_are_in_the_project(
    scenario_project: Project, case: str
) -> None:
    where, make, message = CASES[case]
    path = scenario_project.root / where
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    make(scenario_project, path)
    for command in ("check", "build"):
        done = scenario_project.cli(command)  # the runner gives up after 120 s: no hang
        assert done.returncode == 1, (command, done.stdout, done.stderr)
        assert f"{where}: error: {message}" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert not scenario_project.site.exists()


def test_an_owners_file_that_is_a_link_is_refused_at_its_setting(
    scenario_project: Project,
) -> None:
    (scenario_project.root / "logo.svg").symlink_to(_outside_file(scenario_project))
    scenario_project.write("pyproject.toml", '[tool.sincerely]\nlogo = "logo.svg"\n')
    done = scenario_project.cli("build")
    assert done.returncode == 1
    assert f"pyproject.toml:2:1: error: 'logo': logo.svg {LINK}" in done.stderr, done.stderr


def test_a_static_file_linked_out_is_never_published(scenario_project: Project) -> None:
    assert scenario_project.cli("build").returncode == 0
    before = tree(scenario_project.site)
    static = scenario_project.root / "layouts/static"
    static.mkdir(parents=True)
    (static / "notes.txt").symlink_to(_outside_file(scenario_project))
    assert scenario_project.cli("build").returncode == 1
    assert tree(scenario_project.site) == before  # the last site, and no secret in it
    assert not any(b"the secret" in data for data in before.values())


@pytest.mark.parametrize("where", ["content/letters", "content/letters/drafts", "layouts"])
def test_a_folder_the_user_cannot_read_is_named_with_what_to_do(where: str) -> None:
    # Root reads every folder, so the check runs as nobody, in a user namespace of its
    # own, on a project in a folder everyone may enter.
    home = Path(tempfile.mkdtemp(prefix="sincerely-unreadable-"))
    try:
        home.chmod(0o755)
        project = Project(home / "project")
        project.add_scenario()
        (project.root / "layouts").mkdir()
        for folder in (home / "project", *(p for p in (home / "project").rglob("*") if p.is_dir())):
            folder.chmod(0o755)
        (project.root / where).mkdir(exist_ok=True)
        (project.root / where).chmod(0o000)
        done = subprocess.run(
            ["unshare", "--user", sys.executable, "-m", "sincerely", "check", str(project.root)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        for folder in home.rglob("*"):
            if folder.is_dir() and not folder.is_symlink():
                folder.chmod(0o755)
        shutil.rmtree(home)
    # A folder inside a pack is not published: what it holds is only warned of.
    kind = "warning" if where.endswith("drafts") else "error"
    assert done.returncode == (0 if kind == "warning" else 1), done.stdout + done.stderr
    assert f"{where}: {kind}: cannot be read (Permission denied): let your user read" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr


def test_a_walk_gives_each_regular_file_once_and_names_each_link(tmp_path: Path) -> None:
    (tmp_path / "pack" / "deeper").mkdir(parents=True)
    for name in ("pack/a.yaml", "pack/deeper/b.yaml", "c.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "pack" / "linked.yaml").symlink_to(tmp_path / "c.md")
    walked, listed = Diagnostics(), Diagnostics()

    entries = entries_under(tmp_path, walked)
    files = files_under(tmp_path, listed)

    assert sorted(e.path for e in entries) == [str(p) for p in files]
    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        "c.md", "pack/a.yaml", "pack/deeper/b.yaml"
    ]  # fmt: skip
    assert [d.format(tmp_path) for d in walked.items] == [
        f"pack/linked.yaml: error: {LINK}"
    ] == [d.format(tmp_path) for d in listed.items]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "left_over"),
    [
        (".DS_Store", True),
        (".#notes.md", True),  # an editor's lock
        ("notes.md~", True),
        ("#notes.md#", True),  # an autosave
        (".notes.md.swp", True),
        ("notes.tmp", True),
        ("CNAME", False),
        ("brochure.pdf", False),
        ("#", False),
        ("_pack.yaml", False),  # kept aside by the loader's own rule, not an editor's
    ],
)
def test_hidden_files_and_editors_leftovers_are_known_by_their_names(
    name: str, left_over: bool
) -> None:
    assert leftover(name) is left_over
