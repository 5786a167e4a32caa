"""`sincerely init --language`: a new gallery in the owner's language, where the theme
speaks it, and a clear word where it does not."""

from __future__ import annotations

import re

import pytest

from sincerely.cli.starters import STARTER, TRANSLATED, catalog_languages

from ..conftest import Project, tree

# A word of each starter's letter page, in its language, that the English one lacks.
SAID = {
    "de": ("content/beispiele/dank-nach-dem-gespraech.yaml", "Mit freundlichen Grüßen"),
    "fr": ("content/exemples/merci-apres-l-entretien.yaml", "Bien cordialement"),
    "es": ("content/ejemplos/gracias-tras-la-entrevista.yaml", "Un cordial saludo"),
}


def test_every_language_the_theme_speaks_has_a_starter_in_it() -> None:
    assert catalog_languages() == ("de", "en", "es", "fr")
    assert sorted(p.name for p in TRANSLATED.iterdir()) == sorted(SAID)
    english = sorted(p.suffix for p in (STARTER / "gallery" / "content").rglob("*.*"))
    for folder in TRANSLATED.iterdir():
        own = sorted(p.suffix for p in (folder / "content").rglob("*.*"))
        assert own == english, folder.name
        assert {"README.md", "settings.toml"} <= {p.name for p in folder.iterdir()}


@pytest.mark.parametrize("language", sorted(SAID))
def test_init_language_writes_a_gallery_in_it_that_passes_strict_check(
    project: Project, language: str
) -> None:
    done = project.cli("init", "--language", language)
    assert done.returncode == 0, done.stderr
    settings = (project.root / "pyproject.toml").read_text(encoding="utf-8")
    assert f'\nlanguage = "{language}"\n' in settings
    # The comment above it says which languages the theme speaks.
    assert "de, en, es, fr. " in settings
    letter, words = SAID[language]
    assert f"wrote {letter}" in done.stdout
    assert not (project.root / "content/examples").exists()
    assert "nav: false" in (project.root / "README.md").read_text(encoding="utf-8")
    assert "title, 'Project', is made from the folder's name: change title" in done.stdout
    for path in tree(project.root):
        if not path.endswith(".whl"):
            text = (project.root / path).read_text(encoding="utf-8")
            assert not re.findall(r"@[a-z]+@", text), path
    built = project.cli("build", "-W")
    assert built.returncode == 0, built.stderr
    page = (project.root / "site" / letter.removeprefix("content/")).with_suffix(".html")
    html = page.read_text(encoding="utf-8")
    assert f'<html lang="{language}"' in html
    assert words in html


def test_init_is_english_by_default_and_says_so(project: Project) -> None:
    done = project.cli("init")
    assert done.returncode == 0, done.stderr
    assert '\nlanguage = "en"\n' in (project.root / "pyproject.toml").read_text()
    assert "The pages are in 'en' (language in pyproject.toml)" in done.stdout
    assert (project.root / "content/examples/thank-you.yaml").is_file()


def test_a_regional_tag_takes_its_languages_starter(project: Project) -> None:
    done = project.cli("init", "--language", "de-AT")
    assert done.returncode == 0, done.stderr
    assert '\nlanguage = "de-AT"\n' in (project.root / "pyproject.toml").read_text()
    assert (project.root / "content/beispiele/_pack.yaml").is_file()
    assert project.cli("check", "-W").returncode == 0


def test_a_language_without_a_catalog_is_allowed_with_a_word_of_warning(
    project: Project,
) -> None:
    done = project.cli("init", "--language", "it")
    assert done.returncode == 0, done.stderr
    assert '\nlanguage = "it"\n' in (project.root / "pyproject.toml").read_text()
    assert (
        "note: the theme has no catalog for 'it' (it speaks de, en, es, fr), so the pages' "
        "own words (buttons, headings) stay English until you add layouts/locale/it.po"
    ) in done.stdout
    assert (project.root / "content/examples/thank-you.yaml").is_file()
    # What the note promises: the pages build, and check says the same.
    checked = project.cli("check")
    assert checked.returncode == 0
    assert "no catalog translates the interface into 'it'" in checked.stderr


@pytest.mark.parametrize("tag", ["xx", "deutsch", "de_DE!", "english"])
def test_a_tag_that_is_no_language_is_refused_with_the_ones_the_theme_speaks(
    project: Project, tag: str
) -> None:
    done = project.cli("init", "--language", tag)
    assert done.returncode == 1
    assert (
        f"error: '{tag}' is not a language tag sincerely knows; give a BCP 47 tag like "
        "'de' or 'fr-CA' (the theme speaks de, en, es, fr)\n"
    ) in done.stderr
    assert tree(project.root) == {}
