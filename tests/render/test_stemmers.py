"""Snowball's JavaScript stemmers, as a site publishes them, give every word the stem that
Python's give it: the page stems what a reader types as the build stemmed the letters.

The JavaScript was generated from one release of Snowball (stemmers/README.md); the
Python stemmers come from whichever snowballstemmer is installed. When a new release
changes an algorithm, this fails (in the weekly run against the newest releases), and
the stemmers are generated again from that release.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import snowballstemmer
from playwright.sync_api import Browser

from sincerely.common import urls
from sincerely.common import words as vocabulary
from sincerely.model.scenario import Scenario
from sincerely.render import stemming

from ..helpers.browser import watched_page
from ..helpers.gallery import SCENARIOS

ALGORITHMS = sorted(set(vocabulary.ALGORITHMS.values()))
# Words a German, Spanish or accented text has that the gallery's letters may not.
MORE = (
    "Rückmeldung Rückmeldungen Rueckmeldung rueckmeldungen Grüßen Grüße Gruesse Gespräch "
    "Gesprächen Vorstellungsgespräch Absage Bewerbung Straße entrevista rechazada canción "
    "niños résumé naïve café Ça été ÉTÉ İstanbul \u0131slak"
)


def letter_text(scenario: Scenario) -> str:
    """Every text of a letter that search looks in."""
    labels = {f.id: f.label for f in scenario.fields}
    parts = [scenario.title, scenario.moment, scenario.summary, scenario.situation]
    parts += [*scenario.tags, scenario.channel, *scenario.tips.do, *scenario.tips.avoid]
    for block in scenario.letter.blocks:
        parts += [block.text.fill(labels), block.note]
    return " ".join(parts)


def every_word() -> list[str]:
    found = {w for s in SCENARIOS for w in vocabulary.words(letter_text(s))}
    found |= set(vocabulary.words(MORE))
    # Each word also as a reader may type it, without its accents.
    return sorted(found | {vocabulary.fold(w) for w in found})


@pytest.fixture(scope="module")
def stemmer_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A page that loads every stemmer, each as a site publishes it (minified)."""
    folder = tmp_path_factory.mktemp("stemmers")
    for name in ["base", *ALGORITHMS]:
        path = urls.stemmer(f"{name}.js")
        (folder / f"{name}.js").write_bytes(stemming.publish(path, stemming.FOLDER / f"{name}.js"))
    scripts = "".join(f'<script src="{name}.js"></script>' for name in ["base", *ALGORITHMS])
    page = folder / "index.html"
    page.write_text(f"<!DOCTYPE html><title>stemmers</title>{scripts}", encoding="utf-8")
    return page


STEM_ALL = """([names, words]) => {
  const made = self.sincerelyStemmers;
  const Base = made.base();
  const stems = {};
  for (const name of names) {
    const stemmer = new (made[name](Base))();
    stems[name] = words.map((word) => stemmer.stemWord(word));
  }
  return stems;
}"""


def test_every_stemmer_gives_every_word_of_the_gallery_pythons_stem(
    browser: Browser, stemmer_page: Path
) -> None:
    words = every_word()
    assert len(words) > 1500  # the gallery's words, in English and French
    with watched_page(browser, stemmer_page.as_uri()) as watched:
        watched.page.goto(stemmer_page.as_uri())
        in_js = watched.page.evaluate(STEM_ALL, [ALGORITHMS, words])
        watched.assert_clean()
    differ = {}
    for name in ALGORITHMS:
        python = snowballstemmer.stemmer(name)
        wrong = [
            f"{w}: {js} in JavaScript, {python.stemWord(w)} in Python"
            for w, js in zip(words, in_js[name], strict=True)
            if js != python.stemWord(w)
        ]
        if wrong:
            differ[name] = wrong[:10]
    assert differ == {}, (
        "a new snowballstemmer changed an algorithm: generate the JavaScript stemmers "
        "again from its Snowball release (src/sincerely/stemmers/README.md)"
    )


def test_a_site_publishes_the_stemmers_as_this_test_checks_them(repo_site: Path) -> None:
    for name in ("base", "english", "french"):
        path = urls.stemmer(f"{name}.js")
        made = stemming.publish(path, stemming.FOLDER / f"{name}.js")
        assert (repo_site / path).read_bytes() == made


def test_every_language_with_an_algorithm_has_its_stemmer() -> None:
    shipped = {p.stem for p in stemming.FOLDER.glob("*.js")}
    assert shipped == {"base", *ALGORITHMS}
    assert set(ALGORITHMS) <= set(snowballstemmer.algorithms())
    assert (stemming.FOLDER / "COPYING").read_text().startswith("Copyright (c) 2001")
