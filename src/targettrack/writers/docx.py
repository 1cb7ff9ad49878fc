"""The monthly report as a Word document in the layout of official documents (GB/T 9704-2012).

- A4, margins 37 mm top, 35 mm bottom, 28 mm left and 26 mm right; the body in FangSong
  (仿宋) at 3号 (16 pt) on a grid of 22 lines of 28 characters; the title in a Song-style face
  (小标宋) at 2号 (22 pt); first-level headings in 黑体, second-level in 楷体; page numbers at
  the foot as "— 1 —" in 4号 (14 pt), odd pages on the right and even pages on the left, one
  character in from the edge.
- Every font is named for East Asian text too (``w:eastAsia``), so that Word and WPS on a
  Chinese computer show the Chinese faces; where a face is missing they substitute their own.
- The 完成情况表 follows in a landscape section of its own, in 宋体 at 五号 (10.5 pt), its
  header row repeated on every page, groups as rows of their own, verdicts as words with their
  symbols (and a tint, never colour alone). Its rows are written as one piece of XML, so a
  table of 10,000 targets takes seconds, not minutes.

python-docx is imported here only, and this module only by ``targettrack report``.
"""

from __future__ import annotations

import io
import math
import re
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from targettrack.core.models import Catalogue, Verdict
from targettrack.core.words import DayName
from targettrack.messages import Message
from targettrack.writers.document import Block, report_blocks, verdict_of

if TYPE_CHECKING:
    from targettrack.context import Context
    from targettrack.usecases.late import NoticesView
    from targettrack.usecases.report import ReportView
    from targettrack.writers import Options
    from targettrack.writers.shape import Table

# GB/T 9704-2012, 5.2.1 and 7.2
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
LINES, CHARS = 22, 28
BODY_SIZE, TITLE_SIZE, PAGE_NUMBER_SIZE, TABLE_SIZE = Pt(16), Pt(22), Pt(14), Pt(10.5)
# The faces offices name; Word and WPS substitute their own where one is missing.
TITLE_FACE = "方正小标宋简体"
BODY_FACE = "仿宋_GB2312"
HEADING_FACE = "黑体"
SUBHEADING_FACE = "楷体_GB2312"
TABLE_FACE = "宋体"
LATIN_FACE = "Times New Roman"

_TWIPS_PER_MM = 1440 / 25.4
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML
_TINTS = {
    Verdict.ACHIEVED: "C6EFCE",
    Verdict.ON_TRACK: "E2F0D9",
    Verdict.IN_PROGRESS: "DDEBF7",
    Verdict.SLIGHTLY_BEHIND: "FFEB9C",
    Verdict.BEHIND: "FFC7CE",
    Verdict.MISSED: "FF9999",
    Verdict.NO_DATA: "EDEDED",
}


def character_spacing() -> int:
    """How much closer (twentieths of a point, negative) characters of 3号 stand so that 28
    fill the 156 mm line exactly."""
    advance = (210 - 28 - 26) / 25.4 * 72 / CHARS
    return math.floor((advance - float(BODY_SIZE.pt)) * 20)


def line_pitch() -> int:
    """The line grid's pitch in twips: 22 lines in the text block's height."""
    height = (297 - 37 - 35) * _TWIPS_PER_MM
    return round(height / LINES)


def _fonts(run_properties: Any, east_asian: str, size: Any, *, bold: bool = False) -> None:
    """Name the faces of a run (or a style's run) for Latin and East Asian text alike."""
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for key in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(key), LATIN_FACE)
    fonts.set(qn("w:eastAsia"), east_asian)
    for tag in ("w:sz", "w:szCs"):
        element = run_properties.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            run_properties.append(element)
        element.set(qn("w:val"), str(int(size.pt * 2)))
    if bold:
        run_properties.append(OxmlElement("w:b"))


def _style(document: Any, name: str, face: str, size: Any, base: str = "Normal") -> Any:
    from docx.enum.style import WD_STYLE_TYPE

    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles[base]
    style.font.size = size
    _fonts(style.element.get_or_add_rPr(), face, size)
    return style


def _setup(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.orientation = WD_ORIENT.PORTRAIT
    for side, size in MARGINS.items():
        setattr(section, f"{side}_margin", size)
    section.footer_distance = Mm(28)  # the page number sits 7 mm below the text block
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(line_pitch()))
    # the grid's character pitch is reckoned from the document's default size: make it 3号
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if run_defaults is not None:
        properties = run_defaults.find(qn("w:rPr"))
        if properties is None:
            properties = OxmlElement("w:rPr")
            run_defaults.append(properties)
        _fonts(properties, BODY_FACE, BODY_SIZE)
    normal = document.styles["Normal"]
    normal.font.size = BODY_SIZE
    _fonts(normal.element.get_or_add_rPr(), BODY_FACE, BODY_SIZE)
    # 28 characters of 3号 in the 156 mm line: each a fifth of a point closer than its size
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(character_spacing()))
    normal.element.get_or_add_rPr().append(spacing)
    form = normal.paragraph_format
    form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    form.line_spacing = Pt(line_pitch() / 20)
    form.space_before = form.space_after = Pt(0)
    _style(document, "Report Title", TITLE_FACE, TITLE_SIZE)
    _style(document, "Report Heading 1", HEADING_FACE, BODY_SIZE)
    _style(document, "Report Heading 2", SUBHEADING_FACE, BODY_SIZE)
    table = _style(document, "Report Table", TABLE_FACE, TABLE_SIZE)
    table.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    table.paragraph_format.line_spacing = Pt(14)
    table.paragraph_format.first_line_indent = Pt(0)
    off_grid = OxmlElement("w:snapToGrid")  # a table's lines are its own, not the page's
    off_grid.set(qn("w:val"), "0")
    table.element.get_or_add_pPr().append(off_grid)
    document.settings.odd_and_even_pages_header_footer = True
    _page_numbers(section)


def _page_numbers(section: Any) -> None:
    """— 1 — at the foot: odd pages on the right, even on the left, one character in."""
    for footer, right in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
        if right:
            paragraph.paragraph_format.right_indent = PAGE_NUMBER_SIZE
        else:
            paragraph.paragraph_format.left_indent = PAGE_NUMBER_SIZE
        for text in ("— ", None, " —"):
            if text is None:
                field = parse_xml(
                    f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r>'
                    "</w:fldSimple>"
                )
                paragraph._p.append(field)
                _fonts(field.find(qn("w:r")).get_or_add_rPr(), TABLE_FACE, PAGE_NUMBER_SIZE)
                continue
            run = paragraph.add_run(text)
            _fonts(run._r.get_or_add_rPr(), TABLE_FACE, PAGE_NUMBER_SIZE)


def _clean(text: str) -> str:
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)


# How each kind of block is set: its paragraph style, alignment and first-line indent.
_PARAGRAPHS = {
    "title": ("ReportTitle", "center", False),
    "date": (None, "center", False),
    "h1": ("ReportHeading1", None, True),
    "h2": ("ReportHeading2", None, True),
    "p": (None, None, True),
    "salutation": (None, None, False),  # 主送机关: flush left
    "code": (None, None, True),
    "right": (None, "right", False),  # who sends it, and when
}


def paragraph_xml(block: Block) -> str:
    """A block as a Word paragraph, written out: python-docx's paragraph objects look their
    style up anew each time, which at 10,000 paragraphs takes seconds."""
    style, align, indent = _PARAGRAPHS.get(block.kind, _PARAGRAPHS["p"])
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if block.kind == "title":
        props += '<w:spacing w:line="700" w:lineRule="exact"/>'  # 35 pt: the 2号 title's line
    if indent:
        props += f'<w:ind w:firstLine="{int(BODY_SIZE.pt * 2 * 20)}"/>'  # two characters in
    if align:
        props += f'<w:jc w:val="{align}"/>'
    body = escape(_clean(block.text))
    return f'<w:p><w:pPr>{props}</w:pPr><w:r><w:t xml:space="preserve">{body}</w:t></w:r></w:p>'


def _append(document: Any, fragments: list[str]) -> None:
    """Paragraphs and tables, written out, at the end of the body (before its last section's
    properties), parsed in one go."""
    if not fragments:
        return
    body = document.element.body
    wrapper = parse_xml(f"<w:body {nsdecls('w')}>{''.join(fragments)}</w:body>")
    at = len(body) - 1
    for offset, element in enumerate(list(wrapper)):
        body.insert(at + offset, element)
    fragments.clear()


def _table_section(document: Any) -> Any:
    """A landscape section for the table, with the same margins turned with the page."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
    section.top_margin, section.bottom_margin = MARGINS["left"], MARGINS["right"]
    section.left_margin, section.right_margin = MARGINS["top"], MARGINS["bottom"]
    return section


# Shares of the table's width, by column (the name wraps; the figures stay whole).
_WIDTHS = {
    "name": 20,
    "goal": 10,
    "actual": 11,
    "yoy": 8,
    "completion": 9,
    "pace": 7,
    "gap": 7,
    "verdict": 10,
    "department": 8,
    "note": 14,
}


def table_xml(table: Table, width_twips: int) -> str:
    """The table as WordprocessingML: fixed column widths that add up to ``width_twips``,
    the header row repeated on every page, a row per group heading, and cells in the table
    style. Written as text in one go: python-docx's cell objects take minutes at 10,000 rows."""
    keys = [f.key for f in table.fields]
    shares = [_WIDTHS.get(k, 10) for k in keys]
    widths = [width_twips * share // sum(shares) for share in shares]
    widths[0] += width_twips - sum(widths)
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{width_twips}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{border}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]

    def cell(text: str, width: int, *, right: bool = False, bold: bool = False,
             fill: str | None = None, span: int = 1) -> str:  # fmt: skip
        props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        if span > 1:
            props += f'<w:gridSpan w:val="{span}"/>'
        if fill:
            props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
        justify = '<w:jc w:val="right"/>' if right else ""
        run_props = "<w:rPr><w:b/></w:rPr>" if bold else ""
        body = escape(_clean(text))
        return (
            f'<w:tc><w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="ReportTable"/>{justify}</w:pPr>'
            f'<w:r>{run_props}<w:t xml:space="preserve">{body}</w:t></w:r></w:p></w:tc>'
        )

    header = "".join(
        cell(f.header, w, bold=True, fill="D9E1F2")
        for f, w in zip(table.fields, widths, strict=True)
    )
    out.append(f"<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>{header}</w:tr>")
    for section in table.sections:
        if section.title:
            heading = cell(section.title, width_twips, bold=True, fill="F2F2F2", span=len(keys))
            out.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{heading}</w:tr>")
        for row in section.rows:
            verdict = verdict_of(row)
            cells = []
            for field, w in zip(table.fields, widths, strict=True):
                fill = _TINTS[verdict] if field.key == "verdict" and verdict else None
                value = row.get(field.key)
                cells.append(cell(str(value or ""), w, right=field.numeric, fill=fill))
            out.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


# python-docx's template speaks of itself: the application that wrote it, and English (US) as
# the language of every style; each is said as it is for the document written
_TEMPLATE_WORDS = {
    "docProps/app.xml": (
        (
            b"<Application>Microsoft Macintosh Word</Application>",
            b"<Application>targettrack</Application>",
        ),
        (b"<AppVersion>14.0000</AppVersion>", b""),
    ),
}
_US_ENGLISH = b'<w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/>'
_LANGS = {
    "zh": b'<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/>',
    "en": b'<w:lang w:val="en-GB" w:eastAsia="zh-CN" w:bidi="ar-SA"/>',
}


def steady(data: bytes, day: str, lang: str = "zh") -> bytes:
    """The document with every part dated ``day`` (a zip otherwise carries the moment it was
    written), so that the same report is the same file, byte for byte, whenever it is made;
    its styles in the document's language and its application named as targettrack."""
    import zipfile

    year, month, date = (int(part) for part in day[:10].split("-"))
    stamp = (max(year, 1980), month, date, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            part = source.read(info.filename)
            for before, after in _TEMPLATE_WORDS.get(info.filename, ()):
                part = part.replace(before, after)
            if info.filename == "word/styles.xml":
                part = part.replace(_US_ENGLISH, _LANGS.get(lang, _LANGS["zh"]))
            target.writestr(fixed, part)
    return out.getvalue()


def _properties(document: Any, title: str, author: str, lang: str, day: str) -> None:
    """The file's properties (文档属性) as Word and WPS show them: the document's title, the
    office that issues it (in place of python-docx's own name) and the day it carries (which
    keeps the file the same byte for byte when made again)."""
    import datetime

    properties = document.core_properties
    properties.created = properties.modified = datetime.datetime.fromisoformat(day[:10])
    properties.title = title
    properties.author = properties.last_modified_by = author
    properties.comments = properties.subject = properties.keywords = properties.category = ""
    properties.language = "zh-CN" if lang == "zh" else "en"


def _issuer(catalogue: Catalogue, lang: str) -> str:
    office = catalogue.calendar.office
    return office.name if office is not None and office.name else catalogue.region_name(lang)


def report_docx(view: ReportView, lang: str) -> bytes:
    document = docx.Document()
    _setup(document)
    _properties(document, view.title.render(lang), _issuer(view.catalogue, lang), lang, view.date)
    pending: list[str] = []
    for block in report_blocks(view, lang):
        if block.kind == "table" and block.table is not None:
            # the table's section is landscape: its width is the page's height, less the
            # top and bottom margins turned with it
            usable = PAGE_HEIGHT - MARGINS["top"] - MARGINS["bottom"]
            pending.append(table_xml(block.table, int(usable) // 635))  # EMU to twips
            continue
        if block.kind == "h1" and block.text.startswith(("附表", "Table:")):
            _append(document, pending)
            _table_section(document)
        pending.append(paragraph_xml(block))
    _append(document, pending)
    out = io.BytesIO()
    document.save(out)
    return steady(out.getvalue(), view.date, lang)


_PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def notices_docx(view: NoticesView, lang: str) -> bytes:
    """The notices in the layout of the report (``_setup``), one to a page."""
    from targettrack.writers.notices import notices_blocks

    document = docx.Document()
    _setup(document)
    title = Message("notice.file_title", day=DayName(view.today.isoformat())).render(lang)
    _properties(document, title, _issuer(view.catalogue, lang), lang, view.today.isoformat())
    pending: list[str] = []
    for index, blocks in enumerate(notices_blocks(view, lang)):
        if index:
            pending.append(_PAGE_BREAK)
        for block in blocks:
            pending.append(paragraph_xml(block))
            if block.kind == "title":  # a blank line between the title and whom it is to
                pending.append("<w:p/>")
    _append(document, pending)
    out = io.BytesIO()
    document.save(out)
    return steady(out.getvalue(), view.today.isoformat(), lang)


class DocxWriter:
    binary = True

    def write(self, view: object, context: Context, options: Options) -> bytes:
        from targettrack.messages import Message
        from targettrack.usecases.late import NoticesView
        from targettrack.usecases.report import ReportView
        from targettrack.writers import refuse

        if isinstance(view, NoticesView):
            return notices_docx(view, context.lang)
        if not isinstance(view, ReportView):
            raise refuse("docx", Message("format.this_view"))
        return report_docx(view, context.lang)
