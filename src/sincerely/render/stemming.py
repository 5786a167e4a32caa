"""The JavaScript stemmers a site publishes, for its pages to know words as the build
does (common/words.py, the one rule for both sides): Snowball's own, generated from the
same release as the snowballstemmer package, and shipped in stemmers/ beside this
module; the search page and the letter coach load them on first use.
"""

from __future__ import annotations

from pathlib import Path

from .. import PACKAGE_DIR
from ..common import urls
from ..common.words import algorithm
from ..theming.minify import compact

# The JavaScript stemmers (see stemmers/README.md), a classic script per algorithm and
# base.js, the class they extend.
FOLDER = PACKAGE_DIR / "stemmers"
LICENCE = "COPYING"


def published(languages: list[str]) -> dict[str, Path]:
    """What a site whose letters are in ``languages`` publishes of the JavaScript
    stemmers, by site path: base.js and the stemmer of each language that has one, and
    Snowball's licence; nothing where no language has a stemmer."""
    names = sorted({name for language in languages if (name := algorithm(language))})
    if not names:
        return {}
    files = {urls.stemmer(f"{name}.js"): FOLDER / f"{name}.js" for name in ["base", *names]}
    return files | {urls.stemmer(f"{LICENCE}.txt"): FOLDER / LICENCE}


def publish(site_path: str, source: Path) -> bytes:
    """A stemmer as the site serves it: minified, under a line that keeps Snowball's
    notice (its licence asks that copies carry it)."""
    if not site_path.endswith(".js"):
        return source.read_bytes()
    version = (FOLDER / "VERSION").read_text(encoding="utf-8").strip()
    notice = f"/* Snowball {version}, https://snowballstem.org/ (BSD licence: {LICENCE}.txt) */\n"
    return notice.encode() + compact(site_path, source.read_bytes())
