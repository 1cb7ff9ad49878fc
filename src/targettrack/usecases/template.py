"""The month's entry sheet: one row per target, for a department to fill and send back.

Its columns are ones ``import`` reads unchanged: the id, the Chinese name, unit and department
(read past on import), the period, and empty value, note and source cells.
"""

from __future__ import annotations

from typing import NamedTuple

from targettrack.core.models import Catalogue, Target
from targettrack.core.periods import Period, period_label
from targettrack.errors import InputError
from targettrack.messages import Message


class TemplateRow(NamedTuple):
    target: Target
    period: str  # as the office writes it: 2023年1-6月


def template_rows(
    catalogue: Catalogue, period: Period, department: str | None = None
) -> list[TemplateRow]:
    """One row per target of the period's year, or of one department's targets."""
    targets = list(catalogue.targets)
    if department is not None:
        targets = [t for t in targets if t.department == department.strip()]
        if not targets:
            names = sorted({t.department for t in catalogue.targets if t.department})
            raise InputError(
                Message(
                    "department.unknown",
                    department=department,
                    year=catalogue.year,
                    names=names or ["—"],
                )
            )
    label = period_label(period.label, "zh", year=True)
    return [TemplateRow(target, label) for target in targets]
