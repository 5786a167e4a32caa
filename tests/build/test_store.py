"""A build after a change brings over what the change left alone, and its site is, byte
for byte, the one a clean build makes: every kind of change, one case each.

Each case starts from a built copy of this repository's gallery (three packs, one of
them in French and translating four English letters, Markdown pages, an intro), makes
one change as an author, a translator or an owner would, builds again, and compares
the output with a clean build of the same project into another folder.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sincerely.build import folders
from sincerely.build.builders import run

from ..conftest import REPO, Project, tree
from ..helpers.related import PAGE, give_x_the_tag, related_titles, write_window_gallery

LETTER = "content/after-rejection/close-second.yaml"
FRENCH = "content/apres-un-refus/deuxieme-choix.yaml"


def _edit(project: Project, relative: str, old: str, new: str) -> None:
    path = project.root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _retitle(project: Project, relative: str, title: str) -> None:
    path = project.root / relative
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1), "utf-8")


def _move(project: Project, old: str, new: str) -> None:
    (project.root / old).rename(project.root / new)


def _delete(project: Project, relative: str) -> None:
    path = project.root / relative
    shutil.rmtree(path) if path.is_dir() else path.unlink()


def _copy(project: Project, old: str, new: str) -> None:
    source, target = project.root / old, project.root / new
    shutil.copytree(source, target) if source.is_dir() else shutil.copyfile(source, target)


def _theme_file(project: Project, name: str, change: Callable[[str], str]) -> None:
    project.write(f"layouts/{name}", change((REPO / "layouts" / name).read_text("utf-8")))


# Each change, and whether the build after it should bring anything over: a change to
# the settings, the theme or the owner's own files remakes everything.
CHANGES: dict[str, tuple[Callable[[Project], None], bool]] = {
    "a letter's paragraph": (lambda p: _edit(p, LETTER, "close", "near"), True),
    "a letter's title": (lambda p: _retitle(p, LETTER, "Runner-up, gracefully"), True),
    "a letter's tags": (
        lambda p: _edit(p, LETTER, "[final-round,", "[brand-new, final-round,"),
        True,
    ),
    "a letter's order in its pack": (lambda p: _edit(p, LETTER, "order: 30", "order: -5"), True),
    "a translation's title": (lambda p: _retitle(p, FRENCH, "Presque choisi"), True),
    "a translation unlinked": (
        lambda p: _edit(p, FRENCH, "translation_of: after-rejection/close-second\n", ""),
        True,
    ),
    "a letter added": (lambda p: _copy(p, LETTER, "content/after-rejection/runner-up.yaml"), True),
    "a letter renamed": (
        lambda p: _move(
            p, "content/after-rejection/committee.yaml", "content/after-rejection/panel.yaml"
        ),
        True,
    ),
    "a letter deleted": (lambda p: _delete(p, "content/keeping-in-touch/role-reopens.yaml"), True),
    "a letter moved to another pack": (
        lambda p: _move(
            p,
            "content/keeping-in-touch/role-reopens.yaml",
            "content/after-rejection/role-reopens.yaml",
        ),
        True,
    ),
    "a pack's title": (lambda p: _retitle(p, "content/keeping-in-touch/_pack.yaml", "Later"), True),
    "a pack added": (lambda p: _copy(p, "content/keeping-in-touch", "content/staying-close"), True),
    "a pack renamed": (lambda p: _move(p, "content/keeping-in-touch", "content/later-on"), True),
    "a pack deleted": (lambda p: _delete(p, "content/keeping-in-touch"), True),
    "a page's text": (lambda p: _edit(p, "content/faq.md", "the", "THE"), True),
    "a page's title": (lambda p: _retitle(p, "content/faq.md", "Questions"), True),
    "a page added": (lambda p: _copy(p, "content/faq.md", "content/more-questions.md"), True),
    "a page deleted": (lambda p: _delete(p, "content/before-you-send.md"), True),
    "the intro": (lambda p: _edit(p, "content/index.md", "the", "THE"), True),
    "the intro deleted": (lambda p: _delete(p, "content/index.md"), True),
    "the settings": (
        lambda p: _edit(
            p, "pyproject.toml", 'title = "After the rejection"', 'title = "Afterwards"'
        ),
        False,
    ),
    "a layout": (
        lambda p: _theme_file(p, "_macros.html", lambda t: t.replace("<p>", '<p class="x">', 1)),
        False,
    ),
    "the theme's stylesheet": (
        lambda p: _theme_file(p, "static/site.css", lambda t: t + "\n.x { color: red; }\n"),
        False,
    ),
    "the owner's own stylesheet": (
        lambda p: p.write("assets/own.css", ".letter { margin: 0; }\n"),
        False,
    ),
    "a translation of the theme's words": (
        lambda p: p.write(
            "layouts/locale/fr.po",
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            'msgid "Search"\nmsgstr "Chercher"\n',
        ),
        False,
    ),
}
# Changes to the output itself, which the next build must undo.
CHANGES_TO_THE_OUTPUT: dict[str, Callable[[Project], None]] = {
    "an output deleted by hand": lambda p: _delete(p, "site/after-rejection/close-second.html"),
    "an output changed by hand": lambda p: p.write(
        "site/after-rejection/internship-template.txt", "not the letter"
    ),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's gallery (with a stylesheet of the owner's own), built once;
    each case works on a copy of it."""
    root = tmp_path_factory.mktemp("gallery") / "project"
    root.mkdir()
    shutil.copytree(REPO / "content", root / "content")
    settings = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    # An owner's stylesheet of their own, as [tool.sincerely] extra_css names it.
    settings = settings.replace(
        "[tool.sincerely]\n", '[tool.sincerely]\nextra_css = ["assets/own.css"]\n'
    )
    (root / "pyproject.toml").write_text(settings, encoding="utf-8")
    (root / "assets").mkdir()
    (root / "assets/own.css").write_text(".letter { margin: 1em; }\n", encoding="utf-8")
    run(root)
    return root


def _copy_of(built: Path, tmp_path: Path) -> Project:
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)  # mtimes kept: the record stays valid
    return Project(root)


def _is_clean_build(project: Project, clean: Path) -> dict[str, bytes]:
    run(project.root, clean, fresh=True)
    after, expected = tree(project.site), tree(clean)
    assert sorted(after) == sorted(expected)
    assert [path for path in expected if after[path] != expected[path]] == []
    return after


@pytest.mark.parametrize("change", CHANGES)
def test_a_build_after_a_change_is_a_clean_build_byte_for_byte(
    built: Path, tmp_path: Path, change: str
) -> None:
    project = _copy_of(built, tmp_path)
    before = tree(project.site)
    make_change, brings_over = CHANGES[change]
    make_change(project)

    again = run(project.root)

    assert not again.unchanged
    assert (again.reused > 0) == brings_over
    assert _is_clean_build(project, tmp_path / "clean") != before  # the change shows


@pytest.mark.parametrize("change", CHANGES_TO_THE_OUTPUT)
def test_a_build_after_the_output_was_changed_by_hand_restores_it(
    built: Path, tmp_path: Path, change: str
) -> None:
    project = _copy_of(built, tmp_path)
    before = tree(project.site)
    CHANGES_TO_THE_OUTPUT[change](project)

    again = run(project.root)

    assert again.reused > 0
    assert _is_clean_build(project, tmp_path / "clean") == before


def test_an_edit_remakes_its_letter_and_what_shows_it_and_brings_over_the_rest(
    built: Path, tmp_path: Path
) -> None:
    project = _copy_of(built, tmp_path)
    before = {path: (project.site / path).stat().st_ino for path in tree(project.site)}
    _edit(project, LETTER, "close", "near")

    run(project.root)

    def brought_over(path: str) -> bool:  # the very file of the last build, linked
        return (project.site / path).stat().st_ino == before[path]

    assert not brought_over("after-rejection/close-second.html")
    assert not brought_over("after-rejection/close-second-template.docx")
    assert not brought_over("index.html")  # its card shows the letter
    assert not brought_over("after-rejection/after-rejection-letters.zip")
    assert brought_over("keeping-in-touch/after-feedback.html")
    assert brought_over("keeping-in-touch/keeping-in-touch-letters.zip")
    assert brought_over("faq.html")
    page = (project.site / "after-rejection/close-second.html").read_text("utf-8")
    assert "near" in page


def test_related_letters_that_change_order_but_not_members_are_remade(
    tmp_path: Path,
) -> None:
    project = Project(tmp_path / "project")
    write_window_gallery(project.root)
    run(project.root)
    before = related_titles((project.site / PAGE).read_text(encoding="utf-8"))
    assert before == ["j", "a", "b"]
    give_x_the_tag(project.root)
    run(project.root)
    after = related_titles((project.site / PAGE).read_text(encoding="utf-8"))
    assert after == ["a", "b", "j"]  # the same letters, in the order a fresh build has
    _is_clean_build(project, tmp_path / "clean")


def _settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust a folder's stamp however recent (a real build trusts only one two seconds
    old, which a test would have to wait for)."""
    monkeypatch.setattr(folders, "SETTLING_NS", 0)


def _inode(path: Path) -> int:
    return path.stat().st_ino


def test_an_edit_moves_the_untouched_folders_over_whole(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _settled_at_once(monkeypatch)
    project = _copy_of(built, tmp_path)
    run(project.root, fresh=True)  # the copy's folders are new: stamped by this build
    site = project.site
    untouched = {f: _inode(site / f) for f in ("static", "static/stemmers", "schema")}
    edited = _inode(site / "after-rejection")

    _edit(project, LETTER, "close", "near")
    again = run(project.root)

    # The same folders, moved (not a file of them written or linked); the edited one new.
    assert {f: _inode(site / f) for f in untouched} == untouched
    assert _inode(site / "after-rejection") != edited
    assert again.reused > 0
    _is_clean_build(project, tmp_path / "clean")


@pytest.mark.parametrize(
    "change",
    ["a file added", "a file removed", "a file replaced", "a folder added inside"],
)
def test_an_untouched_folder_changed_by_hand_is_not_moved_over(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    _settled_at_once(monkeypatch)
    project = _copy_of(built, tmp_path)
    run(project.root, fresh=True)
    folder = project.site / "static"  # moved over whole, were it not for the change
    page = folder / "site.css"
    if change == "a file added":
        (folder / "notes.html").write_text("mine")
    elif change == "a file removed":
        page.unlink()
    elif change == "a file replaced":  # as an editor saves: a new file, renamed over
        (folder / "new.tmp").write_text("not the letter")
        (folder / "new.tmp").replace(page)
    else:
        (folder / "drafts").mkdir()
        (folder / "drafts" / "x.html").write_text("mine")

    _edit(project, LETTER, "close", "near")
    run(project.root)

    _is_clean_build(project, tmp_path / "clean")
