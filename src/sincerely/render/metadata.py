"""What a page says of itself to the sites a link to it is shared on (Open Graph, Twitter
cards) and to search engines (schema.org's JSON-LD), from the model.

Layouts call ``page_meta()``; it reads the page's values through the Environment's
getattr, as a template does, so that serve's memo (render/memo.py) knows what it read.
The JSON-LD is made here with json.dumps, never by a template, and escaped for a script
element: contributed titles are untrusted, and none can close the element.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from babel.core import get_global
from markupsafe import Markup

from ..common import urls

SCHEMA_ORG = "https://schema.org"
# In a script element, '</script>' or '<!--' would end or change it whatever the JSON
# means; a JSON string may spell any character as \\uXXXX, so these three never appear.
_IN_SCRIPT = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class PageMeta:
    """What base.html's head says of the page beside its title and description."""

    locale: str  # og:locale: 'de_DE'
    alternates: tuple[str, ...]  # og:locale:alternate: its translations' locales
    image: str  # og:image's full address, or '' (none without base_url)
    card: str  # twitter:card: 'summary_large_image' with an image, else 'summary'
    structured: Markup  # the JSON-LD, ready for <script type="application/ld+json">, or ''


def og_locale(language: str) -> str:
    """A BCP 47 tag in Open Graph's form, language_TERRITORY: 'en-GB' is 'en_GB'. A tag
    without a territory takes the one CLDR finds most likely for it (Babel's likely
    subtags: 'de' is 'de_DE', 'pt' is 'pt_BR', 'en' is 'en_US'), since Open Graph's
    readers (Facebook) know locales, not bare languages; an unknown language stays bare."""
    parts = language.replace("_", "-").split("-")
    base = parts[0].lower()
    territory = next((p.upper() for p in parts[1:] if len(p) == 2 or p.isdigit()), "")
    if not territory:
        script = next((p.title() for p in parts[1:] if len(p) == 4), "")
        likely: Mapping[str, str] = get_global("likely_subtags")
        found = likely.get(f"{base}_{script}" if script else base) or likely.get(base, "")
        last = found.split("_")[-1] if "_" in found else ""
        territory = last if len(last) == 2 or last.isdigit() else ""
    return f"{base}_{territory}" if territory else base


def ld_json(data: object) -> Markup:
    """``data`` as JSON for a script element: nothing in it can end the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.translate(_IN_SCRIPT))


class _Page:
    """The page's values, read as a template reads them (noted by serve's memo)."""

    def __init__(self, context: jinja2.runtime.Context) -> None:
        self.context = context
        self.env = context.environment

    def value(self, name: str) -> Any:
        return self.context.get(name)

    def read(self, obj: object, *names: str) -> Any:
        for name in names:
            obj = self.env.getattr(obj, name)
        return obj


def _address(page: _Page, base: str, path: str) -> str:
    """A path of the site as a page links to it: absolute with base_url, else from this
    page (JSON-LD resolves a relative address against the page's, as a link does)."""
    return f"{base}{path}" if base else f"{page.value('root')}{path}"


def _trail(page: _Page) -> list[tuple[str, str]]:
    """The page's breadcrumb after home, as the theme's layouts show it: (path, name)."""
    scenario, pack, here = page.value("scenario"), page.value("pack"), page.value("page")
    if pack is not None:
        trail = [(page.read(pack, "url"), page.read(pack, "title"))]
        if scenario is not None:
            trail.append((page.read(scenario, "url"), page.read(scenario, "title")))
        return trail
    if here is not None:
        return [(page.read(here, "url"), page.read(here, "title"))]
    if page.value("scenarios") is not None:  # a tag's or a channel's page
        return [(page.value("path"), page.value("title"))]
    return []


def _structured(page: _Page, base: str, language: str) -> list[dict[str, Any]]:
    site = page.value("site")
    trail = _trail(page)
    if not trail:
        return []
    home = site.messages_in(language).gettext("Home")
    items = [
        {"@type": "ListItem", "position": n, "name": name, "item": _address(page, base, path)}
        for n, (path, name) in enumerate([(urls.HOME, home), *trail], 1)
    ]
    found: list[dict[str, Any]] = [{"@type": "BreadcrumbList", "itemListElement": items}]
    scenario, pack = page.value("scenario"), page.value("pack")
    if scenario is not None and pack is not None:
        work: dict[str, Any] = {
            "@type": "CreativeWork",
            "name": page.read(scenario, "title"),
            "description": page.read(scenario, "summary"),
            "inLanguage": language,
            "isPartOf": {
                "@type": "CreativeWorkSeries",
                "name": page.read(pack, "title"),
                "url": _address(page, base, page.read(pack, "url")),
            },
        }
        if base:
            work["url"] = f"{base}{page.read(scenario, 'url')}"
        found.append(work)
    return found


def _image(page: _Page, base: str) -> str:
    """og:image: the letter's own picture, or the site's; only with base_url, since
    Open Graph wants a full address, and a page built without one cannot know it."""
    if not base:
        return ""
    scenario = page.value("scenario")
    own = page.read(scenario, "image") if scenario is not None else ""
    if own:
        return f"{base}{urls.beside_letter(page.read(scenario, 'pack'), own)}"
    shared: str = page.read(page.value("look"), "image")
    return f"{base}{shared}" if shared else ""


@jinja2.pass_context
def page_meta(context: jinja2.runtime.Context) -> PageMeta:
    """The page's social and structured metadata, for base.html's head."""
    page = _Page(context)
    base: str = page.read(page.value("config"), "base_url")
    language: str = page.value("language")
    translations = page.value("translations") or ()
    image = _image(page, base)
    structured = _structured(page, base, language)
    return PageMeta(
        locale=og_locale(language),
        alternates=tuple(og_locale(page.read(t, "language")) for t in translations),
        image=image,
        card="summary_large_image" if image else "summary",
        structured=ld_json({"@context": SCHEMA_ORG, "@graph": structured})
        if structured
        else Markup(""),
    )
