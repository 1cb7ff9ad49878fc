"""Who is late with their figures, and the notices that chase them (催报).

Written on ``core.deadlines``: each target's figure is due by its department's day of the
month after its period. A target is late when the latest period due before today has no
figure; it has been missing since the first period after its last figure.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from targettrack.core.deadlines import Due, due_by, due_periods, next_due, overdue
from targettrack.core.models import Catalogue, Contact, Figure, Target
from targettrack.core.periods import Period, period_label
from targettrack.errors import InputError, echo
from targettrack.messages import Message
from targettrack.store import FigureStore
from targettrack.usecases.lookup import check_department


class LateRow(NamedTuple):
    """One target whose figure is not in: the period due, by when, how late (0 when not yet
    due), its last figure, and the first period missing."""

    target: Target
    due: Due
    days_late: int
    last: Figure | None
    since: Due

    @property
    def late(self) -> bool:
        return self.days_late > 0


class LateView(NamedTuple):
    """Every target whose figure is missing, by department, as of a day."""

    catalogue: Catalogue
    today: datetime.date
    rows: list[LateRow]

    def departments(self) -> list[str]:
        order: list[str] = []
        for row in self.rows:
            if row.target.department not in order:
                order.append(row.target.department)
        return order


def parse_day(text: str | None, default: datetime.date | None = None) -> datetime.date:
    """--today: a date as 2023-07-12 (default: the day given, else today)."""
    if text is None:
        return default or datetime.date.today()
    try:
        return datetime.date.fromisoformat(text.strip().replace("/", "-"))
    except ValueError:
        raise InputError(Message("late.bad_day", text=echo(text))) from None


def late_view(
    store: FigureStore,
    catalogue: Catalogue,
    today: datetime.date,
    *,
    period: Period | None = None,
    department: str | None = None,
) -> LateView:
    """The targets whose figure is due before ``today`` and not recorded (with ``period``:
    whose figure a table of that period expects, by each one's rhythm, is not recorded, due
    or not yet)."""
    wanted = check_department(catalogue, department) if department is not None else None
    region, year = catalogue.region.id, catalogue.year
    figures = store.latest(region, year)
    rows: list[LateRow] = []
    calendar = catalogue.calendar
    for target in catalogue.targets:
        if wanted is not None and target.department != wanted:
            continue
        due = due_by(target, calendar, period) if period else overdue(target, calendar, year, today)
        if due is None:
            continue
        last = figures.get(target.id)
        if last is not None and last.month >= due.period.month:
            continue
        after = last.month if last is not None else 0
        since = next(d for d in due_periods(target, calendar, year) if d.period.month > after)
        rows.append(LateRow(target, due, max(0, (today - due.date).days), last, since))
    return LateView(catalogue, today, rows)


class Notice(NamedTuple):
    """One department's notice: its late targets (or, before the due date, every target it
    reports), its contact, and the office that sends it."""

    department: str
    contact: Contact
    office: Contact | None
    period: Period
    due: datetime.date
    rows: tuple[LateRow, ...]
    late: bool  # a reminder of figures overdue (催报), or the month's notice before the date


class NoticesView(NamedTuple):
    catalogue: Catalogue
    today: datetime.date
    notices: list[Notice]


def notices_view(
    store: FigureStore,
    catalogue: Catalogue,
    today: datetime.date,
    *,
    department: str | None = None,
    every_department: bool = False,
) -> NoticesView:
    """A notice per late department; with ``every_department``, the month's notice to every
    department of the period falling due next, naming what it has still to send."""
    calendar = catalogue.calendar
    if every_department:
        coming = [
            due
            for target in catalogue.targets
            if (due := next_due(target, calendar, catalogue.year, today)) is not None
        ]
        if not coming:
            raise InputError(Message("remind.year_over", year=catalogue.year))
        period = min(coming, key=lambda d: d.period.month).period
        view = late_view(store, catalogue, today, period=period, department=department)
        # a figure overdue already is named as overdue, not as one of the period to come
        overdue_rows = {
            r.target.id: r for r in late_view(store, catalogue, today, department=department).rows
        }
        view = view._replace(rows=[overdue_rows.get(r.target.id, r) for r in view.rows])
    else:
        view = late_view(store, catalogue, today, department=department)
    notices: list[Notice] = []
    for name in view.departments():
        if not name:
            continue  # a target no department answers for: nobody to send it to
        rows = tuple(r for r in view.rows if r.target.department == name)
        if not every_department and not any(r.late for r in rows):
            continue
        latest = max(rows, key=lambda r: r.due.period.month)
        notices.append(
            Notice(
                department=name,
                contact=calendar.contact(name),
                office=calendar.office,
                period=latest.due.period,
                due=latest.due.date,
                rows=rows,
                late=any(r.late for r in rows),
            )
        )
    return NoticesView(catalogue, today, notices)


def template_command(notice: Notice) -> str:
    """The command that writes the department's entry sheet for the period."""
    label = period_label(notice.period.label, "zh", year=True)
    return (
        f"targettrack template --period {label} --department {notice.department} "
        f"-o {notice.department}-{label}.xlsx"
    )
