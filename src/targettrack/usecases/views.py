"""What the reading commands show, assembled from a store and a catalogue: plain Python.

``status``, ``show``, ``history`` and ``export`` each ask one function here for a view, and
hand it to a writer. ``as_of`` is always a parsed ``Period`` here (or None for "the latest
period with any figure"); the month it ends in is ``as_of.month``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from targettrack.catalogue.loading import CatalogueSet
from targettrack.core.engine import (
    Outlook,
    Progress,
    evaluate,
    evaluate_target,
    outlook,
    reference_of,
)
from targettrack.core.models import (
    Catalogue,
    Explanation,
    Figure,
    Frequency,
    Group,
    PaceRule,
    Target,
    Verdict,
)
from targettrack.core.outlook import year_outlook
from targettrack.core.periods import Period, month_period
from targettrack.core.rhythm import due_month
from targettrack.core.words import PeriodName
from targettrack.errors import InputError, echo
from targettrack.messages import Both, Message
from targettrack.store import FigureStore
from targettrack.usecases.history import (
    Earlier,
    earlier_years,
    growth_levels,
    needed_months,
    seasonal_shapes,
    with_outlooks,
)
from targettrack.usecases.lookup import check_department, find_target


class StatusView(NamedTuple):
    """Every target's progress as of a period, each with its year-end outlook.

    ``missing``: the targets shown whose figure the report's period expects by their rhythm
    and that have none (none at all, or only an older one): who still has to report. A
    quarterly indicator is not missing in July; a yearly one only in December.
    """

    catalogue: Catalogue
    as_of: Period | None
    progress: list[Progress]
    missing: tuple[Target, ...] = ()
    # each target's figures through the year up to the report's period, as (month, number),
    # when the output draws them (sparklines)
    series: dict[str, list[tuple[int, Decimal]]] | None = None
    # every recorded version as well, for an output that holds both (the workbook)
    records: RecordsView | None = None
    # each target's reason and measures for the report's period (原因分析, 下步措施)
    explained: dict[str, Explanation] | None = None
    # the targets whose verdict changed since the previous edition (or month), news first
    news: tuple[Change, ...] = ()
    news_since: str = ""  # the edition's name, or the period, compared with


class Change(NamedTuple):
    """One target's progress at two periods: what moved since last month."""

    before: Progress
    now: Progress

    @property
    def moved(self) -> bool:
        figure_then, figure_now = self.before.figure, self.now.figure
        same_figure = (figure_then and figure_then.id) == (figure_now and figure_now.id)
        return not same_figure or self.before.verdict is not self.now.verdict

    @property
    def news(self) -> str:
        """ "worsened" or "improved" when the verdict moved between two judged ones, else ""."""
        then, now = _RANK.get(self.before.verdict), _RANK.get(self.now.verdict)
        if then is None or now is None or then == now:
            return ""
        return "worsened" if now > then else "improved"


# Verdicts from best to worst; "no data" is neither better nor worse than any.
_RANK = {
    Verdict.ACHIEVED: 0,
    Verdict.ON_TRACK: 1,
    Verdict.SLIGHTLY_BEHIND: 2,
    Verdict.BEHIND: 3,
    Verdict.MISSED: 4,
}


def news_first(changes: list[Change]) -> list[Change]:
    """Worsened verdicts first, then improved ones, then the rest, each in catalogue order."""
    order = {"worsened": 0, "improved": 1, "": 2}
    return sorted(changes, key=lambda c: order[c.news])


class CompareView(NamedTuple):
    catalogue: Catalogue
    before: Period
    now: Period
    changes: list[Change]
    edition: str = ""  # compared with what an edition sent (its name): only what changed


class TargetView(NamedTuple):
    """One target: its progress, its figures through the year, its outlook and history."""

    catalogue: Catalogue
    as_of: Period | None
    progress: Progress
    series: list[Figure]
    history: list[Figure]
    outlook: Outlook | None


class HistoryView(NamedTuple):
    """Every version of one target's figures, newest first."""

    catalogue: Catalogue
    target: Target
    figures: list[Figure]
    year: int  # the figures' year: the catalogue's, or an earlier year's history


class RecordsView(NamedTuple):
    """Every version of every figure of a year, newest first."""

    catalogue: Catalogue
    figures: list[Figure]


class CatalogueView(NamedTuple):
    """The targets of one year's catalogue, as the report groups them."""

    catalogue: Catalogue


def choose_year(catalogues: CatalogueSet, year: int | None, as_of: Period | None) -> Catalogue:
    """The catalogue for --year, or for the year of --as-of, or the latest year."""
    if as_of and year is not None and as_of.year != year:
        raise InputError(Message("period.as_of_not_in_year", period=as_of.label, year=year))
    return catalogues.get(as_of.year if as_of else year)


def table_month(catalogue: Catalogue, figures: dict[str, Figure]) -> int | None:
    """The month a table is as of when none is asked for: the latest month of the figures
    that come in the course of the year (monthly, quarterly, half-yearly). A yearly
    indicator's full-year figure (2023年全年 of grain area, known in the autumn) does not move
    the table to 1-12月; it does when no other figure has come."""
    by_id = catalogue.by_id
    during = [
        f.month
        for f in figures.values()
        if (t := by_id.get(f.target_id)) is None or t.frequency is not Frequency.YEARLY
    ]
    return max(during, default=None) or max((f.month for f in figures.values()), default=None)


def resolve_as_of(store: FigureStore, catalogue: Catalogue, as_of: Period | None) -> Period | None:
    """The period given, else the month ``table_month`` takes from the year's figures, else
    None."""
    if as_of is not None:
        return as_of
    latest = table_month(catalogue, store.latest(catalogue.region.id, catalogue.year))
    return month_period(catalogue.year, latest) if latest else None


def by_department(catalogue: Catalogue) -> Catalogue:
    """The catalogue regrouped under its departments (责任单位), in order of first mention."""
    order: list[str] = []
    for target in catalogue.targets:
        if target.department not in order:
            order.append(target.department)
    groups = tuple(Group(f"department:{d}", d or "（未指定）", d or "(none)") for d in order)
    targets = tuple(t._replace(group=f"department:{t.department}") for t in catalogue.targets)
    return catalogue._replace(groups=groups, targets=targets, by_id={t.id: t for t in targets})


def is_missing(progress: Progress, as_of_month: int) -> bool:
    """Whether a target lacks the figure its rhythm makes due by ``as_of_month``."""
    due = due_month(progress.target.frequency, as_of_month)
    figure = progress.figure
    return due is not None and (figure is None or figure.month < due)


def judge(
    store: FigureStore,
    catalogue: Catalogue,
    figures: dict[str, Figure],
    month: int | None,
    *,
    outlooks: bool = True,
) -> tuple[list[Progress], Earlier]:
    """Every target judged as of ``month`` by the catalogue's rules, and the earlier years read
    for it (the months the table needs: its figures' months and December), which a table
    without outlooks reads only for a seasonal pace."""
    if month is None or not (outlooks or catalogue.rules.pace is PaceRule.SEASONAL):
        return evaluate(catalogue, figures, month), Earlier({}, {})
    months = needed_months(catalogue, figures.values(), month)
    earlier = earlier_years(store, catalogue, months)
    shapes = seasonal_shapes(catalogue, earlier, months)
    return evaluate(catalogue, figures, month, shapes), earlier


def find_group(catalogue: Catalogue, text: str) -> str:
    """The id of the group ``text`` names: by its id, or by its Chinese or English name."""
    wanted = text.strip()
    for group in catalogue.groups:
        if wanted in (group.id, group.name_zh) or wanted.casefold() == group.name_en.casefold():
            return group.id
    names = [Both(g.name_zh, g.id) for g in catalogue.groups]  # as the user may type them
    raise InputError(Message("group.unknown", group=echo(wanted), year=catalogue.year, ids=names))


def status_view(
    store: FigureStore,
    catalogue: Catalogue,
    *,
    as_of: Period | None = None,
    group: str | None = None,
    lagging: bool = False,
    department: str | None = None,
    missing: bool = False,
    grouped_by_department: bool = False,
    unexplained: bool = False,
) -> StatusView:
    if group is not None:
        group = find_group(catalogue, group)
    wanted = check_department(catalogue, department) if department is not None else None
    region, year = catalogue.region.id, catalogue.year
    if as_of is None:
        # the latest figure of every target, and with it the latest period with any figure
        # (what resolve_as_of would ask the store for separately)
        figures = store.latest(region, year)
        latest = table_month(catalogue, figures)
        period = month_period(year, latest) if latest else None
        if latest is not None and any(f.month > latest for f in figures.values()):
            figures = store.latest(region, year, latest)  # a full-year figure come early
    else:
        period = as_of
        figures = store.latest(region, year, period.month)
    if grouped_by_department:
        catalogue = by_department(catalogue)
    rows, earlier = judge(store, catalogue, figures, period.month if period else None)
    if group is not None:
        rows = [r for r in rows if r.target.group == group]
    if wanted is not None:
        rows = [r for r in rows if r.target.department == wanted]
    late = [r.target for r in rows if period is not None and is_missing(r, period.month)]
    if missing:
        rows = [r for r in rows if r.target in late]
    if lagging:
        rows = [r for r in rows if r.verdict.lagging]
    rows = with_outlooks(rows, earlier, catalogue.year)
    explained = explanations_of(store, catalogue, rows, period.month) if period else {}
    if unexplained:
        rows = [r for r in rows if r.verdict.lagging and r.target.id not in explained]
    return StatusView(catalogue, period, rows, tuple(late), explained=explained)


def explanations_of(
    store: FigureStore, catalogue: Catalogue, rows: Sequence[Progress], month: int
) -> dict[str, Explanation]:
    """Each target's reasons and measures (原因分析, 下步措施) for the figure the table shows:
    those of its figure's own period (a quarterly figure's, sent with 上半年, still stand in
    the 1-7月 table), else those sent for the table's period."""
    region, year = catalogue.region.id, catalogue.year
    months = {r.figure.month for r in rows if r.figure is not None} | {month}
    by_month = {m: store.explanations(region, year, m) for m in sorted(months)}
    found: dict[str, Explanation] = {}
    for row in rows:
        ident = row.target.id
        own = by_month[row.figure.month].get(ident) if row.figure is not None else None
        chosen = own or by_month[month].get(ident)
        if chosen is not None:
            found[ident] = chosen
    return found


def with_series(store: FigureStore, view: StatusView) -> StatusView:
    """The view with every target's figures through the year, read in one query."""
    month = view.as_of.month if view.as_of else 12
    series: dict[str, list[tuple[int, Decimal]]] = {}
    for point in store.year_series(view.catalogue.region.id, view.catalogue.year, month):
        if point.number is not None:
            series.setdefault(point.target_id, []).append((point.month, point.number))
    return view._replace(series=series)


def compare_view(
    store: FigureStore, catalogue: Catalogue, now: Period, before: Period
) -> CompareView:
    """Every target as of two periods of one year, side by side."""
    if before.year != catalogue.year or now.year != catalogue.year:
        raise InputError(
            Message("period.as_of_not_in_year", period=before.label, year=catalogue.year)
        )
    if before.month >= now.month:  # what moved runs from an earlier period to a later one
        raise InputError(
            Message("compare.order", before=PeriodName(before.label), now=PeriodName(now.label))
        )
    region, year = catalogue.region.id, catalogue.year
    then_figures = store.latest(region, year, before.month)
    then_rows, _ = judge(store, catalogue, then_figures, before.month, outlooks=False)
    now_figures = store.latest(region, year, now.month)
    now_rows, _ = judge(store, catalogue, now_figures, now.month, outlooks=False)
    changes = [Change(b, n) for b, n in zip(then_rows, now_rows, strict=True)]
    return CompareView(catalogue, before, now, news_first(changes))


def since_edition_view(
    then: FigureStore, now: FigureStore, sent: Catalogue, catalogue: Catalogue, period: Period,
    edition: str,
) -> CompareView:  # fmt: skip
    """What changed in the table an edition sent: the same period as known then and now
    (figures revised, withdrawn or come in since, verdicts moved), news first."""
    region, year = catalogue.region.id, catalogue.year
    then_rows = evaluate(sent, then.latest(region, year, period.month), period.month)
    now_rows = evaluate(catalogue, now.latest(region, year, period.month), period.month)
    old = {p.target.id: p for p in then_rows}
    changes = [Change(old[n.target.id], n) for n in now_rows if n.target.id in old]
    moved = [c for c in changes if c.moved]
    return CompareView(catalogue, period, period, news_first(moved), edition)


def with_news(
    store: FigureStore, view: StatusView, before: FigureStore | None, since: str,
    period: Period | None = None,
) -> StatusView:  # fmt: skip
    """The view with the targets whose verdict worsened or improved since ``before`` (an
    edition's store, at ``period``) or, without one, since the month before."""
    if view.as_of is None:
        return view
    catalogue = view.catalogue
    region, year = catalogue.region.id, catalogue.year
    if before is None:
        if view.as_of.month <= 1:
            return view
        month = view.as_of.month - 1
        then_rows = evaluate(catalogue, store.latest(region, year, month), month)
    else:
        month = period.month if period else view.as_of.month
        then_rows = evaluate(catalogue, before.latest(region, year, month), month)
    old = {p.target.id: p for p in then_rows}
    news = [
        change
        for p in view.progress
        if p.target.id in old and (change := Change(old[p.target.id], p)).news
    ]
    return view._replace(news=tuple(news_first(news)), news_since=since)


def target_view(
    store: FigureStore, catalogue: Catalogue, target_text: str, *, as_of: Period | None = None
) -> TargetView:
    """One target as of a period: its progress with the working of its year-end outlook
    (every earlier year's share), its figures through the year and its history."""
    target = find_target(catalogue, target_text)
    region, year = catalogue.region.id, catalogue.year
    period = resolve_as_of(store, catalogue, as_of)
    month = period.month if period else 12
    figures = store.latest(region, year, month)
    series = [f for f in store.series(region, year, target.id) if f.month <= month]
    figure = figures.get(target.id)
    earlier = earlier_years(store, catalogue, None, target.id)
    shapes = seasonal_shapes(catalogue, earlier, range(1, 13)) or {}
    progress = evaluate_target(
        target,
        figure,
        month if period else None,
        reference_of(target, figures),
        rules=catalogue.rules,
        seasonal=shapes.get(target.id),
    )
    if figure is not None:
        levels = growth_levels(target, figure, earlier, year) if target.is_rate else None
        look = year_outlook(progress, earlier.of(target.id), year, levels, detail=True)
        progress = progress._replace(outlook=look)
    history = store.history(region, year, target.id)
    return TargetView(
        catalogue, period, progress, series, history, outlook(target, figure) if figure else None
    )


def history_view(
    store: FigureStore, catalogue: Catalogue, target_text: str, year: int | None = None
) -> HistoryView:
    """A target's figures of ``year`` (default: the catalogue's): an earlier year without a
    catalogue of its own is read with the nearest later year's, whose targets it names."""
    target = find_target(catalogue, target_text)
    figures = store.history(catalogue.region.id, year or catalogue.year, target.id)
    return HistoryView(catalogue, target, figures, year or catalogue.year)


def records_view(store: FigureStore, catalogue: Catalogue) -> RecordsView:
    return RecordsView(catalogue, store.history(catalogue.region.id, catalogue.year))


def export_view(
    store: FigureStore,
    catalogue: Catalogue,
    *,
    as_of: Period | None = None,
    group: str | None = None,
    lagging: bool = False,
    records: bool = False,
    workbook: bool = False,
    page: bool = False,
) -> StatusView | RecordsView:
    """What ``export`` writes: the status, or with ``records`` every recorded version; a
    workbook holds both, and a page draws each target's year."""
    view = status_view(store, catalogue, as_of=as_of, group=group, lagging=lagging)
    every = records_view(store, catalogue) if records else None
    if every is not None and not workbook:
        return every
    if page:
        view = with_series(store, view)
    return view._replace(records=every)
