"""Reading one content file into the model: a scenario, a page, the YAML of a pack.

Every problem is collected, located, in the Diagnostics passed in; a file that cannot be
read becomes None, never an exception. A scenario file's result is kept by its bytes
(LoadCache), so that serve never reads or parses an unchanged file twice.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from pathlib import Path, PurePosixPath

from ..common.errors import BuildError, Diagnostics, Location
from ..common.intake import entry_refusal, refusal, settled, stamp_of, taken_in
from ..common.markdown import IMAGE_WARNING, images
from ..common.spelling import other_spellings
from ..format.nodes import MappingNode, point_inside, text_scalars
from ..format.records import check
from ..format.values import TODO_PATTERN, TODO_WARNING
from ..format.yamlnodes import decode, parse
from ..model.config import Config
from ..model.scenario import SCENARIO, Scenario
from ..model.site import PAGE, Page
from .coach import check_letter_coach
from .loaded import LoadCache, Loaded
from .tags import in_language

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def relative_to_project(config: Config, path: Path) -> PurePosixPath:
    return PurePosixPath(path.relative_to(config.root).as_posix())


def read_text(path: Path, config: Config, out: Diagnostics) -> str | None:
    """The text of a content file, if the site may take it in (common/intake.py)."""
    if not taken_in(path, out):
        return None
    try:
        return decode(path, path.read_bytes())
    except BuildError as exc:
        out.extend(exc.diagnostics)
    except OSError as exc:
        out.error(f"cannot read file: {exc.strerror}", Location(path))
    return None


def read_mapping(path: Path, text: str, out: Diagnostics) -> MappingNode | None:
    try:
        root = parse(path, text)
    except BuildError as exc:
        out.extend(exc.diagnostics)
        return None
    if not isinstance(root, MappingNode):
        out.error(
            "the file must be a mapping of keys to values, like 'title: …' on the first line",
            root.location,
        )
        return None
    return root


# Values that are names of things, not prose, and the coach's words for what readers
# type (in either spelling: 'honor the offer' is what it must catch): no spelling of
# theirs is judged.
_NOT_PROSE = frozenset({"id", "url", "autocomplete", "kind", "channel", "avoid", "generic"})


def warn_spelling(node: MappingNode, language: str, out: Diagnostics) -> None:
    """A warning at each word of the file spelt in the other variety of English (for a
    file in ``language``)."""
    for scalar in text_scalars(node, _NOT_PROSE):
        value = str(scalar.value)
        for start, word, message in other_spellings(value, language):
            out.warning(message, point_inside(scalar, word, value.count(word, 0, start)))


def load_page(path: Path, config: Config, out: Diagnostics) -> Page | None:
    text = read_text(path, config, out)
    if text is None:
        return None
    match = _FRONT_MATTER.match(text)
    if match is None:
        out.error(
            "a page starts with front matter: a line '---', then 'title: …', then '---'",
            Location(path, 1, 1),
        )
        return None
    # Parse the front matter in place, so that its line numbers are the file's own.
    front = text[: match.end(1) if match[1] else match.end()].replace("---", "   ", 1)
    node = read_mapping(path, front, out) if match[1] and match[1].strip() else None
    if node is None:
        if not (match[1] and match[1].strip()):
            out.error("front matter is empty; add 'title: …'", Location(path, 1, 1))
        return None
    if not check(node, PAGE, out):
        return None
    body = match.end()
    for todo in TODO_PATTERN.finditer(text, body):
        out.warning(TODO_WARNING, Location.at_offset(path, text, todo.start()))
    warn_spelling(node, config.language, out)
    for start, _word, message in other_spellings(text[body:], config.language):
        out.warning(message, Location.at_offset(path, text, body + start))
    for start, alt in images(text[body:]):
        out.warning(IMAGE_WARNING.format(alt=alt), Location.at_offset(path, text, body + start))
    page: Page = PAGE.build(
        node, slug=path.stem, body=text[body:], source_path=relative_to_project(config, path)
    )
    return page


def load_scenario(
    entry: os.DirEntry[str],
    pack: str,
    config: Config,
    out: Diagnostics,
    cache: LoadCache,
    *,
    language: str = "",
) -> Scenario | None:
    """One scenario file (in ``language``, its pack's), from the cache when it has not
    changed."""
    refused = entry_refusal(entry)
    if refused is not None:
        out.error(refused, Location(Path(entry.path)))
        return None
    language = language or config.language
    cached = cache.files.get(entry.path)
    if cached is not None and cached.language != language:
        cached = None
    path = None
    try:
        taken = time.time_ns()
        info = entry.stat()
        stamp = stamp_of(info)
        if cached is not None and cached.current(stamp):
            out.extend(cached.diagnostics)
            return cached.scenario
        path = Path(entry.path)
        data = path.read_bytes()
    except OSError as exc:
        path = Path(entry.path)
        out.error(f"cannot read file: {exc.strerror}", Location(path))
        return None
    digest = hashlib.blake2b(data, digest_size=16).digest()
    if cached is not None and cached.digest == digest:
        # The same bytes: kept as it was, unless the stamp is news (a new one, or one
        # settled now), so that what was made from it stands and is not kept again.
        if cached.stamp != stamp or settled(stamp, taken):
            cache.files[entry.path] = Loaded(
                stamp, taken, digest, language, cached.scenario, cached.diagnostics
            )
        out.extend(cached.diagnostics)
        return cached.scenario
    mine = Diagnostics()
    scenario = None
    try:
        text = decode(path, data)
    except BuildError as exc:
        mine.extend(exc.diagnostics)
    else:
        root = read_mapping(path, text, mine)
        if root is not None:
            warn_spelling(root, language, mine)
        if root is not None and check(root, SCENARIO, mine):
            scenario = SCENARIO.build(
                root,
                pack=pack,
                slug=path.stem,
                source_path=relative_to_project(config, path),
                yaml_text=text,
            )
            scenario = in_language(scenario, root, language, mine)
            check_letter_coach(root, scenario, language, mine)
    cache.files[entry.path] = Loaded(stamp, taken, digest, language, scenario, mine.items)
    out.extend(mine.items)
    return scenario


_IMAGE_KEY = re.compile(r"^image[ \t]*:", re.MULTILINE)


def check_letter_images(config: Config, scenarios: list[Scenario], out: Diagnostics) -> None:
    """Each letter's `image` must be a file in its pack's folder: checked at every load,
    not kept with the letter, since the file may come or go while the letter stays."""
    for scenario in scenarios:
        if not scenario.image:
            continue
        path = config.content_dir / scenario.pack / scenario.image
        found = _IMAGE_KEY.search(scenario.yaml_text)
        line = scenario.yaml_text.count("\n", 0, found.start()) + 1 if found else 1
        where = Location(config.root / Path(scenario.source_path), line, 1)
        if (refused := refusal(path)) is not None:
            if "/" in scenario.image:  # one directly in the pack's folder is told of already
                out.error(f"'image': {scenario.image} {refused}", where)
            continue
        if not path.is_file():
            out.error(
                f"'image': there is no file '{scenario.image}' in the pack's folder "
                f"({scenario.pack}/); put the picture there, or give its path from that folder",
                where,
            )
