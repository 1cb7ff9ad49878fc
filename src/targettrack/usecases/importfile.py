"""Read a file of figures, as departments send them, into entries numbered as a spreadsheet
numbers its rows.

- CSV in UTF-8 (with or without a BOM), UTF-16 with a BOM, or GB18030/GBK, which is what
  "CSV (逗号分隔)" gives in Excel and WPS on a Chinese computer.
- ``.xlsx`` workbooks (the first sheet, or one named), read with openpyxl, loaded only here.
- Headers in English (target, period, value …) or Chinese (指标, 期别, 数值 …). Columns a
  person needs to fill the sheet in (指标名称, 单位, 责任单位, 年度目标) are read past.
- A row whose value is left empty has not been reported: it is skipped and counted.

Nothing here validates a figure; ``entries.prepare`` does that for each row.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import os
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any

from targettrack.core.units import canonical
from targettrack.errors import InputError, echo, os_reason
from targettrack.messages import Both, Message, Text
from targettrack.usecases.entries import Entry

IMPORT_COLUMNS = (
    "target",
    "period",
    "value",
    "note",
    "source",
    "status",
    "by",
    "level",
    "prior",
    "region",
    "reason",
    "measures",
)
_REQUIRED = ("target", "period", "value")
# Chinese headers, and other spellings, for each column.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "target": ("指标编号", "编号", "指标代码", "代码", "id"),
    "name": ("指标", "指标名称", "名称", "name", "name_zh"),
    "period": ("期别", "时期", "月份", "期间", "统计期", "报告期"),
    "value": ("数值", "本期值", "累计", "累计值", "完成值", "本年累计"),
    "note": ("备注", "说明"),
    "source": ("来源", "数据来源"),
    "status": ("状态", "数据状态"),
    "by": ("填报人", "录入人"),
    "level": ("本年值", "本年累计值"),
    "prior": ("上年同期", "上年同期值"),
    "region": ("地区", "区域", "县区", "县（市、区）"),
    "reason": ("原因分析", "滞后原因", "原因"),
    "measures": ("下步措施", "下一步措施", "措施"),
}
# Columns a template carries for the person filling it in; an import reads past them.
INFORMATIONAL = ("序号", "单位", "责任单位", "年度目标", "unit", "department", "goal")
_READ_PAST = "-"  # a column the import reads past
_ALIASES = {word: column for column, words in HEADER_WORDS.items() for word in words}
_ENCODINGS = ("UTF-8", "UTF-16", "GB18030")
_WINDOW = 1 << 20  # the encoding is judged on a megabyte from the first line beyond ASCII

# Limits on what an import reads, so that a hostile or mistaken file is refused with one
# sentence long before it costs minutes or gigabytes (the README lists them). A year of
# monthly figures for 10,000 targets is a 4 MB CSV of 480,000 cells.
MAX_FILE_BYTES = 100 << 20  # the file on disk, CSV or xlsx
MAX_UNPACKED_BYTES = 100 << 20  # an xlsx workbook's parts, unpacked
MAX_CELLS = 10_000_000  # cells (or CSV fields) of the file, header included
MAX_CELL_CHARS = 10_000  # characters in one cell

Row = tuple[int, Entry | Text | None]
# Endings of files that are neither CSV nor xlsx, which an import would misread as CSV
_NOT_TABLES = frozenset(
    (".xls", ".et", ".ods", ".json", ".doc", ".docx", ".wps", ".pdf", ".txt.gz", ".zip")
)


def read_import_file(path: Path, sheet: str | None = None) -> Iterator[Row]:
    """Rows of a file of figures: an entry, a problem with the row, or None for a row left
    empty. The header is checked at once; the rows are read as they are consumed."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _from_rows(path, _xlsx_rows(path, sheet))
    if suffix in _NOT_TABLES:  # a workbook of 2003, a document, JSON: not read as CSV
        raise InputError(Message("file.not_table", path=path, suffix=suffix))
    if sheet is not None:
        raise InputError(Message("file.sheet_not_csv", path=path))
    return _from_rows(path, _csv_rows(path))


def _open_bytes(path: Path) -> io.BufferedReader:
    """The file, opened for reading, if it is within the size an import reads."""
    try:
        raw = path.open("rb")
    except FileNotFoundError:
        raise InputError(Message("file.missing", path=path)) from None
    except OSError as error:
        raise InputError(Message("file.unreadable", path=path, reason=os_reason(error))) from None
    if os.fstat(raw.fileno()).st_size > MAX_FILE_BYTES:
        raw.close()
        raise InputError(Message("file.too_large", path=path, limit=MAX_FILE_BYTES >> 20))
    return raw


# Characters that only text written in Chinese holds: CJK ideographs, their punctuation and
# full-width forms. The bytes of GBK text that happen to be valid UTF-8 read as Latin, Greek,
# Cyrillic or Hebrew letters instead, so one of these is what tells UTF-8 text apart.
_CHINESE = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


_BEYOND_ASCII = re.compile(rb"[\x80-\xff]")


class _Mixed(Exception):
    """A line that is not in the encoding the lines before it are in."""

    def __init__(self, line: int, encoding: str) -> None:
        self.line = line
        self.encoding = encoding


def _encoding(raw: io.BufferedReader) -> str | None:
    """The encoding of a CSV file: a BOM decides; else the text from the first line beyond
    ASCII: UTF-8 if it reads as UTF-8, else GB18030 (which reads GBK and GB2312 too). Text
    that reads as Chinese in UTF-8 and then stops being UTF-8 is two encodings (_Mixed). The
    file is left at its start."""
    head = raw.peek(len(codecs.BOM_UTF8))[: len(codecs.BOM_UTF8)]
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    lines = 0  # whole lines before the one that first goes beyond ASCII
    tail = b""  # the start of that line, read with the ASCII before it
    while True:
        chunk = raw.read(_WINDOW)
        if not chunk:
            raw.seek(0)
            return "utf-8"  # ASCII throughout
        if chunk.isascii():
            lines += chunk.count(b"\n")
            tail = chunk[chunk.rfind(b"\n") + 1 :]
            continue
        beyond = _BEYOND_ASCII.search(chunk)
        assert beyond is not None
        start = chunk.rfind(b"\n", 0, beyond.start()) + 1
        lines += chunk.count(b"\n", 0, start)
        more = raw.read(_WINDOW)
        window = (tail if start == 0 else b"") + chunk[start:] + more
        break
    raw.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(window, final=len(more) < _WINDOW)
    except UnicodeDecodeError as error:
        line_start = window.rfind(b"\n", 0, error.start) + 1
        if _CHINESE.search(window[:line_start].decode("utf-8")):
            raise _Mixed(lines + window.count(b"\n", 0, error.start) + 1, "UTF-8") from None
    else:
        return "utf-8"
    line_end = window.find(b"\n") + 1 or len(window)  # later lines are read one by one
    try:
        codecs.getincrementaldecoder("gb18030")().decode(window[:line_end], final=False)
    except UnicodeDecodeError:
        return None
    return "gb18030"


def _gb18030_lines(raw: io.BufferedReader) -> Iterator[str]:
    """The lines of a GB18030 (GBK) file as text; a line that reads as Chinese in UTF-8 is
    from another encoding (_Mixed)."""
    for number, line in enumerate(raw, start=1):
        if not line.isascii():
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                if _CHINESE.search(text):
                    raise _Mixed(number, "GB18030")
        yield line.decode("gb18030")


def _first_line_not_utf8(path: Path) -> int | None:
    with path.open("rb") as raw:
        for number, line in enumerate(raw, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return None


def _csv_rows(path: Path) -> Iterator[list[str]]:
    raw = _open_bytes(path)
    not_text = Message("file.not_text", path=path, encodings=list(_ENCODINGS))
    try:
        encoding = _encoding(raw)
    except _Mixed as mixed:
        raw.close()
        raise InputError(_mixed(path, mixed)) from None
    if encoding is None:
        raw.close()
        raise InputError(not_text)
    lines: Iterable[str]
    if encoding == "gb18030":
        lines = _gb18030_lines(raw)
    else:
        lines = io.TextIOWrapper(raw, encoding=encoding, newline="")
    reader = csv.reader(lines)
    with raw:
        try:
            yield from reader
        except _Mixed as mixed:
            raise InputError(_mixed(path, mixed)) from None
        except UnicodeDecodeError:
            line = _first_line_not_utf8(path) if encoding.startswith("utf-8") else None
            if line is None:
                raise InputError(not_text) from None
            raise InputError(_mixed(path, _Mixed(line, "UTF-8"))) from None
        except csv.Error as error:
            raise InputError(
                Message("file.bad_csv", path=path, line=reader.line_num, reason=error)
            ) from None


def _mixed(path: Path, mixed: _Mixed) -> Message:
    return Message("file.mixed_encoding", path=path, row=mixed.line, encoding=mixed.encoding)


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[list[str]]:
    import zipfile

    import openpyxl

    raw = _open_bytes(path)
    try:
        with zipfile.ZipFile(raw) as parts:  # a zip's sizes bound what reading it can give
            unpacked = sum(part.file_size for part in parts.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            size = os.fstat(raw.fileno()).st_size
            raise InputError(
                Message(
                    "file.unpacks_too_large",
                    path=path,
                    limit=MAX_UNPACKED_BYTES >> 20,
                    size=f"{size / 1024:,.0f} KB",
                )
            )
        raw.seek(0)
        book = openpyxl.load_workbook(raw, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raw.close()
        raise InputError(Message("file.not_xlsx", path=path, reason=_xlsx_reason(error))) from None
    except InputError:
        raw.close()
        raise
    try:
        worksheet = _sheet(book, sheet, path)
        unsaved = _unsaved_formulas(raw, getattr(worksheet, "_worksheet_path", None))
        if unsaved:
            cells: list[Text] = list(unsaved[:10])
            if len(unsaved) > len(cells):
                cells.append(Message("file.more_cells", count=len(unsaved)))
            raise InputError(Message("file.unsaved_formulas", path=path, cells=cells))
        percent: dict[str, bool] = {}
        for row in worksheet.iter_rows():
            texts = []
            for cell in row:
                value = cell.value
                if isinstance(value, int | float) and not isinstance(value, bool):
                    shown = cell.number_format
                    if shown not in percent:
                        percent[shown] = _is_percent(shown)
                    if percent[shown]:
                        texts.append(_percent_text(value))
                        continue
                texts.append(_cell_text(value))
            yield texts
    finally:
        book.close()
        raw.close()


def _sheet(book: Any, sheet: str | None, path: Path) -> Any:
    """The sheet named, else the active sheet if it is visible, else the first visible one:
    a hidden sheet (a department's workings) is read only when named."""
    if sheet is not None:
        if sheet not in book.sheetnames:
            raise InputError(
                Message("file.no_sheet", path=path, sheet=sheet, sheets=book.sheetnames)
            )
        return book[sheet]
    active = book.active
    if active in book.worksheets and active.sheet_state == "visible":
        return active
    for worksheet in book.worksheets:
        if worksheet.sheet_state == "visible":
            return worksheet
    raise InputError(Message("file.no_visible_sheet", path=path))


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s/>]")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _unsaved_formulas(raw: io.BufferedReader, part: str | None) -> list[str]:
    """The cells of a sheet that hold a formula with no saved result: a workbook written by
    a program (openpyxl, say) rather than saved by Excel or WPS, which compute and keep each
    result. Read from the sheet's own XML, and only when it holds a formula at all."""
    import zipfile
    from xml.etree.ElementTree import iterparse

    if part is None:
        return []
    raw.seek(0)
    with zipfile.ZipFile(raw) as parts:
        with parts.open(part) as xml:
            found = False
            carry = b""
            while chunk := xml.read(1 << 20):
                if _FORMULA.search(carry + chunk):
                    found = True
                    break
                carry = chunk[-16:]
        if not found:
            return []
        cells = []
        with parts.open(part) as xml:
            for _, element in iterparse(xml):
                if element.tag != f"{_MAIN}c":
                    continue
                formula = element.find(f"{_MAIN}f")
                saved = element.find(f"{_MAIN}v")
                if (
                    formula is not None
                    and (saved is None or not saved.text)
                    and element.get("t") != "str"  # a formula may give an empty text
                ):
                    cells.append(element.get("r", "?"))
                element.clear()
        return cells


def _is_percent(number_format: str) -> bool:
    """Whether a cell of this number format shows its number as a percentage (0.0%): a % that
    is neither literal text (in quotes, or after a backslash) nor inside brackets ([Red])."""
    plain = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", number_format)
    return "%" in plain


def _percent_text(value: float) -> str:
    """A number in a cell formatted as a percentage, as the percentage it shows: 0.052 shown
    as 5.2% is 5.2%, to the 15 significant digits Excel keeps."""
    return format(canonical(Decimal(format(value, ".15g")) * 100), "f") + "%"


def _cell_text(value: Any) -> str:
    """A cell as the text it shows. A number keeps the digits Excel shows (15 significant):
    1646.4 stays 1646.4, never 1646.3999999999999; a date cell (Excel turns 2023-06 into
    one) is its year and month."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format(canonical(Decimal(format(value, ".15g"))), "f")
    if isinstance(value, datetime.datetime | datetime.date):
        return f"{value.year}-{value.month:02d}"
    return str(value)


def _xlsx_reason(error: Exception) -> Both:
    """Why a workbook could not be opened, in both languages (zipfile and openpyxl say it in
    English)."""
    import zipfile

    if isinstance(error, zipfile.BadZipFile):
        zh = "文件不是 zip 压缩格式，而 xlsx 工作簿都是"
    elif isinstance(error, KeyError):
        zh = "缺少工作簿应有的组成部分"
    else:
        zh = "文件内容不完整或已损坏"
    return Both(zh, str(error))


def _column_name(name: str) -> Both:
    """A column as each language's header names it: 期别 in Chinese (the indicator by 指标 or
    指标编号), period in English."""
    words = HEADER_WORDS.get(name)
    chinese = "指标（或指标编号）" if name == "target" else words[0] if words else name
    return Both(chinese, name)


def _columns(path: Path, header: list[str]) -> list[str]:
    """Each header cell as a column name ('' for one to read past), or a refusal."""
    columns = []
    for cell in header:
        name = cell.strip().lower()
        columns.append(_ALIASES.get(name, _ALIASES.get(cell.strip(), name)))
    if "target" not in columns and "name" in columns:
        columns = ["target" if name == "name" else name for name in columns]
    named = [name for name in columns if name]  # Excel writes empty trailing columns
    repeated = sorted({name for name in named if named.count(name) > 1})
    if repeated:
        said = [_column_name(name) for name in repeated]
        raise InputError(Message("file.repeated_columns", path=path, columns=said))
    known = (*IMPORT_COLUMNS, "name")
    unknown = [h.strip() for h, n in zip(header, columns, strict=True) if n and n not in known]
    unknown = [h for h in unknown if h not in INFORMATIONAL]
    missing = [name for name in _REQUIRED if name not in columns]
    if unknown or missing:
        parts: list[Text] = []
        if missing:
            lacking = [_column_name(name) for name in missing]
            parts.append(Message("file.lacks_columns", columns=lacking))
        if unknown:
            parts.append(Message("file.unknown_columns", columns=[echo(u) for u in unknown]))
        every = [_column_name(name) for name in IMPORT_COLUMNS]
        raise InputError(Message("file.bad_columns", path=path, parts=tuple(parts), columns=every))
    return [
        _READ_PAST if name == "name" or cell.strip() in INFORMATIONAL else name
        for cell, name in zip(header, columns, strict=True)
    ]


def _from_rows(path: Path, source: Iterable[list[str]]) -> Iterator[Row]:
    rows = _within_limits(path, source)
    header = first = next(rows, None)
    skipped = 0
    # a sheet's title and its deadline stand above the header, each in one cell
    while header is not None and sum(1 for cell in header if cell.strip()) < 2:
        header = next(rows, None)
        skipped += 1
    if header is None and first is not None:  # no header below: the first row was meant
        header, skipped = first, 0
    if header is None:
        raise InputError(Message("file.empty", path=path))
    columns = _columns(path, header)
    return _entries(rows, columns, first=1 + skipped)


def _within_limits(path: Path, rows: Iterable[list[str]]) -> Iterator[list[str]]:
    """The rows of a file, refused at the first that takes it beyond MAX_CELLS cells or holds
    a cell longer than MAX_CELL_CHARS characters."""
    cells = 0
    for number, row in enumerate(rows, start=1):
        cells += len(row)
        if cells > MAX_CELLS:
            raise InputError(Message("file.too_many_cells", path=path, limit=f"{MAX_CELLS:,}"))
        # the longest cell is looked for only in a row long enough to hold one too long
        if sum(map(len, row)) > MAX_CELL_CHARS and max(map(len, row)) > MAX_CELL_CHARS:
            raise InputError(
                Message("file.cell_too_long", path=path, row=number, limit=f"{MAX_CELL_CHARS:,}")
            )
        yield row


def _row_problem(cells: list[str], columns: list[str]) -> Text | None:
    """What is wrong with a row's shape, if anything: the header decides what each cell is."""
    if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
        return Message("file.row_too_long", cells=len(cells), columns=len(columns))
    return None


# The fields of an Entry, in order, and the column each is read from.
_FIELDS = (
    "target",
    "period",
    "value",
    "status",
    "by",
    "source",
    "note",
    "level",
    "prior",
    "region",
    "reason",
    "measures",
)


def _entries(rows: Iterator[list[str]], columns: list[str], first: int = 1) -> Iterator[Row]:
    unnamed = [i for i, name in enumerate(columns) if not name]
    width = len(columns)
    # every row is padded to the header's width and one more, always empty, cell: a field
    # whose column the file lacks reads that one
    cell_of = {name: i for i, name in enumerate(columns) if name and name != _READ_PAST}
    fields = itemgetter(*(cell_of.get(name, width) for name in _FIELDS))
    padding = [""] * (width + 1)
    number = first
    for cells in rows:
        number += 1
        if not "".join(cells).strip():
            continue
        if len(cells) > width:
            problem = _row_problem(cells, columns)
            if problem is not None:
                yield number, problem
                continue
        if unnamed:
            stray = [cells[i].strip() for i in unnamed if i < len(cells) and cells[i].strip()]
            if stray:
                yield number, Message("file.unnamed_column", text=echo(stray[0]))
                continue
        if len(cells) > width:
            del cells[width:]
        cells.extend(padding[len(cells) :])
        (
            target,
            period,
            value,
            status,
            by,
            source,
            note,
            level,
            prior,
            region,
            reason,
            measures,
        ) = fields(cells)
        if not (
            value.strip() or level.strip() or prior.strip() or reason.strip() or measures.strip()
        ):
            yield number, None  # left empty: not reported (yet)
            continue
        yield (
            number,
            Entry(
                target,
                period,
                value,
                status or "provisional",
                by or None,
                source,
                note,
                level or None,
                prior or None,
                region.strip(),
                reason,
                measures,
            ),
        )
