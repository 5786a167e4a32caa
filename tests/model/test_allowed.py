"""[tool.sincerely.allow]: each origin checked as one, with the way to write it."""

from __future__ import annotations

import re

import pytest

from sincerely.model.allowed import ORIGIN_PATTERN, origin_of, origin_problem
from sincerely.model.config import load_config

from ..conftest import Project


@pytest.mark.parametrize(
    "origin",
    [
        "https://stats.example.org",
        "https://stats.example.org:8443",
        "https://xn--mnchen-3ya.example",
        "http://127.0.0.1:8123",
        "http://localhost",
    ],
)
def test_an_origin_passes(origin: str) -> None:
    assert origin_problem(origin) == ""
    assert re.fullmatch(ORIGIN_PATTERN, origin)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("https://stats.example.org/", "without a path; write 'https://stats.example.org'"),
        ("https://stats.example.org/js/count.js?v=2", "write 'https://stats.example.org'"),
        ("https://Stats.Example.org", "in lower case, as browsers compare it"),
        ("http://stats.example.org", "must be an https:// origin"),
        ("https://*.example.org", "without a wildcard"),
        ("*", "without a wildcard"),
        ("stats.example.org", "must be an origin like 'https://stats.example.org'"),
        ("https://a.org; script-src 'self'", "must be an origin like"),
        ("'unsafe-inline'", "must be an origin like"),
        ("data:", "must be an origin like"),
    ],
)
def test_what_is_not_an_origin_says_how_to_write_it(value: str, problem: str) -> None:
    assert problem in origin_problem(value)


def test_the_origin_of_an_address() -> None:
    assert origin_of("https://Stats.Example.org:8443/count.js") == "https://stats.example.org:8443"
    assert origin_of("http://[::1]:80/x") == "http://[::1]:80"
    assert origin_of("count.js") == "" and origin_of("https://a.org:99999") == ""


def test_the_setting_is_read_into_the_settings(project: Project) -> None:
    project.write(
        "pyproject.toml",
        '[tool.sincerely.allow]\nscripts = ["https://stats.example.org"]\n'
        'connect = ["https://stats.example.org", "http://127.0.0.1:9000"]\n',
    )
    allow = load_config(project.root).settings.allow
    assert allow.scripts == ("https://stats.example.org",)
    assert allow.connect == ("https://stats.example.org", "http://127.0.0.1:9000")
    assert allow.styles == () and allow.images == ()
