"""Read a file of figures (CSV) into entries, row by row, numbered as a spreadsheet numbers them.

Nothing here validates a figure; ``entries.prepare`` does that for each row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from targettrack.errors import InputError
from targettrack.usecases.entries import Entry

IMPORT_COLUMNS = ("target", "period", "value", "note", "source", "status", "by", "level", "prior")
_REQUIRED = ("target", "period", "value")


def read_import_file(path: Path) -> Iterator[tuple[int, Entry | str]]:
    """Rows of a CSV of figures (UTF-8, with or without a BOM), numbered as a spreadsheet does.

    The header is checked at once; the rows are read as they are consumed.
    """
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path.") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror}).") from None
    reader = csv.reader(handle)
    try:
        header = next(reader, None)
    except (UnicodeDecodeError, csv.Error) as error:
        handle.close()
        raise InputError(_unreadable(path, 1, error)) from None
    if header is None:
        handle.close()
        raise InputError(f"{path}: the file is empty; it needs a header row: target,period,value.")
    columns = [name.strip().lower() for name in header]
    named = [name for name in columns if name]  # Excel writes empty trailing columns
    repeated = sorted({name for name in named if named.count(name) > 1})
    if repeated:
        handle.close()
        raise InputError(
            f"{path}: the header names the column(s) {', '.join(repeated)} more than once; "
            "keep one of each, so that every value has one meaning."
        )
    unknown = [name for name in named if name not in IMPORT_COLUMNS]
    missing = [name for name in _REQUIRED if name not in columns]
    if unknown or missing:
        handle.close()
        parts = []
        if missing:
            parts.append(f"it lacks the column(s) {', '.join(missing)}")
        if unknown:
            parts.append(f"it has unknown column(s) {', '.join(unknown)}")
        raise InputError(
            f"{path}: {' and '.join(parts)}; the columns are {', '.join(IMPORT_COLUMNS)} "
            "(target, period and value are required)."
        )
    return _rows(path, handle, reader, columns)


def _unreadable(path: Path, line: int, error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return (
            f"{path}: is not UTF-8 text (near line {line}); save the CSV as UTF-8 "
            "(Excel: 'CSV UTF-8')."
        )
    return f"{path}: line {line} is not valid CSV ({error}); check its quotes."


def _row_problem(cells: list[str], columns: list[str]) -> str | None:
    """What is wrong with a row's shape, if anything: the header decides what each cell is."""
    if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
        return (
            f"the row has {len(cells)} fields but the header has {len(columns)}; "
            "a value beyond the last column has no meaning"
        )
    for name, cell in zip(columns, cells, strict=False):
        if not name and cell.strip():
            return f"the value '{cell.strip()[:40]}' stands in a column with no name"
    return None


def _rows(
    path: Path, handle: TextIO, reader: Iterator[list[str]], columns: list[str]
) -> Iterator[tuple[int, Entry | str]]:
    with handle:
        number = 1
        while True:
            try:
                cells = next(reader, None)
            except (UnicodeDecodeError, csv.Error) as error:
                raise InputError(_unreadable(path, number + 1, error)) from None
            if cells is None:
                return
            number += 1
            if not any(cell.strip() for cell in cells):
                continue
            problem = _row_problem(cells, columns)
            if problem is not None:
                yield number, problem
                continue
            row = {name: cell for name, cell in zip(columns, cells, strict=False) if name}
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
                ),
            )
