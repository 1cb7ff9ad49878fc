"""The command line: parse options, call the core, render. Nothing else lives here.

Heavy modules (the catalogue schema, the database, Rich tables, the Excel writer) are imported
inside the commands that need them, so that start-up stays close to the interpreter's.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup
from typer.exceptions import Abort, TyperException

from targettrack import __version__
from targettrack.errors import ExitCode, InputError, TargettrackError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from rich.console import Console, RenderableType

    from targettrack.catalogue import CatalogueSet
    from targettrack.models import Catalogue
    from targettrack.overview import Overview
    from targettrack.storage import Figure, Store

ENV_DEBUG = "TARGETTRACK_DEBUG"


def _fail(message: str, details: list[str] | None = None) -> NoReturn:
    stream = sys.stderr
    stream.write(f"Error: {message}\n")
    for line in details or []:
        stream.write(f"  {line}\n")
    stream.flush()
    sys.exit(ExitCode.ERROR)


class _Group(TyperGroup):
    """Turns every known error into one plain message and exit code 1, with no traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except TargettrackError as error:
            _fail(error.message, error.details)
        except TyperException as error:  # usage errors: a bad option, a missing argument
            if type(error).__name__ == "NoArgsIsHelpError":  # bare 'targettrack': the help
                sys.stdout.write(error.format_message() + "\n")
                sys.exit(ExitCode.OK)
            ctx = getattr(error, "ctx", None)
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            _fail(f"{error.format_message()}{hint}")
        except (Abort, KeyboardInterrupt):
            _fail("Interrupted; nothing more was written.")
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(ExitCode.ERROR)
        except Exception as error:
            if os.environ.get(ENV_DEBUG):
                raise
            _fail(
                f"targettrack hit an unexpected problem ({type(error).__name__}: {error}); "
                f"run again with {ENV_DEBUG}=1 to see the details, and report it."
            )
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    cls=_Group,
    name="targettrack",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class TableFormat(StrEnum):
    table = "table"
    json = "json"


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    markdown = "markdown"
    xlsx = "xlsx"


TargetsOpt = Annotated[
    Path | None,
    typer.Option(
        "--targets",
        help="Targets file, or folder of YEAR.toml files [env: TARGETTRACK_TARGETS; "
        "default: the bundled catalogue].",
        show_default=False,
    ),
]
DbOpt = Annotated[
    Path | None,
    typer.Option("--db", help="Database file [env: TARGETTRACK_DB].", show_default=False),
]
YearOpt = Annotated[
    int | None,
    typer.Option("--year", help="Year of the catalogue (default: its latest).", show_default=False),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="Language: zh or en [env: TARGETTRACK_LANG; default: locale].",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Period to report as of: 2023-06, 2023-Q2, 2023-H1 or 2023 "
        "(default: the latest period with any figure).",
        show_default=False,
    ),
]
LaggingOpt = Annotated[
    bool, typer.Option("--lagging", help="Only targets slightly behind, behind or missed.")
]
GroupOpt = Annotated[
    str | None,
    typer.Option(
        "--group",
        help="Only this group of targets (its id, such as main or rural).",
        show_default=False,
    ),
]


def _lang(lang: Lang | None) -> str:
    from targettrack.labels import default_lang

    return lang.value if lang else default_lang()


def _catalogues(path: Path | None) -> CatalogueSet:
    from targettrack.catalogue import load_catalogues

    return load_catalogues(path)


def _store(db: Path | None, *, create: bool) -> Store:
    from targettrack.storage import Store

    return Store.open(db, create=create)


def _console() -> Console:
    from rich.console import Console

    # Cells are plain text: no markup to parse, no emoji codes, no number highlighting.
    return Console(markup=False, emoji=False, highlight=False)


def _print(renderable: RenderableType) -> None:
    _console().print(renderable)


def _write(text: str, output: Path | None = None) -> None:
    """Text to a file (written whole, then moved into place) or to standard output."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    _replace_file(output, lambda tmp: tmp.write_bytes(text.encode("utf-8")))


def _replace_file(output: Path, write: Callable[[Path], object]) -> None:
    output = output.expanduser()
    if output.is_dir():
        raise InputError(f"{output} is a folder; give a file name for --output.")
    if not output.parent.exists():
        raise InputError(f"The folder {output.parent} does not exist; create it or pick another.")
    partial = output.with_name(f".{output.name}.{os.getpid()}.partial")
    try:
        write(partial)
        os.replace(partial, output)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise InputError(f"Cannot write {output} ({error.strerror}); check the path.") from None


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"targettrack {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Track a year's development targets against the year-to-date figures.

    Start with 'targettrack status'; record figures with 'targettrack record'.
    """


@app.command()
def targets(
    targets: TargetsOpt = None,
    year: YearOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[TableFormat, typer.Option("--format", help="table or json.")] = (
        TableFormat.table
    ),
) -> None:
    """List the targets of the catalogue, grouped as the report groups them."""
    catalogue = _catalogues(targets).get(year)
    if fmt is TableFormat.json:
        from targettrack.jsonout import dumps_rows
        from targettrack.report import target_row

        _write(dumps_rows([target_row(t) for t in catalogue.targets]))
        return
    from targettrack.render import targets_table

    _print(targets_table(catalogue, _lang(lang)))


@app.command()
def check(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="Targets file or folder (default: --targets, env, or bundled).", show_default=False
        ),
    ] = None,
    targets: TargetsOpt = None,
) -> None:
    """Validate a catalogue and summarise it, or list every problem in it."""
    from targettrack.catalogue import load_catalogues

    catalogues = load_catalogues(path or targets, use_cache=False)
    parts = [f"{len(c.targets)} targets for {y}" for y, c in catalogues.load_all().items()]
    sys.stdout.write(f"OK: {catalogues.origin}: {'; '.join(parts)}.\n")


# A negative rate such as -1.3 must reach VALUE instead of being taken for an option.
@app.command(context_settings={"ignore_unknown_options": True})
def record(
    target: Annotated[str, typer.Argument(help="Target id, such as gdp or fdi.")],
    value: Annotated[
        str | None,
        typer.Argument(
            help="Year-to-date figure: a rate in % for growth targets (5.2), a quantity for "
            "amounts and levels (2500, 0.25亿美元, 2.83万亩), or not-started, in-progress or "
            "done for milestones.",
            show_default=False,
        ),
    ] = None,
    period: Annotated[
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
            help="Growth targets: last year's value for the same period.",
            show_default=False,
        ),
    ] = None,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Record a year-to-date figure for a target and period."""
    from targettrack.recording import Entry, prepare

    if not period:
        raise InputError("Give the period the figure is for, such as --period 2023-06.")
    if value is None and not (level or prior):
        raise InputError(
            f"Give the value to record, such as 'targettrack record {target} 5.2 "
            f"--period {period}'."
        )
    entry = Entry(target, period, value, status, by, source, note, level, prior)
    new = prepare(_catalogues(targets), entry)
    with _store(db, create=True) as store:
        stored, previous = store.record(new, revise=revise)
    from targettrack.formatting import with_unit

    def shown(figure: Figure) -> str:
        number = figure.number
        return figure.value if number is None else with_unit(number, figure.unit)

    derived = ", derived from --level and --prior" if stored.derived else ""
    if previous is not None:
        sys.stdout.write(
            f"Revised {stored.target_id} for {stored.period}: {shown(previous)} → "
            f"{shown(stored)} ({stored.status}{derived}; version {stored.version}, "
            "the earlier figure is kept).\n"
        )
    else:
        sys.stdout.write(
            f"Recorded {stored.target_id} for {stored.period}: {shown(stored)} "
            f"({stored.status}{derived}).\n"
        )


@app.command()
def history(
    target: Annotated[str, typer.Argument(help="Target id.")],
    year: YearOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[TableFormat, typer.Option("--format", help="table or json.")] = (
        TableFormat.table
    ),
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Show every version of a target's figures, newest first."""
    catalogue = _catalogues(targets).get(year)
    found = catalogue.target(target)
    with _store(db, create=False) as store:
        figures = store.history(catalogue.region, catalogue.year, found.id)
    if fmt is TableFormat.json:
        from targettrack.jsonout import dumps_rows
        from targettrack.report import record_rows

        _write(dumps_rows(record_rows(catalogue, figures)))
        return
    from targettrack.render import history_table

    chosen = _lang(lang)
    if not figures:
        sys.stdout.write(f"No figures recorded for {found.id} in {catalogue.year}.\n")
        return
    _print(history_table(figures, chosen, title=f"{found.name(chosen)} ({found.id})"))


@app.command("import")
def import_(
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV with columns target, period, value (and optionally note, source, status, by)."
        ),
    ],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate only; write nothing.")] = (
        False
    ),
    revise: Annotated[
        bool, typer.Option("--revise", help="Record changed figures as new versions.")
    ] = False,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Import figures from a CSV file: all rows or none."""
    from targettrack.recording import prepare_rows, read_import_file

    catalogues = _catalogues(targets)
    rows = prepare_rows(catalogues, read_import_file(file))
    with _store(db, create=True) as store:
        try:
            outcome = store.import_figures(rows, revise=revise, dry_run=dry_run)
        except TargettrackError:
            store.discard_if_new()  # a refused import leaves no new, empty database behind
            raise
        if dry_run:
            store.discard_if_new()
    verb = "Would import" if dry_run else "Imported"
    sys.stdout.write(
        f"{verb} {outcome.added} new and {outcome.revised} revised figure(s); "
        f"{outcome.unchanged} already recorded unchanged"
        f"{' (dry run: nothing written)' if dry_run else ''}.\n"
    )


@app.command()
def status(
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    group: GroupOpt = None,
    lagging: LaggingOpt = False,
    lang: LangOpt = None,
    fmt: Annotated[
        StatusFormat, typer.Option("--format", help="table, json, csv or markdown.")
    ] = StatusFormat.table,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Show progress against every target: on pace, lagging, achieved."""
    from targettrack.overview import overview

    catalogues = _catalogues(targets)
    with _store(db, create=False) as store:
        view = overview(store, catalogues, year=year, as_of=as_of, group=group, lagging=lagging)
    chosen = _lang(lang)
    if fmt is not StatusFormat.table:
        _write(_status_text(view, fmt.value, chosen, bom=False))
        return
    from targettrack.labels import word
    from targettrack.render import status_table

    console = _console()
    console.print(
        status_table(
            view.catalogue,
            view.progress,
            lang=chosen,
            as_of=view.as_of.label if view.as_of else None,
            width=console.width,
        )
    )
    if any(p.derived for p in view.progress):
        console.print(word("derived_note", chosen), style="dim")
    if view.as_of is None:
        console.print(word("no_figures", chosen).format(year=view.catalogue.year))


def _status_text(view: Overview, fmt: str, lang: str, *, bom: bool) -> str:
    from targettrack import exports, report

    rows = report.status_rows(view.progress)
    fields = report.STATUS_FIELDS
    if fmt == "json":
        return exports.to_json(rows)
    header = report.headers(fields, lang)
    if fmt == "csv":
        return exports.to_csv(rows, fields, header, bom=bom)
    return exports.to_markdown(rows, fields, header, title=_title(view, lang))


def _title(view: Overview, lang: str) -> str:
    from targettrack.labels import word

    catalogue = view.catalogue
    title = word("report_title", lang).format(
        region=catalogue.region_name(lang), year=catalogue.year
    )
    if view.as_of:
        title += " (" + word("as_of", lang).format(period=view.as_of.label) + ")"
    return title


@app.command()
def show(
    target: Annotated[str, typer.Argument(help="Target id.")],
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Show one target: its figures through the year, verdict, outlook and history."""
    from targettrack.overview import choose_year, resolve_as_of
    from targettrack.progress import evaluate_target, outlook
    from targettrack.render import target_page

    catalogues = _catalogues(targets)
    catalogue = choose_year(catalogues, year, as_of)
    found = catalogue.target(target)
    with _store(db, create=False) as store:
        period = resolve_as_of(store, catalogue, as_of)
        month = period.month if period else 12
        figures = store.latest(catalogue.region, catalogue.year, month)
        series = [
            f for f in store.series(catalogue.region, catalogue.year, found.id) if f.month <= month
        ]
        history_rows = store.history(catalogue.region, catalogue.year, found.id)
    figure = figures.get(found.id)
    reference = figures.get(found.relative_to) if found.relative_to else None
    progress = evaluate_target(found, figure, month if figure else None, reference)
    chosen = _lang(lang)
    look = outlook(found, figure) if figure else None
    _print(target_page(catalogue, progress, series, history_rows, look, chosen))


@app.command()
def export(
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    group: GroupOpt = None,
    lagging: LaggingOpt = False,
    records: Annotated[
        bool, typer.Option("--records", help="Export every recorded figure instead.")
    ] = False,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="csv, json, markdown or xlsx.")
    ] = ExportFormat.csv,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="File to write (default: standard output).", show_default=False
        ),
    ] = None,
    lang: LangOpt = None,
    no_bom: Annotated[
        bool, typer.Option("--no-bom", help="CSV without the byte-order mark Excel needs.")
    ] = False,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Write the status (or the recorded figures) as CSV, JSON, Markdown or Excel."""
    from targettrack.overview import overview

    if fmt is ExportFormat.xlsx and output is None:
        raise InputError("An Excel workbook needs a file: add --output report.xlsx.")
    catalogues = _catalogues(targets)
    chosen = _lang(lang)
    with _store(db, create=False) as store:
        view = overview(store, catalogues, year=year, as_of=as_of, group=group, lagging=lagging)
        figures = store.history(view.catalogue.region, view.catalogue.year)
    if fmt is ExportFormat.xlsx:
        assert output is not None
        from targettrack.workbook import write_workbook

        _replace_file(output, lambda tmp: write_workbook(tmp, view, figures, chosen))
        sys.stderr.write(f"Wrote {output}.\n")
        return
    if records:
        text = _records_text(view.catalogue, figures, fmt.value, chosen, bom=not no_bom)
    else:
        text = _status_text(view, fmt.value, chosen, bom=not no_bom)
    _write(text, output)
    if output is not None:
        sys.stderr.write(f"Wrote {output}.\n")


def _records_text(
    catalogue: Catalogue, figures: Sequence[Figure], fmt: str, lang: str, *, bom: bool
) -> str:
    from targettrack import exports, report

    rows = report.record_rows(catalogue, figures)
    fields = report.RECORD_FIELDS
    if fmt == "json":
        return exports.to_json(rows)
    header = report.headers(fields, lang, records=True)
    if fmt == "csv":
        return exports.to_csv(rows, fields, header, bom=bom)
    return exports.to_markdown(rows, fields, header)


def main() -> None:
    app(prog_name="targettrack")
