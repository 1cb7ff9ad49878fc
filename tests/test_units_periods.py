"""Parsing what people type: quantities with units and magnitudes, rates, periods."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targettrack.core.periods import Period, month_period, parse_period
from targettrack.core.units import (
    canonical,
    format_decimal,
    grouped,
    parse_quantity,
    parse_rate,
    with_unit,
)
from targettrack.errors import InputError


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("2500", "万美元", "2500"),
        ("2,500", "万美元", "2500"),
        ("2500万美元", "万美元", "2500"),
        ("0.25亿美元", "万美元", "2500"),
        ("25000000美元", "万美元", "2500"),
        ("2500万", "万美元", "2500"),
        ("2.83万亩", "万亩", "2.83"),
        ("28300亩", "万亩", "2.83"),
        ("28300 亩", "万亩", "2.83"),
        ("2.83万亩", "亩", "28300"),
        ("1,234.5", "亿元", "1234.5"),
        ("3000万元", "亿元", "0.3"),
        ("3000万", "亿元", "0.3"),
        ("１２３", "个", "123"),
        ("1.16万吨", "万吨", "1.16"),
        ("11600吨", "万吨", "1.16"),
        ("6家", "家", "6"),
        ("12345678.123456789", "万元", "12345678.123456789"),
        ("5千万元", "亿元", "0.5"),
        ("3百万美元", "万美元", "300"),
        ("2十万亩", "万亩", "20"),
        ("3千万美元", "亿美元", "0.3"),
        ("4百万元", "万元", "400"),
        ("2万元", "元", "20000"),
        ("2500万美元", "亿美元", "0.25"),
        ("3项", "个", "3"),
        ("3个", "项", "3"),
        ("2万户", "户", "20000"),
        ("1.5万人", "人", "15000"),
        ("5 万亩", "亩", "50000"),
        ("1 234.5", "万元", "1234.5"),
        ("3000 USD", "万美元", "0.3"),
        ("3千USD", "万美元", "0.3"),
        ("2万MU", "亩", "20000"),
    ],
)
def test_quantities_convert_within_a_dimension(text: str, unit: str, expected: str) -> None:
    assert parse_quantity(text, unit, "x") == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "unit", "fragment"),
    [
        ("2500万元", "万美元", "currencies are never converted"),
        ("0.1亿美元", "亿元", "currencies are never converted"),
        ("2.83万吨", "万亩", "measured in 万亩"),
        ("5家", "个", "measured in 个"),
        ("5%", "个", "measured in 个"),
        ("", "个", "is empty"),
        ("   ", "个", "is empty"),
        ("abc", "个", "is not a number"),
        ("nan", "个", "not a finite number"),
        ("inf", "个", "not a finite number"),
        ("-Infinity", "个", "not a finite number"),
        ("1e9", "个", "exponent notation"),
        ("1,23", "个", "is not a number"),
        ("5 furlongs", "个", "not a unit this tool knows"),
        ("9999999999999999", "个", "implausibly large"),
        ("100000000亿元", "亿元", "implausibly large"),
        ("12 34", "亿元", "with no other spaces inside"),
        ("1 2345", "亿元", "with no other spaces inside"),
        ("2.5", "家", "is a fraction"),
        ("3千家万", "亿元", "not a unit this tool knows"),
        ("五百", "亿元", "is not a number"),
    ],
)
def test_bad_quantities_are_refused(text: str, unit: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        parse_quantity(text, unit, "x")
    assert fragment in info.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5.2", "5.2"),
        ("-1.3", "-1.3"),
        ("5.2%", "5.2"),
        ("+5.20％", "5.2"),
        ("-1", "-1"),
        ("-100", "-100"),
        ("1000", "1000"),
        ("0", "0"),
    ],
)
def test_rates(text: str, expected: str) -> None:
    assert parse_rate(text, "gdp") == Decimal(expected)


@pytest.mark.parametrize(
    "text", ["5.2亿元", "1001", "nan", "", "5.2.1", "-100.1", "1000.1", "5万", "5亿元"]
)
def test_bad_rates(text: str) -> None:
    with pytest.raises(InputError):
        parse_rate(text, "gdp")


@given(st.decimals(min_value=0, max_value=Decimal("1e10"), places=6, allow_nan=False))
def test_any_plain_decimal_reads_back_exactly(value: Decimal) -> None:
    text = format_decimal(value)
    assert parse_quantity(text, "万元", "x") == value
    assert "E" not in text


@pytest.mark.parametrize(
    ("text", "label", "month"),
    [
        ("2023-06", "2023-06", 6),
        ("2023-6", "2023-06", 6),
        ("2023-Q2", "2023-Q2", 6),
        ("2023q3", "2023-Q3", 9),
        ("2023-H1", "2023-H1", 6),
        ("2023-H2", "2023-H2", 12),
        ("2023", "2023", 12),
        ("2023-02", "2023-02", 2),
        ("2023H1", "2023-H1", 6),
        ("2023年1-6月", "2023-06", 6),
        ("2023年1－2月", "2023-02", 2),
        ("2023年1～9月", "2023-09", 9),
        ("2023年1~9月", "2023-09", 9),
        ("2023年1至9月", "2023-09", 9),
        ("2023年1–10月", "2023-10", 10),
        ("2023年1—11月份", "2023-11", 11),
        ("2023年1-12月", "2023", 12),
        ("2023年1月", "2023-01", 1),
        ("2023年1月份", "2023-01", 1),
        ("2023年一季度", "2023-Q1", 3),
        ("2023年第一季度", "2023-Q1", 3),
        ("2023年1季度", "2023-Q1", 3),
        ("2023年上半年", "2023-H1", 6),
        ("2023年前三季度", "2023-Q3", 9),
        ("2023年", "2023", 12),
        ("2023年全年", "2023", 12),
        ("2023-Q1", "2023-Q1", 3),
        ("2023-q4", "2023-Q4", 12),
        ("2023年一至十一月", "2023-11", 11),
        ("2023年1-十二月", "2023-12", 12),
        ("2023年1-十月", "2023-10", 10),
        ("2023年1-1月", "2023-01", 1),
        ("2023年1-12月份", "2023", 12),
        ("2023年一月份", "2023-01", 1),
        ("2023 年 1 - 6 月", "2023-06", 6),
    ],
)
def test_periods(text: str, label: str, month: int) -> None:
    period = parse_period(text)
    assert (period.label, period.month, period.year) == (label, month, 2023)


@pytest.mark.parametrize(
    "text",
    [
        "2023-13",
        "2023-00",
        "2023-Q5",
        "2023-H3",
        "June",
        "23-06",
        "",
        "2023年13月",
        "2023年五季度",
        "2023年2-6月",
        "2023年1-13月",
        "2023年1-0月",
        "2023年1-十一二月",
        "2023年1-五十月",
        "2023年十三月",
        "6/2023",
        "2023\n年1-6月",
        # a year no figure can be of: typing slips
        "0001-06",
        "0000-06",
        "1900",
        "2203-Q1",
        "0023年1-6月",
    ],
)
def test_bad_periods(text: str) -> None:
    with pytest.raises(InputError):
        parse_period(text)


@pytest.mark.parametrize(
    ("text", "alone", "cumulative"),
    [
        ("2023年6月", "第6月", "2023年1-6月"),
        ("2023年6月份", "第6月", "2023年1-6月"),
        ("2023年二月", "第2月", "2023年1-2月"),
        ("2023年10月", "第10月", "2023年1-10月"),
        ("2023年十二月", "第12月", "2023年1-12月"),
        ("2023年二季度", "第2季度", "2023年上半年"),
        ("2023年第二季度", "第2季度", "2023年上半年"),
        ("2023年2季度", "第2季度", "2023年上半年"),
        ("2023年三季度", "第3季度", "2023年前三季度"),
        ("2023年第三季度", "第3季度", "2023年前三季度"),
        ("2023年3季度", "第3季度", "2023年前三季度"),
        ("2023年四季度", "第4季度", "2023年全年"),
        ("2023年4季度", "第4季度", "2023年全年"),
        ("2023年下半年", "下半年", "2023年全年"),
    ],
)
def test_single_month_quarter_or_half_forms_are_refused_with_the_cumulative_form(
    text: str, alone: str, cumulative: str
) -> None:
    with pytest.raises(InputError) as refused:
        parse_period(text)
    assert f"write {cumulative}" in refused.value.message
    sentence = refused.value.render("zh")[0]
    assert f"“{text}”" in sentence and alone in sentence and cumulative in sentence, sentence


def test_a_release_period_may_leave_out_the_year_when_one_is_known() -> None:
    assert parse_period("1-6月", default_year=2024) == (2024, 6, "2024-06")
    assert parse_period("前三季度", default_year=2024).label == "2024-Q3"
    with pytest.raises(InputError):
        parse_period("1-6月")


@pytest.mark.parametrize(
    ("label", "zh", "en"),
    [
        ("2023-01", "1月", "Jan"),
        ("2023-02", "1-2月", "Jan–Feb"),
        ("2023-06", "1-6月", "Jan–Jun"),
        ("2023-12", "1-12月", "Jan–Dec"),
        ("2023-Q1", "一季度", "Jan–Mar"),
        ("2023-Q2", "上半年", "Jan–Jun"),
        ("2023-Q3", "前三季度", "Jan–Sep"),
        ("2023-Q4", "全年", "full year"),
        ("2023-H1", "上半年", "Jan–Jun"),
        ("2023-H2", "全年", "full year"),
        ("2023", "全年", "full year"),
    ],
)
def test_period_labels_as_the_office_writes_them(label: str, zh: str, en: str) -> None:
    from targettrack.core.periods import period_label

    assert period_label(label, "zh") == zh
    assert period_label(label, "en") == en
    assert period_label(label, "zh", year=True) == f"2023年{zh}"
    assert period_label(label, "en", year=True) == f"{en} 2023"


def test_the_latest_month_is_a_period_of_its_own_year() -> None:
    assert month_period(2024, 3) == Period(2024, 3, "2024-03")
    assert month_period(2023, 12) == parse_period("2023-12")


def test_an_unknown_period_is_quoted_in_its_refusal() -> None:
    with pytest.raises(InputError) as info:
        parse_period("June")
    assert info.value.message.startswith("'June' is not a period; write a month (2023-06)")


def test_an_e_followed_by_other_letters_is_a_unit_not_an_exponent() -> None:
    with pytest.raises(InputError) as info:
        parse_quantity("1eX9", "亿元", "x")
    assert info.value.message.startswith("'eX9' in '1eX9' is not a unit this tool knows")


def test_twenty_eight_significant_digits_are_kept_exactly() -> None:
    digits = "0.1234567890123456789012345678"  # 28 digits after the leading zero
    assert parse_quantity(digits, "亿元", "x") == Decimal(digits)


@pytest.mark.parametrize(
    ("value", "plain", "shown"),
    [
        ("2500.00", "2500", "2,500"),
        ("2.5E+3", "2500", "2,500"),
        ("20", "20", "20"),
        ("2E+1", "20", "20"),
        ("1234.50", "1234.5", "1,234.5"),
        ("-0.0", "0", "0"),
    ],
)
def test_a_number_is_kept_and_shown_without_exponent_or_trailing_zeros(
    value: str, plain: str, shown: str
) -> None:
    assert str(canonical(Decimal(value))) == plain  # as stored and as JSON writes it
    assert grouped(Decimal(value)) == shown
    assert with_unit(Decimal(value), None) == shown
    assert with_unit(Decimal(value), "万美元") == f"{shown} 万美元"
    assert with_unit(Decimal(value), "%") == f"{shown}%"
