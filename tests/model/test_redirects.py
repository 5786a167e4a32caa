"""Redirects in the settings: each mistake said at its entry's line, with how to fix it;
each target found by its file or its path."""

from __future__ import annotations

from pathlib import Path

import pytest

from sincerely.common.errors import BuildError, Location
from sincerely.model.config import load_config
from sincerely.model.redirects import file_of, old_path_problem
from sincerely.model.tomlnodes import entry_location

from ..conftest import Project

SETTINGS = '[tool.sincerely]\ntitle = "Letters"\n\n[tool.sincerely.redirects]\n'


def said(project: Project, entries: str, *, build: bool = False) -> list[str]:
    project.write("pyproject.toml", SETTINGS + entries)
    try:
        project.build() if build else load_config(project.root)
    except BuildError as exc:
        return [d.format(project.root) for d in exc.diagnostics]
    return []


def test_what_an_entry_alone_can_be_told_is_said_at_its_line(scenario_project: Project) -> None:
    entries = (
        '"old/letter" = "letters/close-second.yaml"\n'
        '"../up.html" = "letters/close-second.yaml"\n'
        '"x/" = "letters/close-second.yaml"\n'
        "'x/index.html' = \"letters/close-second.yaml\"\n"
        '"n.html" = 3\n'
        '"s.html" = "has space"\n'
        "  'plain.html' = \"\"\n"
    )
    assert said(scenario_project, entries) == [
        "pyproject.toml:5:1: error: redirect from 'old/letter': an old path ends in .html (or "
        "in / for a folder's index.html), as the page a host serves for it; write "
        "'old/letter.html'",
        "pyproject.toml:6:1: error: redirect from '../up.html': an old path is a path of the "
        "site, from its root, like 'old/letter.html', without spaces, '..', '?' or '#'",
        "pyproject.toml:8:1: error: redirect from 'x/index.html' is the same page as the "
        "redirect from 'x/'; keep one",
        "pyproject.toml:9:1: error: redirect from 'n.html' must lead to a text: name a letter "
        "or page by its file in the content folder (like 'after-rejection/library-job.yaml' "
        "or 'about.md'), or a path of the site (like 'after-rejection/library-job.html')",
        "pyproject.toml:10:1: error: redirect from 's.html' leads to 'has space', which is not "
        "a path; name a letter or page by its file in the content folder (like "
        "'after-rejection/library-job.yaml' or 'about.md'), or a path of the site (like "
        "'after-rejection/library-job.html')",
        "pyproject.toml:11:3: error: redirect from 'plain.html' leads to '', which is not a "
        "path; name a letter or page by its file in the content folder (like "
        "'after-rejection/library-job.yaml' or 'about.md'), or a path of the site (like "
        "'after-rejection/library-job.html')",
    ]


def test_redirects_must_be_a_table(scenario_project: Project) -> None:
    scenario_project.write("pyproject.toml", '[tool.sincerely]\nredirects = "old.html"\n')
    with pytest.raises(BuildError) as raised:
        load_config(scenario_project.root)
    (problem,) = raised.value.diagnostics
    assert problem.format(scenario_project.root) == (
        "pyproject.toml:2:1: error: 'redirects' must be a table of old paths to where they "
        'lead, like [tool.sincerely.redirects] then "old/letter.html" = '
        '"after-rejection/library-job.yaml"'
    )


def test_what_only_the_site_can_tell_is_said_at_the_entrys_line(
    scenario_project: Project,
) -> None:
    entries = (
        '"letters/close-second.html" = "letters/close-second.yaml"\n'
        '"gone.html" = "letters/close-secnd.yaml"\n'
        '"far.html" = "zzzzzzzzzzzz/qqqqqqqq.md"\n'
        '"fine.html" = "letters/"\n'
        '"home.html" = "/"\n'
    )
    assert said(scenario_project, entries, build=True) == [
        "pyproject.toml:5:1: error: redirect from 'letters/close-second.html': "
        "'letters/close-second.html' is a page of the site still, so it cannot send readers "
        "elsewhere; remove this redirect",
        "pyproject.toml:6:1: error: redirect from 'gone.html' leads to "
        "'letters/close-secnd.yaml', which the site does not have (did you mean "
        "'letters/close-second.yaml'?); name a letter or page by its file in the content "
        "folder (like 'after-rejection/library-job.yaml' or 'about.md'), or a path of the "
        "site (like 'after-rejection/library-job.html')",
        "pyproject.toml:7:1: error: redirect from 'far.html' leads to "
        "'zzzzzzzzzzzz/qqqqqqqq.md', which the site does not have; name a letter or page by "
        "its file in the content folder (like 'after-rejection/library-job.yaml' or "
        "'about.md'), or a path of the site (like 'after-rejection/library-job.html')",
    ]
    assert not (scenario_project.site / "fine.html").exists()  # nothing written


def test_targets_by_file_by_folder_and_by_path(scenario_project: Project) -> None:
    scenario_project.write("content/about.md", "---\ntitle: About\n---\nUs.\n")
    scenario_project.write("content/index.md", "---\ntitle: Welcome\n---\nHi.\n")
    entries = (
        '"a.html" = "letters/_pack.yaml"\n'
        '"b.html" = "letters/"\n'
        '"c.html" = "/"\n'
        '"d.html" = "index.md"\n'
        '"e.html" = "about.md"\n'
        '"f.html" = "channels/email.html"\n'
        '"g.html" = "letters/close-second-template.txt"\n'
    )
    assert said(scenario_project, entries, build=True) == []
    site = scenario_project.site
    expected = {
        "a.html": ("letters/index.html", "Test pack"),
        "b.html": ("letters/index.html", "Test pack"),
        "c.html": ("index.html", "Welcome"),
        "d.html": ("index.html", "Welcome"),
        "e.html": ("about.html", "About"),
        "f.html": ("channels/email.html", "channels/email.html"),
        "g.html": ("letters/close-second-template.txt", "letters/close-second-template.txt"),
    }
    for old, (target, title) in expected.items():
        html = (site / old).read_text(encoding="utf-8")
        assert f'<a href="{target}">{title}</a>' in html, old


def test_an_inline_table_is_located_too(tmp_path: Path) -> None:
    settings = tmp_path / "pyproject.toml"
    settings.write_text(
        '[tool.sincerely]\ntitle = "x"\nredirects = { "a.html" = "b.md", \'c.html\' = "d.md" }\n',
        encoding="utf-8",
    )
    table = Location(settings, 3, 1)
    assert entry_location(table, "a.html") == Location(settings, 3, 15)
    assert entry_location(table, "c.html") == Location(settings, 3, 34)
    assert entry_location(table, "nowhere.html") == table


def test_old_paths() -> None:
    assert old_path_problem("/old/a.html") == ""
    assert old_path_problem("old/") == ""
    assert old_path_problem("old/a b.html") != ""
    assert old_path_problem("old//a.html") != ""
    assert old_path_problem("old/a.html?x=1") != ""
    assert file_of("/old/") == "old/index.html"
    assert file_of("old/a.html") == "old/a.html"
