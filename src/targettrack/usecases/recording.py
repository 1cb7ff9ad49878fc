"""The rules of recording and importing, written once for every storage backend.

A figure that exists already is a conflict unless the user asks to revise it; a revision is a
new version and the old one stays; an import stores all of its rows or none, skips figures
stored unchanged, refuses a file that names one figure twice, and lists its bad rows (the
first hundred, then a count). A store only appends and answers queries.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

from targettrack.core.deadlines import reporting_months, rhythm_period
from targettrack.core.models import (
    Direction,
    Figure,
    FigureKey,
    Frequency,
    ImportOutcome,
    Kind,
    NewFigure,
    State,
    Target,
    Value,
)
from targettrack.core.units import convert, with_unit
from targettrack.core.words import PeriodName, StateName, TargetName, TimeName, WordName
from targettrack.errors import ConflictError, InputError, RowsRefused
from targettrack.messages import Message, Text
from targettrack.store import Current, FigureStore, FigureWriter
from targettrack.usecases.entries import derived_rate

# An import lists this many bad rows, then counts the rest.
MAX_LISTED_PROBLEMS = 100
# Rows are written in batches of this many inside the import's one transaction.
_BATCH = 1000


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
# A growth rate below its target rate divided by this is probably a percentage typed as a
# fraction (0.052 for 5.2 %, as a cell formatted as a percentage holds it).
FRACTION_FACTOR = Decimal(10)
# A typed rate this many points away from the nominal rate of its levels is worth a look
# (real and nominal rates differ by a few points: Luojiang's 2023 GDP, 5.2 % real, 2.8 %
# nominal).
DERIVED_GAP = Decimal(5)


_BY_PARTS = (Frequency.QUARTERLY, Frequency.HALF_YEARLY)


def plausibility(
    new: NewFigure,
    target: Target | None,
    months: Mapping[int, Value] | Sequence[Value | None],
) -> list[Message]:
    """Warnings about a figure that is allowed but unlikely; ``months`` are the target's
    other current figures of the year, by month (a mapping, or a sequence indexed by month
    with None for a month without one)."""
    warnings: list[Message] = []
    value = new.value
    if not isinstance(value, Decimal):
        return warnings
    if new.level is not None and new.prior is not None and not new.derived:
        nominal = derived_rate(new.level, new.prior)
        if abs(value - nominal) > DERIVED_GAP:
            warnings.append(
                Message(
                    "warning.derived_gap",
                    figure=_figure_name(new, target),
                    gap=abs(value - nominal),
                    nominal=nominal,
                )
            )
    if target is None:
        return warnings
    if target.frequency in _BY_PARTS and new.month not in reporting_months(target.frequency):
        # a quarterly GDP filed for 1-7月: recorded, and worth a look (a yearly indicator's
        # progress during the year, such as the area sown by June, is its usual figure)
        warnings.append(
            Message(
                "warning.off_rhythm",
                figure=_figure_name(new, target),
                rhythm=WordName(target.frequency.value),
            )
        )
    goal = target.target
    if target.kind is Kind.GROWTH:
        # a rate typed as a fraction (0.052 for 5.2 %) is 100 times too small
        if (
            goal
            and target.direction is Direction.AT_LEAST
            and not new.derived
            and value
            and abs(value) * FRACTION_FACTOR < goal
        ):
            warnings.append(
                Message(
                    "warning.fraction_rate",
                    figure=_figure_name(new, target),
                    goal=shown_value(goal, new.unit),
                )
            )
        return warnings
    if target.kind is not Kind.AMOUNT:
        return warnings
    # the nearest months before and after with a number, and their numbers
    earlier: tuple[int, Decimal] | None = None
    later: tuple[int, Decimal] | None = None
    for month, other in months.items() if isinstance(months, Mapping) else enumerate(months):
        if not isinstance(other, Decimal):
            continue
        if month < new.month:
            if earlier is None or month > earlier[0]:
                earlier = (month, other)
        elif month > new.month and (later is None or month < later[0]):
            later = (month, other)
    if earlier is not None and value < earlier[1]:
        warnings.append(
            Message(
                "warning.falls",
                figure=_figure_name(new, target),
                other=shown_value(earlier[1], new.unit),
            )
        )
    if later is not None and value > later[1]:
        warnings.append(
            Message(
                "warning.above_later",
                figure=_figure_name(new, target),
                other=shown_value(later[1], new.unit),
            )
        )
    if goal and new.unit == target.unit and value > goal * JUMP_FACTOR:
        times = (value / goal).quantize(Decimal("0.1"))
        warnings.append(
            Message(
                "warning.jump",
                figure=_figure_name(new, target),
                times=times,
                goal=shown_value(goal, new.unit),
            )
        )
    return warnings


def _figure_name(new: NewFigure, target: Target | None) -> Message:
    """The figure a warning is about: its target (by name), period and value."""
    return Message(
        "warning.figure",
        target=TargetName.of(target, new.target_id),
        period=PeriodName(new.period),
        value=shown_value(new.value, new.unit),
    )


def shown_value(value: Value, unit: str) -> Text:
    """A value with thousands separated and its unit, as the rest of the tool writes it."""
    if isinstance(value, State):
        return StateName(value)
    return with_unit(value, unit)


def _same(existing: Figure | Current, new: NewFigure) -> bool:
    """Whether ``new`` says nothing the current figure does not: the same value and status,
    and the same levels where it gives any (a rate's levels added later are a revision)."""
    return (
        existing.value == new.value
        and existing.status == new.status
        and (new.level is None or new.level == existing.level)
        and (new.prior is None or new.prior == existing.prior)
    )


def _carried(existing: Figure | Current | None, new: NewFigure, target: Target | None) -> NewFigure:
    """A revision that does not give last year's same-period figure (上年同期) keeps the one
    stored: correcting this year's figure does not change last year's, and without it 同比
    would silently go. A growth rate's levels are a pair that goes with its rate: not carried."""
    if existing is None or existing.prior is None or new.prior is not None:
        return new
    if target is None or target.kind is Kind.GROWTH:
        return new
    # in the unit the figure is now given in (800 万美元 is 0.08 亿美元 once the catalogue
    # counts in 亿美元); one of another dimension cannot be carried
    return new._replace(prior=convert(existing.prior, existing.unit, new.unit))


def record_figure(
    store: FigureStore, new: NewFigure, *, revise: bool = False, target: Target | None = None
) -> Recorded:
    """Store one figure, as a new version if ``revise``; refuse to overwrite otherwise.

    A figure equal to the current one (value and status, and the levels it gives) is not
    stored again, revise or not.
    """
    months = {f.month: f.value for f in store.series(new.region, new.year, new.target_id)}
    with store.writing() as writer:
        if not writer.may_record(new.key):
            raise ConflictError(_not_yours(new.target_id, target))
        latest = writer.current(new.key)
        # a withdrawn figure is gone: what comes after it is a new figure, not a revision
        existing = latest if latest is not None and not latest.withdrawn else None
        new = _carried(existing, new, target)
        if existing is not None and _same(existing, new):
            return Recorded(existing, None, unchanged=True)
        if existing is not None and not revise:
            raise ConflictError(
                Message(
                    "record.conflict",
                    target=TargetName.of(target, new.target_id),
                    value=shown_value(existing.value, existing.unit),
                    period=PeriodName(existing.period),
                    by=existing.recorded_by,
                    at=TimeName(existing.recorded_at),
                )
            )
        version = latest.version + 1 if latest else 1
        writer.append([(new, version)])
        stored = writer.current(new.key)
    assert stored is not None
    return Recorded(stored, existing, warnings=tuple(plausibility(new, target, months)))


class _Owner:
    """What an import decides once for one target of one region and year: whether the user
    may record it and its target in the catalogue; and, as rows come, the row that set each
    month, the figures stored before, and, for an amount (whose plausibility compares its
    months), its current figure of each month (as stored, then as the file sets them)."""

    __slots__ = ("allowed", "months", "rows", "stored", "target")

    def __init__(self, allowed: bool, target: Target | None) -> None:
        self.allowed = allowed
        self.target = target
        self.stored: dict[int, Current] | None = None  # read when its first figure is kept
        self.months: list[Value | None] | None = None
        if target is not None and target.kind is Kind.AMOUNT:
            self.months = list(_NO_MONTHS)  # by month, 1 to 12
        self.rows = _NO_ROWS[:]  # by month: the row that set it, 0 for none yet


_NO_MONTHS: tuple[None, ...] = (None,) * 13
_NO_ROWS = array("l", [0] * 13)


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

    What depends only on the target (whether the user may record it, its target in the
    catalogue) is decided once per target, and the figures already stored are read once per
    region and year.
    """
    problems: list[Text] = []
    warnings: list[Text] = []
    bad_rows: set[int] = set()  # a row may have two problems (its figure, its reason)
    listed: set[int] = set()  # the rows of the problems listed

    def note(row_number: int, problem: Text) -> None:
        """A row's problem: listed (the first hundred), its row counted."""
        bad_rows.add(row_number)
        if len(problems) < MAX_LISTED_PROBLEMS:
            problems.append(Message("import.row", row=row_number, problem=problem))
            listed.add(row_number)

    batch: list[tuple[NewFigure, int]] = []
    added = revised = unchanged = skipped = 0
    with store.writing(commit=not dry_run) as writer:
        batch_id = batch_id or writer.new_batch()  # a shared database makes its own
        owners: dict[tuple[str, int, str], _Owner] = {}
        # the figures stored before this import, by region and year, then target and month
        stored: dict[tuple[str, int], dict[str, dict[int, Current]]] = {}
        for row_number, new in rows:
            problem: Text | None = None
            if new is None:  # a row left empty: not reported
                skipped += 1
                continue
            if not isinstance(new, NewFigure):
                problem = new
            else:
                owner = owners.get((new.region, new.year, new.target_id))
                if owner is None:
                    owner = _Owner(writer.may_record(new.key), target_of(new))
                    owners[new.region, new.year, new.target_id] = owner
                first = owner.rows[new.month]
                if first:
                    problem = Message(
                        "import.repeats_row",
                        target=TargetName.of(owner.target, new.target_id),
                        period=PeriodName(new.period),
                        row=first,
                    )
                else:
                    owner.rows[new.month] = row_number
                    if not owner.allowed:
                        problem = _not_yours(new.target_id, owner.target)
                if problem is None:
                    if owner.stored is None:
                        if (new.region, new.year) not in stored:
                            stored[new.region, new.year] = _by_target(
                                writer.current_of_year(new.region, new.year)
                            )
                        owner.stored = stored[new.region, new.year].get(new.target_id, _NONE)
                        if owner.months is not None:
                            for month, now in owner.stored.items():
                                owner.months[month] = now.value
                    existing = owner.stored.get(new.month)
                    if existing is not None and not existing.withdrawn:
                        new = _carried(existing, new, owner.target)
                    for warning in plausibility(new, owner.target, owner.months or ()):
                        if len(warnings) < MAX_LISTED_PROBLEMS:
                            warnings.append(Message("import.row", row=row_number, problem=warning))
                    if owner.months is not None:
                        owner.months[new.month] = new.value
                    if existing is not None and existing.withdrawn:  # taken back: a new figure
                        batch.append((_in_batch(new, batch_id), existing.version + 1))
                        added += 1
                    elif existing is None:
                        batch.append((_in_batch(new, batch_id), 1))
                        added += 1
                    elif _same(existing, new):
                        unchanged += 1
                    elif revise:
                        batch.append((_in_batch(new, batch_id), existing.version + 1))
                        revised += 1
                    else:
                        problem = Message(
                            "import.conflict",
                            target=TargetName.of(owner.target, new.target_id),
                            old=shown_value(existing.value, new.unit),
                            period=PeriodName(new.period),
                            value=shown_value(new.value, new.unit),
                        )
            if problem is not None:
                note(row_number, problem)
            elif len(batch) >= _BATCH and not bad_rows:
                writer.append(batch)
                batch.clear()
        for row_number, problem in also(writer) if also is not None else ():
            note(row_number, problem)
        if bad_rows:
            unlisted = len(bad_rows - listed)  # rows, as the refusal counts them
            if unlisted:
                problems.append(Message("import.more_rows", count=unlisted))
            raise RowsRefused(_rows_message(len(bad_rows)), problems)
        writer.append(batch)
    return ImportOutcome(added, revised, unchanged, tuple(warnings), skipped, batch_id)


_BATCH_FIELD = NewFigure._fields.index("batch")


def _in_batch(new: NewFigure, batch_id: str) -> NewFigure:
    """The figure as one import stores it: with the import's batch id (``_replace``, faster)."""
    return NewFigure._make((*new[:_BATCH_FIELD], batch_id, *new[_BATCH_FIELD + 1 :]))


_NONE: dict[int, Current] = {}  # a target with no figure stored yet


def _by_target(figures: Mapping[FigureKey, Current]) -> dict[str, dict[int, Current]]:
    """Stored figures of one region and year by target, then month."""
    grouped: dict[str, dict[int, Current]] = {}
    for key, now in figures.items():
        grouped.setdefault(key.target_id, {})[key.month] = now
    return grouped


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
            named = TargetName.of(target, key.target_id)
            rhythm = target.frequency if target is not None else Frequency.MONTHLY
            period = PeriodName(rhythm_period(rhythm, key.year, key.month).label)
            raise ConflictError(Message("withdraw.nothing", target=named, period=period))
        if current.withdrawn:
            raise ConflictError(
                Message(
                    "withdraw.already",
                    target=TargetName.of(target, key.target_id),
                    period=PeriodName(current.period),
                    by=current.recorded_by,
                    at=TimeName(current.recorded_at),
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
    region: str | None = None,
    region_name: Callable[[str], Text] = lambda ident: ident,
) -> Withdrawn:
    """Take back every figure an import stored, all or nothing. Figures revised since the
    import are listed and the withdrawal refused, unless ``force`` (then they go too). A
    figure already withdrawn is left alone, and so is whatever was recorded for its period
    after that: a new figure, not the import's. A refusal lists the first hundred figures
    and counts the rest. An import of several regions goes back whole, each figure named
    with its region (``region_name``); ``region`` (the user chose one) refuses one that holds
    any other region's figures, since it would take back those too."""
    with store.writing() as writer:
        figures = writer.of_batch(batch)
        if not figures:
            raise ConflictError(Message("withdraw.no_batch", batch=batch))
        held = sorted({f.region for f in figures})
        if region is not None and held != [region]:
            others = [region_name(r) for r in held if r != region]
            raise InputError(Message("withdraw.other_regions", batch=batch, regions=others))
        several = len(held) > 1

        def named(key: FigureKey) -> Text:
            name = TargetName.of(target_of(key), key.target_id)
            return Message("target.in_region", region=region_name(key.region), target=name)

        name_of: Callable[[FigureKey], Text] = (
            named if several else lambda key: TargetName.of(target_of(key), key.target_id)
        )
        gone = writer.taken_back(batch)
        problems: list[Text] = []
        revised: list[Text] = []
        entries: list[tuple[NewFigure, int]] = []
        allowed: dict[tuple[str, int, str], bool] = {}
        current: dict[tuple[str, int], dict[FigureKey, Current]] = {}
        for figure in figures:
            if figure.id in gone:
                continue  # taken back already, alone or with another import
            key = figure.key
            if key[:3] not in allowed:
                allowed[key[:3]] = writer.may_record(key)
            if not allowed[key[:3]]:
                problems.append(_not_yours_as(name_of(key), target_of(key)))
                continue
            if (key.region, key.year) not in current:
                current[key.region, key.year] = writer.current_of_year(key.region, key.year)
            now = current[key.region, key.year][key]
            latest = figure
            if now.version != figure.version:  # revised since the import
                found = writer.current(key)
                assert found is not None
                latest = found
                revised.append(
                    Message(
                        "withdraw.revised_one",
                        target=name_of(key),
                        period=PeriodName(figure.period),
                        version=latest.version,
                        by=latest.recorded_by,
                    )
                )
                if not force:
                    continue
            entries.append((_withdrawal(latest, reason, by, behalf, at), now.version + 1))
        if problems:
            raise RowsRefused(Message("withdraw.not_all_yours", batch=batch), _capped(problems))
        if revised and not force:
            raise RowsRefused(Message("withdraw.revised_since", batch=batch), _capped(revised))
        if not entries:
            raise ConflictError(Message("withdraw.batch_already", batch=batch))
        writer.append(entries)
        stored = [writer.current(new.key) for new, _ in entries]
    return Withdrawn([f for f in stored if f is not None])


def _capped(details: list[Text]) -> list[Text]:
    """The first hundred of a refusal's details, and a count of the rest."""
    if len(details) <= MAX_LISTED_PROBLEMS:
        return details
    rest = len(details) - MAX_LISTED_PROBLEMS
    return [*details[:MAX_LISTED_PROBLEMS], Message("withdraw.more_figures", count=rest)]


def _not_yours(target_id: str, target: Target | None) -> Message:
    """A target the user's department may not record."""
    return _not_yours_as(TargetName.of(target, target_id), target)


def _not_yours_as(name: Text, target: Target | None) -> Message:
    """The same, the target named as given (with its region where an import holds several)."""
    department = target.department if target is not None and target.department else "—"
    return Message("record.not_yours", target=name, department=department)


def _rows_message(count: int) -> Message:
    rows = Message("import.rows_one" if count == 1 else "import.rows_many")
    return Message("import.refused", count=count, rows=rows)
