"""Flat rows for every output: JSON, CSV, Markdown and Excel all write these same fields.

The field lists below are the documented contract (see the README); keys never change with
the language, only headers do.
"""

from __future__ import annotations

from collections.abc import Sequence

from targettrack.core.engine import Progress
from targettrack.core.models import Catalogue, Figure, Target
from targettrack.core.words import word

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
    "recorded_at",
    "source",
    "note",
    "level",
    "prior",
    "derived",
    "entered",
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
    }


def status_row(progress: Progress) -> dict[str, object]:
    target = progress.target
    figure = progress.figure
    actual: object = progress.state if progress.state is not None else progress.actual
    return {
        **_identity(target),
        "actual": actual,
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
    }


def status_rows(progress: Sequence[Progress]) -> list[dict[str, object]]:
    return [status_row(p) for p in progress]


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
        "recorded_at": figure.recorded_at,
        "source": figure.source,
        "note": figure.note,
        "level": figure.level,
        "prior": figure.prior,
        "derived": figure.derived,
        "entered": figure.entered,
    }


def record_rows(catalogue: Catalogue, figures: Sequence[Figure]) -> list[dict[str, object]]:
    return [record_row(catalogue, f) for f in figures]


def headers(fields: Sequence[str], lang: str, *, records: bool = False) -> list[str]:
    """Column headers: the field names in English (stable for scripts), words in Chinese."""
    if lang != "zh":
        return list(fields)
    renamed = {"target": "id"} if records else {"target": "goal"}
    return [word(renamed.get(field, field), lang) for field in fields]
