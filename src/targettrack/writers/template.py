"""The entry sheet a department fills in, as CSV (UTF-8 with a BOM, so Excel and WPS read
the Chinese) or as an xlsx workbook with its value column marked for input."""

from __future__ import annotations

import io
from collections.abc import Sequence

from targettrack.writers.delimited import to_csv
from targettrack.writers.guard import risky

COLUMNS = ("target", "name", "unit", "department", "period", "value", "note", "source", "by")
HEADERS = {
    "zh": ("指标编号", "指标名称", "单位", "责任单位", "期别", "数值", "备注", "来源", "填报人"),
    "en": ("target", "name", "unit", "department", "period", "value", "note", "source", "by"),
}


def _cells(row: object, lang: str) -> list[str]:
    from targettrack.usecases.template import TemplateRow

    assert isinstance(row, TemplateRow)
    target = row.target
    return [
        target.id,
        target.name(lang),
        target.unit or "",
        target.department,
        row.period,
        "",
        "",
        "",
        "",
    ]


def template_csv(rows: Sequence[object], lang: str, *, bom: bool = True) -> str:
    """The sheet as CSV; with a BOM for a file Excel opens, without one on standard output
    (where a GBK console could not write it)."""
    records = [dict(zip(COLUMNS, _cells(row, lang), strict=True)) for row in rows]
    return to_csv(records, COLUMNS, HEADERS[lang], bom=bom)


def template_xlsx(rows: Sequence[object], lang: str) -> bytes:
    from targettrack.writers.xlsx import display_width, new_book

    out = io.BytesIO()
    book = new_book(out)
    base = {"font_name": "等线", "font_size": 11, "border": 1}
    header = book.add_format({**base, "bold": True, "bg_color": "#D9E1F2", "align": "center"})
    fixed = book.add_format({**base, "bg_color": "#F2F2F2"})
    quoted = book.add_format({**base, "bg_color": "#F2F2F2", "quote_prefix": True})
    entry = book.add_format({**base, "bg_color": "#FFF2CC"})
    sheet = book.add_worksheet("填报" if lang == "zh" else "Entry")
    widths = [display_width(h) for h in HEADERS[lang]]
    for col, text in enumerate(HEADERS[lang]):
        sheet.write_string(0, col, text, header)
    for row_index, row in enumerate(rows, start=1):
        for col, text in enumerate(_cells(row, lang)):
            if COLUMNS[col] in ("value", "note", "source", "by"):
                sheet.write_blank(row_index, col, None, entry)
            else:
                sheet.write_string(row_index, col, text, quoted if risky(text) else fixed)
            widths[col] = max(widths[col], display_width(text))
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(max(width + 2, 10), 60))
    sheet.freeze_panes(1, 2)
    book.close()
    return out.getvalue()
