"""Words as search and the coach know them: split, lowercased, stemmed in their language
and folded, so that a reader's "rejected" or "resume" finds "rejection" or "résumé"."""

from __future__ import annotations

from sincerely.common import words


def test_a_text_is_its_words_lowercased_accents_and_all() -> None:
    assert words.words("Thank you, Ms O'Neill: it's 2026!") == [
        "thank", "you", "ms", "o", "neill", "it", "s", "2026",
    ]  # fmt: skip
    # An accent written as a separate mark is part of its letter (NFC).
    assert words.words("Re\u0301sume\u0301 snake_case") == ["résumé", "snake", "case"]


def test_folding_drops_accents_and_case() -> None:
    assert words.fold("Rückmeldung Été naïve") == "ruckmeldung ete naive"


def test_the_algorithm_is_the_language_tags_first_part() -> None:
    assert words.algorithm("en-GB") == "english"
    assert words.algorithm("FR") == "french"
    assert words.algorithm("ja") is None


def test_a_word_and_its_forms_share_a_key_in_their_language() -> None:
    assert words.key("rejected", "en") == words.key("rejection", "en")
    assert words.key("rückmeldungen", "de") == words.key("rückmeldung", "de")
    assert words.stem("rejected", "ja") == "rejected"  # no stemmer: the word itself


def test_a_word_typed_without_its_accents_finds_the_word_with_them() -> None:
    assert words.key("resume", "en") in words.keys("résumé", "en")
    assert words.keys("thanks", "en") == (words.key("thanks", "en"),)


def test_stopwords_are_the_languages_own_and_single_letters() -> None:
    assert words.is_stopword("the", "en-GB") and not words.is_stopword("the", "fr")
    assert words.is_stopword("les", "fr") and words.is_stopword("x", "ja")
    assert not words.is_stopword("library", "en")
    assert words.stopwords("ja") == frozenset()


def test_spans_are_the_words_with_where_each_starts() -> None:
    assert words.spans("Don't, please!") == [(0, "don"), (4, "t"), (7, "please")]
