"""Phase two: pages rendered from the model, through one Jinja Environment.

The Environment has autoescape and StrictUndefined, so a contributed string is always
escaped and a layout's typo is an error, not a blank; content strings are values handed
to templates, never templates themselves. The Environment is made once and not changed
afterwards: what differs from page to page is in the page's values.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol, cast

import jinja2
from markupsafe import Markup

from ..common import markdown, urls
from ..common.i18n import SOURCE_LANGUAGE, Messages, direction, long_date
from ..model.scenario import Scenario
from ..model.site import Site
from ..theming.look import look_of
from ..theming.theme import Theme, layout_error, layout_mistake
from .compiling import COMPILED, LayoutsEnvironment, ResolvingCodeGenerator
from .indentation import strip_indentation
from .memo import Identity, Memo, Reads, fingerprint, recording, replay, resolver
from .metadata import page_meta
from .pages import PageSpec
from .seams import SeamRules, seam_rules
from .undefined import LayoutUndefined, OwnValues


def make_environment(theme: Theme, kept: Path | None = None) -> LayoutsEnvironment:
    """The one Environment; pages are rendered by its overlay for their language. With
    ``kept``, a folder where compiled layouts are kept for the next build."""
    env = LayoutsEnvironment(
        # A project's layout may extend the theme's own file of the same name as
        # "theme/NAME" (as Sphinx's "!layout.html"), and change only its blocks.
        loader=jinja2.ChoiceLoader(
            [
                jinja2.PrefixLoader({"theme": jinja2.FileSystemLoader(str(theme.folders[-1]))}),
                *(jinja2.FileSystemLoader(str(d)) for d in theme.folders),
            ]
        ),
        autoescape=True,
        undefined=LayoutUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=COMPILED if kept is None else COMPILED.on_disk(kept),
    )
    env.code_generator_class = ResolvingCodeGenerator
    env.filters["markdown"] = _markdown
    env.filters["markdown_inline"] = lambda text: markdown.render_inline(text, _links(text))
    env.filters["long_date"] = _long_date
    env.globals["url_for"] = urls.url_for
    env.globals["plural_forms"] = _plural_forms
    env.globals["seam_rules"] = _seam_rules
    env.globals["page_meta"] = page_meta
    # JSON in pages keeps its letters as they are (é, not \u00e9): lighter in any
    # language but English; < > & ' are still escaped, as tojson always does.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    # The layouts' words, in the page's language (its `language`), through gettext.
    env.add_extension("jinja2.ext.i18n")
    cast(_WithGettext, env).install_gettext_callables(_gettext, _ngettext, newstyle=True)
    # Last, before any layout is compiled: the owner's filters and globals are in every
    # language's overlay (they share its tables), and in the compiled code's key.
    env.hooks = theme.hooks
    theme.hooks.on_env(env)
    return env


class _WithGettext(Protocol):
    """What Jinja's i18n extension adds to the Environment when it is added (at run
    time, so Jinja's types do not declare it)."""

    def install_gettext_callables(
        self,
        gettext: Callable[[str], str],
        ngettext: Callable[[str, str, int], str],
        newstyle: bool | None = None,
    ) -> None: ...


# The words of the page being rendered, in its language: macros imported into a layout
# and cards rendered on their own have no page context to ask, so the page's rendering
# sets them here for its whole duration.
# Outside a page (a card rendered on its own in a test), the theme's own English.
_WORDS: ContextVar[Messages | None] = ContextVar("words", default=None)
_SOURCE_WORDS = Messages(SOURCE_LANGUAGE)


def _words() -> Messages:
    return _WORDS.get() or _SOURCE_WORDS


def _gettext(message: str) -> str:
    return _words().gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _words().ngettext(singular, plural, n)


# The page being rendered, its path and its way to the site's root: its Markdown's
# links are written from there (common/urls.py's link_from; the footer's from the root).
_PAGE: ContextVar[tuple[str, str] | None] = ContextVar("page", default=None)


def _links(text: str) -> markdown.Links | None:
    folder = "" if isinstance(text, urls.SiteWide) else None
    return None if (page := _PAGE.get()) is None else partial(urls.link_from, *page, folder=folder)


def _long_date(day: str) -> str:
    return long_date(day, _words().language)


def _markdown(text: str) -> Markup:
    # Headings' permalinks say what they are in the page's language, as the theme's do.
    return markdown.render_markdown(text, _gettext(markdown.PERMALINK_LABEL), _links(text))


def _plural_forms(singular: str, plural: str) -> dict[str, str]:
    return _words().plural_forms(singular, plural)


def _seam_rules() -> SeamRules:
    return seam_rules(_words().language)


class CardStore(Protocol):
    """Cards kept from earlier builds, by letter (build/letterstore.py)."""

    def get(self, scenario: Scenario, root: str, level: int, language: str) -> str | None: ...

    def put(self, scenario: Scenario, root: str, level: int, language: str, html: str) -> None: ...


@dataclass
class PageRenderer:
    """Renders pages of one site. With a memo (serve keeps one between builds), a page
    or card whose reads are all unchanged is not rendered again; without one, with a
    card store (a build keeps one), neither is a card of an unchanged letter."""

    site: Site
    env: LayoutsEnvironment
    memo: Memo | None = None
    cards: CardStore | None = None
    # Cards rendered in this build, by (letter, root, heading level): a card is shown on
    # the home, pack, tag and channel pages alike.
    _cards: dict[tuple[Identity, str, int, str], tuple[Reads, Markup]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._resolve = resolver(self.site)
        self._look = look_of(self.site.config)
        self._page_hooks = self.env.hooks.has("on_page_context")

    def scenario_card(self, scenario: Scenario, root: str, level: int = 3) -> Markup:
        """A letter's card, made once in a build (the home, pack, tag and channel pages
        all show it) and, between builds, kept in one place: serve's memo, which knows
        what the card read (a page remembered by the memo depends on exactly that), or
        else a build's store of letters, which knows the letter's digest."""
        key = (scenario.identity, root, level, _words().language)
        made = self._cards.get(key)
        if made is not None:
            if self.memo is not None:
                replay(made[0])
            return made[1]
        language = key[3]
        if self.memo is not None:
            remembered = self.memo.get(("card", *key), self._resolve)
            if remembered is not None:
                return Markup(remembered)
        elif self.cards is not None:
            stored = self.cards.get(scenario, root, level, language)
            if stored is not None:
                self._cards[key] = (Reads(), Markup(stored))
                return self._cards[key][1]
        macros: Any = self.env.in_language(_words()).get_template("_macros.html").module
        reads = Reads()
        if self.memo is None:  # a build notes nothing: no page of it is remembered
            html = Markup(macros.card(scenario, root, level))
        else:
            with recording(reads):
                html = Markup(macros.card(scenario, root, level))
            self.memo.put(("card", *key), reads, html)
        self._cards[key] = (reads, html)
        if self.cards is not None and self.memo is None:
            self.cards.put(scenario, root, level, language, html)
        return html

    def render(self, spec: PageSpec) -> bytes:
        """The page's bytes, from the memo when nothing it read has changed."""
        key: tuple[object, ...] = ("page", spec.template, spec.path, spec.title)
        key += (spec.description, spec.root, spec.indexed, spec.language)
        values = {**spec.values}
        # What on_page_context reads is not noted as a layout's reads are: no memo.
        if self.memo is None or self._page_hooks:
            return self._render(spec, values)
        key += (fingerprint(values),)
        remembered = self.memo.get(key, self._resolve)
        if remembered is not None:
            data: bytes = remembered
            return data
        with recording(Reads()) as reads:
            data = self._render(spec, values)
        self.memo.put(key, reads, data)
        return data

    def context(self, spec: PageSpec, values: dict[str, Any]) -> dict[str, Any]:
        """What the page's template is given: what every page has (EVERY_PAGE), and
        the values of its kind (kinds.KINDS)."""
        base = self.site.config.base_url
        canonical = f"{base}{spec.path}" if base and spec.indexed else ""
        language = spec.language or self.site.config.language
        return {
            "site": self.site,
            "config": self.site.config,
            "root": urls.root_of(spec.path) if spec.root is None else spec.root,
            "path": spec.path,
            "title": spec.title,
            "canonical": canonical,
            "indexed": spec.indexed,
            "description": spec.description,
            "scenario_card": self.scenario_card,
            "look": self._look,
            "extra": OwnValues(self.site.config.settings.extra),
            "language": language,
            "direction": direction(language),
            **values,
        }

    def _render(self, spec: PageSpec, values: dict[str, Any]) -> bytes:
        context = self.env.hooks.page_context(self.context(spec, values), spec)
        messages = self.site.messages_in(context["language"])
        words = _WORDS.set(messages)
        page = _PAGE.set((spec.path, context["root"]))
        try:
            text = self.env.in_language(messages).get_template(spec.template).render(context)
        except jinja2.TemplateError as exc:
            raise layout_error(exc) from None
        except Exception as exc:
            # A mistake met while a layout runs (url_for('serch'), 1 // 0, a filter given
            # the wrong thing, _("%(n)s") with no n) is the layout's, at its line; one
            # that no layout's line leads to is a bug in sincerely, and stays one.
            located = layout_mistake(exc)
            at = located.diagnostics[0].location if located else None
            located = self.env.hooks.mistake(exc, at) or located  # a hook's filter's
            if located is None:
                raise
            raise located from None
        finally:
            _PAGE.reset(page)
            _WORDS.reset(words)
        return strip_indentation(markdown.unique_ids(text)).encode("utf-8")
