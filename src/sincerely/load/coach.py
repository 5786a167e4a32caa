"""The letter coach's rules, checked against the letters they apply to: a pack's rules
against each letter of the pack (the fields they name, the source they cite), and every
rule against its letter's own words and examples, which should raise none of them: a
reader who edits the whole letter would be told to change the template's words, and one
who keeps an example, the gallery's own.

What one file can say of its own rules (a field or source it does not have) is the
format's: format/coach.py's CoachNames, at the scenario's `coach`.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import zip_longest

from ..common.errors import Diagnostics, Location, closest
from ..format.coach import THEIR_ADDRESS
from ..format.nodes import MappingNode, Node, SequenceNode
from ..format.rules import entries_of
from ..model.coach import CoachRule, found_in, raises
from ..model.scenario import Scenario
from ..model.site import Pack

_FIELD_KEYS = ("field", "repeats", "greets")
_TOLD = "a reader who {does} would be told to change it"


def check_letter_coach(
    root: MappingNode, scenario: Scenario, language: str, out: Diagnostics
) -> None:
    """A letter's own rules, against its own words and examples: a warning at the rule."""
    for node, rule in zip(entries_of(root, "coach"), scenario.coach, strict=False):
        for message, where in _contradictions(rule, node, scenario, language):
            out.warning(message, where)


def check_pack_coach(meta: MappingNode, pack: Pack, language: str, out: Diagnostics) -> None:
    """A pack's rules, against each of its letters: the letter must have what a rule
    names, and its words and examples should raise none of them."""
    for node, rule in zip(entries_of(meta, "coach"), pack.coach, strict=False):
        before = out.error_count
        _check_why(node, rule, pack, out)
        for name in _FIELD_KEYS:
            if value := getattr(rule, name):
                _check_field(node, name, value, pack, out)
        if out.error_count > before:
            continue
        for scenario in pack.scenarios:
            for message, where in _contradictions(rule, node, scenario, language):
                out.warning(f"in {scenario.slug}.yaml, {message}", where)


def _check_why(node: MappingNode, rule: CoachRule, pack: Pack, out: Diagnostics) -> None:
    at = _at(node, "why")
    if isinstance(rule.why, int):
        out.error(
            "a pack's rule gives a source's title as its 'why', not a block's number: its "
            "letters' blocks are not the same; give the title, or move the rule to a letter",
            at,
        )
        return
    lacking = [s.slug for s in pack.scenarios if rule.why not in (x.title for x in s.sources)]
    if not lacking:
        return
    if len(lacking) == len(pack.scenarios):
        titles = {x.title for s in pack.scenarios for x in s.sources}
        match = closest(rule.why, titles)
        hint = f" (did you mean '{match}'?)" if match else ""
        out.error(f"'why' names no source of the pack's letters{hint}", at)
        return
    out.error(
        f"'why' names a source that {_listed(lacking)} do not list; add it to their "
        "sources, or give the rule to the letters that cite it",
        at,
    )


def _check_field(node: MappingNode, name: str, value: str, pack: Pack, out: Diagnostics) -> None:
    def has(scenario: Scenario) -> bool:
        ids = [f.id for f in scenario.fields]
        if name == "greets" and scenario.channel == "letter":
            ids.append(THEIR_ADDRESS)
        return value in ids

    lacking = [s.slug for s in pack.scenarios if not has(s)]
    if not lacking:
        return
    if len(lacking) == len(pack.scenarios):
        match = closest(value, {f.id for s in pack.scenarios for f in s.fields})
        hint = f" (did you mean '{match}'?)" if match else ""
        out.error(f"'{name}' names no field of the pack's letters{hint}", _at(node, name))
        return
    out.error(
        f"'{name}' names a field that {_listed(lacking)} do not have; a pack's rule is for "
        "every letter of the pack: give it to the letters that have the field",
        _at(node, name),
    )


def _listed(slugs: list[str]) -> str:
    shown = [f"{s}.yaml" for s in slugs[:3]] + ([f"{len(slugs) - 3} more"] if slugs[3:] else [])
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]


def _at(node: MappingNode, name: str) -> Location:
    value = node.get(name)
    return value.location if value is not None else node.location


def _own_texts(scenario: Scenario) -> Iterator[tuple[str, str]]:
    """The letter's own words, part by part (a blank breaks them: no phrase spans one)."""
    letter = scenario.letter
    parts = [("the subject", letter.subject)] if letter.subject else []
    for n, block in enumerate(letter.blocks, 1):
        parts.append((f"block {n}", block.text))
        if block.for_others:
            parts.append((f"block {n}'s for_others", block.for_others))
    for where, template in parts:
        yield where, "\n".join(s for s in template.segments if isinstance(s, str))


def _contradictions(
    rule: CoachRule, node: MappingNode, scenario: Scenario, language: str
) -> Iterator[tuple[str, Location]]:
    """What in the letter's own words or examples would raise ``rule``, and where the
    rule says what it is raised by."""
    examples = {f.id: f.example for f in scenario.fields}
    if rule.avoid:
        listed = node.get("avoid")
        entries: list[Node | None] = list(listed.items) if isinstance(listed, SequenceNode) else []
        for phrase, entry in zip_longest(rule.avoid, entries[: len(rule.avoid)]):
            at = entry.location if entry is not None else node.location
            yield from _phrase_in_letter(phrase, scenario, examples, language, at)
        return
    if not raises(rule, examples, language):
        return
    value = examples[rule.field]
    if rule.generic:
        said = f"the example of field '{rule.field}', '{value}', is one this rule calls generic"
    elif rule.repeats:
        said = f"the example of field '{rule.field}' repeats that of '{rule.repeats}'"
    else:
        name = examples[rule.greets]
        said = f"the example greeting '{value}' does not suit the example name '{name}'"
    told = _TOLD.format(does="keeps the examples")
    yield f"{said}; change an example: {told}", _at(node, rule.kind)


def _phrase_in_letter(
    phrase: str, scenario: Scenario, examples: dict[str, str], language: str, at: Location
) -> Iterator[tuple[str, Location]]:
    for where, text in _own_texts(scenario):
        if found_in(phrase, text, language):
            told = _TOLD.format(does="edits the whole letter")
            yield (
                f"the letter's own text ({where}) has '{phrase}', which this rule avoids: "
                f"{told}; take '{phrase}' out of the rule, or rephrase the letter",
                at,
            )
            return
    for field_id, example in examples.items():
        if found_in(phrase, example, language):
            told = _TOLD.format(does="keeps the example")
            said = f"the example of field '{field_id}' has '{phrase}'"
            yield f"{said}, which this rule avoids: {told}; change the example", at
            return
