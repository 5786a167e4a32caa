"""Files a build keeps for itself, signed, so that only this machine's own are believed.

What a build keeps in the project's work folder (what loading found, letters' cards) is
read back by the next build: a pickle can run code when read, and a card is HTML put on
pages. A pull request could commit such a file, by mistake or on purpose. So each one
ends with an HMAC made with a key kept outside the project, in the user's cache folder,
over the file's body and what it was made with (``context``: the settings, the code);
a file whose HMAC does not match is ignored, never read. The files are written
and read as common/workfiles.py does: never through a link, never from a FIFO.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import PACKAGE_DIR, __version__
from .workfiles import read_regular, write_whole

_MAC = 32  # bytes of a SHA-256 HMAC, after the body


def _key() -> bytes | None:
    """This user's key, made on first use; None where it cannot be kept (then nothing
    is kept either)."""
    # A relative XDG_CACHE_HOME is to be ignored (the XDG spec): it would put the key
    # in the current folder, which may be the project, where it could be committed.
    home = Path(os.environ.get("XDG_CACHE_HOME") or "")
    if not home.is_absolute():
        home = Path.home() / ".cache"
    path = home / "sincerely" / "preload.key"
    try:
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as file:
                file.write(secrets.token_bytes(32))
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == 32 else None


def write(path: Path, body: bytes | Iterable[bytes], context: bytes) -> None:
    """Write ``body`` (in one piece, or piece by piece, never held whole) signed, whole
    or not at all; nothing where no key can be kept."""
    key = _key()
    if key is None:
        return
    mac = hmac.new(key, context, hashlib.sha256)

    def pieces() -> Iterator[bytes]:
        for piece in [body] if isinstance(body, bytes) else body:
            mac.update(piece)
            yield piece
        yield mac.digest()

    write_whole(path, pieces())


def read(path: Path, context: bytes) -> bytes | None:
    """The body of a file this machine signed with this ``context``; else None."""
    key = _key()
    data = read_regular(path)
    if key is None or data is None or len(data) < _MAC:
        return None
    body = data[:-_MAC]
    expected = hmac.new(key, context + body, hashlib.sha256).digest()
    return body if hmac.compare_digest(data[-_MAC:], expected) else None


def code_fingerprint(package: Path = PACKAGE_DIR) -> str:
    """sincerely's version and the stamps of its own modules, in every sub-package (serve/
    too): a new release, or an edit in a working copy, invalidates what earlier code made."""
    stamps = [__version__]
    # The search page's stemmers (stemmers/) are published as they are: code as well.
    for module in sorted([*package.rglob("*.py"), *package.glob("stemmers/*")]):
        info = module.stat()
        name = module.relative_to(package).as_posix()  # serve/session.py is not __init__.py
        stamps.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()
