"""One variety of English throughout a gallery: British or American spelling.

A gallery whose ``language`` is en-GB gets a warning at every American spelling from a
short list of common ones (organize, color, center...), and an en-US gallery at every
British one, so that ``check -W`` keeps the gallery in one variety. Only words written
in lower case are judged: a capital marks a name ("UTSA Career Center"), which keeps
its own spelling. The lists are short on purpose: words whose two spellings are both
right in one variety (judgment, program, license) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# American -> British. The -ize verbs come in all their forms (see _forms).
_IZE = (
    "apologize",
    "authorize",
    "categorize",
    "criticize",
    "emphasize",
    "finalize",
    "maximize",
    "memorize",
    "minimize",
    "organize",
    "prioritize",
    "realize",
    "recognize",
    "specialize",
    "summarize",
    "utilize",
)
_WORDS = {
    "analyze": "analyse",
    "analyzed": "analysed",
    "behavior": "behaviour",
    "behaviors": "behaviours",
    "canceled": "cancelled",
    "canceling": "cancelling",
    "center": "centre",
    "centers": "centres",
    "color": "colour",
    "colors": "colours",
    "defense": "defence",
    "enroll": "enrol",
    "favor": "favour",
    "favorite": "favourite",
    "favorable": "favourable",
    "fulfill": "fulfil",
    "gotten": "got",
    "gray": "grey",
    "honor": "honour",
    "honored": "honoured",
    "humor": "humour",
    "labeled": "labelled",
    "labor": "labour",
    "modeled": "modelled",
    "neighbor": "neighbour",
    "percent": "per cent",
    "skillful": "skilful",
    "theater": "theatre",
    "traveled": "travelled",
    "traveling": "travelling",
}


def _forms(verb: str) -> Iterator[tuple[str, str]]:
    stem = verb[:-3]
    for us, gb in (("ize", "ise"), ("ized", "ised"), ("izes", "ises"), ("izing", "ising")):
        yield stem + us, stem + gb
    if verb.endswith("ize") and not verb.endswith(("prize", "size")):
        yield stem + "ization", stem + "isation"
        yield stem + "izations", stem + "isations"


AMERICAN_TO_BRITISH = {**_WORDS, **dict(form for verb in _IZE for form in _forms(verb))}
BRITISH_TO_AMERICAN = {gb: us for us, gb in AMERICAN_TO_BRITISH.items() if " " not in gb}
_VARIETIES = {
    "en-gb": ("British", "American", AMERICAN_TO_BRITISH),
    "en-us": ("American", "British", BRITISH_TO_AMERICAN),
}
_WORD = re.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")  # a whole word, in lower case


def other_spellings(text: str, language: str) -> Iterator[tuple[int, str, str]]:
    """Each word of ``text`` spelt in the other variety of ``language``: its offset, the
    word, and the message that says what to write instead."""
    variety = _VARIETIES.get(language.lower())
    if variety is None:
        return
    ours, theirs, wrong = variety
    for match in _WORD.finditer(text):
        word, start = match[0], match.start()
        if word in wrong:
            message = (
                f"'{word}' is {theirs} spelling, and this gallery is written in {ours} "
                f"English (language {language}): write '{wrong[word]}'"
            )
            yield start, word, message
