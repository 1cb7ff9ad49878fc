"""The rules of the core pinned at their edges: year-end boundaries, margins, schedules,
Chinese period forms, magnitude words and the bounds of what can be typed.

Each case is worked by hand; where the cases are many, the table is the test.
"""

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
    round_pct,
)
from targettrack.core.models import Direction, Tolerances, Verdict
from targettrack.core.periods import parse_period
from targettrack.core.units import convert, format_decimal, parse_quantity, parse_rate
from targettrack.errors import InputError
from targettrack.messages import Message
from tests.conftest import Run
from tests.test_progress import figure, target

D = Decimal

# -- year-end boundaries ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "extra"),
    [
        ("growth", "7", {}),
        ("growth", "5.5", {"direction": Direction.AT_MOST}),
        ("level", "2.83", {}),
        ("level", "5.5", {"direction": Direction.AT_MOST}),
    ],
)
def test_a_target_met_exactly_in_december_is_achieved(
    kind: str, value: str, extra: dict[str, object]
) -> None:
    exact = evaluate_target(target(kind, value, **extra), figure(value, 12), 12)
    assert exact.verdict is ACHIEVED
    mid_year = evaluate_target(target(kind, value, **extra), figure(value, 11), 11)
    assert mid_year.verdict is ON_TRACK


@pytest.mark.parametrize(
    ("rate", "month", "verdict"),
    [
        ("6", 6, ON_TRACK),  # the reference itself plus the margin of 1
        ("5.5", 6, SLIGHTLY_BEHIND),  # half a point short of the margin: within 0.5
        ("5.4", 6, BEHIND),
        ("6", 12, ACHIEVED),
        ("5.9", 12, MISSED),  # above the reference but short of the margin at year end
        ("5.9", 11, SLIGHTLY_BEHIND),  # November is not the year end
    ],
)
def test_a_relative_target_must_beat_its_reference_by_its_margin(
    rate: str, month: int, verdict: Verdict
) -> None:
    one_point_above = target("relative", "1", relative_to="gdp")
    reference = figure("5", month, target_id="gdp")
    progress = evaluate_target(one_point_above, figure(rate, month), month, reference)
    assert progress.verdict is verdict
    assert progress.reference == D(5)
    assert progress.gap_pp == D(rate) - 5


def test_a_relative_target_without_margin_is_met_by_matching_its_reference() -> None:
    same_pace = target("relative", None, relative_to="gdp")
    progress = evaluate_target(same_pace, figure("5", 12), 12, figure("5", 12, target_id="gdp"))
    assert progress.verdict is ACHIEVED
    behind = evaluate_target(same_pace, figure("4.9", 12), 12, figure("5", 12, target_id="gdp"))
    assert behind.verdict is MISSED
    own = figure("4.9", 12)
    alone = evaluate_target(same_pace, own, 12, None)
    assert (alone.verdict, alone.actual, alone.gap_pp) == (NO_DATA, D("4.9"), None)
    assert alone.target == same_pace and alone.figure == own  # the figure is still shown


def test_a_level_of_zero_is_judged_by_its_margin_without_a_completion() -> None:
    none_allowed = target("level", "0", direction=Direction.AT_MOST)  # 重大事故 at most 0
    clean = evaluate_target(none_allowed, figure("0", 12), 12)
    assert (clean.verdict, clean.completion_pct, clean.margin) == (ACHIEVED, None, D(0))
    one = evaluate_target(none_allowed, figure("1", 12), 12)
    assert (one.verdict, one.margin) == (MISSED, D(-1))


@pytest.mark.parametrize(
    ("rate", "verdict"),
    [("6", ON_TRACK), ("5.9", SLIGHTLY_BEHIND), ("5", SLIGHTLY_BEHIND), ("4.9", BEHIND)],
)
def test_growth_tolerance_is_one_point_inclusive(rate: str, verdict: Verdict) -> None:
    progress = evaluate_target(target("growth", "6"), figure(rate, 6), 6)
    assert progress.verdict is verdict


def test_a_growth_ceiling_is_judged_the_other_way_round() -> None:
    ceiling = target("growth", "3", direction=Direction.AT_MOST)  # energy use: at most +3 %
    assert evaluate_target(ceiling, figure("2.5", 12), 12).verdict is ACHIEVED
    assert evaluate_target(ceiling, figure("3.1", 12), 12).verdict is MISSED
    assert evaluate_target(ceiling, figure("4", 6), 6).verdict is SLIGHTLY_BEHIND
    assert evaluate_target(ceiling, figure("4.1", 6), 6).verdict is BEHIND


@pytest.mark.parametrize(
    ("value", "verdict"),
    [("100", ON_TRACK), ("95", SLIGHTLY_BEHIND), ("94.9", BEHIND), ("120", ON_TRACK)],
)
def test_a_level_floor_has_a_tolerance_of_five_percent_of_its_target(
    value: str, verdict: Verdict
) -> None:
    progress = evaluate_target(target("level", "100"), figure(value, 6), 6)
    assert progress.verdict is verdict
    assert progress.margin == D(value) - 100


def test_tolerances_come_from_the_target() -> None:
    strict = target("growth", "6", tolerances=Tolerances(growth_pp=D("0.2")))
    assert evaluate_target(strict, figure("5.8", 6), 6).verdict is SLIGHTLY_BEHIND
    assert evaluate_target(strict, figure("5.7", 6), 6).verdict is BEHIND


# -- amounts: pace, schedules, projections and what is still needed -----------------------------


def test_an_amount_reached_early_is_achieved_and_short_at_year_end_is_missed() -> None:
    amount = target("amount", "120")
    assert evaluate_target(amount, figure("120", 4), 4).verdict is ACHIEVED
    assert evaluate_target(amount, figure("119.9", 12), 12).verdict is MISSED
    # 10 points behind the pace of June (50 %): still only slightly
    assert evaluate_target(amount, figure("48", 6), 6).verdict is SLIGHTLY_BEHIND
    assert evaluate_target(amount, figure("47.9", 6), 6).verdict is BEHIND


def test_a_schedule_with_nothing_due_yet_gives_no_projection_and_no_division_by_zero() -> None:
    zeros = (D(0), D(0), D(10), D(20), D(30), D(40), D(50), D(60), D(70), D(80), D(90), D(100))
    staged = target("amount", "100", schedule=zeros)
    early = evaluate_target(staged, figure("5", 2), 2)
    assert (early.pace_pct, early.projection, early.verdict) == (D(0), None, ON_TRACK)
    small = evaluate_target(staged, figure("1", 3), 3)  # 10 % due, 1 done: 10 by year end
    assert (small.projection, small.projection_pct) == (D(10), D(10))


def test_the_projection_runs_the_rate_so_far_to_year_end() -> None:
    progress = evaluate_target(target("amount", "305"), figure("140", 6), 6)
    assert (progress.projection, progress.projection_pct) == (D(280), D("91.8"))
    halfway = evaluate_target(target("amount", "305"), figure("1.0025", 6), 6)
    assert halfway.projection == D("2.01")  # 2.005, rounded half up


def test_a_schedule_share_below_one_percent_still_projects() -> None:
    shares = (D("0.5"), *(D(10 * month) for month in range(2, 11)), D(100), D(100))
    staged = target("amount", "100", schedule=shares)
    progress = evaluate_target(staged, figure("1", 1), 1)
    assert (progress.pace_pct, progress.projection) == (D("0.5"), D(200))


def test_a_figure_that_cannot_be_read_in_the_targets_unit_counts_as_no_data() -> None:
    amount = target("amount", "120")
    other = figure("90", 9)._replace(unit="万亩")
    progress = evaluate_target(amount, other, 9)
    assert (progress.verdict, progress.target, progress.figure) == (NO_DATA, amount, other)
    converted = evaluate_target(amount, figure("90", 9)._replace(unit="万元"), 9)
    assert converted.actual == D("0.009")  # 90 万元 in 亿元


def test_an_over_achieved_target_still_needs_nothing() -> None:
    seen = outlook(target("amount", "120"), figure("150", 9))
    assert seen is not None
    assert (seen.remaining, seen.months_left, seen.needed_per_month) == (D(0), 3, D(0))
    assert seen.rate_so_far == D("16.67")
    short = outlook(target("amount", "120"), figure("90", 9))
    assert short is not None and (short.remaining, short.needed_per_month) == (D(30), D(10))
    december = outlook(target("amount", "120"), figure("90", 12))
    assert december is not None and december.needed_per_month is None
    assert outlook(target("growth", "6"), figure("5", 6)) is None
    other_dimension = figure("90", 9)._replace(unit="万亩")  # cannot be read in 亿元
    assert outlook(target("amount", "120"), other_dimension) is None
    halves = outlook(target("amount", "120"), figure("100.25", 2))  # 50.125 a month
    assert halves is not None and halves.rate_so_far == D("50.13")  # rounded half up
    thirds = outlook(target("amount", "120"), figure("100.25", 9))  # 19.75 over 3 months
    assert thirds is not None and thirds.needed_per_month == D("6.58")


def test_last_years_same_period_gives_the_year_on_year_growth() -> None:
    amount = target("amount", "120")
    with_prior = figure("110", 6)._replace(prior=D(100))
    assert evaluate_target(amount, with_prior, 6).yoy_pct == D(10)
    falling = figure("90", 6)._replace(prior=D(100))
    assert evaluate_target(amount, falling, 6).yoy_pct == D(-10)
    in_wan = figure("110", 6)._replace(unit="万元", prior=D(100))  # both in 万元
    progress = evaluate_target(amount, in_wan, 6)
    assert (progress.actual, progress.yoy_pct) == (D("0.011"), D(10))


# -- periods ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2023-13", ("期别“2023-13”没有第13月；月份只能是1至12月，例如 2023年1-6月 或 2023-06。",)),
        ("2023-00", ("期别“2023-00”没有第0月",)),
        ("2023年1-13月", ("2023年1-13月", "没有第13月")),
        ("2023年1-十三月", ("2023年1-十三月", "没有第十三月")),
        ("2023年0月", ("2023年0月", "没有第0月")),
        ("2023年十三月", ("2023年十三月", "没有第十三月")),
    ],
)
def test_a_month_beyond_the_year_is_named_in_the_refusal(text: str, words: tuple[str, ...]) -> None:
    with pytest.raises(InputError) as refused:
        parse_period(text)
    sentence = refused.value.render("zh")[0]
    assert all(word in sentence for word in words), sentence


# -- quantities, magnitude words and units ------------------------------------------------------

_MAGNITUDE = {
    "十": 10,
    "百": 100,
    "千": 1000,
    "万": 10**4,
    "十万": 10**5,
    "百万": 10**6,
    "千万": 10**7,
    "亿": 10**8,
}


@pytest.mark.parametrize("word", list(_MAGNITUDE))
@pytest.mark.parametrize(("unit", "scale"), [("元", 1), ("万元", 10**4), ("亿元", 10**8)])
def test_a_magnitude_word_alone_scales_the_base_unit(word: str, unit: str, scale: int) -> None:
    expected = D(3) * _MAGNITUDE[word] / scale
    assert parse_quantity(f"3{word}", unit, "t") == expected.normalize()


def test_the_largest_quantity_is_just_below_ten_to_the_fifteen_base_units() -> None:
    assert parse_quantity("999999999999999", "元", "t") == D("999999999999999")
    assert parse_quantity("9999999.99", "亿元", "t") == D("9999999.99")
    for text, unit in (("1000000000000000", "元"), ("10000000", "亿元"), ("-10000000", "亿元")):
        with pytest.raises(InputError):
            parse_quantity(text, unit, "t")


def test_conversion_stays_within_a_dimension_and_keeps_plain_digits() -> None:
    assert convert(D(2500), "万美元", "亿美元") == D("0.25")
    assert convert(D("0.25"), "亿美元", "美元") == D(25_000_000)
    assert convert(D(3), "个", "项") == D(3)
    assert convert(D(1), "亿元", "亿美元") is None
    assert convert(D(1), "亿元", "unknown") is None
    assert format_decimal(D("2.5E+3")) == "2500"
    assert format_decimal(D("0.2500")) == "0.25"
    assert format_decimal(D("0.0000001")) == "0.0000001"  # never 1E-7


# -- the derived mark ---------------------------------------------------------------------------


def test_a_rate_derived_from_levels_keeps_its_mark_in_every_output(run: Run) -> None:
    import json

    assert run("record gdp --level 105 --prior 100 --period 2023-06").exit_code == 0
    assert run("record exports 9.5 --period 2023-06").exit_code == 0
    rows = {r["id"]: r for r in json.loads(run("status --format json").stdout)}
    assert (rows["gdp"]["actual"], rows["gdp"]["derived"]) == (5, True)
    assert rows["exports"]["derived"] is False
    table = run("status --lang en").stdout
    assert "+5.0%*" in table and "+9.5%*" not in table and "+9.5%" in table
    assert "5%*" in run("show gdp --lang zh").stdout
    plain = run("show exports --lang zh").stdout
    assert "9.5%" in plain and "9.5%*" not in plain


# -- refusals say what was typed, for which target, and what to enter --------------------------

_AS_PLAIN_NUMBER = "write the digits out, or use a magnitude word such as 万 or 亿."


@pytest.mark.parametrize(
    ("text", "unit", "sentence"),
    [
        (
            "3斤",
            "亿元",
            "'斤' in '3斤' is not a unit this tool knows; enter 外资 in 亿元, with or without a "
            "magnitude such as 万 or 亿.",
        ),
        (
            "3万亩",
            "亿元",
            "'3万亩' is area (mu), but 外资 is measured in 亿元 (yuan); enter it in 亿元.",
        ),
        (
            "3万美元",
            "亿元",
            "'3万美元' is in US dollars, but 外资 is counted in 亿元; currencies are never "
            "converted, so enter the figure in yuan.",
        ),
        (
            "abc",
            "亿元",
            "The value 'abc' is not a number; give digits such as 2500 or 1,234.5, optionally "
            "followed by a unit.",
        ),
        (
            "9999999999999999",
            "个",
            "The value '9999999999999999' is implausibly large for 外资 (个); check the figure "
            "and its unit.",
        ),
        (
            "2.5",
            "家",
            "The value '2.5' is a fraction, but 外资 counts whole 家; give a whole number.",
        ),
        (  # a plain number, read without the general path, is held to the same bound
            "10000000",
            "亿元",
            "The value '10000000' is implausibly large for 外资 (亿元); check the figure "
            "and its unit.",
        ),
        ("9999999", "亿元", None),  # just below: 999,999,900,000,000 yuan
        (
            "2.50",
            "家",
            "The value '2.50' is a fraction, but 外资 counts whole 家; give a whole number.",
        ),
        ("  ", "亿元", "The value is empty; give a number such as 12.5."),
        ("-inf", "亿元", "The value '-inf' is not a finite number; give a real figure."),
        *(
            (text, "亿元", f"The value '{text}' is in exponent notation; {_AS_PLAIN_NUMBER}")
            for text in ("1e9", "1E9", "2.5e+3", "1e-3")
        ),
        *(
            (
                text,
                "亿元",
                f"The value '{text}' is not a number; write thousands as 1,234 or 1 234 and "
                "decimals as 1.5, with no other spaces inside.",
            )
            for text in ("12 3万", "1.2.3")
        ),
        (
            "0.12345678901234567890123456789",
            "亿元",
            "The value '0.12345678901234567890123456789' has more than 28 significant digits, "
            "more than can be kept exactly; round it.",
        ),
    ],
)
def test_a_quantity_refusal_names_the_text_the_target_and_the_unit(
    text: str, unit: str, sentence: str | None
) -> None:
    if sentence is None:
        assert parse_quantity(text, unit, "外资") == Decimal(text)
        return
    with pytest.raises(InputError) as refused:
        parse_quantity(text, unit, "外资")
    assert refused.value.render("en")[0] == sentence


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            "5万",
            "'5万' is not a rate; 增速 is recorded as a year-to-date growth rate in percent, "
            "such as 5.2 or -1.3%.",
        ),
        (
            "-100.5",
            "The rate '-100.5' is below -100 %, which no figure can fall by; check the figure.",
        ),
        ("1000.5", "The rate '1000.5' is implausible (beyond 1000 %); check the figure."),
        (  # with a sign, a % or a trailing zero: the general path, the same bounds
            " +1000.50% ",
            "The rate '+1000.50%' is implausible (beyond 1000 %); check the figure.",
        ),
        (
            "-100.50%",
            "The rate '-100.50%' is below -100 %, which no figure can fall by; check the figure.",
        ),
        (
            "x",
            "The rate 'x' is not a number; give digits such as 2500 or 1,234.5, optionally "
            "followed by a unit.",
        ),
    ],
)
def test_a_rate_refusal_names_the_text_and_the_target(text: str, sentence: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_rate(text, "增速")
    assert refused.value.render("en")[0] == sentence


@pytest.mark.parametrize(
    ("value", "shown"),
    [("-0.04", "0.0"), ("-0.05", "-0.1"), ("0.04", "0.0"), ("-1.25", "-1.3"), ("0", "0.0")],
)
def test_a_percentage_rounds_half_up_and_is_never_minus_zero(value: str, shown: str) -> None:
    assert str(round_pct(Decimal(value))) == shown


@pytest.mark.parametrize("text", ["1949-01", "2099-12", "1949", "2099年1-6月"])
def test_the_first_and_last_years_a_period_may_have(text: str) -> None:
    assert 1949 <= parse_period(text).year <= 2099


@pytest.mark.parametrize(("text", "year"), [("1948-12", 1948), ("2100-01", 2100), ("2203", 2203)])
def test_a_year_beyond_them_is_refused_naming_the_year_and_the_range(text: str, year: int) -> None:
    with pytest.raises(InputError) as refused:
        parse_period(text)
    said = refused.value.text
    assert isinstance(said, Message)
    assert said.render("en") == (
        f"The period {text} is in the year {year}, outside 1949 to 2099; check the year."
    )
    assert said.render("zh") == (f"期别“{text}”的年份{year}不在1949至2099年之间；请检查年份。")
