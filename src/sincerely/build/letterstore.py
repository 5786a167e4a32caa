"""What is made of each letter for the pages that show them all, kept between builds:
its cards and its search terms are made once for each version of a letter.

The home page, each pack's page and the tag and channel pages show a card for each of
their letters, so after any edit they are made again, with thousands of cards. A card
is made from its letter alone (the theme's ``card`` macro is given the letter, the way
to the root and a heading level, and nothing of the page), so a card made for a letter
whose digest (build/digests.py) is unchanged, in the same language, with the same theme and
settings, is the same card. So are a letter's search terms (render/searchindex.py), which
depend on its text and language alone. Each process notes what it makes and writes it
out when its share of the jobs is done; the build then keeps, in one signed file
(common/signed.py), what belongs to the letters the site now has.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..common import signed
from ..common.workfiles import real_folder

if TYPE_CHECKING:
    from ..model.scenario import Scenario
    from ..render.searchindex import Terms
    from .digests import Digests

_KEPT = "kept-"  # what earlier builds made, in one file or more
_NEW = "made-"  # what one process of this build made
_TIDY = "kept.json"  # what was kept, tidied
_SPREAD = 8


class LetterStore:
    """The cards and terms kept for the letters of this build (and the ones made in it):
    in ``folder``, signed with ``context`` (a build from the command line), or in memory
    (serve, between saves; check, for one build)."""

    def __init__(self, folder: Path | None = None, context: bytes = b"") -> None:
        self.folder = folder
        self.context = context
        self.digests: Digests = {}
        self._kept: dict[str, str | Terms] | None = None if folder is not None else {}
        self.made: dict[str, str | Terms] = {}
        # A killed build's made files too; read when first asked for (see kept).
        self.files: list[Path] = sorted(folder.glob("*.json")) if folder is not None else []
        self.untidy = False

    @property
    def kept(self) -> dict[str, str | Terms]:
        """A card's HTML, or a letter's terms (as read from a file: their JSON text), by
        key; read from the files at the first look (tens of megabytes at 10,000 letters,
        which a build with nothing to do never needs)."""
        if self._kept is None:
            self._kept = {}
            for path in self.files:
                body = signed.read(path, self.context)
                if body is not None:
                    self._kept.update(json.loads(body))
            self._kept.pop("", None)  # the last entry of every file (see _json)
        return self._kept

    def begin(self, digests: Digests) -> None:
        """A build of letters with these digests starts: what belongs to no letter of
        the site any more is let go."""
        self.digests = digests
        if self.folder is None:  # in memory, what the last build made is kept now
            self.kept.update(self.made)
            self.made = {}
        current = set(digests.values())
        gone = [key for key in self.kept if key.partition("\t")[0] not in current]
        for key in gone:
            del self.kept[key]
        # What is kept is tidied into one file (tens of megabytes at 10,000 letters,
        # written again) only once it is spread over many, or a tenth of it is of no
        # letter the site has any more: not after every edit.
        self.untidy = len(self.files) > _SPREAD or len(gone) * 10 > len(self.kept)

    def forget(self) -> None:
        """Let everything go (the theme changed: every card was made with the old one)."""
        self.kept.clear()
        self.made.clear()

    def _key(self, scenario: Scenario, root: str, level: int, language: str) -> str:
        return f"{self.digests[scenario.identity]}\t{root}\t{level}\t{language}"

    def get(self, scenario: Scenario, root: str, level: int, language: str) -> str | None:
        card = self.kept.get(self._key(scenario, root, level, language))
        return card if isinstance(card, str) else None

    def put(self, scenario: Scenario, root: str, level: int, language: str, html: str) -> None:
        self.made[self._key(scenario, root, level, language)] = html

    def terms(self, scenario: Scenario, language: str) -> Terms | None:
        found = self.kept.get(self._key(scenario, "terms", 0, language))
        if found is None or isinstance(found, dict):
            return found
        kept: Terms = json.loads(found)  # as read from a file
        return kept

    def put_terms(self, scenario: Scenario, language: str, terms: Terms) -> None:
        # In memory (serve), kept as they are, not parsed again at every save; for a file,
        # as JSON text at once, which holds a thousand letters' terms in a fifth the room.
        kept = terms if self.folder is None else json.dumps(terms, ensure_ascii=False)
        self.made[self._key(scenario, "terms", 0, language)] = kept

    def write_made(self) -> None:
        """Write out what this process made (each process its own file), and let it go;
        in memory, keep it."""
        if self.folder is None:
            self.kept.update(self.made)
            self.made = {}
        elif self.made:
            target = self.folder / f"{_NEW}{os.getpid()}.json"
            # Keeping saves time, nothing more: a disk too full for it fails no build.
            with contextlib.suppress(OSError):
                real_folder(self.folder.parent, self.folder)
                signed.write(target, _json(self.made.items()), self.context)
            self.made = {}

    def keep(self) -> None:
        """Keep, for the next build, what was kept and what every process made: each
        process's file as it is (a cold build's are tens of megabytes at 10,000 letters,
        and are not read again here), and what was kept tidied into one file if it must
        be (it is in memory already)."""
        self.write_made()
        if self.folder is None:
            return
        with contextlib.suppress(OSError):  # as in write_made: nothing kept, no harm done
            if self.untidy:
                tidy = self.folder / _TIDY
                signed.write(tidy, _json(self.kept.items()), self.context)
                for path in self.files:
                    if path != tidy:
                        path.unlink(missing_ok=True)
            for made in self.folder.glob(f"{_NEW}*.json"):
                made.replace(made.with_name(_KEPT + made.name.removeprefix(_NEW)))


def _json(entries: Iterable[tuple[str, str | Terms]]) -> Iterator[bytes]:
    """A JSON object of ``entries``, in pieces of about 64 KB; terms are written as
    their JSON text, so that reading the file back parses them only when asked for."""
    pieces = ["{"]
    size = 0
    for key, value in entries:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        piece = f"{json.dumps(key, ensure_ascii=False)}:{json.dumps(text, ensure_ascii=False)},"
        pieces.append(piece)
        size += len(piece)
        if size > 65536:
            yield "".join(pieces).encode("utf-8")
            pieces, size = [], 0
    pieces.append('"":""}')  # a last entry, so that every real one may end with a comma
    yield "".join(pieces).encode("utf-8")
