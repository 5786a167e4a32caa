"""Templates to take away: each letter as plain text, Markdown and a Word document, and
every pack (and the whole gallery) as a zip.

Everything here is deterministic: the same letter gives the same bytes, with fixed
timestamps (SOURCE_DATE_EPOCH, or 1980-01-01, the first date a zip can hold) and entries
in a fixed order. The Word document is written directly as WordprocessingML: building it
with python-docx takes 20 ms a letter (its template is parsed and re-serialised each
time), which would add 20 s to a gallery of a thousand; python-docx reads what we write in
the tests, and LibreOffice renders it.
"""

from __future__ import annotations

import datetime
import io
import os
import textwrap
import zipfile
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from xml.sax.saxutils import escape as xml_escape

from .model import Pack, Scenario, Site, Template

WRAP = 72  # columns: plain text for email


ZIP_EPOCH = datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)  # the first date a zip holds


def epoch() -> datetime.datetime:
    """The date every download carries: SOURCE_DATE_EPOCH, as reproducible builds set
    it, but never before 1980 (SOURCE_DATE_EPOCH=0 is common, and zips cannot say it)."""
    seconds = os.environ.get("SOURCE_DATE_EPOCH", "")
    if seconds.isdigit():
        return max(datetime.datetime.fromtimestamp(int(seconds), tz=datetime.UTC), ZIP_EPOCH)
    return ZIP_EPOCH


def _labels(scenario: Scenario) -> dict[str, str]:
    return {f.id: f"[{f.label}]" for f in scenario.fields}


def download_paths(scenario: Scenario) -> dict[str, str]:
    base = f"{scenario.pack}/{scenario.slug}"
    return {"txt": f"{base}.txt", "md": f"{base}.md", "docx": f"{base}.docx"}


def pack_zip_path(pack: Pack) -> str:
    return f"{pack.slug}/{pack.slug}-letters.zip"


GALLERY_ZIP = "all-letters.zip"


# ---- plain text ----


def _wrap(text: str) -> str:
    """Wrap each line of a block for email, keeping the writer's own line breaks."""
    return "\n".join(
        textwrap.fill(line, WRAP, break_long_words=False, break_on_hyphens=False) or line
        for line in text.split("\n")
    )


def letter_text(scenario: Scenario) -> str:
    labels = _labels(scenario)
    parts = []
    subject = scenario.letter.subject
    if subject is not None:
        parts.append(_wrap(f"Subject: {subject.fill(labels)}"))
    for block in scenario.letter.blocks:
        text = _wrap(block.text.fill(labels))
        if block.optional:
            text = (
                f"[Optional: {block.optional}. Delete this paragraph if it does not fit.]\n{text}"
            )
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


def letter_markdown(scenario: Scenario) -> str:
    lines = [f"# {_md_escape(scenario.title)}", "", _md_escape(scenario.summary), ""]
    lines += ["## When this letter fits", "", scenario.situation.strip(), ""]
    if scenario.timing:
        lines += [f"When to send: {_md_escape(scenario.timing)}", ""]
    lines += ["## The letter", ""]
    if scenario.letter.subject is not None:
        lines += [f"Subject: {_md_template(scenario.letter.subject, scenario)}", ""]
    for number, block in enumerate(scenario.letter.blocks, 1):
        if block.optional:
            lines += [f"*Optional: {_md_escape(block.optional)}*", ""]
        text = _md_template(block.text, scenario)
        lines += ["  \n".join(text.split("\n")), ""]
        if block.note:
            note = block.note.strip().replace("\n", "\n> ")
            lines += [f"> **Why block {number} is written this way:** {note}", ""]
    for heading, tips in (("Do", scenario.tips_do), ("Avoid", scenario.tips_avoid)):
        if tips:
            lines += [f"## {heading}", ""] + [f"- {tip}" for tip in tips] + [""]
    lines += ["## Where the advice comes from", ""]
    for source in scenario.sources:
        who = ", ".join(_md_escape(x) for x in (source.author, source.publisher) if x)
        title = _md_escape(source.title)
        title = f"[{title}]({source.url})" if source.url else f"*{title}*"
        lines.append(f"- {title}" + (f", {who}" if who else ""))
    return "\n".join(lines) + "\n"


# ---- Word ----

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


def _styles(half_points: int, after: int) -> str:
    """A letter's look: a serif body with space between paragraphs, and a small grey
    style for the marks a writer deletes (optional paragraphs)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:styles xmlns:w="{_W}">'
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        '<w:rFonts w:ascii="Georgia" w:hAnsi="Georgia" w:cs="Georgia" w:eastAsia="Georgia"/>'
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/><w:lang w:val="en-GB"/>'
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


def letter_docx(scenario: Scenario) -> bytes:
    """The letter as a Word document: the letter alone on the page, blanks highlighted,
    optional paragraphs marked, and each paragraph's note as a comment beside it."""
    labels = _labels(scenario)
    paragraphs: list[str] = []
    comments: list[str] = []

    def comment(text: str) -> int:
        number = len(comments)
        body = "".join(
            f'<w:p><w:r><w:t xml:space="preserve">{xml_escape(line)}</w:t></w:r></w:p>'
            for line in text.strip().split("\n")
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
    about = [comment(f"{scenario.title}: {scenario.summary}\nSources: {sources}")]
    if scenario.channel == "letter":
        # A printed letter opens with the writer's address and the date, on the right.
        heading = _run("[Your address]\n[Date]", blank=True)
        paragraphs.append(_paragraph(heading, about, align="right"))
        about = []
    if scenario.letter.subject is not None:
        runs = _run("Subject: ", bold=True) + _template_runs(scenario.letter.subject, labels)
        paragraphs.append(_paragraph(runs, about))
        about = []
    for block in scenario.letter.blocks:
        if block.optional:
            mark = f"Optional: {block.optional}. Delete this paragraph if it does not fit."
            paragraphs.append(_paragraph(_run(mark), style="Mark"))
        notes = [comment(block.note)] if block.note else []
        paragraphs.append(_paragraph(_template_runs(block.text, labels), about + notes))
        about = []
    # A4 with a letter's 2.5 cm margins; a handwritten note on a 5 by 7 inch card, in a
    # smaller size, to copy out by hand.
    if scenario.channel == "note":
        size, margin, styles = '<w:pgSz w:w="7200" w:h="10080"/>', 720, _styles(21, 140)
    else:
        size, margin, styles = '<w:pgSz w:w="11906" w:h="16838"/>', 1418, _styles(23, 240)
    section = (
        f'<w:sectPr>{size}<w:pgMar w:top="{margin}" w:right="{margin}" w:bottom="{margin}" '
        f'w:left="{margin}" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>'
    )
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
    when = epoch().strftime("%Y-%m-%dT%H:%M:%SZ")
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_escape(scenario.title)}</dc:title><dc:creator>sincerely</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>"
    )
    return zip_bytes(
        [
            ("[Content_Types].xml", _CONTENT_TYPES.encode()),
            ("_rels/.rels", _PACKAGE_RELS.encode()),
            ("docProps/core.xml", core.encode()),
            ("word/document.xml", document.encode()),
            ("word/_rels/document.xml.rels", _DOCUMENT_RELS.encode()),
            ("word/styles.xml", styles.encode()),
            ("word/comments.xml", comments_xml.encode()),
        ],
        keep_order=True,
    )


# ---- archives ----


def zip_bytes(files: Iterable[tuple[str, bytes]], keep_order: bool = False) -> bytes:
    """A zip with fixed timestamps and permissions, entries sorted (or in the order
    given, where a format wants one first), so equal files give equal archives."""
    stamp = epoch().timetuple()[:6]
    entries = list(files) if keep_order else sorted(files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            # A Word document is a zip already: deflating it again costs time, saves little.
            stored = name.endswith((".docx", ".zip"))
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data, compresslevel=None if stored else 6)
    return buffer.getvalue()


def letter_downloads(scenario: Scenario) -> dict[str, bytes]:
    """Each of a letter's downloads, by site path."""
    paths = download_paths(scenario)
    return {
        paths["txt"]: letter_text(scenario).encode("utf-8"),
        paths["md"]: letter_markdown(scenario).encode("utf-8"),
        paths["docx"]: letter_docx(scenario),
    }


def pack_readme(pack: Pack) -> str:
    lines = [f"{pack.title}", "=" * len(pack.title), "", pack.summary, ""]
    lines.append("Each letter comes in three forms: .txt (the letter alone, to paste),")
    lines.append(".md (with the notes on why each paragraph is there, the tips and the")
    lines.append("sources), and .docx (for a word processor; the notes are comments).")
    lines.append("Blanks to fill in are in [brackets]; optional paragraphs are marked.")
    lines.append("")
    for scenario in pack.scenarios:
        lines.append(f"- {scenario.slug}: {scenario.title} ({scenario.channel})")
    return "\n".join(lines) + "\n"


def pack_archive(pack: Pack, files: Mapping[str, bytes]) -> bytes:
    """A pack's zip: a README and every letter in every form, under the pack's name."""
    entries = [(f"{pack.slug}/README.txt", pack_readme(pack).encode("utf-8"))]
    for scenario in pack.scenarios:
        for kind, path in download_paths(scenario).items():
            entries.append((f"{pack.slug}/{scenario.slug}.{kind}", files[path]))
    return zip_bytes(entries)


def gallery_archive(packs: Iterable[Pack], files: Mapping[str, bytes]) -> bytes:
    entries = []
    for pack in packs:
        entries.append((f"{pack.slug}/README.txt", pack_readme(pack).encode("utf-8")))
        for scenario in pack.scenarios:
            for kind, path in download_paths(scenario).items():
                entries.append((f"{pack.slug}/{scenario.slug}.{kind}", files[path]))
    return zip_bytes(entries)


def archives(site: Site, files: Mapping[str, bytes]) -> list[tuple[str, bytes]]:
    """Every pack's zip and the gallery's, from the downloads already made."""
    return [(path, make()) for path, _cost, make in archive_jobs(site, files)]


def archive_jobs(
    site: Site, files: Mapping[str, bytes]
) -> list[tuple[str, int, Callable[[], bytes]]]:
    """Each archive as a job (path, cost, how to make it), for parallel workers."""
    jobs: list[tuple[str, int, Callable[[], bytes]]] = [
        (pack_zip_path(p), len(p.scenarios), partial(pack_archive, p, files)) for p in site.packs
    ]
    size = sum(len(p.scenarios) for p in site.packs)
    jobs.append((GALLERY_ZIP, size, partial(gallery_archive, site.packs, files)))
    return jobs
