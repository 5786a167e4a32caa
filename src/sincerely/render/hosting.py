"""What the wider web reads besides the pages: the Atom feeds, and old addresses.

Each feed (model/feeds.py: which, and which letters) and each redirect (model/redirects.py:
from where, to where) becomes a page of its kind here (render/kinds.py: ``feed.xml``,
``redirect.html``), rendered through the theme's layouts like any other, so a theme can
change them and their words are translated. Neither is listed in the sitemap: a feed is
not a page, and a redirect is not where its page is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..common import urls
from ..model.feeds import feed_letters
from ..model.redirects import Redirect
from ..model.site import Site
from .pages import PageSpec


def feed_pages(site: Site) -> Iterator[PageSpec]:
    """A feed for each language that has one, with its letters, newest first."""
    for feed in site.feeds:
        letters = feed_letters(site, feed.language)
        values = {"feed": feed, "letters": letters, "updated": letters[0].published}
        yield PageSpec(
            "feed.xml",
            feed.path,
            feed.title,
            site.config.description,
            values,
            indexed=False,
            language=feed.language,
        )


@dataclass(frozen=True)
class Target:
    """Where a redirect's page leads, as it writes it."""

    href: str  # relative to the redirect's page, so that the site works from any folder
    canonical: str  # the target's own address: absolute with base_url, else relative
    title: str


def redirect_page(site: Site, redirect: Redirect) -> PageSpec:
    """The page at an old address: a meta refresh and a link to where it leads, in the
    target's language, kept out of search engines (noindex, canonical to the target)."""
    where = redirect.target + redirect.fragment
    href = urls.root_of(redirect.path) + where
    base = site.config.base_url
    # The canonical address is the page's own, without the part of it linked to.
    canonical = (
        f"{base}{redirect.target}" if base else urls.root_of(redirect.path) + redirect.target
    )
    target = Target(href, canonical, redirect.title)
    return PageSpec(
        "redirect.html",
        redirect.path,
        redirect.title,
        values={"target": target},
        indexed=False,
        language=redirect.language,
    )
