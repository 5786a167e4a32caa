"""What the files and folders of content/ may be called: slugs, and the names the site
keeps for its own pages."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..common.errors import Diagnostics, Location
from ..model.scenario import SLUG, SLUG_HELP

_SLUG = re.compile(SLUG)
# A pack's own starting point for `sincerely new`: checked like a scenario, TODOs apart.
NEW_TEMPLATE = "_new.yaml"
RESERVED_SLUGS = frozenset({"index", "search", "404", "tags", "static", "schema", "_sources"})


def suggest_slug(name: str) -> str:
    """A valid slug close to ``name``: accents dropped, other runs of symbols hyphenated."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "untitled"
    return f"{slug}-letter" if slug in RESERVED_SLUGS else slug  # never a reserved name


def is_name(name: str) -> bool:
    """Whether ``name`` is a slug the site can have (checked quickly, for every file)."""
    return bool(_SLUG.fullmatch(name)) and name not in RESERVED_SLUGS


def check_name(path: Path, name: str, what: str, out: Diagnostics) -> bool:
    """Whether ``name`` (of a pack's folder, a scenario's or a page's file) is a slug the
    site can have; if not, an error at ``path`` with a name that would do."""
    if not _SLUG.fullmatch(name):
        suggestion = suggest_slug(name) + (path.suffix if path.is_file() else "")
        out.error(
            f"{what} name '{name}' must be {SLUG_HELP}; rename it to '{suggestion}'",
            Location(path),
        )
        return False
    if name in RESERVED_SLUGS:
        out.error(
            f"{what} name '{name}' is reserved for the site's own pages; choose another",
            Location(path),
        )
        return False
    return True
