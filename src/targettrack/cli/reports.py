"""The reading commands: status, compare, show and export."""

from __future__ import annotations

from typing import Annotated

import typer

from targettrack.cli.app import Command, app
from targettrack.cli.options import (
    AsOfOpt,
    DbOpt,
    DepartmentOpt,
    FormatChoice,
    GroupOpt,
    LaggingOpt,
    OutputOpt,
    ParentOpt,
    RegionOpt,
    TableFormatOpt,
    TargetsOpt,
    YearOpt,
    catalogues,
    context,
    format_option,
    open_db,
    path_option,
    period,
    render,
)
from targettrack.context import Context
from targettrack.writers import choose_format


@app.command(cls=Command)
def status(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    group: GroupOpt = None,
    lagging: LaggingOpt = False,
    fmt: TableFormatOpt = None,
    output: OutputOpt = None,
    department: DepartmentOpt = None,
    by_department: Annotated[
        bool, typer.Option("--by-department", help="Group the targets by department (责任单位).")
    ] = False,
    missing: Annotated[
        bool,
        typer.Option("--missing", help="Only targets with no figure for the report's period."),
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help="Show what moved since this period instead.", show_default=False
        ),
    ] = None,
    regions: Annotated[
        bool,
        typer.Option("--regions", help="The regions side by side: a row each, with ranks."),
    ] = False,
    parent: ParentOpt = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Show progress against every target: on pace, lagging, achieved."""
    from targettrack.usecases import views

    c = context(ctx)
    if regions or parent is not None:
        from targettrack.cli.regions import city_table

        city_table(c, as_of, year, parent, fmt, output, targets, db)
        return
    if since is not None:
        _compare(c, as_of, since, fmt, output, targets, db, region)
        return
    chosen = period(as_of)
    sets = catalogues(c, targets, region)
    catalogue = views.choose_year(sets, year, chosen)
    with open_db(c, db, create=False, known=sets) as store:
        view = views.status_view(
            store,
            catalogue,
            as_of=chosen,
            group=group,
            lagging=lagging,
            department=department,
            missing=missing,
            grouped_by_department=by_department,
        )
        reads = [*store.local_files(), *sets.local_files()]
    render(c, view, fmt, output, reads=reads)


@app.command(cls=Command)
def compare(
    ctx: typer.Context,
    now: Annotated[str, typer.Argument(help="The later period, such as 2023-06 or 2023年1-6月.")],
    before: Annotated[str, typer.Argument(help="The earlier period, such as 2023-05.")],
    fmt: TableFormatOpt = None,
    output: OutputOpt = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """What moved between two periods, per target: figures and verdicts."""
    _compare(context(ctx), now, before, fmt, output, targets, db, region)


def _compare(
    c: Context,
    now_text: str | None,
    before_text: str,
    fmt: str | None,
    output: str | None,
    targets: str | None,
    db: str | None,
    region: str | None = None,
) -> None:

    from targettrack.usecases import views

    before = period(before_text)
    assert before is not None
    sets = catalogues(c, targets, region)
    catalogue = sets.get(before.year)
    with open_db(c, db, create=False, known=sets) as store:
        now = period(now_text) or views.resolve_as_of(store, catalogue, None) or before
        view = views.compare_view(store, catalogue, now, before)
        reads = [*store.local_files(), *sets.local_files()]
    render(c, view, fmt, output, reads=reads)


@app.command(cls=Command)
def show(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="Target id or name.")],
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Show one target: its figures through the year, verdict, outlook and history."""
    from targettrack.usecases import views

    c = context(ctx)
    chosen = period(as_of)
    sets = catalogues(c, targets, region)
    catalogue = views.choose_year(sets, year, chosen)
    with open_db(c, db, create=False, known=sets) as store:
        view = views.target_view(store, catalogue, target, as_of=chosen)
    render(c, view, "table", None)


@app.command(cls=Command)
def outlook(
    ctx: typer.Context,
    backtest: Annotated[
        bool,
        typer.Option(
            "--backtest",
            help="How far the outlook can be trusted: each earlier year projected from its "
            "own months, the mean absolute error by month.",
        ),
    ] = False,
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    group: GroupOpt = None,
    fmt: TableFormatOpt = None,
    output: OutputOpt = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """The year-end outlook (全年预计) of every target: projection, range, method, likelihood."""
    from targettrack.usecases import outlook as outlooks
    from targettrack.usecases import views

    c = context(ctx)
    chosen = period(as_of)
    sets = catalogues(c, targets, region)
    catalogue = views.choose_year(sets, year, chosen)
    with open_db(c, db, create=False, known=sets) as store:
        if backtest:
            view: object = outlooks.backtest_view(store, catalogue, group=group)
        else:
            view = outlooks.outlook_view(store, catalogue, as_of=chosen, group=group)
        reads = [*store.local_files(), *sets.local_files()]
    render(c, view, fmt, output, reads=reads)


# export writes files for others to open: every format but the terminal's table
EXPORT_EXCLUDES = ("table",)


@app.command(cls=Command)
def export(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    group: GroupOpt = None,
    lagging: LaggingOpt = False,
    records: Annotated[
        bool, typer.Option("--records", help="Export every recorded figure instead.")
    ] = False,
    fmt: Annotated[str | None, format_option(default="csv", exclude=EXPORT_EXCLUDES)] = None,
    output: OutputOpt = None,
    no_bom: Annotated[
        bool, typer.Option("--no-bom", help="CSV without the byte-order mark Excel needs.")
    ] = False,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Write the status (or the recorded figures) as CSV, JSON, Markdown, Excel or HTML."""
    from targettrack.usecases import views

    c = context(ctx)
    allowed = FormatChoice("table", "csv", exclude=EXPORT_EXCLUDES).allowed()
    chosen_format = choose_format(fmt, path_option(output, "--output"), allowed, "csv")
    chosen = period(as_of)
    sets = catalogues(c, targets, region)
    catalogue = views.choose_year(sets, year, chosen)
    with open_db(c, db, create=False, known=sets) as store:
        view = views.export_view(
            store,
            catalogue,
            as_of=chosen,
            group=group,
            lagging=lagging,
            records=records,
            workbook=chosen_format == "xlsx",
            page=chosen_format == "html",
        )
        reads = [*store.local_files(), *sets.local_files()]
    render(c, view, chosen_format, output, reads=reads, allowed=allowed, bom=not no_bom)


@app.command(cls=Command)
def report(
    ctx: typer.Context,
    period_text: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="The period reported: 2023-06, 2023年1-6月 (default: the latest with figures).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[str | None, format_option("document", "text")] = None,
    output: OutputOpt = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="The date the report carries, 2023-07-12 (default: today).",
            show_default=False,
        ),
    ] = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Write the month's report to leadership: the text written from the figures, the lagging
    targets, the outlook and the table, as a Word document in the official layout (docx),
    Markdown, a page (html) or plain text."""
    from targettrack.usecases import views
    from targettrack.usecases.report import report_day, report_view

    c = context(ctx)
    chosen = period(period_text)
    sets = catalogues(c, targets, region)
    catalogue = views.choose_year(sets, None, chosen)
    day = report_day(date)
    with open_db(c, db, create=False, known=sets) as store:
        view = report_view(store, catalogue, as_of=chosen, date=day)
        reads = [*store.local_files(), *sets.local_files()]
    allowed = FormatChoice("document", "text").allowed()
    render(c, view, fmt, output, reads=reads, default="text", allowed=allowed)
