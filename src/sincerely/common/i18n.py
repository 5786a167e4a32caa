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

import datetime
import functools
import gettext
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from .errors import Diagnostics, Location
from .intake import refusal

LOCALE = "locale"
TEMPLATE = "messages.pot"
SOURCE_LANGUAGE = "en"  # the language the theme's strings are written in
# Numbers to find each plural category by: CLDR's "many" of French and Spanish is a
# million, and the rest of the categories of every language appear below 200.
_SAMPLES = (*range(200), 1_000_000)


@dataclass(frozen=True)
class Messages:
    """One language's translations, as plain data that travels to rendering workers: each
    message's translation, and each plural message's form for every plural category of
    the language (CLDR's one, few, many, other..., as the installed Babel defines them
    and the browser's Intl.PluralRules names them). A count is turned into a category by
    the same rule on both sides, so a page never shows one form and its script another."""

    language: str
    singular: Mapping[str, str] = field(default_factory=dict)
    plural: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def gettext(self, message: str) -> str:
        return self.singular.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.plural.get(singular)
        category = plural_category(self.language, n)
        if forms is not None and category in forms:
            return forms[category]
        return singular if n == 1 else plural  # untranslated: English's own rule

    def plural_forms(self, singular: str, plural: str) -> dict[str, str]:
        """The message's form for each plural category of the language: what the
        scripts need to say "1 blank left" and "2 blanks left" in any language."""
        forms = self.plural.get(singular, {})
        return {
            category: forms.get(category) or (singular if category == "one" else plural)
            for category in _category_samples(self.language)
        }


def N_(message: str) -> str:  # noqa: N802 - the name Babel's extraction knows a marker by
    """A message marked for translation where it is written down (a table of the code),
    to be translated where it is shown, in the reader's language: ``_(format.label)``."""
    return message


def plural_category(language: str, n: int) -> str:
    """The CLDR plural category of a count in a language ('one', 'many', 'other'...)."""
    return _rule(language or SOURCE_LANGUAGE)(n)


@functools.lru_cache(maxsize=32)
def _rule(language: str) -> Callable[[int], str]:
    rule: Callable[[int], str] = _locale(language).plural_form
    return rule


@functools.lru_cache(maxsize=32)
def _category_samples(language: str) -> dict[str, int]:
    """Each plural category of the language, with the smallest count in it."""
    samples: dict[str, int] = {}
    for n in _SAMPLES:
        samples.setdefault(plural_category(language, n), n)
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


@functools.lru_cache(maxsize=64)  # every page asks, and Babel parses the tag each time
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


def long_date(day: str, language: str) -> str:
    """A day written YYYY-MM-DD, as the language writes it in full: '7 December 2026'
    in en-GB, 'December 7, 2026' in en, '7 décembre 2026' in fr (CLDR's, through Babel)."""
    try:
        locale = _locale(language or SOURCE_LANGUAGE)
    except (UnknownLocaleError, ValueError):
        locale = _locale(SOURCE_LANGUAGE)
    return format_date(datetime.date.fromisoformat(day), format="long", locale=locale)


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
    message, and a regional catalog such as fr-CA.po wins over fr.po). A string the theme
    uses that a catalog lacks is a warning naming it; a language with no catalog is one
    warning, where the language is asked for."""
    wanted: set[str] | None = None  # read only if some catalog is to be checked against it
    found: dict[str, Messages] = {}
    for language, where in sorted(languages.items()):
        files = [  # the least specific first: each later file wins, message by message
            folder / LOCALE / name
            for name in reversed(catalog_names(language))
            for folder in reversed(folders)
            if refusal(folder / LOCALE / name) is None and (folder / LOCALE / name).is_file()
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
        singular: dict[str, str] = {}
        plural: dict[str, dict[str, str]] = {}
        for path in files:
            catalog = _read(path, language, out)
            if catalog is not None:
                own_singular, own_plural = _messages_of(catalog, path, language, out)
                singular.update(own_singular)
                plural.update(own_plural)
        if wanted is None:
            wanted = _template_ids(folders, out)
        categories = set(_category_samples(language))
        translated = {*singular, *(m for m, forms in plural.items() if set(forms) == categories)}
        for missing in sorted(wanted - translated):
            out.warning(
                f"no translation of {missing!r} into '{language}', so pages in that "
                "language show it in English; add its msgstr",
                Location(files[-1]),
            )
        found[language] = Messages(language, singular, plural)
    return found


def _read(path: Path, language: str, out: Diagnostics) -> Catalog | None:
    try:
        with path.open("rb") as stream:
            return read_po(stream, locale=_locale(language), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as problem:
        line = getattr(problem, "lineno", -1) + 1  # Babel counts lines from 0
        out.error(
            f"this catalog cannot be read: {problem}; fix it as a PO file", Location(path, line)
        )
        return None


def _messages_of(
    catalog: Catalog, path: Path, language: str, out: Diagnostics
) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """A catalog's translated messages, each plural one as a form per CLDR category:
    msgstr[i] goes to the categories whose counts the catalog's own Plural-Forms formula
    sends to i. So a catalog written for two forms (French's "n > 1") stays right when
    the installed Babel knows a third category (French's "many", for a million)."""
    index_of = _form_index(catalog)
    categories: dict[str, int] = {}
    split: tuple[int, int, str] | None = None  # the first count whose category it splits
    for n in _SAMPLES:
        category, index = plural_category(language, n), index_of(n)
        if categories.setdefault(category, index) != index and split is None:
            split = (n, index, category)
    if split is not None:
        n, index, category = split
        first, sample = categories[category], _category_samples(language)[category]
        out.warning(
            f"this catalog's Plural-Forms gives {sample} msgstr[{first}] but {n} "
            f"msgstr[{index}], which CLDR counts alike ('{category}'), so pages use "
            f"msgstr[{first}] for both; make the formula follow the language's rules "
            "(pybabel init writes them)",
            Location(path),
        )
    singular: dict[str, str] = {}
    plural: dict[str, dict[str, str]] = {}
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        if isinstance(message.id, str):
            if isinstance(message.string, str):
                singular[message.id] = message.string
            continue
        strings = tuple(message.string)
        forms = {
            category: strings[index]
            for category, index in categories.items()
            if 0 <= index < len(strings) and strings[index]
        }
        if forms:
            plural[message.id[0]] = forms
    return singular, plural


_PROBE = ("n", "ns")  # a name, not a call with literals, so that extraction passes it by


def _form_index(catalog: Catalog) -> Callable[[int], int]:
    """Which msgstr[i] the catalog's own Plural-Forms formula gives a count (-1 for none),
    worked out by gettext itself from a catalog of one message whose forms are their own
    numbers."""
    probe = Catalog(locale=catalog.locale)
    probe.mime_headers = [("Plural-Forms", catalog.plural_forms)]
    probe.add(_PROBE, string=tuple(str(i) for i in range(catalog.num_plurals)))
    buffer = io.BytesIO()
    write_mo(buffer, probe)
    compiled = gettext.GNUTranslations(io.BytesIO(buffer.getvalue()))

    def index_of(n: int) -> int:
        form = compiled.ngettext(*_PROBE, n)
        return int(form) if form.isdigit() else -1

    return index_of


def _template_ids(folders: tuple[Path, ...], out: Diagnostics) -> set[str]:
    """Every string the theme's layouts use, as its messages.pot lists them."""
    ids: set[str] = set()
    for folder in folders:
        path = folder / LOCALE / TEMPLATE
        if refusal(path) is None and path.is_file():
            with path.open("rb") as stream:
                try:
                    template = read_po(stream)
                except PoFileError as problem:
                    out.error(f"the template cannot be read: {problem}", Location(path))
                    continue
            ids |= {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    return ids
