"""When figures are due: the reporting calendar turned into dates, plain Python.

``due_periods`` is the one place that says which periods of a year a target's figure is
reported for and by which day: monthly by default, January and February together (the first
figure of a year is 1-2月), each due by the calendar's day of the following month (its
department's own day where the catalogue gives one; a day past the month's end is its last
day). Everything else here, and every command that asks who is late, is written on it.
"""

from __future__ import annotations

import calendar as months
import datetime
from typing import NamedTuple

from targettrack.core.models import Calendar, Target
from targettrack.core.periods import Period, month_period


class Due(NamedTuple):
    """A period a target reports for, and the last day its figure is on time."""

    period: Period
    date: datetime.date


def due_date(year: int, month: int, day: int) -> datetime.date:
    """Day ``day`` of the month after ``month`` of ``year`` (December: January of the next
    year); past the end of that month, its last day."""
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return datetime.date(year, month, min(day, months.monthrange(year, month)[1]))


def due_periods(target: Target, calendar: Calendar, year: int) -> tuple[Due, ...]:
    """Every period of ``year`` the target's figure is reported for, with its due date,
    earliest first: monthly, January and February together."""
    day = calendar.due_day_of(target.department)
    return tuple(Due(month_period(year, m), due_date(year, m, day)) for m in range(2, 13))


def overdue(target: Target, calendar: Calendar, year: int, today: datetime.date) -> Due | None:
    """The latest period whose figure should be in as of ``today`` (its due day is past), or
    None while none is."""
    past = [due for due in due_periods(target, calendar, year) if due.date < today]
    return past[-1] if past else None


def next_due(target: Target, calendar: Calendar, year: int, today: datetime.date) -> Due | None:
    """The period whose figure falls due next, on or after ``today`` (None after the year's
    last)."""
    coming = [due for due in due_periods(target, calendar, year) if due.date >= today]
    return coming[0] if coming else None


def due_for(target: Target, calendar: Calendar, period: Period) -> Due | None:
    """The due date of ``period`` for the target (None if the target does not report it)."""
    for due in due_periods(target, calendar, period.year):
        if due.period.month == period.month:
            return due
    return None
