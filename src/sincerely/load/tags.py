"""Letters' tags in their language: each tag's slug made as its pack's language spells
it ('Rückmeldung' is 'rueckmeldung' in German), and one spelling of a tag per language.

A tag is shown as it is written, so that German readers see "Rückmeldung", not
"rueckmeldung"; its address is its slug. Letters of one language must write a tag the
same way, or its chips would read differently from card to card (and the tag's page
could show only one of them); letters of another language may write it their way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from ..common.errors import Diagnostics, Location
from ..common.slugs import Tag
from ..format.nodes import MappingNode, SequenceNode
from ..model.channels import CHANNELS
from ..model.config import Config
from ..model.scenario import Scenario
from ..model.site import Pack


def in_language(scenario: Scenario, root: MappingNode, language: str, out: Diagnostics) -> Scenario:
    """``scenario`` with its tags' slugs made in ``language``; a tag that makes no slug,
    or the slug of a channel or of another of its tags, is an error at its line."""
    listed = root.get("tags")
    nodes = listed.items if isinstance(listed, SequenceNode) else ()
    tags: list[Tag] = []
    for tag, node in zip(scenario.tags, nodes, strict=True):
        made = Tag.of(tag.label, language)
        if not made:
            out.error(
                f"tag '{tag.label}' has no letter a to z or digit, even without its "
                "accents, to make its address of; write it in Latin letters",
                node.location,
            )
        elif made in CHANNELS:
            out.error(
                f"tag '{tag.label}' makes the address of the channel '{made}', which has a "
                "chip and a page of its own; remove the tag",
                node.location,
            )
        elif made in tags:
            out.error(
                f"tag '{tag.label}' is the tag '{tags[tags.index(made)].label}' again "
                f"(both are '{made}'); remove one",
                node.location,
            )
        else:
            tags.append(made)
    if [(t, t.label) for t in tags] == [(t, t.label) for t in scenario.tags]:
        return scenario
    return dataclasses.replace(scenario, tags=tuple(tags))


def check_spellings(
    config: Config, packs: Iterable[Pack], language_of: dict[str, str], out: Diagnostics
) -> None:
    """One spelling of each tag in each language: the first letter, in the gallery's
    order, that writes it sets it; another spelling is an error where it is written."""
    first: dict[tuple[str, str], tuple[str, Scenario]] = {}
    for pack in packs:
        language = language_of[pack.slug]
        for scenario in pack.scenarios:
            for tag in scenario.tags:
                label, where = first.setdefault((language, tag), (tag.label, scenario))
                if label != tag.label:
                    out.error(
                        f"tag '{tag.label}' is written '{label}' in {where.source_path}; "
                        "letters of one language write a tag one way, as its chips and "
                        "page show it: write it the same way in both",
                        _located(config, scenario, tag.label),
                    )


def _located(config: Config, scenario: Scenario, label: str) -> Location:
    """Where a letter writes a tag: the first line from its 'tags' on that names it."""
    path = config.root / Path(scenario.source_path)
    lines = scenario.yaml_text.splitlines()
    start = next((n for n, line in enumerate(lines) if line.startswith("tags:")), 0)
    for number in range(start, len(lines)):
        column = lines[number].find(label)
        if column >= 0:
            return Location(path, number + 1, column + 1)
    return Location(path)
