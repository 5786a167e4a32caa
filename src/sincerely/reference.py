"""The format reference for contributors, written from the same description that checks
files (formats.py), so that CONTRIBUTING.md cannot drift from the code: a test compares
the two, and ``sincerely schema --format markdown`` prints it afresh."""

from __future__ import annotations

from .formats import BLOCK, FIELD, LETTER, PACK, PAGE, SCENARIO, SOURCE, TIPS
from .schema import Boolean, Integer, ListOf, NotBoth, Record, Rule, Spec

SECTIONS: tuple[tuple[str, Record], ...] = (
    ("A scenario file", SCENARIO),
    ("Each entry of `fields`", FIELD),
    ("`letter`", LETTER),
    ("Each entry of `letter.blocks`", BLOCK),
    ("Each entry of `sources`", SOURCE),
    ("`tips`", TIPS),
    ("A pack's `_pack.yaml`", PACK),
    ("A page's front matter", PAGE),
)


def _kind(spec: Spec) -> str:
    if isinstance(spec, Record):
        return "mapping"
    if isinstance(spec, ListOf):
        inner = _kind(spec.item)
        least = f", at least {spec.min_items}" if spec.min_items else ""
        return f"list of {inner}{least}"
    if isinstance(spec, Integer):
        return "whole number"
    if isinstance(spec, Boolean):
        return "true or false"
    kind = "text"
    if spec.choices:
        kind = " \\| ".join(f"`{c}`" for c in spec.choices)
    elif spec.pattern_help:
        kind = f"text: {spec.pattern_help}"
    elif spec.url:
        kind = "http(s) address"
    if spec.max_length:
        kind += f", at most {spec.max_length} characters"
    return kind


def _rule(rule: Rule) -> str:
    if isinstance(rule, NotBoth):
        return f"{' and '.join(f'`{k}`' for k in rule.keys)} not both true ({rule.reason})"
    value = str(rule.value).lower() if isinstance(rule.value, bool) else f"`{rule.value}`"
    parts = []
    if rule.require:
        parts.append(
            f"{', '.join(f'`{k}`' for k in rule.require)} required when `{rule.key}` is {value}"
        )
    if rule.forbid_otherwise:
        only = ", ".join(f"`{k}`" for k in rule.forbid_otherwise)
        parts.append(f"{only} only allowed when `{rule.key}` is {value}")
    return "; ".join(parts)


def reference_markdown() -> str:
    lines: list[str] = []
    for heading, record in SECTIONS:
        lines += [
            f"#### {heading}",
            "",
            "| key | value | required | what it is |",
            "| --- | --- | --- | --- |",
        ]
        for key in record.keys:
            doc = key.spec.doc or (key.spec.item.doc if isinstance(key.spec, ListOf) else "")
            required = "yes" if key.required else ""
            lines.append(f"| `{key.name}` | {_kind(key.spec)} | {required} | {doc} |")
        for rule in record.rules:
            lines += ["", f"Rule: {_rule(rule)}."]
        lines.append("")
    return "\n".join(lines)
