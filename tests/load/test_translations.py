"""Letters in several languages: translation_of links them, each page points to the
others (hreflang, a switcher), and a right-to-left language is laid out as one."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from ..conftest import MINIMAL_SCENARIO, Project
from ..helpers.browser import serve, watched_page
from ..helpers.sitecheck import html_problems

TESTS = Path(__file__).parents[1]


def _two_languages(project: Project, link: str = "letters/close-second") -> None:
    project.write("pyproject.toml", '[tool.sincerely]\nbase_url = "https://example.org/"\n')
    project.add_scenario()
    project.write(
        "content/lettres/_pack.yaml", "title: Lettres\nsummary: Des lettres.\nlanguage: fr\n"
    )
    project.write(
        "content/lettres/deuxieme-choix.yaml",
        MINIMAL_SCENARIO + f"translation_of: {link}\n",
    )


def test_translations_link_to_each_other_with_hreflang_and_a_switcher(project: Project) -> None:
    _two_languages(project)
    project.build()
    english = (project.site / "letters/close-second.html").read_text(encoding="utf-8")
    french = (project.site / "lettres/deuxieme-choix.html").read_text(encoding="utf-8")
    for page in (english, french):
        assert (
            '<link rel="alternate" hreflang="en" href="https://example.org/letters/close-second.html">'
            in page
        )
        assert (
            '<link rel="alternate" hreflang="fr" href="https://example.org/lettres/deuxieme-choix.html">'
            in page
        )
    assert 'hreflang="fr" lang="fr">Français</a>' in english
    assert 'hreflang="en" lang="en">English</a>' in french
    assert french.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert "Aussi en\u00a0:" in french and "Also in:" in english


@pytest.mark.parametrize(
    ("link", "message"),
    [
        (
            "letters/close-secnd",
            "translation_of names no letter: 'letters/close-secnd' (did you mean "
            "'letters/close-second'?); give the PACK/SLUG of the letter this one translates",
        ),
        (
            "lettres/deuxieme-choix",
            "a letter cannot be a translation of itself; remove translation_of",
        ),
    ],
)
def test_a_wrong_link_is_an_error_at_its_key(project: Project, link: str, message: str) -> None:
    _two_languages(project, link)
    done = project.cli("check")
    assert done.returncode == 1
    line = MINIMAL_SCENARIO.count("\n") + 1
    assert f"content/lettres/deuxieme-choix.yaml:{line}:17: error: {message}" in done.stderr


def test_a_translated_letter_with_errors_gives_its_own_errors_alone(project: Project) -> None:
    _two_languages(project)
    broken = MINIMAL_SCENARIO.replace("channel: email", "channel: carrier-pigeon")
    assert broken != MINIMAL_SCENARIO
    project.add_scenario(text=broken)
    done = project.cli("check")
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1 and "'channel' must be one of" in errors[0]


def test_a_translation_in_the_same_language_is_an_error(project: Project) -> None:
    _two_languages(project)
    project.write("content/lettres/_pack.yaml", "title: Lettres\nsummary: Des lettres.\n")
    done = project.cli("check")
    assert "is in the same language as this letter ('en')" in done.stderr


RTL_LETTER = """\
title: رسالة شكر
summary: رسالة قصيرة لشكر من أجرى معك المقابلة.
situation: بعد المقابلة.
channel: email
fields:
  - id: name
    label: الاسم
    example: سارة
    hint: اسم من قابلك.
    per_recipient: true
letter:
  subject: شكرا لك
  blocks:
    - text: "عزيزتي {name}،"
      note: تحية بالاسم.
    - text: شكرا لك على وقتك.
      note: شكر قصير.
sources:
  - title: مصدر
    author: كاتب
"""


def test_a_right_to_left_language_is_laid_out_from_the_right(
    browser: Browser, project: Project
) -> None:
    project.write("pyproject.toml", '[tool.sincerely]\nlanguage = "ar"\n')
    project.write("content/rasail/_pack.yaml", "title: رسائل\nsummary: رسائل شكر.\n")
    project.write("content/rasail/shukr.yaml", RTL_LETTER)
    project.build()  # Arabic has no catalog: a warning, and the theme's English words
    page = (project.site / "rasail/shukr.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')
    with (
        serve(project.site) as url,
        watched_page(browser, url, viewport={"width": 390, "height": 844}) as watched,
    ):
        watched.page.goto(f"{url}rasail/shukr.html")
        layout = watched.page.evaluate(
            """() => {
              const words = document.createRange();  // the title's text, not its box
              words.selectNodeContents(document.querySelector("h1"));
              const title = words.getBoundingClientRect();
              const main = document.querySelector("main").getBoundingClientRect();
              const text = document.querySelector(".block-text[data-part='2']");
              return {
                gapRight: main.right - title.right,
                gapLeft: title.left - main.left,
                direction: getComputedStyle(text).direction,
                overflow: document.documentElement.scrollWidth - window.innerWidth,
              };
            }"""
        )
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(watched.page)
        assert results.violations_count == 0, results.generate_report()
        watched.assert_clean()
    assert html_problems(project.site) == ""
    assert layout["direction"] == "rtl"
    assert layout["gapRight"] < layout["gapLeft"]  # the title starts at the right
    assert layout["overflow"] <= 0  # and nothing spills sideways on a phone
