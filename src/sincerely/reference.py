"""The format, published: as JSON Schema for editors, and as Markdown for people.

Both are written from the model's records (see model.py and spec.py), the same ones that
check files, so neither can drift from the code: a test compares CONTRIBUTING.md's copy
of the reference with this one, and another the committed schema/scenario.json.
"""

from __future__ import annotations

import json
from typing import Any

from .config import SETTINGS
from .gallery import PACK, PAGE
from .model import SCENARIO, Block, Field, Letter, Source, Tips
from .records import Record

SECTIONS: tuple[tuple[str, Record], ...] = (
    ("A scenario file", SCENARIO),
    ("Each entry of `fields`", Record.of(Field)),
    ("`letter`", Record.of(Letter)),
    ("Each entry of `letter.blocks`", Record.of(Block)),
    ("Each entry of `sources`", Record.of(Source)),
    ("`tips`", Record.of(Tips)),
    ("A pack's `_pack.yaml`", PACK),
    ("A page's front matter", PAGE),
    ("The settings: `[tool.sincerely]` in pyproject.toml", SETTINGS),
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


def schema_text() -> str:
    """The scenario JSON Schema as published: stable key order, ending in a newline."""
    return json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False) + "\n"
