"""The entry sheet a department fills in, as CSV (UTF-8 with a BOM, so Excel and WPS read
the Chinese) or as an xlsx workbook with a title, the due date, and its entry cells marked."""

from __future__ import annotations

import csv
import io

from targettrack.core.models import Kind
from targettrack.messages import Message, render
from targettrack.writers.delimited import to_csv
from targettrack.writers.guard import guard, risky

COLUMNS = (
    "target",
    "name",
    "unit",
    "goal",
    "department",
    "period",
    "value",
    "prior",
    "status",
    "reason",
    "measures",
    "note",
    "source",
    "by",
)
HEADERS = {
    "zh": (
        "指标编号", "指标名称", "单位", "年度目标", "责任单位", "期别", "数值", "上年同期", "状态",
        "原因分析", "下步措施", "备注", "来源", "填报人",
    ),
    "en": COLUMNS,
}  # fmt: skip
# The cells a department fills in (上年同期 only where the target can take it: an amount's
# last-year figure gives its growth on last year).
ENTRY = ("value", "prior", "status", "reason", "measures", "note", "source", "by")


def _cells(row: object, sheet: object, lang: str) -> list[str]:
    from targettrack.usecases.template import TemplateRow, TemplateSheet
    from targettrack.writers.text import target_text

    assert isinstance(row, TemplateRow) and isinstance(sheet, TemplateSheet)
    target = row.target
    return [
        target.id,
        target.name(lang),
        target.unit or "",
        target_text(target, sheet.catalogue, lang),
        target.department,
        row.period,
        *([""] * len(ENTRY)),
    ]


def _day(day: object, lang: str) -> str:
    from targettrack.writers.document import _date

    return _date(str(day), lang)


def heading(sheet: object, lang: str) -> tuple[str, str]:
    """The sheet's title, and the line that says by when it is due and what it asks for."""
    from targettrack.core.periods import period_label
    from targettrack.usecases.template import TemplateSheet

    assert isinstance(sheet, TemplateSheet)
    catalogue = sheet.catalogue
    period = period_label(sheet.period.label, lang, year=True)
    title = render(
        Message(
            "template.title_department" if sheet.department else "template.title",
            region=catalogue.region.name(lang),
            period=period,
            department=sheet.department or "",
        ),
        lang,
    )
    # the date most departments have, then the others as exceptions
    dues = sorted(sheet.dues, key=lambda item: -len(item[1]))
    due = ""
    if dues:
        others = [
            render(Message("template.due_of", departments=names, date=_day(day, lang)), lang)
            for day, names in dues[1:]
        ]
        besides = render(Message("template.due_besides", dates=others), lang) if others else ""
        due = render(Message("template.due", date=_day(dues[0][0], lang), besides=besides), lang)
    return title, due


def template_csv(sheet: object, lang: str, *, bom: bool = True) -> str:
    """The sheet as CSV, its title and due date first (each in one cell, read past by import);
    with a BOM for a file Excel opens, without one on standard output (where a GBK console
    could not write it)."""
    from targettrack.usecases.template import TemplateSheet

    assert isinstance(sheet, TemplateSheet)
    title, due = heading(sheet, lang)
    records = [dict(zip(COLUMNS, _cells(row, sheet, lang), strict=True)) for row in sheet.rows]
    body = to_csv(records, COLUMNS, HEADERS[lang], bom=False)
    above = io.StringIO()
    lines = csv.writer(above, lineterminator="\r\n")
    for line in (title, due):
        if line:
            lines.writerow([guard(line)])
    return ("\ufeff" if bom else "") + above.getvalue() + body


def template_xlsx(sheet: object, lang: str) -> bytes:
    from targettrack.usecases.template import TemplateSheet
    from targettrack.writers.xlsx import display_width, new_book

    assert isinstance(sheet, TemplateSheet)
    out = io.BytesIO()
    book = new_book(out)
    base = {"font_name": "等线", "font_size": 11, "border": 1}
    header = book.add_format({**base, "bold": True, "bg_color": "#D9E1F2", "align": "center"})
    fixed = book.add_format({**base, "bg_color": "#F2F2F2"})
    quoted = book.add_format({**base, "bg_color": "#F2F2F2", "quote_prefix": True})
    entry = book.add_format({**base, "bg_color": "#FFF2CC"})
    wide = book.add_format({**base, "bg_color": "#FFF2CC", "text_wrap": True})
    title_format = book.add_format({"font_name": "黑体", "font_size": 16, "align": "center"})
    due_format = book.add_format({"font_name": "等线", "font_size": 11, "font_color": "#C00000"})
    worksheet = book.add_worksheet("填报" if lang == "zh" else "Entry")
    title, due = heading(sheet, lang)
    last = len(COLUMNS) - 1
    worksheet.merge_range(0, 0, 0, last, title, title_format)
    worksheet.merge_range(1, 0, 1, last, due, due_format)
    top = 2  # the header's row
    widths = [display_width(h) for h in HEADERS[lang]]
    for col, text in enumerate(HEADERS[lang]):
        worksheet.write_string(top, col, text, header)
    statuses = [render(Message("status.provisional"), "zh"), render(Message("status.final"), "zh")]
    for index, row in enumerate(sheet.rows, start=top + 1):
        for col, text in enumerate(_cells(row, sheet, lang)):
            key = COLUMNS[col]
            if key == "prior" and row.target.kind is not Kind.AMOUNT:
                worksheet.write_blank(index, col, None, fixed)
            elif key in ENTRY:
                worksheet.write_blank(
                    index, col, None, wide if key in ("reason", "measures") else entry
                )
            else:
                worksheet.write_string(index, col, text, quoted if risky(text) else fixed)
            widths[col] = max(widths[col], display_width(text))
    if sheet.rows:
        status_col = COLUMNS.index("status")
        worksheet.data_validation(
            top + 1, status_col, top + len(sheet.rows), status_col,
            {"validate": "list", "source": statuses},
        )  # fmt: skip
    for col, width in enumerate(widths):
        key = COLUMNS[col]
        shown = 24 if key in ("reason", "measures") else min(max(width + 2, 10), 60)
        worksheet.set_column(col, col, shown)
    worksheet.freeze_panes(top + 1, 2)
    book.close()
    return out.getvalue()
