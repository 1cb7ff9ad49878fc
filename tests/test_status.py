"""`targettrack status` and `show`: the table people read, its golden renderings, the JSON."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import Run

GOLDEN = Path(__file__).parent / "golden"

FIGURES = """target,period,value,status
gdp,2023-06,6.5,final
industrial_va,2023-06,5.4,final
tertiary_va,2023-06,8.1,provisional
exports,2023-06,-2.5,provisional
income_per_capita,2023-06,6.3,final
energy_saving,2023-06,in-progress,final
fdi,2023-03,500,final
fdi,2023-06,1300,final
little_giants,2023-06,2,final
national_high_tech,2023-06,20,final
urban_investment,2023-06,120,final
farmland,2023-Q2,1200,final
grain_area,2023-06,2.85万亩,final
school_places,2023-H1,300,final
"""


@pytest.fixture
def recorded(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(FIGURES, encoding="utf-8")
    result = run(["import", str(path)])
    assert result.exit_code == 0, result.output


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path}"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [80, 160])
def test_status_table_matches_golden_file(
    run: Run, recorded: None, monkeypatch: pytest.MonkeyPatch, lang: str, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = run(f"status --lang {lang}")
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout  # no colour codes when the output is not a terminal
    from rich.cells import cell_len

    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    _golden(f"status_{lang}_{width}.txt", result.stdout)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [40, 60, 80, 100, 120, 160])
def test_no_word_or_verdict_is_cut_at_any_width(
    run: Run, recorded: None, monkeypatch: pytest.MonkeyPatch, lang: str, width: int
) -> None:
    from rich.cells import cell_len

    from targettrack.core.models import Verdict
    from targettrack.core.words import verdict_label

    monkeypatch.setenv("COLUMNS", str(width))
    out = run(f"status --lang {lang}").stdout
    assert max(cell_len(line) for line in out.splitlines()) <= width
    assert "…" not in out
    # every verdict appears whole: on one line, or wrapped between its symbol and words
    cells = " ".join(
        " ".join(line.split("│")[-2].split()) for line in out.splitlines() if "│" in line
    )
    for verdict in (Verdict.BEHIND, Verdict.SLIGHTLY_BEHIND, Verdict.ACHIEVED):
        assert verdict_label(verdict, lang) in cells
    if width >= 80 and lang == "en":  # wide enough that no English word is split
        assert "Tertiary-ind" not in out.replace("Tertiary-industry", "")
        assert "verificatio\n" not in out


def test_chinese_table_lines_up_in_display_cells(
    run: Run, recorded: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.cells import cell_len

    for width in (80, 160):
        monkeypatch.setenv("COLUMNS", str(width))
        table_lines = [
            line for line in run("status --lang zh").stdout.splitlines() if line[:1] in "┏┃┡│├└"
        ]
        widths = {cell_len(line) for line in table_lines}
        assert len(widths) == 1 and widths.pop() <= width


def test_status_shows_verdicts_as_words_and_counts(run: Run, recorded: None) -> None:
    out = run("status --lang en").stdout
    assert "as of Jan–Jun 2023" in out
    assert "▼ behind" in out and "★ achieved" in out and "△ slightly behind" in out
    assert "★ achieved 1" in out and "· no data 14" in out
    assert "○ in progress 2" in out  # grain area and grain output come once a year


def test_json_contract(run: Run, recorded: None) -> None:
    result = run("status --format json")
    assert result.exit_code == 0
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert len(rows) == 28
    required = {
        "id",
        "name_zh",
        "name_en",
        "group",
        "kind",
        "unit",
        "target",
        "actual",
        "period",
        "completion_pct",
        "pace_pct",
        "gap_pp",
        "verdict",
        "projection",
    }
    assert all(required <= set(row) for row in rows.values())
    fdi = rows["fdi"]
    assert (fdi["actual"], fdi["completion_pct"], fdi["pace_pct"], fdi["gap_pp"]) == (
        1300,
        52.0,
        50.0,
        2.0,
    )
    assert fdi["projection"] == 2600 and fdi["verdict"] == "on_track"
    assert fdi["period"] == "2023-06"
    gdp = rows["gdp"]
    assert (gdp["gap_pp"], gdp["verdict"], gdp["completion_pct"], gdp["pace_pct"]) == (
        -0.5,
        "slightly_behind",
        None,
        None,
    )
    assert rows["exports"]["actual"] == -2.5 and rows["exports"]["verdict"] == "behind"
    assert rows["income_per_capita"]["gap_pp"] == -0.2  # 6.3 against GDP's 6.5
    assert rows["national_high_tech"]["verdict"] == "achieved"
    assert rows["farmland"]["period"] == "2023-Q2"
    assert rows["grain_area"]["margin"] == 0.02
    assert rows["energy_saving"]["actual"] == "in-progress"
    assert rows["retail_sales"]["verdict"] == "no_data" and rows["retail_sales"]["actual"] is None
    assert '"pace_pct": 50.0' in result.stdout  # numbers, never strings


def test_as_of_filters_and_groups(run: Run, recorded: None) -> None:
    march = {r["id"]: r for r in json.loads(run("status --as-of 2023-Q1 --format json").stdout)}
    assert march["fdi"]["actual"] == 500 and march["fdi"]["pace_pct"] == 25.0
    assert march["gdp"]["verdict"] == "no_data"
    lagging = json.loads(run("status --lagging --format json").stdout)
    assert {r["verdict"] for r in lagging} <= {"slightly_behind", "behind", "missed"}
    assert {r["id"] for r in lagging} == {
        "gdp",
        "industrial_va",
        "exports",
        "income_per_capita",
        "little_giants",
        "urban_investment",
        "farmland",
        "school_places",
    }
    rural = json.loads(run("status --group rural --format json").stdout)
    assert {r["group"] for r in rural} == {"rural"} and len(rural) == 7
    bad = run("status --group farms")
    assert bad.exit_code == 1 and "no group 'farms'" in bad.stderr
    wrong_year = run("status --as-of 2023-06 --year 2022")
    assert wrong_year.exit_code == 1 and "not in --year 2022" in wrong_year.stderr


def test_csv_and_markdown_formats(run: Run, recorded: None) -> None:
    text = run("status --format csv").stdout
    assert not text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[6]["id"] == "fdi" and rows[6]["completion_pct"] == "52.0"
    markdown = run("status --format markdown --lang zh").stdout
    assert markdown.startswith("## 洛江区2023年主要经济指标完成情况表")
    assert "| 实际利用外资（验资口径） | 主要预期目标 |" in markdown and "| fdi |" not in markdown


def test_with_no_figures_every_target_is_no_data_and_the_next_step_is_shown(run: Run) -> None:
    result = run("status --lang en")
    assert result.exit_code == 0
    assert "no data 28" in result.stdout
    assert "targettrack record gdp 5.2 --period 2023-03" in result.stdout
    rows = json.loads(run("status --format json").stdout)
    assert {r["verdict"] for r in rows} == {"no_data"}


def test_no_color_and_piped_output_carry_no_escape_codes(
    run: Run, recorded: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = run("status").stdout
    assert "\x1b[" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    assert not re.search(r"\x1b\[(?:\d+;)*3[0-8]", run("status").stdout)  # no colour codes


def test_show_a_target_through_the_year(run: Run, recorded: None) -> None:
    result = run("show fdi --lang en")
    assert result.exit_code == 0
    out = result.stdout
    assert "Foreign investment actually used" in out
    assert "Jan–Mar" in out and "Jan–Jun" in out  # periods as the English tables write them
    assert "▁█  500 → 1,300" in out  # the sparkline of the two figures
    assert "Still needed: 1,200 万美元" in out
    assert "Needed per month: 200 万美元 (6 months left)" in out
    assert "Monthly rate so far: 216.67 万美元" in out
    assert "√ on track" in out
    assert "Revision history" in out
    growth = run("show gdp --lang zh").stdout
    assert "差距：-0.5个百分点" in growth
    unknown = run("show gpd")
    assert unknown.exit_code == 1 and "did you mean 'GDP (gdp)'" in unknown.stderr


@pytest.mark.parametrize("width", [60, 80, 160])
def test_a_figure_older_than_the_report_is_marked_at_any_width(
    run: Run, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    assert run("record fdi 1300 --period 2023-03").exit_code == 0
    assert run("record gdp 6.1 --period 2023-09").exit_code == 0
    out = run("status --lang en").stdout
    fdi_lines = out[out.index("Foreign") :].splitlines()[:4]
    assert any("(Jan–Mar ※)" in line for line in fdi_lines), out
    assert "※ not updated: the figure is of an earlier period" in out
    assert "Jan–Sep ※" not in out


def test_the_pace_marker_shows_inside_a_bar_that_is_ahead(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    assert run("record urban_investment 250 --period 2023-06").exit_code == 0  # 82 % at June
    line = next(line for line in run("status").stdout.splitlines() if "305 亿元" in line)
    assert "█████┃██──" in line


def test_a_yearly_figure_come_early_does_not_move_the_table_to_december(run: Run) -> None:
    # grain area's full-year figure is known in the autumn; the table stays at the months
    # that come in the course of the year, and 1-6月 is judged at June's pace, not December's
    assert run("record fdi 1200 --period 2023-06").exit_code == 0
    assert run("record grain_area 2.9 --period 2023").exit_code == 0
    rows = {r["id"]: r for r in json.loads(run("status --format json").stdout)}
    assert rows["fdi"]["pace_pct"] == 50.0 and rows["fdi"]["verdict"] == "slightly_behind"
    assert rows["grain_area"]["actual"] is None  # its 全年 belongs to the December table
    report = run("report --format text --date 2023-07-12 --lang zh").stdout
    assert report.startswith("洛江区2023年1-6月主要经济指标完成情况")
    alone = run("status --as-of 2023-12 --format json")
    assert {r["id"]: r for r in json.loads(alone.stdout)}["grain_area"]["actual"] == 2.9
