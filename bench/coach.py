"""The letter coach's precision and recall, over its fixture of drafts in each language
(tests/cases/coach/: good drafts, and drafts that break the letter's advice), typed into
real letter pages in Chromium and coached by the real script.

A point raised that a draft does not name is a false one (against precision); a point
it names that is not raised is a miss (against recall). tests/site/test_coach.py holds
both at 100%; this prints them, language by language, with every draft that fails.

    .venv/bin/python -m bench.coach              # every language of the fixture
    .venv/bin/python -m bench.coach fr de        # some of them
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.helpers.browser import CHROMIUM_FLAGS, chromium_path
from tests.helpers.coaching import LANGUAGES, Outcome, Score, run_drafts, write_project


def measure(languages: list[str]) -> dict[str, Score]:
    """Each language's score, its drafts run through the coach in one Chromium."""
    scores: dict[str, Score] = {}
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as temp:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True
        )
        for language in languages:
            site = write_project(Path(temp) / language, language)
            outcomes: list[Outcome] = list(run_drafts(browser, site, language))
            scores[language] = Score(outcomes)
        browser.close()
    return scores


def report(scores: dict[str, Score], seconds: float) -> str:
    lines = [
        "| language | drafts | points named | raised rightly | raised wrongly | missed "
        "| precision | recall |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    every = Score([o for s in scores.values() for o in s.outcomes])
    for name, score in [*scores.items(), ("all", every)]:
        named = score.right + score.missed
        lines.append(
            f"| {name} | {len(score.outcomes)} | {named} | {score.right} | {score.wrong} | "
            f"{score.missed} | {score.precision:.1%} | {score.recall:.1%} |"
        )
    lines.append("")
    lines.append(f"{len(every.outcomes)} drafts in {seconds:.1f} s.")
    lines += [f"FAILED {line}" for line in every.failures()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("languages", nargs="*", help=f"of {', '.join(LANGUAGES)} (all if none)")
    args = parser.parse_args()
    unknown = set(args.languages) - set(LANGUAGES)
    if unknown:
        parser.error(f"no drafts in {', '.join(sorted(unknown))}; the fixture has {LANGUAGES}")
    started = time.monotonic()
    scores = measure(args.languages or LANGUAGES)
    print(report(scores, time.monotonic() - started))


if __name__ == "__main__":
    main()
