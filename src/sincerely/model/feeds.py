"""The site's Atom feeds: the letters that have a ``published`` day, a feed a language.

A feed is made for each language that has at least one published letter, and only
when the site's address (``base_url``) is known: Atom asks for an absolute, permanent
id for the feed and for each entry, and a feed reader resolves every link from the
address it subscribed to, so a site opened from disk or not yet published has no feed
to offer (the build says so once, rather than make ids that would change the day the
site gets an address). The site's own language has ``feed.xml``; another language,
``LANG/feed.xml``, in the manner of Hugo's ``fr/index.xml``: one feed a language, so a
reader subscribes to the letters they can read. Within a feed, letters are newest first,
letters of the same day in the gallery's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..common import urls
from ..common.i18n import language_name

if TYPE_CHECKING:
    from .scenario import Scenario
    from .site import Site


@dataclass(frozen=True)
class Feed:
    """One feed, as pages link to it."""

    language: str  # a BCP 47 tag
    path: str  # from the site's root
    title: str  # the site's title, with the language's name for another language's


def feeds_of(site: Site) -> tuple[Feed, ...]:
    """The site's feeds: the site's language first, then the others by tag."""
    if not site.config.base_url:
        return ()
    own = site.config.language
    languages = {site.language_of(p) for p in site.packs if any(s.published for s in p.scenarios)}
    feeds = []
    for language in sorted(languages, key=lambda tag: (tag != own, tag)):
        if language == own:
            feeds.append(Feed(language, urls.feed(), site.config.title))
        else:
            title = f"{site.config.title} ({language_name(language)})"
            feeds.append(Feed(language, urls.feed(language), title))
    return tuple(feeds)


def feed_letters(site: Site, language: str) -> tuple[Scenario, ...]:
    """The published letters in ``language``, newest first; letters of the same day in
    the gallery's order (sorted() keeps it, reversed or not)."""
    letters = [
        s
        for pack in site.packs
        if site.language_of(pack) == language
        for s in pack.scenarios
        if s.published
    ]
    return tuple(sorted(letters, key=lambda s: s.published, reverse=True))


def unpublished_note(site: Site) -> str:
    """What the command line says once when letters have a day but no feed is made."""
    if site.config.base_url or not any(s.published for s in site.scenarios()):
        return ""
    return (
        "no Atom feed was made: letters have 'published' days, but a feed needs the "
        "site's address; set base_url in [tool.sincerely], or build with --base-url, as "
        "the Pages workflow does"
    )
