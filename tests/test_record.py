"""Recording figures from the command line: record, revise, history, import, refusals."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from targettrack.store import open_store
from tests.conftest import Run, dump


def test_record_confirms_in_the_targets_unit_and_history_shows_it(run: Run) -> None:
    result = run("record fdi 0.12亿美元 --period 2023-06 --source 商务局 --note first --by wang")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Recorded Foreign investment actually used (capital-verification"
        " basis) (fdi) for Jan–Jun 2023: 1,200 万美元 (provisional).\n"
    )
    rows = json.loads(run("history fdi --format json").stdout)
    assert len(rows) == 1
    row = rows[0]
    assert row["value"] == 1200 and isinstance(row["value"], int)
    assert (row["period"], row["status"], row["by"], row["source"], row["note"]) == (
        "2023-06",
        "provisional",
        "wang",
        "商务局",
        "first",
    )
    assert row["recorded_at"].startswith("20")


def test_existing_figure_needs_revise_and_the_old_one_is_kept(run: Run, db_path: Path) -> None:
    assert run("record fdi 1200 --period 2023-06").exit_code == 0
    before = dump(db_path)
    refused = run("record fdi 1300 --period 2023-06")
    assert refused.exit_code == 1
    assert (
        "Foreign investment actually used (capital-verification basis)"
        " (fdi) already has 1,200 万美元 for Jan–Jun 2023"
    ) in refused.stderr
    assert "--revise" in refused.stderr
    assert dump(db_path) == before
    revised = run("record fdi 1300 --period 2023-H1 --revise --status final --source 统计局")
    assert revised.exit_code == 0
    assert "1,200 万美元 → 1,300 万美元" in revised.stdout
    history = json.loads(run("history fdi --format json").stdout)
    assert [(h["value"], h["status"], h["version"]) for h in history] == [
        (1300, "final", 2),
        (1200, "provisional", 1),
    ]
    table = run("history fdi").stdout
    assert table.index("1,300") < table.index("1,200")


def test_milestone_and_rates_and_derived_rates(run: Run) -> None:
    assert run("record energy_saving in-progress --period 2023-06").exit_code == 0
    assert run("record gdp -1.3% --period 2023-Q1").exit_code == 0
    derived = run("record exports --level 50 --prior 44 --period 2023-06")
    assert derived.exit_code == 0
    assert "13.6%" in derived.stdout and "derived" in derived.stdout
    exports = json.loads(run("history exports --format json").stdout)[0]
    assert (exports["value"], exports["level"], exports["prior"], exports["derived"]) == (
        13.6,
        50,
        44,
        True,
    )
    assert json.loads(run("history energy_saving --format json").stdout)[0]["value"] == (
        "in-progress"
    )
    assert json.loads(run("history gdp --format json").stdout)[0]["value"] == -1.3


REFUSALS = [
    ("record fdx 1 --period 2023-06", "There is no target 'fdx'", "basis) (fdi)'?"),
    ("record fdi 1 --period 2023/06", "is not a period", "2023-Q2"),
    ("record fdi 1 --period 2024-06", "only for 2023", ""),
    ("record fdi '' --period 2023-06", "is empty", ""),
    ("record fdi abc --period 2023-06", "is not a number", ""),
    ("record fdi NaN --period 2023-06", "not a finite number", ""),
    ("record fdi inf --period 2023-06", "not a finite number", ""),
    ("record gdp 5000 --period 2023-06", "implausible", ""),
    ("record fdi 99999999999999999 --period 2023-06", "implausibly large", ""),
    ("record farmland 2吨 --period 2023-06", "measured in 亩", ""),
    ("record fdi 2500万元 --period 2023-06", "currencies are never converted", ""),
    ("record fdi done --period 2023-06", "is a milestone state", ""),
    ("record energy_saving 5 --period 2023-06", "is not a state", ""),
    ("record fdi -5 --period 2023-06", "negative", ""),
    ("record fdi 5 --period 2023-06 --status maybe", "provisional or final", ""),
    ("record fdi 5", "Give the period", ""),
    ("record gdp --level 180 --period 2023-06", "on the command line --level and --prior", ""),
    ("record income_per_capita --level 1 --prior 2 --period 2023-06", "apply to growth", ""),
    ("record fdi --level 1 --prior 2 --period 2023-06", "takes no --level", ""),
    ("record grain_area 2.8万亩 --prior 2 --period 2023-06", "is neither", ""),
    # impossible values
    ("record gdp -150 --period 2023-06", "below -100 %", ""),
    ("record gdp --level 1 --prior 0.0001 --period 2023-06", "derived from --level", ""),
    (
        "record gdp --level 1000 --prior 0.00000000000000000000000001 --period 2023-06",
        "derived from --level",
        "",
    ),
    ("record gdp --level -5 --prior 110 --period 2023-06", "cannot be negative", ""),
    ("record little_giants 2.5家 --period 2023-06", "is a fraction", "whole number"),
    ("record school_places 0.5 --period 2023-06", "is a fraction", ""),
    # what cannot be kept exactly, and spaces inside numbers
    ("record fdi 1.2345678901234567890123456789 --period 2023-06", "28 significant", ""),
    ("record gdp '5.2 3' --period 2023-06", "no other spaces", ""),
    ("record fdi '1 5' --period 2023-06", "no other spaces", ""),
    # free text that would reach a terminal raw, or is not text
    ("record fdi 1 --period 2023-06 --note $'\x1b[2J\x1b[31m'", "control character", ""),
    ("record fdi 1 --period 2023-06 --source $'a\x07b'", "control character", ""),
    ("record fdi 1 --period 2023-06 --by $'x\x00'", "control character", ""),
    # settings checked alike, from an option or the environment
    ("status --as-of ''", "is not a period", ""),
    ("status --db ''", "--db is empty", ""),
    ("export --targets ''", "--targets is empty", ""),
]


@pytest.mark.parametrize(("command", "fragment", "hint"), REFUSALS)
def test_bad_input_is_refused_with_one_sentence(
    run: Run, db: str, command: str, fragment: str, hint: str
) -> None:
    """On each backend: one sentence, exit code 1, nothing written."""
    assert run("record gdp 5.0 --period 2023-03").exit_code == 0
    before = dump(db)
    result = run(_ansi_c(command))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert fragment in result.stderr and hint in result.stderr
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert dump(db) == before


def _ansi_c(command: str) -> list[str]:
    """Split like a shell, reading $'...' as bash does (escapes such as \\x1b and \\x00)."""
    import re
    import shlex

    parts = re.split(r"(\$'(?:[^'\\]|\\.)*')", command)
    argv: list[str] = []
    for part in parts:
        if part.startswith("$'"):
            argv.append(part[2:-1].encode("latin-1").decode("unicode_escape"))
        else:
            argv.extend(shlex.split(part))
    return argv


def test_bare_command_shows_help_and_unknown_commands_are_refused(run: Run) -> None:
    bare = run([])
    assert bare.exit_code == 0 and "Commands:" in bare.stdout and "status" in bare.stdout
    unknown = run("stauts")
    assert unknown.exit_code == 1 and "No such command 'stauts'" in unknown.stderr


def test_usage_errors_exit_1_without_a_traceback(run: Run) -> None:
    result = run("status --format yaml")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "--format" in result.stderr


def _write_csv(path: Path, text: str, bom: bool = False) -> Path:
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


GOOD_CSV = (
    "target,period,value,note,source,status,by\n"
    "fdi,2023-03,600,,商务局,provisional,li\n"
    "fdi,2023-06,1300万美元,,商务局,final,li\n"
    "gdp,2023-Q2,5.5%,,统计局,,\n"
    "energy_saving,2023-06,in-progress,,,,\n"
)


@pytest.mark.parametrize("bom", [False, True])
def test_import_is_whole_and_reimport_adds_nothing(
    run: Run, tmp_path: Path, db_path: Path, bom: bool
) -> None:
    path = _write_csv(tmp_path / "figures.csv", GOOD_CSV, bom)
    first = run(["import", str(path)])
    assert first.exit_code == 0, first.output
    assert "Imported 4 new" in first.stdout
    rows = dump(db_path)
    assert len(rows) == 4
    again = run(["import", str(path)])
    assert again.exit_code == 0
    assert "0 new and 0 revised" in again.stdout and "4 already recorded" in again.stdout
    assert dump(db_path) == rows
    history = json.loads(run("history fdi --format json").stdout)
    assert [h["value"] for h in history] == [1300, 600]


def test_import_refuses_everything_when_one_row_is_bad(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    bad = GOOD_CSV + "fdx,2023-06,1,,,,\nfdi,2023-13,1,,,,\nfarmland,2023-06,3吨,,,,\n"
    result = run(["import", str(_write_csv(tmp_path / "bad.csv", bad))])
    assert result.exit_code == 1
    assert "Nothing was imported: 3 rows" in result.stderr
    assert "row 6: There is no target 'fdx'" in result.stderr
    assert "row 7:" in result.stderr and "row 8:" in result.stderr
    assert not db_path.exists()  # not even an empty database is left behind
    dry = run(["import", str(_write_csv(tmp_path / "good.csv", GOOD_CSV)), "--dry-run"])
    assert dry.exit_code == 0 and "Would import 4 new" in dry.stdout
    assert not db_path.exists()


def test_import_lists_a_hundred_bad_rows_then_counts_the_rest(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    assert run("record gdp 5 --period 2023-03").exit_code == 0
    before = dump(db_path)
    rows = "".join(f"fdi,2023-{month:02d},{month}\n" for month in range(1, 13))
    rows += "nope,2023-01,1\n" * 150
    result = run(["import", str(_write_csv(tmp_path / "many.csv", "target,period,value\n" + rows))])
    assert result.exit_code == 1
    assert "Nothing was imported: 150 rows" in result.stderr
    assert result.stderr.count("There is no target 'nope'") == 100
    assert "... and 50 more rows" in result.stderr
    assert dump(db_path) == before
    assert db_path.exists()


def test_import_conflicts_need_revise_and_dry_run_writes_nothing(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    assert run("record fdi 1000 --period 2023-06").exit_code == 0
    before = dump(db_path)
    path = _write_csv(tmp_path / "f.csv", GOOD_CSV)
    conflict = run(["import", str(path)])
    assert conflict.exit_code == 1
    assert (
        "row 3: Foreign investment actually used (capital-verification basis) (fdi)"
        " already has 1,000 万美元 for Jan–Jun 2023; the file says 1,300 万美元 "
        "(use --revise to record it as a new version)" in conflict.stderr
    )
    assert "Nothing was imported: 1 row is not acceptable" in conflict.stderr
    assert dump(db_path) == before
    dry = run(["import", str(path), "--revise", "--dry-run"])
    assert dry.exit_code == 0 and "Would import 3 new and 1 revised" in dry.stdout
    assert dump(db_path) == before
    real = run(["import", str(path), "--revise"])
    assert real.exit_code == 0
    assert len(dump(db_path)) == len(before) + 4


def test_import_refuses_duplicate_rows_and_bad_headers(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    duplicate = "target,period,value\nfdi,2023-06,1\nfdi,2023-H1,2\n"
    result = run(["import", str(_write_csv(tmp_path / "d.csv", duplicate))])
    assert (
        result.exit_code == 1
        and (
            "row 3: Foreign investment actually used (capital-verification"
            " basis) (fdi) for Jan–Jun 2023 repeats row 2"
        )
        in result.stderr
    )
    header = run(["import", str(_write_csv(tmp_path / "h.csv", "target,when,value\n"))])
    assert header.exit_code == 1 and "lacks the column(s) period" in header.stderr
    assert dump(db_path) == []
    missing = run(["import", str(tmp_path / "none.csv")])
    assert missing.exit_code == 1 and "no such file" in missing.stderr


def test_decimals_survive_exactly(run: Run, db_path: Path) -> None:
    assert run("record urban_investment 0.1 --period 2023-01").exit_code == 0
    assert run("record urban_investment 0.2 --period 2023-02").exit_code == 0
    assert run("record farmland 12345678.123456789 --period 2023-03").exit_code == 0
    with open_store(db_path) as store:
        series = store.series("luojiang", 2023, "urban_investment")
        total = sum((f.number or Decimal(0) for f in series), Decimal(0))
        assert total == Decimal("0.3") and str(total) == "0.3"
        big = store.series("luojiang", 2023, "farmland")[0]
    assert big.value == Decimal("12345678.123456789") and str(big.value) == "12345678.123456789"
    history = run("history farmland --format json").stdout
    assert '"value": 12345678.123456789' in history


def test_import_of_a_file_that_is_not_text_is_refused(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(b"target,period,value\n\x81\x30\xff\xfe\x00\x9f,2023-06,1\n" * 3)
    result = run(["import", str(path)])
    assert result.exit_code == 1
    assert "is not text in any of UTF-8, UTF-16, GB18030" in result.stderr
    assert not db_path.exists()


def test_an_import_counts_rows_without_a_value_and_reads_on_past_them(
    run: Run, tmp_path: Path
) -> None:
    text = (
        "target,period,value\n"
        "fdi,2023-06,\ngdp,2023-06,5.5\nexports,2023-06,\nfarmland,2023-06,100\n"
    )
    result = run(["import", str(_write_csv(tmp_path / "gaps.csv", text))])
    assert result.exit_code == 0, result.output
    assert (
        "Imported 2 new and 0 revised figure(s); 0 already recorded unchanged; "
        "2 row(s) without a value skipped." in result.stdout
    )


def test_an_import_over_a_withdrawn_figure_stores_a_new_one(run: Run, tmp_path: Path) -> None:
    assert run("record fdi 9999 --period 2023-06").exit_code == 0
    assert run("withdraw fdi --period 2023-06 --reason 误录").exit_code == 0
    text = "target,period,value\nfdi,2023-06,1300\n"
    result = run(["import", str(_write_csv(tmp_path / "again.csv", text))])
    assert result.exit_code == 0, result.output
    assert "Imported 1 new and 0 revised" in result.stdout
    latest = json.loads(run("history fdi --format json").stdout)[0]
    assert (latest["version"], latest["value"], latest["withdrawn"]) == (3, 1300, False)


def test_an_import_warns_of_figures_that_fall_or_jump_against_stored_and_own_rows(
    run: Run, tmp_path: Path
) -> None:
    assert run("record fdi 1000 --period 2023-06").exit_code == 0
    text = (
        "target,period,value\n"
        "fdi,2023-05,1200\n"  # above the stored June figure
        "farmland,2023-05,300\n"
        "farmland,2023-06,200\n"  # below this file's own May figure
        "national_high_tech,2023-06,40\n"  # more than twice the year's 18
    )
    result = run(["import", str(_write_csv(tmp_path / "odd.csv", text))])
    assert result.exit_code == 0, result.output
    said = result.output
    assert (
        "row 2: Foreign investment actually used (capital-verification basis) (fdi) for"
        " Jan–May 2023 (1,200 万美元) is above the figure of a later month"
    ) in said
    assert "(1,000 万美元)" in said
    assert (
        "row 4: New or upgraded high-standard farmland (farmland) for Jan–Jun"
        " 2023 (200 亩) is below the figure of an earlier month"
    ) in said
    assert (
        "row 5: New national high-tech enterprises (national_high_tech) for"
        " Jan–Jun 2023 (40 家) is 2.2 times the year's target of 18 家"
    ) in said


def test_an_import_longer_than_one_write_batch_is_stored_whole(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks.datasets import write_catalogue, write_figures_csv

    catalogue = write_catalogue(tmp_path / "2023.toml", 500)
    monkeypatch.setenv("TARGETTRACK_TARGETS", str(catalogue))
    figures = write_figures_csv(tmp_path / "figures.csv", 500)  # 6,000 rows
    result = run(["import", str(figures)])
    assert result.exit_code == 0, result.output
    assert "Imported 6000 new and 0 revised" in result.stdout
    found = re.search(r"Batch id: (\d{8}-\d{6}-[0-9a-f]{4}) ", result.stdout)
    assert found is not None, result.stdout
    rows = json.loads(run("history t00499 --format json").stdout)
    assert len(rows) == 12 and {r["batch"] for r in rows} == {found.group(1)}


@pytest.mark.parametrize(
    ("command", "fragment"),
    [
        ("record fdi 1000 --period 2023-04 --level 5", "is an amount: its value is the year-to"),
        (
            "record income_per_capita 5 --level 100 --prior 90 --period 2023-06",
            "is a relative target; --level and --prior apply to growth targets",
        ),
        ("record gdp 5 --prior 90 --period 2023-06", "on the command line --level and --prior"),
    ],
)
def test_levels_given_where_they_do_not_belong_are_refused_with_the_reason(
    run: Run, db_path: Path, command: str, fragment: str
) -> None:
    result = run(command)
    assert result.exit_code == 1 and fragment in result.stderr, result.stderr
    assert not db_path.exists() or dump(db_path) == []


def test_levels_given_later_to_the_same_rate_are_a_revision_not_dropped(
    run: Run, tmp_path: Path
) -> None:
    assert run("record gdp 4.1 --period 2023-06").exit_code == 0
    same = run("record gdp 4.1 --period 2023-06 --level 100 --prior 96.06")
    assert same.exit_code == 1  # something new for a stored figure: it needs --revise
    revised = run("record gdp 4.1 --period 2023-06 --level 100 --prior 96.06 --revise")
    assert revised.exit_code == 0 and "version 2" in revised.stdout.lower()
    again = run("record gdp 4.1 --period 2023-06 --level 100 --prior 96.06 --revise")
    assert "nothing was recorded" in again.stdout.lower() or "unchanged" in again.stdout.lower()
    bare = run("record gdp 4.1 --period 2023-06 --revise")  # says less, not something else
    assert bare.exit_code == 0 and "2023" in bare.stdout
    rows = json.loads(run("history gdp --format json").stdout)
    assert [(r["version"], r["level"], r["prior"]) for r in rows] == [
        (2, 100, 96.06),
        (1, None, None),
    ]
    path = tmp_path / "levels.csv"
    path.write_text("target,period,value,level,prior\ngdp,2023-06,4.1,101,96.06\n", "utf-8")
    imported = run(["import", str(path), "--revise"])
    assert imported.exit_code == 0 and "1 revised" in imported.stdout, imported.stdout
    rows = json.loads(run("history gdp --format json").stdout)
    assert rows[0]["version"] == 3 and rows[0]["level"] == 101


def test_a_revision_keeps_last_years_figure_unless_it_gives_one(run: Run, tmp_path: Path) -> None:
    assert run("record fdi 900 --prior 800 --period 2023-05").exit_code == 0
    assert run("record fdi 950 --period 2023-05 --revise").exit_code == 0
    fdi = next(r for r in json.loads(run("status --format json").stdout) if r["id"] == "fdi")
    assert fdi["yoy_pct"] == 18.8  # 950 / 800: 同比 stays
    versions = json.loads(run("history fdi --format json").stdout)
    assert [v["prior"] for v in versions] == [800, 800]
    path = tmp_path / "may.csv"
    path.write_text("target,period,value\nfdi,2023-05,1000\n", encoding="utf-8")
    assert run(["import", str(path), "--revise"]).exit_code == 0
    fdi = next(r for r in json.loads(run("status --format json").stdout) if r["id"] == "fdi")
    assert fdi["yoy_pct"] == 25.0  # the import's revision keeps it too
    assert run("record fdi 1000 --prior 850 --period 2023-05 --revise").exit_code == 0
    fdi = next(r for r in json.loads(run("status --format json").stdout) if r["id"] == "fdi")
    assert fdi["yoy_pct"] == 17.6  # a new one given replaces it
    # a growth rate's levels are a pair that goes with its rate: not carried to a new rate
    assert run("record gdp 6 --level 178.5 --prior 170 --period 2023-06").exit_code == 0
    assert run("record gdp 6.4 --period 2023-06 --revise").exit_code == 0
    gdp = json.loads(run("history gdp --format json").stdout)
    assert (gdp[0]["level"], gdp[0]["prior"]) == (None, None)


def test_last_years_figure_is_carried_in_the_unit_the_revision_is_given_in(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = Path(__file__).parents[1] / "src" / "targettrack" / "targets" / "2023.toml"
    folder = tmp_path / "targets"
    folder.mkdir()
    text = bundled.read_text("utf-8")
    (folder / "2023.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("TARGETTRACK_TARGETS", str(folder))
    assert run("record fdi 900 --prior 800 --period 2023-05").exit_code == 0  # 万美元
    assert run("record fdi 1000 --prior 900 --period 2023-06").exit_code == 0
    # the office now counts in 亿美元: 800 万美元 last year is 0.08 亿美元
    counted = text.replace('unit = "万美元"\ntarget = 2500', 'unit = "亿美元"\ntarget = 0.25')
    assert counted != text
    (folder / "2023.toml").write_text(counted, encoding="utf-8")
    assert run("record fdi 0.095 --period 2023-05 --revise").exit_code == 0
    may = json.loads(run("status --as-of 2023-05 --format json").stdout)
    fdi = next(r for r in may if r["id"] == "fdi")
    assert fdi["yoy_pct"] == 18.8  # 0.095 / 0.08, not 0.095 / 800
    versions = json.loads(run("history fdi --format json").stdout)
    assert next(v for v in versions if v["period"] == "2023-05")["prior"] == 0.08
    # an import's revision too: June's 900 万美元 of last year is 0.09 亿美元
    sheet = tmp_path / "june.csv"
    sheet.write_text("target,period,value\nfdi,2023-06,0.108\n", encoding="utf-8")
    assert run(["import", str(sheet), "--revise"]).exit_code == 0
    fdi = next(r for r in json.loads(run("status --format json").stdout) if r["id"] == "fdi")
    assert (fdi["period"], fdi["yoy_pct"]) == ("2023-06", 20.0)  # 0.108 / 0.09
