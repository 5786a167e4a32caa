"""Problems for people, for GitHub Actions, and for other tools."""

from __future__ import annotations

import json

from ..conftest import MINIMAL_SCENARIO, Project

THREE_MISTAKES = (
    MINIMAL_SCENARIO.replace("channel: email", "channel: e-mail")
    .replace("    example: Ms. Okafor\n", "    exmple: Ms. Okafor\n")
    .replace("        {your_name}", "        {yuor_name}")
)


def test_three_mistakes_give_three_annotations_on_their_lines(project: Project) -> None:
    project.add_scenario("contribution", THREE_MISTAKES)
    done = project.cli("check", "-W", "--format", "github")
    assert done.returncode == 1
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::")]
    path = "content/letters/contribution.yaml"
    assert annotations == [
        f"::error file={path},line=5,col=10::'channel' must be one of email, letter, note, message "
        "(got 'e-mail') (did you mean 'email'?)",
        f"::error file={path},line=9,col=5::unknown key 'exmple' (did you mean 'example'?)",
        f"::error file={path},line=25,col=9::placeholder {{yuor_name}} names no field "
        "(did you mean {your_name}?); fix the name or add the field",
    ]


def test_annotation_text_is_escaped(project: Project) -> None:
    project.add_scenario("odd", MINIMAL_SCENARIO.replace("channel: email", 'channel: "50%,\\nx"'))
    done = project.cli("check", "--format", "github")
    (line,) = [x for x in done.stdout.splitlines() if x.startswith("::error")]
    assert "(got '50%25,%0Ax')" in line


def test_json_is_one_document_on_standard_output(project: Project) -> None:
    project.add_scenario("contribution", THREE_MISTAKES)
    done = project.cli("check", "--format", "json")
    assert done.returncode == 1
    document = json.loads(done.stdout)
    assert document["ok"] is False and document["errors"] == 3 and document["warnings"] == 0
    first = document["diagnostics"][0]
    assert first == {
        "file": "content/letters/contribution.yaml",
        "line": 5,
        "column": 10,
        "severity": "error",
        "message": "'channel' must be one of email, letter, note, message (got 'e-mail') "
        "(did you mean 'email'?)",
    }


def test_json_on_success_lists_warnings(scenario_project: Project) -> None:
    scenario_project.add_scenario(
        "hintless", MINIMAL_SCENARIO.replace("    hint: As you sign your emails.\n", "")
    )
    done = scenario_project.cli("check", "--format", "json")
    assert done.returncode == 0
    document = json.loads(done.stdout)
    assert (document["ok"], document["errors"], document["warnings"]) == (True, 0, 1)
