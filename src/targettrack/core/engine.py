"""The progress engine: pure functions from targets and figures to progress and verdicts.

No terminal and no database here: callers pass the catalogue, the figures they read, and the
month the report is as of. Percentages are rounded half up to one decimal, as official tables
are, and gaps are taken between the rounded figures so that a table always adds up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, NamedTuple

from targettrack.core.models import (
    Catalogue,
    Direction,
    Figure,
    Frequency,
    Kind,
    LateReading,
    Rules,
    State,
    Target,
    Verdict,
)
from targettrack.core.rhythm import due_month
from targettrack.core.units import convert

if TYPE_CHECKING:
    from targettrack.core.outlook import YearOutlook

ACHIEVED = Verdict.ACHIEVED
ON_TRACK = Verdict.ON_TRACK
IN_PROGRESS = Verdict.IN_PROGRESS
SLIGHTLY_BEHIND = Verdict.SLIGHTLY_BEHIND
BEHIND = Verdict.BEHIND
MISSED = Verdict.MISSED
NO_DATA = Verdict.NO_DATA

_DEFAULT_RULES = Rules()
_TENTH = Decimal("0.1")
_HUNDREDTH = Decimal("0.01")
_HUNDRED = Decimal(100)


def round_pct(value: Decimal) -> Decimal:
    """One decimal, half up (四舍五入): 12.25 -> 12.3, -12.25 -> -12.3; never -0.0."""
    rounded = value.quantize(_TENTH, rounding=ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)


def pace_share(
    target: Target, month: int, seasonal: Mapping[int, Decimal] | None = None
) -> Decimal:
    """The share of the target due by the end of ``month``, in percent, unrounded: the
    target's planned schedule, else its seasonal shape (the average share earlier years had
    reached by that month, when the catalogue's rules ask for it and they are known), else
    the straight line."""
    if target.schedule is not None:
        return target.schedule[month - 1]
    if seasonal is not None and month in seasonal:
        return seasonal[month]
    return Decimal(month) * _HUNDRED / 12


def pace_basis(target: Target, month: int, seasonal: Mapping[int, Decimal] | None) -> str:
    """Which pace ``pace_share`` follows: schedule, seasonal or straight."""
    if target.schedule is not None:
        return "schedule"
    return "seasonal" if seasonal is not None and month in seasonal else "straight"


class Judged(NamedTuple):
    """The month a figure is judged at, and whether it is older than the report expects."""

    month: int
    stale: bool


def judged_month(
    target: Target, figure_month: int, as_of_month: int, late: LateReading = LateReading.REPORT
) -> Judged:
    """The month whose pace a figure is judged at, in a report as of ``as_of_month``.

    A figure as new as its rhythm allows is judged at its own period: a monthly figure at the
    report's month, a quarterly one at its quarter (上半年 in a 1-7月 table). A figure older
    than that is stale (未更新): by default it is judged at the period it should have reached,
    which for a monthly figure is the report's own (the one 序时进度 of the table); the
    catalogue's rules may judge it at its own period instead.
    """
    due = due_month(target.frequency, as_of_month)
    month = min(figure_month, as_of_month)
    if due is None or month >= due:
        return Judged(month, False)
    return Judged(due if late is LateReading.REPORT else month, True)


class Progress(NamedTuple):
    target: Target
    figure: Figure | None
    verdict: Verdict
    actual: Decimal | None = None  # the figure, in the target's unit (a rate for rates)
    state: State | None = None  # a milestone's state
    completion_pct: Decimal | None = None  # amount and level: actual / target
    pace_pct: Decimal | None = None  # amount: share of the year (or schedule) due
    gap_pp: Decimal | None = None  # amount: completion - pace; rates: rate - target or ref
    margin: Decimal | None = None  # level: how far beyond (+) or short of (-) the bound
    reference: Decimal | None = None  # relative: the rate it is compared with
    projection: Decimal | None = None  # amount: the year-end total at the current run rate
    projection_pct: Decimal | None = None
    # amount with last year's same-period value: growth on it, % (同比增长)
    yoy_pct: Decimal | None = None
    # growth with --level: the year-to-date level, in the target's value unit (1-N月完成)
    level: Decimal | None = None
    # the figure is older than its rhythm allows at the report's period (未更新)
    stale: bool = False
    judged_month: int | None = None  # the month whose pace it was judged at
    pace_basis: str | None = None  # amount: schedule, seasonal or straight
    # the year-end outlook (全年预计), added by the use case that reads earlier years
    outlook: YearOutlook | None = None

    @property
    def period(self) -> str | None:
        return self.figure.period if self.figure else None

    @property
    def derived(self) -> bool:
        return bool(self.figure and self.figure.derived)


def _band(gap: Decimal, tolerance: Decimal, year_over: bool) -> Verdict:
    """The verdict for a signed gap where >= 0 is good and ``-tolerance`` is slightly behind."""
    if year_over:
        return ACHIEVED if gap >= 0 else MISSED
    if gap >= 0:
        return ON_TRACK
    return SLIGHTLY_BEHIND if gap >= -tolerance else BEHIND


def _amount(
    target: Target,
    figure: Figure,
    actual: Decimal,
    as_of_month: int,
    seasonal: Mapping[int, Decimal] | None = None,
) -> Progress:
    assert target.target is not None
    completion = round_pct(actual * _HUNDRED / target.target)
    pace = round_pct(pace_share(target, as_of_month, seasonal))
    gap = completion - pace
    if actual >= target.target:
        verdict = ACHIEVED
    elif as_of_month == 12:
        verdict = MISSED
    else:
        verdict = _band(gap, target.tolerances.amount_pp, year_over=False)
    share_so_far = pace_share(target, figure.month)
    projection = projection_pct = None
    if share_so_far > 0:
        projection = (actual * _HUNDRED / share_so_far).quantize(_HUNDREDTH, ROUND_HALF_UP)
        projection_pct = round_pct(projection * _HUNDRED / target.target)
    return Progress(
        target,
        figure,
        verdict,
        actual=actual,
        completion_pct=completion,
        pace_pct=pace,
        gap_pp=gap,
        projection=projection,
        projection_pct=projection_pct,
        pace_basis=pace_basis(target, as_of_month, seasonal),
    )


def _growth(target: Target, figure: Figure, rate: Decimal, as_of_month: int) -> Progress:
    assert target.target is not None
    # between the figures as shown (9.0 % against 10 %: 1.0 point), so that the table adds up
    gap = round_pct(round_pct(rate) - target.target)
    signed = gap if target.direction == Direction.AT_LEAST else -gap
    verdict = _band(signed, target.tolerances.growth_pp, as_of_month == 12)
    return Progress(target, figure, verdict, actual=rate, gap_pp=gap)


def _relative(
    target: Target, figure: Figure, rate: Decimal, reference: Figure | None, as_of_month: int
) -> Progress:
    ref_rate = reference.number if reference else None
    if ref_rate is None:
        return Progress(target, figure, NO_DATA, actual=rate)
    margin = target.target or Decimal(0)
    gap = round_pct(round_pct(rate) - round_pct(ref_rate))
    verdict = _band(gap - margin, target.tolerances.relative_pp, as_of_month == 12)
    return Progress(target, figure, verdict, actual=rate, gap_pp=gap, reference=ref_rate)


def _level(target: Target, figure: Figure, actual: Decimal, as_of_month: int) -> Progress:
    assert target.target is not None
    margin = (
        actual - target.target if target.direction == Direction.AT_LEAST else target.target - actual
    )
    tolerance = target.target * target.tolerances.level_pct / _HUNDRED
    completion = round_pct(actual * _HUNDRED / target.target) if target.target else None
    verdict = _band(margin, tolerance, as_of_month == 12)
    return Progress(
        target, figure, verdict, actual=actual, completion_pct=completion, margin=margin
    )


def _milestone(target: Target, figure: Figure, as_of_month: int) -> Progress:
    state = figure.state
    if state is State.DONE:
        verdict = ACHIEVED
    elif as_of_month == 12:
        verdict = MISSED
    elif state is State.IN_PROGRESS:
        verdict = ON_TRACK
    else:
        verdict = SLIGHTLY_BEHIND if as_of_month <= 6 else BEHIND
    return Progress(target, figure, verdict, state=state)


def _in_target_unit(figure: Figure, target: Target) -> Decimal | None:
    """The figure in the target's current unit.

    Figures keep the unit they were stored in; if the catalogue later changes a target's unit
    (万美元 to 亿美元, say), the figure is converted exactly, never reinterpreted. A figure of
    another dimension cannot be compared and counts as no data.
    """
    value = figure.number
    if value is None or not figure.unit or not target.unit or figure.unit == target.unit:
        return value
    return convert(value, figure.unit, target.unit)


def evaluate_target(
    target: Target,
    figure: Figure | None,
    as_of_month: int | None,
    reference: Figure | None = None,
    *,
    rules: Rules = _DEFAULT_RULES,
    seasonal: Mapping[int, Decimal] | None = None,
) -> Progress:
    """Progress of one target from its latest figure up to the as-of month.

    The figure is judged at the month ``judged_month`` gives: the report's own for a monthly
    figure, its quarter's for a quarterly one, and for a figure older than its rhythm allows
    (a department that has not reported yet, marked 未更新) the report's pace, or its own
    period's where the catalogue's rules say so. A target whose figure comes once a year is
    in progress (进行中) until its full-year figure, never behind for lack of months.
    ``seasonal`` is the indicator's seasonal shape (month -> average cumulative share, %),
    given when the rules ask for a seasonal 序时进度.
    """
    if figure is None or as_of_month is None:
        if target.frequency is Frequency.YEARLY and as_of_month is not None and as_of_month < 12:
            return Progress(target, None, IN_PROGRESS)
        return Progress(target, None, NO_DATA)
    judged = judged_month(target, figure.month, as_of_month, rules.late_figures)
    progress = _judge(target, figure, judged.month, reference, seasonal)
    if (
        target.frequency is Frequency.YEARLY
        and judged.month < 12
        and progress.verdict not in (ACHIEVED, NO_DATA)
    ):
        progress = progress._replace(verdict=IN_PROGRESS)
        if target.kind is Kind.AMOUNT:  # no pace through a year that has one figure
            progress = progress._replace(pace_pct=None, gap_pp=None, pace_basis=None)
    return progress._replace(stale=judged.stale, judged_month=judged.month)


def _judge(
    target: Target,
    figure: Figure,
    month: int,
    reference: Figure | None,
    seasonal: Mapping[int, Decimal] | None,
) -> Progress:
    if target.kind is Kind.MILESTONE:
        return _milestone(target, figure, month)
    value = _in_target_unit(figure, target)
    if value is None:
        return Progress(target, figure, NO_DATA)
    if target.kind is Kind.AMOUNT:
        progress = _amount(target, figure, value, month, seasonal)
        if figure.prior:
            prior = _in_target_unit(figure._replace(value=figure.prior), target)
            if prior:
                progress = progress._replace(yoy_pct=round_pct((value / prior - 1) * _HUNDRED))
        return progress
    if target.kind is Kind.GROWTH:
        return _growth(target, figure, value, month)._replace(level=figure.level)
    if target.kind is Kind.RELATIVE:
        return _relative(target, figure, value, reference, month)
    return _level(target, figure, value, month)


def reference_of(target: Target, figures: Mapping[str, Figure]) -> Figure | None:
    """The figure a relative target is compared with, if any."""
    return figures.get(target.relative_to) if target.relative_to else None


def evaluate(
    catalogue: Catalogue,
    figures: Mapping[str, Figure],
    as_of_month: int | None,
    seasonal: Mapping[str, Mapping[int, Decimal]] | None = None,
) -> list[Progress]:
    """Progress of every target of the catalogue, in catalogue order, by its rules;
    ``seasonal`` holds each target's seasonal shape where the rules ask for it."""
    shapes = seasonal or {}
    return [
        evaluate_target(
            target,
            figures.get(target.id),
            as_of_month,
            reference_of(target, figures),
            rules=catalogue.rules,
            seasonal=shapes.get(target.id),
        )
        for target in catalogue.targets
    ]


def count_verdicts(rows: Sequence[Progress]) -> dict[Verdict, int]:
    counts = dict.fromkeys(Verdict, 0)
    for row in rows:
        counts[row.verdict] += 1
    return counts


class Outlook(NamedTuple):
    """What the rest of the year needs, for an amount target."""

    remaining: Decimal
    months_left: int
    needed_per_month: Decimal | None
    rate_so_far: Decimal


def outlook(target: Target, figure: Figure) -> Outlook | None:
    value = _in_target_unit(figure, target)
    if target.kind is not Kind.AMOUNT or target.target is None or value is None:
        return None
    remaining = max(target.target - value, Decimal(0))
    months_left = 12 - figure.month
    needed = (remaining / months_left).quantize(_HUNDREDTH, ROUND_HALF_UP) if months_left else None
    rate = (value / figure.month).quantize(_HUNDREDTH, ROUND_HALF_UP)
    return Outlook(remaining, months_left, needed, rate)
