"""Letter templates: placeholders, literal braces, filling and counting."""

from __future__ import annotations

import pytest

from sincerely.model import Blank, parse_template


def test_placeholders_and_literal_braces() -> None:
    template, problems = parse_template("Dear {name}, {{literal}} and }} too")
    assert problems == ()
    assert template.segments == ("Dear ", Blank("name"), ", {literal} and } too")


def test_fill_puts_values_in_the_blanks() -> None:
    template, _ = parse_template("{greeting} {name},")
    assert template.fill({"greeting": "Dear", "name": "Ms. Okafor"}) == "Dear Ms. Okafor,"
    assert template.blank_ids == ("greeting", "name")


@pytest.mark.parametrize(
    ("text", "token", "start"),
    [
        ("Hi {Name}", "{Name}", "'{Name}' is not a placeholder"),
        ("Hi {}", "{}", "'{}' is not a placeholder"),
        ("Hi {name", "{", "'{' is never closed"),
        ("Hi name}", "}", "stray '}'"),
    ],
)
def test_malformed_braces_are_problems(text: str, token: str, start: str) -> None:
    _, (problem,) = parse_template(text)
    assert problem.token == token
    assert problem.message.startswith(start)


def test_repeated_problems_are_told_apart_by_occurrence() -> None:
    _, problems = parse_template("} and }")
    assert [p.occurrence for p in problems] == [0, 1]


def test_a_blank_counts_as_one_word() -> None:
    template, _ = parse_template("Dear {manager_name}, thank you.")
    assert template.word_count() == 4
