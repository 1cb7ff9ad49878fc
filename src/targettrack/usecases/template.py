"""The month's entry sheet: one row per target, for a department to fill and send back.

Its columns are ones ``import`` reads unchanged: the id, the Chinese name, unit, annual target
and department (read past on import), the period, and empty cells for the value, last year's
figure (上年同期), its status, the reasons and measures of a lagging target (原因分析, 下步措施),
a note and a source. Above them stand a title and the date the sheet is due by (the
catalogue's calendar), which ``import`` reads past.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from targettrack.core.deadlines import due_for, reporting_months
from targettrack.core.models import Catalogue, Frequency, Target
from targettrack.core.periods import Period, period_label
from targettrack.core.words import PeriodName
from targettrack.errors import InputError
from targettrack.messages import Message
from targettrack.usecases.lookup import check_department


class TemplateRow(NamedTuple):
    target: Target
    period: str  # as the office writes it: 2023年1-6月


class TemplateSheet(NamedTuple):
    """The sheet: its rows, and what stands above them."""

    catalogue: Catalogue
    period: Period
    department: str | None
    rows: list[TemplateRow]
    # each due date, with the departments whose figures are due then
    dues: list[tuple[datetime.date, list[str]]]


def template_rows(
    catalogue: Catalogue, period: Period, department: str | None = None
) -> list[TemplateRow]:
    """One row per target of the period's year that reports for the period by its rhythm (a
    quarterly figure in March, June, September and December, named 一季度, 上半年 …; a yearly
    one in December; a monthly one every month), or of one department's targets."""
    targets = list(catalogue.targets)
    if department is not None:
        wanted = check_department(catalogue, department)
        targets = [t for t in targets if t.department == wanted]
    rows = []
    for target in targets:
        if target.frequency is Frequency.MONTHLY:
            rows.append(TemplateRow(target, period_label(period.label, "zh", year=True)))
        elif period.month in reporting_months(target.frequency):
            due = due_for(target, catalogue.calendar, period)
            label = due.period.label if due is not None else period.label
            rows.append(TemplateRow(target, period_label(label, "zh", year=True)))
    return rows


def template_sheet(
    catalogue: Catalogue, period: Period, department: str | None = None
) -> TemplateSheet:
    rows = template_rows(catalogue, period, department)
    if not rows:  # every target of the department reports at other months
        raise InputError(
            Message(
                "template.nothing_due",
                who=department or catalogue.region.name_zh,
                period=PeriodName(period.label),
            )
        )
    dues: dict[datetime.date, list[str]] = {}
    for row in rows:
        due = due_for(row.target, catalogue.calendar, period)
        if due is not None and row.target.department not in dues.setdefault(due.date, []):
            dues[due.date].append(row.target.department)
    chosen = check_department(catalogue, department) if department is not None else None
    return TemplateSheet(catalogue, period, chosen, rows, sorted(dues.items()))
