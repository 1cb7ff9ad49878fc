"""The commands about the catalogue itself: targets, check and draft."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from targettrack.cli.app import Command, app
from targettrack.cli.options import (
    OutputOpt,
    RegionOpt,
    TableFormatOpt,
    TargetsOpt,
    YearOpt,
    catalogues,
    context,
    path_option,
    render,
    write,
)
from targettrack.errors import InputError, os_reason
from targettrack.messages import Message


@app.command(cls=Command)
def targets(
    ctx: typer.Context,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    year: YearOpt = None,
    fmt: TableFormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """List the targets of the catalogue, grouped as the report groups them."""
    from targettrack.usecases.views import CatalogueView

    c = context(ctx)
    sets = catalogues(c, targets, region)
    render(c, CatalogueView(sets.get(year)), fmt, output, reads=sets.local_files())


@app.command(cls=Command)
def check(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            help="Targets file or folder (default: --targets, env, or bundled).", show_default=False
        ),
    ] = None,
    targets: TargetsOpt = None,
) -> None:
    """Validate a catalogue (a file, a folder of years, or a folder of regions): summarise it,
    or list every problem in it."""
    from targettrack.catalogue.loading import load_regions
    from targettrack.usecases.catalogue import check as check_tree

    c = context(ctx)
    tree = load_regions(path or c.settings.catalogue_path(targets), cache=None)
    c.out(check_tree(tree))


@app.command(cls=Command)
def draft(
    ctx: typer.Context,
    report: Annotated[
        Path, typer.Argument(help="The text of a government work report (UTF-8 or GB18030).")
    ],
    region_id: Annotated[
        str | None,
        typer.Option(
            "--region-id", help="The region's short id, such as luojiang.", show_default=False
        ),
    ] = None,
    region_name: Annotated[
        str | None,
        typer.Option(
            "--region-name",
            help="The region's name (default: the one the report names).",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="The year the targets are for (default: the report's).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="The catalogue draft (default: standard output).",
            show_default=False,
        ),
    ] = None,
    results: Annotated[
        str | None,
        typer.Option(
            "--results",
            help="Also write last year's results the report reviews, as a CSV to import "
            "(needs --targets: last year's catalogue).",
            show_default=False,
        ),
    ] = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
) -> None:
    """Draft the year's catalogue from the work report (and last year's results)."""
    from targettrack.usecases.draft import decode_report, result_rows
    from targettrack.usecases.draft import draft as draft_report
    from targettrack.writers.catalogue_toml import draft_toml

    c = context(ctx)
    try:
        data = report.read_bytes()
    except FileNotFoundError:
        raise InputError(Message("file.missing", path=report)) from None
    except OSError as error:
        raise InputError(Message("file.unreadable", path=report, reason=os_reason(error))) from None
    out = path_option(output, "--output")
    results_path = path_option(results, "--results")
    if results_path is not None and targets is None:
        raise InputError(Message("draft.results_need_targets"))
    database = _guarded_database(c)
    drafted = draft_report(decode_report(data), region=region_name, region_id=region_id, year=year)
    reads = [report, *database, *([results_path] if results_path else [])]
    write(c, draft_toml(drafted), out, reads)
    to_check = sum(1 for t in drafted.targets if t.check)
    reasons = sorted({s.reason for s in drafted.skipped})
    c.note(
        Message(
            "draft.summary",
            count=len(drafted.targets),
            check=to_check,
            skipped=len(drafted.skipped),
            reasons=tuple(reasons) or ("—",),
        )
    )
    if results_path is None:
        return
    from targettrack.writers.delimited import to_csv

    sets = catalogues(c, targets, region)
    last_year = sets.get()
    rows, fields = result_rows(drafted, last_year)
    reads = [report, *sets.local_files(), *database, *([out] if out else [])]
    write(c, to_csv(rows, fields, list(fields), bom=True), results_path, reads)
    c.note(Message("draft.results", count=len(rows), year=last_year.year, path=results_path))


def _guarded_database(c: object) -> list[Path]:
    from targettrack.context import Context
    from targettrack.store import database_files

    assert isinstance(c, Context)
    return database_files(c.settings.database())
