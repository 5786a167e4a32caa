"""The site's Atom feeds (model/site.py's Site.feeds): which feeds a site has, and which
letters each lists, in what order."""

from __future__ import annotations

from sincerely.load.loader import load_site
from sincerely.model.config import load_config
from sincerely.model.site import Feed, Site, unpublished_note

from ..conftest import Project
from ..render.test_hosting import gallery, letter


def site_of(project: Project) -> Site:
    return load_site(load_config(project.root))[0]


def test_a_feed_for_each_language_with_a_published_letter(project: Project) -> None:
    site = site_of(gallery(project))
    assert site.feeds == (
        Feed("en-GB", "feed.xml", "Notes & letters"),
        Feed("fr", "fr/feed.xml", "Notes & letters (Français)"),
    )
    assert unpublished_note(site) == ""


def test_newest_first_and_a_days_letters_in_the_gallerys_order(project: Project) -> None:
    site = site_of(gallery(project))
    assert [s.slug for s in site.feed_letters("en-GB")] == ["beta", "alpha", "gamma"]
    assert [s.published for s in site.feed_letters("en-GB")] == [
        "2026-12-07",
        "2026-11-02",
        "2026-11-02",
    ]
    # The gallery's order is the pack's: by `order`, then title.
    project.write("content/letters/gamma.yaml", letter("Gamma", "2026-11-02") + "order: -1\n")
    assert [s.slug for s in site_of(project).feed_letters("en-GB")] == ["beta", "gamma", "alpha"]
    assert site.feed_letters("de") == ()


def test_a_language_with_no_published_letter_has_no_feed(project: Project) -> None:
    gallery(project).write("content/lettres/une.yaml", letter("Une"))
    assert [f.path for f in site_of(project).feeds] == ["feed.xml"]


def test_without_base_url_no_feed_and_a_note_says_why(project: Project) -> None:
    site = site_of(gallery(project, base_url=""))
    assert site.feeds == ()
    assert unpublished_note(site).startswith("no Atom feed was made")
    # No day anywhere: nothing to say.
    for slug in ("alpha", "beta", "gamma"):
        project.write(f"content/letters/{slug}.yaml", letter(slug.title()))
    project.write("content/lettres/une.yaml", letter("Une"))
    assert unpublished_note(site_of(project)) == ""
