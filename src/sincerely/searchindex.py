"""The search index, prebuilt in the manner of Sphinx's searchindex.js.

It is a script that assigns one global, loaded with a <script> element rather than fetch,
so that search works from disk (file://) too. Words are indexed by their stem (a
Snowball stemmer for the site's language, as Sphinx does), so "rejected" and
"rejection" are one term; stems map to postings ``doc * 4 + field``, where field is where
the term stands at its best (0 title, 1 tags, 2 summary, 3 body), which is what results
are ranked by; terms with the same postings are stored together.

The page's script (static/search.js) has no stemmer: it finds a typed word's stem as a
stem the word begins with, followed by one of the language's endings ("rejected" is
"reject" + "ed"), and the index lists, under ``forms``, the words whose stem is not
such a beginning ("library" is "librari"). It splits a query into words the same way
as :func:`terms`.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache, lru_cache
from typing import Protocol

import snowballstemmer

from .gallery import Site
from .model import Scenario

TITLE, TAGS, SUMMARY, BODY = range(4)
_TERM = re.compile(r"[^\W_]+")
# Words too common to tell letters apart; left out of the body only, to keep the
# index small (a title search for "the" still finds "The library job").
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "not",
        "of",
        "on",
        "or",
        "our",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "who",
        "will",
        "with",
        "you",
        "your",
    ]
)


# The endings a word may have beyond its stem, by the stemmer's language: what the
# page's script may strip from a typed word to find its stem in the index.
ENDINGS = {
    "english": "s es ed d ing ings ion ions ation ations er ers ly ment ments ness e y ies ied",
    "french": "e es s x é ée és ées er ez ent ant ons ion ions ement ements eur eurs euse",
    "german": "e en er ern es s n st t et te ten test tet ung ungen",
    "spanish": "a as o os s es e en ar er ir ado ada ados adas ido ida ción ciones mente",
}
# Snowball's algorithms by a language tag's first part (the site's or a pack's language).
_ALGORITHMS = {
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


def terms(text: str) -> list[str]:
    return _TERM.findall(text.lower())


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer | None:
    algorithm = _ALGORITHMS.get(language.split("-", maxsplit=1)[0].lower())
    return snowballstemmer.stemmer(algorithm) if algorithm else None


@lru_cache(maxsize=100_000)
def stem(word: str, language: str) -> str:
    """A word's stem in ``language`` (the word itself where Snowball has no stemmer);
    cached: a gallery's words repeat from letter to letter."""
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer is not None else word


def endings(language: str) -> str:
    stemmer = _ALGORITHMS.get(language.split("-", maxsplit=1)[0].lower(), "")
    return ENDINGS.get(stemmer, "")


def _body(scenario: Scenario) -> str:
    labels = {f.id: f.label for f in scenario.fields}
    parts = [scenario.situation, *scenario.tips.do, *scenario.tips.avoid]
    for block in scenario.letter.blocks:
        parts.append(block.text.fill(labels))
        parts.append(block.note)
    return " ".join(parts)


# Each stem of a letter, with the best field it stands in and the words it stands for.
Terms = dict[str, tuple[int, frozenset[str]]]


class TermStore(Protocol):
    """Letters' terms kept from earlier builds (letterstore.py)."""

    def terms(self, scenario: Scenario, language: str) -> Terms | None: ...

    def put_terms(self, scenario: Scenario, language: str, terms: Terms) -> None: ...


def document_terms(scenario: Scenario, language: str) -> Terms:
    """Each stem of a letter, with the best field it stands in and the words it stands
    for (the forms the page's script cannot find by stripping an ending)."""
    found: Terms = {}
    fields = (
        (TITLE, scenario.title),
        (TAGS, " ".join([*scenario.tags, scenario.channel])),
        (SUMMARY, scenario.summary),
        (BODY, _body(scenario)),
    )
    for field, text in fields:
        for term in terms(text):
            if field == BODY and (term in STOPWORDS or len(term) < 2):
                continue
            root = stem(term, language)
            best, forms = found.get(root, (BODY + 1, frozenset()))
            if not term.startswith(root):
                forms = forms | {term}
            found[root] = (min(field, best), forms)
    return found


# A letter's terms, by the letter's identity; the letter is kept alongside, so that an
# identity is never mistaken for another letter's. Kept between builds by serve.
TermCache = dict[int, tuple[Scenario, Terms]]


def _terms(scenario: Scenario, language: str, store: TermStore | None) -> Terms:
    found = store.terms(scenario, language) if store is not None else None
    if found is None:
        found = document_terms(scenario, language)
        if store is not None:
            store.put_terms(scenario, language, found)
    return found


def build_index(
    site: Site, cache: TermCache | None = None, store: TermStore | None = None
) -> dict[str, object]:
    language = site.config.language
    interface = site.messages_in(language)
    docs: list[list[str]] = []
    postings: dict[str, list[int]] = defaultdict(list)
    forms: dict[str, str] = {}
    current: TermCache = {}
    # Each letter's words are stemmed in its own language (its pack's).
    in_language = [(s, site.language_of(p)) for p in site.packs for s in p.scenarios]
    for doc, (scenario, letter_language) in enumerate(in_language):
        docs.append([scenario.url, scenario.title, scenario.summary, scenario.channel])
        entry = cache.get(id(scenario)) if cache is not None else None
        if entry is None or entry[0] is not scenario:
            entry = (scenario, _terms(scenario, letter_language, store))
        if cache is not None:  # a one-off build keeps no letter's terms once indexed
            current[id(scenario)] = entry
        for root, (field, words) in entry[1].items():
            postings[root].append(doc * 4 + field)
            forms.update(dict.fromkeys(words, root))
    if cache is not None:
        cache.clear()
        cache.update(current)
    # Most terms occur in one letter only; grouping the terms that share a posting list
    # ("[[7],"term term term"]") spends a space per term where a mapping would spend
    # quotes, a colon and brackets: it keeps the index under 2 KB a letter.
    groups: dict[tuple[int, ...], list[str]] = defaultdict(list)
    for term in sorted(postings):
        groups[tuple(postings[term])].append(term)
    ordered = sorted(groups.items())
    return {
        "docs": docs,
        "groups": [[list(key), " ".join(words)] for key, words in ordered],
        "forms": dict(sorted(forms.items())),
        "language": language,
        "endings": {tag: endings(tag) for tag in sorted({language, *(t for _, t in in_language)})},
        # What search.js says, in the site's language.
        "text": {
            "none": interface.gettext("No letters match."),
            "found": interface.plural_forms("{n} letter matches.", "{n} letters match."),
        },
    }


def search_index_script(
    site: Site, cache: TermCache | None = None, store: TermStore | None = None
) -> bytes:
    index = build_index(site, cache, store)
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    return f"window.sincerelySearchIndex={data};\n".encode()
