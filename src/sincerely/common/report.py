"""Printing diagnostics for people, for GitHub Actions, and for other tools.

``text`` is sphinx-build's ``path:line:col: error: message``; ``github`` is a workflow
command per diagnostic (``::error file=…,line=…,col=…::message``), which GitHub shows on
the line of the pull request's diff; ``json`` is one document for other tools.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import Diagnostic, relative

FORMATS = ("text", "github", "json")
Progress = Callable[[int, int, str], None]  # (done, total, the path being made)


def plural(count: int, word: str) -> str:
    """'1 file', '2 files': counts in messages read as English."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def _escape_data(text: str) -> str:
    # The escapes GitHub's workflow commands define for a message.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(diagnostic: Diagnostic, root: Path) -> str:
    where = diagnostic.location
    properties = [f"file={_escape_property(relative(where.path, root))}"]
    if where.line:
        properties += [f"line={where.line}", f"col={where.column or 1}"]
    kind = "error" if diagnostic.is_error else "warning"
    return f"::{kind} {','.join(properties)}::{_escape_data(diagnostic.message)}"


def as_json(diagnostics: Sequence[Diagnostic], root: Path, *, ok: bool) -> str:
    items = [
        {
            "file": relative(d.location.path, root),
            "line": d.location.line or None,
            "column": (d.location.column or 1) if d.location.line else None,
            "severity": d.severity.value,
            "message": d.message,
        }
        for d in diagnostics
    ]
    errors = sum(d.is_error for d in diagnostics)
    document = {
        "ok": ok,
        "errors": errors,
        "warnings": len(diagnostics) - errors,
        "diagnostics": items,
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def format_lines(diagnostics: Sequence[Diagnostic], style: str, root: Path) -> list[str]:
    """One line a diagnostic, in the ``text`` or ``github`` style."""
    if style == "github":
        return [github_annotation(d, root) for d in diagnostics]
    return [d.format() for d in diagnostics]


def progress_line(verb: str) -> Progress | None:
    """A Sphinx-style progress line, on a terminal only: no noise in logs and CI."""
    if not sys.stderr.isatty():
        return None
    shown = -1

    def show(done: int, total: int, path: str) -> None:
        nonlocal shown
        percent = done * 100 // max(total, 1)
        if percent != shown:
            shown = percent
            sys.stderr.write(f"\r\033[K{verb} output... [{percent:3d}%] {path[:60]}")
            sys.stderr.flush()

    return show
