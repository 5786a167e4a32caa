"""Archives: every pack's letters, and the whole gallery's, as zips of the downloads."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from ..common import urls
from ..common.i18n import N_, Messages
from ..model.site import Pack, Site
from . import formats
from .zips import PLAIN_ZIP_ENTRIES, Content, zip_bytes, zip_chunks

# How many forms a letter comes in, in words ("three forms"); more than these, in figures.
_NUMBERS = {2: N_("two"), 3: N_("three"), 4: N_("four"), 5: N_("five")}


def _listed(items: list[str], words: Messages) -> str:
    """Items as a sentence lists them in ``words``' language: 'a, b, and c'. The ways
    to join them are in the catalogs, as the items' own words are, so that the list is
    joined in the language it is written in."""
    if len(items) < 2:
        return "".join(items)
    if len(items) == 2:  # two are joined their own way: 'a and b'
        pattern = words.gettext("%(first)s and %(last)s")
        return pattern % {"first": items[0], "last": items[1]}
    pattern = words.gettext("%(rest)s, and %(last)s")
    return pattern % {"rest": ", ".join(items[:-1]), "last": items[-1]}


def forms_sentence(words: Messages) -> str:
    """What the zips' README says of the forms a letter comes in, from the table of
    formats: each by its suffix, with what it is for."""
    count = len(formats.FORMATS)
    number = words.gettext(_NUMBERS[count]) if count in _NUMBERS else str(count)
    forms = [f".{f.suffix} ({words.gettext(f.about)})" for f in formats.FORMATS]
    opening = words.ngettext(
        "Each letter comes in one form: %(forms)s.",
        "Each letter comes in %(number)s forms: %(forms)s.",
        count,
    )
    closing = words.gettext("Blanks to fill in are in [brackets]; optional paragraphs are marked.")
    return opening % {"number": number, "forms": _listed(forms, words)} + " " + closing


def pack_readme(pack: Pack, words: Messages) -> str:
    lines = [f"{pack.title}", "=" * len(pack.title), "", pack.summary, ""]
    lines += [textwrap.fill(forms_sentence(words), 78), ""]
    for scenario in pack.scenarios:
        # A channel's name in the catalogs is its own word, as the theme's channel_name
        # macro shows it: "email" is "E-Mail" in German.
        channel = words.gettext(scenario.channel)
        lines.append(f"- {scenario.slug}: {scenario.title} ({channel})")
    return "\n".join(lines) + "\n"


def _entries(site: Site, pack: Pack, files: Mapping[str, bytes]) -> list[tuple[str, bytes]]:
    """A pack's part of an archive: a README, and every letter in every form."""
    readme = pack_readme(pack, site.messages_in(site.language_of(pack)))
    entries = [(f"{pack.slug}/README.txt", readme.encode("utf-8"))]
    for scenario in pack.scenarios:
        for form in formats.FORMATS:
            entries.append(
                (f"{pack.slug}/{scenario.slug}.{form.suffix}", files[form.path(scenario)])
            )
    return entries


def pack_archive(site: Site, pack: Pack, files: Mapping[str, bytes]) -> bytes:
    return zip_bytes(_entries(site, pack, files))


def gallery_archive(site: Site, files: Mapping[str, bytes]) -> Content:
    """Every pack's letters in one zip: the packs' own zips joined (their entries are
    already deflated), piece by piece, which is the zip of all their files, byte for
    byte; one pack's zip is in memory at a time."""
    # zip_bytes sorts by name: each pack's entries are under "slug/".
    packs = sorted(site.packs, key=lambda p: p.slug + "/")
    entries = sum(1 + len(formats.FORMATS) * len(p.scenarios) for p in packs)
    if entries > PLAIN_ZIP_ENTRIES:  # zip_bytes writes a zip64
        return zip_bytes([entry for pack in packs for entry in _entries(site, pack, files)])
    return zip_chunks(files[urls.pack_zip(p.slug)] for p in packs)


def archive_paths(site: Site) -> list[str]:
    return [*(urls.pack_zip(p.slug) for p in site.packs), urls.GALLERY_ZIP]
