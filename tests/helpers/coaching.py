"""The letter coach's fixture (tests/cases/coach/), run through the real coach in Chromium:
each language's letter built into a site of its own, and the gallery's own letters
(tests/cases/coach/gallery/PACK/SLUG.yaml) in the repository's site; each draft typed into
its page as a reader would, and the points the page shows compared with those the draft
names.

bench/coach.py prints what it finds (precision and recall); tests/site/test_coach.py
holds both at 100%.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Browser, Page, expect

from sincerely.build.builders import run

from .browser import serve, watched_page

FIXTURES = Path(__file__).resolve().parents[1] / "cases" / "coach"
LANGUAGES = sorted(p.stem for p in FIXTURES.glob("*.yaml"))
PAGE = "letters/letter.html"
# The gallery's letters with drafts, as PACK/SLUG (their pages' addresses, less .html).
GALLERY = FIXTURES / "gallery"
GALLERY_LETTERS = sorted(
    p.relative_to(GALLERY).with_suffix("").as_posix() for p in GALLERY.glob("*/*.yaml")
)
GALLERY_PACKS = sorted({letter.split("/")[0] for letter in GALLERY_LETTERS})
# A point as the page marks it: its kind (data-coach) at its place (data-at).
POINTS = """() => Array.from(document.querySelectorAll(".coach-point"))
  .map((p) => `${p.getAttribute("data-coach")}@${p.getAttribute("data-at")}`)"""


def fixture(language: str) -> dict[str, Any]:
    found: dict[str, Any] = yaml.safe_load((FIXTURES / f"{language}.yaml").read_text("utf-8"))
    return found


def gallery_drafts(letter: str) -> list[dict[str, Any]]:
    """The drafts of one of the gallery's letters, PACK/SLUG."""
    found: dict[str, Any] = yaml.safe_load((GALLERY / f"{letter}.yaml").read_text("utf-8"))
    drafts: list[dict[str, Any]] = found["drafts"]
    return drafts


def write_project(root: Path, language: str) -> Path:
    """A project of one pack and one letter, the fixture's, in its language; built."""
    data = fixture(language)
    (root / "content/letters").mkdir(parents=True)
    settings = f'[tool.sincerely]\ntitle = "Coach"\nlanguage = "{data["language"]}"\n'
    (root / "pyproject.toml").write_text(settings, encoding="utf-8")
    (root / "content/letters/_pack.yaml").write_text(data["pack"], encoding="utf-8")
    (root / "content/letters/letter.yaml").write_text(data["letter"], encoding="utf-8")
    run(root, root / "site", strict=True)
    return root / "site"


@dataclass
class Outcome:
    """One draft: the points it must raise, those it must not, and those the page showed."""

    language: str  # or, for the gallery's drafts, the letter's PACK/SLUG
    name: str
    expected: frozenset[str]
    forbidden: frozenset[str]
    raised: frozenset[str] = field(default_factory=frozenset)

    @property
    def missed(self) -> frozenset[str]:
        return self.expected - self.raised

    @property
    def wrong(self) -> frozenset[str]:
        return self.raised - self.expected


# The draft's values put in the fields at once, each with the event a reader's typing or
# ticking gives (one call, not a round trip a key: the fixture is long), and its choices
# ticked as a click would.
TYPE = """(values) => Object.entries(values).forEach(([id, value]) => {
  const choice = document.querySelector(`fieldset[data-field="${id}"]`);
  if (choice) {
    Array.from(choice.querySelectorAll("input")).find((i) => i.value === value).click();
    return;
  }
  const input = document.getElementById(`f-${id}`);
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
})"""


def type_draft(page: Page, draft: dict[str, Any]) -> None:
    """Put a draft's values in the letter page's fields; then, for a draft edited freely,
    its whole text in the letter's box; then wait for the coach to have looked."""
    page.evaluate(TYPE, draft["values"])
    if "free" in draft:
        page.locator('[data-action="edit"]').click()
        page.locator("#free-text").fill(draft["free"])
    page.wait_for_selector('#letter-work[data-coach="ready"]', timeout=10_000)


def shown(page: Page) -> frozenset[str]:
    return frozenset(page.evaluate(POINTS))


def run_drafts(browser: Browser, site: Path, language: str) -> Iterator[Outcome]:
    """Every draft of a language's fixture, typed into its letter's page."""
    yield from run_pages(browser, site, [(language, PAGE, fixture(language)["drafts"])])


def run_gallery(browser: Browser, site: Path, letters: list[str]) -> Iterator[Outcome]:
    """Every draft of some of the gallery's letters (PACK/SLUG), in the gallery's site."""
    pages = [(letter, f"{letter}.html", gallery_drafts(letter)) for letter in letters]
    yield from run_pages(browser, site, pages)


def run_pages(
    browser: Browser, site: Path, pages: list[tuple[str, str, list[dict[str, Any]]]]
) -> Iterator[Outcome]:
    """Drafts typed into pages of a site, (name, page, drafts) each, every draft on its
    page afresh (no draft of the one before kept)."""
    size = {"width": 1366, "height": 900}
    with serve(site) as url, watched_page(browser, url, viewport=size) as watched:
        page = watched.page
        for name, path, drafts in pages:
            for draft in drafts:
                page.goto(url + path)
                type_draft(page, draft)
                raised = shown(page)
                page.evaluate("sessionStorage.clear()")  # the next draft starts afresh
                watched.assert_clean()
                yield Outcome(
                    name,
                    draft["name"],
                    frozenset(draft["raises"]),
                    frozenset(draft.get("not", ())),
                    raised,
                )


@dataclass
class Score:
    """Precision and recall over outcomes: a point raised that a draft does not name is
    a false one; a point it names that is not raised, a miss."""

    outcomes: list[Outcome]

    @property
    def right(self) -> int:
        return sum(len(o.raised & o.expected) for o in self.outcomes)

    @property
    def wrong(self) -> int:
        return sum(len(o.wrong) for o in self.outcomes)

    @property
    def missed(self) -> int:
        return sum(len(o.missed) for o in self.outcomes)

    @property
    def precision(self) -> float:
        raised = self.right + self.wrong
        return self.right / raised if raised else 1.0

    @property
    def recall(self) -> float:
        expected = self.right + self.missed
        return self.right / expected if expected else 1.0

    def failures(self) -> list[str]:
        return [
            f"{o.language}: {o.name}: raised {sorted(o.raised)}, expected {sorted(o.expected)}"
            for o in self.outcomes
            if o.raised != o.expected or o.raised & o.forbidden
        ]


def told_once(page: Page) -> None:
    """A reader who typed a letter's examples is told so by the coach, beside each field,
    and once by the prompt the first time the letter would leave (here, Copy); then
    every action goes ahead. For the tests that type the examples to try the actions."""
    page.wait_for_selector('#letter-work[data-coach="ready"]', timeout=10_000)
    page.locator('.action-bar [data-action="copy"]').click()
    expect(page.locator(".blanks-prompt")).to_be_visible()
