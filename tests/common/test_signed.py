"""What a build keeps is signed with this machine's key: read back only if untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from sincerely import PACKAGE_DIR
from sincerely.common import signed


@pytest.fixture(autouse=True)
def own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_a_signed_file_reads_back_only_with_its_context(tmp_path: Path) -> None:
    path = tmp_path / "kept"
    signed.write(path, [b"piece one, ", b"piece two"], b"settings A")
    assert signed.read(path, b"settings A") == b"piece one, piece two"
    assert signed.read(path, b"settings B") is None  # made with other settings or code


def test_a_file_changed_or_committed_by_someone_else_is_never_believed(tmp_path: Path) -> None:
    path = tmp_path / "kept"
    signed.write(path, b"cards", b"context")
    data = path.read_bytes()
    path.write_bytes(b"CARDS" + data[5:])  # the body changed, the signature kept
    assert signed.read(path, b"context") is None
    path.write_bytes(b"short")  # shorter than a signature
    assert signed.read(path, b"context") is None


def test_the_key_lives_outside_the_project_and_is_private(tmp_path: Path) -> None:
    signed.write(tmp_path / "kept", b"x", b"c")
    key = tmp_path / "cache" / "sincerely" / "preload.key"
    assert key.stat().st_mode & 0o777 == 0o600 and len(key.read_bytes()) == 32


def test_a_relative_cache_home_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The XDG spec: a relative XDG_CACHE_HOME is invalid; it would put the key in the
    # current folder, perhaps the project, where it could be committed.
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    signed.write(tmp_path / "kept", b"x", b"c")
    assert not (tmp_path / "relative").exists()
    assert (tmp_path / "home" / ".cache" / "sincerely" / "preload.key").is_file()


def test_an_edit_in_any_module_of_the_package_is_new_code(tmp_path: Path) -> None:
    # The fingerprint looked only at the package's top-level modules: an edit in serve/
    # (or any sub-package) did not make kept builds stale.
    package = tmp_path / "sincerely"
    for module in ("build.py", "serve/__init__.py", "serve/watch.py", "stemmers/english.js"):
        (package / module).parent.mkdir(parents=True, exist_ok=True)
        (package / module).write_text("# code\n", encoding="utf-8")
    before = signed.code_fingerprint(package)
    assert signed.code_fingerprint(package) == before
    for module in ("serve/watch.py", "serve/__init__.py", "build.py", "stemmers/english.js"):
        (package / module).write_text("# changed code\n", encoding="utf-8")
        after = signed.code_fingerprint(package)
        assert after != before, module
        before = after
    # And the real package is fingerprinted with its sub-packages in.
    assert any(PACKAGE_DIR.glob("*/*.py"))
