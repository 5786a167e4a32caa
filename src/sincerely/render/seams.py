"""Each language's seam rules: how a reader's value joins the letter's own words.

A letter says "au poste de {role}" and the reader types "Infirmière de bloc": French
wants "d'Infirmière", and "de" + "le musée" is "du musée". Such rules belong to a
language, not to a letter or a gallery, so they are declared here, once per language,
as data; the letter page's script (static/letter.js) applies them where a value meets
the text before it, so that the page, the copy, the email, the .txt and the Word file
(all made from the page's one composition) agree.

A rule rewrites the end of the text before a value and the start of the value:
``(end, start, to)``: where ``end`` (a JavaScript regular expression, matched at the
end of the text before) and ``start`` (matched at the start of the value) both match,
the end becomes ``to`` (``$1`` is its first group) and what ``start`` matched is
dropped (a lookahead drops nothing).

``articles`` are the words that begin a sentence-like value ("The new pilot"), and
``joiners`` the small words that may stand in lower case inside a name ("Save the
Children"): with them the page asks about a capital in mid-sentence without flagging
names.
"""

from __future__ import annotations

from typing import TypedDict


class SeamRules(TypedDict):
    rules: list[tuple[str, str, str]]
    articles: list[str]
    joiners: list[str]


# Where a word starts: JavaScript's \\b knows only ASCII letters ("à" is not one).
_B = r"(?<![\p{L}\p{N}'\u2019])"
# English: "a" before a vowel sound is "an", and "an" before a consonant sound is "a".
# The vowel sound is read from spelling, with the usual exceptions: "a unique", "a
# utility", "a URL", "a European", "a one-off"; and "an hour", "an MBA" (an initialism
# read letter by letter), "an 8-week", "an 11-month" (numbers said with a vowel).
_EN_VOWEL_SOUND = (
    r"(?:(?![Uu](?:[bcdfgjklmpqrstvz][aeiouy]|ni[^n]|k)|U[A-Z]|[Ee][uw]|[Oo]n(?:e|ce)(?![\p{L}]))"
    r"[AEIOUaeiou]|[Hh](?:our|onest|onou?r|eir)|[FHLMNRSX](?=[A-Z0-9]*(?![\p{L}\p{N}]))"
    r"|8|1[18](?![0-9]))"
)
# French: a vowel, or an h that is mute (most are; these common ones are not).
_FR_ASPIRATED_H = (
    "ach|ai|all|alt|amac|ameau|anche|andicap|angar|ant|arc|ardi|aricot|asard|ât|aut"
    "|éro|ibou|iérarch|ockey|ollan|omard|ont|ors|ublot|uit|url"
)
_FR_VOWEL = rf"(?=[aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ]|[Hh](?!{_FR_ASPIRATED_H}))"
_FR_ELIDED = "$1\u2019"

_RULES: dict[str, SeamRules] = {
    "en": {
        "rules": [
            (rf"{_B}([Aa]) $", f"(?={_EN_VOWEL_SOUND})", "$1n "),
            (rf"{_B}([Aa])n $", rf"(?=[\p{{L}}\p{{N}}])(?!{_EN_VOWEL_SOUND})", "$1 "),
        ],
        "articles": [
            "The",
            "A",
            "An",
            "My",
            "Our",
            "Your",
            "Their",
            "His",
            "Her",
            "Its",
            "This",
            "That",
            "These",
            "Those",
            "Some",
        ],
        "joiners": ["of", "for", "the", "and", "de", "on", "at", "in", "&"],
    },
    "fr": {
        "rules": [
            # de + le, de + les, à + le, à + les contract, a title's article too ("un
            # article du Monde", "aux Champs Libres").
            (rf"{_B}([Dd])e $", "[Ll]e ", "$1u "),
            (rf"{_B}([Dd])e $", "[Ll]es ", "$1es "),
            (rf"{_B}[Àà] $", "[Ll]e ", "au "),
            (rf"{_B}[Àà] $", "[Ll]es ", "aux "),
            # de, que, je, me, te, se, ne (and jusque, lorsque, puisque), le and la
            # elide before a vowel or a mute h: "d'éducatrice", "qu'Hélène", with the
            # apostrophe French typography sets (U+2019), as the French letters write it.
            (rf"{_B}([DdJjMmTtSsNn]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)e $", _FR_VOWEL, _FR_ELIDED),
            (rf"{_B}([Ll])[ea] $", _FR_VOWEL, _FR_ELIDED),
        ],
        "articles": [
            "Le",
            "La",
            "Les",
            "Un",
            "Une",
            "Des",
            "Du",
            "Mon",
            "Ma",
            "Mes",
            "Notre",
            "Nos",
            "Votre",
            "Vos",
            "Son",
            "Sa",
            "Ses",
            "Ce",
            "Cette",
            "Ces",
        ],
        "joiners": [
            "de",
            "du",
            "des",
            "la",
            "le",
            "les",
            "d",
            "et",
            "à",
            "au",
            "aux",
            "en",
            "sur",
            "pour",
            "of",
            "the",
            "and",
        ],
    },
    "es": {
        "rules": [
            # de + el and a + el contract; an article that is part of a name keeps its
            # capital and stays whole, as Spanish writes it ("de El Corte Inglés").
            (rf"{_B}([Dd])e $", "el ", "$1el "),
            (rf"{_B}([Aa]) $", "el ", "$1l "),
        ],
        "articles": [
            "El",
            "La",
            "Los",
            "Las",
            "Un",
            "Una",
            "Unos",
            "Unas",
            "Mi",
            "Su",
            "Nuestro",
            "Nuestra",
        ],
        "joiners": [
            "de",
            "del",
            "el",
            "la",
            "los",
            "las",
            "y",
            "e",
            "en",
            "a",
            "al",
            "para",
            "por",
            "con",
        ],
    },
}
# A language without rules of its own still flags sentence-like capitals, with no
# words of its own to tell them by.
_NONE: SeamRules = {"rules": [], "articles": [], "joiners": []}


def seam_rules(language: str) -> SeamRules:
    """The seam rules of a language tag ('fr-CA' has French's)."""
    return _RULES.get(language.split("-", maxsplit=1)[0].lower(), _NONE)
