"""A version's release notes: its section of CHANGELOG.md, printed for the release
workflow to publish. It refuses, saying why, a tag that is not the package's version,
and a version whose section is missing or not yet dated (the date goes in, in place of
"Unreleased", in the commit that is tagged: see CONTRIBUTING.md, "Releasing").

    python .ci/release_notes.py v0.3.0 > notes.md
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class NotReleasableError(Exception):
    """Why this tag cannot be released as it stands."""


def package_version(root: Path = ROOT) -> str:
    text = (root / "src" / "sincerely" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    if found is None:
        raise NotReleasableError("src/sincerely/__init__.py holds no __version__")
    return found[1]


def notes(tag: str, version: str, changelog: str) -> str:
    """The section of ``changelog`` for the version ``tag`` names, without its heading."""
    if tag != f"v{version}":
        raise NotReleasableError(
            f"the tag {tag} is not the package's version (v{version}, in "
            "src/sincerely/__init__.py): tag the commit that raises it"
        )
    heading = re.search(rf"^## \[{re.escape(version)}\] - (.+)$", changelog, flags=re.MULTILINE)
    if heading is None:
        raise NotReleasableError(f"CHANGELOG.md has no section '## [{version}] - DATE'")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", heading[1].strip()):
        raise NotReleasableError(
            f"CHANGELOG.md's section for {version} is dated '{heading[1].strip()}': put the "
            "release's date (YYYY-MM-DD) there, commit, and tag that commit"
        )
    rest = changelog[heading.end() :]
    following = re.search(r"^## ", rest, flags=re.MULTILINE)
    body = rest[: following.start()] if following else rest
    body = re.sub(r"^\[[^\]]+\]: .*$", "", body, flags=re.MULTILINE)  # link references
    return body.strip() + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python .ci/release_notes.py vX.Y.Z", file=sys.stderr)
        return 2
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    try:
        print(notes(argv[0], package_version(), changelog), end="")
    except NotReleasableError as why:
        print(f"cannot release: {why}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
