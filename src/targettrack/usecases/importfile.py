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
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from targettrack.core.units import canonical
from targettrack.errors import InputError, echo, os_reason
from targettrack.messages import Message, Text
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
_SNIFF = 1 << 20  # the encoding is judged on the first megabyte

Row = tuple[int, Entry | Text | None]


def read_import_file(path: Path, sheet: str | None = None) -> Iterator[Row]:
    """Rows of a file of figures: an entry, a problem with the row, or None for a row left
    empty. The header is checked at once; the rows are read as they are consumed."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _from_rows(path, _xlsx_rows(path, sheet))
    if sheet is not None:
        raise InputError(Message("file.sheet_not_csv", path=path))
    return _from_rows(path, _csv_rows(path))


def _open_bytes(path: Path) -> io.BufferedReader:
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise InputError(Message("file.missing", path=path)) from None
    except OSError as error:
        raise InputError(Message("file.unreadable", path=path, reason=os_reason(error))) from None


def _encoding(head: bytes) -> str | None:
    """The encoding of a file that starts with ``head``: a BOM decides, else UTF-8 if the
    bytes are UTF-8, else GB18030 (which reads GBK and GB2312 too)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def _csv_rows(path: Path) -> Iterator[list[str]]:
    raw = _open_bytes(path)
    encoding = _encoding(raw.peek(_SNIFF)[:_SNIFF])
    if encoding is None:
        raw.close()
        raise InputError(Message("file.not_text", path=path, encodings=", ".join(_ENCODINGS)))
    handle = io.TextIOWrapper(raw, encoding=encoding, newline="")
    reader = csv.reader(handle)
    with handle:
        line = 1
        while True:
            try:
                cells = next(reader, None)
            except UnicodeDecodeError:
                raise InputError(
                    Message("file.not_text", path=path, encodings=", ".join(_ENCODINGS))
                ) from None
            except csv.Error as error:
                raise InputError(
                    Message("file.bad_csv", path=path, line=line, reason=error)
                ) from None
            if cells is None:
                return
            line = reader.line_num + 1
            yield cells


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[list[str]]:
    import zipfile

    import openpyxl

    raw = _open_bytes(path)
    try:
        book = openpyxl.load_workbook(raw, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raw.close()
        raise InputError(Message("file.not_xlsx", path=path, reason=error)) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise InputError(
                Message("file.no_sheet", path=path, sheet=sheet, sheets=book.sheetnames)
            )
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        for values in worksheet.iter_rows(values_only=True):
            yield [_cell_text(value) for value in values]
    finally:
        book.close()
        raw.close()


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
        raise InputError(Message("file.repeated_columns", path=path, columns=repeated))
    known = (*IMPORT_COLUMNS, "name")
    unknown = [h.strip() for h, n in zip(header, columns, strict=True) if n and n not in known]
    unknown = [h for h in unknown if h not in INFORMATIONAL]
    missing = [name for name in _REQUIRED if name not in columns]
    if unknown or missing:
        parts: list[Text] = []
        if missing:
            parts.append(Message("file.lacks_columns", columns=missing))
        if unknown:
            parts.append(Message("file.unknown_columns", columns=[echo(u) for u in unknown]))
        raise InputError(
            Message(
                "file.bad_columns",
                path=path,
                parts=parts,
                columns=", ".join(IMPORT_COLUMNS)
                + " / 指标编号, 期别, 数值, 备注, 来源, 状态, 填报人, 原因分析, 下步措施",
            )
        )
    return [
        _READ_PAST if name == "name" or cell.strip() in INFORMATIONAL else name
        for cell, name in zip(header, columns, strict=True)
    ]


def _from_rows(path: Path, source: Iterable[list[str]]) -> Iterator[Row]:
    rows = iter(source)
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


def _row_problem(cells: list[str], columns: list[str]) -> Text | None:
    """What is wrong with a row's shape, if anything: the header decides what each cell is."""
    if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
        return Message("file.row_too_long", cells=len(cells), columns=len(columns))
    return None


def _entries(rows: Iterator[list[str]], columns: list[str], first: int = 1) -> Iterator[Row]:
    unnamed = [i for i, name in enumerate(columns) if not name]
    number = first
    for cells in rows:
        number += 1
        if not any(cell.strip() for cell in cells):
            continue
        problem = _row_problem(cells, columns)
        if problem is None:
            stray = [cells[i].strip() for i in unnamed if i < len(cells) and cells[i].strip()]
            if stray:
                problem = Message("file.unnamed_column", text=echo(stray[0]))
        if problem is not None:
            yield number, problem
            continue
        row = {
            name: cell
            for name, cell in zip(columns, cells, strict=False)
            if name and name != _READ_PAST
        }
        said = ("value", "level", "prior", "reason", "measures")
        if not any(row.get(key, "").strip() for key in said):
            yield number, None  # left empty: not reported (yet)
            continue
        yield (
            number,
            Entry(
                target=row.get("target", ""),
                period=row.get("period", ""),
                value=row.get("value", ""),
                status=row.get("status", "") or "provisional",
                by=row.get("by") or None,
                source=row.get("source", ""),
                note=row.get("note", ""),
                level=row.get("level") or None,
                prior=row.get("prior") or None,
                region=row.get("region", "").strip(),
                reason=row.get("reason", ""),
                measures=row.get("measures", ""),
            ),
        )
