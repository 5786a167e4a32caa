"""Documents that break one rule of the format each, generated from the spec itself.

Walking the spec (model.SCENARIO) beside a valid document that uses every key
(cases/valid/every-key.yaml), each constraint of each key and each rule between keys
yields a copy of the document that breaks it and nothing else. The agreement test feeds
every copy to the loader and to the published JSON Schema: both must refuse it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sincerely.format.coach import CoachNames, OneKind, Why
from sincerely.format.lengths import CharacterLimit, MaxWords
from sincerely.format.placeholders import PlaceholdersNameFields
from sincerely.format.records import MapOf, Record
from sincerely.format.rules import Needs, NoneOf, NotBoth, OneOfList, Rule, Unique, When
from sincerely.format.values import Boolean, Integer, ListOf, Spec, Text


@dataclass(frozen=True)
class Mutation:
    name: str  # what it breaks, as 'path: rule'
    document: dict[str, Any]
    severity: str = "error"  # what the loader must say: an error, or a warning (the bar)
    schema: bool = True  # the JSON Schema must refuse it too (where JSON Schema can say it)


def _at(document: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


def _with(document: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    _at(changed, path[:-1])[path[-1]] = value
    return changed


def _without(document: dict[str, Any], path: tuple[str | int, ...]) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    del _at(changed, path[:-1])[path[-1]]
    return changed


def _text_breakers(spec: Text, value: str) -> Iterator[tuple[str, Any]]:
    yield "not text", 5
    if spec.non_empty:
        yield "empty", " "
    if spec.max_length is not None:
        yield "too long", "x" * (spec.max_length + 1)
    if spec.choices is not None:
        yield "not a choice", "none-of-these"
    if spec.pattern is not None:
        yield "off the pattern", "Not Valid!"
    if spec.url:
        for bad in ("ftp://example.org/a", "example.org/a", "https://exa mple.org", "https://a<b"):
            yield f"not an address ({bad})", bad


def mutations(spec: Spec, document: Any, path: tuple[str | int, ...] = ()) -> Iterator[Mutation]:
    """Every single-rule break of ``document`` (the whole file when ``path`` is empty)."""
    value = _at(document, path)
    where = ".".join(str(p) for p in path) or "the file"
    if isinstance(spec, Text):
        for rule, bad in _text_breakers(spec, value):
            yield Mutation(f"{where}: {rule}", _with(document, path, bad))
    elif isinstance(spec, Integer):
        yield Mutation(f"{where}: quoted number", _with(document, path, "3"))
        yield Mutation(f"{where}: fraction", _with(document, path, 1.5))
    elif isinstance(spec, Boolean):
        yield Mutation(f"{where}: not true or false", _with(document, path, "yes"))
    elif isinstance(spec, Why):
        yield Mutation(f"{where}: neither a title nor a number", _with(document, path, True))
        yield Mutation(f"{where}: block 0", _with(document, path, 0))
        yield Mutation(f"{where}: empty", _with(document, path, " "))
    elif isinstance(spec, ListOf):
        yield Mutation(f"{where}: not a list", _with(document, path, "text"))
        if spec.min_items:
            yield Mutation(f"{where}: too few", _with(document, path, value[: spec.min_items - 1]))
        yield from mutations(spec.item, document, (*path, 0))
    elif isinstance(spec, Record):
        yield from _record_mutations(spec, document, path, where)


# Keys whose value names another file (a letter's translation_of names the letter it
# translates, its image a picture beside it): one file alone cannot hold a valid one, so
# tests/load/test_translations.py and tests/render/test_metadata.py try them in projects
# of several files, and tests/cases/broken/image-*.yaml break them.
ACROSS_FILES = frozenset({"translation_of", "image"})


def _record_mutations(
    spec: Record, document: Any, path: tuple[str | int, ...], where: str
) -> Iterator[Mutation]:
    """Break each key of a mapping; in a list of mappings (``path`` ends at item 0), each
    key where it first appears, since the entries of a list use different keys."""
    in_list = bool(path) and path[-1] == 0 and isinstance(_at(document, path[:-1]), list)
    items = _at(document, path[:-1]) if in_list else [_at(document, path)]
    if path:
        yield Mutation(f"{where}: not a mapping", _with(document, path, ["a", "list"]))
    yield Mutation(f"{where}: unknown key", _with(document, (*path, "no_such_key"), "x"))
    for key in spec.keys:
        if key.name in ACROSS_FILES:
            continue
        index = next((i for i, item in enumerate(items) if key.name in item), None)
        assert index is not None, f"every-key.yaml lacks {where}.{key.name}"
        at = (*path[:-1], index) if in_list else path
        shown = ".".join(str(p) for p in at) or "the file"
        if key.required:
            yield Mutation(f"{shown}.{key.name}: missing", _without(document, (*at, key.name)))
        elif key.recommended:
            missing = _without(document, (*at, key.name))
            yield Mutation(f"{shown}.{key.name}: missing", missing, "warning", schema=False)
        yield from mutations(key.spec, document, (*at, key.name))
    for rule in spec.rules:
        yield from _rule_mutations(rule, spec, document, path, where)


def sample(spec: Spec) -> Any:
    """A valid value for ``spec`` alone."""
    if isinstance(spec, Text):
        return spec.choices[0] if spec.choices else spec.example or "x"
    if isinstance(spec, Integer):
        return 1
    if isinstance(spec, Boolean):
        return True
    if isinstance(spec, ListOf):
        return [sample(spec.item)] * max(spec.min_items, 1)
    if isinstance(spec, MapOf):
        return {"x": sample(spec.value)}
    return {key.name: sample(key.spec) for key in spec.keys if key.required}


def _spec_at(record: Record, dotted: str) -> Spec:
    spec: Spec = record
    for name in dotted.split("."):
        assert isinstance(spec, Record)
        spec = spec.key(name).spec
    return spec


def _rule_mutations(
    rule: Rule, record: Record, document: Any, path: tuple[str | int, ...], where: str
) -> Iterator[Mutation]:
    if isinstance(rule, NotBoth):
        both = document
        for flag in rule.flags:
            both = _with(both, (*path, flag), True)
        yield Mutation(f"{where}: {' and '.join(rule.flags)} together", both)
    elif isinstance(rule, When):
        yield from _when_mutations(rule, record, document, path, where)
    elif isinstance(rule, Unique):
        items = _at(document, (*path, rule.items))
        twin = _with(document, (*path, rule.items, 1, rule.key), items[0][rule.key])
        yield Mutation(f"{where}: {rule.items} with the same {rule.key}", twin, schema=False)
    elif isinstance(rule, PlaceholdersNameFields):
        first_text = (*path, "letter", "blocks", 0, "text")
        unknown = _with(document, first_text, _at(document, first_text) + " {no_such_field}")
        yield Mutation(f"{where}: a placeholder that names no field", unknown, schema=False)
        extra = {"id": "never_used", "label": "Unused", "example": "x", "hint": "h"}
        unused = _with(
            document, (*path, rule.fields), [*_at(document, (*path, rule.fields)), extra]
        )
        yield Mutation(f"{where}: a field no placeholder uses", unused, "warning", False)
    elif isinstance(rule, OneOfList):
        at = _item_having(document, path, rule.options)
        off = _with(document, (*at, rule.key), "none of the options")
        yield Mutation(f"{where}: {rule.key} not one of the {rule.options}", off, schema=False)
    elif isinstance(rule, Needs):
        at = _item_lacking(document, path, rule.needs)
        alone = _with(document, (*at, rule.key), sample(record.key(rule.key).spec))
        yield Mutation(f"{where}: {rule.key} without {rule.needs}", alone)
    elif isinstance(rule, NoneOf):
        named = _with(document, (*path, rule.items), [rule.values[0]])
        yield Mutation(f"{where}: {rule.items} holding {rule.values[0]}", named)
    elif isinstance(rule, CharacterLimit):
        tight = _with(document, (*path, rule.limit), 10)
        yield Mutation(f"{where}: a letter over its {rule.limit}", tight, schema=False)
    elif isinstance(rule, OneKind):
        yield from _one_kind_mutations(rule, document, path, where)
    elif isinstance(rule, CoachNames):
        first = _at(document, (*path, rule.rules))
        named = next(i for i, item in enumerate(first) if "field" in item)
        unknown = _with(document, (*path, rule.rules, named, "field"), "no_such_field")
        yield Mutation(f"{where}: a coach rule naming no field", unknown, schema=False)
        nowhere = _with(document, (*path, rule.rules, 0, "why"), "No such source")
        yield Mutation(f"{where}: a coach rule's why naming no source", nowhere, schema=False)
        past = _with(document, (*path, rule.rules, 0, "why"), 99)
        yield Mutation(f"{where}: a coach rule's why past the last block", past, schema=False)
    elif isinstance(rule, MaxWords):
        first_text = (*path, "letter", "blocks", 0, "text")
        long = _with(document, first_text, "word " * (rule.limit + 1))
        yield Mutation(f"{where}: a letter over {rule.limit} words", long, "warning", False)
    else:
        raise AssertionError(f"no mutation breaks {rule!r}: teach spec_mutations.py to")


def _one_kind_mutations(
    rule: OneKind, document: Any, path: tuple[str | int, ...], where: str
) -> Iterator[Mutation]:
    """In a list of entries of one kind each: an entry of no kind, of two, one that
    looks at a field without naming it, and one that names a field it does not look at."""
    items = _at(document, path[:-1])
    whole = next(i for i, item in enumerate(items) if rule.kinds[0] in item)
    about = next(i for i, item in enumerate(items) if rule.about[0] in item)
    at, other = (*path[:-1], whole), (*path[:-1], about)
    kindless = _without(document, (*at, rule.kinds[0]))
    yield Mutation(f"{where}: none of {', '.join(rule.kinds)}", kindless)
    two = _with(document, (*at, rule.about[0]), _at(document, (*other, rule.about[0])))
    yield Mutation(f"{where}: {rule.kinds[0]} and {rule.about[0]} together", two)
    alone = _without(document, (*other, rule.subject))
    yield Mutation(f"{where}: {rule.about[0]} without {rule.subject}", alone)
    needless = _with(document, (*at, rule.subject), _at(document, (*other, rule.subject)))
    yield Mutation(f"{where}: {rule.subject} with {rule.kinds[0]}", needless)


def _when_mutations(
    rule: When, record: Record, document: Any, path: tuple[str | int, ...], where: str
) -> Iterator[Mutation]:
    holding = _with(document, (*path, rule.key), rule.value)
    for required in rule.require:
        steps = tuple(required.split("."))
        broken = _without(holding, (*path, *steps)) if _has(holding, (*path, *steps)) else holding
        yield Mutation(f"{where}: {required} missing when {rule.key} is {rule.value}", broken)
    key_spec = record.key(rule.key).spec
    if isinstance(rule.value, bool):
        other: Any = not rule.value
    else:
        assert isinstance(key_spec, Text) and key_spec.choices
        other = next(c for c in key_spec.choices if c != rule.value)
    for forbidden in rule.forbid:
        steps = tuple(forbidden.split("."))
        broken = holding
        if not _has(broken, (*path, *steps)):
            broken = _with(broken, (*path, *steps), sample(_spec_at(record, forbidden)))
        yield Mutation(f"{where}: {forbidden} present when {rule.key} is {rule.value}", broken)
    for forbidden in rule.forbid_otherwise:
        steps = tuple(forbidden.split("."))
        broken = _with(document, (*path, rule.key), other)
        if not _has(broken, (*path, *steps)):
            broken = _with(broken, (*path, *steps), sample(_spec_at(record, forbidden)))
        yield Mutation(f"{where}: {forbidden} present when {rule.key} is {other}", broken)


def _item_having(document: Any, path: tuple[str | int, ...], key: str) -> tuple[str | int, ...]:
    """In a list of mappings, the first entry that has ``key`` (else ``path`` itself)."""
    if path and path[-1] == 0 and isinstance(_at(document, path[:-1]), list):
        items = _at(document, path[:-1])
        return (*path[:-1], next(i for i, item in enumerate(items) if key in item))
    return path


def _item_lacking(document: Any, path: tuple[str | int, ...], key: str) -> tuple[str | int, ...]:
    if path and path[-1] == 0 and isinstance(_at(document, path[:-1]), list):
        items = _at(document, path[:-1])
        return (*path[:-1], next(i for i, item in enumerate(items) if key not in item))
    return path


def _has(document: Any, path: tuple[str | int, ...]) -> bool:
    try:
        _at(document, path)
    except (KeyError, IndexError, TypeError):
        return False
    return True
