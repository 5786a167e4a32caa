"""The other files of content/: published as they are, at their paths, as MkDocs does.

A file of content/ that is not a letter, a pack's _pack.yaml or a page (a CNAME, a PDF
beside a pack's letters, an image) is published at its path in content/
(``content/PACK/brochure.pdf`` is ``PACK/brochure.pdf``). A folder of content/ without a
_pack.yaml is a folder of such files, as long as it holds no YAML or Markdown (then it
is a pack that lacks its file, and the loader says so). What is not published: a name
kept aside ('_drafts/', starting with '_'), a hidden file or an editor's leftover
(common/intake.py's ``leftover``, the rule serve's watcher follows too), and content of
the other kinds (YAML, Markdown), which the loader reads, or warns about. A file is
taken in under the one rule of common/intake.py: never a link or a special file.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..common.errors import Diagnostics, Location
from ..common.intake import UNREADABLE, entry_refusal, leftover
from ..model.config import Config
from ..model.site import ContentFile

# What the loader reads (or warns about, or refuses), never published as it is.
CONTENT_SUFFIXES = (".yaml", ".yml", ".md")


def aside(name: str) -> bool:
    """Whether an entry of content/ is kept out of the site by its name."""
    return name.startswith("_") or leftover(name)


def holds_content(folder: Path) -> bool:
    """Whether a folder holds YAML or Markdown that is not kept aside: content, not files."""
    for _where, folders, names in os.walk(folder):
        folders[:] = [f for f in folders if not aside(f)]
        if any(n.endswith(CONTENT_SUFFIXES) and not aside(n) for n in names):
            return True
    return False


def _entries(folder: Path, out: Diagnostics) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as listing:
            return sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        out.error(UNREADABLE.format(reason=exc.strerror), Location(folder))
        return []


def published_files(config: Config, out: Diagnostics) -> tuple[ContentFile, ...]:
    """Every file of content/ published as it is, in the order of its path; a link or a
    special file where one would be is an error at it (those the loader looks at
    itself, content/'s own entries and a pack's, it has reported already)."""
    found: list[ContentFile] = []
    content = config.content_dir

    def walk(folder: Path, prefix: str, reported: bool) -> None:
        for entry in _entries(folder, out):
            if aside(entry.name) or entry.name.endswith(CONTENT_SUFFIXES):
                continue  # the loader's, or nothing's
            why = entry_refusal(entry)
            if why is not None:
                if not reported:
                    out.error(why, Location(Path(entry.path)))
                continue
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                pack = (path / "_pack.yaml").is_file()
                if prefix or pack or not holds_content(path):
                    walk(path, f"{prefix}{entry.name}/", reported=not prefix and pack)
            else:
                try:
                    digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
                except OSError as exc:
                    out.error(f"cannot read file: {exc.strerror}", Location(path))
                    continue
                found.append(ContentFile(prefix + entry.name, path, digest))

    if content.is_dir():
        walk(content, "", reported=True)
    return tuple(sorted(found, key=lambda f: f.path))
