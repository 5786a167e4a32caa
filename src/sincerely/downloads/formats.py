"""Templates to take away, one table of their formats: each letter as plain text (wrapped
for email, blanks as [Label]), as Markdown (with the notes, tips and sources) and as a
Word document (downloads/docx.py); downloads/archives.py zips them by pack and for the
gallery.

:data:`FORMATS` is the one list of them: each format's path (common/urls.py's
download()), the build's files for each letter, the letter page's links, the zips'
entries and their README's sentence on what each form is for are all read off it.
Adding a format is a row here (and its words in the theme's catalogs).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from ..common import urls
from ..common.i18n import N_, Messages
from ..format.placeholders import Template
from ..model.scenario import Scenario
from .docx import optional_mark, scenario_docx

WRAP = 72  # columns: plain text for email


def _wrap(text: str) -> str:
    """Wrap each line of a block for email, keeping the writer's own line breaks."""
    return "\n".join(
        textwrap.fill(line, WRAP, break_long_words=False, break_on_hyphens=False) or line
        for line in text.split("\n")
    )


def letter_text(scenario: Scenario, words: Messages) -> str:
    """The letter alone, blanks as [Label]; a paper letter opens with its addresses and
    date, as the letter page and the Word document lay them out. The words around the
    letter are in ``words``' language, the letter's own."""
    labels = scenario.blank_labels
    parts = []
    if scenario.channel == "letter":
        _ = words.gettext  # each string written out, so that Babel's extraction sees it
        head = (_("Your address"), _("Date"), _("Their name and address"))
        parts.append("\n".join(f"[{part}]" for part in head))
    subject = scenario.letter.subject
    if subject is not None:
        parts.append(_wrap(f"{words.gettext('Subject:')} {subject.fill(labels)}"))
    for block in scenario.letter.blocks:
        text = _wrap(block.text.fill(labels))
        if block.optional:
            text = f"{_wrap('[' + optional_mark(block.optional, words) + ']')}\n{text}"
        parts.append(text)
    return "\n\n".join(parts) + "\n"


# ---- Markdown ----


def _md_escape(text: str) -> str:
    """Text as Markdown shows it literally (the letter is plain text, not Markdown)."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def _md_template(template: Template, scenario: Scenario) -> str:
    labels = {f.id: f.label for f in scenario.fields}
    return "".join(
        _md_escape(s) if isinstance(s, str) else f"**\\[{_md_escape(labels[s.field_id])}\\]**"
        for s in template.segments
    )


def scenario_markdown(scenario: Scenario, words: Messages) -> str:
    _ = words.gettext
    lines = [f"# {_md_escape(scenario.title)}", "", _md_escape(scenario.summary), ""]
    lines += [f"## {_('When this letter fits')}", "", scenario.situation.strip(), ""]
    if scenario.timing:
        lines += [f"{_('When to send')}: {_md_escape(scenario.timing)}", ""]
    lines += [f"## {_('The letter, annotated')}", ""]
    if scenario.letter.subject is not None:
        lines += [f"{_('Subject:')} {_md_template(scenario.letter.subject, scenario)}", ""]
    for block in scenario.letter.blocks:
        if block.optional:
            optional = _("Optional: %(what)s") % {"what": _md_escape(block.optional)}
            lines += [f"*{optional}*", ""]
        text = _md_template(block.text, scenario)
        lines += ["  \n".join(text.split("\n")), ""]
        if block.note:
            note = block.note.strip().replace("\n", "\n> ")
            lines += [f"> **{_('Why this paragraph?')}** {note}", ""]
    for heading, tips in ((_("Do"), scenario.tips.do), (_("Avoid"), scenario.tips.avoid)):
        if tips:
            lines += [f"## {heading}", ""] + [f"- {tip}" for tip in tips] + [""]
    lines += [f"## {_('Where the advice comes from')}", ""]
    for source in scenario.sources:
        who = ", ".join(_md_escape(x) for x in (source.author, source.publisher) if x)
        title = _md_escape(source.title)
        title = f"[{title}]({source.url})" if source.url else f"*{title}*"
        lines.append(f"- {title}" + (f", {who}" if who else ""))
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Format:
    """A form a letter's blank template is taken away in."""

    suffix: str  # the file's extension, without its dot; its kind in the site's paths
    label: str  # what the letter page's link to it says (English: shown translated)
    about: str  # what it holds, for the zips' README (English: written translated)
    make: Callable[[Scenario, Messages], bytes]  # its bytes, in the letter's language

    def path(self, scenario: Scenario) -> str:
        return urls.download(scenario.pack, scenario.slug, self.suffix)


# In the order the letter page lists them, the zips hold them and the README names them.
FORMATS: tuple[Format, ...] = (
    Format(
        "txt",
        N_("Blank template, plain text"),
        N_("the letter alone, to paste"),
        lambda scenario, words: letter_text(scenario, words).encode("utf-8"),
    ),
    Format(
        "md",
        N_("Blank template with the notes, tips and sources, in Markdown"),
        N_("with the notes on why each paragraph is there, the tips and the sources"),
        lambda scenario, words: scenario_markdown(scenario, words).encode("utf-8"),
    ),
    Format(
        "docx",
        N_("Blank template for Word, the notes as comments"),
        N_("for a word processor; the notes are comments"),
        scenario_docx,
    ),
)


def format_of(suffix: str) -> Format:
    """The format whose files end in ``.suffix``."""
    return next(f for f in FORMATS if f.suffix == suffix)


def scenario_downloads(scenario: Scenario, words: Messages) -> dict[str, bytes]:
    """Each of a letter's downloads, by site path, with ``words`` in its language."""
    return {f.path(scenario): f.make(scenario, words) for f in FORMATS}
