"""Several regions side by side: ranks (排名), the city's table of its districts, roll-ups.

Regions share indicators by id once their catalogues are drafted alike; each is judged
against its own target. A roll-up adds up amounts (converted within their dimension) and
derives a rate only from levels: rates are never averaged, since a district of 30 亿元 growing
10 % and one of 300 亿元 growing 2 % do not make a city growing 6 %.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import NamedTuple

from targettrack.catalogue.loading import Regions
from targettrack.core.engine import Progress, evaluate_target, reference_of, round_pct
from targettrack.core.models import Catalogue, Direction, Kind, Region, State, Target
from targettrack.core.periods import Period
from targettrack.core.units import UNITS, convert
from targettrack.errors import InputError
from targettrack.messages import Message
from targettrack.store import FigureStore


class Standing(NamedTuple):
    """One region's figure for one target, and its rank among the regions (None: no figure)."""

    region: Region
    catalogue: Catalogue
    progress: Progress
    rank: int | None


def members(tree: Regions, year: int, parent: str | None) -> list[Catalogue]:
    """The catalogues of ``year`` of the regions compared: the children of ``parent``; without
    one, the children of the only region named as a parent (a city and its districts), else
    every region."""
    if parent is None:
        named = {tree.sets[i].get(year).region.parent for i in tree.ids if tree.sets[i].has(year)}
        named.discard(None)
        if len(named) == 1:
            parent = named.pop()
    found = []
    for ident in tree.ids:
        catalogues = tree.sets[ident]
        if not catalogues.has(year):
            continue
        catalogue = catalogues.get(year)
        if parent is None or catalogue.region.parent == parent:
            found.append(catalogue)
    if parent is not None and not found:
        raise InputError(Message("region.no_children", parent=parent, year=year))
    return found


def _month(store: FigureStore, catalogues: Sequence[Catalogue], as_of: Period | None) -> int:
    """One month for every region: the one asked for, else the latest any region has."""
    if as_of is not None:
        return as_of.month
    months = [store.latest_month(c.region.id, c.year) for c in catalogues]
    return max((m for m in months if m is not None), default=12)


def _score(progress: Progress) -> Decimal | None:
    """Higher is better: a rate (turned round for a ceiling), a completion, a margin."""
    target = progress.target
    if progress.figure is None:
        return None
    if target.kind is Kind.MILESTONE:
        order = {State.NOT_STARTED: 0, State.IN_PROGRESS: 1, State.DONE: 2}
        return Decimal(order[progress.state]) if progress.state is not None else None
    if target.kind is Kind.AMOUNT:
        return progress.completion_pct
    value = progress.actual
    if value is None:
        return None
    return -value if target.direction == Direction.AT_MOST else value


def _ranked(standings: list[tuple[Region, Catalogue, Progress]]) -> list[Standing]:
    scored = [(s, _score(s[2])) for s in standings]
    with_score = sorted((x for x in scored if x[1] is not None), key=lambda x: -x[1])  # type: ignore[operator]
    out: list[Standing] = []
    previous: Decimal | None = None
    rank = 0
    for position, ((region, catalogue, progress), score) in enumerate(with_score, start=1):
        if score != previous:  # ties share a rank: 1, 2, 2, 4
            rank = position
            previous = score
        out.append(Standing(region, catalogue, progress, rank))
    out += [Standing(r, c, p, None) for (r, c, p), score in scored if score is None]
    return out


def rank(
    store: FigureStore,
    tree: Regions,
    target_ids: Sequence[str],
    *,
    year: int,
    as_of: Period | None = None,
    parent: str | None = None,
) -> dict[str, list[Standing]]:
    """For each target, every region's figure against its own target, ranked."""
    catalogues = members(tree, year, parent)
    month = _month(store, catalogues, as_of)
    latest = {c.region.id: store.latest(c.region.id, year, month) for c in catalogues}
    result: dict[str, list[Standing]] = {}
    for ident in target_ids:
        standings = []
        for catalogue in catalogues:
            target = catalogue.by_id.get(ident)
            if target is None:
                continue
            figures = latest[catalogue.region.id]
            figure = figures.get(ident)
            progress = evaluate_target(
                target,
                figure,
                month if figure else None,
                reference_of(target, figures),
                rules=catalogue.rules,
            )
            standings.append((catalogue.region, catalogue, progress))
        if not standings:
            raise InputError(Message("region.no_target", target=ident, year=year))
        result[ident] = _ranked(standings)
    return result


def shared_targets(catalogues: Sequence[Catalogue]) -> list[Target]:
    """The targets every region has, in the first one's order: its main targets if any are
    shared, else all that are."""
    if not catalogues:
        return []
    common = set(catalogues[0].by_id).intersection(*(c.by_id for c in catalogues[1:]))
    first = catalogues[0]
    shared = [t for t in first.targets if t.id in common]
    main = [t for t in shared if t.group == first.groups[0].id]
    return main or shared


class RollUp(NamedTuple):
    target: Target
    actual: Decimal | None  # the children's total (an amount) or the rate of their levels
    completion_pct: Decimal | None
    children: int  # how many children count
    missing: tuple[str, ...]  # children without what the roll-up needs
    derived: bool  # a rate derived from levels
    reason: Message | None  # why there is no roll-up


def rollup(
    store: FigureStore, tree: Regions, parent: str, *, year: int, as_of: Period | None = None
) -> list[RollUp]:
    """The parent's targets from its children's figures: sums and rates from levels."""
    if parent not in tree.sets or not tree.sets[parent].has(year):
        raise InputError(Message("region.unknown", region=parent, regions=", ".join(tree.ids)))
    own = tree.sets[parent].get(year)
    children = members(tree, year, parent)
    month = _month(store, children, as_of)
    latest = {c.region.id: store.latest(c.region.id, year, month) for c in children}
    out = []
    for target in own.targets:
        holders = [c for c in children if target.id in c.by_id]
        figures = [(c, latest[c.region.id].get(target.id)) for c in holders]
        missing = tuple(c.region.id for c, f in figures if f is None)
        if target.kind is Kind.AMOUNT and target.unit and target.target:
            total = Decimal(0)
            counted = 0
            for _, figure in figures:
                if figure is None or figure.number is None:
                    continue
                value = convert(figure.number, figure.unit, target.unit)
                if value is None:  # another dimension: not added
                    continue
                total += value
                counted += 1
            completion = round_pct(total * 100 / target.target) if counted else None
            out.append(
                RollUp(
                    target, total if counted else None, completion, counted, missing, False, None
                )
            )
        elif target.kind is Kind.GROWTH:
            levels = [
                (f.level, f.prior, c.by_id[target.id].value_unit)
                for c, f in figures
                if f is not None and f.level is not None and f.prior is not None
            ]
            if not holders or len(levels) < len(holders) or target.value_unit is None:
                lacking = tuple(
                    c.region.id
                    for c, f in figures
                    if f is None or f.level is None or f.prior is None
                )
                reason = Message("rollup.needs_levels", missing=", ".join(lacking) or "—")
                out.append(RollUp(target, None, None, 0, lacking, False, reason))
                continue
            this = sum(
                (convert(lv, u or "", target.value_unit) or Decimal(0) for lv, _, u in levels),
                Decimal(0),
            )
            before = sum(
                (convert(pr, u or "", target.value_unit) or Decimal(0) for _, pr, u in levels),
                Decimal(0),
            )
            with localcontext() as ctx:
                ctx.prec = 60
                rate = ((this / before - 1) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
            out.append(RollUp(target, rate, None, len(levels), (), True, None))
        else:
            reason = Message("rollup.kind", kind=Message(f"kind.{target.kind}"))
            out.append(RollUp(target, None, None, 0, missing, False, reason))
    return out


class RanksView(NamedTuple):
    """For each target, every region against its own target, ranked."""

    standings: dict[str, list[Standing]]


class CityView(NamedTuple):
    """The city's table: a row per region, a column per shared main target, with ranks."""

    standings: dict[str, list[Standing]]


class RollupView(NamedTuple):
    parent: str
    rolled: list[RollUp]


class RegionsView(NamedTuple):
    """Every region of the catalogue: its names, parent and years."""

    regions: list[tuple[Region, list[int]]]


def compared_year(tree: Regions, as_of: Period | None, year: int | None) -> int:
    """The year regions are compared in: the --as-of period's, else --year, else the latest
    year any region has."""
    if as_of is not None:
        return as_of.year
    return year or max(y for catalogues in tree.sets.values() for y in catalogues.years)


def regions_view(tree: Regions) -> RegionsView:
    return RegionsView([(tree.sets[i].get().region, tree.sets[i].years) for i in tree.ids])


def ranks_view(
    store: FigureStore,
    tree: Regions,
    target_ids: Sequence[str],
    *,
    year: int,
    as_of: Period | None = None,
    parent: str | None = None,
) -> RanksView:
    return RanksView(rank(store, tree, target_ids, year=year, as_of=as_of, parent=parent))


def city_view(
    store: FigureStore,
    tree: Regions,
    *,
    year: int,
    as_of: Period | None = None,
    parent: str | None = None,
) -> CityView:
    """status --regions: the regions compared on the main targets they share."""
    shared = shared_targets(members(tree, year, parent))
    ids = [t.id for t in shared]
    return CityView(rank(store, tree, ids, year=year, as_of=as_of, parent=parent))


def rollup_view(
    store: FigureStore, tree: Regions, parent: str, *, year: int, as_of: Period | None = None
) -> RollupView:
    return RollupView(parent, rollup(store, tree, parent, year=year, as_of=as_of))


__all__ = ["UNITS", "RollUp", "Standing", "members", "rank", "rollup", "shared_targets"]
