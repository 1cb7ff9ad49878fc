"""The office's month: its table, its departments, late figures, what moved, its machines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, REPO, Run


@pytest.fixture
def june(run: Run) -> None:
    for command in (
        "record fdi 1300 --period 2023-03 --prior 1000 --note 验资口径",  # 商务局 is late
        "record exports 9.5 --period 2023-06",
        "record gdp --level 178.5 --prior 170 --period 2023-06",
        "record urban_investment 120 --period 2023-06 --prior 100",
        "record gdp 5.2 --period 2023-05",
        "record urban_investment 90 --period 2023-05",
    ):
        assert run(command).exit_code == 0, command


def _json(run: Run, command: str) -> dict[str, dict[str, object]]:
    result = run(command)
    assert result.exit_code == 0, result.output
    return {row["id"]: row for row in json.loads(result.stdout)}


def test_amount_growth_on_last_year_and_the_level_of_a_rate(run: Run, june: None) -> None:
    rows = _json(run, "status --format json")
    assert rows["urban_investment"]["yoy_pct"] == 20.0  # 120 against 100 last year
    assert rows["fdi"]["yoy_pct"] == 30.0
    assert rows["gdp"]["level"] == 178.5 and rows["gdp"]["yoy_pct"] == 5.0
    assert rows["gdp"]["derived"] is True
    assert rows["exports"]["yoy_pct"] == 9.5 and rows["exports"]["level"] is None


def test_a_late_figure_is_judged_at_the_tables_pace_and_marked(
    run: Run, june: None, tmp_path: Path
) -> None:
    fdi = _json(run, "status --format json")["fdi"]
    # 1,300 of 2,500 is 52.0 %: against the table's 1-6月 pace, 50.0 %, not March's 25.0 %
    assert (fdi["pace_pct"], fdi["gap_pp"], fdi["stale"], fdi["verdict"]) == (
        50.0,
        2.0,
        True,
        "on_track",
    )
    assert fdi["note"] == "验资口径" and fdi["department"] == "商务局"
    table = run("status --lang zh").stdout
    assert "（1-3月 ※）" in table and "※ 未更新：该项数据截至较早时期，按本表序时进度判定" in table
    # the catalogue's rules may judge it at its own period instead
    own = tmp_path / "2023.toml"
    own.write_text(
        BUNDLED.read_text(encoding="utf-8").replace(
            "[tolerances]", '[rules]\nlate_figures = "own"\n\n[tolerances]'
        ),
        encoding="utf-8",
    )
    fdi = _json(run, f"status --format json --targets {own}")["fdi"]
    assert (fdi["pace_pct"], fdi["gap_pp"], fdi["stale"]) == (25.0, 27.0, True)
    table = run(f"status --lang zh --targets {own}").stdout
    assert "※ 未更新：该项数据截至较早时期，按其所属时期的序时进度判定" in table


def test_the_chinese_table_has_the_offices_columns_at_160(
    run: Run, june: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    table = run("status --lang zh").stdout
    for head in ("年度目标", "1-6月完成", "同比增长%", "完成年度目标%", "序时进度", "责任单位"):
        assert head in table, head
    gdp = next(line for line in table.splitlines() if "地区生产总值" in line)
    assert "178.5 亿元" in gdp and "+5.0%*" in gdp


def test_status_for_one_department_and_grouped_by_department(run: Run, june: None) -> None:
    commerce = _json(run, "status --format json --department 商务局")
    assert sorted(commerce) == ["exports", "fdi", "retail_sales"]
    grouped = run("status --by-department --lang zh").stdout
    assert grouped.index("统计局") < grouped.index("地区生产总值") < grouped.index("财政局")
    unknown = run("status --department 外事办")
    assert unknown.exit_code == 1 and "the departments are: " in unknown.stderr


def test_missing_lists_who_still_has_to_report(run: Run, june: None) -> None:
    late = _json(run, "status --missing --as-of 2023-06 --today 2023-07-12 --format json")
    assert "fdi" in late and "gdp" not in late and "urban_investment" not in late
    # grain area and grain output come once a year: not missing in June
    assert "grain_area" not in late and "grain_output" not in late
    assert len(late) == 28 - 3 - 2
    table = run("status --lang en").stdout
    first = "Gross output of farming, forestry, animal husbandry and fishery"
    assert f"23 targets have no figure for Jan–Jun yet: {first}" in table.replace("\n", " ")
    chinese = run("status --lang zh").stdout.replace("\n", "")
    assert "以下23个指标尚无1-6月的数据：农林牧渔业总产值；" in chinese  # names, not ids


def test_compare_says_what_moved_in_figures_and_verdicts(run: Run, june: None) -> None:
    moved = {
        row["id"]: row
        for row in json.loads(run("compare 2023-06 2023-05 --format json").stdout)
        if row["moved"]
    }
    assert sorted(moved) == ["exports", "gdp", "urban_investment"]
    assert moved["urban_investment"]["change"] == 30
    assert moved["gdp"]["before_actual"] == 5.2 and moved["gdp"]["now_actual"] == 5
    assert moved["exports"]["before_verdict"] == "no_data"
    table = run("status --since 2023-05 --lang zh").stdout
    assert "1-5月至1-6月的变化" in table and "全社会固定资产投资" not in table


def _subprocess(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    environ = {
        **os.environ,
        "TARGETTRACK_DB": str(tmp_path / "数据" / "目标.db"),
        "TARGETTRACK_CACHE": str(tmp_path / "cache"),
        "PYTHONPATH": str(REPO / "src"),
        "COLUMNS": "100",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "targettrack", *args],
        capture_output=True,
        env=environ,
        timeout=60,
    )


def test_every_command_works_when_the_output_stream_is_gbk(tmp_path: Path) -> None:
    """What Windows does with a redirected command (> 6月.txt, | more): Python writes in the
    console's code page, GBK (936). Every command, in both languages, on its way out."""
    from tests.test_cli_basics import COMMANDS

    record = _subprocess(["record", "外资", "1300", "--period", "2023年1-6月"], tmp_path)
    assert record.returncode == 0, record.stderr
    report = tmp_path / "报告.txt"
    report.write_text("今年主要预期目标为：地区生产总值增长7%左右。", encoding="gb18030")
    sent = tmp_path / "商务局.csv"
    sent.write_bytes("指标,期别,数值\nexports,2023年1-6月,9.5\n".encode("gbk"))
    runs = [
        ["status", "--lang", "zh"],
        ["status", "--lang", "en"],
        ["export", "--format", "csv", "--lang", "zh"],
        ["export", "--format", "markdown"],
        ["history", "fdi", "--lang", "zh"],
        ["show", "fdi", "--lang", "zh"],
        ["targets", "--lang", "zh"],
        ["record", "gdp", "abc", "--period", "2023-06", "--lang", "zh"],
        ["check", "--lang", "zh"],
        ["import", str(sent), "--lang", "zh"],
        ["compare", "2023-06", "2023-03", "--lang", "zh"],
        ["template", "--period", "2023年1-6月", "--format", "csv", "--lang", "zh"],
        ["draft", str(report), "--region-id", "luojiang", "--lang", "zh"],
        ["regions", "--lang", "zh"],
        ["rank", "gdp", "--lang", "zh"],
        ["rollup", "--parent", "luojiang", "--lang", "zh"],
        ["doctor", "--lang", "zh"],
        ["report", "--format", "text", "--lang", "zh"],
        ["outlook", "--lang", "zh"],
        ["explain", "fdi", "--period", "2023-06", "--reason", "项目延期", "--lang", "zh"],
        ["publish", "--period", "2023-06", "--lang", "zh"],
        ["remind", "--today", "2023-07-12", "--lang", "zh"],
        ["withdraw", "fdi", "--period", "2023-06", "--reason", "录错了", "--lang", "zh"],
    ]
    assert {args[0] for args in runs} == set(COMMANDS)
    for args in runs:
        done = _subprocess(args, tmp_path, PYTHONIOENCODING="gbk")
        assert b"Traceback" not in done.stderr and b"unexpected" not in done.stderr, args
        text = done.stdout.decode("gbk")  # what Windows writes to 6月.txt or | more
        errors = done.stderr.decode("gbk")
        assert not text.startswith("\ufeff")
        assert "?" not in text, args  # nothing GBK cannot hold, replaced
        if args[0] == "status" and args[-1] == "zh":
            assert "√ 符合进度" in text and "实际利用外资" in text
        if args[0] == "record":
            assert done.returncode == 1 and "错误：" in errors
        if args[0] in ("import", "doctor", "withdraw", "check", "regions"):
            assert done.returncode == 0, (args, errors)


def test_chinese_characters_in_every_path(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "报表"
    folder.mkdir()
    catalogue = tmp_path / "目标库" / "2023.toml"
    catalogue.parent.mkdir()
    catalogue.write_bytes((REPO / "targets" / "2023.toml").read_bytes())
    db = tmp_path / "数据库" / "洛江.db"
    common = ["--targets", str(catalogue), "--db", str(db)]
    assert run(["record", "fdi", "1300", "--period", "2023-06", *common]).exit_code == 0
    out = folder / "2023年1-6月.xlsx"
    result = run(["export", "--output", str(out), *common])
    assert result.exit_code == 0 and out.read_bytes()[:2] == b"PK"
    csv_out = folder / "2023年1-6月.csv"
    assert run(["export", "--output", str(csv_out), "--lang", "zh", *common]).exit_code == 0
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbf")  # a file for Excel: with its BOM
