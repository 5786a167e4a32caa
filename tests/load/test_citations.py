"""A letter that credits advice to a source must list that source."""

from __future__ import annotations

from sincerely.load.citations import names_in

from ..conftest import MINIMAL_SCENARIO, Project

# The minimal letter lists Joyce's article; this one lists only Vault's, yet its tip
# credits Joyce.
VAULT_ONLY = MINIMAL_SCENARIO.replace(
    "  - title: The Biggest Mistake After a Job Rejection\n    author: Susan P. Joyce\n",
    "  - title: Should You Write Thank You Letters After Rejections?\n"
    "    publisher: Vault, republished by Firsthand\n",
) + ("tips:\n  do:\n    - Write to each person, as Joyce suggests.\n")


def _messages(project: Project) -> list[str]:
    return [f"{d.location.line}:{d.location.column}: {d.message}" for d in project.diagnostics()]


def test_a_source_named_but_not_listed_is_a_warning_at_the_name(project: Project) -> None:
    project.add_scenario()
    path = project.add_scenario("brief-email", VAULT_ONLY)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = lines.index("    - Write to each person, as Joyce suggests.")
    column = lines[line].index("Joyce") + 1
    assert _messages(project) == [
        f"{line + 1}:{column}: the advice names 'Joyce', but this letter's sources do not list "
        "'The Biggest Mistake After a Job Rejection'; add it to sources (as "
        "letters/close-second lists it), or do not name it"
    ]


def test_a_listed_source_may_be_named_by_surname_publisher_or_acronym(project: Project) -> None:
    project.add_scenario()
    cited = MINIMAL_SCENARIO.replace(
        "      note: Short and sincere.",
        "      note: Short and sincere, as Susan P. Joyce and Joyce's readers say.",
    )
    project.add_scenario("brief-email", cited + "tips:\n  do:\n    - Joyce's advice.\n")
    assert _messages(project) == []


def test_a_lower_case_publisher_is_found_in_any_case_and_only_as_whole_words(
    project: Project,
) -> None:
    project.add_scenario()
    site = MINIMAL_SCENARIO + (
        "  - title: Should You Send a Thank You Letter After a Job Rejection?\n"
        "    publisher: career advice site\n"
    )
    project.add_scenario("brief-email", site)
    naming = MINIMAL_SCENARIO + "tips:\n  do:\n    - The Career advice site keeps it short.\n"
    project.add_scenario("phone-screen", naming)
    unrelated = MINIMAL_SCENARIO + "tips:\n  do:\n    - A career advice sites list.\n"
    project.add_scenario("reply-in-thread", unrelated)
    messages = _messages(project)
    assert len(messages) == 1 and "'career advice site'" in messages[0]


def test_a_name_inside_a_longer_listed_name_is_that_name() -> None:
    named = names_in("The Balance Careers says so.", ["The Balance", "The Balance Careers"])
    assert named == {"The Balance Careers"}
    assert names_in("The Balance says so.", ["The Balance", "The Balance Careers"]) == {
        "The Balance"
    }
