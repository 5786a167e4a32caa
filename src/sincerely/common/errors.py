"""Diagnostics: every problem sincerely reports carries a location and a severity.

There is one exception type, :class:`BuildError`, carrying every diagnostic that was
found in a pass; the command line catches it in one place and prints each one as
``path:line:col: error: message``, the format editors and CI annotators understand.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .pickling import pickled_as_tuple


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@pickled_as_tuple
@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a file; line and column count from 1, and 0 means "unknown"."""

    path: Path
    line: int = 0
    column: int = 0

    @classmethod
    def at_offset(cls, path: Path, text: str, offset: int) -> Location:
        """The line and column of character ``offset`` of ``text``, a file's contents."""
        line_start = text.rfind("\n", 0, offset) + 1
        return cls(path, text.count("\n", 0, offset) + 1, offset - line_start + 1)

    def display(self, relative_to: Path | None = None) -> str:
        shown = relative(self.path, relative_to if relative_to is not None else Path.cwd())
        if self.line:
            return f"{shown}:{self.line}:{self.column or 1}"
        return shown


def relative(path: Path, base: Path) -> str:
    """``path`` as written from ``base`` ('content/x.yaml') where it is below it; else
    whole. The one rule for how a path is shown and recorded."""
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


def one_line(text: str) -> str:
    """``text`` with its line breaks and other control characters written as escapes
    (a file's name may hold one), so that every problem stays on a line of its own."""
    breaks = ("Cc", "Zl", "Zp")  # control characters, and line and paragraph separators
    return "".join(
        c.encode("unicode_escape").decode() if unicodedata.category(c) in breaks else c
        for c in text
    )


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Diagnostic:
    severity: Severity
    message: str
    location: Location

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self, relative_to: Path | None = None) -> str:
        where = self.location.display(relative_to)
        return one_line(f"{where}: {self.severity.value}: {self.message}")

    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (os.fspath(loc.path), loc.line, loc.column, self.message)


BUG_HINT = "This is a bug in sincerely; please report it"


def cannot_write(exc: OSError, where: Path) -> Diagnostic:
    """A build that could not write its new site (a full disk, a read-only folder), in
    any of its processes: the site it would have replaced is as it was."""
    reason = exc.strerror or str(exc)
    at = Path(exc.filename) if exc.filename else where
    return Diagnostic(
        Severity.ERROR,
        f"cannot write the site: {reason}; the previous site is unchanged",
        Location(at),
    )


def bug_message(exc: BaseException) -> str:
    """What a bug in sincerely is called where it is met (the command line, serve's page)."""
    return f"internal error: {type(exc).__name__}: {exc}"


class SiteReplacedInterrupt(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM) after the new site was swapped in: the site is the new one,
    whole, though the build did not finish; the command line says so."""

    def __str__(self) -> str:
        return (
            "interrupted after the new site was put in place: the site is new and whole, "
            "but what the build keeps for the next one was not written, so the next build "
            "makes everything again"
        )


class BuildError(Exception):
    """Raised when a pass found errors; carries every diagnostic of the pass."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(diagnostics, key=Diagnostic.sort_key))
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    @classmethod
    def single(cls, message: str, location: Location) -> BuildError:
        return cls([Diagnostic(Severity.ERROR, message, location)])


class Diagnostics:
    """Collects diagnostics during a pass, so that one run reports every problem."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []
        # Counted as they come: a check asks after every key whether it found errors.
        self._errors = 0

    def error(self, message: str, location: Location) -> None:
        self._items.append(Diagnostic(Severity.ERROR, message, location))
        self._errors += 1

    def warning(self, message: str, location: Location) -> None:
        self._items.append(Diagnostic(Severity.WARNING, message, location))

    def extend(self, items: Iterable[Diagnostic]) -> None:
        added = list(items)
        self._items.extend(added)
        self._errors += sum(1 for d in added if d.is_error)

    @property
    def items(self) -> tuple[Diagnostic, ...]:
        return tuple(sorted(self._items, key=Diagnostic.sort_key))

    @property
    def error_count(self) -> int:
        return self._errors

    @property
    def has_errors(self) -> bool:
        return self.error_count > 0

    def raise_if_errors(self) -> None:
        if self.has_errors:
            raise BuildError(self._items)


def _folded(word: str) -> str:
    """A word as a reader means it: no case, no hyphens, underscores or spaces."""
    return "".join(c for c in word.casefold() if c not in "-_ ")


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like ``word``, if any is close enough to be a likely typo; a
    choice written another way ('E-Mail' for 'email') is the likeliest."""
    by_folded = {_folded(c): c for c in sorted(choices, reverse=True)}
    if _folded(word) in by_folded:
        return by_folded[_folded(word)]
    close = difflib.get_close_matches(_folded(word), list(by_folded), n=1, cutoff=0.6)
    return by_folded[close[0]] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A " (did you mean 'x'?)" suffix when a choice is close to ``word``, else ''."""
    match = closest(word, choices)
    return f" (did you mean '{match}'?)" if match else ""
