"""What a letter's page gives its coach: the rules' words as keys (stemmed as search
stems them), where each why stands, and bounds that let the letter's own text pass (its
longest sentence, the words its own sentences open with)."""

from __future__ import annotations

import json
import re

from sincerely.common.words import keys
from sincerely.model.coach import CoachRule
from sincerely.model.scenario import Scenario
from sincerely.model.site import Pack
from sincerely.render.coach import bounds, coach_data, opening, sentences

from ..conftest import MINIMAL_SCENARIO, Project

COACH = """coach:
  - avoid: [reconsider, "!", change your mind]
    advice: Leave the door open.
    why: The Biggest Mistake After a Job Rejection
  - field: manager_name
    generic: [the manager]
    advice: Name them.
    why: 1
  - field: your_name
    greets: manager_name
    titles: {Ms: [Ms, Mrs], Mr: [Mr]}
    advice: Agree.
    why: 2
"""


def scenario_of(project: Project, text: str = MINIMAL_SCENARIO + COACH) -> tuple[Pack, Scenario]:
    project.add_scenario(text=text)
    (pack,) = project.check().site.packs
    return pack, pack.scenarios[0]


def test_sentences_end_at_a_line_or_a_mark_before_a_space() -> None:
    text = "Dear Ms Okafor,\nThank you. It was good! Was it? Yes… 3.5 per cent, e.g. this"
    # As simple as the page's: an abbreviation ends a sentence too, a decimal point not.
    assert [len(s) for s in sentences(text)] == [3, 2, 3, 2, 1, 4, 1]
    assert opening(["I", "was", "there."]) == "i" and opening(["Best", "wishes,"]) == ""


def test_the_bounds_let_the_letters_own_sentences_pass(project: Project) -> None:
    long = " ".join(["word"] * 40) + "."
    text = MINIMAL_SCENARIO.replace("Thank you for letting me know.", long)
    _, scenario = scenario_of(project, text)
    found = bounds(scenario)
    assert found["sentence"] == 40 and found["words"] == 200 and found["openings"] == []
    assert "characters" not in found
    opens = "I was glad. I am sad. I will write again."
    _, scenario = scenario_of(
        project, MINIMAL_SCENARIO.replace("Thank you for letting me know.", opens)
    )
    assert bounds(scenario)["openings"] == ["i"] and bounds(scenario)["sentence"] == 35


def test_each_rule_comes_with_its_words_as_keys_and_where_its_why_is(project: Project) -> None:
    pack, scenario = scenario_of(project)
    data = coach_data(scenario, pack, "en")
    avoid, generic, greets = data["rules"]
    assert avoid["id"] == "rule-1" and avoid["why"] == {"source": 0}
    assert avoid["avoid"] == [
        (keys("reconsider", "en"),),
        tuple(keys(w, "en") for w in ["change", "your", "mind"]),
    ]
    assert avoid["marks"] == ["!"]
    assert generic == {
        "id": "rule-2",
        "advice": "Name them.",
        "why": {"block": 1},
        "field": "manager_name",
        "generic": [(keys("manager", "en"),)],
    }
    assert greets["greets"] == "manager_name" and greets["forms"] == [["mrs", "ms"], ["mr"]]
    assert data["stemmer"] == "english" and data["stemmers"] == "static/stemmers/"
    assert "the" in data["stop"].split()


def test_a_packs_rules_follow_the_letters_own(project: Project) -> None:
    pack, scenario = scenario_of(project, MINIMAL_SCENARIO)
    rule = CoachRule(
        avoid=("sadly",), advice="No regret.", why="The Biggest Mistake After a Job Rejection"
    )
    shared = Pack(title="P", summary="S", slug="p", source_path=pack.source_path, coach=(rule,))
    data = coach_data(scenario, shared, "fr")
    assert [r["id"] for r in data["rules"]] == ["pack-1"]
    assert data["stemmer"] == "french" and "stop" not in data


def test_the_letters_page_carries_its_coach_as_data(project: Project) -> None:
    project.add_scenario(text=MINIMAL_SCENARIO + COACH)
    project.build()
    page = (project.site / "letters/close-second.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="letter-coach">(.*?)</script>', page)
    assert found is not None
    assert [r["id"] for r in json.loads(found[1])["rules"]] == ["rule-1", "rule-2", "rule-3"]
    assert "<" not in found[1]  # nothing in it can close the script element
