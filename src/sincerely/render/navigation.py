"""How letters lead to one another: previous and next in a pack, and related letters.

Each letter page carries a fixed number of links, so that no page grows with the size
of the site (only the index, tag and search pages may).
"""

from __future__ import annotations

import hashlib
import heapq
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from itertools import chain

from ..model.scenario import Scenario
from ..model.site import Site

RELATED_COUNT = 3
# A tag shared by thousands of letters says little about any two of them. For each tag,
# a letter looks at the members nearest to it in the gallery's order (most often its own
# pack), which keeps the work linear in the size of the site.
WINDOW_PER_TAG = 60


@dataclass(frozen=True, slots=True)
class Neighbours:
    previous: Scenario | None
    next: Scenario | None
    related: tuple[Scenario, ...]


def relatedness_key(site: Site) -> str:
    """A digest of everything related letters are computed from: when it is unchanged
    between two builds, so are they (a build keeps them in its record, serve in memory)."""
    found = repr([(s.url, s.tags, s.channel) for s in site.scenarios()])
    return hashlib.blake2b(found.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def related_positions(site: Site) -> list[tuple[int, ...]]:
    """For each letter (by position), the positions of its related letters: two points
    per shared tag, one for the same channel, ties to the earlier letter, as in
    sphinx-gallery's recommender, which also scores shared features and keeps the top."""
    letters = list(site.scenarios())
    channels = [s.channel for s in letters]
    position = {id(s): i for i, s in enumerate(letters)}
    members = {tag: [position[id(s)] for s in group] for tag, group in site.tags.items()}
    half = WINDOW_PER_TAG // 2
    result = []
    for i, scenario in enumerate(letters):
        windows = []
        for tag in scenario.tags:
            group = members[tag]
            at = bisect_left(group, i)
            windows.append(group[max(0, at - half) : at + half + 1])
        shared = Counter(chain.from_iterable(windows))
        shared.pop(i, None)
        channel = scenario.channel
        # The best few by score, ties to the earlier letter: tuples compared in C, not
        # a key function called for each of the thousands of candidates at 10,000.
        ranked = heapq.nsmallest(
            RELATED_COUNT,
            [(-(2 * count + (channels[j] == channel)), j) for j, count in shared.items()],
        )
        result.append(tuple(j for _, j in ranked))
    return result


def neighbours(site: Site, related: list[tuple[int, ...]] | None = None) -> dict[str, Neighbours]:
    """Previous, next and related letters for every letter, by its URL. ``related`` may
    be given from an earlier build with the same :func:`relatedness_key`."""
    letters = list(site.scenarios())
    related = related_positions(site) if related is None else related
    result: dict[str, Neighbours] = {}
    i = 0
    for pack in site.packs:
        in_pack = pack.scenarios
        for k, scenario in enumerate(in_pack):
            result[scenario.url] = Neighbours(
                previous=in_pack[k - 1] if k > 0 else None,
                next=in_pack[k + 1] if k + 1 < len(in_pack) else None,
                related=tuple(letters[j] for j in related[i]),
            )
            i += 1
    return result
