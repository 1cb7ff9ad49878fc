"""Next January in minutes: a catalogue drafted from the work report itself, and last year's
results from its review. The seed report must give back the bundled catalogue; reports of
other styles (written here, in our own words) test each form."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from targettrack.catalogue.loading import load_catalogues
from targettrack.core.models import Kind
from targettrack.usecases.draft import draft
from tests.conftest import BUNDLED, REPO, Run

SEED = REPO.parent / "shared" / "seeds" / "000_173071aeb220539c.txt"


def _shape(kind: Kind, unit: str | None, value: Decimal | None) -> tuple[str, str | None, str]:
    shown = (
        ""
        if value is None or kind in (Kind.RELATIVE, Kind.MILESTONE)
        else format(value.normalize(), "f")
    )
    return (kind.value, unit if kind is not Kind.MILESTONE else None, shown)


@pytest.mark.skipif(not SEED.exists(), reason="the seed report lies beside the checkout")
def test_the_seed_report_gives_back_the_bundled_catalogue(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "2023.toml"
    result = run(["draft", str(SEED), "--region-id", "luojiang", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "Draft: 28 targets" in result.stderr
    assert run(["check", str(out)]).exit_code == 0  # accepted as it is
    drafted = load_catalogues(out, use_cache=False).get(2023)
    bundled = load_catalogues(BUNDLED, use_cache=False).get(2023)
    mine = sorted(_shape(t.kind, t.unit, t.target) for t in drafted.targets)
    theirs = sorted(_shape(t.kind, t.unit, t.target) for t in bundled.targets)
    assert mine == theirs  # the same 28 targets, and nothing invented
    by_id = drafted.by_id
    for ident in ("gdp", "fdi", "exports", "income_per_capita", "energy_saving", "farmland"):
        assert ident in by_id, ident
    assert (
        by_id["rd_spending"].commitment == "力争"
        and by_id["national_high_tech"].commitment == "争取"
    )
    assert by_id["grain_area"].commitment == "确保" and by_id["grain_area"].kind is Kind.LEVEL
    assert by_id["income_per_capita"].relative_to == "gdp"
    assert drafted.region.name_zh == "洛江区" and drafted.source.publisher == "泉州经济网"
    groups = [g.name_zh for g in drafted.groups]
    assert groups[:2] == ["主要预期目标", "构建现代产业体系"]
    assert by_id["urban_projects"].group == "city" and by_id["school_places"].group == "wellbeing"
    text = out.read_text(encoding="utf-8")
    assert "# 原文：地区生产总值增长7%" in text and "# 请核对:" in text


LAST_YEAR = """format = 1
region_id = "luojiang"
region = "洛江区"
year = 2022
[source]
title = "2022年政府工作报告"
publisher = "洛江区人民政府"
date = "2022-01-06"
url = "http://example.org"
[[groups]]
id = "main"
name_zh = "主要预期目标"
name_en = "Main"
"""


def _target(ident: str, name: str, kind: str, unit: str, value: str, value_unit: str = "") -> str:
    extra = f'value_unit = "{value_unit}"\n' if value_unit else ""
    return (
        f'[[targets]]\nid = "{ident}"\nname_zh = "{name}"\nname_en = "{ident}"\ngroup = "main"\n'
        f'kind = "{kind}"\nunit = "{unit}"\ntarget = {value}\n{extra}'
    )


@pytest.mark.skipif(not SEED.exists(), reason="the seed report lies beside the checkout")
def test_the_review_gives_last_years_results_to_import(run: Run, tmp_path: Path) -> None:
    catalogue = tmp_path / "2022.toml"
    catalogue.write_text(
        LAST_YEAR
        + _target("gdp", "地区生产总值", "growth", "%", "6", "亿元")
        + _target("revenue_total", "一般公共预算总收入", "growth", "%", "8", "亿元")
        + _target("revenue_local", "一般公共预算收入", "growth", "%", "9", "亿元")
        + _target("fixed_investment", "全社会固定资产投资", "growth", "%", "10", "亿元")
        + _target("retail_sales", "社会消费品零售总额", "growth", "%", "10", "亿元")
        + _target("agri_output", "农林牧渔业总产值", "growth", "%", "5", "亿元")
        + _target("exports", "出口商品总值", "growth", "%", "10", "亿元")
        + _target("little_giants", "新增国家级、省级专精特新“小巨人”企业", "amount", "家", "8")
        + _target("school_places", "新增学位", "amount", "个", "2500"),
        encoding="utf-8",
    )
    results = tmp_path / "2022-results.csv"
    command = ["draft", str(SEED), "--region-id", "luojiang", "-o", str(tmp_path / "d.toml")]
    result = run([*command, "--results", str(results), "--targets", str(catalogue)])
    assert result.exit_code == 0, result.output
    rows = {r["target"]: r for r in csv.DictReader(io.StringIO(results.read_text("utf-8-sig")))}
    expected = {
        "gdp": ("4", "355"),
        "revenue_total": ("8", "27.2"),
        "revenue_local": ("9", "16.38"),
        "fixed_investment": ("10", ""),
        "retail_sales": ("10", ""),
        "agri_output": ("5", "10.9"),
        "exports": ("10.6", "80"),
        "little_giants": ("10", ""),
        "school_places": ("2700", ""),
    }
    assert {k: (r["value"], r["level"]) for k, r in rows.items()} == expected
    assert {r["period"] for r in rows.values()} == {"2022"}
    assert {r["status"] for r in rows.values()} == {"provisional"}
    imported = run(["import", str(results), "--targets", str(catalogue)])
    assert imported.exit_code == 0, imported.output
    gdp = json.loads(
        run(["history", "gdp", "--format", "json", "--targets", str(catalogue)]).stdout
    )
    assert (gdp[0]["value"], gdp[0]["level"], gdp[0]["period"]) == (4, 355, "2022")


# Reports in other styles, written for these tests: every main target in one sentence, with
# 、 and ， between them, qualifiers, ceilings, relative and task targets, units of people,
# length, floor area, households and schools, a change in percentage points, no headings.
ONE_SENTENCE = """2024年全县经济社会发展的主要预期目标是：地区生产总值增长6%左右，规上工业增加值增长7%以上，固定资产投资增长8%，城镇调查失业率控制在5.5%以内，居民消费价格涨幅3%左右、城镇新增就业1.2万人，城镇居民人均可支配收入增长与经济增长基本同步，常住人口城镇化率提高1个百分点，完成省下达的节能减排任务。
今年将新建改建农村公路45公里，改造老旧小区12万平方米、惠及居民3600户，新建、改扩建中小学5所。"""

TRADITIONAL = """2024年全縣經濟社會發展的主要預期目標是：地區生產總值增長6%左右，規上工業增加值增長7%以上，固定資產投資增長8%，城鎮調查失業率控制在5.5%以內，城鎮居民人均可支配收入增長與經濟增長基本同步，完成省下達的節能減排任務。"""


def test_a_report_with_every_target_in_one_sentence() -> None:
    drafted = draft(ONE_SENTENCE, region="山溪县", region_id="shanxi")
    by_name = {t.name: t for t in drafted.targets}
    gdp = by_name["地区生产总值"]
    assert (gdp.kind, gdp.value, gdp.qualifier, gdp.commitment) == (
        Kind.GROWTH,
        Decimal(6),
        "左右",
        "预期",
    )
    assert (
        by_name["规上工业增加值"].qualifier == "以上"
        and by_name["规上工业增加值"].id == "industrial_va"
    )
    jobless = by_name["城镇调查失业率"]
    assert (jobless.kind, jobless.unit, jobless.value, jobless.direction) == (
        Kind.LEVEL,
        "%",
        Decimal("5.5"),
        "at_most",
    )
    assert by_name["城镇新增就业"].unit == "万人" and by_name["城镇新增就业"].value == Decimal(
        "1.2"
    )
    income = by_name["城镇居民人均可支配收入"]
    assert income.kind is Kind.RELATIVE and income.relative_to == "gdp"
    assert by_name["省下达的节能减排任务"].kind is Kind.MILESTONE
    assert by_name["新建改建农村公路"].unit == "公里" and by_name["新建改建农村公路"].value == 45
    assert by_name["改造老旧小区"].unit == "万平方米"
    assert by_name["惠及居民"].unit == "户" and by_name["惠及居民"].value == 3600
    assert by_name["新建、改扩建中小学"].unit == "所"
    prices = by_name["居民消费价格"]  # 涨幅3%左右: a ceiling on the rise of prices
    assert (prices.kind, prices.value, prices.direction, prices.id) == (
        Kind.GROWTH,
        Decimal(3),
        "at_most",
        "cpi",
    )
    reasons = {s.reason for s in drafted.skipped}
    assert any(r.code == "draft.skip.pp" for r in reasons)  # listed, never silently guessed
    first = ONE_SENTENCE.splitlines()[0]
    main = [t for t in drafted.targets if t.phrase in first]
    assert len(main) == 8  # nine main targets; the change in percentage points is listed


def test_traditional_characters_read_as_simplified() -> None:
    simplified = draft(TRADITIONAL.replace("縣", "县"))
    from_traditional = draft(TRADITIONAL)
    names = [t.name for t in from_traditional.targets]
    assert names == [t.name for t in simplified.targets]
    assert "地区生产总值" in names and "城镇调查失业率" in names


def test_a_gb18030_report_from_the_command_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "报告.txt"
    path.write_bytes(ONE_SENTENCE.encode("gb18030"))
    out = tmp_path / "2024.toml"
    result = run(
        ["draft", str(path), "--region-id", "shanxi", "--region", "山溪县", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    check = run(["check", str(out)])
    assert check.exit_code == 0, check.output
    drafted = load_catalogues(out, use_cache=False).get(2024)
    assert drafted.region.name_zh == "山溪县" and len(drafted.targets) >= 10
    assert run(["draft", str(tmp_path / "none.txt")]).exit_code == 1
    refused = run(["draft", str(path), "-o", str(path)])  # never writes over the report
    assert refused.exit_code == 1 and "which this command reads" in refused.stderr
