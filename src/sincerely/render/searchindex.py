"""The search index, prebuilt in the manner of Sphinx's searchindex.js.

It is a script that assigns one global, loaded with a <script> element rather than fetch,
so that search works from disk (file://) too. Words are indexed by their keys
(common/words.py: the Snowball stem in the letter's language, folded), so "rejected" and
"rejection" are one term; terms map to postings ``doc * len(FIELDS) + field``, where
field is where the term stands at its best (its number in :data:`FIELDS`, the one table
of where search looks and what a word found there weighs), which results are ranked by;
terms with the same postings are stored together. The index carries the fields'
weights, so the page ranks by this table and has none of its own.

The page's script (static/search-match.js) stems what is typed with Snowball's
JavaScript stemmers of the languages listed here (each letter was indexed in its own),
and reads here each language's stopwords and the synonyms its packs declare, already
stemmed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol, TypedDict

from ..common import urls
from ..common.i18n import Messages
from ..common.words import algorithm, is_stopword, key, keys, stopwords, words
from ..model.scenario import Scenario
from ..model.site import Pack, Site


def _body(scenario: Scenario, said: Messages) -> str:
    labels = {f.id: f.label for f in scenario.fields}
    parts = [scenario.situation, *scenario.tips.do, *scenario.tips.avoid]
    for block in scenario.letter.blocks:
        parts.append(block.text.fill(labels))
        parts.append(block.note)
    return " ".join(parts)


@dataclass(frozen=True)
class SearchField:
    """A part of a letter that search looks in, and what a word found there weighs."""

    name: str
    # A matching letter's score for the word (times how it matched: as typed, by its
    # start, by a typo; static/search-match.js). The page reads it from the index.
    weight: int
    text: Callable[[Scenario, Messages], str]  # with the words of the letter's language
    # Whether a stopword counts here: a title search for "the" still finds "The library
    # job", but every letter's body has "the".
    stopwords: bool = True


# Where search looks, best first: a term is indexed at the best field it stands in, and
# a letter found by a word in several ranks by the poorest (so the weights fall). The
# title or the moment (the situation in the reader's words) say best what it is for.
FIELDS: tuple[SearchField, ...] = (
    SearchField("title", 8, lambda s, _: f"{s.title} {s.moment}"),
    # The tags as written, and the channel's name as the letter's language says it (a
    # German reader looks for "Post", not "letter") and as its addresses do ("email" is
    # a word in French and German too, where the name is "e-mail" or "E-Mail").
    SearchField(
        "tags",
        4,
        lambda s, said: " ".join([*(t.label for t in s.tags), said.gettext(s.channel), s.channel]),
    ),
    SearchField("summary", 2, lambda s, _: s.summary),
    SearchField("body", 1, _body, stopwords=False),
)
TITLE, TAGS, SUMMARY, BODY = range(len(FIELDS))


# Each term of a letter, with the best field it stands in.
Terms = dict[str, int]


class TermStore(Protocol):
    """Letters' terms kept from earlier builds (build/letterstore.py)."""

    def terms(self, scenario: Scenario, language: str) -> Terms | None: ...

    def put_terms(self, scenario: Scenario, language: str, terms: Terms) -> None: ...


def document_terms(scenario: Scenario, said: Messages) -> Terms:
    """Each term of a letter, with the best field it stands in; a body's stopwords are
    left out (a title search for "the" still finds "The library job")."""
    found: Terms = {}
    language = said.language
    # The fields best first, so a term's first field is its best; each word once.
    for field, where in enumerate(FIELDS):
        for word in dict.fromkeys(words(where.text(scenario, said))):
            if not where.stopwords and is_stopword(word, language):
                continue
            for term in keys(word, language):
                found.setdefault(term, field)
    return found


def _terms(scenario: Scenario, said: Messages, store: TermStore | None) -> Terms:
    found = store.terms(scenario, said.language) if store is not None else None
    if found is None:
        found = document_terms(scenario, said)
        if store is not None:
            store.put_terms(scenario, said.language, found)
    return found


def languages(site: Site) -> list[str]:
    """The languages of the site's letters: the site's first, then the packs' own."""
    own = {site.language_of(p) for p in site.packs} - {site.config.language}
    return [site.config.language, *sorted(own)]


def _phrase(text: str, language: str, *, bare: bool = False) -> str:
    """A phrase's terms; ``bare``: without its stopwords, where it has other words (which
    a letter must have, and bodies are indexed without stopwords)."""
    found = words(text)
    if bare:
        found = [w for w in found if not is_stopword(w, language)] or found
    return " ".join(key(word, language) for word in found)


def synonyms(site: Site, tags: list[str]) -> list[list[object]]:
    """Each pack's synonyms, stemmed in its language: [language's number, a phrase's
    terms, the terms of the word of the letters it stands for], sorted, once each."""
    found: set[tuple[int, str, str]] = set()
    for pack in site.packs:
        language = site.language_of(pack)
        for word, phrases in pack.synonyms.items():
            target = _phrase(word, language, bare=True)
            for phrase in phrases:
                stemmed = _phrase(phrase, language)
                if stemmed and target and stemmed != target:
                    found.add((tags.index(language), stemmed, target))
    return [list(entry) for entry in sorted(found)]


def _said(interface: Messages) -> dict[str, object]:
    return {
        "none": interface.gettext("No letters match."),
        "found": interface.plural_forms("{n} letter matches.", "{n} letters match."),
        "suggest": interface.gettext("Try other words, or one of these letters:"),
        "all": interface.gettext("All results on the search page"),
        "browse": interface.gettext("Browse every letter"),
    }


class Shard(TypedDict):
    """One pack's part of the index."""

    # Each letter: its URL, title, summary, channel, language and moment.
    docs: list[list[str]]
    # Postings (numbered from the pack's first letter), and the terms that have them.
    groups: list[tuple[list[int], str]]


def shard(site: Site, pack: Pack, store: TermStore | None = None) -> Shard:
    """One pack's part of the index: its letters, and their terms' postings, numbered
    from its first letter (the page numbers them on when it merges the parts)."""
    language = site.language_of(pack)
    docs: list[list[str]] = []
    postings: dict[str, list[int]] = defaultdict(list)
    for doc, scenario in enumerate(pack.scenarios):
        # What a result shows, and the letter's language (the page makes it a number).
        shown = [scenario.url, scenario.title, scenario.summary, scenario.channel]
        docs.append([*shown, language, scenario.moment])
        for term, field in _terms(scenario, site.messages_in(language), store).items():
            postings[term].append(doc * len(FIELDS) + field)
    # Most terms occur in one letter only; grouping the terms that share a posting list
    # ("[[7],"term term term"]") spends a space per term where a mapping would spend
    # quotes, a colon and brackets: it keeps the index under 2 KB a letter.
    groups: dict[tuple[int, ...], list[str]] = defaultdict(list)
    for term in sorted(postings):
        groups[tuple(postings[term])].append(term)
    return {
        "docs": docs,
        "groups": [(list(where), " ".join(terms)) for where, terms in sorted(groups.items())],
    }


def head(site: Site) -> dict[str, object]:
    """What the whole index shares: the fields' weights, the languages, the synonyms,
    what search says, and where each pack's part is, in the site's order."""
    tags = languages(site)
    return {
        # Each field's weight, by its number: a posting's field is posting % len(weights).
        "weights": [field.weight for field in FIELDS],
        # Each language: its tag, its Snowball stemmer (static/stemmers/NAME.js, or ""
        # for none) and its stopwords.
        "languages": [
            [tag, algorithm(tag) or "", " ".join(sorted(stopwords(tag)))] for tag in tags
        ],
        "synonyms": synonyms(site, tags),
        # Where the page finds the stemmers (NAME.js), the search page and the parts.
        "stemmers": urls.stemmer(""),
        "search": urls.SEARCH,
        "shards": [[p.slug, urls.search_shard(p.slug)] for p in site.packs],
        # What search.js says, in each language (a page shows its own language's).
        "text": [_said(site.messages_in(tag)) for tag in tags],
    }


def build_index(site: Site, store: TermStore | None = None) -> dict[str, object]:
    """The index as the page has it once it has merged the packs' parts (search.js):
    every letter numbered in the site's order, each with its language's number."""
    index = head(site)
    tags = languages(site)
    docs: list[list[object]] = []
    postings: dict[str, list[int]] = defaultdict(list)
    for pack in site.packs:
        part = shard(site, pack, store)
        base = len(docs) * len(FIELDS)
        docs += [[*doc[:4], tags.index(doc[4]), doc[5]] for doc in part["docs"]]
        for where, terms in part["groups"]:
            for term in terms.split(" "):
                postings[term] += [base + posting for posting in where]
    index["docs"] = docs
    index["terms"] = dict(sorted(postings.items()))
    return index


def _script(assignment: str, data: Mapping[str, object]) -> bytes:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"{assignment}{text};\n".encode()


def search_index_script(site: Site) -> bytes:
    """search-index.js: the index's head, a script that assigns one global (a script,
    not JSON to fetch, so that search works from disk too)."""
    return _script("window.sincerelySearchIndex=", head(site))


def shard_script(site: Site, pack: Pack, store: TermStore | None = None) -> bytes:
    """A pack's part of the index, a script that adds it to one global, by the pack's
    name: made again only when the pack's letters change."""
    name = json.dumps(pack.slug, ensure_ascii=False)
    assignment = f"(window.sincerelySearchShards=window.sincerelySearchShards||{{}})[{name}]="
    return _script(assignment, shard(site, pack, store))
