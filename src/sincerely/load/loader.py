"""Phase one: read every content file, validate it, and build the immutable model.

Every problem in every file is collected before anything is reported, so that one run
of ``sincerely check`` shows a contributor everything there is to fix.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TypeVar

from ..common.errors import BuildError, Diagnostics, Location, did_you_mean
from ..common.i18n import load_messages
from ..common.intake import UNREADABLE, entry_refusal, files_under, refusal, taken_in
from ..common.slugs import Tag
from ..format.nodes import MappingNode, ScalarNode
from ..format.records import check
from ..format.values import TODO_WARNING
from ..model.channels import CHANNELS
from ..model.config import Config, setting_location
from ..model.scenario import Scenario
from ..model.schema import warn_stale_schema
from ..model.site import PACK, Pack, Page, Site, language_of, sort_key
from ..theming.csp import warn_blocked
from ..theming.look import check_look
from ..theming.theme import Theme
from .citations import check_citations
from .coach import check_pack_coach
from .contentfiles import (
    check_letter_images,
    load_page,
    load_scenario,
    read_mapping,
    read_text,
    relative_to_project,
    warn_spelling,
)
from .files import holds_content, published_files
from .loaded import LoadCache
from .names import NEW_TEMPLATE, check_name, is_name
from .tags import check_spellings
from .translations import link_translations

K = TypeVar("K", bound=str)


def _warn_nested(sub: Path, pack: Path, out: Diagnostics) -> None:
    """Content files in a folder inside a pack are not loaded: say so, file by file."""
    unread = Diagnostics()  # nothing in it is published: what cannot be read is a warning
    for path in files_under(sub, unread):
        hidden = any(part.startswith((".", "_")) for part in path.relative_to(sub).parts)
        if path.suffix in (".yaml", ".yml", ".md") and path.is_file() and not hidden:
            out.warning(
                f"ignored: scenario files go directly in the pack's folder ({pack.name}/), "
                "not in a folder inside it; move it there to publish it, or into a folder "
                "whose name starts with '_' to keep it aside",
                Location(path),
            )
    for problem in unread.items:
        if problem.message.startswith(UNREADABLE.split("{", 1)[0]):
            out.warning(problem.message, problem.location)


def _check_new_template(
    entry: os.DirEntry[str], pack: str, config: Config, out: Diagnostics, cache: LoadCache
) -> None:
    """A pack's starting point for new scenarios is held to the format, so that what
    `new` writes from it stays valid as the format changes; its TODOs are its point."""
    found = Diagnostics()
    load_scenario(entry, pack, config, found, cache)
    out.extend(d for d in found.items if d.message != TODO_WARNING)


def declared_language(meta: MappingNode | None) -> str:
    """The language a pack's file declares, read before its letters are (their spelling
    is judged in it); '' if none, or if it is not a text (check says so)."""
    node = meta.get("language") if meta is not None else None
    value = node.value if isinstance(node, ScalarNode) else None
    return value if isinstance(value, str) else ""


def load_pack(folder: Path, config: Config, out: Diagnostics, cache: LoadCache) -> Pack | None:
    meta_path = folder / "_pack.yaml"
    text = read_text(meta_path, config, out)
    meta = read_mapping(meta_path, text, out) if text is not None else None
    meta_ok = meta is not None and check(meta, PACK, out)
    language = declared_language(meta) or config.language
    if meta is not None:
        warn_spelling(meta, language, out)
    scenarios: list[Scenario] = []
    # os.scandir, not Path.iterdir: its entries know their names and types, which keeps
    # a no-change pass over a thousand files in milliseconds.
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        out.error(UNREADABLE.format(reason=exc.strerror), Location(folder))
        return None
    for entry in entries:
        name = entry.name
        taken = name == NEW_TEMPLATE or not name.startswith((".", "_"))
        inside = entry.is_dir(follow_symlinks=False)  # not published: _warn_nested looks in
        if taken and not inside and (refused := entry_refusal(entry)):
            out.error(refused, Location(Path(entry.path)))
            continue
        if name == NEW_TEMPLATE:
            _check_new_template(entry, folder.name, config, out, cache)
            continue
        if name.startswith((".", "_")):
            continue
        if inside:
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
        if not is_name(stem):
            check_name(Path(entry.path), stem, "file", out, language)
            continue
        scenario = load_scenario(entry, folder.name, config, out, cache, language=language)
        if scenario is not None:
            scenarios.append(scenario)
    if meta is None or not meta_ok:
        return None
    scenarios.sort(key=lambda s: sort_key(s.order, s.title))
    pack: Pack = PACK.build(
        meta,
        slug=folder.name,
        source_path=relative_to_project(config, meta_path),
        scenarios=tuple(scenarios),
    )
    check_pack_coach(meta, pack, language, out)
    before = cache.packs.get(pack.slug)
    if before == pack and all(
        a is b for a, b in zip(before.scenarios, pack.scenarios, strict=True)
    ):
        return before  # the same object: what was made from it stands
    cache.packs[pack.slug] = pack
    return pack


def _check_tags(config: Config, site_tags: dict[Tag, list[Scenario]], out: Diagnostics) -> None:
    """A tag used once, close to a tag used more often, is most likely a typo."""
    for tag, users in site_tags.items():
        if len(users) != 1:
            continue
        common = [t for t, u in site_tags.items() if len(u) > 1]
        hint = did_you_mean(tag, common)
        if hint:
            where = Location(config.root / Path(users[0].source_path))
            out.warning(f"tag '{tag.label}' is used only here{hint}", where)


def _content_folder(config: Config) -> Path:
    """The content folder, if it is there and the site may take it in."""
    named = config.root / config.settings.content_dir  # as the settings name it
    refused = refusal(named)
    if refused is not None:
        raise BuildError.single(refused, Location(named))
    if not config.content_dir.is_dir():
        raise BuildError.single(
            "content folder not found; create it, or set content_dir in [tool.sincerely]",
            Location(config.content_dir),
        )
    return config.content_dir


def _read_content(
    config: Config, cache: LoadCache, out: Diagnostics
) -> tuple[list[Pack], list[Page], Page | None]:
    """Every pack and page in content/ (and its index.md), each problem into ``out``."""
    content = _content_folder(config)
    packs: list[Pack] = []
    pages: list[Page] = []
    intro: Page | None = None
    try:
        listed = sorted(content.iterdir())
    except OSError as exc:
        raise BuildError.single(UNREADABLE.format(reason=exc.strerror), Location(content)) from None
    for entry in listed:
        if entry.name.startswith((".", "_")) or not taken_in(entry, out):
            continue
        if entry.is_dir():
            meta = entry / "_pack.yaml"  # if it is not a file, load_pack says why
            if refusal(meta) is None and not meta.is_file() and not holds_content(entry):
                continue  # a folder of files, published as they are (files.py)
            if refusal(meta) is None and not meta.is_file():
                out.error(
                    "folder has no _pack.yaml: a folder of content/ with letters or "
                    "pages in it is a pack; add _pack.yaml (title, summary) or move the "
                    "folder out",
                    Location(entry),
                )
            elif check_name(entry, entry.name, "pack folder", out, config.language):
                pack = load_pack(entry, config, out, cache)
                if pack is not None:
                    packs.append(pack)
        elif entry.suffix == ".md":
            if entry.stem == "index":
                intro = load_page(entry, config, out)
            elif check_name(entry, entry.stem, "page", out, config.language):
                page = load_page(entry, config, out)
                if page is not None:
                    pages.append(page)
        elif entry.suffix in (".yaml", ".yml"):
            out.error(
                "scenario files belong in a pack folder, like content/my-pack/",
                Location(entry),
            )
    return packs, pages, intro


def _check_across(
    config: Config,
    packs: list[Pack],
    pages: list[Page],
    tags: dict[Tag, list[Scenario]],
    out: Diagnostics,
) -> None:
    """What no one file can be checked for alone: names shared by a page and a pack, the
    tags, the project's schema, the look, the layouts."""
    taken = {p.slug for p in packs}
    for page in pages:
        if page.slug in taken:
            out.error(
                f"page '{page.slug}' has the same name as a pack; rename one of them",
                Location(config.root / Path(page.source_path)),
            )
    _check_tags(config, tags, out)
    spelt = {p.slug: language_of(p, config.language) for p in packs}
    check_spellings(config, packs, spelt, out)
    warn_stale_schema(config, out)
    check_look(config, out)
    letters = [s for p in packs for s in p.scenarios]
    check_letter_images(config, letters, out)
    check_citations(config, letters, out)
    layouts = files_under(config.root / config.settings.layouts_dir, out)
    warn_blocked([p for p in layouts if p.suffix == ".html"], config.settings.allow, out)


def _grouped(packs: list[Pack], keys: Callable[[Scenario], Iterable[K]]) -> dict[K, list[Scenario]]:
    """The packs' letters under each of their keys (tags, channels), in the gallery's
    order; a key is the first letter's (a tag as the first letter that has it writes it,
    the site's language being first)."""
    grouped: dict[K, list[Scenario]] = defaultdict(list)
    for pack in packs:
        for scenario in pack.scenarios:
            for key in keys(scenario):
                grouped[key].append(scenario)
    return grouped


def load_site(config: Config, cache: LoadCache | None = None) -> tuple[Site, Diagnostics]:
    """Load and validate everything; raise BuildError if any file has an error."""
    out = Diagnostics()
    packs, pages, intro = _read_content(config, LoadCache() if cache is None else cache, out)
    files = published_files(config, out)
    # The site's own language first; a pack in another comes after, grouped with its kind.
    packs.sort(
        key=lambda p: (
            language_of(p, config.language) != config.language,
            language_of(p, config.language),
            *sort_key(p.order, p.title),
        )
    )
    tags = _grouped(packs, lambda s: s.tags)
    _check_across(config, packs, pages, tags, out)
    # Each language the pages are in, and where it is asked for: the settings, a pack.
    languages = {
        p.language: Location(config.root / Path(p.source_path)) for p in packs if p.language
    }
    languages[config.language] = setting_location(config, "language")
    messages = load_messages(Theme.for_project(config.layouts_dir).folders, languages, out)
    translations = link_translations(
        packs, partial(language_of, site_language=config.language), config, out
    )
    out.raise_if_errors()
    pages.sort(key=lambda p: sort_key(p.order, p.title))
    channels = _grouped(packs, lambda s: (s.channel,))
    site = Site(
        config=config,
        intro=intro,
        pages=tuple(pages),
        packs=tuple(packs),
        tags={tag: tuple(tags[tag]) for tag in sorted(tags)},
        channels={c: tuple(channels[c]) for c in CHANNELS if channels.get(c)},
        messages=messages,
        translations=translations,
        files=files,
    )
    return site, out
