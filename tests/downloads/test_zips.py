"""Zips byte for byte: equal files give equal archives, dated as reproducible builds ask,
and a zip made piece by piece is the zip made in one go."""

from __future__ import annotations

import io
import zipfile

import pytest

from sincerely.downloads.zips import epoch, join_zips, whole, zip_bytes, zip_chunks

FILES = [("b/letter.txt", b"Dear [Name],\n" * 50), ("a/README.txt", b"A pack\n")]


def _infos(data: bytes) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return archive.infolist()


def test_equal_files_give_equal_bytes_whatever_their_order() -> None:
    assert zip_bytes(FILES) == zip_bytes(list(reversed(FILES)))
    assert [i.filename for i in _infos(zip_bytes(FILES))] == ["a/README.txt", "b/letter.txt"]


def test_a_format_that_wants_an_order_keeps_it() -> None:
    kept = zip_bytes(FILES, keep_order=True)
    assert [i.filename for i in _infos(kept)] == ["b/letter.txt", "a/README.txt"]


def test_every_entry_has_the_same_date_and_plain_permissions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    infos = _infos(zip_bytes(FILES))
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o644}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert {i.date_time for i in _infos(zip_bytes(FILES))} == {(2023, 11, 14, 22, 13, 20)}


@pytest.mark.parametrize("value", ["0", "315532799", "not a number", ""])
def test_a_date_a_zip_cannot_hold_is_1980(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert epoch().year == 1980 and (epoch().month, epoch().day) == (1, 1)


def test_what_is_compressed_already_is_stored_and_the_rest_deflated() -> None:
    files = [
        ("a/letter.docx", b"PK" * 500),
        ("a/all.zip", b"PK" * 500),
        ("a/letter.txt", b"x" * 999),
    ]
    kinds = {i.filename: i.compress_type for i in _infos(zip_bytes(files))}
    assert kinds == {
        "a/all.zip": zipfile.ZIP_STORED,
        "a/letter.docx": zipfile.ZIP_STORED,
        "a/letter.txt": zipfile.ZIP_DEFLATED,
    }


def test_a_zip_joined_piece_by_piece_is_the_zip_joined_whole() -> None:
    parts = [zip_bytes([f]) for f in sorted(FILES)]
    pieces = list(zip_chunks(parts))
    assert len(pieces) > 1  # written as it comes, not held twice in memory
    assert whole(iter(pieces)) == join_zips(parts) == zip_bytes(FILES)
    assert whole(b"bytes") == b"bytes"
