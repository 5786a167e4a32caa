"""Tags in the letters' language: slugs spelt as the pack's language spells them, one
spelling of a tag a language, and the spelling shown where the tag is."""

from __future__ import annotations

import pytest

from sincerely.common.errors import BuildError

from ..conftest import MINIMAL_SCENARIO, PACK_YAML, Project


def _tagged(tags: str, title: str = "Close second") -> str:
    return MINIMAL_SCENARIO.replace("channel: email", f"channel: email\ntags: {tags}").replace(
        "title: Close second", f"title: {title}"
    )


def test_a_german_tag_has_a_german_slug_and_is_shown_as_written(project: Project) -> None:
    project.write("pyproject.toml", '[tool.sincerely]\nlanguage = "de"\n')
    project.write("content/nachfassen/_pack.yaml", PACK_YAML)
    project.write("content/nachfassen/danke.yaml", _tagged("[Rückmeldung, Absage]"))
    result = project.build()
    (scenario,) = result.site.scenarios()
    assert [(t, t.label) for t in scenario.tags] == [
        ("rueckmeldung", "Rückmeldung"),
        ("absage", "Absage"),
    ]
    page = (project.site / "tags" / "rueckmeldung.html").read_text(encoding="utf-8")
    assert "<h1>Briefe zum Thema „Rückmeldung“</h1>" in page
    assert "<title>Briefe zum Thema „Rückmeldung“" in page
    letter = (project.site / "nachfassen" / "danke.html").read_text(encoding="utf-8")
    assert '<a href="../tags/rueckmeldung.html">Rückmeldung</a>' in letter
    home = (project.site / "index.html").read_text(encoding="utf-8")
    assert 'data-value="rueckmeldung">Rückmeldung</a>' in home


def test_another_language_spells_the_same_words_its_own_way(project: Project) -> None:
    project.write("content/a/_pack.yaml", PACK_YAML + "language: fr\n")
    project.write("content/a/lettre.yaml", _tagged("[Rückmeldung]"))
    (scenario,) = project.build().site.scenarios()
    assert scenario.tags == ("ruckmeldung",)


def test_two_spellings_of_a_tag_in_one_language_are_an_error_where_the_second_is(
    project: Project,
) -> None:
    project.write("content/letters/_pack.yaml", PACK_YAML)
    project.write("content/letters/a.yaml", _tagged("[Final round]", "A"))
    project.write("content/letters/b.yaml", _tagged("[networking, final-round]", "B"))
    with pytest.raises(BuildError) as raised:
        project.check()
    (problem,) = raised.value.diagnostics
    assert problem.location.path.name == "b.yaml"
    assert (problem.location.line, problem.location.column) == (6, 20)
    assert problem.message == (
        "tag 'final-round' is written 'Final round' in content/letters/a.yaml; letters of "
        "one language write a tag one way, as its chips and page show it: write it the "
        "same way in both"
    )


def test_each_language_may_write_a_tag_its_own_way(project: Project) -> None:
    project.write("content/letters/_pack.yaml", PACK_YAML)
    project.write("content/letters/a.yaml", _tagged("[Resume]", "A"))
    project.write("content/lettres/_pack.yaml", PACK_YAML + "language: fr\n")
    project.write("content/lettres/b.yaml", _tagged("[Résumé]", "B"))
    site = project.build().site
    (tag,) = site.tags
    assert (tag, tag.label) == ("resume", "Resume")  # the site's language first
    assert [s.slug for s in site.tags[tag]] == ["a", "b"]


def test_a_tag_written_as_a_slug_reads_as_before(scenario_project: Project) -> None:
    scenario_project.write(
        "content/letters/close-second.yaml", _tagged("[final-round, networking]")
    )
    scenario_project.build()
    page = (scenario_project.site / "tags" / "final-round.html").read_text(encoding="utf-8")
    assert "<h1>Letters tagged “final-round”</h1>" in page
