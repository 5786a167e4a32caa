"""The site's pages, kind by kind: each page's template, path, title and language, where
each blank's input stands on a letter's page, and which pages search engines list."""

from __future__ import annotations

from pathlib import Path

from sincerely.load.loader import load_site
from sincerely.model.config import load_config
from sincerely.model.site import Site
from sincerely.render import pages
from sincerely.render.kinds import KINDS
from sincerely.render.navigation import neighbours
from sincerely.theming.theme import bundled_theme_dir

from ..conftest import MINIMAL_SCENARIO, PACK_YAML, Project

NOTE = (
    MINIMAL_SCENARIO.replace("channel: email", "channel: note\ntags: [thanks]")
    .replace("  subject: Thank you, {manager_name}\n", "")
    .replace("title: Close second", "title: A card")
)
# A field no text uses (shown first), and a subject that uses the first blank.
UNUSED = MINIMAL_SCENARIO.replace(
    "fields:\n",
    "fields:\n  - id: recipient_email\n    label: Their email\n    example: a@b.org\n"
    "    hint: Where it goes.\n    kind: email\n    per_recipient: true\n",
)


def _site(project: Project, base_url: str | None = None) -> Site:
    site, diagnostics = load_site(load_config(project.root, base_url=base_url))
    assert not diagnostics.has_errors, diagnostics.items
    return site


def _gallery(project: Project) -> Project:
    project.add_scenario("close-second", UNUSED)
    project.add_scenario("a-card", NOTE)
    project.write("content/lettres/_pack.yaml", PACK_YAML + "language: fr\n")
    project.write(
        "content/lettres/deuxieme.yaml",
        MINIMAL_SCENARIO.replace("title: Close second", "title: Deuxième")
        + "translation_of: letters/close-second\n",
    )
    project.write("content/about.md", "---\ntitle: About\n---\nAbout us.\n")
    return project


def test_every_page_the_theme_can_make_is_a_kind_the_reference_describes() -> None:
    layouts = {
        p.name
        for p in bundled_theme_dir().iterdir()
        if p.is_file() and not p.name.startswith(("_", "base."))
    }
    assert layouts == set(KINDS)


def test_the_home_page_is_titled_by_its_intro_or_the_site(project: Project) -> None:
    _gallery(project)
    project.write(
        "pyproject.toml", '[tool.sincerely]\ntitle = "Letters"\ndescription = "Kind words."\n'
    )
    home = pages.home(_site(project))
    assert (home.template, home.path, home.title, home.description) == (
        "home.html", "index.html", "Letters", "Kind words.",
    )  # fmt: skip
    project.write("content/index.md", "---\ntitle: Welcome\n---\nHello.\n")
    assert pages.home(_site(project)).title == "Welcome"


def test_a_packs_pages_are_in_its_language(project: Project) -> None:
    site = _site(_gallery(project))
    french = next(p for p in site.packs if p.slug == "lettres")
    assert pages.pack_page(site, french).language == "fr"
    around = neighbours(site)
    letter = french.scenarios[0]
    spec = pages.scenario_page(site, letter, french, around[letter.url], {})
    assert (spec.path, spec.language, spec.template) == (letter.url, "fr", "scenario.html")


def test_a_letters_page_links_its_downloads_with_their_sizes_and_its_translations(
    project: Project,
) -> None:
    site = _site(_gallery(project))
    english = next(p for p in site.packs if p.slug == "letters")
    letter = next(s for s in english.scenarios if s.slug == "close-second")
    links = [
        pages.Download("txt", "letters/close-second-template.txt", 12, "Plain text"),
        pages.Download("docx", "letters/close-second-template.docx", 4321, "Word"),
    ]
    spec = pages.scenario_page(site, letter, english, neighbours(site)[letter.url], links)
    # Each link as the layout unpacks it (kind, path, size), in the order given.
    assert [tuple(d) for d in spec.values["downloads"]] == [
        ("txt", "letters/close-second-template.txt", 12),
        ("docx", "letters/close-second-template.docx", 4321),
    ]
    (french,) = spec.values["translations"]  # the other language, never the letter itself
    assert (french.language, french.name, french.url) == ("fr", "Français", "lettres/deuxieme.html")


def test_each_blank_is_typed_beside_the_first_text_that_uses_it(project: Project) -> None:
    site = _site(_gallery(project))
    letter = next(s for s in site.scenarios() if s.slug == "close-second")
    places = {place: [f.id for f in fields] for place, fields in pages.field_places(letter).items()}
    # The To: address, in no text, comes first; the subject's blank beside the subject.
    assert places == {"start": ["recipient_email"], "subject": ["manager_name"], "2": ["your_name"]}


def test_tag_and_channel_pages_count_their_letters(project: Project) -> None:
    site = _site(_gallery(project))
    (tag,) = pages.tag_pages(site)
    assert (tag.path, tag.title) == ("tags/thanks.html", "Letters tagged “thanks”")
    assert tag.description == "Letters tagged “thanks”: 1 annotated letter template."
    channels = {spec.path: spec.description for spec in pages.channel_pages(site)}
    assert channels == {
        "channels/email.html": "Letters sent as an email: 2 annotated letter templates.",
        "channels/note.html": "Letters sent as a note: 1 annotated letter template.",
    }


def test_only_pages_with_content_of_their_own_are_listed_for_search_engines(
    project: Project,
) -> None:
    site = _site(_gallery(project))
    assert pages.markdown_page(site.pages[0]).indexed
    assert not pages.search(site).indexed and not pages.not_found(site).indexed
    assert pages.sitemap(site, ["index.html"]) is None  # no base_url, no absolute address
    listed = _site(project, base_url="https://example.org/letters/")
    sitemap = pages.sitemap(listed, ["index.html", "about.html"])
    assert sitemap is not None and sitemap.values["pages"] == ["index.html", "about.html"]


def test_the_404_page_links_from_the_sites_root_at_any_depth(project: Project) -> None:
    site = _site(_gallery(project))
    assert pages.not_found(site).root == "/"
    hosted = _site(project, base_url="https://example.org/letters/")
    assert pages.not_found(hosted).root == "https://example.org/letters/"
    assert Path(pages.robots().path).name == "robots.txt"
