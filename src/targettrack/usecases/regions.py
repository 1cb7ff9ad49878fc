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
from targettrack.core.models import Catalogue, Direction, Figure, Kind, Region, State, Target
from targettrack.core.periods import Period, month_period
from targettrack.core.rhythm import due_month
from targettrack.core.units import UNITS, convert
from targettrack.errors import InputError
from targettrack.messages import Both, Message
from targettrack.store import FigureStore
from targettrack.usecases.lookup import find_target


class Standing(NamedTuple):
    """One region's figure for one target, and its rank among the regions (None: no figure)."""

    region: Region
    catalogue: Catalogue
    progress: Progress
    rank: int | None


def members(tree: Regions, year: int, parent: str | None) -> list[Catalogue]:
    """The catalogues of ``year`` of the regions compared: the children of ``parent``; without
    one, the children of the only region named as a parent (a city and its districts), else
    every region. ``parent`` is a region's id or its name."""
    if parent is not None:
        parent = tree.find(parent)
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
        if parent is None or (catalogue.region.parent == parent and ident != parent):
            found.append(catalogue)
    if parent is not None and not found:
        own = tree.sets.get(parent)
        called = own.get().region.name_zh if own is not None else parent
        raise InputError(Message("region.no_children", parent=Both(called, parent), year=year))
    return found


def _month(store: FigureStore, catalogues: Sequence[Catalogue], as_of: Period | None) -> int:
    """One month for every region: the one asked for, else the latest any region has."""
    return _figures_month(store, catalogues, as_of) or 12


def _figures_month(
    store: FigureStore, catalogues: Sequence[Catalogue], as_of: Period | None
) -> int | None:
    """The month asked for, else the latest any region has a figure of; None for none."""
    if as_of is not None:
        return as_of.month
    from targettrack.usecases.views import table_month

    months = [table_month(c, store.latest(c.region.id, c.year)) for c in catalogues]
    return max((m for m in months if m is not None), default=None)


def compared_period(
    store: FigureStore, tree: Regions, year: int, as_of: Period | None, parent: str | None
) -> Period | None:
    """The period regions are compared as of, for a table's title: the one asked for, else
    the latest month any of them has a figure of; None when none has any."""
    if as_of is not None:
        return as_of
    month = _figures_month(store, members(tree, year, parent), None)
    return month_period(year, month) if month is not None else None


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


def _shared_id(catalogues: Sequence[Catalogue], text: str) -> str:
    """The id ``text`` names in the regions' catalogues: an id in any case, as everywhere, or
    a name as the first catalogue that knows it reads it (外资)."""
    ident = text.strip().lower()
    if any(ident in c.by_id for c in catalogues):
        return ident
    first: InputError | None = None
    for catalogue in catalogues:
        try:
            return find_target(catalogue, text).id
        except InputError as error:
            if isinstance(error.text, Message) and error.text.code == "target.ambiguous":
                raise  # a part of several names: they are listed to choose from
            first = first or error
    if first is not None:
        raise first  # nothing of that name: the nearest id is suggested
    return ident


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
    for ident in (_shared_id(catalogues, text) for text in target_ids):
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
                month,  # a yearly indicator without its figure yet is in progress, as in status
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
    # children whose figure cannot be added (another dimension), each with the reason: they
    # are left out of the sum and of the count, never counted as zero
    left_out: tuple[tuple[str, Message], ...] = ()


def _in_unit(
    child: Catalogue, value: Decimal, unit: str | None, wanted: str
) -> tuple[Decimal | None, Message | None]:
    """A child's value in the parent's unit, or why it cannot be: another dimension."""
    converted = convert(value, unit or "", wanted) if unit else None
    if converted is None:
        return None, Message("rollup.other_dimension", unit=unit or "—", wanted=wanted)
    return converted, None


def rollup(
    store: FigureStore, tree: Regions, parent: str, *, year: int, as_of: Period | None = None
) -> list[RollUp]:
    """The parent's targets from its children's figures: sums and rates from levels. A child
    whose figure is in another dimension is listed with the reason, and not added."""
    if not tree.tree:
        raise InputError(Message("rollup.one_region", region=tree.named_ids()))
    parent = tree.find(parent)  # its id or its name (泉州市)
    if parent not in tree.sets or not tree.sets[parent].has(year):
        raise InputError(Message("region.unknown", region=parent, regions=tree.named_ids()))
    own = tree.sets[parent].get(year)
    children = members(tree, year, parent)
    month = _month(store, children, as_of)
    latest = {c.region.id: store.latest(c.region.id, year, month) for c in children}
    out = []
    for target in own.targets:
        holders = [c for c in children if target.id in c.by_id]
        figures = [(c, _current(c, target.id, latest[c.region.id], month)) for c in holders]
        if target.kind is Kind.AMOUNT and target.unit and target.target:
            out.append(_amounts(target, figures))
        elif target.kind is Kind.GROWTH:
            out.append(_rates(target, figures))
        else:
            missing = tuple(c.region.id for c, f in figures if f is None)
            reason = Message("rollup.kind", kind=Message(f"kind.{target.kind}"))
            out.append(RollUp(target, None, None, 0, missing, False, reason))
    return out


def _current(
    child: Catalogue, target_id: str, figures: dict[str, Figure], month: int
) -> Figure | None:
    """A child's figure of the month rolled up to, as its rhythm has it due: one older than
    that (June's in a 1-7月 roll-up of a monthly figure) is not added to the others' July, and
    the child is listed as lacking it."""
    figure = figures.get(target_id)
    if figure is None:
        return None
    due = due_month(child.by_id[target_id].frequency, month)
    return None if due is not None and figure.month < due else figure


def _amounts(target: Target, figures: list[tuple[Catalogue, Figure | None]]) -> RollUp:
    assert target.unit is not None and target.target is not None
    total = Decimal(0)
    counted = 0
    missing: list[str] = []
    left_out: list[tuple[str, Message]] = []
    for child, figure in figures:
        if figure is None or figure.number is None:
            missing.append(child.region.id)
            continue
        value, why = _in_unit(child, figure.number, figure.unit, target.unit)
        if value is None:
            assert why is not None
            left_out.append((child.region.id, why))
            continue
        total += value
        counted += 1
    completion = round_pct(total * 100 / target.target) if counted else None
    reason = Message("rollup.none_added") if not counted and left_out else None
    return RollUp(
        target,
        total if counted else None,
        completion,
        counted,
        tuple(missing),
        False,
        reason,
        tuple(left_out),
    )


def _rates(target: Target, figures: list[tuple[Catalogue, Figure | None]]) -> RollUp:
    """A growth rate from the children's levels: never an average of their rates."""
    lacking = tuple(
        c.region.id for c, f in figures if f is None or f.level is None or f.prior is None
    )
    if not figures or lacking or target.value_unit is None:
        named = {c.region.id: c.region for c, _ in figures}
        said: list[object] = [Both(named[i].name_zh, i) for i in lacking] or ["—"]
        reason = Message("rollup.needs_levels", missing=said)
        return RollUp(target, None, None, 0, lacking, False, reason)
    this = before = Decimal(0)
    counted = 0
    left_out: list[tuple[str, Message]] = []
    for child, figure in figures:
        assert figure is not None and figure.level is not None and figure.prior is not None
        unit = child.by_id[target.id].value_unit
        level, why = _in_unit(child, figure.level, unit, target.value_unit)
        prior, _ = _in_unit(child, figure.prior, unit, target.value_unit)
        if level is None or prior is None:
            assert why is not None
            left_out.append((child.region.id, why))
            continue
        this += level
        before += prior
        counted += 1
    if not counted or before <= 0:
        reason = Message("rollup.none_added") if left_out else Message("rollup.no_prior")
        return RollUp(target, None, None, 0, (), False, reason, tuple(left_out))
    with localcontext() as ctx:
        ctx.prec = 60
        rate = ((this / before - 1) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return RollUp(target, rate, None, counted, (), True, None, tuple(left_out))


class RanksView(NamedTuple):
    """For each target, every region against its own target, ranked."""

    standings: dict[str, list[Standing]]
    period: Period | None = None  # what the ranks are as of, for the title


class CityView(NamedTuple):
    """The city's table: a row per region, a column per shared main target, with ranks."""

    standings: dict[str, list[Standing]]
    period: Period | None = None


class RollupView(NamedTuple):
    parent: str
    rolled: list[RollUp]
    regions: dict[str, Region] | None = None  # the parent and its children, for their names
    catalogue: Catalogue | None = None  # the parent's, whose goals the table words
    period: Period | None = None


class RegionsView(NamedTuple):
    """Every region of the catalogue: its names, parent and years."""

    regions: list[tuple[Region, list[int]]]


def compared_year(tree: Regions, as_of: Period | None, year: int | None) -> int:
    """The year regions are compared in: the --as-of period's, else --year, else the latest
    year any region has. A tree that ``check`` would refuse (a parent that is not there, a
    region in another's folder) is refused here too: ranks and sums across it would quietly
    leave regions out or count the city among its districts. So is a year no region has."""
    every = sorted({y for catalogues in tree.sets.values() for y in catalogues.years})
    chosen = as_of.year if as_of is not None else year or every[-1]
    if chosen not in every:
        raise InputError(
            Message("catalogue.no_year", year=chosen, have=", ".join(str(y) for y in every))
        )
    problems = tree.check_tree(chosen)  # that year's: another year's file is not judged here
    if problems:
        raise InputError(Message("regions.broken", problem=problems[0], count=len(problems)))
    return chosen


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
    period = compared_period(store, tree, year, as_of, parent)
    standings = rank(store, tree, target_ids, year=year, as_of=period, parent=parent)
    return RanksView(standings, period)


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
    period = compared_period(store, tree, year, as_of, parent)
    return CityView(rank(store, tree, ids, year=year, as_of=period, parent=parent), period)


def rollup_view(
    store: FigureStore, tree: Regions, parent: str, *, year: int, as_of: Period | None = None
) -> RollupView:
    rolled = rollup(store, tree, parent, year=year, as_of=as_of)
    period = compared_period(store, tree, year, as_of, parent)
    parent = tree.find(parent)
    regions = {i: s.get(year).region for i, s in tree.sets.items() if s.has(year)}
    return RollupView(parent, rolled, regions, tree.sets[parent].get(year), period)


__all__ = ["UNITS", "RollUp", "Standing", "members", "rank", "rollup", "shared_targets"]
