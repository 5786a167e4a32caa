"""Diagnostics as editors and CI read them: `path:line:column: severity: message`, one
problem a line, every problem of a pass in file order."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from sincerely.common.errors import (
    BuildError,
    Diagnostic,
    Diagnostics,
    Location,
    Severity,
    cannot_write,
    did_you_mean,
)

TEXT = "title: A\nchannel: fax\n"


def test_an_offset_in_a_file_is_its_line_and_column() -> None:
    offset = TEXT.index("fax")
    assert Location.at_offset(Path("a.yaml"), TEXT, offset) == Location(Path("a.yaml"), 2, 10)
    assert Location.at_offset(Path("a.yaml"), TEXT, 0) == Location(Path("a.yaml"), 1, 1)


def test_a_diagnostic_reads_as_editors_expect_relative_to_the_project(tmp_path: Path) -> None:
    where = Location(tmp_path / "content/a.yaml", 2, 10)
    error = Diagnostic(Severity.ERROR, "'channel' must be one of email", where)
    assert error.format(tmp_path) == "content/a.yaml:2:10: error: 'channel' must be one of email"
    # Without a line, the file alone; outside the project, its whole path.
    whole = Diagnostic(Severity.WARNING, "file is empty", Location(Path("/elsewhere/b.yaml")))
    assert whole.format(tmp_path) == "/elsewhere/b.yaml: warning: file is empty"


def test_a_problem_stays_on_one_line_whatever_a_file_name_holds(tmp_path: Path) -> None:
    named = Location(tmp_path / "a\nb\u2028.yaml", 1, 1)
    shown = Diagnostic(Severity.ERROR, "bad\rvalue", named).format(tmp_path)
    assert shown == "a\\nb\\u2028.yaml:1:1: error: bad\\rvalue"
    assert len(shown.splitlines()) == 1


def test_every_problem_of_a_pass_is_raised_together_in_file_order() -> None:
    out = Diagnostics()
    out.warning("late", Location(Path("b.yaml"), 9, 1))
    out.error("second", Location(Path("a.yaml"), 3, 1))
    out.error("first", Location(Path("a.yaml"), 1, 5))
    assert out.error_count == 2 and out.has_errors
    with pytest.raises(BuildError) as raised:
        out.raise_if_errors()
    assert [d.message for d in raised.value.diagnostics] == ["first", "second", "late"]
    assert str(raised.value).splitlines()[0] == "a.yaml:1:5: error: first"


def test_warnings_alone_raise_nothing() -> None:
    out = Diagnostics()
    out.warning("a warning", Location(Path("a.yaml")))
    out.raise_if_errors()
    assert not out.has_errors and len(out.items) == 1


def test_a_site_that_cannot_be_written_says_why_and_that_the_old_one_stays(
    tmp_path: Path,
) -> None:
    full = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "site/x.html"))
    found = cannot_write(full, tmp_path)
    assert (
        found.message
        == "cannot write the site: No space left on device; the previous site is unchanged"
    )
    assert found.location == Location(tmp_path / "site/x.html")
    assert cannot_write(OSError("odd"), tmp_path).location == Location(tmp_path)


def test_a_likely_typo_gets_a_suggestion_and_a_stranger_none() -> None:
    assert did_you_mean("e-mail", ["email", "letter", "note"]) == " (did you mean 'email'?)"
    assert did_you_mean("fax", ["email", "letter", "note"]) == ""
