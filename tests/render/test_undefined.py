"""A layout that reads a value of the owner's own that is not set: the broken-layout
corpus, and the owner's values as layouts read them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sincerely.render.undefined import OwnValues

from ..conftest import TESTS, Project

CASES = sorted((TESTS / "cases" / "layouts").glob("*.html"))
EXPECT = re.compile(r"^\{# expect: (.*) #\}$", re.MULTILINE)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_broken_layout_gives_exactly_its_expected_messages(
    scenario_project: Project, case: Path
) -> None:
    text = case.read_text(encoding="utf-8")
    expected = EXPECT.findall(text)
    assert expected, f"{case.name} has no '{{# expect: ... #}}' line"
    scenario_project.write("layouts/base.html", text)
    prefix = "layouts/base.html:"
    actual = [d.format(relative_to=scenario_project.root) for d in scenario_project.diagnostics()]
    assert all(a.startswith(prefix) for a in actual), actual
    assert [a.removeprefix(prefix) for a in actual] == expected


def test_a_value_in_a_table_of_the_owners_names_that_table(scenario_project: Project) -> None:
    scenario_project.write(
        "pyproject.toml", '[tool.sincerely.extra]\nkontakt = { mail = "a@example.org" }\n'
    )
    scenario_project.write(
        "layouts/base.html",
        '{% extends "theme/base.html" %}\n{% block footer %}{{ extra.kontakt.telefon }}'
        "{% endblock %}\n",
    )
    done = scenario_project.cli("check")
    assert done.returncode == 1
    assert (
        "layouts/base.html:2:1: error: layout error: `extra.kontakt.telefon` is not set; add "
        '`telefon = "..."` under [tool.sincerely.extra.kontakt] in pyproject.toml'
    ) in done.stderr


def test_values_that_are_set_read_as_before(scenario_project: Project) -> None:
    scenario_project.write(
        "pyproject.toml",
        '[tool.sincerely.extra]\ntelefon = "0113 496 0000"\nkontakt = { mail = "a@example.org" }\n',
    )
    scenario_project.write(
        "layouts/base.html",
        '{% extends "theme/base.html" %}\n{% block footer %}<p id="own">{{ extra.telefon }} '
        "{{ extra['kontakt'].mail }} {{ extra.fax | default('no fax') }} "
        "{{ 'yes' if extra.pager is defined else 'no' }} {{ extra | length }} "
        "{{ extra.kontakt.items() | list | length }}</p>{% endblock %}\n",
    )
    scenario_project.build()
    html = (scenario_project.site / "index.html").read_text(encoding="utf-8")
    assert '<p id="own">0113 496 0000 a@example.org no fax no 2 1</p>' in html


def test_own_values_know_their_table() -> None:
    values = OwnValues({"a": 1, "t": {"b": 2}})
    assert dict(values) == {"a": 1, "t": values["t"]}
    assert values.path == "extra" and values["t"].path == "extra.t"
    assert values["t"].table == "tool.sincerely.extra.t"
    with pytest.raises(KeyError):
        values["missing"]
