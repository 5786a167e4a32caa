"""Limits: inputs built to exhaust the generator are handled in bounded time, or refused
with a clear message."""

from __future__ import annotations

import time

import pytest
import yaml

from sincerely.common.markdown import render_markdown

from ..conftest import MINIMAL_SCENARIO, Project

BOUND = 30.0  # seconds: far above the real figure, so only a runaway fails


@pytest.mark.slow
def test_ten_thousand_fields_are_handled(project: Project) -> None:
    document = yaml.safe_load(MINIMAL_SCENARIO)
    for n in range(10_000):
        document["fields"].append(
            {"id": f"extra_{n}", "label": f"Extra {n}", "example": "x", "hint": "h"}
        )
    document["letter"]["blocks"][1]["text"] += " " + " ".join(
        f"{{extra_{n}}}" for n in range(10_000)
    )
    project.add_scenario(text=yaml.safe_dump(document))
    started = time.monotonic()
    result = project.check()
    assert time.monotonic() - started < BOUND
    assert result.site is not None
    assert len(next(result.site.scenarios()).fields) == 10_002


def test_deeply_nested_markdown_is_handled() -> None:
    for nested in (
        "> " * 5_000 + "deep",
        "- " * 5_000 + "deep",
        "[" * 5_000 + "x" + "]" * 5_000,
        "*" * 20_000 + "x" + "*" * 20_000,
    ):
        started = time.monotonic()
        html = render_markdown(nested)
        assert time.monotonic() - started < BOUND
        # markdown-it-py stops nesting at depth 100 (maxNesting), its defence against
        # exactly this: what lies deeper is dropped, so the output stays bounded.
        assert len(html) < 20 * len(nested)


def test_a_file_over_a_megabyte_is_refused(project: Project) -> None:
    project.add_scenario(text=MINIMAL_SCENARIO + "#" * 1_000_001)
    done = project.cli("check")
    assert done.returncode == 1
    assert "over the limit of 1,000,000" in done.stderr
