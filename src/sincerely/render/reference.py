"""What layouts are given, in words: the values every page's template has and the
filters and functions of the one Environment (render/renderer.py makes both), for the
layouts reference (render/layouts.py), which docs/theming.md carries.
"""

from __future__ import annotations

from ..common import urls

# What every page's template is given; a test holds PageRenderer.context to these names.
EVERY_PAGE = {
    "site": "The whole gallery, a `Site`.",
    "config": "The settings: `config.title`, `config.description`, `config.language`, "
    "`config.base_url`, `config.repo_url`, and all of them as `config.settings`.",
    "root": "The way from this page to the site's root, like '../': put it before "
    "every path, so that the site works from any folder and from disk.",
    "path": "This page's path from the site's root, like 'letters/thanks.html'.",
    "title": "The page's title.",
    "description": "The page's description, for search engines ('' for none).",
    "canonical": "The page's full address, with base_url; else ''.",
    "indexed": "Whether search engines should list the page (not search.html or 404).",
    "scenario_card": "`scenario_card(scenario, root, level=3)`: a letter's card, as "
    "the home, pack, tag and channel pages show it.",
    "look": "The owner's look: `look.logo` (`.path`, `.width`, `.height`) or none, "
    "`look.favicon` and `look.favicon_type`, `look.icons` (`.rel`, `.path`, `.type`, `.sizes`), "
    "`look.image`, `look.stylesheets`, `look.scripts`, `look.footer` (Markdown), `look.csp` "
    "(the Content-Security-Policy).",
    "extra": "The values of [tool.sincerely.extra].",
    "language": "The page's language, a BCP 47 tag like 'fr': its words come from that "
    "language's catalog, through `_('...')` and `{% trans %}`.",
    "direction": "'rtl' for a language written from right to left, else 'ltr'.",
}
FILTERS = {
    "markdown": "Markdown (no raw HTML, safe links) as HTML: `{{ text | markdown }}`; "
    "its links to the site's pages and files are written from the page (a relative link "
    "starts at the page's folder, the footer's at the site's root).",
    "markdown_inline": "One line of Markdown as HTML, without a paragraph around it.",
    "long_date": "A day written YYYY-MM-DD (`scenario.published`) as the page's language "
    "writes it in full: `{{ day | long_date }}`, '7 December 2026'.",
    "_": "`_('Words')`, `_('Letter %(n)s', n=2)`: the words in the page's language; "
    "`ngettext(singular, plural, n)` for a count.",
    "plural_forms": "`plural_forms('{n} word', '{n} words')`: the words for each plural "
    "category of the page's language, for a script's Intl.PluralRules.",
    "seam_rules": "`seam_rules()`: how a reader's value joins the letter's words in the "
    "page's language (render/seams.py), for the letter page's script.",
    "page_meta": "`page_meta()`: what the page says of itself where it is shared and to "
    "search engines: `.locale`, `.alternates` (og:locale), `.image` (og:image's address, "
    "with base_url), `.card` (twitter:card), `.structured` (its JSON-LD).",
    "url_for": "`url_for(kind, ...)`: a path of the site, from its root: "
    + ", ".join(f"'{k}'" for k in urls.URL_KINDS)
    + "; put `root` before it.",
}
