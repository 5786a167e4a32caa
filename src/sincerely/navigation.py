"""How letters lead to one another: previous and next in a pack, and related letters.

Each letter page carries a fixed number of links, so that no page grows with the size
of the site (only the index, tag and search pages may).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from .model import Scenario, Site

RELATED_COUNT = 3
# A tag shared by thousands of letters says little about any two of them; looking at a
# bounded number of candidates per tag keeps this linear in the size of the site.
CANDIDATES_PER_TAG = 200


@dataclass(frozen=True, slots=True)
class Neighbours:
    previous: Scenario | None
    next: Scenario | None
    related: tuple[Scenario, ...]


def related_letters(
    scenario: Scenario, site: Site, index: Mapping[str, int]
) -> tuple[Scenario, ...]:
    """Letters that share tags (two points each) and channel (one point), best first;
    ties go to the order letters appear in the gallery, as in sphinx-gallery's
    recommender, which also scores by shared features and keeps the top few."""
    scores: Counter[str] = Counter()
    by_url: dict[str, Scenario] = {}
    for tag in scenario.tags:
        for other in site.tags.get(tag, ())[:CANDIDATES_PER_TAG]:
            if other.url != scenario.url:
                scores[other.url] += 2
                by_url[other.url] = other
    for url, other in by_url.items():
        if other.channel == scenario.channel:
            scores[url] += 1
    ranked = sorted(scores, key=lambda url: (-scores[url], index[url]))
    return tuple(by_url[url] for url in ranked[:RELATED_COUNT])


def neighbours(site: Site) -> dict[str, Neighbours]:
    """Previous, next and related letters for every letter, by its URL."""
    index = {s.url: i for i, s in enumerate(site.scenarios())}
    result: dict[str, Neighbours] = {}
    for pack in site.packs:
        letters = pack.scenarios
        for i, scenario in enumerate(letters):
            result[scenario.url] = Neighbours(
                previous=letters[i - 1] if i > 0 else None,
                next=letters[i + 1] if i + 1 < len(letters) else None,
                related=related_letters(scenario, site, index),
            )
    return result
