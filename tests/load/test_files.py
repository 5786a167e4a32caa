"""The other files of content/, published as they are at their paths, as MkDocs does."""

from __future__ import annotations

import pytest

from sincerely.common.errors import BuildError
from sincerely.load.files import holds_content

from ..conftest import MINIMAL_SCENARIO, Project

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_a_cname_and_a_packs_pdf_are_published_at_their_paths(scenario_project: Project) -> None:
    scenario_project.write("content/CNAME", "letters.example.org\n")
    scenario_project.write("content/letters/broschuere.pdf", PDF)
    scenario_project.write("content/letters/img/diagram.png", b"\x89PNG\r\n\x1a\n")
    scenario_project.write("content/downloads/guide.pdf", PDF)  # a folder of files alone
    result = scenario_project.build()
    site = scenario_project.site
    assert (site / "CNAME").read_text(encoding="utf-8") == "letters.example.org\n"
    assert (site / "letters/broschuere.pdf").read_bytes() == PDF
    assert (site / "letters/img/diagram.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
    assert (site / "downloads/guide.pdf").read_bytes() == PDF
    assert result.warnings == ()


def test_what_is_hidden_kept_aside_an_editors_or_content_is_not_published(
    scenario_project: Project,
) -> None:
    for name in (
        "content/.htaccess",
        "content/letters/.DS_Store",
        "content/letters/broschuere.pdf~",
        "content/letters/#notes.txt#",
        "content/letters/.close-second.yaml.swp",
        "content/_drafts/idea.txt",
        "content/letters/_old/brochure.pdf",
        "content/letters/img/.hidden.png",
    ):
        scenario_project.write(name, "not for readers")
    scenario_project.write("content/letters/img/shown.png", "a picture")
    result = scenario_project.build()
    assert [f.path for f in result.site.files] == ["letters/img/shown.png"]
    site = scenario_project.site
    published = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert not any(
        part.startswith((".", "_", "#")) or part.endswith("~")
        for path in published - {"_sources/letters/close-second.yaml.txt", ".sincerely-build"}
        for part in path.split("/")
    ), sorted(published)
    # No copy of a letter either: its YAML is published only as its page's source.
    assert "letters/close-second.yaml" not in published


def test_a_file_where_the_site_makes_its_own_is_an_error_at_the_file(
    scenario_project: Project,
) -> None:
    scenario_project.write("content/robots.txt", "User-agent: *\n")
    with pytest.raises(BuildError) as caught:
        scenario_project.check()
    (problem,) = caught.value.diagnostics
    assert problem.format(scenario_project.root) == (
        "content/robots.txt: error: the site makes 'robots.txt' itself, and this file "
        "would take its place; rename it (to change what the site makes, override its "
        "layout: see docs/theming.md)"
    )


def test_a_folder_is_content_when_it_holds_a_letter_or_a_page(project: Project) -> None:
    project.write("content/files/guide.pdf", PDF)
    project.write("content/files/_drafts/x.yaml", MINIMAL_SCENARIO)  # kept aside
    assert not holds_content(project.root / "content/files")
    project.write("content/files/deep/x.yaml", MINIMAL_SCENARIO)
    assert holds_content(project.root / "content/files")
