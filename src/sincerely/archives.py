"""Archives: every pack's letters, and the whole gallery's, as zips of the downloads.

Everything here is deterministic: fixed timestamps (SOURCE_DATE_EPOCH, but never before
1980-01-01, the first date a zip can hold) and entries in a fixed order, so the same
letters give the same bytes.
"""

from __future__ import annotations

import datetime
import io
import os
import textwrap
import zipfile
from collections.abc import Callable, Iterable, Mapping
from functools import partial

from . import urls
from .gallery import Pack, Site
from .i18n import Messages

ZIP_EPOCH = datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)  # the first date a zip holds


def epoch() -> datetime.datetime:
    """The date every download carries: SOURCE_DATE_EPOCH, as reproducible builds set
    it, but never before 1980 (SOURCE_DATE_EPOCH=0 is common, and zips cannot say it)."""
    seconds = os.environ.get("SOURCE_DATE_EPOCH", "")
    if seconds.isdigit():
        return max(datetime.datetime.fromtimestamp(int(seconds), tz=datetime.UTC), ZIP_EPOCH)
    return ZIP_EPOCH


def zip_bytes(files: Iterable[tuple[str, bytes]], keep_order: bool = False) -> bytes:
    """A zip with fixed timestamps and permissions, entries sorted (or in the order
    given, where a format wants one first), so equal files give equal archives."""
    stamp = epoch().timetuple()[:6]
    entries = list(files) if keep_order else sorted(files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            # A Word document is a zip already: deflating it again costs time, saves little.
            stored = name.endswith((".docx", ".zip"))
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data, compresslevel=None if stored else 6)
    return buffer.getvalue()


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


def gallery_archive(site: Site, files: Mapping[str, bytes]) -> bytes:
    return zip_bytes([entry for pack in site.packs for entry in _entries(site, pack, files)])


def archive_paths(site: Site) -> list[str]:
    return [*(urls.pack_zip(p.slug) for p in site.packs), urls.GALLERY_ZIP]


def archive_makers(
    site: Site, files: Mapping[str, bytes]
) -> list[tuple[str, int, Callable[[], bytes]]]:
    """Each archive (path, rough cost, how to make it) from the downloads in ``files``."""
    makers: list[tuple[str, int, Callable[[], bytes]]] = [
        (urls.pack_zip(p.slug), len(p.scenarios), partial(pack_archive, site, p, files))
        for p in site.packs
    ]
    size = sum(len(p.scenarios) for p in site.packs)
    makers.append((urls.GALLERY_ZIP, size, partial(gallery_archive, site, files)))
    return makers
