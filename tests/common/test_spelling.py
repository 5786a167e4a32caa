"""One variety of English: the other variety's spellings are warnings, located."""

from __future__ import annotations

import pytest

from sincerely.common.spelling import other_spellings

from ..conftest import MINIMAL_SCENARIO, Project


@pytest.mark.parametrize(
    ("language", "text", "flagged"),
    [
        ("en-GB", "We organized the color scheme.", ["organized", "color"]),
        ("en-GB", "The organisation's colour.", []),
        ("en-GB", "UTSA Career Center, and Color Me Beautiful.", []),  # names keep theirs
        ("en-US", "We organised the colour scheme.", ["organised", "colour"]),
        ("en", "We organized the colour scheme.", []),  # no variety chosen: nothing judged
        ("en-GB", "disorganized, recolor", []),  # not the listed words themselves
    ],
)
def test_the_other_varietys_words_are_found(language: str, text: str, flagged: list[str]) -> None:
    assert [word for _, word, _ in other_spellings(text, language)] == flagged


def test_a_scenario_page_and_pack_are_held_to_the_gallerys_variety(project: Project) -> None:
    project.write("pyproject.toml", '[tool.sincerely]\nlanguage = "en-GB"\n')
    project.add_scenario(
        text=MINIMAL_SCENARIO.replace("Short and sincere.", "Thank the organization.")
    )
    project.write("content/letters/_pack.yaml", "title: Test\nsummary: Letters we favor.\n")
    project.write("content/about.md", "---\ntitle: About\n---\n\nOur favorite letters.\n")
    said = [d.format(project.root) for d in project.check().warnings]
    assert said == [
        "content/about.md:5:5: warning: 'favorite' is American spelling, and this gallery is "
        "written in British English (language en-GB): write 'favourite'",
        "content/letters/_pack.yaml:2:21: warning: 'favor' is American spelling, and this "
        "gallery is written in British English (language en-GB): write 'favour'",
        "content/letters/close-second.yaml:26:23: warning: 'organization' is American "
        "spelling, and this gallery is written in British English (language en-GB): write "
        "'organisation'",
    ]
