"""A city's view of its districts: a catalogue per region, ranks, the city's table, roll-ups."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests import pgserver
from tests.conftest import Run, dump


def test_the_tree_is_checked_and_listed(run: Run, tree: Path) -> None:
    checked = run("check")
    assert checked.exit_code == 0, checked.output
    assert "4 regions" in checked.stdout
    listing = json.loads(run("regions --format json").stdout)
    assert [r["id"] for r in listing] == ["licheng", "luojiang", "quangang", "quanzhou"]
    assert {r["parent"] for r in listing} == {"quanzhou", None}
    broken = tree / "luojiang" / "2023.toml"
    broken.write_text(
        broken.read_text("utf-8").replace('parent = "quanzhou"', 'parent = "xiamen"'), "utf-8"
    )
    moved = tree / "quangang" / "2023.toml"
    moved.write_text(
        moved.read_text("utf-8").replace('region_id = "quangang"', 'region_id = "gang"'), "utf-8"
    )
    refused = run("check")
    assert refused.exit_code == 1
    assert "the parent region 'xiamen' is not in the catalogue" in refused.stderr
    assert "region_id is 'gang' but the file lies in the folder 'quangang'" in refused.stderr


def test_with_several_regions_one_must_be_chosen(run: Run, tree: Path) -> None:
    refused = run("record gdp 6 --period 2023-06")
    assert refused.exit_code == 1
    assert "choose one with --region or TARGETTRACK_REGION: licheng, luojiang" in refused.stderr
    assert run("record gdp 6 --period 2023-06 --region luojiang").exit_code == 0
    assert run("record gdp 4 --period 2023-06 --region 泉港区").exit_code == 0  # by its name
    status = json.loads(run("status --format json --region luojiang").stdout)
    assert next(r for r in status if r["id"] == "gdp")["actual"] == 6
    unknown = run("status --region xiamen")
    assert unknown.exit_code == 1 and "no region 'xiamen'" in unknown.stderr


def test_import_with_a_region_column(run: Run, tree: Path, tmp_path: Path) -> None:
    path = tmp_path / "cities.csv"
    path.write_text(
        "地区,指标,期别,数值\n洛江区,gdp,2023年1-6月,7.2\nquangang,gdp,2023年1-6月,2.5\n"
        "licheng,fdi,2023年1-6月,1200\n",
        encoding="utf-8",
    )
    result = run(["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Imported 3 new" in result.stdout
    quangang = json.loads(run("history gdp --format json --region quangang").stdout)
    assert quangang[0]["value"] == 2.5
    missing = tmp_path / "missing.csv"
    missing.write_text("target,period,value\ngdp,2023-06,7\n", encoding="utf-8")
    refused = run(["import", str(missing)])
    assert refused.exit_code == 1 and "row 2: The catalogue holds several regions" in refused.stderr


@pytest.fixture
def figures(run: Run, tree: Path) -> None:
    for region, command in (
        ("luojiang", "record gdp 7.5 --period 2023-06"),
        ("quangang", "record gdp 7.5 --period 2023-06"),  # a tie
        ("licheng", "record gdp 5.1 --period 2023-06"),
        ("luojiang", "record fdi 0.15亿美元 --period 2023-06"),  # 1,500 万美元: 60 %
        ("quangang", "record fdi 1000 --period 2023-06"),  # 25 %
        ("luojiang", "record unemployment 5.2 --period 2023-06"),
        ("quangang", "record unemployment 4.8 --period 2023-06"),
        ("licheng", "record unemployment 5.6 --period 2023-06"),
    ):
        assert run(f"{command} --region {region}").exit_code == 0, command


def test_ranks_share_ties_put_missing_figures_last_and_turn_ceilings_round(
    run: Run, figures: None
) -> None:
    rows = json.loads(run("rank gdp fdi unemployment --parent quanzhou --format json").stdout)
    ranked = {(r["id"], r["region"]): r["rank"] for r in rows}
    assert (ranked["gdp", "luojiang"], ranked["gdp", "quangang"], ranked["gdp", "licheng"]) == (
        1,
        1,
        3,
    )
    assert ranked["fdi", "luojiang"] == 1 and ranked["fdi", "quangang"] == 2
    assert ranked["fdi", "licheng"] is None  # no figure: last, unranked
    assert [r["region"] for r in rows if r["id"] == "fdi"][-1] == "licheng"
    # a ceiling: the lower rate ranks first
    assert ranked["unemployment", "quangang"] == 1 and ranked["unemployment", "licheng"] == 3
    required = {
        "region",
        "region_name",
        "id",
        "actual",
        "target",
        "gap_pp",
        "completion_pct",
        "verdict",
        "rank",
    }
    assert required <= set(rows[0])
    fdi = next(r for r in rows if r["id"] == "fdi" and r["region"] == "luojiang")
    assert (fdi["completion_pct"], fdi["target"]) == (60.0, 2500)  # against its own target
    # without --parent: the districts of the only region named as a parent, not the city too
    default = json.loads(run("rank gdp --format json").stdout)
    assert {r["region"] for r in default} == {"licheng", "luojiang", "quangang"}
    table = run("rank gdp --parent quanzhou --lang zh").stdout
    assert "洛江区" in table and "泉港区" in table
    typo = run("rank gbp --lang zh")  # a near miss is suggested, as record suggests it
    assert typo.exit_code == 1 and "是否是指“地区生产总值”" in typo.stderr
    # the title says what the ranks are as of: the latest month with a figure, or --as-of
    assert "各地区指标排名（截至2023年1-6月）" in table
    earlier = run("rank gdp --parent quanzhou --as-of 2023-03 --format markdown").stdout
    assert "Ranks by region (as of Jan–Mar 2023)" in earlier


def test_the_citys_table_has_a_row_per_region_with_ranks(run: Run, figures: None) -> None:
    rows = json.loads(run("status --regions --parent quanzhou --format json").stdout)
    assert [r["region"] for r in rows] == ["licheng", "luojiang", "quangang"]
    assert rows[1]["gdp"]["rank"] == 1 and rows[1]["fdi"]["completion_pct"] == 60.0
    for fmt in ("table", "csv", "markdown"):
        text = run(f"status --regions --parent quanzhou --format {fmt} --lang zh").stdout
        assert "洛江区" in text and "排名 1" in text, fmt
        if fmt != "csv":  # a data file has no title
            assert "各地区主要指标对比（截至2023年1-6月）" in text, fmt
    english = run("status --regions --parent quanzhou --lang en").stdout
    assert "Luojiang" in english and "(rank 1)" in english


def test_rollup_adds_amounts_across_units_and_derives_rates_only_from_levels(
    run: Run, figures: None
) -> None:
    rows = {r["id"]: r for r in json.loads(run("rollup --parent quanzhou --format json").stdout)}
    fdi = rows["fdi"]
    # 1,500 万美元 + 1,000 万美元 = 0.25 亿美元 against the city's 1.5 亿美元
    assert (fdi["actual"], fdi["completion_pct"], fdi["children"]) == (0.25, 16.7, 2)
    assert fdi["missing"] == "licheng"
    gdp = rows["gdp"]
    assert gdp["actual"] is None and "rates are not averaged" in gdp["reason"]
    for region, level, prior in (
        ("luojiang", 180, 170),
        ("quangang", 95, 92),
        ("licheng", 400, 385),
    ):
        command = f"record gdp --level {level} --prior {prior} --period 2023-06 --revise"
        assert run(f"{command} --region {region}").exit_code == 0
    derived = {r["id"]: r for r in json.loads(run("rollup --parent quanzhou --format json").stdout)}
    # (180 + 95 + 400) / (170 + 92 + 385) = 675 / 647: +4.3 %
    assert (derived["gdp"]["actual"], derived["gdp"]["derived"]) == (4.3, True)


def test_a_districts_department_records_only_its_own_district_on_postgres(
    run: Run, tree: Path, pg_url: str, pg_server: pgserver.Server
) -> None:
    from tests.test_postgres import _as, _role

    assert run(["db", "upgrade", "--db", pg_url]).exit_code == 0  # publishes every region's owners
    clerk = _role(pg_server, "luojiang_shangwu")
    granted = run(
        ["db", "grant", clerk, "--department", "商务局", "--region", "luojiang", "--db", pg_url]
    )
    assert granted.exit_code == 0, granted.output
    url = _as(pg_url, clerk)
    own = run(["record", "fdi", "1300", "--period", "2023-06", "--region", "luojiang", "--db", url])
    assert own.exit_code == 0, own.output
    before = dump(pg_url)
    other = run(
        ["record", "fdi", "900", "--period", "2023-06", "--region", "quangang", "--db", url]
    )
    assert other.exit_code == 1
    assert "fdi" in other.stderr and "Traceback" not in other.output
    dbname = pg_url.rsplit("/", 1)[1]
    insert = (
        "INSERT INTO targettrack.figures (region, year, target_id, month, period, "
        "number, status) VALUES ('quangang', 2023, 'fdi', 6, '2023-06', 900, 'final')"
    )
    bypass = pg_server.psql(dbname, clerk, insert)
    assert bypass.returncode != 0 and "row-level security" in bypass.stderr
    assert dump(pg_url) == before
    listing = run(["db", "grants", "--db", pg_url]).stdout
    assert clerk in listing and "luojiang" in listing
    # an import of both districts, by the office: the clerk may not take it back, and is
    # told which district's figure is not theirs
    both = tree.parent / "both.csv"
    both.write_text(
        "地区,指标,期别,数值\n洛江区,fdi,2023年1-5月,1000\n泉港区,fdi,2023年1-5月,800\n",
        encoding="utf-8",
    )
    imported = run(["import", str(both), "--db", pg_url])
    assert imported.exit_code == 0, imported.output
    batch = re.search(r"withdraw --import (\S+)", imported.stdout)
    assert batch is not None
    refused = run(["withdraw", "--import", batch.group(1), "--reason", "x", "--db", url])
    assert refused.exit_code == 1
    assert "fdi of quangang" in refused.stderr and "fdi of luojiang" not in refused.stderr
    chinese = run(["withdraw", "--import", batch.group(1), "--reason", "x", "--db", url,
                   "--lang", "zh"])  # fmt: skip
    assert "无权录入泉港区实际利用外资：该指标由商务局负责" in chinese.stderr


def test_ranks_as_a_workbook_and_a_page(run: Run, figures: None, tmp_path: Path) -> None:
    book_path = tmp_path / "排名.xlsx"
    written = run(
        ["rank", "gdp", "fdi", "--parent", "quanzhou", "--lang", "zh", "-o", str(book_path)]
    )
    assert written.exit_code == 0, written.output
    sheet = openpyxl.load_workbook(book_path).active
    assert sheet is not None
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert rows[0][0] == "各地区指标排名（截至2023年1-6月）"  # the title, with its period
    assert rows[1][:3] == ("指标", "地区", "实际")
    gdp = {row[1]: row for row in rows[2:] if row[0] == "地区生产总值"}  # by name, no id
    assert (gdp["洛江区"][7], gdp["泉港区"][7], gdp["鲤城区"][7]) == (1, 1, 3)
    assert gdp["洛江区"][2] == 7.5  # a number, not text
    fdi = {row[1]: row for row in rows[2:] if row[0] == "实际利用外资"}
    assert fdi["洛江区"][5] == 60 and fdi["鲤城区"][7] is None
    refused = run("rank gdp --parent quanzhou --format xlsx")
    assert refused.exit_code == 1 and "--output" in refused.stderr
    page = tmp_path / "rank.html"
    assert run(["rank", "gdp", "--lang", "en", "--output", str(page)]).exit_code == 0
    text = page.read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<caption>gdp (gdp)</caption>" in text
    assert '<th scope="row">Luojiang</th>' in text and "http" not in text.split("<body>")[1]


def test_the_rank_page_in_a_browser(run: Run, figures: None, tmp_path: Path, browser: Any) -> None:
    path = tmp_path / "排名.html"
    written = run(
        ["rank", "gdp", "unemployment", "--parent", "quanzhou", "--lang", "zh", "-o", str(path)]
    )
    assert written.exit_code == 0, written.output
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    tables = page.locator("table")
    assert tables.count() == 2
    gdp_rows = tables.nth(0).locator("tbody tr").all_inner_texts()
    assert [row.split("\t")[0] for row in gdp_rows] == ["洛江区", "泉港区", "鲤城区"]
    assert [row.split("\t")[-1] for row in gdp_rows] == ["1", "1", "3"]
    ceiling = tables.nth(1).locator("tbody tr").all_inner_texts()
    assert ceiling[0].startswith("泉港区")  # the lowest unemployment ranks first
    assert requests == [path.as_uri()]
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= 1024
    page.close()


def test_several_regions_are_named_and_taken_by_name_in_chinese(
    run: Run, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TARGETTRACK_LANG", "zh")
    refused = run("record gdp 6 --period 2023-06")
    assert "选择其一：鲤城区、洛江区、泉港区、泉州市。" in refused.stderr  # names, 、
    checked = run("check").stdout
    assert "洛江区2023年" in checked and "luojiang" not in checked
    assert run("record gdp 6 --period 2023-06 --level 100 --region 洛江区").exit_code == 0
    rolled = run("rollup --parent 泉州市")  # the parent by its name
    assert rolled.exit_code == 0, rolled.stderr
    assert "泉州市：各下级地区汇总（截至2023年1-6月）" in rolled.stdout
    for ident in ("quanzhou", "luojiang", "quangang", "licheng", "gdp"):
        assert ident not in rolled.stdout, ident
    listed = run(["regions", "-o", str(tree / "地区.md")])
    assert listed.exit_code == 0
    page = (tree / "地区.md").read_text("utf-8")
    assert "['2023']" not in page and "| 2023 |" in page
    assert page.count("泉州市") >= 3  # itself, and the parent of its districts


def test_a_yearly_indicator_is_in_progress_in_the_ranks_as_in_the_status(run: Run) -> None:
    assert run("record fdi 1200 --period 2023-06").exit_code == 0
    (row,) = json.loads(run("rank grain_area --format json").stdout)
    status = {r["id"]: r for r in json.loads(run("status --format json").stdout)}
    assert row["verdict"] == status["grain_area"]["verdict"] == "in_progress"


def test_a_row_of_another_region_is_refused_when_region_is_chosen(
    run: Run, tree: Path, tmp_path: Path
) -> None:
    path = tmp_path / "one.csv"
    path.write_text(
        "地区,指标,期别,数值\n洛江区,gdp,2023年1-6月,7.2\n泉港区,gdp,2023年1-6月,2.5\n",
        encoding="utf-8",
    )
    refused = run(["import", str(path), "--region", "luojiang", "--lang", "zh"])
    assert refused.exit_code == 1
    assert (
        "第3行：地区为泉港区，而 --region 选的是洛江区；去掉 --region 可按各行的地区导入，"
        "否则请改正该行的地区" in refused.stderr
    )
    assert "第2行" not in refused.stderr  # the row of the region chosen is fine
    english = run(["import", str(path), "--region", "洛江区"])
    assert "row 3: its region is quangang, but --region chose luojiang" in english.stderr
    for region in ("luojiang", "quangang"):  # nothing was written, to either region
        history = run(f"history gdp --format json --region {region}")
        assert history.exit_code == 0 and json.loads(history.stdout or "[]") == []
    same = tmp_path / "same.csv"
    same.write_text("地区,指标,期别,数值\nluojiang,gdp,2023年1-6月,7.2\n", encoding="utf-8")
    assert run(["import", str(same), "--region", "洛江区"]).exit_code == 0
    followed = run(["import", str(path)])  # without --region each row goes to its own
    assert followed.exit_code == 0, followed.output
    assert json.loads(run("history gdp --format json --region quangang").stdout)[0]["value"] == 2.5


def test_a_tree_check_refuses_is_not_compared_or_rolled_up(
    run: Run, figures: None, tree: Path, tmp_path: Path
) -> None:
    broken = tree / "licheng" / "2023.toml"
    broken.write_text(
        broken.read_text("utf-8").replace('parent = "quanzhou"', 'parent = "quanzhuo"'), "utf-8"
    )
    out = tmp_path / "ranks.csv"
    for command in (
        "rank gdp",
        "status --regions",
        "rollup --parent quanzhou",
        f"rank gdp -o {out}",
    ):
        refused = run(f"{command} --lang zh")
        assert refused.exit_code == 1, command
        assert "目标库的地区设置有1处错误（targettrack check 可列出全部）" in refused.stderr
        assert "上级地区“quanzhuo”不在目标库中" in refused.stderr, command
    assert not out.exists()
    assert run("status --region luojiang").exit_code == 0  # one region's own table still works


def test_the_citys_table_refuses_what_it_cannot_show(run: Run, figures: None) -> None:
    for option in (
        "--lagging",
        "--edition 2023年1-6月",
        "--as-known-at 2023-07-01",
        "--region luojiang",
        "--group main",
        "--missing",
    ):
        refused = run(f"status --regions {option} --lang zh")
        assert refused.exit_code == 1, option
        flag = option.split()[0]
        assert f"status --regions（或 --parent）按地区并列主要指标，不支持 {flag}" in refused.stderr
    year = run("status --regions --as-of 2024-01")
    assert year.exit_code == 1 and "no targets for 2024 (it has 2023)" in year.stderr
    rolled = run("rollup --parent quanzhou --as-of 2024-01 --lang zh")
    assert rolled.exit_code == 1 and "目标库没有2024年的目标" in rolled.stderr


def test_a_regions_figure_older_than_the_table_is_marked_and_not_summed(
    run: Run, figures: None, tmp_path: Path
) -> None:
    # July comes from Luojiang only: Quangang's June figure is a month old by then
    assert run("record fdi 1800 --period 2023-07 --region luojiang").exit_code == 0
    rows = json.loads(run("rank fdi --as-of 2023-07 --format json").stdout)
    by_region = {r["region"]: r for r in rows}
    assert (by_region["luojiang"]["period"], by_region["luojiang"]["stale"]) == ("2023-07", False)
    assert (by_region["quangang"]["period"], by_region["quangang"]["stale"]) == ("2023-06", True)
    assert by_region["quangang"]["unit"] == "万美元"
    table = run("rank fdi --as-of 2023-07 --lang zh --format markdown").stdout
    assert "1,000 万美元（1-6月 ※）" in table and "1,800 万美元" in table
    assert "※ 未更新：该项数据截至较早时期，按本表序时进度判定" in table
    data = run("rank fdi --as-of 2023-07 --lang zh --format csv").stdout.splitlines()
    assert data[0].endswith(",单位,差距（百分点）,完成年度目标%,判定,排名,截至,未更新")
    assert data[2].startswith("fdi,实际利用外资,泉港区,1000,4000,万美元,")  # numbers, for programs
    assert data[2].endswith(",1-6月,是")
    book, page = tmp_path / "ranks.xlsx", tmp_path / "ranks.html"
    for path in (book, page):
        assert run(f"rank fdi --as-of 2023-07 --lang zh -o {path}").exit_code == 0
    sheet = openpyxl.load_workbook(book).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][0] == "各地区指标排名（截至2023年1-7月）"
    assert cells[1][-1] == "未更新"
    quangang = next(r for r in cells if r[1] == "泉港区")
    assert (quangang[2], quangang[-1]) == (1000, "1-6月 ※")  # the figure a number still
    assert any(r[0] and str(r[0]).startswith("※ 未更新") for r in cells)
    html = page.read_text("utf-8")
    assert "<title>各地区指标排名（截至2023年1-7月）</title>" in html
    assert "1,000 万美元（1-6月 ※）" in html and "<p>※ 未更新" in html
    city = run("status --regions --as-of 2023-07 --lang zh --format markdown").stdout
    assert "1,000 万美元（1-6月 ※）（排名 2）" in city and "※ 未更新" in city
    # the roll-up adds July's figures only: Quangang's June is not added to Luojiang's July
    rolled = {
        r["id"]: r
        for r in json.loads(run("rollup --parent quanzhou --as-of 2023-07 --format json").stdout)
    }
    assert (rolled["fdi"]["actual"], rolled["fdi"]["children"]) == (0.18, 1)
    assert rolled["fdi"]["missing"] == "licheng, quangang"


def test_an_import_of_several_regions_is_withdrawn_whole_each_figure_named_with_its_region(
    run: Run, tree: Path, tmp_path: Path
) -> None:
    path = tmp_path / "both.csv"
    path.write_text(
        "地区,指标,期别,数值\n洛江区,fdi,2023年1-6月,1200\n泉港区,fdi,2023年1-6月,900\n",
        encoding="utf-8",
    )
    imported = run(["import", str(path)])
    assert imported.exit_code == 0, imported.output
    batch = re.search(r"withdraw --import (\S+)", imported.stdout)
    assert batch is not None
    ident = batch.group(1)
    # revised since in one region: the refusal says which region's figure it is
    assert run("record fdi 950 --period 2023-06 --region quangang --revise").exit_code == 0
    refused = run(f"withdraw --import {ident} --reason 重报 --lang zh")
    assert refused.exit_code == 1
    assert "泉港区实际利用外资2023年1-6月已被" in refused.stderr
    english = run(f"withdraw --import {ident} --reason 重报")
    assert "fdi of quangang for Jan–Jun 2023 was revised since" in english.stderr
    # --region would take back the other region's figures too: refused, naming it
    one = run(f"withdraw --import {ident} --reason 重报 --region luojiang --force --lang zh")
    assert one.exit_code == 1
    assert "批次 " + ident + " 还含有泉港区的数据" in one.stderr
    assert json.loads(run("history fdi --format json --region luojiang").stdout)[0]["value"] == 1200
    done = run(f"withdraw --import {ident} --reason 重报 --force")  # no --region needed
    assert done.exit_code == 0, done.output
    assert "Withdrew the 2 figure(s)" in done.stdout
    for region in ("luojiang", "quangang"):
        status = json.loads(run(f"status --format json --region {region}").stdout)
        assert next(r for r in status if r["id"] == "fdi")["actual"] is None, region


def test_record_says_whose_figure_it_is_and_takes_a_region_id_in_any_case(
    run: Run, tree: Path
) -> None:
    recorded = run("record fdi 1200 --period 2023-06 --region LUOJIANG --lang zh")
    assert recorded.exit_code == 0, recorded.output
    assert recorded.stdout.startswith("已录入洛江区实际利用外资2023年1-6月数据")
    again = run("record fdi 1200 --period 2023-06 --region Luojiang --lang en")
    assert "fdi of luojiang for Jan–Jun 2023 is already 1,200 万美元" in again.stdout


def test_a_broken_file_of_another_year_does_not_stop_this_years_comparison(
    run: Run, figures: None, tree: Path
) -> None:
    (tree / "licheng" / "2021.toml").write_text('format = 1\ntarget = "x"\n', encoding="utf-8")
    ranked = run("rank gdp --as-of 2023-06")
    assert ranked.exit_code == 0, ranked.output
    assert run("rollup --parent quanzhou --as-of 2023-06").exit_code == 0
    assert run("check").exit_code == 1  # check still judges every year


def test_a_period_without_its_year_is_the_chosen_regions_latest(
    run: Run, figures: None, tree: Path
) -> None:
    later = (
        (tree / "luojiang" / "2023.toml").read_text("utf-8").replace("year = 2023", "year = 2024")
    )
    (tree / "luojiang" / "2024.toml").write_text(later, encoding="utf-8")
    # Quangang has no 2024 catalogue: its 1-6月 is 2023's, whatever Luojiang has
    shown = run("status --as-of 1-6月 --region quangang --format json")
    assert shown.exit_code == 0, shown.output
    gdp = next(r for r in json.loads(shown.stdout) if r["id"] == "gdp")
    assert gdp["period"] == "2023-06"
    assert run("show gdp --as-of 上半年 --region quangang").exit_code == 0
