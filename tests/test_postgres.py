"""The shared office database, on a real PostgreSQL server: the same promises as SQLite, who
recorded what, departments that write only their own targets, and moving a history in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest

from targettrack.core.models import NewFigure
from targettrack.errors import StorageError
from targettrack.store import MIGRATION_STEPS, open_store
from targettrack.store import postgres as pg_store
from targettrack.store import sqlite as sqlite_store
from tests import pgserver
from tests.conftest import REPO, Run, dump


def _role(server: pgserver.Server, name: str) -> str:
    """A new login role: the name with a suffix of its own, since roles belong to the whole
    server, which other test sessions may share (see tests/pgserver.py)."""
    name = f"{name}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(server.url(), autocommit=True) as con:
        con.execute(f'CREATE ROLE "{name}" LOGIN')
    return name


def _as(url: str, role: str) -> str:
    return url.replace("postgres@", f"{role}@", 1)


def _history(run: Run, target: str, *extra: str) -> list[dict[str, object]]:
    result = run(["history", target, "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_both_backends_have_the_same_numbered_steps() -> None:
    assert len(sqlite_store.MIGRATIONS) == len(pg_store.MIGRATIONS) == len(MIGRATION_STEPS)
    assert sqlite_store.SCHEMA_VERSION == pg_store.SCHEMA_VERSION


def test_upgrade_records_each_step_and_a_second_upgrade_changes_nothing(
    run: Run, pg_url: str
) -> None:
    with psycopg.connect(pg_url) as con:
        steps = list(con.execute("SELECT version, name FROM targettrack.schema_version"))
    assert steps == list(enumerate(MIGRATION_STEPS, start=1))
    again = run(["db", "upgrade", "--db", pg_url])
    latest = pg_store.SCHEMA_VERSION
    assert again.exit_code == 0 and f"at schema {latest} (it was at {latest})" in again.stdout


def test_a_newer_schema_is_refused_untouched(run: Run, pg_url: str) -> None:
    with psycopg.connect(pg_url) as con:
        con.execute("INSERT INTO targettrack.schema_version (version, name) VALUES (99, 'x')")
    before = dump(pg_url)
    for command in (["record", "fdi", "1", "--period", "2023-06"], ["status"], ["db", "upgrade"]):
        result = run([*command, "--db", pg_url])
        assert result.exit_code == 1 and "written by a newer targettrack" in result.stderr
    assert dump(pg_url) == before


def test_an_unprepared_database_asks_for_db_upgrade(run: Run, pg_server: pgserver.Server) -> None:
    result = run(["status", "--db", pg_server.url()])
    assert result.exit_code == 1 and "runs 'targettrack db upgrade'" in result.stderr


def test_figures_are_append_only_in_the_server_itself(
    run: Run, pg_url: str, pg_server: pgserver.Server
) -> None:
    assert run(["record", "fdi", "1", "--period", "2023-06", "--db", pg_url]).exit_code == 0
    dbname = pg_url.rsplit("/", 1)[1]
    for statement in (
        "UPDATE targettrack.figures SET number = 2",
        "DELETE FROM targettrack.figures",
    ):
        done = pg_server.psql(dbname, "postgres", statement)  # even the owner is refused
        assert done.returncode != 0 and "append-only" in done.stderr
    assert _history(run, "fdi", "--db", pg_url)[0]["value"] == 1


def test_values_are_kept_exactly_as_numeric(run: Run, pg_url: str) -> None:
    for value, period in (
        ("12345678.123456789", "2023-03"),
        ("0.1", "2023-04"),
        ("0.2", "2023-05"),
    ):
        assert run(["record", "farmland", value, "--period", period, "--db", pg_url]).exit_code == 0
    with psycopg.connect(pg_url) as con:
        kinds = {row[0] for row in con.execute(
            "SELECT data_type FROM information_schema.columns WHERE table_schema = 'targettrack' "
            "AND table_name = 'figures' AND column_name IN ('number', 'level', 'prior')"
        )}  # fmt: skip
    assert kinds == {"numeric"}
    values = [row["value"] for row in _history(run, "farmland", "--db", pg_url)]
    assert values == [0.2, 0.1, 12345678.123456789]
    with open_store(pg_url) as store:
        series = store.series("luojiang", 2023, "farmland")
    assert str(series[0].value) == "12345678.123456789"
    numbers = [f.number for f in series]
    assert numbers[1] is not None and numbers[2] is not None
    assert numbers[1] + numbers[2] == Decimal("0.3")


WRITER = """
import sys
from targettrack.store import open_store
from targettrack.usecases.recording import record_figure
from tests.conftest import new_figure
url, worker = sys.argv[1], int(sys.argv[2])
for n in range(50):
    with open_store(url) as store:   # a fresh connection each time, as each command has
        record_figure(store, new_figure("luojiang", 2023, "fdi", 6, str(worker * 1000 + n + 1),
                                        "万美元"), revise=True)
"""


def test_eight_writers_at_once_lose_nothing_and_number_versions_without_gaps(pg_url: str) -> None:
    with open_store(pg_url) as store:
        from targettrack.usecases.recording import record_figure
        from tests.conftest import new_figure

        record_figure(store, new_figure("luojiang", 2023, "fdi", 6, "0.5", "万美元"))
    env = {**os.environ, "PYTHONPATH": f"{REPO}:{REPO / 'src'}"}
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, pg_url, str(w)], env=env) for w in range(8)
    ]
    assert [p.wait(timeout=300) for p in procs] == [0] * 8
    with psycopg.connect(pg_url) as con:
        versions = [row[0] for row in con.execute(
            "SELECT version FROM targettrack.figures WHERE target_id = 'fdi' ORDER BY version"
        )]  # fmt: skip
    assert versions == list(range(1, 402))


def test_the_recorder_is_the_database_role_and_by_is_on_whose_behalf(
    run: Run, pg_url: str, pg_server: pgserver.Server
) -> None:
    clerk = _role(pg_server, "shangwu_li")
    assert run(["db", "grant", clerk, "--department", "商务局", "--db", pg_url]).exit_code == 0
    url = _as(pg_url, clerk)
    result = run(["record", "fdi", "1300", "--period", "2023-06", "--by", "王五", "--db", url])
    assert result.exit_code == 0, result.output
    row = _history(run, "fdi", "--db", url)[0]
    assert (row["by"], row["on_behalf_of"]) == (clerk, "王五")
    assert "王五" in run(["history", "fdi", "--db", url]).stdout


def test_a_department_records_only_its_own_targets_even_through_psql(
    run: Run, pg_url: str, pg_server: pgserver.Server, tmp_path: Path
) -> None:
    clerk = _role(pg_server, "shangwu_wang")
    reader = _role(pg_server, "lingdao_zhang")
    assert run(["db", "grant", clerk, "--department", "商务局", "--db", pg_url]).exit_code == 0
    assert run(["db", "grant", reader, "--read-only", "--db", pg_url]).exit_code == 0
    url = _as(pg_url, clerk)
    assert run(["record", "fdi", "1300", "--period", "2023-06", "--db", url]).exit_code == 0
    before = dump(pg_url)
    refused = run(["record", "gdp", "5.5", "--period", "2023-06", "--db", url])
    assert refused.exit_code == 1
    assert "may not record GDP (gdp): it belongs to 统计局" in refused.stderr
    csv = tmp_path / "mixed.csv"
    csv.write_text("target,period,value\nexports,2023-06,9.5\ngdp,2023-06,5.5\n", "utf-8")
    imported = run(["import", str(csv), "--db", url])
    assert imported.exit_code == 1
    assert (
        "row 3: Your database role may not record GDP (gdp): it belongs to 统计局"
        in imported.stderr
    )
    read_only = run(
        ["record", "fdi", "1400", "--period", "2023-06", "--revise", "--db", _as(pg_url, reader)]
    )
    assert read_only.exit_code == 1
    dbname = pg_url.rsplit("/", 1)[1]
    insert = (
        "INSERT INTO targettrack.figures (region, year, target_id, month, period, "
        "number, status) VALUES ('luojiang', 2023, 'gdp', 6, '2023-06', 5.5, 'final')"
    )
    bypass = pg_server.psql(dbname, clerk, insert)
    assert bypass.returncode != 0 and "row-level security" in bypass.stderr
    assert pg_server.psql(dbname, reader, insert).returncode != 0
    assert dump(pg_url) == before
    admin = _role(pg_server, "fagai_chen")
    assert run(["db", "grant", admin, "--admin", "--db", pg_url]).exit_code == 0
    assert (
        run(["record", "gdp", "5.5", "--period", "2023-06", "--db", _as(pg_url, admin)]).exit_code
        == 0
    )
    stolen = run(["withdraw", "gdp", "--period", "2023-06", "--reason", "x", "--db", url])
    assert (
        stolen.exit_code == 1 and "may not record GDP (gdp): it belongs to 统计局" in stolen.stderr
    )
    assert (
        run(["withdraw", "fdi", "--period", "2023-06", "--reason", "误录", "--db", url]).exit_code
        == 0
    )
    listing = json.loads(run(["db", "grants", "--format", "json", "--db", pg_url]).stdout)
    assert {"role": clerk, "kind": "department", "department": "商务局", "region": None} in listing
    assert {"role": admin, "kind": "admin", "department": None, "region": None} in listing
    assert run(["db", "revoke", clerk, "--db", pg_url]).exit_code == 0
    assert run(["record", "fdi", "1500", "--period", "2023-07", "--db", url]).exit_code == 1


def test_db_copy_moves_every_version_with_its_time_and_author(
    run: Run, pg_url: str, tmp_path: Path
) -> None:
    local = tmp_path / "local.db"
    for command in (
        "record fdi 1200 --period 2023-06 --by 王五 --note 初步",
        "record fdi 1300 --period 2023-06 --revise --status final",
        "record gdp 5.5 --period 2023-06",
        "record energy_saving in-progress --period 2023-06",
        "explain fdi --period 2023-06 --reason 到账推迟",
    ):
        assert run([*command.split(), "--db", str(local)]).exit_code == 0
    copied = run(["db", "copy", "--from", str(local), "--to", pg_url])
    assert copied.exit_code == 0, copied.output
    assert "Copied 4 figures" in copied.stdout
    # what it does not move it names, and leaves where it was
    assert "1 version(s) of reasons and measures and 0 edition(s) were not copied" in (
        copied.stderr
    )
    assert "到账推迟" in run(["history", "fdi", "--explanations", "--db", str(local)]).stdout
    for target in ("fdi", "gdp", "energy_saving"):
        here = _history(run, target, "--db", str(local))
        there = _history(run, target, "--db", pg_url)
        assert here == there
    again = run(["db", "copy", "--from", str(local), "--to", pg_url])
    assert again.exit_code == 1 and len(dump(pg_url)) == 4  # all or nothing


def test_a_password_is_never_shown(run: Run, pg_server: pgserver.Server) -> None:
    url = f"postgresql://nobody:s3cr3t-pw@127.0.0.1:{pg_server.port}/nowhere"
    result = run(["status", "--db", url])
    assert result.exit_code == 1 and "Cannot connect to the shared database" in result.stderr
    assert "s3cr3t-pw" not in result.output
    help_text = run(["status", "--help"]).stdout
    assert "s3cr3t" not in help_text


def test_without_psycopg_one_sentence_says_what_to_install(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['psycopg'] = None\n"
        "from targettrack.cli import main\n"
        "sys.argv = ['targettrack', 'status', '--db', 'postgresql://x@127.0.0.1:1/y']\n"
        "main()\n"
    )
    env = {**os.environ, "TARGETTRACK_CACHE": str(tmp_path), "PYTHONPATH": str(REPO / "src")}
    env.pop("TARGETTRACK_DEBUG", None)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 1
    assert "pip install 'targettrack[postgres]'" in done.stderr and "Traceback" not in done.stderr


def test_status_on_postgres_matches_sqlite(run: Run, pg_url: str, tmp_path: Path) -> None:
    commands = (
        "record fdi 1300 --period 2023-03 --prior 1000",
        "record gdp --level 178.5 --prior 170 --period 2023-06",
        "record energy_saving in-progress --period 2023-06",
        "record farmland 2.1万亩 --period 2023-06",
    )
    local = str(tmp_path / "same.db")
    for setting in (local, pg_url):
        for command in commands:
            assert run([*command.split(), "--db", setting]).exit_code == 0
    here = run(["status", "--format", "json", "--db", local]).stdout
    there = run(["status", "--format", "json", "--db", pg_url]).stdout
    assert here == there


def test_storage_errors_name_the_database_without_credentials(pg_url: str) -> None:
    with pytest.raises(StorageError) as refused:
        open_store(pg_url.replace("/tt_", "/missing_tt_"))
    assert "Cannot connect" in refused.value.message


def test_a_department_may_not_withdraw_an_import_that_holds_another_departments_figures(
    run: Run, pg_url: str, pg_server: pgserver.Server, tmp_path: Path
) -> None:
    clerk = _role(pg_server, "shangwu_zhao")
    admin = _role(pg_server, "fagai_sun")
    assert run(["db", "grant", clerk, "--department", "商务局", "--db", pg_url]).exit_code == 0
    assert run(["db", "grant", admin, "--admin", "--db", pg_url]).exit_code == 0
    csv = tmp_path / "both.csv"
    csv.write_text(
        "target,period,value\ngdp,2023-06,5.5\nfdi,2023-06,1300\nrevenue_total,2023-06,9\n",
        "utf-8",
    )
    imported = run(["import", str(csv), "--db", _as(pg_url, admin)])
    assert imported.exit_code == 0, imported.output
    batch = imported.stdout.split("Batch id: ", 1)[1].split()[0]
    before = dump(pg_url)
    url = _as(pg_url, clerk)
    refused = run(["withdraw", "--import", batch, "--reason", "错了", "--db", url])
    assert refused.exit_code == 1
    assert f"the import {batch} holds figures your role may not withdraw" in refused.stderr
    assert "may not record GDP (gdp): it belongs to 统计局" in refused.stderr
    assert "(revenue_total): it belongs to 财政局" in refused.stderr  # every one
    assert "fdi" not in refused.stderr  # its own figure is not a problem
    chinese = run(["withdraw", "--import", batch, "--reason", "错了", "--db", url, "--lang", "zh"])
    assert f"批次 {batch} 中有不属于您的单位的数据" in chinese.stderr
    assert "您的数据库角色无权录入地区生产总值：该指标由统计局负责" in chinese.stderr
    assert dump(pg_url) == before
    taken = run(["withdraw", "--import", batch, "--reason", "错了", "--db", _as(pg_url, admin)])
    assert taken.exit_code == 0 and "Withdrew the 3 figure(s)" in taken.stdout


def test_a_refusal_without_the_catalogue_entry_names_no_department(
    pg_url: str, pg_server: pgserver.Server
) -> None:
    from targettrack.errors import ConflictError
    from targettrack.messages import render
    from targettrack.usecases.recording import record_figure
    from tests.conftest import new_figure

    clerk = _role(pg_server, "jiaoyu_qian")
    with psycopg.connect(pg_url) as con:  # a role the catalogue's departments do not know
        con.execute(f'GRANT targettrack_reader TO "{clerk}"')
    with open_store(_as(pg_url, clerk)) as store, pytest.raises(ConflictError) as refused:
        record_figure(store, new_figure("luojiang", 2023, "gdp", 6, "5.5", "%"))
    assert render(refused.value.text, "en") == (
        "Your database role may not record gdp: it belongs to —, which your role has not been "
        "granted; ask the planning office to grant it."
    )
    assert dump(pg_url) == []


def _many(department_targets: tuple[str, ...], months: range) -> list[tuple[NewFigure, int]]:
    from tests.conftest import new_figure

    return [
        (new_figure("luojiang", 2023, target, month, str(month), "万美元"), 1)
        for target in department_targets
        for month in months
        for _ in range(10)  # ten versions' worth of rows: more than a staging batch needs
    ]


def test_a_large_import_through_the_staging_table_is_still_checked_row_by_row(
    run: Run, pg_url: str, pg_server: pgserver.Server
) -> None:
    clerk = _role(pg_server, "shangwu_li")
    assert run(["db", "grant", clerk, "--department", "商务局", "--db", pg_url]).exit_code == 0
    ours: list[tuple[NewFigure, int]] = [
        (figure, version)
        for version in range(1, 9)
        for figure, _ in _many(("fdi", "exports", "retail_sales"), range(1, 13))[::10]
    ]
    assert len(ours) >= pg_store._COPY_FROM
    with open_store(_as(pg_url, clerk)) as store:
        with store.writing() as writer:
            writer.append(ours)
            assert getattr(writer, "staged", None) is True  # through the staging table
        assert store.latest("luojiang", 2023)["fdi"].version == 8
        recorded = {f.recorded_by for f in store.history("luojiang", 2023)}
        assert recorded == {clerk}  # stamped by the database, whatever the rows said
        before = dump(pg_url)
        gdp = [(figure._replace(target_id="gdp", unit="%"), 1) for figure, _ in ours]
        with pytest.raises(StorageError) as refused, store.writing() as writer:
            writer.append(gdp)
        assert "row-level security" in str(refused.value)
    assert dump(pg_url) == before


def test_a_large_import_without_the_temporary_privilege_inserts_row_by_row(
    run: Run, pg_url: str, pg_server: pgserver.Server, tmp_path: Path
) -> None:
    clerk = _role(pg_server, "shangwu_he")
    assert run(["db", "grant", clerk, "--department", "商务局", "--db", pg_url]).exit_code == 0
    dbname = pg_url.rsplit("/", 1)[1]
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute(f'REVOKE TEMPORARY ON DATABASE "{dbname}" FROM PUBLIC')
    csv = tmp_path / "many.csv"
    rows = [
        f"{target},2023-{month:02d},{month * 100}" for target in ("fdi",) for month in range(1, 13)
    ]
    csv.write_text("target,period,value\n" + "\n".join(rows) + "\n", "utf-8")
    with open_store(_as(pg_url, clerk)) as store, store.writing() as writer:
        figures = [
            (figure, version)
            for version in range(1, 11)
            for figure, _ in _many(("fdi",), range(1, 13))[::10]
        ]
        writer.append(figures)
        assert getattr(writer, "staged", None) is False
    imported = run(["import", str(csv), "--db", _as(pg_url, clerk), "--revise"])
    assert imported.exit_code == 0, imported.output
    assert len(dump(pg_url)) == len(figures) + 12
