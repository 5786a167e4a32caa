"""The zips: the gallery's is its packs' zips joined, and the same bytes as zipping all
their files afresh."""

from __future__ import annotations

import io
import zipfile

import pytest

from sincerely.common.errors import BuildError
from sincerely.downloads.zips import join_zips, zip_bytes


def _pack(slug: str, count: int) -> list[tuple[str, bytes]]:
    files = [(f"{slug}/README.txt", f"The {slug} pack\n".encode())]
    for n in range(count):
        text = f"Dear [Name],\n\nThank you, é {n} {slug}.\n" * (n + 1)
        files += [(f"{slug}/letter-{n}.txt", text.encode()), (f"{slug}/letter-{n}.docx", b"PK" * n)]
    return files


def test_joined_pack_zips_are_the_zip_of_all_their_files_byte_for_byte() -> None:
    # "a-b/" sorts before "a/" ('-' < '/'): the parts come in the order of their names.
    packs = {slug: _pack(slug, 3) for slug in ("a", "a-b", "café", "z")}
    order = sorted(packs, key=lambda slug: slug + "/")
    joined = join_zips([zip_bytes(packs[slug]) for slug in order])
    everything = zip_bytes([entry for files in packs.values() for entry in files])
    assert joined == everything
    with zipfile.ZipFile(io.BytesIO(joined)) as archive:
        assert archive.testzip() is None
        assert archive.read("café/letter-2.txt").decode().startswith("Dear [Name]")


def test_joining_more_than_a_plain_zip_holds_is_a_clear_error() -> None:
    half = zip_bytes([(f"p/{n}.txt", b"") for n in range(33_000)])
    assert zipfile.ZipFile(io.BytesIO(join_zips([half]))).testzip() is None
    with pytest.raises(BuildError, match="65,535 files, 4 GB"):
        join_zips([half, half])
