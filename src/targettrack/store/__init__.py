"""Where figures are kept: the contract every backend keeps, and how one is chosen.

A backend only stores and queries, and answers what the database itself decides (who may
record what, which schema version it has). The rules of recording (conflicts, revisions,
unchanged figures, the problems of an import) live in ``usecases.recording``, written once
for all backends. No SQL and no backend module is imported above this package.

``open_store`` picks the backend from the location's URL scheme (``BACKENDS``): a plain path
or ``sqlite:PATH`` is a SQLite file, ``postgresql://`` the shared database. Anything else that
looks like a URL is refused with the accepted forms, never taken for a file name. A backend's
module (and its driver) is imported only when it is used.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple, Protocol

from targettrack.core.models import (
    Edition,
    Explanation,
    Figure,
    FigureKey,
    NewExplanation,
    NewFigure,
    Region,
    Status,
    Value,
)
from targettrack.errors import InputError, StorageError, echo, expand_user
from targettrack.messages import Both, Message

DEFAULT_TIMEOUT = 10.0  # seconds; the busy setting (settings.Settings.timeout) overrides it

# The numbered steps of the database schema, the same for every backend (a test checks it):
# each backend's own migrations carry out these steps in this order.
MIGRATION_STEPS = (
    "figures",
    "region ids",
    "on behalf of",
    "withdrawals",
    "fields set by the database",
    "explanations and editions",
)


class Point(NamedTuple):
    """One target's current figure of one month, for a line through the year."""

    target_id: str
    month: int
    number: Decimal | None  # None for a milestone's state


ByYear = dict[int, dict[int, Decimal]]
"""year -> month -> a number."""


class YearSeries(NamedTuple):
    """The current figures of earlier years, grouped by target, year and month: what the
    year-end outlook learns from, read for every target at once. Milestone states and
    withdrawn figures are left out. A target's figures are in the unit it was stored in:
    ``units`` holds that unit, and ``odd_units`` the few figures stored in another one."""

    numbers: dict[str, ByYear]
    levels: dict[str, ByYear]  # a rate's year-to-date level, where one was given
    units: dict[str, str]
    odd_units: dict[tuple[str, int, int], str]  # (target, year, month) -> its own unit
    mixed: set[str]  # the targets that have figures in odd units

    def unit_of(self, target_id: str, year: int, month: int) -> str:
        return self.odd_units.get((target_id, year, month)) or self.units.get(target_id, "")


def group_years(
    rows: Iterable[tuple[str, int, int, Decimal | None, Decimal | None, str, bool]],
) -> YearSeries:
    """Rows of (target, year, month, number or None for a state, level, unit, withdrawn),
    each figure's versions in order, grouped into a ``YearSeries``: the last version of a
    figure is its current one. Shared by the backends, which decode the values."""
    numbers: dict[str, ByYear] = {}
    levels: dict[str, ByYear] = {}
    units: dict[str, str] = {}
    odd: dict[tuple[str, int, int], str] = {}
    mixed: set[str] = set()
    at: tuple[str, int] = ("", 0)
    by_month: dict[int, Decimal] = {}
    for target, year, month, number, level, unit, withdrawn in rows:
        if withdrawn or number is None:  # taken back, or a milestone's state
            numbers.get(target, {}).get(year, {}).pop(month, None)
            levels.get(target, {}).get(year, {}).pop(month, None)
            continue
        if at != (target, year):  # rows come by year and target: most share the last's
            at = (target, year)
            by_year = numbers.get(target)
            if by_year is None:
                by_year = numbers[target] = {}
                units[target] = unit
            by_month = by_year.setdefault(year, {})
        by_month[month] = number
        if unit != units[target]:
            odd[target, year, month] = unit
            mixed.add(target)
        elif odd:
            odd.pop((target, year, month), None)
        if level is not None:
            levels.setdefault(target, {}).setdefault(year, {})[month] = level
        elif levels:
            levels.get(target, {}).get(year, {}).pop(month, None)
    return YearSeries(numbers, levels, units, odd, mixed)


class Current(NamedTuple):
    """What a write needs to know of the current version of a figure."""

    value: Value
    status: Status
    version: int
    withdrawn: bool = False
    level: Decimal | None = None  # a rate's year-to-date level and last year's, where given
    prior: Decimal | None = None
    unit: str = ""  # the unit it was stored in (its prior's too)


class FigureWriter(Protocol):
    """The figures as seen inside one write transaction."""

    def current(self, key: FigureKey) -> Figure | None:
        """The newest version of one figure, or None."""

    def current_of_year(self, region: str, year: int) -> dict[FigureKey, Current]:
        """The newest version of every figure of one region and year."""

    def may_record(self, key: FigureKey) -> bool:
        """Whether the user may record this figure (on a shared database: their department's)."""

    def append(self, figures: Sequence[tuple[NewFigure, int]]) -> None:
        """Store each figure under the version number it is paired with."""

    def of_batch(self, batch: str) -> list[Figure]:
        """Every figure an import stored, in the order stored."""

    def append_as_recorded(self, figures: Sequence[Figure]) -> None:
        """Figures moved from another database, each with its own version, recorder and time
        (on a shared database, for administrators only, into regions and years it does not
        hold yet)."""

    def new_batch(self) -> str:
        """A new import's batch id (on a shared database, made by the database itself)."""

    def taken_back(self, batch: str) -> set[int]:
        """The ids of the figures of an import that a later version withdrew: whatever was
        recorded for them after that is not the import's."""

    def current_explanation(self, key: FigureKey) -> Explanation | None:
        """The newest version of a target's reason and measures for one period, or None."""

    def append_explanations(self, explanations: Sequence[tuple[NewExplanation, int]]) -> None:
        """Store each explanation under the version number it is paired with (on a shared
        database, only for the user's departments' targets)."""


def new_batch_id() -> str:
    """A short id for an import, unique enough for an office: its time and four hex digits."""
    import secrets
    from datetime import datetime

    return f"{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


class Grant(NamedTuple):
    """One thing a role was granted: a department's targets (in one region, or '*': every
    region), or membership of one of the tool's groups (``kind`` admin, reader or writer)."""

    role: str
    kind: str  # "department", "admin", "reader" or "writer"
    department: str = ""
    region: str = "*"


class FigureStore(Protocol):
    """One open database of figures. Use as a context manager, or call ``close()``."""

    location: str  # as it may be shown: a path, or a URL without its password
    created: bool  # this store created the database when it opened it

    def __enter__(self) -> FigureStore: ...

    def __exit__(self, *exc: object) -> None: ...

    def close(self) -> None: ...

    def discard_if_new(self) -> None:
        """Close, and remove the database if this store created it (nothing to keep)."""

    def writing(self, *, commit: bool = True) -> AbstractContextManager[FigureWriter]:
        """One write transaction: everything in it is stored, or nothing.

        With ``commit=False`` everything done inside is undone at the end (a dry run).
        """

    def local_files(self) -> list[Path]:
        """The files on this machine that hold the database (none for a server)."""

    def latest(self, region: str, year: int, month: int = 12) -> dict[str, Figure]:
        """For each target, its current figure of the latest period up to ``month``."""

    def series(self, region: str, year: int, target_id: str) -> list[Figure]:
        """The current figure of each period of one target, earliest first."""

    def history(self, region: str, year: int, target_id: str | None = None) -> list[Figure]:
        """Every version, newest first; of one target, or of all."""

    def year_series(self, region: str, year: int, month: int = 12) -> list[Point]:
        """The current figure of every target and period up to ``month``, none withdrawn,
        by target and month."""

    def years_series(
        self,
        region: str,
        first_year: int,
        last_year: int,
        months: Sequence[int] | None = None,
        target_id: str | None = None,
    ) -> YearSeries:
        """The current figures of every target (or of one) of the years from ``first_year``
        to ``last_year``, of the given months only (else every month), grouped: the earlier
        years a projection learns from, read in one query."""

    def everything(self) -> list[Figure]:
        """Every version of every figure of every region and year, oldest first."""

    def latest_month(self, region: str, year: int) -> int | None:
        """The last month of the year with any figure."""

    def counts(self) -> dict[tuple[str, int], int]:
        """How many versions are stored, by region and year."""

    # -- reasons and measures, editions, and what was known when ----------------------------

    def explanations(self, region: str, year: int, month: int) -> dict[str, Explanation]:
        """Each target's current reason and measures for the period ending in ``month``,
        none withdrawn."""

    def explanation_history(
        self, region: str, year: int, target_id: str | None = None
    ) -> list[Explanation]:
        """Every version of the reasons and measures, newest first; of one target, or of all."""

    def publish(
        self, region: str, year: int, period: str, name: str, catalogue: str, by: str,
        dated: str = "",
    ) -> Edition:  # fmt: skip
        """Record that the report of ``period`` was sent, as the edition ``name`` (refused if
        the region has one of that name): the moment it stands for comes after every write
        committed before it and before every write committed after. A shared database sets
        who published it (``by`` is a file's) and allows it to administrators only."""

    def editions(self, region: str) -> list[Edition]:
        """Every edition of a region, oldest first."""

    def as_known_at(self, moment: str) -> FigureStore:
        """The same database read as it stood at ``moment`` (ISO 8601 with an offset): every
        reading method sees only versions committed by then. Shares this store's connection."""

    def clock(self) -> str:
        """The database's time now (ISO 8601 with an offset): the clock editions are kept by."""

    # -- the schema --------------------------------------------------------------------------

    def schema_version(self) -> int:
        """The number of migration steps applied (0: no schema yet)."""

    def upgrade(self) -> tuple[int, int]:
        """Apply the missing steps, each in a transaction; the versions before and after."""

    def adopt_regions(self, regions: Iterable[Region]) -> None:
        """Move figures that an older database keyed by a region's display name to its id."""

    # -- who may do what ---------------------------------------------------------------------

    def publish_owners(self, owners: Iterable[tuple[str, int, str, str]]) -> int:
        """Which department owns each target (region, year, target id, department): the rule
        of who may record what, where the database enforces one. How many were published."""

    def may_record(self, region: str, year: int, target_id: str) -> bool:
        """Whether the user may record this target (on a shared database: their department's)."""

    def is_admin(self) -> bool:
        """Whether the user may record any target and move histories in."""

    def user(self) -> str:
        """Who the database says the user is (a shared database's role; '' for a file)."""

    def grant(self, role: str, department: str | None, region: str, kind: str) -> None:
        """Let ``role`` record ``department``'s targets (kind "department"), or make it an
        administrator ("admin") or a reader ("reader"). Only a shared database has roles."""

    def revoke(self, role: str, department: str | None, region: str) -> list[Grant]:
        """Take back what ``role`` was granted; what was removed."""

    def grants(self) -> list[Grant]:
        """Every grant, by role."""

    def purge(self, region: str, year: int, reason: str, *, confirmed: bool) -> int:
        """Remove every version of one region's year for good, with a record of it (a shared
        database's owner only); unconfirmed, only count them."""


# URL scheme -> "module:Class" of the backend; a location without a scheme is a SQLite file.
BACKENDS: dict[str, str] = {
    "sqlite": "targettrack.store.sqlite:SqliteStore",
    "postgresql": "targettrack.store.postgres:PostgresStore",
    "postgres": "targettrack.store.postgres:PostgresStore",
}
# Two or more letters, then a colon: a URL scheme (one letter and a colon is a Windows drive).
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")
# What a database setting may be, as each language names the parts (a list: 、 in Chinese)
ACCEPTED = [
    Both("文件路径", "PATH"),
    Both("sqlite:文件路径", "sqlite:PATH"),
    Both("postgresql://用户名@主机/数据库名", "postgresql://USER@HOST/DBNAME"),
]


class Location(NamedTuple):
    backend: str  # a key of BACKENDS
    target: str  # a file path (SQLite) or the URL as given (PostgreSQL)


def locate(setting: str | Path) -> Location:
    """Which backend a database setting names, and where; refuses anything unclear."""
    if isinstance(setting, Path):
        return Location("sqlite", str(setting))
    if not setting.strip():
        raise StorageError(Message("db.empty_setting"))
    if setting != setting.strip():
        raise InputError(Message("db.spaces", setting=echo(setting), accepted=ACCEPTED))
    if setting == ":memory:" or setting.startswith("file:"):
        raise InputError(Message("db.memory", setting=echo(setting), accepted=ACCEPTED))
    found = _SCHEME.match(setting)
    if found is None:
        return Location("sqlite", setting)
    scheme = found.group(1)
    rest = setting[found.end() :]
    if scheme == "sqlite":
        path = rest[3:] if rest.startswith("///") else rest  # sqlite:///x.db as SQLAlchemy writes
        if not path or (rest.startswith("//") and not rest.startswith("///")):
            raise InputError(Message("db.bad_url", setting=echo(setting), accepted=ACCEPTED))
        return Location("sqlite", path)
    if scheme in BACKENDS and rest.startswith("//") and len(rest) > 2:
        return Location(scheme, setting)
    raise InputError(Message("db.bad_url", setting=echo(setting), accepted=ACCEPTED))


def database_files(setting: str | Path) -> list[Path]:
    """The files on this machine that hold the database named by ``setting`` (with SQLite's
    journal and WAL files); none for a server. For guarding outputs: never written over."""
    where = locate(setting)
    if where.backend != "sqlite":
        return []
    path = expand_user(where.target)
    return [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]


def is_url(setting: str) -> bool:
    """Whether a (valid) setting names a database on a server rather than a file."""
    return locate(setting).backend != "sqlite"


class Backend(Protocol):
    @classmethod
    def open(
        cls, target: str, *, create: bool, timeout: float, check_schema: bool
    ) -> FigureStore: ...


def open_store(
    setting: str | Path,
    *,
    create: bool = True,
    regions: Iterable[Region] = (),
    timeout: float = DEFAULT_TIMEOUT,
    check_schema: bool = True,
) -> FigureStore:
    """The store named by ``setting`` (a path or URL; see ``locate``).

    ``create``: a SQLite file that does not exist is made (else it reads as empty).
    ``timeout``: seconds to wait for a busy database, a lock or a server.
    ``check_schema``: refuse a database whose schema is older or newer than this tool's
    (off for ``db upgrade``, which brings it up to date).
    ``regions`` are the regions of the catalogues in use: figures that an older database
    keyed by a region's display name are moved to its id when first seen.
    """
    where = locate(setting)
    module_name, class_name = BACKENDS[where.backend].split(":")
    backend: Backend = getattr(importlib.import_module(module_name), class_name)
    store = backend.open(where.target, create=create, timeout=timeout, check_schema=check_schema)
    try:
        store.adopt_regions(regions)
    except BaseException:
        store.close()
        raise
    return store
