"""Words as search knows them: split, lowercased, stemmed in their language and folded,
so that a reader's "rejected" or "resume" finds "rejection" or "résumé"; and what a site
publishes of the stemmers. (tests/render/test_stemmers.py holds the page's JavaScript
stemmers to the same stems.)"""

from __future__ import annotations

from sincerely.common import urls
from sincerely.render import stemming


def test_a_text_is_its_words_lowercased_accents_and_all() -> None:
    assert stemming.words("Thank you, Ms O'Neill: it's 2026!") == [
        "thank", "you", "ms", "o", "neill", "it", "s", "2026",
    ]  # fmt: skip
    # An accent written as a separate mark is part of its letter (NFC).
    assert stemming.words("Re\u0301sume\u0301 snake_case") == ["résumé", "snake", "case"]


def test_folding_drops_accents_and_case() -> None:
    assert stemming.fold("Rückmeldung Été naïve") == "ruckmeldung ete naive"


def test_the_algorithm_is_the_language_tags_first_part() -> None:
    assert stemming.algorithm("en-GB") == "english"
    assert stemming.algorithm("FR") == "french"
    assert stemming.algorithm("ja") is None


def test_a_word_and_its_forms_share_a_key_in_their_language() -> None:
    assert stemming.key("rejected", "en") == stemming.key("rejection", "en")
    assert stemming.key("rückmeldungen", "de") == stemming.key("rückmeldung", "de")
    assert stemming.stem("rejected", "ja") == "rejected"  # no stemmer: the word itself


def test_a_word_typed_without_its_accents_finds_the_word_with_them() -> None:
    assert stemming.key("resume", "en") in stemming.keys("résumé", "en")
    assert stemming.keys("thanks", "en") == (stemming.key("thanks", "en"),)


def test_stopwords_are_the_languages_own_and_single_letters() -> None:
    assert stemming.is_stopword("the", "en-GB") and not stemming.is_stopword("the", "fr")
    assert stemming.is_stopword("les", "fr") and stemming.is_stopword("x", "ja")
    assert not stemming.is_stopword("library", "en")
    assert stemming.stopwords("ja") == frozenset()


def test_a_site_publishes_only_the_stemmers_of_its_languages() -> None:
    published = stemming.published(["en-GB", "fr", "en"])
    assert set(published) == {
        urls.stemmer("base.js"),
        urls.stemmer("english.js"),
        urls.stemmer("french.js"),
        urls.stemmer("COPYING.txt"),
    }
    assert stemming.published(["ja"]) == {}


def test_a_published_stemmer_is_minified_under_snowballs_notice() -> None:
    path = urls.stemmer("english.js")
    source = stemming.published(["en"])[path]
    served = stemming.publish(path, source)
    first, rest = served.split(b"\n", 1)
    assert first.startswith(b"/* Snowball ") and b"COPYING.txt" in first
    assert len(rest) < len(source.read_bytes())
    licence = urls.stemmer("COPYING.txt")
    assert (
        stemming.publish(licence, stemming.published(["en"])[licence])
        == (stemming.FOLDER / stemming.LICENCE).read_bytes()
    )
