"""The interface in the page's language: the theme's catalogs, a project's own, plurals,
and a French page read in Chromium for any English word of the interface left on it."""

from __future__ import annotations

import gettext
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from playwright.sync_api import Browser, expect

from sincerely.common.errors import Diagnostics, Location
from sincerely.common.i18n import (
    LOCALE,
    TEMPLATE,
    Messages,
    direction,
    language_name,
    load_messages,
    long_date,
    plural_category,
)
from sincerely.theming.theme import bundled_theme_dir

from ..conftest import REPO, Project
from ..helpers.browser import serve, watched_page

THEME = bundled_theme_dir()
SHIPPED = ("fr", "de", "es")
FRENCH_LETTER = (REPO / "content/apres-un-refus/deuxieme-choix.yaml").read_text(encoding="utf-8")


def _ids(path: Path) -> set[str]:
    with path.open("rb") as stream:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(stream) if m.id}


@pytest.mark.parametrize("language", SHIPPED)
def test_every_shipped_catalog_translates_every_string_of_the_theme(language: str) -> None:
    out = Diagnostics()
    messages = load_messages((THEME,), {language: Location(Path("x"))}, out)
    assert out.items == ()
    assert messages[language].gettext("Copy letter") != "Copy letter"


def test_the_template_lists_every_string_the_theme_and_the_tool_use(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    pybabel = str(Path(sys.executable).parent / "pybabel")
    subprocess.run(
        [pybabel, "extract", "-F", "babel.cfg", "-k", "plural_forms:1,2", "-o", str(fresh), "."],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    committed = THEME / LOCALE / TEMPLATE
    assert _ids(fresh) == _ids(committed), "run 'make messages' and translate what is new"
    assert len(_ids(committed)) > 100


def test_plural_forms_follow_each_languages_rules() -> None:
    french = load_messages((THEME,), {"fr": Location(Path("x"))}, Diagnostics())["fr"]
    english = Messages("en")
    # French counts zero as singular; English does not.
    assert french.ngettext("{n} blank left", "{n} blanks left", 0) == "{n} blanc à remplir"
    assert english.ngettext("{n} blank left", "{n} blanks left", 0) == "{n} blanks left"
    # What a script is given: a form for each of the language's categories (CLDR's).
    assert french.plural_forms("{n} word", "{n} words") == {
        "many": "{n} mots",
        "one": "{n} mot",
        "other": "{n} mots",
    }
    assert english.plural_forms("{n} word", "{n} words") == {
        "one": "{n} word",
        "other": "{n} words",
    }


EVERY_COUNT = range(1_000_002)  # 0 to 1,000,001: past CLDR's "many" of a million


def _catalog_forms(language: str) -> tuple[list[tuple[str, str, tuple[str, ...]]], Any]:
    """The shipped catalog's plural messages, and gettext's own reading of its formula
    (its Plural-Forms header): which msgstr a count takes, by gettext, not by sincerely."""
    with (THEME / LOCALE / f"{language}.po").open("rb") as stream:
        catalog = read_po(stream)
    messages = [(m.id[0], m.id[1], tuple(m.string)) for m in catalog if isinstance(m.id, tuple)]
    probe = Catalog(locale=catalog.locale)
    probe.mime_headers = [("Plural-Forms", catalog.plural_forms)]
    probe.add(("one", "many"), string=tuple(str(i) for i in range(catalog.num_plurals)))
    buffer = io.BytesIO()
    write_mo(buffer, probe)
    translations = gettext.GNUTranslations(io.BytesIO(buffer.getvalue()))
    return messages, translations


@pytest.mark.slow
@pytest.mark.parametrize("language", SHIPPED)
def test_every_count_shows_the_catalogs_own_form_in_every_language(language: str) -> None:
    """What a page's script shows for a count (the form under the count's CLDR category,
    as the installed Babel defines them) is the form the catalog's translator wrote for
    that count, by the catalog's own formula: never the English one."""
    words = load_messages((THEME,), {language: Location(Path("x"))}, Diagnostics())[language]
    messages, translations = _catalog_forms(language)
    assert len(messages) >= 5
    indexes: dict[str, set[int]] = {}
    for n in EVERY_COUNT:
        category = plural_category(language, n)
        indexes.setdefault(category, set()).add(int(translations.ngettext("one", "many", n)))
    # Each category's counts take one msgstr by the catalog's formula: CLDR and it agree.
    assert all(len(found) == 1 for found in indexes.values()), indexes
    index_of = {category: min(found) for category, found in indexes.items()}
    for singular, plural, strings in messages:
        table = words.plural_forms(singular, plural)
        assert table == {category: strings[i] for category, i in index_of.items()}, singular
        assert not {singular, plural} & set(table.values()), (singular, "English left")
    for n in (0, 1, 2, 5, 21, 100, 1_000_000, 1_000_001):
        for singular, plural, _ in messages:
            shown = words.ngettext(singular, plural, n)
            assert shown == words.plural_forms(singular, plural)[plural_category(language, n)]


def test_every_count_the_browser_names_has_a_form_on_the_page(
    browser: Browser, french_site: Path
) -> None:
    """Chromium's own plural rules (ICU's copy of CLDR) pick each count's category; for
    every count from 0 to 1,000,001 the page's table has a form for it, in French."""
    with serve(french_site) as url, watched_page(browser, url) as watched:
        watched.page.goto(f"{url}lettres/deuxieme-choix.html")
        missing = watched.page.evaluate(
            """(last) => {
              const text = JSON.parse(document.getElementById("letter-text").textContent);
              const rules = new Intl.PluralRules(document.documentElement.lang);
              const tables = Object.entries(text).filter(([, v]) => v && v.other);
              const seen = new Set();
              for (let n = 0; n <= last; n++) seen.add(rules.select(n));
              const missing = [];
              for (const [key, table] of tables) {
                for (const category of seen) {
                  if (!(category in table)) missing.push(`${key}: ${category}`);
                }
              }
              return { tables: tables.length, seen: [...seen].sort(), missing };
            }""",
            EVERY_COUNT[-1],
        )
        watched.assert_clean()
    assert missing["tables"] >= 2
    assert missing["seen"] == ["many", "one", "other"]
    assert missing["missing"] == []


def test_names_and_directions_of_languages() -> None:
    assert [language_name(tag) for tag in ("fr", "de", "es", "en-GB")] == [
        "Français",
        "Deutsch",
        "Español",
        "English",
    ]
    assert [direction(tag) for tag in ("ar", "he", "fr", "xx")] == ["rtl", "rtl", "ltr", "ltr"]


def test_a_day_in_full_in_each_language() -> None:
    day = "2026-12-07"
    assert [long_date(day, tag) for tag in ("en", "en-GB", "fr", "de", "es")] == [
        "December 7, 2026",
        "7 December 2026",
        "7 décembre 2026",
        "7. Dezember 2026",
        "7 de diciembre de 2026",
    ]
    # A language Babel does not know is written as the theme's own, English, would.
    assert long_date(day, "xx-YY") == long_date(day, "") == "December 7, 2026"


def _gallery_in(project: Project, language: str) -> None:
    project.write(
        "pyproject.toml", f'[tool.sincerely]\ntitle = "Lettres"\nlanguage = "{language}"\n'
    )
    project.write("content/lettres/_pack.yaml", "title: Lettres\nsummary: Des lettres.\n")
    project.write(
        "content/lettres/deuxieme-choix.yaml", FRENCH_LETTER.replace("translation_of", "#")
    )


def test_a_language_with_no_catalog_is_one_warning_at_its_setting(project: Project) -> None:
    _gallery_in(project, "pt")
    result = project.check()
    said = [f"{d.location.path.name}:{d.location.line}: {d.message}" for d in result.warnings]
    assert said == [
        "pyproject.toml:3: no catalog translates the interface into 'pt', so its pages show "
        "the theme's English; add layouts/locale/pt.po (see docs/languages.md)"
    ]


def test_a_catalog_that_lacks_a_string_is_a_warning_naming_it(project: Project) -> None:
    _gallery_in(project, "pt")
    project.write(
        "layouts/locale/pt.po",
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Copy letter"\nmsgstr "Copiar a carta"\n',
    )
    result = project.build()
    missing = [d.message for d in result.warnings if "no translation of" in d.message]
    assert (
        "no translation of 'All blanks filled' into 'pt', so pages in that language "
        "show it in English; add its msgstr" in missing
    )
    assert not any("'Copy letter'" in m for m in missing)
    page = (project.site / "lettres/deuxieme-choix.html").read_text(encoding="utf-8")
    assert ">Copiar a carta</button>" in page and ">See it filled in</button>" in page


@pytest.mark.parametrize(
    ("language", "catalog", "words"),
    [("fr", "fr.po", "Copier"), ("fr-CA", "fr_CA.po", "Copier ma lettre")],
    ids=["the-languages-own", "a-regional-one-over-the-themes-fr"],
)
def test_a_projects_catalog_changes_one_word_and_keeps_the_rest_of_the_theme(
    project: Project, language: str, catalog: str, words: str
) -> None:
    _gallery_in(project, language)
    project.write(
        f"layouts/locale/{catalog}",
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "Copy letter"\nmsgstr "{words}"\n',
    )
    result = project.build(strict=True)
    assert result.warnings == ()
    page = (project.site / "lettres/deuxieme-choix.html").read_text(encoding="utf-8")
    # The project's catalog wins, word by word (fr_CA.po over the theme's fr.po too);
    # the theme's fr.po gives every other word.
    assert f">{words}</button>" in page and ">Voir un exemple rempli</button>" in page


def test_a_catalog_whose_formula_splits_a_category_is_told(project: Project) -> None:
    _gallery_in(project, "fr")
    project.write(
        "layouts/locale/fr.po",
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "{n} word"\nmsgid_plural "{n} words"\nmsgstr[0] "{n} mot"\n'
        'msgstr[1] "{n} mots"\n',
    )
    said = [d.message for d in project.check().warnings]
    assert said == [
        "this catalog's Plural-Forms gives 0 msgstr[1] but 1 msgstr[0], which CLDR counts "
        "alike ('one'), so pages use msgstr[1] for both; make the formula follow the "
        "language's rules (pybabel init writes them)"
    ]


def test_a_broken_catalog_is_a_located_error(project: Project) -> None:
    _gallery_in(project, "fr")
    project.write("layouts/locale/fr.po", 'msgid "Copy letter"\nmsgstr "Copier"\nCopier\n')
    done = project.cli("check")
    assert done.returncode == 1
    assert re.search(
        r"layouts/locale/fr\.po:3:1: error: this catalog cannot be read: ", done.stderr
    )


@pytest.fixture(scope="module")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = Project(tmp_path_factory.mktemp("french"))
    _gallery_in(project, "fr")
    project.build(strict=True)
    return project.site


SEEN = """() => {
  const seen = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const text = walk.currentNode.textContent.trim();
    if (text && walk.currentNode.parentElement.checkVisibility()) seen.push(text);
  }
  document.querySelectorAll("[aria-label], [placeholder], [title]").forEach((el) => {
    for (const name of ["aria-label", "placeholder", "title"]) {
      if (el.getAttribute(name)) seen.push(el.getAttribute(name));
    }
  });
  seen.push(document.title);
  return seen;
}"""


def _english_left(shown: list[str]) -> list[str]:
    """The texts among ``shown`` that are a string of the interface in English (one
    whose French differs: "Date" and "Word" are the same in both)."""

    def pattern(msgid: str) -> re.Pattern[str]:
        # Placeholders filled with anything; a phrase anywhere, a word as the whole text.
        words = re.split(r"(%\(\w+\)s|\{\w+\})", msgid)
        body = "".join(".+?" if i % 2 else re.escape(w) for i, w in enumerate(words))
        return re.compile(rf"\b{body}\b" if " " in msgid.strip() else rf"^{body}$")

    patterns = [
        pattern(text)
        for text in _ids(THEME / LOCALE / TEMPLATE)
        if re.sub(r"%\(\w+\)s|\{\w+\}", "", text).strip(" .:?")
        not in {"", "Date", "Site", "Word", "message", "Email"}
    ]
    return sorted({text for text in shown for p in patterns if p.search(text)})


def test_a_french_page_shows_no_english_word_of_the_interface(
    browser: Browser, french_site: Path
) -> None:
    with serve(french_site) as url, watched_page(browser, url) as watched:
        page = watched.page
        seen_on = {}
        for path in (
            "index.html",
            "lettres/index.html",
            "search.html",
            "404.html",
            "tags/reseau.html",
            "channels/email.html",
        ):
            page.goto(f"{url}{path}")
            seen_on[path] = page.evaluate(SEEN)
        page.goto(f"{url}search.html?q=refusé")
        expect(page.locator("#page-results-status")).to_have_text("1 lettre correspond.")
        seen_on["search.html?q=refusé"] = page.evaluate(SEEN)
        page.goto(f"{url}lettres/deuxieme-choix.html")
        page.locator("#f-nom").fill("Durand")
        page.locator("#f-poste").fill("chargée de mission")
        expect(page.locator(".blanks")).to_have_text("4 blancs à remplir")
        page.locator("#f-entreprise").fill("Atelier Vert")
        page.locator("#f-detail").fill("votre présentation du chantier de Nantes")
        page.locator("#f-email_destinataire").fill("c.durand@example.fr")
        expect(page.locator(".blanks")).to_have_text("2 blancs à remplir")
        page.locator("#f-votre_nom").fill("Camille Roux")
        expect(page.locator(".blanks")).to_have_text("1 blanc à remplir")
        page.get_by_role("button", name="Copier la lettre").click()
        expect(page.locator(".blanks-list")).to_have_text("À remplir\u00a0: [Votre téléphone].")
        letter = page.evaluate(SEEN)
        watched.assert_clean()
    assert len(letter) > 40
    assert {"Copier la lettre", "Copier quand même", "Canal", "Voir un exemple rempli"} <= set(
        letter
    )
    left = {path: _english_left(shown) for path, shown in seen_on.items()}
    assert left == {path: [] for path in seen_on}
    assert _english_left(letter) == []


def _language_of_word_file(path: Path) -> str:
    with zipfile.ZipFile(path) as document:
        styles = document.read("word/styles.xml").decode()
    found = re.search(r'<w:lang w:val="([^"]+)"/>', styles)
    assert found, styles
    return found[1]


def test_word_files_are_in_their_letters_language(
    browser: Browser, french_site: Path, tmp_path: Path
) -> None:
    # The template built with the site, and the reader's own, made in the page.
    assert _language_of_word_file(french_site / "lettres/deuxieme-choix-template.docx") == "fr"
    with serve(french_site) as url, watched_page(browser, url) as watched:
        page = watched.page
        page.goto(f"{url}lettres/deuxieme-choix.html")
        expect(page.locator(".blanks")).not_to_be_empty()  # the page's script is ready
        with page.expect_download() as info:
            page.get_by_role("button", name="Fichier Word").click()
            page.get_by_role("button", name="Télécharger quand même").click()
        info.value.save_as(tmp_path / "mine.docx")
        watched.assert_clean()
    assert _language_of_word_file(tmp_path / "mine.docx") == "fr"


def test_see_it_filled_in_gives_each_example_as_written_in_french(
    browser: Browser, french_site: Path
) -> None:
    # The examples are shown after the catalog's words ("ex. : c.leroy@example.fr"):
    # what fills the blanks is the example alone, whatever the words around it.
    fields = yaml.safe_load(FRENCH_LETTER)["fields"]
    typed = [f for f in fields if f.get("kind", "text") != "choice"]
    with serve(french_site) as url, watched_page(browser, url) as watched:
        page = watched.page
        page.goto(f"{url}lettres/deuxieme-choix.html")
        expect(page.locator(".blanks")).not_to_be_empty()
        page.get_by_role("button", name="Voir un exemple rempli").click()
        for field in typed:
            filled = page.locator(f'.letter .filled[data-field="{field["id"]}"]')
            for shown in filled.all_inner_texts():
                assert shown in str(field["example"]), (shown, field["example"])
                assert not shown.startswith(":")
        expect(page.locator(".letter .filled").first).to_be_visible()
        watched.assert_clean()
    assert len(typed) >= 4
