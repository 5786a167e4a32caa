"""How long a letter may be, counted as a reader counts: its words (a warning past the
limit) and a short message's characters with every blank filled (an error)."""

from __future__ import annotations

from sincerely.format.lengths import CharacterLimit, MaxWords

from ..helpers.rules import rule_says

WORDS = MaxWords("letter.blocks.text", 6, "letter")
CHARACTERS = CharacterLimit("character_limit", "letter.blocks.text", "fields")


def _letter(*blocks: str, limit: int | None = None) -> str:
    head = f"character_limit: {limit}\n" if limit is not None else ""
    head += "fields:\n  - id: name\n    example: Ms Okafor\n"
    return head + "letter:\n  blocks:\n" + "".join(f"    - text: {b}\n" for b in blocks)


def test_a_letter_over_its_words_is_a_warning_at_the_letter() -> None:
    # Eight words, a blank counting as one however long its example.
    assert rule_says(WORDS, _letter("Dear {name},", "Thank you for all of it.")) == [
        "x.yaml:4:1: warning: the letter is 8 words long, over 6; a short note is read, "
        "a long one is skimmed"
    ]
    assert rule_says(WORDS, _letter("Dear {name},", "Thank you, truly.")) == []


def test_a_message_over_its_limit_once_filled_is_an_error_at_the_limit() -> None:
    # "Dear Ms Okafor," and "Thanks." with a blank line between: 24 characters.
    assert rule_says(CHARACTERS, _letter("Dear {name},", "Thanks.", limit=23)) == [
        "x.yaml:1:18: error: the letter is 24 characters long with every field's example, "
        "over its character_limit of 23; shorten it"
    ]
    assert rule_says(CHARACTERS, _letter("Dear {name},", "Thanks.", limit=24)) == []


def test_a_message_without_a_limit_or_with_a_broken_one_is_not_counted() -> None:
    assert rule_says(CHARACTERS, _letter("Dear {name}," * 50)) == []
    assert (
        rule_says(
            CHARACTERS,
            _letter("Dear {name}," * 50).replace("fields:", "character_limit: x\nfields:"),
        )
        == []
    )
    # A blank whose field has no example counts as empty.
    assert rule_says(CHARACTERS, _letter("Hi {nobody}.", limit=4)) == []


def test_neither_length_can_be_said_in_json_schema_and_both_are_in_the_reference() -> None:
    assert WORDS.json_schema() is None and CHARACTERS.json_schema() is None
    assert WORDS.describe() == "the letter at most 6 words (a warning); a blank counts as one"
    assert CHARACTERS.keys == ("character_limit", "fields")
