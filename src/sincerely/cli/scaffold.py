"""Starting things: ``sincerely new`` (a scenario), ``sincerely init`` (a gallery), and
``sincerely theme copy`` (a theme file to change).

What they write comes from the starter/ folder beside this module: a generic scenario
and pack, and a whole gallery (content, workflows, a README). A pack may have its own
starting point for new scenarios, ``_new.yaml``, written in its words; check holds it to
the format like any scenario, its TODOs apart. A new scenario passes ``check`` as it is;
each TODO in it is a warning, so ``check -W`` fails until every one is filled in.
Nothing here overwrites a file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from ..common.errors import BuildError, Location, closest
from ..load.names import NEW_TEMPLATE, name_problem, suggest_slug
from ..model.config import DEFAULT_OUTPUT_DIR, PROJECT_SCHEMA, WORK_DIR, Config, load_config
from ..model.project import has_settings
from ..model.schema import schema_text
from ..theming.theme import Theme, bundled_theme_dir
from .pinning import Pin, gallery_pin
from .starters import (
    SOURCE_LANGUAGE,
    STARTER,
    Language,
    choose_language,
    settings_template,
    starter_files,
)

_SUBJECT = """  # The email's subject, with placeholders. Replies in the same thread keep "Re: ...".
  subject: "TODO Thank you, {recipient_name}"
"""
_LIMIT = """# The most characters the filled message may have (300 for a LinkedIn request).
character_limit: 300
"""


def fill(text: str, **values: str) -> str:
    """A starter file's text with its @name@ placeholders filled in."""
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    return text


def _refuse_existing(path: Path) -> None:
    if path.exists():
        raise BuildError.single(
            "already exists, and sincerely never overwrites a file: choose another name, "
            "or edit the one that is there",
            Location(path),
        )


def _check_name(name: str, what: str, where: Path, language: str) -> None:
    """The rule content's names are held to when loaded (load/names.py), said the same."""
    problem = name_problem(name)
    if problem:
        suggestion = suggest_slug(name, language)
        raise BuildError.single(f"{what} '{name}' {problem}; try '{suggestion}'", Location(where))


def _pack_language(config: Config, pack: str) -> str:
    """The language a pack's letters are in: its _pack.yaml's, if it says, else the site's
    (read as new reads a _new.yaml's channel: a line, before any file is loaded)."""
    meta = config.content_dir / pack / "_pack.yaml"
    text = meta.read_text(encoding="utf-8", errors="replace") if meta.is_file() else ""
    found = re.search(r"^language:\s*[\"']?([A-Za-z0-9-]+)", text, re.MULTILINE)
    return found[1] if found else config.language


def new_scenario(project: Path, name: str, channel: str | None = None) -> list[Path]:
    """Write content/PACK/SLUG.yaml, after the pack's _pack.yaml if the pack is new;
    returns the files written, in that order. It starts from the pack's own _new.yaml
    if it has one, else from the generic starter for ``channel`` (email by default)."""
    config = load_config(project)
    pack, _, slug = name.removesuffix(".yaml").partition("/")
    if not slug or "/" in slug:
        raise BuildError.single(
            f"give the scenario as PACK/SLUG, like letters/{suggest_slug(name)}",
            Location(config.content_dir),
        )
    _check_name(pack, "the pack's name", config.content_dir, config.language)
    _check_name(slug, "the scenario's name", config.content_dir, _pack_language(config, pack))
    target = config.content_dir / pack / f"{slug}.yaml"
    _refuse_existing(target)
    text = _new_scenario_text(config, target, channel)
    target.parent.mkdir(parents=True, exist_ok=True)
    pack_file = target.parent / "_pack.yaml"
    written = []
    if not pack_file.exists():
        pack_file.write_text(fill((STARTER / "pack.yaml").read_text("utf-8")), encoding="utf-8")
        written.append(pack_file)
    with target.open("x", encoding="utf-8") as file:  # "x": fail rather than overwrite
        file.write(text)
    return [*written, target]


def _new_scenario_text(config: Config, target: Path, channel: str | None) -> str:
    own = target.parent / NEW_TEMPLATE
    if own.is_file():
        text = own.read_text(encoding="utf-8")
        found = re.search(r"^channel:\s*(\S+)", text, re.MULTILINE)
        if channel is not None and found and found[1] != channel:
            raise BuildError.single(
                f"this pack starts new letters from this file, whose channel is "
                f"{found[1]}, not {channel}; leave out --channel, then change the new "
                "file's channel (and its subject: only an email has one)",
                Location(own),
            )
        return text  # beside the new file, so its schema line is right as it is
    channel = channel or "email"
    schema = Path(os.path.relpath(config.root / PROJECT_SCHEMA, target.parent)).as_posix()
    return fill(
        (STARTER / "scenario.yaml").read_text("utf-8"),
        schema=schema,
        channel=channel,
        subject=_SUBJECT if channel == "email" else "",
        limit=_LIMIT if channel == "message" else "",
    )


def init_gallery(
    directory: Path,
    *,
    copy_theme: bool = False,
    pin: Pin | None = None,
    language: Language | None = None,
) -> list[Path]:
    """A new gallery in ``directory``: settings, an example pack, the schema, the
    workflows that check and publish it, its README, and requirements.txt with the pin
    of this sincerely (and its wheel, where CI can reach it no other way), in
    ``language`` (English by default). Every target is checked before anything is
    written, so a refusal changes nothing; a README of the folder's own is kept, and the
    gallery's is not written."""
    root = directory.resolve()
    language = language or choose_language(SOURCE_LANGUAGE, root)
    pyproject = root / "pyproject.toml"
    if has_settings(root):
        raise BuildError.single(
            "pyproject.toml already has [tool.sincerely]: this folder is a gallery already "
            "(to copy the theme into it: 'sincerely theme copy --all')",
            Location(pyproject),
        )
    title = folder_title(root)
    pin = pin or gallery_pin()
    values = {"title": title, "requirement": pin.line, "about": pin.about}
    files = {root / path: fill(text, **values) for path, text in starter_files(language).items()}
    files[root / PROJECT_SCHEMA] = schema_text()
    wheel = {root / pin.wheel[0]: pin.wheel[1]} if pin.wheel else {}
    if (root / "README.md").exists():
        del files[root / "README.md"]  # the project's own, kept
    layouts = root / "layouts"
    for path in (root / "content", *files, *wheel, *([layouts] if copy_theme else [])):
        _refuse_existing(path)
    # TOML and YAML both read a JSON string, so any title is safe in either.
    quoted = {"title": json.dumps(title, ensure_ascii=False)}
    table = fill(settings_template(language).replace('"@title@"', "@title@"), **quoted)
    index = root / "content" / "index.md"
    files[index] = files[index].replace(f"title: {title}", f"title: {quoted['title']}")
    root.mkdir(parents=True, exist_ok=True)
    made = [_add_to(pyproject, table)]
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
        made.append(path)
    for path, data in wheel.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("xb") as file:
            file.write(data)
        made.append(path)
    pins = fill((STARTER / "gallery" / "requirements.txt").read_text("utf-8"), **values)
    made.append(_add_to(root / "requirements.txt", pins))
    if _ignore_build_output(root):
        made.append(root / ".gitignore")
    if copy_theme:
        shutil.copytree(bundled_theme_dir(), layouts)
        made.append(layouts)
    return sorted(made)


def folder_title(root: Path) -> str:
    """The title a new gallery starts with, made from its folder's name: a placeholder
    init tells the owner to change."""
    return root.name.replace("-", " ").replace("_", " ").strip().capitalize() or "Letters"


def _add_to(path: Path, text: str) -> Path:
    """Write ``text`` to a new file, or at the end of an existing one: never replace."""
    if not path.exists():
        path.write_text(text, encoding="utf-8")
        return path
    existing = path.read_text(encoding="utf-8")
    with path.open("a", encoding="utf-8") as file:
        file.write(("\n" if existing.endswith("\n") else "\n\n") + text)
    return path


def theme_files() -> list[str]:
    """The bundled theme's files, as a project's layouts/ would hold them."""
    theme = bundled_theme_dir()
    return sorted(p.relative_to(theme).as_posix() for p in theme.rglob("*") if p.is_file())


def copy_theme_files(
    project: Path, names: list[str] | None = None
) -> tuple[list[Path], list[Path]]:
    """Copy theme files (all of them, without ``names``) into the project's layouts
    folder, where they override the theme's; returns those copied and those left alone
    because the project has its own already."""
    config = load_config(project)
    available = theme_files()
    wanted = available if names is None else [n.removeprefix("layouts/") for n in names]
    for name in wanted:
        check_theme_file(name, available, config.layouts_dir)
    copied, kept = [], []
    for name in wanted:
        target = config.layouts_dir / name
        if target.exists():
            kept.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(bundled_theme_dir() / name, target)
        copied.append(target)
    return copied, kept


def check_theme_file(name: str, available: list[str], where: Path) -> None:
    """An error for a name that is not one of the theme's files, with the nearest."""
    if name not in available:
        hint = closest(name, available)
        raise BuildError.single(
            f"the theme has no file '{name}'"
            + (f" (did you mean '{hint}'?)" if hint else "")
            + "; 'sincerely theme list' shows them all",
            Location(where),
        )


def theme_listing(project: Path) -> list[tuple[str, bool]]:
    """Each theme file, and whether the project overrides it with its own."""
    layouts = Theme.for_project(load_config(project).layouts_dir).folders[0]
    own = layouts != bundled_theme_dir().resolve()
    return [(name, own and (layouts / name).is_file()) for name in theme_files()]


# What builds make, for git to leave out: the site, and the work folder (cache, staging).
# What builds make, and the virtual environment the gallery's README and the guide make
# in the gallery's folder: none of it belongs in the repository.
IGNORED = (f"/{DEFAULT_OUTPUT_DIR}/", f"/{WORK_DIR}/", "/.venv/")


def gitignore_text(existing: str) -> str:
    """A .gitignore's text with what builds make added, keeping what is there."""
    have = {line.strip() for line in existing.splitlines()}
    missing = [entry for entry in IGNORED if entry not in have and entry.rstrip("/") not in have]
    if not missing:
        return existing
    if existing and not existing.endswith("\n"):
        existing += "\n"
    return existing + "".join(f"{entry}\n" for entry in missing)


def _ignore_build_output(root: Path) -> bool:
    """Add what builds make to the project's .gitignore; True when the file was written."""
    gitignore = root / ".gitignore"
    existing = gitignore.read_text(encoding="utf-8") if gitignore.exists() else ""
    wanted = gitignore_text(existing)
    if wanted == existing:
        return False
    gitignore.write_text(wanted, encoding="utf-8")
    return True
