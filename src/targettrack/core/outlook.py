"""The year-end outlook (全年预计): where the year will end, from this year's figure and the
indicator's own earlier years. Pure functions on decimals; no store, no terminal.

The cumulative-share method. In each of up to five earlier years, the year-to-date figure of
month t was some share of that year's full-year figure (in investment, often 40 % by June).
This year's figure of month t divided by the average of those shares is the projection; divided
by the largest and by the smallest share, it gives the range (the year that was furthest along
by month t, and the one that was least far along). Where no earlier year has both figures, the
catalogue's planned schedule stands in for the shares, and then the straight line (t/12).

For a growth target the projection is the rate so far (the year ends there if the rest of the
year grows as the year so far did); its range adds the smallest and largest change from month t
to the year end seen in earlier years, and always holds the rate so far itself (if every
earlier year rose by the year end, the range runs from the rate so far up). With this year's
level L, last year's same-period level P and last year's full-year level F, the rest of the
year must grow by ((1+g)·F − L)/(F − P) − 1 for the year to reach g.

The outlook word compares the projection and its range with the target: likely when the
projection and the least favourable end of the range both reach it; unlikely when the
projection falls short by more than the target's tolerance and even the most favourable end
misses; at risk in between. Without a range the projection alone decides, with the same
tolerance the verdicts use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import NamedTuple

from targettrack.core.engine import Progress, round_pct
from targettrack.core.models import Direction, Frequency, Kind, Likelihood, Target, Verdict
from targettrack.core.units import COUNT_DIMENSIONS, UNITS

EARLIER_YEARS = 5  # how many years before this one the outlook learns from
MIN_BACKTEST_YEARS = 3  # leave one out, and at least two remain to project it from

_HUNDRED = Decimal(100)
_HUNDREDTH = Decimal("0.01")

History = Mapping[int, Mapping[int, Decimal]]
"""One indicator's earlier years: year -> month -> year-to-date figure (in the target's unit;
a rate in percent for a growth target)."""


class Method(StrEnum):
    """How a projection was made; tables name it."""

    SEASONAL = "seasonal"  # earlier years' cumulative shares
    SCHEDULE = "schedule"  # the catalogue's planned schedule
    STRAIGHT = "straight"  # the straight line: the share of the year elapsed
    RATE = "rate"  # growth: the rate so far, the rest growing as the year so far
    LATEST = "latest"  # level: the latest figure holds
    YEAR_END = "year_end"  # the full-year figure is in: the year's own result
    VERDICT = "verdict"  # relative and milestone targets: their verdict says it
    NONE = "none"  # a once-a-year figure with no earlier years: nothing to project from


class YearShare(NamedTuple):
    """How far along one earlier year was by a month."""

    year: int
    to_date: Decimal  # its year-to-date figure of the month
    year_end: Decimal  # its full-year figure
    share: Decimal  # to_date / year_end, in percent, unrounded


class YearDrift(NamedTuple):
    """How one earlier year's growth rate moved from a month to the year end."""

    year: int
    to_date: Decimal  # the rate by the month, %
    year_end: Decimal  # the full-year rate, %

    @property
    def change(self) -> Decimal:
        return self.year_end - self.to_date


class Levels(NamedTuple):
    """The levels behind a growth rate (in the target's value unit)."""

    level: Decimal  # L: this year, year to date
    prior: Decimal  # P: last year, the same period
    full_year: Decimal  # F: last year, the whole year


class YearOutlook(NamedTuple):
    """Where one target's year is projected to end, and how that was worked out."""

    method: Method
    month: int  # the month of the figure projected from
    value: Decimal | None = None  # the projected year-end figure (a rate, % for a growth target)
    low: Decimal | None = None  # the range, when the method gives one
    high: Decimal | None = None
    unbounded: bool = False  # the range has no upper end: an earlier year had nothing by then
    pct: Decimal | None = None  # amount and level: the projection as a share of the target, %
    likelihood: Likelihood | None = None
    share: Decimal | None = None  # the share used (average of the years', planned, or t/12), %
    years: tuple[int, ...] = ()  # the earlier years it learnt from
    # the working, each earlier year's share or rate (asked for by a target's own page)
    shares: tuple[YearShare, ...] = ()
    drifts: tuple[YearDrift, ...] = ()
    needed: Decimal | None = None  # growth: what the rest of the year must grow by, %
    levels: Levels | None = None

    @property
    def has_range(self) -> bool:
        return self.low is not None or self.high is not None or self.unbounded

    def to_the_cent(self) -> YearOutlook:
        """The outlook as data files keep it: an estimate's projection and range to the cent
        (a figure as recorded, which a December or a level's latest method shows, as it is).
        What people read is rounded once, from the exact numbers, by ``as_shown``."""
        if self.method not in _ESTIMATES:
            return self
        low, high = self.low, self.high
        return self._replace(
            value=None if self.value is None else _money(self.value),
            low=None if low is None else _money(low),
            high=None if high is None else _money(high),
        )


def _mean(values: Sequence[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def _money(value: Decimal) -> Decimal:
    return value.quantize(_HUNDREDTH, ROUND_HALF_UP)


def _earlier(
    history: History, month: int, year: int, limit: int
) -> list[tuple[int, Decimal, Decimal]]:
    """(year, figure of ``month``, full-year figure) of each of the ``limit`` years before
    ``year`` that has both, earliest first."""
    found = []
    for earlier, months in history.items():
        if year - limit <= earlier < year:
            to_date = months.get(month)
            if to_date is not None:
                year_end = months.get(12)
                if year_end is not None:
                    found.append((earlier, to_date, year_end))
    found.sort()
    return found


def year_shares(
    history: History, month: int, year: int, limit: int = EARLIER_YEARS
) -> tuple[YearShare, ...]:
    """For each of the ``limit`` years before ``year`` that has a figure for ``month`` and a
    full-year figure above zero, the share of its year-end total reached by then, earliest
    year first. A year missing either figure is left out, not guessed."""
    return tuple(
        YearShare(earlier, to_date, year_end, to_date * _HUNDRED / year_end)
        for earlier, to_date, year_end in _earlier(history, month, year, limit)
        if year_end > 0
    )


def seasonal_shape(history: History, months: Sequence[int], year: int) -> dict[int, Decimal] | None:
    """The average cumulative share (%) of earlier years by each of ``months``: the
    indicator's own 序时进度, for the catalogues whose rules ask for it. None when no month
    has an earlier year to learn from."""
    shape: dict[int, Decimal] = {}
    for month in months:
        shares = year_shares(history, month, year)
        if shares:
            shape[month] = _mean([s.share for s in shares])
    return shape or None


def _likelihood(
    value: Decimal,
    low: Decimal | None,
    high: Decimal | None,
    unbounded: bool,
    goal: Decimal,
    direction: Direction,
    tolerance: Decimal,
) -> Likelihood:
    """likely: the projection and the least favourable end of its range reach ``goal``;
    unlikely: the projection misses it by more than ``tolerance`` (in the goal's own terms)
    and so does the most favourable end; at risk otherwise."""
    ranged = low is not None or high is not None or unbounded
    if direction is Direction.AT_MOST:  # a ceiling: what is good and bad swaps
        best: Decimal | None = low
        worst: Decimal | None = None if unbounded else high
        if value <= goal and (not ranged or (worst is not None and worst <= goal)):
            return Likelihood.LIKELY
        if value > goal + tolerance and (not ranged or (best is not None and best > goal)):
            return Likelihood.UNLIKELY
        return Likelihood.AT_RISK
    best, worst = (None if unbounded else high), low
    if value >= goal and (not ranged or (worst is not None and worst >= goal)):
        return Likelihood.LIKELY
    if value < goal - tolerance and (not ranged or (best is not None and best < goal)):
        return Likelihood.UNLIKELY
    return Likelihood.AT_RISK


def _final(value: Decimal, goal: Decimal, direction: Direction) -> Likelihood:
    """The full-year figure is in: met or not, no tolerance."""
    met = value <= goal if direction is Direction.AT_MOST else value >= goal
    return Likelihood.LIKELY if met else Likelihood.UNLIKELY


class _Goal(NamedTuple):
    value: Decimal
    direction: Direction
    tolerance: Decimal  # in the goal's own terms


def _projected(
    goal: _Goal,
    method: Method,
    month: int,
    value: Decimal,
    *,
    low: Decimal | None = None,
    high: Decimal | None = None,
    unbounded: bool = False,
    share: Decimal | None = None,
    years: tuple[int, ...] = (),
    shares: tuple[YearShare, ...] = (),
) -> YearOutlook:
    # the projection is kept as computed: the word and the percentage come from it (0.3429
    # 亿美元 is 85.7 % of 0.4, not 0.34's 85.0), and whatever shows it rounds it only once
    if method is Method.YEAR_END:
        word = _final(value, goal.value, goal.direction)
    else:
        word = _likelihood(value, low, high, unbounded, goal.value, goal.direction, goal.tolerance)
    pct = round_pct(value * _HUNDRED / goal.value) if goal.value else None
    return YearOutlook(
        method,
        month,
        value,
        low=low,
        high=high,
        unbounded=unbounded,
        pct=pct,
        likelihood=word,
        share=share,
        years=years,
        shares=shares,
    )


_ESTIMATES = frozenset({Method.SEASONAL, Method.SCHEDULE, Method.STRAIGHT})


def quantity_outlook(
    target: Target,
    actual: Decimal,
    month: int,
    history: History,
    year: int,
    *,
    detail: bool = False,
) -> YearOutlook:
    """An amount's or a level's year end: by earlier years' shares, else (an amount) by its
    schedule and then the straight line, else (a level) as its latest figure stands. A
    figure that comes once a year is projected by earlier years' shares or not at all.
    With ``detail``, each earlier year's share is kept for the working."""
    assert target.target is not None
    allowed = (
        target.tolerances.amount_pp if target.kind is Kind.AMOUNT else target.tolerances.level_pct
    )
    goal = _Goal(target.target, target.direction, target.target * allowed / _HUNDRED)
    if month == 12:
        return _projected(goal, Method.YEAR_END, month, actual)
    # year_shares, written out: a table of ten thousand targets asks this of each one
    years: list[int] = []
    values: list[Decimal] = []
    for earlier, months in history.items():
        if year - EARLIER_YEARS <= earlier < year:
            to_date, year_end = months.get(month), months.get(12)
            if to_date is not None and year_end is not None and year_end > 0:
                years.append(earlier)
                values.append(to_date * _HUNDRED / year_end)
    if values:
        average = _mean(values)
        if average > 0:
            largest, smallest = max(values), min(values)
            return _projected(
                goal,
                Method.SEASONAL,
                month,
                actual * _HUNDRED / average,
                low=actual * _HUNDRED / largest,
                high=actual * _HUNDRED / smallest if smallest > 0 else None,
                unbounded=smallest <= 0,
                share=average,
                years=tuple(sorted(years)),
                shares=year_shares(history, month, year) if detail else (),
            )
    if target.frequency is Frequency.YEARLY:  # a part of the year says nothing alone
        return YearOutlook(Method.NONE, month)
    if target.kind is Kind.LEVEL:
        return _projected(goal, Method.LATEST, month, actual)
    planned = target.schedule[month - 1] if target.schedule is not None else Decimal(0)
    if planned > 0:
        return _projected(goal, Method.SCHEDULE, month, actual * _HUNDRED / planned, share=planned)
    line = Decimal(month) * _HUNDRED / 12
    return _projected(goal, Method.STRAIGHT, month, actual * _HUNDRED / line, share=line)


def as_shown(value: Decimal, target: Target, actual: Decimal | None = None) -> Decimal:
    """A projected figure as a table shows it, half up: a rate in percent to one decimal, or
    to the figure's or the target's own decimals where they have more (5.1%, and 4.54% beside a
    ceiling of 4.5%: a breach always shows); a count whole (77 个); otherwise to the decimals
    of the target or the figure, whichever has more, and to the cent once either has any
    (2,861 万美元 beside 2,500 and 1,450; 2.95 万亩 beside 2.83; 0.34 亿美元 beside 0.4, not
    0.3). Exports keep the projection to the cent."""
    if target.unit == "%":
        places = max(1, _places(target.target), _places(actual))
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    unit = UNITS.get(target.unit or "")
    if unit is not None and unit.dimension in COUNT_DIMENSIONS:
        places = 0
    else:
        places = max(_places(target.target), _places(actual))
        places = max(places, 2) if places else 0
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _places(value: Decimal | None) -> int:
    """How many decimals a number is written with (2.830 has two: 2.83)."""
    if value is None:
        return 0
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def needed_growth(goal: Decimal, levels: Levels) -> Decimal | None:
    """What the rest of the year must grow by (%) for the year to grow by ``goal`` (%):
    ((1+g)·F − L)/(F − P) − 1, one decimal. None when last year's rest of the year was
    nothing or a fall (F ≤ P), which no rate of growth can be asked of."""
    rest = levels.full_year - levels.prior
    if rest <= 0:
        return None
    whole = (1 + goal / _HUNDRED) * levels.full_year
    return round_pct(((whole - levels.level) / rest - 1) * _HUNDRED)


def year_drifts(
    history: History, month: int, year: int, limit: int = EARLIER_YEARS
) -> tuple[YearDrift, ...]:
    """Each earlier year's growth rate at ``month`` and at the year end, earliest first."""
    return tuple(YearDrift(*found) for found in _earlier(history, month, year, limit))


def growth_outlook(
    target: Target,
    rate: Decimal,
    month: int,
    history: History,
    year: int,
    levels: Levels | None = None,
    *,
    detail: bool = False,
) -> YearOutlook:
    """A growth target's year end: the rate so far, with a range from how earlier years'
    rates moved between this month and the year end, and the growth the rest of the year
    needs where the levels are known. With ``detail``, each earlier year's rates are kept."""
    assert target.target is not None
    goal, direction = target.target, target.direction
    needed = needed_growth(goal, levels) if levels is not None and month < 12 else None
    if month == 12:
        return YearOutlook(
            Method.YEAR_END, month, rate, likelihood=_final(rate, goal, direction), levels=levels
        )
    years: list[int] = []
    changes: list[Decimal] = []
    for earlier, months in history.items():  # year_drifts, written out for speed
        if year - EARLIER_YEARS <= earlier < year:
            to_date, year_end = months.get(month), months.get(12)
            if to_date is not None and year_end is not None:
                years.append(earlier)
                changes.append(year_end - to_date)
    low = high = None
    if changes:  # from the rate as it stands to where earlier years' moves would take it
        low = round_pct(rate + min(min(changes), Decimal(0)))
        high = round_pct(rate + max(max(changes), Decimal(0)))
    word = _likelihood(rate, low, high, False, goal, direction, target.tolerances.growth_pp)
    return YearOutlook(
        Method.RATE,
        month,
        rate,
        low=low,
        high=high,
        likelihood=word,
        years=tuple(sorted(years)),
        drifts=year_drifts(history, month, year) if detail else (),
        needed=needed,
        levels=levels,
    )


_FROM_VERDICT = {
    Verdict.ACHIEVED: Likelihood.LIKELY,
    Verdict.ON_TRACK: Likelihood.LIKELY,
    Verdict.IN_PROGRESS: Likelihood.LIKELY,
    Verdict.SLIGHTLY_BEHIND: Likelihood.AT_RISK,
    Verdict.BEHIND: Likelihood.UNLIKELY,
    Verdict.MISSED: Likelihood.UNLIKELY,
}


def year_outlook(
    progress: Progress,
    history: History,
    year: int,
    levels: Levels | None = None,
    *,
    detail: bool = False,
) -> YearOutlook | None:
    """The outlook of a target that has a figure (None without one); with ``detail``, with
    the working of each earlier year."""
    target, figure = progress.target, progress.figure
    if figure is None or progress.verdict is Verdict.NO_DATA:
        return None
    kind = target.kind
    if kind.is_quantity and progress.actual is not None:
        return quantity_outlook(target, progress.actual, figure.month, history, year, detail=detail)
    if kind is Kind.GROWTH and progress.actual is not None:
        return growth_outlook(
            target, progress.actual, figure.month, history, year, levels, detail=detail
        )
    return YearOutlook(
        Method.VERDICT,
        figure.month,
        progress.actual if kind is Kind.RELATIVE else None,
        likelihood=_FROM_VERDICT.get(progress.verdict),
    )


# -- how far the outlook can be trusted ----------------------------------------------------------


class Backtest(NamedTuple):
    """One indicator's outlook tried on its own earlier years, leaving each out in turn."""

    years: tuple[int, ...]  # the complete years tried
    errors: dict[int, Decimal | None]  # month -> mean absolute error (% or points)


def complete_years(history: History, years: Sequence[int], *, positive: bool = True) -> list[int]:
    """The years with a full-year figure (above zero, for shares)."""
    out = []
    for year in years:
        end = history.get(year, {}).get(12)
        if end is not None and (end > 0 or not positive):
            out.append(year)
    return out


def backtest_shares(history: History, years: Sequence[int]) -> Backtest:
    """For each month, the mean absolute percentage error of projecting each complete year's
    full-year figure from its own month, with the shares of the other years (leave one
    year out): |projection − actual| ÷ actual, averaged over the years."""
    usable = complete_years(history, years)
    errors: dict[int, Decimal | None] = {}
    for month in range(1, 12):
        found = []
        for year in usable:
            to_date = history[year].get(month)
            if to_date is None:
                continue
            others = [
                history[other][month] * _HUNDRED / history[other][12]
                for other in usable
                if other != year and month in history[other]
            ]
            average = _mean(others) if others else Decimal(0)
            if average <= 0:
                continue
            actual = history[year][12]
            projection = to_date * _HUNDRED / average
            found.append(abs(projection - actual) * _HUNDRED / actual)
        errors[month] = round_pct(_mean(found)) if found else None
    return Backtest(tuple(usable), errors)


def backtest_rates(history: History, years: Sequence[int]) -> Backtest:
    """For each month, the mean absolute error, in percentage points, of taking each complete
    year's rate so far for its full-year rate."""
    usable = complete_years(history, years, positive=False)
    errors: dict[int, Decimal | None] = {}
    for month in range(1, 12):
        found = [
            abs(history[year][12] - history[year][month])
            for year in usable
            if month in history[year]
        ]
        errors[month] = round_pct(_mean(found)) if found else None
    return Backtest(tuple(usable), errors)
