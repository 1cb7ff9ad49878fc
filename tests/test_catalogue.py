"""The bundled 2023 catalogue, catalogue selection, and every refusal of a bad targets file."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from targettrack.catalogue.loading import load_catalogues
from targettrack.errors import CatalogueError
from tests.conftest import BUNDLED, REPO, Run

# The table of DOMAIN.md: id -> (kind, unit, target). Targets without a number carry None.
EXPECTED = {
    "gdp": ("growth", "%", "7"),
    "agri_output": ("growth", "%", "5"),
    "industrial_va": ("growth", "%", "7"),
    "tertiary_va": ("growth", "%", "7.5"),
    "revenue_total": ("growth", "%", "8"),
    "revenue_local": ("growth", "%", "9"),
    "fdi": ("amount", "万美元", "2500"),
    "exports": ("growth", "%", "10"),
    "fixed_investment": ("growth", "%", "10"),
    "retail_sales": ("growth", "%", "10"),
    "income_per_capita": ("relative", "%", "0"),
    "energy_saving": ("milestone", None, None),
    "little_giants": ("amount", "家", "6"),
    "high_growth_firms": ("amount", "家", "15"),
    "rd_spending": ("growth", "%", "20"),
    "national_high_tech": ("amount", "家", "18"),
    "urban_projects": ("amount", "个", "120"),
    "urban_investment": ("amount", "亿元", "305"),
    "farmland": ("amount", "亩", "3200"),
    "grain_area": ("level", "万亩", "2.83"),
    "grain_output": ("level", "万吨", "1.16"),
    "poverty_projects": ("amount", "个", "51"),
    "rural_projects": ("amount", "个", "99"),
    "rural_investment_total": ("amount", "亿元", "38"),
    "rural_investment_2023": ("amount", "亿元", "6"),
    "education_projects": ("amount", "个", "12"),
    "school_places": ("amount", "个", "810"),
    "governance_centers": ("amount", "个", "20"),
}

VALID_HEADER = """
region_id = "ceshi"
region = "测试区"
year = 2023
[source]
title = "t"
publisher = "p"
date = 2023-01-06
url = "http://example.org"
[[groups]]
id = "main"
name_zh = "主要"
name_en = "Main"
"""

GOOD_TARGET = """
[[targets]]
id = "gdp"
name_zh = "地区生产总值"
name_en = "GDP"
group = "main"
kind = "growth"
unit = "%"
target = 7
"""


def write(tmp_path: Path, body: str, name: str = "2023.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_bundled_catalogue_has_every_target_of_the_report() -> None:
    catalogue = load_catalogues().get(2023)
    found = {
        t.id: (t.kind, t.unit, None if t.target is None else str(t.target))
        for t in catalogue.targets
    }
    assert found == EXPECTED
    assert catalogue.region.name_zh == "洛江区" and catalogue.region.id == "luojiang"
    assert catalogue.source.date == "2023-01-06"
    assert all(isinstance(t.target, Decimal) for t in catalogue.targets if t.target is not None)


def test_bundled_catalogue_keeps_the_reports_words_and_groups() -> None:
    catalogue = load_catalogues().get(2023)
    by_id = catalogue.by_id
    assert by_id["rd_spending"].commitment == "力争"
    assert by_id["national_high_tech"].commitment == "争取"
    assert by_id["grain_area"].commitment == "确保"
    assert by_id["grain_area"].direction == "at_least"
    assert by_id["income_per_capita"].relative_to == "gdp"
    assert by_id["fdi"].name_zh == "实际利用外资（验资口径）"
    assert [g.id for g in catalogue.groups] == [
        "main",
        "industry",
        "city",
        "rural",
        "ecology",
        "wellbeing",
    ]
    assert {t.id for t in catalogue.targets if t.group == "rural"} == {
        "farmland",
        "grain_area",
        "grain_output",
        "poverty_projects",
        "rural_projects",
        "rural_investment_total",
        "rural_investment_2023",
    }
    assert by_id["gdp"].baseline is not None
    assert by_id["gdp"].baseline.value == Decimal(355)
    assert by_id["school_places"].baseline is not None
    assert by_id["school_places"].baseline.value == Decimal(2700)
    assert catalogue.tolerances.amount_pp == Decimal(10)
    assert catalogue.tolerances.relative_pp == Decimal("0.5")


def test_repository_root_file_is_the_bundled_one() -> None:
    assert (REPO / "targets" / "2023.toml").read_bytes() == BUNDLED.read_bytes()


def test_targets_json_lists_every_target_with_numbers(run: Run) -> None:
    result = run("targets --format json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == list(EXPECTED)
    fdi = next(r for r in rows if r["id"] == "fdi")
    assert fdi["target"] == 2500 and isinstance(fdi["target"], int)
    assert fdi["unit"] == "万美元" and fdi["kind"] == "amount" and fdi["group"] == "main"
    tertiary = next(r for r in rows if r["id"] == "tertiary_va")
    assert tertiary["target"] == 7.5
    for key in ("name_zh", "name_en", "direction", "commitment"):
        assert key in fdi


def test_targets_table_in_chinese_groups_as_the_report(run: Run) -> None:
    result = run("targets --lang zh")
    assert result.exit_code == 0
    text = result.stdout
    assert (
        text.index("主要预期目标") < text.index("构建现代产业体系") < text.index("全面推进乡村振兴")
    )
    assert "新增学位" in text and "810 个" in text
    assert (
        text.index("加强生态文旅建设")
        < text.index("（无量化目标）")
        < text.index("提高人民生活品质")
    )


def test_check_summarises_a_good_catalogue(run: Run) -> None:
    result = run("check")
    assert result.exit_code == 0
    assert "28 targets for 2023" in result.stdout


def test_folder_of_years_and_year_option(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "cat"
    folder.mkdir()
    (folder / "2023.toml").write_bytes(BUNDLED.read_bytes())
    write(folder, VALID_HEADER.replace("2023", "2024") + GOOD_TARGET, "2024.toml")
    result = run(f"check {folder}")
    assert result.exit_code == 0, result.output
    assert "28 targets for 2023; 1 targets for 2024" in result.stdout
    latest = json.loads(run(f"targets --targets {folder} --format json").stdout)
    assert [r["id"] for r in latest] == ["gdp"]
    older = json.loads(run(f"targets --targets {folder} --year 2023 --format json").stdout)
    assert len(older) == 28
    missing = run(f"targets --targets {folder} --year 2022")
    assert missing.exit_code == 1
    assert "no targets for 2022" in missing.stderr


def test_environment_variable_chooses_the_catalogue(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TARGETTRACK_TARGETS", str(write(tmp_path, VALID_HEADER + GOOD_TARGET)))
    rows = json.loads(run("targets --format json").stdout)
    assert [r["id"] for r in rows] == ["gdp"]


REFUSALS = {
    "toml syntax": ("target = = 7", "line 22, column 10: TOML syntax error"),
    "unknown key": ('colour = "red"', "targets[0] (gdp).colour: unknown key"),
    "missing field": (None, "targets[1] (x).name_en: required field is missing"),
    "duplicate id": ("DUP", "targets[1] (gdp).id: duplicate id"),
    "growth without rate": ("NORATE", "targets[1] (r).target: a growth target needs"),
    "negative amount": ("NEG", "targets[1] (n).target: an amount target must be greater"),
    "relative to missing": ("REL", "targets[1] (inc).relative_to: names 'gdpx'"),
    "unit does not fit": ("UNIT", "targets[1] (u).unit: a growth target is a rate"),
    "not finite": ("INF", "targets[1] (f).target: must be a finite number"),
    "number in quotes": ("QUOTED", "targets[1] (q).target: must be a number (such as 7"),
    "true for a number": ("TRUE", "targets[1] (t).target: must be a number"),
}

EXTRA = {
    "DUP": GOOD_TARGET,
    "NORATE": '[[targets]]\nid="r"\nname_zh="r"\nname_en="r"\ngroup="main"\nkind="growth"\n'
    'unit="%"\n',
    "NEG": '[[targets]]\nid="n"\nname_zh="n"\nname_en="n"\ngroup="main"\nkind="amount"\n'
    'unit="个"\ntarget=-3\n',
    "REL": '[[targets]]\nid="inc"\nname_zh="i"\nname_en="i"\ngroup="main"\nkind="relative"\n'
    'unit="%"\nrelative_to="gdpx"\n',
    "UNIT": '[[targets]]\nid="u"\nname_zh="u"\nname_en="u"\ngroup="main"\nkind="growth"\n'
    'unit="亿元"\ntarget=5\n',
    "INF": '[[targets]]\nid="f"\nname_zh="f"\nname_en="f"\ngroup="main"\nkind="growth"\n'
    'unit="%"\ntarget=inf\n',
    "QUOTED": '[[targets]]\nid="q"\nname_zh="q"\nname_en="q"\ngroup="main"\nkind="growth"\n'
    'unit="%"\ntarget="7"\n',
    "TRUE": '[[targets]]\nid="t"\nname_zh="t"\nname_en="t"\ngroup="main"\nkind="growth"\n'
    'unit="%"\ntarget=true\n',
}


def _bad_file(tmp_path: Path, case: str) -> Path:
    change, _ = REFUSALS[case]
    body = VALID_HEADER + GOOD_TARGET
    if change == "target = = 7":
        body = body.replace("target = 7", change)
    elif change is None:
        body += '[[targets]]\nid="x"\nname_zh="x"\ngroup="main"\nkind="growth"\nunit="%"\n'
        body += "target=1\n"
    elif change in EXTRA:
        body += EXTRA[change]
    else:
        body = body.replace("target = 7", f"target = 7\n{change}")
    return write(tmp_path, body)


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_each_bad_catalogue_is_refused_plainly(run: Run, tmp_path: Path, case: str) -> None:
    path = _bad_file(tmp_path, case)
    result = run(["check", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert str(path) in result.stderr
    assert REFUSALS[case][1] in result.stderr
    assert "Traceback" not in result.stderr
    assert "pydantic" not in result.stderr and "errors.pydantic.dev" not in result.stderr
    # the same refusal applies to every command that reads the catalogue
    status = run(["status", "--targets", str(path)])
    assert status.exit_code == 1 and REFUSALS[case][1] in status.stderr


def test_all_problems_of_a_file_are_listed_at_once(run: Run, tmp_path: Path) -> None:
    body = VALID_HEADER.replace('title = "t"', 'title = "t"\nextra = 1') + GOOD_TARGET
    body += EXTRA["NEG"] + EXTRA["REL"] + EXTRA["UNIT"]
    result = run(["check", str(write(tmp_path, body))])
    assert result.exit_code == 1
    assert "4 problems" in result.stderr
    for fragment in (
        "source.extra: unknown key",
        "targets[1] (n).target",
        "targets[2] (inc).relative_to",
        "targets[3] (u).unit",
    ):
        assert fragment in result.stderr


def test_file_year_must_match_its_name(tmp_path: Path) -> None:
    folder = tmp_path / "cat"
    folder.mkdir()
    write(folder, VALID_HEADER + GOOD_TARGET, "2024.toml")
    catalogues = load_catalogues(folder)
    assert catalogues.years == [2024]
    with pytest.raises(CatalogueError) as info:
        catalogues.get(2024)
    assert "named for 2024 but says year = 2023" in str(info.value.details[0])


def test_missing_catalogue_path_is_refused(run: Run, tmp_path: Path) -> None:
    result = run(["status", "--targets", str(tmp_path / "nope.toml")])
    assert result.exit_code == 1
    assert "no such targets file or folder" in result.stderr


def test_cache_is_used_and_invalidated_by_any_change(tmp_path: Path) -> None:
    path = write(tmp_path, VALID_HEADER + GOOD_TARGET)
    cache = tmp_path / "cache"
    first = load_catalogues(path, cache=cache)
    cached = list(cache.glob("catalogue-*.pickle"))
    assert len(cached) == 1
    assert load_catalogues(path, cache=cache).get(2023).by_id["gdp"].target == Decimal(7)
    assert first.get(2023).targets == load_catalogues(path, cache=cache).get(2023).targets
    path.write_text((VALID_HEADER + GOOD_TARGET).replace("target = 7", "target = 6.5"), "utf-8")
    assert load_catalogues(path, cache=cache).get(2023).by_id["gdp"].target == Decimal("6.5")
    path.write_text((VALID_HEADER + GOOD_TARGET).replace("target = 7", "target = -"), "utf-8")
    with pytest.raises(CatalogueError):
        load_catalogues(path, cache=cache)


def test_schedule_is_interpolated_between_given_months(tmp_path: Path) -> None:
    body = VALID_HEADER + (
        '[[targets]]\nid="p"\nname_zh="p"\nname_en="p"\ngroup="main"\nkind="amount"\n'
        'unit="个"\ntarget=100\nschedule = { 3 = 15, 6 = 45, 9 = 75 }\n'
    )
    target = load_catalogues(write(tmp_path, body)).get(2023).by_id["p"]
    assert target.schedule is not None
    assert target.schedule[0] == Decimal(5)  # a third of the way to 15 % in March
    assert target.schedule[2] == Decimal(15)
    assert target.schedule[3] == Decimal(25)
    assert target.schedule[11] == Decimal(100)


def test_folder_years_load_only_when_asked_and_check_reads_all(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "cat"
    folder.mkdir()
    (folder / "2023.toml").write_bytes(BUNDLED.read_bytes())
    write(folder, VALID_HEADER.replace("2023", "2024") + GOOD_TARGET + "oops", "2024.toml")
    write(folder, VALID_HEADER.replace("2023", "2025") + EXTRA["NEG"], "2025.toml")
    fine = run(["status", "--targets", str(folder), "--year", "2023", "--format", "json"])
    assert fine.exit_code == 0 and len(json.loads(fine.stdout)) == 28
    result = run(["check", str(folder)])
    assert result.exit_code == 1
    assert "2 problems" in result.stderr
    assert (
        "2024.toml: TOML syntax error" in result.stderr
        and "2025.toml: targets[0] (n).target" in result.stderr
    )


def test_tolerances_default_and_override_per_target(tmp_path: Path) -> None:
    body = VALID_HEADER + "[tolerances]\ngrowth_pp = 2\n" + GOOD_TARGET
    body += EXTRA["NEG"].replace("target=-3", "target=3\ntolerances = { amount_pp = 4 }")
    catalogue = load_catalogues(write(tmp_path, body)).get(2023)
    gdp, amount = catalogue.by_id["gdp"], catalogue.by_id["n"]
    assert (gdp.tolerances.growth_pp, gdp.tolerances.amount_pp) == (Decimal(2), Decimal(10))
    assert (amount.tolerances.amount_pp, amount.tolerances.growth_pp) == (Decimal(4), Decimal(2))
    assert amount.tolerances.relative_pp == Decimal("0.5")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[a\n", "第1行第3列：TOML 语法错误：表头 [...] 缺少结尾的 ]。"),
        ("[[a\n", "表头 [[...]] 缺少结尾的 ]]"),
        ("x = 1 y = 2\n", "一行只能写一项，这一项之后还有别的内容"),
        ("x = {a = 1\n", "行内表 {...} 缺少结尾的 }"),
    ],
)
def test_toml_mistakes_are_said_in_chinese(run: Run, tmp_path: Path, text: str, said: str) -> None:
    path = tmp_path / "2023.toml"
    path.write_text(text, encoding="utf-8")
    result = run(["check", str(path), "--lang", "zh"])
    assert result.exit_code == 1 and said in result.stderr, result.stderr
    assert "expected" not in result.stderr.lower() and "unclosed" not in result.stderr.lower()
