"""Letter text with {placeholders}: blanks and literal braces, each mistake pointed at
where it stands, and every placeholder tied to a field."""

from __future__ import annotations

from pathlib import Path

import pytest

from sincerely.common.errors import Diagnostics
from sincerely.format.nodes import MappingNode
from sincerely.format.placeholders import (
    Blank,
    PlaceholdersNameFields,
    TemplateText,
    parse_template,
    placeholder_occurrences,
    text_nodes,
)
from sincerely.format.yamlnodes import parse

FILE = Path("/p/x.yaml")
RULE = PlaceholdersNameFields("fields", ("letter.subject", "letter.blocks.text"))


def _said(text: str, check: object) -> list[str]:
    node = parse(FILE, text)
    out = Diagnostics()
    if isinstance(check, TemplateText):
        assert isinstance(node, MappingNode)
        value = node.get("text")
        assert value is not None
        check.check(value, "'text'", out)
    else:
        assert isinstance(node, MappingNode)
        RULE.check(node, out)
    return [d.format(Path("/p")) for d in out.items]


def test_a_text_is_split_into_words_and_blanks() -> None:
    template, problems = parse_template("Dear {name}, {{thanks}} from {team}.")
    assert problems == ()
    assert template.segments == ("Dear ", Blank("name"), ", {thanks} from ", Blank("team"), ".")
    assert template.blank_ids == ("name", "team")
    assert template.fill({"name": "Ms Okafor", "team": "the library"}) == (
        "Dear Ms Okafor, {thanks} from the library."
    )


def test_a_blank_counts_as_one_word_whatever_fills_it() -> None:
    template, _ = parse_template("Thank you, {name}, for {detail}.")
    assert template.word_count() == 5


@pytest.mark.parametrize(
    ("text", "message", "token", "occurrence"),
    [
        ("Dear {Name}", "'{Name}' is not a placeholder", "{Name}", 0),
        ("Dear {name} and {", "'{' is never closed", "{", 1),
        ("Costs } and }", "stray '}'", "}", 0),
    ],
)
def test_each_mistake_says_what_to_write_and_where_it_is(
    text: str, message: str, token: str, occurrence: int
) -> None:
    _, problems = parse_template(text)
    assert problems[0].message.startswith(message)
    assert (problems[0].token, problems[0].occurrence) == (token, occurrence)


def test_a_mistake_in_a_letters_text_is_an_error_at_its_column() -> None:
    assert _said("text: Dear {name} and {Name}\n", TemplateText()) == [
        "x.yaml:1:23: error: '{Name}' is not a placeholder: a placeholder is a field id "
        "in braces, like {manager_name}; write {{ and }} for literal braces"
    ]


def test_the_placeholders_are_found_with_which_occurrence_each_is() -> None:
    assert placeholder_occurrences("{a} {b} {a} {{a}} {Bad}") == [("a", 0), ("b", 0), ("a", 1)]


LETTER = """\
fields:
  - id: manager_name
  - id: team
  - id: contact
    kind: email
    per_recipient: true
letter:
  subject: Thanks, {manager_name}
  blocks:
    - text: Dear {manger_name},
    - text: About {teams} and {nobody_at_all}.
"""


def test_a_placeholder_names_a_field_or_is_an_error_with_the_likely_one() -> None:
    assert _said(LETTER, RULE) == [
        "x.yaml:10:18: error: placeholder {manger_name} names no field (did you mean "
        "{manager_name}?); fix the name or add the field",
        "x.yaml:11:19: error: placeholder {teams} names no field (did you mean {team}?); "
        "fix the name or add the field",
        "x.yaml:11:31: error: placeholder {nobody_at_all} names no field; the fields are "
        "contact, manager_name, team; fix the name or add the field",
    ]  # and 'team', surely meant, is not also unused; the To: address needs no blank


def test_a_field_no_placeholder_uses_is_a_warning() -> None:
    unused = LETTER.replace("{teams} and {nobody_at_all}", "the work").replace(
        "{manger_name}", "{manager_name}"
    )
    assert _said(unused, RULE) == [
        "x.yaml:3:9: warning: field 'team' is not used by any placeholder; add {team} to "
        "the letter or remove the field"
    ]


def test_the_texts_are_found_through_lists_of_mappings() -> None:
    root = parse(FILE, LETTER)
    assert isinstance(root, MappingNode)
    found = [n.value for n in text_nodes(root, "letter.blocks.text")]
    assert found == ["Dear {manger_name},", "About {teams} and {nobody_at_all}."]
    assert [n.value for n in text_nodes(root, "letter.subject")] == ["Thanks, {manager_name}"]
    assert text_nodes(root, "letter.missing") == []
