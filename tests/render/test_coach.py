"""What a letter's page gives its coach: the rules' words as keys (stemmed as search
stems them), where each why stands, and bounds that let the letter's own text pass (its
longest sentence, the words its own sentences open with)."""

from __future__ import annotations

import json

from sincerely.common.i18n import Messages
from sincerely.common.words import keys
from sincerely.model.coach import CoachRule
from sincerely.model.scenario import Scenario
from sincerely.model.site import Pack
from sincerely.render.coach import bounds, coach_data, coach_words, opening, sentences

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
    assert data["sentence"] == 35 and data["words"] == 200


def test_a_packs_rules_follow_the_letters_own(project: Project) -> None:
    pack, scenario = scenario_of(project, MINIMAL_SCENARIO)
    source = "The Biggest Mistake After a Job Rejection"
    rule = CoachRule(avoid=("sadly",), advice="No regret.", why=source)
    shared = Pack(title="P", summary="S", slug="p", source_path=pack.source_path, coach=(rule,))
    assert [r["id"] for r in coach_data(scenario, shared, "fr")["rules"]] == ["pack-1"]


def test_a_packs_coach_is_one_script_its_pages_load_when_the_reader_types(
    project: Project,
) -> None:
    project.add_scenario(text=MINIMAL_SCENARIO + COACH)
    project.write("content/letters/_pack.yaml", "title: T\nsummary: S.\nlanguage: fr\n")
    project.build()
    page = (project.site / "letters/close-second.html").read_text(encoding="utf-8")
    assert 'data-coach-file="letters/coach.js"' in page and "reconsid" not in page
    script = (project.site / "letters/coach.js").read_text(encoding="utf-8")
    prefix = '(self.sincerelyCoachData=self.sincerelyCoachData||{})["letters/coach.js"]='
    assert script.startswith(prefix) and script.endswith(";\n")
    data = json.loads(script[len(prefix) : -2])
    assert data["stemmer"] == "french" and data["stemmers"] == "static/stemmers/"
    assert data["words"]["why"] == "Pourquoi\u202f?"  # in the pack's language
    assert data["words"]["points"]["one"] == "Le coach a {n} remarque sur cette lettre."
    assert [r["id"] for r in data["letters"]["close-second"]["rules"]] == [
        "rule-1",
        "rule-2",
        "rule-3",
    ]
    assert "le" in data["stop"].split()  # a generic value is compared without them


def test_the_coachs_words_are_the_catalogs_in_every_language_it_speaks() -> None:
    english = coach_words(Messages("en"))
    assert english["tip"] == "Tip:" and set(english["points"]) == {"one", "other"}
    assert all(isinstance(v, str | dict) and v for v in english.values())
