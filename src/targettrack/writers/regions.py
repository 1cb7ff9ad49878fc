"""Regions side by side, as text: ranks, the city's table, roll-ups and the list of regions.

Each view is flat rows first (the JSON contract: codes, not words), then a table for people.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from targettrack.core.models import Region
from targettrack.core.words import verdict_label, word
from targettrack.writers.delimited import to_csv
from targettrack.writers.jsontext import dumps_rows
from targettrack.writers.markdown import to_markdown
from targettrack.writers.rows import localise
from targettrack.writers.text import actual_text, target_text

if TYPE_CHECKING:
    from targettrack.usecases.regions import RollUp, Standing

RANK_FIELDS = (
    "id",
    "region",
    "region_name",
    "actual",
    "target",
    "gap_pp",
    "completion_pct",
    "verdict",
    "rank",
)


def _rank_rows(standings: Mapping[str, Sequence[Standing]], lang: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for ident, ranked in standings.items():
        for s in ranked:
            p = s.progress
            rows.append(
                {
                    "id": ident,
                    "region": s.region.id,
                    "region_name": s.region.name(lang),
                    "actual": p.state if p.state is not None else p.actual,
                    "target": p.target.target,
                    "gap_pp": p.gap_pp,
                    "completion_pct": p.completion_pct,
                    "verdict": p.verdict,
                    "rank": s.rank,
                }
            )
    return rows


def _plain(rows: list[dict[str, object]], fields: Sequence[str], fmt: str, lang: str) -> str:
    if fmt == "json":
        return dumps_rows(rows)
    shown = [localise(r, lang) for r in rows]
    headers = [word(f, lang) if lang == "zh" else f for f in fields]
    if fmt == "csv":
        return to_csv(shown, fields, headers, bom=False)
    return to_markdown(shown, fields, headers)


def ranks(standings: Mapping[str, Sequence[Standing]], fmt: str, lang: str) -> str:
    """Every region's figure, target, gap, verdict and rank, per target."""
    rows = _rank_rows(standings, lang)
    if fmt != "table":
        return _plain(rows, RANK_FIELDS, fmt, lang)
    lines: list[str] = []
    for ident, ranked in standings.items():
        first = ranked[0].progress.target if ranked else None
        title = f"{first.name(lang) if first else ident} ({ident})"
        lines.append(title)
        for s in ranked:
            goal = target_text(s.progress.target, s.catalogue, lang)
            place = f"{s.rank:>3}" if s.rank is not None else "  —"
            lines.append(
                f"  {place}  {s.region.name(lang)}\t{actual_text(s.progress, lang)}\t"
                f"{word('annual_target', lang)} {goal}\t{_progress(s)}\t{_verdict(s, lang)}"
            )
        lines.append("")
    return "\n".join(lines)


def _progress(s: Standing) -> str:
    p = s.progress
    if p.completion_pct is not None:
        return f"{p.completion_pct:.1f}%"
    if p.gap_pp is not None:
        return f"{p.gap_pp:+.1f} pp"
    return ""


def _verdict(s: Standing, lang: str) -> str:
    return verdict_label(s.progress.verdict, lang)


def city_table(standings: Mapping[str, Sequence[Standing]], fmt: str, lang: str) -> str:
    """A row per region, a column per target: its figure and rank (各县（市、区）主要经济指标)."""
    regions: dict[str, Region] = {}
    cells: dict[tuple[str, str], Standing] = {}
    for ident, ranked in standings.items():
        for s in ranked:
            regions.setdefault(s.region.id, s.region)
            cells[(s.region.id, ident)] = s
    regions = dict(sorted(regions.items()))  # a row per region, in the catalogue's order
    if fmt == "json":
        rows: list[dict[str, object]] = []
        for region_id, region in regions.items():
            row: dict[str, object] = {"region": region_id, "region_name": region.name(lang)}
            for ident in standings:
                found = cells.get((region_id, ident))
                if found is not None:
                    p = found.progress
                    row[ident] = {
                        "actual": p.state if p.state is not None else p.actual,
                        "completion_pct": p.completion_pct,
                        "verdict": p.verdict,
                        "rank": found.rank,
                    }
            rows.append(row)
        return dumps_rows(rows)
    heads = {
        ident: (ranked[0].progress.target.name(lang) if ranked else ident)
        for ident, ranked in standings.items()
    }
    fields = ["region", *standings]
    flat: list[dict[str, object]] = []
    for region_id, region in regions.items():
        row = {"region": region.name(lang)}
        for ident in standings:
            cell = cells.get((region_id, ident))
            if cell is None:
                row[ident] = ""
                continue
            place = f" ({word('rank', lang)} {cell.rank})" if cell.rank is not None else ""
            row[ident] = actual_text(cell.progress, lang) + place
        flat.append(row)
    headers = [word("region", lang), *(heads[i] for i in standings)]
    if fmt == "csv":
        return to_csv(flat, fields, headers, bom=False)
    if fmt == "markdown":
        return to_markdown(flat, fields, headers)
    from rich.cells import cell_len

    def pad(text: str, size: int) -> str:
        return text + " " * max(size - cell_len(text), 0)

    every: list[dict[str, object]] = [dict(zip(fields, headers, strict=True)), *flat]
    size = {f: max(cell_len(str(r[f])) for r in every) for f in fields}
    out = ["  ".join(pad(h, size[f]) for f, h in zip(fields, headers, strict=True))]
    out += ["  ".join(pad(str(r[f]), size[f]) for f in fields) for r in flat]
    return "\n".join(line.rstrip() for line in out) + "\n"


def rollups(rolled: Sequence[RollUp], fmt: str, lang: str) -> str:
    rows: list[dict[str, object]] = []
    for r in rolled:
        rows.append(
            {
                "id": r.target.id,
                "name": r.target.name(lang),
                "kind": r.target.kind,
                "unit": r.target.unit,
                "target": r.target.target,
                "actual": r.actual,
                "completion_pct": r.completion_pct,
                "children": r.children,
                "missing": ", ".join(r.missing),
                "derived": r.derived,
                "reason": r.reason.render(lang) if r.reason else "",
            }
        )
    if fmt == "json":
        return dumps_rows(rows)
    lines = []
    for r, row in zip(rolled, rows, strict=True):
        if r.actual is None:
            lines.append(f"{row['name']} ({row['id']}): {row['reason'] or '—'}")
            continue
        value = (
            f"{r.actual}%" + ("*" if r.derived else "")
            if r.target.is_rate
            else f"{_n(r.actual)} {r.target.unit}"
        )
        share = f"  {r.completion_pct:.1f}%" if r.completion_pct is not None else ""
        lines.append(f"{row['name']} ({row['id']}): {value}{share}  [{r.children}]")
    return "\n".join(lines) + "\n"


def _n(value: Decimal) -> str:
    from targettrack.core.units import grouped

    return grouped(value)


def region_list(listed: Sequence[tuple[Region, Sequence[int]]], fmt: str, lang: str) -> str:
    rows: list[dict[str, object]] = [
        {
            "id": region.id,
            "name_zh": region.name_zh,
            "name_en": region.name_en,
            "parent": region.parent,
            "years": [str(y) for y in years],
        }
        for region, years in listed
    ]
    if fmt == "json":
        return dumps_rows(rows)
    return (
        "\n".join(
            f"{r['id']}\t{r['name_zh'] if lang == 'zh' else (r['name_en'] or r['name_zh'])}\t"
            f"{word('parent', lang)}: {r['parent'] or '—'}\t{', '.join(str(y) for y in years)}"
            for r, (_, years) in zip(rows, listed, strict=True)
        )
        + "\n"
    )


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


def _head(field: str, lang: str) -> str:
    text = word(field, lang)
    return text[:1].upper() + text[1:]


def ranks_xlsx(standings: Mapping[str, Sequence[Standing]], lang: str) -> bytes:
    """The ranks as a workbook: a row per region and target, numbers as numbers, the verdict
    coloured as in the status sheet. XlsxWriter is loaded only here."""
    import io

    from targettrack.writers import xlsx

    out = io.BytesIO()
    book = xlsx.new_book(out)
    sheet = xlsx.Sheet(book, _head("rank", lang), xlsx.sheet_formats(book))
    for col, field in enumerate(_SHEET_COLUMNS):
        sheet.text(0, col, _head(field, lang), "header")
    row = 1
    for ranked in standings.values():
        for s in ranked:
            p = s.progress
            unit = "%" if p.target.is_rate else p.target.unit
            sheet.text(row, 0, f"{p.target.name(lang)} ({p.target.id})")
            sheet.text(row, 1, s.region.name(lang))
            if p.state is not None:
                sheet.text(row, 2, str(p.state))
            else:
                sheet.quantity(row, 2, p.actual, unit, p.derived)
            sheet.text(row, 3, target_text(p.target, s.catalogue, lang))
            sheet.number(row, 4, p.gap_pp, sheet.fmt("gap"))
            sheet.number(row, 5, p.completion_pct, sheet.fmt("pct"))
            sheet.text(row, 6, _verdict(s, lang), f"verdict_{p.verdict}")
            sheet.number(row, 7, Decimal(s.rank) if s.rank is not None else None, sheet.fmt("seq"))
            row += 1
    sheet.ws.freeze_panes(1, 0)
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
.achieved{background:#c6efce}.on_track{background:#e2f0d9}.slightly_behind{background:#ffeb9c}
.behind{background:#ffc7ce}.missed{background:#ff9999}.no_data{background:#ededed}
"""


def _one(value: Decimal | None, sign: str) -> str:
    return "" if value is None else f"{value:{sign}.1f}"


def ranks_html(standings: Mapping[str, Sequence[Standing]], lang: str) -> str:
    """The ranks as one self-contained page: a table per target, nothing fetched."""
    from html import escape

    heads = "".join(f'<th scope="col">{escape(_head(f, lang))}</th>' for f in _SHEET_COLUMNS[1:])
    tables = []
    for ident, ranked in standings.items():
        title = ranked[0].progress.target.name(lang) if ranked else ident
        body = []
        for s in ranked:
            p = s.progress
            cells = (
                f'<th scope="row">{escape(s.region.name(lang))}</th>'
                f'<td class="n">{escape(actual_text(p, lang))}</td>'
                f'<td class="n">{escape(target_text(p.target, s.catalogue, lang))}</td>'
                f'<td class="n">{_one(p.gap_pp, "+")}</td>'
                f'<td class="n">{_one(p.completion_pct, "")}</td>'
                f'<td class="{p.verdict}">{escape(_verdict(s, lang))}</td>'
                f'<td class="n">{"" if s.rank is None else s.rank}</td>'
            )
            body.append(f"<tr>{cells}</tr>")
        tables.append(
            f"<table><caption>{escape(title)} ({escape(ident)})</caption>"
            f"<thead><tr>{heads}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )
    page_title = escape(_head("rank", lang))
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
        f"<title>{page_title}</title><style>{_PAGE_STYLE}</style></head>"
        f"<body><h1>{page_title}</h1>{''.join(tables)}</body></html>\n"
    )
