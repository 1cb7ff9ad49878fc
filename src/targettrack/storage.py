"""The figures database: SQLite through the standard library, append-only.

Every figure ever entered is a row that is never updated or deleted (triggers refuse both).
A revision is a new row with the next version number; the current figure of a target and
period is the row with the highest version. Values are decimal text, never REAL.

Records are keyed by region, year, target id and the month the period ends in, so 2023-06,
2023-Q2 and 2023-H1 are one figure ("year to date at the end of June").
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from targettrack.errors import ConflictError, RowsRefused, StorageError

ENV_DB = "TARGETTRACK_DB"
ENV_BUSY_TIMEOUT = "TARGETTRACK_BUSY_TIMEOUT"
DEFAULT_BUSY_TIMEOUT = 10.0
# An import lists this many bad rows, then counts the rest.
MAX_LISTED_PROBLEMS = 100
_BATCH = 5000


_V1 = (
    """
    CREATE TABLE figures (
        id INTEGER PRIMARY KEY,
        region TEXT NOT NULL,
        year INTEGER NOT NULL,
        target_id TEXT NOT NULL,
        month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
        period TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        value TEXT NOT NULL,
        unit TEXT NOT NULL DEFAULT '',
        level TEXT,
        prior TEXT,
        derived INTEGER NOT NULL DEFAULT 0 CHECK (derived IN (0, 1)),
        entered TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('provisional', 'final')),
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        UNIQUE (region, year, target_id, month, version)
    )
    """,
    """
    CREATE TRIGGER figures_are_never_updated BEFORE UPDATE ON figures
    BEGIN SELECT RAISE(ABORT, 'figures are append-only'); END
    """,
    """
    CREATE TRIGGER figures_are_never_deleted BEFORE DELETE ON figures
    BEGIN SELECT RAISE(ABORT, 'figures are append-only'); END
    """,
)


# Applied in order, each once; PRAGMA user_version counts how many have been applied.
MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1,)
SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS = (
    "id, region, year, target_id, month, period, version, value, unit, level, prior, derived, "
    "entered, status, recorded_by, recorded_at, source, note"
)


class NewFigure(NamedTuple):
    """A figure about to be stored."""

    region: str
    year: int
    target_id: str
    month: int
    period: str
    value: str
    unit: str
    status: str
    recorded_by: str
    recorded_at: str
    level: str | None = None
    prior: str | None = None
    derived: bool = False
    entered: str = ""
    source: str = ""
    note: str = ""

    @property
    def key(self) -> tuple[str, int, str, int]:
        return (self.region, self.year, self.target_id, self.month)


class Figure(NamedTuple):
    """A stored figure: one version of one target's year-to-date value for one period."""

    id: int
    region: str
    year: int
    target_id: str
    month: int
    period: str
    version: int
    value: str
    unit: str
    level: str | None
    prior: str | None
    derived: bool
    entered: str
    status: str
    recorded_by: str
    recorded_at: str
    source: str
    note: str

    @property
    def number(self) -> Decimal | None:
        """The value as a decimal, or None for a milestone state."""
        if self.value and (self.value[0].isdigit() or self.value[0] in "+-."):
            return Decimal(self.value)
        return None


def _figure(row: Sequence[object]) -> Figure:
    values = list(row[:18])
    values[11] = bool(values[11])
    return Figure(*values)  # type: ignore[arg-type]


class ImportOutcome(NamedTuple):
    added: int
    revised: int
    unchanged: int


def default_db_path() -> Path:
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path("targettrack") / "targettrack.db"


def _busy_timeout() -> float:
    raw = os.environ.get(ENV_BUSY_TIMEOUT)
    if not raw:
        return DEFAULT_BUSY_TIMEOUT
    try:
        return max(0.0, float(raw))
    except ValueError:
        raise StorageError(
            f"{ENV_BUSY_TIMEOUT}='{raw}' is not a number of seconds; set it to, say, 10."
        ) from None


class Store:
    """One open database. Use as a context manager, or call ``close()``."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        self.timeout = _busy_timeout()
        self._db: sqlite3.Connection | None = None
        self.created = not path.exists()
        if not create and self.created:
            return  # reading a database that does not exist yet: it simply has no figures
        if path.is_dir():
            raise StorageError(f"{path} is a folder, not a database file; give a file path.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(
                f"Cannot create the folder for the database {path} ({error.strerror}); "
                "choose another place with --db or TARGETTRACK_DB."
            ) from None
        with self._errors():
            self._db = sqlite3.connect(path, timeout=self.timeout, isolation_level=None)
            self._prepare()

    @classmethod
    def open(cls, path: str | Path | None = None, *, create: bool = True) -> Store:
        return cls(Path(path).expanduser() if path else default_db_path(), create=create)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def discard_if_new(self) -> None:
        """Close, and remove the database file if this store created it (nothing to keep)."""
        self.close()
        if self.created:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    # -- opening and migrating -------------------------------------------------------------

    def _prepare(self) -> None:
        db = self._require()
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"The database {self.path} was written by a newer targettrack (schema {version}; "
                f"this one knows {SCHEMA_VERSION}); upgrade targettrack to use it."
            )
        if version == 0 and self._has_foreign_tables(db):
            raise StorageError(
                f"{self.path} is an SQLite database of some other program, not targettrack's; "
                "give another path with --db."
            )
        if version < SCHEMA_VERSION:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            with self.transaction():
                current = db.execute("PRAGMA user_version").fetchone()[0]
                for migration in MIGRATIONS[current:]:
                    for statement in migration:
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("PRAGMA synchronous = NORMAL")

    @staticmethod
    def _has_foreign_tables(db: sqlite3.Connection) -> bool:
        row = db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return bool(row[0])

    def _require(self) -> sqlite3.Connection:
        if self._db is None:
            raise StorageError(f"The database {self.path} is not open.")
        return self._db

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn SQLite's exceptions into one plain sentence about this database."""
        try:
            yield
        except sqlite3.OperationalError as error:
            text = str(error).lower()
            if "locked" in text or "busy" in text:
                raise StorageError(
                    f"The database {self.path} is busy: another program held it for more than "
                    f"{self.timeout:g} s; try again in a moment."
                ) from None
            if "readonly" in text or "read-only" in text:
                raise StorageError(
                    f"The database {self.path} is read-only; make it writable, or use a copy "
                    "with --db."
                ) from None
            if "unable to open" in text:
                raise StorageError(
                    f"Cannot open the database {self.path}; check that its folder exists and "
                    "is writable."
                ) from None
            raise StorageError(f"The database {self.path} could not be used: {error}.") from None
        except sqlite3.DatabaseError as error:
            raise StorageError(
                f"{self.path} is not a usable targettrack database ({error}); "
                "restore it from a backup or give another file with --db."
            ) from None

    @contextmanager
    def transaction(self, *, commit: bool = True) -> Iterator[sqlite3.Connection]:
        """A write transaction, begun IMMEDIATE so that writers queue instead of failing.

        With ``commit=False`` everything done inside is rolled back (a dry run).
        """
        db = self._require()
        with self._errors():
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT" if commit else "ROLLBACK")

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[Figure]:
        if self._db is None:
            return []
        with self._errors():
            return [_figure(row) for row in self._db.execute(sql, params)]

    # -- writing ---------------------------------------------------------------------------

    def _current(self, db: sqlite3.Connection, key: tuple[str, int, str, int]) -> Figure | None:
        row = db.execute(
            f"SELECT {_COLUMNS} FROM figures WHERE region = ? AND year = ? AND target_id = ? "
            "AND month = ? ORDER BY version DESC LIMIT 1",
            key,
        ).fetchone()
        return _figure(row) if row else None

    def record(self, new: NewFigure, *, revise: bool = False) -> tuple[Figure, Figure | None]:
        """Store one figure; return it and the figure it revised, if any."""
        with self.transaction() as db:
            existing = self._current(db, new.key)
            if existing is not None and not revise:
                raise ConflictError(
                    f"{new.target_id} already has {_shown(existing)} for {existing.period} "
                    f"(recorded by {existing.recorded_by} at {existing.recorded_at}); "
                    "add --revise to record a new version (the old one is kept)."
                )
            version = existing.version + 1 if existing else 1
            self._insert(db, [(new, version)])
            stored = self._current(db, new.key)
        assert stored is not None
        return stored, existing

    def import_figures(
        self,
        rows: Iterable[tuple[int, NewFigure | str]],
        *,
        revise: bool = False,
        dry_run: bool = False,
    ) -> ImportOutcome:
        """Store many figures in one transaction: all of them, or none.

        ``rows`` pairs each figure with its row number in the source, for messages; a row that
        failed validation arrives as its problem instead. Rows are streamed and written in
        batches inside the transaction, so memory stays flat however long the file; any
        problem rolls everything back. A figure equal to the current one (same value and
        status) is left alone, so importing the same file twice stores nothing the second time.
        """
        problems: list[str] = []
        problem_count = 0
        batch: list[tuple[NewFigure, int]] = []
        added = revised = unchanged = 0
        with self.transaction(commit=not dry_run) as db:
            current: dict[tuple[str, int, str, int], tuple[str, str, int]] = {}
            loaded: set[tuple[str, int]] = set()
            first_row: dict[tuple[str, int, str, int], int] = {}
            for row_number, new in rows:
                problem = None
                if isinstance(new, str):
                    problem = new
                elif new.key in first_row:
                    problem = (
                        f"{new.target_id} {new.period} repeats row {first_row[new.key]} "
                        "(the same target and period)"
                    )
                else:
                    first_row[new.key] = row_number
                    if (new.region, new.year) not in loaded:
                        current.update(self._current_map(db, new.region, new.year))
                        loaded.add((new.region, new.year))
                    existing = current.get(new.key)
                    if existing is None:
                        batch.append((new, 1))
                        added += 1
                    elif existing[0] == new.value and existing[1] == new.status:
                        unchanged += 1
                    elif revise:
                        batch.append((new, existing[2] + 1))
                        revised += 1
                    else:
                        problem = (
                            f"{new.target_id} already has {existing[0]} for {new.period}; the "
                            f"file says {new.value} (use --revise to record it as a new version)"
                        )
                if problem is not None:
                    problem_count += 1
                    if len(problems) < MAX_LISTED_PROBLEMS:
                        problems.append(f"row {row_number}: {problem}")
                elif len(batch) >= _BATCH and not problem_count:
                    self._insert(db, batch)
                    batch.clear()
            if problem_count:
                if problem_count > len(problems):
                    problems.append(f"... and {problem_count - len(problems)} more rows")
                raise RowsRefused(_rows_message(problem_count), problems)
            self._insert(db, batch)
        return ImportOutcome(added=added, revised=revised, unchanged=unchanged)

    @staticmethod
    def _current_map(
        db: sqlite3.Connection, region: str, year: int
    ) -> dict[tuple[str, int, str, int], tuple[str, str, int]]:
        """The current value, status and version of every figure of one region and year."""
        rows = db.execute(
            "SELECT target_id, month, value, status, max(version) FROM figures "
            "WHERE region = ? AND year = ? GROUP BY target_id, month",
            (region, year),
        )
        return {
            (region, year, target_id, month): (value, status, version)
            for target_id, month, value, status, version in rows
        }

    @staticmethod
    def _insert(db: sqlite3.Connection, figures: Sequence[tuple[NewFigure, int]]) -> None:
        db.executemany(
            "INSERT INTO figures (region, year, target_id, month, period, version, value, unit, "
            "level, prior, derived, entered, status, recorded_by, recorded_at, source, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    f.region,
                    f.year,
                    f.target_id,
                    f.month,
                    f.period,
                    version,
                    f.value,
                    f.unit,
                    f.level,
                    f.prior,
                    int(f.derived),
                    f.entered,
                    f.status,
                    f.recorded_by,
                    f.recorded_at,
                    f.source,
                    f.note,
                )
                for f, version in figures
            ],
        )

    # -- reading ---------------------------------------------------------------------------

    def latest(self, region: str, year: int, as_of_month: int = 12) -> dict[str, Figure]:
        """For each target, its current figure of the latest period up to ``as_of_month``."""
        # SQLite returns the other columns from the row that holds the max() of a group.
        figures = self._query(
            f"SELECT {_COLUMNS}, max(month * 1000000 + version) FROM figures "
            "WHERE region = ? AND year = ? AND month <= ? GROUP BY target_id",
            (region, year, as_of_month),
        )
        return {f.target_id: f for f in figures}

    def series(self, region: str, year: int, target_id: str) -> list[Figure]:
        """The current figure of each period of one target, earliest first."""
        return self._query(
            f"SELECT {_COLUMNS}, max(version) FROM figures WHERE region = ? AND year = ? "
            "AND target_id = ? GROUP BY month ORDER BY month",
            (region, year, target_id),
        )

    def history(self, region: str, year: int, target_id: str | None = None) -> list[Figure]:
        """Every version, newest first; of one target, or of all."""
        where = "region = ? AND year = ?"
        params: list[object] = [region, year]
        if target_id is not None:
            where += " AND target_id = ?"
            params.append(target_id)
        return self._query(
            f"SELECT {_COLUMNS} FROM figures WHERE {where} ORDER BY id DESC",
            params,
        )

    def latest_month(self, region: str, year: int) -> int | None:
        if self._db is None:
            return None
        with self._errors():
            row = self._db.execute(
                "SELECT max(month) FROM figures WHERE region = ? AND year = ?", (region, year)
            ).fetchone()
        return int(row[0]) if row and row[0] is not None else None


def _shown(figure: Figure) -> str:
    return f"{figure.value} {figure.unit}".strip()


def _rows_message(count: int) -> str:
    rows = "row is" if count == 1 else "rows are"
    return f"Nothing was imported: {count} {rows} not acceptable; correct them and import again."
