"""The letter coach's rules: the points it may raise about a reader's own words, as the
format declares them (a scenario's `coach`, and a pack's, for every letter in it), and
what each looks for, word by word, known as search knows words (common/words.py).

The page's script (static/letter-coach.js) raises them as the reader types, from the
words' keys that render/coach.py writes into the page; the functions here are the same
matching in Python, so that `check` can say where a letter's own text or its examples
would raise one (load/coach.py). Besides its rules, the coach checks every letter for
what no rule is needed for: its length, long sentences, the same word opening sentence
after sentence, and an example left in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from ..common.pickling import pickled_as_tuple
from ..common.words import fold, is_stopword, keys, words
from ..format.coach import THEIR_ADDRESS, Forms, OneKind, Phrase, Why
from ..format.placeholders import FIELD_ID
from ..format.records import key
from ..format.rules import Needs, Rule
from ..format.values import ListOf, Text

KINDS = ("avoid", "generic", "repeats", "greets")
SENTENCE_WORDS = 35  # a sentence longer than this is hard to follow on a first reading
OPENING_RUN = 3  # the same word opening this many sentences in a row reads as a list

Words = tuple[tuple[str, ...], ...]  # a text's words, each as its keys


def _field(example: str, extra: str = "") -> Text:
    return Text(
        pattern=f"{extra}{FIELD_ID}",
        pattern_help=f"a field's id, like '{example}'"
        + (f", or {THEIR_ADDRESS} (a paper letter's recipient)" if extra else ""),
        example=example,
    )


@pickled_as_tuple
@dataclass(frozen=True, kw_only=True, slots=True)
class CoachRule:
    """A point the letter coach raises about the reader's own words: what it looks for,
    the advice it gives, and where that advice comes from."""

    FORMAT_RULES: ClassVar[tuple[Rule, ...]] = (
        OneKind(KINDS, "field", about=KINDS[1:], what="a coach rule"),
        Needs("titles", "greets"),
        Needs("greets", "titles"),
    )

    avoid: tuple[str, ...] = key(
        ListOf(Phrase(pattern_help="words, or a mark like '!'"), min_items=1),
        "Words and phrases that work against the letter, in its language ('reconsider', "
        "'unfortunately'), or a mark ('!'): found anywhere in the reader's own words, by "
        "their stems as search finds them ('reconsider' finds 'reconsidering'); a mark as "
        "it is written.",
    )
    field: str = key(
        _field("detail"),
        "For `generic`, `repeats` and `greets`: the field whose value the rule looks at.",
    )
    generic: tuple[str, ...] = key(
        ListOf(Text(), min_items=1),
        "Values of `field` that say nothing of this reader ('the interview', 'everything', "
        "'the team'): matched whole, by their words' stems, the language's little words "
        "aside ('our team' is 'the team').",
    )
    repeats: str = key(
        _field("organisation"),
        "Another field, whose value `field`'s should not hold (the organisation's name "
        "in the job's title): its words in a row, by their stems, little words aside.",
    )
    greets: str = key(
        _field("recipient_name", f"{THEIR_ADDRESS}|"),
        f"For a greeting in `field`: the field with the name it greets ({THEIR_ADDRESS} "
        "for a paper letter's recipient), whose first word says its form of address.",
    )
    titles: tuple[tuple[str, tuple[str, ...]], ...] = key(
        Forms(Text(), ListOf(Text(), 1), "{Madame: [Mme], Monsieur: [M.]}"),
        "For `greets`: each form of address a greeting may hold, to the words a name of "
        "that form starts with, like 'Madame: [Mme, Madame]': a greeting of one form "
        "before a name of another is pointed out. Matched as written (case and accents "
        "aside), not by stems, which would make 'Estimada' and 'Estimado' one.",
    )
    advice: str = key(
        Text(max_length=160),
        "What the coach says, in one short sentence in the letter's language.",
        required=True,
    )
    why: str | int = key(
        Why(),
        "Where the advice comes from, one tap away: a source's title (one of the "
        "letter's `sources`), or a block's number from 1 (its note).",
        required=True,
    )

    @property
    def kind(self) -> str:
        """What it looks for: 'avoid', 'generic', 'repeats' or 'greets'."""
        return next(k for k in KINDS if getattr(self, k))


# ---- the same matching as the page's, over values the build knows (the examples) ----


def as_words(text: str, language: str) -> Words:
    """``text``'s words, each as its keys in ``language``."""
    return tuple(keys(w, language) for w in words(text))


def significant(text: str, language: str) -> Words:
    """``text``'s words but the language's little ones (all of them, if that is all)."""
    found = words(text)
    kept = [w for w in found if not is_stopword(w, language)] or found
    return tuple(keys(w, language) for w in kept)


def is_mark(phrase: str) -> bool:
    """Whether an `avoid` entry is a mark ('!'), found as written, not a phrase."""
    return not words(phrase)


def _alike(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    return not set(one).isdisjoint(other)


def holds(text: Words, phrase: Words) -> bool:
    """Whether ``phrase``'s words stand in ``text``, one after another."""
    n = len(phrase)
    return n > 0 and any(
        all(_alike(text[i + j], phrase[j]) for j in range(n)) for i in range(len(text) - n + 1)
    )


def same(one: Words, other: Words) -> bool:
    return len(one) == len(other) and all(map(_alike, one, other))


def found_in(phrase: str, text: str, language: str) -> bool:
    """Whether an `avoid` entry is in ``text``."""
    if is_mark(phrase):
        return phrase.strip() in text
    return holds(as_words(text, language), as_words(phrase, language))


def is_generic(value: str, generic: Sequence[str], language: str) -> bool:
    mine = significant(value, language)
    return bool(mine) and any(same(mine, significant(g, language)) for g in generic)


def repeats(value: str, other: str, language: str) -> bool:
    """Whether ``value`` holds all of ``other``'s words, one after another, the little
    ones aside ('Bibliothekar der Stadtbibliothek' repeats 'die Stadtbibliothek')."""
    return holds(significant(value, language), significant(other, language))


def forms_of(titles: Sequence[tuple[str, Sequence[str]]]) -> list[set[str]]:
    """Each form of address, as the words of its name and of the words it starts names
    with, folded but not stemmed: a stem would make 'Estimada' and 'Estimado' one."""
    return [{fold(w) for text in (form, *starts) for w in words(text)} for form, starts in titles]


def greeting_disagrees(
    greeting: str, name: str, titles: Sequence[tuple[str, Sequence[str]]]
) -> bool:
    """Whether a greeting holds forms of address, none of them the one the name starts
    with (when it starts with one)."""
    forms = forms_of(titles)
    said = {i for i, f in enumerate(forms) for w in words(greeting) if fold(w) in f}
    first = [fold(w) for w in words(name)[:1]]
    named = [i for i, f in enumerate(forms) if first and first[0] in f]
    return bool(said) and bool(named) and named[0] not in said


def raises(rule: CoachRule, values: Mapping[str, str], language: str) -> bool:
    """Whether the fields' ``values`` raise ``rule`` (a rule about one field's value)."""
    value = values.get(rule.field, "")
    if not value:
        return False
    if rule.generic:
        return is_generic(value, rule.generic, language)
    other = values.get(rule.repeats or rule.greets, "")
    if rule.repeats:
        return bool(other) and repeats(value, other, language)
    return bool(other) and greeting_disagrees(value, other, rule.titles)
