"""Building again and again in one process, as serve does: after an edit, every page
shows the project as it now is, whatever the theme shows of each letter."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sincerely.common import intake
from sincerely.serve.rebuild import IncrementalBuilder, stamps_under

from ..conftest import MINIMAL_SCENARIO, REPO, Project
from ..helpers.related import PAGE, give_x_the_tag, related_titles, write_window_gallery

CARD_WITH_SITUATION = (
    (REPO / "layouts/_macros.html")
    .read_text(encoding="utf-8")
    .replace(
        "  <p>{{ scenario.summary }}</p>\n",
        '  <p>{{ scenario.summary }}</p>\n  <div class="why">{{ scenario.situation }}</div>\n',
    )
)


def test_a_theme_whose_cards_show_another_field_stays_current(scenario_project: Project) -> None:
    assert CARD_WITH_SITUATION.count('class="why"') == 1
    scenario_project.write("layouts/_macros.html", CARD_WITH_SITUATION)
    builder = IncrementalBuilder(scenario_project.root)
    first = builder.build()
    assert "You were a finalist" in first.files["letters/index.html"].decode()
    path = scenario_project.root / "content/letters/close-second.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("You were a finalist", "You came so close"), encoding="utf-8")
    second = builder.build()
    pack = second.files["letters/index.html"].decode()
    assert "You came so close" in pack and "You were a finalist" not in pack
    assert "letters/index.html" in second.changed


def test_a_new_page_or_pack_shows_in_every_letters_navigation(scenario_project: Project) -> None:
    builder = IncrementalBuilder(scenario_project.root)
    builder.build()
    letter = "letters/close-second.html"
    assert "Questions people ask" not in builder.file(letter).decode()
    scenario_project.write("content/faq.md", "---\ntitle: Questions people ask\n---\nAsk.\n")
    scenario_project.write("content/later/_pack.yaml", "title: Later letters\nsummary: Later.\n")
    changed = builder.build().changed
    assert letter in changed
    assert "Questions people ask" in builder.file(letter).decode()
    assert "Later letters" in builder.file(letter).decode()


def test_related_letters_that_change_order_but_not_members_are_shown_anew(
    tmp_path: Path,
) -> None:
    write_window_gallery(tmp_path)
    builder = IncrementalBuilder(tmp_path)
    builder.build()
    assert related_titles(builder.file(PAGE).decode()) == ["j", "a", "b"]
    give_x_the_tag(tmp_path)
    again = builder.build()
    assert related_titles(builder.file(PAGE).decode()) == ["a", "b", "j"]
    assert PAGE in again.changed
    assert again.files == IncrementalBuilder(tmp_path).build().files  # a fresh build's


def test_an_edit_that_keeps_size_and_modification_time_is_served(
    scenario_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intake, "SETTLING_NS", 0)  # as if every file were long written
    builder = IncrementalBuilder(scenario_project.root)
    builder.build()
    letter = scenario_project.root / "content/letters/close-second.yaml"
    info = letter.stat()
    letter.write_text(letter.read_text().replace("Close second", "Close SECOND"))
    os.utime(letter, ns=(info.st_atime_ns, info.st_mtime_ns))
    builder.build()
    assert "Close SECOND" in builder.file("letters/close-second.html").decode()


def test_the_pages_the_browsers_show_are_made_and_handed_over_first(
    scenario_project: Project,
) -> None:
    builder = IncrementalBuilder(scenario_project.root)
    builder.build()
    path = scenario_project.root / "content/letters/close-second.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Close second", "title: Runner-up"),
        encoding="utf-8",
    )
    handed: list[dict[str, bytes]] = []

    done = builder.build(
        first={"letters/close-second.html"}, early=lambda changed, _: handed.append(changed)
    )

    # The page shown came first, changed (with its job's other files: its downloads),
    # before the home page, which shows the title too; the whole rebuild has both.
    assert len(handed) == 1
    assert "letters/close-second.html" in handed[0] and "index.html" not in handed[0]
    assert b"Runner-up" in handed[0]["letters/close-second.html"]
    assert {"letters/close-second.html", "index.html"} <= set(done.changed)
    assert b"Runner-up" in done.files["index.html"]


def test_a_page_shown_that_did_not_change_is_not_handed_over(scenario_project: Project) -> None:
    builder = IncrementalBuilder(scenario_project.root)
    builder.build()
    handed: list[tuple[dict[str, bytes], tuple[str, ...]]] = []
    builder.build(first={"letters/close-second.html"}, early=lambda *h: handed.append(h))
    assert handed == [({}, ())]


def test_a_deleted_letters_files_go_with_the_pages_handed_over_first(
    scenario_project: Project,
) -> None:
    # The index reloaded early no longer links to the letter: its page must be gone by
    # then, not only when the listing pages and the index are made.
    extra = scenario_project.add_scenario(
        "extra", MINIMAL_SCENARIO.replace("Close second", "Extra")
    )
    builder = IncrementalBuilder(scenario_project.root)
    builder.build()
    extra.unlink()
    handed: list[tuple[dict[str, bytes], tuple[str, ...]]] = []

    done = builder.build(first={"letters/index.html"}, early=lambda *h: handed.append(h))

    [(changed, removed)] = handed
    assert b"Extra" not in changed["letters/index.html"]
    assert "letters/extra.html" in removed
    assert set(removed) == set(done.removed)


def test_a_file_of_content_and_a_link_to_it_are_served_as_they_change(
    scenario_project: Project,
) -> None:
    scenario_project.write(
        "content/about.md", "---\ntitle: About\n---\nSee [the guide](guide.pdf).\n"
    )
    builder = IncrementalBuilder(scenario_project.root)
    first = builder.build()
    assert [d.location.line for d in first.result.warnings] == [4]  # the link, to nothing yet
    scenario_project.write("content/guide.pdf", b"%PDF-1.4 one")
    second = builder.build()
    assert second.result.warnings == () and builder.file("guide.pdf") == b"%PDF-1.4 one"
    assert second.changed == ("guide.pdf",)  # no page shows it: none is made again
    scenario_project.write("content/guide.pdf", b"%PDF-1.4 two")
    assert builder.build().changed == ("guide.pdf",)
    assert builder.file("guide.pdf") == b"%PDF-1.4 two"
    (scenario_project.root / "content/guide.pdf").unlink()
    third = builder.build()
    assert third.removed == ("guide.pdf",) and len(third.result.warnings) == 1


def test_a_page_whose_context_a_hook_changes_is_made_again_with_what_it_read(
    scenario_project: Project,
) -> None:
    # The hook reads what no layout does (a value of [tool.sincerely.extra]): what it
    # reads is not noted as a layout's reads are, so no page is taken from the memo.
    settings = '[tool.sincerely]\nhooks = ["hooks.py"]\n[tool.sincerely.extra]\nmood = "{}"\n'
    scenario_project.write("pyproject.toml", settings.format("calm"))
    scenario_project.write(
        "hooks.py",
        "def on_page_context(context, page):\n"
        "    return {**context, 'title': f\"{context['title']}, {context['extra']['mood']}\"}\n",
    )
    # A letter's layout of the owner's, which reads nothing of the model itself.
    scenario_project.write("layouts/scenario.html", "<title>{{ title }}</title>\n")
    builder = IncrementalBuilder(scenario_project.root)
    page = "letters/close-second.html"
    assert builder.build().files[page] == b"<title>Close second, calm</title>\n"
    scenario_project.write("pyproject.toml", settings.format("glad"))
    assert builder.build().files[page] == b"<title>Close second, glad</title>\n"


def test_what_serve_watch_names_is_stamped_file_by_file(tmp_path: Path) -> None:
    folder, single = tmp_path / "data", tmp_path / "one.txt"
    (folder / "deep").mkdir(parents=True)
    (folder / "deep/a.txt").write_text("a")
    single.write_text("1")
    before = stamps_under([folder, single])
    assert stamps_under([folder, single]) == before
    (folder / "deep/b.txt").write_text("b")
    added = stamps_under([folder, single])
    assert added != before
    single.write_text("22")
    assert stamps_under([folder, single]) != added
    single.unlink()
    assert "one.txt" not in stamps_under([folder, single])
