"""The layouts' reference: every kind of page, what its template is given, the blocks a
layout can fill, and the objects it reads. Written from the code (kinds.KINDS,
render/reference.py's EVERY_PAGE, the model's records, the templates' own blocks, as Jinja parses
them), so that it cannot drift: a test compares docs/theming.md's copy with this one.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Iterator
from functools import cached_property

import jinja2
from jinja2 import nodes

from ..format.placeholders import Template
from ..format.records import Record
from ..model.fields import Field
from ..model.scenario import Block, Letter, Scenario, Source, Tips
from ..model.site import Pack, Page, Site
from ..theming.theme import bundled_theme_dir
from .kinds import KINDS
from .reference import EVERY_PAGE, FILTERS

# The objects layouts read, in the order a reader meets them.
OBJECTS = (Site, Pack, Scenario, Field, Letter, Block, Template, Source, Tips, Page)
# What each object's attributes that are not keys of a file are.
_NOT_KEYS = {
    "slug": "Its name in the site's addresses.",
    "source_path": "Its file, from the project's folder.",
    "yaml_text": "Its file, as written.",
    "scenarios": "Its letters, in order.",
    "pack": "The slug of its pack.",
    "body": "Its Markdown.",
    "intro": "The home page's own text (content/index.md), a `Page`, or none.",
    "pages": "Its Markdown pages, in order.",
    "packs": "Its packs, in order.",
    "tags": "Each tag, to its letters: a tag is its slug (`url_for('tag', tag)`), and "
    "`tag.label` is its words as the site's language writes them.",
    "channels": "Each channel in use, to its letters.",
    "messages": "The interface's words in each language the pages are in.",
    "translations": "Each letter's translations, by its URL: the letter and the letters that "
    "translate it or that it translates, each with its language, in the order of their "
    "languages.",
    "segments": "Text and blanks, in order.",
    "files": "The other files of content/ it publishes as they are (a CNAME, a PDF), "
    "each with its `.path` in the site, in order.",
}


def _blocks(env: jinja2.Environment, name: str) -> list[str]:
    source = env.loader.get_source(env, name)[0] if env.loader else ""
    return [b.name for b in env.parse(source).find_all(nodes.Block)]


def _table(rows: Iterator[tuple[str, str]] | list[tuple[str, str]], head: str) -> list[str]:
    lines = [f"| {head} | what it is |", "| --- | --- |"]
    lines += [f"| `{name}` | {what} |" for name, what in rows]
    return [*lines, ""]


def _attributes(model: type) -> Iterator[tuple[str, str]]:
    keys = {k.name: k.doc for k in Record.of(model).keys} if _is_record(model) else {}
    for f in dataclasses.fields(model):
        if f.name.startswith("_") or (f.name == "config" and model is Site):
            continue
        yield f.name, keys.get(f.name) or _NOT_KEYS.get(f.name, "")
    for name, member in inspect.getmembers(model):
        if name.startswith("_") or name == "identity":
            continue
        if isinstance(member, property | cached_property) or inspect.isfunction(member):
            doc = (inspect.getdoc(member) or "").split("\n\n")[0].replace("\n", " ")
            call = "()" if inspect.isfunction(member) else ""
            yield f"{name}{call}", doc


def _is_record(model: type) -> bool:
    return any(Record.of(model).keys)


def layouts_reference() -> str:
    """The reference, as Markdown."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(bundled_theme_dir())))
    lines = ["#### What every page is given", ""]
    lines += _table(list(EVERY_PAGE.items()), "name")
    lines += ["#### Filters and functions", ""]
    lines += _table(list(FILTERS.items()), "name")
    lines += ["#### Each kind of page", ""]
    for template, kind in KINDS.items():
        lines += [f"`{template}`: {kind.what}", ""]
        if kind.values:
            lines += _table(list(kind.values.items()), "name")
        if template.endswith(".html"):
            filled = ", ".join(f"`{b}`" for b in _blocks(env, template)) or "none"
            lines += [f"Blocks it fills: {filled}.", ""]
    lines += ["#### The blocks of `base.html`", ""]
    lines += [
        "A layout of the project's own can extend the theme's and fill only these: "
        + ", ".join(f"`{b}`" for b in _blocks(env, "base.html"))
        + ".",
        "",
    ]
    lines += ["#### The objects", ""]
    for model in OBJECTS:
        doc = (inspect.getdoc(model) or "").split("\n\n")[0].replace("\n", " ")
        lines += [f"`{model.__name__}`: {doc}", ""]
        lines += _table(_attributes(model), "attribute")
    return "\n".join(lines)
