"""A pack's coach rules, against each of its letters: what a rule names must be in every
letter, and no letter's own words or examples should raise it (tests/cases/broken/coach-*
break a letter's own rules)."""

from __future__ import annotations

from ..conftest import MINIMAL_SCENARIO, PACK_YAML, Project

SOURCE = "The Biggest Mistake After a Job Rejection"


def pack_says(project: Project, rules: str, *, second: str = MINIMAL_SCENARIO) -> list[str]:
    """What check says of a pack with ``rules`` and two letters (the second ``second``)."""
    project.write("content/letters/_pack.yaml", PACK_YAML + "coach:\n" + rules)
    project.write("content/letters/close-second.yaml", MINIMAL_SCENARIO)
    project.write("content/letters/other.yaml", second)
    return [d.format(project.root) for d in project.diagnostics()]


def test_a_pack_rule_that_every_letter_can_take_is_given_to_each(project: Project) -> None:
    rules = (
        f"  - avoid: [reconsider]\n    advice: Leave the decision with them.\n    why: {SOURCE}\n"
    )
    assert pack_says(project, rules) == []
    (pack,) = project.check().site.packs
    assert [r.avoid for r in pack.coach] == [("reconsider",)]


def test_a_pack_rule_cites_a_source_not_a_block(project: Project) -> None:
    rules = "  - avoid: [reconsider]\n    advice: Leave it with them.\n    why: 2\n"
    assert pack_says(project, rules) == [
        "content/letters/_pack.yaml:6:10: error: a pack's rule gives a source's title as its "
        "'why', not a block's number: its letters' blocks are not the same; give the title, "
        "or move the rule to a letter"
    ]


def test_a_pack_rule_cites_a_source_every_letter_lists(project: Project) -> None:
    other = MINIMAL_SCENARIO.replace(SOURCE, "Should You Write Thank You Letters?")
    rules = f"  - avoid: [reconsider]\n    advice: Leave it with them.\n    why: {SOURCE}\n"
    assert pack_says(project, rules, second=other) == [
        "content/letters/_pack.yaml:6:10: error: 'why' names a source that other.yaml do not "
        "list; add it to their sources, or give the rule to the letters that cite it"
    ]
    misspelt = rules.replace("After a Job", "After Job")
    assert pack_says(project, misspelt) == [
        "content/letters/_pack.yaml:6:10: error: 'why' names no source of the pack's letters "
        f"(did you mean '{SOURCE}'?)"
    ]


def test_a_pack_rule_names_a_field_every_letter_has(project: Project) -> None:
    other = MINIMAL_SCENARIO.replace("manager_name", "recruiter_name")
    rules = "  - field: manager_name\n    generic: [the manager]\n"
    rules += f"    advice: Name them.\n    why: {SOURCE}\n"
    assert pack_says(project, rules, second=other) == [
        "content/letters/_pack.yaml:4:12: error: 'field' names a field that other.yaml do "
        "not have; a pack's rule is for every letter of the pack: give it to the letters "
        "that have the field"
    ]
    assert pack_says(project, rules.replace("field: manager_name", "field: manager")) == [
        "content/letters/_pack.yaml:4:12: error: 'field' names no field of the pack's "
        "letters (did you mean 'manager_name'?)"
    ]


def test_a_pack_rule_raised_by_a_letters_own_words_is_a_warning_naming_it(
    project: Project,
) -> None:
    rules = f"  - avoid: [wishes]\n    advice: Keep it plain.\n    why: {SOURCE}\n"
    other = MINIMAL_SCENARIO.replace("Best wishes,", "Kind regards,")
    assert pack_says(project, rules, second=other) == [
        "content/letters/_pack.yaml:4:13: warning: in close-second.yaml, the letter's own "
        "text (block 2) has 'wishes', which this rule avoids: a reader who edits the whole "
        "letter would be told to change it; take 'wishes' out of the rule, or rephrase the "
        "letter"
    ]


def test_a_letters_rule_raised_by_its_examples_is_a_warning_at_the_rule(
    project: Project,
) -> None:
    rules = "coach:\n  - avoid: [sam]\n    advice: Not that name.\n    why: 2\n"
    rules += "  - field: your_name\n    repeats: manager_name\n    advice: Twice.\n    why: 2\n"
    text = MINIMAL_SCENARIO.replace("example: Sam Lee", "example: Sam Okafor") + rules
    project.add_scenario(text=text.replace("example: Ms. Okafor", "example: Okafor"))
    lines = text.count("\n")
    assert [d.format(project.root) for d in project.diagnostics()] == [
        f"content/letters/close-second.yaml:{lines - 6}:13: warning: the example of field "
        "'your_name' has 'sam', which this rule avoids: a reader who keeps the example would "
        "be told to change it; change the example",
        f"content/letters/close-second.yaml:{lines - 2}:14: warning: the example of field "
        "'your_name' repeats that of 'manager_name'; change an example: a reader who keeps "
        "the examples would be told to change it",
    ]


def test_a_rules_words_may_be_spelt_as_readers_type_them_in_either_english(
    project: Project,
) -> None:
    # A British gallery's coach must catch 'honor the offer' as a reader types it; its
    # advice is the gallery's own prose, held to British spelling.
    project.write("pyproject.toml", '[tool.sincerely]\nlanguage = "en-GB"\n')
    rules = (
        "  - avoid: [honor the offer]\n    advice: Do not honor it.\n    why: "
        f"{SOURCE}\n  - field: your_name\n    generic: [my color]\n    advice: Plain.\n"
        f"    why: {SOURCE}\n"
    )
    assert pack_says(project, rules) == [
        "content/letters/_pack.yaml:5:20: warning: 'honor' is American spelling, and this "
        "gallery is written in British English (language en-GB): write 'honour'"
    ]
