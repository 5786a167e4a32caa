"""The site as outputs: every file a gallery's site has, each made from what it shows, and
the archives from the downloads; check renders the very files build writes."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from sincerely.build.builders import run
from sincerely.build.outputs import site_jobs
from sincerely.build.parallel import share_out
from sincerely.common import urls
from sincerely.downloads.formats import FORMATS
from sincerely.load.loader import load_site
from sincerely.model.config import load_config
from sincerely.render.renderer import make_environment
from sincerely.theming.theme import Theme, bundled_theme_dir

from ..conftest import MINIMAL_SCENARIO, PACK_YAML, Project, tree

BASE_URL = "https://example.org/letters/"
NOTE = (
    MINIMAL_SCENARIO.replace("channel: email", "channel: note\ntags: [final-round]")
    .replace("  subject: Thank you, {manager_name}\n", "")
    .replace("title: Close second", "title: Letter B")
)
FRENCH = MINIMAL_SCENARIO.replace("title: Close second", "title: Deuxième choix")


def _gallery(project: Project) -> Project:
    """Two packs (one in French), an email and a note, a tag, a page, and a stylesheet of
    the owner's own."""
    project.add_scenario("a")
    project.add_scenario("b", NOTE)
    project.write("content/lettres/_pack.yaml", PACK_YAML + "language: fr\n")
    project.write("content/lettres/c.yaml", FRENCH)
    project.write("content/about.md", "---\ntitle: About\n---\nAbout us.\n")
    project.write("assets/own.css", ".letter { margin: 0; }\n")
    project.write(
        "pyproject.toml", '[tool.sincerely]\ntitle = "Letters"\nextra_css = ["assets/own.css"]\n'
    )
    return project


@pytest.fixture
def gallery(project: Project) -> Project:
    return _gallery(project)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The gallery, built once with a base URL, for the tests that only read its site."""
    project = _gallery(Project(tmp_path_factory.mktemp("outputs") / "project"))
    run(project.root, base_url=BASE_URL)
    return project.site


def _files(site: Path) -> set[str]:
    return set(tree(site)) - {".sincerely-build"}  # the marker: this folder is a site


def _letter_files(pack: str, slug: str) -> set[str]:
    return {urls.scenario(pack, slug), urls.source_copy(pack, slug)} | {
        urls.download(pack, slug, f.suffix) for f in FORMATS
    }


def test_a_site_has_every_page_every_letters_files_and_every_archive(built: Path) -> None:
    theme = {urls.static(p.name) for p in (bundled_theme_dir() / "static").iterdir()}
    stemmers = {urls.stemmer(name) for name in ("base.js", "english.js", "french.js")}
    assert _files(built) == {
        urls.HOME,
        urls.SEARCH,
        urls.NOT_FOUND,
        urls.ROBOTS,
        urls.SITEMAP,
        urls.SEARCH_INDEX,
        urls.SCHEMA,
        urls.GALLERY_ZIP,
        urls.page("about"),
        urls.pack("letters"),
        urls.pack("lettres"),
        urls.pack_zip("letters"),
        urls.pack_zip("lettres"),
        urls.search_shard("letters"),
        urls.search_shard("lettres"),
        urls.coach("letters"),  # each pack's letter coach
        urls.coach("lettres"),
        urls.channel("email"),
        urls.channel("note"),
        urls.tag("final-round"),
        *_letter_files("letters", "a"),
        *_letter_files("letters", "b"),
        *_letter_files("lettres", "c"),
        *theme,
        urls.static("docx-parts.js"),  # the Word file's parts, for the letter page
        *stemmers,
        urls.stemmer("COPYING.txt"),
        urls.own("assets/own.css"),
    }


def test_the_search_page_gets_the_stemmers_of_the_letters_languages_alone(
    gallery: Project,
) -> None:
    gallery.build()
    assert (gallery.site / urls.stemmer("french.js")).is_file()
    shutil.rmtree(gallery.root / "content/lettres")
    gallery.build()
    stemmers = {p.name for p in (gallery.site / urls.stemmer("")).iterdir()}
    assert stemmers == {"base.js", "english.js", "COPYING.txt"}


def test_the_sitemap_lists_the_pages_search_engines_should_list(built: Path) -> None:
    sitemap = (built / urls.SITEMAP).read_text(encoding="utf-8")
    listed = (urls.HOME, "letters/a.html", "lettres/c.html", "about.html", "tags/final-round.html")
    for path in listed:
        assert f"<loc>{BASE_URL}{path}</loc>" in sitemap, path
    for path in (urls.SEARCH, urls.NOT_FOUND):
        assert f"<loc>{BASE_URL}{path}</loc>" not in sitemap, path


def test_without_a_base_url_there_is_no_sitemap(gallery: Project) -> None:
    gallery.build()
    assert not (gallery.site / urls.SITEMAP).exists()
    assert (gallery.site / urls.ROBOTS).is_file()


def test_check_renders_the_very_files_build_writes(gallery: Project) -> None:
    checked = gallery.check()
    assert not gallery.site.exists()
    written = gallery.build()
    assert checked.file_count == written.file_count == len(_files(gallery.site))


def test_each_packs_zip_holds_its_letters_downloads_and_the_gallerys_every_pack(
    built: Path,
) -> None:
    everything = zipfile.ZipFile(built / urls.GALLERY_ZIP)
    held: dict[str, bytes] = {}
    for pack, slugs in (("letters", ("a", "b")), ("lettres", ("c",))):
        archive = zipfile.ZipFile(built / urls.pack_zip(pack))
        for slug in slugs:
            for kind, path in ((f.suffix, urls.download(pack, slug, f.suffix)) for f in FORMATS):
                entry = f"{pack}/{slug}.{kind}"
                assert archive.read(entry) == (built / path).read_bytes()
        held |= {name: archive.read(name) for name in archive.namelist()}
    assert {name: everything.read(name) for name in everything.namelist()} == held


def test_a_letters_page_is_made_again_when_its_neighbour_is_retitled(gallery: Project) -> None:
    # Letter a's page links to the next letter, b, by its title: it is made from b too.
    gallery.build()
    path = gallery.root / "content/letters/b.yaml"
    path.write_text(NOTE.replace("title: Letter B", "title: The runner-up"), encoding="utf-8")
    again = gallery.build()
    assert again.reused > 0  # other files were brought over: the question was open
    page = (gallery.site / "letters/a.html").read_text(encoding="utf-8")
    assert "The runner-up" in page and "Letter B" not in page


def test_two_workers_share_the_letters_rather_than_one_taking_the_site_pages(
    project: Project,
) -> None:
    # Every page a gallery has, over 30 letters: the search index, the home page and the
    # listings are worth what they cost, not one letter's page each letter they show.
    for n in range(30):
        title = f"title: Letter {n}"
        project.add_scenario(
            f"letter-{n:02}", MINIMAL_SCENARIO.replace("title: Close second", title)
        )
    config = load_config(project.root)
    site, _ = load_site(config)
    theme = Theme.for_project(config.layouts_dir)
    shares = share_out(site_jobs(site, make_environment(theme), theme), 2)
    letters = [sum(job.path.startswith("letters/letter-") for job in s) for s in shares]
    assert min(letters) >= 12, letters
