"""The interface in the page's language: gettext catalogs, layered like the theme.

The theme's words (the layouts', and the scripts', which the layouts hand to them as
JSON) are written in English and translated by catalogs in the theme's ``locale/``
folder: one PO file per language (``fr.po``), made from ``messages.pot``, the list of
every string the theme uses (``make messages`` extracts it with Babel). A project adds
a language, or changes a few of the theme's words, with a PO file of the same name in
its own ``layouts/locale/``: its messages win, one by one, and the rest stay the theme's.

Contributors' messages (check's, the format reference) stay English: they are for the
people who write the files, not for the readers of the site.
"""

from __future__ import annotations

import functools
import gettext
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from .errors import Diagnostics, Location

LOCALE = "locale"
TEMPLATE = "messages.pot"
SOURCE_LANGUAGE = "en"  # the language the theme's strings are written in
# Numbers to find each plural category by: CLDR's "many" of French and Spanish is a
# million, and the rest of the categories of every language appear below 200.
_SAMPLES = (*range(200), 1_000_000)


@dataclass(frozen=True)
class Messages:
    """One language's translations, as data that travels to rendering workers: the
    catalog compiled to gettext's binary form ('' for the source language)."""

    language: str
    mo: bytes = b""

    def gettext(self, message: str) -> str:
        return _compiled(self.mo).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _compiled(self.mo).ngettext(singular, plural, n)

    def plural_forms(self, singular: str, plural: str) -> dict[str, str]:
        """The message's form for each plural category of the language (CLDR's one,
        few, many, other...), as the browser's Intl.PluralRules names them: what the
        scripts need to say "1 blank left" and "2 blanks left" in any language."""
        return {
            category: self.ngettext(singular, plural, n)
            for category, n in _category_samples(self.language).items()
        }


@functools.lru_cache(maxsize=32)
def _compiled(mo: bytes) -> gettext.NullTranslations:
    return gettext.GNUTranslations(io.BytesIO(mo)) if mo else gettext.NullTranslations()


@functools.lru_cache(maxsize=32)
def _category_samples(language: str) -> dict[str, int]:
    rule = _locale(language or SOURCE_LANGUAGE).plural_form
    samples: dict[str, int] = {}
    for n in _SAMPLES:
        samples.setdefault(rule(n), n)
    return dict(sorted(samples.items()))


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        return Locale.parse(language.split("-", maxsplit=1)[0])


def knows_language(language: str) -> bool:
    """Whether Babel has the language's data (plural rules, dates)."""
    try:
        _locale(language)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def direction(language: str) -> str:
    """'rtl' for a language written from right to left (Arabic, Hebrew...), else 'ltr'."""
    try:
        order = _locale(language).character_order
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def language_name(language: str) -> str:
    """A language's name in itself, as a switcher shows it: 'Français', 'Deutsch'
    ('English' for en-GB too: a reader chooses a language, not a spelling)."""
    try:
        name = _locale(language).get_language_name(_locale(language)) or language
    except (UnknownLocaleError, ValueError):
        return language
    return name[:1].upper() + name[1:]


def catalog_names(language: str) -> tuple[str, ...]:
    """The PO files that may translate a language tag, the most specific first:
    fr-CA.po, fr_CA.po, then fr.po."""
    primary = language.split("-", maxsplit=1)[0]
    names = [f"{language}.po", f"{language.replace('-', '_')}.po", f"{primary}.po"]
    return tuple(dict.fromkeys(names))


def load_messages(
    folders: tuple[Path, ...], languages: Mapping[str, Location], out: Diagnostics
) -> dict[str, Messages]:
    """Each language's messages, from the theme's folders (the first wins, message by
    message). A string the theme uses that a catalog lacks is a warning naming it; a
    language with no catalog is one warning, where the language is asked for."""
    wanted: set[str] | None = None  # read only if some catalog is to be checked against it
    found: dict[str, Messages] = {}
    for language, where in sorted(languages.items()):
        files = [
            folder / LOCALE / name
            for name in catalog_names(language)
            for folder in reversed(folders)
            if (folder / LOCALE / name).is_file()
        ]
        if language.split("-")[0] == SOURCE_LANGUAGE and not files:
            found[language] = Messages(language)
            continue
        if not files:
            out.warning(
                f"no catalog translates the interface into '{language}', so its pages show "
                f"the theme's English; add layouts/locale/{catalog_names(language)[-1]} "
                "(see docs/languages.md)",
                where,
            )
            found[language] = Messages(language)
            continue
        merged = Catalog(locale=_locale(language))
        for path in files:
            for message in _read(path, language, out):
                if message.id in merged:  # Babel would merge the two: the later one wins
                    del merged[message.id]
                merged[message.id] = message
        if wanted is None:
            wanted = _template_ids(folders, out)
        for missing in sorted(wanted - _translated_ids(merged)):
            out.warning(
                f"no translation of {missing!r} into '{language}', so pages in that "
                "language show it in English; add its msgstr",
                Location(files[-1]),
            )
        buffer = io.BytesIO()
        write_mo(buffer, merged, use_fuzzy=False)
        found[language] = Messages(language, buffer.getvalue())
    return found


def _read(path: Path, language: str, out: Diagnostics) -> list[Message]:
    try:
        with path.open("rb") as stream:
            catalog = read_po(stream, locale=_locale(language), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as problem:
        line = getattr(problem, "lineno", -1) + 1  # Babel counts lines from 0
        out.error(
            f"this catalog cannot be read: {problem}; fix it as a PO file", Location(path, line)
        )
        return []
    return [m for m in catalog if m.id and m.string and not m.fuzzy]


def _translated_ids(catalog: Catalog) -> set[str]:
    ids = set()
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and all(strings):
            ids.add(message.id if isinstance(message.id, str) else message.id[0])
    return ids


def _template_ids(folders: tuple[Path, ...], out: Diagnostics) -> set[str]:
    """Every string the theme's layouts use, as its messages.pot lists them."""
    ids: set[str] = set()
    for folder in folders:
        path = folder / LOCALE / TEMPLATE
        if path.is_file():
            with path.open("rb") as stream:
                try:
                    template = read_po(stream)
                except PoFileError as problem:
                    out.error(f"the template cannot be read: {problem}", Location(path))
                    continue
            ids |= {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    return ids
