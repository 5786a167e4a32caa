"""A letter's fields: the blanks the reader fills in, each with its input in the form.

Declared like the rest of the scenario format (model/scenario.py): each field made with
``key()`` is a key of a scenario file's `fields` entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..common.pickling import pickled_as_tuple
from ..format.placeholders import FIELD_ID
from ..format.records import key
from ..format.rules import NotBoth, OneOfList, Rule, When
from ..format.values import Boolean, ListOf, Text

FIELD_KINDS = ("text", "long", "choice", "email", "tel")
FIELD_HOLDS = ("name", "organisation", "job-title", "words", "plural")


@pickled_as_tuple
@dataclass(frozen=True, kw_only=True, slots=True)
class Field:
    """One blank in the letter, and its input in the form."""

    FORMAT_RULES: ClassVar[tuple[Rule, ...]] = (
        When(
            "kind",
            "choice",
            require=("options",),
            forbid_otherwise=("options", "default"),
            reason="list the choices",
        ),
        OneOfList("default", "options"),
        OneOfList("example", "options"),
        When("sender", True, forbid_otherwise=("autocomplete",)),
        NotBoth(
            ("sender", "per_recipient"),
            reason="'sender' is the writer's own detail, 'per_recipient' differs for each "
            "person written to; keep one",
        ),
    )

    id: str = key(
        Text(
            pattern=FIELD_ID,
            pattern_help="lowercase letters, digits and underscores, starting with a letter, "
            "like 'manager_name'",
            example="manager_name",
        ),
        "The name used in placeholders, like {manager_name}.",
        required=True,
    )
    label: str = key(
        Text(max_length=60),
        "The form's label, and the blank's text in an unfilled copy: [label].",
        required=True,
    )
    example: str = key(Text(), "A realistic sample value, shown as 'e.g. …'.", required=True)
    hint: str = key(
        Text(max_length=200),
        "Plain text that helps the reader fill this in.",
        recommended="field '{id}' has no hint; add one that helps the reader fill it in",
        warn_at="id",
    )
    kind: str = key(
        Text(choices=FIELD_KINDS),
        "text (one line, the default), long (several lines), choice, email (an email "
        "address) or tel (a phone number): what the reader types, and the keyboard they get.",
        default="text",
    )
    holds: str = key(
        Text(choices=FIELD_HOLDS),
        "What the value is, where its example does not say: name, organisation or "
        "job-title keep their capitals in mid-sentence; words (the start of a sentence "
        "in lower case is expected) and plural (the sentence around it is plural, and "
        "the hint says so) have a capital in mid-sentence questioned.",
    )
    options: tuple[str, ...] = key(ListOf(Text(), min_items=2), "The choices, for kind: choice.")
    default: str = key(Text(), "The choice made at first (the first option, if none is given).")
    per_recipient: bool = key(Boolean(), "Differs for each person the letter is sent to.")
    sender: bool = key(Boolean(), "The writer's own detail, which may be remembered.")
    autocomplete: str = key(
        Text(
            pattern=r"[a-z][a-z0-9-]*(?: [a-z][a-z0-9-]*)*",
            pattern_help="an HTML autocomplete token, like 'name', 'email' or 'tel'",
            example="name",
        ),
        "An HTML autocomplete token for a sender field, like name or email.",
    )
