"""The status of a year as of a period: read the figures, run the engine, filter.

Shared by ``status``, ``show`` and ``export``. Plain Python: a store and a catalogue in,
progress rows out.
"""

from __future__ import annotations

from typing import NamedTuple

from targettrack.catalogue import CatalogueSet
from targettrack.errors import InputError
from targettrack.models import Catalogue
from targettrack.periods import Period, month_period, parse_period
from targettrack.progress import LAGGING, Progress, evaluate
from targettrack.storage import Store


class Overview(NamedTuple):
    catalogue: Catalogue
    as_of: Period | None
    progress: list[Progress]


def choose_year(catalogues: CatalogueSet, year: int | None, as_of: str | None) -> Catalogue:
    """The catalogue for --year, or for the year of --as-of, or the latest year."""
    period = parse_period(as_of) if as_of else None
    if period and year is not None and period.year != year:
        raise InputError(
            f"--as-of {period.label} is not in --year {year}; give a period of {year} "
            "or leave one of the two out."
        )
    return catalogues.get(period.year if period else year)


def resolve_as_of(store: Store, catalogue: Catalogue, as_of: str | None) -> Period | None:
    """The period given, else the latest period with any figure that year, else None."""
    if as_of:
        return parse_period(as_of)
    latest = store.latest_month(catalogue.region, catalogue.year)
    return month_period(catalogue.year, latest) if latest else None


def overview(
    store: Store,
    catalogues: CatalogueSet,
    *,
    year: int | None = None,
    as_of: str | None = None,
    group: str | None = None,
    lagging: bool = False,
) -> Overview:
    catalogue = choose_year(catalogues, year, as_of)
    if group is not None and group not in {g.id for g in catalogue.groups}:
        ids = ", ".join(g.id for g in catalogue.groups)
        raise InputError(f"There is no group '{group}' in {catalogue.year}; use one of: {ids}.")
    period = resolve_as_of(store, catalogue, as_of)
    figures = store.latest(catalogue.region, catalogue.year, period.month) if period else {}
    rows = evaluate(catalogue, figures, period.month if period else None)
    if group is not None:
        rows = [r for r in rows if r.target.group == group]
    if lagging:
        rows = [r for r in rows if r.verdict in LAGGING]
    return Overview(catalogue, period, rows)
