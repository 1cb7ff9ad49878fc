"""The embedded backend: one SQLite file through the standard library, append-only.

Every figure ever entered is a row that is never updated or deleted (triggers refuse both).
A revision is a new row with the next version number; the current figure of a target and
period is the row with the highest version. Values are decimal text, never REAL, decoded into
typed values here and nowhere else.

Records are keyed by region id, year, target id and the month the period ends in, so 2023-06,
2023-Q2 and 2023-H1 are one figure ("year to date at the end of June").
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from operator import attrgetter, itemgetter
from pathlib import Path

from targettrack.core.models import (
    Edition,
    Explanation,
    Figure,
    FigureKey,
    NewExplanation,
    NewFigure,
    Region,
    Status,
    decode_value,
    encode_value,
)
from targettrack.errors import InputError, StorageError, home_reason, os_reason
from targettrack.messages import Message, Text
from targettrack.store import (
    DEFAULT_TIMEOUT,
    Current,
    Grant,
    Point,
    YearSeries,
    group_years,
    new_batch_id,
)

_TRIGGERS = (
    """
    CREATE TRIGGER figures_are_never_updated BEFORE UPDATE ON figures
    BEGIN SELECT RAISE(ABORT, 'figures are append-only'); END
    """,
    """
    CREATE TRIGGER figures_are_never_deleted BEFORE DELETE ON figures
    BEGIN SELECT RAISE(ABORT, 'figures are append-only'); END
    """,
)

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
    *_TRIGGERS,
)

# Version 1 keyed figures by the region's display name; from version 2 on, by its id. The
# names found are listed here, and each is moved to its id when a catalogue naming it is used.
_V2 = (
    "CREATE TABLE legacy_regions (name TEXT PRIMARY KEY)",
    "INSERT INTO legacy_regions (name) SELECT DISTINCT region FROM figures",
)

# On SQLite the recorder is whoever --by names (else the login); a shared database keeps the
# authenticated role and --by separately, and a column for --by keeps the two alike.
_V3 = ("ALTER TABLE figures ADD COLUMN on_behalf_of TEXT NOT NULL DEFAULT ''",)
# A withdrawal is a version of its own that takes the figure back; imports carry a batch id.
_V4 = (
    "ALTER TABLE figures ADD COLUMN batch TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE figures ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0 "
    "CHECK (withdrawn IN (0, 1))",
    "ALTER TABLE figures ADD COLUMN reason TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX figures_by_batch ON figures (batch) WHERE batch != ''",
)

# What a shared database sets itself (id, version, recorder, time) is one person's own here; the
# file still refuses what would rewrite its history without an UPDATE or DELETE: INSERT OR
# REPLACE over a stored row (SQLite's REPLACE deletes it without firing the DELETE trigger),
# and a version that is not the next one of its figure.
_V5 = (
    """
    CREATE TRIGGER figures_are_never_replaced BEFORE INSERT ON figures
    WHEN EXISTS (SELECT 1 FROM figures WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'figures are append-only'); END
    """,
    """
    CREATE TRIGGER figures_are_numbered_in_turn BEFORE INSERT ON figures
    WHEN NEW.version IS NOT coalesce((
        SELECT max(version) FROM figures WHERE region = NEW.region AND year = NEW.year
        AND target_id = NEW.target_id AND month = NEW.month
    ), 0) + 1
    BEGIN SELECT RAISE(ABORT, 'each version of a figure is the next one'); END
    """,
)

# A department's reasons and measures (append-only, versioned like figures); editions, the
# reports that were sent; and a log of commits, so that the file can be read as it stood at any
# moment. Writers of one file take turns (BEGIN IMMEDIATE), so ids grow in the order their
# transactions commit: each commit notes the highest ids it left and when, and a moment is cut
# at the last commit before it. Rows from before this step are known from their own time.
_COMMITTED_NOW = "strftime('%Y-%m-%dT%H:%M:%f000+00:00', 'now')"
_V6 = (
    """
    CREATE TABLE explanations (
        id INTEGER PRIMARY KEY,
        region TEXT NOT NULL,
        year INTEGER NOT NULL,
        target_id TEXT NOT NULL,
        month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
        period TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        reason TEXT NOT NULL DEFAULT '',
        measures TEXT NOT NULL DEFAULT '',
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        on_behalf_of TEXT NOT NULL DEFAULT '',
        withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
        withdraw_reason TEXT NOT NULL DEFAULT '',
        UNIQUE (region, year, target_id, month, version)
    )
    """,
    """
    CREATE TABLE editions (
        id INTEGER PRIMARY KEY,
        region TEXT NOT NULL,
        year INTEGER NOT NULL,
        period TEXT NOT NULL,
        name TEXT NOT NULL CHECK (trim(name) != ''),
        known_at TEXT NOT NULL,
        published_by TEXT NOT NULL,
        catalogue TEXT NOT NULL DEFAULT '',
        dated TEXT NOT NULL DEFAULT '',
        UNIQUE (region, name)
    )
    """,
    """
    CREATE TABLE commits (
        id INTEGER PRIMARY KEY,
        figures INTEGER NOT NULL,
        explanations INTEGER NOT NULL,
        committed_at TEXT NOT NULL
    )
    """,
    f"INSERT INTO commits (figures, explanations, committed_at) "
    f"SELECT coalesce(max(id), 0), 0, {_COMMITTED_NOW} FROM figures",
    *(
        statement
        for table in ("explanations", "editions", "commits")
        for statement in (
            f"""
            CREATE TRIGGER {table}_are_never_updated BEFORE UPDATE ON {table}
            BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END
            """,
            f"""
            CREATE TRIGGER {table}_are_never_deleted BEFORE DELETE ON {table}
            BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END
            """,
        )
    ),
    """
    CREATE TRIGGER explanations_are_never_replaced BEFORE INSERT ON explanations
    WHEN EXISTS (SELECT 1 FROM explanations WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'explanations are append-only'); END
    """,
    """
    CREATE TRIGGER explanations_are_numbered_in_turn BEFORE INSERT ON explanations
    WHEN NEW.version IS NOT coalesce((
        SELECT max(version) FROM explanations WHERE region = NEW.region AND year = NEW.year
        AND target_id = NEW.target_id AND month = NEW.month
    ), 0) + 1
    BEGIN SELECT RAISE(ABORT, 'each version of an explanation is the next one'); END
    """,
    """
    CREATE TRIGGER editions_are_never_replaced BEFORE INSERT ON editions
    WHEN EXISTS (
        SELECT 1 FROM editions WHERE id = NEW.id OR (region = NEW.region AND name = NEW.name)
    )
    BEGIN SELECT RAISE(ABORT, 'editions are append-only: that name is taken'); END
    """,
    """
    CREATE TRIGGER commits_are_never_replaced BEFORE INSERT ON commits
    WHEN EXISTS (SELECT 1 FROM commits WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'commits are append-only'); END
    """,
)

# Applied in order, each once; PRAGMA user_version counts how many have been applied. The
# steps and their names are those of every backend (store.MIGRATION_STEPS).
MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3, _V4, _V5, _V6)
SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS = (
    "id, region, year, target_id, month, period, version, value, unit, level, prior, derived, "
    "entered, status, recorded_by, recorded_at, source, note, on_behalf_of, batch, withdrawn, "
    "reason"
)
_EXPLANATION_COLUMNS = (
    "id, region, year, target_id, month, period, version, reason, measures, recorded_by, "
    "recorded_at, on_behalf_of, withdrawn, withdraw_reason"
)
_EDITION_COLUMNS = "id, region, year, period, name, known_at, published_by, catalogue, dated"
_STATUSES = {status.value: status for status in Status}
_STATES_TEXT = ("not-started", "in-progress", "done")


def utc_now() -> str:
    """Now, in UTC to the microsecond: how commits and editions are timed in a file (the text
    sorts as the time does)."""
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="microseconds")


def _utc(moment: str) -> str:
    """A moment with any offset, as ``utc_now`` writes it."""
    from datetime import UTC, datetime

    return datetime.fromisoformat(moment).astimezone(UTC).isoformat(timespec="microseconds")


def _explanation(row: Sequence[object]) -> Explanation:
    (ident, region, year, target_id, month, period, version) = row[:7]
    (reason, measures, by, at, behalf, withdrawn, why) = row[7:14]
    return Explanation(
        ident,  # type: ignore[arg-type]
        region,  # type: ignore[arg-type]
        year,  # type: ignore[arg-type]
        target_id,  # type: ignore[arg-type]
        month,  # type: ignore[arg-type]
        period,  # type: ignore[arg-type]
        version,  # type: ignore[arg-type]
        reason,  # type: ignore[arg-type]
        measures,  # type: ignore[arg-type]
        by,  # type: ignore[arg-type]
        at,  # type: ignore[arg-type]
        behalf,  # type: ignore[arg-type]
        bool(withdrawn),
        why,  # type: ignore[arg-type]
    )


def _edition(row: Sequence[object]) -> Edition:
    from datetime import datetime

    ident, region, year, period, name, known_at, by, catalogue, dated = row
    local = datetime.fromisoformat(str(known_at)).astimezone().isoformat(timespec="microseconds")
    return Edition(ident, region, year, period, name, local, by, catalogue, dated)  # type: ignore[arg-type]


def _decimal(text: str | None) -> Decimal | None:
    return Decimal(text) if text else None


def _figure(row: Sequence[object]) -> Figure:
    """A stored row as a typed figure: the one place stored text is decoded."""
    (ident, region, year, target_id, month, period, version, value, unit, level, prior) = row[:11]
    (derived, entered, status, by, at, source, note, behalf, batch, withdrawn, reason) = row[11:22]
    return Figure(
        ident,  # type: ignore[arg-type]
        region,  # type: ignore[arg-type]
        year,  # type: ignore[arg-type]
        target_id,  # type: ignore[arg-type]
        month,  # type: ignore[arg-type]
        period,  # type: ignore[arg-type]
        version,  # type: ignore[arg-type]
        decode_value(value),  # type: ignore[arg-type]
        unit,  # type: ignore[arg-type]
        _decimal(level),  # type: ignore[arg-type]
        _decimal(prior),  # type: ignore[arg-type]
        bool(derived),
        entered,  # type: ignore[arg-type]
        _STATUSES[status],  # type: ignore[index]
        by,  # type: ignore[arg-type]
        at,  # type: ignore[arg-type]
        source,  # type: ignore[arg-type]
        note,  # type: ignore[arg-type]
        behalf,  # type: ignore[arg-type]
        batch,  # type: ignore[arg-type]
        bool(withdrawn),
        reason,  # type: ignore[arg-type]
    )


class _Writer:
    """The figures inside one SQLite write transaction."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.wrote = False  # whether this transaction appended anything (a commit to log)

    def current(self, key: FigureKey) -> Figure | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM figures WHERE region = ? AND year = ? AND target_id = ? "
            "AND month = ? ORDER BY version DESC LIMIT 1",
            tuple(key),
        ).fetchone()
        return _figure(row) if row else None

    def current_of_year(self, region: str, year: int) -> dict[FigureKey, Current]:
        # SQLite returns the other columns from the row that holds the max() of a group.
        rows = self.db.execute(
            "SELECT target_id, month, value, status, withdrawn, level, prior, unit, "
            "max(version) FROM figures WHERE region = ? AND year = ? GROUP BY target_id, month",
            (region, year),
        )
        return {
            FigureKey(region, year, target_id, month): Current(
                decode_value(value),
                _STATUSES[status],
                version,
                bool(withdrawn),
                _decimal(level),
                _decimal(prior),
                unit,
            )
            for target_id, month, value, status, withdrawn, level, prior, unit, version in rows
        }

    def of_batch(self, batch: str) -> list[Figure]:
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM figures WHERE batch = ? AND withdrawn = 0 ORDER BY id",
            (batch,),
        )
        return [_figure(row) for row in rows]

    def taken_back(self, batch: str) -> set[int]:
        rows = self.db.execute(
            "SELECT f.id FROM figures f WHERE f.batch = ? AND f.withdrawn = 0 AND EXISTS ("
            "  SELECT 1 FROM figures w WHERE w.region = f.region AND w.year = f.year"
            "  AND w.target_id = f.target_id AND w.month = f.month AND w.version > f.version"
            "  AND w.withdrawn = 1"
            ")",
            (batch,),
        )
        return {ident for (ident,) in rows}

    def may_record(self, key: FigureKey) -> bool:
        return True  # one person's file: every target is theirs

    def new_batch(self) -> str:
        return new_batch_id()

    def append(self, figures: Sequence[tuple[NewFigure, int]]) -> None:
        self.wrote = self.wrote or bool(figures)  # a commit to log, on either path
        if all(map(_PLAIN.__eq__, map(_OPTIONAL, map(_FIGURE, figures)))):
            # the usual import: the columns that keep their defaults are left to them, which
            # spares SQLite binding seven values a row
            self.db.executemany(
                _INSERT_PLAIN,
                [
                    (
                        f.region,
                        f.year,
                        f.target_id,
                        f.month,
                        f.period,
                        version,
                        encode_value(f.value),
                        f.unit,
                        f.entered,
                        f.status.value,
                        f.recorded_by,
                        f.recorded_at,
                        f.source,
                        f.batch,
                    )
                    for f, version in figures
                ],
            )
            return
        self._insert([(f, version, f.recorded_by, f.recorded_at) for f, version in figures])

    def append_as_recorded(self, figures: Sequence[Figure]) -> None:
        self._insert([(_as_new(f), f.version, f.recorded_by, f.recorded_at) for f in figures])

    def current_explanation(self, key: FigureKey) -> Explanation | None:
        row = self.db.execute(
            f"SELECT {_EXPLANATION_COLUMNS} FROM explanations WHERE region = ? AND year = ? "
            "AND target_id = ? AND month = ? ORDER BY version DESC LIMIT 1",
            tuple(key),
        ).fetchone()
        return _explanation(row) if row else None

    def append_explanations(self, explanations: Sequence[tuple[NewExplanation, int]]) -> None:
        self.wrote = self.wrote or bool(explanations)
        self.db.executemany(
            "INSERT INTO explanations (region, year, target_id, month, period, version, reason, "
            "measures, recorded_by, recorded_at, on_behalf_of, withdrawn, withdraw_reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    e.region,
                    e.year,
                    e.target_id,
                    e.month,
                    e.period,
                    version,
                    e.reason,
                    e.measures,
                    e.recorded_by,
                    e.recorded_at,
                    e.on_behalf_of,
                    int(e.withdrawn),
                    e.withdraw_reason,
                )
                for e, version in explanations
            ],
        )

    def _insert(self, rows: Sequence[tuple[NewFigure, int, str, str]]) -> None:
        self.wrote = self.wrote or bool(rows)
        self.db.executemany(
            _INSERT,
            [
                (
                    f.region,
                    f.year,
                    f.target_id,
                    f.month,
                    f.period,
                    version,
                    encode_value(f.value),
                    f.unit,
                    None if f.level is None else format(f.level, "f"),
                    None if f.prior is None else format(f.prior, "f"),
                    int(f.derived),
                    f.entered,
                    f.status.value,
                    by,
                    at,
                    f.source,
                    f.note,
                    f.on_behalf_of,
                    f.batch,
                    int(f.withdrawn),
                    f.reason,
                )
                for f, version, by, at in rows
            ],
        )


# SQLite's words for what a user meets, in the user's language; the rarer ones as SQLite says
_SQLITE_REASONS = (
    ("file is not a database", "sqlite.not_database"),
    ("malformed", "sqlite.malformed"),
    ("disk i/o error", "sqlite.io"),
    ("database or disk is full", "sqlite.full"),
    ("append-only", "sqlite.append_only"),
)


def _sqlite_reason(error: sqlite3.Error) -> Text:
    text = str(error)
    for words, code in _SQLITE_REASONS:
        if words in text.lower():
            return Message(code)
    return text


def _log_commit(db: sqlite3.Connection) -> None:
    """Note, as the last write of a transaction, the highest ids it leaves and the time."""
    db.execute(
        "INSERT INTO commits (figures, explanations, committed_at) VALUES ("
        "(SELECT coalesce(max(id), 0) FROM figures), "
        "(SELECT coalesce(max(id), 0) FROM explanations), ?)",
        (utc_now(),),
    )


def _as_new(figure: Figure) -> NewFigure:
    """A stored figure as one to store again elsewhere (its id is the new database's)."""
    return NewFigure(
        figure.region,
        figure.year,
        figure.target_id,
        figure.month,
        figure.period,
        figure.value,
        figure.unit,
        figure.status,
        figure.recorded_by,
        figure.recorded_at,
        figure.level,
        figure.prior,
        figure.derived,
        figure.entered,
        figure.source,
        figure.note,
        figure.on_behalf_of,
        figure.batch,
        figure.withdrawn,
        figure.reason,
    )


_INSERT = (
    "INSERT INTO figures (region, year, target_id, month, period, version, value, unit, "
    "level, prior, derived, entered, status, recorded_by, recorded_at, source, note, "
    "on_behalf_of, batch, withdrawn, reason) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_PLAIN = (
    "INSERT INTO figures (region, year, target_id, month, period, version, value, unit, "
    "entered, status, recorded_by, recorded_at, source, batch) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# The columns a figure usually leaves at their defaults (level, prior, derived, note, on whose
# behalf, withdrawn, reason), and those defaults.
_OPTIONAL = attrgetter("level", "prior", "derived", "note", "on_behalf_of", "withdrawn", "reason")
_PLAIN = (None, None, False, "", "", False, "")
_FIGURE = itemgetter(0)


class SqliteStore:
    """One open SQLite database of figures."""

    def __init__(
        self, path: Path, *, create: bool = True, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        self.path = path
        self.location = str(path)
        self.timeout = timeout
        self._db: sqlite3.Connection | None = None
        # what the reading queries read: the tables, or only what was known at a moment
        self._figures = "figures"
        self._explanations = "explanations"
        self.opened_at = 0  # the schema version found when opening, before any migration
        self.created = not path.exists()
        if not create and self.created:
            return  # reading a database that does not exist yet: it simply has no figures
        if path.is_dir():
            raise StorageError(Message("db.is_folder", path=path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(
                Message("db.no_folder", path=path, reason=os_reason(error))
            ) from None
        with self._errors():
            self._db = sqlite3.connect(path, timeout=self.timeout, isolation_level=None)
            self._prepare()

    @classmethod
    def open(
        cls, target: str, *, create: bool, timeout: float, check_schema: bool = True
    ) -> SqliteStore:
        """The file at ``target``; a file's schema is brought up to date as it is opened."""
        try:
            return cls(Path(target).expanduser(), create=create, timeout=timeout)
        except (OSError, RuntimeError) as error:  # RuntimeError: ~user of no such user
            reason = os_reason(error) if isinstance(error, OSError) else home_reason(error)
            raise StorageError(
                Message("db.cannot_open_path", path=target[:80], reason=reason)
            ) from None

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def discard_if_new(self) -> None:
        self.close()
        if self.created:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def local_files(self) -> list[Path]:
        return [Path(f"{self.path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]

    # -- opening and migrating -------------------------------------------------------------

    def _prepare(self) -> None:
        db = self._require()
        version = db.execute("PRAGMA user_version").fetchone()[0]
        self.opened_at = version
        if version > SCHEMA_VERSION:
            raise StorageError(
                Message("db.newer", path=self.path, version=version, known=SCHEMA_VERSION)
            )
        if version == 0 and self._has_foreign_tables(db):
            raise StorageError(Message("db.foreign", path=self.path))
        if version < SCHEMA_VERSION:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            with self._transaction():
                current = db.execute("PRAGMA user_version").fetchone()[0]
                for migration in MIGRATIONS[current:]:
                    for statement in migration:
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("PRAGMA synchronous = NORMAL")

    def schema_version(self) -> int:
        if self._db is None:
            return 0
        with self._errors():
            return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def upgrade(self) -> tuple[int, int]:
        """Nothing left to do: a file is brought up to date when it is opened. The versions
        before (when it was opened, or last asked) and after."""
        before, self.opened_at = self.opened_at, self.schema_version()
        return before, self.opened_at

    # -- who may do what: one person's file, so everything is theirs ----------------------

    def publish_owners(self, owners: Iterable[tuple[str, int, str, str]]) -> int:
        return len(list(owners))  # known, but a file enforces no departments

    def may_record(self, region: str, year: int, target_id: str) -> bool:
        return True

    def is_admin(self) -> bool:
        return True

    def user(self) -> str:
        return ""

    def grant(self, role: str, department: str | None, region: str, kind: str) -> None:
        raise StorageError(Message("pg.needs_url"))

    def revoke(self, role: str, department: str | None, region: str) -> list[Grant]:
        raise StorageError(Message("pg.needs_url"))

    def grants(self) -> list[Grant]:
        raise StorageError(Message("pg.needs_url"))

    def purge(self, region: str, year: int, reason: str, *, confirmed: bool) -> int:
        raise StorageError(Message("pg.needs_url"))

    @staticmethod
    def _has_foreign_tables(db: sqlite3.Connection) -> bool:
        row = db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return bool(row[0])

    def adopt_regions(self, regions: Iterable[Region]) -> None:
        """Move figures keyed by a region's display name (schema 1) to the region's id."""
        if self._db is None:
            return
        by_name = {region.name_zh: region.id for region in regions}
        if not by_name:
            return
        with self._errors():
            legacy = [row[0] for row in self._db.execute("SELECT name FROM legacy_regions")]
        moves = [(name, by_name[name]) for name in legacy if name in by_name]
        if not moves:
            return
        with self._transaction() as db:
            # The one sanctioned rewrite of stored rows: the key changes, nothing else.
            db.execute("DROP TRIGGER figures_are_never_updated")
            for name, region_id in moves:
                db.execute("UPDATE figures SET region = ? WHERE region = ?", (region_id, name))
                db.execute("DELETE FROM legacy_regions WHERE name = ?", (name,))
            db.execute(_TRIGGERS[0])

    def _require(self) -> sqlite3.Connection:
        if self._db is None:
            raise StorageError(Message("db.not_open", path=self.path))
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
                    Message("db.busy", path=self.path, seconds=f"{self.timeout:g}")
                ) from None
            if "readonly" in text or "read-only" in text:
                raise StorageError(Message("db.read_only", path=self.path)) from None
            if "unable to open" in text:
                raise StorageError(Message("db.cannot_open", path=self.path)) from None
            raise StorageError(
                Message("db.failed", path=self.path, reason=_sqlite_reason(error))
            ) from None
        except sqlite3.IntegrityError as error:  # a rule of the file refused a row
            raise StorageError(
                Message("db.failed", path=self.path, reason=_sqlite_reason(error))
            ) from None
        except sqlite3.DatabaseError as error:
            raise StorageError(
                Message("db.corrupt", path=self.path, reason=_sqlite_reason(error))
            ) from None

    @contextmanager
    def _transaction(self, *, commit: bool = True) -> Iterator[sqlite3.Connection]:
        """A write transaction, begun IMMEDIATE so that writers queue instead of failing."""
        db = self._require()
        with self._errors():
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT" if commit else "ROLLBACK")

    @contextmanager
    def writing(self, *, commit: bool = True) -> Iterator[_Writer]:
        with self._transaction(commit=commit) as db:
            writer = _Writer(db)
            yield writer
            if writer.wrote:
                _log_commit(db)

    # -- editions, and what was known when -----------------------------------------------------

    def clock(self) -> str:
        from datetime import datetime

        return datetime.now().astimezone().isoformat(timespec="microseconds")

    def publish(
        self, region: str, year: int, period: str, name: str, catalogue: str, by: str,
        dated: str = "",
    ) -> Edition:  # fmt: skip
        with self._transaction() as db:  # after every commit before it, before every after
            taken = db.execute(
                "SELECT 1 FROM editions WHERE region = ? AND name = ?", (region, name)
            ).fetchone()
            if taken:
                raise InputError(Message("edition.taken", name=name))
            cursor = db.execute(
                "INSERT INTO editions (region, year, period, name, known_at, published_by, "
                "catalogue, dated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (region, year, period, name, utc_now(), by, catalogue, dated),
            )
            row = db.execute(
                f"SELECT {_EDITION_COLUMNS} FROM editions WHERE id = ?", (cursor.lastrowid,)
            ).fetchone()
        return _edition(row)

    def editions(self, region: str) -> list[Edition]:
        if self._db is None:
            return []
        with self._errors():
            rows = self._db.execute(
                f"SELECT {_EDITION_COLUMNS} FROM editions WHERE region = ? ORDER BY id", (region,)
            ).fetchall()
        return [_edition(row) for row in rows]

    def as_known_at(self, moment: str) -> SqliteStore:
        """Cut at the last commit at or before ``moment``: the ids it left are the highest
        known then; rows from before the log began are known from their own time."""
        import copy
        from datetime import datetime

        cut = copy.copy(self)
        if self._db is None:
            return cut
        at = _utc(moment)
        with self._errors():
            first = self._db.execute("SELECT figures FROM commits ORDER BY id LIMIT 1").fetchone()
            found = self._db.execute(
                "SELECT figures, explanations FROM commits WHERE committed_at <= ? "
                "ORDER BY id DESC LIMIT 1",
                (at,),
            ).fetchone()
        legacy = int(first[0]) if first else 0
        figures, explanations = (int(found[0]), int(found[1])) if found else (legacy, 0)
        day = datetime.fromisoformat(at).timestamp() / 86400 + 2440587.5  # as julianday()
        cut._figures = (
            f"(SELECT * FROM figures WHERE id <= {figures} "
            f"AND (id > {legacy} OR julianday(recorded_at) <= {day!r})) AS figures"
        )
        cut._explanations = (
            f"(SELECT * FROM explanations WHERE id <= {explanations}) AS explanations"
        )
        return cut

    def explanations(self, region: str, year: int, month: int) -> dict[str, Explanation]:
        if self._db is None:
            return {}
        with self._errors():
            rows = self._db.execute(
                f"SELECT {_EXPLANATION_COLUMNS}, max(version) FROM {self._explanations} "
                "WHERE region = ? AND year = ? AND month = ? GROUP BY target_id",
                (region, year, month),
            ).fetchall()
        found = [_explanation(row[:14]) for row in rows]
        return {e.target_id: e for e in found if not e.withdrawn}

    def explanation_history(
        self, region: str, year: int, target_id: str | None = None
    ) -> list[Explanation]:
        if self._db is None:
            return []
        where = "region = ? AND year = ?"
        params: list[object] = [region, year]
        if target_id is not None:
            where += " AND target_id = ?"
            params.append(target_id)
        with self._errors():
            rows = self._db.execute(
                f"SELECT {_EXPLANATION_COLUMNS} FROM {self._explanations} WHERE {where} "
                "ORDER BY id DESC",
                params,
            ).fetchall()
        return [_explanation(row) for row in rows]

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[Figure]:
        if self._db is None:
            return []
        with self._errors():
            return [_figure(row) for row in self._db.execute(sql, params)]

    # -- reading ---------------------------------------------------------------------------

    def latest(self, region: str, year: int, month: int = 12) -> dict[str, Figure]:
        # SQLite returns the other columns from the row that holds the max() of a group: the
        # current version of each target's latest month, found in one pass over the index.
        figures = {
            f.target_id: f
            for f in self._query(
                f"SELECT {_COLUMNS} FROM figures WHERE id IN (SELECT id FROM ("
                f"  SELECT id, max(month * 4294967296 + version) FROM {self._figures}"
                "  WHERE region = ? AND year = ? AND month <= ? GROUP BY target_id"
                "))",
                (region, year, month),
            )
        }
        taken_back = [target for target, figure in figures.items() if figure.withdrawn]
        if not taken_back:
            return figures
        # a target whose latest month is withdrawn: its latest month that is not, if any
        # (the current version of each period; of those not withdrawn, each target's latest)
        for target in taken_back:
            del figures[target]
        marks = ", ".join("?" * len(taken_back)) if len(taken_back) < 500 else ""
        earlier = self._query(
            f"SELECT {_COLUMNS} FROM figures WHERE id IN ("
            "  SELECT id FROM ("
            "    SELECT id, target_id, max(month) FROM ("
            f"      SELECT id, target_id, month, withdrawn, max(version) FROM {self._figures}"
            "      WHERE region = ? AND year = ? AND month <= ?"
            + (f" AND target_id IN ({marks})" if marks else "")
            + "    GROUP BY target_id, month"
            "    ) WHERE withdrawn = 0 GROUP BY target_id"
            "  )"
            ")",
            (region, year, month, *(taken_back if marks else ())),
        )
        wanted = set(taken_back)
        figures.update((f.target_id, f) for f in earlier if f.target_id in wanted)
        return figures

    def series(self, region: str, year: int, target_id: str) -> list[Figure]:
        figures = self._query(
            f"SELECT {_COLUMNS}, max(version) FROM {self._figures} WHERE region = ? AND year = ? "
            "AND target_id = ? GROUP BY month ORDER BY month",
            (region, year, target_id),
        )
        return [f for f in figures if not f.withdrawn]

    def history(self, region: str, year: int, target_id: str | None = None) -> list[Figure]:
        where = "region = ? AND year = ?"
        params: list[object] = [region, year]
        if target_id is not None:
            where += " AND target_id = ?"
            params.append(target_id)
        return self._query(
            f"SELECT {_COLUMNS} FROM {self._figures} WHERE {where} ORDER BY id DESC",
            params,
        )

    def year_series(self, region: str, year: int, month: int = 12) -> list[Point]:
        if self._db is None:
            return []
        with self._errors():
            rows = self._db.execute(
                "SELECT target_id, month, value, withdrawn, max(version) "
                f"FROM {self._figures} "
                "WHERE region = ? AND year = ? AND month <= ? GROUP BY target_id, month "
                "ORDER BY target_id, month",
                (region, year, month),
            ).fetchall()
        states = set(_STATES_TEXT)
        return [
            Point(target_id, month, None if value in states else Decimal(value))
            for target_id, month, value, withdrawn, _ in rows
            if not withdrawn
        ]

    def years_series(
        self,
        region: str,
        first_year: int,
        last_year: int,
        months: Sequence[int] | None = None,
        target_id: str | None = None,
    ) -> YearSeries:
        wanted = sorted(set(months)) if months is not None else list(range(1, 13))
        years = list(range(first_year, last_year + 1))
        if self._db is None or not wanted or not years:
            return group_years(())
        where = (
            f"region = ? AND year IN ({', '.join('?' * len(years))}) "
            f"AND month IN ({', '.join('?' * len(wanted))})"
        )
        params: list[object] = [region, *years, *wanted]
        if target_id is not None:
            where += " AND target_id = ?"
            params.append(target_id)
        # in the order of the unique index: no sort, and each figure's versions in turn
        with self._errors():
            rows = self._db.execute(
                "SELECT target_id, year, month, value, level, unit, withdrawn "
                f"FROM {self._figures} WHERE {where} ORDER BY year, target_id, month, version",
                params,
            ).fetchall()
        states = set(_STATES_TEXT)
        return group_years(
            (
                target,
                year,
                month,
                None if value in states else Decimal(value),
                Decimal(level) if level else None,
                unit,
                withdrawn,
            )
            for target, year, month, value, level, unit, withdrawn in rows
        )

    def everything(self) -> list[Figure]:
        return self._query(f"SELECT {_COLUMNS} FROM figures ORDER BY id")

    def counts(self) -> dict[tuple[str, int], int]:
        if self._db is None:
            return {}
        with self._errors():
            rows = self._db.execute("SELECT region, year, count(*) FROM figures GROUP BY 1, 2")
            return {(region, year): count for region, year, count in rows}

    def latest_month(self, region: str, year: int) -> int | None:
        if self._db is None:
            return None
        with self._errors():
            row = self._db.execute(
                "SELECT max(month) FROM (SELECT month, withdrawn, max(version) "
                f"FROM {self._figures} "
                "WHERE region = ? AND year = ? GROUP BY target_id, month) WHERE withdrawn = 0",
                (region, year),
            ).fetchone()
        return int(row[0]) if row and row[0] is not None else None
