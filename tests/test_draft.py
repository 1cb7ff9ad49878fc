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
from targettrack.core.models import Baseline, Kind, Target
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
    drafted = load_catalogues(out).get(2023)
    bundled = load_catalogues(BUNDLED).get(2023)
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
    assert "# 原文：地区生产总值增长7%" in text and "# 请核对：" in text


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
        ["draft", str(path), "--region-id", "shanxi", "--region-name", "山溪县", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    check = run(["check", str(out)])
    assert check.exit_code == 0, check.output
    drafted = load_catalogues(out).get(2024)
    assert drafted.region.name_zh == "山溪县" and len(drafted.targets) >= 10
    rhythm = {t.name_zh: t.frequency.value for t in drafted.targets}  # the draft proposes it
    assert rhythm["地区生产总值"] == "quarterly" and rhythm["固定资产投资"] == "monthly"
    assert rhythm["城镇居民人均可支配收入"] == "quarterly"
    assert 'frequency = "quarterly"  # 按季' in out.read_text(encoding="utf-8")
    assert run(["draft", str(tmp_path / "none.txt")]).exit_code == 1
    refused = run(["draft", str(path), "-o", str(path)])  # never writes over the report
    assert refused.exit_code == 1 and "which this command reads" in refused.stderr


# -- next January: last year's catalogue carried over ------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="the seed report lies beside the checkout")
def test_next_january_reuses_last_years_ids_departments_groups_and_sets_baselines(
    run: Run, tmp_path: Path
) -> None:
    out = tmp_path / "2024.toml"
    command = ["draft", str(SEED), "--targets", str(BUNDLED), "--year", "2024", "-o", str(out)]
    result = run(command)
    assert result.exit_code == 0, result.output
    assert run(["check", str(out)]).exit_code == 0
    drafted = load_catalogues(out).get(2024)
    bundled = load_catalogues(BUNDLED).get(2023)
    assert drafted.year == 2024 and drafted.region.id == "luojiang"

    def same(t: Target) -> tuple[str, str, str, str, str | None]:
        return (t.id, t.name_en, t.department, t.group, t.commitment)

    assert sorted(map(same, drafted.targets)) == sorted(map(same, bundled.targets))
    by_id = drafted.by_id
    assert by_id["rd_spending"].department == "科技局"
    assert by_id["high_growth_firms"].kind is Kind.AMOUNT
    gdp = by_id["gdp"].baseline
    assert gdp is not None and (gdp.value, gdp.unit, gdp.growth) == (
        Decimal(355),
        "亿元",
        Decimal(4),
    )
    assert by_id["little_giants"].baseline == bundled.by_id["little_giants"].baseline
    assert by_id["school_places"].baseline == bundled.by_id["school_places"].baseline


@pytest.mark.skipif(not SEED.exists(), reason="the seed report lies beside the checkout")
def test_drafting_the_year_of_the_catalogue_given_as_last_year_says_so(
    run: Run, tmp_path: Path
) -> None:
    out = tmp_path / "draft.toml"
    result = run(["draft", str(SEED), "--targets", str(BUNDLED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "plans for 2023, but --targets is the catalogue of 2023" in result.stderr
    assert "# 请核对：报告计划的是2023年" in out.read_text(encoding="utf-8")


@pytest.mark.skipif(not SEED.exists(), reason="the seed report lies beside the checkout")
def test_a_baseline_the_report_does_not_state_comes_from_the_figures_recorded_for_last_year(
    run: Run, tmp_path: Path
) -> None:
    assert run("record industrial_va 6.8 --period 2023 --level 120 --prior 112").exit_code == 0
    out = tmp_path / "2024.toml"
    result = run(["draft", str(SEED), "--targets", str(BUNDLED), "--year", "2024", "-o", str(out)])
    assert result.exit_code == 0, result.output
    industry = load_catalogues(out).get(2024).by_id["industrial_va"]
    assert industry.baseline is not None
    assert (industry.baseline.growth, industry.baseline.value) == (Decimal("6.8"), Decimal(120))


# Luojiang's report of the next December, in our own words: last year's results stated early.
DECEMBER = """政府工作报告
——2023年12月20日在洛江区第六届人民代表大会第三次会议上
一、2023年工作回顾
一年来，我们迎难而上，全年预计完成地区生产总值365亿元，增长5.2%；一般公共预算总收入30.8亿元，增长12.9%，一般公共预算收入20.1亿元，增长22%；新增学位2600个。
二、2024年主要预期目标
明年全区经济社会发展的主要预期目标为：地区生产总值增长6%左右，一般公共预算收入增长8%。"""


def test_a_december_review_gives_last_years_results_for_last_years_targets(
    run: Run, tmp_path: Path
) -> None:
    report = tmp_path / "报告.txt"
    report.write_text(DECEMBER, encoding="utf-8")
    results = tmp_path / "2023结果.csv"
    out = tmp_path / "2024.toml"
    command = ["draft", str(report), "-o", str(out), "--results", str(results)]
    result = run([*command, "--targets", str(BUNDLED)])
    assert result.exit_code == 0, result.output
    rows = {r["target"]: r for r in csv.DictReader(io.StringIO(results.read_text("utf-8-sig")))}
    assert {k: (r["value"], r["level"], r["period"]) for k, r in rows.items()} == {
        "gdp": ("5.2", "365", "2023"),
        "revenue_total": ("12.9", "30.8", "2023"),
        "revenue_local": ("22", "20.1", "2023"),
        "school_places": ("2600", "", "2023"),
    }
    drafted = load_catalogues(out).get(2024)
    assert [t.id for t in drafted.targets] == ["gdp", "revenue_local"]
    assert drafted.by_id["gdp"].baseline == Baseline(Decimal(365), "亿元", Decimal("5.2"))
    assert run(["import", str(results)]).exit_code == 0
    history = json.loads(run(["history", "revenue_total", "--format", "json"]).stdout)
    assert (history[0]["value"], history[0]["level"]) == (12.9, 30.8)
    chinese = tmp_path / "2023结果-中文.csv"  # in Chinese: the headers, periods and statuses too
    said = run([*command[:-1], str(chinese), "--targets", str(BUNDLED), "--lang", "zh"])
    assert said.exit_code == 0, said.output
    lines = chinese.read_text("utf-8-sig").splitlines()
    assert lines[0] == "指标编号,期别,数值,本年值,状态,来源,备注"
    assert lines[1].startswith("gdp,2023年全年,5.2,365,初步,")
    again = run(["import", str(chinese), "--dry-run"])
    assert again.exit_code == 0 and "0 new" in again.stdout  # the same figures, read back


def test_without_a_catalogue_every_stated_result_is_written_under_the_lexicons_id(
    run: Run, tmp_path: Path
) -> None:
    report = tmp_path / "报告.txt"
    report.write_text(DECEMBER, encoding="utf-8")
    results = tmp_path / "结果.csv"
    result = run(["draft", str(report), "-o", str(tmp_path / "d.toml"), "--results", str(results)])
    assert result.exit_code == 0, result.output
    rows = {r["target"]: r for r in csv.DictReader(io.StringIO(results.read_text("utf-8-sig")))}
    assert rows["gdp"]["value"] == "5.2" and rows["gdp"]["level"] == "365亿元"
    assert rows["revenue_total"]["value"] == "12.9" and rows["school_places"]["value"] == "2600个"


def test_results_not_for_last_years_targets_are_listed_by_name_in_chinese(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = tmp_path / "2023.toml"
    catalogue.write_text(
        LAST_YEAR.replace("2022", "2023")
        + _target("gdp", "地区生产总值", "growth", "%", "6", "亿元"),
        encoding="utf-8",
    )
    report = tmp_path / "报告.txt"
    report.write_text(DECEMBER, encoding="utf-8")
    monkeypatch.setenv("TARGETTRACK_LANG", "zh")
    command = ["draft", str(report), "-o", str(tmp_path / "d.toml"), "--targets", str(catalogue)]
    result = run([*command, "--results", str(tmp_path / "r.csv")])
    assert result.exit_code == 0, result.output
    assert "一般公共预算总收入 30.8亿元" in result.stderr and "新增学位 2600个" in result.stderr
    assert "revenue_total" not in result.stderr  # a Chinese summary names the indicators


# -- outputs never overwrite what they must not ------------------------------------------------


def test_the_catalogue_and_the_results_may_not_be_one_file(run: Run, tmp_path: Path) -> None:
    report = tmp_path / "报告.txt"
    report.write_text(DECEMBER, encoding="utf-8")
    both = tmp_path / "same.txt"
    result = run(["draft", str(report), "-o", str(both), "--results", str(both)])
    assert result.exit_code == 1 and "another output of this command" in result.stderr
    assert not both.exists()


@pytest.mark.parametrize("suffix", ["", "-wal", "-journal", "-shm"])
def test_the_draft_never_overwrites_the_database_in_use(
    run: Run, tmp_path: Path, db_path: Path, suffix: str
) -> None:
    report = tmp_path / "报告.txt"
    report.write_text(DECEMBER, encoding="utf-8")
    target = Path(f"{db_path}{suffix}")
    target.parent.mkdir(parents=True, exist_ok=True)
    for option in ("-o", "--results"):
        result = run(["draft", str(report), option, str(target)])
        assert result.exit_code == 1 and "the database in use" in result.stderr
    assert not target.exists()


def test_the_draft_never_overwrites_a_catalogue_in_use(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "报告.txt"
    report.write_text(DECEMBER, encoding="utf-8")
    folder = tmp_path / "targets"
    folder.mkdir()
    kept = folder / "2023.toml"
    kept.write_bytes(BUNDLED.read_bytes())
    given = run(["draft", str(report), "--targets", str(kept), "-o", str(kept)])
    assert given.exit_code == 1 and "which this command reads" in given.stderr
    monkeypatch.setenv("TARGETTRACK_TARGETS", str(folder))
    in_use = run(["draft", str(report), "-o", str(kept)])
    assert in_use.exit_code == 1 and "a catalogue in use" in in_use.stderr
    assert kept.read_bytes() == BUNDLED.read_bytes()
    beside = run(["draft", str(report), "-o", str(folder / "2024.toml")])
    assert beside.exit_code == 0, beside.output


def test_a_review_only_report_gives_its_results_and_says_no_catalogue_was_drafted(
    run: Run, tmp_path: Path
) -> None:
    report = tmp_path / "回顾.txt"
    report.write_text(
        DECEMBER.split("二、")[0] + "常住人口城镇化率提高1.2个百分点。", encoding="utf-8"
    )
    out = tmp_path / "d.toml"
    refused = run(["draft", str(report), "-o", str(out)])
    assert refused.exit_code == 1 and "sets no targets" in refused.stderr and not out.exists()
    results = tmp_path / "r.csv"
    result = run(
        ["draft", str(report), "-o", str(out), "--results", str(results), "--year", "2024"]
    )
    assert result.exit_code == 0, result.output
    assert not out.exists() and "no catalogue was drafted" in result.stderr
    assert "could not be read as results" in result.stderr and "percentage points" in result.stderr
    assert "gdp,2023,5.2" in results.read_text(encoding="utf-8-sig")
