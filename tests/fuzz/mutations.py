"""Hypothesis strategies that damage a valid scenario the ways people and tools do:
keys dropped, renamed, retyped or duplicated; any Unicode in any string; random
placeholders and braces; and YAML text broken outright. Shared by the test suite (a few
hundred cases) and bench/fuzz.py (tens of thousands)."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import strategies as st

BASE: dict[str, Any] = {
    "title": "Close second",
    "summary": "You reached the final round and they chose someone else.",
    "situation": "You were a finalist.\n\nWrite it only if you liked them.",
    "channel": "email",
    "timing": "Within two days.",
    "tags": ["final-round", "networking"],
    "order": 30,
    "fields": [
        {
            "id": "manager_name",
            "label": "Manager",
            "example": "Ms. Okafor",
            "hint": "Who signed.",
            "per_recipient": True,
        },
        {
            "id": "greeting",
            "label": "Greeting",
            "example": "Dear",
            "hint": "Pick one.",
            "kind": "choice",
            "options": ["Dear", "Hello"],
        },
        {
            "id": "your_name",
            "label": "Your name",
            "example": "Sam Lee",
            "hint": "As you sign.",
            "sender": True,
            "autocomplete": "name",
        },
    ],
    "letter": {
        "subject": "Thank you, {manager_name}",
        "blocks": [
            {"text": "{greeting} {manager_name},", "note": "Address the *person* who decided."},
            {
                "text": "Thank you for letting me know.\nBest wishes,\n{your_name}",
                "note": "See [the source](https://example.org/a).",
                "optional": "Keep it",
            },
        ],
    },
    "sources": [
        {
            "title": "The Biggest Mistake",
            "author": "Susan P. Joyce",
            "url": "https://example.org/article",
        }
    ],
    "tips": {"do": ["Send it **soon**."], "avoid": ["Faking it."]},
}

KEYS = sorted(
    {
        "title",
        "summary",
        "situation",
        "channel",
        "timing",
        "tags",
        "order",
        "fields",
        "letter",
        "sources",
        "tips",
        "id",
        "label",
        "example",
        "hint",
        "kind",
        "options",
        "per_recipient",
        "sender",
        "autocomplete",
        "subject",
        "blocks",
        "text",
        "note",
        "optional",
        "author",
        "publisher",
        "url",
        "do",
        "avoid",
    }
)

any_text = st.text(max_size=60)
braces = st.sampled_from(
    [
        "{",
        "}",
        "{{",
        "}}",
        "{manager_name}",
        "{nope}",
        "{Bad Id}",
        "{}",
        "{your_name",
        "}}{{",
        "{greeting}",
    ]
)
scalars = st.one_of(
    any_text,
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
    st.lists(any_text, max_size=3),
    st.dictionaries(any_text, any_text, max_size=2),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        doc = doc[step]
    return doc


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(doc)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(doc, path)
        key = path[-1]
        action = draw(st.sampled_from(["drop", "rename", "retype", "unicode", "braces", "dup"]))
        try:
            if action == "drop":
                del parent[key]
            elif action == "rename" and isinstance(parent, dict):
                parent[draw(st.sampled_from([*KEYS, "titel", "chanel", "Fields"]))] = parent.pop(
                    key
                )
            elif action == "retype":
                parent[key] = draw(scalars)
            elif action == "unicode" and isinstance(parent[key], str):
                parent[key] = draw(st.text(min_size=1, max_size=80))
            elif action == "braces" and isinstance(parent[key], str):
                parent[key] = parent[key] + draw(braces) + draw(any_text)
            elif action == "dup" and isinstance(parent, list):
                parent.append(copy.deepcopy(parent[key]))
        except (KeyError, IndexError, TypeError):
            pass
    return doc


@st.composite
def scenario_files(draw: st.DrawFn) -> bytes:
    """A scenario file's bytes: a mutated document, perhaps with its text damaged."""
    text = yaml.safe_dump(draw(mutated_documents()), allow_unicode=True, sort_keys=False)
    damage = draw(
        st.sampled_from(["none", "none", "cut", "insert", "duplicate-key", "tab", "bytes"])
    )
    if damage == "cut":
        text = text[: draw(st.integers(0, len(text)))]
    elif damage == "insert":
        at = draw(st.integers(0, len(text)))
        text = (
            text[:at]
            + draw(
                st.sampled_from(
                    [":", "- ", "\n  ", "&a ", "*a", "!!str ", "{", "[", "'", '"', "\t", "---\n"]
                )
            )
            + text[at:]
        )
    elif damage == "duplicate-key":
        text += "title: again\n"
    elif damage == "tab":
        text = text.replace("  ", "\t", 1)
    elif damage == "bytes":
        return text.encode("utf-8") + draw(st.binary(min_size=1, max_size=4))
    return text.encode("utf-8")
