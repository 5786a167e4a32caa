"""Write tests/data/source-fingerprints.txt from the pack's source articles.

The articles the first pack's advice comes from are not ours to republish, so the
repository keeps only a fingerprint of each: a short hash of every run of eight words.
tests/test_content.py checks that no such run appears in content/, so the wording stays
our own. Run this again when the sources change:

    python tests/tools/fingerprint_sources.py ../shared/sources
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
    """Lowercase words, with punctuation and typographic quotes set aside."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())


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


def main(folder: str) -> None:
    sources = sorted(p for p in Path(folder).glob("*.txt"))
    prints = collect(sources)
    OUTPUT.write_text("".join(f"{p}\n" for p in sorted(prints)), encoding="utf-8")
    print(f"{len(prints)} fingerprints of {RUN}-word runs from {len(sources)} sources")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/sources")
