"""The ranks of regions as a workbook and as a page: the richer forms of the ranks view
(every other format writes its table shape, ``writers.tables.ranks_table``)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from targettrack.core.words import verdict_label, word
from targettrack.writers.text import (
    actual_text,
    as_of_title,
    named,
    own_period,
    stale_notes,
    target_text,
    with_own_period,
)

if TYPE_CHECKING:
    from targettrack.usecases.regions import RanksView

_SHEET_COLUMNS = (
    "name",
    "region",
    "actual",
    "annual_target",
    "gap_pp",
    "completion_pct",
    "verdict",
    "rank",
)


def _title(view: RanksView, lang: str) -> str:
    return as_of_title(word("ranks_title", lang), view.period, lang)


def _notes(view: RanksView, lang: str) -> tuple[str, ...]:
    return stale_notes((s.progress for ranked in view.standings.values() for s in ranked), lang)


def _head(field: str, lang: str) -> str:
    text = word(field, lang)
    return text[:1].upper() + text[1:]


def ranks_xlsx(view: RanksView, lang: str) -> bytes:
    """The ranks as a workbook: its title with the period, a row per region and target,
    numbers as numbers, the verdict coloured as in the status sheet, a figure older than its
    rhythm allows with its own period beside it. XlsxWriter is loaded only here."""
    import io

    from targettrack.writers import xlsx

    out = io.BytesIO()
    book = xlsx.new_book(out)
    sheet = xlsx.Sheet(book, _head("rank", lang), xlsx.sheet_formats(book))
    columns = [*_SHEET_COLUMNS, "stale"]
    sheet.heading(0, len(columns) - 1, _title(view, lang), "title")
    for col, field in enumerate(columns):
        sheet.text(1, col, _head(field, lang), "header")
    row = 2
    for ranked in view.standings.values():
        for s in ranked:
            p = s.progress
            unit = "%" if p.target.is_rate else p.target.unit
            sheet.text(row, 0, named(p.target.name(lang), p.target.id, lang))
            sheet.text(row, 1, s.region.name(lang))
            if p.state is not None:
                sheet.text(row, 2, str(p.state))
            else:
                sheet.quantity(row, 2, p.actual, unit, p.derived)
            sheet.text(row, 3, target_text(p.target, s.catalogue, lang))
            sheet.number(row, 4, p.gap_pp, sheet.fmt("gap"))
            sheet.number(row, 5, p.completion_pct, sheet.fmt("pct"))
            sheet.text(row, 6, verdict_label(s.progress.verdict, lang), f"verdict_{p.verdict}")
            sheet.number(row, 7, Decimal(s.rank) if s.rank is not None else None, sheet.fmt("seq"))
            sheet.text(row, 8, own_period(p, lang))
            row += 1
    for note in _notes(view, lang):
        sheet.text(row + 1, 0, note)
    sheet.ws.freeze_panes(2, 0)
    sheet.fit_columns()
    book.close()
    return out.getvalue()


_PAGE_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;margin:0 0 1.5rem;min-width:40rem}
caption{text-align:left;font-weight:bold;font-size:1.1rem;padding:.3rem 0}
th,td{border:1px solid #bbb;padding:.25rem .6rem}
th{background:#d9e1f2}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.achieved{background:#c6efce}.on_track{background:#e2f0d9}.in_progress{background:#ddebf7}
.slightly_behind{background:#ffeb9c}
.behind{background:#ffc7ce}.missed{background:#ff9999}.no_data{background:#ededed}
"""


def _one(value: Decimal | None, sign: str) -> str:
    return "" if value is None else f"{value:{sign}.1f}"


def ranks_html(view: RanksView, lang: str) -> str:
    """The ranks as one self-contained page: its title with the period, a table per target,
    nothing fetched."""
    from html import escape

    heads = "".join(f'<th scope="col">{escape(_head(f, lang))}</th>' for f in _SHEET_COLUMNS[1:])
    tables = []
    for ident, ranked in view.standings.items():
        title = ranked[0].progress.target.name(lang) if ranked else ident
        body = []
        for s in ranked:
            p = s.progress
            actual = with_own_period(actual_text(p, lang), p, lang)
            cells = (
                f'<th scope="row">{escape(s.region.name(lang))}</th>'
                f'<td class="n">{escape(actual)}</td>'
                f'<td class="n">{escape(target_text(p.target, s.catalogue, lang))}</td>'
                f'<td class="n">{_one(p.gap_pp, "+")}</td>'
                f'<td class="n">{_one(p.completion_pct, "")}</td>'
                f'<td class="{p.verdict}">{escape(verdict_label(s.progress.verdict, lang))}</td>'
                f'<td class="n">{"" if s.rank is None else s.rank}</td>'
            )
            body.append(f"<tr>{cells}</tr>")
        tables.append(
            f"<table><caption>{escape(named(title, ident, lang))}</caption>"
            f"<thead><tr>{heads}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )
    notes = "".join(f"<p>{escape(note)}</p>" for note in _notes(view, lang))
    page_title = escape(_title(view, lang))
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
        f"<title>{page_title}</title><style>{_PAGE_STYLE}</style></head>"
        f"<body><h1>{page_title}</h1>{''.join(tables)}{notes}</body></html>\n"
    )
