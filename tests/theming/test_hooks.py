"""The owner's hooks, as an owner writes them: real builds of a project with a hooks.py,
clean and incremental, on one process and two, and each mistake's message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sincerely.build.builders import run
from sincerely.common.errors import BuildError
from sincerely.model.config import load_config
from sincerely.theming.hooks import load_hooks

from ..conftest import REPO, Project, tree

SETTINGS = '[tool.sincerely]\ntitle = "Letters"\nhooks = ["hooks.py"]\n'
HOOKS = """\
import dataclasses
import os
from pathlib import Path


def shout(text):
    return str(text).upper() + "{mark}"


def on_config(settings):
    return dataclasses.replace(settings, description="Said by a hook{mark}")


def on_env(env):
    env.filters["shout"] = shout
    env.globals["motto"] = "Kind words"


def on_page_context(context, page):
    context["made_for"] = page.path
    with (Path(__file__).parent / "pids.txt").open("a") as pids:  # which process made it
        pids.write(f"{os.getpid()}\\n")
    return context


def on_post_build(site_dir):
    (site_dir / "CNAME").write_text("letters.example.org\\n")
"""
# An override of the theme's base layout (layouts/), using what the hooks add.
OVERRIDE = (
    '{% extends "theme/base.html" %}\n'
    '{% block footer %}<p class="hooked">{{ title | shout }} {{ "always" | shout }} '
    "{{ motto }} {{ made_for }}</p>{{ super() }}{% endblock %}\n"
)
LETTER = "letters/close-second.html"


def hooked(project: Project, mark: str = "!") -> Project:
    project.write("pyproject.toml", SETTINGS)
    project.write("hooks.py", HOOKS.replace("{mark}", mark))
    project.write("layouts/base.html", OVERRIDE)
    return project


def _site(folder: Path) -> dict[str, bytes]:
    return {path: data for path, data in tree(folder).items() if path != ".sincerely-build"}


def _footer(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return html[html.index('<p class="hooked">') :].split("</p>")[0]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_hooks_filter_global_and_context_reach_an_override_clean_and_incremental(
    scenario_project: Project, tmp_path: Path, jobs: int
) -> None:
    project = hooked(scenario_project)
    run(project.root, jobs=jobs)
    footer = _footer(project.site / LETTER)
    assert footer == '<p class="hooked">CLOSE SECOND! ALWAYS! Kind words ' + LETTER
    assert 'content="Said by a hook!"' in (project.site / "index.html").read_text()
    assert (project.site / "CNAME").read_text() == "letters.example.org\n"
    # On two processes, pages were made in both, each with the hooks' filters.
    assert len(set((project.root / "pids.txt").read_text().split())) == jobs
    # An edit of the hook alone: the next build makes what a clean build makes.
    project.write("hooks.py", HOOKS.replace("{mark}", "?"))
    result = run(project.root, jobs=jobs)
    assert not result.unchanged
    assert _footer(project.site / LETTER).startswith('<p class="hooked">CLOSE SECOND? ALWAYS?')
    run(project.root, tmp_path / "fresh", jobs=jobs, fresh=True)
    assert _site(project.site) == _site(tmp_path / "fresh")
    # And back: the layouts compiled for the first version serve it again, rightly.
    project.write("hooks.py", HOOKS.replace("{mark}", "!"))
    run(project.root, jobs=jobs)
    assert _footer(project.site / LETTER).startswith('<p class="hooked">CLOSE SECOND! ALWAYS!')


def test_a_build_with_nothing_changed_keeps_what_on_post_build_added(
    scenario_project: Project,
) -> None:
    project = hooked(scenario_project)
    run(project.root)
    assert run(project.root).unchanged
    assert (project.site / "CNAME").is_file()


def test_check_runs_on_post_build_on_its_own_folder_and_writes_nothing(
    scenario_project: Project,
) -> None:
    project = hooked(scenario_project)
    (project.root / "layouts/base.html").unlink()
    project.write(
        "hooks.py",
        "def on_post_build(site_dir):\n    assert (site_dir / 'index.html').is_file()\n"
        "    raise RuntimeError(f'seen {site_dir.name[:16]}')\n",
    )
    with pytest.raises(BuildError) as raised:
        project.check()
    (problem,) = raised.value.diagnostics
    assert "on_post_build: RuntimeError: seen sincerely-check-" in problem.message
    assert not project.site.exists()


def _problem(project: Project) -> str:
    with pytest.raises(BuildError) as raised:
        project.build()
    assert len(raised.value.diagnostics) == 1
    return raised.value.diagnostics[0].format(project.root)


# Each mistake an owner may make in a hook, and what they are told: the hook's file and
# line, the event, what went wrong; never a traceback.
BROKEN = {
    "not-python": (
        "def on_env(env)\n    pass\n",
        "hooks.py:1:16: error: hook hooks.py is not valid Python: expected ':'; fix it",
    ),
    "import-fails": (
        "import os\nimport no_such_module_here\n",
        "hooks.py:2:1: error: hook hooks.py failed in loading: ModuleNotFoundError: No module "
        "named 'no_such_module_here'; fix the hook",
    ),
    "event-raises": (
        "def on_page_context(context, page):\n    return context['nope']\n",
        "hooks.py:2:1: error: hook hooks.py failed in on_page_context: KeyError: 'nope'; "
        "fix the hook",
    ),
    "filter-raises": (
        "def on_env(env):\n    env.filters['shout'] = lambda text: text + 1\n",
        'hooks.py:2:1: error: TypeError: can only concatenate str (not "int") to str, in a '
        "function of hook hooks.py, called by the layout at layouts/base.html:2:1; fix the hook",
    ),
    "config-returns-other": (
        "def on_config(settings):\n    return {'title': 'x'}\n",
        "hooks.py:1:1: error: on_config of hook hooks.py must return the settings or None "
        "(got dict)",
    ),
    "config-moves-a-folder": (
        "import dataclasses\n\n\ndef on_config(settings):\n"
        "    return dataclasses.replace(settings, content_dir='elsewhere')\n",
        "hooks.py:4:1: error: on_config of hook hooks.py changes 'content_dir', which is read "
        "before the hooks run; set it in pyproject.toml instead",
    ),
    "context-returns-other": (
        "def on_page_context(context, page):\n    return 'hello'\n",
        "hooks.py:1:1: error: on_page_context of hook hooks.py must return the context or "
        "None (got str)",
    ),
    "raised-deeper": (
        "import json\n\n\ndef on_config(settings):\n    json.loads('{')\n",
        "hooks.py:5:1: error: hook hooks.py failed in on_config: JSONDecodeError: Expecting "
        "property name enclosed in double quotes: line 1 column 2 (char 1) (raised in ",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_hook_is_an_error_at_its_line_and_the_site_stays(
    scenario_project: Project, case: str
) -> None:
    project = hooked(scenario_project)
    project.build()
    before = _site(project.site)
    code, message = BROKEN[case]
    project.write("hooks.py", code)
    assert _problem(project).startswith(message)
    assert _site(project.site) == before


def test_a_hook_that_is_not_there_is_an_error_at_the_setting(scenario_project: Project) -> None:
    scenario_project.write("pyproject.toml", SETTINGS.replace("hooks.py", "hoks.py"))
    assert _problem(scenario_project) == (
        "pyproject.toml:3:1: error: 'hooks': there is no file 'hoks.py' in the project; give "
        "its path from the folder that holds pyproject.toml"
    )


def test_a_hook_that_is_a_link_is_refused(scenario_project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.py"
    outside.write_text("def on_env(env):\n    pass\n")
    scenario_project.write("pyproject.toml", SETTINGS)
    (scenario_project.root / "hooks.py").symlink_to(outside)
    assert "error: 'hooks': hooks.py is a link" in _problem(scenario_project)


def test_the_setting_is_checked_as_every_setting_is(scenario_project: Project) -> None:
    scenario_project.write("pyproject.toml", '[tool.sincerely]\nhooks = ["hooks.js"]\n')
    assert _problem(scenario_project) == (
        "pyproject.toml:2:1: error: each entry of 'hooks' must be a .py file (got 'hooks.js')"
    )


def test_hooks_run_in_the_settings_order_each_given_what_the_last_left(
    scenario_project: Project,
) -> None:
    scenario_project.write("pyproject.toml", '[tool.sincerely]\nhooks = ["a.py", "b/b.py"]\n')
    for name, word in (("a.py", "first"), ("b/b.py", "second")):
        scenario_project.write(
            name,
            "import dataclasses\n\n\ndef on_config(settings):\n"
            f"    return dataclasses.replace(settings, title=settings.title + ' {word}')\n",
        )
    config = load_config(scenario_project.root)
    hooks = load_hooks(config)
    assert hooks.configured(config).title == "Letter templates first second"
    # Two files of one name are two modules, never one in the place of the other.
    scenario_project.write("b/a.py", "VALUE = 2\n")
    scenario_project.write("a.py", "VALUE = 1\n")
    scenario_project.write("pyproject.toml", '[tool.sincerely]\nhooks = ["a.py", "b/a.py"]\n')
    first, second = load_hooks(load_config(scenario_project.root)).files
    assert (first.module.VALUE, second.module.VALUE) == (1, 2)


def test_a_project_without_hooks_builds_as_before(scenario_project: Project) -> None:
    config = load_config(scenario_project.root)
    assert load_hooks(config).files == ()
    assert load_hooks(config).configured(config) is config
    scenario_project.build()
    assert not (scenario_project.site / "CNAME").exists()
    shutil.rmtree(scenario_project.site)


def _block(text: str, fence: str, first_line: str) -> str:
    start = text.index(f"```{fence}\n{first_line}\n") + len(f"```{fence}\n")
    return text[start : text.index("```", start)]


def test_the_theming_guides_example_works_as_it_says(scenario_project: Project) -> None:
    guide = (REPO / "docs/theming.md").read_text(encoding="utf-8")
    guide = guide[guide.index("```python\n# hooks.py") :]  # the hooks' section, and on
    scenario_project.write("hooks.py", _block(guide, "python", "# hooks.py"))
    scenario_project.write("layouts/base.html", _block(guide, "jinja", "{# layouts/base.html #}"))
    scenario_project.write(
        "pyproject.toml",
        '[tool.sincerely]\nhooks = ["hooks.py"]\n\n'
        '[tool.sincerely.extra]\nphone = "0113 496 0000"\n',
    )
    assert scenario_project.build(strict=True).warnings == ()
    letter = (scenario_project.site / LETTER).read_text(encoding="utf-8")
    assert '<p>Call us on <a href="tel:01134960000">0113 496 0000</a>.</p>' in letter
    assert "<p>2 blanks to fill in.</p>" in letter  # manager_name, your_name
    home = (scenario_project.site / "index.html").read_text(encoding="utf-8")
    assert "Call us on" in home and "blanks to fill in" not in home


def test_a_failing_on_post_build_leaves_the_new_site_and_the_next_build_makes_it_all(
    scenario_project: Project,
) -> None:
    project = hooked(scenario_project)
    run(project.root)
    # A hook that fails while a file says so (a full disk, say, for a while).
    failing = HOOKS.replace("{mark}", "?").replace(
        '    (site_dir / "CNAME")',
        '    if (Path(__file__).parent / "full").exists():\n'
        '        raise OSError("the disk is full")\n'
        '    (site_dir / "CNAME")',
    )
    project.write("hooks.py", failing)
    full = project.write("full", "")
    with pytest.raises(BuildError) as raised:
        run(project.root)
    (problem,) = raised.value.diagnostics
    assert problem.message == (
        "hook hooks.py failed in on_post_build: OSError: the disk is full; fix the hook"
    )
    # The new site is in place, whole, without what the hook would have added to it.
    assert _footer(project.site / LETTER).startswith('<p class="hooked">CLOSE SECOND?')
    assert not (project.site / "CNAME").exists()
    # No record of it is kept: the next build, with nothing changed, runs the hook again.
    full.unlink()
    assert not run(project.root).unchanged
    assert (project.site / "CNAME").is_file()
    assert run(project.root).unchanged


def test_the_command_line_says_a_hooks_mistake_in_one_line_and_no_traceback(
    scenario_project: Project,
) -> None:
    project = hooked(scenario_project)
    project.write("hooks.py", "def on_env(env):\n    raise ValueError('no filters today')\n")
    done = project.cli("build", "-j", "2")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "hooks.py:2:1: error: hook hooks.py failed in on_env: ValueError: no filters today; "
        "fix the hook",
        "build failed: 1 error.",
    ]
