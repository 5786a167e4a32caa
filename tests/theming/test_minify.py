"""Compacting the theme's CSS and JavaScript: smaller, and doing exactly the same."""

from __future__ import annotations

import subprocess

from sincerely.theming.minify import compact

from ..conftest import REPO


def test_css_loses_comments_and_white_space() -> None:
    source = b"/* why */\n.a {\n  color: red; /* inline */\n}\n\n"
    assert compact("static/site.css", source) == b".a{color:red}"


def test_other_files_pass_through() -> None:
    assert compact("static/favicon.svg", b"  <svg/>\n") == b"  <svg/>\n"


def test_the_compacted_theme_scripts_still_parse() -> None:
    for script in sorted((REPO / "layouts/static").glob("*.js")):
        compacted = compact(script.as_posix(), script.read_bytes()).decode()
        done = subprocess.run(
            ["node", "--check", "-"], input=compacted, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, f"{script.name}: {done.stderr}"


TRICKY_SCRIPTS = [
    # A comment with an odd number of backticks, then a template literal over lines.
    "// the `name is set below\nconst t = `Dear\n    friend,\n  hello`;\nout(t);\n",
    # Backticks, quotes and slashes inside strings, a regular expression and comments.
    "const a = 'it`s'; /* a ` here */ const r = /`[a-z]+\\/`/g;\nout(a + r.source);\n"
    'const b = "// not a comment"; // a real one `\nout(b);\n',
    # A template literal holding what looks like comments, and an expression.
    "const n = 2;\nconst t = `one // two\n  /* three */ ${n * 2}\n`;\nout(t);\n",
]


def _output_of(script: str) -> str:
    program = "const seen = []; const out = (x) => seen.push(String(x));\n"
    program += script + "\nprocess.stdout.write(JSON.stringify(seen));\n"
    done = subprocess.run(["node", "-"], input=program, capture_output=True, text=True, check=True)
    return done.stdout


def test_compacting_never_changes_what_a_script_does() -> None:
    for script in TRICKY_SCRIPTS:
        compacted = compact("static/x.js", script.encode()).decode()
        assert _output_of(compacted) == _output_of(script), script
        assert len(compacted) < len(script)
