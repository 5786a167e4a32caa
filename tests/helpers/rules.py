"""What a format rule says of a mapping written in YAML, as the checker would print it."""

from __future__ import annotations

from pathlib import Path

from sincerely.common.errors import Diagnostics
from sincerely.format.nodes import MappingNode
from sincerely.format.rules import Rule
from sincerely.format.yamlnodes import parse

FILE = Path("/p/x.yaml")


def rule_says(rule: Rule, text: str) -> list[str]:
    """Each problem ``rule`` finds in ``text`` (a mapping), as 'x.yaml:LINE:COL: ...'."""
    node = parse(FILE, text)
    assert isinstance(node, MappingNode)
    out = Diagnostics()
    rule.check(node, out)
    return [d.format(Path("/p")) for d in out.items]
