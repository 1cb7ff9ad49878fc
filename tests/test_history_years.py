"""Earlier years as history (issue 23.3): an office's old workbooks imported for years that
have no catalogue, read against the nearest later year's targets, and counted only in
history, year-on-year comparisons and the outlook."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from targettrack.catalogue.loading import load_catalogues
from tests.conftest import BUNDLED, Run, dump


def _old_workbook(path: Path) -> Path:
    """Three earlier years of FDI by its Chinese name, each month's year-to-date m² × 10,
    and this year's first half at m² × 12."""
    rows = ["指标,期别,数值"]
    for year in (2020, 2021, 2022):
        rows += [f"实际利用外资,{year}年1-{m}月,{m * m * 10}" for m in range(2, 13)]
    rows += [f"fdi,2023-{m:02d},{m * m * 12}" for m in range(2, 7)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_earlier_years_without_a_catalogue_are_imported_as_history(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    result = run(["import", str(_old_workbook(tmp_path / "旧台账.csv")), "--lang", "zh"])
    assert result.exit_code == 0, result.stderr
    assert "已导入新数据38条" in result.stdout
    assert "2020、2021、2022年没有目标，这些数据作为历史数据保存" in result.stderr
    years = sorted({int(str(row[2])) for row in dump(db_path)})
    assert years == [2020, 2021, 2022, 2023]
    # the outlook learns from them: every earlier June was 360 of 1,440, a quarter of the
    # year, so this June's 432 projects 432 / 0.25 = 1,728
    shown = json.loads(run("outlook --format json").stdout)
    fdi = next(row for row in shown if row["id"] == "fdi")
    assert Decimal(str(fdi["outlook_value"])) == Decimal(1728)
    assert fdi["outlook_years"] == 3
    # and no year's table holds them: 2023's status knows only 2023
    status = json.loads(run("status --format json").stdout)
    assert next(row for row in status if row["id"] == "fdi")["actual"] == 432
    assert run("status --year 2021").exit_code == 1  # a year of history has no table


def test_a_history_figure_is_recorded_shown_and_withdrawn_like_any_other(run: Run) -> None:
    recorded = run("record fdi 1200 --period 2019-06")
    assert recorded.exit_code == 0, recorded.stderr
    assert "for Jan–Jun 2019: 1,200 万美元" in recorded.stdout
    assert "2019 has no targets: these figures are kept as history" in recorded.stderr
    again = run("record fdi 1200 --period 2019-06")  # nothing stored: nothing said of history
    assert again.exit_code == 0 and "history" not in again.stderr
    shown = run("history 实际利用外资 --year 2019 --lang zh")
    assert shown.exit_code == 0, shown.stderr
    assert "2019年实际利用外资（验资口径）\n" in shown.stdout
    assert "1,200 万美元" in shown.stdout
    taken = run(["withdraw", "fdi", "--period", "2019-06", "--reason", "录错年份"])
    assert taken.exit_code == 0, taken.stderr
    assert "Withdrew" in taken.stdout


def test_a_year_after_the_catalogue_is_refused_and_nothing_is_written(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    path = tmp_path / "late.csv"
    path.write_text("target,period,value\nfdi,2023-06,100\nfdi,2024-06,100\n", "utf-8")
    result = run(["import", str(path), "--lang", "zh"])
    assert result.exit_code == 1
    assert "目标库只有2023年的目标，没有2024年或更晚年份的" in result.stderr
    assert not db_path.exists() or dump(db_path) == []
    single = run("record fdi 100 --period 2024-06")
    assert single.exit_code == 1 and "none for 2024 or later" in single.stderr


def test_a_gap_year_is_read_against_the_nearest_later_catalogue(tmp_path: Path) -> None:
    folder = tmp_path / "targets"
    folder.mkdir()
    text = BUNDLED.read_text(encoding="utf-8")
    (folder / "2021.toml").write_text(text.replace("year = 2023", "year = 2021"), "utf-8")
    (folder / "2023.toml").write_text(text, "utf-8")
    sets = load_catalogues(folder)
    assert [sets.is_history(y) for y in (2019, 2021, 2022, 2023, 2024)] == [
        True,
        False,
        True,
        False,
        False,
    ]
    assert sets.defining(2019).year == 2021 and sets.defining(2022).year == 2023
    assert sets.defining(2021).year == 2021
