"""Slugs: the names in a site's addresses, and how a word in any language becomes one.

A slug is lowercase ASCII letters and digits in words joined by hyphens
('zusage-fuer-teilzeit'). Words in another script or with accents are written in ASCII
as their language writes them without accents: German 'ü' is 'ue' ('Rückmeldung' is
'rueckmeldung'), French and Spanish drop the accent ('résumé' is 'resume'). Tags and the
suggestions in name errors are made by the one function here, so an owner is told the
name the site itself would make.
"""

from __future__ import annotations

import re
import unicodedata

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SLUG_HELP = "lowercase words joined by hyphens, like 'close-second'"

# Letters that language writes otherwise without its accents (German's umlauts and
# sharp s, in the manner of its own typewriters and addresses).
_LANGUAGE_LETTERS = {
    "de": {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"},
}
# Letters that Unicode does not decompose into a letter and an accent, in every language.
_LETTERS = {"ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ø": "o", "Ø": "O"}
_LETTERS |= {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "ð": "d"}


def transliterate(text: str, language: str) -> str:
    """``text`` in ASCII as ``language`` (a BCP 47 tag) writes it without accents:
    'Rückmeldung' is 'Rueckmeldung' in German, 'Ruckmeldung' elsewhere; characters with
    no such spelling (another script) are dropped."""
    letters = _LETTERS | _LANGUAGE_LETTERS.get(language.split("-", maxsplit=1)[0].lower(), {})
    spelt = "".join(letters.get(c, c) for c in text)
    return unicodedata.normalize("NFKD", spelt).encode("ascii", "ignore").decode()


def slug_of(text: str, language: str) -> str:
    """The slug ``text`` makes in ``language``: transliterated, lowercased, each run of
    other characters a hyphen ('' when nothing of it is left)."""
    return re.sub(r"[^a-z0-9]+", "-", transliterate(text, language).lower()).strip("-")


def is_slug(text: str) -> bool:
    return re.fullmatch(SLUG, text) is not None


def slug_problem(name: str) -> str:
    """What keeps ``name`` from being a slug, as the rule it breaks ('' for a slug): one
    rule a message, so that each says exactly what to change."""
    if is_slug(name):
        return ""
    if any(c.isspace() or c == "_" for c in name):
        return "may not have spaces or underscores; join its words with hyphens"
    if any(c.isupper() for c in name):
        return "may not have capital letters; write it in lower case"
    outside = sorted({c for c in name if not (c.isascii() and (c.isalnum() or c == "-"))})
    if outside:
        shown = " ".join(outside)
        return f"may have only the letters a to z, digits and hyphens, not {shown}"
    return "must start and end with a letter or digit, with one hyphen between words"


class Tag(str):
    """A letter's tag: its slug (the tag's address, and what it is equal to), with its
    label, the words as written ('Rückmeldung', shown on chips and headings). A tag
    written as a slug is its own label, so 'close-second' reads as it always did."""

    label: str

    def __new__(cls, slug: str, label: str = "") -> Tag:
        tag = super().__new__(cls, slug)
        tag.label = label or slug
        return tag

    @classmethod
    def of(cls, words: str, language: str) -> Tag:
        """The tag ``words`` make in ``language``: 'Rückmeldung' is 'rueckmeldung' in
        German."""
        return cls(slug_of(words, language), words)

    def __reduce__(self) -> tuple[type[Tag], tuple[str, str]]:
        # Pickled with its label (the build's record keeps letters pickled).
        return (Tag, (str(self), self.label))

    def __repr__(self) -> str:
        return f"Tag({str(self)!r}, {self.label!r})"


# What a tag may be written as: words of letters and digits in any script, joined by
# one space or hyphen ('Rückmeldung', 'Final round', 'close-second'), without ASCII
# punctuation. One pattern for Python and for the JSON Schema (ECMAScript) alike.
_TAG_WORD = r"[^\s!-,\-./:-@\[-`{-~]+"
TAG = rf"{_TAG_WORD}(?:[ -]{_TAG_WORD})*"
TAG_HELP = "words joined by spaces or hyphens, like 'Rückmeldung' or 'close-second'"
