"""The prebuilt search index, and the one rule for words that it and the page share."""

from __future__ import annotations

import json

import pytest

from sincerely.common.words import fold, key, keys, words
from sincerely.render.searchindex import (
    BODY,
    FIELDS,
    SUMMARY,
    TAGS,
    TITLE,
    build_index,
    search_index_script,
    shard_script,
)

from ..conftest import MINIMAL_SCENARIO, Project, tree


def _postings(index: dict[str, object]) -> dict[str, list[int]]:
    terms = index["terms"]
    assert isinstance(terms, dict)
    return terms


def test_each_term_keeps_the_best_field_it_appears_in(project: Project) -> None:
    text = MINIMAL_SCENARIO.replace("channel: email\n", "channel: email\ntags: [final-round]\n")
    text = text.replace("title: Close second\n", "title: Close second\nmoment: HR wrote back\n")
    project.add_scenario(text=text)
    postings = _postings(build_index(project.check().site))
    # Words are indexed by their stems: "reached" as "reach", "sincere" as "sincer".
    assert postings["close"] == [TITLE]
    assert postings["wrote"] == [TITLE], "the moment stands with the title"
    assert postings["final"] == [TAGS]
    assert postings["reach"] == [SUMMARY]
    assert postings["sincer"] == [BODY]
    assert "the" not in postings or postings["the"] != [BODY], "stopwords stay out of the body"


def test_tags_and_the_channel_are_found_in_the_letters_own_words(project: Project) -> None:
    project.write("pyproject.toml", '[tool.sincerely]\nlanguage = "de"\n')
    text = MINIMAL_SCENARIO.replace("channel: email\n", "channel: email\ntags: [Rückmeldung]\n")
    project.add_scenario(text=text)
    postings = _postings(build_index(project.check().site))
    # German says "E-Mail" for the channel, and the tag is indexed as written; "email",
    # the channel's address, finds it too (a word German readers type as well).
    assert postings[key("Mail", "de")] == [TAGS]
    assert postings[key("Rückmeldung", "de")] == [TAGS]
    assert postings[key("email", "de")] == [TAGS]


def test_the_index_carries_each_fields_weight_best_first(project: Project) -> None:
    project.add_scenario()
    project.add_scenario("other", MINIMAL_SCENARIO.replace("Close second", "Another"))
    index = build_index(project.check().site)
    # The page ranks by these (static/search-match.js has no weights of its own).
    assert index["weights"] == [8, 4, 2, 1] == [field.weight for field in FIELDS]
    assert [field.name for field in FIELDS] == ["title", "tags", "summary", "body"]
    # A term is kept at its best field and a letter ranks by its poorest: the fields
    # are listed best first, so their weights fall.
    weights = [field.weight for field in FIELDS]
    assert weights == sorted(weights, reverse=True) and len(set(weights)) == len(weights)
    # A posting is its letter's number times the number of fields, plus its field.
    docs = index["docs"]
    assert isinstance(docs, list)
    other = next(n for n, doc in enumerate(docs) if doc[0] == "letters/other.html")
    assert other == 1 - [doc[0] for doc in docs].index("letters/close-second.html")
    assert _postings(index)["anoth"] == [other * len(FIELDS) + TITLE]
    assert _postings(index)["close"] == [(1 - other) * len(FIELDS) + TITLE]


def test_the_index_is_a_head_and_a_part_for_each_pack_each_a_script(project: Project) -> None:
    project.add_scenario()
    site = project.check().site
    script = search_index_script(site).decode()
    prefix = "window.sincerelySearchIndex="
    assert script.startswith(prefix) and script.endswith(";\n")
    data = json.loads(script[len(prefix) : -2])
    assert data["shards"] == [["letters", "letters/search-index.js"]]
    part = shard_script(site, site.packs[0]).decode()
    adds = '(window.sincerelySearchShards=window.sincerelySearchShards||{})["letters"]='
    assert part.startswith(adds) and part.endswith(";\n")
    assert json.loads(part[len(adds) : -2])["docs"] == [
        [
            "letters/close-second.html",
            "Close second",
            "You reached the final round and they chose someone else.",
            "email",
            "en",  # its language (the page makes it the language's number)
            "",  # its moment
        ]
    ]
    assert build_index(site)["docs"] == [[*json.loads(part[len(adds) : -2])["docs"][0][:4], 0, ""]]
    assert data["languages"][0][:2] == ["en", "english"]
    assert "the" in data["languages"][0][2].split()
    assert data["stemmers"] == "static/stemmers/" and data["search"] == "search.html"
    assert data["text"][0]["none"] == "No letters match."  # in each language's words
    # The page stems what is typed: it needs no list of word forms or endings.
    assert "forms" not in data and "endings" not in data


def test_word_forms_share_a_stem(project: Project) -> None:
    text = MINIMAL_SCENARIO.replace(
        "Short and sincere.", "The library rejected me; rejection stings."
    )
    project.add_scenario(text=text)
    postings = _postings(build_index(project.check().site))
    assert "reject" in postings and "rejected" not in postings and "rejection" not in postings
    assert "librari" in postings


def test_each_letter_is_indexed_in_its_own_language(project: Project) -> None:
    project.add_scenario()
    project.write(
        "content/lettres/_pack.yaml", "title: Lettres\nsummary: Des lettres.\nlanguage: fr\n"
    )
    project.write(
        "content/lettres/merci.yaml",
        MINIMAL_SCENARIO.replace("Short and sincere.", "Je souhaiterais rester en contact."),
    )
    index = build_index(project.check().site)
    postings = _postings(index)
    # French Snowball makes "souhaiterais" "souhait"; English would make it "souhaiterai".
    assert "souhait" in postings and "souhaiterai" not in postings
    assert [entry[:2] for entry in index["languages"]] == [["en", "english"], ["fr", "french"]]
    docs = index["docs"]
    assert isinstance(docs, list) and [doc[4] for doc in docs] == [0, 1]


@pytest.mark.parametrize(
    ("word", "language", "expected"),
    [
        # German: the stemmer itself reads "ue" as "ü"; folding drops the umlaut.
        ("rückmeldungen", "de", ("ruckmeld",)),
        ("rueckmeldung", "de", ("ruckmeld",)),
        ("grüßen", "de", ("gruss",)),
        ("grüße", "de", ("gruss",)),
        ("gesprächen", "de", ("gesprach",)),
        # A word with accents is also known by the stem of its bare spelling, as a reader
        # may type it: "résumé" is kept whole by English Snowball, "resume" is "resum".
        ("résumé", "en", ("resume", "resum")),
        ("resume", "en", ("resum",)),
        ("refusée", "fr", ("refus", "refuse")),
        ("refusé", "fr", ("refus",)),
        ("appreciated", "en-GB", ("appreci",)),
        ("bonne", "fr", ("bon",)),
        ("nyelv", "hu", ("nyelv",)),  # no stemmer of ours: the word itself
    ],
)
def test_a_words_keys_are_its_folded_stems(
    word: str, language: str, expected: tuple[str, ...]
) -> None:
    assert keys(word, language) == expected
    assert key(word, language) == expected[0]


def test_words_are_split_and_folded_alike_on_both_sides() -> None:
    assert words("L'entretien, « Rückmeldung » et 2 CV_x") == [
        "l",
        "entretien",
        "rückmeldung",
        "et",
        "2",
        "cv",
        "x",
    ]
    # A decomposed accent is its letter's: the text is composed (NFC) first.
    assert words("refuse\u0301") == ["refusé"]
    assert fold("Ça Rückmeldung ÉTÉ") == "ca ruckmeldung ete"


def test_a_packs_synonyms_are_stemmed_in_its_language(project: Project) -> None:
    project.add_scenario()
    project.write(
        "content/letters/_pack.yaml",
        "title: Test pack\nsummary: Letters.\nsynonyms:\n"
        "  rejection: [unsuccessful, not selected, didn't get the job]\n"
        "  in touch: [follow up]\n",
    )
    project.write(
        "content/lettres/_pack.yaml",
        "title: Lettres\nsummary: Des lettres.\nlanguage: fr\n"
        "synonyms:\n  refus: [candidature non retenue, refusée]\n",
    )
    project.write("content/lettres/merci.yaml", MINIMAL_SCENARIO)
    index = build_index(project.check().site)
    assert index["synonyms"] == [
        [0, "didn t get the job", "reject"],
        [0, "follow up", "touch"],  # a stopword of the word is not needed in a letter
        [0, "not select", "reject"],
        [0, "unsuccess", "reject"],
        [1, "candidatur non retenu", "refus"],
        # "refusée" is "refus" already: it needs no synonym, and is left out.
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[unsuccessful]", "'synonyms' must be a mapping, like {rejection: [unsuccessful], "),
        ("{rejection: unsuccessful}", "'rejection' in 'synonyms' must be a list"),
        ("{rejection: []}", "'rejection' in 'synonyms' needs at least 1 entry"),
        ("{rejection: ['']}", "each entry of 'rejection' in 'synonyms' is empty"),
    ],
)
def test_a_broken_synonyms_key_is_an_error_at_its_line(
    project: Project, value: str, message: str
) -> None:
    project.add_scenario()
    project.write("content/letters/_pack.yaml", f"title: T\nsummary: S.\nsynonyms: {value}\n")
    done = project.cli("check")
    assert done.returncode == 1
    assert "content/letters/_pack.yaml:3:" in done.stderr and message in done.stderr


def test_the_site_gets_the_stemmers_of_its_languages_alone(project: Project) -> None:
    project.add_scenario()
    project.write(
        "content/lettres/_pack.yaml", "title: Lettres\nsummary: Des lettres.\nlanguage: fr\n"
    )
    project.write("content/lettres/merci.yaml", MINIMAL_SCENARIO)
    project.build()
    stemmers = sorted(p.name for p in (project.site / "static/stemmers").iterdir())
    assert stemmers == ["COPYING.txt", "base.js", "english.js", "french.js"]
    english = (project.site / "static/stemmers/english.js").read_text(encoding="utf-8")
    # Minified as the theme's scripts are, under Snowball's notice.
    assert english.startswith("/* Snowball 3.1.1, https://snowballstem.org/ (BSD licence")
    assert "\n    " not in english and "sincerelyStemmers" in english
    assert "Redistribution and use" in (project.site / "static/stemmers/COPYING.txt").read_text()


def test_a_site_in_a_language_without_a_stemmer_gets_none(project: Project) -> None:
    project.write("pyproject.toml", '[tool.sincerely]\nlanguage = "hu"\n')
    project.add_scenario()
    project.build()
    assert not (project.site / "static/stemmers").exists()
    index = json.loads(
        (project.site / "search-index.js").read_text(encoding="utf-8")[28:-2]  # the global's
    )
    assert index["languages"] == [["hu", "", ""]]


def test_the_index_and_stemmers_are_the_same_bytes_from_build_to_build(
    project: Project, tmp_path_factory: pytest.TempPathFactory
) -> None:
    project.add_scenario()
    project.write(
        "content/letters/_pack.yaml",
        "title: T\nsummary: S.\nsynonyms:\n  rejection: [unsuccessful, not selected]\n"
        "  referee: [reference]\n",
    )
    first = tmp_path_factory.mktemp("first") / "site"
    second = tmp_path_factory.mktemp("second") / "site"
    project.build(first)
    project.build(second)
    made = tree(first)
    assert made == tree(second)
    assert "search-index.js" in made and "static/stemmers/english.js" in made
