"""The gallery's own letters, held to the bar every contribution must meet.

These run over every scenario in content/, so a new letter is checked the moment it is
added: brief, annotated throughout, cited, with blanks for everything the reader must
make their own, and in our own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from sincerely.build import run
from sincerely.model import Scenario

from .conftest import REPO
from .helpers.gallery import IDS, PACK, SCENARIOS, SITE
from .tools.fingerprint_sources import OUTPUT as FINGERPRINTS
from .tools.fingerprint_sources import RUN, fingerprints


def test_the_gallery_passes_check_with_warnings_as_errors() -> None:
    result = run(REPO, strict=True, write=False)
    assert result.warnings == ()


def test_the_first_pack_has_the_five_situations_and_every_channel() -> None:
    slugs = {s.slug for s in PACK.scenarios}
    assert {"library-job", "internship", "close-second", "big-company", "brief-email"} <= slugs
    assert {s.channel for s in PACK.scenarios} == {"email", "letter", "note"}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_the_letter_is_brief(scenario: Scenario) -> None:
    assert 60 <= scenario.word_count <= 180


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_every_block_says_why_it_is_written_so(scenario: Scenario) -> None:
    assert all(len(block.note.split()) >= 8 for block in scenario.letter.blocks)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_the_advice_is_cited(scenario: Scenario) -> None:
    assert scenario.sources
    assert all(source.author or source.publisher for source in scenario.sources)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_the_blanks_cover_what_the_reader_makes_their_own(scenario: Scenario) -> None:
    fields = scenario.fields
    assert all(f.hint and f.example for f in fields)
    senders = [f for f in fields if f.sender]
    assert {"name"} <= {f.autocomplete for f in senders}, "the sender's own name"
    assert {"email", "tel"} & {f.autocomplete for f in senders}, "a way to reply"
    assert all(f.autocomplete for f in senders)
    assert any(f.per_recipient for f in fields), "the person written to"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_there_are_tips_to_do_and_to_avoid(scenario: Scenario) -> None:
    assert scenario.tips.do and scenario.tips.avoid


@pytest.mark.parametrize(
    ("advice", "pattern"),
    [
        ("a separate note to each interviewer", r"separate|each (?:person|interviewer|member)"),
        ("never reply to a no-reply address", r"no-reply"),
        ("never ask them to reconsider", r"reconsider"),
        ("don't fake enthusiasm", r"enthusias|don't mean"),
        ("skip it if you didn't like them", r"skip|not to write|left you cold"),
        ("let it cool, then a day or two", r"24|48|day or two"),
    ],
)
def test_the_pack_tips_carry_the_sources_advice(advice: str, pattern: str) -> None:
    tips = " ".join(t for s in PACK.scenarios for t in (*s.tips.do, *s.tips.avoid))
    assert re.search(pattern, tips, re.IGNORECASE), advice


def test_optional_blocks_where_the_advice_says_if_appropriate() -> None:
    library = next(s for s in PACK.scenarios if s.slug == "library-job")
    optional = [b.optional.lower() for b in library.letter.blocks if b.optional]
    assert any("feedback" in o for o in optional)
    assert any("linkedin" in o for o in optional)


def _our_prose() -> Iterator[tuple[str, str]]:
    """Every sentence we wrote: scenario text, notes, tips, pages; not the cited titles."""
    for s in SCENARIOS:
        where = f"{s.pack}/{s.slug}"
        yield where, " ".join([s.title, s.summary, s.situation, s.timing])
        for block in s.letter.blocks:
            yield where, block.text.fill({f.id: "" for f in s.fields}) + " " + block.note
        yield where, " ".join([*s.tips.do, *s.tips.avoid])
        yield where, " ".join(f"{f.label} {f.hint} {f.example}" for f in s.fields)
    for page in (*SITE.pages, *([SITE.intro] if SITE.intro else [])):
        yield page.slug, page.body
    for pack in SITE.packs:
        yield pack.slug, f"{pack.summary} {pack.intro}"


def test_no_run_of_eight_words_is_taken_from_the_sources() -> None:
    theirs = set(FINGERPRINTS.read_text(encoding="utf-8").split())
    assert len(theirs) > 1000, "tests/data/source-fingerprints.txt looks empty"
    copied = [where for where, text in _our_prose() if fingerprints(text) & theirs]
    assert copied == [], f"runs of {RUN} words copied from a source in: {copied}"


def test_the_originality_check_would_catch_a_copied_sentence() -> None:
    # A sentence known to be in the sources, to show the fingerprints are live.
    probe = Path(__file__).parent / "data" / "source-probe.txt"
    assert fingerprints(probe.read_text(encoding="utf-8")) & set(
        FINGERPRINTS.read_text(encoding="utf-8").split()
    )
