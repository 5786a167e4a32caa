"""The bundled theme ships inside the wheel, so an installed sincerely builds anywhere."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml

from sincerely.cli.scaffold import init_gallery
from sincerely.load.loader import load_site
from sincerely.model.config import load_config
from sincerely.render import kinds, pages
from sincerely.render.layouts import layouts_reference
from sincerely.render.navigation import neighbours
from sincerely.render.reference import EVERY_PAGE
from sincerely.render.renderer import PageRenderer, make_environment
from sincerely.theming.minify import compact
from sincerely.theming.theme import Theme, bundled_theme_dir

from ..conftest import REPO, Project, theme_seen_with


def test_in_a_checkout_the_bundled_theme_is_the_repository_layouts() -> None:
    assert bundled_theme_dir() == REPO / "layouts"


def test_a_project_without_layouts_uses_only_the_bundled_theme(project: Project) -> None:
    assert Theme.for_project(project.root / "layouts").folders == (REPO / "layouts",)


def test_the_wheel_carries_the_theme_and_builds_from_any_folder(
    scenario_project: Project, tmp_path: Path, wheel: Path
) -> None:
    installed = tmp_path / "installed"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(installed)
    theme_files = {n.removeprefix("sincerely/theme/") for n in names if "/theme/" in n}
    in_repo = {p.relative_to(REPO / "layouts").as_posix() for p in (REPO / "layouts").rglob("*")}
    assert theme_files == {n for n in in_repo if (REPO / "layouts" / n).is_file()}

    env = {**os.environ, "PYTHONPATH": str(installed)}
    assert theme_seen_with(env) == installed / "sincerely" / "theme"
    subprocess.run(
        [sys.executable, "-m", "sincerely", "build", "-q"],
        cwd=scenario_project.root,
        env=env,
        check=True,
    )
    css = (REPO / "layouts/static/site.css").read_bytes()
    assert (scenario_project.site / "static" / "site.css").read_bytes() == compact("x.css", css)


# Words of this gallery's subject. The theme, and what the tool writes into a new
# gallery, serve galleries of any letters: offers, resignations, references.
OUR_SUBJECT = re.compile(
    r"\b(reject\w*|turned down|hiring|employer\w*|job|jobs|recruit\w*|candidate\w*|"
    r"referee\w*|runner-up|interview\w*)\b",
    re.IGNORECASE,
)
STARTER = REPO / "src/sincerely/starter"
# The example letter a new gallery starts with is content, the owner's to replace.
NEUTRAL_FILES = [
    # Every file but the theme's pictures (static/favicon.png), which have no words.
    *(p for p in (REPO / "layouts").rglob("*") if p.is_file() and p.suffix != ".png"),
    *(p for p in STARTER.rglob("*") if p.is_file() and "content" not in p.parts),
]


def _allowed(path: Path, text: str, match: re.Match[str]) -> bool:
    """A workflow's "jobs:" is GitHub's word; search.js's comments explain stemming
    with an example word."""
    if path.suffix == ".yml" and text[match.start() : match.end() + 1] == "jobs:":
        return True
    line_start = text.rfind("\n", 0, match.start())
    return path.name == "search.js" and "//" in text[line_start : match.start()]


def test_the_theme_and_the_starters_speak_of_no_subject_of_ours() -> None:
    found = [
        f"{path.relative_to(REPO)}:{text.count(chr(10), 0, match.start()) + 1}: {match[0]}"
        for path in NEUTRAL_FILES
        for text in [path.read_text(encoding="utf-8")]
        for match in OUR_SUBJECT.finditer(text)
        if not _allowed(path, text, match)
    ]
    assert found == []


def _sentences(text: str) -> set[str]:
    """The sentences of some prose, as plain words: five words or more, so that a phrase
    any letter might use ("Thank you for your time") is not taken for ours."""
    words = re.sub(r"[*_`>#\[\]()]", " ", text)
    pieces = re.split(r"(?<=[.!?])\s+|\n\s*\n", words)
    return {" ".join(p.split()) for p in pieces if len(p.split()) >= 5}


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    return []


def test_a_new_gallery_shows_none_of_this_gallerys_words(project: Project) -> None:
    ours: set[str] = set()
    for path in (REPO / "content").rglob("*"):
        if path.suffix == ".yaml":
            for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
                ours |= _sentences(text)
        elif path.suffix == ".md":
            ours |= _sentences(path.read_text(encoding="utf-8").split("---", 2)[-1])
    assert len(ours) > 500  # the gallery's prose, sentence by sentence
    # The new gallery's example content is its own: only what the theme adds counts.
    for path in (STARTER / "gallery/content").rglob("*.*"):
        text = path.read_text(encoding="utf-8")
        given = _strings(yaml.safe_load(text)) if path.suffix == ".yaml" else [text]
        ours -= {sentence for part in given for sentence in _sentences(part)}
    init_gallery(project.root)
    project.build()
    shown = ""
    for page in sorted(project.site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", " ", html)
        shown += " ".join(text.split()) + "\n"
    assert [sentence for sentence in sorted(ours) if sentence in shown] == []


def test_the_theming_guide_carries_the_generated_layouts_reference() -> None:
    text = (REPO / "docs/theming.md").read_text(encoding="utf-8")
    start = text.index("<!-- layouts-reference:start -->\n") + len(
        "<!-- layouts-reference:start -->\n"
    )
    end = text.index("<!-- layouts-reference:end -->")
    assert text[start:end] == layouts_reference(), (
        "docs/theming.md's layouts reference is stale: paste 'sincerely theme reference'"
    )


def test_every_kind_of_page_is_given_what_the_reference_says(repo_site: Path) -> None:

    config = load_config(REPO, base_url="https://example.org/")
    site = load_site(config)[0]
    pack = site.packs[0]
    scenario = pack.scenarios[0]
    around = neighbours(site)[scenario.url]
    specs = [
        pages.home(site),
        pages.pack_page(site, pack),
        pages.scenario_page(site, scenario, pack, around, []),
        next(pages.tag_pages(site)),
        pages.markdown_page(site.pages[0]),
        pages.search(site),
        pages.not_found(site),
        pages.sitemap(site, ["index.html"]),
        pages.robots(),
    ]
    renderer = PageRenderer(site, make_environment(Theme.for_project(config.layouts_dir)))
    for spec in specs:
        assert set(spec.values) == set(kinds.KINDS[spec.template].values), spec.template
        given = renderer.context(spec, dict(spec.values))
        assert set(given) == set(EVERY_PAGE) | set(spec.values), spec.template
