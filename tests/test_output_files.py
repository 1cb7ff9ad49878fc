"""--output never damages what the command reads, follows links, and writes into FIFOs.

Every path here is inside the test's own temporary folder: as root, a test that pointed a
command at the machine's /dev/stdout or /dev/full would replace them for every program.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, REPO, Run, dump


@pytest.fixture
def recorded(run: Run) -> None:
    assert run("record fdi 1300 --period 2023-06").exit_code == 0


def _refused(result: object, fragment: str) -> None:
    assert getattr(result, "exit_code", None) == 1
    stderr = getattr(result, "stderr", "")
    assert fragment in stderr and "Traceback" not in stderr


def test_export_refuses_to_overwrite_the_database_by_any_name(
    run: Run, recorded: None, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = db_path.read_bytes()
    rows = dump(db_path)
    link = tmp_path / "link.db"
    link.symlink_to(db_path)
    hard = tmp_path / "hard.db"
    os.link(db_path, hard)
    monkeypatch.chdir(db_path.parent)
    for name in (str(db_path), "targettrack.db", "./targettrack.db", str(link), str(hard)):
        result = run(["export", "--format", "csv", "--output", name])
        _refused(result, "which this command reads")
    assert db_path.read_bytes() == before and dump(db_path) == rows
    assert link.is_symlink()


def test_export_refuses_to_overwrite_the_catalogue(run: Run, tmp_path: Path) -> None:
    catalogue = tmp_path / "2023.toml"
    catalogue.write_bytes(BUNDLED.read_bytes())
    before = catalogue.read_bytes()
    for args in (
        ["--targets", str(catalogue), "--output", str(catalogue)],
        ["--targets", str(tmp_path), "--output", str(catalogue)],
    ):
        result = run(["export", "--format", "json", *args])
        _refused(result, "which this command reads")
    assert catalogue.read_bytes() == before


def test_output_through_a_symlink_replaces_its_target_and_keeps_the_link(
    run: Run, recorded: None, tmp_path: Path
) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "report.csv"
    link.symlink_to(real)
    assert run(["export", "--output", str(link)]).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8-sig").startswith("id,name_zh")
    assert not list(tmp_path.glob(".tt-*"))  # no partial file left beside it


def test_output_into_a_fifo_is_written_not_replaced(
    run: Run, recorded: None, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run(["export", "--format", "json", "--output", str(fifo)])
    reader.join(timeout=20)
    assert result.exit_code == 0
    assert fifo.is_fifo()
    assert b'"id": "fdi"' in received[0]


def test_output_to_a_link_to_standard_output_writes_to_it(tmp_path: Path) -> None:
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    env = {
        **os.environ,
        "TARGETTRACK_DB": str(tmp_path / "t.db"),
        "TARGETTRACK_CACHE": str(tmp_path / "cache"),
        "PYTHONPATH": str(REPO / "src"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "targettrack", "export", "--format", "json", "--output", str(link)],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"[\n") and b'"id": "gdp"' in done.stdout
    assert link.is_symlink()


def test_xlsx_to_an_unwritable_place_is_one_sentence(
    run: Run, recorded: None, tmp_path: Path
) -> None:
    plain = tmp_path / "plain"
    plain.write_text("a file, not a folder", encoding="utf-8")
    _refused(run(["export", "--output", str(plain / "x.xlsx")]), "is not a folder")
    _refused(run(["export", "--output", str(tmp_path / "nope" / "x.xlsx")]), "does not exist")
    _refused(run(["export", "--output", str(tmp_path)]), "is a folder")
    assert plain.read_text(encoding="utf-8") == "a file, not a folder"


@pytest.mark.parametrize("length", [245, 300])
def test_names_longer_than_the_system_allows_are_one_sentence(
    run: Run, recorded: None, tmp_path: Path, length: int
) -> None:
    long_name = tmp_path / ("x" * length + ".csv")
    result = run(["export", "--output", str(long_name)])
    if length <= 250:  # a name the system allows: written, though its partial name is short
        assert result.exit_code == 0 and long_name.exists()
    else:
        _refused(result, "longer than the system allows")
    db = tmp_path / ("d" * 300 + ".db")
    _refused(run(["record", "fdi", "1", "--period", "2023-07", "--db", str(db)]), "database")


@pytest.mark.parametrize("option", ["--db", "--targets", "--output"])
def test_an_empty_path_setting_is_refused(run: Run, option: str) -> None:
    args = ["export", option, ""] if option == "--output" else ["status", option, ""]
    _refused(run(args), f"{option} is empty")


def test_an_empty_database_variable_is_refused(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TARGETTRACK_DB", "")
    _refused(run("status"), "TARGETTRACK_DB is set but empty")
