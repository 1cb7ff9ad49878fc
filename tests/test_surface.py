"""What a month of use and a hostile tour found on the surface (issue 28): outputs that
mislead, regions that contradict themselves, roll-ups across dimensions, and small traps."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import Run, _catalogue, _t

# -- regions that contradict themselves ----------------------------------------------------------


def _region(root: Path, ident: str, name: str, parent: str | None, body: str = "") -> None:
    folder = root / ident
    folder.mkdir(parents=True)
    targets = body or _t("fdi", "实际利用外资", "amount", "万美元", "2500")
    (folder / "2023.toml").write_text(_catalogue(ident, name, parent, targets), encoding="utf-8")


def test_a_tree_that_contradicts_itself_is_refused_with_every_problem_named(
    run: Run, tmp_path: Path
) -> None:
    root = tmp_path / "regions"
    _region(root, "city", "泉州市", None)
    _region(root, "self", "自指区", "self")
    _region(root, "alpha", "甲区", "beta")
    _region(root, "beta", "乙区", "alpha")
    _region(root, "one", "洛江区", "city")
    _region(root, "two", "洛江区", "city")
    refused = run(["check", str(root)])
    assert refused.exit_code == 1
    said = refused.stderr
    assert "the region 'self' names itself as its parent" in said
    assert "go round in a circle: alpha → beta → alpha" in said
    assert "Several regions of 2023 are named '洛江区' (one, two)" in said
    zh = run(["check", str(root), "--lang", "zh"]).stderr
    assert "上级关系成环" in zh and "多个地区名为“洛江区”" in zh


def test_a_name_two_regions_share_is_refused_not_guessed(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "regions"
    _region(root, "one", "洛江区", None)
    _region(root, "two", "洛江区", None)
    monkeypatch.setenv("TARGETTRACK_TARGETS", str(root))
    refused = run("record fdi 1 --period 2023-06 --region 洛江区")
    assert (
        refused.exit_code == 1 and "Several regions are named '洛江区': one, two" in refused.stderr
    )
    assert run("record fdi 1 --period 2023-06 --region two").exit_code == 0


def gdp(unit: str) -> str:
    return _t("gdp", "地区生产总值", "growth", "%", "6", f'value_unit = "{unit}"\n')


def test_a_roll_up_never_counts_its_parent_or_another_dimension(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "regions"
    _region(
        root,
        "city",
        "泉州市",
        None,
        _t("fdi", "实际利用外资", "amount", "亿美元", "1.5") + gdp("亿元"),
    )
    _region(
        root,
        "a",
        "甲区",
        "city",
        _t("fdi", "实际利用外资", "amount", "万美元", "2500") + gdp("亿元"),
    )
    _region(
        root,
        "b",
        "乙区",
        "city",
        _t("fdi", "实际利用外资", "amount", "万美元", "3000") + gdp("亿元"),
    )
    # c keeps its levels in 万美元 and its investment in 吨: neither can be added to the city's
    _region(
        root, "c", "丙区", "city", _t("fdi", "实际利用外资", "amount", "吨", "10") + gdp("万美元")
    )
    monkeypatch.setenv("TARGETTRACK_TARGETS", str(root))
    for region, fdi, level, prior in (
        ("a", "1500", "105", "100"),
        ("b", "1000", "210", "200"),
        ("c", "3", "50", "40"),
        ("city", "0.9", "500", "400"),  # the city's own figures never count
    ):
        assert run(f"record fdi {fdi} --period 2023-06 --region {region}").exit_code == 0
        command = f"record gdp --level {level} --prior {prior} --period 2023-06 --region {region}"
        assert run(command).exit_code == 0
    rows = {r["id"]: r for r in json.loads(run("rollup --parent city --format json").stdout)}
    assert (rows["fdi"]["actual"], rows["fdi"]["children"]) == (0.25, 2)  # a + b only
    assert "c: in 吨" in rows["fdi"]["left_out"]
    # (105 + 210) / (100 + 200) = 1.05: 5.0 %, from a and b; c's 万美元 left out, not zero
    assert (rows["gdp"]["actual"], rows["gdp"]["children"]) == (5, 2)
    assert "c: in 万美元" in rows["gdp"]["left_out"]
    table = run("rollup --parent city --lang zh").stdout
    assert "未计入" in table and "Traceback" not in table


# -- outputs that do not mislead -----------------------------------------------------------------


def test_markdown_shows_html_as_text_and_the_workbook_guards_every_heading(
    run: Run, tmp_path: Path
) -> None:
    note = "<img src=x onerror=alert(1)>"
    assert run(["record", "fdi", "1", "--period", "2023-06", "--note", note]).exit_code == 0
    markdown = run("export --format markdown").stdout
    assert "<img" not in markdown and "&lt;img src=x onerror=alert(1)&gt;" in markdown
    catalogue = tmp_path / "2023.toml"
    from tests.conftest import BUNDLED

    text = BUNDLED.read_text(encoding="utf-8").replace(
        'name_zh = "主要预期目标"', 'name_zh = "=主要预期目标"'
    )
    text = text.replace('region = "洛江区"', 'region = "=洛江区"')
    catalogue.write_text(text, encoding="utf-8")
    out = tmp_path / "s.xlsx"
    assert (
        run(["export", "--targets", str(catalogue), "-o", str(out), "--lang", "zh"]).exit_code == 0
    )
    sheet = openpyxl.load_workbook(out).worksheets[0]
    title, group = sheet["A1"], sheet["A4"]
    assert title.value.startswith("=洛江区") and title.data_type == "s" and title.quotePrefix
    assert group.value == "=主要预期目标" and group.data_type == "s" and group.quotePrefix


def test_a_note_longer_than_a_cell_is_cut_in_the_workbook_with_a_mark_and_a_word(
    run: Run, tmp_path: Path
) -> None:
    note = "长" * 40_000
    assert run(["record", "fdi", "1", "--period", "2023-06", "--note", note]).exit_code == 0
    out = tmp_path / "r.xlsx"
    result = run(["export", "--records", "-o", str(out)])
    assert result.exit_code == 0
    assert "2 notes or sources are longer than an Excel cell" in result.stderr  # status + records
    records = openpyxl.load_workbook(out)["Recorded figures"]
    cell = records["K2"].value
    assert len(cell) == 32_767 and cell.endswith("…〔已截断 cut〕")
    assert len(json.loads(run("history fdi --format json").stdout)[0]["note"]) == 40_000


def test_rank_takes_ids_in_any_case(run: Run, tree: Path) -> None:
    assert run("record fdi 1500 --period 2023-06 --region luojiang").exit_code == 0
    rows = json.loads(run("rank FDI --parent quanzhou --format json").stdout)
    assert {r["id"] for r in rows} == {"fdi"}


def test_chinese_data_files_name_groups_and_leave_english_out(run: Run) -> None:
    assert run("record fdi 1300 --period 2023-06").exit_code == 0
    markdown = run("export --format markdown --lang zh").stdout
    assert "英文名称" not in markdown and "Foreign investment" not in markdown
    assert "| 主要预期目标 |" in markdown and "| main |" not in markdown
    english = run("export --format csv --lang en").stdout
    assert ",main," in english and "name_en" in english  # English CSV keeps its codes
    data = json.loads(run("status --format json --lang zh").stdout)
    assert data[0]["group"] == "main" and data[0]["name_en"] == "GDP"  # JSON keeps both


def test_the_targets_list_names_the_responsible_department(run: Run) -> None:
    table = run("targets --lang zh").stdout
    assert "责任单位" in table and "商务局" in table
    assert "泉州经济网" in table and "Quanzhou Economic Net" not in table
    assert "Quanzhou Economic Net" in run("targets --lang en").stdout
