"""The kinds of page, one table: what each is, what its template is given, and what it
is made from.

What a kind is made from (its inputs) is what tells a build when one of its pages is as
it was: build/outputs.py reads each page's inputs here (``PageSpec.made_from``), and
build/digests.py gives each input a digest; a page whose inputs' digests are unchanged is
brought over from the last build instead of made again. An input left out gives a stale
page, silently, so a kind cannot be written down without its inputs, and a page cannot
be of a kind that is not in the table, nor name objects that its kind does not count.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from .memo import Identity

# The identities that stand for more than one model object (build/digests.py says what
# each digest covers). SITE and CONFIG are also the site's and the settings' own
# identities, as the memo finds them (render/memo.py's resolver).
SITE: Identity = ("site",)  # the whole gallery: any change to any content
CONFIG: Identity = ("config",)  # the settings
FRAME: Identity = ("frame",)  # what every page shows around its own content


class Input(enum.Enum):
    """What a kind of page can be made from."""

    SITE = "the whole gallery"
    CONFIG = "the settings"
    FRAME = "what every page shows around its own content: the packs, the pages' titles, the feeds"
    # The page's own model objects: a pack; a letter and its pack; a Markdown page.
    SUBJECT = "what the page is of"
    # Other letters whose words it shows (previous, next, related, its translations).
    SHOWN = "the letters it shows the words of"


_STANDS_FOR = {Input.SITE: SITE, Input.CONFIG: CONFIG, Input.FRAME: FRAME}


@dataclass(frozen=True)
class About:
    """What one page is of, and what it shows besides, by the model's identities
    (``identity``): what its kind's SUBJECT and SHOWN stand for."""

    subject: tuple[Identity, ...] = ()
    shown: tuple[Identity, ...] = ()


@dataclass(frozen=True)
class Kind:
    """A kind of page: what it is and the values its template is given beyond those
    every page has (render/renderer.py's), as the layouts reference describes them, and
    what it is made from."""

    what: str
    values: Mapping[str, str]
    made_from: tuple[Input, ...]

    def __post_init__(self) -> None:
        if not self.made_from:
            raise ValueError(
                f"the kind of page '{self.what}' says nothing of what it is made from: "
                "name its inputs (render/kinds.py's Input), or its pages are never made again"
            )

    def inputs(self, about: About) -> frozenset[Identity]:
        """The identities a page of this kind about ``about`` is made from."""
        counted = set(self.made_from)
        if Input.SITE not in counted:  # the whole gallery holds every object
            for need, named in ((Input.SUBJECT, about.subject), (Input.SHOWN, about.shown)):
                if named and need not in counted:
                    raise ValueError(
                        f"a page of the kind '{self.what}' names {need.value} "
                        f"({', '.join('/'.join(i) for i in named)}), which its kind is not "
                        f"made from: add Input.{need.name} to its made_from"
                    )
        found = {_STANDS_FOR[need] for need in counted if need in _STANDS_FOR}
        if Input.SUBJECT in counted:
            found.update(about.subject)
        if Input.SHOWN in counted:
            found.update(about.shown)
        return frozenset(found)


# Pages that show every letter of the gallery, or count them, are made from the whole
# gallery; a pack's, tag's or channel's page from the letters whose cards it shows (the
# set: their order is the frame's) and the frame; a letter's page from its own letter,
# what it links to by title, and the frame; a Markdown page from itself and the frame.
_GALLERY = (Input.SITE, Input.CONFIG)

KINDS: dict[str, Kind] = {
    "home.html": Kind(
        "The home page, index.html.",
        {"intro": "The home page's own text (content/index.md) as a `Page`, or none."},
        _GALLERY,
    ),
    "pack.html": Kind(
        "A pack's page, PACK/index.html.",
        {"pack": "The `Pack`."},
        (Input.SUBJECT, Input.SHOWN, Input.CONFIG, Input.FRAME),
    ),
    "scenario.html": Kind(
        "A letter's page, PACK/SLUG.html.",
        {
            "scenario": "The `Scenario`.",
            "pack": "Its `Pack`.",
            "around": "`around.previous` and `around.next` in the pack (or none), and "
            "`around.related`: up to three letters on the same tags or channel.",
            "source_url": "The path of the copy of its YAML file that the site publishes.",
            "edit_url": "Where 'Suggest an edit' leads, or '' (see repo_url, edit_uri).",
            "view_url": "The file on its forge's pages, or ''.",
            "forge": "The forge's name ('GitHub', 'GitLab', ...), or ''.",
            "downloads": "Its downloads, each a `Download`: `.kind` (its suffix, 'txt'), "
            "`.path`, `.size` in bytes and `.label` (in English: `_(download.label)`); "
            "`(kind, path, size)` when unpacked.",
            "pack_zip": "The path of its pack's zip.",
            "places": "Where each field's input goes: 'start', 'subject' or a block's "
            "number from 1, to the list of `Field`s first used there.",
            "translations": "The letter in other languages: each with `.language` (a "
            "tag), `.name` (in that language, 'Français'), `.url` and `.title`.",
        },
        (Input.SUBJECT, Input.SHOWN, Input.CONFIG, Input.FRAME),
    ),
    "tag.html": Kind(
        "A tag's or a channel's page, tags/TAG.html and channels/CHANNEL.html.",
        {"scenarios": "Its letters, each a `Scenario`, in the gallery's order."},
        (Input.SHOWN, Input.CONFIG, Input.FRAME),
    ),
    "page.html": Kind(
        "A Markdown page, SLUG.html.", {"page": "The `Page`."}, (Input.SUBJECT, Input.FRAME)
    ),
    "search.html": Kind("The search page, search.html.", {}, _GALLERY),
    "404.html": Kind(
        "The page a host shows for a missing address; its `root` is base_url, or '/'.",
        {},
        _GALLERY,
    ),
    "sitemap.xml": Kind(
        "sitemap.xml, with base_url only.",
        {"pages": "The paths of the pages to list."},
        _GALLERY,
    ),
    "robots.txt": Kind("robots.txt.", {}, _GALLERY),
    "feed.xml": Kind(
        "An Atom feed of the letters with a `published` day, feed.xml for the site's "
        "language and LANG/feed.xml for another's; with base_url only.",
        {
            "feed": "The `Feed`: `.language`, `.path`, `.title`.",
            "letters": "Its letters, each a `Scenario`, newest first.",
            "updated": "The newest letter's day, YYYY-MM-DD: the feed's own date.",
        },
        _GALLERY,
    ),
    "redirect.html": Kind(
        "A page that sends an old address on to where its page now is (the redirects "
        "setting), with no script: a meta refresh and a link.",
        {
            "target": "Where it leads: `.href` (relative to this page), `.canonical` "
            "(the target's full address with base_url, else '') and `.title`.",
        },
        _GALLERY,
    ),
}


def kind_of(template: str) -> Kind:
    """The kind of page a template makes: every page is of a kind in the table."""
    kind = KINDS.get(template)
    if kind is None:
        raise ValueError(
            f"no kind of page is made with '{template}': add it to render/kinds.py's KINDS, "
            "with what it is made from"
        )
    return kind
