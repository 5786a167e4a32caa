"""The public contract with contributors: the shapes of scenario, pack and page files.

Every key's ``doc`` here is the text editors show on hover (through the published JSON
Schema) and the format reference in CONTRIBUTING.md; keep it short and practical.
"""

from __future__ import annotations

import json
from typing import Any

from .schema import Boolean, Integer, Key, ListOf, NotBoth, Record, Text, When, to_json_schema

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SLUG_HELP = "lowercase words joined by hyphens, like 'close-second'"
FIELD_ID = r"[a-z][a-z0-9_]*"
CHANNELS = ("email", "letter", "note")
FIELD_KINDS = ("text", "long", "choice")

SOURCE = Record(
    doc="An article or book that the advice comes from.",
    keys=(
        Key("title", Text(doc="The article's title."), required=True),
        Key("author", Text(doc="Who wrote it.")),
        Key("publisher", Text(doc="Where it was published.")),
        Key("url", Text(doc="Its address: http:// or https:// only.", url=True)),
    ),
)

FIELD = Record(
    doc="One blank in the letter, and its input in the form.",
    keys=(
        Key(
            "id",
            Text(
                doc="The name used in placeholders, like {manager_name}.",
                pattern=FIELD_ID,
                pattern_help=(
                    "lowercase letters, digits and underscores, starting with a letter, "
                    "like 'manager_name'"
                ),
                example="manager_name",
            ),
            required=True,
        ),
        Key(
            "label",
            Text(
                doc="The form's label, and the blank's text in an unfilled copy: [label].",
                max_length=60,
            ),
            required=True,
        ),
        Key("example", Text(doc="A realistic sample value, shown as 'e.g. …'."), required=True),
        Key("hint", Text(doc="Plain text that helps the reader fill this in.", max_length=200)),
        Key(
            "kind",
            Text(
                doc="text (one line, the default), long (several lines) or choice.",
                choices=FIELD_KINDS,
            ),
        ),
        Key("options", ListOf(Text(), min_items=2, doc="The choices, for kind: choice.")),
        Key("per_recipient", Boolean(doc="Differs for each person the letter is sent to.")),
        Key("sender", Boolean(doc="The writer's own detail, which may be remembered.")),
        Key(
            "autocomplete",
            Text(
                doc="An HTML autocomplete token for a sender field, like name or email.",
                pattern=r"[a-z][a-z0-9-]*(?: [a-z][a-z0-9-]*)*",
                pattern_help="an HTML autocomplete token, like 'name', 'email' or 'tel'",
                example="name",
            ),
        ),
    ),
    rules=(
        When(
            "kind",
            "choice",
            require=("options",),
            forbid_otherwise=("options",),
            reason="list the choices",
        ),
        When("sender", True, forbid_otherwise=("autocomplete",)),
        NotBoth(
            ("sender", "per_recipient"),
            reason="'sender' is the writer's own detail, 'per_recipient' differs for each "
            "person written to; keep one",
        ),
    ),
)

BLOCK = Record(
    doc="One paragraph (or line group) of the letter.",
    keys=(
        Key(
            "text",
            Text(doc="Plain text with {field} placeholders; {{ and }} are literal braces."),
            required=True,
        ),
        Key("note", Text(doc="Markdown: why this block is written this way.", markdown=True)),
        Key("optional", Text(doc="The reader may leave this block out; this labels that choice.")),
    ),
)

LETTER = Record(
    doc="The letter itself.",
    keys=(
        Key(
            "subject",
            Text(doc="The email's subject, with placeholders; for channel: email only."),
        ),
        Key(
            "blocks",
            ListOf(BLOCK, min_items=2, doc="The letter from top to bottom."),
            required=True,
        ),
    ),
)

TIPS = Record(
    doc="Advice around the letter.",
    keys=(
        Key("do", ListOf(Text(markdown=True), doc="Markdown: things to do.")),
        Key("avoid", ListOf(Text(markdown=True), doc="Markdown: things to avoid.")),
    ),
)

SCENARIO = Record(
    doc="One annotated sample letter.",
    keys=(
        Key("title", Text(doc="The letter's title.", max_length=70), required=True),
        Key(
            "summary",
            Text(doc="Plain text: the card's blurb and the page's description.", max_length=240),
            required=True,
        ),
        Key(
            "situation",
            Text(doc="Markdown: when this letter fits, and when not.", markdown=True),
            required=True,
        ),
        Key(
            "channel",
            Text(doc="email, letter, or note (a short handwritten card).", choices=CHANNELS),
            required=True,
        ),
        Key("timing", Text(doc="Plain text: when to send it.")),
        Key(
            "tags",
            ListOf(
                Text(pattern=SLUG, pattern_help=SLUG_HELP, example="close-second"),
                doc="Lowercase-hyphenated words.",
            ),
        ),
        Key("order", Integer(doc="Position within the pack; ties are broken by title.")),
        Key("fields", ListOf(FIELD, min_items=1, doc="The blanks, in form order."), required=True),
        Key("letter", LETTER, required=True),
        Key(
            "sources",
            ListOf(SOURCE, min_items=1, doc="Where the advice comes from."),
            required=True,
        ),
        Key("tips", TIPS),
    ),
    rules=(
        When(
            "channel",
            "email",
            require=("letter.subject",),
            forbid_otherwise=("letter.subject",),
            reason="add a subject line to 'letter'",
        ),
    ),
)


PACK = Record(
    doc="A pack's _pack.yaml: what the pack is about.",
    keys=(
        Key("title", Text(doc="The pack's title.", max_length=70), required=True),
        Key(
            "summary", Text(doc="Plain text, one or two sentences.", max_length=240), required=True
        ),
        Key("intro", Text(doc="Markdown: the pack page's introduction.", markdown=True)),
        Key("order", Integer(doc="Position on the home page.")),
    ),
)

PAGE = Record(
    doc="The front matter of a Markdown page.",
    keys=(
        Key("title", Text(doc="The page's title.", max_length=70), required=True),
        Key("order", Integer(doc="Position in the site's navigation.")),
    ),
)


def schema_text() -> str:
    """The scenario JSON Schema as published: stable key order, ending in a newline."""
    return json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False) + "\n"


def scenario_json_schema() -> dict[str, Any]:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "schema/scenario.json",
        "title": "sincerely scenario",
    }
    schema.update(to_json_schema(SCENARIO))
    return schema
