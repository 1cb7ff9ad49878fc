"""Turn what a user typed (or a CSV row) into a figure ready to store.

Everything here validates; nothing writes. ``storage.Store`` does the writing.
"""

from __future__ import annotations

import csv
import getpass
from collections.abc import Iterable, Iterator
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import NamedTuple, TextIO

from targettrack.catalogue import CatalogueSet
from targettrack.errors import InputError
from targettrack.models import MILESTONE_STATES, Target
from targettrack.periods import parse_period
from targettrack.storage import NewFigure
from targettrack.units import canonical, format_decimal, parse_quantity, parse_rate

STATUSES = ("provisional", "final")

_STATE_WORDS = {
    "not-started": "not-started",
    "not_started": "not-started",
    "notstarted": "not-started",
    "未开始": "not-started",
    "未启动": "not-started",
    "in-progress": "in-progress",
    "in_progress": "in-progress",
    "inprogress": "in-progress",
    "进行中": "in-progress",
    "推进中": "in-progress",
    "done": "done",
    "completed": "done",
    "已完成": "done",
    "完成": "done",
}


class Entry(NamedTuple):
    """One figure as given: the raw words, before validation."""

    target: str
    period: str
    value: str | None
    status: str = "provisional"
    by: str | None = None
    source: str = ""
    note: str = ""
    level: str | None = None
    prior: str | None = None


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers and services
        return "unknown"


def now_text() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def parse_state(text: str, target: Target) -> str:
    state = _STATE_WORDS.get(text.strip().lower())
    if state is None:
        words = ", ".join(MILESTONE_STATES)
        raise InputError(f"'{text}' is not a state of {target.id}; use one of: {words}.")
    return state


def derived_rate(level: Decimal, prior: Decimal) -> Decimal:
    """The nominal year-on-year rate from this year's and last year's values, one decimal."""
    return ((level / prior - 1) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _value(entry: Entry, target: Target) -> tuple[str, str | None, str | None, bool]:
    """The stored value text, level, prior and whether the rate was derived."""
    raw = entry.value.strip() if entry.value is not None else ""
    if target.kind == "milestone":
        if entry.level or entry.prior:
            raise InputError(f"{target.id} is a milestone; --level and --prior apply to rates.")
        if not raw:
            raise InputError(
                f"The value for {target.id} is empty; give not-started, in-progress or done."
            )
        return parse_state(raw, target), None, None, False

    if raw and raw.strip().lower() in _STATE_WORDS:
        raise InputError(
            f"'{raw}' is a milestone state, but {target.id} is {_article(target.kind)} target; "
            "give a number."
        )
    if target.kind in ("growth", "relative"):
        level = prior = None
        if entry.level or entry.prior:
            if target.kind != "growth" or not (entry.level and entry.prior):
                raise InputError(
                    "--level and --prior go together, on a growth target: this year's and last "
                    "year's year-to-date values."
                )
            unit = target.value_unit
            level_n = _plain_or_unit(entry.level, unit, target)
            prior_n = _plain_or_unit(entry.prior, unit, target)
            if prior_n <= 0:
                raise InputError(f"--prior for {target.id} must be greater than zero.")
            level, prior = format_decimal(level_n), format_decimal(prior_n)
            if not raw:
                return format_decimal(derived_rate(level_n, prior_n)), level, prior, True
        if not raw:
            raise InputError(
                f"The value for {target.id} is empty; give the year-to-date growth rate in "
                "percent, such as 5.2."
            )
        return format_decimal(parse_rate(raw, target.id)), level, prior, False

    if entry.level or entry.prior:
        raise InputError(f"--level and --prior apply to growth targets; {target.id} is not one.")
    assert target.unit is not None
    quantity = parse_quantity(raw, target.unit, target.id)
    if quantity < 0:
        raise InputError(
            f"The value '{raw}' is negative; a year-to-date {target.kind} of {target.id} "
            "cannot be below zero."
        )
    return format_decimal(quantity), None, None, False


def _article(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _plain_or_unit(text: str, unit: str | None, target: Target) -> Decimal:
    if unit is None:
        return canonical(parse_rate(text, target.id))
    return parse_quantity(text, unit, f"{target.id}'s --level/--prior")


def prepare(catalogues: CatalogueSet, entry: Entry, *, recorded_at: str | None = None) -> NewFigure:
    """Validate one entry against the catalogue of its period's year."""
    period = parse_period(entry.period)
    if not catalogues.has(period.year):
        have = ", ".join(str(y) for y in catalogues.years)
        raise InputError(
            f"The period {period.label} is in {period.year}, but the catalogue has targets only "
            f"for {have}; give a period in one of those years."
        )
    catalogue = catalogues.get(period.year)
    target = catalogue.target(entry.target.strip())
    status = entry.status.strip().lower() or "provisional"
    if status not in STATUSES:
        raise InputError(f"The status '{entry.status}' is not known; use provisional or final.")
    value, level, prior, derived = _value(entry, target)
    return NewFigure(
        region=catalogue.region,
        year=period.year,
        target_id=target.id,
        month=period.month,
        period=period.label,
        value=value,
        unit=target.unit or "",
        status=status,
        recorded_by=(entry.by or "").strip() or login_name(),
        recorded_at=recorded_at or now_text(),
        level=level,
        prior=prior,
        derived=derived,
        entered=(entry.value or "").strip(),
        source=entry.source.strip(),
        note=entry.note.strip(),
    )


IMPORT_COLUMNS = ("target", "period", "value", "note", "source", "status", "by", "level", "prior")
_REQUIRED = ("target", "period", "value")


def read_import_file(path: Path) -> Iterator[tuple[int, Entry]]:
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
    unknown = [name for name in columns if name not in IMPORT_COLUMNS]
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


def _rows(
    path: Path, handle: TextIO, reader: Iterator[list[str]], columns: list[str]
) -> Iterator[tuple[int, Entry]]:
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
            row = dict(zip(columns, cells, strict=False))
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


def prepare_rows(
    catalogues: CatalogueSet, rows: Iterable[tuple[int, Entry]]
) -> Iterator[tuple[int, NewFigure | str]]:
    """Validate each row as it comes: the figure, or the sentence that says what is wrong."""
    stamp = now_text()
    for number, entry in rows:
        try:
            yield number, prepare(catalogues, entry, recorded_at=stamp)
        except InputError as error:
            yield number, error.message
