"""`sincerely upgrade` and `sincerely theme diff`, run as an owner runs them: what init
wrote is made again and shown as a diff, and written only when asked; a copied layout
is compared with the theme's."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from sincerely import __version__
from sincerely.cli.pinning import Pin
from sincerely.cli.upgrade import repinned

from ..conftest import Project, tree

WHEEL = f"vendor/sincerely-{__version__}-py3-none-any.whl"


@pytest.fixture
def gallery(project: Project) -> Project:
    """A gallery as an earlier sincerely left it: an older workflow, an older schema, a
    pin of another sincerely (and its wheel), and a line of the owner's own."""
    assert project.cli("init").returncode == 0
    check = project.root / ".github/workflows/check.yml"
    check.write_text(check.read_text().replace("checkout@v5", "checkout@v4"))
    (project.root / "schema/scenario.json").write_text("{}\n")
    requirements = project.root / "requirements.txt"
    requirements.write_text(
        requirements.read_text().replace(f"./{WHEEL}", "./vendor/sincerely-0.2.0-py3-none-any.whl")
        + "mkdocs-material==9.5.0\n"
    )
    (project.root / WHEEL).rename(project.root / "vendor/sincerely-0.2.0-py3-none-any.whl")
    return project


def test_upgrade_shows_each_change_as_a_diff_and_writes_nothing(gallery: Project) -> None:
    before = tree(gallery.root)
    done = gallery.cli("upgrade")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert (
        "--- a/.github/workflows/check.yml\n+++ b/.github/workflows/check.yml\n" in out
        and "\n-      - uses: actions/checkout@v4\n+      - uses: actions/checkout@v5\n" in out
    )
    assert "--- a/schema/scenario.json\n+++ b/schema/scenario.json\n" in out
    assert "\n-./vendor/sincerely-0.2.0-py3-none-any.whl\n+./" + WHEEL + "\n" in out
    assert "pages.yml" not in out  # unchanged files are not shown
    assert f"{WHEEL}: this sincerely, for CI to install" in out
    assert "nothing written; 'sincerely upgrade --write' writes 4 files" in out
    assert "vendor/sincerely-0.2.0-py3-none-any.whl is no longer pinned: delete it" in out
    assert tree(gallery.root) == before


def test_upgrade_write_makes_what_init_makes_and_keeps_the_owners_lines(
    gallery: Project, tmp_path_factory: pytest.TempPathFactory
) -> None:
    done = gallery.cli("upgrade", "--write")
    assert done.returncode == 0, done.stderr
    assert "wrote .github/workflows/check.yml" in done.stdout
    fresh = Project(tmp_path_factory.mktemp("fresh"))
    assert fresh.cli("init").returncode == 0
    for name in (".github/workflows/check.yml", "schema/scenario.json", WHEEL):
        assert (gallery.root / name).read_bytes() == (fresh.root / name).read_bytes(), name
    requirements = (gallery.root / "requirements.txt").read_text()
    assert requirements == (fresh.root / "requirements.txt").read_text() + (
        "mkdocs-material==9.5.0\n"
    )
    # The old wheel is the owner's to delete; the gallery builds with the new pin.
    assert (gallery.root / "vendor/sincerely-0.2.0-py3-none-any.whl").is_file()
    again = gallery.cli("upgrade")
    assert again.stdout.startswith("up to date: the workflows, the schema and the pin")
    assert gallery.cli("check", "-W").returncode == 0


def test_an_owners_edit_to_a_workflow_is_shown_before_it_would_go(project: Project) -> None:
    assert project.cli("init").returncode == 0
    pages = project.root / ".github/workflows/pages.yml"
    own = pages.read_text().replace(
        "      - uses: actions/upload-pages-artifact@v4\n",
        "      - run: cp CNAME site/\n      - uses: actions/upload-pages-artifact@v4\n",
    )
    pages.write_text(own)
    done = project.cli("upgrade")
    assert "\n-      - run: cp CNAME site/\n" in done.stdout
    assert pages.read_text() == own


def _in_a_terminal(project: Project, answers: str) -> str:
    """Run upgrade with a terminal for its input, as an owner at a prompt would."""
    leader, follower = pty.openpty()
    try:
        os.write(leader, answers.encode())
        done = subprocess.run(
            [sys.executable, "-m", "sincerely", "upgrade"],
            check=False,
            cwd=project.root,
            stdin=follower,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_in_a_terminal_upgrade_asks_for_each_file(gallery: Project) -> None:
    # Yes to the first change (check.yml), no to every other.
    out = _in_a_terminal(gallery, "y\nn\nn\nn\n")
    assert "write .github/workflows/check.yml? [y/N]" in out
    assert "wrote .github/workflows/check.yml" in out
    assert "checkout@v5" in (gallery.root / ".github/workflows/check.yml").read_text()
    assert (gallery.root / "schema/scenario.json").read_text() == "{}\n"
    assert not (gallery.root / WHEEL).exists()


def test_a_requirements_file_without_inits_comment_has_its_pin_replaced() -> None:
    pin = Pin(line="sincerely==0.4.0", about="a release")
    assert repinned("flask\nsincerely @ git+https://x/y@abc\n", pin) == (
        "flask\nsincerely==0.4.0\n"
    )
    assert repinned("flask", pin) == "flask\nsincerely==0.4.0\n"
    assert repinned(None, pin).endswith(
        "It is a release.\n# To move to another sincerely, "
        'see the README\'s "Publish".\nsincerely==0.4.0\n'
    )


def test_upgrade_outside_a_gallery_says_how_to_start_one(project: Project) -> None:
    done = project.cli("upgrade")
    assert done.returncode == 1
    assert "sincerely init" in done.stderr


# ---- theme diff ----


def test_theme_diff_shows_how_a_copy_differs_from_the_theme(project: Project) -> None:
    assert project.cli("init").returncode == 0
    assert project.cli("theme", "copy", "base.html", "page.html").returncode == 0
    base = project.root / "layouts/base.html"
    base.write_text(base.read_text().replace('<main id="main">', '<main id="main" class="ours">'))
    done = project.cli("theme", "diff", "base.html")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("--- layouts/base.html\n+++ theme/base.html\n@@ ")
    assert '\n-<main id="main" class="ours">\n+<main id="main">\n' in done.stdout
    # Without a name, every copy; a copy like the theme's is said to be.
    every = project.cli("theme", "diff")
    assert "--- layouts/base.html" in every.stdout
    assert "layouts/page.html is the same as the theme's: delete it" in every.stdout


def test_theme_diff_leaves_a_layer_that_extends_the_theme_alone(project: Project) -> None:
    # The theming guide's second way: a file that fills blocks of the theme's is not a
    # copy; a diff of it against the whole theme file would be all '+' lines.
    assert project.cli("init").returncode == 0
    project.write(
        "layouts/base.html",
        '{% extends "theme/base.html" %}\n{% block footer %}<p>Ours</p>{{ super() }}'
        "{% endblock %}\n",
    )
    done = project.cli("theme", "diff")
    assert done.returncode == 0, done.stderr
    assert "+++" not in done.stdout
    assert "layouts/base.html extends the theme's and fills only its blocks" in done.stderr + (
        done.stdout
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("basee.html", "the theme has no file 'basee.html' (did you mean 'base.html'?)"),
        (
            "404.html",
            "you have no layouts/404.html: the theme's own is used as it is; "
            "'sincerely theme copy 404.html' makes a copy of yours to change",
        ),
    ],
)
def test_theme_diff_says_what_is_wrong_with_a_name(
    project: Project, name: str, message: str
) -> None:
    assert project.cli("init").returncode == 0
    done = project.cli("theme", "diff", name)
    assert done.returncode == 1
    assert f"layouts: error: {message}" in done.stderr


def test_theme_diff_without_copies_says_there_is_nothing_to_compare(project: Project) -> None:
    assert project.cli("init").returncode == 0
    done = project.cli("theme", "diff")
    assert (
        done.stdout == "you have no copies of the theme's files in layouts/: nothing to compare\n"
    )
