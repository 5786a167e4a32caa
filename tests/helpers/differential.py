"""Random edits of every kind, each build compared byte for byte with a fresh one.

The property every incremental result must have: after any edit, what `build` leaves
in the output folder, and what `serve` keeps in memory, is what a clean build of the
project as it now is makes (`build --fresh`), byte for byte; and after an edit that
breaks the project, the output folder is the last good site, untouched. A run is a seed
and a number of steps; the same seed makes the same edits. The suite runs a few dozen
(tests/build/test_differential.py); `python -m bench.differential` runs as many as asked.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sincerely.build.builders import run
from sincerely.build.writer import MARKER
from sincerely.common import intake
from sincerely.common.errors import BuildError
from sincerely.serve.rebuild import IncrementalBuilder

from ..conftest import MINIMAL_SCENARIO, tree

TAGS = ("final-round", "networking", "feedback", "internship", "library")
CHANNELS = {"email": "", "letter": "", "note": ""}
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}"></svg>'
# With an address, so that the site has feeds and what pages say by full addresses
# (og:image) is compared; with a redirect to a page that stays; with the owner's hooks;
# with a footer that links to a page and to a file of content/.
SETTINGS = (
    '[tool.sincerely]\ntitle = "{title}"\naccent = "{accent}"\nlogo = "logo.svg"\n'
    'base_url = "https://example.org/letters/"\nhooks = ["hooks.py"]\n'
    'footer = "[About](about.md), [the guide](files/guide.txt)"\n\n'
    '[tool.sincerely.redirects]\n"old/about.html" = "about.md"\n'
)
# The owner's hooks: a filter the page layout uses, a value in every page's context,
# and a description of the gallery, each of the hook's version.
HOOKS = """\
import dataclasses


def on_config(settings):
    return dataclasses.replace(settings, description="Version {n} of the gallery.")


def on_env(env):
    env.filters["versioned"] = lambda text: f"{{text}} (version {n})"


def on_page_context(context, page):
    return {{**context, "hook_version": {n}}}
"""


def letter(rng: random.Random, title: str) -> str:
    """A valid letter with a random channel, order, tags and words."""
    channel = rng.choice(list(CHANNELS))
    text = MINIMAL_SCENARIO.replace("title: Close second", f"title: {title}")
    tags = rng.sample(TAGS, rng.randint(0, 3))
    head = f"channel: {channel}\norder: {rng.randint(0, 40)}\n"
    if tags:
        head += f"tags: [{', '.join(tags)}]\n"
    text = text.replace("channel: email\n", head)
    if channel != "email":
        text = text.replace("  subject: Thank you, {manager_name}\n", "")
    return text.replace("Short and sincere.", f"Short and sincere, {rng.randint(0, 99)}.")


def start(root: Path, rng: random.Random) -> None:
    """A small gallery: two packs of letters, a page, a home page, the owner's logo."""
    (root / "content").mkdir(parents=True)
    for pack in ("first", "second"):
        (root / "content" / pack).mkdir()
        (root / "content" / pack / "_pack.yaml").write_text(
            f"title: The {pack} pack\nsummary: Letters, {pack}.\n", encoding="utf-8"
        )
        for n in range(6):
            path = root / "content" / pack / f"l{n}.yaml"
            path.write_text(letter(rng, f"{pack.title()} letter {n}"), encoding="utf-8")
    (root / "content/index.md").write_text("---\ntitle: Home\n---\nWelcome.\n")
    (root / "content/about.md").write_text("---\ntitle: About\norder: 2\n---\nAbout us.\n")
    (root / "logo.svg").write_text(LOGO.format(w=40, h=32), encoding="utf-8")
    (root / "pyproject.toml").write_text(SETTINGS.format(title="Letters", accent="#1a7f37"))
    (root / "hooks.py").write_text(HOOKS.format(n=0), encoding="utf-8")


# ---- the edits ----


def _letters(root: Path) -> list[Path]:
    return sorted((root / "content").glob("*/l*.yaml"))


def _replace(path: Path, pattern: str, new: str) -> None:
    path.write_text(re.sub(pattern, new, path.read_text(encoding="utf-8"), count=1))


def retitle(root: Path, rng: random.Random) -> None:
    path = rng.choice(_letters(root))
    _replace(path, r"title: .*", f"title: Letter {rng.randint(0, 999)}")


def retag(root: Path, rng: random.Random) -> None:
    path = rng.choice(_letters(root))
    text = re.sub(r"tags: \[.*\]\n", "", path.read_text(encoding="utf-8"))
    tags = rng.sample(TAGS, rng.randint(0, 3))
    if tags:
        text = text.replace("order:", f"tags: [{', '.join(tags)}]\norder:", 1)
    path.write_text(text, encoding="utf-8")


def reorder(root: Path, rng: random.Random) -> None:
    _replace(rng.choice(_letters(root)), r"order: \d+", f"order: {rng.randint(0, 40)}")


def redate(root: Path, rng: random.Random) -> None:
    """A letter's published day set, changed or taken away: its page and its feed."""
    path = rng.choice(_letters(root))
    text = re.sub(r"published: .*\n", "", path.read_text(encoding="utf-8"))
    if rng.random() < 0.8:
        text += f"published: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
    path.write_text(text, encoding="utf-8")


def add_letter(root: Path, rng: random.Random) -> None:
    pack = rng.choice(["first", "second"])
    path = root / "content" / pack / f"l{rng.randint(6, 30)}.yaml"
    path.write_text(letter(rng, f"New letter {rng.randint(0, 999)}"), encoding="utf-8")


def remove_letter(root: Path, rng: random.Random) -> None:
    letters = _letters(root)
    if len(letters) > 3:
        rng.choice(letters).unlink()


def move_letter(root: Path, rng: random.Random) -> None:
    path = rng.choice(_letters(root))
    other = "second" if path.parent.name == "first" else "first"
    target = root / "content" / other / f"l{rng.randint(31, 60)}.yaml"
    if not target.exists():
        path.rename(target)


def edit_pack(root: Path, rng: random.Random) -> None:
    pack = root / "content" / rng.choice(["first", "second"]) / "_pack.yaml"
    _replace(pack, r"title: .*", f"title: Pack {rng.randint(0, 99)}")


def edit_page(root: Path, rng: random.Random) -> None:
    page = root / "content" / rng.choice(["about.md", "index.md", "faq.md"])
    if page.name == "faq.md" and page.exists() and rng.random() < 0.5:
        page.unlink()
        return
    # Its place among the packs, and whether the header lists it, are on every page.
    place = f"order: {rng.randint(0, 40)}\nnav: {rng.choice(['true', 'false'])}\n"
    front = f"title: Page {rng.randint(0, 99)}\n" + (place if page.name != "index.md" else "")
    page.write_text(f"---\n{front}---\nWords {rng.random()}.\n")


def edit_settings(root: Path, rng: random.Random) -> None:
    accent = rng.choice(["#1a7f37", "#0b5d3b", "#8a2be2"])
    title = rng.choice(["Letters", "Our letters", "Notes"])
    (root / "pyproject.toml").write_text(SETTINGS.format(title=title, accent=accent))


def edit_layout(root: Path, rng: random.Random) -> None:
    layout = root / "layouts/page.html"
    if layout.exists() and rng.random() < 0.3:
        shutil.rmtree(root / "layouts")
        return
    layout.parent.mkdir(exist_ok=True)
    layout.write_text(
        '{% extends "theme/page.html" %}\n{% block main %}<h1>{{ page.title | versioned }}</h1>'
        f"<p>Version {rng.randint(0, 99)}, {{{{ hook_version }}}}</p>{{% endblock %}}\n",
        encoding="utf-8",
    )


def resize_logo(root: Path, rng: random.Random) -> None:
    size = rng.choice([(40, 32), (80, 64), (48, 48)])
    (root / "logo.svg").write_text(LOGO.format(w=size[0], h=size[1]), encoding="utf-8")


def picture_letter(root: Path, rng: random.Random) -> None:
    """A letter's own picture: named, changed, or no longer named. It is in both packs'
    folders, so that a letter moved to the other pack still finds it."""
    for pack in ("first", "second"):
        (root / "content" / pack / "pic.png").write_bytes(b"\x89PNG" + rng.randbytes(8))
    path = rng.choice(_letters(root))
    text = re.sub(r"image: .*\n", "", path.read_text(encoding="utf-8"))
    path.write_text(text + ("image: pic.png\n" if rng.random() < 0.7 else ""), encoding="utf-8")


def edit_file(root: Path, rng: random.Random) -> None:
    """A file of content/ published as it is: added, changed or removed."""
    path = root / "content" / rng.choice(["CNAME", "first/brochure.pdf", "files/guide.txt"])
    if path.exists() and rng.random() < 0.4:
        path.unlink()
        return
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(f"version {rng.randint(0, 99)}\n".encode())


def edit_hook(root: Path, rng: random.Random) -> None:
    (root / "hooks.py").write_text(HOOKS.format(n=rng.randint(0, 3)), encoding="utf-8")


def touch(root: Path, rng: random.Random) -> None:
    path = rng.choice(_letters(root))
    os.utime(path)  # a new time, the same bytes: nothing changes


def edit_keeping_size_and_time(root: Path, rng: random.Random) -> None:
    path = rng.choice(_letters(root))
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    digits = re.search(r"sincere, (\d+)\.", text)
    if digits:
        new = f"{(int(digits[1]) + 1) % 100:0{len(digits[1])}d}"
        path.write_text(text.replace(digits[0], f"sincere, {new}.", 1), encoding="utf-8")
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def break_one(root: Path, rng: random.Random) -> None:
    """A mistake: the next build fails and must leave the last good site as it was."""
    path = rng.choice(_letters(root))
    path.write_text(path.read_text(encoding="utf-8") + "no_such_key: 1\n", encoding="utf-8")


EDITS: dict[str, Callable[[Path, random.Random], None]] = {
    f.__name__: f
    for f in (
        retitle,
        retag,
        reorder,
        redate,
        add_letter,
        remove_letter,
        move_letter,
        edit_pack,
        edit_page,
        edit_settings,
        edit_layout,
        resize_logo,
        picture_letter,
        edit_file,
        edit_hook,
        touch,
        edit_keeping_size_and_time,
        break_one,
    )
}


# ---- a run ----


@dataclass
class Report:
    steps: Counter[str] = field(default_factory=Counter)
    failed_builds: int = 0
    reused: int = 0

    def line(self) -> str:
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.steps.items()))
        return (
            f"{sum(self.steps.values())} steps ({kinds}); {self.failed_builds} refused "
            f"builds left the last site untouched; {self.reused:,} files brought over"
        )


def _site(folder: Path) -> dict[str, bytes]:
    return {path: data for path, data in tree(folder).items() if path != MARKER}


def _fix(root: Path) -> None:
    for path in _letters(root):
        text = path.read_text(encoding="utf-8")
        if "no_such_key: 1\n" in text:
            path.write_text(text.replace("no_such_key: 1\n", ""), encoding="utf-8")


def differential(work: Path, seed: int, steps: int, serve_every: int = 3) -> Report:
    """Run ``steps`` random edits on a fresh gallery in ``work``; after each, build it
    as the command line does, and (every ``serve_every`` steps) as serve does, and
    compare both with a fresh build; raise AssertionError at the first difference."""
    rng = random.Random(seed)
    root, fresh = work / "project", work / "fresh"
    start(root, rng)
    # Stamps taken at once are trusted: the checks that see through size and time do
    # the work, not the settling rule (both are tested on their own).
    settling, intake.SETTLING_NS = intake.SETTLING_NS, 0
    report = Report()
    try:
        run(root)
        served = IncrementalBuilder(root)
        served.build()
        for step in range(steps):
            name = rng.choice(list(EDITS))
            EDITS[name](root, rng)
            report.steps[name] += 1
            before = _site(root / "site")
            try:
                result = run(root)
            except BuildError:
                assert _site(root / "site") == before, f"step {step} ({name}): site touched"
                report.failed_builds += 1
                _fix(root)
                result = run(root)
            report.reused += result.reused
            shutil.rmtree(fresh, ignore_errors=True)
            run(root, fresh, fresh=True)
            expected = _site(fresh)
            got = _site(root / "site")
            assert sorted(got) == sorted(expected), f"step {step} ({name}): other files"
            differ = sorted(path for path in expected if got[path] != expected[path])
            assert not differ, f"step {step} ({name}): {differ[:5]} differ from a fresh build"
            if step % serve_every == 0:
                served.build()
                served.archive()
                made = {path: served.file(path) for path in expected}
                differ = sorted(path for path in expected if made[path] != expected[path])
                assert not differ, f"step {step} ({name}), served: {differ[:5]} differ"
    finally:
        intake.SETTLING_NS = settling
    return report
