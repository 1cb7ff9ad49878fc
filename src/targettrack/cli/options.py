"""What the commands share: the option aliases, and the steps every command takes to read its
catalogue, open its database and write its output, each from the invocation's context.

Paths are taken as text, so that an empty value is refused rather than read as ".".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from targettrack.context import Context
from targettrack.core.periods import Period, parse_period
from targettrack.errors import InputError, TargettrackError
from targettrack.messages import Message
from targettrack.writers import Options, choose_format, formats, get_writer

if TYPE_CHECKING:
    from targettrack.catalogue.loading import CatalogueSet, Regions
    from targettrack.store import FigureStore


# -- formats, from the registry ------------------------------------------------------------------


class FormatChoice:
    """--format: one of the registered formats that render ``shape``, checked when the command
    line is read, so a format registered at any time is offered everywhere it can write."""

    def __init__(
        self,
        shape: str,
        default: str,
        restrict: tuple[str, ...] = (),
        exclude: tuple[str, ...] = (),
    ) -> None:
        self.shape = shape
        self.default = default
        self.restrict = restrict  # a command that writes only some (the entry template)
        self.exclude = exclude  # a command that writes files for others: not the terminal's
        self.__name__ = "format"  # typer names the value's type after its parser

    def allowed(self) -> tuple[str, ...]:
        names = tuple(n for n in formats(self.shape) if n not in self.exclude)
        return tuple(n for n in names if n in self.restrict) if self.restrict else names

    def __call__(self, value: str) -> str:
        chosen = value.strip().lower()
        allowed = self.allowed()
        if chosen not in allowed:
            raise InputError(Message("format.unknown", format=value, choices=list(allowed)))
        return chosen

    def help(self) -> str:
        names = ", ".join(self.allowed())
        return f"{names} (default: from the --output file's extension, else {self.default})."


def format_option(
    shape: str = "table",
    default: str = "table",
    only: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
) -> Any:
    choice = FormatChoice(shape, default, only, exclude)
    return typer.Option("--format", parser=choice, help=choice.help(), show_default=False)


def format_choice(command: Any) -> FormatChoice | None:
    """The --format of a command, if it has one."""
    for param in command.params:
        choice = getattr(getattr(param, "type", None), "func", None)
        if isinstance(choice, FormatChoice):
            return choice
    return None


def refresh_format_help(command: Any) -> None:
    """The --format help of ``command`` as the registry stands now."""
    for param in command.params:
        choice = getattr(getattr(param, "type", None), "func", None)
        if isinstance(choice, FormatChoice):
            param.help = choice.help()


# -- the option aliases ------------------------------------------------------------------------

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
    typer.Option(
        "--db",
        help="Database: a file, or postgresql://USER@HOST/DBNAME [env: TARGETTRACK_DB].",
        show_default=False,
    ),
]
YearOpt = Annotated[
    int | None,
    typer.Option("--year", help="Year of the catalogue (default: its latest).", show_default=False),
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
        help="Which region of a catalogue of several (its id or name) [env: TARGETTRACK_REGION].",
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
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output", "-o", help="File to write (default: standard output).", show_default=False
    ),
]
ParentOpt = Annotated[
    str | None,
    typer.Option("--parent", help="Only the regions under this one (its id).", show_default=False),
]
TableFormatOpt = Annotated[str | None, format_option()]
EditionOpt = Annotated[
    str | None,
    typer.Option(
        "--edition",
        help="Show what an edition (targettrack publish) sent, as it was then.",
        show_default=False,
    ),
]
KnownAtOpt = Annotated[
    str | None,
    typer.Option(
        "--as-known-at",
        help="Show what was known at a moment: 2023-07-12 (the end of that day) or "
        "2023-07-12T10:30 (local time, or with an offset).",
        show_default=False,
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        help="The day to count lateness from, 2023-07-12 (default: today; for reproducible "
        "reports).",
        show_default=False,
    ),
]


# -- the steps every command takes -------------------------------------------------------------


def context(ctx: typer.Context) -> Context:
    """The invocation's context (made when the command line was read)."""
    found = ctx.find_object(Context)
    assert found is not None, "every command runs under the application's group"
    return found


def path_option(value: str | None, option: str) -> Path | None:
    """A path option as given; an empty one is refused like any other bad setting."""
    if value is None:
        return None
    if not value.strip():
        raise InputError(Message("setting.empty_option", option=option))
    return Path(value)


def regions(c: Context, targets: str | None) -> Regions:
    """Every region of the catalogue in use (--targets, else the setting, else bundled)."""
    from targettrack.catalogue.loading import load_regions

    return load_regions(c.settings.catalogue_path(targets), cache=c.settings.cache_folder())


def catalogues(c: Context, targets: str | None, region: str | None = None) -> CatalogueSet:
    """The catalogues of the chosen region (--region, TARGETTRACK_REGION, or the only one)."""
    return regions(c, targets).choose(c.settings.chosen_region(region))


def open_db(
    c: Context,
    db: str | None,
    *,
    create: bool,
    known: CatalogueSet | Regions | None = None,
    check_schema: bool = True,
) -> FigureStore:
    """The database named by --db or the setting; ``known`` names the regions in use."""
    from targettrack.catalogue.loading import CatalogueSet
    from targettrack.store import open_store

    if isinstance(known, CatalogueSet):
        in_use = known.regions()
    elif known is not None:
        in_use = [known.sets[i].get().region for i in known.ids]
    else:
        in_use = []
    return open_store(
        c.settings.database(db),
        create=create,
        regions=in_use,
        timeout=c.settings.timeout(),
        check_schema=check_schema,
    )


def period(
    text: str | None,
    c: Context | None = None,
    targets: str | None = None,
    year: int | None = None,
    region: str | None = None,
) -> Period | None:
    """A period option, parsed once: None when not given. Written without its year (1-6月,
    上半年), it is of ``year`` (--year) if given, else of the latest year of the chosen
    region's catalogue (``region``: --region or the setting), else of any region's, as in a
    file (``c`` and ``targets`` find the catalogue)."""
    if text is None:
        return None
    if year is not None and not _A_YEAR.search(text):
        return parse_period(text, default_year=year)
    if c is not None and not _A_YEAR.search(text):
        tree = regions(c, targets)
        chosen = c.settings.chosen_region(region)
        found = [tree.choose(chosen)] if chosen is not None else list(tree.sets.values())
        years = [year for sets in found for year in sets.years]
        if years:
            return parse_period(text, default_year=max(years))
    return parse_period(text)


_A_YEAR = re.compile(r"\d{4}")


def write(
    c: Context, data: str | bytes, output: Path | None = None, reads: Sequence[Path] = ()
) -> None:
    """Text to a file (never one in ``reads``, nor the configured database, whether or not
    the command opened it; see ``outfile``) or to standard output."""
    if output is not None:
        from targettrack.outfile import write_output

        write_output(data, output, reads=[*reads, *_configured_database(c)])
        c.note(Message("output.wrote", path=output))
        return
    if isinstance(data, bytes):
        c.stdout.buffer.write(data)
        c.stdout.buffer.flush()
        return
    c.stdout.write(data)
    c.stdout.flush()


def _configured_database(c: Context) -> list[Path]:
    """The files of the database the settings name (none for a server, or a bad setting,
    which the command that uses it reports)."""
    from targettrack.store import database_files

    try:
        return database_files(c.settings.database(None))
    except TargettrackError:
        return []


def render(
    c: Context,
    view: object,
    fmt: str | None,
    output: str | None,
    *,
    reads: Sequence[Path] = (),
    default: str = "table",
    allowed: tuple[str, ...] | None = None,
    bom: bool = True,
) -> None:
    """The one path from a view to the user: the format chosen (or implied by the output
    file), its writer, and the file or standard output."""
    out = path_option(output, "--output")
    chosen = choose_format(fmt, out, allowed or formats(), default)
    options = Options(bom=bom and out is not None, to_file=out is not None)
    data = get_writer(chosen).write(view, c, options)
    write(c, data, out, reads)
