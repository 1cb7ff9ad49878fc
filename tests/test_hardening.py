"""Holes found by trying to break the tool: each test states the behaviour that closes one."""

from __future__ import annotations

import json
import re
import shlex
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import BUNDLED, Run, dump


def _csv(tmp_path: Path, text: str, name: str = "d.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- files that would misfile figures ---------------------------------------------------------


def test_a_repeated_column_in_the_header_is_refused(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    path = _csv(tmp_path, "target,period,value,target\ngdp,2023-06,5.1,fdi\n")
    result = run(["import", str(path)])
    assert result.exit_code == 1
    assert "names the column(s) target more than once" in result.stderr
    assert not db_path.exists()


def test_a_row_longer_than_the_header_is_refused(run: Run, tmp_path: Path, db_path: Path) -> None:
    path = _csv(tmp_path, "target,period,value\nfdi,2023-06,1\ngdp,2023-07,5.1,oops,more\n")
    result = run(["import", str(path)])
    assert result.exit_code == 1
    assert "row 3: the row has 5 fields but the header has 3" in result.stderr
    assert dump(db_path) == []


def test_excels_empty_trailing_columns_are_harmless(run: Run, tmp_path: Path) -> None:
    path = _csv(tmp_path, "target,period,value,,\nfdi,2023-06,1200,,\ngdp,2023-06,5.1,,\n")
    result = run(["import", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "Imported 2 new" in result.stdout


def test_a_value_under_a_column_with_no_name_is_refused(run: Run, tmp_path: Path) -> None:
    path = _csv(tmp_path, "target,period,value,\nfdi,2023-06,1200,5\n")
    result = run(["import", str(path)])
    assert result.exit_code == 1 and "stands in a column with no name" in result.stderr


# -- catalogues that check passes but that later fail -----------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("target = 2500", "target = 1e30", "implausibly large"),
        ("target = 2500", "target = 1e-30", "more than 6 decimals"),
        ("target = 7\n", "target = 1e30\n", "a rate must lie between"),
        ("target = 7\n", "target = -150\n", "a rate must lie between"),
        ("amount_pp = 10", "amount_pp = 1e30", "less than or equal to 1000"),
    ],
)
def test_check_refuses_numbers_the_engine_cannot_handle(
    run: Run, tmp_path: Path, old: str, new: str, fragment: str
) -> None:
    catalogue = tmp_path / "2023.toml"
    catalogue.write_text(BUNDLED.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = run(["check", str(catalogue)])
    assert result.exit_code == 1
    assert fragment in result.stderr
    assert run(["status", "--targets", str(catalogue)]).exit_code == 1


def test_one_broken_target_neither_hides_nor_invents_problems(run: Run, tmp_path: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    text = text.replace('id = "gdp"\n', 'id = "gdp"\ncolour = "red"\n', 1)
    text = text.replace("target = 2500", "target = inf", 1)
    text = text.replace('id = "agri_output"', 'id = "gdp"', 1)
    catalogue = tmp_path / "2023.toml"
    catalogue.write_text(text, encoding="utf-8")
    result = run(["check", str(catalogue)])
    assert result.exit_code == 1
    assert "targets[0] (gdp).colour: unknown key" in result.stderr
    assert "(fdi).target: must be a finite number" in result.stderr
    assert "targets[1] (gdp).id: duplicate id; targets[0] has the same id 'gdp'" in result.stderr
    assert "relative_to" not in result.stderr  # income_per_capita's gdp exists, though broken


def test_the_cache_does_not_skip_the_year_check(run: Run, tmp_path: Path) -> None:
    misnamed = tmp_path / "single" / "2024.toml"
    misnamed.parent.mkdir()
    misnamed.write_bytes(BUNDLED.read_bytes())  # says year = 2023
    assert run(["check", str(misnamed)]).exit_code == 0  # as a file, its name does not matter
    assert run(["targets", "--targets", str(misnamed)]).exit_code == 0  # now in the cache
    result = run(["targets", "--targets", str(misnamed.parent), "--year", "2024"])
    assert result.exit_code == 1
    assert "named for 2024 but says year = 2023" in result.stderr


def test_names_with_control_characters_are_refused_in_catalogues(run: Run, tmp_path: Path) -> None:
    catalogue = tmp_path / "2023.toml"
    text = BUNDLED.read_text(encoding="utf-8").replace('"GDP"', '"GDP\\u001b[2J"', 1)
    catalogue.write_text(text, encoding="utf-8")
    result = run(["check", str(catalogue)])
    assert result.exit_code == 1 and "must not contain control characters" in result.stderr


# -- what a terminal is shown -------------------------------------------------------------------


def test_stored_control_characters_never_reach_the_terminal_raw(run: Run, db_path: Path) -> None:
    assert run("record fdi 1 --period 2023-06").exit_code == 0
    with sqlite3.connect(db_path) as con:  # another program wrote it, not through the tool
        con.execute(
            "INSERT INTO figures (region, year, target_id, month, period, version, value, "
            "unit, status, recorded_by, recorded_at, note) SELECT region, year, target_id, "
            "month, period, 2, '2', unit, status, 'x\x1b[31m', recorded_at, "
            "'\x1b[2J\x1b[31mred' FROM figures"
        )
    out = run("history fdi").stdout + run("show fdi").stdout
    assert "\x1b" not in out and "\N{REPLACEMENT CHARACTER}" in out


def test_history_at_80_columns_keeps_source_and_note_readable(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    note = "根据6月验资报告初步统计，待外汇局核实后更新"
    assert run(["record", "fdi", "1", "--period", "2023-06", "--source", "商务局外资科",
                "--note", note]).exit_code == 0  # fmt: skip
    for lang in ("zh", "en"):
        out = run(f"history fdi --lang {lang}").stdout
        lines = [line.split("│") for line in out.splitlines() if "│" in line]
        assert note in "".join(cells[-2].strip() for cells in lines)  # wrapped, but whole
        assert "商务局外资科" in "".join(cells[-3].strip() for cells in lines)
    zh = run("history fdi --lang zh").stdout
    assert "来源" in zh and "备注" in zh  # headers never broken a character a line


def test_times_are_shown_in_local_time_with_the_zone(run: Run, shanghai_time: None) -> None:
    assert run("record fdi 1 --period 2023-06").exit_code == 0
    stamp = json.loads(run("history fdi --format json").stdout)[0]["recorded_at"]
    assert stamp.endswith("+08:00")  # JSON keeps ISO 8601 with its offset
    assert f"{stamp[:10]} {stamp[11:16]} CST" in run("history fdi").stdout


# -- figures recorded, but with a word ----------------------------------------------------------


def test_a_falling_or_far_too_large_amount_is_recorded_with_a_warning(run: Run) -> None:
    assert run("record farmland 1500 --period 2023-03").exit_code == 0
    falling = run("record farmland 1200 --period 2023-06")
    assert falling.exit_code == 0
    assert (
        "Warning: New or upgraded high-standard farmland (farmland) for"
        " Jan–Jun 2023 (1,200 亩) is below the figure of an earlier"
    ) in (falling.stderr)
    huge = run("record farmland 2.1万亩 --period 2023-09")
    assert huge.exit_code == 0
    assert "6.6 times the year's target of 3,200 亩; check its unit" in huge.stderr
    quiet = run("record farmland 1200 --period 2023-08")  # between June and September
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_import_lists_its_warnings_by_row(run: Run, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "target,period,value\nfarmland,2023-03,1500\nfarmland,2023-06,1200\nfdi,2023-06,9000\n",
    )
    result = run(["import", str(path)])
    assert result.exit_code == 0
    assert "Imported 3 new" in result.stdout
    assert (
        "Warning: row 3: New or upgraded high-standard farmland"
        " (farmland) for Jan–Jun 2023 (1,200 亩) is below"
    ) in result.stderr
    assert (
        "Warning: row 4: Foreign investment actually used (capital-verification"
        " basis) (fdi) for Jan–Jun 2023 (9,000 万美元) is 3.6 times"
    ) in result.stderr


def test_a_rate_far_from_its_levels_is_recorded_with_a_warning(run: Run) -> None:
    result = run("record gdp 5.2 --level 100 --prior 50 --period 2023-06")
    assert result.exit_code == 0
    assert "94.8 points from the nominal rate of its --level and --prior (100.0%)" in (
        result.stderr
    )
    near = run("record gdp 5.2 --level 102.8 --prior 100 --period 2023-09")
    assert near.exit_code == 0 and near.stderr == ""


def test_an_unchanged_figure_is_not_a_revision(run: Run, db_path: Path) -> None:
    assert run("record fdi 1200 --period 2023-06").exit_code == 0
    before = dump(db_path)
    for command in (
        "record fdi 1200 --period 2023-06 --revise",
        "record fdi 0.12亿美元 --period 2023-H1",
    ):
        result = run(command)
        assert result.exit_code == 0
        assert "is already 1,200 万美元 (provisional, version 1); nothing was recorded" in (
            result.stdout
        )
    assert dump(db_path) == before
    assert run("record fdi 1200 --period 2023-06 --revise --status final").exit_code == 0
    assert len(dump(db_path)) == 2  # a new status is a new version


# -- messages -----------------------------------------------------------------------------------


def test_long_or_invisible_input_is_echoed_short_and_visible(run: Run) -> None:
    long_value = "9" * 20 + "x" * 5000
    result = run(["record", "fdi", long_value, "--period", "2023-06"])
    assert result.exit_code == 1 and len(result.stderr) < 400 and "…" in result.stderr
    nul = run(["record", "gdp", "5.1\x00", "--period", "2023-06"])
    assert nul.exit_code == 1 and "'5.1\\x00'" in nul.stderr


def test_bytes_that_are_not_utf8_are_refused_in_free_text(run: Run, db_path: Path) -> None:
    # what Python makes of the argument $'\xff' on a UTF-8 system
    result = run(["record", "fdi", "1", "--period", "2023-06", "--note", "\udcff"])
    assert result.exit_code == 1 and "not UTF-8 text" in result.stderr
    assert dump(db_path) == []


def test_groups_of_three_digits_may_be_separated_by_spaces(run: Run) -> None:
    assert run(["record", "farmland", "1 000", "--period", "2023-06"]).exit_code == 0
    assert json.loads(run("history farmland --format json").stdout)[0]["value"] == 1000


@pytest.mark.parametrize(
    ("variable", "value", "fragment"),
    [
        ("TARGETTRACK_LANG", "fr", "not a language targettrack speaks"),
        ("TARGETTRACK_BUSY_TIMEOUT", "nan", "not a number of seconds"),
        ("TARGETTRACK_BUSY_TIMEOUT", "-1", "not a number of seconds"),
        ("TARGETTRACK_DB", "", "set but empty"),
    ],
)
def test_bad_environment_settings_are_refused(
    run: Run, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, fragment: str
) -> None:
    assert run("record fdi 1 --period 2023-06").exit_code == 0
    monkeypatch.setenv(variable, value)
    result = run("status")
    assert result.exit_code == 1 and fragment in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("where", "command"),
    [
        ("TARGETTRACK_DB", "status"),
        ("TARGETTRACK_TARGETS", "status"),
        ("TARGETTRACK_CACHE", "status"),
        (None, "status -o ~nouser_of_this_machine/x.csv"),
        (None, "draft {report} --year 2024 -o ~nouser_of_this_machine/x.toml"),
    ],
)
def test_a_home_folder_of_no_user_is_said_in_the_users_language(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, where: str | None, command: str
) -> None:
    report = tmp_path / "report.txt"
    report.write_text("今年地区生产总值增长6%左右，固定资产投资增长8%。", "utf-8")
    if where is not None:
        monkeypatch.setenv(where, "~nouser_of_this_machine/x")
    argv = [*shlex.split(command.format(report=report, tmp=tmp_path)), "--lang", "zh"]
    result = run(argv)
    assert result.exit_code == 1, result.output
    assert "路径中的 ~用户名 指向不存在的用户" in result.stderr, result.stderr
    assert "home directory" not in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "d.toml").exists()


def test_the_systems_reasons_are_said_in_chinese(run: Run, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", "utf-8")
    where = ["--db", str(tmp_path / "file" / "x.db"), "--lang", "zh"]
    result = run(["record", "fdi", "1", "--period", "2023-06", *where])
    assert result.exit_code == 1
    assert "创建文件夹（文件已存在）" in result.stderr and "File exists" not in result.stderr
    (tmp_path / "folder.db").mkdir()
    read = run(["check", str(tmp_path / "folder.db" / "2023.toml"), "--lang", "zh"])
    assert read.exit_code == 1 and "Not a directory" not in read.stderr


def test_a_missing_option_is_named_with_its_kind(run: Run) -> None:
    result = run("rollup")
    assert result.exit_code == 1 and "Missing option '--parent'." in result.stderr
    assert "缺少选项 --parent" in run("rollup --lang zh").stderr


def test_a_rollup_over_a_single_region_says_why_it_cannot(run: Run) -> None:
    result = run("rollup --parent luojiang --lang zh")
    assert result.exit_code == 1
    assert "目标库只有一个地区（洛江区），无从汇总" in result.stderr
    other = run("rollup --parent x")
    assert "one region (luojiang)" in other.stderr


# -- fuzzing the readers ------------------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40
) | st.sampled_from(["1,234.5万亩", "0.25亿美元", "2023年1-6月", "2023-Q5", "1e5", "-0", "1 000"])


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=_TEXT, period=_TEXT, target=st.sampled_from(["fdi", "gdp", "energy_saving"]))
def test_fuzzed_values_and_periods_never_crash(
    run: Run, target: str, value: str, period: str
) -> None:
    result = run(["record", target, value, "--period", period, "--revise"])
    assert result.exit_code in (0, 1)
    assert "unexpected problem" not in result.stderr and "Traceback" not in result.stderr


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.lists(st.lists(_TEXT, max_size=6), max_size=5),
    header=st.lists(
        st.sampled_from(["target", "period", "value", "note", "", "by", "level", "x"]),
        max_size=6,
    ),
)
def test_fuzzed_csv_files_never_crash(
    run: Run, tmp_path: Path, header: list[str], body: list[list[str]]
) -> None:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(body)
    path = tmp_path / "fuzz.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    result = run(["import", str(path), "--dry-run"])
    assert result.exit_code in (0, 1)
    assert "unexpected problem" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["targets --format csv", "regions --format csv"])
def test_a_command_that_does_not_open_the_database_never_writes_over_it(
    run: Run, db_path: Path, command: str
) -> None:
    assert run("record fdi 500 --period 2023-03").exit_code == 0
    before = db_path.read_bytes()
    for target in (db_path, Path(f"{db_path}-wal")):
        result = run([*shlex.split(command), "-o", str(target)])
        assert result.exit_code == 1 and "--output" in result.stderr, result.output
    assert db_path.read_bytes() == before
    assert run("status").exit_code == 0


def test_the_command_lines_own_complaints_are_chinese_too(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TARGETTRACK_LANG", "zh")
    said = {
        "record 外资 100 --period": "错误：选项 --period 后面须写上它的值",
        "status --year abc": "错误：--year 的值无效：“abc”不是整数（参见“targettrack status",
        "status --lang fr": "错误：--lang 的值“fr”无效：请用 zh（中文）或 en（英文）",
        "record": "错误：缺少指标（名称或编号）（参见“targettrack record --help”）",
        "rank": "错误：缺少指标（名称或编号）",
    }
    for line, start in said.items():
        result = run(line)
        assert result.exit_code == 1 and result.stderr.startswith(start), (line, result.stderr)
        words = re.sub(r"--[a-z-]+|“[^”]*”|targettrack [a-z]+|zh|en", "", result.stderr)
        assert not re.search("[A-Za-z]", words), result.stderr  # click's English is gone
    monkeypatch.setenv("TARGETTRACK_LANG", "en")
    switch = run("status --lagging=1 --lang zh")  # --lang read even from a line click refuses
    assert switch.stderr.startswith("错误：选项 --lagging 是开关，不带值；请只写 --lagging")
    english = run("status --year abc")
    assert "Invalid value for --year: 'abc' is not a whole number." in english.stderr


def test_a_file_name_that_promises_another_format_is_refused(run: Run, tmp_path: Path) -> None:
    pdf = tmp_path / "完成情况.pdf"
    refused = run(["export", "-o", str(pdf), "--lang", "zh"])
    assert refused.exit_code == 1 and not pdf.exists()
    assert "无法按扩展名 .pdf 写出 完成情况.pdf" in refused.stderr
    assert ".csv、.md" in refused.stderr  # the endings it can write, listed the Chinese way
    plain = tmp_path / "完成情况.txt"  # a plain ending takes the default: CSV
    assert run(["export", "-o", str(plain)]).exit_code == 0 and plain.exists()
