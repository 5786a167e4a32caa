"""Loading content: the broken-file corpus, and the rules that span files and folders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sincerely.common.errors import BuildError

from ..conftest import MINIMAL_SCENARIO, PACK_YAML, TESTS, Project

BROKEN = TESTS / "cases" / "broken"
# A case in a folder named by a language (de/) is loaded in a pack of that language.
CASES = sorted(p for p in BROKEN.glob("**/*") if p.suffix in (".yaml", ".yml"))
EXPECT = re.compile(rb"^# expect: (.*)$", re.MULTILINE)


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize(
    "case", CASES, ids=[c.relative_to(BROKEN).with_suffix("").as_posix() for c in CASES]
)
def test_broken_file_gives_exactly_its_expected_messages(project: Project, case: Path) -> None:
    data = case.read_bytes()
    expected = [m.decode("utf-8") for m in EXPECT.findall(data)]
    assert expected, f"{case.name} has no '# expect:' line"
    language = "" if case.parent == BROKEN else f"language: {case.parent.name}\n"
    project.write("content/letters/_pack.yaml", PACK_YAML + language)
    target = project.write(f"content/letters/{case.name}", data)

    actual = []
    for diagnostic in project.diagnostics():
        text = diagnostic.format(relative_to=target.parent)
        assert text.startswith(f"{case.name}:"), f"a message about another file: {text}"
        actual.append(text.removeprefix(f"{case.name}:").lstrip())
    assert actual == expected


def test_a_valid_scenario_loads_into_the_model(scenario_project: Project) -> None:
    result = scenario_project.check()
    assert result.warnings == ()
    (pack,) = result.site.packs
    (scenario,) = pack.scenarios
    assert (scenario.pack, scenario.slug, scenario.channel) == ("letters", "close-second", "email")
    assert [f.id for f in scenario.fields] == ["manager_name", "your_name"]
    assert scenario.fields[1].sender and scenario.fields[1].autocomplete == "name"
    assert scenario.letter.blocks[1].text.fill({"your_name": "Sam"}).endswith("Best wishes,\nSam")


def test_errors_in_several_files_are_all_reported_in_one_pass(project: Project) -> None:
    project.add_scenario("one", MINIMAL_SCENARIO.replace("channel: email", "channel: fax"))
    project.add_scenario("two", MINIMAL_SCENARIO.replace("title: Close second", "title: no"))
    project.write("content/other/_pack.yaml", "title: [not text]\nsummary: S\n")
    messages = [d.format(project.root) for d in project.diagnostics()]
    assert messages == [
        "content/letters/one.yaml:5:10: error: 'channel' must be one of email, letter, note, "
        "message "
        "(got 'fax')",
        "content/letters/two.yaml:1:8: error: 'title' must be text (got no, which YAML reads "
        "as true/false); put it in quotes",
        "content/other/_pack.yaml:1:8: error: 'title' must be text (got a list)",
    ]


def test_scenarios_sort_by_order_then_title(project: Project) -> None:
    for slug, title, order in [("b", "Beta", 20), ("a", "Alpha", 20), ("c", "Gamma", 10)]:
        text = MINIMAL_SCENARIO.replace("title: Close second", f"title: {title}")
        project.add_scenario(
            slug, text.replace("channel: email", f"channel: email\norder: {order}")
        )
    (pack,) = project.check().site.packs
    assert [s.title for s in pack.scenarios] == ["Gamma", "Alpha", "Beta"]


def test_a_folder_without_pack_file_is_an_error(scenario_project: Project) -> None:
    scenario_project.write("content/drafts/x.yaml", MINIMAL_SCENARIO)
    (diagnostic,) = scenario_project.diagnostics()
    assert diagnostic.format(scenario_project.root).startswith(
        "content/drafts: error: folder has no _pack.yaml"
    )


def test_pack_folder_names_must_be_slugs(project: Project) -> None:
    project.write("content/My Pack/_pack.yaml", PACK_YAML)
    (diagnostic,) = project.diagnostics()
    assert "rename it to 'my-pack'" in diagnostic.message


def test_a_scenario_outside_a_pack_is_an_error(project: Project) -> None:
    project.write("content/loose.yaml", MINIMAL_SCENARIO)
    (diagnostic,) = project.diagnostics()
    assert diagnostic.message == "scenario files belong in a pack folder, like content/my-pack/"


def test_pages_have_front_matter_with_located_errors(scenario_project: Project) -> None:
    scenario_project.write("content/about.md", "---\ntitle: About\norder: first\n---\n# Hi\n")
    scenario_project.write("content/plain.md", "# No front matter\n")
    messages = [d.format(scenario_project.root) for d in scenario_project.diagnostics()]
    assert messages == [
        "content/about.md:3:8: error: 'order' must be a whole number (got text 'first')",
        "content/plain.md:1:1: error: a page starts with front matter: a line '---', "
        "then 'title: …', then '---'",
    ]


def test_index_md_is_the_home_introduction(scenario_project: Project) -> None:
    scenario_project.write("content/index.md", "---\ntitle: Welcome\n---\nHello *there*.\n")
    site = scenario_project.check().site
    assert site.intro is not None and site.intro.title == "Welcome"
    assert site.pages == ()


def test_a_page_may_not_share_a_packs_name(scenario_project: Project) -> None:
    scenario_project.write("content/letters.md", "---\ntitle: Letters\n---\n")
    (diagnostic,) = scenario_project.diagnostics()
    assert "same name as a pack" in diagnostic.message


def test_a_tag_used_once_and_close_to_a_common_one_is_a_warning(project: Project) -> None:
    tagged = MINIMAL_SCENARIO.replace("channel: email", "channel: email\ntags: [networking]")
    project.add_scenario("a", tagged)
    project.add_scenario("b", tagged)
    project.add_scenario("c", tagged.replace("[networking]", "[netwroking]"))
    (warning,) = project.check().warnings
    assert warning.message == "tag 'netwroking' is used only here (did you mean 'networking'?)"


def test_a_missing_content_folder_says_how_to_fix_it(project: Project) -> None:
    with pytest.raises(BuildError) as caught:
        project.check()
    assert "content folder not found" in caught.value.diagnostics[0].message


def test_a_todo_in_a_pack_or_a_page_is_a_warning(scenario_project: Project) -> None:
    scenario_project.write("content/letters/_pack.yaml", PACK_YAML + "intro: TODO say more\n")
    scenario_project.write("content/about.md", "---\ntitle: About TODO\n---\n\nHello.\n\nTODO\n")
    messages = [d.format(scenario_project.root) for d in scenario_project.check().warnings]
    todo = "warning: TODO left in the text; replace it with the words it stands for"
    assert messages == [
        f"content/about.md:2:14: {todo}",
        f"content/about.md:7:1: {todo}",
        f"content/letters/_pack.yaml:3:8: {todo}",
    ]
    with pytest.raises(BuildError):
        scenario_project.check(strict=True)


def test_an_image_in_a_page_is_a_located_warning(scenario_project: Project) -> None:
    scenario_project.write("content/about.md", "---\ntitle: About\n---\n\nSee ![the map](m.png).\n")
    (warning,) = scenario_project.check().warnings
    assert warning.format(scenario_project.root).startswith(
        "content/about.md:5:5: warning: an image in Markdown: pages show no images"
    )


def test_a_file_in_a_folder_inside_a_pack_is_not_silently_ignored(
    scenario_project: Project,
) -> None:
    scenario_project.write("content/letters/archive/old.yaml", "title: [broken\n")
    scenario_project.write("content/letters/archive/deeper/notes.md", "---\ntitle: N\n---\n")
    scenario_project.write("content/letters/_drafts/kept-aside.yaml", "title: [broken\n")
    warnings = scenario_project.check().warnings
    where = sorted(d.location.path.relative_to(scenario_project.root).as_posix() for d in warnings)
    assert where == ["content/letters/archive/deeper/notes.md", "content/letters/archive/old.yaml"]
    assert all(
        "ignored: scenario files go directly in the pack's folder" in d.message for d in warnings
    )
