"""Write tests/data/source-fingerprints.txt from the pack's source articles.

The articles the first pack's advice comes from are not ours to republish, so the
repository keeps only a fingerprint of each: a short hash of every run of eight words.
tests/test_content.py checks that no such run appears in content/, so the wording stays
our own. Run this again when the sources change:

    python tests/tools/fingerprint_sources.py ../shared/sources

Articles cited beyond the seed (read through the search tool, kept nowhere in full) are
added to the file, not written over: save the text you read as .txt files in a folder and
run it with --add FOLDER.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

RUN = 8
OUTPUT = Path(__file__).resolve().parents[1] / "data" / "source-fingerprints.txt"


def words(text: str) -> list[str]:
    """Lowercase words in any language, with punctuation and typographic quotes set aside
    ("l'entretien" is one word, as "they've" is, with either apostrophe)."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.findall(r"[^\W_]+(?:'[^\W_]+)?", text.lower())


def fingerprints(text: str) -> set[str]:
    tokens = words(text)
    return {
        hashlib.sha256(" ".join(tokens[i : i + RUN]).encode()).hexdigest()[:16]
        for i in range(len(tokens) - RUN + 1)
    }


def collect(paths: Iterable[Path]) -> set[str]:
    found: set[str] = set()
    for path in paths:
        found |= fingerprints(path.read_text(encoding="utf-8"))
    return found


def main(folder: str, add: bool = False) -> None:
    sources = sorted(p for p in Path(folder).glob("*.txt"))
    prints = collect(sources)
    if add:
        prints |= set(OUTPUT.read_text(encoding="utf-8").split())
    OUTPUT.write_text("".join(f"{p}\n" for p in sorted(prints)), encoding="utf-8")
    print(f"{len(prints)} fingerprints of {RUN}-word runs ({len(sources)} sources read)")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    adding = arguments[:1] == ["--add"]
    main((arguments[1:] if adding else arguments or ["../shared/sources"])[0], adding)
