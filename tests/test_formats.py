"""The published JSON Schema: in step with the loader, and true of all our content."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from sincerely.formats import schema_text

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
