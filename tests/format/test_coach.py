"""The coach's rules in the format: a rule of one kind, phrases that are words or a mark,
a why that is a source's title or a block's number, and the names a rule gives of its
letter's fields and sources, each refused where it is written with what to do."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from sincerely.common.errors import Diagnostics
from sincerely.format.coach import (
    CoachNames,
    Forms,
    OneKind,
    Phrase,
    Why,
    field_problem,
    why_problem,
)
from sincerely.format.values import ListOf, Spec, Text
from sincerely.format.yamlnodes import parse

from ..helpers.rules import FILE, rule_says

ONE_KIND = OneKind(("avoid", "generic", "greets"), "field", ("generic", "greets"), "a rule")
NAMES = CoachNames("coach", field_keys=("field", "greets"))
LETTER = """\
channel: {channel}
fields: [{{id: name}}, {{id: detail}}]
letter:
  blocks:
    - text: Hello
      note: Why.
    - text: Bye
sources: [{{title: An article}}]
coach:
"""


def spec_says(spec: Spec, text: str) -> list[str]:
    """What ``spec`` says of the value of ``v:`` in ``text``."""
    node = parse(FILE, f"v: {text}\n")
    out = Diagnostics()
    spec.check(node.get("v"), "'v'", out)  # type: ignore[union-attr, arg-type]
    return [d.format(Path("/p")) for d in out.items]


@pytest.mark.parametrize(
    ("entry", "said"),
    [
        ("reconsider", []),
        ("change your mind", []),
        ('"!"', []),
        ('"?!"', []),
        ('"! !"', ["no word in it"]),
        ('"!!!!"', ["no word in it"]),
        ('" "', ["is empty"]),
    ],
)
def test_a_phrase_is_words_or_one_short_mark(entry: str, said: list[str]) -> None:
    found = spec_says(Phrase(), entry)
    assert len(found) == len(said) and all(s in f for s, f in zip(said, found, strict=True))


def test_a_why_is_a_title_or_a_block_from_one() -> None:
    assert spec_says(Why(), "An article") == []
    assert spec_says(Why(), "2") == []
    assert spec_says(Why(), "0") == [
        "x.yaml:1:4: error: 'v' must be a block's number, from 1 (got 0)"
    ]
    assert spec_says(Why(), "true") == [
        "x.yaml:1:4: error: 'v' must be a source's title, or a block's number (got true, "
        "which YAML reads as true/false)"
    ]
    schema = Why().json_schema()
    for good in ("An article", 3):
        jsonschema.validate(good, schema)
    for bad in (0, True, " ", [1]):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
    assert Why().describe() == "a source's title (text), or a block's number from 1"


def test_a_why_names_a_source_or_a_block_with_a_note() -> None:
    titles, notes = ["The Biggest Mistake"], [True, False]
    assert why_problem("The Biggest Mistake", titles, notes) is None
    assert why_problem(1, titles, notes) is None
    assert "did you mean 'The Biggest Mistake'?" in str(why_problem("Biggest Mistake", titles, []))
    assert "its sources are 'The Biggest Mistake'" in str(why_problem("Vault", titles, []))
    assert "block 2, which has no note" in str(why_problem(2, titles, notes))
    assert "has 2 blocks; give a block's number from 1 to 2" in str(why_problem(3, titles, notes))


def test_a_field_is_named_by_its_id_and_a_paper_letters_recipient_only_greeted() -> None:
    ids = ["name", "detail", "_their_address"]
    assert field_problem("field", "detail", ids) is None
    assert field_problem("greets", "_their_address", ids) is None
    assert field_problem("field", "_their_address", ids) == (
        "'field' names no field of the letter; its fields are name, detail"
    )
    assert "only a paper letter" in str(field_problem("greets", "_their_address", ["name"]))
    assert "(did you mean 'detail'?)" in str(field_problem("repeats", "detial", ids))


ONE_KIND_CASES = [
    ("avoid: [x]\n", []),
    ("generic: [x]\nfield: detail\n", []),
    ("advice: x\n", ["x.yaml:1:1: error: a rule needs one of avoid, generic, greets: what it"]),
    ("avoid: [x]\ngeneric: [y]\n", ["x.yaml:2:1: error: 'avoid' and 'generic' cannot both"]),
    ("generic: [x]\n", ["x.yaml:1:1: error: 'generic' needs 'field' beside it"]),
    ("avoid: [x]\nfield: detail\n", ["x.yaml:2:1: error: 'field' is not allowed with 'avoid'"]),
]


@pytest.mark.parametrize(("text", "said"), ONE_KIND_CASES)
def test_a_rule_is_of_one_kind_and_names_a_field_only_where_it_looks_at_one(
    text: str, said: list[str]
) -> None:
    found = rule_says(ONE_KIND, text)
    assert len(found) == len(said) and all(
        f.startswith(s) for s, f in zip(said, found, strict=True)
    )
    schema = ONE_KIND.json_schema()
    if said:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(yaml.safe_load(text), schema)
    else:
        jsonschema.validate(yaml.safe_load(text), schema)


def test_one_kind_says_itself_in_the_reference() -> None:
    assert ONE_KIND.describe() == (
        "exactly one of `avoid`, `generic`, `greets`; `field` required with `generic`, "
        "`greets`, and not allowed otherwise"
    )
    assert ONE_KIND.keys == ("avoid", "generic", "greets", "field")


def test_the_names_a_rule_gives_are_checked_against_its_letter() -> None:
    rules = (
        "  - {avoid: [x], why: An article}\n"
        "  - {field: detial, generic: [y], why: 1}\n"
        "  - {field: name, greets: _their_address, why: 2}\n"
        "  - {field: name, greets: _their_address, why: Vault}\n"
    )
    assert rule_says(NAMES, LETTER.format(channel="email") + rules) == [
        "x.yaml:11:13: error: 'field' names no field of the letter (did you mean 'detail'?)",
        "x.yaml:12:27: error: 'greets' names _their_address, which only a paper letter "
        "(channel: letter) has",
        "x.yaml:12:48: error: 'why' is block 2, which has no note; add one to the block, or "
        "give a source's title",
        "x.yaml:13:27: error: 'greets' names _their_address, which only a paper letter "
        "(channel: letter) has",
        "x.yaml:13:48: error: 'why' names no source of the letter; its sources are 'An article'",
    ]
    letter = LETTER.format(channel="letter") + "  - {field: name, greets: _their_address, why: 1}\n"
    assert rule_says(NAMES, letter) == []
    assert NAMES.json_schema() is None and "`why`" in NAMES.describe()


def test_forms_of_address_are_built_as_pairs_that_pickle() -> None:
    forms = Forms(Text(), ListOf(Text(), 1), "{Ms: [Ms]}")
    node = parse(FILE, "Madame: [Mme, Madame]\nMonsieur: [M.]\n")
    assert forms.build(node) == (("Madame", ("Mme", "Madame")), ("Monsieur", ("M.",)))
    assert forms.default() == ()
