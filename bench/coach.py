"""The letter coach's precision and recall, over its fixture of drafts in each language
(tests/cases/coach/: good drafts, and drafts that break the letter's advice) and over the
drafts of the gallery's own letters (tests/cases/coach/gallery/), typed into real letter
pages in Chromium and coached by the real script.

A point raised that a draft does not name is a false one (against precision); a point
it names that is not raised is a miss (against recall). tests/site/test_coach.py holds
both at 100%; this prints them, language by language, with every draft that fails.

    .venv/bin/python -m bench.coach              # every language, and the gallery's packs
    .venv/bin/python -m bench.coach fr de        # some of them
    .venv/bin/python -m bench.coach after-rejection
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.build_speed import REPO
from sincerely.build.builders import run
from tests.helpers.browser import CHROMIUM_FLAGS, chromium_path
from tests.helpers.coaching import (
    GALLERY_LETTERS,
    GALLERY_PACKS,
    LANGUAGES,
    Score,
    run_drafts,
    run_gallery,
    write_project,
)


def measure(names: list[str]) -> dict[str, Score]:
    """Each language's score, and each of the gallery's packs' (the repository's site
    built once, into a temporary folder), their drafts run through the coach in one
    Chromium."""
    scores: dict[str, Score] = {}
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as temp:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True
        )
        for language in [name for name in names if name in LANGUAGES]:
            site = write_project(Path(temp) / language, language)
            scores[language] = Score(list(run_drafts(browser, site, language)))
        packs = [name for name in names if name in GALLERY_PACKS]
        if packs:
            gallery = Path(temp) / "gallery"
            run(REPO, gallery)
            for pack in packs:
                letters = [x for x in GALLERY_LETTERS if x.startswith(f"{pack}/")]
                scores[pack] = Score(list(run_gallery(browser, gallery, letters)))
        browser.close()
    return scores


def report(scores: dict[str, Score], seconds: float) -> str:
    lines = [
        "| language or pack | drafts | points named | raised rightly | raised wrongly | missed "
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
    every = [*LANGUAGES, *GALLERY_PACKS]
    parser.add_argument("names", nargs="*", help=f"of {', '.join(every)} (all if none)")
    args = parser.parse_args()
    unknown = set(args.names) - set(every)
    if unknown:
        parser.error(f"no drafts for {', '.join(sorted(unknown))}; the fixture has {every}")
    started = time.monotonic()
    scores = measure(args.names or every)
    print(report(scores, time.monotonic() - started))


if __name__ == "__main__":
    main()
