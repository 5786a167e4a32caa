"""The search index, prebuilt in the manner of Sphinx's searchindex.js.

It is a script that assigns one global, loaded with a <script> element rather than fetch,
so that search works from disk (file://) too. Terms map to postings ``doc * 4 + field``,
where field is where the term stands at its best (0 title, 1 tags, 2 summary, 3 body),
which is what results are ranked by; terms with the same postings are stored together.
The page's script (static/search.js) splits a query into terms the same way as
:func:`terms`.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

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


def terms(text: str) -> list[str]:
    return _TERM.findall(text.lower())


def _body(scenario: Scenario) -> str:
    labels = {f.id: f.label for f in scenario.fields}
    parts = [scenario.situation, *scenario.tips.do, *scenario.tips.avoid]
    for block in scenario.letter.blocks:
        parts.append(block.text.fill(labels))
        parts.append(block.note)
    return " ".join(parts)


def document_terms(scenario: Scenario) -> dict[str, int]:
    """Each term of a letter, with the best field it stands in."""
    found: dict[str, int] = {}
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
            if field < found.get(term, BODY + 1):
                found[term] = field
    return found


# A letter's terms, by the letter's identity; the letter is kept alongside, so that an
# identity is never mistaken for another letter's. Kept between builds by serve.
TermCache = dict[int, tuple[Scenario, dict[str, int]]]


def build_index(site: Site, cache: TermCache | None = None) -> dict[str, object]:
    docs: list[list[str]] = []
    postings: dict[str, list[int]] = defaultdict(list)
    current: TermCache = {}
    for doc, scenario in enumerate(site.scenarios()):
        docs.append([scenario.url, scenario.title, scenario.summary, scenario.channel])
        entry = cache.get(id(scenario)) if cache is not None else None
        if entry is None or entry[0] is not scenario:
            entry = (scenario, document_terms(scenario))
        if cache is not None:  # a one-off build keeps no letter's terms once indexed
            current[id(scenario)] = entry
        for term, field in entry[1].items():
            postings[term].append(doc * 4 + field)
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
    return {"docs": docs, "groups": [[list(key), " ".join(words)] for key, words in ordered]}


def search_index_script(site: Site, cache: TermCache | None = None) -> bytes:
    data = json.dumps(build_index(site, cache), ensure_ascii=False, separators=(",", ":"))
    return f"window.sincerelySearchIndex={data};\n".encode()
