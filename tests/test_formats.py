"""The published JSON Schema: in step with the loader, and true of all our content."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from sincerely.errors import BuildError, Diagnostics
from sincerely.formats import SCENARIO, schema_text
from sincerely.reference import reference_markdown
from sincerely.schema import check
from sincerely.yamlnodes import MappingNode, ScalarNode, decode, parse

from .conftest import REPO

SCHEMA_FILE = REPO / "schema" / "scenario.json"
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


@pytest.mark.parametrize(
    "change",
    [
        ("channel: email", "channel: fax"),
        ("  subject: Thank you, {manager_name}\n", ""),  # email needs a subject
        ("channel: email", "channel: letter"),  # and only email may have one
        ("    sender: true\n", ""),  # autocomplete only with sender
        ("title: Close second", "title: " + "x" * 71),
        ("title: Close second", "titel: Close second"),
    ],
)
def test_the_schema_rejects_what_the_loader_rejects(change: tuple[str, str]) -> None:
    minimal = (REPO / "tests/cases/valid/minimal.yaml").read_text(encoding="utf-8")
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    assert list(validator.iter_errors(yaml.safe_load(minimal))) == []
    broken = yaml.safe_load(minimal.replace(*change))
    errors = list(validator.iter_errors(broken))
    assert errors, f"the schema accepts {change}"


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
    """The errors the loader finds in a file's structure; None when YAML itself fails
    (a schema validates data, which such a file never becomes)."""
    try:
        root = parse(path, decode(path, path.read_bytes()))
    except BuildError:
        return None
    out = Diagnostics()
    check(root, SCENARIO, "", out)
    messages = [d.message for d in out.items if d.is_error]
    if isinstance(root, MappingNode):
        channel, letter = root.get("channel"), root.get("letter")
        subject = isinstance(letter, MappingNode) and "subject" in letter.entries
        if isinstance(channel, ScalarNode) and (channel.value == "email") != subject:
            messages.append("subject rule")
    return messages


AGREEMENT = [
    (path, errors) for path in BROKEN if (errors := _loader_structure_errors(path)) is not None
]


@pytest.mark.parametrize(("path", "errors"), AGREEMENT, ids=[p.stem for p, _ in AGREEMENT])
def test_the_schema_and_the_loader_agree_on_the_corpus(path: Path, errors: list[str]) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    schema_errors = list(validator.iter_errors(document))
    if errors:
        assert schema_errors, f"the loader rejects {path.name} ({errors}); the schema accepts it"
    else:
        assert schema_errors == [], f"the loader accepts {path.name}'s structure"


def test_the_agreement_corpus_covers_both_verdicts() -> None:
    assert sum(bool(e) for _, e in AGREEMENT) >= 25
    assert sum(not e for _, e in AGREEMENT) >= 10
