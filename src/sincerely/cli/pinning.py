"""How a new gallery's CI installs the very sincerely that made it.

``init`` writes a pin into the gallery's requirements.txt, and both of the gallery's
workflows install from it on a clean runner, so the pin must name something that runner
can reach. PEP 610's direct_url.json says where this sincerely came from:

- from a package index (no direct_url): that release, ``sincerely==0.3.0``;
- from git over https: that repository at that very commit;
- from anything else (a wheel file, a clone, an editable checkout), which a runner cannot
  reach, and which may be a version no index has: the running sincerely, packed as a
  wheel into the gallery's ``vendor/`` folder, and the pin names that file. The wheel is
  made from the code that is running (the package, its theme and its metadata), with
  fixed timestamps, so the same sincerely always gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import PACKAGE_DIR, __version__
from ..downloads.zips import zip_bytes
from ..theming.theme import bundled_theme_dir

VENDOR = "vendor"
# The wheel's tags: pure Python, any Python 3 (requires-python, in METADATA, says which).
WHEEL_TAG = "py3-none-any"


@dataclass(frozen=True)
class Pin:
    """requirements.txt's line for sincerely, what to say of it, and the wheel to write
    into the gallery (its path there, and its bytes) when the line names one."""

    line: str
    about: str
    wheel: tuple[str, bytes] | None = None


def origin() -> dict[str, Any]:
    """Where this sincerely was installed from, as PEP 610's direct_url.json says: {}
    for a package index."""
    try:
        direct = importlib.metadata.distribution("sincerely").read_text("direct_url.json")
        found = json.loads(direct) if direct else {}
    except (importlib.metadata.PackageNotFoundError, ValueError):
        found = {}
    return found if isinstance(found, dict) else {}


def gallery_pin() -> Pin:
    """How a gallery's CI installs this sincerely (see the module's docstring)."""
    came_from = origin()
    vcs = came_from.get("vcs_info", {})
    url = str(came_from.get("url", ""))
    if vcs.get("vcs") == "git" and url.startswith("https://") and vcs.get("commit_id"):
        return Pin(
            f"sincerely @ git+{url}@{vcs['commit_id']}",
            "the repository this sincerely was installed from, at its exact commit",
        )
    if not came_from:
        return Pin(f"sincerely=={__version__}", "this release, from the package index")
    name, data = running_wheel()
    return Pin(
        f"./{VENDOR}/{name}",
        "a copy of this sincerely, kept in the gallery because it was installed from this "
        "machine, which CI cannot reach: commit it with the rest",
        (f"{VENDOR}/{name}", data),
    )


def running_wheel() -> tuple[str, bytes]:
    """The running sincerely as a wheel file: its name and its bytes."""
    distribution = importlib.metadata.distribution("sincerely")
    package = PACKAGE_DIR
    theme = bundled_theme_dir().resolve()
    files = [
        (f"sincerely/{path.relative_to(package).as_posix()}", path.read_bytes())
        for path in _files_in(package)
    ]
    if not theme.is_relative_to(package):  # an editable checkout: the theme is layouts/
        files += [
            (f"sincerely/theme/{path.relative_to(theme).as_posix()}", path.read_bytes())
            for path in _files_in(theme)
        ]
    info = f"sincerely-{__version__}.dist-info"
    # The installed metadata, at the version that is running (an editable checkout's
    # may predate a version raised since it was installed).
    metadata = re.sub(
        r"^Version: .*$",
        f"Version: {__version__}",
        distribution.read_text("METADATA") or "",
        count=1,
        flags=re.MULTILINE,
    )
    files.sort()
    files += [
        (f"{info}/METADATA", metadata.encode()),
        (f"{info}/WHEEL", _wheel_file().encode()),
        (f"{info}/entry_points.txt", (distribution.read_text("entry_points.txt") or "").encode()),
    ]
    licence = distribution.read_text("licenses/LICENSE")
    if licence is not None:
        files.append((f"{info}/licenses/LICENSE", licence.encode()))
    record = "".join(f"{name},{_digest(data)},{len(data)}\n" for name, data in files)
    files.append((f"{info}/RECORD", (record + f"{info}/RECORD,,\n").encode()))
    return f"sincerely-{__version__}-{WHEEL_TAG}.whl", zip_bytes(files, keep_order=True)


def _files_in(folder: Path) -> list[Path]:
    """Every file a wheel of the folder holds: not Python's caches."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def _wheel_file() -> str:
    return (
        "Wheel-Version: 1.0\n"
        f"Generator: sincerely {__version__} (init)\n"
        "Root-Is-Purelib: true\n"
        f"Tag: {WHEEL_TAG}\n"
    )


def _digest(data: bytes) -> str:
    """A RECORD's hash: sha256, urlsafe base64 without padding (PEP 376, PEP 427)."""
    raw = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
