"""The format, published: as JSON Schema for editors, and as Markdown for people.

Both are written from the model's records (see scenario.py and format/values.py), the
same ones that check files, so neither can drift from the code: a test compares
CONTRIBUTING.md's copy of the reference with this one, and another the committed
schema/scenario.json.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from ..common.errors import Diagnostics, Location
from ..common.intake import refusal
from ..format.records import Record
from .allowed import Allowed
from .coach import CoachRule
from .config import PROJECT_SCHEMA, SETTINGS, Config
from .fields import Field
from .scenario import SCENARIO, Block, Letter, Source, Tips
from .site import PACK, PAGE

SECTIONS: tuple[tuple[str, Record], ...] = (
    ("A scenario file", SCENARIO),
    ("Each entry of `fields`", Record.of(Field)),
    ("`letter`", Record.of(Letter)),
    ("Each entry of `letter.blocks`", Record.of(Block)),
    ("Each entry of `sources`", Record.of(Source)),
    ("`tips`", Record.of(Tips)),
    ("Each entry of `coach`, a letter's or a pack's", Record.of(CoachRule)),
    ("A pack's `_pack.yaml`", PACK),
    ("A page's front matter", PAGE),
    ("The settings: `[tool.sincerely]` in pyproject.toml", SETTINGS),
    ("`allow`: `[tool.sincerely.allow]` in pyproject.toml", Record.of(Allowed)),
)


def reference_markdown() -> str:
    lines: list[str] = []
    for heading, record in SECTIONS:
        lines += [
            f"#### {heading}",
            "",
            "| key | value | required | what it is |",
            "| --- | --- | --- | --- |",
        ]
        for key in record.keys:
            required = "yes" if key.required else "recommended" if key.recommended else ""
            lines.append(f"| `{key.name}` | {key.spec.describe()} | {required} | {key.doc} |")
        for rule in record.rules:
            lines += ["", f"Rule: {rule.describe()}."]
        lines.append("")
    return "\n".join(lines)


def scenario_json_schema() -> dict[str, Any]:
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "schema/scenario.json",
        "title": "sincerely scenario",
    }
    schema.update(SCENARIO.json_schema())
    return schema


@cache  # the format is fixed for the life of the process
def schema_text() -> str:
    """The scenario JSON Schema as published: stable key order, ending in a newline."""
    return json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False) + "\n"


def warn_stale_schema(config: Config, out: Diagnostics) -> None:
    """A project's copy of the schema that is not this version's: editors would judge
    its files by another format than check does."""
    copy = config.root / PROJECT_SCHEMA
    try:
        stale = refusal(copy) is None and copy.read_text(encoding="utf-8") != schema_text()
    except (OSError, UnicodeDecodeError):
        return  # no copy (or not one of ours): nothing for editors to be misled by
    if stale:
        out.warning(
            "this is not the schema of the sincerely that checks the files, so editors "
            "would judge them by another format; run 'sincerely schema > "
            f"{PROJECT_SCHEMA.as_posix()}' to bring it up to date",
            Location(copy),
        )
