"""Keeping up with sincerely: ``sincerely upgrade`` and ``sincerely theme diff``.

What ``init`` wrote falls in two parts. The content and README are the owner's from the
first day; the workflows, the schema, the pin in requirements.txt and .gitignore's
entries are sincerely's machinery, which a newer sincerely may write differently.
``upgrade`` makes that machinery again, as this sincerely's ``init`` would, and shows a
unified diff of each file that would change; it writes only when asked. An owner may
have edited those files too: their edits show in the diff as lines taken away, so they
are never lost without being seen, and requirements.txt keeps every line but the pin.

``theme diff`` shows how a layout copied into layouts/ differs from the theme's current
one, so that an owner can take the theme's fixes into their copy.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from ..common.errors import BuildError, Location
from ..model.config import PROJECT_SCHEMA, load_config
from ..model.schema import schema_text
from ..theming.theme import bundled_theme_dir
from .pinning import VENDOR, Pin
from .scaffold import check_theme_file, fill, gitignore_text, theme_files
from .starters import GALLERY

WORKFLOWS = Path(".github/workflows")
REQUIREMENTS = "requirements.txt"
# A line of requirements.txt that installs sincerely: a release, a git commit, a wheel.
_PIN_LINE = re.compile(
    rf"^(?:sincerely[ \t]*(?:[=<>~!@\[;].*)?|\./{VENDOR}/sincerely-\S+\.whl)[ \t]*$", re.MULTILINE
)


@dataclass(frozen=True)
class Change:
    """A file upgrade would write: its path in the project, its text now (None: not
    there) and as it would be."""

    path: Path
    name: str
    old: str | None
    new: str

    def diff(self) -> str:
        """A unified diff, as git shows one: a/ is the file now, b/ the file upgraded."""
        return _unified(self.old, self.new, f"a/{self.name}", f"b/{self.name}")


def _unified(old: str | None, new: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        (old or "").splitlines(keepends=True),
        new.splitlines(keepends=True),
        "/dev/null" if old is None else before,
        after,
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


@dataclass(frozen=True)
class Plan:
    """What upgrade would change: text files, the pinned wheel if it is not there yet,
    and wheels of an earlier sincerely that nothing installs any more."""

    changes: tuple[Change, ...]
    wheel: tuple[Path, bytes] | None
    stale_wheels: tuple[Path, ...]

    def write(self) -> list[Path]:
        written = []
        for change in self.changes:
            change.path.parent.mkdir(parents=True, exist_ok=True)
            change.path.write_text(change.new, encoding="utf-8")
            written.append(change.path)
        if self.wheel:
            self.wheel[0].parent.mkdir(parents=True, exist_ok=True)
            self.wheel[0].write_bytes(self.wheel[1])
            written.append(self.wheel[0])
        return written


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def repinned(existing: str | None, pin: Pin) -> str:
    """requirements.txt with sincerely's line made ``pin``'s, every other line kept (and
    init's comment above it brought up to date, where it is still there)."""
    block = fill((GALLERY / REQUIREMENTS).read_text("utf-8"), requirement=pin.line, about=pin.about)
    if not existing:
        return block
    # init's block as it wrote it, whatever the sincerely it named.
    template = re.escape((GALLERY / REQUIREMENTS).read_text("utf-8"))
    for name in ("@about@", "@requirement@"):
        template = template.replace(re.escape(name), r"[^\n]*")
    found = re.search(template, existing)
    if found:
        return existing[: found.start()] + block + existing[found.end() :]
    if _PIN_LINE.search(existing):
        return _PIN_LINE.sub(pin.line, existing, count=1)
    return existing + ("" if existing.endswith("\n") else "\n") + pin.line + "\n"


def plan_upgrade(project: Path, pin: Pin) -> Plan:
    """What this sincerely's init would write of its machinery, where it differs."""
    root = load_config(project).root
    wanted = {
        root / path.relative_to(GALLERY): path.read_text("utf-8")
        for path in sorted((GALLERY / WORKFLOWS).glob("*.yml"))
    }
    wanted[root / PROJECT_SCHEMA] = schema_text()
    requirements = root / REQUIREMENTS
    wanted[requirements] = repinned(_read(requirements), pin)
    gitignore = root / ".gitignore"
    wanted[gitignore] = gitignore_text(_read(gitignore) or "")
    changes = tuple(
        Change(path, path.relative_to(root).as_posix(), _read(path), text)
        for path, text in wanted.items()
        if _read(path) != text
    )
    wheel = None
    if pin.wheel:
        target = root / pin.wheel[0]
        if not target.is_file() or target.read_bytes() != pin.wheel[1]:
            wheel = (target, pin.wheel[1])
    pinned = root / pin.wheel[0] if pin.wheel else None
    stale = tuple(p for p in sorted((root / VENDOR).glob("sincerely-*.whl")) if p != pinned)
    return Plan(changes, wheel, stale)


def theme_diff(project: Path, name: str) -> str:
    """A unified diff from the project's copy of a theme file to the theme's own ('' if
    they are the same): its + lines are what the theme has and the copy lacks."""
    layouts = load_config(project).layouts_dir
    name = name.removeprefix("layouts/")
    check_theme_file(name, theme_files(), layouts)
    own = layouts / name
    if not own.is_file():
        raise BuildError.single(
            f"you have no layouts/{name}: the theme's own is used as it is; "
            f"'sincerely theme copy {name}' makes a copy of yours to change",
            Location(layouts),
        )
    theirs = bundled_theme_dir() / name
    try:
        mine, current = own.read_text(encoding="utf-8"), theirs.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        same = own.read_bytes() == theirs.read_bytes()
        return "" if same else f"Binary files layouts/{name} and theme/{name} differ\n"
    return _unified(mine, current, f"layouts/{name}", f"theme/{name}")


def extends_the_themes(project: Path, name: str) -> bool:
    """Whether the project's layouts/NAME extends the theme's own NAME (a layer that fills
    blocks, as the theming guide's second way does): not a copy, so there is nothing to
    compare, and it gets the theme's fixes as they come."""
    own = load_config(project).layouts_dir / name.removeprefix("layouts/")
    try:
        text = own.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    pattern = r"\{%-?\s*extends\s+[\"']theme/" + re.escape(own.name) + r"[\"']"
    code = re.sub(r"\{#.*?#\}", "", text, flags=re.S)  # a comment may show the line
    return re.search(pattern, code) is not None


def overridden(project: Path) -> list[str]:
    """The theme's files the project has a copy of, in layouts/."""
    layouts = load_config(project).layouts_dir
    return [name for name in theme_files() if (layouts / name).is_file()]
