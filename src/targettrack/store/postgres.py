"""The shared backend: one PostgreSQL database for a whole office, through psycopg 3.

The same promises as the SQLite file, kept by the server itself:

- Figures are append-only: a trigger refuses UPDATE and DELETE, and no role is granted them.
- Values are ``numeric`` (a milestone's state is text beside it), never floating point.
- The recorder is the authenticated role (``session_user``), set by a trigger, not typed;
  ``--by`` is kept beside it as "on behalf of". Only members of ``targettrack_admin`` may set
  a recorder and a time themselves, which ``db copy`` needs to move a history in.
- A role records only the targets of the departments granted to it (``db grant``), enforced
  by row-level security, so a role that bypasses the tool with psql is refused too. Members of
  ``targettrack_admin`` record any target; ``targettrack_reader`` only reads.
- Writers of one region and year queue on an advisory lock, so concurrent versions of a figure
  are numbered without gaps or duplicates.
- The schema lives in its own schema ``targettrack`` with a table of applied versions;
  ``targettrack db upgrade`` applies the missing steps, each in a transaction; a newer schema
  is refused untouched.

psycopg is imported here only, so only commands that use a shared database pay for it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from targettrack.core.models import Figure, FigureKey, NewFigure, Region, State, Status
from targettrack.errors import StorageError
from targettrack.messages import Message
from targettrack.store import Current, Point

try:
    import psycopg
    import psycopg.errors
    from psycopg import sql
except ImportError:  # pragma: no cover - the message is tested where psycopg is absent
    raise StorageError(Message("pg.no_driver")) from None

SCHEMA = "targettrack"
ADMIN, WRITER, READER = "targettrack_admin", "targettrack_writer", "targettrack_reader"

_ROLES = f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ADMIN}') THEN
        CREATE ROLE {ADMIN} NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{WRITER}') THEN
        CREATE ROLE {WRITER} NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{READER}') THEN
        CREATE ROLE {READER} NOLOGIN;
    END IF;
END $$
"""

_V1 = (
    _ROLES,
    f"""
    CREATE TABLE {SCHEMA}.figures (
        id BIGSERIAL PRIMARY KEY,
        region TEXT NOT NULL,
        year INTEGER NOT NULL,
        target_id TEXT NOT NULL,
        month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
        period TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        number NUMERIC,
        state TEXT CHECK (state IN ('not-started', 'in-progress', 'done')),
        unit TEXT NOT NULL DEFAULT '',
        level NUMERIC,
        prior NUMERIC,
        derived BOOLEAN NOT NULL DEFAULT false,
        entered TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('provisional', 'final')),
        recorded_by TEXT NOT NULL DEFAULT session_user,
        recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        source TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        CHECK ((number IS NULL) <> (state IS NULL)),
        UNIQUE (region, year, target_id, month, version)
    )
    """,
    f"""
    CREATE FUNCTION {SCHEMA}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'figures are append-only';
    END $$
    """,
    f"""
    CREATE TRIGGER figures_are_never_changed BEFORE UPDATE OR DELETE ON {SCHEMA}.figures
    FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.refuse_change()
    """,
    f"""
    CREATE FUNCTION {SCHEMA}.stamp() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NOT pg_has_role(session_user, '{ADMIN}', 'MEMBER') THEN
            NEW.recorded_by := session_user;
            NEW.recorded_at := now();
        END IF;
        RETURN NEW;
    END $$
    """,
    f"""
    CREATE TRIGGER figures_are_stamped BEFORE INSERT ON {SCHEMA}.figures
    FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.stamp()
    """,
    f"""
    CREATE TABLE {SCHEMA}.grants (
        role TEXT NOT NULL,
        department TEXT NOT NULL,
        region TEXT NOT NULL DEFAULT '*',
        PRIMARY KEY (role, department, region)
    )
    """,
    f"""
    CREATE TABLE {SCHEMA}.owners (
        region TEXT NOT NULL,
        year INTEGER NOT NULL,
        target_id TEXT NOT NULL,
        department TEXT NOT NULL,
        PRIMARY KEY (region, year, target_id)
    )
    """,
    f"""
    CREATE FUNCTION {SCHEMA}.may_record(r TEXT, y INTEGER, t TEXT) RETURNS boolean
    LANGUAGE sql STABLE AS $$
        SELECT pg_has_role(session_user, '{ADMIN}', 'MEMBER') OR EXISTS (
            SELECT FROM {SCHEMA}.owners o JOIN {SCHEMA}.grants g
              ON g.department = o.department AND (g.region = '*' OR g.region = o.region)
            WHERE o.region = r AND o.year = y AND o.target_id = t AND g.role = session_user
        )
    $$
    """,
    f"ALTER TABLE {SCHEMA}.figures ENABLE ROW LEVEL SECURITY",
    f"CREATE POLICY everyone_reads ON {SCHEMA}.figures FOR SELECT USING (true)",
    f"""
    CREATE POLICY own_targets_only ON {SCHEMA}.figures FOR INSERT
    WITH CHECK ({SCHEMA}.may_record(region, year, target_id))
    """,
    f"GRANT USAGE ON SCHEMA {SCHEMA} TO {ADMIN}, {WRITER}, {READER}",
    f"GRANT SELECT ON ALL TABLES IN SCHEMA {SCHEMA} TO {ADMIN}, {WRITER}, {READER}",
    f"GRANT INSERT ON {SCHEMA}.figures TO {ADMIN}, {WRITER}",
    f"GRANT USAGE ON SEQUENCE {SCHEMA}.figures_id_seq TO {ADMIN}, {WRITER}",
    f"GRANT INSERT, DELETE ON {SCHEMA}.grants, {SCHEMA}.owners TO {ADMIN}",
    f"CREATE INDEX figures_latest ON {SCHEMA}.figures (region, year, target_id, month, version)",
)
# Figures were keyed by region id from the start here; the table keeps the steps alike.
_V2 = (
    f"CREATE TABLE {SCHEMA}.legacy_regions (name TEXT PRIMARY KEY)",
    f"GRANT SELECT ON {SCHEMA}.legacy_regions TO {ADMIN}, {WRITER}, {READER}",
)
_V3 = (f"ALTER TABLE {SCHEMA}.figures ADD COLUMN on_behalf_of TEXT NOT NULL DEFAULT ''",)
_V4 = (
    f"ALTER TABLE {SCHEMA}.figures ADD COLUMN batch TEXT NOT NULL DEFAULT ''",
    f"ALTER TABLE {SCHEMA}.figures ADD COLUMN withdrawn BOOLEAN NOT NULL DEFAULT false",
    f"ALTER TABLE {SCHEMA}.figures ADD COLUMN reason TEXT NOT NULL DEFAULT ''",
    f"CREATE INDEX figures_by_batch ON {SCHEMA}.figures (batch) WHERE batch <> ''",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3, _V4)
SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS = (
    "id, region, year, target_id, month, period, version, number, state, unit, level, prior, "
    "derived, entered, status, recorded_by, recorded_at, source, note, on_behalf_of, batch, "
    "withdrawn, reason"
)
_STATES = {state.value: state for state in State}
_STATUSES = {status.value: status for status in Status}


def safe_location(url: str) -> str:
    """The URL as it may be shown: never the password."""
    try:
        from psycopg.conninfo import conninfo_to_dict, make_conninfo

        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "postgresql://…"
    if "password" in parts:
        parts["password"] = "***"
    host = parts.get("host", "")
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    if host and not str(host).startswith("/"):
        return f"postgresql://{user}{host}{port}/{parts.get('dbname', '')}"
    return make_conninfo("", **{k: v for k, v in parts.items() if k != "password"})


def _reason(error: Exception) -> str:
    """The first line of a server or libpq message, which never holds the password."""
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone().isoformat(timespec="seconds")


def _figure(row: Sequence[Any]) -> Figure:
    (ident, region, year, target_id, month, period, version, number, state, unit) = row[:10]
    (level, prior, derived, entered, status, by, at, source, note, behalf) = row[10:20]
    (batch, withdrawn, reason) = row[20:23]
    value = _STATES[state] if state is not None else number
    return Figure(
        ident,
        region,
        year,
        target_id,
        month,
        period,
        version,
        value,
        unit,
        level,
        prior,
        bool(derived),
        entered,
        _STATUSES[status],
        by,
        _stamp(at),
        source,
        note,
        behalf,
        batch,
        bool(withdrawn),
        reason,
    )


def _values(figure: NewFigure, version: int) -> tuple[Any, ...]:
    number = None if isinstance(figure.value, State) else figure.value
    state = figure.value.value if isinstance(figure.value, State) else None
    return (
        figure.region,
        figure.year,
        figure.target_id,
        figure.month,
        figure.period,
        version,
        number,
        state,
        figure.unit,
        figure.level,
        figure.prior,
        figure.derived,
        figure.entered,
        figure.status.value,
        figure.source,
        figure.note,
        figure.on_behalf_of,
        figure.batch,
        figure.withdrawn,
        figure.reason,
    )


_INSERT = (
    f"INSERT INTO {SCHEMA}.figures (region, year, target_id, month, period, version, number, "
    "state, unit, level, prior, derived, entered, status, source, note, on_behalf_of, batch, "
    "withdrawn, reason) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
    "%s, %s, %s, %s, %s)"
)


# An import's rows go through a staging table from this many at a time.
_COPY_FROM = 100
_STAGING = "pg_temp.targettrack_rows"
_STAGED = (
    "region, year, target_id, month, period, version, number, state, unit, level, prior, "
    "derived, entered, status, source, note, on_behalf_of, batch, withdrawn, reason"
)
_CREATE_STAGING = (
    f"CREATE TEMPORARY TABLE {_STAGING.split('.')[1]} (ordinal INTEGER, region TEXT, "
    "year INTEGER, target_id TEXT, month INTEGER, period TEXT, version INTEGER, number NUMERIC, "
    "state TEXT, unit TEXT, level NUMERIC, prior NUMERIC, derived BOOLEAN, entered TEXT, "
    "status TEXT, source TEXT, note TEXT, on_behalf_of TEXT, batch TEXT, withdrawn BOOLEAN, "
    "reason TEXT) ON COMMIT DROP"
)
_COPY = f"COPY {_STAGING} (ordinal, {_STAGED}) FROM STDIN"
_FROM_STAGING = (
    f"INSERT INTO {SCHEMA}.figures ({_STAGED}) SELECT {_STAGED} FROM {_STAGING} ORDER BY ordinal"
)


class _Writer:
    """The figures inside one PostgreSQL write transaction."""

    def __init__(self, store: PostgresStore) -> None:
        self.store = store
        self.locked: set[tuple[str, int]] = set()
        self.allowed: dict[tuple[str, int], dict[str, bool]] = {}
        self.everything: set[tuple[str, int]] = set()  # may record every target of these
        self.staged: bool | None = None

    def _lock(self, region: str, year: int) -> None:
        """Writers of one region and year queue here until the transaction ends."""
        if (region, year) not in self.locked:
            self.store.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (f"{region}/{year}",)
            )
            self.locked.add((region, year))

    def current(self, key: FigureKey) -> Figure | None:
        self._lock(key.region, key.year)
        rows = self.store.rows(
            f"SELECT {_COLUMNS} FROM {SCHEMA}.figures WHERE region = %s AND year = %s "
            "AND target_id = %s AND month = %s ORDER BY version DESC LIMIT 1",
            tuple(key),
        )
        return _figure(rows[0]) if rows else None

    def current_of_year(self, region: str, year: int) -> dict[FigureKey, Current]:
        self._lock(region, year)
        rows = self.store.rows(
            f"SELECT DISTINCT ON (target_id, month) target_id, month, number, state, status, "
            f"version, withdrawn FROM {SCHEMA}.figures WHERE region = %s AND year = %s "
            "ORDER BY target_id, month, version DESC",
            (region, year),
        )
        return {
            FigureKey(region, year, target_id, month): Current(
                _STATES[state] if state is not None else number,
                _STATUSES[status],
                version,
                withdrawn,
            )
            for target_id, month, number, state, status, version, withdrawn in rows
        }

    def of_batch(self, batch: str) -> list[Figure]:
        return [
            _figure(row)
            for row in self.store.rows(
                f"SELECT {_COLUMNS} FROM {SCHEMA}.figures WHERE batch = %s AND NOT withdrawn "
                "ORDER BY id",
                (batch,),
            )
        ]

    def taken_back(self, batch: str) -> set[int]:
        rows = self.store.rows(
            f"SELECT f.id FROM {SCHEMA}.figures f WHERE f.batch = %s AND NOT f.withdrawn "
            f"AND EXISTS (SELECT FROM {SCHEMA}.figures w WHERE w.region = f.region "
            "AND w.year = f.year AND w.target_id = f.target_id AND w.month = f.month "
            "AND w.version > f.version AND w.withdrawn)",
            (batch,),
        )
        return {int(ident) for (ident,) in rows}

    def may_record(self, key: FigureKey) -> bool:
        # the database's own may_record(), asked once for the region and year as a whole (a
        # role it allows with no target, an administrator, may record every target), else
        # once for every target published for them (an import asks about thousands), then
        # for any other target one by one. Row-level security checks every row anyway.
        region_year = (key.region, key.year)
        answers = self.allowed.get(region_year)
        if answers is None:
            (anything,) = self.store.rows(f"SELECT {SCHEMA}.may_record(%s, %s, NULL)", region_year)[
                0
            ]
            answers = self.allowed[region_year] = {}
            if anything:
                self.everything.add(region_year)
            else:
                answers.update(
                    (target, bool(allowed))
                    for target, allowed in self.store.rows(
                        f"SELECT target_id, {SCHEMA}.may_record(region, year, target_id) "
                        f"FROM {SCHEMA}.owners WHERE region = %s AND year = %s",
                        region_year,
                    )
                )
        if region_year in self.everything:
            return True
        if key.target_id not in answers:
            rows = self.store.rows(
                f"SELECT {SCHEMA}.may_record(%s, %s, %s)", (key.region, key.year, key.target_id)
            )
            answers[key.target_id] = bool(rows[0][0])
        return answers[key.target_id]

    def append(self, figures: Sequence[tuple[NewFigure, int]]) -> None:
        if not figures:
            return
        for region, year in {(figure.region, figure.year) for figure, _ in figures}:
            self._lock(region, year)
        if len(figures) >= _COPY_FROM and self._staging():
            # many rows: COPYed into a table of this session, then inserted in one statement,
            # so that row-level security and the triggers still check every row
            with self.store.errors(), self.store.connection.cursor() as cursor:
                with cursor.copy(_COPY) as copy:
                    for number, (figure, version) in enumerate(figures):
                        copy.write_row((number, *_values(figure, version)))
                cursor.execute(_FROM_STAGING)
                cursor.execute(f"TRUNCATE {_STAGING}")
            return
        with self.store.errors(), self.store.connection.cursor() as cursor:
            cursor.executemany(_INSERT, [_values(f, v) for f, v in figures])

    def _staging(self) -> bool:
        """Whether this transaction has its staging table, made now if need be (a role
        without the TEMPORARY privilege has none, and inserts row by row instead)."""
        if self.staged is None:
            try:
                with self.store.connection.transaction():  # a savepoint
                    self.store.connection.execute(_CREATE_STAGING)
                self.staged = True
            except psycopg.errors.InsufficientPrivilege:
                self.staged = False
        return self.staged

    def append_as_recorded(self, figures: Sequence[Figure]) -> None:
        """Figures moved from another database, each with its own recorder and time."""
        rows = [
            (
                f.region,
                f.year,
                f.target_id,
                f.month,
                f.period,
                f.version,
                None if isinstance(f.value, State) else f.value,
                f.value.value if isinstance(f.value, State) else None,
                f.unit,
                f.level,
                f.prior,
                f.derived,
                f.entered,
                f.status.value,
                f.recorded_by,
                datetime.datetime.fromisoformat(f.recorded_at),
                f.source,
                f.note,
                f.on_behalf_of,
                f.batch,
                f.withdrawn,
                f.reason,
            )
            for f in figures
        ]
        with self.store.errors(), self.store.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {SCHEMA}.figures (region, year, target_id, month, period, "
                "version, number, state, unit, level, prior, derived, entered, status, "
                "recorded_by, recorded_at, source, note, on_behalf_of, batch, withdrawn, reason) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
                "%s, %s, %s, %s)",
                rows,
            )


class PostgresStore:
    """One connection to the shared database of figures."""

    def __init__(self, url: str, *, require_schema: bool = True) -> None:
        self.location = safe_location(url)
        self.created = False
        try:
            self.connection = psycopg.connect(url, autocommit=True)
        except psycopg.Error as error:
            raise StorageError(
                Message("pg.cannot_connect", where=self.location, reason=_reason(error))
            ) from None
        if require_schema:
            self.check_schema()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if not self.connection.closed:
            self.connection.close()

    def discard_if_new(self) -> None:
        self.close()

    def local_files(self) -> list[Path]:
        return []

    # -- schema ----------------------------------------------------------------------------------

    def schema_version(self) -> int:
        rows = self.rows("SELECT to_regclass(%s)", (f"{SCHEMA}.schema_version",))
        if rows[0][0] is None:
            return 0
        found = self.rows(f"SELECT coalesce(max(version), 0) FROM {SCHEMA}.schema_version")
        return int(found[0][0])

    def check_schema(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StorageError(
                Message("db.newer", path=self.location, version=version, known=SCHEMA_VERSION)
            )
        if version < SCHEMA_VERSION:
            raise StorageError(Message("pg.needs_upgrade", where=self.location))

    def upgrade(self) -> tuple[int, int]:
        """Apply the missing steps, each in its own transaction; the versions before and after."""
        from targettrack.store import MIGRATION_STEPS

        before = self.schema_version()
        if before > SCHEMA_VERSION:
            raise StorageError(
                Message("db.newer", path=self.location, version=before, known=SCHEMA_VERSION)
            )
        with self.errors():
            if before == 0:
                with self.connection.transaction():
                    self.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
                    self.execute(
                        f"CREATE TABLE IF NOT EXISTS {SCHEMA}.schema_version (version INTEGER "
                        "PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL "
                        "DEFAULT now())"
                    )
            for number in range(before + 1, SCHEMA_VERSION + 1):
                with self.connection.transaction():
                    for statement in MIGRATIONS[number - 1]:
                        self.execute(statement)
                    self.execute(
                        f"INSERT INTO {SCHEMA}.schema_version (version, name) VALUES (%s, %s)",
                        (number, MIGRATION_STEPS[number - 1]),
                    )
            with self.connection.transaction():
                self.execute(
                    f"GRANT SELECT ON {SCHEMA}.schema_version TO {ADMIN}, {WRITER}, {READER}"
                )
        return before, SCHEMA_VERSION

    # -- who may do what -------------------------------------------------------------------------

    def publish_owners(self, owners: Iterable[tuple[str, int, str, str]]) -> int:
        """Which department owns each target (region, year, target id, department)."""
        rows = list(owners)
        with self.errors(), self.connection.transaction():
            keys = {(region, year) for region, year, _, _ in rows}
            for region, year in keys:
                self.execute(
                    f"DELETE FROM {SCHEMA}.owners WHERE region = %s AND year = %s", (region, year)
                )
            with self.connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {SCHEMA}.owners (region, year, target_id, department) "
                    "VALUES (%s, %s, %s, %s)",
                    rows,
                )
        return len(rows)

    def grant(self, role: str, department: str | None, region: str, kind: str) -> None:
        """Let ``role`` record ``department``'s targets (of ``region``, or '*': every region),
        or make it an administrator or a reader."""
        with self.errors(), self.connection.transaction():
            if not self.rows("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)):
                raise StorageError(Message("pg.no_role", role=role))
            group = {"admin": ADMIN, "reader": READER}.get(kind, WRITER)
            self.execute(
                sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(role))
            )
            if kind == "department" and department:
                self.execute(
                    f"INSERT INTO {SCHEMA}.grants (role, department, region) VALUES (%s, %s, %s) "
                    "ON CONFLICT DO NOTHING",
                    (role, department, region),
                )

    def revoke(self, role: str, department: str | None, region: str) -> int:
        with self.errors(), self.connection.transaction():
            if department is None:
                removed = self.rows(
                    f"DELETE FROM {SCHEMA}.grants WHERE role = %s RETURNING 1", (role,)
                )
                for group in (ADMIN, WRITER, READER):
                    self.execute(
                        sql.SQL("REVOKE {} FROM {}").format(
                            sql.Identifier(group), sql.Identifier(role)
                        )
                    )
                return len(removed)
            removed = self.rows(
                f"DELETE FROM {SCHEMA}.grants WHERE role = %s AND department = %s "
                "AND region = %s RETURNING 1",
                (role, department, region),
            )
            return len(removed)

    def grants(self) -> list[tuple[str, str, str]]:
        """Every grant: (role, department or the group it belongs to, region)."""
        rows = self.rows(
            f"SELECT role, department, region FROM {SCHEMA}.grants ORDER BY role, department"
        )
        groups = self.rows(
            "SELECT m.rolname, g.rolname FROM pg_auth_members a "
            "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
            "WHERE g.rolname IN (%s, %s) ORDER BY m.rolname",
            (ADMIN, READER),
        )
        return [*((r, d, g) for r, d, g in rows), *((m, f"({g})", "*") for m, g in groups)]

    def session_role(self) -> str:
        return str(self.rows("SELECT session_user")[0][0])

    # -- plumbing --------------------------------------------------------------------------------

    def execute(self, statement: Any, params: Sequence[Any] = ()) -> None:
        with self.errors():
            self.connection.execute(statement, params or None)

    def rows(self, statement: Any, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.errors():
            return list(self.connection.execute(statement, params or None).fetchall())

    @contextmanager
    def errors(self) -> Iterator[None]:
        """The server's refusals as one plain sentence; never a password."""
        try:
            yield
        except StorageError:
            raise
        except psycopg.errors.InsufficientPrivilege as error:
            raise StorageError(
                Message("pg.not_allowed", where=self.location, reason=_reason(error))
            ) from None
        except psycopg.errors.RaiseException as error:
            raise StorageError(
                Message("db.failed", path=self.location, reason=_reason(error))
            ) from None
        except psycopg.errors.UniqueViolation as error:
            raise StorageError(
                Message("pg.duplicate", where=self.location, reason=_reason(error))
            ) from None
        except psycopg.Error as error:
            raise StorageError(
                Message("db.failed", path=self.location, reason=_reason(error))
            ) from None

    @contextmanager
    def writing(self, *, commit: bool = True) -> Iterator[_Writer]:
        with self.errors():
            transaction = self.connection.transaction(force_rollback=not commit)
            with transaction:
                yield _Writer(self)

    def adopt_regions(self, regions: Iterable[Region]) -> None:
        """Nothing to move: a shared database keyed figures by region id from the start."""

    # -- reading ---------------------------------------------------------------------------------

    def _query(self, statement: str, params: Sequence[Any]) -> list[Figure]:
        return [_figure(row) for row in self.rows(statement, params)]

    def latest(self, region: str, year: int, month: int = 12) -> dict[str, Figure]:
        # the current version of each period; of those not withdrawn, each target's latest
        figures = self._query(
            f"SELECT DISTINCT ON (target_id) * FROM ("
            f"  SELECT DISTINCT ON (target_id, month) {_COLUMNS} FROM {SCHEMA}.figures"
            "   WHERE region = %s AND year = %s AND month <= %s"
            "   ORDER BY target_id, month, version DESC"
            ") current WHERE NOT withdrawn ORDER BY target_id, month DESC",
            (region, year, month),
        )
        return {f.target_id: f for f in figures}

    def series(self, region: str, year: int, target_id: str) -> list[Figure]:
        figures = self._query(
            f"SELECT DISTINCT ON (month) {_COLUMNS} FROM {SCHEMA}.figures "
            "WHERE region = %s AND year = %s AND target_id = %s ORDER BY month, version DESC",
            (region, year, target_id),
        )
        return [f for f in figures if not f.withdrawn]

    def history(self, region: str, year: int, target_id: str | None = None) -> list[Figure]:
        where = "region = %s AND year = %s"
        params: list[Any] = [region, year]
        if target_id is not None:
            where += " AND target_id = %s"
            params.append(target_id)
        return self._query(
            f"SELECT {_COLUMNS} FROM {SCHEMA}.figures WHERE {where} ORDER BY id DESC", params
        )

    def year_series(self, region: str, year: int, month: int = 12) -> list[Point]:
        rows = self.rows(
            f"SELECT DISTINCT ON (target_id, month) target_id, month, number, withdrawn "
            f"FROM {SCHEMA}.figures WHERE region = %s AND year = %s AND month <= %s "
            "ORDER BY target_id, month, version DESC",
            (region, year, month),
        )
        return [Point(t, m, n) for t, m, n, withdrawn in rows if not withdrawn]

    def everything(self) -> list[Figure]:
        return self._query(f"SELECT {_COLUMNS} FROM {SCHEMA}.figures ORDER BY id", ())

    def latest_month(self, region: str, year: int) -> int | None:
        rows = self.rows(
            f"SELECT max(month) FROM (SELECT DISTINCT ON (target_id, month) month, withdrawn "
            f"FROM {SCHEMA}.figures WHERE region = %s AND year = %s "
            "ORDER BY target_id, month, version DESC) current WHERE NOT withdrawn",
            (region, year),
        )
        return int(rows[0][0]) if rows and rows[0][0] is not None else None
