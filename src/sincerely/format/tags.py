"""A tag as a content file writes it: words in the letter's language, which the model
keeps as a Tag (its slug, and the words as its label)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..common.slugs import TAG, TAG_HELP, Tag
from .nodes import Node, ScalarNode
from .values import Text

MAX_TAG_LENGTH = 40  # a chip's worth


@dataclass(frozen=True)
class TagText(Text):
    """Text written as a tag: 'Rückmeldung', 'close-second'."""

    max_length: int | None = MAX_TAG_LENGTH
    pattern: str | None = TAG
    pattern_help: str = TAG_HELP
    example: str = "close-second"

    def build(self, node: Node) -> Any:
        """The tag, its slug made without a language: the loader makes it again in its
        pack's language (load/tags.py), which this file alone does not know."""
        assert isinstance(node, ScalarNode)
        return Tag.of(str(node.value), "")
