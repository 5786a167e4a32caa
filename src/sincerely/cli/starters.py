"""The gallery ``sincerely init`` writes, in the owner's language.

The starter gallery (starter/gallery/) is English; starter/translated/LANG/ holds, for
each language the theme has a catalog for, the files that read differently in it: the
settings, the README, and the whole content/ folder (so that the example pack's folder
name is a word of that language too). The workflows and requirements.txt are the same
in every language: they are read by GitHub and pip, not by readers.

A language the theme has no catalog for is still the owner's to choose (any BCP 47 tag
that Babel knows): the pages then show the theme's English words until the owner adds a
catalog, and the starter is the English one; init says both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import PACKAGE_DIR
from ..common.errors import BuildError, Location
from ..common.i18n import knows_language
from ..model.config import LANGUAGE_TAG
from ..theming.theme import bundled_theme_dir

STARTER = PACKAGE_DIR / "starter"
GALLERY = STARTER / "gallery"
TRANSLATED = STARTER / "translated"
SOURCE_LANGUAGE = "en"  # the theme's own words, and the starter's


def catalog_languages() -> tuple[str, ...]:
    """The languages the theme speaks: its own English, and each catalog's."""
    catalogs = (bundled_theme_dir() / "locale").glob("*.po")
    return tuple(sorted({SOURCE_LANGUAGE, *(p.stem for p in catalogs)}))


def _primary(language: str) -> str:
    return language.split("-", maxsplit=1)[0].lower()


@dataclass(frozen=True)
class Language:
    """The language a new gallery is started in, and what init says about it."""

    tag: str
    # Where the starter's files in that language are (None: the English starter).
    folder: Path | None
    # What the owner is told: a language the theme shows in English, say.
    note: str = ""


def choose_language(tag: str, where: Path) -> Language:
    """The language ``init --language TAG`` starts a gallery in: an error for a tag that
    is no language; a note for one the theme has no catalog for."""
    known = ", ".join(catalog_languages())
    pattern = LANGUAGE_TAG.pattern or ""
    if not re.fullmatch(pattern, tag) or not knows_language(tag):
        raise BuildError.single(
            f"'{tag}' is not a language tag sincerely knows; give a BCP 47 tag like 'de' "
            f"or 'fr-CA' (the theme speaks {known})",
            Location(where),
        )
    primary = _primary(tag)
    folder = TRANSLATED / primary
    if primary == SOURCE_LANGUAGE:
        return Language(tag, None)
    if primary not in catalog_languages():
        return Language(
            tag,
            None,
            f"the theme has no catalog for '{tag}' (it speaks {known}), so the pages' own "
            f"words (buttons, headings) stay English until you add layouts/locale/"
            f"{primary}.po (see sincerely's docs/languages.md), and 'check -W' fails on "
            "that warning; the example letter is in English too: write your own in its "
            "place",
        )
    if not folder.is_dir():
        return Language(
            tag,
            None,
            f"the theme speaks '{tag}', but there is no starter in it yet: the example "
            "letter and README are in English; write your own in their place",
        )
    return Language(tag, folder)


def starter_files(language: Language) -> dict[Path, str]:
    """The starter gallery's files, by their path in the new gallery, as templates with
    @name@ placeholders; the settings table is apart (see :func:`settings_template`)."""
    files = {
        source.relative_to(GALLERY): source.read_text("utf-8")
        for source in sorted(GALLERY.rglob("*"))
        if source.is_file() and source.name != "requirements.txt"
    }
    if language.folder is None:
        return files
    files = {
        path: text
        for path, text in files.items()
        if path.parts[0] != "content" and path != Path("README.md")
    }
    for source in sorted(language.folder.rglob("*")):
        if source.is_file() and source.name != "settings.toml":
            files[source.relative_to(language.folder)] = source.read_text("utf-8")
    return files


def settings_template(language: Language) -> str:
    """The [tool.sincerely] table init writes, with @title@ and its language filled in."""
    folder = language.folder or STARTER
    text = (folder / "settings.toml").read_text("utf-8")
    return text.replace("@language@", language.tag).replace(
        "@catalogs@", ", ".join(catalog_languages())
    )
