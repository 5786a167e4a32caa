"""Letters in several languages: a letter says which letter it translates
(``translation_of: PACK/SLUG``), and the letters so linked form one group, whose pages
link to each other (a language switcher, and hreflang alternates for search engines).

A group is whatever the links join: a French and a German letter that both translate
the same English one are translations of each other too.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from ..common.errors import Diagnostics, Location, did_you_mean
from ..model.config import Config
from ..model.scenario import Scenario
from ..model.site import Pack

Group = tuple[tuple[str, Scenario], ...]


def link_translations(
    packs: Iterable[Pack], language_of: Callable[[Pack], str], config: Config, out: Diagnostics
) -> dict[str, Group]:
    """Each translated letter's group, by the letter's URL; an error, at the key, for a
    link to no letter, to itself, or to a letter in the same language."""
    letters = {f"{s.pack}/{s.slug}": (language_of(p), s) for p in packs for s in p.scenarios}
    joined: dict[str, str] = {}  # each letter's link towards its group's first letter

    def first(name: str) -> str:
        while joined.get(name, name) != name:
            name = joined[name]
        return name

    for name, (language, scenario) in letters.items():
        wanted = scenario.translation_of
        if not wanted:
            continue
        where = _where(config, scenario)
        target = letters.get(wanted)
        if target is None and (config.content_dir / f"{wanted}.yaml").is_file():
            continue  # the letter is there, with errors of its own, already reported
        if target is None:
            hint = did_you_mean(wanted, list(letters))
            out.error(
                f"translation_of names no letter: '{wanted}'{hint}; give the PACK/SLUG of "
                "the letter this one translates",
                where,
            )
        elif target[1] is scenario:
            out.error("a letter cannot be a translation of itself; remove translation_of", where)
        elif target[0] == language:
            out.error(
                f"'{wanted}' is in the same language as this letter ('{language}'); a "
                "translation belongs in a pack of its own language (set the pack's language)",
                where,
            )
        else:
            joined[first(name)] = first(wanted)
    groups: dict[str, set[str]] = {}
    for name in {*joined, *joined.values()}:
        groups.setdefault(first(name), set()).add(name)
    linked: dict[str, Group] = {}
    for names in groups.values():
        members = sorted((letters[n][0], n) for n in names)
        for (language, one), (same, other) in itertools.pairwise(members):
            if language == same:
                out.error(
                    f"'{one}' and '{other}' are both translations into '{language}' of the "
                    "same letter; keep one, or link the other to another letter",
                    _where(config, letters[other][1]),
                )
        group = tuple((language, letters[n][1]) for language, n in members)
        linked.update((scenario.url, group) for _, scenario in group)
    return linked


_KEY = re.compile(r"^translation_of:[ \t]*", re.MULTILINE)


def _where(config: Config, scenario: Scenario) -> Location:
    """The translation_of key's value in the letter's file."""
    path = config.root / Path(scenario.source_path)
    found = _KEY.search(scenario.yaml_text)
    if found is None:
        return Location(path)
    line = scenario.yaml_text.count("\n", 0, found.start()) + 1
    return Location(path, line, found.end() - found.start() + 1)
