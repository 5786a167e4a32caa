"""A tag as a file writes it: checked as words, built as a Tag."""

from __future__ import annotations

from pathlib import Path

from sincerely.common.slugs import Tag
from sincerely.format.nodes import ScalarNode
from sincerely.format.tags import TagText


def test_the_schema_and_the_checker_share_one_pattern() -> None:
    schema = TagText().json_schema()
    assert schema["pattern"] == f"^(?:{TagText().pattern})$"
    assert schema["maxLength"] == 40
    assert "Rückmeldung" in TagText().describe()


def test_a_tag_is_built_with_its_words_as_its_label() -> None:
    source = "Final round"
    node = ScalarNode(source, "text", True, Path("a.yaml"), 1, 1, source, 0, len(source))
    tag = TagText().build(node)
    assert isinstance(tag, Tag)
    assert (tag, tag.label) == ("final-round", "Final round")
