"""The letter a reader should get, composed here independently of the page's script."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sincerely.format.placeholders import Template
from sincerely.model.scenario import Scenario
from sincerely.render.seams import seam_rules


def sample_values(scenario: Scenario, suffix: str = "") -> dict[str, str]:
    """Each field's example (a choice's default), per-recipient ones marked with suffix."""
    values = {}
    for field in scenario.fields:
        if field.kind == "choice":
            values[field.id] = field.default or field.options[0]
        else:
            values[field.id] = field.example + (suffix if field.per_recipient else "")
    return values


def _python(pattern: str) -> str:
    """A seam rule's JavaScript pattern in Python's dialect (no \\p{...} classes)."""
    pattern = pattern.replace(r"\p{L}\p{N}", r"\w").replace(r"[\p{L}]", r"[^\W\d_]")
    return pattern.replace(r"\p{L}", r"[^\W\d_]").replace(r"\p{N}", r"\d")


def fill(template: Template, values: dict[str, str], language: str = "en") -> str:
    """The template with the values in, joined at the seams as the page joins them: a
    value's closing mark gives way to the letter's own or to a word that goes on, a word
    repeated across the seam ('about the' + 'the team') is said once, and the
    language's own rules (render/seams.py: 'de' + 'le musée' is 'du musée') apply."""
    rules = [
        (re.compile(_python(end)), re.compile(_python(start)), to)
        for end, start, to in seam_rules(language)["rules"]
    ]
    out = ""
    for i, segment in enumerate(template.segments):
        if isinstance(segment, str):
            out += segment
            continue
        value = values.get(segment.field_id, "")
        following = template.segments[i + 1] if i + 1 < len(template.segments) else ""
        if isinstance(following, str) and re.match(
            r"[\u00a0\u202f]?[.!?,;:]|\s+[^\W_A-Z]", following
        ):
            value = re.sub(r"[.!?]+$", "", value)
        last, first = re.search(r"(\S+)\s+$", out), re.match(r"(\S+)\s+", value)
        articles = seam_rules(language)["articles"]
        if (
            last
            and first
            and last[1].lower() in (first[1], first[1].lower() if first[1] in articles else None)
        ):
            value = value[first.end() :]
        for end, start, to in rules:
            if end.search(out) and (matched := start.match(value)):
                out = end.sub(to.replace("$1", r"\1"), out)
                value = value[matched.end() :]
                break
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
    language: str = "en",
) -> Letter:
    blocks = []
    for number, block in enumerate(scenario.letter.blocks, 1):
        if number in left_out or (recipient > 1 and block.first_recipient_only):
            continue
        text = block.for_others if recipient > 1 and block.for_others else block.text
        blocks.append(fill(text, values, language))
    subject = fill(scenario.letter.subject, values, language) if scenario.letter.subject else ""
    return Letter(subject, "\n\n".join(blocks))
