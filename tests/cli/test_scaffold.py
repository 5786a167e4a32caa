"""`sincerely new` and `sincerely init`: starting points that build, and never overwrite."""

from __future__ import annotations

import re

import pytest

from sincerely import __version__
from sincerely.build.builders import run
from sincerely.cli.scaffold import init_gallery, new_scenario
from sincerely.common.errors import BuildError

from ..conftest import REPO, Project, tree


@pytest.mark.parametrize("channel", ["email", "letter", "note", "message"])
def test_a_new_scenario_passes_check_and_fails_strict_until_its_todos_are_done(
    scenario_project: Project, channel: str
) -> None:
    (path,) = new_scenario(scenario_project.root, f"letters/my-{channel}", channel)
    assert path == scenario_project.root / f"content/letters/my-{channel}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/scenario.json\n")
    result = scenario_project.check()
    todos = [w for w in result.warnings if w.message.startswith("TODO left in the text")]
    assert todos and len(todos) == len(result.warnings)
    (scenario,) = [s for s in result.site.scenarios() if s.slug == f"my-{channel}"]
    assert scenario.channel == channel
    assert (scenario.letter.subject is not None) == (channel == "email")
    with pytest.raises(BuildError):
        scenario_project.check(strict=True)


def test_new_creates_a_pack_that_does_not_exist_yet(project: Project) -> None:
    pack, path = new_scenario(project.root, "fresh-pack/first", "email")
    assert pack == path.parent / "_pack.yaml" and pack.is_file()
    assert project.check().scenario_count == 1


def test_new_never_overwrites(scenario_project: Project) -> None:
    before = tree(scenario_project.root)
    with pytest.raises(BuildError) as caught:
        new_scenario(scenario_project.root, "letters/close-second", "email")
    assert "never overwrites" in caught.value.diagnostics[0].message
    assert tree(scenario_project.root) == before


@pytest.mark.parametrize(
    "name", ["Bad Name/x", "letters/Close Second", "no-slash", "letters/index"]
)
def test_new_refuses_bad_names_with_a_suggestion(scenario_project: Project, name: str) -> None:
    with pytest.raises(BuildError) as caught:
        new_scenario(scenario_project.root, name, "email")
    assert "try '" in caught.value.diagnostics[0].message or "like letters/" in (
        caught.value.diagnostics[0].message
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "nachfassen/danke-über",
            "the scenario's name 'danke-über' may have only the letters a to z, digits and "
            "hyphens, not ü; try 'danke-ueber'",
        ),
        (
            "nachfassen/Danke",
            "the scenario's name 'Danke' may not have capital letters; write it in lower "
            "case; try 'danke'",
        ),
        (
            "mein paket/danke",
            "the pack's name 'mein paket' may not have spaces or underscores; join its "
            "words with hyphens; try 'mein-paket'",
        ),
    ],
)
def test_new_says_the_rule_a_name_breaks_and_spells_it_in_the_packs_language(
    project: Project, name: str, message: str
) -> None:
    project.write("content/nachfassen/_pack.yaml", "title: T\nsummary: S\nlanguage: de\n")
    with pytest.raises(BuildError) as caught:
        new_scenario(project.root, name, "email")
    assert caught.value.diagnostics[0].message == message


def test_init_makes_a_gallery_that_builds_at_once(project: Project) -> None:
    made = init_gallery(project.root / "my-letters")
    root = project.root / "my-letters"
    assert {p.relative_to(root).as_posix() for p in made} == {
        "pyproject.toml",
        "requirements.txt",
        "README.md",
        ".github/workflows/check.yml",
        ".github/workflows/pages.yml",
        "content/index.md",
        "content/examples/_pack.yaml",
        "content/examples/thank-you.yaml",
        "schema/scenario.json",
        ".gitignore",
        f"vendor/sincerely-{__version__}-py3-none-any.whl",
    }
    result = run(root, strict=True)
    assert result.config.title == "My letters"
    assert (root / "site/examples/thank-you.html").is_file()
    assert (root / "schema/scenario.json").read_text() == (
        REPO / "schema/scenario.json"
    ).read_text()
    # The workflows install what requirements.txt pins: this sincerely, which came from a
    # checkout here (as the tests run it), so a copy of it in the gallery.
    pins = (root / "requirements.txt").read_text().splitlines()
    wheel = f"./vendor/sincerely-{__version__}-py3-none-any.whl"
    assert [line for line in pins if not line.startswith("#")] == [wheel]
    assert (root / "README.md").read_text().startswith("# My letters\n")
    assert (root / ".gitignore").read_text() == "/site/\n/.sincerely/\n/.venv/\n"
    for path in made:
        if path.suffix == ".whl":
            continue
        unfilled = re.findall(r"@[a-z]+@", path.read_text() if path.is_file() else "")
        assert not unfilled, (path, unfilled)


def test_any_folder_name_makes_a_valid_title(project: Project) -> None:
    root = project.root / 'Ana\'s "letters": two'
    init_gallery(root)
    assert run(root, strict=True).config.title == 'Ana\'s "letters": two'


def test_init_keeps_a_readme_and_requirements_of_the_folders_own(project: Project) -> None:
    project.write("README.md", "# Mine\n")
    project.write("requirements.txt", "requests==2.32.0\n")
    made = init_gallery(project.root)
    assert project.root / "README.md" not in made
    assert (project.root / "README.md").read_text() == "# Mine\n"
    pins = (project.root / "requirements.txt").read_text()
    assert pins.startswith("requests==2.32.0\n\n# The sincerely")
    assert pins.endswith(f"\n./vendor/sincerely-{__version__}-py3-none-any.whl\n")


def test_init_adds_to_an_existing_pyproject_and_refuses_a_gallery(project: Project) -> None:
    project.write("pyproject.toml", '[project]\nname = "mine"\n')
    init_gallery(project.root)
    text = (project.root / "pyproject.toml").read_text()
    assert text.startswith('[project]\nname = "mine"\n\n[tool.sincerely]\n')
    before = tree(project.root)
    with pytest.raises(BuildError):
        init_gallery(project.root)
    assert tree(project.root) == before


def test_init_can_copy_the_theme_to_customise(project: Project) -> None:
    init_gallery(project.root, copy_theme=True)
    assert (project.root / "layouts/base.html").read_bytes() == (
        REPO / "layouts/base.html"
    ).read_bytes()
    run(project.root, strict=True)


def test_theme_copy_puts_one_file_in_an_existing_gallery_and_keeps_yours(
    project: Project,
) -> None:
    init_gallery(project.root)
    untouched = project.cli("theme", "list").stdout.splitlines()
    assert untouched[-1] == "none of these is overridden: the project has no layouts of its own"
    project.write("layouts/home.html", "{# mine #}")
    done = project.cli("theme", "copy", "base.html", "home.html")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "copied layouts/base.html: yours now, and it overrides the theme's",
        "kept layouts/home.html: you have your own already",
    ]
    assert (project.root / "layouts/home.html").read_text() == "{# mine #}"
    listing = project.cli("theme", "list").stdout.splitlines()
    assert "base.html  (yours, in layouts/)" in listing and "404.html" in listing
    wrong = project.cli("theme", "copy", "bse.html")
    assert wrong.returncode == 1
    assert "the theme has no file 'bse.html' (did you mean 'base.html'?)" in wrong.stderr


def test_init_copy_theme_in_a_gallery_copies_only_what_is_missing(project: Project) -> None:
    init_gallery(project.root)
    project.write("layouts/base.html", "{# mine #}")
    done = project.cli("init", "--copy-theme")
    assert done.returncode == 0, done.stderr
    assert "kept layouts/base.html: you have your own already" in done.stdout
    assert (project.root / "layouts/base.html").read_text() == "{# mine #}"
    assert (project.root / "layouts/static/site.css").is_file()


def test_a_pack_starts_new_letters_from_its_own_template(project: Project) -> None:
    init_gallery(project.root)
    own = (REPO / "content/after-rejection/_new.yaml").read_text(encoding="utf-8")
    project.write("content/examples/_new.yaml", own)
    (path,) = new_scenario(project.root, "examples/ours")
    assert path.read_text(encoding="utf-8") == own
    with pytest.raises(BuildError) as caught:
        new_scenario(project.root, "examples/other", "note")
    assert "whose channel is email, not note; leave out --channel" in (
        caught.value.diagnostics[0].message
    )


def test_a_packs_template_is_checked_but_its_todos_are_not(project: Project) -> None:
    init_gallery(project.root)
    own = (REPO / "content/after-rejection/_new.yaml").read_text(encoding="utf-8")
    project.write("content/examples/_new.yaml", own)
    assert project.cli("check", "-W").returncode == 0  # TODOs are its point
    project.write("content/examples/_new.yaml", own.replace("channel: email", "channel: fax"))
    done = project.cli("check")
    assert done.returncode == 1
    assert done.stderr.startswith("content/examples/_new.yaml:18:10: error: 'channel' must be")


def test_the_cli_reports_new_and_init(project: Project) -> None:
    done = project.cli("init")
    assert done.returncode == 0, done.stderr
    assert "wrote content/examples/thank-you.yaml" in done.stdout
    assert done.stdout.splitlines()[-1] == "A new gallery is ready. Next: 'sincerely serve'."
    done = project.cli("new", "examples/second", "--channel", "note")
    assert done.returncode == 0
    assert done.stdout.startswith("wrote content/examples/second.yaml")
    again = project.cli("new", "examples/second")
    assert again.returncode == 1
    assert "never overwrites" in again.stderr
