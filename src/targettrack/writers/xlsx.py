"""An Excel workbook in the manner of a 主要经济指标完成情况表, written with XlsxWriter (all
of it but the rows of the records sheet, which are written beside it for speed).

XlsxWriter is imported here only, and this module only by ``targettrack export --format xlsx``.
Text is always written as a string cell; text that Excel could take for a formula also gets
Excel's quote prefix, the mark Excel itself sets on such text.
"""

from __future__ import annotations

import datetime
import functools
import io
import tempfile
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import xlsxwriter
import xlsxwriter.exceptions

from targettrack.core.engine import Progress, round_pct
from targettrack.core.models import Catalogue, Explanation, Kind, State, Verdict
from targettrack.core.outlook import Method, as_shown
from targettrack.core.periods import Period, period_label
from targettrack.core.words import likelihood_word, state_word, verdict_label, word
from targettrack.errors import InputError
from targettrack.messages import Message
from targettrack.writers import Options
from targettrack.writers.guard import risky
from targettrack.writers.rows import actual_header
from targettrack.writers.shape import Table
from targettrack.writers.text import note_with_reason, report_title, target_text

if TYPE_CHECKING:
    from targettrack.context import Context
    from targettrack.usecases.views import RecordsView, StatusView

# Fill colours of verdict cells (the word and its symbol are always there too).
_VERDICT_FILLS = {
    "achieved": "#C6EFCE",
    "on_track": "#E2F0D9",
    "in_progress": "#DDEBF7",
    "slightly_behind": "#FFEB9C",
    "behind": "#FFC7CE",
    "missed": "#FF9999",
    "no_data": "#EDEDED",
}
_COUNT_UNITS = {"家", "个", "项"}
# The 完成情况表: the office's columns, in its order.
_STATUS_COLUMNS = (
    "seq",
    "name",
    "unit",
    "annual_target",
    "actual",
    "yoy_pct",
    "completion_pct",
    "pace_pct",
    "gap_pp",
    "outlook_value",
    "outlook",
    "verdict",
    "department",
    "note",
    "commitment",
)
_FONT = "等线"


# Excel and WPS hold at most this many characters in a cell; longer text would be refused by
# them or cut silently. It is cut here, with a mark that says so.
CELL_LIMIT = 32_767
CUT_MARK = "…〔已截断 cut〕"


def fit_cell(text: str) -> str:
    """Text as a cell can hold it: whole, or cut with a visible mark at Excel's limit."""
    if len(text) <= CELL_LIMIT:
        return text
    return text[: CELL_LIMIT - len(CUT_MARK)] + CUT_MARK


@functools.lru_cache(maxsize=65536)
def display_width(text: str) -> int:
    """Columns the text takes in a spreadsheet: wide (CJK) characters count twice. Cached:
    a records sheet repeats the same names, periods and words thousands of times."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def number_format(unit: str | None, value: Decimal | None = None, *, derived: bool = False) -> str:
    """How a figure of ``unit`` is written: rates to one decimal, counts whole, amounts with
    exactly the decimals the figure has (2,500 万美元, 2.83 万亩); a derived rate keeps its *."""
    if unit == "%":
        return '0.0"*"' if derived else "0.0"
    if unit in _COUNT_UNITS or value is None:
        return "#,##0"
    exponent = value.normalize().as_tuple().exponent
    decimals = min(-exponent, 6) if isinstance(exponent, int) and exponent < 0 else 0
    return "#,##0" + ("." + "0" * decimals if decimals else "")


class Sheet:
    """A worksheet with typed writers that keep text as text and track column widths."""

    def __init__(self, book: Any, name: str, formats: dict[str, Any]) -> None:
        self.book = book
        self.ws = book.add_worksheet(name)
        self.formats = formats
        self.widths: dict[int, int] = {}
        self._quoted: dict[str, Any] = {}

    def fmt(self, key: str) -> Any:
        return self.formats[key]

    def style(self, key: str, value: str) -> Any:
        """The format ``key``, with Excel's quote prefix where ``value`` could be a formula."""
        if not risky(value):
            return self.formats[key]
        if key not in self._quoted:
            self._quoted[key] = self.book.add_format({**_FORMAT_SPECS[key], "quote_prefix": True})
        return self._quoted[key]

    def text(self, row: int, col: int, value: str | None, key: str = "text") -> None:
        value = fit_cell(value or "")
        self.ws.write_string(row, col, value, self.style(key, value))
        self.widths[col] = max(self.widths.get(col, 0), display_width(value))

    def heading(self, row: int, last_col: int, value: str, key: str) -> None:
        """Text across a row (a title, a group's name), as guarded as any other text."""
        value = fit_cell(value)
        self.ws.merge_range(row, 0, row, last_col, value, self.style(key, value))

    def quantity(
        self, row: int, col: int, value: Decimal | None, unit: str | None, derived: bool = False
    ) -> None:
        """A figure in ``unit``, formatted as that unit's figures are written."""
        self.number(row, col, value, self.numeric(number_format(unit, value, derived=derived)))

    def numeric(self, num_format: str) -> Any:
        if num_format not in self.formats:
            self.formats[num_format] = self.book.add_format({**_BASE, "num_format": num_format})
        return self.formats[num_format]

    def number(self, row: int, col: int, value: Decimal | None, fmt: Any) -> None:
        if value is None:
            self.ws.write_blank(row, col, None, fmt)
            return
        self.ws.write_number(row, col, float(value), fmt)
        self.widths[col] = max(self.widths.get(col, 0), len(f"{value:,}") + 1)

    def fit_columns(self, cap: int = 40) -> None:
        for col, width in self.widths.items():
            self.ws.set_column(col, col, min(max(width + 2, 6), cap))


_BASE = {"font_name": _FONT, "font_size": 11, "border": 1, "valign": "vcenter"}
_FORMAT_SPECS: dict[str, dict[str, Any]] = {
    "title": {"font_name": _FONT, "bold": True, "font_size": 16, "align": "center"},
    "subtitle": {"font_name": _FONT, "font_size": 10, "align": "center", "italic": True},
    "header": {**_BASE, "bold": True, "bg_color": "#D9E1F2", "align": "center", "text_wrap": True},
    "group": {**_BASE, "bold": True, "bg_color": "#F2F2F2"},
    "text": {**_BASE},
    "name": {**_BASE, "text_wrap": True},
    "center": {**_BASE, "align": "center"},
    "pct": {**_BASE, "num_format": "0.0"},
    "gap": {**_BASE, "num_format": "+0.0;-0.0;0.0"},
    "int": {**_BASE, "num_format": "0"},
    "seq": {**_BASE, "num_format": "0", "align": "center"},
    **{
        f"verdict_{v}": {**_BASE, "bg_color": fill, "align": "center", "bold": v != "no_data"}
        for v, fill in _VERDICT_FILLS.items()
    },
}


def new_book(out: io.BytesIO, created: datetime.datetime | None = None) -> Any:
    """A workbook written to ``out`` that keeps text as text: XlsxWriter never turns a string
    into a formula or a number. ``created``: the moment its properties give (else now)."""
    book = xlsxwriter.Workbook(
        out, {"strings_to_formulas": False, "strings_to_numbers": False, "in_memory": True}
    )
    if created is not None:
        book.set_properties({"created": created})
    return book


def data_moment(view: StatusView) -> datetime.datetime:
    """When a table's figures stood as shown: the latest time any of them was recorded (in
    UTC), else the first day of its year. A workbook made again of the same figures (an
    edition, --as-known-at) then says the same moment, byte for byte."""
    stamps = [p.figure.recorded_at for p in view.progress if p.figure is not None]
    if not stamps:
        return datetime.datetime(view.catalogue.year, 1, 1)
    moments = [datetime.datetime.fromisoformat(stamp) for stamp in stamps]
    latest = max(m if m.tzinfo else m.replace(tzinfo=datetime.UTC) for m in moments)
    return latest.astimezone(datetime.UTC).replace(tzinfo=None)


def sheet_formats(book: Any) -> dict[str, Any]:
    return {key: book.add_format(spec) for key, spec in _FORMAT_SPECS.items()}


def workbook_bytes(
    view: StatusView, records: RecordsView | None, lang: str, *, fast: bool | None = None
) -> bytes:
    """The workbook: the status sheet, the recorded figures (when given) and the chart.
    ``fast`` chooses how the records sheet is written (default: the fast path if it can)."""
    from targettrack.writers.xlsx_records import records_sheet, splice

    out = io.BytesIO()
    book = new_book(out, data_moment(view))
    formats = sheet_formats(book)
    with tempfile.TemporaryFile() as spool:
        spliced = None
        try:
            _status_sheet(book, formats, view, lang)
            if records is not None:
                spliced = records_sheet(book, formats, records, lang, spool, fast=fast)
            _chart_sheet(book, formats, view, lang)
            _reasons_sheet(book, formats, view, lang)
        finally:
            book.close()
        return out.getvalue() if spliced is None else splice(out.getvalue(), spliced)


# Each table's sheet as its reader names it (a sheet's name is at most 31 characters)
_SHEETS = {
    "backtest": ("预计准确度", "Backtest"),
    "city": ("各地区", "Regions side by side"),
    "compare": ("比较", "Compare"),
    "explanations": ("原因分析与下步措施", "Reasons and measures"),
    "grants": ("授权", "Grants"),
    "late": ("报送情况", "Late figures"),
    "notices": ("催报", "Notices"),
    "outlook": ("全年预计", "Outlook"),
    "ranks": ("排名", "Ranks"),
    "records": ("数据记录", "Recorded figures"),
    "regions": ("地区", "Regions"),
    "rollup": ("汇总", "Roll-up"),
    "status": ("完成情况", "Status"),
    "targets": ("目标", "Targets"),
}


def sheet_name(name: str, lang: str) -> str:
    zh, en = _SHEETS.get(name, (name or "sheet", name or "sheet"))
    return (zh if lang == "zh" else en)[:31]


def table_workbook(table: Table, lang: str) -> bytes:
    """Any table as a sheet: its title, headers, group rows, numbers as numbers in their
    units' formats, codes as words, text as text."""
    from targettrack.writers.tables import cell_text

    out = io.BytesIO()
    book = new_book(out)
    formats = sheet_formats(book)
    sheet = Sheet(book, sheet_name(table.name, lang), formats)
    last_col = max(len(table.fields) - 1, 0)
    if last_col:
        sheet.heading(0, last_col, table.title, "title")
    else:
        sheet.text(0, 0, table.title, "title")
    for col, field in enumerate(table.fields):
        sheet.text(1, col, field.header, "header")
    row_at = 2
    for section in table.sections:
        if section.title:
            sheet.text(row_at, 0, section.title, "group")
            row_at += 1
        for row in section.rows:
            for col, field in enumerate(table.fields):
                value = row.get(field.key)
                if isinstance(value, Decimal) and field.show is None:
                    unit = row.get(field.unit_key) if field.unit_key else None
                    if field.kind in ("pct", "one"):
                        sheet.number(row_at, col, value, formats["pct"])
                    elif field.kind == "pp":
                        sheet.number(row_at, col, value, formats["gap"])
                    else:
                        sheet.quantity(row_at, col, value, unit if isinstance(unit, str) else None)
                elif isinstance(value, int) and not isinstance(value, bool):
                    sheet.number(row_at, col, Decimal(value), formats["int"])
                else:
                    sheet.text(row_at, col, cell_text(value, field, row, lang))
            row_at += 1
    for note in table.notes:
        row_at += 1
        sheet.text(row_at, 0, note)
    sheet.ws.freeze_panes(2, 0)
    sheet.fit_columns()
    book.close()
    return out.getvalue()


def _too_long(view: object) -> int:
    """How many notes and sources of the figures a workbook writes exceed a cell."""
    from targettrack.usecases.views import HistoryView, RecordsView, StatusView

    figures = []
    if isinstance(view, StatusView):
        figures = [p.figure for p in view.progress if p.figure is not None]
        if view.records is not None:
            figures += view.records.figures
    elif isinstance(view, RecordsView | HistoryView):
        figures = list(view.figures)
    return sum(len(f.note) > CELL_LIMIT for f in figures) + sum(
        len(f.source) > CELL_LIMIT for f in figures
    )


class WorkbookWriter:
    binary = True

    def write(self, view: object, context: Context, options: Options) -> bytes:
        from targettrack.usecases.regions import RanksView
        from targettrack.usecases.views import StatusView
        from targettrack.writers.tables import catalogue_of, for_people, table_of

        lang = context.lang
        cut = _too_long(view)
        if cut:
            context.note(Message("output.cells_cut", count=cut, limit=CELL_LIMIT, mark=CUT_MARK))
        try:
            if isinstance(view, StatusView):
                return workbook_bytes(view, view.records, lang)
            if isinstance(view, RanksView):
                from targettrack.writers.regions import ranks_xlsx

                return ranks_xlsx(view, lang)
            shown = for_people(table_of(view, lang), lang, catalogue_of(view))
            return table_workbook(shown, lang)
        except xlsxwriter.exceptions.XlsxWriterException as error:
            raise InputError(Message("output.workbook_failed", reason=error)) from None


def _status_sheet(book: Any, formats: dict[str, Any], view: StatusView, lang: str) -> None:
    sheet = Sheet(book, word("status_sheet", lang), formats)
    ws = sheet.ws
    last_col = len(_STATUS_COLUMNS) - 1
    sheet.heading(0, last_col, report_title(view.catalogue, view.as_of, lang), "title")
    sheet.heading(1, last_col, view.catalogue.source.cited(lang), "subtitle")
    header_row = 2
    ws.set_row(header_row, 30)
    for col, key in enumerate(_STATUS_COLUMNS):
        head = actual_header(view.as_of, lang) if key == "actual" else word(key, lang)
        sheet.text(header_row, col, head, "header")

    # The width of the name column, and with it each row's height, is settled from the names
    # before the first row: not every reader recomputes the height of wrapped rows.
    names = [p.target.name(lang) for p in view.progress]
    name_width = min(max([16, *(display_width(n) + 2 for n in names)]), 66)
    row = header_row + 1
    seq = 0
    by_group: dict[str, list[Progress]] = {}
    for progress in view.progress:
        by_group.setdefault(progress.target.group, []).append(progress)
    for group in view.catalogue.groups:
        members = by_group.get(group.id)
        if not members:
            continue
        sheet.heading(row, last_col, group.name(lang), "group")
        row += 1
        for progress in members:
            seq += 1
            lines = -(-display_width(progress.target.name(lang)) // (name_width - 2))
            # level 1: Excel's outline folds each group's targets under its heading
            ws.set_row(row, 18 if lines == 1 else 16 * lines, None, {"level": 1})
            found = (view.explained or {}).get(progress.target.id)
            _status_row(sheet, row, seq, progress, view.catalogue, lang, view.as_of, found)
            row += 1
    ws.freeze_panes(header_row + 1, 2)
    sheet.fit_columns()
    ws.set_column(1, 1, name_width, formats["name"])
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row)


def _status_row(
    sheet: Sheet,
    row: int,
    seq: int,
    progress: Progress,
    catalogue: Catalogue,
    lang: str,
    as_of: Period | None,
    explained: Explanation | None = None,
) -> None:
    target = progress.target
    figure = progress.figure
    stale = figure is not None and progress.stale
    sheet.number(row, 0, Decimal(seq), sheet.fmt("seq"))
    sheet.text(row, 1, target.name(lang), "name")
    sheet.text(
        row, 2, (target.value_unit or "") if target.is_rate else (target.unit or ""), "center"
    )
    if target.kind is Kind.MILESTONE:
        sheet.text(row, 3, word("milestone_goal", lang), "center")
        sheet.text(row, 4, _state(lang, progress.state) if progress.state else "", "center")
    elif target.is_rate:
        sheet.text(row, 3, target_text(target, catalogue, lang), "center")
        sheet.quantity(row, 4, progress.level, target.value_unit)
        sheet.quantity(row, 5, progress.actual, "%", progress.derived)
    else:
        sheet.quantity(row, 3, target.target, target.unit)
        sheet.quantity(row, 4, progress.actual, target.unit)
        sheet.number(row, 5, progress.yoy_pct, sheet.fmt("pct"))
    sheet.number(row, 6, progress.completion_pct, sheet.fmt("pct"))
    sheet.number(row, 7, progress.pace_pct, sheet.fmt("pct"))
    sheet.number(row, 8, progress.gap_pp, sheet.fmt("gap"))
    look = progress.outlook
    projected = look.value if look is not None and look.method is not Method.VERDICT else None
    if target.kind is Kind.GROWTH:
        sheet.number(row, 9, None if projected is None else round_pct(projected), sheet.fmt("pct"))
    elif target.kind.is_quantity:
        # the cell holds what it shows, rounded once from the exact projection
        shown = None if projected is None else as_shown(projected, target, progress.actual)
        sheet.quantity(row, 9, shown, target.unit)
    else:
        sheet.number(row, 9, None, sheet.fmt("pct"))
    said = (
        likelihood_word(look.likelihood, lang, final=look.method is Method.YEAR_END)
        if look and look.likelihood
        else ""
    )
    sheet.text(row, 10, said, "center")
    sheet.text(row, 11, verdict_label(progress.verdict, lang), f"verdict_{progress.verdict}")
    sheet.text(row, 12, target.department, "center")
    note = figure.note if figure else ""
    if stale and figure is not None:
        mark = word("stale", lang)
        note = f"{mark}（{period_label(figure.period, lang)}）" + (f"；{note}" if note else "")
        if lang != "zh":
            note = f"{mark} ({period_label(figure.period, lang)})" + (
                f"; {figure.note}" if figure.note else ""
            )
    if explained is not None and progress.verdict.lagging:
        note = note_with_reason(note, explained.reason, explained.measures, lang)
    sheet.text(row, 13, note, "name")
    sheet.text(row, 14, target.commitment or "", "center")


def _reasons_sheet(book: Any, formats: dict[str, Any], view: StatusView, lang: str) -> None:
    """Every lagging target with its department's reason and measures (原因分析, 下步措施),
    furthest behind first; （尚未报送原因） where none was sent."""
    lagging = sorted(
        (p for p in view.progress if p.verdict.lagging),
        key=lambda p: (p.verdict is not Verdict.MISSED, p.verdict is not Verdict.BEHIND),
    )
    if not lagging:
        return
    sheet = Sheet(book, word("reasons_title", lang)[:31], formats)
    keys = ("name", "verdict", "department", "cause", "measures")
    title = word("reasons_title", lang)
    if view.as_of is not None:
        title += (
            f"（{period_label(view.as_of.label, lang, year=True)}）"
            if lang == "zh"
            else (f" ({period_label(view.as_of.label, lang, year=True)})")
        )
    sheet.heading(0, len(keys) - 1, title, "title")
    for col, key in enumerate(keys):
        sheet.text(1, col, word(key, lang), "header")
    for row, progress in enumerate(lagging, start=2):
        found = (view.explained or {}).get(progress.target.id)
        sheet.text(row, 0, progress.target.name(lang), "name")
        sheet.text(row, 1, verdict_label(progress.verdict, lang), f"verdict_{progress.verdict}")
        sheet.text(row, 2, progress.target.department, "center")
        sheet.text(row, 3, found.reason if found else word("no_reason", lang), "name")
        sheet.text(row, 4, found.measures if found else "", "name")
    sheet.ws.set_column(0, 0, 30, formats["name"])
    sheet.ws.set_column(1, 2, 14)
    sheet.ws.set_column(3, 4, 50, formats["name"])
    sheet.ws.freeze_panes(2, 1)


def _state(lang: str, state: State) -> str:
    return state_word(state, lang)


def _outlook_pcts(progress: Progress) -> tuple[Decimal | None, Decimal, Decimal]:
    """An amount's year-end outlook as a share of its target, %, and how far its range
    reaches below and above that (0 where there is no range, or no upper end)."""
    look, goal = progress.outlook, progress.target.target
    if look is None or look.pct is None or not goal:
        return None, Decimal(0), Decimal(0)
    below = above = Decimal(0)
    if look.low is not None:
        below = max(look.pct - round_pct(look.low * 100 / goal), Decimal(0))
    if look.high is not None:
        above = max(round_pct(look.high * 100 / goal) - look.pct, Decimal(0))
    return look.pct, below, above


def _chart_sheet(book: Any, formats: dict[str, Any], view: StatusView, lang: str) -> None:
    amounts = [
        p for p in view.progress if p.target.kind is Kind.AMOUNT and p.completion_pct is not None
    ]
    sheet = Sheet(book, word("chart_sheet", lang), formats)
    name = sheet.ws.get_name()
    for col, key in enumerate(("name", "completion_pct", "pace_pct", "outlook_pct")):
        sheet.text(0, col, word(key, lang), "header")
    below_all: list[float] = []
    above_all: list[float] = []
    for row, progress in enumerate(amounts, start=1):
        sheet.text(row, 0, progress.target.name(lang))
        sheet.number(row, 1, progress.completion_pct, formats["pct"])
        sheet.number(row, 2, progress.pace_pct, formats["pct"])
        projected, below, above = _outlook_pcts(progress)
        sheet.number(row, 3, projected, formats["pct"])
        below_all.append(float(below))
        above_all.append(float(above))
    sheet.fit_columns(cap=60)
    if not amounts:
        return
    chart = book.add_chart({"type": "bar"})
    last = len(amounts)
    for col, colour in ((1, "#4472C4"), (2, "#A5A5A5"), (3, "#ED7D31")):
        series: dict[str, Any] = {
            "name": [name, 0, col],
            "categories": [name, 1, 0, last, 0],
            "values": [name, 1, col, last, col],
            "fill": {"color": colour},
        }
        if col == 1:  # labels on completion only, past the bar's end: none overlap
            series["data_labels"] = {"value": True, "num_format": "0.0", "position": "outside_end"}
        if col == 3 and (any(below_all) or any(above_all)):
            # the outlook's range, from the earliest and latest earlier years' shapes
            series["x_error_bars"] = {
                "type": "custom",
                "plus_values": above_all,
                "minus_values": below_all,
                "end_style": 1,
            }
        chart.add_series(series)
    chart.set_title({"name": word("chart_title", lang)})
    chart.set_x_axis({"name": "%", "min": 0})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 760, "height": max(320, 36 * last + 120)})
    sheet.ws.insert_chart(1, 4, chart)
    sheet.ws.set_landscape()
    sheet.ws.fit_to_pages(1, 1)


__all__ = ["WorkbookWriter", "display_width", "number_format", "table_workbook", "workbook_bytes"]
