"""The rules of recording and importing, written once for every storage backend.

A figure that exists already is a conflict unless the user asks to revise it; a revision is a
new version and the old one stays; an import stores all of its rows or none, skips figures
stored unchanged, refuses a file that names one figure twice, and lists its bad rows (the
first hundred, then a count). A store only appends and answers queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import NamedTuple

from targettrack.core.models import (
    Figure,
    FigureKey,
    ImportOutcome,
    Kind,
    NewFigure,
    State,
    Target,
    Value,
)
from targettrack.core.units import with_unit
from targettrack.errors import ConflictError, RowsRefused
from targettrack.messages import Message, Text
from targettrack.store import Current, FigureStore, FigureWriter
from targettrack.usecases.entries import derived_rate

# An import lists this many bad rows, then counts the rest.
MAX_LISTED_PROBLEMS = 100
# Rows are written in batches of this many inside the import's one transaction.
_BATCH = 5000


class Recorded(NamedTuple):
    """What ``record`` did: the figure now current, and the one it revised, if any.

    ``unchanged``: the figure was stored already with the same value and status, so nothing
    was written. ``warnings``: sentences about a figure stored but worth a second look.
    """

    stored: Figure
    previous: Figure | None
    unchanged: bool = False
    warnings: tuple[Text, ...] = ()


# A year-to-date amount beyond this many times its target is probably in the wrong unit.
JUMP_FACTOR = Decimal(2)
# A typed rate this many points away from the nominal rate of its levels is worth a look
# (real and nominal rates differ by a few points: Luojiang's 2023 GDP, 5.2 % real, 2.8 %
# nominal).
DERIVED_GAP = Decimal(5)


def plausibility(
    new: NewFigure, target: Target | None, months: Mapping[int, Value]
) -> list[Message]:
    """Warnings about a figure that is allowed but unlikely; ``months`` are the target's
    other current figures of the year, by month."""
    warnings: list[Message] = []
    value = new.value
    if not isinstance(value, Decimal):
        return warnings
    name = Message(
        "warning.figure",
        target=new.target_id,
        period=new.period,
        value=shown_value(value, new.unit),
    )
    if new.level is not None and new.prior is not None and not new.derived:
        nominal = derived_rate(new.level, new.prior)
        if abs(value - nominal) > DERIVED_GAP:
            warnings.append(
                Message(
                    "warning.derived_gap", figure=name, gap=abs(value - nominal), nominal=nominal
                )
            )
    if target is None or target.kind is not Kind.AMOUNT:
        return warnings
    numbers = {m: v for m, v in months.items() if isinstance(v, Decimal)}
    earlier = [m for m in numbers if m < new.month]
    later = [m for m in numbers if m > new.month]
    if earlier and value < numbers[max(earlier)]:
        before = numbers[max(earlier)]
        warnings.append(Message("warning.falls", figure=name, other=shown_value(before, new.unit)))
    if later and value > numbers[min(later)]:
        after = numbers[min(later)]
        warnings.append(
            Message("warning.above_later", figure=name, other=shown_value(after, new.unit))
        )
    goal = target.target
    if goal and new.unit == target.unit and value > goal * JUMP_FACTOR:
        times = (value / goal).quantize(Decimal("0.1"))
        warnings.append(
            Message("warning.jump", figure=name, times=times, goal=shown_value(goal, new.unit))
        )
    return warnings


def shown_value(value: Value, unit: str) -> Text:
    """A value with thousands separated and its unit, as the rest of the tool writes it."""
    if isinstance(value, State):
        return Message(f"state.{value.value}")
    return with_unit(value, unit)


def record_figure(
    store: FigureStore, new: NewFigure, *, revise: bool = False, target: Target | None = None
) -> Recorded:
    """Store one figure, as a new version if ``revise``; refuse to overwrite otherwise.

    A figure equal to the current one (value and status) is not stored again, revise or not.
    """
    months = {f.month: f.value for f in store.series(new.region, new.year, new.target_id)}
    with store.writing() as writer:
        if not writer.may_record(new.key):
            raise ConflictError(_not_yours(new.target_id, target))
        latest = writer.current(new.key)
        # a withdrawn figure is gone: what comes after it is a new figure, not a revision
        existing = latest if latest is not None and not latest.withdrawn else None
        if existing is not None and (existing.value, existing.status) == (new.value, new.status):
            return Recorded(existing, None, unchanged=True)
        if existing is not None and not revise:
            raise ConflictError(
                Message(
                    "record.conflict",
                    target=new.target_id,
                    value=shown_value(existing.value, existing.unit),
                    period=existing.period,
                    by=existing.recorded_by,
                    at=existing.recorded_at,
                )
            )
        version = latest.version + 1 if latest else 1
        writer.append([(new, version)])
        stored = writer.current(new.key)
    assert stored is not None
    return Recorded(stored, existing, warnings=tuple(plausibility(new, target, months)))


def import_figures(
    store: FigureStore,
    rows: Iterable[tuple[int, NewFigure | Text | None]],
    *,
    revise: bool = False,
    dry_run: bool = False,
    target_of: Callable[[NewFigure], Target | None] = lambda _: None,
    batch_id: str | None = None,
    also: Callable[[FigureWriter], list[tuple[int, Text]]] | None = None,
) -> ImportOutcome:
    """Store many figures in one transaction: all of them, or none.

    ``rows`` pairs each figure with its row number in the source, for messages; a row that
    failed validation arrives as its problem instead. Rows are streamed and written in
    batches inside the transaction, so memory stays flat however long the file; any problem
    rolls everything back. A figure equal to the current one (same value and status) is left
    alone, so importing the same file twice stores nothing the second time. Implausible
    figures (see ``plausibility``; ``target_of`` gives each figure's target) are stored and
    listed as warnings by row. ``also`` writes what else the file says (its reasons and
    measures) in the same transaction, and returns its problems by row.
    """
    problems: list[Text] = []
    warnings: list[Text] = []
    # each target's current figures by month, as stored and as this file sets them
    months: dict[tuple[str, int, str], dict[int, Value]] = {}
    problem_count = 0
    batch: list[tuple[NewFigure, int]] = []
    added = revised = unchanged = skipped = 0
    with store.writing(commit=not dry_run) as writer:
        batch_id = batch_id or writer.new_batch()  # a shared database makes its own
        current: dict[FigureKey, Current] = {}
        loaded: set[tuple[str, int]] = set()
        first_row: dict[FigureKey, int] = {}
        allowed: dict[tuple[str, int, str], bool] = {}
        for row_number, new in rows:
            problem: Text | None = None
            if new is None:  # a row left empty: not reported
                skipped += 1
                continue
            if not isinstance(new, NewFigure):
                problem = new
            elif new.key in first_row:
                problem = Message(
                    "import.repeats_row",
                    target=new.target_id,
                    period=new.period,
                    row=first_row[new.key],
                )
            else:
                first_row[new.key] = row_number
                owner = new.key[:3]  # region, year and target
                if owner not in allowed:
                    allowed[owner] = writer.may_record(new.key)
                if not allowed[owner]:
                    problem = _not_yours(new.target_id, target_of(new))
            if problem is None and isinstance(new, NewFigure):
                new = new._replace(batch=batch_id)
                if (new.region, new.year) not in loaded:
                    year_figures = writer.current_of_year(new.region, new.year)
                    current.update(year_figures)
                    for key, now in year_figures.items():
                        months.setdefault(key[:3], {})[key.month] = now.value
                    loaded.add((new.region, new.year))
                existing = current.get(new.key)
                series = months.setdefault(new.key[:3], {})
                for warning in plausibility(new, target_of(new), series):
                    if len(warnings) < MAX_LISTED_PROBLEMS:
                        warnings.append(Message("import.row", row=row_number, problem=warning))
                series[new.month] = new.value
                if existing is not None and existing.withdrawn:  # taken back: a new figure
                    batch.append((new, existing.version + 1))
                    added += 1
                elif existing is None:
                    batch.append((new, 1))
                    added += 1
                elif existing.value == new.value and existing.status == new.status:
                    unchanged += 1
                elif revise:
                    batch.append((new, existing.version + 1))
                    revised += 1
                else:
                    problem = Message(
                        "import.conflict",
                        target=new.target_id,
                        old=shown_value(existing.value, new.unit),
                        period=new.period,
                        value=shown_value(new.value, new.unit),
                    )
            if problem is not None:
                problem_count += 1
                if len(problems) < MAX_LISTED_PROBLEMS:
                    problems.append(Message("import.row", row=row_number, problem=problem))
            elif len(batch) >= _BATCH and not problem_count:
                writer.append(batch)
                batch.clear()
        for row_number, problem in also(writer) if also is not None else ():
            problem_count += 1
            if len(problems) < MAX_LISTED_PROBLEMS:
                problems.append(Message("import.row", row=row_number, problem=problem))
        if problem_count:
            if problem_count > len(problems):
                problems.append(Message("import.more_rows", count=problem_count - len(problems)))
            raise RowsRefused(_rows_message(problem_count), problems)
        writer.append(batch)
    return ImportOutcome(added, revised, unchanged, tuple(warnings), skipped, batch_id)


class Withdrawn(NamedTuple):
    """What a withdrawal took back: the withdrawal entries stored."""

    entries: list[Figure]


def _withdrawal(current: Figure, reason: str, by: str, behalf: str, at: str) -> NewFigure:
    """The entry that takes ``current`` back: its value, and who, when and why."""
    return NewFigure(
        region=current.region,
        year=current.year,
        target_id=current.target_id,
        month=current.month,
        period=current.period,
        value=current.value,
        unit=current.unit,
        status=current.status,
        recorded_by=by,
        recorded_at=at,
        on_behalf_of=behalf,
        withdrawn=True,
        reason=reason,
    )


def withdraw_figure(
    store: FigureStore,
    key: FigureKey,
    *,
    reason: str,
    by: str,
    behalf: str,
    at: str,
    target: Target | None = None,
) -> Withdrawn:
    """Take one figure back. Nothing is deleted: the withdrawal is the next version."""
    with store.writing() as writer:
        if not writer.may_record(key):
            raise ConflictError(_not_yours(key.target_id, target))
        current = writer.current(key)
        if current is None:
            raise ConflictError(Message("withdraw.nothing", target=key.target_id, month=key.month))
        if current.withdrawn:
            raise ConflictError(
                Message(
                    "withdraw.already",
                    target=key.target_id,
                    period=current.period,
                    by=current.recorded_by,
                    at=current.recorded_at,
                )
            )
        writer.append([(_withdrawal(current, reason, by, behalf, at), current.version + 1)])
        stored = writer.current(key)
    assert stored is not None
    return Withdrawn([stored])


def withdraw_import(
    store: FigureStore,
    batch: str,
    *,
    reason: str,
    by: str,
    behalf: str,
    at: str,
    force: bool = False,
    target_of: Callable[[FigureKey], Target | None] = lambda _: None,
) -> Withdrawn:
    """Take back every figure an import stored, all or nothing. Figures revised since the
    import are listed and the withdrawal refused, unless ``force`` (then they go too)."""
    with store.writing() as writer:
        figures = writer.of_batch(batch)
        if not figures:
            raise ConflictError(Message("withdraw.no_batch", batch=batch))
        problems: list[Text] = []
        revised: list[Text] = []
        entries: list[tuple[NewFigure, int]] = []
        for figure in figures:
            key = figure.key
            if not writer.may_record(key):
                problems.append(_not_yours(key.target_id, target_of(key)))
                continue
            current = writer.current(key)
            assert current is not None
            if current.withdrawn:
                continue  # taken back already, alone or with another import
            if current.id != figure.id:
                revised.append(
                    Message(
                        "withdraw.revised_one",
                        target=key.target_id,
                        period=figure.period,
                        version=current.version,
                        by=current.recorded_by,
                    )
                )
                if not force:
                    continue
            entries.append((_withdrawal(current, reason, by, behalf, at), current.version + 1))
        if problems:
            raise RowsRefused(Message("withdraw.not_all_yours", batch=batch), problems)
        if revised and not force:
            raise RowsRefused(Message("withdraw.revised_since", batch=batch), revised)
        if not entries:
            raise ConflictError(Message("withdraw.batch_already", batch=batch))
        writer.append(entries)
        stored = [writer.current(new.key) for new, _ in entries]
    return Withdrawn([f for f in stored if f is not None])


def _not_yours(target_id: str, target: Target | None) -> Message:
    department = target.department if target is not None and target.department else "—"
    return Message("record.not_yours", target=target_id, department=department)


def _rows_message(count: int) -> Message:
    rows = Message("import.rows_one" if count == 1 else "import.rows_many")
    return Message("import.refused", count=count, rows=rows)
