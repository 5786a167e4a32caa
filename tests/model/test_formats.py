"""The published JSON Schema: in step with the loader, and true of all our content."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from sincerely.common.errors import BuildError
from sincerely.model.config import load_config
from sincerely.model.scenario import SCENARIO
from sincerely.model.schema import reference_markdown, schema_text

from ..conftest import REPO, Project
from ..helpers.spec_mutations import Mutation, mutations

SCHEMA_FILE = REPO / "schema" / "scenario.json"
VALIDATOR = jsonschema.Draft202012Validator(json.loads(schema_text()))
SCENARIOS = sorted(p for p in (REPO / "content").glob("*/*.yaml") if not p.name.startswith("_"))


def test_the_committed_schema_is_the_generated_one() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "schema/scenario.json is stale: run 'sincerely schema > schema/scenario.json'"
    )


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_text()))


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_content_scenario_satisfies_the_schema(path: Path) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [e.message for e in validator.iter_errors(document)] == []


EVERY_KEY = REPO / "tests/cases/valid/every-key.yaml"
MUTATIONS = list(mutations(SCENARIO, yaml.safe_load(EVERY_KEY.read_text(encoding="utf-8"))))


def _loader_says(project: Project, document: object) -> dict[str, list[str]]:
    """The loader's errors and warnings about a document, by severity."""
    project.add_scenario("mutated", yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
    try:
        diagnostics = project.check().warnings
    except BuildError as exc:
        diagnostics = exc.diagnostics
    said: dict[str, list[str]] = {"error": [], "warning": []}
    for d in diagnostics:
        said[d.severity.value].append(d.message)
    return said


def _loader_errors(project: Project, document: object) -> list[str]:
    return _loader_says(project, document)["error"]


def test_a_file_with_every_key_passes_the_loader_and_the_schema(project: Project) -> None:
    document = yaml.safe_load(EVERY_KEY.read_text(encoding="utf-8"))
    assert list(VALIDATOR.iter_errors(document)) == []
    assert _loader_errors(project, document) == []


def test_every_rule_of_the_spec_is_broken_by_some_mutation() -> None:
    assert len(MUTATIONS) > 60
    names = " ".join(m.name for m in MUTATIONS)
    for expected in (
        "sender and per_recipient together",
        "letter.subject missing",
        "letter.subject present",
        "options missing",
        "autocomplete present",
        "not an address",
        "too long",
        "off the pattern",
        "unknown key",
        "with the same id",
        "names no field",
        "no placeholder uses",
        "over 200 words",
        "note: missing",
        "hint: missing",
    ):
        assert expected in names, expected


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_the_loader_and_the_schema_both_refuse_each_broken_rule(
    project: Project, mutation: Mutation
) -> None:
    said = _loader_says(project, mutation.document)
    assert said[mutation.severity], f"the loader says nothing of a file whose {mutation.name}"
    if mutation.severity == "warning":
        assert said["error"] == [], f"a file whose {mutation.name} has errors: {said}"
    schema_errors = [e.message for e in VALIDATOR.iter_errors(mutation.document)]
    if mutation.schema:
        assert schema_errors, f"the schema accepts a file whose {mutation.name} ({said})"
    elif mutation.severity == "warning":
        assert schema_errors == [], f"the schema refuses what is only a warning: {mutation.name}"


URLS = [
    ("https://example.org/letters/", True),
    ("HTTPS://example.org/a", True),
    ("http://localhost:8000/x?y=1#z", True),
    ("ftp://example.org/", False),
    ("https://exa mple.org/", False),
    ("https://example.org/<script>", False),
    ("https:///path-only", False),
    ("javascript:alert(1)", False),
    ("//example.org/no-scheme", False),
]


@pytest.mark.parametrize(("url", "good"), URLS, ids=[u for u, _ in URLS])
def test_settings_scenarios_and_the_schema_judge_an_address_alike(
    project: Project, url: str, good: bool
) -> None:
    document = yaml.safe_load(EVERY_KEY.read_text(encoding="utf-8"))
    document["sources"][0]["url"] = url
    assert (list(VALIDATOR.iter_errors(document)) == []) is good, "the schema"
    assert (_loader_errors(project, document) == []) is good, "the loader"
    for key in ("base_url", "repo_url"):
        project.write("pyproject.toml", f'[tool.sincerely]\n{key} = "{url}"\n')
        try:
            load_config(project.root)
            accepted = True
        except BuildError:
            accepted = False
        assert accepted is good, key


def test_contributing_carries_the_generated_format_reference() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    start = text.index("<!-- format-reference:start -->\n") + len(
        "<!-- format-reference:start -->\n"
    )
    end = text.index("<!-- format-reference:end -->")
    assert text[start:end] == reference_markdown(), (
        "CONTRIBUTING.md's format reference is stale: paste 'sincerely schema --format markdown'"
    )
