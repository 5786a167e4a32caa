"""A letter's fields, as the format declares them: their kinds and what they hold, and
the rules between their keys (the broken cases in tests/cases/broken/ break each)."""

from __future__ import annotations

import pickle

from sincerely.format.records import Record
from sincerely.model.fields import FIELD_HOLDS, FIELD_KINDS, Field
from sincerely.model.schema import reference_markdown

from ..conftest import MINIMAL_SCENARIO, Project


def test_the_reference_names_every_kind_and_every_holds() -> None:
    reference = reference_markdown()
    for kind in FIELD_KINDS + FIELD_HOLDS:
        assert f"`{kind}`" in reference, kind


def test_a_field_with_no_kind_is_a_line_of_text() -> None:
    field = Field(id="name", label="Name", example="Sam")
    assert (field.kind, field.options, field.sender) == ("text", (), False)
    assert pickle.loads(pickle.dumps(field)) == field


def test_the_rules_between_a_fields_keys_are_checked_at_the_key(project: Project) -> None:
    record = Record.of(Field)
    assert len(record.rules) == 5
    project.add_scenario(
        text=MINIMAL_SCENARIO.replace(
            "    example: Ms. Okafor\n", "    example: Ms. Okafor\n    default: Ms. Okafor\n"
        )
    )
    (problem,) = project.diagnostics()
    assert problem.message == "'default' is only allowed when 'kind' is choice; remove it"
