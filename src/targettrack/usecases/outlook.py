"""The views of ``targettrack outlook``: every target's year-end outlook (全年预计), and how far
that outlook can be trusted month by month (the backtest on earlier years)."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from targettrack.core.models import Catalogue, Kind, Target
from targettrack.core.outlook import (
    EARLIER_YEARS,
    MIN_BACKTEST_YEARS,
    backtest_rates,
    backtest_shares,
)
from targettrack.core.periods import Period
from targettrack.store import FigureStore
from targettrack.usecases.history import earlier_years
from targettrack.usecases.views import StatusView, find_group, status_view


class OutlookView(NamedTuple):
    """Every target's year-end outlook as of a period (the status, read for its outlook)."""

    status: StatusView


class Accuracy(NamedTuple):
    """One indicator's outlook tried on its own earlier years."""

    target: Target
    measure: str  # "ape_pct": amounts and levels; "ae_pp": growth rates
    years: tuple[int, ...]
    errors: dict[int, Decimal | None]  # month -> mean absolute (percentage) error


class BacktestView(NamedTuple):
    """How far the outlook can be trusted: each indicator with at least three earlier years,
    each of those years projected from its own months and the other years' shapes."""

    catalogue: Catalogue
    first_year: int
    last_year: int
    rows: list[Accuracy]
    too_few: tuple[Target, ...]  # indicators with fewer than three complete earlier years


def outlook_view(
    store: FigureStore,
    catalogue: Catalogue,
    *,
    as_of: Period | None = None,
    group: str | None = None,
) -> OutlookView:
    return OutlookView(status_view(store, catalogue, as_of=as_of, group=group))


def backtest_view(
    store: FigureStore, catalogue: Catalogue, *, group: str | None = None
) -> BacktestView:
    """The backtest over the five years before the catalogue's: the years the outlook itself
    learns from. Amounts and levels are measured by the mean absolute percentage error of the
    projected year-end figure; growth rates by the mean absolute error, in percentage points,
    of taking the rate so far for the year's."""
    if group is not None:
        group = find_group(catalogue, group)
    first, last = catalogue.year - EARLIER_YEARS, catalogue.year - 1
    earlier = earlier_years(store, catalogue)
    years = range(first, last + 1)
    rows: list[Accuracy] = []
    too_few: list[Target] = []
    for target in catalogue.targets:
        if group is not None and target.group != group:
            continue
        if not (target.kind.is_quantity or target.kind is Kind.GROWTH):
            continue
        history = earlier.of(target.id)
        if target.kind is Kind.GROWTH:
            tried, measure = backtest_rates(history, years), "ae_pp"
        else:
            tried, measure = backtest_shares(history, years), "ape_pct"
        if len(tried.years) < MIN_BACKTEST_YEARS:
            too_few.append(target)
            continue
        rows.append(Accuracy(target, measure, tried.years, tried.errors))
    return BacktestView(catalogue, first, last, rows, tuple(too_few))
