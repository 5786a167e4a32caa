"""Site configuration: the ``[tool.sincerely]`` table of the project's pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BuildError, Diagnostics, Location, did_you_mean
from .urls import HTTP_URL_HELP, is_http_url

_TEXT_KEYS = {
    "title": "Letter templates",
    "description": "",
    "base_url": "",
    "repo_url": "",
    "edit_branch": "main",
    "language": "en",
    "content_dir": "content",
    "layouts_dir": "layouts",
    "output_dir": "site",
}
DEFAULT_OUTPUT_DIR = _TEXT_KEYS["output_dir"]
_URL_KEYS = ("base_url", "repo_url")
WORK_DIR = ".sincerely"
_LANGUAGE = re.compile(r"[a-zA-Z]{2,8}(?:-[a-zA-Z0-9]{1,8})*")


@dataclass(frozen=True, slots=True)
class Config:
    root: Path
    title: str
    description: str
    base_url: str  # "" or an absolute URL ending in "/"
    repo_url: str  # "" or an absolute URL without a trailing "/"
    edit_branch: str
    language: str
    content_dir: Path
    layouts_dir: Path
    output_dir: Path
    pyproject: Path | None

    @property
    def work_dir(self) -> Path:
        """Where builds keep what they make for themselves (their cache, their staging
        folders): one folder, which the .gitignore that init writes leaves out."""
        return self.root / WORK_DIR

    @property
    def display_settings(self) -> dict[str, str]:
        """The settings that reach the pages (and so must invalidate them when changed)."""
        return {
            "title": self.title,
            "description": self.description,
            "base_url": self.base_url,
            "repo_url": self.repo_url,
            "edit_branch": self.edit_branch,
            "language": self.language,
        }


def _key_location(pyproject: Path, text: str, key: str) -> Location:
    """The line of ``key = …`` inside [tool.sincerely]; tomllib gives no positions."""
    in_table = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_table = stripped.replace(" ", "") == "[tool.sincerely]"
        elif in_table and re.match(rf"['\"]?{re.escape(key)}['\"]?\s*=", stripped):
            return Location(pyproject, number, line.index(stripped[0]) + 1)
    return Location(pyproject, 1, 1)


def load_config(root: Path, output_override: Path | None = None) -> Config:
    """Read the configuration of the project at ``root``; every key is optional."""
    root = root.resolve()
    if not root.is_dir():
        raise BuildError.single(
            "project folder does not exist; give the folder that holds content/",
            Location(root),
        )
    pyproject = root / "pyproject.toml"
    table: dict[str, Any] = {}
    text = ""
    if pyproject.is_file():
        text = pyproject.read_text(encoding="utf-8", errors="replace")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            match = re.search(r"line (\d+), column (\d+)", str(exc))
            line, col = (int(match[1]), int(match[2])) if match else (1, 1)
            reason = str(exc).split(" (at")[0]
            raise BuildError.single(
                f"pyproject.toml is not valid TOML: {reason}", Location(pyproject, line, col)
            ) from None
        tool = data.get("tool", {})
        table = tool.get("sincerely", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise BuildError.single(
                "[tool.sincerely] must be a table of settings", Location(pyproject, 1, 1)
            )

    out = Diagnostics()
    values = dict(_TEXT_KEYS)
    for key, value in table.items():
        where = _key_location(pyproject, text, key)
        if key not in _TEXT_KEYS:
            hint = did_you_mean(key, _TEXT_KEYS) or f"; known settings: {', '.join(_TEXT_KEYS)}"
            out.error(f"unknown setting '{key}' in [tool.sincerely]{hint}", where)
        elif not isinstance(value, str):
            out.error(
                f"setting '{key}' must be a string (got {type(value).__name__} {value!r}); "
                "put it in quotes",
                where,
            )
        elif key in _URL_KEYS and value and not is_http_url(value):
            out.error(f"setting '{key}' must be {HTTP_URL_HELP} (got '{value}')", where)
        elif key == "language" and not _LANGUAGE.fullmatch(value):
            out.error(f"setting 'language' must be a language tag like 'en' (got '{value}')", where)
        elif key.endswith("_dir") and not value.strip():
            out.error(f"setting '{key}' must name a folder", where)
        else:
            values[key] = value
    out.raise_if_errors()

    base_url = values["base_url"]
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    output = output_override if output_override is not None else root / values["output_dir"]
    return Config(
        root=root,
        title=values["title"],
        description=values["description"],
        base_url=base_url,
        repo_url=values["repo_url"].rstrip("/"),
        edit_branch=values["edit_branch"],
        language=values["language"],
        content_dir=(root / values["content_dir"]).resolve(),
        layouts_dir=(root / values["layouts_dir"]).resolve(),
        output_dir=output.resolve(),
        pyproject=pyproject if pyproject.is_file() else None,
    )
