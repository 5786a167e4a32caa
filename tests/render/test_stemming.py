"""What a site publishes of the stemmers, for its pages to know words as the build does
(tests/render/test_stemmers.py holds the page's JavaScript stemmers to the same stems;
tests/common/test_words.py, the words themselves)."""

from __future__ import annotations

from sincerely.common import urls
from sincerely.render import stemming


def test_a_site_publishes_only_the_stemmers_of_its_languages() -> None:
    published = stemming.published(["en-GB", "fr", "en"])
    assert set(published) == {
        urls.stemmer("base.js"),
        urls.stemmer("english.js"),
        urls.stemmer("french.js"),
        urls.stemmer("COPYING.txt"),
    }
    assert stemming.published(["ja"]) == {}


def test_a_published_stemmer_is_minified_under_snowballs_notice() -> None:
    path = urls.stemmer("english.js")
    source = stemming.published(["en"])[path]
    served = stemming.publish(path, source)
    first, rest = served.split(b"\n", 1)
    assert first.startswith(b"/* Snowball ") and b"COPYING.txt" in first
    assert len(rest) < len(source.read_bytes())
    licence = urls.stemmer("COPYING.txt")
    assert (
        stemming.publish(licence, stemming.published(["en"])[licence])
        == (stemming.FOLDER / stemming.LICENCE).read_bytes()
    )
