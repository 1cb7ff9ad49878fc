"""Numbers, targets and figures as short text for people: plain Python, no terminal.

Shared by the Rich tables (``render``), the Excel workbook and the CLI's confirmations.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from targettrack.labels import state_word, word
from targettrack.models import Catalogue, Target
from targettrack.progress import Progress
from targettrack.units import canonical

SPARK = "▁▂▃▄▅▆▇█"


def number(value: Decimal) -> str:
    """A decimal for people: thousands separated, no trailing zeros."""
    return format(canonical(value), ",f")


def pct(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.1f}%"


def with_unit(value: Decimal, unit: str | None) -> str:
    if not unit:
        return number(value)
    return f"{number(value)}{unit}" if unit == "%" else f"{number(value)} {unit}"


def pp(value: Decimal, lang: str) -> str:
    return f"{value:+.1f}{word('pp', lang)}"


def target_text(target: Target, catalogue: Catalogue, lang: str) -> str:
    if target.kind == "milestone":
        return word("milestone_goal", lang)
    if target.kind == "relative":
        ref = catalogue.by_id.get(target.relative_to or "")
        ref_name = ref.name(lang) if ref else (target.relative_to or "")
        return word("in_step_with", lang).format(ref=ref_name)
    assert target.target is not None
    if target.kind == "growth":
        return ("增长" if lang == "zh" else "+") + with_unit(target.target, "%")
    text = with_unit(target.target, target.unit)
    if target.kind == "level":
        return ("≥ " if target.direction == "at_least" else "≤ ") + text
    return text


def actual_text(progress: Progress, lang: str) -> str:
    if progress.figure is None:
        return "—"
    if progress.target.kind == "milestone":
        return state_word(progress.state or "", lang)
    if progress.actual is None:
        return "—"
    text = with_unit(progress.actual, progress.target.unit)
    if progress.target.is_rate and progress.actual > 0:
        text = "+" + text
    return text + ("*" if progress.derived else "")


def progress_text(progress: Progress, lang: str) -> str:
    kind = progress.target.kind
    if kind in ("amount", "level") and progress.completion_pct is not None:
        return pct(progress.completion_pct)
    if kind in ("growth", "relative") and progress.gap_pp is not None:
        return pp(progress.gap_pp, lang)
    return ""


def sparkline(values: Sequence[Decimal]) -> str:
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low
    if span == 0:
        return SPARK[len(SPARK) // 2] * len(values)
    return "".join(SPARK[int((v - low) / span * (len(SPARK) - 1))] for v in values)
