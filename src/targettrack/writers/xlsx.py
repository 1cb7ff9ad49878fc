"""An Excel workbook in the manner of a 主要经济指标完成情况表, written with XlsxWriter (all
of it but the rows of the records sheet, which are written beside it for speed).

XlsxWriter is imported here only, and this module only by ``targettrack export --format xlsx``.
Text is always written as a string cell; text that Excel could take for a formula also gets
Excel's quote prefix, the mark Excel itself sets on such text.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import tempfile
import unicodedata
import zipfile
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any, NamedTuple

import xlsxwriter
import xlsxwriter.exceptions
from xlsxwriter.utility import xl_col_to_name

from targettrack.core.engine import Progress
from targettrack.core.models import Catalogue, Kind, State, Status
from targettrack.core.periods import Period, period_label
from targettrack.core.words import state_word, verdict_label, word
from targettrack.errors import InputError
from targettrack.messages import Message
from targettrack.writers import Options, refuse
from targettrack.writers.guard import FORMULA_STARTS, risky
from targettrack.writers.rows import actual_header
from targettrack.writers.text import local_time, report_title, target_text

if TYPE_CHECKING:
    from targettrack.usecases.views import RecordsView, StatusView

# Fill colours of verdict cells (the word and its symbol are always there too).
_VERDICT_FILLS = {
    "achieved": "#C6EFCE",
    "on_track": "#E2F0D9",
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
    "projection",
    "verdict",
    "department",
    "note",
    "commitment",
)
_FONT = "等线"
# The records sheet: one column a field, headed in the report's language.
_RECORD_COLUMNS = (
    "target",
    "name",
    "period",
    "version",
    "value",
    "unit",
    "status",
    "by",
    "recorded_at",
    "source",
    "note",
    "level",
    "prior",
    "derived",
)  # "entered", the input exactly as typed, is for audits: CSV and JSON keep it


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

    def text(self, row: int, col: int, value: str | None, key: str = "text") -> None:
        value = value or ""
        fmt = self.formats[key]
        if risky(value):
            if key not in self._quoted:
                self._quoted[key] = self.book.add_format(
                    {**_FORMAT_SPECS[key], "quote_prefix": True}
                )
            fmt = self._quoted[key]
        self.ws.write_string(row, col, value, fmt)
        self.widths[col] = max(self.widths.get(col, 0), display_width(value))

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


def new_book(out: io.BytesIO) -> Any:
    """A workbook written to ``out`` that keeps text as text: XlsxWriter never turns a string
    into a formula or a number."""
    return xlsxwriter.Workbook(
        out, {"strings_to_formulas": False, "strings_to_numbers": False, "in_memory": True}
    )


def sheet_formats(book: Any) -> dict[str, Any]:
    return {key: book.add_format(spec) for key, spec in _FORMAT_SPECS.items()}


def workbook_bytes(view: StatusView, records: RecordsView | None, lang: str) -> bytes:
    """The workbook: the status sheet, the recorded figures (when given) and the chart."""
    out = io.BytesIO()
    book = new_book(out)
    formats = sheet_formats(book)
    with tempfile.TemporaryFile() as spool:
        spliced = None
        try:
            _status_sheet(book, formats, view, lang)
            if records is not None:
                spliced = _records_sheet(book, formats, records, lang, spool)
            _chart_sheet(book, formats, view, lang)
        finally:
            book.close()
        return out.getvalue() if spliced is None else _splice(out.getvalue(), spliced)


class WorkbookWriter:
    binary = True

    def status(
        self, view: StatusView, lang: str, options: Options, records: RecordsView | None
    ) -> bytes:
        try:
            return workbook_bytes(view, records, lang)
        except xlsxwriter.exceptions.XlsxWriterException as error:
            raise InputError(Message("output.workbook_failed", reason=error)) from None

    def records(self, view: RecordsView, lang: str, options: Options) -> bytes:
        raise refuse("xlsx", Message("format.records"))


def _status_sheet(book: Any, formats: dict[str, Any], view: StatusView, lang: str) -> None:
    sheet = Sheet(book, word("status_sheet", lang), formats)
    ws = sheet.ws
    last_col = len(_STATUS_COLUMNS) - 1
    ws.merge_range(
        0, 0, 0, last_col, report_title(view.catalogue, view.as_of, lang), formats["title"]
    )
    source = view.catalogue.source
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        f"{source.title} · {source.publisher} · {source.date}",
        formats["subtitle"],
    )
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
        ws.merge_range(row, 0, row, last_col, group.name(lang), formats["group"])
        row += 1
        for progress in members:
            seq += 1
            lines = -(-display_width(progress.target.name(lang)) // (name_width - 2))
            # level 1: Excel's outline folds each group's targets under its heading
            ws.set_row(row, 18 if lines == 1 else 16 * lines, None, {"level": 1})
            _status_row(sheet, row, seq, progress, view.catalogue, lang, view.as_of)
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
) -> None:
    target = progress.target
    figure = progress.figure
    stale = figure is not None and as_of is not None and figure.month < as_of.month
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
    sheet.quantity(row, 9, progress.projection, target.unit)
    sheet.text(row, 10, verdict_label(progress.verdict, lang), f"verdict_{progress.verdict}")
    sheet.text(row, 11, target.department, "center")
    note = figure.note if figure else ""
    if stale and figure is not None:
        mark = word("stale", lang)
        note = f"{mark}（{period_label(figure.period, lang)}）" + (f"；{note}" if note else "")
        if lang != "zh":
            note = f"{mark} ({period_label(figure.period, lang)})" + (
                f"; {figure.note}" if figure.note else ""
            )
    sheet.text(row, 12, note, "name")
    sheet.text(row, 13, target.commitment or "", "center")


def _state(lang: str, state: State) -> str:
    return state_word(state, lang)


class _Spliced(NamedTuple):
    """Rows written apart from XlsxWriter, to go into one of its worksheets after it closes."""

    part: str  # the worksheet's file in the package, e.g. xl/worksheets/sheet2.xml
    rows: IO[bytes]  # the <row> elements, UTF-8
    last_cell: str  # the bottom-right cell, for the sheet's <dimension>


_COLUMN_LETTERS = tuple(xl_col_to_name(col) for col in range(len(_RECORD_COLUMNS)))


def _records_sheet(
    book: Any, formats: dict[str, Any], view: RecordsView, lang: str, spool: IO[bytes]
) -> _Spliced:
    """Every recorded version, a row each. 120,000 versions are 1.7 million cells, more than
    XlsxWriter writes in the time a user should wait (11 s), so XlsxWriter writes the sheet's
    header, widths and settings, and the rows are written here, into ``spool``, as the cells
    XlsxWriter would write: in its styles, with its table of shared strings (which escapes
    the text and which it writes out itself). ``_splice`` puts them into the sheet after the
    workbook closes. Empty cells are not written, and each distinct text is looked up once."""
    figures = view.figures
    sheet = Sheet(book, word("records_sheet", lang), formats)
    ws = sheet.ws
    for col, field in enumerate(_RECORD_COLUMNS):
        sheet.text(0, col, word("id" if field == "target" else field, lang), "header")
    widths = dict(sheet.widths)
    quoted = book.add_format({**_FORMAT_SPECS["text"], "quote_prefix": True})
    # XlsxWriter gives a format its style number when a cell first uses it; these cells are
    # not XlsxWriter's, so they ask for it the same way
    style = {"text": formats["text"]._get_xf_index(), "quoted": quoted._get_xf_index()}
    center = formats["center"]._get_xf_index()
    version_cell = f' s="{formats["int"]._get_xf_index()}"><v>'
    statuses = {s: word(s.value, lang) for s in Status}
    yes_no = {True: word("yes", lang), False: word("no", lang)}
    states = {s: state_word(s, lang) for s in State}
    names = {t.id: (t.name(lang), t.value_unit) for t in view.catalogue.targets}
    times: dict[str, str] = {}  # an import stores thousands of figures at one time
    texts: dict[tuple[str, int], str] = {}  # (text, column) -> the cell after its reference
    shared_strings = book.str_table
    uses = 0  # cells that refer to a shared string
    numbers: dict[tuple[str | None, int, bool], str] = {}  # (unit, decimals, derived) -> style

    def text(col: int, value: str, xf: int | None = None) -> str:
        """The cell after ``<c r="A2"``, and the column's width kept up to date."""
        nonlocal uses
        uses += 1
        try:
            return texts[value, col]
        except KeyError:
            pass
        if xf is None:
            xf = style["quoted" if value.startswith(FORMULA_STARTS) else "text"]
        index = shared_strings._get_shared_string_index(value)
        cell = texts[value, col] = f' s="{xf}" t="s"><v>{index}</v></c>'
        width = display_width(value)
        if width > widths.get(col, 0):
            widths[col] = width
        return cell

    def number(col: int, value: Decimal, unit: str | None, derived: bool) -> str:
        exponent = value.normalize().as_tuple().exponent  # as number_format counts them
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        key = (unit, decimals, derived)
        if key not in numbers:
            fmt = sheet.numeric(number_format(unit, value, derived=derived))
            numbers[key] = f' s="{fmt._get_xf_index()}"><v>'
        width = len(f"{value:,}") + 1
        if width > widths.get(col, 0):
            widths[col] = width
        return f"{numbers[key]}{float(value):.16G}</v></c>"

    letters = _COLUMN_LETTERS
    chunk: list[str] = []
    for row, figure in enumerate(figures, start=2):
        name, value_unit = names.get(figure.target_id, ("", None))
        value = figure.value
        if isinstance(value, State):
            value_cell: str | None = text(4, states[value], center)
        else:
            value_cell = None if value is None else number(4, value, figure.unit, figure.derived)
        cells = (
            text(0, figure.target_id) if figure.target_id else None,
            text(1, name) if name else None,
            text(2, figure.period) if figure.period else None,
            f"{version_cell}{figure.version}</v></c>",
            value_cell,
            text(5, figure.unit) if figure.unit else None,
            text(6, statuses[figure.status]),
            text(7, figure.recorded_by) if figure.recorded_by else None,
            text(
                8,
                times.get(figure.recorded_at)
                or times.setdefault(figure.recorded_at, local_time(figure.recorded_at)),
            )
            if figure.recorded_at
            else None,
            text(9, figure.source) if figure.source else None,
            text(10, figure.note) if figure.note else None,
            None if figure.level is None else number(11, figure.level, value_unit, False),
            None if figure.prior is None else number(12, figure.prior, value_unit, False),
            text(13, yes_no[figure.derived]),
        )
        at = str(row)
        chunk.append(f'<row r="{at}">')
        for letter, cell in zip(letters, cells, strict=True):
            if cell is not None:
                chunk.append(f'<c r="{letter}{at}"{cell}')
        chunk.append("</row>")
        if len(chunk) > 20_000:
            spool.write("".join(chunk).encode())
            chunk.clear()
    spool.write("".join(chunk).encode())
    shared_strings.count += uses - len(texts)  # the table counts every use, not only the first
    sheet.widths = widths
    ws.freeze_panes(1, 1)
    last_row = max(len(figures), 1)
    ws.autofilter(0, 0, last_row, len(_RECORD_COLUMNS) - 1)
    sheet.fit_columns()
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    return _Spliced(
        f"xl/worksheets/sheet{ws.index + 1}.xml", spool, f"{letters[-1]}{len(figures) + 1}"
    )


def _splice(package: bytes, spliced: _Spliced) -> bytes:
    """The workbook XlsxWriter wrote, with the spooled rows after the sheet's header row."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename != spliced.part:
                target.writestr(info, content)
                continue
            head, tail = content.split(b"</sheetData>", 1)
            head = re.sub(
                rb'<dimension ref="[^"]*"/>',
                f'<dimension ref="A1:{spliced.last_cell}"/>'.encode(),
                head,
                count=1,
            )
            part = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            part.compress_type = zipfile.ZIP_DEFLATED
            with target.open(part, "w") as stream:
                stream.write(head)
                spliced.rows.seek(0)
                shutil.copyfileobj(spliced.rows, stream, 1 << 20)
                stream.write(b"</sheetData>" + tail)
    return out.getvalue()


def _chart_sheet(book: Any, formats: dict[str, Any], view: StatusView, lang: str) -> None:
    amounts = [
        p for p in view.progress if p.target.kind is Kind.AMOUNT and p.completion_pct is not None
    ]
    sheet = Sheet(book, word("chart_sheet", lang), formats)
    name = sheet.ws.get_name()
    for col, key in enumerate(("name", "completion_pct", "pace_pct")):
        sheet.text(0, col, word(key, lang), "header")
    for row, progress in enumerate(amounts, start=1):
        sheet.text(row, 0, progress.target.name(lang))
        sheet.number(row, 1, progress.completion_pct, formats["pct"])
        sheet.number(row, 2, progress.pace_pct, formats["pct"])
    sheet.fit_columns(cap=60)
    if not amounts:
        return
    chart = book.add_chart({"type": "bar"})
    last = len(amounts)
    for col, colour in ((1, "#4472C4"), (2, "#A5A5A5")):
        series: dict[str, Any] = {
            "name": [name, 0, col],
            "categories": [name, 1, 0, last, 0],
            "values": [name, 1, col, last, col],
            "fill": {"color": colour},
        }
        if col == 1:  # labels on completion only, past the bar's end: none overlap
            series["data_labels"] = {"value": True, "num_format": "0.0", "position": "outside_end"}
        chart.add_series(series)
    chart.set_title({"name": word("chart_title", lang)})
    chart.set_x_axis({"name": "%", "min": 0})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 760, "height": max(320, 36 * last + 120)})
    sheet.ws.insert_chart(1, 4, chart)
    sheet.ws.set_landscape()
    sheet.ws.fit_to_pages(1, 1)


__all__ = ["WorkbookWriter", "display_width", "number_format", "workbook_bytes"]
