"""The reading commands: status, compare, show and export."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from targettrack.cli.app import Command, app
from targettrack.cli.options import (
    AsOfOpt,
    DbOpt,
    DepartmentOpt,
    EditionOpt,
    FormatChoice,
    GroupOpt,
    KnownAtOpt,
    LaggingOpt,
    OutputOpt,
    ParentOpt,
    RegionOpt,
    TableFormatOpt,
    TargetsOpt,
    TodayOpt,
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
from targettrack.errors import InputError
from targettrack.messages import Message
from targettrack.writers import choose_format

if TYPE_CHECKING:
    from targettrack.store import FigureStore
    from targettrack.usecases.views import StatusView


def NOTICE_FORMATS() -> tuple[str, ...]:
    """The notices: every document format, and CSV and JSON as a table (a row per target)."""
    from targettrack.writers import DOCUMENT, formats

    return (*formats(DOCUMENT), *(n for n in ("csv", "json") if n in formats()))


class _NoticeChoice:
    """--format of remind: the document formats, CSV and JSON."""

    def __init__(self) -> None:
        self.__name__ = "format"

    def __call__(self, value: str) -> str:
        chosen = value.strip().lower()
        if chosen not in NOTICE_FORMATS():
            raise InputError(
                Message("format.unknown", format=value, choices=list(NOTICE_FORMATS()))
            )
        return chosen


def notice_format() -> object:
    return typer.Option(
        "--format",
        parser=_NoticeChoice(),
        help="text, markdown, docx, html, csv or json (default: from the --output file's "
        "extension, else text).",
        show_default=False,
    )


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
        typer.Option(
            "--missing",
            help="Who is late: each department's targets whose figure is due and not in, since "
            "when and how many days late (with --as-of: whose figure of that period is not in).",
        ),
    ] = False,
    today: TodayOpt = None,
    unexplained: Annotated[
        bool,
        typer.Option(
            "--unexplained",
            help="Only the lagging targets with no reason (原因分析) for the period.",
        ),
    ] = False,
    edition: EditionOpt = None,
    as_known_at: KnownAtOpt = None,
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

        given = {
            "--group": group is not None,
            "--lagging": lagging,
            "--department": department is not None,
            "--by-department": by_department,
            "--missing": missing,
            "--today": today is not None,
            "--unexplained": unexplained,
            "--edition": edition is not None,
            "--as-known-at": as_known_at is not None,
            "--since": since is not None,
            "--region": region is not None,
        }
        for option, used in given.items():  # the city's table would quietly ignore them
            if used:
                raise InputError(Message("regions.with_option", option=option))
        city_table(c, as_of, year, parent, fmt, output, targets, db)
        return
    if since is not None:
        _compare(c, as_of, since, fmt, output, targets, db, region)
        return
    from targettrack.usecases.editions import known

    chosen = period(as_of, c, targets, year, region=region)
    sets = catalogues(c, targets, region)
    catalogue = views.choose_year(sets, year, chosen)
    shown: object
    with open_db(c, db, create=False, known=sets) as opened:
        then = known(
            opened, sets, catalogue, edition, as_known_at, chosen="--as-of" if as_of else None
        )
        if missing:
            from targettrack.usecases.late import late_view, parse_day

            day = parse_day(today, then.day)
            shown = late_view(then.store, then.catalogue, day, period=chosen, department=department)
        else:
            shown = views.status_view(
                then.store,
                then.catalogue,
                as_of=chosen or then.period,
                group=group,
                lagging=lagging,
                department=department,
                grouped_by_department=by_department,
                unexplained=unexplained,
            )
        reads = [*opened.local_files(), *sets.local_files()]
    render(c, shown, fmt, output, reads=reads)


@app.command(cls=Command)
def compare(
    ctx: typer.Context,
    now: Annotated[
        str | None,
        typer.Argument(
            help="The later period, such as 2023-06 or 2023年1-6月.", show_default=False
        ),
    ] = None,
    before: Annotated[
        str | None,
        typer.Argument(help="The earlier period, such as 2023-05.", show_default=False),
    ] = None,
    edition: Annotated[
        str | None,
        typer.Option(
            "--edition",
            help="What was revised after this edition (targettrack publish): its table as "
            "sent against the same table now.",
            show_default=False,
        ),
    ] = None,
    fmt: TableFormatOpt = None,
    output: OutputOpt = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """What moved between two periods, per target: figures and verdicts, the verdicts that
    worsened or improved first."""
    c = context(ctx)
    if edition is not None:
        if now is not None or before is not None:
            raise InputError(Message("compare.edition_alone"))
        _since_edition(c, edition, fmt, output, targets, db, region)
        return
    if now is None or before is None:
        raise InputError(Message("compare.two_periods"))
    _compare(c, now, before, fmt, output, targets, db, region)


def _since_edition(
    c: Context,
    name: str,
    fmt: str | None,
    output: str | None,
    targets: str | None,
    db: str | None,
    region: str | None,
) -> None:
    from targettrack.usecases import views
    from targettrack.usecases.editions import known

    sets = catalogues(c, targets, region)
    catalogue = sets.get()
    with open_db(c, db, create=False, known=sets) as store:
        then = known(store, sets, catalogue, name, None)
        assert then.edition is not None and then.period is not None
        current = sets.get(then.edition.year) if sets.has(then.edition.year) else then.catalogue
        view = views.since_edition_view(
            then.store, store, then.catalogue, current, then.period, then.edition.name
        )
        reads = [*store.local_files(), *sets.local_files()]
    render(c, view, fmt, output, reads=reads)


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

    before = period(before_text, c, targets, region=region)
    assert before is not None
    sets = catalogues(c, targets, region)
    catalogue = sets.get(before.year)
    with open_db(c, db, create=False, known=sets) as store:
        now = (
            period(now_text, c, targets, region=region)
            or views.resolve_as_of(store, catalogue, None)
            or before
        )
        view = views.compare_view(store, catalogue, now, before)
        reads = [*store.local_files(), *sets.local_files()]
    render(c, view, fmt, output, reads=reads)


@app.command(cls=Command)
def show(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="Target id or name.")],
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    edition: EditionOpt = None,
    as_known_at: KnownAtOpt = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Show one target: its figures through the year, verdict, outlook and history."""
    from targettrack.usecases import views
    from targettrack.usecases.editions import known

    c = context(ctx)
    chosen = period(as_of, c, targets, year, region=region)
    sets = catalogues(c, targets, region)
    catalogue = views.choose_year(sets, year, chosen)
    with open_db(c, db, create=False, known=sets) as store:
        then = known(
            store, sets, catalogue, edition, as_known_at, chosen="--as-of" if as_of else None
        )
        view = views.target_view(then.store, then.catalogue, target, as_of=chosen or then.period)
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
    chosen = period(as_of, c, targets, year, region=region)
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
    edition: EditionOpt = None,
    as_known_at: KnownAtOpt = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Write the status (or the recorded figures) as CSV, JSON, Markdown, Excel or HTML."""
    from targettrack.usecases import views
    from targettrack.usecases.editions import known

    c = context(ctx)
    allowed = FormatChoice("table", "csv", exclude=EXPORT_EXCLUDES).allowed()
    chosen_format = choose_format(fmt, path_option(output, "--output"), allowed, "csv")
    chosen = period(as_of, c, targets, year, region=region)
    sets = catalogues(c, targets, region)
    catalogue = views.choose_year(sets, year, chosen)
    with open_db(c, db, create=False, known=sets) as opened:
        then = known(
            opened, sets, catalogue, edition, as_known_at, chosen="--as-of" if as_of else None
        )
        view = views.export_view(
            then.store,
            then.catalogue,
            as_of=chosen or then.period,
            group=group,
            lagging=lagging,
            records=records,
            workbook=chosen_format == "xlsx",
            page=chosen_format == "html",
        )
        if chosen_format == "html" and isinstance(view, views.StatusView):
            view = _news(then.store, view, then.moment)
        reads = [*opened.local_files(), *sets.local_files()]
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
            help="The date the report carries, 2023-07-12 (default: today, or the edition's).",
            show_default=False,
        ),
    ] = None,
    edition: EditionOpt = None,
    as_known_at: KnownAtOpt = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Write the month's report to leadership: the text written from the figures, the lagging
    targets, the outlook and the table, as a Word document in the official layout (docx),
    Markdown, a page (html) or plain text."""
    from targettrack.usecases import views
    from targettrack.usecases.editions import known
    from targettrack.usecases.report import check_dated, report_day, report_view

    c = context(ctx)
    chosen = period(period_text, c, targets, region=region)
    sets = catalogues(c, targets, region)
    catalogue = views.choose_year(sets, None, chosen)
    with open_db(c, db, create=False, known=sets) as opened:
        given = "--period" if period_text else "--date" if date else None
        then = known(opened, sets, catalogue, edition, as_known_at, chosen=given)
        day = report_day(date) if date is not None or then.day is None else then.day.isoformat()
        view = report_view(
            then.store,
            then.catalogue,
            as_of=chosen or then.period,
            date=day,
            edition=then.edition.name if then.edition else "",
        )
        if date is not None:
            check_dated(view.period, day)  # as publish does
        reads = [*opened.local_files(), *sets.local_files()]
    allowed = FormatChoice("document", "text").allowed()
    render(c, view, fmt, output, reads=reads, default="text", allowed=allowed)


def _news(store: FigureStore, view: StatusView, moment: str | None = None) -> StatusView:
    """The page's news: verdicts moved since the latest edition of an earlier period
    (published by ``moment``, when the page is itself as known then), else since the month
    before."""
    import datetime

    from targettrack.core.periods import parse_period
    from targettrack.usecases import views

    if view.as_of is None:
        return view
    earlier = [
        e
        for e in store.editions(view.catalogue.region.id)
        if e.year == view.catalogue.year
        and parse_period(e.period).month < view.as_of.month
        and (
            moment is None
            or datetime.datetime.fromisoformat(e.known_at)
            <= datetime.datetime.fromisoformat(moment)
        )
    ]
    if not earlier:
        return views.with_news(store, view, None, "")
    last = earlier[-1]
    return views.with_news(
        store, view, store.as_known_at(last.known_at), last.name, parse_period(last.period)
    )


@app.command(cls=Command)
def publish(
    ctx: typer.Context,
    period_text: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="The period of the report sent: 2023-06, 2023年1-6月 (default: the latest "
            "with figures).",
            show_default=False,
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            help="The edition's name (default: the period, as 2023年1-6月; then 2023年1-6月"
            "（第2版）).",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="The date the report carried, 2023-07-12 (default: today); --edition writes "
            "it again with this date.",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by", help="Who sent it (a file's; default: login name).", show_default=False
        ),
    ] = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Record that the report of a period was sent to leadership: an edition, which every
    report command shows again as it was with --edition NAME."""
    from targettrack.core.words import PeriodName, TimeName
    from targettrack.usecases import editions, views
    from targettrack.usecases.entries import free_text, login_name
    from targettrack.usecases.report import report_day

    c = context(ctx)
    chosen = period(period_text, c, targets, region=region)
    sets = catalogues(c, targets, region)
    catalogue = views.choose_year(sets, None, chosen)
    who = free_text(by or "", Message("what.by")) or login_name()
    with open_db(c, db, create=False, known=sets) as store:
        target_period = views.resolve_as_of(store, catalogue, chosen)
        if target_period is None:
            raise InputError(Message("report.no_figures", year=catalogue.year))
        dated = report_day(date) if date is not None else None
        made = editions.publish(store, sets, catalogue, target_period, name, who, dated)
    c.out(
        Message(
            "edition.published",
            name=made.name,
            period=PeriodName(made.period),
            at=TimeName(made.known_at, seconds=True),
            by=made.published_by,
        )
    )


@app.command(cls=Command)
def remind(
    ctx: typer.Context,
    today: TodayOpt = None,
    department: DepartmentOpt = None,
    every_department: Annotated[
        bool,
        typer.Option(
            "--all-departments",
            help="The month's notice to every department, before the due date.",
        ),
    ] = False,
    fmt: Annotated[str | None, notice_format()] = None,
    output: OutputOpt = None,
    smtp: Annotated[
        str | None,
        typer.Option(
            "--smtp",
            help="Send each notice by e-mail through this server (HOST or HOST:PORT), from the "
            "office's address to each department's (the catalogue's calendar).",
            show_default=False,
        ),
    ] = None,
    year: YearOpt = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Write the reminders (催报) to the departments whose figures are late: one notice each,
    as text, Markdown, a Word document (docx) or CSV; --smtp sends them."""
    from targettrack.core.words import DayName
    from targettrack.usecases import views
    from targettrack.usecases.late import notices_view, parse_day

    c = context(ctx)
    day = parse_day(today)
    sets = catalogues(c, targets, region)
    catalogue = views.choose_year(sets, year, None)
    with open_db(c, db, create=False, known=sets) as store:
        view = notices_view(
            store, catalogue, day, department=department, every_department=every_department
        )
        reads = [*store.local_files(), *sets.local_files()]
    if not view.notices:
        c.note(Message("remind.nobody", day=DayName(day.isoformat())))
        return
    if smtp is not None:
        from targettrack.usecases.mail import send_notices
        from targettrack.writers.notices import mail_text

        if output is not None:
            render(c, view, fmt, output, reads=reads, default="text", allowed=NOTICE_FORMATS())
        sent = send_notices(
            view, smtp, c.settings.timeout(), lambda notice: mail_text(view, notice, c.lang)
        )
        for line in sent:
            c.out(line)
        return
    render(c, view, fmt, output, reads=reads, default="text", allowed=NOTICE_FORMATS())
