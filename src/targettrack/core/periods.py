"""Reporting periods: months, quarters, halves and the year, each read as of its end.

Figures are year-to-date, so a period is identified by the year and the month it ends in:
2023-06, 2023-Q2 and 2023-H1 all stand for "January to June 2023".
"""

from __future__ import annotations

import re
from typing import NamedTuple

from targettrack.errors import InputError, echo
from targettrack.messages import Message

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)
_HALF = re.compile(r"^(\d{4})-?H([12])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")
# How Chinese releases name periods, the year first and optional: 2023年1-6月, 1-6月份,
# 2023年一季度, 上半年, 前三季度, 全年. Dashes of every width, ～ and 至 join the months.
_ZH_YEAR = re.compile(r"^(?:(\d{4})年?)?(.*)$")
_ZH_RANGE = re.compile(r"^(?:1|一)[-~至到](\d{1,2}|[一二三四五六七八九十]{1,3})月份?$")
_ZH_MONTH = re.compile(r"^(\d{1,2}|[一二三四五六七八九十]{1,3})月份?$")
_ZH_QUARTER = re.compile(r"^第?([一二三四1-4])季度$")
_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DASHES = str.maketrans(dict.fromkeys("－–—―~～", "-"))
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_QUARTERS_ZH = ("一", "二", "三", "四")


def _zh_number(text: str) -> int:
    """1 to 12 written in digits or in Chinese numerals (六, 十, 十二)."""
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + _ZH_DIGITS.get(text[1:], 0) if len(text) <= 2 else 0
    return _ZH_DIGITS.get(text, 0)


class Period(NamedTuple):
    year: int
    month: int  # the month the period ends in, 1..12
    label: str


def parse_period(text: str, default_year: int | None = None) -> Period:
    """Read '2023-06', '2023-Q2', '2023-H1' or '2023', or a Chinese release's year-to-date
    form (2023年1-6月, 一季度, 上半年, 前三季度, 全年; the year may be left out when
    ``default_year`` is given).

    Chinese forms that name a single month, quarter or half (6月, 二季度, 下半年) are refused
    with the cumulative form to write: filed as year to date they would be wrong figures.
    """
    period = _parse(text, default_year)
    if not FIRST_YEAR <= period.year <= LAST_YEAR:
        raise InputError(
            Message(
                "period.year_range",
                text=echo(text),
                year=period.year,
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
        )
    return period


# The years a figure may be of: a development target of the People's Republic's planning
# statistics, and never a typing slip such as 0023 or 2203.
FIRST_YEAR, LAST_YEAR = 1949, 2099


def _parse(text: str, default_year: int | None) -> Period:
    raw = text.strip()
    if m := _MONTH.match(raw):
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise InputError(Message("period.no_month", text=echo(text), month=month))
        return Period(year, month, f"{year}-{month:02d}")
    if m := _QUARTER.match(raw):
        year, quarter = int(m.group(1)), int(m.group(2))
        return Period(year, quarter * 3, f"{year}-Q{quarter}")
    if m := _HALF.match(raw):
        year, half = int(m.group(1)), int(m.group(2))
        return Period(year, half * 6, f"{year}-H{half}")
    if m := _YEAR.match(raw):
        year = int(m.group(1))
        return Period(year, 12, str(year))
    zh = _parse_chinese(raw.translate(_DASHES).replace(" ", ""), text, default_year)
    if zh is not None:
        return zh
    raise InputError(Message("period.unknown", text=echo(text)))


def _parse_chinese(raw: str, text: str, default_year: int | None) -> Period | None:
    match = _ZH_YEAR.match(raw)
    if match is None:  # a line break inside
        return None
    year_text, rest = match.groups()
    if year_text is None:
        if default_year is None or not rest:
            return None
        year = default_year
    else:
        year = int(year_text)
        if raw[4:5] != "年" and rest:
            return None  # 2023 and a release's words need 年 between them
    if rest in ("", "全年", "1-12月", "1-12月份"):
        return Period(year, 12, str(year))
    if rest == "上半年":
        return Period(year, 6, f"{year}-H1")
    if rest == "前三季度":
        return Period(year, 9, f"{year}-Q3")
    if m := _ZH_RANGE.match(rest):
        month = _zh_number(m.group(1))
        if not 1 <= month <= 12:
            raise InputError(Message("period.no_month", text=echo(text), month=m.group(1)))
        return Period(year, month, f"{year}-{month:02d}")
    if m := _ZH_MONTH.match(rest):
        month = _zh_number(m.group(1))
        if month == 1:
            return Period(year, 1, f"{year}-01")
        if not 2 <= month <= 12:
            raise InputError(Message("period.no_month", text=echo(text), month=m.group(1)))
        raise InputError(
            Message(
                "period.single_month",
                text=echo(text),
                month=month,
                cumulative=f"{year}年1-{month}月",
            )
        )
    if m := _ZH_QUARTER.match(rest):
        quarter = _ZH_DIGITS.get(m.group(1)) or int(m.group(1))
        if quarter == 1:
            return Period(year, 3, f"{year}-Q1")
        cumulative = {2: "上半年", 3: "前三季度", 4: "全年"}[quarter]
        raise InputError(
            Message(
                "period.single_quarter",
                text=echo(text),
                quarter=quarter,
                cumulative=f"{year}年{cumulative}",
            )
        )
    if rest == "下半年":
        raise InputError(Message("period.second_half", text=echo(text), cumulative=f"{year}年全年"))
    return None


def day_label(iso: str, lang: str) -> str:
    """A day (ISO 8601) as the reader writes one: 2023年1月6日 in Chinese, 2023-01-06 in
    English; anything else as given."""
    parts = iso[:10].split("-")
    if lang != "zh" or len(parts) != 3 or not all(p.isdigit() for p in parts):
        return iso
    return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"


def period_label(label: str, lang: str, *, year: bool = False) -> str:
    """A stored period as the office writes it: 1-6月, 一季度, 上半年, 前三季度, 全年; in
    English Jan–Jun, Q1, H1, Jan–Sep, full year. With ``year``, the year stands first."""
    period = parse_period(label)
    kind = label[5:6]
    if kind == "Q":
        zh = ("一季度", "上半年", "前三季度", "全年")[period.month // 3 - 1]
    elif kind == "H":
        zh = "上半年" if period.month == 6 else "全年"
    elif len(label) == 4:
        zh = "全年"
    else:  # a month, 2023-12 included: 1-12月
        zh = "1月" if period.month == 1 else f"1-{period.month}月"
    if lang == "zh":
        return f"{period.year}年{zh}" if year else zh
    if zh == "全年":
        en = "full year"
    elif period.month == 1:
        en = "Jan"
    else:
        en = f"Jan–{_MONTHS_EN[period.month - 1]}"
    return f"{en} {period.year}" if year else en


def month_period(year: int, month: int) -> Period:
    return Period(year, month, f"{year}-{month:02d}")
