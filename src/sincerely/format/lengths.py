"""How long a letter may be: rules over its texts, counted as a reader would count them.

A letter's words (a warning past the limit: a short note is read, a long one skimmed),
and the characters of a short message (an error: LinkedIn refuses a longer request).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..common.errors import Diagnostics
from .nodes import MappingNode, ScalarNode
from .placeholders import parse_template, text_nodes
from .rules import Rule, entries_of, find_key


@dataclass(frozen=True)
class MaxWords(Rule):
    """The letter's texts together are at most ``limit`` words (a warning: a short note
    is read, a long one is skimmed); a blank counts as one word."""

    texts: str
    limit: int
    where: str  # the key whose line the warning points at

    @property
    def keys(self) -> tuple[str, ...]:
        return ()

    def check(self, node: MappingNode, out: Diagnostics) -> None:
        texts = text_nodes(node, self.texts)
        words = sum(parse_template(str(t.value))[0].word_count() for t in texts)
        if words > self.limit:
            _, key_node = find_key(node, self.where)
            out.warning(
                f"the letter is {words} words long, over {self.limit}; "
                "a short note is read, a long one is skimmed",
                key_node.location if key_node is not None else node.location,
            )

    def json_schema(self) -> None:
        return None  # words are counted after the placeholders are read

    def describe(self) -> str:
        return f"the letter at most {self.limit} words (a warning); a blank counts as one"


@dataclass(frozen=True)
class CharacterLimit(Rule):
    """A letter with a character limit (a LinkedIn request's 300) fits it when every
    blank holds its field's example; the page counts again as the reader types."""

    limit: str  # the key that holds the limit
    texts: str
    fields: str

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.limit, self.fields)

    def check(self, node: MappingNode, out: Diagnostics) -> None:
        limit = node.get(self.limit)
        if not (isinstance(limit, ScalarNode) and isinstance(limit.value, int)):
            return
        examples: dict[str, str] = _Examples()
        for item in entries_of(node, self.fields):
            field_id, example = item.get("id"), item.get("example")
            if isinstance(field_id, ScalarNode) and isinstance(example, ScalarNode):
                examples[str(field_id.value)] = str(example.value)
        texts = text_nodes(node, self.texts)
        filled = [parse_template(str(t.value))[0].fill(examples) for t in texts]
        length = len("\n\n".join(filled))
        if length > limit.value:
            out.error(
                f"the letter is {length} characters long with every field's example, over "
                f"its {self.limit} of {limit.value}; shorten it",
                limit.location,
            )

    def json_schema(self) -> None:
        return None  # the length of a filled letter is known only once it is filled

    def describe(self) -> str:
        return f"the letter filled with the examples is at most `{self.limit}` characters"


class _Examples(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""
