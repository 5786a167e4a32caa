"""TOML's syntax errors in pyproject.toml, in plain words, at their line and column.

Python's TOML reader names what it met ("Illegal character '\\n'"), not the slip that
made it (a string not closed); an owner who edits a setting by hand needs the second.
Each message tomllib gives that a slip in the settings can provoke is mapped to advice,
and tomllib's own words follow it, for anyone who knows them. An error "at end of
document" is placed at the slip's line where that can be found.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..common.errors import BuildError, Location

_WHERE = re.compile(r" \(at (?:line (\d+), column (\d+)|end of document)\)$")
_UNCLOSED = "a string is not closed: add the closing quote ({quote}) at the end of the text"

# tomllib's message (its start), and the advice for it; {quote} is the quote the line's
# string opened with. The first that fits is taken.
_ADVICE = (
    ("Illegal character '\\n'", _UNCLOSED),
    ("Found invalid character '\\n'", _UNCLOSED),
    ("Unterminated string", _UNCLOSED),
    ('Expected "\'"', _UNCLOSED),
    ("Expected '\"'", _UNCLOSED),
    ("Unclosed array", "a list is not closed: add ']' after its last item"),
    ("Unclosed inline table", "an inline table is not closed: add '}' after its last value"),
    ("Expected ']' at the end of a table", "a table's name is not closed: add ']' after it"),
    ("Expected '=' after a key", "a setting is written 'name = value': add the '='"),
    ("Cannot overwrite a value", "this setting is given twice: keep one of the two lines"),
    ("Cannot declare", "this table is declared twice: put its settings under one header"),
    (
        "Expected newline or end of document",
        "a line holds one setting: put what follows on a line of its own, or inside the quotes",
    ),
    (
        "Invalid hex value",
        'a backslash starts an escape in "...": write \\\\ for a backslash, or put the text '
        "in single quotes ('C:\\Users')",
    ),
    ("Unescaped '\\'", 'a backslash starts an escape in "...": write \\\\ for a backslash'),
    ("Invalid statement", "a line is a setting (name = value), a [table] or a # comment"),
    (
        "Invalid initial character for a key part",
        "a setting's name is expected here (an inline table, { ... }, must be on one line)",
    ),
)
_VALUE = (
    'a value is text in straight quotes ("..."), a number, true or false, a list '
    "[...] or a table {...}"
)


def _unclosed_line(text: str) -> tuple[int, int, str] | None:
    """The first line (and column) whose value opens a string it does not close, with
    its quote."""
    for number, line in enumerate(text.splitlines(), start=1):
        value = re.match(r"\s*[\w.\"'-]+\s*=\s*(?P<q>[\"'])(?!(?P=q)(?P=q))", line)
        if value is None:
            continue
        quote = value["q"]
        rest = line[value.end() :]
        body = re.sub(r"\\.", "", rest) if quote == '"' else rest
        if quote not in body:
            return number, value.start("q") + 1, quote
    return None


def _opened_line(text: str, opener: str, closer: str) -> tuple[int, int] | None:
    """The last line (and column) whose value opens a list or a table ('[', '{') that
    no later line closes: tomllib meets the end of the document, not the slip."""
    depth, opened = 0, None
    for number, line in enumerate(text.splitlines(), start=1):
        value = re.match(r"\s*[\w.\"'-]+\s*=\s*", line) if depth == 0 else None
        if depth == 0 and value is None:
            continue
        code = re.sub(r"\"(?:\\.|[^\"\\])*\"|'[^']*'|#.*", "", line)
        if depth == 0 and value is not None and line[value.end() :].startswith(opener):
            opened = (number, value.end() + 1)
        depth = max(depth + code.count(opener) - code.count(closer), 0)
    return opened if depth else None


def _value_advice(line: str, column: int) -> str:
    """Advice for a value tomllib could not read, by what it starts with."""
    start = line[column - 1 :] if 0 < column <= len(line) else ""
    # Typographic quotes, as a word processor or a phone's keyboard writes them.
    if start[:1] and start[:1] in "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb":
        return 'a text\'s quotes must be straight ("..."), not typographic ones'
    if re.match(r"(True|False|TRUE|FALSE)\b", start):
        return "true and false are written in lower case"
    if not start.strip() or start.lstrip().startswith("#"):
        return f"the setting has no value: {_VALUE}"
    return f"{_VALUE}: put text in quotes"


def toml_error(reason: str, path: Path, text: str) -> BuildError:
    """A located error for tomllib's ``reason`` (its message) about ``text``."""
    found = _WHERE.search(reason)
    said = reason[: found.start()] if found else reason
    line, column = (int(found[1]), int(found[2])) if found and found[1] else (0, 0)
    quote = '"'
    unclosed = _unclosed_line(text)
    advice = next((a for start, a in _ADVICE if said.startswith(start)), "")
    if advice == _UNCLOSED and unclosed is not None and (not line or unclosed[0] <= line):
        line, column, quote = unclosed
    elif said.startswith(("Unclosed array", "Unclosed inline table")):
        opened = _opened_line(text, *("[]" if said.startswith("Unclosed array") else "{}"))
        if opened is not None and (not line or opened[0] <= line):
            line, column = opened
    elif said.startswith("Invalid value"):
        lines = text.splitlines()
        advice = _value_advice(lines[line - 1] if 0 < line <= len(lines) else "", column)
    if not line:
        line = column = 1
    advice = advice.replace("{quote}", quote) or "check the line against TOML's syntax"
    return BuildError.single(
        f"pyproject.toml is not valid TOML: {advice} (TOML: {said})",
        Location(path, line, column),
    )
