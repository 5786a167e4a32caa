"""A page's bytes without the layouts' indentation: lighter, and the same to a reader."""

from __future__ import annotations

import re

# The layouts' indentation before a tag at the start of a line: a page is lighter
# without it, and nothing shows it, except inside <pre> and <textarea>, where
# whitespace is the text itself (a theme may indent tags there on purpose).
_INDENT = re.compile(r"\n[ \t]+<")
_KEEPS_WHITESPACE = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.IGNORECASE | re.DOTALL)


def strip_indentation(html: str) -> str:
    """``html`` without the indentation before tags, outside <pre> and <textarea>."""
    pieces = _KEEPS_WHITESPACE.split(html)
    # split() yields text, kept element, its tag name, text, ...: every third from 0 is
    # text outside the elements.
    return "".join(
        _INDENT.sub("\n<", piece) if i % 3 == 0 else piece
        for i, piece in enumerate(pieces)
        if i % 3 != 2
    )
