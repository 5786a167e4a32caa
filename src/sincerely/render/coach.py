"""What the letter coach of a letter's page is given: the letter's rules and its pack's,
their words already known as search knows words (common/words.py), where each rule's
"why" stands on the page, the bounds of the coach's own checks for this letter, and the
coach's words in the letter's language (the catalogs').

A pack's letters have one file of it, PACK/coach.js (a script, not JSON to fetch, so that
it loads from disk too), which a letter page loads only when its reader first types:
the pages carry none of it, so that rules cost them nothing. The page's script
(static/letter-coach.js) stems only what the reader types, with the same Snowball
stemmer. Its own checks point at what the reader wrote, never at the template's words:
a sentence is long past 35 words or past the letter's own longest (filled with its
examples), and a word that already opens three of the letter's own sentences may open
more.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..common import urls
from ..common.i18n import Messages
from ..common.words import algorithm, stopwords, words
from ..model.coach import (
    OPENING_RUN,
    SENTENCE_WORDS,
    CoachRule,
    as_words,
    forms_of,
    is_mark,
    significant,
)
from ..model.scenario import MAX_LETTER_WORDS, Scenario
from ..model.site import Pack, Site

_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])\s+")  # the script's own split
_TOKEN = re.compile(r"\S+")


def sentences(text: str) -> Iterator[list[str]]:
    """A text's sentences, each as its words (what is between spaces): a line ends one,
    and so does '.', '!', '?' or '…' before a space (letter-coach.js: sentences)."""
    for line in text.split("\n"):
        for part in _SENTENCE_END.split(line):
            if found := _TOKEN.findall(part):
                yield found


def opening(sentence: list[str]) -> str:
    """The word a sentence opens with, lowercased; '' for a sentence too short to count."""
    first = words(sentence[0]) if len(sentence) >= OPENING_RUN else []
    return first[0] if first else ""


def _examples(scenario: Scenario) -> dict[str, str]:
    """Each field's example; a choice's longest option, the longest it can be."""
    return {f.id: max(f.options, key=len) if f.options else f.example for f in scenario.fields}


def _texts(scenario: Scenario) -> list[str]:
    """Every text of the letter filled with its examples: each block's, and its text for
    the others."""
    examples = _examples(scenario)
    found = []
    for block in scenario.letter.blocks:
        found += [t.fill(examples) for t in (block.text, block.for_others) if t is not None]
    return found


def bounds(scenario: Scenario) -> dict[str, Any]:
    """The coach's own checks for this letter: the longest sentence, the most words,
    and the words that open sentence after sentence in the letter's own text."""
    own = [s for text in _texts(scenario) for s in sentences(text)]
    opens = Counter(o for s in own if (o := opening(s)))
    whole = sum(len(_TOKEN.findall(text)) for text in _texts(scenario))
    found: dict[str, Any] = {
        "sentence": max([SENTENCE_WORDS, *(len(s) for s in own)]),
        "words": max(MAX_LETTER_WORDS, whole),
        "openings": sorted(w for w, n in opens.items() if n >= OPENING_RUN),
        "run": OPENING_RUN,
    }
    if scenario.character_limit:  # a message: its characters count, not its words
        found["characters"] = scenario.character_limit
    return found


def _why(rule: CoachRule, scenario: Scenario) -> dict[str, int]:
    """Where the rule's why stands on the page: a block's note, or a source."""
    if isinstance(rule.why, int):
        return {"block": rule.why}
    titles = [s.title for s in scenario.sources]
    return {"source": titles.index(rule.why)}


def _rule(name: str, rule: CoachRule, scenario: Scenario, language: str) -> dict[str, Any]:
    data: dict[str, Any] = {"id": name, "advice": rule.advice, "why": _why(rule, scenario)}
    if rule.avoid:
        data["avoid"] = [as_words(p, language) for p in rule.avoid if not is_mark(p)]
        data["marks"] = [p.strip() for p in rule.avoid if is_mark(p)]
        return data
    data["field"] = rule.field
    if rule.generic:
        data["generic"] = [significant(g, language) for g in rule.generic]
    elif rule.repeats:
        data["repeats"] = rule.repeats
    else:
        data["greets"] = rule.greets
        data["forms"] = [sorted(form) for form in forms_of(rule.titles)]
    return data


def coach_data(scenario: Scenario, pack: Pack, language: str) -> dict[str, Any]:
    """A letter's coach: its own rules ('rule-1', ...), then its pack's ('pack-1', ...),
    and the bounds of the coach's own checks."""
    named = [(f"rule-{n}", r) for n, r in enumerate(scenario.coach, 1)]
    named += [(f"pack-{n}", r) for n, r in enumerate(pack.coach, 1)]
    rules = [_rule(name, rule, scenario, language) for name, rule in named]
    return {**bounds(scenario), "rules": rules}


def coach_words(said: Messages) -> dict[str, object]:
    """What the coach says of its own, in a letter's language."""
    return {
        "tip": said.gettext("Tip:"),
        "why": said.gettext("Why?"),
        "example": said.gettext(
            "This is still the example: write your own, unless it really is yours."
        ),
        "exampleIn": said.gettext(
            "“{example}” is the example for “{label}”: write your own, unless it really is yours."
        ),
        "exampleWhy": said.gettext(
            "An example shows what fits here; the letter reads as yours only in your own words."
        ),
        "long": said.gettext(
            "This sentence is {n} words long: two shorter ones are easier to read."
        ),
        "longWhy": said.gettext(
            "A sentence of more than about 35 words is hard to follow on a first reading."
        ),
        "opening": said.gettext(
            "Three sentences in a row start with “{word}”: start one of them another way."
        ),
        "openingWhy": said.gettext(
            "The same word opening sentence after sentence reads like a list."
        ),
        "twice": said.gettext(
            "“{word}” comes twice in a row here: the letter already says it, so leave it out."
        ),
        "twiceWhy": said.gettext(
            "The letter's own words run into yours at this blank; read the sentence aloud."
        ),
        "tooLong": said.gettext("Your letter is {n} words long: cut it to {limit} or fewer."),
        "tooLongWhy": said.gettext("A short letter is read to the end; a long one is skimmed."),
        "points": said.plural_forms(
            "The coach has {n} point about this letter.",
            "The coach has {n} points about this letter.",
        ),
        "clear": said.gettext("The coach has nothing more to point out."),
        "toPoint": said.gettext("Go to the first point"),
    }


def coach_script(site: Site, pack: Pack) -> bytes:
    """PACK/coach.js: the coach's words in the pack's language, the stemmer to load, and
    each letter's rules and bounds by its slug, added to one global by the file's path;
    made again when the pack or one of its letters changes."""
    language = site.language_of(pack)
    data: dict[str, Any] = {
        "words": coach_words(site.messages_in(language)),
        "stemmers": urls.stemmer(""),
        "stemmer": algorithm(language) or "",
        "letters": {s.slug: coach_data(s, pack, language) for s in pack.scenarios},
    }
    if any("generic" in r or "repeats" in r for s in data["letters"].values() for r in s["rules"]):
        data["stop"] = " ".join(sorted(stopwords(language)))  # values, little words aside
    name = json.dumps(urls.coach(pack.slug), ensure_ascii=False)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"(self.sincerelyCoachData=self.sincerelyCoachData||{{}})[{name}]={text};\n".encode()
