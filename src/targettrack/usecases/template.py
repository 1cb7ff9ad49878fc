"""The month's entry sheet: one row per target, for a department to fill and send back.

Its columns are ones ``import`` reads unchanged: the id, the Chinese name, unit and department
(read past on import), the period, and empty value, note and source cells.
"""

from __future__ import annotations

from typing import NamedTuple

from targettrack.core.models import Catalogue, Target
from targettrack.core.periods import Period, period_label
from targettrack.usecases.lookup import check_department


class TemplateRow(NamedTuple):
    target: Target
    period: str  # as the office writes it: 2023年1-6月


def template_rows(
    catalogue: Catalogue, period: Period, department: str | None = None
) -> list[TemplateRow]:
    """One row per target of the period's year, or of one department's targets."""
    targets = list(catalogue.targets)
    if department is not None:
        wanted = check_department(catalogue, department)
        targets = [t for t in targets if t.department == wanted]
    label = period_label(period.label, "zh", year=True)
    return [TemplateRow(target, label) for target in targets]
