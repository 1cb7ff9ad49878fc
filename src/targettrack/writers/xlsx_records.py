"""The records sheet: every recorded version, a row each, fast.

120,000 versions are 1.7 million cells, more than XlsxWriter writes in the time a user should
wait (about 11 s), so the rows are written beside it, as the cells XlsxWriter itself would
write, and spliced into its sheet after the workbook closes (``splice``). That fast path
relies on two of XlsxWriter's internals (a format's style number, ``Format._get_xf_index``,
and the shared-string table's ``_get_shared_string_index``); ``fast_path_available`` checks
that they are there, and where they are not, the same sheet is written through XlsxWriter's
public interface, cell by cell. A test writes both and compares every cell.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from xlsxwriter.utility import xl_col_to_name

from targettrack.core.models import State, Status
from targettrack.core.periods import period_label
from targettrack.core.words import state_word, word
from targettrack.writers.guard import FORMULA_STARTS
from targettrack.writers.text import local_time
from targettrack.writers.xlsx import _FORMAT_SPECS, Sheet, display_width, fit_cell, number_format

if TYPE_CHECKING:
    from targettrack.usecases.views import RecordsView

# The records sheet: one column a field, headed in the report's language.
RECORD_COLUMNS = (
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
    "withdrawn",
    "reason",
)  # "entered", the input exactly as typed, is for audits: CSV and JSON keep it


def fast_path_available(book: Any, formats: dict[str, Any]) -> bool:
    """Whether this XlsxWriter has the internals the fast path writes its cells with."""
    table = getattr(book, "str_table", None)
    return (
        callable(getattr(formats["text"], "_get_xf_index", None))
        and callable(getattr(table, "_get_shared_string_index", None))
        and isinstance(getattr(table, "count", None), int)
    )


def records_sheet(
    book: Any,
    formats: dict[str, Any],
    view: RecordsView,
    lang: str,
    spool: IO[bytes],
    *,
    fast: bool | None = None,
) -> Spliced | None:
    """The records sheet: by the fast path where it is available (rows to splice in after
    the book closes), else cell by cell (None: nothing to splice). ``fast`` forces a path."""
    use_fast = fast_path_available(book, formats) if fast is None else fast
    if use_fast:
        return _fast_sheet(book, formats, view, lang, spool)
    _plain_sheet(book, formats, view, lang)
    return None


def _plain_sheet(book: Any, formats: dict[str, Any], view: RecordsView, lang: str) -> None:
    """The same sheet through XlsxWriter's public interface only."""
    sheet = Sheet(book, word("records_sheet", lang), formats)
    ws = sheet.ws
    for col, field in enumerate(RECORD_COLUMNS):
        sheet.text(0, col, word("id" if field == "target" else field, lang), "header")
    names = {t.id: (t.name(lang), t.value_unit) for t in view.catalogue.targets}
    for row, figure in enumerate(view.figures, start=1):
        name, value_unit = names.get(figure.target_id, ("", None))
        if figure.target_id:
            sheet.text(row, 0, figure.target_id)
        if name:
            sheet.text(row, 1, name)
        if figure.period:
            sheet.text(row, 2, period_label(figure.period, lang, year=True))
        ws.write_number(row, 3, figure.version, formats["int"])
        if isinstance(figure.value, State):
            sheet.text(row, 4, state_word(figure.value, lang), "center")
        else:
            sheet.quantity(row, 4, figure.value, figure.unit, figure.derived)
        if figure.unit:
            sheet.text(row, 5, figure.unit)
        sheet.text(row, 6, word(figure.status.value, lang))
        if figure.recorded_by:
            sheet.text(row, 7, figure.recorded_by)
        if figure.recorded_at:
            sheet.text(row, 8, local_time(figure.recorded_at, lang))
        if figure.source:
            sheet.text(row, 9, figure.source)
        if figure.note:
            sheet.text(row, 10, figure.note)
        if figure.level is not None:
            sheet.quantity(row, 11, figure.level, value_unit)
        if figure.prior is not None:
            sheet.quantity(row, 12, figure.prior, value_unit)
        sheet.text(row, 13, word("yes" if figure.derived else "no", lang))
        sheet.text(row, 14, word("yes" if figure.withdrawn else "no", lang))
        if figure.reason:
            sheet.text(row, 15, figure.reason)
    ws.freeze_panes(1, 1)
    ws.autofilter(0, 0, max(len(view.figures), 1), len(RECORD_COLUMNS) - 1)
    sheet.fit_columns()
    ws.set_landscape()
    ws.fit_to_pages(1, 0)


class Spliced(NamedTuple):
    """Rows written apart from XlsxWriter, to go into one of its worksheets after it closes."""

    part: str  # the worksheet's file in the package, e.g. xl/worksheets/sheet2.xml
    rows: IO[bytes]  # the <row> elements, UTF-8
    last_cell: str  # the bottom-right cell, for the sheet's <dimension>


_COLUMN_LETTERS = tuple(xl_col_to_name(col) for col in range(len(RECORD_COLUMNS)))


def _fast_sheet(
    book: Any, formats: dict[str, Any], view: RecordsView, lang: str, spool: IO[bytes]
) -> Spliced:
    """Every recorded version, a row each. 120,000 versions are 1.7 million cells, more than
    XlsxWriter writes in the time a user should wait (11 s), so XlsxWriter writes the sheet's
    header, widths and settings, and the rows are written here, into ``spool``, as the cells
    XlsxWriter would write: in its styles, with its table of shared strings (which escapes
    the text and which it writes out itself). ``splice`` puts them into the sheet after the
    workbook closes. Empty cells are not written, and each distinct text is looked up once."""
    figures = view.figures
    sheet = Sheet(book, word("records_sheet", lang), formats)
    ws = sheet.ws
    for col, field in enumerate(RECORD_COLUMNS):
        sheet.text(0, col, word("id" if field == "target" else field, lang), "header")
    widths = dict(sheet.widths)
    quoted = book.add_format({**_FORMAT_SPECS["text"], "quote_prefix": True})
    # XlsxWriter gives a format its style number when a cell first uses it; these cells are
    # not XlsxWriter's, so they ask for it the same way
    style = {"text": formats["text"]._get_xf_index(), "quoted": quoted._get_xf_index()}
    center = formats["center"]._get_xf_index()
    version_cell = f' s="{formats["int"]._get_xf_index()}"><v>'
    statuses = {s: word(s.value, lang) for s in Status}
    periods: dict[str, str] = {}  # each stored period as the office writes it, worked out once
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
        value = fit_cell(value)
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
            text(
                2,
                periods.get(figure.period)
                or periods.setdefault(figure.period, period_label(figure.period, lang, year=True)),
            )
            if figure.period
            else None,
            f"{version_cell}{figure.version}</v></c>",
            value_cell,
            text(5, figure.unit) if figure.unit else None,
            text(6, statuses[figure.status]),
            text(7, figure.recorded_by) if figure.recorded_by else None,
            text(
                8,
                times.get(figure.recorded_at)
                or times.setdefault(figure.recorded_at, local_time(figure.recorded_at, lang)),
            )
            if figure.recorded_at
            else None,
            text(9, figure.source) if figure.source else None,
            text(10, figure.note) if figure.note else None,
            None if figure.level is None else number(11, figure.level, value_unit, False),
            None if figure.prior is None else number(12, figure.prior, value_unit, False),
            text(13, yes_no[figure.derived]),
            text(14, yes_no[figure.withdrawn]),  # a withdrawn version is never taken for current
            text(15, figure.reason) if figure.reason else None,
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
    ws.autofilter(0, 0, last_row, len(RECORD_COLUMNS) - 1)
    sheet.fit_columns()
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    return Spliced(
        f"xl/worksheets/sheet{ws.index + 1}.xml", spool, f"{letters[-1]}{len(figures) + 1}"
    )


def splice(package: bytes, spliced: Spliced) -> bytes:
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
