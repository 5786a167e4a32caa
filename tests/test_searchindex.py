"""The prebuilt search index."""

from __future__ import annotations

import json

from sincerely.searchindex import BODY, SUMMARY, TAGS, TITLE, build_index, search_index_script

from .conftest import MINIMAL_SCENARIO, Project


def test_each_term_keeps_the_best_field_it_appears_in(project: Project) -> None:
    text = MINIMAL_SCENARIO.replace("channel: email\n", "channel: email\ntags: [final-round]\n")
    project.add_scenario(text=text)
    index = build_index(project.check().site)
    postings = {term: group[0] for group in index["groups"] for term in group[1].split()}
    # Words are indexed by their stems: "reached" as "reach", "sincere" as "sincer".
    assert postings["close"] == [TITLE]
    assert postings["final"] == [TAGS]
    assert postings["reach"] == [SUMMARY]
    assert postings["sincer"] == [BODY]
    assert "the" not in postings or postings["the"] != [BODY], "stopwords stay out of the body"


def test_the_index_is_a_script_assigning_one_global(project: Project) -> None:
    project.add_scenario()
    script = search_index_script(project.check().site).decode()
    prefix = "window.sincerelySearchIndex="
    assert script.startswith(prefix) and script.endswith(";\n")
    data = json.loads(script[len(prefix) : -2])
    assert data["docs"] == [
        [
            "letters/close-second.html",
            "Close second",
            "You reached the final round and they chose someone else.",
            "email",
        ]
    ]


def test_word_forms_share_a_stem_and_unreachable_forms_are_listed(project: Project) -> None:
    text = MINIMAL_SCENARIO.replace(
        "Short and sincere.", "The library rejected me; rejection stings."
    )
    project.add_scenario(text=text)
    index = build_index(project.check().site)
    postings = {term: group[0] for group in index["groups"] for term in group[1].split()}
    assert "reject" in postings and "rejected" not in postings and "rejection" not in postings
    # The page's script finds "rejected" as "reject" + "ed"; "library" ("librari") it cannot.
    assert index["forms"] == {"library": "librari"} or "library" in index["forms"]
    assert "ed" in index["endings"]["en"].split()


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
    postings = {term: group[0] for group in index["groups"] for term in group[1].split()}
    # French Snowball makes "souhaiterais" "souhait"; English would make it "souhaiterai".
    assert "souhait" in postings and "souhaiterai" not in postings
    assert set(index["endings"]) == {"en", "fr"} and "ées" in index["endings"]["fr"].split()
