"""The memo: an output is reused while every model attribute its templates read has the
same value, and made again as soon as one of them changes, whichever the theme reads."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePosixPath

import jinja2

from sincerely.render.memo import (
    Identity,
    Memo,
    Reads,
    RecordingEnvironment,
    fingerprint,
    recording,
    resolver,
)

from ..conftest import Project


@dataclass(frozen=True)
class Letter:
    """A model object as the memo sees one: a dataclass that says which it is."""

    slug: str
    title: str
    notes: str = "Why it is written so."

    @property
    def identity(self) -> Identity:
        return ("scenario", "letters", self.slug)

    def shout(self) -> str:
        return self.title.upper()


ENV = RecordingEnvironment()
CARD = ENV.from_string("<h3>{{ letter.title }}</h3>")  # what a theme's card shows


def _made(template: jinja2.Template, memo: Memo, key: str, **values: object) -> str:
    """Render ``template`` as a build with a memo does, and keep it with what it read."""
    with recording(Reads()) as reads:
        html = template.render(**values)
    memo.put(key, reads, html)
    return html


def _lookup(*objects: Letter) -> dict[Identity, object]:
    return {o.identity: o for o in objects}


def test_a_template_notes_each_attribute_it_reads_of_a_model_object() -> None:
    letter = Letter("close-second", "Close second")
    template = ENV.from_string("{{ letter.title }} {{ letter.title }} {{ plain.real }}")
    with recording(Reads()) as reads:
        assert template.render(letter=letter, plain=3 + 4j) == "Close second Close second 3.0"
    assert reads.attributes == {letter.identity: {"title"}}  # not the number's part
    assert reads.objects == {letter.identity: letter}


def test_nothing_is_noted_outside_a_recording() -> None:
    reads = Reads()
    with recording(reads):
        pass
    CARD.render(letter=Letter("a", "A"))
    assert reads.attributes == {} and reads.objects == {}


def test_an_output_is_reused_while_what_it_read_is_the_same() -> None:
    memo = Memo()
    letter = Letter("close-second", "Close second")
    _made(CARD, memo, "card", letter=letter)
    # The very object (an unchanged file keeps its loaded letter).
    assert memo.get("card", _lookup(letter).get) == "<h3>Close second</h3>"
    # A new object, its notes edited: the card does not show them.
    edited_notes = replace(letter, notes="Another reason.")
    assert memo.get("card", _lookup(edited_notes).get) == "<h3>Close second</h3>"


def test_an_output_is_made_again_when_what_it_read_changes_or_is_gone() -> None:
    memo = Memo()
    letter = Letter("close-second", "Close second")
    _made(CARD, memo, "card", letter=letter)
    assert memo.get("card", _lookup(replace(letter, title="Runner-up")).get) is None
    assert memo.get("card", _lookup().get) is None  # the letter was deleted
    assert memo.get("another key", _lookup(letter).get) is None


def test_a_theme_whose_card_shows_another_field_stays_current() -> None:
    memo = Memo()
    letter = Letter("close-second", "Close second")
    card = ENV.from_string("<h3>{{ letter.title }}</h3><p>{{ letter.notes }}</p>")
    _made(card, memo, "card", letter=letter)
    assert memo.get("card", _lookup(replace(letter, notes="Another reason.")).get) is None
    assert memo.get("card", _lookup(replace(letter)).get) is not None  # equal values


def test_what_a_method_returns_is_never_taken_on_trust() -> None:
    # A method's result cannot be compared: only the very same object is believed.
    memo = Memo()
    letter = Letter("close-second", "Close second")
    _made(ENV.from_string("{{ letter.shout() }}"), memo, "loud", letter=letter)
    assert memo.get("loud", _lookup(letter).get) == "CLOSE SECOND"
    assert memo.get("loud", _lookup(replace(letter)).get) is None


def test_a_page_depends_on_what_its_cards_read_even_when_they_are_reused() -> None:
    memo = Memo()
    letter = Letter("close-second", "Close second")
    with recording(Reads()) as first_page:
        _made(CARD, memo, "card", letter=letter)  # a recording inside the page's
    assert first_page.attributes == {letter.identity: {"title"}}
    with recording(Reads()) as second_page:
        assert memo.get("card", _lookup(letter).get) is not None  # reused, not rendered
    # The page that shows the kept card read the letter's title all the same, so an
    # edit of the title makes that page again too.
    assert second_page.attributes == {letter.identity: {"title"}}
    memo.put("page", second_page, "<main>…</main>")
    assert memo.get("page", _lookup(replace(letter, title="Runner-up")).get) is None


def test_a_cleared_memo_keeps_nothing() -> None:
    memo = Memo()
    letter = Letter("close-second", "Close second")
    _made(CARD, memo, "card", letter=letter)
    memo.clear()
    assert memo.get("card", _lookup(letter).get) is None


def test_a_fingerprint_compares_model_objects_by_identity_and_the_rest_by_value() -> None:
    one, other = Letter("a", "One"), Letter("a", "Another title")
    assert fingerprint(one) == fingerprint(other) == ("model", ("scenario", "letters", "a"))
    assert fingerprint([one, "x", 1]) == fingerprint((other, "x", 1))
    assert fingerprint({"k": one}) == fingerprint({"k": other})
    assert fingerprint({"k": 1}) != fingerprint({"k": 2})
    assert fingerprint(PurePosixPath("content/a.yaml")) == "content/a.yaml"

    @dataclass
    class Part:  # a plain dataclass inside a model object: by its parts
        text: str

    assert fingerprint(Part("x")) == fingerprint(Part("x")) != fingerprint(Part("y"))


def test_the_resolver_finds_every_model_object_of_a_site_by_its_identity(
    project: Project,
) -> None:
    project.add_scenario()
    project.write("content/about.md", "---\ntitle: About\n---\nAbout us.\n")
    project.write("content/index.md", "---\ntitle: Home\n---\nWelcome.\n")
    site = project.check().site
    assert site is not None and site.intro is not None
    find = resolver(site)
    (pack,) = site.packs
    (letter,) = pack.scenarios
    for item in (site, site.config, pack, letter, *site.pages, site.intro):
        assert find(item.identity) is item
    assert find(("scenario", "letters", "no-such-letter")) is None
