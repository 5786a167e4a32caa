"""The Word download: a letter as WordprocessingML, written directly.

Building it with python-docx takes 20 ms a letter (its template is parsed and
re-serialised each time), which would add 20 s to a gallery of a thousand; python-docx
reads what we write in the tests, and LibreOffice renders it. The document is
deterministic: fixed dates (archives.epoch) and parts in a fixed order.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape as xml_escape

from ..common.i18n import Messages
from ..common.markdown import plain_paragraphs
from ..format.placeholders import Template
from ..model.scenario import Scenario
from .zips import epoch, join_zips, zip_bytes

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)
_DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>'
    "</Relationships>"
)


def _styles(half_points: int, after: int, language: str) -> str:
    """A letter's look: a serif body with space between paragraphs, and a small grey
    style for the marks a writer deletes (optional paragraphs); its text is in
    ``language`` (a BCP 47 tag), so that Word checks its spelling in that language."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:styles xmlns:w="{_W}">'
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        '<w:rFonts w:ascii="Georgia" w:hAnsi="Georgia" w:cs="Georgia" w:eastAsia="Georgia"/>'
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/><w:lang w:val="{language}"/>'
        "</w:rPr></w:rPrDefault>"
        f'<w:pPrDefault><w:pPr><w:spacing w:after="{after}" w:line="276" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Mark"><w:name w:val="Template mark"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="60"/></w:pPr>'
        '<w:rPr><w:i/><w:color w:val="6B6B6B"/><w:sz w:val="16"/></w:rPr></w:style>'
        "</w:styles>"
    )


def _run(text: str, blank: bool = False, bold: bool = False) -> str:
    props = ""
    if blank or bold:
        props = "<w:rPr>" + ("<w:b/>" if bold else "")
        props += '<w:highlight w:val="yellow"/>' if blank else ""
        props += "</w:rPr>"
    pieces = text.split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{xml_escape(p)}</w:t>' for p in pieces)
    return f"<w:r>{props}{body}</w:r>"


def _template_runs(template: Template, labels: Mapping[str, str]) -> str:
    return "".join(
        _run(s) if isinstance(s, str) else _run(labels[s.field_id], blank=True)
        for s in template.segments
    )


def _paragraph(runs: str, comments: Iterable[int] = (), style: str = "", align: str = "") -> str:
    """A paragraph; each comment spans it, its range after the properties, as the
    schema orders them."""
    props = ""
    if style or align:
        props = "<w:pPr>"
        props += f'<w:pStyle w:val="{style}"/>' if style else ""
        props += f'<w:jc w:val="{align}"/>' if align else ""
        props += "</w:pPr>"
    ids = list(comments)
    starts = "".join(f'<w:commentRangeStart w:id="{n}"/>' for n in ids)
    ends = "".join(
        f'<w:commentRangeEnd w:id="{n}"/><w:r><w:commentReference w:id="{n}"/></w:r>' for n in ids
    )
    return f"<w:p>{props}{starts}{runs}{ends}</w:p>"


def page_setup(channel: str, language: str) -> tuple[str, str]:
    """The styles and the page of a channel's letters in ``language``: A4 with a letter's
    2.5 cm margins, or a handwritten note on a 5 by 7 inch card, in a smaller size, to
    copy out by hand."""
    if channel == "note":
        size, margin, styles = '<w:pgSz w:w="7200" w:h="10080"/>', 720, _styles(21, 140, language)
    else:
        size, margin = '<w:pgSz w:w="11906" w:h="16838"/>', 1418
        styles = _styles(23, 240, language)
    section = (
        f'<w:sectPr>{size}<w:pgMar w:top="{margin}" w:right="{margin}" w:bottom="{margin}" '
        f'w:left="{margin}" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>'
    )
    return styles, section


def core_properties(title: str, when: str) -> str:
    """The document's title and dates (``title`` already escaped for XML)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{title}</dc:title><dc:creator>sincerely</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def browser_parts() -> str:
    """The fixed parts of a Word document, as a script for the letter page, whose docx.js
    makes the reader's filled letter from them (so the two writers share one definition)."""
    parts = {
        "ns": _W,
        "contentTypes": _CONTENT_TYPES,
        "packageRels": _PACKAGE_RELS,
        "documentRels": _DOCUMENT_RELS,
        "core": core_properties("{title}", "{when}"),
        # The page's language goes in place of {lang} (docx.js): one file for every page.
        **{channel: page_setup(channel, "{lang}") for channel in ("letter", "note")},
    }
    return f"window.sincerelyDocxParts={json.dumps(parts, separators=(',', ':'))};\n"


def optional_mark(block_optional: str, words: Messages) -> str:
    """What marks an optional paragraph in a template to take away."""
    return words.gettext("Optional: %(what)s. Delete this paragraph if it does not fit.") % {
        "what": block_optional
    }


def scenario_docx(scenario: Scenario, words: Messages) -> bytes:
    """The letter as a Word document: the letter alone on the page, blanks highlighted,
    optional paragraphs marked, and each paragraph's note as a comment beside it; the
    words around the letter in ``words``' language."""
    _ = words.gettext
    labels = scenario.blank_labels
    paragraphs: list[str] = []
    comments: list[str] = []

    def comment(text: str, markdown: bool = True) -> int:
        number = len(comments)
        # A note is Markdown: its paragraphs, as text with whole sentences (a line break
        # in the source is a space, not a new paragraph of the comment).
        paragraphs = plain_paragraphs(text) if markdown else text.strip().split("\n")
        body = "".join(
            f'<w:p><w:r><w:t xml:space="preserve">{xml_escape(line)}</w:t></w:r></w:p>'
            for line in paragraphs
            if line.strip()
        )
        comments.append(
            f'<w:comment w:id="{number}" w:author="sincerely" w:initials="S">{body}</w:comment>'
        )
        return number

    sources = "; ".join(
        ", ".join(x for x in (s.title, s.author, s.publisher) if x) for s in scenario.sources
    )
    # The letter's own summary and sources, as a comment on its first paragraph.
    sources_line = _("Sources: %(sources)s") % {"sources": sources}
    about = [comment(f"{scenario.title}: {scenario.summary}\n{sources_line}", False)]
    if scenario.channel == "letter":
        # A printed letter opens with the writer's address and the date, on the right,
        # then the recipient's, on the left, as the letter page shows it.
        heading = _run(f"[{_('Your address')}]\n[{_('Date')}]", blank=True)
        paragraphs.append(_paragraph(heading, about, align="right"))
        paragraphs.append(_paragraph(_run(f"[{_('Their name and address')}]", blank=True)))
        about = []
    if scenario.letter.subject is not None:
        runs = _run(_("Subject:") + " ", bold=True)
        runs += _template_runs(scenario.letter.subject, labels)
        paragraphs.append(_paragraph(runs, about))
        about = []
    for block in scenario.letter.blocks:
        if block.optional:
            paragraphs.append(_paragraph(_run(optional_mark(block.optional, words)), style="Mark"))
        notes = [comment(block.note)] if block.note else []
        paragraphs.append(_paragraph(_template_runs(block.text, labels), about + notes))
        about = []
    styles, section = page_setup(scenario.channel, xml_escape(words.language))
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body>'
        + "".join(paragraphs)
        + section
        + "</w:body></w:document>"
    )
    comments_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:comments xmlns:w="{_W}">' + "".join(comments) + "</w:comments>"
    )
    core = core_properties(xml_escape(scenario.title), epoch().strftime("%Y-%m-%dT%H:%M:%SZ"))
    own = zip_bytes(
        [("docProps/core.xml", core.encode()), ("word/document.xml", document.encode())],
        keep_order=True,
    )
    comments_part = zip_bytes([("word/comments.xml", comments_xml.encode())])
    # The parts every letter shares are deflated once; the zip joined from the pieces
    # is the one zip_bytes makes of all seven parts, byte for byte.
    return join_zips([_shared_head(epoch()), own, _shared_styles(styles, epoch()), comments_part])


# ``when`` is the date zip_bytes stamps (epoch()): a key, so that a new
# SOURCE_DATE_EPOCH is not answered from the cache.
@functools.cache
def _shared_head(when: datetime.datetime) -> bytes:
    parts = [("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _PACKAGE_RELS)]
    return zip_bytes([(name, text.encode()) for name, text in parts], keep_order=True)


@functools.cache
def _shared_styles(styles: str, when: datetime.datetime) -> bytes:
    parts = [("word/_rels/document.xml.rels", _DOCUMENT_RELS), ("word/styles.xml", styles)]
    return zip_bytes([(name, text.encode()) for name, text in parts], keep_order=True)
