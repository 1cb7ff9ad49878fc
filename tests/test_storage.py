"""The database under stress: concurrent writers, a killed import, broken and foreign files."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from targettrack.errors import StorageError
from targettrack.store import open_store
from targettrack.store.sqlite import SCHEMA_VERSION
from tests.conftest import (
    REPO,
    Run,
    dump,
    new_figure,
    put,
    write_amount_catalogue,
    write_monthly_csv,
)

WRITER = """
import sys
from tests.conftest import new_figure, put
db, worker = sys.argv[1], int(sys.argv[2])
for n in range(100):
    # a fresh connection each time, as each CLI call has
    figure = new_figure("r", 2023, f"w{worker}_{n // 12}", n % 12 + 1, str(n), "个", by=str(worker))
    put(db, figure)
"""


def test_two_processes_recording_at_once_store_everything(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    open_store(db).close()
    env = {**os.environ, "TARGETTRACK_BUSY_TIMEOUT": "30", "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(w)], env=env) for w in (1, 2)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM figures").fetchone()[0] == 200
        by_worker = dict(
            con.execute("SELECT recorded_by, count(*) FROM figures GROUP BY recorded_by")
        )
    assert by_worker == {"1": 100, "2": 100}


# The import, run as a user runs it, but held at the moment it is about to commit: every row
# is written (much of it into the WAL file), nothing committed. SQLite's own trace callback
# tells when the COMMIT statement starts; the child then says so through a FIFO and waits to
# be killed, so the kill never depends on winning a race.
_HELD_AT_COMMIT = """
import os, sqlite3, sys, time
_connect = sqlite3.connect
def connect(*args, **kwargs):
    con = _connect(*args, **kwargs)
    def trace(statement):
        if statement.strip().upper() == "COMMIT" and os.environ.get("HOLD_IMPORT"):
            with open(os.environ["HOLD_IMPORT"], "w") as fifo:
                fifo.write("at commit")
            time.sleep(600)
    con.set_trace_callback(trace)
    return con
sqlite3.connect = connect
from targettrack.cli import main
sys.argv = ["targettrack", *sys.argv[1:]]
main()
"""


def test_an_import_killed_at_its_commit_leaves_nothing_and_again_is_whole(tmp_path: Path) -> None:
    targets = 5000
    catalogue = write_amount_catalogue(tmp_path / "2023.toml", targets)
    figures = write_monthly_csv(tmp_path / "figures.csv", targets)
    db = tmp_path / "big.db"
    fifo = tmp_path / "held"
    os.mkfifo(fifo)
    env = {
        **os.environ,
        "TARGETTRACK_DB": str(db),
        "TARGETTRACK_TARGETS": str(catalogue),
        "HOLD_IMPORT": str(fifo),
    }
    # one figure first, so that the database exists and its WAL file appears only on import
    put(db, new_figure("many", 2023, "seed", 1, "1", "个"))
    wal = Path(str(db) + "-wal")
    assert not wal.exists()
    proc = subprocess.Popen(
        [sys.executable, "-c", _HELD_AT_COMMIT, "import", str(figures)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        with open(fifo, encoding="utf-8") as held:  # returns once the child is at its COMMIT
            said = held.read()
        assert said == "at commit", proc.stderr.read() if proc.stderr else ""
        assert wal.stat().st_size > 256 * 1024  # the rows are on disk, uncommitted
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert proc.stdout is not None and proc.stdout.read() == b""
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = con.execute("SELECT count(*) FROM figures WHERE target_id != 'seed'").fetchone()[0]
        seed = con.execute("SELECT count(*) FROM figures WHERE target_id = 'seed'").fetchone()[0]
    assert (count, seed) == (0, 1)  # absent, and what was there before is whole
    # the same import, let through, is then whole
    done = subprocess.run(
        [sys.executable, "-m", "targettrack", "import", str(figures)],
        env={k: v for k, v in env.items() if k != "HOLD_IMPORT"},
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as con:
        count = con.execute("SELECT count(*) FROM figures WHERE target_id != 'seed'").fetchone()[0]
    assert count == targets * 12


def test_figures_can_never_be_updated_or_deleted(db_path: Path, run: Run) -> None:
    assert run("record fdi 1 --period 2023-06").exit_code == 0
    with sqlite3.connect(db_path) as con:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute("UPDATE figures SET value = '2'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute("DELETE FROM figures")
    assert dump(db_path)[0][7] == "1"


def test_schema_is_versioned_and_wal(db_path: Path, run: Run) -> None:
    assert run("record fdi 1 --period 2023-06").exit_code == 0
    with sqlite3.connect(db_path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        column_types = {row[1]: row[2] for row in con.execute("PRAGMA table_info(figures)")}
    assert "REAL" not in column_types.values()


def test_newer_database_is_refused_untouched(tmp_path: Path, run: Run) -> None:
    db = tmp_path / "newer.db"
    with sqlite3.connect(db) as con:
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = db.read_bytes()
    result = run(["record", "fdi", "1", "--period", "2023-06", "--db", str(db)])
    assert result.exit_code == 1
    assert "written by a newer targettrack" in result.stderr
    assert db.read_bytes() == before
    assert run(["status", "--db", str(db)]).exit_code == 1


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"this is not a database at all, just some text" * 50, "not a usable targettrack"),
        (None, "not a usable targettrack"),
    ],
)
def test_garbage_and_corrupt_databases_are_refused(
    tmp_path: Path, run: Run, content: bytes | None, fragment: str
) -> None:
    db = tmp_path / "bad.db"
    if content is None:  # a real targettrack database with its pages scribbled over
        put(
            db,
            *(
                new_figure("luojiang", 2023, "fdi", m, "1", "万美元", note="x" * 2000)
                for m in range(1, 13)
            ),
        )
        with sqlite3.connect(db) as con:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        data = bytearray(db.read_bytes())
        data[100 : 4096 * 3] = b"\xff" * (4096 * 3 - 100)
        db.write_bytes(bytes(data))
    else:
        db.write_bytes(content)
    before = db.read_bytes()
    for command in (["status"], ["record", "fdi", "2", "--period", "2023-07"], ["history", "fdi"]):
        result = run([*command, "--db", str(db)])
        assert result.exit_code == 1, command
        assert fragment in result.stderr
        assert "Traceback" not in result.output
    assert db.read_bytes() == before


def test_database_of_another_program_is_refused(tmp_path: Path, run: Run) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE invoices (id INTEGER)")
    result = run(["record", "fdi", "1", "--period", "2023-06", "--db", str(db)])
    assert result.exit_code == 1 and "some other program" in result.stderr


def test_locked_database_gives_up_after_the_timeout(
    db_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("record fdi 1 --period 2023-05").exit_code == 0
    before = dump(db_path)
    monkeypatch.setenv("TARGETTRACK_BUSY_TIMEOUT", "0.2")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run("record fdi 2 --period 2023-06")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert "is busy" in result.stderr and "0.2 s" in result.stderr
    assert dump(db_path) == before


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a file truly read-only: chmod for a user; for root, which ignores modes, the
    immutable attribute (skipped where the file system has none)."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)
        return
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("root ignores file modes, and this file system has no immutable attribute")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_read_only_database_is_refused(db_path: Path, run: Run) -> None:
    assert run("record fdi 1 --period 2023-05").exit_code == 0
    con = sqlite3.connect(db_path)  # the last connection to close folds the WAL into the file
    con.close()
    assert not Path(f"{db_path}-wal").exists()
    before = dump(db_path)
    with read_only(db_path):
        result = run("record fdi 2 --period 2023-06")
        assert result.exit_code == 1
        assert "read-only" in result.stderr
        with pytest.raises(StorageError, match="read-only"):
            put(db_path, new_figure("luojiang", 2023, "fdi", 7, "2", "万美元"))
    assert dump(db_path) == before


def test_reading_commands_create_no_database(db_path: Path, run: Run) -> None:
    assert run("status").exit_code == 0
    assert run("history fdi").exit_code == 0
    assert not db_path.exists()


def test_module_runs_as_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "targettrack", "--version"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.startswith("targettrack ")


def test_installed_command_runs_as_a_real_process(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "targettrack"
    if not command.exists():
        found = shutil.which("targettrack")
        assert found, "the targettrack command is not installed"
        command = Path(found)
    env = {**os.environ, "TARGETTRACK_DB": str(tmp_path / "p.db"), "COLUMNS": "120"}

    def targettrack(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(command), *args], env=env, capture_output=True, text=True, check=False
        )

    recorded = targettrack("record", "school_places", "300", "--period", "2023-H1")
    assert recorded.returncode == 0, recorded.stderr
    assert (
        recorded.stdout
        == "Recorded New school places (school_places) for Jan–Jun 2023: 300 个 (provisional).\n"
    )
    shown = targettrack("status", "--lang", "zh")
    assert shown.returncode == 0
    assert "新增学位" in shown.stdout and "37.0%" in shown.stdout
    assert "\x1b[" not in shown.stdout  # piped: no escape codes
    bad = targettrack("record", "school_places", "x", "--period", "2023-H1")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.startswith("Error: The value 'x' is not a number")
