"""Compacting the theme's CSS and JavaScript: smaller, and doing exactly the same."""

from __future__ import annotations

import subprocess

from sincerely.assets import compact, compact_css, compact_js

from .conftest import REPO


def test_css_loses_comments_and_indentation() -> None:
    assert (
        compact_css("/* why */\n.a {\n  color: red; /* inline */\n}\n\n")
        == ".a {\ncolor: red;\n}\n"
    )


def test_js_loses_comment_lines_and_indentation_only() -> None:
    source = "// why\nconst a = 1; // keep\n  if (a) {\n    go('//not a comment');\n  }\n"
    assert compact_js(source) == "const a = 1; // keep\nif (a) {\ngo('//not a comment');\n}\n"


def test_lines_inside_a_template_literal_are_untouched() -> None:
    source = "const t = `first\n  // still text\n    indented`;\n  next();\n"
    assert compact_js(source) == "const t = `first\n  // still text\n    indented`;\nnext();\n"


def test_other_files_pass_through() -> None:
    assert compact("static/favicon.svg", b"  <svg/>\n") == b"  <svg/>\n"


def test_the_compacted_theme_scripts_still_parse() -> None:
    for script in sorted((REPO / "layouts/static").glob("*.js")):
        compacted = compact_js(script.read_text(encoding="utf-8"))
        done = subprocess.run(
            ["node", "--check", "-"], input=compacted, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, f"{script.name}: {done.stderr}"
