"""What content's files and folders may be called, and the name offered instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from sincerely.common.errors import Diagnostics
from sincerely.load.names import RESERVED_SLUGS, check_name, is_name, name_problem, suggest_slug


@pytest.mark.parametrize(
    ("name", "language", "offered"),
    [
        ("Zusage für Teilzeit", "en", "zusage-fur-teilzeit"),
        ("Zusage für Teilzeit", "de", "zusage-fuer-teilzeit"),  # as German writes ü in ASCII
        ("Straße", "de-AT", "strasse"),
        ("close_second", "", "close-second"),
        ("--!!--", "", "untitled"),
        ("search", "", "search-letter"),  # a name the site keeps for its own page
    ],
)
def test_a_name_that_cannot_be_a_slug_is_offered_one_that_can(
    name: str, language: str, offered: str
) -> None:
    assert suggest_slug(name, language) == offered
    assert is_name(offered)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("zusage-für-teilzeit", "may have only the letters a to z, digits and hyphens, not ü"),
        ("Absage", "may not have capital letters; write it in lower case"),
        ("close second", "may not have spaces or underscores; join its words with hyphens"),
        ("-close", "must start and end with a letter or digit, with one hyphen between words"),
        ("tags", "is reserved for the site's own pages"),
        ("close-second", ""),
    ],
)
def test_each_rule_a_name_breaks_has_its_own_message(name: str, problem: str) -> None:
    assert name_problem(name) == problem


def test_the_error_names_the_file_and_offers_a_name_with_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "Close Second.yaml"
    path.write_text("", encoding="utf-8")
    out = Diagnostics()
    assert not check_name(path, path.stem, "file", out)
    (problem,) = out.items
    assert problem.location.path == path
    assert "rename it to 'close-second.yaml'" in problem.message


def test_a_reserved_name_is_refused_with_its_reason(tmp_path: Path) -> None:
    out = Diagnostics()
    assert not check_name(tmp_path / "tags", "tags", "pack folder", out)
    assert "reserved for the site's own pages" in out.items[0].message
    assert all(not is_name(name) for name in RESERVED_SLUGS)
