"""One pace per table and each indicator's rhythm, table-driven at their edges: which figure
a report expects, the pace a figure is judged at, and what a once-a-year target shows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from targettrack.core.engine import evaluate_target, judged_month
from targettrack.core.models import (
    Direction,
    Figure,
    Frequency,
    Kind,
    LateReading,
    Rules,
    Status,
    Target,
    Verdict,
    decode_value,
)
from targettrack.core.rhythm import default_frequency, due_month

D = Decimal
M, Q, H, Y = Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.HALF_YEARLY, Frequency.YEARLY
REPORT, OWN = Rules(LateReading.REPORT), Rules(LateReading.OWN)


def target(kind: Kind, value: str, frequency: Frequency = M, unit: str = "个") -> Target:
    return Target(
        id="t",
        name_zh="测",
        name_en="t",
        group="main",
        kind=kind,
        unit=unit,
        target=D(value),
        frequency=frequency,
    )


def figure(value: str, month: int) -> Figure:
    return Figure(
        1, "r", 2023, "t", month, f"2023-{month:02d}", 1, decode_value(value), "", None, None,
        False, value, Status.FINAL, "t", "now", "", "",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("frequency", "as_of", "due"),
    [
        (M, 1, None),  # January comes with February (1-2月): nothing is due yet
        (M, 2, 2),
        (M, 7, 7),
        (M, 12, 12),
        (Q, 2, None),  # no quarter has ended in a 1-2月 table
        (Q, 3, 3),
        (Q, 7, 6),  # a 1-7月 table expects 上半年, not July
        (Q, 8, 6),
        (Q, 9, 9),
        (Q, 12, 12),
        (H, 5, None),
        (H, 6, 6),
        (H, 11, 6),
        (H, 12, 12),
        (Y, 6, None),
        (Y, 11, None),
        (Y, 12, 12),  # only the year's own figure, in December
    ],
)
def test_the_figure_a_report_expects_follows_the_rhythm(
    frequency: Frequency, as_of: int, due: int | None
) -> None:
    assert due_month(frequency, as_of) == due


def test_a_rhythm_counts_its_months() -> None:
    assert (M.months, Q.months, H.months, Y.months) == (1, 3, 6, 12)


@pytest.mark.parametrize(
    ("ident", "name", "frequency"),
    [
        ("gdp", "地区生产总值", Q),
        ("industrial_va", "工业增加值", Q),
        ("tertiary_va", "第三产业增加值", Q),
        ("agri_output", "农林牧渔业总产值", Q),
        ("income_per_capita", "居民人均可支配收入", Q),
        ("services_va", "服务业", Q),  # by its id alone
        ("industry", "规模以上工业增加值", M),  # published every month, unlike other value added
        ("grain_area", "粮食播种面积", Y),
        ("grain_output", "粮食总产量", Y),
        ("crops", "粮食产量", Y),
        ("fdi", "实际利用外资（验资口径）", M),
        ("fixed_investment", "全社会固定资产投资", M),
        ("school_places", "新增学位", M),
    ],
)
def test_the_usual_rhythm_of_common_indicators(ident: str, name: str, frequency: Frequency) -> None:
    assert default_frequency(ident, name) is frequency


# The table: 城市更新项目 120 个, 68 by June (56.7 %, worked out: 68/120 = 0.5667).
# In a 1-7月 table the pace is 7/12 = 58.3 %: 56.7 - 58.3 = -1.6, slightly behind, where the
# June pace, 50.0 %, gave +6.7 and "on track".
@pytest.mark.parametrize(
    ("frequency", "month", "as_of", "rules", "pace", "gap", "stale", "verdict"),
    [
        (M, 7, 7, REPORT, "58.3", "-1.6", False, Verdict.SLIGHTLY_BEHIND),  # as reported
        (M, 6, 7, REPORT, "58.3", "-1.6", True, Verdict.SLIGHTLY_BEHIND),  # late: table's pace
        (M, 6, 7, OWN, "50.0", "6.7", True, Verdict.ON_TRACK),  # the other reading
        (M, 2, 2, REPORT, "16.7", "40.0", False, Verdict.ON_TRACK),  # 1-2月: 2/12 = 16.7 %
        (Q, 6, 7, REPORT, "50.0", "6.7", False, Verdict.ON_TRACK),  # 上半年 is current in July
        (Q, 6, 8, REPORT, "50.0", "6.7", False, Verdict.ON_TRACK),
        (Q, 6, 9, REPORT, "75.0", "-18.3", True, Verdict.BEHIND),  # 前三季度 was due
        (Q, 6, 9, OWN, "50.0", "6.7", True, Verdict.ON_TRACK),
        (H, 6, 11, REPORT, "50.0", "6.7", False, Verdict.ON_TRACK),
        (H, 6, 12, REPORT, "100.0", "-43.3", True, Verdict.MISSED),  # the year is over
    ],
)
def test_one_pace_per_table_at_the_edges_of_each_rhythm(
    frequency: Frequency,
    month: int,
    as_of: int,
    rules: Rules,
    pace: str,
    gap: str,
    stale: bool,
    verdict: Verdict,
) -> None:
    projects = target(Kind.AMOUNT, "120", frequency)
    progress = evaluate_target(projects, figure("68", month), as_of, rules=rules)
    assert progress.completion_pct == D("56.7")
    assert (progress.pace_pct, progress.gap_pp) == (D(pace), D(gap))
    assert (progress.stale, progress.verdict) == (stale, verdict)


def test_the_month_a_figure_is_judged_at() -> None:
    projects = target(Kind.AMOUNT, "120")
    assert judged_month(projects, 6, 7) == (7, True)
    assert judged_month(projects, 6, 7, LateReading.OWN) == (6, True)
    assert judged_month(projects, 7, 7) == (7, False)
    assert judged_month(projects, 1, 1) == (1, False)  # nothing due in January: not late
    gdp = target(Kind.GROWTH, "7", Q, "%")
    assert judged_month(gdp, 6, 7) == (6, False)
    assert judged_month(gdp, 3, 7) == (6, True)
    assert judged_month(gdp, 3, 7, LateReading.OWN) == (3, True)


# 粮食播种面积: at least 2.83 万亩, known once a year. 1.61 by June is 56.9 % (1.61/2.83 =
# 0.5689), which a monthly reading called 滞后; it is in progress until the full-year figure.
@pytest.mark.parametrize(
    ("value", "month", "as_of", "rules", "verdict", "stale"),
    [
        ("1.61", 6, 6, REPORT, Verdict.IN_PROGRESS, False),
        ("1.61", 6, 11, REPORT, Verdict.IN_PROGRESS, False),  # still not due in November
        ("1.61", 6, 12, REPORT, Verdict.MISSED, True),  # December: the year's figure is due
        ("1.61", 6, 12, OWN, Verdict.IN_PROGRESS, True),  # judged at June, by the rule
        ("2.85", 12, 12, REPORT, Verdict.ACHIEVED, False),  # 2.85 ≥ 2.83 for the year
        ("2.80", 12, 12, REPORT, Verdict.MISSED, False),
    ],
)
def test_a_once_a_year_target_is_in_progress_until_its_full_year_figure(
    value: str, month: int, as_of: int, rules: Rules, verdict: Verdict, stale: bool
) -> None:
    grain = target(Kind.LEVEL, "2.83", Y, "万亩")
    progress = evaluate_target(grain, figure(value, month), as_of, rules=rules)
    assert (progress.verdict, progress.stale) == (verdict, stale)
    if value == "1.61":
        assert progress.completion_pct == D("56.9")  # the figure still shows, with its share


def test_a_once_a_year_target_without_a_figure_and_a_yearly_amount() -> None:
    grain = target(Kind.LEVEL, "1.16", Y, "万吨")
    assert evaluate_target(grain, None, 6).verdict is Verdict.IN_PROGRESS
    assert evaluate_target(grain, None, 12).verdict is Verdict.NO_DATA
    assert evaluate_target(grain, None, None).verdict is Verdict.NO_DATA  # no figures at all
    yearly = target(Kind.AMOUNT, "100", Y)
    partial = evaluate_target(yearly, figure("40", 6), 6)
    assert partial.verdict is Verdict.IN_PROGRESS
    assert (partial.completion_pct, partial.pace_pct, partial.gap_pp) == (D("40.0"), None, None)
    assert evaluate_target(yearly, figure("100", 6), 6).verdict is Verdict.ACHIEVED
    ceiling = target(Kind.LEVEL, "5.5", Y, "%")._replace(direction=Direction.AT_MOST)
    assert evaluate_target(ceiling, figure("6.5", 6), 6).verdict is Verdict.IN_PROGRESS
    rate = target(Kind.GROWTH, "20", Y, "%")
    growth = evaluate_target(rate, figure("12", 6), 6)
    assert (growth.verdict, growth.gap_pp) == (Verdict.IN_PROGRESS, D("-8.0"))  # still shown
    assert not Verdict.IN_PROGRESS.lagging
