"""Letter templates: placeholders, literal braces, filling and counting."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sincerely.format.placeholders import Blank, parse_template

from ..conftest import MINIMAL_SCENARIO, REPO, Project


def test_placeholders_and_literal_braces() -> None:
    template, problems = parse_template("Dear {name}, {{literal}} and }} too")
    assert problems == ()
    assert template.segments == ("Dear ", Blank("name"), ", {literal} and } too")


def test_fill_puts_values_in_the_blanks() -> None:
    template, _ = parse_template("{greeting} {name},")
    assert template.fill({"greeting": "Dear", "name": "Ms. Okafor"}) == "Dear Ms. Okafor,"
    assert template.blank_ids == ("greeting", "name")


@pytest.mark.parametrize(
    ("text", "token", "start"),
    [
        ("Hi {Name}", "{Name}", "'{Name}' is not a placeholder"),
        ("Hi {}", "{}", "'{}' is not a placeholder"),
        ("Hi {name", "{", "'{' is never closed"),
        ("Hi name}", "}", "stray '}'"),
    ],
)
def test_malformed_braces_are_problems(text: str, token: str, start: str) -> None:
    _, (problem,) = parse_template(text)
    assert problem.token == token
    assert problem.message.startswith(start)


def test_repeated_problems_are_told_apart_by_occurrence() -> None:
    _, problems = parse_template("} and }")
    assert [p.occurrence for p in problems] == [0, 1]


def test_a_blank_counts_as_one_word() -> None:
    template, _ = parse_template("Dear {manager_name}, thank you.")
    assert template.word_count() == 4


ADD_A_KEY = """
import subprocess, sys
from pathlib import Path
root = Path(sys.argv[1])
model = root / "src/sincerely/model/scenario.py"
text = model.read_text()
timing = '    timing: str = key(Text(), "Plain text: when to send it.")\\n'
assert timing in text
mood = '    mood: str = key(Text(), "How it should feel.")\\n'
model.write_text(text.replace(timing, timing + mood))
layout = root / "layouts/scenario.html"
page = layout.read_text()
layout.write_text(page.replace("<h1>{{ scenario.title }}</h1>", "<h1>{{ scenario.title }}</h1>"
                               '<p class="mood">{{ scenario.mood }}</p>', 1))
"""


def test_adding_an_optional_key_is_one_edit_in_one_file(tmp_path: Path, project: Project) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(REPO / "src", copy / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "layouts", copy / "layouts")
    subprocess.run([sys.executable, "-c", ADD_A_KEY, str(copy)], check=True)
    env = {**os.environ, "PYTHONPATH": str(copy / "src")}

    def sincerely(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "sincerely", *args]
        return subprocess.run(
            command, check=False, cwd=project.root, env=env, capture_output=True, text=True
        )

    project.add_scenario(
        text=MINIMAL_SCENARIO.replace("channel: email", "channel: email\nmood: warm")
    )
    assert sincerely("build").returncode == 0
    page = (project.site / "letters/close-second.html").read_text(encoding="utf-8")
    assert '<p class="mood">warm</p>' in page
    schema = json.loads(sincerely("schema").stdout)
    assert schema["properties"]["mood"] == {
        "type": "string",
        "pattern": r"\S",
        "description": "How it should feel.",
    }
    assert (
        "| `mood` | text |  | How it should feel. |"
        in sincerely("schema", "--format", "markdown").stdout
    )
    project.add_scenario(text=MINIMAL_SCENARIO.replace("channel: email", "channel: email\nmood: 5"))
    failed = sincerely("check")
    assert failed.returncode == 1
    assert "error: 'mood' must be text (got 5, which YAML reads as a number)" in failed.stderr
