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

from sincerely.build.builders import run
from sincerely.common.errors import Diagnostics
from sincerely.load.citations import names_in, source_names
from sincerely.load.contentfiles import read_mapping, warn_spelling
from sincerely.model.scenario import Scenario
from sincerely.model.site import Pack, Page, language_of

from .conftest import REPO
from .helpers.coaching import gallery_drafts
from .helpers.gallery import IDS, PACK, SCENARIOS, SITE
from .tools.fingerprint_sources import OUTPUT as FINGERPRINTS
from .tools.fingerprint_sources import RUN, fingerprints


def test_the_gallery_passes_check_with_warnings_as_errors() -> None:
    result = run(REPO, strict=True, write=False)
    assert result.warnings == ()


def test_the_gallery_has_the_situations_people_meet_in_two_packs() -> None:
    slugs = {s.slug for s in PACK.scenarios}
    assert {"library-job", "internship", "close-second", "big-company", "brief-email"} <= slugs
    assert {
        "phone-screen",
        "passed-over-at-work",
        "through-a-recruiter",
        "thank-your-referrer",
        "asking-for-feedback",
        "reply-in-thread",
        "telling-your-referees",
        "linkedin-message",
    } <= slugs
    assert {s.channel for s in PACK.scenarios} == {"email", "letter", "note", "message"}
    keeping = next(p for p in SITE.packs if p.slug == "keeping-in-touch")
    assert {s.slug for s in keeping.scenarios} == {
        "three-month-check-in",
        "role-reopens",
        "after-feedback",
        "congratulations",
        "they-came-back",
        "informational-chat",
    }
    assert len(SCENARIOS) >= 18


def test_the_gallery_has_letters_in_five_packs_and_four_languages() -> None:
    languages = {language_of(p, SITE.config.language) for p in SITE.packs}
    assert len(SCENARIOS) >= 30 and len(SITE.packs) >= 5
    assert {"en-GB", "fr", "de", "es"} <= languages, languages


def test_every_letter_in_another_language_says_which_letter_it_translates() -> None:
    for pack in SITE.packs:
        if language_of(pack, SITE.config.language) != SITE.config.language:
            assert all(s.translation_of in BY_PACK_SLUG for s in pack.scenarios), pack.slug


BY_PACK_SLUG = {f"{s.pack}/{s.slug}": s for s in SCENARIOS}
BY_PACK_LANGUAGE = {p.slug: language_of(p, SITE.config.language) for p in SITE.packs}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_the_letter_is_brief(scenario: Scenario) -> None:
    # A short message's bar is its character limit (check holds the filled examples to
    # it, and the page counts as the reader types): 300 characters is about 50 words.
    if scenario.channel == "message":
        assert scenario.character_limit and scenario.word_count <= 180
    else:
        assert 60 <= scenario.word_count <= 180


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_every_letter_names_its_situation_in_the_readers_words(scenario: Scenario) -> None:
    assert scenario.moment and not scenario.moment.endswith(".")
    assert [s.moment for s in SCENARIOS].count(scenario.moment) == 1


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_every_letter_has_a_blank_for_a_specific_detail(scenario: Scenario) -> None:
    # A detail is a phrase, like "hearing about the new reading programme", not a name.
    details = [f for f in scenario.fields if not f.sender and len(f.example.split()) >= 4]
    assert details, "no field for a real moment, project or piece of news"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_every_block_says_why_it_is_written_so(scenario: Scenario) -> None:
    assert all(len(block.note.split()) >= 8 for block in scenario.letter.blocks)


# Every address a letter cites, each checked by a reviewer against a stored copy of the
# page (tests/data/source-addresses.tsv: title, a tab, the address). A source with no
# address found is cited by title and publisher alone.
KNOWN_ADDRESSES = dict(
    line.split("\t")
    for line in (REPO / "tests/data/source-addresses.tsv").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_the_advice_is_cited(scenario: Scenario) -> None:
    assert scenario.sources
    assert all(source.author or source.publisher for source in scenario.sources)
    for source in scenario.sources:
        assert source.url == KNOWN_ADDRESSES.get(source.title, ""), source.title


# Sources the seed articles' notes mention but no letter of ours cites: advice from them
# is credited only once the article is listed (check warns of the sources that are).
NAMED_IN_THE_SEED_NOTES = (
    "InternQueen",
    "UTSA",
    "Tara Ryan",
    "Washington Post",
    "Climb the Ladder",
    "The Nest",
    "Alfred",
)
CITED_NAMES = sorted(
    {n for s in SCENARIOS for source in s.sources for n in source_names(source)}
    | set(NAMED_IN_THE_SEED_NOTES)
)


def _named(text: str) -> set[str]:
    return names_in(text, CITED_NAMES)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_every_source_a_letter_names_is_in_its_sources(scenario: Scenario) -> None:
    prose = " ".join(
        [scenario.summary, scenario.situation, scenario.timing]
        + [b.note for b in scenario.letter.blocks]
        + [*scenario.tips.do, *scenario.tips.avoid]
    )
    listed = set().union(*(source_names(s) for s in scenario.sources))
    assert _named(prose) <= listed


SOURCES_HEADING = re.compile(r"^## (?:Sources|Quellen|Fuentes)\s*$", re.MULTILINE)


PAGES = [*SITE.pages, *([SITE.intro] if SITE.intro else [])]


@pytest.mark.parametrize("page", PAGES, ids=[p.slug for p in PAGES])
def test_a_page_that_credits_a_source_lists_it_under_sources(page: Page) -> None:
    advice, *sources = SOURCES_HEADING.split(page.body)
    named = _named(advice)
    assert not named or (sources and named <= _named(sources[0])), named


@pytest.mark.parametrize("pack", SITE.packs, ids=[p.slug for p in SITE.packs])
def test_a_pack_credits_only_sources_its_letters_list(pack: Pack) -> None:
    listed = {n for s in pack.scenarios for source in s.sources for n in source_names(source)}
    assert _named(f"{pack.summary} {pack.intro}") <= listed


@pytest.mark.parametrize(
    "scenario",
    [s for s in SCENARIOS if BY_PACK_LANGUAGE[s.pack].startswith("en")],
    ids=lambda s: f"{s.pack}/{s.slug}",
)
def test_english_letters_use_british_spelling(scenario: Scenario) -> None:
    # As check judges it (the coach's words for what readers type aside), per letter.
    out = Diagnostics()
    root = read_mapping(Path(scenario.source_path), scenario.yaml_text, out)
    assert root is not None
    warn_spelling(root, "en-GB", out)
    assert [d.message for d in out.items] == []


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_the_blanks_cover_what_the_reader_makes_their_own(scenario: Scenario) -> None:
    fields = scenario.fields
    assert all(f.hint and f.example for f in fields)
    senders = [f for f in fields if f.sender]
    assert {"name"} <= {f.autocomplete for f in senders}, "the sender's own name"
    if scenario.channel != "message":  # a message is answered where it was sent
        assert {"email", "tel"} & {f.autocomplete for f in senders}, "a way to reply"
    assert all(f.autocomplete for f in senders)
    assert any(f.per_recipient for f in fields), "the person written to"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_there_are_tips_to_do_and_to_avoid(scenario: Scenario) -> None:
    assert scenario.tips.do and scenario.tips.avoid


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_the_coach_checks_the_advice_and_every_rule_has_a_draft_that_breaks_it(
    scenario: Scenario,
) -> None:
    """The letter's checkable advice is coach rules: words its tips warn against, and its
    detail left generic; the drafts (tests/cases/coach/gallery/PACK/SLUG.yaml, typed in
    Chromium by tests/site/test_coach.py) hold a good one that raises nothing, and one
    that raises each rule of the letter and of its pack."""
    pack = next(p for p in SITE.packs if p.slug == scenario.pack)
    rules = [*scenario.coach, *pack.coach]
    assert any(rule.avoid for rule in rules), "no words the tips warn against"
    assert any(rule.generic for rule in rules), "no rule for a detail left generic"
    drafts = gallery_drafts(f"{scenario.pack}/{scenario.slug}")
    assert any(not draft["raises"] for draft in drafts), "no good draft"
    raised = {point.split("@")[0] for draft in drafts for point in draft["raises"]}
    named = {f"rule-{n}" for n in range(1, len(scenario.coach) + 1)}
    named |= {f"pack-{n}" for n in range(1, len(pack.coach) + 1)}
    assert sorted(named - raised) == [], "rules no draft breaks"


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
        yield page.slug, SOURCES_HEADING.split(page.body)[0]  # not the titles it lists
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
