"""The letter a reader should get, composed here independently of the page's script."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sincerely.model import Scenario
from sincerely.template import Template


def sample_values(scenario: Scenario, suffix: str = "") -> dict[str, str]:
    """Each field's example (a choice's default), per-recipient ones marked with suffix."""
    values = {}
    for field in scenario.fields:
        if field.kind == "choice":
            values[field.id] = field.default or field.options[0]
        else:
            values[field.id] = field.example + (suffix if field.per_recipient else "")
    return values


def fill(template: Template, values: dict[str, str]) -> str:
    """The template with the values in, joined at the seams as the page joins them: a
    value's closing mark gives way to the letter's own, and a word repeated across the
    seam ('about the' + 'the team') is said once."""
    out = ""
    for i, segment in enumerate(template.segments):
        if isinstance(segment, str):
            out += segment
            continue
        value = values.get(segment.field_id, "")
        following = template.segments[i + 1] if i + 1 < len(template.segments) else ""
        if isinstance(following, str) and re.match(r"[.!?,;:]", following):
            value = re.sub(r"[.!?]+$", "", value)
        last, first = re.search(r"(\S+)\s+$", out), re.match(r"(\S+)\s+", value)
        if last and first and last[1].lower() == first[1].lower():
            value = value[first.end() :]
        out += value
    return out


@dataclass(frozen=True)
class Letter:
    subject: str
    body: str  # the blocks, a blank line between


def compose(
    scenario: Scenario,
    values: dict[str, str],
    recipient: int = 1,
    left_out: frozenset[int] = frozenset(),
) -> Letter:
    blocks = []
    for number, block in enumerate(scenario.letter.blocks, 1):
        if number in left_out or (recipient > 1 and block.first_recipient_only):
            continue
        text = block.for_others if recipient > 1 and block.for_others else block.text
        blocks.append(fill(text, values))
    subject = fill(scenario.letter.subject, values) if scenario.letter.subject else ""
    return Letter(subject, "\n\n".join(blocks))
