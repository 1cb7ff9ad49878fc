"""Numbers, targets and figures as short text for people: plain Python, no terminal.

Shared by the terminal tables, the Excel workbook, Markdown and the CLI's confirmations.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from targettrack.core.engine import Progress, round_pct
from targettrack.core.models import Catalogue, Direction, Figure, Kind, Target
from targettrack.core.outlook import Method, as_shown
from targettrack.core.periods import Period, period_label
from targettrack.core.units import with_unit
from targettrack.core.words import (
    PeriodName,
    StateName,
    TargetName,
    TimeName,
    likelihood_word,
    state_word,
    word,
)
from targettrack.messages import Message, Text
from targettrack.usecases.recording import Recorded

SPARK = "▁▂▃▄▅▆▇█"

STALE = "※"  # beside a figure older than its rhythm allows at the report's period


def pct(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.1f}%"


def pp(value: Decimal, lang: str) -> str:
    return f"{value:+.1f}{word('pp', lang)}"


def named(name: str, ident: str, lang: str) -> str:
    """An indicator as a title names it: in Chinese by its name alone (实际利用外资), which every
    command takes; in English with the id someone may type next (Foreign investment (fdi))."""
    return name if lang == "zh" else f"{name} ({ident})"


def target_text(target: Target, catalogue: Catalogue, lang: str) -> str:
    if target.kind is Kind.MILESTONE:
        return word("milestone_goal", lang)
    if target.kind is Kind.RELATIVE:
        ref = catalogue.by_id.get(target.relative_to or "")
        ref_name = ref.name(lang) if ref else (target.relative_to or "")
        return word("in_step_with", lang).format(ref=ref_name)
    assert target.target is not None
    if target.kind is Kind.GROWTH:
        return ("增长" if lang == "zh" else "+") + with_unit(target.target, "%")
    text = with_unit(target.target, target.unit)
    if target.kind is Kind.LEVEL:
        return ("≥ " if target.direction is Direction.AT_LEAST else "≤ ") + text
    return text


def actual_text(progress: Progress, lang: str) -> str:
    if progress.figure is None:
        return "—"
    if progress.state is not None:
        return state_word(progress.state, lang)
    if progress.actual is None:
        return "—"
    if progress.target.is_rate:  # a published rate: one decimal, half up, with its sign
        text = f"{round_pct(progress.actual):+.1f}%"
    else:
        text = with_unit(progress.actual, progress.target.unit)
    return text + ("*" if progress.derived else "")


def outlook_text(progress: Progress, lang: str) -> str:
    """The 全年预计 cell: the projected year end (as the target is written) and the outlook in
    a word; for a relative target or a milestone, the word alone."""
    look = progress.outlook
    if look is None or look.likelihood is None:
        return ""
    said = likelihood_word(look.likelihood, lang, final=look.method is Method.YEAR_END)
    target = progress.target
    if look.value is None or not (target.kind.is_quantity or target.kind is Kind.GROWTH):
        return said
    if target.kind is Kind.GROWTH:
        return f"{round_pct(look.value):+.1f}% {said}"
    return f"{with_unit(as_shown(look.value, target, progress.actual), target.unit)} {said}"


def own_period(progress: Progress, lang: str) -> str:
    """A figure older than its rhythm allows: its own period and the mark (1-6月 ※); else
    nothing."""
    figure = progress.figure
    if figure is None or not progress.stale:
        return ""
    return f"{period_label(figure.period, lang)} {STALE}"


def with_own_period(text: str, progress: Progress, lang: str) -> str:
    """A figure older than its rhythm allows, with its own period and the mark beside it:
    1,500 万美元（1-6月 ※）; any other as it is."""
    own = own_period(progress, lang)
    if not own:
        return text
    return f"{text}（{own}）" if lang == "zh" else f"{text} ({own})"


def stale_notes(progress: Iterable[Progress], lang: str) -> tuple[str, ...]:
    """The note under a table that marks an old figure, where one is marked."""
    if any(own_period(p, lang) for p in progress):
        return (word("stale_note", lang).format(mark=STALE),)
    return ()


def range_text(low: str, high: str, lang: str) -> str:
    """A range as the office writes it: 2,600～3,250 万美元 in Chinese, 2,600 ~ 3,250 in
    English (each end with its unit, as given)."""
    return f"{low}～{high}" if lang == "zh" else f"{low} ~ {high}"


def actual_cell(progress: Progress, lang: str) -> str:
    """The status table's figure column: an amount's, level's or milestone's figure, a rate
    target's level when one is recorded (its rate has a column of its own), else blank; a
    dash where nothing is recorded."""
    target, figure = progress.target, progress.figure
    if target.kind.is_quantity or target.kind is Kind.MILESTONE:
        return actual_text(progress, lang) if figure else "—"
    if progress.level is not None:
        return with_unit(progress.level, target.value_unit)
    return "" if figure else "—"


def _signed(value: Decimal | None) -> str:
    return "" if value is None else f"{value:+.1f}"


SHORT = 24  # characters of a reason or measures the 备注 column carries


def short(text: str, limit: int = SHORT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def note_with_reason(note: str, reason: str, measures: str, lang: str) -> str:
    """The 备注 of a lagging target: the figure's note, then its reason and measures in
    short (原因：…；措施：…)."""
    parts = [note] if note else []
    if reason:
        parts.append(word("reason_short", lang) + short(reason))
    if measures:
        parts.append(word("measures_short", lang) + short(measures))
    return ("；" if lang == "zh" else "; ").join(parts)


def office_cells(
    progress: Progress,
    catalogue: Catalogue,
    lang: str,
    explained: tuple[str, str] | None = None,
) -> dict[str, str]:
    """A target's row of the office's 完成情况表, as text: 年度目标 (goal), 1-N月完成 (actual),
    同比增长% (yoy), 完成年度目标% (completion), 序时进度 (pace), 差距 (gap), the figure as
    one cell (value), completion or gap (progress), 全年预计 (outlook), 责任单位 and 备注."""
    target, figure = progress.target, progress.figure
    kind = target.kind
    rate = actual_text(progress, "en") if kind.is_rate else ""
    return {
        "goal": target_text(target, catalogue, lang),
        "actual": actual_cell(progress, lang),
        "value": actual_text(progress, lang),
        "yoy": rate if kind.is_rate else pct(progress.yoy_pct),
        "completion": pct(progress.completion_pct),
        "pace": pct(progress.pace_pct),
        "gap": "" if kind is Kind.LEVEL else _signed(progress.gap_pp),
        "progress": progress_text(progress, lang),
        "outlook": outlook_text(progress, lang),
        "department": target.department,
        "note": note_with_reason(figure.note if figure else "", *(explained or ("", "")), lang)
        if explained and progress.verdict.lagging
        else (figure.note if figure else ""),
    }


def progress_text(progress: Progress, lang: str) -> str:
    kind = progress.target.kind
    if kind.is_quantity and progress.completion_pct is not None:
        return pct(progress.completion_pct)
    if kind.is_rate and progress.gap_pp is not None:
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


def figure_value_text(figure: Figure, lang: str) -> str:
    """A stored figure's value for people: the number with its unit, or the state's word."""
    state = figure.state
    if state is not None:
        text = state_word(state, lang)
    else:
        assert figure.number is not None
        text = with_unit(figure.number, figure.unit) + ("*" if figure.derived else "")
    return f"{text} {word('withdrawn_mark', lang)}" if figure.withdrawn else text


def report_title(catalogue: Catalogue, as_of: Period | None, lang: str) -> str:
    """The title every report carries: region, year and the period it is as of."""
    title = word("report_title", lang).format(
        region=catalogue.region_name(lang), year=catalogue.year
    )
    return as_of_title(title, as_of, lang)


def as_of_title(title: str, as_of: Period | None, lang: str) -> str:
    """A title with the period its table is as of: 各地区指标排名（截至2023年1-6月）."""
    if not as_of:
        return title
    period = word("as_of", lang).format(period=period_label(as_of.label, lang, year=True))
    return f"{title}（{period}）" if lang == "zh" else f"{title} ({period})"


def _shown(figure: Figure) -> Text:
    state = figure.state
    if state is not None:
        return StateName(state)
    assert figure.number is not None
    return with_unit(figure.number, figure.unit)


def record_confirmation(
    outcome: Recorded, target: Target | None = None, region: Text | None = None
) -> Message:
    """What ``record`` says: what was stored (the target by name, with its ``region`` where
    the catalogue has several) and, for a revision, what it replaced."""
    stored, previous = outcome.stored, outcome.previous
    status = Message(f"status.{stored.status}")
    name: Text = TargetName.of(target, stored.target_id)
    if region is not None:
        name = Message("target.in_region", region=region, target=name)
    values = {
        "target": name,
        "period": PeriodName(stored.period),
        "value": _shown(stored),
    }
    if outcome.unchanged:
        return Message("record.unchanged", **values, status=status, version=stored.version)
    derived: Text = Message("record.derived_suffix") if stored.derived else ""
    if previous is not None:
        return Message(
            "record.revised",
            **values,
            old=_shown(previous),
            status=status,
            derived=derived,
            version=stored.version,
        )
    return Message("record.recorded", **values, status=status, derived=derived)


def catalogue_title(catalogue: Catalogue, lang: str) -> str:
    """The catalogue's heading: 洛江区2023年目标, Luojiang District 2023 targets."""
    return word("catalogue_title", lang).format(
        region=catalogue.region_name(lang), year=catalogue.year
    )


def local_time(stamp: str, lang: str) -> str:
    """A stored ISO 8601 time as a table's column shows it: local time to the minute, with
    the zone's name in English."""
    return TimeName(stamp, compact=True).render(lang)
