"""The command line: parse options, call the core, render. Nothing else lives here.

Heavy modules (the catalogue schema, the database, Rich tables, the Excel writer) are imported
inside the commands that need them, so that start-up stays close to the interpreter's.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn

import typer
from typer.core import TyperGroup
from typer.exceptions import Abort, TyperException

from targettrack import __version__
from targettrack.errors import ExitCode, InputError, TargettrackError, os_reason
from targettrack.writers import Format

if TYPE_CHECKING:
    from collections.abc import Sequence

    from targettrack.catalogue.loading import CatalogueSet, Regions
    from targettrack.core.models import NewFigure, Target
    from targettrack.core.periods import Period
    from targettrack.messages import Text
    from targettrack.store import FigureStore
    from targettrack.store.postgres import PostgresStore

ENV_DEBUG = "TARGETTRACK_DEBUG"


# The language messages are shown in: --lang if the command line has it, else the setting.
_LANGUAGE: list[str] = []


def _message_lang(argv: Sequence[str]) -> str:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in ("zh", "en"):
            return argv[index + 1]
        if arg in ("--lang=zh", "--lang=en"):
            return arg[-2:]
    from targettrack.core.words import default_lang

    try:
        return default_lang()
    except TargettrackError:
        return "en"  # the bad setting itself is reported, in English


def _say(text: Text) -> str:
    from targettrack.messages import render

    return render(text, _LANGUAGE[-1] if _LANGUAGE else "en")


def _fail(message: Text, details: Sequence[Text] = ()) -> NoReturn:
    from targettrack.messages import Message

    stream = sys.stderr
    stream.write(_say(Message("cli.error", text=message)) + "\n")
    for line in details:
        stream.write(f"  {_say(line)}\n")
    stream.flush()
    sys.exit(ExitCode.ERROR)


def _param_name(param: object) -> str:
    """How the user wrote a parameter: its option (--format) or argument name (TARGET)."""
    options = getattr(param, "opts", None)
    if options and str(options[0]).startswith("-"):
        return " / ".join(options)
    return str(getattr(param, "human_readable_name", ""))


def _usage_message(error: TyperException) -> Text:
    """Click's usage errors, which are English, in the user's language where we know them."""
    from targettrack.messages import Message

    kind = type(error).__name__
    if kind == "NoSuchOption":
        text: Text = Message("cli.no_such_option", option=getattr(error, "option_name", ""))
    elif kind == "MissingParameter":
        name = _param_name(getattr(error, "param", None))
        text = Message("cli.missing", kind=getattr(error, "param_type", "") or "", name=name)
    elif kind == "BadParameter":
        name = _param_name(getattr(error, "param", None))
        text = Message("cli.bad_value", name=name, reason=getattr(error, "message", ""))
    elif kind == "UsageError" and "unexpected extra argument" in error.format_message():
        extra = error.format_message().partition("(")[2].rstrip(")")
        text = Message("cli.extra_args", args=extra)
    elif kind == "UsageError" and "No such command" in error.format_message():
        name = error.format_message().split("'")[1] if "'" in error.format_message() else ""
        text = Message("cli.no_such_command", name=name)
    else:
        text = error.format_message()
    ctx = getattr(error, "ctx", None)
    if ctx is None:
        return text
    return Message("cli.usage", text=text, command=ctx.command_path)


class _Group(TyperGroup):
    """Turns every known error into one plain message and exit code 1, with no traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        from targettrack.messages import Message

        kwargs["standalone_mode"] = False
        given = kwargs.get("args", args[0] if args else None)
        argv = list(given if given is not None else sys.argv[1:])
        _LANGUAGE.append(_message_lang(argv))
        try:
            result = super().main(*args, **kwargs)
        except TargettrackError as error:
            _fail(error.text, error.details)
        except TyperException as error:  # usage errors: a bad option, a missing argument
            if type(error).__name__ == "NoArgsIsHelpError":  # bare 'targettrack': the help
                sys.stdout.write(error.format_message() + "\n")
                sys.exit(ExitCode.OK)
            _fail(_usage_message(error))
        except (Abort, KeyboardInterrupt):
            _fail(Message("cli.interrupted"))
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(ExitCode.ERROR)
        except Exception as error:
            if os.environ.get(ENV_DEBUG):
                raise
            problem = f"{type(error).__name__}: {error}"
            _fail(Message("cli.unexpected", problem=problem, variable=ENV_DEBUG))
        finally:
            _LANGUAGE.pop()
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


# Every --format is a ``writers.Format``; each command names the ones it can write.
_TABLE_OR_JSON = ("table", "json")
_STATUS_FORMATS = ("table", "json", "csv", "markdown")
_EXPORT_FORMATS = ("csv", "json", "markdown", "xlsx", "html")


def _format_option(choices: tuple[str, ...]) -> Any:
    return typer.Option("--format", help=f"{', '.join(choices)}.", show_default=False)


def _allowed(fmt: Format, command: str, choices: tuple[str, ...]) -> Format:
    from targettrack.messages import Message

    if fmt.value not in choices:
        hint = Message("format.use_export" if fmt.value == "xlsx" else "format.choose")
        raise InputError(
            Message(
                "format.not_for_command",
                command=command,
                choices=", ".join(choices),
                format=fmt.value,
                hint=hint,
            )
        )
    return fmt


# Paths are taken as text, so that an empty value is refused rather than read as "."
TargetsOpt = Annotated[
    str | None,
    typer.Option(
        "--targets",
        help="Targets file, or folder of YEAR.toml files [env: TARGETTRACK_TARGETS; "
        "default: the bundled catalogue].",
        show_default=False,
    ),
]
DbOpt = Annotated[
    str | None,
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
RegionOpt = Annotated[
    str | None,
    typer.Option(
        "--region",
        help="Which region of a catalogue of several (its id) [env: TARGETTRACK_REGION].",
        show_default=False,
    ),
]
DepartmentOpt = Annotated[
    str | None,
    typer.Option(
        "--department", help="Only the targets of this department (责任单位).", show_default=False
    ),
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
    from targettrack.core.words import default_lang

    return lang.value if lang else default_lang()


def _path(value: str | None, option: str) -> Path | None:
    """A path option as given; an empty one is refused like any other bad setting."""
    if value is None:
        return None
    if not value.strip():
        from targettrack.messages import Message

        raise InputError(Message("setting.empty_option", option=option))
    return Path(value)


def _catalogues(path: str | None, region: str | None = None) -> CatalogueSet:
    """The catalogues of the chosen region (--region, TARGETTRACK_REGION, or the only one)."""
    from targettrack.catalogue.loading import load_regions

    return load_regions(_path(path, "--targets")).choose(region)


def _db_setting(db: str | None) -> str | None:
    """--db as given: a file path or a postgresql:// URL (which a Path would mangle)."""
    if db is not None and not db.strip():
        _path(db, "--db")  # refused: empty
    return db


def _store(db: str | None, catalogues: CatalogueSet, *, create: bool) -> FigureStore:
    from targettrack.store import open_store

    return open_store(_db_setting(db), create=create, regions=catalogues.regions())


def _period(as_of: str | None) -> Period | None:
    """--as-of, parsed once: None when not given."""
    if as_of is None:
        return None
    from targettrack.core.periods import parse_period

    return parse_period(as_of)


def _write(text: str | bytes, output: Path | None = None, reads: Sequence[Path] = ()) -> None:
    """Text to a file (never one in ``reads``; see ``outfile``) or to standard output."""
    if output is not None:
        from targettrack.outfile import write_output

        write_output(text, output, reads=reads)
        return
    if isinstance(text, bytes):
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
        return
    sys.stdout.write(text)
    sys.stdout.flush()


def _warn(warnings: Sequence[object]) -> None:
    """Warnings go to standard error, one a line, after what was done."""
    from targettrack.messages import Message

    for warning in warnings:
        text = warning if isinstance(warning, Message | str) else str(warning)
        sys.stderr.write(_say(Message("warning.prefix", text=text)) + "\n")


def _width() -> int:
    from targettrack.writers.terminal import console

    return console().width


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
    region: RegionOpt = None,
    year: YearOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[Format, _format_option(_TABLE_OR_JSON)] = Format.TABLE,
) -> None:
    """List the targets of the catalogue, grouped as the report groups them."""
    _allowed(fmt, "targets", _TABLE_OR_JSON)
    catalogue = _catalogues(targets, region).get(year)
    if fmt is Format.JSON:
        from targettrack.writers.jsontext import dumps_rows
        from targettrack.writers.rows import target_row

        _write(dumps_rows([target_row(t) for t in catalogue.targets]))
        return
    from targettrack.writers.terminal import render_text, targets_table

    _write(render_text(targets_table(catalogue, _lang(lang))))


@app.command()
def check(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="Targets file or folder (default: --targets, env, or bundled).", show_default=False
        ),
    ] = None,
    targets: TargetsOpt = None,
    lang: LangOpt = None,
) -> None:
    """Validate a catalogue (a file, a folder of years, or a folder of regions): summarise it,
    or list every problem in it."""
    from targettrack.catalogue.loading import load_regions
    from targettrack.errors import CatalogueError
    from targettrack.messages import Message

    tree = load_regions(path or _path(targets, "--targets"), use_cache=False)
    counts: list[Text] = []
    problems: list[Text] = []
    for ident in tree.ids:
        try:
            for year, catalogue in tree.sets[ident].load_all().items():
                size = len(catalogue.targets)
                counts.append(
                    Message("region.counted", region=ident, count=size, year=year)
                    if tree.tree
                    else Message("catalogue.count", count=size, year=year)
                )
        except CatalogueError as error:
            problems.extend(error.details or [error.text])
    if not problems:
        problems.extend(tree.check_tree())
    if problems:
        plural = "catalogue.problem_one" if len(problems) == 1 else "catalogue.problem_many"
        summary = Message(
            "catalogue.problems", path=tree.origin, count=len(problems), problems=Message(plural)
        )
        raise CatalogueError(summary, problems)
    if tree.tree:
        counts.insert(0, Message("region.count", count=len(tree.ids)))
    origin = str(tree.origin)
    sys.stdout.write(_say(Message("catalogue.checked", origin=origin, parts=tuple(counts))) + "\n")


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
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Record a year-to-date figure for a target and period."""
    from targettrack.messages import Message
    from targettrack.usecases.entries import Entry, prepare
    from targettrack.usecases.recording import record_figure

    if not period:
        raise InputError(Message("entry.no_period"))
    if value is None and not (level or prior):
        raise InputError(Message("entry.no_value", target=target, period=period))
    entry = Entry(target, period, value, status, by, source, note, level, prior)
    catalogues = _catalogues(targets, region)
    new = prepare(catalogues, entry)
    goal = catalogues.get(new.year).by_id.get(new.target_id)
    with _store(db, catalogues, create=True) as store:
        outcome = record_figure(store, new, revise=revise, target=goal)
    from targettrack.writers.text import record_confirmation

    sys.stdout.write(_say(record_confirmation(outcome)) + "\n")
    _warn(outcome.warnings)


@app.command()
def withdraw(
    target: Annotated[
        str | None, typer.Argument(help="The target whose figure to take back.", show_default=False)
    ] = None,
    period: Annotated[
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
    by: Annotated[
        str | None,
        typer.Option("--by", help="On whose behalf (default: login name).", show_default=False),
    ] = None,
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Take back a figure, or a whole import: it counts nowhere, and its history stays."""
    from targettrack.core.periods import period_label
    from targettrack.messages import Message
    from targettrack.usecases.entries import free_text, login_name, now_text
    from targettrack.usecases.lookup import find_target
    from targettrack.usecases.recording import withdraw_figure, withdraw_import

    why = free_text(reason, Message("what.reason"))
    if not why:
        raise InputError(Message("withdraw.no_reason"))
    behalf = free_text(by or "", Message("what.by"))
    who = behalf or login_name()
    catalogues = _catalogues(targets, region)
    if batch is not None:
        if target is not None or period is not None:
            raise InputError(Message("withdraw.what"))
        catalogues.get()
        with _store(db, catalogues, create=False) as store:
            done = withdraw_import(
                store,
                batch.strip(),
                reason=why,
                by=who,
                behalf=behalf,
                at=now_text(),
                force=force,
                target_of=lambda key: catalogues.get(key.year).by_id.get(key.target_id),
            )
        count = len(done.entries)
        sys.stdout.write(_say(Message("withdraw.import_done", batch=batch, count=count)) + "\n")
        return
    if target is None or period is None:
        raise InputError(Message("withdraw.what"))
    chosen = _period(period)
    assert chosen is not None
    catalogue = catalogues.get(chosen.year)
    found = find_target(catalogue, target)
    from targettrack.core.models import FigureKey

    key = FigureKey(catalogue.region.id, chosen.year, found.id, chosen.month)
    with _store(db, catalogues, create=False) as store:
        done = withdraw_figure(
            store, key, reason=why, by=who, behalf=behalf, at=now_text(), target=found
        )
    entry = done.entries[0]
    from targettrack.writers.text import figure_value_text

    said = Message(
        "withdraw.done",
        target=found.id,
        period=period_label(entry.period, _LANGUAGE[-1] if _LANGUAGE else "en"),
        value=figure_value_text(
            entry._replace(withdrawn=False), _LANGUAGE[-1] if _LANGUAGE else "en"
        ),
        version=entry.version,
    )
    sys.stdout.write(_say(said) + "\n")


@app.command()
def history(
    target: Annotated[str, typer.Argument(help="Target id.")],
    year: YearOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[Format, _format_option(_TABLE_OR_JSON)] = Format.TABLE,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Show every version of a target's figures, newest first."""
    _allowed(fmt, "history", _TABLE_OR_JSON)
    from targettrack.usecases.views import RecordsView, history_view

    catalogues = _catalogues(targets, region)
    catalogue = catalogues.get(year)
    with _store(db, catalogues, create=False) as store:
        view = history_view(store, catalogue, target)
    if fmt is Format.JSON:
        from targettrack.writers import Options, get_writer

        _write(get_writer(fmt).records(RecordsView(catalogue, view.figures), "en", Options()))
        return
    chosen = _lang(lang)
    if not view.figures:
        from targettrack.messages import Message

        empty = Message("cli.no_history", target=view.target.id, year=catalogue.year)
        sys.stdout.write(_say(empty) + "\n")
        return
    from targettrack.writers.terminal import history_table, render_text

    title = f"{view.target.name(chosen)} ({view.target.id})"
    _write(render_text(history_table(view.figures, chosen, title=title, width=_width())))


@app.command("import")
def import_(
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV (UTF-8, UTF-16 or GBK) or xlsx with columns target, period, value (or "
            "指标编号/指标, 期别, 数值), and optionally note, source, status, by, level, prior."
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
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Import figures from a CSV or xlsx file: all rows or none."""
    from targettrack.catalogue.loading import ENV_REGION, load_regions
    from targettrack.usecases.entries import prepare_rows
    from targettrack.usecases.importfile import read_import_file
    from targettrack.usecases.recording import import_figures

    tree = load_regions(_path(targets, "--targets"))
    several = len(tree.ids) > 1 and not (region or os.environ.get(ENV_REGION))
    # a file of several regions names each row's region (地区); otherwise one is chosen
    catalogues = tree.sets[tree.ids[0]] if several else tree.choose(region)
    for ident in tree.ids:  # the regions are needed to open the store
        tree.sets[ident].get()
    rows = prepare_rows(None if several else catalogues, read_import_file(file, sheet), tree)

    def target_of(figure: NewFigure) -> Target | None:
        chosen = tree.sets.get(figure.region) or catalogues
        return (
            chosen.get(figure.year).by_id.get(figure.target_id) if chosen.has(figure.year) else None
        )

    with _store(db, catalogues, create=True) as store:
        try:
            outcome = import_figures(
                store,
                rows,
                revise=revise,
                dry_run=dry_run,
                target_of=target_of,
            )
        except TargettrackError:
            store.discard_if_new()  # a refused import leaves no new, empty database behind
            raise
        if dry_run:
            store.discard_if_new()
    from targettrack.messages import Message

    code = "import.dry_run" if dry_run else "import.done"
    skipped: Text = ""
    if outcome.skipped:
        skipped = Message("import.skipped_empty", count=outcome.skipped)
    done = Message(
        code,
        added=outcome.added,
        revised=outcome.revised,
        unchanged=outcome.unchanged,
        skipped=skipped,
    )
    sys.stdout.write(_say(done) + "\n")
    if (outcome.added or outcome.revised) and not dry_run:  # a dry run wrote no batch
        sys.stdout.write(_say(Message("import.batch", batch=outcome.batch)) + "\n")
    _warn(outcome.warnings)


@app.command()
def status(
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    group: GroupOpt = None,
    lagging: LaggingOpt = False,
    lang: LangOpt = None,
    fmt: Annotated[Format, _format_option(_STATUS_FORMATS)] = Format.TABLE,
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
    parent: Annotated[
        str | None,
        typer.Option(
            "--parent", help="--regions: only the regions under this one.", show_default=False
        ),
    ] = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Show progress against every target: on pace, lagging, achieved."""
    from targettrack.usecases.views import choose_year, status_view
    from targettrack.writers import Options, get_writer

    _allowed(fmt, "status", _STATUS_FORMATS)
    if regions or parent is not None:
        _city_table(as_of, year, parent, fmt, lang, targets, db)
        return
    if since is not None:
        _compare(as_of, since, fmt, lang, targets, db, region)
        return
    period = _period(as_of)
    catalogues = _catalogues(targets, region)
    catalogue = choose_year(catalogues, year, period)
    with _store(db, catalogues, create=False) as store:
        view = status_view(
            store,
            catalogue,
            as_of=period,
            group=group,
            lagging=lagging,
            department=department,
            missing=missing,
            grouped_by_department=by_department,
        )
    width = _width() if fmt is Format.TABLE else 100
    _write(get_writer(fmt).status(view, _lang(lang), Options(width=width), None))


@app.command()
def compare(
    now: Annotated[str, typer.Argument(help="The later period, such as 2023-06 or 2023年1-6月.")],
    before: Annotated[str, typer.Argument(help="The earlier period, such as 2023-05.")],
    lang: LangOpt = None,
    fmt: Annotated[Format, _format_option(_STATUS_FORMATS)] = Format.TABLE,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """What moved between two periods, per target: figures and verdicts."""
    _allowed(fmt, "compare", _STATUS_FORMATS)
    _compare(now, before, fmt, lang, targets, db, region)


def _compare(
    now_text: str | None,
    before_text: str,
    fmt: Format,
    lang: Lang | None,
    targets: str | None,
    db: str | None,
    region: str | None = None,
) -> None:
    from targettrack.usecases.views import compare_view, resolve_as_of

    before = _period(before_text)
    assert before is not None
    catalogues = _catalogues(targets, region)
    catalogue = catalogues.get(before.year)
    with _store(db, catalogues, create=False) as store:
        now = _period(now_text) or resolve_as_of(store, catalogue, None) or before
        view = compare_view(store, catalogue, now, before)
    language = _lang(lang)
    if fmt is Format.TABLE:
        from targettrack.writers.terminal import compare_table, render_text

        _write(render_text(compare_table(view, language)))
        return
    from targettrack.writers import rows as flat

    records = flat.compare_rows(view)
    if fmt is Format.JSON:
        from targettrack.writers.jsontext import dumps_rows

        _write(dumps_rows(records))
        return
    records = [flat.localise(r, language) for r in records]
    header = list(flat.COMPARE_FIELDS)
    if fmt is Format.CSV:
        from targettrack.writers.delimited import to_csv

        _write(to_csv(records, flat.COMPARE_FIELDS, header, bom=False))
    else:
        from targettrack.writers.markdown import to_markdown

        _write(to_markdown(records, flat.COMPARE_FIELDS, header))


@app.command()
def show(
    target: Annotated[str, typer.Argument(help="Target id.")],
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Show one target: its figures through the year, verdict, outlook and history."""
    from targettrack.usecases.views import choose_year, target_view
    from targettrack.writers.terminal import render_text, target_page

    period = _period(as_of)
    catalogues = _catalogues(targets, region)
    catalogue = choose_year(catalogues, year, period)
    with _store(db, catalogues, create=False) as store:
        view = target_view(store, catalogue, target, as_of=period)
    _write(render_text(target_page(view, _lang(lang), _width())))


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
        Format | None,
        typer.Option(
            "--format",
            help="csv, json, markdown, xlsx or html (default: from the --output file's extension, "
            "else csv).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="File to write (default: standard output).", show_default=False
        ),
    ] = None,
    lang: LangOpt = None,
    no_bom: Annotated[
        bool, typer.Option("--no-bom", help="CSV without the byte-order mark Excel needs.")
    ] = False,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
    db: DbOpt = None,
) -> None:
    """Write the status (or the recorded figures) as CSV, JSON, Markdown, Excel or HTML."""
    from targettrack.messages import Message
    from targettrack.usecases.views import choose_year, records_view, status_view, with_series
    from targettrack.writers import Options, get_writer

    out = _path(output, "--output")
    chosen = _output_format(fmt, out, "export", _EXPORT_FORMATS, Format.CSV)
    period = _period(as_of)
    catalogues = _catalogues(targets, region)
    catalogue = choose_year(catalogues, year, period)
    # --records: every recorded version instead of the status; a workbook gets both sheets
    with_records = records
    with _store(db, catalogues, create=False) as store:
        view = status_view(store, catalogue, as_of=period, group=group, lagging=lagging)
        if chosen is Format.HTML:  # the page draws each target's year
            view = with_series(store, view)
        every = records_view(store, catalogue) if with_records else None
        reads = [*store.local_files(), *catalogues.local_files()]
    writer = get_writer(chosen)
    options = Options(bom=not no_bom and out is not None)  # a BOM is for files Excel opens
    language = _lang(lang)
    if records and every is not None and chosen is not Format.XLSX:
        data = writer.records(every, language, options)
    else:
        data = writer.status(view, language, options, every)
    _write(data, out, reads)
    if out is not None:
        sys.stderr.write(_say(Message("output.wrote", path=out)) + "\n")


@app.command()
def template(
    period: Annotated[
        str, typer.Option("--period", help="The period the sheet asks for: 2023-06, 2023年1-6月.")
    ],
    fmt: Annotated[Format, _format_option(("xlsx", "csv"))] = Format.XLSX,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (csv: default standard output).",
            show_default=False,
        ),
    ] = None,
    department: Annotated[
        str | None,
        typer.Option(
            "--department",
            help="Only the targets of this department (责任单位).",
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    region: RegionOpt = None,
) -> None:
    """Write the month's entry sheet: a row per target for a department to fill in."""
    from targettrack.messages import Message
    from targettrack.usecases.template import template_rows

    out = _path(output, "--output")
    _allowed(fmt, "template", ("xlsx", "csv"))
    catalogues = _catalogues(targets, region)
    chosen = _period(period)
    assert chosen is not None
    rows = template_rows(catalogues.get(chosen.year), chosen, department)
    language = _lang(lang) if lang else "zh"  # the sheet is for the departments: Chinese
    if fmt is Format.XLSX:
        if out is None:
            raise InputError(Message("output.xlsx_needs_file"))
        from targettrack.writers.template import template_xlsx

        _write(template_xlsx(rows, language), out, catalogues.local_files())
    else:
        from targettrack.writers.template import template_csv

        _write(template_csv(rows, language), out, catalogues.local_files())
    if out is not None:
        sys.stderr.write(_say(Message("output.wrote", path=out)) + "\n")


@app.command()
def draft(
    report: Annotated[
        Path, typer.Argument(help="The text of a government work report (UTF-8 or GB18030).")
    ],
    region_id: Annotated[
        str | None,
        typer.Option(
            "--region-id", help="The region's short id, such as luojiang.", show_default=False
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
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
    lang: LangOpt = None,
) -> None:
    """Draft the year's catalogue from the work report (and last year's results)."""
    from targettrack.messages import Message
    from targettrack.usecases.draft import decode_report
    from targettrack.usecases.draft import draft as draft_report
    from targettrack.writers.catalogue_toml import draft_toml

    try:
        data = report.read_bytes()
    except FileNotFoundError:
        raise InputError(Message("file.missing", path=report)) from None
    except OSError as error:
        raise InputError(Message("file.unreadable", path=report, reason=os_reason(error))) from None
    out = _path(output, "--output")
    drafted = draft_report(decode_report(data), region=region, region_id=region_id, year=year)
    _write(draft_toml(drafted), out, [report])
    to_check = sum(1 for t in drafted.targets if t.check)
    reasons = sorted({s.reason for s in drafted.skipped})
    summary = Message(
        "draft.summary",
        count=len(drafted.targets),
        check=to_check,
        skipped=len(drafted.skipped),
        reasons=tuple(reasons) or ("—",),
    )
    sys.stderr.write(_say(summary) + "\n")
    if results is None:
        return
    if targets is None:
        raise InputError(Message("draft.results_need_targets"))
    from targettrack.usecases.draft import results as review_results
    from targettrack.writers.delimited import to_csv

    catalogues = _catalogues(targets)
    last_year = catalogues.get()
    found = review_results(drafted.review, last_year)
    rows = [
        {
            "target": r.target.id,
            "period": str(last_year.year),
            "value": r.value,
            "level": r.level,
            "status": "provisional",
            "source": drafted.title,
            "note": r.phrase[:60],
        }
        for r in found
    ]
    fields = ("target", "period", "value", "level", "status", "source", "note")
    reads = [report, *catalogues.local_files()]
    _write(to_csv(rows, fields, list(fields), bom=True), _path(results, "--results"), reads)
    said = Message("draft.results", count=len(found), year=last_year.year, path=results)
    sys.stderr.write(_say(said) + "\n")


@app.command()
def regions(
    lang: LangOpt = None,
    fmt: Annotated[Format, _format_option(_TABLE_OR_JSON)] = Format.TABLE,
    targets: TargetsOpt = None,
) -> None:
    """List the regions of the catalogue: id, names, parent and years."""
    from targettrack.catalogue.loading import load_regions
    from targettrack.writers import regions as out

    _allowed(fmt, "regions", _TABLE_OR_JSON)
    tree = load_regions(_path(targets, "--targets"))
    listed = [(tree.sets[i].get().region, tree.sets[i].years) for i in tree.ids]
    _write(out.region_list(listed, fmt.value, _lang(lang)))


class _Compared(NamedTuple):
    """What the commands across regions read from: the tree, the year and the as-of period."""

    tree: Regions
    year: int
    period: Period | None


def _compared(targets: str | None, as_of: str | None, year: int | None) -> _Compared:
    from targettrack.catalogue.loading import load_regions

    period = _period(as_of)
    tree = load_regions(_path(targets, "--targets"))
    if period is not None:
        chosen = period.year
    else:
        chosen = year or max(y for catalogues in tree.sets.values() for y in catalogues.years)
    return _Compared(tree, chosen, period)


def _tree_store(db: str | None, tree: Regions) -> FigureStore:
    """The one database every region's figures are in."""
    return _store(db, tree.sets[tree.ids[0]], create=False)


def _output_format(
    fmt: Format | None, out: Path | None, command: str, allowed: tuple[str, ...], default: Format
) -> Format:
    """--format, else the one the --output file's extension implies, else ``default``; a
    workbook is only ever written to a file."""
    from targettrack.messages import Message
    from targettrack.writers import format_for_path

    chosen = fmt or (format_for_path(out) if out else None) or default
    _allowed(chosen, command, allowed)
    if chosen is Format.XLSX and out is None:
        raise InputError(Message("output.xlsx_needs_file"))
    return chosen


@app.command()
def rank(
    target_ids: Annotated[list[str], typer.Argument(help="Target ids shared by the regions.")],
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    parent: Annotated[
        str | None,
        typer.Option(
            "--parent", help="Only the regions under this one (its id).", show_default=False
        ),
    ] = None,
    lang: LangOpt = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            help="table, json, csv, markdown, xlsx or html (default: from the --output file's "
            "extension, else table).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="File to write (default: standard output).", show_default=False
        ),
    ] = None,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Rank the regions on shared targets: each region's figure against its own target."""
    from targettrack.messages import Message
    from targettrack.usecases.regions import rank as rank_regions
    from targettrack.writers import regions as out

    path = _path(output, "--output")
    chosen = _output_format(fmt, path, "rank", (*_STATUS_FORMATS, "xlsx", "html"), Format.TABLE)
    tree, in_year, period = _compared(targets, as_of, year)
    with _tree_store(db, tree) as store:
        standings = rank_regions(store, tree, target_ids, year=in_year, as_of=period, parent=parent)
        reads = [*store.local_files(), *(f for i in tree.ids for f in tree.sets[i].local_files())]
    language = _lang(lang)
    data: str | bytes
    if chosen is Format.XLSX:
        data = out.ranks_xlsx(standings, language)
    elif chosen is Format.HTML:
        data = out.ranks_html(standings, language)
    else:
        data = out.ranks(standings, chosen.value, language)
    _write(data, path, reads)
    if path is not None:
        sys.stderr.write(_say(Message("output.wrote", path=path)) + "\n")


@app.command()
def rollup(
    parent: Annotated[str, typer.Option("--parent", help="The region to roll up to (its id).")],
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[Format, _format_option(_TABLE_OR_JSON)] = Format.TABLE,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """A parent region's targets from its children's figures: sums, and rates from levels."""
    from targettrack.usecases.regions import rollup as roll_up
    from targettrack.writers import regions as out

    _allowed(fmt, "rollup", _TABLE_OR_JSON)
    tree, in_year, period = _compared(targets, as_of, year)
    with _tree_store(db, tree) as store:
        rolled = roll_up(store, tree, parent, year=in_year, as_of=period)
    _write(out.rollups(rolled, fmt.value, _lang(lang)))


def _city_table(
    as_of: str | None,
    year: int | None,
    parent: str | None,
    fmt: Format,
    lang: Lang | None,
    targets: str | None,
    db: str | None,
) -> None:
    """status --regions: a row per region, a column per shared main target, with ranks."""
    from targettrack.usecases.regions import members, shared_targets
    from targettrack.usecases.regions import rank as rank_regions
    from targettrack.writers import regions as out

    tree, in_year, period = _compared(targets, as_of, year)
    shared = shared_targets(members(tree, in_year, parent))
    with _tree_store(db, tree) as store:
        standings = rank_regions(
            store, tree, [t.id for t in shared], year=in_year, as_of=period, parent=parent
        )
    _write(out.city_table(standings, fmt.value, _lang(lang)))


db_app = typer.Typer(
    name="db",
    help="The shared PostgreSQL database: set it up, grant departments, move a history in.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(db_app)


def _shared(db: str | None) -> PostgresStore:
    """The shared database named by --db or TARGETTRACK_DB, opened without a schema check."""
    from targettrack.messages import Message
    from targettrack.store import default_location, is_url

    location = _db_setting(db) or default_location()
    if not is_url(location):
        raise InputError(Message("pg.needs_url"))
    from targettrack.store.postgres import PostgresStore

    return PostgresStore(location, require_schema=False)


@db_app.command("upgrade")
def db_upgrade(
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Create or upgrade the schema, and publish which department owns each target."""
    from targettrack.catalogue.loading import load_regions
    from targettrack.messages import Message
    from targettrack.store import default_location, is_url

    tree = load_regions(_path(targets, "--targets"))  # every region's catalogues
    location = _db_setting(db) or default_location()
    if not is_url(location):
        from targettrack.store import open_store
        from targettrack.store.sqlite import SCHEMA_VERSION

        known = [tree.sets[i].get().region for i in tree.ids]
        with open_store(location, create=True, regions=known) as store:
            where = store.location
        done = Message("pg.sqlite_upgraded", where=where, after=SCHEMA_VERSION)
        sys.stdout.write(_say(done) + "\n")
        return
    from targettrack.usecases.shared import upgrade

    with _shared(db) as store:
        result = upgrade(store, [tree.sets[i] for i in tree.ids])
        where = store.location
    done = Message(
        "pg.upgraded", where=where, before=result.before, after=result.after, owners=result.owners
    )
    sys.stdout.write(_say(done) + "\n")


RoleArg = Annotated[str, typer.Argument(help="A database role (a login of PostgreSQL).")]
GrantRegionOpt = Annotated[
    str,
    typer.Option("--region", help="Only this region's targets (its id; default: every region)."),
]


@db_app.command("grant")
def db_grant(
    role: RoleArg,
    department: Annotated[
        str | None,
        typer.Option(
            "--department", help="Let ROLE record this department's targets.", show_default=False
        ),
    ] = None,
    admin: Annotated[bool, typer.Option("--admin", help="Let ROLE record every target.")] = False,
    read_only: Annotated[bool, typer.Option("--read-only", help="Let ROLE read only.")] = False,
    region: GrantRegionOpt = "*",
    lang: LangOpt = None,
    db: DbOpt = None,
) -> None:
    """Let a database role record a department's targets (or all, or none)."""
    from targettrack.messages import Message

    if sum((department is not None, admin, read_only)) != 1:
        raise InputError(Message("pg.grant_kind"))
    kind = "admin" if admin else "reader" if read_only else "department"
    with _shared(db) as store:
        store.check_schema()
        store.grant(role, department, region, kind)
    what = department if department else ("targettrack_admin" if admin else "targettrack_reader")
    if department and region != "*":
        what = f"{department} ({region})"
    sys.stdout.write(_say(Message("pg.granted", role=role, what=what)) + "\n")


@db_app.command("revoke")
def db_revoke(
    role: RoleArg,
    department: Annotated[
        str | None,
        typer.Option(
            "--department", help="Only this department (default: every grant).", show_default=False
        ),
    ] = None,
    region: GrantRegionOpt = "*",
    lang: LangOpt = None,
    db: DbOpt = None,
) -> None:
    """Take back what a database role was granted."""
    from targettrack.messages import Message

    with _shared(db) as store:
        store.check_schema()
        count = store.revoke(role, department, region)
    sys.stdout.write(_say(Message("pg.revoked", role=role, count=count)) + "\n")


@db_app.command("grants")
def db_grants(lang: LangOpt = None, db: DbOpt = None) -> None:
    """List who may record what."""
    from targettrack.messages import Message

    with _shared(db) as store:
        store.check_schema()
        rows = store.grants()
    if not rows:
        sys.stdout.write(_say(Message("pg.no_grants")) + "\n")
        return
    for role, department, region in rows:
        where = "" if region == "*" else f"  [{region}]"
        sys.stdout.write(f"{role}\t{department}{where}\n")


@db_app.command("copy")
def db_copy(
    source: Annotated[str, typer.Option("--from", help="The SQLite file to copy from.")],
    target: Annotated[
        str, typer.Option("--to", help="The shared database: postgresql://user@host/dbname.")
    ],
    lang: LangOpt = None,
) -> None:
    """Copy a local history into the shared database: every version, time and author."""
    from targettrack.messages import Message
    from targettrack.store import open_store
    from targettrack.usecases.shared import copy_history

    shared = _shared(target)
    with shared:
        shared.check_schema()
        with open_store(_db_setting(source), create=False) as local:
            copied = copy_history(local, shared)
        where = shared.location
    sys.stdout.write(_say(Message("pg.copied", count=copied.figures, where=where)) + "\n")


def main() -> None:
    # Output redirected on a Chinese Windows computer is written in its code page (GBK): what
    # that cannot hold is replaced rather than ending the command.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    app(prog_name="targettrack")
