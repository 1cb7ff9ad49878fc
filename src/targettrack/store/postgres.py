"""The shared backend: one PostgreSQL database for a whole office, through psycopg 3.

The same promises as the SQLite file, kept by the server itself:

- Figures are append-only: triggers refuse UPDATE, DELETE and TRUNCATE, for every role
  including the owner of the table, and no role is granted them. The one way out is
  ``targettrack db purge`` (the owner's, for one region and year), which leaves a record.
- Values are ``numeric`` (a milestone's state is text beside it), never floating point.
- The database sets what a writer must not choose: the id, the recorder (the authenticated
  role, ``session_user``) and the time; the version is the next one of the figure (set, or
  refused if a writer names another); an import's batch id is one the database made in the
  same transaction. ``--by`` is kept beside the recorder as "on behalf of". Only ``db copy``,
  an administrator's, moves a history in with its own recorders and times, and leaves a
  record of it.
- A role records only the targets of the departments granted to it (``db grant``), enforced
  by row-level security, so a role that bypasses the tool with psql is refused too. Members of
  ``targettrack_admin`` record any target; ``targettrack_reader`` only reads.
- Writers of one region and year queue on a lock that only they can take (a row of
  ``targettrack.writing``, through ``lock_for_writing()``), so concurrent versions of a
  figure are numbered without gaps or duplicates. Every wait (the connection, a lock, a
  statement) is bounded by TARGETTRACK_BUSY_TIMEOUT, and a refusal names who holds things up.
- Every function of the schema pins its ``search_path`` and names what it calls with its
  schema; the tool's own sessions pin theirs too.
- The schema lives in its own schema ``targettrack`` with a table of applied versions;
  ``targettrack db upgrade`` applies the missing steps, each in a transaction; a newer schema
  is refused untouched.

psycopg is imported here only, so only commands that use a shared database pay for it.
"""

from __future__ import annotations

import datetime
import logging
import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from targettrack.core.models import (
    Edition,
    Explanation,
    Figure,
    FigureKey,
    NewExplanation,
    NewFigure,
    Region,
    State,
    Status,
)
from targettrack.errors import InputError, StorageError
from targettrack.messages import Both, Message
from targettrack.store import DEFAULT_TIMEOUT, Current, Grant, Point, YearSeries, group_years

try:
    import psycopg
    import psycopg.errors
    from psycopg import sql
    from psycopg.pq import TransactionStatus
except ImportError:  # pragma: no cover - the message is tested where psycopg is absent
    raise StorageError(Message("pg.no_driver")) from None

# psycopg logs what it ignores while it unwinds a failed pipeline ("error ignored terminating
# <psycopg.Pipeline ...>"); the failure itself reaches the user as one sentence.
logging.getLogger("psycopg").addHandler(logging.NullHandler())

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

# Every function of the schema runs with this search path and names what it calls with its
# schema, so that a function or operator a role creates elsewhere can never stand in for
# PostgreSQL's own (pg_temp last: a temporary object is never found before pg_catalog's).
_PINNED = "SET search_path = pg_catalog, pg_temp"
_GROUPS = f"'{ADMIN}', '{WRITER}', '{READER}'"
# The columns a writer may name when recording. The database sets the id, the recorder and
# the time; it sets the version too, or, named, accepts only the next one (so that a writer who
# expects version 2 learns of a version 2 written meanwhile); and it accepts a batch id only
# if it made it in the same transaction.
_WRITABLE = (
    "region, year, target_id, month, period, version, number, state, unit, level, prior, "
    "derived, entered, status, source, note, on_behalf_of, batch, withdrawn, reason"
)
_V5 = (
    # A group of the tool's in another group (db grant targettrack_writer --admin, before
    # grants refused the tool's own roles) would make every writer an administrator.
    f"""
    DO $$
    DECLARE m record;
    BEGIN
        FOR m IN
            SELECT g.rolname AS grp, r.rolname AS member
            FROM pg_catalog.pg_auth_members a
            JOIN pg_catalog.pg_roles g ON g.oid = a.roleid
            JOIN pg_catalog.pg_roles r ON r.oid = a.member
            WHERE g.rolname IN ({_GROUPS})
              AND (r.rolname IN ({_GROUPS}) OR r.rolname LIKE 'pg\\_%')
        LOOP
            EXECUTE pg_catalog.format('REVOKE %I FROM %I', m.grp, m.member);
        END LOOP;
    END $$
    """,
    f"DELETE FROM {SCHEMA}.grants WHERE role IN ({_GROUPS}) OR role LIKE 'pg\\_%'",
    # Who took the writers' lock of a region and year: a row each, locked FOR UPDATE until the
    # transaction ends, by lock_for_writing() only (no role is granted anything on the table).
    f"""
    CREATE TABLE {SCHEMA}.writing (
        region TEXT NOT NULL,
        year INTEGER NOT NULL,
        PRIMARY KEY (region, year)
    )
    """,
    # Every import's batch id, made by the database in the importing transaction.
    f"""
    CREATE TABLE {SCHEMA}.batches (
        id TEXT PRIMARY KEY,
        txid BIGINT NOT NULL,
        made_by TEXT NOT NULL DEFAULT session_user,
        made_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )
    """,
    f"""
    INSERT INTO {SCHEMA}.batches (id, txid, made_by, made_at)
    SELECT batch, 0, pg_catalog.min(recorded_by), pg_catalog.min(recorded_at)
    FROM {SCHEMA}.figures WHERE batch <> '' GROUP BY batch
    """,
    # Every history moved in by db copy: the one way a recorder and time are kept as given.
    f"""
    CREATE TABLE {SCHEMA}.copies (
        txid BIGINT PRIMARY KEY,
        figures INTEGER NOT NULL,
        copied_by TEXT NOT NULL DEFAULT session_user,
        copied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )
    """,
    # Every purge (db purge): the one way figures leave the database, and its record.
    f"""
    CREATE TABLE {SCHEMA}.purges (
        txid BIGINT NOT NULL DEFAULT pg_catalog.txid_current(),
        region TEXT NOT NULL,
        year INTEGER NOT NULL,
        figures INTEGER NOT NULL,
        reason TEXT NOT NULL CHECK (pg_catalog.btrim(reason) <> ''),
        purged_by TEXT NOT NULL DEFAULT session_user,
        purged_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (txid, region, year)
    )
    """,
    f"""
    CREATE OR REPLACE FUNCTION {SCHEMA}.refuse_change() RETURNS trigger
    LANGUAGE plpgsql {_PINNED} AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'figures' THEN
            IF EXISTS (
                SELECT FROM {SCHEMA}.purges p
                WHERE p.txid = pg_catalog.txid_current()
                  AND p.region = OLD.region AND p.year = OLD.year
            ) THEN
                RETURN OLD;
            END IF;
        END IF;
        RAISE EXCEPTION '% are append-only', TG_TABLE_NAME;
    END $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION {SCHEMA}.stamp() RETURNS trigger
    LANGUAGE plpgsql {_PINNED} AS $$
    DECLARE expected INTEGER;
    BEGIN
        -- a recorder or time other than the defaults stands only in a copy (db copy)
        IF (NEW.recorded_by IS DISTINCT FROM session_user
            OR NEW.recorded_at IS DISTINCT FROM pg_catalog.now())
           AND NOT (pg_catalog.pg_has_role(session_user, '{ADMIN}', 'MEMBER') AND EXISTS (
               SELECT FROM {SCHEMA}.copies c WHERE c.txid = pg_catalog.txid_current()
           )) THEN
            NEW.recorded_by := session_user;
            NEW.recorded_at := pg_catalog.now();
        END IF;
        IF NEW.batch <> '' AND NOT EXISTS (
            SELECT FROM {SCHEMA}.batches b
            WHERE b.id = NEW.batch AND b.txid = pg_catalog.txid_current()
        ) THEN
            RAISE EXCEPTION 'the import batch % was not begun in this transaction', NEW.batch
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        expected := COALESCE((
            SELECT pg_catalog.max(f.version) FROM {SCHEMA}.figures f
            WHERE f.region = NEW.region AND f.year = NEW.year
              AND f.target_id = NEW.target_id AND f.month = NEW.month
        ), 0) + 1;
        IF NEW.version IS NULL THEN
            NEW.version := expected;
        ELSIF NEW.version <> expected THEN
            -- a writer that names the version it expects learns of one written meanwhile
            RAISE EXCEPTION 'version % of % % % month % is not the next one (%)',
                NEW.version, NEW.region, NEW.year, NEW.target_id, NEW.month, expected
                USING ERRCODE = 'unique_violation';
        END IF;
        RETURN NEW;
    END $$
    """,
    # PL/pgSQL keeps its plans for the session; an SQL function with a pinned search path can
    # no longer be inlined, and would be planned again at every call.
    f"""
    CREATE OR REPLACE FUNCTION {SCHEMA}.may_record(r TEXT, y INTEGER, t TEXT) RETURNS boolean
    LANGUAGE plpgsql STABLE {_PINNED} AS $$
    BEGIN
        RETURN pg_catalog.pg_has_role(session_user, '{ADMIN}', 'MEMBER') OR EXISTS (
            SELECT FROM {SCHEMA}.owners o JOIN {SCHEMA}.grants g
              ON g.department = o.department AND (g.region = '*' OR g.region = o.region)
            WHERE o.region = r AND o.year = y AND o.target_id = t AND g.role = session_user
        );
    END $$
    """,
    # The policy holds may_record()'s rule written out, as the function was inlined before it
    # pinned its search path (a policy's expression is bound when made, never looked up again).
    f"""
    ALTER POLICY own_targets_only ON {SCHEMA}.figures WITH CHECK (
        pg_catalog.pg_has_role(session_user, '{ADMIN}', 'MEMBER') OR EXISTS (
            SELECT FROM {SCHEMA}.owners o JOIN {SCHEMA}.grants g
              ON g.department = o.department AND (g.region = '*' OR g.region = o.region)
            WHERE o.region = figures.region AND o.year = figures.year
              AND o.target_id = figures.target_id AND g.role = session_user
        )
    )
    """,
    f"""
    CREATE FUNCTION {SCHEMA}.lock_for_writing(r TEXT, y INTEGER) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER {_PINNED} AS $$
    BEGIN
        IF NOT (pg_catalog.pg_has_role(session_user, '{ADMIN}', 'MEMBER') OR EXISTS (
            SELECT FROM {SCHEMA}.grants g
            WHERE g.role = session_user AND (g.region = '*' OR g.region = r)
        )) THEN
            RAISE EXCEPTION 'the role % may not write figures of % %', session_user, r, y
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        INSERT INTO {SCHEMA}.writing (region, year) VALUES (r, y) ON CONFLICT DO NOTHING;
        PERFORM FROM {SCHEMA}.writing w WHERE w.region = r AND w.year = y FOR UPDATE;
        -- a label for whoever waits to find the holder by; it never makes anyone wait
        PERFORM pg_catalog.pg_try_advisory_xact_lock_shared(
            pg_catalog.hashtextextended(r || '/' || y, 0)
        );
    END $$
    """,
    f"""
    CREATE FUNCTION {SCHEMA}.new_batch() RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER {_PINNED} AS $$
    DECLARE made TEXT;
    BEGIN
        IF NOT (pg_catalog.pg_has_role(session_user, '{ADMIN}', 'MEMBER')
                OR pg_catalog.pg_has_role(session_user, '{WRITER}', 'MEMBER')) THEN
            RAISE EXCEPTION 'the role % may not import figures', session_user
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        LOOP
            made := pg_catalog.to_char(pg_catalog.clock_timestamp(), 'YYYYMMDD-HH24MISS')
                || '-' || pg_catalog.substr(pg_catalog.md5(pg_catalog.random()::text), 1, 4);
            INSERT INTO {SCHEMA}.batches (id, txid) VALUES (made, pg_catalog.txid_current())
            ON CONFLICT DO NOTHING;
            IF FOUND THEN
                RETURN made;
            END IF;
        END LOOP;
    END $$
    """,
    f"""
    CREATE FUNCTION {SCHEMA}.begin_copy(how_many INTEGER, batch_ids TEXT[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER {_PINNED} AS $$
    BEGIN
        IF NOT pg_catalog.pg_has_role(session_user, '{ADMIN}', 'MEMBER') THEN
            RAISE EXCEPTION 'only members of {ADMIN} may move a history in'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        INSERT INTO {SCHEMA}.copies (txid, figures) VALUES (pg_catalog.txid_current(), how_many);
        INSERT INTO {SCHEMA}.batches (id, txid)
        SELECT DISTINCT b, pg_catalog.txid_current() FROM pg_catalog.unnest(batch_ids) AS b
        WHERE b <> '';
    END $$
    """,
    f"""
    CREATE TRIGGER figures_are_never_truncated BEFORE TRUNCATE ON {SCHEMA}.figures
    FOR EACH STATEMENT EXECUTE FUNCTION {SCHEMA}.refuse_change()
    """,
    *(
        statement
        for table in ("batches", "copies", "purges")
        for statement in (
            f"""
            CREATE TRIGGER {table}_are_never_changed BEFORE UPDATE OR DELETE ON {SCHEMA}.{table}
            FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.refuse_change()
            """,
            f"""
            CREATE TRIGGER {table}_are_never_truncated BEFORE TRUNCATE ON {SCHEMA}.{table}
            FOR EACH STATEMENT EXECUTE FUNCTION {SCHEMA}.refuse_change()
            """,
        )
    ),
    f"REVOKE INSERT ON {SCHEMA}.figures FROM {ADMIN}, {WRITER}",
    f"GRANT INSERT ({_WRITABLE}) ON {SCHEMA}.figures TO {ADMIN}, {WRITER}",
    f"GRANT INSERT (recorded_by, recorded_at) ON {SCHEMA}.figures TO {ADMIN}",
    f"GRANT SELECT ON {SCHEMA}.batches, {SCHEMA}.copies, {SCHEMA}.purges "
    f"TO {ADMIN}, {WRITER}, {READER}",
    *(
        f"REVOKE ALL ON FUNCTION {SCHEMA}.{function} FROM PUBLIC"
        for function in (
            "lock_for_writing(TEXT, INTEGER)",
            "new_batch()",
            "begin_copy(INTEGER, TEXT[])",
        )
    ),
    f"GRANT EXECUTE ON FUNCTION {SCHEMA}.lock_for_writing(TEXT, INTEGER) TO {ADMIN}, {WRITER}",
    f"GRANT EXECUTE ON FUNCTION {SCHEMA}.new_batch() TO {ADMIN}, {WRITER}",
    f"GRANT EXECUTE ON FUNCTION {SCHEMA}.begin_copy(INTEGER, TEXT[]) TO {ADMIN}",
)


def _own_target(table: str) -> str:
    """The rule of who may write a row about a target, written out (see _V5's policy)."""
    return f"""
        pg_catalog.pg_has_role(session_user, '{ADMIN}', 'MEMBER') OR EXISTS (
            SELECT FROM {SCHEMA}.owners o JOIN {SCHEMA}.grants g
              ON g.department = o.department AND (g.region = '*' OR g.region = o.region)
            WHERE o.region = {table}.region AND o.year = {table}.year
              AND o.target_id = {table}.target_id AND g.role = session_user
        )
    """


# The columns a writer may name when recording a reason and measures (the database sets the
# id, recorder, time and transaction; the version it sets, or accepts only the next one).
_WRITABLE_EXPLANATION = (
    "region, year, target_id, month, period, version, reason, measures, on_behalf_of, "
    "withdrawn, withdraw_reason"
)
# Step 6: reasons and measures, editions, and when each transaction committed.
#
# Every row remembers the transaction that wrote it (txid, set by the database), and each
# transaction that writes figures or explanations notes the moment it commits (a deferred
# trigger, run as the transaction commits, into targettrack.commits). A moment T is cut at
# "transactions committed by T": a transaction that began before T and committed after it is
# not known at T, whatever its ids or its start time. publish() takes a lock that waits for every
# transaction already noting its commit and holds back every other until the edition is stored,
# so an edition's moment falls between commits, never inside one.
_V6 = (
    f"ALTER TABLE {SCHEMA}.figures ADD COLUMN txid BIGINT",
    f"""
    CREATE TABLE {SCHEMA}.commits (
        txid BIGINT PRIMARY KEY,
        committed_at TIMESTAMPTZ NOT NULL
    )
    """,
    f"""
    CREATE TABLE {SCHEMA}.explanations (
        id BIGSERIAL PRIMARY KEY,
        region TEXT NOT NULL,
        year INTEGER NOT NULL,
        target_id TEXT NOT NULL,
        month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
        period TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        reason TEXT NOT NULL DEFAULT '',
        measures TEXT NOT NULL DEFAULT '',
        recorded_by TEXT NOT NULL DEFAULT session_user,
        recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        on_behalf_of TEXT NOT NULL DEFAULT '',
        withdrawn BOOLEAN NOT NULL DEFAULT false,
        withdraw_reason TEXT NOT NULL DEFAULT '',
        txid BIGINT,
        UNIQUE (region, year, target_id, month, version)
    )
    """,
    f"""
    CREATE TABLE {SCHEMA}.editions (
        id BIGSERIAL PRIMARY KEY,
        region TEXT NOT NULL,
        year INTEGER NOT NULL,
        period TEXT NOT NULL,
        name TEXT NOT NULL CHECK (pg_catalog.btrim(name) <> ''),
        known_at TIMESTAMPTZ NOT NULL,
        published_by TEXT NOT NULL DEFAULT session_user,
        catalogue TEXT NOT NULL DEFAULT '',
        dated TEXT NOT NULL DEFAULT '',
        UNIQUE (region, name)
    )
    """,
    f"""
    CREATE OR REPLACE FUNCTION {SCHEMA}.stamp() RETURNS trigger
    LANGUAGE plpgsql {_PINNED} AS $$
    DECLARE expected INTEGER; copying BOOLEAN := false;
    BEGIN
        -- a recorder or time other than the defaults stands only in a copy (db copy)
        IF NEW.recorded_by IS DISTINCT FROM session_user
           OR NEW.recorded_at IS DISTINCT FROM pg_catalog.now() THEN
            IF pg_catalog.pg_has_role(session_user, '{ADMIN}', 'MEMBER') AND EXISTS (
                SELECT FROM {SCHEMA}.copies c WHERE c.txid = pg_catalog.txid_current()
            ) THEN
                copying := true;
            ELSE
                NEW.recorded_by := session_user;
                NEW.recorded_at := pg_catalog.now();
            END IF;
        END IF;
        -- the transaction that wrote it; a copy is known from its own recorded time
        IF copying THEN
            NEW.txid := NULL;
        ELSE
            NEW.txid := pg_catalog.txid_current();
        END IF;
        IF NEW.batch <> '' AND NOT EXISTS (
            SELECT FROM {SCHEMA}.batches b
            WHERE b.id = NEW.batch AND b.txid = pg_catalog.txid_current()
        ) THEN
            RAISE EXCEPTION 'the import batch % was not begun in this transaction', NEW.batch
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        expected := COALESCE((
            SELECT pg_catalog.max(f.version) FROM {SCHEMA}.figures f
            WHERE f.region = NEW.region AND f.year = NEW.year
              AND f.target_id = NEW.target_id AND f.month = NEW.month
        ), 0) + 1;
        IF NEW.version IS NULL THEN
            NEW.version := expected;
        ELSIF NEW.version <> expected THEN
            -- a writer that names the version it expects learns of one written meanwhile
            RAISE EXCEPTION 'version % of % % % month % is not the next one (%)',
                NEW.version, NEW.region, NEW.year, NEW.target_id, NEW.month, expected
                USING ERRCODE = 'unique_violation';
        END IF;
        RETURN NEW;
    END $$
    """,
    f"""
    CREATE FUNCTION {SCHEMA}.stamp_explanation() RETURNS trigger
    LANGUAGE plpgsql {_PINNED} AS $$
    DECLARE expected INTEGER;
    BEGIN
        NEW.recorded_by := session_user;
        NEW.recorded_at := pg_catalog.now();
        NEW.txid := pg_catalog.txid_current();
        expected := COALESCE((
            SELECT pg_catalog.max(e.version) FROM {SCHEMA}.explanations e
            WHERE e.region = NEW.region AND e.year = NEW.year
              AND e.target_id = NEW.target_id AND e.month = NEW.month
        ), 0) + 1;
        IF NEW.version IS NULL THEN
            NEW.version := expected;
        ELSIF NEW.version <> expected THEN
            RAISE EXCEPTION 'version % of the explanation of % % % month % is not the next one (%)',
                NEW.version, NEW.region, NEW.year, NEW.target_id, NEW.month, expected
                USING ERRCODE = 'unique_violation';
        END IF;
        RETURN NEW;
    END $$
    """,
    # Run as each writing transaction commits (deferred), once for the transaction.
    f"""
    CREATE FUNCTION {SCHEMA}.mark_commit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER {_PINNED} AS $$
    BEGIN
        IF NOT EXISTS (
            SELECT FROM {SCHEMA}.commits c WHERE c.txid = pg_catalog.txid_current()
        ) THEN
            INSERT INTO {SCHEMA}.commits (txid, committed_at)
            VALUES (pg_catalog.txid_current(), pg_catalog.clock_timestamp());
        END IF;
        RETURN NULL;
    END $$
    """,
    f"""
    CREATE FUNCTION {SCHEMA}.publish(r TEXT, y INTEGER, p TEXT, n TEXT, c TEXT, d TEXT)
    RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER {_PINNED} AS $$
    DECLARE made BIGINT;
    BEGIN
        IF NOT pg_catalog.pg_has_role(session_user, '{ADMIN}', 'MEMBER') THEN
            RAISE EXCEPTION 'only members of {ADMIN} may publish an edition'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        -- wait for every transaction that is noting its commit; hold back the others
        LOCK TABLE {SCHEMA}.commits IN SHARE MODE;
        INSERT INTO {SCHEMA}.editions (region, year, period, name, known_at, published_by,
                                       catalogue, dated)
        VALUES (r, y, p, n, pg_catalog.clock_timestamp(), session_user, c, d)
        RETURNING id INTO made;
        RETURN made;
    END $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION {SCHEMA}.refuse_change() RETURNS trigger
    LANGUAGE plpgsql {_PINNED} AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND TG_TABLE_NAME IN ('figures', 'explanations', 'editions') THEN
            IF EXISTS (
                SELECT FROM {SCHEMA}.purges p
                WHERE p.txid = pg_catalog.txid_current()
                  AND p.region = OLD.region AND p.year = OLD.year
            ) THEN
                RETURN OLD;
            END IF;
        END IF;
        RAISE EXCEPTION '% are append-only', TG_TABLE_NAME;
    END $$
    """,
    f"""
    CREATE TRIGGER explanations_are_stamped BEFORE INSERT ON {SCHEMA}.explanations
    FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.stamp_explanation()
    """,
    *(
        statement
        for table in ("explanations", "editions", "commits")
        for statement in (
            f"""
            CREATE TRIGGER {table}_are_never_changed BEFORE UPDATE OR DELETE ON {SCHEMA}.{table}
            FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.refuse_change()
            """,
            f"""
            CREATE TRIGGER {table}_are_never_truncated BEFORE TRUNCATE ON {SCHEMA}.{table}
            FOR EACH STATEMENT EXECUTE FUNCTION {SCHEMA}.refuse_change()
            """,
        )
    ),
    *(
        f"""
        CREATE CONSTRAINT TRIGGER {table}_are_committed AFTER INSERT ON {SCHEMA}.{table}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.mark_commit()
        """
        for table in ("figures", "explanations")
    ),
    f"ALTER TABLE {SCHEMA}.explanations ENABLE ROW LEVEL SECURITY",
    f"CREATE POLICY everyone_reads ON {SCHEMA}.explanations FOR SELECT USING (true)",
    f"""
    CREATE POLICY own_targets_only ON {SCHEMA}.explanations FOR INSERT
    WITH CHECK ({_own_target("explanations")})
    """,
    f"GRANT SELECT ON {SCHEMA}.explanations, {SCHEMA}.editions, {SCHEMA}.commits "
    f"TO {ADMIN}, {WRITER}, {READER}",
    f"GRANT INSERT ({_WRITABLE_EXPLANATION}) ON {SCHEMA}.explanations TO {ADMIN}, {WRITER}",
    f"GRANT USAGE ON SEQUENCE {SCHEMA}.explanations_id_seq TO {ADMIN}, {WRITER}",
    *(
        f"REVOKE ALL ON FUNCTION {SCHEMA}.{function} FROM PUBLIC"
        for function in ("mark_commit()", "publish(TEXT, INTEGER, TEXT, TEXT, TEXT, TEXT)")
    ),
    f"GRANT EXECUTE ON FUNCTION {SCHEMA}.publish(TEXT, INTEGER, TEXT, TEXT, TEXT, TEXT) TO {ADMIN}",
    f"CREATE INDEX explanations_latest ON {SCHEMA}.explanations "
    "(region, year, target_id, month, version)",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3, _V4, _V5, _V6)
SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS = (
    "id, region, year, target_id, month, period, version, number, state, unit, level, prior, "
    "derived, entered, status, recorded_by, recorded_at, source, note, on_behalf_of, batch, "
    "withdrawn, reason"
)
# A statement may run for twice the busy setting, and at least this long, before the server
# stops it (lock waits are stopped at the busy setting itself).
_STATEMENT_FLOOR_MS = 10_000
# Who holds up a writer, as pg_locks and pg_stat_activity show it to any role: the sessions
# holding the label of the region and year asked for (see lock_for_writing), then any session
# in the middle of writing figures or holding writers' locks.
_HOLDERS = f"""
SELECT a.usename, l.pid, l.locktype = 'advisory'
FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
WHERE l.granted AND l.pid <> pg_catalog.pg_backend_pid()
  AND l.database = (
      SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()
  )
  AND (
      (l.locktype = 'advisory' AND l.mode = 'ShareLock' AND l.objsubid = 1
       AND l.classid::bigint = (pg_catalog.hashtextextended(%(key)s, 0) >> 32) & 4294967295
       AND l.objid::bigint = pg_catalog.hashtextextended(%(key)s, 0) & 4294967295)
      OR (l.locktype = 'relation' AND l.mode NOT IN ('AccessShareLock', 'RowShareLock')
          AND l.relation = pg_catalog.to_regclass('{SCHEMA}.figures'))
      OR (l.locktype = 'relation' AND l.mode <> 'AccessShareLock'
          AND l.relation = pg_catalog.to_regclass('{SCHEMA}.writing'))
      OR (l.locktype = 'relation' AND l.mode IN ('RowExclusiveLock', 'ShareLock')
          AND l.relation = pg_catalog.to_regclass('{SCHEMA}.commits'))
  )
ORDER BY l.pid
"""
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


# libpq's reasons for a failed connection, as a Chinese user is told them (the English first
# line stays for English); the first that a reason contains is said
_CONNECT_REASONS = (
    ("password authentication failed", "用户名或密码不对"),
    ("no password supplied", "没有提供密码"),
    ("does not exist", "服务器上没有这个数据库或用户"),
    ("Connection refused", "连接被拒绝：该地址和端口上没有运行数据库服务"),
    ("could not translate host name", "找不到这个主机名"),
    ("Name or service not known", "找不到这个主机名"),
    ("timeout expired", "连接超时"),
    ("No route to host", "网络不通"),
    ("Network is unreachable", "网络不通"),
    ("no pg_hba.conf entry", "服务器不允许从这台电脑连接（pg_hba.conf）"),
    ("SSL", "加密连接（SSL）未能建立"),
)


def connect_reason(error: Exception) -> Both:
    """Why a connection failed, in both languages: libpq says it in English."""
    english = _reason(error)
    for found, chinese in _CONNECT_REASONS:
        if found in english:
            return Both(chinese, english)
    return Both("连接失败；加 --lang en 再运行可看到数据库驱动给出的原因", english)


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


_EXPLANATION_COLUMNS = (
    "id, region, year, target_id, month, period, version, reason, measures, recorded_by, "
    "recorded_at, on_behalf_of, withdrawn, withdraw_reason"
)
_EDITION_COLUMNS = "id, region, year, period, name, known_at, published_by, catalogue, dated"
_INSERT_EXPLANATION = (
    f"INSERT INTO {SCHEMA}.explanations ({_WRITABLE_EXPLANATION}) VALUES ({', '.join(['%s'] * 11)})"
)


def _explanation(row: Sequence[Any]) -> Explanation:
    (ident, region, year, target_id, month, period, version) = row[:7]
    (reason, measures, by, at, behalf, withdrawn, why) = row[7:14]
    return Explanation(
        ident, region, year, target_id, month, period, version, reason, measures, by,
        _stamp(at), behalf, bool(withdrawn), why,
    )  # fmt: skip


def _edition(row: Sequence[Any]) -> Edition:
    ident, region, year, period, name, known_at, by, catalogue, dated = row
    moment = known_at.astimezone().isoformat(timespec="microseconds")
    return Edition(ident, region, year, period, name, moment, by, catalogue, dated)


def _known(table: str, moment: str) -> str:
    """``table`` as it stood at ``moment``: rows of transactions committed by then (a copy's
    rows, which have no transaction of their own here, by their recorded time)."""
    at = datetime.datetime.fromisoformat(moment).isoformat()  # parsed: never raw text
    return (
        f"(SELECT * FROM {SCHEMA}.{table} t WHERE (t.txid IS NULL "
        f"AND t.recorded_at <= '{at}'::timestamptz) OR t.txid IN (SELECT c.txid "
        f"FROM {SCHEMA}.commits c WHERE c.committed_at <= '{at}'::timestamptz)) {table}"
    )


# The recorder and time are the database's (the trigger stamp() sets them).
_INSERT = f"INSERT INTO {SCHEMA}.figures ({_WRITABLE}) VALUES ({', '.join(['%s'] * 20)})"
_INSERT_AS_RECORDED = (
    f"INSERT INTO {SCHEMA}.figures ({_WRITABLE}, recorded_by, recorded_at) "
    f"VALUES ({', '.join(['%s'] * 22)})"
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
            self.store.waiting_for = f"{region}/{year}"
            self.store.execute(f"SELECT {SCHEMA}.lock_for_writing(%s, %s)", (region, year))
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
            f"version, withdrawn, level, prior, unit FROM {SCHEMA}.figures "
            "WHERE region = %s AND year = %s ORDER BY target_id, month, version DESC",
            (region, year),
        )
        return {
            FigureKey(region, year, target_id, month): Current(
                _STATES[state] if state is not None else number,
                _STATUSES[status],
                version,
                withdrawn,
                level,
                prior,
                unit,
            )
            for (
                target_id,
                month,
                number,
                state,
                status,
                version,
                withdrawn,
                level,
                prior,
                unit,
            ) in rows
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

    def new_batch(self) -> str:
        """A batch id the database makes, the only one this transaction's rows may carry."""
        return str(self.store.rows(f"SELECT {SCHEMA}.new_batch()")[0][0])

    def current_explanation(self, key: FigureKey) -> Explanation | None:
        self._lock(key.region, key.year)
        rows = self.store.rows(
            f"SELECT {_EXPLANATION_COLUMNS} FROM {SCHEMA}.explanations WHERE region = %s "
            "AND year = %s AND target_id = %s AND month = %s ORDER BY version DESC LIMIT 1",
            tuple(key),
        )
        return _explanation(rows[0]) if rows else None

    def append_explanations(self, explanations: Sequence[tuple[NewExplanation, int]]) -> None:
        """Stored as the versions paired with them, which the database accepts only if each
        is the next one, and only for the role's departments' targets."""
        if not explanations:
            return
        for explanation, _ in explanations:
            self._lock(explanation.region, explanation.year)
        rows = [
            (
                e.region,
                e.year,
                e.target_id,
                e.month,
                e.period,
                version,
                e.reason,
                e.measures,
                e.on_behalf_of,
                e.withdrawn,
                e.withdraw_reason,
            )
            for e, version in explanations
        ]
        with self.store.errors(), self.store.connection.cursor() as cursor:
            cursor.executemany(_INSERT_EXPLANATION, rows)

    def append(self, figures: Sequence[tuple[NewFigure, int]]) -> None:
        """Store each figure as the version paired with it, which the database accepts only
        if it is the next one: under the writers' lock it is, unless someone bypassed the
        lock, and then nothing is stored."""
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
        """Figures moved from another database, each with its own recorder and time: only
        into regions and years that have no figures here, all of them or none."""
        years = sorted({(f.region, f.year) for f in figures})
        for region, year in years:
            self._lock(region, year)
        held = {
            (region, year)
            for region, year in self.store.rows(
                f"SELECT DISTINCT region, year FROM {SCHEMA}.figures "
                "WHERE (region, year) IN (SELECT * FROM unnest(%s::text[], %s::int[]))",
                ([r for r, _ in years], [y for _, y in years]),
            )
        }
        for region, year in years:
            if (region, year) in held:
                raise StorageError(
                    Message("pg.copy_overlap", where=self.store.location, region=region, year=year)
                )
        counts: dict[FigureKey, int] = {}
        for f in figures:  # the database numbers them in turn: the source must have too
            counts[f.key] = counts.get(f.key, 0) + 1
            if f.version != counts[f.key]:
                raise StorageError(
                    Message(
                        "pg.copy_versions", target=f.target_id, period=f.period, version=f.version
                    )
                )
        batches = sorted({f.batch for f in figures if f.batch})
        taken = self.store.rows(
            f"SELECT id FROM {SCHEMA}.batches WHERE id = ANY(%s) ORDER BY id LIMIT 1", (batches,)
        )
        if taken:
            raise StorageError(Message("pg.copy_batch_taken", batch=taken[0][0]))
        self.store.execute(f"SELECT {SCHEMA}.begin_copy(%s, %s)", (len(figures), batches))
        rows = [
            (
                *_values(_as_new(f), f.version),
                f.recorded_by,
                datetime.datetime.fromisoformat(f.recorded_at),
            )
            for f in figures
        ]
        with self.store.errors(), self.store.connection.cursor() as cursor:
            cursor.executemany(_INSERT_AS_RECORDED, rows)


def _as_new(f: Figure) -> NewFigure:
    return NewFigure(
        region=f.region,
        year=f.year,
        target_id=f.target_id,
        month=f.month,
        period=f.period,
        value=f.value,
        unit=f.unit,
        status=f.status,
        recorded_by=f.recorded_by,
        recorded_at=f.recorded_at,
        level=f.level,
        prior=f.prior,
        derived=f.derived,
        entered=f.entered,
        source=f.source,
        note=f.note,
        on_behalf_of=f.on_behalf_of,
        batch=f.batch,
        withdrawn=f.withdrawn,
        reason=f.reason,
    )


def _connect_seconds(busy: float) -> int:
    """libpq's connect_timeout: whole seconds, and at least 2 (its own floor)."""
    return max(2, math.ceil(busy))


class PostgresStore:
    """One connection to the shared database of figures."""

    def __init__(
        self, url: str, *, require_schema: bool = True, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        self.location = safe_location(url)
        self.created = False
        self.busy = timeout
        # what the reading queries read: the tables, or only what was known at a moment
        self._figures = f"{SCHEMA}.figures"
        self._explanations = f"{SCHEMA}.explanations"
        self.waiting_for = ""  # the region/year whose writers' lock was last asked for
        try:
            self.connection = psycopg.connect(
                url, autocommit=True, connect_timeout=_connect_seconds(self.busy)
            )
        except psycopg.errors.ConnectionTimeout:
            raise StorageError(
                Message("pg.no_answer", where=self.location, seconds=_connect_seconds(self.busy))
            ) from None
        except psycopg.Error as error:
            raise StorageError(
                Message("pg.cannot_connect", where=self.location, reason=connect_reason(error))
            ) from None
        lock_ms = max(1, round(self.busy * 1000))  # 0 in PostgreSQL would mean forever
        statement_ms = max(_STATEMENT_FLOOR_MS, 2 * lock_ms)
        self.execute(
            "SET search_path = pg_catalog, pg_temp; "
            f"SET lock_timeout = {lock_ms}; SET statement_timeout = {statement_ms}"
        )
        if require_schema:
            self.check_schema()

    @classmethod
    def open(
        cls, target: str, *, create: bool, timeout: float, check_schema: bool = True
    ) -> PostgresStore:
        """The shared database at the URL ``target`` (a server's schema is set up by
        ``db upgrade``, never by opening it)."""
        return cls(target, require_schema=check_schema, timeout=timeout)

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

    def _check_grantee(self, role: str, kind: str) -> None:
        """Refuse a role that a grant would not hold to one person's login: the tool's own
        groups, PUBLIC, PostgreSQL's predefined and superuser roles, the schema's owner, a role
        that bypasses row-level security, one that may grant itself any group (CREATEROLE;
        unless it is made an administrator), and a role that cannot log in."""
        if role.lower() == "public":
            raise StorageError(Message("pg.grantee_public", role=role))
        if role in (ADMIN, WRITER, READER):
            raise StorageError(Message("pg.grantee_group", role=role))
        if role.startswith("pg_"):
            raise StorageError(Message("pg.grantee_predefined", role=role))
        found = self.rows(
            "SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcanlogin, "
            "r.oid = n.nspowner OR r.oid = c.relowner "
            "FROM pg_catalog.pg_roles r, pg_catalog.pg_namespace n, pg_catalog.pg_class c "
            "WHERE r.rolname = %s AND n.nspname = %s AND c.oid = %s::regclass",
            (role, SCHEMA, f"{SCHEMA}.figures"),
        )
        if not found:
            raise StorageError(Message("pg.no_role", role=role))
        superuser, bypasses, creates_roles, can_login, owner = found[0]
        if superuser or role == "postgres":
            raise StorageError(Message("pg.grantee_superuser", role=role))
        if owner:
            raise StorageError(Message("pg.grantee_owner", role=role))
        if bypasses:
            raise StorageError(Message("pg.grantee_bypassrls", role=role))
        if creates_roles and kind != "admin":
            raise StorageError(Message("pg.grantee_createrole", role=role))
        if not can_login:
            raise StorageError(Message("pg.grantee_nologin", role=role))

    def _check_department(self, department: str, region: str) -> None:
        """A department (and region) that owns at least one published target."""
        if region != "*":
            regions = [r for (r,) in self.rows(f"SELECT DISTINCT region FROM {SCHEMA}.owners")]
            if region not in regions:
                raise StorageError(
                    Message("pg.unknown_region", region=region, known=sorted(regions))
                )
        known = [
            d
            for (d,) in self.rows(
                f"SELECT DISTINCT department FROM {SCHEMA}.owners "
                "WHERE %s = '*' OR region = %s ORDER BY department",
                (region, region),
            )
        ]
        if not known:
            raise StorageError(Message("pg.no_departments"))
        if department not in known:
            code = "pg.unknown_department" if region == "*" else "pg.unknown_department_in"
            raise StorageError(Message(code, department=department, region=region, known=known))

    def grant(self, role: str, department: str | None, region: str, kind: str) -> None:
        """Let ``role`` record ``department``'s targets (of ``region``, or '*': every region),
        or make it an administrator or a reader."""
        if kind == "department" and (department is None or not department.strip()):
            raise StorageError(Message("pg.blank_department"))
        if kind != "department" and region != "*":
            raise StorageError(Message("pg.region_needs_department"))
        with self.errors(), self.connection.transaction():
            self._check_grantee(role, kind)
            if kind == "department" and department is not None:
                self._check_department(department, region)
            group = {"admin": ADMIN, "reader": READER}.get(kind, WRITER)
            self.execute(
                sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(role))
            )
            if kind == "department":
                self.execute(
                    f"INSERT INTO {SCHEMA}.grants (role, department, region) VALUES (%s, %s, %s) "
                    "ON CONFLICT DO NOTHING",
                    (role, department, region),
                )

    def revoke(self, role: str, department: str | None, region: str) -> list[Grant]:
        """Take back one department, or with none everything: every department and the
        memberships of the tool's groups (which belong to the whole server, every database on
        it). What was removed. A role left with no department here cannot record or take the
        writers' lock here."""
        if department is None and region != "*":
            raise StorageError(Message("pg.region_needs_department"))
        with self.errors(), self.connection.transaction():
            if not self.rows("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = %s", (role,)):
                raise StorageError(Message("pg.no_role", role=role))
            if department is not None:
                removed = self.rows(
                    f"DELETE FROM {SCHEMA}.grants WHERE role = %s AND department = %s "
                    "AND region = %s RETURNING department, region",
                    (role, department, region),
                )
                return [Grant(role, "department", d, r) for d, r in removed]
            removed = self.rows(
                f"DELETE FROM {SCHEMA}.grants WHERE role = %s RETURNING department, region",
                (role,),
            )
            before = self._groups_of(role)
            for group in sorted(before):
                self.execute(
                    sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), sql.Identifier(role))
                )
            after = self._groups_of(role)
        kinds = {ADMIN: "admin", WRITER: "writer", READER: "reader"}
        return sorted(Grant(role, "department", d, r) for d, r in removed) + [
            Grant(role, kinds[g]) for g in (ADMIN, READER, WRITER) if g in before - after
        ]

    def _groups_of(self, role: str) -> set[str]:
        """The tool's groups ``role`` is a direct member of."""
        return {
            group
            for (group,) in self.rows(
                "SELECT g.rolname FROM pg_catalog.pg_auth_members a "
                "JOIN pg_catalog.pg_roles g ON g.oid = a.roleid "
                "JOIN pg_catalog.pg_roles m ON m.oid = a.member "
                "WHERE m.rolname = %s AND g.rolname IN (%s, %s, %s)",
                (role, ADMIN, WRITER, READER),
            )
        }

    def grants(self) -> list[Grant]:
        """Every grant by role: its departments, then its membership of the administrators'
        or readers' group."""
        rows = self.rows(
            f"SELECT role, department, region FROM {SCHEMA}.grants "
            "ORDER BY role, department, region"
        )
        members = self.rows(
            "SELECT m.rolname, g.rolname FROM pg_catalog.pg_auth_members a "
            "JOIN pg_catalog.pg_roles g ON g.oid = a.roleid "
            "JOIN pg_catalog.pg_roles m ON m.oid = a.member "
            "WHERE g.rolname IN (%s, %s) ORDER BY m.rolname, g.rolname",
            (ADMIN, READER),
        )
        kinds = {ADMIN: "admin", READER: "reader"}
        order = {"department": 0, "admin": 1, "reader": 2}
        found = [
            *(Grant(role, "department", d, r) for role, d, r in rows),
            *(Grant(member, kinds[group]) for member, group in members),
        ]
        return sorted(found, key=lambda g: (g.role, order[g.kind], g.department, g.region))

    def user(self) -> str:
        return str(self.rows("SELECT session_user")[0][0])

    def is_admin(self) -> bool:
        return bool(
            self.rows("SELECT pg_catalog.pg_has_role(session_user, %s, 'MEMBER')", (ADMIN,))[0][0]
        )

    def may_record(self, region: str, year: int, target_id: str) -> bool:
        rows = self.rows(f"SELECT {SCHEMA}.may_record(%s, %s, %s)", (region, year, target_id))
        return bool(rows[0][0])

    def counts(self) -> dict[tuple[str, int], int]:
        rows = self.rows(f"SELECT region, year, count(*) FROM {SCHEMA}.figures GROUP BY 1, 2")
        return {(region, year): count for region, year, count in rows}

    def purge(self, region: str, year: int, reason: str, *, confirmed: bool) -> int:
        """Remove every version of every figure of one region and year, with a record of who,
        when, why and how many in ``targettrack.purges``: the owner's, and the only way figures
        leave the database. Unconfirmed, it only counts them."""
        if not reason.strip():
            raise StorageError(Message("pg.purge_reason"))
        with self.errors(), self.connection.transaction():
            allowed = self.rows(
                "SELECT pg_catalog.has_table_privilege(%s, 'INSERT') "
                "AND pg_catalog.has_table_privilege(%s, 'DELETE')",
                (f"{SCHEMA}.purges", f"{SCHEMA}.figures"),
            )
            if not allowed[0][0]:
                raise StorageError(Message("pg.purge_not_owner", role=self.user()))
            self.execute(f"LOCK TABLE {SCHEMA}.figures IN SHARE MODE")
            count = int(
                self.rows(
                    f"SELECT count(*) FROM {SCHEMA}.figures WHERE region = %s AND year = %s",
                    (region, year),
                )[0][0]
            )
            if not count:
                raise StorageError(Message("pg.purge_nothing", region=region, year=year))
            if not confirmed:
                raise StorageError(
                    Message("pg.purge_confirm", region=region, year=year, count=count)
                )
            self.execute(
                f"INSERT INTO {SCHEMA}.purges (region, year, figures, reason) "
                "VALUES (%s, %s, %s, %s)",
                (region, year, count, reason),
            )
            for table in ("figures", "explanations", "editions"):
                self.execute(
                    f"DELETE FROM {SCHEMA}.{table} WHERE region = %s AND year = %s",
                    (region, year),
                )
        return count

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
        except (psycopg.errors.LockNotAvailable, psycopg.errors.QueryCanceled) as error:
            if self.connection.info.transaction_status == TransactionStatus.INERROR:
                raise  # told once the transaction is undone, when the server can be asked
            raise StorageError(self._waited(error)) from None
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

    def _waited(self, error: psycopg.Error) -> Message:
        """What a wait that ran out of time was for, and who held things up, as far as the
        server shows: the writers of the same region and year (who hold its label, see
        lock_for_writing), else any session in the middle of writing figures."""
        if isinstance(error, psycopg.errors.QueryCanceled):
            seconds = max(_STATEMENT_FLOOR_MS, 2 * max(1, round(self.busy * 1000))) / 1000
            return Message("pg.too_slow", where=self.location, seconds=f"{seconds:g}")
        try:
            found = self.connection.execute(_HOLDERS, {"key": self.waiting_for}).fetchall()
        except psycopg.Error:
            found = []
        sessions: dict[int, tuple[str, bool]] = {}
        for role, pid, label in found:
            sessions[pid] = (role, label or sessions.get(pid, ("", False))[1])
        same = [(pid, role) for pid, (role, label) in sessions.items() if label]
        every = [(pid, role) for pid, (role, _) in sessions.items()]
        holders = [Message("pg.holder", role=role, pid=pid) for pid, role in same or every]
        who: Message | list[Message] = holders or Message("pg.holder_unknown")
        return Message("pg.busy", where=self.location, holders=who, seconds=f"{self.busy:g}")

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
            f"  SELECT DISTINCT ON (target_id, month) {_COLUMNS} FROM {self._figures}"
            "   WHERE region = %s AND year = %s AND month <= %s"
            "   ORDER BY target_id, month, version DESC"
            ") current WHERE NOT withdrawn ORDER BY target_id, month DESC",
            (region, year, month),
        )
        return {f.target_id: f for f in figures}

    def series(self, region: str, year: int, target_id: str) -> list[Figure]:
        figures = self._query(
            f"SELECT DISTINCT ON (month) {_COLUMNS} FROM {self._figures} "
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
            f"SELECT {_COLUMNS} FROM {self._figures} WHERE {where} ORDER BY id DESC", params
        )

    def year_series(self, region: str, year: int, month: int = 12) -> list[Point]:
        rows = self.rows(
            f"SELECT DISTINCT ON (target_id, month) target_id, month, number, withdrawn "
            f"FROM {self._figures} WHERE region = %s AND year = %s AND month <= %s "
            "ORDER BY target_id, month, version DESC",
            (region, year, month),
        )
        return [Point(t, m, n) for t, m, n, withdrawn in rows if not withdrawn]

    def years_series(
        self,
        region: str,
        first_year: int,
        last_year: int,
        months: Sequence[int] | None = None,
        target_id: str | None = None,
    ) -> YearSeries:
        where = "region = %s AND year BETWEEN %s AND %s"
        params: list[Any] = [region, first_year, last_year]
        if months is not None:
            wanted = sorted(set(months))
            if not wanted:
                return group_years(())
            where += " AND month = ANY(%s)"
            params.append(wanted)
        if target_id is not None:
            where += " AND target_id = %s"
            params.append(target_id)
        rows = self.rows(
            f"SELECT target_id, year, month, number, level, unit, withdrawn "
            f"FROM {self._figures} WHERE {where} ORDER BY year, target_id, month, version",
            params,
        )
        return group_years(rows)

    def everything(self) -> list[Figure]:
        return self._query(f"SELECT {_COLUMNS} FROM {SCHEMA}.figures ORDER BY id", ())

    def latest_month(self, region: str, year: int) -> int | None:
        rows = self.rows(
            f"SELECT max(month) FROM (SELECT DISTINCT ON (target_id, month) month, withdrawn "
            f"FROM {self._figures} WHERE region = %s AND year = %s "
            "ORDER BY target_id, month, version DESC) current WHERE NOT withdrawn",
            (region, year),
        )
        return int(rows[0][0]) if rows and rows[0][0] is not None else None

    # -- reasons and measures, editions, and what was known when ---------------------------------

    def explanations(self, region: str, year: int, month: int) -> dict[str, Explanation]:
        rows = self.rows(
            f"SELECT DISTINCT ON (target_id) {_EXPLANATION_COLUMNS} FROM {self._explanations} "
            "WHERE region = %s AND year = %s AND month = %s ORDER BY target_id, version DESC",
            (region, year, month),
        )
        found = [_explanation(row) for row in rows]
        return {e.target_id: e for e in found if not e.withdrawn}

    def explanation_history(
        self, region: str, year: int, target_id: str | None = None
    ) -> list[Explanation]:
        where = "region = %s AND year = %s"
        params: list[Any] = [region, year]
        if target_id is not None:
            where += " AND target_id = %s"
            params.append(target_id)
        rows = self.rows(
            f"SELECT {_EXPLANATION_COLUMNS} FROM {self._explanations} WHERE {where} "
            "ORDER BY id DESC",
            params,
        )
        return [_explanation(row) for row in rows]

    def clock(self) -> str:
        moment = self.rows("SELECT pg_catalog.clock_timestamp()")[0][0]
        return str(moment.astimezone().isoformat(timespec="microseconds"))

    def publish(
        self, region: str, year: int, period: str, name: str, catalogue: str, by: str,
        dated: str = "",
    ) -> Edition:  # fmt: skip
        """Through publish(), an administrator's: the database sets who and when."""
        with self.errors(), self.connection.transaction():
            taken = self.rows(
                f"SELECT 1 FROM {SCHEMA}.editions WHERE region = %s AND name = %s",
                (region, name),
            )
            if taken:
                raise InputError(Message("edition.taken", name=name))
            made = self.rows(
                f"SELECT {SCHEMA}.publish(%s, %s, %s, %s, %s, %s)",
                (region, year, period, name, catalogue, dated),
            )[0][0]
            row = self.rows(
                f"SELECT {_EDITION_COLUMNS} FROM {SCHEMA}.editions WHERE id = %s", (made,)
            )[0]
        return _edition(row)

    def editions(self, region: str) -> list[Edition]:
        rows = self.rows(
            f"SELECT {_EDITION_COLUMNS} FROM {SCHEMA}.editions WHERE region = %s ORDER BY id",
            (region,),
        )
        return [_edition(row) for row in rows]

    def as_known_at(self, moment: str) -> PostgresStore:
        import copy

        cut = copy.copy(self)
        cut._figures = _known("figures", moment)
        cut._explanations = _known("explanations", moment)
        return cut
