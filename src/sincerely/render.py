"""Phase two: the model in, the site's files out, as pure functions of the model.

One Jinja Environment renders every page, with autoescape and StrictUndefined, so a
contributed string is always escaped and a layout's typo is an error, not a blank.
Content strings are data handed to templates, never templates themselves.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .config import Config
from .downloads import archives, download_paths, letter_downloads, pack_zip_path
from .errors import BuildError, Location
from .formats import schema_text
from .markdown import render_inline, render_markdown, unique_ids
from .model import Pack, Page, Scenario, Site
from .navigation import Neighbours, neighbours, related_positions, relatedness_key
from .searchindex import TermCache, search_index_script
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


@dataclass(frozen=True, slots=True)
class Task:
    """Some files of the site, not yet made: the main one's path, a rough cost, and how
    to make them (a letter's page comes with its downloads, whose sizes it shows)."""

    path: str
    cost: int
    render: Callable[[], list[Output]]

    @classmethod
    def single(cls, path: str, cost: int, make: Callable[[], bytes]) -> Task:
        return cls(path, cost, lambda: [(path, make())])


# What a page shows of another letter (a card, a link in the pager or related list).
# Page cache keys hold these, so that editing a letter's notes re-renders its own page
# but not the pages that only show its title and summary.
def card(scenario: Scenario | None) -> tuple[object, ...] | None:
    if scenario is None:
        return None
    return (
        scenario.url,
        scenario.title,
        scenario.summary,
        scenario.channel,
        scenario.word_count,
        scenario.timing,
        scenario.tags,
    )


@dataclass
class RenderCache:
    """What rendering made, kept between builds by serve so that an edit redoes only
    what it changes. Each entry is keyed by everything it was made from, except the
    layouts: :meth:`forget_layouts` must be called when they change."""

    # page path -> (key of everything the page shows, its bytes)
    pages: dict[str, tuple[object, bytes]] = field(default_factory=dict)
    # (card, root, heading level) -> the card's HTML, shared by every page that lists it
    cards: dict[tuple[object, ...], Markup] = field(default_factory=dict)
    terms: TermCache | None = None  # serve keeps one; a one-off build has no use for it
    # A letter's downloads by the letter's identity (kept alongside, so an identity is
    # never mistaken for another letter's); serve keeps one, a one-off build does not.
    downloads: dict[int, tuple[Scenario, dict[str, bytes]]] | None = None
    related: tuple[object, list[tuple[int, ...]]] | None = None

    def forget_layouts(self) -> None:
        self.pages.clear()
        self.cards.clear()


@dataclass(frozen=True)
class Renderer:
    """Renders pages of one site through one Environment."""

    site: Site
    env: jinja2.Environment
    cache: RenderCache = field(default_factory=RenderCache)

    def __post_init__(self) -> None:
        self.env.globals["scenario_card"] = self.scenario_card

    def scenario_card(self, scenario: Scenario, root: str, level: int = 3) -> Markup:
        """A letter's card, rendered once and reused by every page that lists it."""
        key = (card(scenario), root, level)
        html = self.cache.cards.get(key)
        if html is None:
            macros: Any = self.env.get_template("_macros.html").module
            html = Markup(macros.card(scenario, root, level))
            self.cache.cards[key] = html
        return html

    def neighbours(self) -> dict[str, Neighbours]:
        key = relatedness_key(self.site)
        if self.cache.related is None or self.cache.related[0] != key:
            self.cache.related = (key, related_positions(self.site))
        return neighbours(self.site, self.cache.related[1])

    @property
    def config(self) -> Config:
        return self.site.config

    @cached_property
    def chrome(self) -> tuple[object, ...]:
        """What every page shows of the site: its settings and navigation."""
        packs = tuple((p.url, p.title) for p in self.site.packs)
        nav = packs + tuple((p.url, p.title) for p in self.site.pages)
        return (self.config.display_settings, nav)

    def page(
        self,
        template: str,
        path: str,
        title: str,
        key: object,
        root: str | None = None,
        **context: Any,
    ) -> Output:
        full_key = (template, title, self.chrome, key)
        cached = self.cache.pages.get(path)
        if cached is not None and cached[0] == full_key:
            return path, cached[1]
        base = self.config.base_url
        values = {
            "site": self.site,
            "config": self.config,
            "root": "../" * path.count("/") if root is None else root,
            "path": path,
            "title": title,
            "canonical": f"{base}{path}" if base else "",
            **context,
        }
        try:
            html = unique_ids(self.env.get_template(template).render(values)).encode("utf-8")
        except jinja2.TemplateError as exc:
            raise layout_error(exc) from None
        self.cache.pages[path] = (full_key, html)
        return path, html

    def all_cards(self) -> tuple[object, ...]:
        return tuple(
            (pack.url, pack.title, pack.summary, tuple(card(s) for s in pack.scenarios))
            for pack in self.site.packs
        )

    def home(self) -> Output:
        intro = self.site.intro
        return self.page(
            "home.html",
            "index.html",
            intro.title if intro else self.config.title,
            key=(intro, self.all_cards(), tuple(self.site.tags)),
            intro=intro,
            description=self.config.description,
        )

    def scenario(
        self,
        scenario: Scenario,
        pack: Pack,
        around: Neighbours,
        sizes: dict[str, int] | None = None,
    ) -> Output:
        config = self.config
        edit_url = ""
        if config.repo_url:
            edit_url = f"{config.repo_url}/edit/{config.edit_branch}/{scenario.source_path}"
        key = (
            scenario,
            (pack.url, pack.title),
            card(around.previous),
            card(around.next),
            tuple(card(s) for s in around.related),
        )
        return self.page(
            "scenario.html",
            scenario.url,
            scenario.title,
            key=key,
            scenario=scenario,
            pack=pack,
            around=around,
            source_url=source_copy_path(scenario),
            edit_url=edit_url,
            downloads=[
                (kind, path, (sizes or {}).get(path, 0))
                for kind, path in download_paths(scenario).items()
            ],
            pack_zip=pack_zip_path(pack),
            description=scenario.summary,
        )

    def tasks(self) -> list[Task]:
        """Every page of the site as a task that renders it, with a rough cost (how
        many letters it shows), so that parallel workers can share the work evenly."""
        site = self.site
        around = self.neighbours()
        size = sum(len(p.scenarios) for p in site.packs) or 1
        tasks: list[Task] = [Task.single("index.html", size, lambda: self.home()[1])]
        for pack in site.packs:
            tasks.append(Task.single(pack.url, len(pack.scenarios), partial(self.pack_page, pack)))
            for scenario in pack.scenarios:
                near = around[scenario.url]
                tasks.append(
                    Task(scenario.url, 2, partial(self.letter_files, scenario, pack, near))
                )
        for tag, tagged in site.tags.items():
            path = f"tags/{tag}.html"
            listing = partial(self.listing_page, path, f"Letters tagged “{tag}”", tagged)
            tasks.append(Task.single(path, len(tagged), listing))
        for channel, sent in site.channels.items():
            title = f"Letters sent as {'a ' if channel != 'email' else ''}{channel}"
            path = f"channels/{channel}.html"
            tasks.append(
                Task.single(path, len(sent), partial(self.listing_page, path, title, sent))
            )
        for page in site.pages:
            tasks.append(Task.single(page.url, 1, partial(self.markdown_page, page)))
        tasks.append(Task.single("search.html", size, self.search_page))
        tasks.append(Task.single("404.html", 1, lambda: self.not_found()[1]))
        tasks.extend(
            Task.single(path, 0, partial(bytes, data)) for path, data in self.hosting_files()
        )
        return tasks

    def all_pages(self) -> Iterator[Output]:
        for task in self.tasks():
            yield from task.render()

    def pack_page(self, pack: Pack) -> bytes:
        return self.page(
            "pack.html",
            pack.url,
            pack.title,
            key=(pack.intro, tuple(card(s) for s in pack.scenarios)),
            pack=pack,
            description=pack.summary,
        )[1]

    def letter_files(self, scenario: Scenario, pack: Pack, around: Neighbours) -> list[Output]:
        """A letter's page, its YAML beside it, and its downloads, whose sizes it shows."""
        kept = self.cache.downloads
        entry = kept.get(id(scenario)) if kept is not None else None
        if entry is None or entry[0] is not scenario:
            entry = (scenario, letter_downloads(scenario))
            if kept is not None:
                kept[id(scenario)] = entry
        downloads = entry[1]
        sizes = {path: len(data) for path, data in downloads.items()}
        page = self.scenario(scenario, pack, around, sizes)
        source = (source_copy_path(scenario), scenario.yaml_text.encode("utf-8"))
        return [page, source, *downloads.items()]

    def listing_page(self, path: str, title: str, scenarios: tuple[Scenario, ...]) -> bytes:
        """A tag's or a channel's page: the cards of its letters."""
        return self.page(
            "tag.html",
            path,
            title,
            key=tuple(card(s) for s in scenarios),
            scenarios=scenarios,
            description=f"{title}: {len(scenarios)} annotated letter templates.",
        )[1]

    def markdown_page(self, page: Page) -> bytes:
        return self.page("page.html", page.url, page.title, key=page, page=page, description="")[1]

    def search_page(self) -> bytes:
        return self.page(
            "search.html",
            "search.html",
            "Search",
            key=(self.all_cards(), tuple(self.site.tags)),
            description="Search the letters.",
        )[1]

    def not_found(self) -> Output:
        # GitHub Pages and most hosts serve 404.html for a missing path at any depth, so
        # its links cannot be relative: they start from base_url, or the domain's root.
        return self.page(
            "404.html",
            "404.html",
            "Page not found",
            key=None,
            root=self.config.base_url or "/",
            description="",
        )

    def hosting_files(self) -> Iterator[Output]:
        base = self.config.base_url
        robots = "User-agent: *\nAllow: /\n"
        if base:
            robots += f"Sitemap: {base}sitemap.xml\n"
            urls = ["index.html", *(p.url for p in self.site.packs)]
            urls += [s.url for s in self.site.scenarios()]
            urls += [p.url for p in self.site.pages]
            entries = "".join(f"  <url><loc>{escape(base + url)}</loc></url>\n" for url in urls)
            yield (
                "sitemap.xml",
                (
                    '<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                    f"{entries}</urlset>\n"
                ).encode(),
            )
        yield "robots.txt", robots.encode()
        yield "search-index.js", search_index_script(self.site, self.cache.terms)
        yield "schema/scenario.json", schema_text().encode()


def source_copy_path(scenario: Scenario) -> str:
    """Where a letter's YAML is published beside it; '.txt' so browsers show it as text,
    as Sphinx does with _sources/."""
    return f"_sources/{scenario.pack}/{scenario.slug}.yaml.txt"


def layout_error(exc: jinja2.TemplateError) -> BuildError:
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


def render_site(
    site: Site,
    theme: Theme,
    env: jinja2.Environment | None = None,
    cache: RenderCache | None = None,
    with_archives: bool = True,
) -> Iterator[Output]:
    """Every file of the site: pages and downloads, the archives of the downloads (unless
    the caller makes them later), then the theme's static assets."""
    renderer = Renderer(site, env or make_environment(theme), cache or RenderCache())
    files = dict(renderer.all_pages())
    yield from files.items()
    if with_archives:
        yield from archives(site, files)
    yield from theme.static_files()
