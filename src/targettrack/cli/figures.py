"""The commands that enter figures and take them back: record, import, withdraw, history and
the entry template."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from targettrack.cli.app import Command, app
from targettrack.cli.options import (
    DbOpt,
    DepartmentOpt,
    EditionOpt,
    KnownAtOpt,
    OutputOpt,
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
    regions,
    render,
    write,
)
from targettrack.context import Context
from targettrack.core.words import PeriodName, TargetName
from targettrack.errors import InputError, TargettrackError
from targettrack.messages import Message, Text
from targettrack.writers import choose_format


# A negative rate such as -1.3 must reach VALUE instead of being taken for an option.
@app.command(cls=Command, context_settings={"ignore_unknown_options": True})
def record(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="Target id or name, such as gdp or 外资.")],
    value: Annotated[
        str | None,
        typer.Argument(
            help="Year-to-date figure: a rate in % for growth targets (5.2), a quantity for "
            "amounts and levels (2500, 0.25亿美元, 2.83万亩), or not-started, in-progress or "
            "done for milestones.",
            show_default=False,
        ),
    ] = None,
    period_text: Annotated[
        str, typer.Option("--period", help="2023-06, 2023-Q2, 2023-H1 or 2023.")
    ] = "",
    note: Annotated[str, typer.Option("--note", help="A note kept with the figure.")] = "",
    source: Annotated[str, typer.Option("--source", help="Where the figure comes from.")] = "",
    status: Annotated[str, typer.Option("--status", help="provisional or final.")] = "provisional",
    by: Annotated[
        str | None,
        typer.Option("--by", help="Who enters it (default: login name).", show_default=False),
    ] = None,
    revise: Annotated[
        bool, typer.Option("--revise", help="Record a new version of an existing figure.")
    ] = False,
    level: Annotated[
        str | None,
        typer.Option(
            "--level", help="Growth targets: this year's year-to-date value.", show_default=False
        ),
    ] = None,
    prior: Annotated[
        str | None,
        typer.Option(
            "--prior",
            help="Last year's value for the same period.",
            show_default=False,
        ),
    ] = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Record a year-to-date figure for a target and period."""
    from targettrack.usecases.entries import Entry, prepare
    from targettrack.usecases.figures import region_in
    from targettrack.usecases.recording import record_figure
    from targettrack.writers.text import record_confirmation

    c = context(ctx)
    if not period_text:
        raise InputError(Message("entry.no_period"))
    if value is None and not (level or prior):
        raise InputError(Message("entry.no_value", target=target, period=period_text))
    entry = Entry(target, period_text, value, status, by, source, note, level, prior)
    tree = regions(c, targets)
    sets = tree.choose(c.settings.chosen_region(region))
    new = prepare(sets, entry)
    goal = sets.defining(new.year).by_id.get(new.target_id)
    with open_db(c, db, create=True, known=sets) as store:
        outcome = record_figure(store, new, revise=revise, target=goal)
    # with several regions the confirmation says whose figure it is (洛江区实际利用外资)
    named = region_in(tree, new.region) if len(tree.sets) > 1 else None
    c.out(record_confirmation(outcome, goal, named))
    if sets.is_history(new.year) and not outcome.unchanged:
        c.note(Message("figures.history", years=[new.year]))
    c.warn(outcome.warnings)


@app.command(cls=Command)
def withdraw(
    ctx: typer.Context,
    target: Annotated[
        str | None, typer.Argument(help="The target whose figure to take back.", show_default=False)
    ] = None,
    period_text: Annotated[
        str | None, typer.Option("--period", help="The figure's period.", show_default=False)
    ] = None,
    reason: Annotated[str, typer.Option("--reason", help="Why it is taken back (required).")] = "",
    batch: Annotated[
        str | None,
        typer.Option(
            "--import",
            help="Take back every figure of this import (its batch id).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="--import: also figures revised since the import.")
    ] = False,
    explanation: Annotated[
        bool,
        typer.Option(
            "--explanation",
            help="Take back the target's reason and measures (原因分析, 下步措施) for the "
            "period instead of its figure.",
        ),
    ] = False,
    by: Annotated[
        str | None,
        typer.Option("--by", help="On whose behalf (default: login name).", show_default=False),
    ] = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Take back a figure, or a whole import: it counts nowhere, and its history stays."""
    from targettrack.usecases.entries import now_text
    from targettrack.usecases.figures import figure_key, region_in, target_in, withdrawal
    from targettrack.usecases.recording import withdraw_figure, withdraw_import
    from targettrack.writers.text import figure_value_text

    c = context(ctx)
    who = withdrawal(reason, by)
    if batch is not None:
        if target is not None or period_text is not None:
            raise InputError(Message("withdraw.what"))
        # an import may hold several regions' figures: each is named from its own catalogue
        tree = regions(c, targets)
        chosen = tree.choose(region).get().region.id if region is not None else None
        with open_db(c, db, create=False, known=tree) as store:
            done = withdraw_import(
                store,
                batch.strip(),
                reason=who.reason,
                by=who.by,
                behalf=who.behalf,
                at=now_text(),
                force=force,
                target_of=lambda key: target_in(tree, key),
                region=chosen,
                region_name=lambda ident: region_in(tree, ident),
            )
        c.out(Message("withdraw.import_done", batch=batch, count=len(done.entries)))
        return
    sets = catalogues(c, targets, region)
    if target is None or period_text is None:
        raise InputError(Message("withdraw.what"))
    if explanation:
        from targettrack.usecases.explain import withdraw_explanation

        with open_db(c, db, create=False, known=sets) as store:
            taken = withdraw_explanation(
                store, sets, target, period_text, why=who.reason, by=who.by, behalf=who.behalf
            )
        c.out(
            Message(
                "explain.withdrawn",
                target=TargetName.of(
                    sets.defining(taken.year).by_id.get(taken.target_id), taken.target_id
                ),
                period=PeriodName(taken.period),
                version=taken.version,
            )
        )
        return
    key, found = figure_key(sets, target, period_text)
    with open_db(c, db, create=False, known=sets) as store:
        done = withdraw_figure(
            store, key, reason=who.reason, by=who.by, behalf=who.behalf, at=now_text(), target=found
        )
    entry = done.entries[0]
    said = Message(
        "withdraw.done",
        target=TargetName.of(found, found.id),
        period=PeriodName(entry.period),
        value=figure_value_text(entry._replace(withdrawn=False), c.lang),
        version=entry.version,
    )
    c.out(said)


@app.command(cls=Command)
def explain(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="Target id or name, such as fdi or 外资.")],
    period_text: Annotated[
        str, typer.Option("--period", help="The period explained: 2023-06, 2023年1-6月.")
    ] = "",
    reason: Annotated[
        str | None,
        typer.Option("--reason", help="原因分析: why the target lags.", show_default=False),
    ] = None,
    measures: Annotated[
        str | None,
        typer.Option("--measures", help="下步措施: what will be done next.", show_default=False),
    ] = None,
    revise: Annotated[
        bool,
        typer.Option("--revise", help="Replace the period's reason and measures (a new version)."),
    ] = False,
    by: Annotated[
        str | None,
        typer.Option("--by", help="On whose behalf (default: login name).", show_default=False),
    ] = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Record a lagging target's reason (原因分析) and measures (下步措施) for a period."""
    from targettrack.usecases.explain import explain as record_explanation

    c = context(ctx)
    sets = catalogues(c, targets, region)
    with open_db(c, db, create=True, known=sets) as store:
        done = record_explanation(
            store,
            sets,
            target,
            period_text,
            reason=reason,
            measures=measures,
            by=by,
            revise=revise,
        )
    code = (
        "explain.unchanged"
        if done.unchanged
        else "explain.revised"
        if done.previous is not None
        else "explain.recorded"
    )
    stored = done.stored
    c.out(
        Message(
            code,
            target=TargetName.of(
                sets.defining(stored.year).by_id.get(stored.target_id), stored.target_id
            ),
            period=PeriodName(stored.period),
            version=stored.version,
        )
    )


@app.command(cls=Command)
def history(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="Target id or name.")],
    explanations: Annotated[
        bool,
        typer.Option(
            "--explanations",
            help="Every version of the target's reasons and measures (原因分析, 下步措施) instead.",
        ),
    ] = False,
    edition: EditionOpt = None,
    as_known_at: KnownAtOpt = None,
    year: YearOpt = None,
    fmt: TableFormatOpt = None,
    output: OutputOpt = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Show every version of a target's figures, newest first."""
    from targettrack.usecases.editions import known
    from targettrack.usecases.explain import explanations_view
    from targettrack.usecases.views import history_view

    c = context(ctx)
    sets = catalogues(c, targets, region)
    catalogue = sets.get() if year is None else sets.defining(year)  # earlier years: history
    in_year = year or catalogue.year
    with open_db(c, db, create=False, known=sets) as opened:
        then = known(opened, sets, catalogue, edition, as_known_at)
        store, catalogue = then.store, then.catalogue
        shown: object
        if explanations:
            shown = every = explanations_view(store, catalogue, target)
            empty = not every.explanations
        else:
            shown = view = history_view(store, catalogue, target, in_year)
            empty = not view.figures
            more = len(store.explanation_history(catalogue.region.id, in_year, view.target.id))
        reads = [*opened.local_files(), *sets.local_files()]
    if empty and fmt in (None, "table") and output is None:
        code = "explain.no_history" if explanations else "cli.no_history"
        found = catalogue.by_id[every.target.id if explanations else view.target.id]
        c.out(Message(code, target=TargetName.of(found, found.id), year=in_year))
        return
    render(c, shown, fmt, output, reads=reads)
    if not explanations and more and fmt in (None, "table") and output is None:
        c.note(Message("explain.see_history", count=more, target=view.target.id))


@app.command("import", cls=Command)
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV (UTF-8, UTF-16 or GBK) or xlsx with columns target, period, value (or "
            "指标编号/指标, 期别, 数值), and optionally note, source, status, by, level, prior, "
            "reason, measures (原因分析, 下步措施)."
        ),
    ],
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            help="xlsx: the sheet to read (default: the active sheet; a hidden one only when "
            "named).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate only; write nothing.")] = (
        False
    ),
    revise: Annotated[
        bool, typer.Option("--revise", help="Record changed figures as new versions.")
    ] = False,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Import figures from a CSV or xlsx file: all rows or none."""
    from targettrack.usecases.figures import plan_import
    from targettrack.usecases.recording import import_figures

    c = context(ctx)
    tree = regions(c, targets)
    plan = plan_import(
        tree, c.settings.chosen_region(region), file, sheet, fixed=region is not None
    )
    with open_db(c, db, create=True, known=tree) as store:
        try:
            explained = plan.explanations
            outcome = import_figures(
                store,
                plan.rows,
                revise=revise,
                dry_run=dry_run,
                target_of=plan.target_of,
                also=(lambda w: explained.store(w, revise=revise)) if explained else None,
            )
        except TargettrackError:
            store.discard_if_new()  # a refused import leaves no new, empty database behind
            raise
        if dry_run:
            store.discard_if_new()
    skipped: Text = ""
    if outcome.skipped:
        skipped = Message("import.skipped_empty", count=outcome.skipped)
    c.out(
        Message(
            "import.dry_run" if dry_run else "import.done",
            added=outcome.added,
            revised=outcome.revised,
            unchanged=outcome.unchanged,
            skipped=skipped,
        )
    )
    if (outcome.added or outcome.revised) and not dry_run:  # a dry run stores no batch
        c.out(Message("import.batch", batch=outcome.batch))
    if plan.explanations is not None and plan.explanations.stored:
        code = "import.explained_dry" if dry_run else "import.explained"
        c.out(Message(code, count=plan.explanations.stored))
    if plan.history:
        c.note(Message("figures.history", years=sorted(plan.history)))
    c.warn(outcome.warnings)


@app.command(cls=Command)
def template(
    ctx: typer.Context,
    period_text: Annotated[
        str, typer.Option("--period", help="The period the sheet asks for: 2023-06, 2023年1-6月.")
    ],
    fmt: Annotated[str | None, format_option("table", "xlsx", only=("xlsx", "csv"))] = None,
    output: OutputOpt = None,
    department: DepartmentOpt = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Write the month's entry sheet: a row per target for a department to fill in."""
    from targettrack.usecases.template import template_sheet

    c = context(ctx)
    out = path_option(output, "--output")
    chosen_format = choose_format(fmt, out, ("xlsx", "csv"), "xlsx")
    sets = catalogues(c, targets, region)
    chosen = period(period_text, c, targets, region=region)
    assert chosen is not None
    rows = template_sheet(sets.get(chosen.year), chosen, department)
    language = c.given_lang or "zh"  # the sheet is for the departments: Chinese
    reads = [*sets.local_files(), *_database_files(c, db)]
    if chosen_format == "xlsx":
        from targettrack.writers.template import template_xlsx

        write(c, template_xlsx(rows, language), out, reads)
    else:
        from targettrack.writers.template import template_csv

        bom = out is not None  # a BOM is for files Excel opens, as export writes them
        write(c, template_csv(rows, language, bom=bom), out, reads)


def _database_files(c: Context, db: str | None) -> list[Path]:
    """The files of the configured database (a command that does not open it still must not
    write over it)."""
    from targettrack.store import database_files

    return database_files(c.settings.database(db))
