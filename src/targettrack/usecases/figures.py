"""What the commands that enter and take back figures do, between the command line and the
rules of recording: which region and catalogue a figure belongs to, and the key it has."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from targettrack.catalogue.loading import CatalogueSet, Regions
from targettrack.core.models import FigureKey, NewFigure, Target
from targettrack.core.periods import parse_period
from targettrack.errors import InputError
from targettrack.messages import Both, Message, Text
from targettrack.usecases.entries import free_text, login_name, prepare_rows
from targettrack.usecases.importfile import read_import_file
from targettrack.usecases.lookup import find_target

if TYPE_CHECKING:
    from targettrack.usecases.explain import FileExplanations


class ImportPlan(NamedTuple):
    """An import ready to run: the catalogues its store is opened with, its rows validated
    as they are read, and how a figure finds its target."""

    catalogues: CatalogueSet
    rows: Iterator[tuple[int, NewFigure | Text | None]]
    target_of: Callable[[NewFigure], Target | None]
    history: set[int]  # the earlier years without a catalogue its rows gave, as they are read
    explanations: FileExplanations | None = None  # its 原因分析 and 下步措施, if any


def plan_import(
    tree: Regions, region: str | None, file: Path, sheet: str | None, *, fixed: bool = False
) -> ImportPlan:
    """A file of several regions names each row's region (地区); otherwise one is chosen (by
    ``region``: --region or the setting, or the only one). A row's own region is followed,
    unless ``fixed`` (--region was given): then a row of another region is refused."""
    several = len(tree.ids) > 1 and region is None
    catalogues = tree.sets[tree.ids[0]] if several else tree.choose(region)
    for ident in tree.ids:  # every region's catalogue is read: the store needs their ids
        tree.sets[ident].get()
    from targettrack.usecases.explain import FileExplanations

    explained = FileExplanations(tree, None if several else catalogues)
    read = explained.tap(read_import_file(file, sheet))
    rows = prepare_rows(None if several else catalogues, read, tree, fixed=fixed)
    history: set[int] = set()

    def noting_history(
        rows: Iterator[tuple[int, NewFigure | Text | None]],
    ) -> Iterator[tuple[int, NewFigure | Text | None]]:
        seen: set[tuple[str, int]] = set()
        last_region, last_year = "", 0
        for number, row in rows:
            # a file's rows are mostly of one region and year: the last pair is asked first
            if row.__class__ is NewFigure and (row.year != last_year or row.region != last_region):
                last_region, last_year = row.region, row.year
                if (last_region, last_year) not in seen:
                    seen.add((last_region, last_year))
                    if (tree.sets.get(last_region) or catalogues).is_history(last_year):
                        history.add(last_year)
            yield number, row

    def target_of(figure: NewFigure) -> Target | None:
        chosen = tree.sets.get(figure.region) or catalogues
        try:
            return chosen.defining(figure.year).by_id.get(figure.target_id)
        except InputError:
            return None

    return ImportPlan(catalogues, noting_history(rows), target_of, history, explained)


class Withdrawal(NamedTuple):
    """Who takes a figure back, on whose behalf, and why."""

    reason: str
    by: str
    behalf: str


def _set_of(tree: Regions, ident: str) -> CatalogueSet | None:
    """A region's catalogues: by its id in a tree, the only ones of a single catalogue."""
    chosen = tree.sets.get(ident)
    if chosen is None and len(tree.sets) == 1:
        chosen = next(iter(tree.sets.values()))
    return chosen


def target_in(tree: Regions, key: FigureKey) -> Target | None:
    """A figure's target in its own region's catalogue of its year, if there is one."""
    chosen = _set_of(tree, key.region)
    if chosen is None:
        return None
    try:
        return chosen.defining(key.year).by_id.get(key.target_id)
    except InputError:
        return None


def region_in(tree: Regions, ident: str) -> Text:
    """A region as a sentence names it: its Chinese name in Chinese, its id in English."""
    chosen = _set_of(tree, ident)
    return Both(chosen.get().region.name_zh, ident) if chosen is not None else ident


def withdrawal(reason: str, by: str | None) -> Withdrawal:
    """The reason (required) and the person, as typed; the login name when none is given."""
    why = free_text(reason, Message("what.reason"))
    if not why:
        raise InputError(Message("withdraw.no_reason"))
    behalf = free_text(by or "", Message("what.by"))
    return Withdrawal(why, behalf or login_name(), behalf)


def figure_key(
    catalogues: CatalogueSet, target_text: str, period_text: str
) -> tuple[FigureKey, Target]:
    """The figure a command names by target and period, in its year's catalogue."""
    chosen = parse_period(period_text, default_year=catalogues.latest_year)  # 1-6月: this year
    catalogue = catalogues.defining(chosen.year)  # an earlier year's, as history
    target = find_target(catalogue, target_text)
    return FigureKey(catalogue.region.id, chosen.year, target.id, chosen.month), target
