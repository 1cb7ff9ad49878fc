"""The progress engine: pure functions from targets and figures to progress and verdicts.

No terminal and no database here: callers pass the catalogue, the figures they read, and the
month the report is as of. Percentages are rounded half up to one decimal, as official tables
are, and gaps are taken between the rounded figures so that a table always adds up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from targettrack.core.models import Catalogue, Direction, Figure, Kind, State, Target, Verdict
from targettrack.core.units import convert

ACHIEVED = Verdict.ACHIEVED
ON_TRACK = Verdict.ON_TRACK
SLIGHTLY_BEHIND = Verdict.SLIGHTLY_BEHIND
BEHIND = Verdict.BEHIND
MISSED = Verdict.MISSED
NO_DATA = Verdict.NO_DATA

_TENTH = Decimal("0.1")
_HUNDREDTH = Decimal("0.01")
_HUNDRED = Decimal(100)


def round_pct(value: Decimal) -> Decimal:
    """One decimal, half up (四舍五入): 12.25 -> 12.3, -12.25 -> -12.3."""
    return value.quantize(_TENTH, rounding=ROUND_HALF_UP)


def pace_share(target: Target, month: int) -> Decimal:
    """The share of the target due by the end of ``month``, in percent, unrounded."""
    if target.schedule is not None:
        return target.schedule[month - 1]
    return Decimal(month) * _HUNDRED / 12


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


def _amount(target: Target, figure: Figure, actual: Decimal, as_of_month: int) -> Progress:
    assert target.target is not None
    completion = round_pct(actual * _HUNDRED / target.target)
    pace = round_pct(pace_share(target, as_of_month))
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
    )


def _growth(target: Target, figure: Figure, rate: Decimal, as_of_month: int) -> Progress:
    assert target.target is not None
    gap = round_pct(rate - target.target)
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
    gap = round_pct(rate - ref_rate)
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
) -> Progress:
    """Progress of one target from its latest figure up to the as-of month.

    A figure older than the as-of month (a department that has not reported yet) is judged
    as of its own month: a June figure against June's pace, not September's. Outputs mark
    such a figure as not updated.
    """
    if figure is None or as_of_month is None:
        return Progress(target, None, NO_DATA)
    as_of_month = min(as_of_month, figure.month)
    if target.kind is Kind.MILESTONE:
        return _milestone(target, figure, as_of_month)
    value = _in_target_unit(figure, target)
    if value is None:
        return Progress(target, figure, NO_DATA)
    if target.kind is Kind.AMOUNT:
        progress = _amount(target, figure, value, as_of_month)
        if figure.prior:
            prior = _in_target_unit(figure._replace(value=figure.prior), target)
            if prior:
                progress = progress._replace(yoy_pct=round_pct((value / prior - 1) * _HUNDRED))
        return progress
    if target.kind is Kind.GROWTH:
        return _growth(target, figure, value, as_of_month)._replace(level=figure.level)
    if target.kind is Kind.RELATIVE:
        return _relative(target, figure, value, reference, as_of_month)
    return _level(target, figure, value, as_of_month)


def reference_of(target: Target, figures: Mapping[str, Figure]) -> Figure | None:
    """The figure a relative target is compared with, if any."""
    return figures.get(target.relative_to) if target.relative_to else None


def evaluate(
    catalogue: Catalogue, figures: Mapping[str, Figure], as_of_month: int | None
) -> list[Progress]:
    """Progress of every target of the catalogue, in catalogue order."""
    return [
        evaluate_target(target, figures.get(target.id), as_of_month, reference_of(target, figures))
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
