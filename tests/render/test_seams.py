"""Where a reader's value meets the letter's words, in each language: the cases in
tests/cases/seams/, typed into a real letter page; and the field that says what it holds.

Each language's cases become one letter of that language (a paragraph per case), typed
in Chromium: the page and the text file the reader downloads must read as the case says.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, expect

from sincerely.render.seams import seam_rules

from ..conftest import TESTS, Project
from ..helpers.browser import serve, watched_page

CASES = TESTS / "cases" / "seams"
LANGUAGES = sorted(path.stem for path in CASES.glob("*.yaml"))


def cases_of(language: str) -> list[dict[str, str]]:
    loaded: list[dict[str, str]] = yaml.safe_load(
        (CASES / f"{language}.yaml").read_text(encoding="utf-8")
    )
    return loaded


def letter_of(cases: list[dict[str, str]]) -> dict[str, Any]:
    """A letter whose paragraphs are the cases, each with a field of its own."""
    return {
        "title": "Seams",
        "summary": "Every seam of the language.",
        "situation": "Testing.",
        "channel": "note",
        "fields": [
            {"id": f"v{n}", "label": f"Value {n}", "example": "x", "hint": "A value."}
            for n, _ in enumerate(cases, 1)
        ],
        "letter": {
            "blocks": [
                {"text": case["text"].replace("{value}", f"{{v{n}}}"), "note": "A case."}
                for n, case in enumerate(cases, 1)
            ]
        },
        "sources": [{"title": "The language's grammar"}],
    }


@pytest.fixture(scope="module")
def seam_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """One built and served site per language, its letter holding every case."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        urls = {}
        for language in LANGUAGES:
            project = Project(tmp_path_factory.mktemp(f"seams-{language}"))
            project.write(
                "pyproject.toml", f'[tool.sincerely]\ntitle = "Seams"\nlanguage = "{language}"\n'
            )
            project.write("content/letters/_pack.yaml", "title: Letters\nsummary: Letters.\n")
            project.write(
                "content/letters/seams.yaml",
                yaml.safe_dump(letter_of(cases_of(language)), allow_unicode=True),
            )
            project.build()  # a mistake raises, with its message
            urls[language] = stack.enter_context(serve(project.site)) + "letters/seams.html"
        yield urls


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_seam_reads_as_the_language_wants(
    browser: Browser, seam_sites: dict[str, str], language: str, tmp_path: Path
) -> None:
    cases = cases_of(language)
    with watched_page(browser, seam_sites[language]) as watched:
        page = watched.page
        page.goto(seam_sites[language])
        for n, case in enumerate(cases, 1):
            page.locator(f"#f-v{n}").fill(case["value"])
        expect(page.locator(".letter .blank")).to_have_count(0)
        shown = [page.locator(f'[data-part="{n}"]').inner_text() for n in range(1, len(cases) + 1)]
        wrong = [
            f"{case['text']!r} + {case['value']!r}: got {got!r}, want {case['get']!r}"
            for case, got in zip(cases, shown, strict=True)
            if got != case["get"]
        ]
        assert wrong == []
        # The file the reader takes away is the letter the page shows, seams and all.
        with page.expect_download() as info:
            page.locator('[data-action="txt"]').click()
            if page.locator('[data-action="anyway"]').is_visible():
                page.locator('[data-action="anyway"]').click()
        saved = Path(info.value.path()).read_text(encoding="utf-8")
        assert saved == "\n\n".join(case["get"] for case in cases) + "\n"
        watched.assert_clean()


def test_every_language_with_cases_declares_its_rules() -> None:
    for language in LANGUAGES:
        assert seam_rules(language)["rules"], language
    assert seam_rules("fr-CA") == seam_rules("fr")
    assert seam_rules("pt") == {"rules": [], "articles": [], "joiners": []}


CAPITALS = {
    "title": "Capitals",
    "summary": "Capitals in mid-sentence.",
    "situation": "Testing.",
    "channel": "note",
    "fields": [
        {"id": "task", "label": "What you did", "example": "running the rota", "hint": "A task."},
        {
            "id": "team",
            "label": "Their team",
            "example": "Finance",
            "hint": "A team.",
            "holds": "organisation",
        },
        {
            "id": "roles",
            "label": "Other posts",
            "example": "posts in events",
            "hint": "Posts.",
            "holds": "plural",
        },
    ],
    "letter": {
        "blocks": [
            {"text": "I enjoyed {task} with you.", "note": "A task."},
            {"text": "I hope to join {team} one day.", "note": "A team."},
            {"text": "If {roles} open up, I would apply.", "note": "Posts."},
        ]
    },
    "sources": [{"title": "A style guide"}],
}


@pytest.fixture(scope="module")
def capitals_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = Project(tmp_path_factory.mktemp("capitals"))
    project.write("pyproject.toml", '[tool.sincerely]\ntitle = "Capitals"\n')
    project.write("content/letters/_pack.yaml", "title: Letters\nsummary: Letters.\n")
    project.write("content/letters/capitals.yaml", yaml.safe_dump(CAPITALS))
    project.build()
    with serve(project.site) as url:
        yield url + "letters/capitals.html"


@pytest.mark.parametrize(
    ("field", "value", "flagged"),
    [
        ("task", "Managing the team rota", True),  # words: a sentence's start, in the middle
        ("task", "Save the Children fundraising", True),
        ("task", "Save the Children", False),  # a name
        ("team", "The new analytics team", True),  # even where names are expected
        ("team", "The Guardian", False),
        ("team", "Finance and Operations", False),
        ("roles", "Posts in events", True),
    ],
)
def test_a_capital_in_mid_sentence_is_asked_about_where_the_reader_looks(
    browser: Browser, capitals_url: str, field: str, value: str, flagged: bool
) -> None:
    with watched_page(browser, capitals_url) as watched:
        page = watched.page
        page.goto(capitals_url)
        for other, filler in (
            ("task", "tidying the stockroom"),  # not the examples, which the coach flags
            ("team", "Payroll"),
            ("roles", "posts"),
        ):
            page.locator(f"#f-{other}").fill(filler)
        page.locator(f"#f-{field}").fill(value)
        expect(page.locator(".letter")).to_contain_text(value)
        flag = page.locator(f'.field[data-field="{field}"] .flag')
        page.get_by_role("button", name="Copy letter").click()
        prompt = page.locator(".blanks-prompt")
        if not flagged:
            expect(flag).to_have_count(0)
            expect(prompt).to_be_hidden()
            return
        expect(flag).to_be_visible()
        label = next(f["label"] for f in CAPITALS["fields"] if f["id"] == field)
        expect(prompt).to_contain_text(f"Check the capital letter in: {label}.")
        page.get_by_role("button", name="Go to it").click()
        expect(page.locator(f"#f-{field}")).to_be_focused()
        watched.assert_clean()


def test_a_plural_field_says_so_in_its_hint(capitals_url: str, browser: Browser) -> None:
    with watched_page(browser, capitals_url) as watched:
        watched.page.goto(capitals_url)
        expect(watched.page.locator("#f-roles-hint")).to_contain_text(
            "In the plural: the sentence around it is."
        )
