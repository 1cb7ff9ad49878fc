"""Exports people hand on: CSV that Excel opens, guarded text, and a formatted workbook."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from targettrack.writers.delimited import cell_text
from targettrack.writers.guard import FORMULA_STARTS, guard
from tests.conftest import BUNDLED, Run

FIGURES = """target,period,value,status,note,source
gdp,2023-06,6.5,final,=HYPERLINK("http://evil"),统计局
exports,2023-06,-2.5,provisional,+cmd,@SUM(A1)
fdi,2023-06,1300,final,-minus,＝全角
farmland,2023-06,1200,final,＋plus,＠at
energy_saving,2023-06,in-progress,final,－dash,plain
"""

INJECTIONS = (
    '=HYPERLINK("http://evil")',
    "+cmd",
    "@SUM(A1)",
    "-minus",
    "＝全角",
    "＋plus",
    "＠at",
    "－dash",
)


@pytest.fixture
def recorded(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(FIGURES, encoding="utf-8")
    assert run(["import", str(path)]).exit_code == 0


def test_csv_has_one_bom_and_reads_back_to_the_status_values(
    run: Run, recorded: None, tmp_path: Path
) -> None:
    out = tmp_path / "status.csv"
    result = run(["export", "--output", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    status = json.loads(run("status --format json").stdout)
    assert [r["id"] for r in rows] == [s["id"] for s in status]
    for row, expected in zip(rows, status, strict=True):
        for key, value in expected.items():
            if value is None:
                assert row[key] == ""
            elif isinstance(value, bool):
                assert row[key] == str(value).lower()
            elif isinstance(value, (int, float)):
                assert Decimal(row[key]) == Decimal(str(value)), key
            else:
                assert row[key] in (value, "'" + value), key
    fdi = next(r for r in rows if r["id"] == "fdi")
    assert fdi["name_zh"] == "实际利用外资（验资口径）" and fdi["completion_pct"] == "52.0"
    exports = next(r for r in rows if r["id"] == "exports")
    assert exports["actual"] == "-2.5"  # a negative number stays a number, unguarded


def test_no_bom_and_chinese_headers(run: Run, recorded: None) -> None:
    plain = run("export --no-bom --lang zh").stdout
    assert not plain.startswith("\ufeff")
    header = next(csv.reader(io.StringIO(plain)))
    assert header[:3] == ["编号", "指标名称", "分组"]  # no English names for a Chinese reader
    assert "completion_pct" in run("export --lang en --no-bom").stdout.splitlines()[0]
    assert not run("export").stdout.startswith("\ufeff")  # a BOM is for files, not pipes


def test_records_export_keeps_every_version_and_guards_text(run: Run, recorded: None) -> None:
    assert run("record fdi 1400 --period 2023-06 --revise --note =1+1").exit_code == 0
    text = run("export --records").stdout
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    fdi = [r for r in rows if r["target"] == "fdi"]
    assert [(r["value"], r["version"]) for r in fdi] == [("1400", "2"), ("1300", "1")]
    notes = {r["note"] for r in rows} | {r["source"] for r in rows}
    for dangerous in (*INJECTIONS, "=1+1"):
        assert "'" + dangerous in notes
        assert dangerous not in notes
    assert "统计局" in notes and "plain" in notes


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_formula_start_is_guarded(start: str) -> None:
    assert guard(start + "x") == "'" + start + "x"
    assert cell_text(start + "1") == "'" + start + "1"
    assert cell_text(Decimal("-1.5")) == "-1.5"
    assert guard("正常") == "正常"


def test_json_and_markdown_to_files(run: Run, recorded: None, tmp_path: Path) -> None:
    as_json = tmp_path / "s.json"
    assert run(["export", "--format", "json", "-o", str(as_json)]).exit_code == 0
    assert json.loads(as_json.read_text("utf-8")) == json.loads(run("status --format json").stdout)
    as_md = tmp_path / "s.md"
    assert run(["export", "--format", "markdown", "-o", str(as_md), "--lang", "zh"]).exit_code == 0
    assert "| 地区生产总值 | 主要预期目标 |" in as_md.read_text("utf-8")  # names, no ids


def test_xlsx_needs_an_output_file(run: Run, recorded: None) -> None:
    result = run("export --format xlsx")
    assert result.exit_code == 1 and "--output" in result.stderr


def test_output_into_a_missing_folder_is_refused(run: Run, tmp_path: Path) -> None:
    result = run(["export", "-o", str(tmp_path / "nope" / "x.csv")])
    assert result.exit_code == 1 and "does not exist" in result.stderr


def test_workbook_values_formats_guards_and_charts(
    run: Run, recorded: None, tmp_path: Path
) -> None:
    out = tmp_path / "report.xlsx"
    result = run(["export", "--format", "xlsx", "-o", str(out), "--lang", "zh", "--records"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    reasons = "滞后指标的原因分析与下步措施"  # a sheet of its own: there are lagging targets
    assert book.sheetnames == ["完成情况", "数据记录", "图表", reasons]
    plain = tmp_path / "plain.xlsx"
    assert run(["export", "-o", str(plain), "--lang", "zh"]).exit_code == 0
    assert openpyxl.load_workbook(plain).sheetnames == ["完成情况", "图表", reasons]
    sheet = book["完成情况"]
    assert sheet["A1"].value == "洛江区2023年主要经济指标完成情况表（截至2023年1-6月）"
    assert sheet.freeze_panes == "C4"
    headers = [c.value for c in sheet[3]]
    assert headers == [
        "序号",
        "指标",
        "单位",
        "年度目标",
        "1-6月完成",
        "同比增长%",
        "完成年度目标%",
        "序时进度%",
        "差距（百分点）",
        "全年预计",
        "完成预判",
        "判定",
        "责任单位",
        "备注",
        "表述",
    ]
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=4) if row[0].value}
    fdi = rows["实际利用外资（验资口径）"]
    assert (fdi[3].value, fdi[4].value, fdi[6].value, fdi[7].value) == (2500, 1300, 52, 50)
    assert fdi[4].number_format == "#,##0"  # whole amounts show no .00
    assert fdi[6].number_format == "0.0"
    assert fdi[11].value == "√ 符合进度"
    # the year-end outlook on the straight line (no earlier years): 1,300 by June -> 2,600
    assert (fdi[9].value, fdi[9].number_format, fdi[10].value) == (2600, "#,##0", "有望完成")
    assert sheet.row_dimensions[fdi[0].row].outlineLevel == 1  # folds under its group
    assert fdi[11].fill.fgColor.rgb.endswith("E2F0D9")
    gdp = rows["地区生产总值"]
    assert (gdp[5].value, gdp[5].number_format, gdp[8].value) == (6.5, "0.0", -0.5)
    assert gdp[4].value is None and gdp[2].value == "亿元"  # no level recorded for the rate
    assert rows["新增学位"][3].number_format == "#,##0"
    assert rows["居民人均可支配收入"][3].value == "与地区生产总值同步"
    assert rows["节能减排任务"][4].value == "进行中"
    assert rows["出口商品总值"][5].value == -2.5 and rows["出口商品总值"][5].data_type == "n"
    group_titles = [row[0].value for row in sheet.iter_rows(min_row=4) if row[0].data_type == "s"]
    assert group_titles[:2] == ["主要预期目标", "构建现代产业体系"]

    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
    records = book["数据记录"]
    texts = {c.value: c for row in records.iter_rows(min_row=2) for c in row if c.value}
    for dangerous in INJECTIONS:
        cell = texts[dangerous]
        assert cell.data_type == "s" and cell.quotePrefix, dangerous
    assert not texts["统计局"].quotePrefix
    assert "2023年1-6月" in texts  # the office's periods, not the stored codes
    assert not [v for v in texts if isinstance(v, str) and v.startswith("2023-")]

    chart_sheet = book["图表"]
    charts = chart_sheet._charts
    assert len(charts) == 1
    assert len(charts[0].series) == 3  # completion, pace and the year-end outlook
    assert chart_sheet["B1"].value == "完成年度目标%" and chart_sheet["C1"].value == "序时进度%"
    assert chart_sheet["D1"].value == "全年预计完成%"


def test_guard_applies_to_catalogue_text_too(run: Run, tmp_path: Path) -> None:
    body = BUNDLED.read_text("utf-8").replace('name_zh = "新增学位"', 'name_zh = "=新增学位"')
    catalogue = tmp_path / "2023.toml"
    catalogue.write_text(body, "utf-8")
    text = run(["export", "--targets", str(catalogue), "--lang", "zh"]).stdout
    assert ",'=新增学位," in text
    out = tmp_path / "r.xlsx"
    command = ["export", "--targets", str(catalogue), "--format", "xlsx", "-o", str(out)]
    assert run([*command, "--lang", "zh"]).exit_code == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "=新增学位")
    assert cell.data_type == "s" and cell.quotePrefix


def test_every_format_has_a_writer_in_the_registry() -> None:
    from targettrack.writers import formats, get_writer, spec

    assert formats() == ("table", "json", "csv", "markdown", "xlsx", "html")
    for name in formats():
        writer = get_writer(name)
        assert callable(writer.write)
        assert writer.binary is (name == "xlsx") is spec(name).binary


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("report.xlsx", lambda data: data[:2] == b"PK"),
        ("report.md", lambda data: data.startswith(b"## ")),
        ("report.json", lambda data: json.loads(data)[0]["id"] == "gdp"),
        ("report.csv", lambda data: data.startswith(b"\xef\xbb\xbfid,")),
        ("report.txt", lambda data: data.startswith(b"\xef\xbb\xbfid,")),  # unknown: CSV
    ],
)
def test_the_output_name_implies_the_format(
    run: Run, recorded: None, tmp_path: Path, name: str, check: object
) -> None:
    out = tmp_path / name
    result = run(["export", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert callable(check) and check(out.read_bytes())


def test_an_explicit_format_wins_over_the_extension(
    run: Run, recorded: None, tmp_path: Path
) -> None:
    out = tmp_path / "report.xlsx"
    assert run(["export", "--format", "json", "--output", str(out)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))[0]["id"] == "gdp"


def test_workbook_speaks_the_report_language_in_every_cell(
    run: Run, tmp_path: Path, shanghai_time: None
) -> None:
    figures = tmp_path / "f.csv"
    figures.write_text(
        "target,period,value,level,prior,status\n"
        "gdp,2023-06,,105,100,final\n"
        "grain_area,2023-06,2.835万亩,,,provisional\n"
        "energy_saving,2023-06,in-progress,,,final\n"
        "fdi,2023-03,600,,,final\n",
        encoding="utf-8",
    )
    assert run(["import", str(figures)]).exit_code == 0
    assert run("record gdp 5.5 --period 2023-09 --status final").exit_code == 0
    for lang in ("zh", "en"):
        out = tmp_path / f"{lang}.xlsx"
        assert run(["export", "-o", str(out), "--lang", lang, "--records"]).exit_code == 0
        book = openpyxl.load_workbook(out)
        status, records = book.worksheets[0], book.worksheets[1]
        rows = {row[1].value: row for row in status.iter_rows(min_row=4) if row[0].value}
        grain = rows["粮食播种面积" if lang == "zh" else "Grain sown area"]
        assert grain[3].number_format == "#,##0.00" and grain[4].number_format == "#,##0.000"
        assert grain[0].alignment.horizontal == "center"  # 序号 stands apart from the name
        fdi = rows[
            "实际利用外资（验资口径）"
            if lang == "zh"
            else next(k for k in rows if k and k.startswith("Foreign"))
        ]
        assert fdi[13].value == ("未更新（1-3月）" if lang == "zh" else "Not updated (Jan–Mar)")
        words = {c.value for row in records.iter_rows() for c in row if isinstance(c.value, str)}
        if lang == "zh":
            assert {"provisional", "final", "true", "false", "in-progress"}.isdisjoint(words)
            assert {"初步", "最终", "是", "否", "进行中"} <= words
        else:
            assert {"Version", "Recorded at", "Status"} <= words  # headers are words
            assert "recorded_at" not in words
        stamps = [c.value for c in next(records.iter_cols(min_col=9, max_col=9, min_row=2))]
        if lang == "zh":  # the office's own clock, no zone named
            assert all(len(s) == 16 and s[10] == " " for s in stamps), stamps
        else:
            assert all(s.endswith(" CST") and s[10] == " " for s in stamps), stamps
        derived = [
            c for row in records.iter_rows(min_row=2) for c in row if c.number_format == '0.0"*"'
        ]
        assert [c.value for c in derived] == [5]  # the rate derived from 105 and 100
        versions = list(next(records.iter_cols(min_col=4, max_col=4, min_row=2)))
        assert {c.number_format for c in versions} == {"0"}
        chart_rows = [r[0].value for r in book.worksheets[2].iter_rows(min_row=2)]
        assert len(chart_rows) == 1  # only the amount target that has a figure


def test_the_records_sheet_holds_every_version_in_its_cell_exactly(
    run: Run, tmp_path: Path
) -> None:
    figures = tmp_path / "f.csv"
    figures.write_text(
        "target,period,value,level,prior,note\n"
        'gdp,2023-06,6.5,,,"R&D <试点> _x0041_ 与 ""引号"""\n'
        "fdi,2023-06,1300.50,,,=1+1\n"
        "fdi,2023-03,600.15,,,\n"
        "grain_area,2023-06,2.835万亩,,,  两端空格  \n",
        encoding="utf-8",
    )
    assert run(["import", str(figures)]).exit_code == 0
    assert run("record fdi 1350 --period 2023-06 --revise --status final").exit_code == 0
    out = tmp_path / "r.xlsx"
    assert run(["export", "-o", str(out), "--records"]).exit_code == 0
    records = openpyxl.load_workbook(out)["Recorded figures"]
    assert records.dimensions == "A1:P6" and records.auto_filter.ref == "A1:P6"
    assert records.freeze_panes == "B2"
    rows = [list(row) for row in records.iter_rows(min_row=2)]
    assert rows[0][0].value == "fdi" and rows[0][3].value == 2  # the newest first
    assert sorted((r[0].value, r[2].value, r[3].value, r[4].value) for r in rows) == [
        ("fdi", "Jan–Jun 2023", 1, 1300.5),
        ("fdi", "Jan–Jun 2023", 2, 1350),
        ("fdi", "Jan–Mar 2023", 1, 600.15),
        ("gdp", "Jan–Jun 2023", 1, 6.5),
        ("grain_area", "Jan–Jun 2023", 1, 2.835),
    ]  # the periods as people write them
    cells = {(r[0].value, r[3].value, r[2].value): r for r in rows}
    notes = {f"{t}{v}{p}": row[10] for (t, v, p), row in cells.items()}
    assert notes["gdp1Jan–Jun 2023"].value == 'R&D <试点> _x0041_ 与 "引号"'
    assert notes["fdi1Jan–Jun 2023"].value == "=1+1" and notes["fdi1Jan–Jun 2023"].quotePrefix
    assert notes["fdi1Jan–Jun 2023"].data_type == "s"
    assert notes["fdi1Jan–Mar 2023"].value is None  # an empty note is an empty cell
    # a figure shows the decimals it has: 1,300.50 as 1,300.5, beside 600.15 with two
    assert cells["fdi", 1, "Jan–Jun 2023"][4].number_format == "#,##0.0"
    assert cells["fdi", 1, "Jan–Mar 2023"][4].number_format == "#,##0.00"
    assert cells["fdi", 2, "Jan–Jun 2023"][4].number_format == "#,##0"
    assert cells["grain_area", 1, "Jan–Jun 2023"][4].number_format == "#,##0.000"
    assert cells["grain_area", 1, "Jan–Jun 2023"][5].value == "万亩"
    assert [r[6].value for r in rows] == ["final", *["provisional"] * 4]
    widths = {k: d.width for k, d in records.column_dimensions.items()}
    assert widths["K"] >= len('R&D <试点> _x0041_ 与 "引号"') + 4  # wide characters count twice


def test_the_records_sheet_is_the_same_by_the_fast_path_and_by_xlsxwriter_alone(
    run: Run, tmp_path: Path
) -> None:
    """The fast path writes cells beside XlsxWriter; where its internals are missing the
    sheet is written through XlsxWriter alone. Both give the same workbook, cell for cell."""
    from targettrack.catalogue.loading import load_catalogues
    from targettrack.store import open_store
    from targettrack.usecases.views import records_view, status_view
    from targettrack.writers.xlsx import workbook_bytes
    from targettrack.writers.xlsx_records import fast_path_available
    from tests.conftest import BUNDLED

    figures = tmp_path / "f.csv"
    figures.write_text(
        "target,period,value,level,prior,note,source\n"
        'gdp,2023-06,6.5,365,347,"R&D <试点> _x0041_ 与 ""引号""",统计局\n'
        "gdp,2023-03,,105,100,,\n"
        "fdi,2023-06,1300.50,,,=1+1,@商务局\n"
        "fdi,2023-03,600.15,,,,\n"
        "grain_area,2023-06,2.835万亩,,,  两端空格  ,\n"
        "energy_saving,2023-06,进行中,,,,\n",
        encoding="utf-8",
    )
    assert run(["import", str(figures)]).exit_code == 0
    assert run("record fdi 1350 --period 2023-06 --revise --status final").exit_code == 0
    catalogue = load_catalogues(BUNDLED).get(2023)
    with open_store(tmp_path / "data" / "targettrack.db") as store:
        status = status_view(store, catalogue)
        records = records_view(store, catalogue)
    import io

    import xlsxwriter

    probe = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    assert fast_path_available(probe, {"text": probe.add_format({})})  # this XlsxWriter has it
    probe.close()
    books = []
    for fast in (True, False):
        data = workbook_bytes(status, records, "zh", fast=fast)
        books.append(openpyxl.load_workbook(io.BytesIO(data)))
    fast_book, plain_book = books
    assert fast_book.sheetnames == plain_book.sheetnames
    for name in fast_book.sheetnames:
        one, other = fast_book[name], plain_book[name]
        assert one.dimensions == other.dimensions, name
        assert one.freeze_panes == other.freeze_panes
        assert one.auto_filter.ref == other.auto_filter.ref
        for row_one, row_other in zip(one.iter_rows(), other.iter_rows(), strict=True):
            for a, b in zip(row_one, row_other, strict=True):
                assert (a.value, a.data_type, a.number_format, a.quotePrefix) == (
                    b.value,
                    b.data_type,
                    b.number_format,
                    b.quotePrefix,
                ), (name, a.coordinate)
                assert (a.alignment.horizontal, a.font.b) == (b.alignment.horizontal, b.font.b)
        widths = {k: d.width for k, d in one.column_dimensions.items()}
        assert widths == {k: d.width for k, d in other.column_dimensions.items()}, name
    sheet = fast_book["数据记录"]
    assert sheet.max_row == 8  # the header and seven versions


def test_the_records_sheet_marks_a_withdrawn_version_with_its_reason(
    run: Run, tmp_path: Path
) -> None:
    assert run("record fdi 600 --period 2023-03").exit_code == 0
    assert run("withdraw fdi --period 2023-03 --reason 重复录入").exit_code == 0
    out = tmp_path / "r.xlsx"
    assert run(["export", "--records", "-o", str(out), "--lang", "zh"]).exit_code == 0
    sheet = openpyxl.load_workbook(out)["数据记录"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    head = rows[0]
    withdrawn, reason = head.index("已撤回"), head.index("撤回原因")
    marks = sorted((r[head.index("版本")], r[withdrawn], r[reason]) for r in rows[1:])
    assert marks == [(1, "否", None), (2, "是", "重复录入")]
