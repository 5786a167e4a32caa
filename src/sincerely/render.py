"""Phase two: the model in, the site's files out, as pure functions of the model.

One Jinja Environment renders every page, with autoescape and StrictUndefined, so a
contributed string is always escaped and a layout's typo is an error, not a blank.
Content strings are data handed to templates, never templates themselves.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .config import Config
from .errors import BuildError, Location
from .markdown import render_inline, render_markdown
from .model import Scenario, Site, Template
from .theme import Theme

Output = tuple[str, bytes]  # (path relative to the site root, with "/", and its bytes)


def make_environment(theme: Theme) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in theme.folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["markdown"] = render_markdown
    env.filters["markdown_inline"] = render_inline
    return env


@dataclass(frozen=True)
class Renderer:
    """Renders pages of one site through one Environment."""

    site: Site
    env: jinja2.Environment

    @property
    def config(self) -> Config:
        return self.site.config

    def page(self, template: str, path: str, title: str, **context: Any) -> Output:
        depth = path.count("/")
        base = self.config.base_url
        values = {
            "site": self.site,
            "config": self.config,
            "root": "../" * depth,
            "path": path,
            "title": title,
            "canonical": f"{base}{path}" if base else "",
            **context,
        }
        try:
            html = self.env.get_template(template).render(values)
        except jinja2.TemplateError as exc:
            raise layout_error(exc, self.env) from None
        return path, html.encode("utf-8")

    def home(self) -> Output:
        intro = self.site.intro
        return self.page(
            "home.html",
            "index.html",
            intro.title if intro else self.config.title,
            intro=intro,
            description=self.config.description,
        )

    def scenario(self, scenario: Scenario) -> Output:
        pack = next(p for p in self.site.packs if p.slug == scenario.pack)
        return self.page(
            "scenario.html",
            scenario.url,
            scenario.title,
            scenario=scenario,
            pack=pack,
            description=scenario.summary,
            letter_data=letter_data(scenario),
        )

    def all_pages(self) -> Iterator[Output]:
        site = self.site
        yield self.home()
        for pack in site.packs:
            yield self.page("pack.html", pack.url, pack.title, pack=pack, description=pack.summary)
            for scenario in pack.scenarios:
                yield self.scenario(scenario)
        for tag, scenarios in site.tags.items():
            yield self.page(
                "tag.html",
                f"tags/{tag}.html",
                f"Letters tagged “{tag}”",
                tag=tag,
                scenarios=scenarios,
                description=f"Letters tagged {tag}.",
            )
        for page in site.pages:
            yield self.page("page.html", page.url, page.title, page=page, description="")


def _segments(template: Template) -> list[str | dict[str, str]]:
    return [s if isinstance(s, str) else {"field": s.field_id} for s in template.segments]


def letter_data(scenario: Scenario) -> dict[str, Any]:
    """What the letter page's script needs to fill the letter in, as plain JSON data.

    It travels in a <script type="application/json"> element (Jinja's tojson escapes
    '<', '>' and '&', so no text can close the element early), and the script reads it
    with JSON.parse: data, never code.
    """
    subject = scenario.letter.subject
    return {
        "slug": scenario.slug,
        "channel": scenario.channel,
        "fields": [
            {
                "id": f.id,
                "label": f.label,
                "kind": f.kind,
                "perRecipient": f.per_recipient,
                "sender": f.sender,
                "memoryKey": f.autocomplete or f.id,
            }
            for f in scenario.fields
        ],
        "subject": _segments(subject) if subject else None,
        "blocks": [
            {"segments": _segments(block.text), "optional": bool(block.optional)}
            for block in scenario.letter.blocks
        ],
    }


def layout_error(exc: jinja2.TemplateError, env: jinja2.Environment) -> BuildError:
    """A located error for a broken layout: Jinja rewrites tracebacks so that frames
    carry the template's file and line, which is what a theme author needs to see."""
    filename = getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None) or 0
    if not filename:
        tb = sys.exc_info()[2] or exc.__traceback__
        while tb is not None:
            frame_file = tb.tb_frame.f_code.co_filename
            if frame_file.endswith((".html", ".xml", ".txt")):
                filename, line = frame_file, tb.tb_lineno
            tb = tb.tb_next
    message = exc.message or type(exc).__name__
    path = Path(filename) if filename else Path("layouts")
    return BuildError.single(f"layout error: {message}", Location(path, line, 1 if line else 0))


def render_site(site: Site, theme: Theme) -> Iterator[Output]:
    """Every file of the site: pages first, then the theme's static assets."""
    env = make_environment(theme)
    yield from Renderer(site, env).all_pages()
    yield from theme.static_files()


def outputs_by_path(outputs: Iterator[Output]) -> Mapping[str, bytes]:
    return dict(outputs)
