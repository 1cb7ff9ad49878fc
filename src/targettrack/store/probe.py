"""Looking at a database without changing it: what ``targettrack doctor`` reports.

Opening a store for a command migrates an older schema and creates a missing file; a
diagnosis must do neither. These probes open the SQLite file read-only and the shared
database with a short connection timeout, and read only the schema version, the number of
stored versions and, on a server, who the connection is and what it may do.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, NamedTuple

from targettrack.errors import StorageError
from targettrack.messages import Message


class Found(NamedTuple):
    """What a probe found in a database that opened."""

    schema: int | None  # the schema version found (0: nothing set up; None: not readable)
    known: int  # the schema version this targettrack writes
    figures: int | None  # stored versions of figures (None where they cannot be read)
    role: str = ""  # the shared database: the role connected as
    superuser: bool = False
    groups: tuple[str, ...] = ()  # its targettrack groups: admin, writer, reader
    departments: tuple[str, ...] = ()  # the departments granted to it ("商务局 (luojiang)")
    server: str = ""  # the server's version


def probe_sqlite(path: Path) -> Found | None:
    """The SQLite file at ``path`` read-only; None when there is no file yet."""
    from targettrack.store.sqlite import SCHEMA_VERSION

    if not path.exists():
        return None
    if path.is_dir():
        raise StorageError(Message("db.is_folder", path=path))
    # Without a write-ahead log nobody is writing, and the file is read as it stands (opened
    # read-only otherwise, SQLite would leave a -wal and a -shm file beside it).
    immutable = "" if Path(f"{path}-wal").exists() else "&immutable=1"
    uri = f"{path.resolve().as_uri()}?mode=ro{immutable}"
    try:
        db = sqlite3.connect(uri, uri=True, timeout=2)
    except sqlite3.Error as error:
        raise StorageError(Message("db.cannot_open", path=path)) from error
    try:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        if version == 0 and tables:
            raise StorageError(Message("db.foreign", path=path))
        figures = None
        if "figures" in tables:
            figures = int(db.execute("SELECT count(*) FROM figures").fetchone()[0])
    except sqlite3.DatabaseError as error:
        raise StorageError(Message("db.corrupt", path=path, reason=error)) from None
    finally:
        db.close()
    return Found(version, SCHEMA_VERSION, figures)


def probe_postgres(url: str, timeout: int) -> Found:
    """The shared database at ``url``, giving up after ``timeout`` seconds (at least 2, as
    libpq counts) when the server does not answer. A role in none of targettrack's groups
    cannot read the schema: its version and figures are then None."""
    import psycopg

    from targettrack.store.postgres import ADMIN, READER, WRITER, connect_reason, safe_location

    where = safe_location(url)
    try:
        connection = psycopg.connect(url, autocommit=True, connect_timeout=max(timeout, 2))
    except psycopg.Error as error:
        raise StorageError(Message("pg.unreachable", reason=connect_reason(error))) from None
    try:
        with connection as con:
            role, superuser, server = con.execute(
                "SELECT session_user, rolsuper, current_setting('server_version') "
                "FROM pg_roles WHERE rolname = session_user"
            ).fetchall()[0]
            members = con.execute(
                "SELECT rolname FROM pg_roles WHERE rolname IN (%s, %s, %s) "
                "AND pg_has_role(session_user, oid, 'MEMBER')",
                (ADMIN, WRITER, READER),
            ).fetchall()
            groups = tuple(g for g in (ADMIN, WRITER, READER) if (g,) in members)
            schema, figures, departments = (
                _shared_schema(con) if groups or superuser else (None, None, ())
            )
    except psycopg.Error as error:
        raise StorageError(Message("db.failed", path=where, reason=_first_line(error))) from None
    return Found(
        schema,
        _known_shared(),
        figures,
        role=str(role),
        superuser=bool(superuser),
        groups=groups,
        departments=departments,
        server=str(server),
    )


def _known_shared() -> int:
    from targettrack.store.postgres import SCHEMA_VERSION

    return SCHEMA_VERSION


def _shared_schema(con: Any) -> tuple[int, int | None, tuple[str, ...]]:
    """The schema version, the stored versions and the role's departments, read by a role
    that may read them."""
    from targettrack.store.postgres import SCHEMA

    found = con.execute("SELECT to_regclass(%s)", (f"{SCHEMA}.schema_version",)).fetchall()
    if found[0][0] is None:
        return 0, None, ()
    versions = con.execute(f"SELECT coalesce(max(version), 0) FROM {SCHEMA}.schema_version")
    schema = int(versions.fetchall()[0][0])
    figures = int(con.execute(f"SELECT count(*) FROM {SCHEMA}.figures").fetchall()[0][0])
    departments = tuple(
        department if region == "*" else f"{department} ({region})"
        for department, region in con.execute(
            f"SELECT department, region FROM {SCHEMA}.grants WHERE role = session_user "
            "ORDER BY department, region"
        ).fetchall()
    )
    return schema, figures, departments


def _first_line(error: Exception) -> str:
    """The first line of a server or libpq message, which never holds the password."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
