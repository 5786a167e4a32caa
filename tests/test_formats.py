"""The published JSON Schema: in step with the loader, and true of all our content."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from sincerely.config import load_config
from sincerely.errors import BuildError, Diagnostics
from sincerely.formats import SCENARIO, schema_text
from sincerely.reference import reference_markdown
from sincerely.schema import check
from sincerely.yamlnodes import decode, parse

from .conftest import REPO, Project
from .helpers.spec_mutations import Mutation, mutations

SCHEMA_FILE = REPO / "schema" / "scenario.json"
VALIDATOR = jsonschema.Draft202012Validator(json.loads(schema_text()))
SCENARIOS = sorted(p for p in (REPO / "content").glob("*/*.yaml") if p.name != "_pack.yaml")


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


def _loader_errors(project: Project, document: object) -> list[str]:
    project.add_scenario("mutated", yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
    try:
        project.check()
    except BuildError as exc:
        return [d.message for d in exc.diagnostics if d.is_error]
    return []


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
    ):
        assert expected in names, expected


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_the_schema_and_the_loader_both_refuse_each_broken_rule(
    project: Project, mutation: Mutation
) -> None:
    schema_errors = [e.message for e in VALIDATOR.iter_errors(mutation.document)]
    loader_errors = _loader_errors(project, mutation.document)
    assert loader_errors, f"the loader accepts a file whose {mutation.name}"
    assert schema_errors, f"the schema accepts a file whose {mutation.name} ({loader_errors})"


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


BROKEN = sorted((REPO / "tests/cases/broken").glob("*.yaml"))


def _loader_structure_errors(path: Path) -> list[str] | None:
    """The errors the format's spec finds in a file; None when YAML itself fails (a
    schema validates data, which such a file never becomes)."""
    try:
        root = parse(path, decode(path, path.read_bytes()))
    except BuildError:
        return None
    out = Diagnostics()
    check(root, SCENARIO, "", out)
    return [d.message for d in out.items if d.is_error]


AGREEMENT = [
    (path, errors) for path in BROKEN if (errors := _loader_structure_errors(path)) is not None
]


@pytest.mark.parametrize(("path", "errors"), AGREEMENT, ids=[p.stem for p, _ in AGREEMENT])
def test_the_schema_and_the_loader_agree_on_the_corpus(path: Path, errors: list[str]) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    schema_errors = list(VALIDATOR.iter_errors(document))
    if errors:
        assert schema_errors, f"the loader rejects {path.name} ({errors}); the schema accepts it"
    else:
        assert schema_errors == [], f"the loader accepts {path.name}'s structure"


def test_the_agreement_corpus_covers_both_verdicts() -> None:
    assert sum(bool(e) for _, e in AGREEMENT) >= 25
    assert sum(not e for _, e in AGREEMENT) >= 10
