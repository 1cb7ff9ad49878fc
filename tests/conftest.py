"""Shared fixtures: every test runs against its own database, cache and catalogue setting."""

from __future__ import annotations

import itertools
import os
import shlex
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from targettrack.cli import app
from targettrack.core.models import NewFigure, Status, decode_value
from targettrack.store import open_store
from targettrack.usecases.recording import record_figure
from tests import pgserver

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "src" / "targettrack" / "targets" / "2023.toml"

Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep every test away from the user's real database, cache and settings."""
    monkeypatch.setenv("TARGETTRACK_DB", str(tmp_path / "data" / "targettrack.db"))
    monkeypatch.setenv("TARGETTRACK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("TARGETTRACK_LANG", "en")
    monkeypatch.setenv("TARGETTRACK_BUSY_TIMEOUT", "5")
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.delenv("TARGETTRACK_TARGETS", raising=False)
    monkeypatch.setenv("TARGETTRACK_DEBUG", "1")  # a bug in a test run shows its traceback
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield


@pytest.fixture
def shanghai_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time zone is China's (CST, +08:00) for the test."""
    import time

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "targettrack.db"


@pytest.fixture
def run() -> Run:
    """Run the CLI in-process, as a user would type it; the result has exit code and output."""
    runner = CliRunner()

    def invoke(command: str | list[str], input: str | None = None) -> Result:
        argv = shlex.split(command) if isinstance(command, str) else command
        return runner.invoke(app, argv, input=input, catch_exceptions=False)

    return invoke


def dump(db: Path | str) -> list[tuple[object, ...]]:
    """Every stored row, to compare a database before and after a refused command."""
    if isinstance(db, str) and db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db) as con:
            try:
                return list(con.execute("SELECT * FROM targettrack.figures ORDER BY id"))
            except psycopg.errors.UndefinedTable:
                return []
    db = Path(db)
    if not db.exists():
        return []
    with sqlite3.connect(db) as con:
        try:
            return con.execute("SELECT * FROM figures ORDER BY id").fetchall()
        except sqlite3.OperationalError:
            return []


def new_figure(
    region: str,
    year: int,
    target_id: str,
    month: int,
    value: str,
    unit: str,
    *,
    by: str = "t",
    note: str = "",
) -> NewFigure:
    """A final figure for the month's period, as the storage tests need many of them."""
    return NewFigure(
        region=region,
        year=year,
        target_id=target_id,
        month=month,
        period=f"{year}-{month:02d}",
        value=decode_value(value),
        unit=unit,
        status=Status.FINAL,
        recorded_by=by,
        recorded_at="now",
        note=note,
    )


def put(db: Path, *figures: NewFigure) -> None:
    """Record figures straight through the use case, without the command line."""
    with open_store(db) as store:
        for figure in figures:
            record_figure(store, figure)


def write_amount_catalogue(path: Path, targets: int, year: int = 2023) -> Path:
    """A valid catalogue of ``targets`` amount targets t00000, t00001, ... (100 个 each)."""
    lines = [
        'region_id = "many"',
        'region = "多指标区"',
        f"year = {year}",
        "[source]",
        'title = "t"',
        'publisher = "tests"',
        f"date = {year}-01-06",
        'url = "http://example.org"',
        "[[groups]]",
        'id = "main"',
        'name_zh = "主要"',
        'name_en = "Main"',
    ]
    for index in range(targets):
        lines += [
            "[[targets]]",
            f'id = "t{index:05d}"',
            f'name_zh = "指标{index}"',
            f'name_en = "Target {index}"',
            'group = "main"',
            'kind = "amount"',
            'unit = "个"',
            "target = 100",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_monthly_csv(path: Path, targets: int, year: int = 2023) -> Path:
    """Twelve monthly figures for each target of ``write_amount_catalogue``."""
    rows = ["target,period,value"]
    rows += [
        f"t{index:05d},{year}-{month:02d},{month * 8}"
        for index in range(targets)
        for month in range(1, 13)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


# -- PostgreSQL ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pgserver.Server]:
    """One throwaway PostgreSQL cluster for the session; skipped where none can start, unless
    TARGETTRACK_TEST_POSTGRES=required (as in CI), where that fails the tests instead."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        reason = "psycopg is not installed (pip install -e '.[dev]')"
        if os.environ.get(pgserver.ENV_REQUIRED) == "required":
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        address = os.environ.get(pgserver.ENV_RUNNING)
        server = pgserver.running(address) if address else pgserver.start()
    except RuntimeError as error:
        if os.environ.get(pgserver.ENV_REQUIRED) == "required":
            pytest.fail(f"PostgreSQL is required here but cannot start: {error}")
        pytest.skip(f"no PostgreSQL server for these tests: {error}")
    yield server
    pgserver.stop(server)


_DATABASES = itertools.count()


@pytest.fixture
def pg_url(pg_server: pgserver.Server, tmp_path: Path) -> str:
    """A new, empty database on the session's server, set up by 'targettrack db upgrade'."""
    import psycopg

    name = f"tt_{os.getpid()}_{next(_DATABASES)}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_server.url(), autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    url = pg_server.url(name)
    result = CliRunner().invoke(app, ["db", "upgrade", "--db", url], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The database every command of the test uses: a SQLite file, then a shared PostgreSQL
    database (the same tests, on both backends)."""
    if request.param == "sqlite":
        return str(db_path)
    url: str = request.getfixturevalue("pg_url")
    monkeypatch.setenv("TARGETTRACK_DB", url)
    return url


BROWSER_REQUIRED = "TARGETTRACK_TEST_BROWSER"  # "required": no browser fails, not skips
ARTIFACTS = "TARGETTRACK_TEST_ARTIFACTS"  # a folder to keep the pictures and PDFs tests make


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where tests leave screenshots, PDFs and page images for a person to look at: the folder
    TARGETTRACK_TEST_ARTIFACTS names, else a temporary one (never the checkout)."""
    chosen = os.environ.get(ARTIFACTS)
    if chosen:
        folder = Path(chosen).expanduser()
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("artifacts")


def _chromium() -> str | None:
    for name in ("chromium-headless-shell", "chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        executable = None
    if executable is None:
        reason = "no headless Chromium (Debian: chromium-headless-shell) or no Playwright"
        if os.environ.get(BROWSER_REQUIRED) == "required":
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


# -- a city and its districts ------------------------------------------------------------------


def _catalogue(region_id: str, name: str, parent: str | None, targets: str) -> str:
    parent_line = f'parent = "{parent}"\n' if parent else ""
    return f"""format = 1
region_id = "{region_id}"
region = "{name}"
region_en = "{region_id.capitalize()}"
{parent_line}year = 2023
[source]
title = "{name}2023年政府工作报告"
publisher = "{name}人民政府"
date = "2023-01-06"
url = "http://example.org"
[[groups]]
id = "main"
name_zh = "主要预期目标"
name_en = "Main"
{targets}"""


def _t(ident: str, name: str, kind: str, unit: str, value: str, extra: str = "") -> str:
    return (
        f'[[targets]]\nid = "{ident}"\nname_zh = "{name}"\nname_en = "{ident}"\ngroup = "main"\n'
        f'kind = "{kind}"\nunit = "{unit}"\ntarget = {value}\n{extra}'
    )


def _district(region_id: str, name: str, gdp: str, fdi: str) -> str:
    return _catalogue(
        region_id,
        name,
        "quanzhou",
        _t("gdp", "地区生产总值", "growth", "%", gdp, 'value_unit = "亿元"\n')
        + _t("fdi", "实际利用外资", "amount", "万美元", fdi, 'department = "商务局"\n')
        + _t("unemployment", "城镇调查失业率", "level", "%", "5.5", 'direction = "at_most"\n'),
    )


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "regions"
    for region_id, text in (
        ("luojiang", _district("luojiang", "洛江区", "7", "2500")),
        ("quangang", _district("quangang", "泉港区", "3", "4000")),
        ("licheng", _district("licheng", "鲤城区", "6", "3000")),
        (
            "quanzhou",
            _catalogue(
                "quanzhou",
                "泉州市",
                None,
                _t("gdp", "地区生产总值", "growth", "%", "6.5", 'value_unit = "亿元"\n')
                + _t("fdi", "实际利用外资", "amount", "亿美元", "1.5"),
            ),
        ),
    ):
        folder = root / region_id
        folder.mkdir(parents=True)
        (folder / "2023.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("TARGETTRACK_TARGETS", str(root))
    return root
