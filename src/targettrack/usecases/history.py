"""Earlier years' figures as the outlook and the seasonal pace learn from them.

The figures of the years before a catalogue's year are stored like any others, under the same
region and target ids, whether or not those years have a catalogue. They count nowhere but
here: in the year-end outlook (全年预计), the seasonal 序时进度 a catalogue's rules may ask
for, and the backtest of the outlook. They are read in one query for every target, and only
for the months a table needs (its figures' months and December).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from targettrack.core.engine import Progress
from targettrack.core.models import Catalogue, Figure, Kind, PaceRule, Target
from targettrack.core.outlook import (
    EARLIER_YEARS,
    History,
    Levels,
    seasonal_shape,
    year_outlook,
)
from targettrack.core.rhythm import due_month
from targettrack.core.units import convert
from targettrack.store import FigureStore, YearSeries

_NOTHING: dict[int, dict[int, Decimal]] = {}


class Earlier(NamedTuple):
    """Each target's earlier years: year -> month -> figure in the target's unit (a rate in
    percent for a rate), and a growth target's levels the same way."""

    values: dict[str, dict[int, dict[int, Decimal]]]
    levels: dict[str, dict[int, dict[int, Decimal]]]

    def of(self, target_id: str) -> History:
        return self.values.get(target_id, _NOTHING)


def earlier_years(
    store: FigureStore,
    catalogue: Catalogue,
    months: Sequence[int] | None = None,
    target_id: str | None = None,
    *,
    years: int = EARLIER_YEARS,
) -> Earlier:
    """The ``years`` years before the catalogue's, for its targets (or one), of ``months``
    (else every month). A figure in another unit of the same dimension is converted exactly;
    one of another dimension, or a milestone's state, is left out."""
    values: dict[str, dict[int, dict[int, Decimal]]] = {}
    if months is not None and not months:
        return Earlier(values, {})
    first, last = catalogue.year - years, catalogue.year - 1
    series = store.years_series(catalogue.region.id, first, last, months, target_id)
    by_id = catalogue.by_id
    for ident, by_year in series.numbers.items():
        target = by_id.get(ident)
        if target is None or target.kind is Kind.MILESTONE:
            continue
        unit = target.unit if target.kind.is_quantity else None
        if unit and (series.units[ident] != unit or ident in series.mixed):
            converted = _in_unit(series, ident, by_year, unit)
            if converted:
                values[ident] = converted
        else:
            values[ident] = by_year  # already in the target's unit: used as read
    levels = {i: by_year for i, by_year in series.levels.items() if i in values}
    return Earlier(values, levels)


def _in_unit(
    series: YearSeries, ident: str, by_year: dict[int, dict[int, Decimal]], unit: str
) -> dict[int, dict[int, Decimal]]:
    """One target's earlier figures in its own unit, converted exactly; a figure of another
    dimension cannot be compared and is left out."""
    out: dict[int, dict[int, Decimal]] = {}
    for year, by_month in by_year.items():
        for month, number in by_month.items():
            stored = series.unit_of(ident, year, month)
            value = convert(number, stored, unit) if stored and stored != unit else number
            if value is not None:
                out.setdefault(year, {})[month] = value
    return out


def needed_months(
    catalogue: Catalogue, figures: Iterable[Figure], as_of_month: int
) -> tuple[int, ...]:
    """The months of earlier years a table as of ``as_of_month`` needs: each figure's own
    month and December, and for a seasonal 序时进度 every month a target is judged at. None
    at all when every figure is a full-year one (nothing is projected) and the pace is the
    straight line."""
    months = {f.month for f in figures}
    months.add(12)
    if catalogue.rules.pace is PaceRule.SEASONAL:
        months.add(as_of_month)
        for frequency in {t.frequency for t in catalogue.targets}:
            due = due_month(frequency, as_of_month)
            if due is not None:
                months.add(due)
    elif months == {12}:
        return ()
    return tuple(sorted(months))


def seasonal_shapes(
    catalogue: Catalogue, earlier: Earlier, months: Sequence[int]
) -> dict[str, dict[int, Decimal]] | None:
    """Each amount target's seasonal shape (month -> average share, %) where the catalogue's
    rules ask for a seasonal 序时进度 and earlier years give one; None where they do not ask."""
    if catalogue.rules.pace is not PaceRule.SEASONAL:
        return None
    shapes: dict[str, dict[int, Decimal]] = {}
    for target in catalogue.targets:
        if target.kind is not Kind.AMOUNT or target.schedule is not None:
            continue
        shape = seasonal_shape(earlier.of(target.id), months, catalogue.year)
        if shape is not None:
            shapes[target.id] = shape
    return shapes


def growth_levels(target: Target, figure: Figure, earlier: Earlier, year: int) -> Levels | None:
    """L, P and F of a growth target's figure: this year's level (given with --level), last
    year's same-period level (given with --prior, else last year's stored level of that
    month) and last year's full-year level (stored, else the catalogue's baseline)."""
    if figure.level is None:
        return None
    last_year = earlier.levels.get(target.id, {}).get(year - 1, {})
    prior = figure.prior if figure.prior is not None else last_year.get(figure.month)
    full_year = last_year.get(12)
    baseline = target.baseline
    if full_year is None and baseline is not None and baseline.value is not None:
        full_year = baseline.value
        if baseline.unit and target.value_unit and baseline.unit != target.value_unit:
            full_year = convert(baseline.value, baseline.unit, target.value_unit)
    if prior is None or full_year is None:
        return None
    return Levels(figure.level, prior, full_year)


def with_outlooks(rows: Sequence[Progress], earlier: Earlier, year: int) -> list[Progress]:
    """Each target's progress with its year-end outlook (全年预计)."""
    out = []
    for row in rows:
        figure = row.figure
        if figure is None:
            out.append(row)
            continue
        target = row.target
        levels = (
            growth_levels(target, figure, earlier, year) if target.kind is Kind.GROWTH else None
        )
        look = year_outlook(row, earlier.of(target.id), year, levels)
        out.append(row._replace(outlook=look))
    return out


__all__ = [
    "Earlier",
    "earlier_years",
    "growth_levels",
    "needed_months",
    "seasonal_shapes",
    "with_outlooks",
]
