"""The page leadership reads: one self-contained HTML file, with charts as inline SVG.

Nothing is fetched from anywhere: the stylesheet is inline, the charts are SVG drawn here, and
no script is needed to see everything. Jinja2 renders the template (imported only by
``export --format html``), escaping every value. The figures are computed here, in Python,
so the template only lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import jinja2

from targettrack.core.engine import Progress, count_verdicts, pace_share, round_pct
from targettrack.core.models import Kind, LateReading, PaceRule, Verdict
from targettrack.core.outlook import as_shown
from targettrack.core.periods import period_label
from targettrack.core.units import with_unit
from targettrack.core.words import VERDICT_SYMBOLS, verdict_word, word
from targettrack.writers import Options
from targettrack.writers.rows import actual_header
from targettrack.writers.text import (
    actual_cell,
    actual_text,
    outlook_text,
    range_text,
    report_title,
    target_text,
)

if TYPE_CHECKING:
    from targettrack.context import Context
    from targettrack.usecases.views import StatusView
    from targettrack.writers.shape import Table

# A chart draws at most this many targets; the table always has them all.
CHART_ROWS = 40
_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("targettrack.writers", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _pct(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.1f}%"


def _bracketed(text: str, aside: str, lang: str) -> str:
    """A figure with a word in brackets as each language writes it: 5.5%（-1.5个百分点）."""
    return f"{text}（{aside}）" if lang == "zh" else f"{text} ({aside})"


def _signed(value: Decimal | None) -> str:
    return "" if value is None else f"{value:+.1f}"


def _spark(
    progress: Progress, points: Sequence[tuple[int, Decimal]], width: int = 120, height: int = 28
) -> SimpleNamespace | None:
    """A small line of the year-to-date figures month by month; for an amount, its completion
    against the straight (or planned) pace; for a rate, its rate against the target."""
    target = progress.target
    if not points:
        return None
    if target.kind is Kind.AMOUNT and target.target:
        values = [(m, v * 100 / target.target) for m, v in points]
        top = max([Decimal(100), *(v for _, v in values)])
        bottom = Decimal(0)
        # the straight (or planned) pace, from nothing in January to all of it in December
        reference: list[tuple[int, Decimal]] = [
            (0, Decimal(0)),
            *((m, pace_share(target, m)) for m in range(1, 13)),
        ]
    else:
        values = list(points)
        goal = target.target if target.kind is Kind.GROWTH and target.target is not None else None
        every = [v for _, v in values] + ([goal] if goal is not None else [])
        top, bottom = max(every), min(every)
        if top == bottom:
            top, bottom = top + 1, bottom - 1
        reference = [(1, goal), (12, goal)] if goal is not None else []

    span = float(top - bottom)
    high = float(top)

    def xy(month: int, value: Decimal) -> tuple[float, float]:
        return 2 + (width - 4) * month / 12, 2 + (height - 4) * (high - float(value)) / span

    def line(marks: Sequence[tuple[int, Decimal]]) -> str:
        return " ".join("{:.1f},{:.1f}".format(*xy(m, v)) for m, v in marks)

    last_x, last_y = xy(*values[-1])
    return SimpleNamespace(
        width=width,
        height=height,
        line=line(values),
        last_x=f"{last_x:.1f}",
        last_y=f"{last_y:.1f}",
        reference=line(reference),
    )


def _row(progress: Progress, view: StatusView, lang: str) -> SimpleNamespace:
    target, figure = progress.target, progress.figure
    stale = figure is not None and progress.stale
    kind = target.kind
    actual = actual_cell(progress, lang)
    if kind.is_rate:
        yoy = actual_text(progress, lang) if figure else ""
    else:
        yoy = _pct(progress.yoy_pct)
    series = (view.series or {}).get(target.id, [])
    # attributes, not dict keys: Jinja looks attributes up first, and fast
    return SimpleNamespace(
        id=target.id,
        name=target.name(lang),
        goal=target_text(target, view.catalogue, lang),
        actual=actual,
        yoy=yoy,
        completion=_pct(progress.completion_pct),
        pace=_pct(progress.pace_pct),
        gap="" if kind is Kind.LEVEL else _signed(progress.gap_pp),
        outlook=outlook_text(progress, lang),
        outlook_range=_range_text(progress, lang),
        verdict=progress.verdict.value,
        symbol=VERDICT_SYMBOLS[progress.verdict],
        verdict_word=verdict_word(progress.verdict, lang),
        department=target.department,
        note=figure.note if figure else "",
        period=period_label(figure.period, lang) if figure else "",
        stale=stale,
        derived=progress.derived,
        status=word(figure.status.value, lang) if figure else "",
        bar=_bar(progress) if kind is Kind.AMOUNT and progress.completion_pct is not None else None,
        spark=_spark(progress, series),
    )


def _range_text(progress: Progress, lang: str) -> str:
    """The outlook's range as the page's table writes it under the projection."""
    look, target = progress.outlook, progress.target
    if look is None or not look.has_range:
        return ""

    def shown(value: Decimal) -> str:
        if target.kind.is_rate:
            return f"{round_pct(value):+.1f}%"
        return with_unit(as_shown(value, target, progress.actual), target.unit)

    high = word("unbounded", lang) if look.high is None else shown(look.high)
    return range_text("" if look.low is None else shown(look.low), high, lang)


def _bar(progress: Progress) -> SimpleNamespace:
    completion = min(progress.completion_pct or Decimal(0), Decimal(100))
    pace = min(progress.pace_pct or Decimal(0), Decimal(100))
    return SimpleNamespace(width=f"{completion:.1f}", pace=f"{pace:.1f}")


def _outlook_marks(p: Progress) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """An amount's year-end outlook and its range as shares of its target, %: the
    projection, the low end and the high end (None where there is none; the high end is
    None too where it has no bound)."""
    look, goal = p.outlook, p.target.target
    if look is None or look.pct is None or not goal:
        return None, None, None
    low = round_pct(look.low * 100 / goal) if look.low is not None else None
    high = round_pct(look.high * 100 / goal) if look.high is not None else None
    return look.pct, low, high


def _completion_chart(progress: Sequence[Progress], lang: str) -> dict[str, Any] | None:
    amounts = [p for p in progress if p.target.kind is Kind.AMOUNT and p.completion_pct is not None]
    if not amounts:
        return None
    amounts.sort(key=lambda p: p.gap_pp or Decimal(0))  # furthest behind first
    shown = amounts[:CHART_ROWS]
    cap = Decimal(200)
    reach = [min(p.completion_pct or Decimal(0), cap) for p in shown]
    for p in shown:
        projected, _, high = _outlook_marks(p)
        reach += [min(v, cap) for v in (projected, high) if v is not None]
    top = max([Decimal(100), *reach])
    scale = 470 / float(top)  # bars take 470 px, leaving room for each label after them
    rows = []
    for index, p in enumerate(shown):
        completion = min(p.completion_pct or Decimal(0), cap)
        projected, low, high = _outlook_marks(p)
        row: dict[str, Any] = {
            "y": 8 + index * 24,
            "name": p.target.name(lang),
            "width": f"{float(completion) * scale:.1f}",
            "pace": f"{float(p.pace_pct or 0) * scale:.1f}",
            "label": f"{_pct(p.completion_pct)} / {_pct(p.pace_pct)}",
            "verdict": p.verdict.value,
            "symbol": VERDICT_SYMBOLS[p.verdict],
            "outlook": None,
        }
        ends = [float(completion), float(p.pace_pct or 0)]
        if projected is not None:
            x = float(min(projected, cap)) * scale
            start = float(min(low, cap)) * scale if low is not None else x
            end = float(min(high, cap)) * scale if high is not None else float(cap) * scale
            cy = 8 + index * 24 + 9
            row["outlook"] = {
                "x": f"{x:.1f}",
                "diamond": f"{300 + x:.1f},{cy - 6} {306 + x:.1f},{cy} {300 + x:.1f},{cy + 6} "
                f"{294 + x:.1f},{cy}",
                "from": f"{start:.1f}",
                "to": f"{end:.1f}",
                "open": high is None,
            }
            row["label"] += f" → {_pct(projected)}"
            ends += [float(min(projected, cap)), end / scale]
        # the label starts after the bar, the pace mark or the outlook, whichever ends later
        row["end"] = f"{max(ends) * scale + 2:.1f}"
        rows.append(row)
    return {
        "rows": rows,
        "height": 16 + len(rows) * 24,
        "hundred": f"{100 * scale:.1f}",
        "more": len(amounts) - len(shown),
    }


def _growth_chart(progress: Sequence[Progress], lang: str) -> dict[str, Any] | None:
    rates = [
        p
        for p in progress
        if p.target.kind is Kind.GROWTH and p.actual is not None and p.target.target is not None
    ]
    if not rates:
        return None
    rates.sort(key=lambda p: p.gap_pp or Decimal(0))
    shown = rates[:CHART_ROWS]
    values = [v for p in shown for v in (p.actual, p.target.target) if v is not None]
    values += [
        v
        for p in shown
        if p.outlook is not None
        for v in (p.outlook.low, p.outlook.high)
        if v is not None
    ]
    low = min([Decimal(0), *values]) - 1
    high = max(values) + 1
    scale = 520 / float(high - low)

    def x(value: Decimal) -> str:
        return f"{float(value - low) * scale:.1f}"

    rows = [
        {
            "y": 12 + index * 24,
            "name": p.target.name(lang),
            "rate": x(p.actual or Decimal(0)),
            "goal": x(p.target.target or Decimal(0)),
            "label": _bracketed(
                actual_text(p, lang), f"{_signed(p.gap_pp)}{word('pp', lang).rstrip()}", lang
            ),
            "verdict": p.verdict.value,
            "low": x(p.outlook.low) if p.outlook and p.outlook.low is not None else None,
            "high": x(p.outlook.high) if p.outlook and p.outlook.high is not None else None,
        }
        for index, p in enumerate(shown)
    ]
    return {
        "rows": rows,
        "height": 20 + len(rows) * 24,
        "zero": x(Decimal(0)),
        "low": f"{low:.0f}",
        "high": f"{high:.0f}",
        "more": len(rates) - len(shown),
    }


def page(view: StatusView, lang: str) -> str:
    catalogue = view.catalogue
    groups: list[SimpleNamespace] = []
    by_group: dict[str, list[Progress]] = {}
    for p in view.progress:
        by_group.setdefault(p.target.group, []).append(p)
    for group in catalogue.groups:
        members = by_group.get(group.id)
        if members:
            rows = [_row(p, view, lang) for p in members]
            groups.append(SimpleNamespace(name=group.name(lang), rows=rows))
    counts = count_verdicts(view.progress)
    lagging = [p for p in view.progress if p.verdict.lagging]
    lagging.sort(key=lambda p: (p.verdict is not Verdict.MISSED, p.verdict is not Verdict.BEHIND))
    source = catalogue.source
    explained = view.explained or {}
    template = _ENV.get_template("report.html.j2")
    rendered: str = template.render(
        lang="zh-CN" if lang == "zh" else "en",
        w=lambda key: word(key, lang),
        # the punctuation between words, as each language writes it
        colon="：" if lang == "zh" else ": ",
        comma="，" if lang == "zh" else ", ",
        opening="（" if lang == "zh" else "(",
        closing="）" if lang == "zh" else ")",
        title=report_title(catalogue, view.as_of, lang),
        region=catalogue.region_name(lang),
        year=catalogue.year,
        period=period_label(view.as_of.label, lang, year=True) if view.as_of else "",
        source=source.cited(lang),
        actual_header=actual_header(view.as_of, lang),
        summary=[
            {
                "verdict": v.value,
                "symbol": VERDICT_SYMBOLS[v],
                "word": verdict_word(v, lang),
                "count": counts[v],
            }
            for v in Verdict
        ],
        lagging=[
            {
                "name": p.target.name(lang),
                "symbol": VERDICT_SYMBOLS[p.verdict],
                "word": verdict_word(p.verdict, lang),
                "verdict": p.verdict.value,
                "detail": _pct(p.completion_pct)
                if p.target.kind.is_quantity
                else actual_text(p, lang),
                "department": p.target.department,
                "reason": found.reason if (found := explained.get(p.target.id)) else "",
                "measures": found.measures if found else "",
            }
            for p in lagging
        ],
        news=[
            {
                "name": change.now.target.name(lang),
                "news": change.news,
                "word": word(change.news, lang),
                "before": f"{VERDICT_SYMBOLS[change.before.verdict]} "
                f"{verdict_word(change.before.verdict, lang)}",
                "now": f"{VERDICT_SYMBOLS[change.now.verdict]} "
                f"{verdict_word(change.now.verdict, lang)}",
                "verdict": change.now.verdict.value,
            }
            for change in view.news
        ],
        news_since=word("news_since", lang).format(since=view.news_since)
        if view.news_since
        else word("news_since_month", lang),
        groups=groups,
        completion=_completion_chart(view.progress, lang),
        growth=_growth_chart(view.progress, lang),
        any_stale=any(row.stale for group in groups for row in group.rows),
        stale_title=word(
            "stale_title"
            if catalogue.rules.late_figures is LateReading.REPORT
            else "stale_title_own",
            lang,
        ),
        seasonal=catalogue.rules.pace is PaceRule.SEASONAL,
        any_derived=any(p.derived for p in view.progress),
    )
    return rendered


def table_page(table: Table, lang: str) -> str:
    """Any table as one self-contained page: its title, a table with group rows, its notes."""
    from targettrack.writers.tables import cell_text

    sections = [
        SimpleNamespace(
            title=section.title,
            rows=[
                [
                    SimpleNamespace(
                        text=cell_text(row.get(f.key), f, row, lang),
                        numeric=f.numeric and f.show is None,
                    )
                    for f in table.fields
                ]
                for row in section.rows
            ],
        )
        for section in table.sections
    ]
    rendered: str = _ENV.get_template("table.html.j2").render(
        lang="zh-CN" if lang == "zh" else "en",
        title=table.title,
        fields=table.fields,
        sections=sections,
        notes=table.notes,
    )
    return rendered


def report_page(view: object, lang: str) -> str:
    """The monthly report as one self-contained page: the blocks of the Word document, the
    table with its header repeated on every printed page and verdicts as words."""
    from targettrack.usecases.report import ReportView
    from targettrack.writers.document import report_blocks, verdict_of

    assert isinstance(view, ReportView)
    blocks = []
    for block in report_blocks(view, lang):
        table = None
        if block.table is not None:
            table = SimpleNamespace(
                fields=block.table.fields,
                sections=[
                    SimpleNamespace(
                        title=section.title,
                        rows=[
                            [
                                SimpleNamespace(
                                    text=str(row.get(f.key) or ""),
                                    numeric=f.numeric,
                                    verdict=(v.value if (v := verdict_of(row)) else "")
                                    if f.key == "verdict"
                                    else "",
                                )
                                for f in block.table.fields
                            ]
                            for row in section.rows
                        ],
                    )
                    for section in block.table.sections
                ],
            )
        blocks.append(SimpleNamespace(kind=block.kind, text=block.text, table=table))
    rendered: str = _ENV.get_template("report_doc.html.j2").render(
        lang="zh-CN" if lang == "zh" else "en", blocks=blocks
    )
    return rendered


class HtmlWriter:
    binary = False

    def write(self, view: object, context: Context, options: Options) -> str:
        from targettrack.usecases.late import NoticesView
        from targettrack.usecases.regions import RanksView
        from targettrack.usecases.report import ReportView
        from targettrack.usecases.views import StatusView
        from targettrack.writers.tables import catalogue_of, for_people, table_of

        lang = context.lang
        if isinstance(view, ReportView):
            return report_page(view, lang)
        if isinstance(view, NoticesView):
            from targettrack.writers.notices import notices_html

            return notices_html(view, lang)
        if isinstance(view, StatusView):
            return page(view, lang)
        if isinstance(view, RanksView):
            from targettrack.writers.regions import ranks_html

            return ranks_html(view, lang)
        return table_page(for_people(table_of(view, lang), lang, catalogue_of(view)), lang)


__all__ = ["HtmlWriter", "page", "table_page"]
