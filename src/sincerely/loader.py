"""Phase one: read every content file, validate it, and build the immutable model.

Every problem in every file is collected before anything is reported, so that one run
of ``sincerely check`` shows a contributor everything there is to fix.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import formats
from .config import Config
from .errors import BuildError, Diagnostic, Diagnostics, Location, did_you_mean
from .markdown import IMAGE_WARNING, images
from .model import Pack, Page, Scenario, Site, sort_key
from .scenario import build_scenario, warn_todos, warn_todos_in_text
from .schema import check
from .yamlnodes import MappingNode, ScalarNode, decode, parse

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_SLUG = re.compile(formats.SLUG)
RESERVED_SLUGS = frozenset({"index", "search", "404", "tags", "static", "schema", "_sources"})


def _relative(config: Config, path: Path) -> PurePosixPath:
    return PurePosixPath(path.relative_to(config.root).as_posix())


def _read(path: Path, config: Config, out: Diagnostics) -> str | None:
    """The text of a content file, refusing links that lead outside content/."""
    if path.is_symlink() and not path.resolve().is_relative_to(config.content_dir):
        out.error(
            "symbolic link points outside the content folder; copy the file in instead",
            Location(path),
        )
        return None
    try:
        return decode(path, path.read_bytes())
    except BuildError as exc:
        out.extend(exc.diagnostics)
    except OSError as exc:
        out.error(f"cannot read file: {exc.strerror}", Location(path))
    return None


def _mapping(path: Path, text: str, out: Diagnostics) -> MappingNode | None:
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


def _text(node: MappingNode, key: str, default: str = "") -> str:
    value = node.get(key)
    return str(value.value) if isinstance(value, ScalarNode) else default


def _int(node: MappingNode, key: str) -> int:
    value = node.get(key)
    return value.value if isinstance(value, ScalarNode) and isinstance(value.value, int) else 0


def suggest_slug(name: str) -> str:
    """A valid slug close to ``name``: accents dropped, other runs of symbols hyphenated."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "untitled"


def _check_slug(path: Path, name: str, what: str, out: Diagnostics) -> bool:
    if not re.fullmatch(formats.SLUG, name):
        suggestion = suggest_slug(name) + (path.suffix if path.is_file() else "")
        out.error(
            f"{what} name '{name}' must be {formats.SLUG_HELP}; rename it to '{suggestion}'",
            Location(path),
        )
        return False
    if name in RESERVED_SLUGS:
        out.error(
            f"{what} name '{name}' is reserved for the site's own pages; choose another",
            Location(path),
        )
        return False
    return True


def load_page(path: Path, config: Config, out: Diagnostics) -> Page | None:
    text = _read(path, config, out)
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
    node = _mapping(path, front, out) if match[1] and match[1].strip() else None
    if node is None:
        if not (match[1] and match[1].strip()):
            out.error("front matter is empty; add 'title: …'", Location(path, 1, 1))
        return None
    if not check(node, formats.PAGE, "", out):
        return None
    warn_todos(node, out)
    warn_todos_in_text(path, text, match.end(), out)
    for start, alt in images(text[match.end() :]):
        where = Location.at_offset(path, text, match.end() + start)
        out.warning(IMAGE_WARNING.format(alt=alt), where)
    return Page(
        slug=path.stem,
        title=_text(node, "title"),
        order=_int(node, "order"),
        body=text[match.end() :],
        source_path=_relative(config, path),
    )


@dataclass(frozen=True, slots=True)
class Loaded:
    """What loading one scenario file gave, and the file it was loaded from."""

    stamp: tuple[int, int, int]  # modification time, size and inode when it was read
    data: bytes
    scenario: Scenario | None
    diagnostics: tuple[Diagnostic, ...]


# Each scenario file's result by path, kept between builds by serve, so that an unchanged
# file is neither read nor parsed again: a file whose stamp is unchanged is taken as
# unchanged (as Sphinx and MkDocs do), and one whose bytes are unchanged is not parsed.
LoadCache = dict[str, Loaded]


def _outside_content(entry: os.DirEntry[str], config: Config) -> bool:
    return entry.is_symlink() and not Path(entry.path).resolve().is_relative_to(config.content_dir)


def load_scenario(
    entry: os.DirEntry[str], pack: str, config: Config, out: Diagnostics, cache: LoadCache
) -> Scenario | None:
    """One scenario file, from the cache when it has not changed."""
    if _outside_content(entry, config):
        out.error(
            "symbolic link points outside the content folder; copy the file in instead",
            Location(Path(entry.path)),
        )
        return None
    cached = cache.get(entry.path)
    path = None
    try:
        info = entry.stat()
        stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        if cached is not None and cached.stamp == stamp:
            out.extend(cached.diagnostics)
            return cached.scenario
        path = Path(entry.path)
        data = path.read_bytes()
    except OSError as exc:
        path = Path(entry.path)
        out.error(f"cannot read file: {exc.strerror}", Location(path))
        return None
    if cached is not None and cached.data == data:
        cache[entry.path] = Loaded(stamp, data, cached.scenario, cached.diagnostics)
        out.extend(cached.diagnostics)
        return cached.scenario
    mine = Diagnostics()
    scenario = None
    try:
        text = decode(path, data)
    except BuildError as exc:
        mine.extend(exc.diagnostics)
    else:
        root = _mapping(path, text, mine)
        if root is not None:
            scenario = build_scenario(
                root,
                yaml_text=text,
                pack=pack,
                slug=path.stem,
                source_path=_relative(config, path),
                out=mine,
            )
    cache[entry.path] = Loaded(stamp, data, scenario, mine.items)
    out.extend(mine.items)
    return scenario


def _warn_nested(sub: Path, pack: Path, out: Diagnostics) -> None:
    """Content files in a folder inside a pack are not loaded: say so, file by file."""
    for path in sorted(sub.rglob("*")):
        hidden = any(part.startswith((".", "_")) for part in path.relative_to(sub).parts)
        if path.suffix in (".yaml", ".yml", ".md") and path.is_file() and not hidden:
            out.warning(
                f"ignored: scenario files go directly in the pack's folder ({pack.name}/), "
                "not in a folder inside it; move it there to publish it, or into a folder "
                "whose name starts with '_' to keep it aside",
                Location(path),
            )


def load_pack(folder: Path, config: Config, out: Diagnostics, cache: LoadCache) -> Pack | None:
    meta_path = folder / "_pack.yaml"
    text = _read(meta_path, config, out)
    meta = _mapping(meta_path, text, out) if text is not None else None
    meta_ok = meta is not None and check(meta, formats.PACK, "", out)
    if meta is not None:
        warn_todos(meta, out)
    scenarios: list[Scenario] = []
    # os.scandir, not Path.iterdir: its entries know their names and types, which keeps
    # a no-change pass over a thousand files in milliseconds.
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        name = entry.name
        if name.startswith((".", "_")):
            continue
        if entry.is_dir():
            _warn_nested(Path(entry.path), folder, out)
            continue
        stem, _, suffix = name.rpartition(".")
        if suffix == "yml":
            out.warning(
                f"ignored: rename it to '{stem}.yaml' to load it", Location(Path(entry.path))
            )
            continue
        if suffix != "yaml" or not stem:
            if suffix == "md":
                out.warning(
                    "Markdown pages belong directly in the content folder",
                    Location(Path(entry.path)),
                )
            continue
        if not (_SLUG.fullmatch(stem) and stem not in RESERVED_SLUGS):
            _check_slug(Path(entry.path), stem, "file", out)
            continue
        scenario = load_scenario(entry, folder.name, config, out, cache)
        if scenario is not None:
            scenarios.append(scenario)
    if meta is None or not meta_ok:
        return None
    scenarios.sort(key=lambda s: sort_key(s.order, s.title))
    return Pack(
        slug=folder.name,
        title=_text(meta, "title"),
        summary=_text(meta, "summary"),
        intro=_text(meta, "intro"),
        order=_int(meta, "order"),
        source_path=_relative(config, meta_path),
        scenarios=tuple(scenarios),
    )


def _check_tags(config: Config, site_tags: dict[str, list[Scenario]], out: Diagnostics) -> None:
    """A tag used once, close to a tag used more often, is most likely a typo."""
    for tag, users in site_tags.items():
        if len(users) != 1:
            continue
        common = [t for t, u in site_tags.items() if len(u) > 1]
        hint = did_you_mean(tag, common)
        if hint:
            where = Location(config.root / Path(users[0].source_path))
            out.warning(f"tag '{tag}' is used only here{hint}", where)


def load_site(config: Config, cache: LoadCache | None = None) -> tuple[Site, Diagnostics]:
    """Load and validate everything; raise BuildError if any file has an error."""
    out = Diagnostics()
    cache = {} if cache is None else cache
    content = config.content_dir
    if not content.is_dir():
        raise BuildError.single(
            "content folder not found; create it, or set content_dir in [tool.sincerely]",
            Location(content),
        )
    packs: list[Pack] = []
    pages: list[Page] = []
    intro: Page | None = None
    for entry in sorted(content.iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_dir():
            if not (entry / "_pack.yaml").is_file():
                out.error(
                    "folder has no _pack.yaml: every folder in content/ is a pack; "
                    "add _pack.yaml (title, summary) or move the folder out",
                    Location(entry),
                )
            elif _check_slug(entry, entry.name, "pack folder", out):
                pack = load_pack(entry, config, out, cache)
                if pack is not None:
                    packs.append(pack)
        elif entry.suffix == ".md":
            if entry.stem == "index":
                intro = load_page(entry, config, out)
            elif _check_slug(entry, entry.stem, "page", out):
                page = load_page(entry, config, out)
                if page is not None:
                    pages.append(page)
        elif entry.suffix in (".yaml", ".yml"):
            out.error(
                "scenario files belong in a pack folder, like content/my-pack/",
                Location(entry),
            )
    taken = {p.slug for p in packs}
    for page in pages:
        if page.slug in taken:
            out.error(
                f"page '{page.slug}' has the same name as a pack; rename one of them",
                Location(config.root / Path(page.source_path)),
            )
    packs.sort(key=lambda p: sort_key(p.order, p.title))
    tags: dict[str, list[Scenario]] = defaultdict(list)  # each in the gallery's order
    for pack in packs:
        for scenario in pack.scenarios:
            for tag in scenario.tags:
                tags[tag].append(scenario)
    _check_tags(config, tags, out)
    out.raise_if_errors()
    pages.sort(key=lambda p: sort_key(p.order, p.title))
    channels: dict[str, list[Scenario]] = {channel: [] for channel in formats.CHANNELS}
    for pack in packs:
        for scenario in pack.scenarios:
            channels[scenario.channel].append(scenario)
    site = Site(
        config=config,
        intro=intro,
        pages=tuple(pages),
        packs=tuple(packs),
        tags={tag: tuple(tags[tag]) for tag in sorted(tags)},
        channels={channel: tuple(sent) for channel, sent in channels.items() if sent},
    )
    return site, out
