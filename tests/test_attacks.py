"""Attacks on the stored history, made the way a curious or careless person with a login would:
around the tool, straight at the database (psql as a department, an administrator or the owner
of the tables; the sqlite3 module on a local file). Each attack is refused by the database
itself, on a new database and on one upgraded from the schema before it; where an attack
applies to both backends, both are attacked.
"""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests import pgserver
from tests.conftest import REPO, Run, dump

# -- helpers ------------------------------------------------------------------------------------


def _role(server: pgserver.Server, name: str, *options: str) -> str:
    """A new role with a suffix of its own (roles belong to the whole server)."""
    name = f"{name}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(server.url(), autocommit=True) as con:
        con.execute(f'CREATE ROLE "{name}" {" ".join(options) or "LOGIN"}')
    return name


def _as(url: str, role: str) -> str:
    return url.replace("postgres@", f"{role}@", 1)


def _dbname(url: str) -> str:
    return url.rsplit("/", 1)[1]


def _rows(url: str, statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    with psycopg.connect(url, autocommit=True) as con:
        return list(con.execute(statement, params or None).fetchall())


def _figures(url: str) -> list[tuple[object, ...]]:
    return _rows(
        url,
        "SELECT id, target_id, month, version, recorded_by, batch FROM targettrack.figures "
        "ORDER BY id",
    )


def _grant(run: Run, url: str, role: str, *how: str) -> None:
    result = run(["db", "grant", role, *how, "--db", url])
    assert result.exit_code == 0, result.output


def _new_database(server: pgserver.Server) -> str:
    name = f"tt_attack_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server.url(), autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    return server.url(name)


def _at_schema_4(server: pgserver.Server, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database as the targettrack before schema step 5 left it, with a history in it."""
    from targettrack.store import postgres as pg_store

    url = _new_database(server)
    with monkeypatch.context() as patched:
        patched.setattr(pg_store, "SCHEMA_VERSION", 4)
        with pg_store.PostgresStore(url, require_schema=False) as store:
            assert store.upgrade() == (0, 4)
    with psycopg.connect(url, autocommit=True) as con:
        for version, value in ((1, 1200), (2, 1300)):
            con.execute(
                "INSERT INTO targettrack.figures (region, year, target_id, month, period, "
                "version, number, status, recorded_by, batch) VALUES ('luojiang', 2023, 'fdi', "
                "6, '2023-06', %s, %s, 'final', 'shangwu_old', '20230701-090000-abcd')",
                (version, value),
            )
    return url


@pytest.fixture(params=["new", "upgraded"])
def shared(
    request: pytest.FixtureRequest,
    pg_server: pgserver.Server,
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
) -> str:
    """A shared database made by 'db upgrade': a new one, then one upgraded from schema 4
    (which must end up as safe as a new one)."""
    if request.param == "new":
        url: str = request.getfixturevalue("pg_url")
        return url
    url = _at_schema_4(pg_server, monkeypatch)
    upgraded = run(["db", "upgrade", "--db", url])
    assert upgraded.exit_code == 0, upgraded.output
    assert "(it was at 4)" in upgraded.stdout
    return url


# -- append-only, on both backends --------------------------------------------------------------

REPLACE_BY_ID = (
    "INSERT OR REPLACE INTO figures (id, region, year, target_id, month, period, version, value, "
    "status, recorded_by, recorded_at) VALUES (1, 'luojiang', 2023, 'fdi', 6, '2023-06', "
    "{version}, '9', 'final', 'x', 'now')"
)
SQLITE_WIPES = (
    "UPDATE figures SET value = '2'",
    "DELETE FROM figures WHERE target_id = 'fdi'",
    "DELETE FROM figures",  # SQLite's TRUNCATE
    REPLACE_BY_ID.format(version=3),  # the next version, over the first's row
    "REPLACE INTO figures (region, year, target_id, month, period, version, value, status, "
    "recorded_by, recorded_at) VALUES ('luojiang', 2023, 'fdi', 6, '2023-06', 1, '9', 'final', "
    "'x', 'now')",
    REPLACE_BY_ID.format(version=3).replace("INSERT OR REPLACE", "INSERT")
    + " ON CONFLICT (id) DO UPDATE SET value = '9'",
    "INSERT INTO figures (region, year, target_id, month, period, version, value, status, "
    "recorded_by, recorded_at) VALUES ('luojiang', 2023, 'fdi', 6, '2023-06', 7, '9', 'final', "
    "'x', 'now')",  # a version that skips some
    "INSERT INTO figures (region, year, target_id, month, period, version, value, status, "
    "recorded_by, recorded_at) VALUES ('luojiang', 2023, 'gdp', 6, '2023-06', 2, '9', 'final', "
    "'x', 'now')",  # a second version of a figure that has none
)
POSTGRES_WIPES = (
    "UPDATE targettrack.figures SET number = 2",
    "DELETE FROM targettrack.figures",
    "TRUNCATE targettrack.figures",
    "INSERT INTO targettrack.figures (id, region, year, target_id, month, period, number, status) "
    "SELECT id, region, year, target_id, month, period, 9, status FROM targettrack.figures "
    "ON CONFLICT (id) DO UPDATE SET number = 9",
    "TRUNCATE ONLY targettrack.figures RESTART IDENTITY CASCADE",
    "DELETE FROM targettrack.batches",
    "TRUNCATE targettrack.batches, targettrack.copies, targettrack.purges",
)


def _attack(db: str, statement: str, server: pgserver.Server | None) -> str:
    """Run one statement straight at the database as its owner; the refusal, or ''."""
    if db.startswith("postgresql://"):
        assert server is not None
        done = server.psql(_dbname(db), "postgres", statement)
        return done.stderr if done.returncode else ""
    with sqlite3.connect(db) as con:
        try:
            con.execute(statement)
        except sqlite3.DatabaseError as error:
            return str(error)
    return ""


def test_nobody_rewrites_or_wipes_the_history_not_even_the_owner(
    run: Run, db: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    csv = tmp_path / "one.csv"
    csv.write_text("target,period,value\nfdi,2023-06,1200\n", "utf-8")
    assert run(["import", str(csv), "--db", db]).exit_code == 0
    assert (
        run(["record", "fdi", "1300", "--period", "2023-06", "--revise", "--db", db]).exit_code == 0
    )
    before = dump(db)
    on_postgres = db.startswith("postgresql://")
    server = request.getfixturevalue("pg_server") if on_postgres else None
    for statement in POSTGRES_WIPES if on_postgres else SQLITE_WIPES:
        refusal = _attack(db, statement, server)
        assert refusal, f"not refused: {statement}"
        assert "append-only" in refusal or "next one" in refusal, refusal
    assert dump(db) == before
    history = run(["history", "fdi", "--format", "json", "--db", db])
    assert [row["version"] for row in json.loads(history.stdout)] == [2, 1]


def test_a_sqlite_file_upgraded_from_schema_4_refuses_a_replace(run: Run, tmp_path: Path) -> None:
    from targettrack.store import sqlite as sqlite_store

    path = tmp_path / "old.db"
    with sqlite3.connect(path) as con:
        for migration in sqlite_store.MIGRATIONS[:4]:
            for statement in migration:
                con.execute(statement)
        con.execute("PRAGMA user_version = 4")
    assert run(["record", "fdi", "1200", "--period", "2023-06", "--db", str(path)]).exit_code == 0
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == sqlite_store.SCHEMA_VERSION
    before = dump(path)
    assert "append-only" in _attack(str(path), REPLACE_BY_ID.format(version=2), None)
    assert dump(path) == before


# -- 1. no function of the schema can be made to call someone else's ---------------------------


def test_a_shadowing_function_or_operator_neither_bypasses_the_policy_nor_forges_the_recorder(
    run: Run, shared: str, pg_server: pgserver.Server
) -> None:
    clerk = _role(pg_server, "shangwu_li")
    _grant(run, shared, clerk, "--department", "商务局")
    with psycopg.connect(pg_server.url(_dbname(shared)), autocommit=True) as con:
        con.execute(f'CREATE SCHEMA attack AUTHORIZATION "{clerk}"')  # a schema it may use
    planted = pg_server.psql(
        _dbname(shared),
        clerk,
        "CREATE FUNCTION attack.pg_has_role(name, text, text) RETURNS boolean "
        "LANGUAGE sql AS 'SELECT true'; "
        "CREATE FUNCTION attack.yes(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT true'; "
        "CREATE OPERATOR attack.= (LEFTARG = text, RIGHTARG = text, FUNCTION = attack.yes)",
    )
    assert planted.returncode == 0, planted.stderr
    before = _figures(shared)
    refusals = []
    for target, columns, values in (
        ("gdp", "", ""),  # 统计局's target
        ("gdp", ", version", ", 1"),
        ("exports", "", ""),  # its own, recorded as someone else
        ("exports", ", recorded_by", ", 'tongji_li'"),
        ("exports", ", version, recorded_by", ", 1, 'tongji_li'"),
        ("exports", ", version, recorded_by, recorded_at", ", 2, 'tongji_li', '2020-01-01'"),
    ):
        done = pg_server.psql(
            _dbname(shared),
            clerk,
            "SET search_path = attack, pg_catalog; INSERT INTO targettrack.figures (region, year, "
            f"target_id, month, period, number, status{columns}) VALUES ('luojiang', 2023, "
            f"'{target}', 6, '2023-06', 9.5, 'final'{values})",
        )
        refusals.append(done.stderr)
    added = _figures(shared)[len(before) :]
    assert [(row[1], row[4]) for row in added] == [("exports", clerk)]
    assert "row-level security" in refusals[0], refusals[0]


def test_every_function_of_the_schema_pins_its_search_path_and_names_what_it_calls(
    shared: str,
) -> None:
    functions = _rows(
        shared,
        "SELECT proname, proconfig, prosrc FROM pg_catalog.pg_proc "
        "WHERE pronamespace = 'targettrack'::regnamespace ORDER BY proname",
    )
    assert {name for name, _, _ in functions} >= {"may_record", "stamp", "refuse_change"}
    keywords = {
        "coalesce", "exists", "in", "values", "not", "and", "or", "select", "then", "if",
        "elsif", "raise", "using", "on", "key", "primary", "returning",
    }  # fmt: skip
    for name, config, source in functions:
        assert config == ["search_path=pg_catalog, pg_temp"], name
        code = re.sub(r"--[^\n]*|'[^']*'", "", str(source).lower())  # no comments, no strings
        calls = re.findall(r"(?<![\w.])([a-z_][a-z0-9_]*)\s*\(", code)
        assert [call for call in calls if call not in keywords] == [], name


def test_the_tools_own_sessions_pin_their_search_path_and_bound_every_wait(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from targettrack.settings import Settings
    from targettrack.store.postgres import PostgresStore

    def busy() -> float:  # the setting, read as every command reads it
        return Settings.from_environment().timeout()

    monkeypatch.setenv("TARGETTRACK_BUSY_TIMEOUT", "7")
    with PostgresStore(pg_url, timeout=busy()) as store:
        shown = [store.rows(f"SHOW {name}")[0][0] for name in ("search_path", "lock_timeout")]
        statement = store.rows("SHOW statement_timeout")[0][0]
    assert shown == ["pg_catalog, pg_temp", "7s"]
    assert statement == "14s"  # twice the busy setting
    monkeypatch.setenv("TARGETTRACK_BUSY_TIMEOUT", "0")
    with PostgresStore(pg_url, timeout=busy()) as store:
        waits = [store.rows(f"SHOW {name}")[0][0] for name in ("lock_timeout", "statement_timeout")]
    assert waits == ["1ms", "10s"]  # 0: do not wait for a lock; never "wait forever"


# -- 2. grants: only a person's own login, only departments that exist ---------------------------


def test_a_grant_is_refused_to_roles_it_would_not_bind_to_one_person(
    run: Run, shared: str, pg_server: pgserver.Server
) -> None:
    superuser = _role(pg_server, "dba", "LOGIN SUPERUSER")
    bypasser = _role(pg_server, "etl", "LOGIN BYPASSRLS")
    creator = _role(pg_server, "it_admin", "LOGIN CREATEROLE")
    group = _role(pg_server, "shangwu_group", "NOLOGIN")
    memberships = (
        "SELECT g.rolname, m.rolname FROM pg_catalog.pg_auth_members a "
        "JOIN pg_catalog.pg_roles g ON g.oid = a.roleid "
        "JOIN pg_catalog.pg_roles m ON m.oid = a.member WHERE g.rolname LIKE 'targettrack%%' "
        "ORDER BY 1, 2"
    )
    before = (_rows(shared, memberships), _rows(shared, "TABLE targettrack.grants"))
    for role, reason in (
        ("targettrack_writer", "targettrack's own group roles"),
        ("targettrack_admin", "targettrack's own group roles"),
        ("targettrack_reader", "targettrack's own group roles"),
        ("public", "stands for every role"),
        ("PUBLIC", "stands for every role"),
        ("postgres", "is a superuser"),
        (superuser, "is a superuser"),
        ("pg_read_all_data", "PostgreSQL's predefined roles"),
        ("pg_monitor", "PostgreSQL's predefined roles"),
        (group, "cannot log in"),
        (bypasser, "bypasses row-level security"),
        (creator, "may create roles and give itself any group"),
        ("nobody_here", "There is no database role"),
    ):
        for how in (["--admin"], ["--read-only"], ["--department", "商务局"]):
            if role == creator and how == ["--admin"]:
                continue  # an administrator who creates roles: the one grant that binds it
            refused = run(["db", "grant", role, *how, "--db", shared])
            assert refused.exit_code == 1, (role, how, refused.output)
            assert reason in refused.stderr and "Traceback" not in refused.output
    assert (_rows(shared, memberships), _rows(shared, "TABLE targettrack.grants")) == before


def test_the_owner_of_the_tables_is_refused_as_a_grantee(
    run: Run, pg_server: pgserver.Server
) -> None:
    owner = _role(pg_server, "planning_owner")
    url = _new_database(pg_server)
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f'GRANT CREATE ON DATABASE {_dbname(url)} TO "{owner}"')
    upgraded = run(["db", "upgrade", "--db", _as(url, owner)])
    assert upgraded.exit_code == 0, upgraded.output
    refused = run(["db", "grant", owner, "--department", "商务局", "--db", url])
    assert refused.exit_code == 1 and "owns targettrack's tables" in refused.stderr
    truncated = pg_server.psql(_dbname(url), owner, "TRUNCATE targettrack.figures")
    assert truncated.returncode != 0 and "append-only" in truncated.stderr


@pytest.mark.parametrize(
    ("how", "fragment"),
    [
        (["--department", ""], "--department is blank"),
        (["--department", "   "], "--department is blank"),
        (["--department", "商务"], "No target of the shared database belongs to '商务'"),
        (["--department", "商务局", "--region", "nowhere"], "has no region 'nowhere'"),
        (["--admin", "--region", "luojiang"], "--region goes with --department only"),
        (["--read-only", "--region", "luojiang"], "--region goes with --department only"),
    ],
)
def test_a_blank_or_unknown_department_or_region_is_refused_and_nothing_granted(
    run: Run, pg_url: str, pg_server: pgserver.Server, how: list[str], fragment: str
) -> None:
    clerk = _role(pg_server, "shangwu_sun")
    refused = run(["db", "grant", clerk, *how, "--db", pg_url])
    assert refused.exit_code == 1 and fragment in refused.stderr, refused.output
    assert "→" not in refused.output
    member = _rows(
        pg_url,
        "SELECT count(*) FROM pg_catalog.pg_auth_members a JOIN pg_catalog.pg_roles m "
        "ON m.oid = a.member WHERE m.rolname = %s",
        (clerk,),
    )
    assert member == [(0,)]
    assert _rows(pg_url, "SELECT count(*) FROM targettrack.grants") == [(0,)]


def test_an_unknown_department_is_refused_naming_the_known_ones_in_chinese(
    run: Run, pg_url: str, pg_server: pgserver.Server
) -> None:
    clerk = _role(pg_server, "shangwu_qin")
    refused = run(["db", "grant", clerk, "--department", "商务", "--db", pg_url, "--lang", "zh"])
    assert refused.exit_code == 1
    assert "共享数据库中没有指标属于“商务”；已登记的单位有：住建局、农业农村局" in refused.stderr


def test_revoke_says_what_it_took_back_memberships_included(
    run: Run, shared: str, pg_server: pgserver.Server
) -> None:
    clerk = _role(pg_server, "shangwu_zhou")
    _grant(run, shared, clerk, "--department", "商务局")
    _grant(run, shared, clerk, "--read-only")
    _grant(run, shared, clerk, "--admin")
    one = run(["db", "revoke", clerk, "--department", "商务局", "--db", shared])
    assert one.exit_code == 0 and f"Revoked 1 grant(s) of {clerk}: 商务局." in one.stdout
    _grant(run, shared, clerk, "--department", "商务局")
    every = run(["db", "revoke", clerk, "--db", shared, "--lang", "zh"])
    assert every.exit_code == 0, every.output
    assert every.stdout == (
        f"已撤销 {clerk} 的4项授权：商务局、全部指标（targettrack_admin）、"
        "只读（targettrack_reader）、写入（targettrack_writer）。\n"
    )
    _grant(run, shared, clerk, "--department", "商务局", "--region", "luojiang")
    regional = run(["db", "revoke", clerk, "--region", "luojiang", "--db", shared])
    assert regional.exit_code == 1 and "--region goes with --department only" in regional.stderr
    assert run(["db", "revoke", clerk, "--db", shared]).exit_code == 0
    again = run(["db", "revoke", clerk, "--db", shared])
    assert again.exit_code == 1
    assert f"The role {clerk} holds no such grant; nothing was changed. It holds: nothing." in (
        again.stderr
    )


def test_revoking_a_group_role_reports_the_membership_an_old_grant_left(
    run: Run, pg_url: str
) -> None:
    with psycopg.connect(pg_url, autocommit=True) as con:  # what 'db grant ... --admin' did
        con.execute("GRANT targettrack_admin TO targettrack_writer")
    try:
        revoked = run(["db", "revoke", "targettrack_writer", "--db", pg_url])
        assert revoked.exit_code == 0, revoked.output
        assert "Revoked 1 grant(s) of targettrack_writer: every target (targettrack_admin)." in (
            revoked.stdout
        )
    finally:
        with psycopg.connect(pg_url, autocommit=True) as con:
            con.execute("REVOKE targettrack_admin FROM targettrack_writer")


def test_upgrading_takes_every_writer_out_of_the_administrators(
    run: Run, pg_server: pgserver.Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = _at_schema_4(pg_server, monkeypatch)
    clerk = _role(pg_server, "shangwu_wu")
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f'GRANT targettrack_writer TO "{clerk}"')
        con.execute("GRANT targettrack_admin TO targettrack_writer")
    try:
        assert run(["db", "upgrade", "--db", url]).exit_code == 0
        gdp = run(["record", "gdp", "5.5", "--period", "2023-06", "--db", _as(url, clerk)])
        assert gdp.exit_code == 1 and "may not record GDP (gdp)" in gdp.stderr
    finally:
        with psycopg.connect(url, autocommit=True) as con:
            con.execute("REVOKE targettrack_admin FROM targettrack_writer")


# -- 3. nobody makes the writers wait for ever --------------------------------------------------


def _record_in_a_process(url: str, *argv: str, busy: str = "2") -> subprocess.CompletedProcess[str]:
    """The command in its own process, so that a wait with no end fails the test (after a
    minute) instead of hanging it."""
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "TARGETTRACK_BUSY_TIMEOUT": busy,
        "TARGETTRACK_DB": url,
    }
    env.pop("TARGETTRACK_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "targettrack", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.fixture
def open_transaction() -> Iterator[list[psycopg.Connection[tuple[object, ...]]]]:
    """Connections left in the middle of a transaction, closed at the end of the test."""
    opened: list[psycopg.Connection[tuple[object, ...]]] = []
    yield opened
    for con in opened:
        con.close()


def test_a_role_with_no_grant_cannot_hold_up_the_writers(
    run: Run,
    shared: str,
    pg_server: pgserver.Server,
    open_transaction: list[psycopg.Connection[tuple[object, ...]]],
) -> None:
    stranger = _role(pg_server, "stranger")
    reader = _role(pg_server, "lingdao_he")
    clerk = _role(pg_server, "shangwu_xu")
    _grant(run, shared, reader, "--read-only")
    _grant(run, shared, clerk, "--department", "商务局")
    con = psycopg.connect(_as(shared, stranger))
    open_transaction.append(con)
    con.execute("SELECT pg_advisory_xact_lock(hashtextextended('luojiang/2023', 0))")
    done = _record_in_a_process(
        _as(shared, clerk), "record", "fdi", "1400", "--period", "2023-06", "--revise"
    )
    assert done.returncode == 0, done.stderr
    for role in (stranger, reader):
        taken = pg_server.psql(
            _dbname(shared), role, "SELECT targettrack.lock_for_writing('luojiang', 2023)"
        )
        assert taken.returncode != 0 and "permission denied" in taken.stderr


def test_a_writer_left_holding_the_lock_is_named_when_others_give_up(
    run: Run,
    pg_url: str,
    pg_server: pgserver.Server,
    open_transaction: list[psycopg.Connection[tuple[object, ...]]],
) -> None:
    holder = _role(pg_server, "tongji_ma")
    clerk = _role(pg_server, "shangwu_lu")
    _grant(run, pg_url, holder, "--department", "统计局")
    _grant(run, pg_url, clerk, "--department", "商务局")
    con = psycopg.connect(_as(pg_url, holder))
    open_transaction.append(con)
    con.execute("SELECT targettrack.lock_for_writing('luojiang', 2023)")
    pid = con.info.backend_pid
    before = dump(pg_url)
    done = _record_in_a_process(
        _as(pg_url, clerk), "record", "fdi", "1300", "--period", "2023-06", "--lang", "zh"
    )
    assert done.returncode == 1
    assert done.stderr == (
        f"错误：共享数据库 {_as(pg_url, clerk)} 正忙：角色 {holder}（进程 {pid}）占用超过 2 秒，"
        "未作任何更改；请稍后再试，或请对方结束未完成的操作。\n"
    )
    assert dump(pg_url) == before


def test_a_figure_left_uncommitted_through_psql_is_named_when_the_tool_gives_up(
    run: Run,
    pg_url: str,
    pg_server: pgserver.Server,
    open_transaction: list[psycopg.Connection[tuple[object, ...]]],
) -> None:
    bypasser = _role(pg_server, "shangwu_bai")
    clerk = _role(pg_server, "shangwu_yan")
    _grant(run, pg_url, bypasser, "--department", "商务局")
    _grant(run, pg_url, clerk, "--department", "商务局")
    con = psycopg.connect(_as(pg_url, bypasser))
    open_transaction.append(con)
    con.execute(
        "INSERT INTO targettrack.figures (region, year, target_id, month, period, number, status) "
        "VALUES ('luojiang', 2023, 'fdi', 6, '2023-06', 1, 'final')"
    )
    done = _record_in_a_process(_as(pg_url, clerk), "record", "fdi", "1300", "--period", "2023-06")
    assert done.returncode == 1
    assert f"is busy: the role {bypasser} (process {con.info.backend_pid}) held things up" in (
        done.stderr
    )


def test_a_server_that_never_answers_is_given_up_on(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # the system completes connections; nobody ever answers them
        port = silent.getsockname()[1]
        monkeypatch.setenv("TARGETTRACK_BUSY_TIMEOUT", "1")
        result = run(["status", "--db", f"postgresql://nobody@127.0.0.1:{port}/x"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: The shared database postgresql://nobody@127.0.0.1:{port}/x did not answer "
        "within 2 s; check that the address and port are a PostgreSQL server's, or try again "
        "later.\n"
    )


# -- 4. the database sets ids, versions, batches, recorder and time ------------------------------


def test_a_writer_cannot_choose_ids_versions_recorder_or_time(
    run: Run, shared: str, pg_server: pgserver.Server
) -> None:
    clerk = _role(pg_server, "shangwu_tang")
    other = _role(pg_server, "tongji_tang")
    _grant(run, shared, clerk, "--department", "商务局")
    _grant(run, shared, other, "--department", "统计局")
    top = _rows(shared, "SELECT coalesce(max(id), 0) FROM targettrack.figures")[0][0]
    assert isinstance(top, int)
    for month, extra, value in (
        *((n, "id, version", f"{top + n}, 1") for n in (1, 2, 3)),  # the ids others need next
        (4, "version", "5"),  # a version that skips four
        (5, "version, recorded_by", "1, 'tongji_li'"),
        (5, "version, recorded_at", "1, '2020-01-01'"),
    ):
        chosen = pg_server.psql(
            _dbname(shared),
            clerk,
            f"INSERT INTO targettrack.figures (region, year, target_id, month, period, number, "
            f"status, {extra}) VALUES ('luojiang', 2023, 'exports', {month}, '2023-0{month}', "
            f"9.5, 'final', {value})",
        )
        refused = ("permission denied", "is not the next one")
        assert chosen.returncode != 0 and any(r in chosen.stderr for r in refused), extra
    for value in ("5.5", "5.6", "5.7"):  # the next ids are free for everyone
        recorded = run(
            ["record", "gdp", value, "--period", "2023-06", "--revise", "--db", _as(shared, other)]
        )
        assert recorded.exit_code == 0, recorded.output
    plain = (
        "INSERT INTO targettrack.figures (region, year, target_id, month, period, number, "
        "status) VALUES ('luojiang', 2023, 'exports', 7, '2023-07', 9.5, 'final')"
    )
    for _ in range(3):
        assert pg_server.psql(_dbname(shared), clerk, plain).returncode == 0
    numbered = _rows(
        shared,
        "SELECT version, recorded_by FROM targettrack.figures WHERE target_id = 'exports' "
        "AND month = 7 ORDER BY id",
    )
    assert numbered == [(1, clerk), (2, clerk), (3, clerk)]  # the next version each time


def test_a_figure_written_around_the_lock_meanwhile_is_never_silently_revised(
    run: Run, pg_url: str, pg_server: pgserver.Server
) -> None:
    from targettrack.core.models import FigureKey
    from targettrack.errors import StorageError
    from targettrack.store.postgres import PostgresStore
    from tests.conftest import new_figure

    clerk = _role(pg_server, "shangwu_cao")
    bypasser = _role(pg_server, "shangwu_cai")
    _grant(run, pg_url, clerk, "--department", "商务局")
    _grant(run, pg_url, bypasser, "--department", "商务局")
    key = FigureKey("luojiang", 2023, "fdi", 6)
    with (
        PostgresStore(_as(pg_url, clerk)) as store,
        pytest.raises(StorageError) as refused,
        store.writing() as writer,
    ):
        assert writer.current(key) is None  # so the tool writes version 1, no --revise
        meanwhile = pg_server.psql(
            _dbname(pg_url),
            bypasser,
            "INSERT INTO targettrack.figures (region, year, target_id, month, period, number, "
            "status) VALUES ('luojiang', 2023, 'fdi', 6, '2023-06', 900, 'final')",
        )
        assert meanwhile.returncode == 0, meanwhile.stderr
        writer.append([(new_figure("luojiang", 2023, "fdi", 6, "1300", "万美元"), 1)])
    assert "holds these figures already" in refused.value.message
    stored = _rows(pg_url, "SELECT version, number, recorded_by FROM targettrack.figures")
    assert [(v, int(n), by) for v, n, by in stored] == [(1, 900, bypasser)]  # type: ignore[call-overload]


def test_an_administrator_outside_a_copy_is_stamped_like_anyone(
    run: Run, shared: str, pg_server: pgserver.Server
) -> None:
    admin = _role(pg_server, "fagai_gu")
    _grant(run, shared, admin, "--admin")
    for columns, values in (("", ""), (", version", ", 1")):
        pg_server.psql(
            _dbname(shared),
            admin,
            "INSERT INTO targettrack.figures (region, year, target_id, month, period, number, "
            f"status, recorded_by, recorded_at{columns}) VALUES ('luojiang', 2023, 'gdp', 3, "
            f"'2023-03', 4.5, 'final', 'tongji_li', '2020-01-01'{values})",
        )
    stamped = _rows(
        shared,
        "SELECT recorded_by, extract(year FROM recorded_at) FROM targettrack.figures "
        "WHERE target_id = 'gdp' AND month = 3",
    )
    assert len(stamped) == 1 and stamped[0][0] == admin and stamped[0][1] != 2020
    clerk = _role(pg_server, "shangwu_fan")
    _grant(run, shared, clerk, "--department", "商务局")
    for sneak in (
        "INSERT INTO targettrack.copies (txid, figures) VALUES (txid_current(), 1)",
        "SELECT targettrack.begin_copy(1, ARRAY[]::text[])",
    ):
        refused = pg_server.psql(_dbname(shared), clerk, sneak)
        assert refused.returncode != 0 and "permission denied" in refused.stderr, sneak


def test_a_row_carrying_another_imports_batch_id_is_refused(
    run: Run, shared: str, pg_server: pgserver.Server, tmp_path: Path
) -> None:
    clerk = _role(pg_server, "shangwu_kong")
    other = _role(pg_server, "jiaoyu_kong")
    _grant(run, shared, clerk, "--department", "商务局")
    _grant(run, shared, other, "--department", "教育局")
    csv = tmp_path / "shangwu.csv"
    csv.write_text("target,period,value\nfdi,2023-09,1500\nexports,2023-09,9.8\n", "utf-8")
    imported = run(["import", str(csv), "--db", _as(shared, clerk)])
    assert imported.exit_code == 0, imported.output
    batch = imported.stdout.split("Batch id: ", 1)[1].split()[0]
    for columns, values in (("", ""), (", version", ", 1")):
        planted = pg_server.psql(
            _dbname(shared),
            other,
            "INSERT INTO targettrack.figures (region, year, target_id, month, period, number, "
            f"status, batch{columns}) VALUES ('luojiang', 2023, 'school_places', 9, '2023-09', "
            f"300, 'final', '{batch}'{values})",
        )
        assert planted.returncode != 0, planted.stdout
    assert (
        "was not begun in this transaction"
        in pg_server.psql(
            _dbname(shared),
            other,
            "BEGIN; SELECT targettrack.new_batch(); INSERT INTO targettrack.figures (region, year, "
            "target_id, month, period, number, status, batch) VALUES ('luojiang', 2023, "
            f"'school_places', 9, '2023-09', 300, 'final', '{batch}'); COMMIT",
        ).stderr
    )
    taken = run(["withdraw", "--import", batch, "--reason", "重复", "--db", _as(shared, clerk)])
    assert taken.exit_code == 0, taken.output
    assert "Withdrew the 2 figure(s)" in taken.stdout


def test_an_import_batch_is_the_databases_own_and_listed_with_who_made_it(
    run: Run, pg_url: str, pg_server: pgserver.Server, tmp_path: Path
) -> None:
    clerk = _role(pg_server, "shangwu_fu")
    _grant(run, pg_url, clerk, "--department", "商务局")
    csv = tmp_path / "one.csv"
    csv.write_text("target,period,value\nfdi,2023-09,1500\n", "utf-8")
    imported = run(["import", str(csv), "--db", _as(pg_url, clerk)])
    batch = imported.stdout.split("Batch id: ", 1)[1].split()[0]
    assert _rows(pg_url, "SELECT id, made_by FROM targettrack.batches") == [(batch, clerk)]
    made = pg_server.psql(
        _dbname(pg_url), clerk, "INSERT INTO targettrack.batches (id, txid) VALUES ('x', 1)"
    )
    assert made.returncode != 0 and "permission denied" in made.stderr


# -- 5. the history is wiped by nobody, except through db purge, which leaves a record ------------


def test_db_purge_is_the_owners_alone_asks_to_be_sure_and_leaves_a_record(
    run: Run, shared: str, pg_server: pgserver.Server
) -> None:
    admin = _role(pg_server, "fagai_lin")
    _grant(run, shared, admin, "--admin")
    assert run(["record", "gdp", "5.5", "--period", "2023-06", "--db", shared]).exit_code == 0
    next_year = pg_server.psql(
        _dbname(shared),
        "postgres",
        "INSERT INTO targettrack.figures (region, year, target_id, month, period, number, status) "
        "VALUES ('luojiang', 2024, 'gdp', 6, '2024-06', 5.9, 'final')",
    )
    assert next_year.returncode == 0, next_year.stderr
    before = dump(shared)
    purge = ["db", "purge", "--region", "luojiang", "--year", "2023", "--reason", "测试数据"]
    refused = run([*purge, "--yes", "--db", _as(shared, admin)])
    assert refused.exit_code == 1 and "Only the role that owns targettrack's tables" in (
        refused.stderr
    )
    unsure = run([*purge, "--db", shared])
    assert unsure.exit_code == 1 and "Add --yes to go ahead" in unsure.stderr
    blank = run([*purge[:-1], " ", "--yes", "--db", shared])
    assert blank.exit_code == 1 and "Say why with --reason" in blank.stderr
    assert dump(shared) == before
    count = sum(1 for row in before if row[2] == 2023)
    done = run([*purge, "--yes", "--db", shared])
    assert done.exit_code == 0, done.output
    assert f"Purged the {count} figures of luojiang for 2023" in done.stdout
    assert [row for row in dump(shared) if row[2] == 2023] == []
    assert [row for row in dump(shared) if row[2] != 2023] == [r for r in before if r[2] != 2023]
    record = _rows(
        shared, "SELECT region, year, figures, reason, purged_by FROM targettrack.purges"
    )
    assert record == [("luojiang", 2023, count, "测试数据", "postgres")]
    for statement in (
        "DELETE FROM targettrack.purges",
        "UPDATE targettrack.purges SET reason = 'x'",
        "TRUNCATE targettrack.purges",
    ):
        kept = pg_server.psql(_dbname(shared), "postgres", statement)
        assert kept.returncode != 0 and "append-only" in kept.stderr
    nothing = run([*purge, "--yes", "--db", shared])
    assert nothing.exit_code == 1 and "holds no figures of luojiang for 2023" in nothing.stderr


# -- the upgraded database is as safe as a new one ---------------------------------------------

_SAFETY = {
    "functions": "SELECT proname, proconfig, prosecdef, proacl::text FROM pg_catalog.pg_proc "
    "WHERE pronamespace = 'targettrack'::regnamespace ORDER BY 1",
    "triggers": "SELECT tgrelid::regclass::text, tgname, tgtype FROM pg_catalog.pg_trigger "
    "WHERE NOT tgisinternal ORDER BY 1, 2",
    "columns": "SELECT grantee, table_name, column_name, privilege_type "
    "FROM information_schema.column_privileges WHERE table_schema = 'targettrack' "
    "AND grantee LIKE 'targettrack%%' ORDER BY 1, 2, 3, 4",
    "tables": "SELECT grantee, table_name, privilege_type FROM information_schema.table_privileges "
    "WHERE table_schema = 'targettrack' AND grantee <> 'postgres' ORDER BY 1, 2, 3",
    "policies": "SELECT tablename, policyname, cmd, qual, with_check FROM pg_catalog.pg_policies "
    "WHERE schemaname = 'targettrack' ORDER BY 1, 2",
}


def test_a_database_upgraded_from_schema_4_is_as_safe_as_a_new_one(
    run: Run, pg_url: str, pg_server: pgserver.Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _at_schema_4(pg_server, monkeypatch)
    assert run(["db", "upgrade", "--db", old]).exit_code == 0
    for name, query in _SAFETY.items():
        assert _rows(old, query) == _rows(pg_url, query), name
    kept = _rows(old, "SELECT version, number, recorded_by, batch FROM targettrack.figures")
    assert [(v, int(n), by, b) for v, n, by, b in kept] == [  # type: ignore[call-overload]
        (1, 1200, "shangwu_old", "20230701-090000-abcd"),
        (2, 1300, "shangwu_old", "20230701-090000-abcd"),
    ]
    assert _rows(old, "SELECT id, made_by FROM targettrack.batches") == [
        ("20230701-090000-abcd", "shangwu_old")
    ]


# -- db copy: one sentence in the user's language ----------------------------------------------


AMOUNTS = (
    "fdi", "little_giants", "high_growth_firms", "national_high_tech", "urban_projects",
    "urban_investment", "farmland", "poverty_projects", "rural_projects",
    "rural_investment_total", "rural_investment_2023", "education_projects", "school_places",
    "governance_centers",
)  # fmt: skip


def test_copying_into_a_database_that_holds_the_year_is_refused_in_one_sentence(
    run: Run, pg_url: str, tmp_path: Path
) -> None:
    local = tmp_path / "local.db"
    for step, revise in ((0, []), (1, ["--revise"])):  # 336 figures: enough to fill a pipeline
        csv = tmp_path / f"year{step}.csv"
        rows = [f"{t},2023-{m:02d},{m * 10 + step}" for t in AMOUNTS for m in range(1, 13)]
        csv.write_text("target,period,value\n" + "\n".join(rows) + "\n", "utf-8")
        imported = run(["import", str(csv), *revise, "--db", str(local)])
        assert imported.exit_code == 0, imported.output
    assert run(["record", "gdp", "5.5", "--period", "2023-03", "--db", pg_url]).exit_code == 0
    before = dump(pg_url)
    refused = run(["db", "copy", "--from", str(local), "--to", pg_url, "--lang", "zh"])
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"错误：共享数据库 {pg_url} 中已有 luojiang 2023年的数据；"
        "db copy 只迁入该库尚无数据的地区和年份，未作任何更改。\n"
    )
    assert refused.stdout == ""
    assert dump(pg_url) == before


FAILING_PIPELINE = """
import sys
from targettrack.store.postgres import PostgresStore
from tests.conftest import new_figure
figures = [(new_figure("luojiang", 2023, "bad", 6, "1", "个")._replace(month=13), 1)]
figures += [(new_figure("luojiang", 2023, f"t{n}", 6, "1", "个"), 1) for n in range(5000)]
with PostgresStore(sys.argv[1]) as store:
    try:
        with store.writing() as writer:
            writer.append(figures)
    except Exception as error:
        print(type(error).__name__)
"""


def test_a_write_that_fails_inside_psycopgs_pipeline_leaks_nothing_of_it(pg_url: str) -> None:
    env = {**os.environ, "PYTHONPATH": f"{REPO}:{REPO / 'src'}"}
    done = subprocess.run(
        [sys.executable, "-c", FAILING_PIPELINE, pg_url],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.stdout == "StorageError\n"
    assert done.stderr == ""


# -- db grants: a table with a header, or JSON --------------------------------------------------


def test_db_grants_is_a_table_with_a_header_or_json(
    run: Run, pg_url: str, pg_server: pgserver.Server
) -> None:
    clerk = _role(pg_server, "shangwu_hu")
    reader = _role(pg_server, "lingdao_hu")
    _grant(run, pg_url, clerk, "--department", "商务局")
    _grant(run, pg_url, reader, "--read-only")
    table = run(["db", "grants", "--db", pg_url, "--lang", "zh", "--format", "table"]).stdout
    lines = [[cell.strip() for cell in line.strip("│┃").split(line[0])] for line in
             table.splitlines() if line[:1] in "│┃"]  # fmt: skip
    assert lines[0] == ["数据库角色", "可录入", "地区"]  # a header, then a row per grant
    assert [clerk, "商务局", "全部地区"] in lines[1:]
    assert [reader, "只读（targettrack_reader）", "全部地区"] in lines[1:]
    rows = json.loads(run(["db", "grants", "--format", "json", "--db", pg_url]).stdout)
    assert {"role": clerk, "kind": "department", "department": "商务局", "region": None} in rows
    assert {"role": reader, "kind": "reader", "department": None, "region": None} in rows


# -- reasons and measures, editions and the log of commits (schema step 6) ----------------------

SQLITE_MONTH_WIPES = (
    "UPDATE explanations SET reason = 'x'",
    "DELETE FROM explanations",
    "UPDATE editions SET known_at = '2020-01-01'",
    "DELETE FROM editions",
    "UPDATE commits SET committed_at = '2020-01-01'",
    "DELETE FROM commits",
    "INSERT OR REPLACE INTO editions (id, region, year, period, name, known_at, published_by) "
    "SELECT id, region, year, period, name, '2020-01-01', 'x' FROM editions",
    "INSERT OR REPLACE INTO editions (region, year, period, name, known_at, published_by) "
    "SELECT region, year, period, name, '2020-01-01', 'x' FROM editions",
    "INSERT OR REPLACE INTO explanations (id, region, year, target_id, month, period, version, "
    "reason, recorded_by, recorded_at) SELECT id, region, year, target_id, month, period, "
    "version, 'x', 'x', 'now' FROM explanations",
    "INSERT INTO explanations (region, year, target_id, month, period, version, reason, "
    "recorded_by, recorded_at) VALUES ('luojiang', 2023, 'fdi', 6, '2023-06', 5, 'x', 'x', 'n')",
)
POSTGRES_MONTH_WIPES = (
    "UPDATE targettrack.explanations SET reason = 'x'",
    "DELETE FROM targettrack.explanations",
    "TRUNCATE targettrack.explanations",
    "UPDATE targettrack.editions SET known_at = now()",
    "DELETE FROM targettrack.editions",
    "TRUNCATE targettrack.editions",
    "UPDATE targettrack.commits SET committed_at = now()",
    "DELETE FROM targettrack.commits",
    "TRUNCATE targettrack.commits",
)


def _a_month_of_work(run: Run, db: str) -> None:
    for argv in (
        ["record", "fdi", "1000", "--period", "2023-06"],
        ["explain", "fdi", "--period", "2023-06", "--reason", "项目延期", "--measures", "加快"],
        ["publish", "--period", "2023-06"],
    ):
        done = run([*argv, "--db", db])
        assert done.exit_code == 0, (argv, done.output)


def test_nobody_rewrites_or_wipes_reasons_editions_or_the_log_of_commits(
    run: Run, db: str, request: pytest.FixtureRequest
) -> None:
    _a_month_of_work(run, db)
    on_postgres = db.startswith("postgresql://")
    server = request.getfixturevalue("pg_server") if on_postgres else None
    tables = ("explanations", "editions", "commits")

    def everything() -> list[object]:
        if on_postgres:
            return [_rows(db, f"TABLE targettrack.{t} ORDER BY 1") for t in tables]
        with sqlite3.connect(db) as con:
            return [con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables]

    before = everything()
    assert all(before)
    for statement in POSTGRES_MONTH_WIPES if on_postgres else SQLITE_MONTH_WIPES:
        refusal = _attack(db, statement, server)
        assert refusal, f"not refused: {statement}"
        assert "append-only" in refusal or "next one" in refusal, refusal
    assert everything() == before


def test_a_department_explains_only_its_own_targets_and_never_chooses_who_or_when(
    run: Run, shared: str, pg_server: pgserver.Server
) -> None:
    clerk = _role(pg_server, "shangwu_jin")
    _grant(run, shared, clerk, "--department", "商务局")
    theirs = run(["explain", "gdp", "--period", "2023-06", "--reason", "x", "--db",
                  _as(shared, clerk)])  # fmt: skip
    assert theirs.exit_code == 1 and "may not record GDP (gdp)" in theirs.stderr, theirs.output
    insert = (
        "INSERT INTO targettrack.explanations (region, year, target_id, month, period, reason"
        "{columns}) VALUES ('luojiang', 2023, '{target}', 6, '2023-06', 'x'{values})"
    )
    for target, columns, values, refusal in (
        ("gdp", "", "", "row-level security"),
        ("fdi", ", recorded_by", ", 'tongji_li'", "permission denied"),
        ("fdi", ", recorded_at", ", '2020-01-01'", "permission denied"),
        ("fdi", ", txid", ", 1", "permission denied"),
        ("fdi", ", id", ", 1", "permission denied"),
        ("fdi", ", version", ", 3", "is not the next one"),
    ):
        done = pg_server.psql(
            _dbname(shared),
            clerk,
            insert.format(target=target, columns=columns, values=values),
        )
        assert done.returncode != 0 and refusal in done.stderr, (columns, done.stderr)
    plain = insert.format(target="fdi", columns="", values="")
    assert pg_server.psql(_dbname(shared), clerk, plain).returncode == 0
    stored = _rows(
        shared, "SELECT version, recorded_by, txid IS NOT NULL FROM targettrack.explanations"
    )
    assert stored == [(1, clerk, True)]
    for sneak in (
        "INSERT INTO targettrack.editions (region, year, period, name, known_at) "
        "VALUES ('luojiang', 2023, '2023-06', 'x', now())",
        "INSERT INTO targettrack.commits (txid, committed_at) VALUES (1, now())",
        "SELECT targettrack.publish('luojiang', 2023, '2023-06', 'x', '', '')",
    ):
        refused = pg_server.psql(_dbname(shared), clerk, sneak)
        assert refused.returncode != 0 and "permission denied" in refused.stderr, sneak
    published = run(["publish", "--period", "2023-06", "--db", _as(shared, clerk)])
    assert published.exit_code == 1 and "Traceback" not in published.output
    assert _rows(shared, "SELECT count(*) FROM targettrack.editions") == [(0,)]


def test_a_database_upgraded_from_schema_5_is_as_safe_as_a_new_one_and_knows_its_history(
    run: Run, pg_url: str, pg_server: pgserver.Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    from targettrack.store import postgres as pg_store

    old = _new_database(pg_server)
    with monkeypatch.context() as patched:
        patched.setattr(pg_store, "SCHEMA_VERSION", 5)
        with pg_store.PostgresStore(old, require_schema=False) as store:
            assert store.upgrade() == (0, 5)
    with psycopg.connect(old, autocommit=True) as con:
        con.execute(
            "INSERT INTO targettrack.figures (region, year, target_id, month, period, number, "
            "status) VALUES ('luojiang', 2023, 'fdi', 6, '2023-06', 1200, 'final')"
        )
    upgraded = run(["db", "upgrade", "--db", old])
    assert upgraded.exit_code == 0 and "(it was at 5)" in upgraded.stdout, upgraded.output
    for name, query in _SAFETY.items():
        assert _rows(old, query) == _rows(pg_url, query), name
    # a figure from before the log of commits is known from its own time
    before = run(["status", "--as-known-at", "2023-07-01T00:00:00+08:00", "--db", old])
    assert before.exit_code == 1, before.output
    now = str(_rows(old, "SELECT now()::text")[0][0]).replace(" ", "T")
    known = run(["status", "--as-known-at", now, "--format", "json", "--db", old])
    assert known.exit_code == 0, known.output
    assert [r["actual"] for r in json.loads(known.stdout) if r["id"] == "fdi"] == [1200]


def test_a_sqlite_file_upgraded_from_schema_5_knows_its_history_and_guards_the_new_tables(
    run: Run, tmp_path: Path
) -> None:
    from targettrack.store import sqlite as sqlite_store

    path = tmp_path / "old.db"
    with sqlite3.connect(path) as con:
        for migration in sqlite_store.MIGRATIONS[:5]:
            for statement in migration:
                con.execute(statement)
        con.execute("PRAGMA user_version = 5")
        con.execute(
            "INSERT INTO figures (region, year, target_id, month, period, version, value, "
            "status, recorded_by, recorded_at) VALUES ('luojiang', 2023, 'fdi', 6, '2023-06', 1, "
            "'1200', 'final', 'old', '2023-07-08T09:00:00+08:00')".replace(
                "'fdi', 6, '2023-06'", "'fdi', 5, '2023-05'"
            )
        )
    _a_month_of_work(run, str(path))  # opening it brings it up to date
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == sqlite_store.SCHEMA_VERSION
    then = run(["status", "--as-known-at", "2023-07-09", "--format", "json", "--db", str(path)])
    assert then.exit_code == 0, then.output
    assert [r["actual"] for r in json.loads(then.stdout) if r["id"] == "fdi"] == [1200]
    assert [r["period"] for r in json.loads(then.stdout) if r["id"] == "fdi"] == ["2023-05"]
    early = run(["status", "--as-known-at", "2023-07-07", "--db", str(path)])
    assert early.exit_code == 1 and "Nothing of 2023 had been recorded" in early.stderr
    for statement in SQLITE_MONTH_WIPES:
        assert _attack(str(path), statement, None), statement
