"""Advice credited to a source the letter does not list.

A note that says "Joyce suggests ..." sends the reader to Joyce's article; if the letter's
``sources`` do not list it, the page's sources say nothing of where the advice came from,
and a reviewer cannot check it. The names a letter may credit are those of the gallery's
own sources (an author, a publisher, a title), so any letter that names one of them must
list that source itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..common.errors import Diagnostics, Location
from ..model.config import Config
from ..model.scenario import Scenario, Source


def source_names(source: Source) -> set[str]:
    """What a text may call a source by: its author, the author's surname, its title, and
    its publisher up to the first comma ("Vault, republished by Firsthand" is "Vault")."""
    names = {source.title}
    if source.author:
        names |= {source.author, source.author.split()[-1]}
    if source.publisher:
        publisher = source.publisher.split(",")[0].strip()
        names.add(publisher)
        first = publisher.split()[0]
        if first.isupper() and len(first) > 2:  # an acronym stands for it: "INALJ"
            names.add(first)
    return {name for name in names if len(name) > 2}


def _pattern(name: str) -> re.Pattern[str]:
    """A name as a whole word; one written in lower case ("career advice site") is a
    phrase, found in any case, and a proper name only as written."""
    flags = 0 if any(c.isupper() for c in name) else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", flags)


def names_in(text: str, names: Iterable[str]) -> set[str]:
    """The names ``text`` mentions, each mention counted once, for the longest name it
    is part of: "The Balance Careers" is not also "The Balance"."""
    found = set()
    for name in sorted(names, key=len, reverse=True):
        text, mentions = _pattern(name).subn(" ", text)
        if mentions:
            found.add(name)
    return found


def _prose(scenario: Scenario) -> Iterator[str]:
    """The text a letter's page shows as its advice: not the letter itself."""
    yield from (scenario.summary, scenario.situation, scenario.timing)
    yield from (block.note for block in scenario.letter.blocks)
    yield from (*scenario.tips.do, *scenario.tips.avoid)


def check_citations(config: Config, scenarios: Iterable[Scenario], out: Diagnostics) -> None:
    """A warning, where the name is first written, for each source a letter names but does
    not list; the fix names a letter that lists it."""
    letters = list(scenarios)
    listed_by: dict[str, tuple[Source, Scenario]] = {}
    for scenario in letters:
        for source in scenario.sources:
            for name in source_names(source):
                listed_by.setdefault(name, (source, scenario))
    for scenario in letters:
        owners = set().union(*(source_names(s) for s in scenario.sources))
        for name in sorted(names_in("\n".join(_prose(scenario)), listed_by) - owners):
            source, lister = listed_by[name]
            if any(n in owners for n in source_names(source)):
                continue  # listed under another of its names
            out.warning(
                f"the advice names '{name}', but this letter's sources do not list "
                f"'{source.title}'; add it to sources (as {lister.pack}/{lister.slug} "
                "lists it), or do not name it",
                _where(config, scenario, _pattern(name)),
            )


def _where(config: Config, scenario: Scenario, pattern: re.Pattern[str]) -> Location:
    """The name's first mention in the file, outside the sources list."""
    path = config.root / Path(scenario.source_path)
    text = scenario.yaml_text
    cut = re.search(r"^sources:", text, re.MULTILINE)
    for found in pattern.finditer(text):
        if cut is None or not cut.start() <= found.start() < _end_of_sources(text, cut.end()):
            line = text.count("\n", 0, found.start()) + 1
            column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
            return Location(path, line, column)
    return Location(path)


def _end_of_sources(text: str, start: int) -> int:
    """Where the top-level ``sources`` list ends: the next top-level key, or the end."""
    following = re.compile(r"^[A-Za-z_]", re.MULTILINE).search(text, start)
    return len(text) if following is None else following.start()
