"""The layouts' words written in when they are compiled: the same page as asking gettext
as it runs, in each language and for each version of its catalog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest

from sincerely.common import signed
from sincerely.common.i18n import Messages
from sincerely.render import renderer
from sincerely.render.compiling import CompiledLayouts, LayoutsEnvironment, compile_ahead
from sincerely.render.renderer import make_environment
from sincerely.serve.rebuild import IncrementalBuilder
from sincerely.theming.theme import Theme

from ..conftest import REPO, Project

# Every way a layout may ask for words, and the ways that must still ask as the page runs.
LAYOUT = """\
{% macro loud(s) %}LOUD {{ s }}{% endmacro %}
{% macro shadowed(_) %}{{ _("Search") }}{% endmacro %}
<p>{{ _("Search") }}|{{ gettext("Search") }}|{% trans %}Search{% endtrans %}</p>
<p>{{ _("100%% sure") }}|{{ _("<b>bold</b>") }}|{{ _("a %s") }}|{{ _("Search") ~ "<i>" }}</p>
<p>{{ _("Letter %(n)s", n=2) }}|{{ _("Search") | length }}|{{ [_("Home")] | tojson }}</p>
{% autoescape false %}<p>{{ _("<b>raw</b>") ~ "<i>" }}</p>{% endautoescape %}
<p>{{ shadowed(loud) }}</p>
{% for _ in ["looped"] %}<p>{{ _ }}</p>{% endfor %}
"""
FRENCH = Messages("fr", {"Search": "Chercher", "<b>bold</b>": "<b>gras</b>", "Home": "Accueil"})


def _environment(tmp_path: Path, layout: str) -> LayoutsEnvironment:
    (tmp_path / "layouts").mkdir(exist_ok=True)
    (tmp_path / "layouts/t.html").write_text(layout, encoding="utf-8")
    return make_environment(Theme.for_project(tmp_path / "layouts"))


def test_words_written_in_read_as_asking_gettext_as_the_page_runs(tmp_path: Path) -> None:
    env = _environment(tmp_path, LAYOUT)
    # The Environment itself writes nothing in: every call runs, in the theme's English.
    asked = env.get_template("t.html").render()
    written = env.in_language(Messages("en")).get_template("t.html").render()
    assert written == asked
    assert "<p>Search|Search|Search</p>" in written
    assert "<p>100% sure|<b>bold</b>|a {}|Search&lt;i&gt;</p>" in written
    assert '<p>Letter 2|6|["Home"]</p>' in written
    assert "<p><b>raw</b><i></p>" in written
    assert "<p>LOUD Search</p>" in written and "<p>looped</p>" in written


def test_each_language_has_its_own_words_written_in(tmp_path: Path) -> None:
    env = _environment(tmp_path, LAYOUT)
    french = env.in_language(FRENCH).get_template("t.html").render()
    assert "<p>Chercher|Chercher|Chercher</p>" in french
    assert "|<b>gras</b>|" in french and '["Accueil"]' in french
    # A macro's argument named `_` is the argument, in any language.
    assert "<p>LOUD Search</p>" in french
    # The same catalog, even as another object, is the same compiled set; a new
    # version of it is another.
    assert env.in_language(Messages("fr", dict(FRENCH.singular))) is env.in_language(FRENCH)
    changed = Messages("fr", {**FRENCH.singular, "Search": "Rechercher"})
    assert "<p>Rechercher|" in env.in_language(changed).get_template("t.html").render()
    english = env.in_language(Messages("en")).get_template("t.html").render()
    assert "<p>Search|Search|Search</p>" in english


def test_a_name_set_by_the_page_or_its_context_is_called(tmp_path: Path) -> None:
    layout = '{{ _("Search") }}|{% set gettext = loud %}{{ _("Search") }}|{{ gettext("Home") }}'
    env = _environment(tmp_path, "{% macro loud(s) %}LOUD {{ s }}{% endmacro %}" + layout)
    french = env.in_language(FRENCH).get_template("t.html")
    assert french.render() == "Chercher|LOUD Search|LOUD Home"
    assert french.render(_=lambda s: f"own {s}") == "own Search|own Search|LOUD Home"


def test_words_a_format_refuses_stay_an_error_at_the_layouts_line(tmp_path: Path) -> None:
    env = _environment(tmp_path, '<p>\n{{ _("%(n)s blanks") }}</p>')
    template = env.in_language(FRENCH).get_template("t.html")
    with pytest.raises(KeyError) as raised:
        template.render()
    # pytest counts a traceback's lines from 0 (test_renderer.py checks the message).
    lines = [f.lineno + 1 for f in raised.traceback if str(f.path).endswith("t.html")]
    assert lines == [2]


def test_layouts_compiled_ahead_with_all_they_use_are_not_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled: list[str] = []
    compile_layout = LayoutsEnvironment.compile

    def counted(self: LayoutsEnvironment, source: str, name: str, *rest: Any) -> Any:
        compiled.append(name)
        return compile_layout(self, source, name, *rest)

    monkeypatch.setattr(LayoutsEnvironment, "compile", counted)
    env = make_environment(Theme.for_project(REPO / "layouts"))
    # A catalog no other test has: nothing of it is compiled yet in this process.
    words = Messages("fr", {"Search": str(tmp_path)})
    compile_ahead(env, [(words, "scenario.html"), (words, "no-such.html")])
    assert sorted(compiled) == ["_letter.html", "_macros.html", "base.html", "scenario.html"]
    compiled.clear()
    env.in_language(words).get_template("base.html")
    compile_ahead(env, [(words, "scenario.html")])
    assert compiled == []


def test_a_layout_that_cannot_compile_is_left_to_its_page(tmp_path: Path) -> None:
    env = _environment(tmp_path, "{% if %}")
    compile_ahead(env, [(FRENCH, "t.html")])  # no error: the page reports it, at its line
    with pytest.raises(jinja2.TemplateSyntaxError):
        env.in_language(FRENCH).get_template("t.html")


FRENCH_PACK = "title: Paquet\nsummary: Des lettres.\nlanguage: fr\n"
CATALOG = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgid "Search"\nmsgstr "{}"\n'
)


def _french_project(project: Project, search: str) -> str:
    project.add_scenario()
    project.write("content/letters/_pack.yaml", FRENCH_PACK)
    project.write("layouts/locale/fr.po", CATALOG.format(search))
    return "letters/close-second.html"


def test_a_changed_catalog_changes_the_pages_of_a_build_in_the_same_process(
    project: Project,
) -> None:
    page = _french_project(project, "Chercher")
    project.build()
    assert ">Chercher</a>" in (project.site / page).read_text(encoding="utf-8")
    project.write("layouts/locale/fr.po", CATALOG.format("Rechercher"))
    project.build()
    html = (project.site / page).read_text(encoding="utf-8")
    assert ">Rechercher</a>" in html and ">Chercher</a>" not in html


def test_serve_shows_a_changed_catalog(project: Project) -> None:
    page = _french_project(project, "Chercher")
    builder = IncrementalBuilder(project.root)
    assert ">Chercher</a>" in builder.build().files[page].decode()
    project.write("layouts/locale/fr.po", CATALOG.format("Rechercher"))
    again = builder.build()
    assert ">Rechercher</a>" in again.files[page].decode() and page in again.changed
    assert ">Rechercher</a>" in again.files["letters/index.html"].decode()


def test_a_build_compiles_nothing_its_last_build_compiled_unless_something_changed(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _french_project(project, "Chercher")
    project.build()
    compiled: list[str] = []
    compile_layout = LayoutsEnvironment.compile

    def counted(self: LayoutsEnvironment, source: str, name: str, *rest: Any) -> Any:
        compiled.append(f"{self.words.language if self.words else ''}:{name}")
        return compile_layout(self, source, name, *rest)

    def next_build() -> str:
        # In a process of its own: nothing compiled in memory.
        monkeypatch.setattr(renderer, "COMPILED", CompiledLayouts())
        compiled.clear()
        project.build()
        return (project.site / page).read_text(encoding="utf-8")

    monkeypatch.setattr(LayoutsEnvironment, "compile", counted)
    letter = project.root / "content/letters/close-second.yaml"
    letter.write_text(letter.read_text().replace("Close second", "Second"), encoding="utf-8")
    assert "<h1>Second</h1>" in next_build()
    assert compiled == []
    project.write("layouts/locale/fr.po", CATALOG.format("Rechercher"))
    assert ">Rechercher</a>" in next_build()
    assert compiled and all(name.startswith("fr:") for name in compiled)
    project.write("layouts/robots.txt", "User-agent: *\n")
    next_build()
    assert "en:robots.txt" in compiled
    monkeypatch.setattr(signed, "code_fingerprint", lambda: "another version of sincerely")
    assert ">Rechercher</a>" in next_build() and "fr:scenario.html" in compiled
