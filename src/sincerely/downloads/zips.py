"""Zips, byte for byte: deterministic archives, and zips joined without unpacking them.

Everything here is deterministic: fixed timestamps (SOURCE_DATE_EPOCH, but never before
1980-01-01, the first date a zip can hold) and entries in a fixed order, so the same
files give the same bytes.
"""

from __future__ import annotations

import datetime
import io
import os
import struct
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..common import urls
from ..common.errors import BuildError, Location

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


# What making a file gives: its bytes, or, for a file too large to hold twice in memory
# (the gallery's zip), its bytes piece by piece, written as they come.
Content = bytes | Iterator[bytes]
PLAIN_ZIP_ENTRIES = 0xFFFF  # more, and a zip needs zip64 (APPNOTE 4.4.21)
_PLAIN_ZIP_BYTES = 0xFFFFFFFF


_END = struct.Struct("<4s4H2LH")  # end of central directory (APPNOTE 4.3.16)
_CENTRAL = struct.Struct("<4s6H3L5H2L")  # a central directory header (APPNOTE 4.3.12)
_OFFSET = 42  # where, in a central directory header, its entry's offset is


def zip_chunks(parts: Iterable[bytes]) -> Iterator[bytes]:
    """One zip of the entries of ``parts`` (plain zips without comments), in order, each
    copied as it is, piece by piece: each part's local records, then all the central
    directories, each entry's offset moved by what comes before its part. Raises
    BuildError past what a plain zip holds (65,535 entries, 4 GB)."""
    central: list[bytes] = []
    offset = count = 0
    for part in parts:
        _, _, _, _, entries, size, start, _ = _END.unpack_from(part, len(part) - _END.size)
        directory = part[start : start + size]
        at = 0
        for _ in range(entries):
            header = _CENTRAL.unpack_from(directory, at)
            length = _CENTRAL.size + header[10] + header[11] + header[12]
            entry = bytearray(directory[at : at + length])
            struct.pack_into("<L", entry, _OFFSET, header[16] + offset)
            central.append(bytes(entry))
            at += length
        yield part[:start]
        offset += start
        count += entries
    directory = b"".join(central)
    if count > PLAIN_ZIP_ENTRIES or offset + len(directory) > _PLAIN_ZIP_BYTES:
        raise BuildError.single(
            "the gallery's zip would pass what a zip holds (65,535 files, 4 GB); split "
            "the gallery into several projects",
            Location(Path(urls.GALLERY_ZIP)),
        )
    yield directory
    yield _END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0)


def whole(content: Content) -> bytes:
    """A file's bytes, all in one piece."""
    return content if isinstance(content, bytes) else b"".join(content)


def join_zips(parts: Iterable[bytes]) -> bytes:
    """One zip of the entries of ``parts``, in memory (see zip_chunks)."""
    return whole(zip_chunks(parts))
