"""targettrack doctor: what an office's IT person sees when something is wrong, and that
looking changes nothing."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from targettrack.messages import Message
from targettrack.settings import Settings
from targettrack.store.sqlite import MIGRATIONS, SCHEMA_VERSION
from targettrack.usecases.doctor import Check, diagnose
from targettrack.writers.doctor import doctor_text
from tests import pgserver
from tests.conftest import REPO, Run


def _by_code(checks: list[Check]) -> dict[str, Check]:
    return {check.text.code: check for check in checks}


def _line(checks: list[Check], prefix: str, lang: str = "en") -> Check:
    """The one check whose text (in ``lang``) begins with ``prefix``."""
    found = [c for c in checks if c.text.render(lang).startswith(prefix)]
    assert len(found) == 1, [c.text.render(lang) for c in checks]
    return found[0]


def test_a_fresh_installation_is_in_order_in_both_languages(run: Run, tmp_path: Path) -> None:
    english = run("doctor")
    assert english.exit_code == 0, english.output
    lines = english.stdout.splitlines()
    assert lines[0].startswith("targettrack diagnosis") and lines[-1] == "Everything is in order."
    checks = lines[1:-1]
    assert len(checks) == 10 and all(line.startswith("[ok] ") for line in checks)
    from targettrack import __version__

    assert f"[ok] Version: targettrack {__version__}" in lines
    assert any(
        line.startswith("[ok] Database: ") and str(tmp_path / "data" / "targettrack.db") in line
        for line in lines
    )
    chinese = run("doctor --lang zh")
    assert chinese.exit_code == 0
    zh = chinese.stdout.splitlines()
    assert zh[-1] == "一切正常。" and all(line.startswith("[正常] ") for line in zh[1:-1])
    assert "（来自环境变量 TARGETTRACK_DB）" in chinese.stdout
    for english_word in ("Database", "Catalogue", "Cache", "the default", " targets in"):
        assert english_word not in chinese.stdout


def test_the_database_is_reported_with_its_schema_and_figures_and_left_untouched(
    run: Run, db_path: Path
) -> None:
    assert run("record fdi 1300 --period 2023-06").exit_code == 0
    assert run("record fdi 1350 --period 2023-06 --revise").exit_code == 0
    before = db_path.read_bytes()
    database = _line(diagnose(Settings.from_environment()), "Database: ")
    assert database.ok
    assert database.text.render("en") == (
        f"Database: {db_path} (from the variable TARGETTRACK_DB), schema {SCHEMA_VERSION}, "
        "2 figures stored (every version)"
    )
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["targettrack.db"]


def test_an_older_database_is_not_upgraded_by_looking(tmp_path: Path) -> None:
    old = tmp_path / "旧.db"
    with sqlite3.connect(old) as con:
        for statement in MIGRATIONS[0]:
            con.execute(statement)
        con.execute("PRAGMA user_version = 1")
    con.close()
    database = _line(diagnose(Settings.from_environment(), db=str(old)), "Database: ")
    assert database.ok and database.text.code == "doctor.db_older"
    assert f"schema 1, upgraded to {SCHEMA_VERSION} when next used" in database.text.render("en")
    with sqlite3.connect(old) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    con.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["旧.db"]  # no journal left either


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("newer", "was written by a newer targettrack (schema 99"),
        ("foreign", "is an SQLite database of some other program"),
        ("garbage", "cannot be read"),
    ],
)
def test_a_database_that_cannot_be_used_is_a_problem_with_what_to_do(
    run: Run, tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "figures.db"
    if content == "garbage":
        path.write_bytes(b"this is not a database at all" * 200)
    else:
        with sqlite3.connect(path) as con:
            if content == "newer":
                con.execute("PRAGMA user_version = 99")
            con.execute("CREATE TABLE other (x)")
        con.close()
    before = path.read_bytes()
    result = run(["doctor", "--db", str(path)])
    assert result.exit_code == 1
    line = next(ln for ln in result.stdout.splitlines() if "Database: " in ln)
    assert line.startswith("[problem] Database: ") and expected in line, line
    advice = result.stdout.splitlines()[result.stdout.splitlines().index(line) + 1]
    assert advice.startswith("    What to do: ")
    assert result.stdout.endswith("1 problem(s) found; follow what to do above, line by line.\n")
    assert path.read_bytes() == before


def test_a_database_that_could_not_be_made_is_a_problem(tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("x", encoding="utf-8")
    database = _line(
        diagnose(Settings.from_environment(), db=str(blocker / "sub" / "t.db")), "Database: "
    )
    assert not database.ok and database.text.code == "doctor.db_unwritable"
    assert database.advice == Message("doctor.db_place_fix")
    assert not (blocker.parent / "sub").exists()


@pytest.mark.parametrize(
    ("encoding", "ok"),
    [("gbk", True), ("cp936", True), ("gb18030", True), ("utf-8", True), ("ascii", False),
     ("latin-1", False), ("cp437", False), ("no-such-codec", False)],
)  # fmt: skip
def test_the_console_encoding_must_hold_chinese_and_the_verdict_symbols(
    encoding: str, ok: bool
) -> None:
    console = _line(diagnose(Settings.from_environment(), encoding=encoding), "Console encoding: ")
    assert console.ok is ok
    assert (console.advice is None) is ok
    assert encoding in console.text.render("zh")


def test_a_doctor_on_a_gbk_stream_says_so_in_gbk(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "targettrack", "doctor", "--lang", "zh"],
        capture_output=True,
        env={
            **os.environ,
            "PYTHONIOENCODING": "gbk",
            "PYTHONPATH": str(REPO / "src"),
            "TARGETTRACK_DB": str(tmp_path / "数据" / "目标.db"),
            "TARGETTRACK_CACHE": str(tmp_path / "缓存"),
        },
        timeout=60,
    )
    text = done.stdout.decode("gbk")
    assert done.returncode == 0, text
    assert "[正常] 控制台编码：gbk，可以显示中文和判定符号" in text
    assert str(tmp_path / "数据" / "目标.db") in text


def test_a_bad_language_setting_is_reported_in_english_and_the_rest_still_checked(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TARGETTRACK_LANG", "fr")
    result = run("doctor")
    assert result.exit_code == 1
    assert "[problem] Language: TARGETTRACK_LANG='fr' is not a language" in result.stdout
    assert "    What to do: Set TARGETTRACK_LANG to zh or en, or unset it." in result.stdout
    assert "[ok] Catalogue: " in result.stdout and "[ok] Database: " in result.stdout


def test_a_broken_catalogue_is_a_problem_that_points_to_check(run: Run, tmp_path: Path) -> None:
    broken = tmp_path / "2023.toml"
    broken.write_text('year = 2023\nregion = "洛江区"\n[[targets]\n', encoding="utf-8")
    result = run(["doctor", "--targets", str(broken), "--lang", "zh"])
    assert result.exit_code == 1
    line = next(ln for ln in result.stdout.splitlines() if "目标库：" in ln)
    assert line.startswith(f"[问题] 目标库：{broken}（来自 --targets）无法使用：")
    assert "请运行“targettrack check”查看每一处问题并改正" in result.stdout


def test_the_bundled_catalogue_and_a_folder_of_regions(tmp_path: Path) -> None:
    bundled = _line(diagnose(Settings.from_environment()), "Catalogue: ")
    assert bundled.ok
    assert bundled.text.render("zh").endswith("（程序自带），2023年，最新一年28个指标")
    tree = tmp_path / "regions"
    for ident, parent in (("city", ""), ("east", "city"), ("west", "city")):
        (tree / ident).mkdir(parents=True)
        text = (REPO / "targets" / "2023.toml").read_text(encoding="utf-8")
        text = text.replace('region_id = "luojiang"', f'region_id = "{ident}"', 1)
        # each region its own name: two regions of one name are refused (issue 28)
        text = text.replace('region = "洛江区"', f'region = "{ident}区"', 1)
        text = text.replace('region_en = "Luojiang District"', f'region_en = "{ident}"', 1)
        if parent:
            text = text.replace(f'region_id = "{ident}"', f'region_id = "{ident}"\nparent = "city"')
        (tree / ident / "2023.toml").write_text(text, encoding="utf-8")
    regions = _line(diagnose(Settings.from_environment(), targets=str(tree)), "Catalogue: ")
    assert regions.ok, regions.text.render("en")
    expected = f"Catalogue: {tree} (from --targets), 3 regions: city, east, west"
    assert regions.text.render("en") == expected


def test_the_cache_is_located_or_turned_off_or_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _line(diagnose(Settings.from_environment()), "Cache: ").text.render("en") == (
        f"Cache: {tmp_path / 'cache'} (from the variable TARGETTRACK_CACHE)"
    )
    monkeypatch.setenv("TARGETTRACK_CACHE", "")
    off = _line(diagnose(Settings.from_environment()), "Cache: ")
    assert off.ok and off.text.code == "doctor.cache_off"
    blocker = tmp_path / "not a folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("TARGETTRACK_CACHE", str(blocker / "cache"))
    bad = _line(diagnose(Settings.from_environment()), "Cache: ")
    assert not bad.ok and bad.advice == Message("doctor.cache_fix", variable="TARGETTRACK_CACHE")


def test_a_library_that_cannot_load_is_named_with_the_reason(tmp_path: Path) -> None:
    shadow = tmp_path / "shadow" / "opencc"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text(
        "raise ImportError('DLL load failed while importing opencc_clib')\n", encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "targettrack", "doctor", "--lang", "en"],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(shadow.parent), str(REPO / "src")]),
            "TARGETTRACK_DB": str(tmp_path / "t.db"),
            "TARGETTRACK_CACHE": str(tmp_path / "c"),
        },
        timeout=60,
    )
    assert done.returncode == 1
    assert (
        "[problem] Libraries: opencc cannot be loaded (ImportError: DLL load failed while "
        "importing opencc_clib)"
    ) in done.stdout
    assert "What to do: Run the offline bundle's install script again" in done.stdout


def test_the_writer_indents_advice_and_counts_problems() -> None:
    checks = [
        Check(True, Message("doctor.version", version="9")),
        Check(
            False, Message("doctor.console_bad", encoding="ascii"), Message("doctor.console_fix")
        ),
    ]
    assert doctor_text(checks, "zh").splitlines() == [
        "targettrack 诊断（把以下内容发给技术支持即可）",
        "[正常] 版本：targettrack 9",
        "[问题] 控制台编码：ascii，无法显示中文或判定符号，输出中会出现问号",
        "    处理办法：Windows 上请在控制台运行 chcp 936 后再试；Linux 上请设置 LANG=zh_CN.UTF-8；"
        "也可设置环境变量 PYTHONIOENCODING=utf-8。",
        "发现1处问题；请按上面的处理办法逐条解决。",
    ]


# -- the shared database ------------------------------------------------------------------------


def _role(server: pgserver.Server, name: str) -> str:
    name = f"{name}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(server.url(), autocommit=True) as con:
        con.execute(f'CREATE ROLE "{name}" LOGIN')
    return name


def _shared_line(url: str, timeout: int = 3) -> Check:
    return _line(
        diagnose(Settings.from_environment(), db=url, timeout=timeout), "Shared database: "
    )


def test_the_shared_database_answers_with_role_rights_and_schema(
    run: Run, pg_url: str, pg_server: pgserver.Server
) -> None:
    assert run(["record", "fdi", "1300", "--period", "2023-06", "--db", pg_url]).exit_code == 0
    admin = _shared_line(pg_url)
    assert admin.ok
    text = admin.text.render("en")
    from targettrack.store.postgres import SCHEMA_VERSION as PG_SCHEMA

    expected = f"connected as the role postgres (a superuser), schema {PG_SCHEMA}, 1 figures stored"
    assert expected in text
    assert "PostgreSQL " in text
    clerk = _role(pg_server, "shangwu")
    assert run(["db", "grant", clerk, "--department", "商务局", "--db", pg_url]).exit_code == 0
    as_clerk = _shared_line(pg_url.replace("postgres@", f"{clerk}@", 1))
    assert as_clerk.ok
    assert f"as the role {clerk} (records for: 商务局)" in as_clerk.text.render("en")
    assert f"以角色 {clerk} 连接（可录入：商务局）" in as_clerk.text.render("zh")
    reader = _role(pg_server, "lingdao")
    assert run(["db", "grant", reader, "--read-only", "--db", pg_url]).exit_code == 0
    as_reader = _shared_line(pg_url.replace("postgres@", f"{reader}@", 1))
    assert as_reader.ok and f"as the role {reader} (read-only)" in as_reader.text.render("en")


def test_a_role_with_no_rights_and_an_unprepared_database_are_problems(
    pg_url: str, pg_server: pgserver.Server
) -> None:
    nobody = _role(pg_server, "nobody")
    stranger = _shared_line(pg_url.replace("postgres@", f"{nobody}@", 1))
    assert not stranger.ok and stranger.text.code == "doctor.pg_no_access"
    assert stranger.advice == Message("doctor.pg_no_access_fix", role=nobody)
    bare = f"bare_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_server.url(), autocommit=True) as con:
        con.execute(f"CREATE DATABASE {bare}")
    unprepared = _shared_line(pg_server.url(bare))
    assert not unprepared.ok and unprepared.text.code == "doctor.pg_not_set_up"
    assert unprepared.advice is not None
    assert "targettrack db upgrade --db postgresql://postgres@" in unprepared.advice.render("en")


def test_a_shared_database_that_does_not_answer_is_a_problem_and_no_password_shows(
    run: Run,
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://clerk:s3cret-pw@127.0.0.1:{port}/targets"
    result = run(["doctor", "--db", url])
    assert result.exit_code == 1
    line = next(ln for ln in result.stdout.splitlines() if "Shared database: " in ln)
    assert line.startswith(
        f"[problem] Shared database: postgresql://clerk@127.0.0.1:{port}/targets (from --db): "
        "cannot connect: "
    )
    assert "s3cret-pw" not in result.stdout
    assert "pg_hba.conf" in result.stdout


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never says a word, like a server behind a
    firewall that drops replies; closed when the test ends."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(5)
    for connection in accepted:
        connection.close()
    listener.close()


def test_a_server_that_never_answers_gives_up_after_the_timeout(silent_server: int) -> None:
    url = f"postgresql://clerk@127.0.0.1:{silent_server}/targets"
    silent = _shared_line(url, timeout=2)
    assert not silent.ok and silent.text.code == "doctor.pg_bad"
    assert "timeout" in silent.text.render("en").lower()
