"""Flat rows for every output: JSON, CSV, Markdown and Excel all write these same fields.

The field lists below are the documented contract (see the README); keys never change with
the language, only headers do.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from targettrack.core.engine import Progress
from targettrack.core.models import (
    Catalogue,
    Direction,
    Explanation,
    Figure,
    Frequency,
    Kind,
    Likelihood,
    State,
    Status,
    Target,
    Verdict,
)
from targettrack.core.periods import Period, period_label
from targettrack.core.words import (
    kind_word,
    likelihood_word,
    method_word,
    state_word,
    verdict_word,
    word,
)

if TYPE_CHECKING:
    from targettrack.usecases.views import CompareView

STATUS_FIELDS = (
    "id",
    "name_zh",
    "name_en",
    "group",
    "kind",
    "unit",
    "target",
    "direction",
    "commitment",
    "actual",
    "level",
    "yoy_pct",
    "period",
    "completion_pct",
    "pace_pct",
    "gap_pp",
    "margin",
    "reference_pct",
    "projection",
    "projection_pct",
    "verdict",
    "derived",
    "status",
    "stale",
    "department",
    "note",
    # the year-end outlook (全年预计), added after the fields above so that their columns keep
    # their places
    "outlook",
    "outlook_value",
    "outlook_low",
    "outlook_high",
    "outlook_pct",
    "outlook_method",
    "outlook_years",
    "needed_pct",
    "pace_basis",
    "cause",
    "measures",
)

RECORD_FIELDS = (
    "target",
    "name_zh",
    "name_en",
    "period",
    "version",
    "value",
    "unit",
    "status",
    "by",
    "on_behalf_of",
    "recorded_at",
    "source",
    "note",
    "level",
    "prior",
    "derived",
    "entered",
    "batch",
    "withdrawn",
    "reason",
)


def _identity(target: Target) -> dict[str, object]:
    """The fields that name and define a target, first in every row about it."""
    return {
        "id": target.id,
        "name_zh": target.name_zh,
        "name_en": target.name_en,
        "group": target.group,
        "kind": target.kind,
        "unit": target.unit,
        "target": target.target,
        "direction": target.direction if target.kind.has_direction else None,
        "commitment": target.commitment,
    }


def target_row(target: Target) -> dict[str, object]:
    baseline = target.baseline
    return {
        **_identity(target),
        "relative_to": target.relative_to,
        "value_unit": target.value_unit,
        "baseline_value": baseline.value if baseline else None,
        "baseline_unit": baseline.unit if baseline else None,
        "baseline_growth": baseline.growth if baseline else None,
        "department": target.department,
        "frequency": target.frequency,
    }


def status_row(
    progress: Progress, as_of: Period | None = None, explained: Explanation | None = None
) -> dict[str, object]:
    target = progress.target
    figure = progress.figure
    actual: object = progress.state if progress.state is not None else progress.actual
    look = progress.outlook.to_the_cent() if progress.outlook is not None else None
    return {
        **_identity(target),
        "actual": actual,
        "level": progress.level,
        "yoy_pct": progress.actual if target.kind.is_rate else progress.yoy_pct,
        "period": progress.period,
        "completion_pct": progress.completion_pct,
        "pace_pct": progress.pace_pct,
        "gap_pp": progress.gap_pp,
        "margin": progress.margin,
        "reference_pct": progress.reference,
        "projection": progress.projection,
        "projection_pct": progress.projection_pct,
        "verdict": progress.verdict,
        "derived": progress.derived if figure else None,
        "status": figure.status if figure else None,
        "stale": progress.stale if figure else None,
        "department": target.department,
        "note": figure.note if figure else "",
        "outlook": look.likelihood if look else None,
        "outlook_value": look.value if look else None,
        "outlook_low": look.low if look else None,
        "outlook_high": look.high if look else None,
        "outlook_pct": look.pct if look else None,
        "outlook_method": look.method if look else None,
        "outlook_years": len(look.years) if look else None,
        "needed_pct": look.needed if look else None,
        "pace_basis": progress.pace_basis,
        "cause": explained.reason if explained else "",
        "measures": explained.measures if explained else "",
    }


def status_rows(
    progress: Sequence[Progress],
    as_of: Period | None = None,
    explained: dict[str, Explanation] | None = None,
) -> list[dict[str, object]]:
    found = explained or {}
    return [status_row(p, as_of, found.get(p.target.id)) for p in progress]


# The words a Chinese table writes for the codes of the flat rows (JSON keeps the codes).
def localise(row: dict[str, object], lang: str) -> dict[str, object]:
    """A row of codes as a Chinese table writes it: verdicts, kinds, states, statuses,
    directions and yes/no as words, periods as 1-6月; English keeps the codes."""
    if lang != "zh":
        return row
    out = dict(row)
    for field, value in row.items():
        if isinstance(value, bool):
            out[field] = word("yes" if value else "no", lang)
        elif isinstance(value, Verdict):
            out[field] = verdict_word(value, lang)
        elif isinstance(value, Kind):
            out[field] = kind_word(value, lang)
        elif isinstance(value, State):
            out[field] = state_word(value, lang)
        elif isinstance(value, Status | Direction):
            out[field] = word(value.value, lang)
        elif isinstance(value, Likelihood):
            final = row.get("outlook_method") == "year_end"  # the year's own figure
            out[field] = likelihood_word(value, lang, final=final)
        elif isinstance(value, Frequency):
            out[field] = word(value.value, lang)
        elif field in ("outlook_method", "pace_basis") and isinstance(value, str):
            out[field] = method_word(value, lang)
        elif field == "period" and isinstance(value, str) and value:
            out[field] = period_label(value, lang)
        elif field == "news" and isinstance(value, str) and value:
            out[field] = word(value, lang)
    return out


def record_row(catalogue: Catalogue, figure: Figure) -> dict[str, object]:
    target = catalogue.by_id.get(figure.target_id)
    return {
        "target": figure.target_id,
        "name_zh": target.name_zh if target else "",
        "name_en": target.name_en if target else "",
        "period": figure.period,
        "version": figure.version,
        "value": figure.value,
        "unit": figure.unit,
        "status": figure.status,
        "by": figure.recorded_by,
        "on_behalf_of": figure.on_behalf_of,
        "recorded_at": figure.recorded_at,
        "source": figure.source,
        "note": figure.note,
        "level": figure.level,
        "prior": figure.prior,
        "derived": figure.derived,
        "entered": figure.entered,
        "batch": figure.batch,
        "withdrawn": figure.withdrawn,
        "reason": figure.reason,
    }


def record_rows(catalogue: Catalogue, figures: Sequence[Figure]) -> list[dict[str, object]]:
    return [record_row(catalogue, f) for f in figures]


def headers(
    fields: Sequence[str], lang: str, *, records: bool = False, as_of: Period | None = None
) -> list[str]:
    """Column headers: the field names in English (stable for scripts); in Chinese, as the
    office's table heads them (年度目标, 1-6月完成, 完成年度目标%, 序时进度, 差距)."""
    if lang != "zh":
        return list(fields)
    renamed = {"target": "id"} if records else {"target": "annual_target"}
    out = []
    for field in fields:
        if field == "actual" and not records:
            out.append(actual_header(as_of, lang))
        else:
            out.append(word(renamed.get(field, field), lang))
    return out


def actual_header(as_of: Period | None, lang: str) -> str:
    """The head of the year-to-date column: 1-6月完成, or Actual."""
    if as_of is None:
        return word("actual", lang)
    return word("done_by", lang).format(period=period_label(as_of.label, lang))


COMPARE_FIELDS = (
    "id",
    "name_zh",
    "name_en",
    "unit",
    "before_period",
    "before_actual",
    "now_period",
    "now_actual",
    "change",
    "before_verdict",
    "now_verdict",
    "moved",
    "news",
)


def compare_rows(view: CompareView) -> list[dict[str, object]]:
    """One row per target: its figure and verdict at both periods, and the change."""
    rows: list[dict[str, object]] = []
    for change in view.changes:
        before, now = change.before, change.now
        target = now.target
        then_value = before.state or before.actual
        now_value = now.state or now.actual
        delta = None
        if isinstance(then_value, Decimal) and isinstance(now_value, Decimal):
            delta = now_value - then_value
        rows.append(
            {
                "id": target.id,
                "name_zh": target.name_zh,
                "name_en": target.name_en,
                "unit": target.unit,
                "before_period": before.period,
                "before_actual": then_value,
                "now_period": now.period,
                "now_actual": now_value,
                "change": delta,
                "before_verdict": before.verdict,
                "now_verdict": now.verdict,
                "moved": change.moved,
                "news": change.news,
            }
        )
    return rows
