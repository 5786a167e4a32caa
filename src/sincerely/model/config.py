"""Site configuration: the ``[tool.sincerely]`` table of the project's pyproject.toml.

The settings are a format like any content file's: :class:`Settings` declares each one
with its type and documentation, and the same engine checks them (the TOML table is
turned into the located nodes that YAML files become), documents them in the reference,
and builds them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.errors import BuildError, Diagnostics, Location
from ..common.forges import Repository, edit_uri_problem
from ..common.urls import HTTP_URL_HELP, is_http_url
from ..format.nodes import Node, ScalarNode
from ..format.records import Record, key
from ..format.values import ListOf, Markdown, ProjectFile, Table, Text
from .allowed import Allowed
from .redirects import RedirectTable
from .tomlnodes import key_location, settings_table

WORK_DIR = ".sincerely"
# Where a project keeps its copy of the scenario format, for editors: init and new write
# it there, and scenario files name it in their first line.
PROJECT_SCHEMA = Path("schema") / "scenario.json"
DEFAULT_OUTPUT_DIR = "site"
_FOLDER = Text()  # a folder, relative to the project
_COLOUR = Text(
    pattern=r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}",
    pattern_help="a colour like '#0b5cad'",
    example="#0b5cad",
    non_empty=False,
)
_IMAGES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif")


@dataclass(frozen=True)
class EditUri(Text):
    """A pattern for edit links: text with {path}, and only the placeholders it knows."""

    def check(self, node: Node, name: str, out: Diagnostics) -> None:
        super().check(node, name, out)
        value = node.value if isinstance(node, ScalarNode) else None
        if isinstance(value, str) and value and (problem := edit_uri_problem(value)):
            out.error(f"{name}: {problem}", node.location)

    def describe(self) -> str:
        return "text: a pattern with `{path}`"


# A language, as the settings and a pack name it: one rule for both.
LANGUAGE_TAG = Text(
    pattern=r"[a-zA-Z]{2,8}(?:-[a-zA-Z0-9]{1,8})*",
    pattern_help="a language tag like 'en', 'fr' or 'en-GB'",
    example="en",
)


@dataclass(frozen=True, kw_only=True, slots=True)
class Settings:
    """The [tool.sincerely] table of pyproject.toml; every setting is optional."""

    title: str = key(
        Text(), "The gallery's name, in every page's header.", default="Letter templates"
    )
    description: str = key(
        Text(non_empty=False), "One sentence about the gallery: the home page's description."
    )
    base_url: str = key(
        Text(url=True, non_empty=False),
        "Where the site is published; enables canonical links and the sitemap.",
    )
    repo_url: str = key(
        Text(url=True, non_empty=False),
        "The repository's address; enables 'view source' and 'suggest an edit'.",
    )
    edit_branch: str = key(Text(), "The branch that edit links open.", default="main")
    edit_uri: str = key(
        EditUri(non_empty=False, example="{repo}/-/edit/{branch}/{path}"),
        "Where 'Suggest an edit' leads, for a forge not known from repo_url's host (GitHub, "
        "GitLab, Gitea, Forgejo and Bitbucket are): a pattern with {path}, and {branch} "
        "and {repo} if it needs them, absolute or relative to repo_url.",
    )
    content_path: str = key(
        Text(non_empty=False, example="gallery"),
        "For a gallery in a sub-folder of its repository: that folder's path, so that "
        "edit links find the files.",
    )
    language: str = key(
        LANGUAGE_TAG,
        "The language of the pages (a BCP 47 tag): their interface's words come from that "
        "language's catalog, and a pack's letters are in it unless the pack says otherwise.",
        default="en",
    )
    content_dir: str = key(_FOLDER, "The folder of packs and pages.", default="content")
    layouts_dir: str = key(
        _FOLDER, "The folder of layouts that override the theme's.", default="layouts"
    )
    output_dir: str = key(_FOLDER, "The folder the site is built into.", default=DEFAULT_OUTPUT_DIR)
    logo: str = key(
        ProjectFile(suffixes=_IMAGES, non_empty=False, example="assets/logo.svg"),
        "An image shown before the title in every page's header: a file in the project.",
    )
    favicon: str = key(
        ProjectFile(suffixes=(".svg", ".png", ".ico"), non_empty=False, example="assets/icon.svg"),
        "The site's icon in browser tabs: a file in the project.",
    )
    apple_touch_icon: str = key(
        ProjectFile(suffixes=(".png",), non_empty=False, example="assets/icon-180.png"),
        "The icon of a page saved to a phone's home screen, and the favicon of browsers that "
        "show no SVG: a square PNG of 180 by 180 pixels or more.",
    )
    image: str = key(
        ProjectFile(suffixes=_IMAGES[1:], non_empty=False, example="assets/card.png"),
        "The picture a link to a page shows where it is shared (og:image): a file in the "
        "project. Only with base_url, since it must be given by its full address.",
    )
    accent: str = key(
        _COLOUR,
        "The colour of links, buttons, blanks and the focus ring. A shade for dark mode is "
        "worked out to stay readable; check warns if the colour is too pale on white.",
    )
    accent_dark: str = key(_COLOUR, "The accent in dark mode, to choose it yourself.")
    footer: str = key(
        Markdown(non_empty=False), "Markdown shown at the foot of every page, above the theme's."
    )
    extra_css: tuple[str, ...] = key(
        ListOf(ProjectFile(suffixes=(".css",), example="assets/brand.css")),
        "Stylesheets of your own, loaded after the theme's on every page.",
    )
    extra_js: tuple[str, ...] = key(
        ListOf(ProjectFile(suffixes=(".js",), example="assets/extra.js")),
        "Scripts of your own, loaded (deferred) on every page, under the same "
        "Content-Security-Policy as the theme's: files of the site, never inline.",
    )
    redirects: Mapping[str, str] = key(
        RedirectTable(),
        "[tool.sincerely.redirects]: old paths of the site, each to the letter or page it "
        "now leads to, by its file in the content folder or its path: a page that sends "
        "readers on.",
    )
    hooks: tuple[str, ...] = key(
        ListOf(ProjectFile(suffixes=(".py",), example="hooks.py")),
        "Python files of your own, run at a build's events (on_config, on_env, "
        "on_page_context, on_post_build), as MkDocs' hooks: see the theming guide.",
    )
    allow: Allowed = key(
        Record.of(Allowed),
        "[tool.sincerely.allow]: origins beyond the site that the pages may load scripts, "
        "styles or images from, or send data to, like a privacy-friendly counter's.",
    )
    extra: Mapping[str, Any] = key(
        Table(),
        "[tool.sincerely.extra]: values of your own, which layouts read as `extra`, like "
        "`{{ extra.phone }}`.",
    )


SETTINGS = Record.of(Settings)


@dataclass(frozen=True, slots=True)
class Config:
    root: Path
    settings: Settings  # as written, but base_url ends in '/' and repo_url does not
    content_dir: Path
    layouts_dir: Path
    output_dir: Path
    pyproject: Path | None

    @property
    def identity(self) -> tuple[str, ...]:
        return ("config",)

    @property
    def title(self) -> str:
        return self.settings.title

    @property
    def description(self) -> str:
        return self.settings.description

    @property
    def base_url(self) -> str:
        return self.settings.base_url

    @property
    def repo_url(self) -> str:
        return self.settings.repo_url

    @property
    def edit_branch(self) -> str:
        return self.settings.edit_branch

    @property
    def language(self) -> str:
        return self.settings.language

    @property
    def repository(self) -> Repository:
        """Where the gallery's files are, for edit and view links."""
        s = self.settings
        return Repository(s.repo_url, s.edit_branch, s.content_path, s.edit_uri)

    @property
    def work_dir(self) -> Path:
        """Where builds keep what they make for themselves (their cache, their staging
        folders): one folder, which the .gitignore that init writes leaves out."""
        return self.root / WORK_DIR


def setting_location(config: Config, name: str) -> Location:
    """Where a setting is written, for a message about it."""
    if config.pyproject is None:
        return Location(config.root)
    text = config.pyproject.read_text(encoding="utf-8", errors="replace")
    return key_location(config.pyproject, text, name)


def load_config(
    root: Path, output_override: Path | None = None, base_url: str | None = None
) -> Config:
    """Read the configuration of the project at ``root``; every setting is optional.
    ``base_url``, when given (build's --base-url), replaces the setting's."""
    root = root.resolve()
    if not root.is_dir():
        raise BuildError.single(
            "project folder does not exist; give the folder that holds content/",
            Location(root),
        )
    pyproject = root / "pyproject.toml"
    settings = Settings()
    if pyproject.is_file():
        table = settings_table(pyproject)
        out = Diagnostics()
        SETTINGS.check(table, "[tool.sincerely]", out)
        out.raise_if_errors()
        settings = SETTINGS.build(table)
    if base_url is not None:
        if not is_http_url(base_url):
            raise BuildError.single(
                f"--base-url must be {HTTP_URL_HELP} (got '{base_url}')", Location(root)
            )
    else:
        base_url = settings.base_url
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    settings = dataclasses.replace(
        settings, base_url=base_url, repo_url=settings.repo_url.rstrip("/")
    )
    output = output_override if output_override is not None else root / settings.output_dir
    return Config(
        root=root,
        settings=settings,
        content_dir=(root / settings.content_dir).resolve(),
        layouts_dir=(root / settings.layouts_dir).resolve(),
        output_dir=output.resolve(),
        pyproject=pyproject if pyproject.is_file() else None,
    )
