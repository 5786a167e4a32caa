"""Rules across keys: each points at the line to change and says what to do, and says
the same in JSON Schema (an editor flags what the check refuses) where JSON Schema can."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
import yaml

from sincerely.format.rules import Needs, NoneOf, NotBoth, OneOfList, Rule, Unique, When

from ..helpers.rules import rule_says

SUBJECT = When(
    "channel", "email", require=("letter.subject",), forbid_otherwise=("letter.subject",)
)
NOT_BOTH = NotBoth(("sender", "per_recipient"), "keep one")
UNIQUE = Unique("fields", "id", "field")
NEEDS = Needs("autocomplete", "sender")
ONE_OF = OneOfList("default", "options")
NONE_OF = NoneOf("tags", ("email", "note"), "a channel's name")


# Each rule, a mapping it refuses (with what it says), and one it takes.
CASES: list[tuple[Rule, str, list[str], str]] = [
    (
        SUBJECT,
        "channel: email\nletter:\n  blocks: []\n",
        ["x.yaml:3:3: error: 'letter.subject' is required when 'channel' is email"],
        "channel: email\nletter:\n  subject: Hello\n",
    ),
    (
        SUBJECT,
        "channel: note\nletter:\n  subject: Hello\n",
        ["x.yaml:3:3: error: 'letter.subject' is only allowed when 'channel' is email; remove it"],
        "channel: note\nletter:\n  blocks: []\n",
    ),
    (
        NOT_BOTH,
        "sender: true\nper_recipient: true\n",
        ["x.yaml:2:1: error: 'sender' and 'per_recipient' cannot both be true: keep one"],
        "sender: true\nper_recipient: false\n",
    ),
    (
        UNIQUE,
        "fields:\n  - id: name\n  - id: role\n  - id: name\n",
        [
            "x.yaml:4:9: error: field id 'name' is already used on line 2; "
            "give each field its own id"
        ],
        "fields:\n  - id: name\n  - id: role\n",
    ),
    (
        NEEDS,
        "autocomplete: name\n",
        [
            "x.yaml:1:1: error: 'autocomplete' is only allowed with 'sender'; add 'sender' or "
            "remove 'autocomplete'"
        ],
        "autocomplete: name\nsender: true\n",
    ),
    (
        ONE_OF,
        "options: [a, b]\ndefault: c\n",
        ["x.yaml:2:10: error: 'default' must be one of the options (a, b); got 'c'"],
        "options: [a, b]\ndefault: b\n",
    ),
    (
        NONE_OF,
        "tags: [thanks, note]\n",
        ["x.yaml:1:16: error: 'note' cannot be one of the tags: a channel's name"],
        "tags: [thanks, notes]\n",
    ),
]
IDS = [f"{type(rule).__name__}-{n}" for n, (rule, *_) in enumerate(CASES)]


@pytest.mark.parametrize(("rule", "refused", "said", "taken"), CASES, ids=IDS)
def test_a_rule_says_what_is_wrong_where_and_takes_what_is_right(
    rule: Rule, refused: str, said: list[str], taken: str
) -> None:
    assert rule_says(rule, refused) == said
    assert rule_says(rule, taken) == []


@pytest.mark.parametrize(("rule", "refused", "said", "taken"), CASES, ids=IDS)
def test_the_schema_refuses_what_the_rule_refuses_where_it_can_say_it(
    rule: Rule, refused: str, said: list[str], taken: str
) -> None:
    schema: dict[str, Any] | None = rule.json_schema()
    if schema is None:  # a rule JSON Schema cannot say: its reference says so instead
        assert rule.describe()
        return
    jsonschema.validate(yaml.safe_load(taken), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(refused), schema)


def test_each_rule_says_itself_in_the_reference() -> None:
    assert SUBJECT.describe() == (
        "`letter.subject` required when `channel` is `email`; "
        "`letter.subject` only allowed when `channel` is `email`"
    )
    assert NOT_BOTH.describe() == "`sender` and `per_recipient` not both true (keep one)"
    assert UNIQUE.describe() == "each entry of `fields` has its own `id`"


def test_a_rule_names_the_keys_it_reads_so_a_wrong_key_is_reported_once() -> None:
    assert SUBJECT.keys == ("channel",)
    assert NOT_BOTH.keys == ("sender", "per_recipient")
    assert ONE_OF.keys == ("default", "options")
