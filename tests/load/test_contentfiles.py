"""Reading one content file: a page's front matter and body, a scenario kept by its bytes
so that an unchanged file is not parsed again, and every problem located in the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sincerely.common import intake
from sincerely.common.errors import Diagnostics
from sincerely.load.contentfiles import load_page, load_scenario
from sincerely.load.loaded import LoadCache
from sincerely.model.config import Config, load_config
from sincerely.model.site import Page

from ..conftest import MINIMAL_SCENARIO, Project


def _config(project: Project) -> Config:
    return load_config(project.root)


def _page(project: Project, text: str) -> tuple[Page | None, list[str]]:
    path = project.write("content/about.md", text)
    out = Diagnostics()
    page = load_page(path, _config(project), out)
    return page, [d.format(project.root) for d in out.items]


def _entry(path: Path) -> os.DirEntry[str]:
    return next(e for e in os.scandir(path.parent) if e.name == path.name)


def test_a_page_is_its_front_matter_and_its_markdown(project: Project) -> None:
    page, said = _page(project, "---\ntitle: About us\norder: 2\n---\nWho *we* are.\n")
    assert said == [] and page is not None
    assert (page.title, page.order, page.slug, page.body) == (
        "About us", 2, "about", "Who *we* are.\n",
    )  # fmt: skip
    assert str(page.source_path) == "content/about.md"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Just text.\n", "content/about.md:1:1: error: a page starts with front matter"),
        ("---\n---\nText.\n", "content/about.md:1:1: error: front matter is empty; add 'title: …'"),
        (
            "---\ntitel: About\n---\n",
            "content/about.md:2:1: error: unknown key 'titel' (did you mean 'title'?)",
        ),
    ],
)
def test_a_page_without_its_front_matter_is_refused_at_its_line(
    project: Project, text: str, said: str
) -> None:
    page, problems = _page(project, text)
    assert page is None
    assert problems[0].startswith(said)


def test_a_todo_in_a_pages_text_is_a_warning_at_its_line(project: Project) -> None:
    page, said = _page(project, "---\ntitle: About\n---\nFirst.\n\nThen TODO write more.\n")
    assert page is not None
    assert said == [
        "content/about.md:6:6: warning: TODO left in the text; replace it with the words it "
        "stands for"
    ]


def test_an_unchanged_scenario_is_not_parsed_again(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project.add_scenario()
    config, cache = _config(project), LoadCache()
    monkeypatch.setattr(intake, "SETTLING_NS", 0)  # a stamp is trusted at once
    first = load_scenario(_entry(path), "letters", config, Diagnostics(), cache)
    assert first is not None and first.title == "Close second"
    again = load_scenario(_entry(path), "letters", config, Diagnostics(), cache)
    assert again is first  # the same object: what was made from it stands
    os.utime(path)  # a new time, the same bytes: read, but not parsed
    assert load_scenario(_entry(path), "letters", config, Diagnostics(), cache) is first
    path.write_text(MINIMAL_SCENARIO.replace("Close second", "Runner-up"), encoding="utf-8")
    changed = load_scenario(_entry(path), "letters", config, Diagnostics(), cache)
    assert changed is not None and changed.title == "Runner-up"


def test_a_broken_scenario_gives_its_problems_each_time_it_is_loaded(project: Project) -> None:
    path = project.add_scenario(text=MINIMAL_SCENARIO.replace("channel: email", "channel: fax"))
    config, cache = _config(project), LoadCache()
    for _ in range(2):  # the second time, from the cache
        out = Diagnostics()
        assert load_scenario(_entry(path), "letters", config, out, cache) is None
        assert [d.format(project.root) for d in out.items] == [
            "content/letters/close-second.yaml:5:10: error: 'channel' must be one of email, "
            "letter, note, message (got 'fax')"
        ]


def test_a_scenario_is_judged_in_its_packs_language(project: Project) -> None:
    path = project.add_scenario(
        text=MINIMAL_SCENARIO.replace("Thank you for letting me know.", "Thank you, organization.")
    )
    project.write("pyproject.toml", '[tool.sincerely]\nlanguage = "en-GB"\n')
    config, cache = _config(project), LoadCache()
    british = Diagnostics()
    load_scenario(_entry(path), "letters", config, british, cache, language="en-GB")
    assert [d.message for d in british.items if "organization" in d.message]
    american = Diagnostics()
    load_scenario(_entry(path), "letters", config, american, cache, language="en-US")
    assert american.items == ()  # loaded again for the other language, not from the cache
