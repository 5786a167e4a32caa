"""The coach's rules as the model holds them, and the matching `check` does with them:
words by their stems in the letter's language (as search knows them), never patterns;
a mark as written; a generic value whole, little words aside; a repeat; a greeting that
does not suit the name."""

from __future__ import annotations

import pickle

import pytest

from sincerely.model.coach import (
    CoachRule,
    found_in,
    greeting_disagrees,
    is_generic,
    is_mark,
    raises,
    repeats,
    same,
    significant,
)

FRENCH = (("Madame", ("Mme", "Madame")), ("Monsieur", ("M.", "Monsieur")))


@pytest.mark.parametrize(
    ("phrase", "text", "language", "found"),
    [
        ("reconsider", "I was hoping you might reconsider", "en", True),
        ("reconsider", "Would you be reconsidering?", "en", True),
        ("reconsider", "I considered it", "en", False),
        ("change your mind", "if you change your mind", "en", True),
        ("change your mind", "your mind may change", "en", False),
        ("unfortunately", "UNFORTUNATELY, no", "en", True),
        ("!", "Thank you so much!", "en", True),
        ("!", "Thank you.", "en", False),
        ("I'm sorry", "I\u2019m sorry it did not work out", "en", True),  # a typographic one
        ("reconsidérer", "pourriez-vous reconsiderer", "fr", True),  # typed without its accent
        ("malheureusement", "Malheureusement, je", "fr", True),
        ("leider", "Leider habe ich", "de", True),
        ("lamentablemente", "Lamentablemente no", "es", True),
    ],
)
def test_a_phrase_is_found_by_its_words_stems_in_the_letters_language(
    phrase: str, text: str, language: str, found: bool
) -> None:
    assert found_in(phrase, text, language) is found


def test_a_mark_is_an_entry_with_no_word() -> None:
    assert is_mark("!") and is_mark("?!") and not is_mark("sorry!")


def test_a_generic_value_is_matched_whole_its_little_words_aside() -> None:
    generic = ("the interview", "everything", "the team")
    assert is_generic("our team", generic, "en")
    assert is_generic("Everything!", generic, "en")
    assert is_generic("the interviews", generic, "en")
    assert not is_generic("the tour of the new archive", generic, "en")
    assert not is_generic("", generic, "en")
    # A value all of little words keeps them: "the" is not "a".
    assert same(significant("the", "en"), significant("the", "en"))
    assert not same(significant("the", "en"), significant("a", "en"))


def test_a_repeat_is_the_other_values_words_in_a_row() -> None:
    assert repeats("Calder Freight Operations Manager", "Calder Freight", "en")
    assert not repeats("Operations Manager", "Calder Freight", "en")
    assert not repeats("Freight at Calder", "Calder Freight", "en")
    assert repeats("Bibliothekar der Stadtbibliothek Köln", "die Stadtbibliothek Köln", "de")


def test_a_greeting_disagrees_only_with_a_name_of_another_form() -> None:
    assert greeting_disagrees("Madame", "M. Jean Martin", FRENCH)
    assert not greeting_disagrees("Monsieur", "M. Jean Martin", FRENCH)
    assert not greeting_disagrees("Madame, Monsieur", "M. Jean Martin", FRENCH)
    assert not greeting_disagrees("Madame", "Jean Martin", FRENCH)  # no form: no telling
    assert not greeting_disagrees("Bonjour", "M. Martin", FRENCH)  # a greeting of no form
    spanish = (("Estimada", ("Sra.",)), ("Estimado", ("Sr.",)))  # one stem, two forms
    assert greeting_disagrees("Estimada", "Sr. Ruiz", spanish)


def test_a_rule_about_a_field_is_raised_by_the_values() -> None:
    generic = CoachRule(field="detail", generic=("everything",), advice="Be specific.", why=3)
    repeat = CoachRule(field="role", repeats="org", advice="Once is enough.", why="A")
    greet = CoachRule(field="hello", greets="name", titles=FRENCH, advice="Accordez.", why=1)
    assert raises(generic, {"detail": "Everything"}, "en")
    assert not raises(generic, {"detail": ""}, "en")
    assert raises(repeat, {"role": "Calder Freight driver", "org": "Calder Freight"}, "en")
    assert not raises(repeat, {"role": "driver", "org": ""}, "en")
    assert raises(greet, {"hello": "Madame", "name": "M. Martin"}, "fr")
    assert [r.kind for r in (generic, repeat, greet)] == ["generic", "repeats", "greets"]
    assert CoachRule(avoid=("!",), advice="Calm.", why=1).kind == "avoid"
    assert pickle.loads(pickle.dumps(greet)) == greet
