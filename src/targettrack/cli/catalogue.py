"""The commands about the catalogue itself: targets, check and draft."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from targettrack.cli.app import Command, app
from targettrack.cli.options import (
    DbOpt,
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
from targettrack.context import Context
from targettrack.errors import InputError, TargettrackError
from targettrack.messages import Message

if TYPE_CHECKING:
    from targettrack.outfile import Kept


@app.command(cls=Command)
def targets(
    ctx: typer.Context,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    year: YearOpt = None,
    fmt: TableFormatOpt = None,
    output: OutputOpt = None,
    source: Annotated[
        bool,
        typer.Option(
            "--source",
            help="The catalogue file itself (TOML), to copy and edit: the bundled one becomes "
            "an office's own with -o 目标库/2023.toml.",
        ),
    ] = False,
) -> None:
    """List the targets of the catalogue, grouped as the report groups them."""
    from targettrack.usecases.views import CatalogueView

    c = context(ctx)
    sets = catalogues(c, targets, region)
    catalogue = sets.get(year)
    if source:
        if fmt is not None:
            raise InputError(Message("cli.source_no_format"))
        text = sets.files[catalogue.year].read_text(encoding="utf-8")
        write(c, text, path_option(output, "--output"), reads=sets.local_files())
        return
    render(c, CatalogueView(catalogue), fmt, output, reads=sets.local_files())


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
        Path,
        typer.Argument(help="The text of a government work report (UTF-8, GB18030, UTF-16, Big5)."),
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
            help="The year the targets are for (default: the year the report plans for).",
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
            "(with --targets: for last year's targets).",
            show_default=False,
        ),
    ] = None,
    targets: Annotated[
        str | None,
        typer.Option(
            "--targets",
            help="Last year's catalogue: its ids, names, departments and groups are reused, "
            "and its targets get last year's results.",
            show_default=False,
        ),
    ] = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Draft the year's catalogue from the work report (and last year's results)."""
    from targettrack.outfile import Kept, check_kept, check_not_read
    from targettrack.usecases.draft_run import RESULT_FIELDS, run_draft

    c = context(ctx)
    out = path_option(output, "--output")
    results_path = path_option(results, "--results")
    last_year = None
    catalogue_files: list[Path] = []
    if targets is not None:
        sets = catalogues(c, targets, region)
        chosen = year - 1 if year is not None and sets.has(year - 1) else None
        last_year = sets.get(chosen)
        catalogue_files = sets.local_files()
    reads = [report, *catalogue_files]
    keep = _kept_outputs(c, db, catalogue_files)
    for path, other in ((out, results_path), (results_path, out)):
        if path is not None:
            check_not_read(path, reads)
            check_kept(path, keep)
            if other is not None:
                check_kept(path, [Kept(other, Message("output.what.other_output"))])
    done = run_draft(
        report,
        region=region_name,
        region_id=region_id,
        year=year,
        last_year=last_year,
        results_path=results_path,
        db=c.settings.database(db),
        timeout=c.settings.timeout(),
    )
    if done.write_catalogue:
        from targettrack.writers.catalogue_toml import draft_toml

        _write_kept(c, draft_toml(done.draft), out, reads, keep)
    if results_path is not None and done.rows is not None:
        from targettrack.writers.delimited import to_csv

        rows, heads = done.rows, list(RESULT_FIELDS)
        if c.lang == "zh":  # the headers, periods and statuses import reads, in Chinese
            from targettrack.core.periods import period_label
            from targettrack.core.words import word

            heads = ["指标编号", "期别", "数值", "本年值", "状态", "来源", "备注"]
            rows = [
                {
                    **row,
                    "period": period_label(str(row["period"]), "zh", year=True),
                    "status": word(str(row["status"]), "zh"),
                }
                for row in rows
            ]
        csv_text = to_csv(rows, RESULT_FIELDS, heads, bom=True)
        _write_kept(c, csv_text, results_path, reads, keep)
    for line in done.said:
        c.note(line)


def _kept_outputs(c: Context, db: str | None, catalogue_files: Sequence[Path]) -> list[Kept]:
    """Files no output may be: the database in use (and its -wal, -shm, -journal) and the
    catalogues in use (--targets, or TARGETTRACK_TARGETS)."""
    from targettrack.outfile import Kept
    from targettrack.store import database_files

    kept: list[Kept] = []
    try:
        files = database_files(c.settings.database(db))
    except TargettrackError:
        files = []
    kept += [Kept(path, Message("output.what.database")) for path in files]
    in_use = list(catalogue_files)
    try:
        place = c.settings.catalogue_path(None)
    except TargettrackError:
        place = None
    if place is not None:
        in_use += sorted(place.rglob("*.toml")) if place.is_dir() else [place]
    kept += [Kept(p, Message("output.what.catalogue")) for p in in_use]
    return kept


def _write_kept(
    c: Context, text: str, output: Path | None, reads: Sequence[Path], keep: Sequence[Kept]
) -> None:
    if output is None:
        write(c, text)
        return
    from targettrack.outfile import write_output

    write_output(text, output, reads=reads, keep=keep)
