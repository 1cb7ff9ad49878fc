"""When figures are due: the reporting calendar turned into dates, plain Python.

``due_periods`` is the one place that says which periods of a year a target's figure is
reported for and by which day: by the target's rhythm (``frequency``), a monthly figure every
month with January and February together (the first figure of a year is 1-2月), a quarterly
one at each quarter's end, a half-yearly one in June and December, a yearly one in December;
each due by the calendar's day of the following month (its department's own day where the
catalogue gives one; a day past the month's end is its last day). Everything else here, and
every command that asks who is late, is written on it.
"""

from __future__ import annotations

import calendar as months
import datetime
from typing import NamedTuple

from targettrack.core.models import Calendar, Frequency, Target
from targettrack.core.periods import Period, month_period, parse_period


class Due(NamedTuple):
    """A period a target reports for, and the last day its figure is on time."""

    period: Period
    date: datetime.date


def due_date(year: int, month: int, day: int) -> datetime.date:
    """Day ``day`` of the month after ``month`` of ``year`` (December: January of the next
    year); past the end of that month, its last day."""
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return datetime.date(year, month, min(day, months.monthrange(year, month)[1]))


def reporting_months(frequency: Frequency) -> range:
    """The months whose year-to-date figure a target of this rhythm reports: 2 to 12 for a
    monthly one (January comes with February), each quarter's or half-year's last month, or
    December alone."""
    if frequency is Frequency.MONTHLY:
        return range(2, 13)
    return range(frequency.months, 13, frequency.months)


def rhythm_period(frequency: Frequency, year: int, month: int) -> Period:
    """The period a figure of this rhythm reports as the office names it: 1-7月 for a monthly
    one, 一季度 and 前三季度 for a quarterly one, 上半年 for a half-yearly one, 全年 at the end."""
    if frequency is Frequency.MONTHLY:
        return month_period(year, month)
    if month == 12:
        return parse_period(str(year))
    if frequency is Frequency.QUARTERLY:
        return parse_period(f"{year}-Q{month // 3}")
    return parse_period(f"{year}-H1")


def due_periods(target: Target, calendar: Calendar, year: int) -> tuple[Due, ...]:
    """Every period of ``year`` the target's figure is reported for, with its due date,
    earliest first, by the target's rhythm."""
    day = calendar.due_day_of(target.department)
    return tuple(
        Due(rhythm_period(target.frequency, year, m), due_date(year, m, day))
        for m in reporting_months(target.frequency)
    )


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


def due_by(target: Target, calendar: Calendar, period: Period) -> Due | None:
    """The latest period the target reports for that a table of ``period`` expects: the
    period itself for a monthly figure, the quarter or half-year just ended for a slower one
    (a 1-7月 table expects 上半年's GDP), None before the first (a yearly figure before
    December)."""
    dues = due_periods(target, calendar, period.year)
    earlier = [due for due in dues if due.period.month <= period.month]
    return earlier[-1] if earlier else None


def due_for(target: Target, calendar: Calendar, period: Period) -> Due | None:
    """The due date of ``period`` for the target (None if the target does not report it)."""
    for due in due_periods(target, calendar, period.year):
        if due.period.month == period.month:
            return due
    return None
