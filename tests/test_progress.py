"""The progress engine against hand-worked cases, for every kind and every verdict."""

from __future__ import annotations

from decimal import Decimal

import pytest

from targettrack.core.engine import (
    ACHIEVED,
    BEHIND,
    MISSED,
    NO_DATA,
    ON_TRACK,
    SLIGHTLY_BEHIND,
    evaluate_target,
    outlook,
    pace_share,
    round_pct,
)
from targettrack.core.models import (
    Figure,
    Kind,
    LateReading,
    Rules,
    Status,
    Target,
    Tolerances,
    decode_value,
)

D = Decimal


def target(kind: str, value: str | None, **extra: object) -> Target:
    unit = {"growth": "%", "relative": "%", "milestone": None}.get(kind, "亿元")
    return Target(
        id=f"{kind}_t",
        name_zh="测",
        name_en="t",
        group="main",
        kind=Kind(kind),
        unit=unit,
        target=None if value is None else D(value),
        **extra,  # type: ignore[arg-type]
    )


def figure(value: str, month: int, period: str | None = None, target_id: str = "x") -> Figure:
    return Figure(
        id=1,
        region="r",
        year=2023,
        target_id=target_id,
        month=month,
        period=period or f"2023-{month:02d}",
        version=1,
        value=decode_value(value),
        unit="",
        level=None,
        prior=None,
        derived=False,
        entered=value,
        status=Status.FINAL,
        recorded_by="t",
        recorded_at="now",
        source="",
        note="",
    )


@pytest.mark.parametrize(
    ("period", "month", "pace"),
    [
        ("2023-03", 3, "25.0"),
        ("2023-Q1", 3, "25.0"),
        ("2023-06", 6, "50.0"),
        ("2023-H1", 6, "50.0"),
        ("2023-Q3", 9, "75.0"),
        ("2023-10", 10, "83.3"),
        ("2023-11", 11, "91.7"),
        ("2023-01", 1, "8.3"),
        ("2023", 12, "100.0"),
    ],
)
def test_pace_at_month_quarter_and_half_boundaries(period: str, month: int, pace: str) -> None:
    amount = target("amount", "120")
    progress = evaluate_target(amount, figure("1", month, period), month)
    assert progress.pace_pct == D(pace)
    assert str(round_pct(pace_share(amount, month))) == pace


def test_rounding_is_half_up_not_to_even() -> None:
    assert round_pct(D("6.25")) == D("6.3")
    assert round_pct(D("0.05")) == D("0.1")
    assert round_pct(D("-6.25")) == D("-6.3")
    assert round_pct(D("6.35")) == D("6.4")
    # 1 of 16 is exactly 6.25 %: an official table shows 6.3
    assert evaluate_target(target("amount", "16"), figure("1", 1), 1).completion_pct == D("6.3")


@pytest.mark.parametrize(
    ("actual", "month", "verdict", "completion", "gap"),
    [
        ("60", 6, ON_TRACK, "50.0", "0.0"),  # exactly on pace
        ("50", 6, SLIGHTLY_BEHIND, "41.7", "-8.3"),  # within 10 points of pace
        ("48", 6, SLIGHTLY_BEHIND, "40.0", "-10.0"),  # exactly at the tolerance
        ("47", 6, BEHIND, "39.2", "-10.8"),
        ("120", 6, ACHIEVED, "100.0", "50.0"),  # reached before the year is out
        ("130", 3, ACHIEVED, "108.3", "83.3"),
        ("119", 12, MISSED, "99.2", "-0.8"),  # the year is over and it fell short
        ("120", 12, ACHIEVED, "100.0", "0.0"),
    ],
)
def test_amount_verdicts(actual: str, month: int, verdict: str, completion: str, gap: str) -> None:
    progress = evaluate_target(target("amount", "120"), figure(actual, month), month)
    assert progress.verdict == verdict
    assert progress.completion_pct == D(completion)
    assert progress.gap_pp == D(gap)


def test_amount_projection_and_outlook() -> None:
    amount = target("amount", "305")
    progress = evaluate_target(amount, figure("100", 4), 6)  # a figure older than the as-of
    assert progress.pace_pct == D("50.0") and progress.stale  # judged at the report's, June
    own = evaluate_target(amount, figure("100", 4), 6, rules=Rules(LateReading.OWN))
    assert own.pace_pct == D("33.3") and own.stale  # the other reading: its own April's
    assert progress.projection == D("300.00")  # 100 in four months -> 300 in twelve
    assert progress.projection_pct == D("98.4")
    look = outlook(amount, figure("100", 4))
    assert look is not None
    assert (look.remaining, look.months_left, look.needed_per_month, look.rate_so_far) == (
        D(205),
        8,
        D("25.63"),
        D("25.00"),
    )


def test_planned_schedule_replaces_the_straight_line() -> None:
    shares = tuple(D(s) for s in (2, 4, 10, 15, 20, 30, 40, 50, 65, 80, 90, 100))
    planned = target("amount", "100", schedule=shares)
    progress = evaluate_target(planned, figure("28", 6), 6)
    assert progress.pace_pct == D("30.0")
    assert progress.verdict == SLIGHTLY_BEHIND  # 28 % against a planned 30 %
    assert progress.projection == D("93.33")  # 28 is 30 % of the plan's way
    straight = evaluate_target(target("amount", "100"), figure("28", 6), 6)
    assert straight.verdict == BEHIND  # 28 % against a straight-line 50 %


@pytest.mark.parametrize(
    ("rate", "month", "verdict", "gap"),
    [
        ("7.5", 6, ON_TRACK, "0.5"),
        ("7", 6, ON_TRACK, "0.0"),
        ("6.2", 6, SLIGHTLY_BEHIND, "-0.8"),
        ("6", 6, SLIGHTLY_BEHIND, "-1.0"),
        ("5.9", 6, BEHIND, "-1.1"),
        ("-1.3", 3, BEHIND, "-8.3"),
        ("7.1", 12, ACHIEVED, "0.1"),
        ("6.9", 12, MISSED, "-0.1"),
        # the gap is taken between the figures as shown: 5.95 shows as 6.0, one point short
        ("5.95", 6, SLIGHTLY_BEHIND, "-1.0"),
        ("6.95", 12, ACHIEVED, "0.0"),  # shows as 7.0: the target, met
        ("6.96", 6, ON_TRACK, "0.0"),  # never -0.0
    ],
)
def test_growth_verdicts(rate: str, month: int, verdict: str, gap: str) -> None:
    progress = evaluate_target(target("growth", "7"), figure(rate, month), month)
    assert (progress.verdict, progress.gap_pp, progress.actual) == (verdict, D(gap), D(rate))
    assert progress.pace_pct is None and progress.completion_pct is None


def test_growth_ceiling_turns_the_gap_around() -> None:
    ceiling = target("growth", "3", direction="at_most")
    assert evaluate_target(ceiling, figure("2.5", 6), 6).verdict == ON_TRACK
    assert evaluate_target(ceiling, figure("3.8", 6), 6).verdict == SLIGHTLY_BEHIND


@pytest.mark.parametrize(
    ("income", "gdp", "verdict", "gap"),
    [
        ("7.2", "7.0", ON_TRACK, "0.2"),
        ("6.6", "7.0", SLIGHTLY_BEHIND, "-0.4"),
        ("6.5", "7.0", SLIGHTLY_BEHIND, "-0.5"),
        ("6.4", "7.0", BEHIND, "-0.6"),
    ],
)
def test_relative_verdicts(income: str, gdp: str, verdict: str, gap: str) -> None:
    relative = target("relative", "0", relative_to="gdp")
    progress = evaluate_target(relative, figure(income, 6), 6, figure(gdp, 6, target_id="gdp"))
    assert (progress.verdict, progress.gap_pp, progress.reference) == (verdict, D(gap), D(gdp))


def test_relative_without_its_reference_has_no_data() -> None:
    relative = target("relative", "0", relative_to="gdp")
    assert evaluate_target(relative, figure("6", 6), 6, None).verdict == NO_DATA


@pytest.mark.parametrize(
    ("value", "month", "direction", "verdict", "margin"),
    [
        ("2.9", 6, "at_least", ON_TRACK, "0.07"),
        ("2.83", 6, "at_least", ON_TRACK, "0"),
        ("2.75", 6, "at_least", SLIGHTLY_BEHIND, "-0.08"),  # within 5 % of the bound
        ("2.6", 6, "at_least", BEHIND, "-0.23"),
        ("2.9", 12, "at_least", ACHIEVED, "0.07"),
        ("2.8", 12, "at_least", MISSED, "-0.03"),
        ("2.8", 6, "at_most", ON_TRACK, "0.03"),
        ("2.9", 12, "at_most", MISSED, "-0.07"),
    ],
)
def test_level_verdicts(value: str, month: int, direction: str, verdict: str, margin: str) -> None:
    level = target("level", "2.83", direction=direction)
    progress = evaluate_target(level, figure(value, month), month)
    assert (progress.verdict, progress.margin) == (verdict, D(margin))


@pytest.mark.parametrize(
    ("state", "month", "verdict"),
    [
        ("done", 3, ACHIEVED),
        ("done", 5, ACHIEVED),
        ("in-progress", 6, ON_TRACK),
        ("in-progress", 11, ON_TRACK),
        ("not-started", 3, SLIGHTLY_BEHIND),
        ("not-started", 5, SLIGHTLY_BEHIND),
        ("not-started", 6, SLIGHTLY_BEHIND),  # half the year: still only slightly
        ("not-started", 7, BEHIND),
        ("not-started", 9, BEHIND),
        ("not-started", 12, MISSED),
        ("in-progress", 12, MISSED),
        ("done", 12, ACHIEVED),
    ],
)
def test_milestone_verdicts(state: str, month: int, verdict: str) -> None:
    progress = evaluate_target(target("milestone", None), figure(state, month), month)
    assert (progress.verdict, progress.state) == (verdict, state)


def test_no_figure_means_no_data() -> None:
    for kind in ("amount", "growth", "level", "relative", "milestone"):
        assert evaluate_target(target(kind, "1"), None, 6).verdict == NO_DATA


def test_tolerances_come_from_the_target() -> None:
    strict = target("amount", "120", tolerances=Tolerances(amount_pp=D(5)))
    assert evaluate_target(strict, figure("50", 6), 6).verdict == BEHIND  # -8.3 beyond 5


def test_a_figure_stored_in_an_older_unit_is_converted_not_reinterpreted() -> None:
    in_yi = target("amount", "0.25")._replace(unit="亿美元")
    old = figure("1300", 6)._replace(unit="万美元")  # stored when the target was in 万美元
    progress = evaluate_target(in_yi, old, 6)
    assert progress.actual == D("0.13") and progress.completion_pct == D("52.0")
    mu = figure("5", 6)._replace(unit="吨")
    assert evaluate_target(in_yi, mu, 6).verdict == NO_DATA


def test_a_late_figure_is_judged_at_the_reports_pace_or_by_rule_at_its_own() -> None:
    amount = target("amount", "100")
    own = Rules(LateReading.OWN)
    june = evaluate_target(amount, figure("50", 6), 9)  # a June figure in a September report
    assert (june.pace_pct, june.gap_pp, june.verdict) == (D("75.0"), D("-25.0"), BEHIND)
    assert (june.stale, june.judged_month) == (True, 9)
    june_own = evaluate_target(amount, figure("50", 6), 9, rules=own)
    assert (june_own.pace_pct, june_own.gap_pp, june_own.verdict) == (D("50.0"), D("0.0"), ON_TRACK)
    assert (june_own.stale, june_own.judged_month) == (True, 6)
    late_year = evaluate_target(amount, figure("80", 9), 12)  # no December figure yet
    assert late_year.verdict == MISSED  # the table is the year's: 80 of 100 falls short
    assert evaluate_target(amount, figure("80", 9), 12, rules=own).verdict == ON_TRACK  # 80 ≥ 75
    growth = evaluate_target(target("growth", "7"), figure("6.9", 9), 12)
    assert growth.verdict == MISSED
    assert evaluate_target(target("growth", "7"), figure("6.9", 9), 12, rules=own).verdict == (
        SLIGHTLY_BEHIND  # judged as of September, not at year end
    )


def test_an_amount_with_last_years_value_has_its_growth() -> None:
    amount = target("amount", "305")
    base = figure("120", 6)
    progress = evaluate_target(amount, base._replace(prior=D("100")), 6)
    assert progress.yoy_pct == D("20.0")
    assert evaluate_target(amount, base._replace(prior=D("96")), 6).yoy_pct == D("25.0")
    assert evaluate_target(amount, base._replace(prior=D("121")), 6).yoy_pct == D("-0.8")
    assert evaluate_target(amount, base, 6).yoy_pct is None
    growth = evaluate_target(target("growth", "7"), figure("5.5", 6)._replace(level=D("178.5")), 6)
    assert growth.level == D("178.5") and growth.actual == D("5.5")
