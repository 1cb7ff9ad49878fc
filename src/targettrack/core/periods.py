"""Reporting periods: months, quarters, halves and the year, each read as of its end.

Figures are year-to-date, so a period is identified by the year and the month it ends in:
2023-06, 2023-Q2 and 2023-H1 all stand for "January to June 2023".
"""

from __future__ import annotations

import re
from typing import NamedTuple

from targettrack.errors import InputError, echo

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)
_HALF = re.compile(r"^(\d{4})-?H([12])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")
# The way Chinese statistical releases name periods: 2023年1-6月, 2023年6月, 2023年一季度,
# 2023年上半年, 2023年全年.
_ZH = re.compile(r"^(\d{4})年(?:(?:1-)?(\d{1,2})月|([一二三四1-4])季度|([上下])半年|全年)?$")
_ZH_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


class Period(NamedTuple):
    year: int
    month: int  # the month the period ends in, 1..12
    label: str


def parse_period(text: str) -> Period:
    """Read '2023-06', '2023-Q2', '2023-H1' or '2023', or the Chinese forms of releases."""
    raw = text.strip()
    if m := _MONTH.match(raw):
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise InputError(
                f"The period '{echo(text)}' has no month {month}; use 2023-01 to 2023-12."
            )
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
    if m := _ZH.match(raw.replace("－", "-").replace("~", "-").replace("—", "-")):
        year_text, zh_month, zh_quarter, zh_half = m.groups()
        if zh_month:
            return parse_period(f"{year_text}-{zh_month}")
        if zh_quarter:
            return parse_period(f"{year_text}-Q{_ZH_QUARTERS[zh_quarter]}")
        if zh_half:
            return parse_period(f"{year_text}-H{1 if zh_half == '上' else 2}")
        return parse_period(year_text)
    raise InputError(
        f"'{echo(text)}' is not a period; write a month (2023-06), a quarter (2023-Q2), "
        "a half (2023-H1) or a year (2023)."
    )


def month_period(year: int, month: int) -> Period:
    return Period(year, month, f"{year}-{month:02d}")
