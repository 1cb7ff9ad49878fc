"""The outlook as the office sees it: earlier years stored through the store, then status, show,
outlook and its backtest on the command line, on SQLite and on PostgreSQL; one pace per table
and each indicator's rhythm in the table, and the catalogue's rules that change them."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from targettrack.core.models import LateReading, PaceRule, Rules
from tests.conftest import BUNDLED, Run, new_figure, put

# Foreign investment (target 2,500 万美元) in earlier years: by June 40 %, 50 % and 45 % of
# the year, 2022's year end stored in 亿美元 (0.3 亿美元 = 3,000 万美元).
FDI_YEARS = [
    ("2020", 6, "1000", "万美元"),
    ("2020", 12, "2500", "万美元"),
    ("2021", 6, "1200", "万美元"),
    ("2021", 12, "2400", "万美元"),
    ("2022", 6, "1350", "万美元"),
    ("2022", 12, "0.3", "亿美元"),
]


def _store(db: str, rows: list[tuple[str, int, str, str]], target: str = "fdi") -> None:
    put(
        Path(db) if "://" not in db else db,  # type: ignore[arg-type]
        *(new_figure("luojiang", int(y), target, m, v, unit) for y, m, v, unit in rows),
    )


def _json(run: Run, command: str) -> dict[str, dict[str, object]]:
    result = run(command)
    assert result.exit_code == 0, result.output
    return {row["id"]: row for row in json.loads(result.stdout)}


def _with_rules(tmp_path: Path, rules: str) -> Path:
    path = tmp_path / "2023.toml"
    text = BUNDLED.read_text(encoding="utf-8")
    path.write_text(text.replace("[tolerances]", f"[rules]\n{rules}\n\n[tolerances]"), "utf-8")
    return path


def test_status_projects_each_target_from_its_earlier_years(run: Run, db: str) -> None:
    assert run("record fdi 1300 --period 2023-06").exit_code == 0
    straight = _json(run, "status --format json")["fdi"]
    # no earlier years: the straight line, 1,300 × 12 / 6 = 2,600, 104.0 % of 2,500
    assert (straight["outlook_value"], straight["outlook_pct"], straight["outlook"]) == (
        2600,
        104.0,
        "likely",
    )
    assert (straight["outlook_method"], straight["outlook_years"]) == ("straight", 0)
    assert straight["outlook_low"] is None and straight["outlook_high"] is None
    _store(db, FDI_YEARS)
    _store(db, [("2022", 6, "9", "个"), ("2022", 12, "9", "个")], "retail_sales")  # no 2023 one
    fdi = _json(run, "status --format json")["fdi"]
    # mean share (40 + 50 + 45) / 3 = 45 %: 1,300 / 0.45 = 2,888.89; the range 1,300 / 0.50
    # = 2,600 to 1,300 / 0.40 = 3,250; 2,888.89 / 2,500 = 115.6 %; the low end reaches the
    # target: likely
    assert (fdi["outlook_value"], fdi["outlook_low"], fdi["outlook_high"]) == (
        2888.89,
        2600,
        3250,
    )
    assert (fdi["outlook_pct"], fdi["outlook"], fdi["outlook_method"]) == (
        115.6,
        "likely",
        "seasonal",
    )
    assert fdi["outlook_years"] == 3
    # earlier years count nowhere else: the verdict, the pace and the missing stay as they were
    assert (fdi["pace_pct"], fdi["verdict"], fdi["pace_basis"]) == (50.0, "on_track", "straight")
    retail = _json(run, "status --format json")["retail_sales"]
    assert (retail["verdict"], retail["outlook"]) == ("no_data", None)
    assert "retail_sales" in _json(run, "status --missing --format json")
    table = run("status --lang zh").stdout
    assert "2,889 万美元 有望完成" in table  # as the target is written, in the 全年预计 column
    assert "全年预计" in table


def test_a_growth_target_says_what_the_rest_of_the_year_needs(run: Run, db: str) -> None:
    put_rows = [
        new_figure("luojiang", 2022, "gdp", 6, "3.5", "%")._replace(level=Decimal(170)),
        new_figure("luojiang", 2022, "gdp", 12, "4.0", "%")._replace(level=Decimal(355)),
    ]
    put(Path(db) if "://" not in db else db, *put_rows)  # type: ignore[arg-type]
    assert run("record gdp 6.5 --level 178.5 --period 2023-06").exit_code == 0
    gdp = _json(run, "status --format json")["gdp"]
    # L 178.5, P 170 (last year's June level, stored), F 355 (last year's, stored):
    # ((1.07 × 355) − 178.5) / (355 − 170) − 1 = 201.35 / 185 − 1 = 8.8 %
    assert (gdp["needed_pct"], gdp["outlook_value"], gdp["outlook_method"]) == (8.8, 6.5, "rate")
    # 2022's rate rose from 3.5 to 4.0: the range runs from the rate so far, 6.5, to
    # 6.5 + 0.5 = 7.0
    assert (gdp["outlook_low"], gdp["outlook_high"], gdp["outlook"]) == (6.5, 7.0, "at_risk")
    shown = run("show gdp --lang zh").stdout
    assert (
        "其余月份需增长：+8.8%（本年1-6月178.5 亿元，上年同期170 亿元，上年全年355 亿元）" in shown
    )
    assert "往年1-6月与全年增速：2022年 +3.5% → +4.0%" in shown


def test_without_last_years_total_the_catalogues_baseline_stands_in(run: Run) -> None:
    # gdp's baseline in the bundled catalogue: 355 亿元 for 2022
    assert run("record gdp 6.5 --level 178.5 --prior 170 --period 2023-06").exit_code == 0
    gdp = _json(run, "status --format json")["gdp"]
    assert gdp["needed_pct"] == 8.8 and gdp["outlook_years"] == 0
    assert (gdp["outlook_low"], gdp["outlook_high"]) == (None, None)


def test_the_outlook_working_on_a_targets_page(run: Run, db: str) -> None:
    _store(db, FDI_YEARS)
    assert run("record fdi 1300 --period 2023-06").exit_code == 0
    page = run("show fdi --lang zh").stdout
    # as the status table shows it, rounded once from the exact projection (2,888.888…)
    assert "全年预计：2,889 万美元（完成年度目标的115.6%），有望完成" in page
    assert "预计方法：往年同期进度（2020-2022年，3年）" in page
    assert "区间：2,600 万美元～3,250 万美元" in page
    assert (
        "往年1-6月占全年的比重：2020年 40.0%（1,000/2,500）；2021年 50.0%（1,200/2,400）；"
        "2022年 45.0%（1,350/3,000）" in page
    )
    assert "平均45.0%，最低40.0%，最高50.0%" in page
    english = run("show fdi --lang en").stdout
    assert "Year-end outlook: 2,889 万美元 (115.6% of the target), likely" in english
    # the outlook's table for people rounds as the status table does; its data keep the cents
    markdown = run("outlook --lang zh --format markdown").stdout
    row = next(line for line in markdown.splitlines() if "实际利用外资" in line)
    assert "| 2,889 万美元 | 2,600 万美元 | 3,250 万美元 |" in row
    data = run("outlook --format csv").stdout
    assert "2888.89" in next(line for line in data.splitlines() if line.startswith("fdi,"))


def test_one_pace_per_table_and_the_rhythm_of_each_indicator(run: Run, tmp_path: Path) -> None:
    for command in (
        "record urban_projects 68 --period 2023-06",  # 住建局 has not sent July
        "record fdi 1500 --period 2023-07",
        "record gdp 6.1 --period 2023-Q2",  # quarterly: 上半年 is current in July
        "record grain_area 1.61万亩 --period 2023-06",
    ):
        assert run(command).exit_code == 0, command
    rows = _json(run, "status --format json")
    projects = rows["urban_projects"]
    # 68 of 120 is 56.7 %, against the table's 1-7月 pace, 7/12 = 58.3 %: −1.6, slightly behind
    assert (projects["completion_pct"], projects["pace_pct"], projects["gap_pp"]) == (
        56.7,
        58.3,
        -1.6,
    )
    assert (projects["stale"], projects["verdict"]) == (True, "slightly_behind")
    assert rows["gdp"]["stale"] is False and rows["gdp"]["verdict"] == "slightly_behind"
    grain = rows["grain_area"]
    assert (grain["verdict"], grain["completion_pct"], grain["stale"]) == (
        "in_progress",
        56.9,
        False,
    )
    missing = _json(run, "status --missing --as-of 2023-07 --today 2023-08-20 --format json")
    assert "urban_projects" in missing and "gdp" not in missing and "fdi" not in missing
    assert "grain_area" not in missing and "grain_output" not in missing
    assert "agri_output" in missing  # quarterly, and no 上半年 figure
    table = run("status --lang zh").stdout
    assert "（1-6月 ※）" in table and "（上半年 ※）" not in table
    assert "○ 进行中" in table
    # the other reading, by the catalogue's rule: the late figure at its own June pace
    own = _with_rules(tmp_path, 'late_figures = "own"')
    projects = _json(run, f"status --format json --targets {own}")["urban_projects"]
    assert (projects["pace_pct"], projects["gap_pp"], projects["verdict"]) == (
        50.0,
        6.7,
        "on_track",
    )


def test_a_seasonal_pace_by_the_catalogues_rule(run: Run, db: str, tmp_path: Path) -> None:
    _store(db, FDI_YEARS)
    assert run("record fdi 1300 --period 2023-06").exit_code == 0
    assert run("record little_giants 2 --period 2023-06").exit_code == 0
    seasonal = _with_rules(tmp_path, 'pace = "seasonal"')
    rows = _json(run, f"status --format json --targets {seasonal}")
    # 1,300 of 2,500 is 52.0 %, against the 45.0 % earlier years had reached by June
    fdi = rows["fdi"]
    assert (fdi["pace_pct"], fdi["gap_pp"], fdi["pace_basis"]) == (45.0, 7.0, "seasonal")
    giants = rows["little_giants"]  # no earlier years: the straight line
    assert (giants["pace_pct"], giants["pace_basis"]) == (50.0, "straight")
    table = run(f"status --lang zh --targets {seasonal}").stdout
    assert "（季节）" in table and "序时进度按各指标往年同期进度" in table  # its head says so
    assert "(季节)" not in run("status --lang zh").stdout


def test_the_backtest_tries_the_outlook_on_earlier_years(run: Run, db: str) -> None:
    years = [
        ("2019", 6, "40", "万美元"),
        ("2019", 12, "100", "万美元"),
        ("2020", 6, "50", "万美元"),
        ("2020", 12, "100", "万美元"),
        ("2021", 6, "90", "万美元"),
        ("2021", 12, "200", "万美元"),
        ("2022", 6, "60", "万美元"),  # no year end yet: not tried
    ]
    _store(db, years)
    rows = _json(run, "outlook --backtest --format json")
    assert list(rows) == ["fdi"]
    fdi = rows["fdi"]
    # each year from the other two: 15.79 %, 17.65 % and 0 % off; the mean, 11.1 %
    assert (fdi["m06"], fdi["m03"], fdi["measure"], fdi["years"]) == (
        11.1,
        None,
        "ape_pct",
        [2019, 2020, 2021],
    )
    table = run("outlook --backtest --lang zh").stdout
    assert "总量与水平（%）" in table and "1-6月" in table and "11.1" in table
    assert "1-3月" not in table  # no month that no year has is shown
    assert "不足三个完整年份" in table and "地区生产总值" in table


def test_the_outlook_command_lists_every_target(run: Run) -> None:
    assert run("record fdi 1300 --period 2023-06").exit_code == 0
    rows = _json(run, "outlook --format json")
    assert len(rows) == 28
    fdi = rows["fdi"]
    assert (fdi["outlook_value"], fdi["outlook"], fdi["name"]) == (
        2600,
        "likely",
        "Foreign investment actually used (capital-verification basis)",
    )
    assert rows["gdp"]["outlook"] is None
    table = run("outlook --lang zh").stdout
    assert "全年预计" in table and "2,600 万美元" in table and "直线推算" in table
    assert run("outlook --group farms").exit_code == 1
    assert run("outlook --backtest --group farms").exit_code == 1


@pytest.mark.parametrize(
    ("rules", "problem"),
    [
        ('pace = "curvy"', "rules.pace: must be one of 'straight', 'seasonal'"),
        ('late_figures = "never"', "rules.late_figures: must be one of 'report', 'own'"),
        ("tardy = 1", "rules.tardy"),
    ],
)
def test_the_rules_are_checked_like_the_rest(
    run: Run, tmp_path: Path, rules: str, problem: str
) -> None:
    result = run(["check", str(_with_rules(tmp_path, rules))])
    assert result.exit_code == 1 and problem in result.output


def test_a_targets_frequency_is_checked_and_defaulted(run: Run, tmp_path: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    weekly = tmp_path / "weekly" / "2023.toml"
    weekly.parent.mkdir()
    weekly.write_text(text.replace('id = "fdi"', 'id = "fdi"\nfrequency = "weekly"'), "utf-8")
    result = run(["check", str(weekly), "--lang", "zh"])
    assert result.exit_code == 1
    assert (
        "targets[6]（fdi）.frequency：须为以下之一：'monthly'、'quarterly'、'half-yearly'、'yearly'"
        in result.output
    )
    scheduled = tmp_path / "scheduled" / "2023.toml"
    scheduled.parent.mkdir()
    scheduled.write_text(
        text.replace(
            'id = "farmland"', 'id = "farmland"\nfrequency = "yearly"\nschedule = { 6 = 40 }'
        ),
        "utf-8",
    )
    result = run(["check", str(scheduled)])
    assert (
        result.exit_code == 1
        and "(farmland).schedule: a target whose figure comes once" in result.output
    )
    listed = _json(run, "targets --format json")
    assert (listed["gdp"]["frequency"], listed["grain_area"]["frequency"]) == (
        "quarterly",
        "yearly",
    )
    assert listed["fdi"]["frequency"] == "monthly"
    monthly = tmp_path / "monthly" / "2023.toml"
    monthly.parent.mkdir()
    monthly.write_text(
        text.replace('id = "grain_area"', 'id = "grain_area"\nfrequency = "monthly"'), "utf-8"
    )
    assert (
        _json(run, f"targets --format json --targets {monthly}")["grain_area"]["frequency"]
        == "monthly"
    )
    assert run(f"record grain_area 1.61万亩 --period 2023-06 --targets {monthly}").exit_code == 0
    grain = _json(run, f"status --format json --targets {monthly}")["grain_area"]
    assert grain["verdict"] == "behind"  # monthly by the file's word: judged as a level again


def test_rules_and_rhythm_come_back_from_the_cache_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from targettrack.catalogue import loading, schema

    path = _with_rules(tmp_path, 'late_figures = "own"\npace = "seasonal"')
    cache = tmp_path / "cache"
    first = loading.load_catalogues(path, cache=cache).get(2023)

    def refuse(*args: object) -> object:
        raise AssertionError("validated again: the cache was not read")

    monkeypatch.setattr(schema, "build_catalogue", refuse)
    again = loading.load_catalogues(path, cache=cache).get(2023)
    assert again == first
    assert again.rules == Rules(LateReading.OWN, PaceRule.SEASONAL)
    assert again.by_id["gdp"].frequency == first.by_id["gdp"].frequency


def test_a_year_that_is_over_is_met_or_missed_not_likely(run: Run, db: str) -> None:
    _store(db, FDI_YEARS[:2])  # one earlier year, 2020
    assert run("record fdi 1300 --period 2023-06").exit_code == 0
    assert run("record fdi 2600 --period 2023-12").exit_code == 0
    row = next(
        line for line in run("outlook --lang zh").stdout.splitlines() if "实际利用外资" in line
    )
    assert "已完成" in row and "有望完成" not in row
    data = run("status --lang zh --format csv").stdout
    fdi = next(line for line in data.splitlines() if "实际利用外资" in line)
    assert "已完成" in fdi and "有望完成" not in fdi
    assert _json(run, "status --format json")["fdi"]["outlook"] == "likely"  # the code stays
    page = run("show fdi --lang zh").stdout
    assert "全年预计：2,600 万美元（完成年度目标的104.0%），已完成" in page
    english = run("show fdi --lang en").stdout
    assert "2,600 万美元 (104.0% of the target), met" in english
    # as of June the one earlier year gives the span of that year alone, not 2020-2020年
    june = run("show fdi --lang zh --as-of 2023-06")
    assert june.exit_code == 0, june.output
    assert "预计方法：往年同期进度（2020年）" in june.stdout


def test_the_backtest_shows_one_decimal(run: Run, db: str) -> None:
    # every year at half its total by June: June's error is 0.0, not 0
    _store(
        db,
        [
            (str(y), m, v, "万美元")
            for y in (2020, 2021, 2022)
            for m, v in ((6, "1000"), (12, "2000"))
        ],
    )
    for fmt in ("table", "markdown"):  # an error of 11 % reads 11.0, as in CSV and JSON
        text = run(f"outlook --backtest --lang zh --format {fmt}").stdout
        row = next(line for line in text.splitlines() if "实际利用外资" in line)
        numbers = re.findall(r"(?<=[│|])\s*(\d+(?:\.\d+)?)\s*(?=[│|])", row)
        assert "0.0" in numbers and all(re.fullmatch(r"\d+\.\d", c) for c in numbers), (
            fmt,
            numbers,
        )
