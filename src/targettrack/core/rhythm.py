"""Each indicator's rhythm: how often its figure comes, and which figure a report may expect.

GDP and value added are compiled quarterly (一季度, 上半年, 前三季度, 全年); grain area and grain
output are known once a year; most investment, revenue, trade and count indicators come every
month, January and February together. A catalogue may say so per target (``frequency``); when
it does not, ``default_frequency`` gives the usual rhythm of the indicator. The defaults live
here and nowhere else: the catalogue's schema and the drafting of a catalogue both ask this
module.
"""

from __future__ import annotations

from targettrack.core.models import Frequency

# (words in the Chinese name, or ids, that mark the indicator) -> its usual rhythm; the first
# rule that matches wins, so the exceptions stand before the rules they except.
_NAME_RULES: tuple[tuple[tuple[str, ...], Frequency], ...] = (
    # 规模以上工业增加值 is published every month, unlike other value added
    (("规模以上", "规上"), Frequency.MONTHLY),
    (("生产总值", "增加值", "农林牧渔业总产值", "人均可支配收入"), Frequency.QUARTERLY),
    (("粮食",), Frequency.YEARLY),
)
_ID_RULES: tuple[tuple[tuple[str, ...], Frequency], ...] = (
    (("gdp", "grp", "agri_output", "income_per_capita"), Frequency.QUARTERLY),
    (("grain_area", "grain_output"), Frequency.YEARLY),
)
_ID_ENDINGS = (("_va", Frequency.QUARTERLY),)


def default_frequency(target_id: str, name_zh: str) -> Frequency:
    """The usual rhythm of an indicator, from its Chinese name (the report's own term) or,
    failing that, its id: quarterly for GDP, value added, farm output and per-capita income,
    yearly for grain, monthly for everything else."""
    for words, frequency in _NAME_RULES:
        if any(w in name_zh for w in words):
            return frequency
    for ids, frequency in _ID_RULES:
        if target_id in ids:
            return frequency
    for ending, frequency in _ID_ENDINGS:
        if target_id.endswith(ending):
            return frequency
    return Frequency.MONTHLY


def due_month(frequency: Frequency, as_of_month: int) -> int | None:
    """The month of the latest figure a report as of ``as_of_month`` may expect, or None when
    none is due yet.

    A monthly figure is due every month from February (January comes with February, as
    1-2月); a quarterly one at the end of each quarter (a 1-7月 table expects 上半年); a
    half-yearly one in June and December; a yearly one only in December.
    """
    if frequency is Frequency.MONTHLY:
        return as_of_month if as_of_month >= 2 else None
    step = frequency.months
    due = as_of_month - as_of_month % step
    return due or None
