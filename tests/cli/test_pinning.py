"""How a new gallery's CI installs the sincerely that made it: what init pins, for each
way sincerely can have been installed, and the wheel it keeps in the gallery when no
runner could reach this sincerely otherwise."""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from sincerely import __version__
from sincerely.cli import pinning

# What pip writes in direct_url.json (PEP 610) for each way of installing.
FROM_GIT = {
    "url": "https://github.com/ada/sincerely",
    "vcs_info": {"vcs": "git", "commit_id": "0123456789abcdef0123456789abcdef01234567"},
}
FROM_A_WHEEL = {"url": "file:///home/ada/sincerely-0.3.0-py3-none-any.whl", "archive_info": {}}
FROM_A_CLONE = {"url": "file:///home/ada/sincerely", "dir_info": {"editable": True}}
FROM_GIT_ON_DISK = {"url": "file:///home/ada/sincerely", "vcs_info": FROM_GIT["vcs_info"]}


def _installed_from(monkeypatch: pytest.MonkeyPatch, origin: dict[str, Any]) -> pinning.Pin:
    monkeypatch.setattr(pinning, "origin", lambda: origin)
    return pinning.gallery_pin()


def test_a_release_from_a_package_index_is_pinned_by_its_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pin = _installed_from(monkeypatch, {})
    assert pin.line == f"sincerely=={__version__}"
    assert pin.wheel is None


def test_git_over_https_is_pinned_at_its_exact_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    pin = _installed_from(monkeypatch, FROM_GIT)
    assert pin.line == (
        "sincerely @ git+https://github.com/ada/sincerely@0123456789abcdef0123456789abcdef01234567"
    )
    assert pin.wheel is None


@pytest.mark.parametrize("origin", [FROM_A_WHEEL, FROM_A_CLONE, FROM_GIT_ON_DISK])
def test_what_a_runner_cannot_reach_is_kept_in_the_gallery_as_a_wheel(
    monkeypatch: pytest.MonkeyPatch, origin: dict[str, Any]
) -> None:
    pin = _installed_from(monkeypatch, origin)
    name = f"sincerely-{__version__}-py3-none-any.whl"
    assert pin.line == f"./vendor/{name}"
    assert pin.wheel is not None and pin.wheel[0] == f"vendor/{name}"


def _entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


@pytest.mark.slow
def test_the_kept_wheel_holds_what_the_release_wheel_holds(wheel: Path) -> None:
    name, data = pinning.running_wheel()
    assert name == wheel.name
    assert pinning.running_wheel() == (name, data)  # the same sincerely, the same bytes
    kept, built = _entries(data), _entries(wheel.read_bytes())
    assert set(kept) == set(built)
    info = f"sincerely-{__version__}.dist-info"
    differ = {entry for entry in kept if kept[entry] != built[entry]}
    assert differ == {f"{info}/WHEEL", f"{info}/RECORD"}  # who made it, and so its hash
    assert b"Tag: py3-none-any\n" in kept[f"{info}/WHEEL"]
    # Every file is recorded with its own hash and size, as pip checks on install.
    record = kept[f"{info}/RECORD"].decode().splitlines()
    assert len(record) == len(kept) and record[-1] == f"{info}/RECORD,,"
    for line in record[:-1]:
        entry, digest, size = line.rsplit(",", 2)
        raw = hashlib.sha256(kept[entry]).digest()
        assert digest == "sha256=" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
        assert int(size) == len(kept[entry])
