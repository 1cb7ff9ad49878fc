"""The files departments send: GBK and UTF-16 CSV, Chinese headers, xlsx from other programs,
and the entry sheet the office sends out and imports back unchanged."""

from __future__ import annotations

import datetime
import getpass
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from targettrack.usecases.entries import login_name
from tests.conftest import Run

# As Excel or WPS on a Chinese Windows computer saves "CSV (逗号分隔)": GBK, Chinese headers.
CHINESE_CSV = (
    "指标,期别,数值,备注,来源,状态,填报人\r\n"
    "实际利用外资（验资口径）,2023年1-6月,1300万美元,商务局报送,商务局,初步,王五\r\n"
    "地区生产总值,2023年上半年,5.5%,,统计局,最终,李四\r\n"
    "节能减排任务,2023年1-6月,进行中,,发改局,,\r\n"
)


def _history(run: Run, target: str) -> list[dict[str, object]]:
    result = run(f"history {target} --format json")
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("gb18030", b""), ("gbk", b""), ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b"")],
)
def test_csv_in_every_encoding_departments_send_is_read(
    run: Run, tmp_path: Path, encoding: str, bom: bytes
) -> None:
    path = tmp_path / "商务局6月.csv"
    path.write_bytes(bom + CHINESE_CSV.encode(encoding))  # utf-16 writes its own BOM
    result = run(["import", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "Imported 3 new" in result.stdout
    fdi = _history(run, "fdi")[0]
    assert (fdi["value"], fdi["period"], fdi["note"], fdi["on_behalf_of"]) == (
        1300,
        "2023-06",
        "商务局报送",
        "王五",
    )
    assert fdi["by"] == getpass.getuser()  # who ran the import, beside the file's 填报人
    gdp = _history(run, "gdp")[0]
    assert (gdp["value"], gdp["period"], gdp["status"]) == (5.5, "2023-H1", "final")
    assert _history(run, "energy_saving")[0]["value"] == "in-progress"


def test_a_chinese_file_that_names_single_months_is_refused_by_row(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes("指标,期别,数值\r\n外资,2023年6月,1300\r\n".encode("gb18030"))
    result = run(["import", str(path)])
    assert result.exit_code == 1
    assert "row 2: '2023年6月' names month 6 alone" in result.stderr


def test_an_xlsx_written_by_another_program_is_read_exactly(run: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "6月"
    sheet.append(["指标编号", "指标名称", "期别", "数值", "备注"])
    sheet.append(["urban_investment", "总投资", "2023年1-6月", 1646.4, "typed"])
    sheet.append(["rural_investment_2023", "年度计划投资", "2023年1-6月", 0.1 + 0.2, "computed"])
    sheet.append(["farmland", "高标准农田", datetime.datetime(2023, 6, 1), 1200, "a date cell"])
    sheet.append(["school_places", "新增学位", "2023年1-6月", None, "not reported yet"])
    other = book.create_sheet("说明")
    other.append(["本表由商务局填报"])
    path = tmp_path / "报表" / "2023年1-6月.xlsx"
    path.parent.mkdir()
    book.save(path)
    result = run(["import", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "1 row(s) without a value skipped" in result.stdout
    assert _history(run, "urban_investment")[0]["value"] == 1646.4
    value = _history(run, "rural_investment_2023")[0]["value"]
    assert Decimal(str(value)) == Decimal("0.3")  # as Excel shows it, not 0.30000000000000004
    assert _history(run, "farmland")[0]["period"] == "2023-06"
    assert _history(run, "school_places") == []
    named = run(["import", str(path), "--sheet", "说明"])
    assert named.exit_code == 1 and "lacks the column(s) target, period, value" in named.stderr
    missing = run(["import", str(path), "--sheet", "7月"])
    assert missing.exit_code == 1 and "there is no sheet '7月'" in missing.stderr


def test_a_file_named_xlsx_that_is_not_a_workbook_is_refused(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("target,period,value\n", encoding="utf-8")
    result = run(["import", str(path)])
    assert result.exit_code == 1 and "is not a workbook that can be read" in result.stderr


def test_the_xlsx_template_is_filled_and_imported_unchanged(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "商务局.xlsx"
    result = run(["template", "--period", "2023-06", "--department", "商务局", "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    assert sheet["A1"].value == "洛江区2023年1-6月主要经济指标填报表（商务局）"
    assert sheet["A2"].value == "请于2023年7月8日前报送；滞后的指标请填写原因分析和下步措施。"
    header = [c.value for c in sheet[3]]
    assert header == [
        "指标编号", "指标名称", "单位", "年度目标", "责任单位", "期别", "数值", "上年同期", "状态",
        "原因分析", "下步措施", "备注", "来源", "填报人",
    ]  # fmt: skip
    rows = list(sheet.iter_rows(min_row=4))
    assert [r[0].value for r in rows] == ["fdi", "exports", "retail_sales"]
    assert [r[3].value for r in rows] == ["2,500 万美元", "增长10%", "增长10%"]
    assert {r[5].value for r in rows} == {"2023年1-6月"}
    rows[0][6].value = 1000  # the department fills two of three rows
    rows[0][7].value = 900  # last year's figure: growth on it
    rows[0][8].value = "最终"
    rows[0][9].value = "两个项目到账推迟"
    rows[0][10].value = "督促7月到账"
    rows[1][6].value = 8.5
    rows[1][11].value = "出口增速"
    rows[2][9].value = "消费恢复偏慢"  # a reason alone: recorded, the figure not reported
    rows[0][13].value = "王五"  # the file's 填报人
    book.save(path)
    imported = run(["import", str(path)])
    assert imported.exit_code == 0, imported.stderr
    assert (
        "Imported 2 new" in imported.stdout
        and "1 row(s) without a value skipped" in imported.stdout
        and "Recorded 2 reason(s) and measures as well." in imported.stdout
    )
    assert _history(run, "exports")[0]["note"] == "出口增速"
    fdi = _history(run, "fdi")[0]
    assert (fdi["prior"], fdi["status"]) == (900, "final")
    why = json.loads(run("history fdi --explanations --format json").stdout)
    assert [(w["cause"], w["measures"], w["period"]) for w in why] == [
        ("两个项目到账推迟", "督促7月到账", "2023-06")
    ]
    # the reason is recorded as the figure is: by whoever ran the import, for the 填报人
    assert (why[0]["by"], why[0]["on_behalf_of"]) == (fdi["by"], "王五") == (login_name(), "王五")
    again = run(["import", str(path)])  # the same sheet again: nothing new
    assert again.exit_code == 0 and "reason" not in again.stdout, again.output
    rows[0][9].value = "三个项目到账推迟"
    book.save(path)
    conflict = run(["import", str(path)])
    assert conflict.exit_code == 1 and "(fdi) for Jan–Jun 2023 has other reasons" in (
        conflict.stderr
    ), conflict.output
    revised = run(["import", str(path), "--revise"])
    assert revised.exit_code == 0 and "Recorded 1 reason(s)" in revised.stdout


def test_the_csv_template_lists_every_target_due_and_imports_back(run: Run, tmp_path: Path) -> None:
    result = run("template --format csv --period 2023年前三季度")
    assert result.exit_code == 0
    lines = result.stdout.lstrip("\ufeff").splitlines()
    assert lines[0] == "洛江区2023年前三季度主要经济指标填报表"  # a title, and the due dates
    assert lines[1].startswith("请于2023年10月8日前报送（统计局2023年10月15日前）；")
    # 28 targets but the two yearly grain ones, which report in December
    assert len(lines) == 3 + 26 and "grain_area" not in result.stdout
    assert lines[3].startswith("gdp,地区生产总值,%,增长7%,统计局,2023年前三季度,")
    filled = "\n".join([*lines[:3], lines[3].replace("2023年前三季度,", "2023年前三季度,6.1", 1)])
    path = tmp_path / "filled.csv"
    path.write_text(filled + "\n", encoding="utf-8")
    assert run(["import", str(path)]).exit_code == 0
    assert _history(run, "gdp")[0]["period"] == "2023-Q3"


def test_a_template_for_an_unknown_department_names_the_departments(run: Run) -> None:
    result = run("template --format csv --period 2023-06 --department 外事办")
    assert result.exit_code == 1
    assert "No target of 2023 belongs to '外事办'" in result.stderr and "商务局" in result.stderr


def test_a_problem_repeated_on_many_rows_is_named_on_each(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "repeated.csv"
    path.write_text(
        "target,period,value,status\n"
        "fdx,2023-06,1,\n"
        "gdp,2023年6月,5,\n"
        "fdx,2023-07,2,\n"
        "gdp,2023年6月,6,\n"
        "exports,2023-06,7,maybe\n"
        "exports,2023-07,8,maybe\n",
        encoding="utf-8",
    )
    result = run(["import", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()[1:]
    assert [line.split(":", 1)[0].strip() for line in lines] == [
        "row 2",
        "row 3",
        "row 4",
        "row 5",
        "row 6",
        "row 7",
    ]
    assert lines[0].split(": ", 1)[1] == lines[2].split(": ", 1)[1]  # the same words, again
    assert (
        "names month 6 alone" in lines[1]
        and lines[1].split(": ", 1)[1] == lines[3].split(": ", 1)[1]
    )
    assert "'maybe'" in lines[4] and "'maybe'" in lines[5]


def test_who_ran_an_import_and_whom_the_file_names_are_both_shown(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "商务局.csv"
    path.write_text("指标,期别,数值,填报人\nfdi,2023-05,1000,商务局 王五\n", encoding="utf-8")
    assert run(["import", str(path)]).exit_code == 0
    login = getpass.getuser()
    shown = run("history fdi --lang zh").stdout.replace("\n", "").replace("│", "").replace(" ", "")
    assert f"商务局王五（{login}导入）" in shown
    assert "录入人一栏是录入时的登录名" not in shown  # every figure names its person
    assert run("record fdi 1100 --period 2023-06").exit_code == 0
    named = run("history fdi --lang en").stdout
    assert "By is the login name that recorded the figure" in named.replace("\n", " ")


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused_not_misread(
    run: Run, tmp_path: Path
) -> None:
    for name, data in (("figures.json", b"[{}]"), ("figures.xls", b"\xd0\xcf\x11\xe0")):
        path = tmp_path / name
        path.write_bytes(data)
        refused = run(["import", str(path), "--lang", "zh"])
        assert refused.exit_code == 1
        assert (
            f"{name}：{path.suffix} 文件不能导入；请在 Excel 或 WPS 中另存为 xlsx 或 CSV"
            in refused.stderr
        )


def test_a_row_with_two_problems_is_counted_once(run: Run, tmp_path: Path) -> None:
    assert run("record fdi 1000 --period 2023-06").exit_code == 0
    assert run("explain fdi --period 2023-06 --reason 到账推迟").exit_code == 0
    path = tmp_path / "again.csv"
    path.write_text("target,period,value,reason\nfdi,2023-06,1100,另有原因\n", encoding="utf-8")
    refused = run(["import", str(path), "--lang", "zh"])
    assert refused.exit_code == 1
    assert "有1行不符合要求" in refused.stderr
    assert refused.stderr.count("第2行：") == 2  # both of its problems are listed


def test_a_rates_prior_alone_in_a_file_is_refused_in_the_files_own_words(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "gdp.csv"
    path.write_text("指标,期别,数值,上年同期\n地区生产总值,2023年1-6月,6.4,170\n", encoding="utf-8")
    refused = run(["import", str(path), "--lang", "zh"])
    assert refused.exit_code == 1
    assert "文件中为“本年值”与“上年同期”两列" in refused.stderr


def test_the_rows_not_listed_are_counted_as_rows(run: Run, tmp_path: Path) -> None:
    # sixty rows, each with two problems (an unknown target, and its reason with it)
    lines = ["target,period,value,reason"] + [f"nosuch{i},2023-06,1,原因{i}" for i in range(60)]
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    refused = run(["import", str(path)])
    assert refused.exit_code == 1
    assert "60 rows are not acceptable" in refused.stderr
    assert "more rows" not in refused.stderr  # the hundred lines listed cover all sixty
