"""Files and imports that break a promise unless refused or read right (issue 27, the import
path): percentages typed in Excel, a withdrawn import taking back a newer one, workbooks
written by programs, hidden sheets, files in two encodings, files that expand beyond reason,
and a dry run that names a batch it never wrote. Real files written by other programs
(openpyxl, GB18030 bytes, a zip built by hand), on both backends where a database is involved.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from targettrack.usecases import importfile
from tests.conftest import Run, dump, write_amount_catalogue


def _json(run: Run, command: str) -> list[dict[str, object]]:
    result = run(command)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def _batch(output: str) -> str:
    found = re.search(r"Batch id: (\S+)", output)
    assert found is not None, output
    return found.group(1)


def _workbook(path: Path, rows: list[list[object]], formats: dict[str, str] | None = None) -> Path:
    """An xlsx as openpyxl writes it, with a number format on the cells named."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    book.save(path)
    return path


# -- 6: percentages typed in Excel ----------------------------------------------------------------


@pytest.mark.parametrize("number_format", ["0.0%", "0%", "0.00%", "0.0%;[Red]-0.0%"])
def test_a_percentage_typed_in_excel_is_read_as_the_percentage_it_shows(
    run: Run, tmp_path: Path, number_format: str
) -> None:
    path = _workbook(
        tmp_path / "统计局.xlsx",
        [
            ["指标编号", "期别", "数值"],
            ["gdp", "2023年1-6月", 0.052],
            ["exports", "2023-06", 0.085],
        ],
        {"C2": number_format, "C3": number_format},
    )
    result = run(["import", str(path)])
    assert result.exit_code == 0, result.stderr
    status = {row["id"]: row for row in _json(run, "status --format json")}
    assert (status["gdp"]["actual"], status["exports"]["actual"]) == (5.2, 8.5)
    assert "Warning" not in result.stderr


def test_a_fraction_in_a_percent_cell_of_an_amount_is_refused_not_scaled(
    run: Run, tmp_path: Path
) -> None:
    path = _workbook(
        tmp_path / "商务局.xlsx",
        [["指标编号", "期别", "数值"], ["fdi", "2023-06", 0.5]],
        {"C2": "0%"},
    )
    result = run(["import", str(path)])
    assert result.exit_code == 1
    assert "row 2:" in result.stderr and "50%" in result.stderr


@pytest.mark.parametrize(
    ("value", "warned"),
    [("0.052", True), ("-0.3", True), ("0.69", True), ("0.7", False), ("0", False), ("5.2", False)],
)
def test_a_growth_rate_below_a_tenth_of_its_target_is_a_warning_naming_the_row(
    run: Run, tmp_path: Path, value: str, warned: bool
) -> None:
    path = tmp_path / "rates.csv"  # gdp's target is +7 %: a tenth of it is 0.7
    path.write_text(f"target,period,value\nfdi,2023-06,1000\ngdp,2023-06,{value}\n", "utf-8")
    result = run(["import", str(path)])
    assert result.exit_code == 0, result.stderr
    warning = (
        f"row 3: GDP (gdp) for Jan–Jun 2023 ({value}%) is less"
        f" than a tenth of its target rate of 7%; "
        f"a percentage typed as a fraction (0.052 for 5.2%) is 100 times too small, so check it"
    )
    assert (warning in result.stderr) is warned, result.stderr
    recorded = run(f"record gdp {value} --period 2023-07")
    assert recorded.exit_code == 0
    assert ("is less than a tenth of its target rate" in recorded.stderr) is warned


# -- 7: a withdrawn import never takes back a newer one ----------------------------------------


def _import(run: Run, path: Path, *extra: str) -> str:
    result = run(["import", str(path), *extra])
    assert result.exit_code == 0, result.output
    return _batch(result.stdout)


def test_withdrawing_an_import_again_after_its_file_came_back_takes_back_nothing(
    run: Run, db: str, tmp_path: Path
) -> None:
    path = tmp_path / "商务局.csv"
    path.write_text("target,period,value\nfdi,2023-06,1000\nexports,2023-06,8\n", "utf-8")
    first = _import(run, path)
    assert run(["withdraw", "--import", first, "--reason", "错了"]).exit_code == 0
    second = _import(run, path)  # the same file again: new figures, a new batch
    before = dump(db)
    for extra in ([], ["--force"]):
        again = run(["withdraw", "--import", first, "--reason", "again", *extra])
        assert again.exit_code == 1
        assert f"Every figure of the import {first} is withdrawn already" in again.stderr
        assert "revised since" not in again.stderr
        assert dump(db) == before
    status = {row["id"]: row for row in _json(run, "status --format json")}
    assert (status["fdi"]["actual"], status["exports"]["actual"]) == (1000, 8)
    taken = run(["withdraw", "--import", second, "--reason", "也错了"])
    assert taken.exit_code == 0 and "Withdrew the 2 figure(s)" in taken.stdout


def test_an_import_takes_back_only_its_own_figures_when_some_came_back_since(
    run: Run, db: str, tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_text("target,period,value\nfdi,2023-06,1000\nexports,2023-06,8\n", "utf-8")
    first = _import(run, path)
    assert run("withdraw fdi --period 2023-06 --reason 单独撤回").exit_code == 0
    assert run("record fdi 1200 --period 2023-06").exit_code == 0  # a new figure, not first's
    result = run(["withdraw", "--import", first, "--reason", "整批撤回", "--force"])
    assert result.exit_code == 0, result.output
    assert f"Withdrew the 1 figure(s) of the import {first}" in result.stdout
    status = {row["id"]: row for row in _json(run, "status --format json")}
    assert (status["fdi"]["actual"], status["exports"]["actual"]) == (1200, None)


def test_a_long_refusal_of_a_withdrawal_lists_a_hundred_figures_and_counts_the_rest(
    run: Run, db: str, tmp_path: Path
) -> None:
    catalogue = write_amount_catalogue(tmp_path / "2023.toml", 150)
    path = tmp_path / "many.csv"
    path.write_text(
        "target,period,value\n" + "".join(f"t{i:05d},2023-06,5\n" for i in range(150)), "utf-8"
    )
    batch = _import(run, path, "--targets", str(catalogue))
    revised = tmp_path / "revised.csv"
    revised.write_text(path.read_text("utf-8").replace(",5\n", ",6\n"), "utf-8")
    _import(run, revised, "--targets", str(catalogue), "--revise")
    refused = run(["withdraw", "--import", batch, "--reason", "x", "--targets", str(catalogue)])
    assert refused.exit_code == 1
    lines = refused.stderr.splitlines()
    assert len(lines) == 102  # the sentence, a hundred figures, and the count of the rest
    assert lines[-1].strip() == "... and 50 more figures"


# -- 11: workbooks that do not say what they hold -------------------------------------------------


def test_formulas_without_a_saved_value_are_refused_naming_the_cells(
    run: Run, db: str, tmp_path: Path
) -> None:
    path = _workbook(
        tmp_path / "程序生成.xlsx",
        [
            ["指标编号", "期别", "数值", "年度目标"],
            ["fdi", "2023-06", "=D2*0.52", 2500],
            ["farmland", "2023-06", 1200, 3200],
            ["exports", "2023-06", "=D4-1.5", 10],
        ],
    )
    before = dump(db)
    result = run(["import", str(path)])
    assert result.exit_code == 1
    assert "C2, C4" in result.stderr
    assert "open it in Excel or WPS and save it" in result.stderr
    assert result.stderr.count("\n") == 1
    assert dump(db) == before
    zh = run(["import", str(path), "--lang", "zh"])
    assert zh.exit_code == 1 and "C2、C4" in zh.stderr and "Excel 或 WPS" in zh.stderr


def test_the_active_sheet_is_read_never_a_hidden_one_unless_named(run: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    hidden = book.active
    assert hidden is not None
    hidden.title = "底稿"
    hidden.append(["指标编号", "期别", "数值"])
    hidden.append(["fdi", "2023-06", 9999])
    hidden.sheet_state = "hidden"
    shown = book.create_sheet("上报")
    shown.append(["指标编号", "期别", "数值"])
    shown.append(["fdi", "2023-06", 1300])
    book.create_sheet("说明").append(["本表由商务局填报"])
    book.active = 1
    path = tmp_path / "商务局.xlsx"
    book.save(path)
    result = run(["import", str(path), "--dry-run"])
    assert result.exit_code == 0, result.stderr
    result = run(["import", str(path)])
    assert result.exit_code == 0, result.stderr
    assert _json(run, "history fdi --format json")[0]["value"] == 1300
    named = run(["import", str(path), "--sheet", "底稿", "--revise"])
    assert named.exit_code == 0, named.stderr
    assert _json(run, "history fdi --format json")[0]["value"] == 9999


def test_a_workbook_whose_active_sheet_is_hidden_reads_the_first_visible_one(
    run: Run, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.append(["指标编号", "期别", "数值"])
    first.append(["fdi", "2023-06", 1300])
    hidden = book.create_sheet("隐藏")
    hidden.append(["指标编号", "期别", "数值"])
    hidden.append(["fdi", "2023-06", 9999])
    hidden.sheet_state = "hidden"
    path = tmp_path / "b.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as source:  # make the hidden sheet the active one, as a
        parts = {name: source.read(name) for name in source.namelist()}  # program might
    workbook = parts["xl/workbook.xml"].decode()
    workbook = re.sub(r' activeTab="\d+"', "", workbook)
    workbook = re.sub(r"<workbookView([^/]*)/>", r'<workbookView\1 activeTab="1"/>', workbook)
    parts["xl/workbook.xml"] = workbook.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    result = run(["import", str(path)])
    assert result.exit_code == 0, result.stderr
    assert _json(run, "history fdi --format json")[0]["value"] == 1300


def test_a_workbook_that_claims_a_million_rows_is_read_for_the_rows_it_holds(
    run: Run, tmp_path: Path
) -> None:
    path = _workbook(
        tmp_path / "尺寸.xlsx", [["指标编号", "期别", "数值"], ["fdi", "2023-06", 1300]]
    )
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', sheet)
    assert "XFD1048576" in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    result = run(["import", str(path)])
    assert result.exit_code == 0, result.stderr
    assert _json(run, "history fdi --format json")[0]["value"] == 1300


# -- 12: a file in two encodings -----------------------------------------------------------------


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_utf8_file_with_a_gbk_row_is_refused_naming_the_row(
    run: Run, db: str, tmp_path: Path, bom: bytes
) -> None:
    path = tmp_path / "混合.csv"
    path.write_bytes(
        bom
        + "指标编号,期别,数值,备注\r\nfdi,2023-06,1300,商务局报送\r\n".encode()
        + "exports,2023-06,8,出口增速\r\n".encode("gb18030")
        + "gdp,2023-06,5.5,统计局\r\n".encode()
    )
    before = dump(db)
    result = run(["import", str(path)])
    assert result.exit_code == 1
    assert "row 3" in result.stderr and "UTF-8" in result.stderr
    assert result.stderr.count("\n") == 1
    assert dump(db) == before


def test_a_gbk_file_with_a_utf8_row_is_refused_naming_the_row(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "混合.csv"
    path.write_bytes(
        "指标,期别,数值,备注\r\n外资,2023年1-6月,1300,商务局报送\r\n".encode("gb18030")
        + "出口,2023年1-6月,8,出口增速较快\r\n".encode()
    )
    result = run(["import", str(path)])
    assert result.exit_code == 1
    assert "row 3" in result.stderr and "GB18030" in result.stderr


def test_a_utf8_file_whose_gbk_row_comes_after_the_first_megabyte_is_refused(
    run: Run, tmp_path: Path
) -> None:
    catalogue = write_amount_catalogue(tmp_path / "2023.toml", 1)
    path = tmp_path / "长.csv"
    rows = "".join(f"t00000,2023-06,5,备注第{i}行\r\n" for i in range(40_000))
    path.write_bytes(
        "指标编号,期别,数值,备注\r\n".encode()
        + rows.encode()
        + "t00000,2023-07,6,出口\r\n".encode("gbk")
    )
    assert path.stat().st_size > 1 << 20
    result = run(["import", str(path), "--targets", str(catalogue)])
    assert result.exit_code == 1
    assert "row 40002" in result.stderr and "UTF-8" in result.stderr


def test_gbk_files_whose_short_words_happen_to_be_utf8_are_read_as_gbk(
    run: Run, tmp_path: Path
) -> None:
    # the GBK bytes of 一为一时 are also valid UTF-8 (һΪһʱ): a GBK file whose first line
    # beyond ASCII holds only such words is still read as GBK, on every line
    path = tmp_path / "gbk.csv"
    path.write_bytes(
        "target,period,value,note\r\nfdi,2023-06,1300,一为一时\r\nexports,2023-06,8,出口\r\n".encode(
            "gbk"
        )
    )
    result = run(["import", str(path)])
    assert result.exit_code == 0, result.stderr
    assert _json(run, "history fdi --format json")[0]["note"] == "一为一时"
    assert _json(run, "history exports --format json")[0]["note"] == "出口"


# -- 13: limits on input ------------------------------------------------------------------------


def _hostile_xlsx(path: Path, expanded: int) -> Path:
    """A real xlsx whose one shared string expands to ``expanded`` bytes from a few hundred
    kilobytes on disk, written part by part with the zipfile module."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(name, text)
        with book.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            strings.write(
                b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
            )
            chunk = b"A" * (1 << 20)
            for _ in range(expanded >> 20):
                strings.write(chunk)
            strings.write(b"</t></si></sst>")
    return path


def test_a_workbook_that_expands_far_beyond_its_size_is_refused_before_it_is_read(
    run: Run, db: str, tmp_path: Path
) -> None:
    expanded = importfile.MAX_UNPACKED_BYTES + (1 << 20)
    path = _hostile_xlsx(tmp_path / "炸弹.xlsx", expanded)
    assert path.stat().st_size < expanded // 100
    before = dump(db)
    result = run(["import", str(path)])
    assert result.exit_code == 1
    assert f"{importfile.MAX_UNPACKED_BYTES >> 20} MB" in result.stderr
    assert result.stderr.count("\n") == 1
    assert dump(db) == before


def test_a_file_larger_than_the_limit_is_refused_unread(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importfile, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.csv"
    path.write_text("target,period,value\n" + "fdi,2023-06,1\n" * 100, "utf-8")
    result = run(["import", str(path)])
    assert result.exit_code == 1
    assert "larger than" in result.stderr and result.stderr.count("\n") == 1


def test_a_cell_longer_than_the_limit_is_refused_naming_its_row(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    note = "长" * (importfile.MAX_CELL_CHARS + 1)
    path.write_text(f"target,period,value,note\nfdi,2023-06,1,ok\nfdi,2023-07,2,{note}\n", "utf-8")
    result = run(["import", str(path)])
    assert result.exit_code == 1
    assert "row 3" in result.stderr and f"{importfile.MAX_CELL_CHARS:,}" in result.stderr
    xlsx = _workbook(
        tmp_path / "long.xlsx", [["target", "period", "value", "note"], ["fdi", "2023-06", 1, note]]
    )
    result = run(["import", str(xlsx)])
    assert result.exit_code == 1 and "row 2" in result.stderr


def test_a_file_with_more_cells_than_the_limit_is_refused(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importfile, "MAX_CELLS", 30)
    path = tmp_path / "wide.csv"
    path.write_text("target,period,value\n" + "fdi,2023-06,1\n" * 10, "utf-8")
    result = run(["import", str(path)])
    assert result.exit_code == 1 and "30 cells" in result.stderr
    assert result.stderr.count("\n") == 1
    xlsx = _workbook(
        tmp_path / "wide.xlsx", [["target", "period", "value"], *[["fdi", "2023-06", 1]] * 10]
    )
    result = run(["import", str(xlsx)])
    assert result.exit_code == 1 and "30 cells" in result.stderr


# -- 14: a dry run names no batch -----------------------------------------------------------------


def test_a_dry_run_names_no_batch_and_no_way_to_withdraw_it(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("target,period,value\nfdi,2023-06,1000\n", "utf-8")
    result = run(["import", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Would import 1 new" in result.stdout
    assert "Batch" not in result.stdout and "withdraw" not in result.stdout
    zh = run(["import", str(path), "--dry-run", "--lang", "zh"])
    assert "批次" not in zh.stdout
