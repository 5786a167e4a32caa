"""Slugs: words of any language spelt as an address, and the rule a name breaks."""

from __future__ import annotations

import copy
import pickle
import re

import pytest

from sincerely.common.slugs import TAG, Tag, is_slug, slug_of, slug_problem, transliterate


@pytest.mark.parametrize(
    ("words", "language", "slug"),
    [
        ("Rückmeldung", "de", "rueckmeldung"),
        ("Vorstellungsgespräch", "de-CH", "vorstellungsgespraech"),
        ("Größe Übung Äpfel", "de", "groesse-uebung-aepfel"),
        ("Rückmeldung", "fr", "ruckmeldung"),
        ("Résumé", "fr", "resume"),
        ("Año de éxito", "es", "ano-de-exito"),
        ("Cœur à l'ouvrage", "fr", "coeur-a-l-ouvrage"),
        ("Straße", "en", "strasse"),
        ("Final round", "en", "final-round"),
        ("日本", "ja", ""),
    ],
)
def test_words_become_the_slug_their_language_spells(words: str, language: str, slug: str) -> None:
    assert slug_of(words, language) == slug
    assert slug == "" or is_slug(slug)


def test_capitals_keep_their_case_until_lowercased() -> None:
    assert transliterate("Ärger", "de") == "Aerger"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("close-second", ""),
        ("close_second", "may not have spaces or underscores; join its words with hyphens"),
        ("Close", "may not have capital letters; write it in lower case"),
        ("zusage-für", "may have only the letters a to z, digits and hyphens, not ü"),
        ("a.b", "may have only the letters a to z, digits and hyphens, not ."),
        ("close-", "must start and end with a letter or digit, with one hyphen between words"),
    ],
)
def test_a_name_is_told_the_one_rule_it_breaks(name: str, problem: str) -> None:
    assert slug_problem(name) == problem


def test_a_tag_is_its_slug_and_carries_its_words() -> None:
    tag = Tag.of("Rückmeldung", "de")
    assert tag == "rueckmeldung" and hash(tag) == hash("rueckmeldung")
    assert tag.label == "Rückmeldung"
    assert Tag("close-second").label == "close-second"
    for again in (pickle.loads(pickle.dumps(tag)), copy.deepcopy(tag)):
        assert (again, again.label, type(again)) == (tag, tag.label, Tag)


@pytest.mark.parametrize(
    ("words", "valid"),
    [
        *[("Rückmeldung", True), ("Final round", True), ("close-second", True), ("日本", True)],
        *[("C++", False), ("a_b", False), ("x  y", False), ("-x", False), ("x-", False)],
    ],
)
def test_a_tag_is_words_joined_by_single_spaces_or_hyphens(words: str, valid: bool) -> None:
    assert bool(re.fullmatch(TAG, words)) is valid
