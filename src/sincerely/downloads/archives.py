"""Archives: every pack's letters, and the whole gallery's, as zips of the downloads."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from ..common import urls
from ..common.i18n import Messages
from ..model.site import Pack, Site
from .zips import PLAIN_ZIP_ENTRIES, Content, zip_bytes, zip_chunks


def pack_readme(pack: Pack, words: Messages) -> str:
    lines = [f"{pack.title}", "=" * len(pack.title), "", pack.summary, ""]
    about = words.gettext(
        "Each letter comes in three forms: .txt (the letter alone, to paste), .md (with "
        "the notes on why each paragraph is there, the tips and the sources), and .docx "
        "(for a word processor; the notes are comments). Blanks to fill in are in "
        "[brackets]; optional paragraphs are marked."
    )
    lines += [textwrap.fill(about, 78), ""]
    for scenario in pack.scenarios:
        lines.append(f"- {scenario.slug}: {scenario.title} ({scenario.channel})")
    return "\n".join(lines) + "\n"


def _entries(site: Site, pack: Pack, files: Mapping[str, bytes]) -> list[tuple[str, bytes]]:
    """A pack's part of an archive: a README, and every letter in every form."""
    readme = pack_readme(pack, site.messages_in(site.language_of(pack)))
    entries = [(f"{pack.slug}/README.txt", readme.encode("utf-8"))]
    for scenario in pack.scenarios:
        for kind, path in urls.downloads(scenario.pack, scenario.slug).items():
            entries.append((f"{pack.slug}/{scenario.slug}.{kind}", files[path]))
    return entries


def pack_archive(site: Site, pack: Pack, files: Mapping[str, bytes]) -> bytes:
    return zip_bytes(_entries(site, pack, files))


def gallery_archive(site: Site, files: Mapping[str, bytes]) -> Content:
    """Every pack's letters in one zip: the packs' own zips joined (their entries are
    already deflated), piece by piece, which is the zip of all their files, byte for
    byte; one pack's zip is in memory at a time."""
    # zip_bytes sorts by name: each pack's entries are under "slug/".
    packs = sorted(site.packs, key=lambda p: p.slug + "/")
    entries = sum(1 + len(urls.DOWNLOAD_KINDS) * len(p.scenarios) for p in packs)
    if entries > PLAIN_ZIP_ENTRIES:  # zip_bytes writes a zip64
        return zip_bytes([entry for pack in packs for entry in _entries(site, pack, files)])
    return zip_chunks(files[urls.pack_zip(p.slug)] for p in packs)


def archive_paths(site: Site) -> list[str]:
    return [*(urls.pack_zip(p.slug) for p in site.packs), urls.GALLERY_ZIP]
