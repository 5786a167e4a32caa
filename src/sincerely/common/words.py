"""Words as search and the letter coach know them: one rule for what the build reads in
the letters and for what a reader types, which the page's scripts apply the same way
(static/search-match.js, static/letter-coach.js).

A text is split into words (letters and digits; NFC first, so that an accent is part
of its letter) and lowercased; a word is known by its Snowball stem in its language,
folded (its accents dropped, so "Rückmeld" and "ruckmeld" are one); and since a reader
may type a word without its accents ("resume" for "résumé"), by the folded stem of the
word written without them too. The build stems with the snowballstemmer package, the
page with Snowball's own JavaScript stemmers, generated from the same release of
Snowball (render/stemming.py publishes them); tests/render/test_stemmers.py holds the
two to the same stem for every word of the gallery.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import snowballstemmer

# Snowball's algorithms by a language tag's first part (the site's or a pack's language).
ALGORITHMS = {
    "ar": "arabic",
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}

# Words too common to tell letters apart, by algorithm: left out of the index's bodies
# (to keep it small), and out of a query that has other words ("the library"); the coach
# leaves them out when it compares a value with a generic one ("the team", "your team").
_STOPWORDS = {
    "english": "a an and are as at be but by for from has have i if in into is it its me my "
    "not of on or our so than that the their them they this to was we were what when which "
    "who will with you your didn don doesn isn wasn",
    "french": "à a ai au aux avec ce ces c cette d dans de des du elle en est et il ils je j l "
    "la le les leur leurs m ma mais me mes mon n ne nous on ou par pas pour qu que qui s sa se "
    "ses son sur t ta te tes ton tu un une vos votre vous y",
    "german": "am an auch auf aus bei bin das dass dem den der des die du ein eine einem einen "
    "einer eines er es für hat habe haben ich ihr ihre ihren im in ist mein meine mich mir mit "
    "nach nicht oder sich sie sind so und uns von vom war wie wir zu zum zur",
    "spanish": "a al con de del el en es esta este la las le les lo los me mi mis muy no nos o "
    "para pero por que se su sus te tu un una unas unos y",
}
STOPWORDS = {name: frozenset(listed.split()) for name, listed in _STOPWORDS.items()}

_WORD = re.compile(r"[^\W_]+")  # letters and digits: the script's [\p{L}\p{N}]+


def words(text: str) -> list[str]:
    """The words of ``text``, lowercased (search-match.js: words)."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def spans(text: str) -> list[tuple[int, str]]:
    """The words of ``text`` with where each starts in it (NFC, lowercased)."""
    normal = unicodedata.normalize("NFC", text)
    return [(m.start(), m[0].lower()) for m in _WORD.finditer(normal)]


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """``text`` without its accents, lowercased (search-match.js: fold); cached, as a
    gallery's words repeat."""
    bare = unicodedata.normalize("NFD", text)
    if bare.isascii():  # no mark to drop: most words of most languages
        return bare.lower()
    return "".join(c for c in bare if not unicodedata.category(c).startswith("M")).lower()


def algorithm(language: str) -> str | None:
    """Snowball's algorithm for a language tag ('en-GB': 'english'), or None."""
    return ALGORITHMS.get(language.split("-", maxsplit=1)[0].lower())


@cache
def _stemmer(name: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(name)


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """A lowercase word's stem in ``language`` (the word itself where Snowball has no
    stemmer); cached: a gallery's words repeat from letter to letter."""
    name = algorithm(language)
    return _stemmer(name).stemWord(word) if name else word


def key(word: str, language: str) -> str:
    """What the index knows a lowercase word by: its stem, folded."""
    return fold(stem(word, language))


@lru_cache(maxsize=200_000)
def keys(word: str, language: str) -> tuple[str, ...]:
    """Every key of a lowercase word (search-match.js: keysOf): its own, and that of the
    word written without its accents, where they differ; cached like the stems."""
    own = key(word, language)
    bare = fold(word)
    other = key(bare, language) if bare != word else own
    return (own,) if other == own else (own, other)


@cache
def stopwords(language: str) -> frozenset[str]:
    return STOPWORDS.get(algorithm(language) or "", frozenset())


def is_stopword(word: str, language: str) -> bool:
    """A word the index leaves out of bodies: a stopword, or a single letter."""
    return len(word) < 2 or word in stopwords(language)
