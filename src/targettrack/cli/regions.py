"""The commands across regions: the list of regions, ranks, roll-ups and the city's table."""

from __future__ import annotations

from typing import Annotated

import typer

from targettrack.cli.app import Command, app
from targettrack.cli.options import (
    AsOfOpt,
    DbOpt,
    OutputOpt,
    ParentOpt,
    TableFormatOpt,
    TargetsOpt,
    YearOpt,
    context,
    open_db,
    period,
    render,
)
from targettrack.cli.options import (
    regions as read_regions,
)
from targettrack.context import Context


@app.command(cls=Command)
def regions(
    ctx: typer.Context,
    fmt: TableFormatOpt = None,
    output: OutputOpt = None,
    targets: TargetsOpt = None,
) -> None:
    """List the regions of the catalogue: id, names, parent and years."""
    from targettrack.usecases import regions as across

    c = context(ctx)
    tree = read_regions(c, targets)
    render(c, across.regions_view(tree), fmt, output)


@app.command(cls=Command)
def rank(
    ctx: typer.Context,
    target_ids: Annotated[
        list[str], typer.Argument(help="Targets shared by the regions, by id or name.")
    ],
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    parent: ParentOpt = None,
    fmt: TableFormatOpt = None,
    output: OutputOpt = None,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Rank the regions on shared targets: each region's figure against its own target."""
    from targettrack.usecases import regions as across

    c = context(ctx)
    chosen = period(as_of, c, targets, year)
    tree = read_regions(c, targets)
    in_year = across.compared_year(tree, chosen, year)
    with open_db(c, db, create=False, known=tree) as store:
        view = across.ranks_view(store, tree, target_ids, year=in_year, as_of=chosen, parent=parent)
        reads = [*store.local_files(), *(f for i in tree.ids for f in tree.sets[i].local_files())]
    render(c, view, fmt, output, reads=reads)


@app.command(cls=Command)
def rollup(
    ctx: typer.Context,
    parent: Annotated[str, typer.Option("--parent", help="The region to roll up to (its id).")],
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    fmt: TableFormatOpt = None,
    output: OutputOpt = None,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """A parent region's targets from its children's figures: sums, and rates from levels."""
    from targettrack.usecases import regions as across

    c = context(ctx)
    chosen = period(as_of, c, targets, year)
    tree = read_regions(c, targets)
    in_year = across.compared_year(tree, chosen, year)
    with open_db(c, db, create=False, known=tree) as store:
        view = across.rollup_view(store, tree, parent, year=in_year, as_of=chosen)
        reads = store.local_files()
    render(c, view, fmt, output, reads=reads)


def city_table(
    c: Context,
    as_of: str | None,
    year: int | None,
    parent: str | None,
    fmt: str | None,
    output: str | None,
    targets: str | None,
    db: str | None,
) -> None:
    """status --regions: a row per region, a column per shared main target, with ranks."""
    from targettrack.usecases import regions as across

    chosen = period(as_of, c, targets, year)
    tree = read_regions(c, targets)
    in_year = across.compared_year(tree, chosen, year)
    with open_db(c, db, create=False, known=tree) as store:
        view = across.city_view(store, tree, year=in_year, as_of=chosen, parent=parent)
        reads = store.local_files()
    render(c, view, fmt, output, reads=reads)
