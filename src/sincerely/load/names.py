"""What the files and folders of content/ may be called: slugs, and the names the site
keeps for its own pages. The rule and its messages are common/slugs.py's, which
``sincerely new`` gives too."""

from __future__ import annotations

from pathlib import Path

from ..common.errors import Diagnostics, Location
from ..common.slugs import is_slug, slug_of, slug_problem

# A pack's own starting point for `sincerely new`: checked like a scenario, TODOs apart.
NEW_TEMPLATE = "_new.yaml"
RESERVED_SLUGS = frozenset({"index", "search", "404", "tags", "static", "schema", "_sources"})
RESERVED_HELP = "is reserved for the site's own pages"


def suggest_slug(name: str, language: str = "") -> str:
    """A valid slug close to ``name``, spelt as ``language`` writes it without accents
    ('zusage-fuer-teilzeit' in German), never a name the site keeps."""
    slug = slug_of(name, language) or "untitled"
    return f"{slug}-letter" if slug in RESERVED_SLUGS else slug


def is_name(name: str) -> bool:
    """Whether ``name`` is a slug the site can have (checked quickly, for every file)."""
    return is_slug(name) and name not in RESERVED_SLUGS


def name_problem(name: str) -> str:
    """What is wrong with ``name`` as a name of content ('' if nothing): the one rule it
    breaks first, in words."""
    return slug_problem(name) or (RESERVED_HELP if name in RESERVED_SLUGS else "")


def check_name(path: Path, name: str, what: str, out: Diagnostics, language: str = "") -> bool:
    """Whether ``name`` (of a pack's folder, a scenario's or a page's file) is a slug the
    site can have; if not, an error at ``path`` with the rule it breaks and a name that
    would do, spelt in ``language`` (its pack's)."""
    problem = name_problem(name)
    if not problem:
        return True
    if name in RESERVED_SLUGS:
        out.error(f"{what} name '{name}' {problem}; choose another", Location(path))
        return False
    suggestion = suggest_slug(name, language) + (path.suffix if path.is_file() else "")
    out.error(f"{what} name '{name}' {problem}; rename it to '{suggestion}'", Location(path))
    return False
