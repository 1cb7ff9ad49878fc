"""The rules of recording and importing, written once for every storage backend.

A figure that exists already is a conflict unless the user asks to revise it; a revision is a
new version and the old one stays; an import stores all of its rows or none, skips figures
stored unchanged, refuses a file that names one figure twice, and lists its bad rows (the
first hundred, then a count). A store only appends and answers queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from targettrack.core.models import (
    Figure,
    FigureKey,
    ImportOutcome,
    NewFigure,
    State,
    Value,
)
from targettrack.core.units import with_unit
from targettrack.errors import ConflictError, RowsRefused
from targettrack.store import Current, FigureStore

# An import lists this many bad rows, then counts the rest.
MAX_LISTED_PROBLEMS = 100
# Rows are written in batches of this many inside the import's one transaction.
_BATCH = 5000


class Recorded(NamedTuple):
    """What ``record`` did: the figure now current, and the one it revised, if any."""

    stored: Figure
    previous: Figure | None


def shown_value(value: Value, unit: str) -> str:
    """A value with thousands separated and its unit, as the rest of the tool writes it."""
    if isinstance(value, State):
        return value.value
    return with_unit(value, unit)


def record_figure(store: FigureStore, new: NewFigure, *, revise: bool = False) -> Recorded:
    """Store one figure, as a new version if ``revise``; refuse to overwrite otherwise."""
    with store.writing() as writer:
        existing = writer.current(new.key)
        if existing is not None and not revise:
            raise ConflictError(
                f"{new.target_id} already has {shown_value(existing.value, existing.unit)} for "
                f"{existing.period} (recorded by {existing.recorded_by} at "
                f"{existing.recorded_at}); add --revise to record a new version (the old one "
                "is kept)."
            )
        version = existing.version + 1 if existing else 1
        writer.append([(new, version)])
        stored = writer.current(new.key)
    assert stored is not None
    return Recorded(stored, existing)


def import_figures(
    store: FigureStore,
    rows: Iterable[tuple[int, NewFigure | str]],
    *,
    revise: bool = False,
    dry_run: bool = False,
) -> ImportOutcome:
    """Store many figures in one transaction: all of them, or none.

    ``rows`` pairs each figure with its row number in the source, for messages; a row that
    failed validation arrives as its problem instead. Rows are streamed and written in
    batches inside the transaction, so memory stays flat however long the file; any problem
    rolls everything back. A figure equal to the current one (same value and status) is left
    alone, so importing the same file twice stores nothing the second time.
    """
    problems: list[str] = []
    problem_count = 0
    batch: list[tuple[NewFigure, int]] = []
    added = revised = unchanged = 0
    with store.writing(commit=not dry_run) as writer:
        current: dict[FigureKey, Current] = {}
        loaded: set[tuple[str, int]] = set()
        first_row: dict[FigureKey, int] = {}
        for row_number, new in rows:
            problem = None
            if isinstance(new, str):
                problem = new
            elif new.key in first_row:
                problem = (
                    f"{new.target_id} {new.period} repeats row {first_row[new.key]} "
                    "(the same target and period)"
                )
            else:
                first_row[new.key] = row_number
                if (new.region, new.year) not in loaded:
                    current.update(writer.current_of_year(new.region, new.year))
                    loaded.add((new.region, new.year))
                existing = current.get(new.key)
                if existing is None:
                    batch.append((new, 1))
                    added += 1
                elif existing.value == new.value and existing.status == new.status:
                    unchanged += 1
                elif revise:
                    batch.append((new, existing.version + 1))
                    revised += 1
                else:
                    problem = (
                        f"{new.target_id} already has {shown_value(existing.value, new.unit)} for "
                        f"{new.period}; the file says {shown_value(new.value, new.unit)} (use "
                        "--revise to record it as a new version)"
                    )
            if problem is not None:
                problem_count += 1
                if len(problems) < MAX_LISTED_PROBLEMS:
                    problems.append(f"row {row_number}: {problem}")
            elif len(batch) >= _BATCH and not problem_count:
                writer.append(batch)
                batch.clear()
        if problem_count:
            if problem_count > len(problems):
                problems.append(f"... and {problem_count - len(problems)} more rows")
            raise RowsRefused(_rows_message(problem_count), problems)
        writer.append(batch)
    return ImportOutcome(added=added, revised=revised, unchanged=unchanged)


def _rows_message(count: int) -> str:
    rows = "row is" if count == 1 else "rows are"
    return f"Nothing was imported: {count} {rows} not acceptable; correct them and import again."
