"""Taking back a mistake without losing it: a figure, or a whole import, on both backends."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import Run, dump

FDI = "Foreign investment actually used (capital-verification basis) (fdi)"


def _json(run: Run, command: str) -> list[dict[str, object]]:
    result = run(command)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def _status(run: Run) -> dict[str, dict[str, object]]:
    return {row["id"]: row for row in _json(run, "status --format json")}  # type: ignore[misc]


def test_a_withdrawn_figure_counts_nowhere_and_stays_in_the_history(run: Run, db: str) -> None:
    assert run("record fdi 600 --period 2023-03").exit_code == 0
    assert run("record fdi 9999 --period 2023-06").exit_code == 0  # the wrong target
    result = run("withdraw fdi --period 2023-06 --reason 误录为外资，应为出口")
    assert result.exit_code == 0, result.output
    assert (
        "Withdrew Foreign investment actually used (capital-verification"
        " basis) (fdi) for Jan–Jun 2023: 9,999 万美元 (version 2"
    ) in result.stdout
    fdi = _status(run)["fdi"]
    assert (fdi["actual"], fdi["period"]) == (600, "2023-03")  # what it was before
    history = _json(run, "history fdi --format json")
    assert [(h["version"], h["withdrawn"], h["reason"]) for h in history[:2]] == [
        (2, True, "误录为外资，应为出口"),
        (1, False, ""),
    ]
    assert "(withdrawn)" in run("history fdi").stdout
    show = run("show fdi").stdout
    assert "9,999" not in show.split("Revision history")[0]  # not among the figures
    records = _json(run, "export --records --format json")
    assert any(r["withdrawn"] for r in records)
    again = run("withdraw fdi --period 2023-06 --reason twice")
    assert again.exit_code == 1 and "was withdrawn already" in again.stderr
    renewed = run("record fdi 1300 --period 2023-06")  # a new figure, no --revise needed
    assert renewed.exit_code == 0 and renewed.stdout.startswith(f"Recorded {FDI}")
    assert _status(run)["fdi"]["actual"] == 1300
    assert _json(run, "history fdi --format json")[0]["version"] == 3


@pytest.mark.parametrize(
    ("command", "fragment"),
    [
        (
            "withdraw fdi --period 2023-06 --reason x",
            (
                "Foreign investment actually used (capital-verification"
                " basis) (fdi) has no figure for Jan–Jun 2023"
            ),
        ),
        ("withdraw fdi --period 2023-03", "needs its reason"),
        ("withdraw fdi --period 2023-03 --reason ''", "needs its reason"),
        ("withdraw fdi --reason x", "Give the target and --period"),
        ("withdraw --import nope --reason x", "no import with the batch id 'nope'"),
        ("withdraw fdx --period 2023-03 --reason x", "There is no target 'fdx'"),
    ],
)
def test_withdrawing_what_is_not_there_is_refused(
    run: Run, db: str, command: str, fragment: str
) -> None:
    assert run("record fdi 600 --period 2023-03").exit_code == 0
    before = dump(db)
    result = run(command.replace("''", '""').split() if "''" not in command else
                 ["withdraw", "fdi", "--period", "2023-03", "--reason", ""])  # fmt: skip
    assert result.exit_code == 1 and fragment in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1
    assert dump(db) == before


def _import(run: Run, tmp_path: Path, text: str) -> str:
    path = tmp_path / f"f{len(list(tmp_path.iterdir()))}.csv"
    path.write_text(text, encoding="utf-8")
    result = run(["import", str(path)])
    assert result.exit_code == 0, result.output
    found = re.search(r"Batch id: (\S+)", result.stdout)
    assert found is not None
    return found.group(1)


def test_a_whole_import_is_withdrawn_at_once(run: Run, db: str, tmp_path: Path) -> None:
    assert run("record gdp 5.1 --period 2023-05").exit_code == 0
    batch = _import(
        run,
        tmp_path,
        "target,period,value\ngdp,2023-06,9.9\nfdi,2023-06,9999\nfarmland,2023-06,1\n",
    )
    assert batch in run("history gdp --format json").stdout
    assert batch in run("export --records").stdout
    result = run(["withdraw", "--import", batch, "--reason", "导入了上月的文件"])
    assert result.exit_code == 0, result.output
    assert f"Withdrew the 3 figure(s) of the import {batch}" in result.stdout
    status = _status(run)
    assert status["gdp"]["actual"] == 5.1 and status["fdi"]["actual"] is None
    again = run(["withdraw", "--import", batch, "--reason", "again"])
    assert again.exit_code == 1 and "withdrawn already" in again.stderr


def test_an_import_revised_since_is_withdrawn_only_with_force(
    run: Run, db: str, tmp_path: Path
) -> None:
    batch = _import(run, tmp_path, "target,period,value\ngdp,2023-06,9.9\nfdi,2023-06,1000\n")
    assert run("record fdi 1100 --period 2023-06 --revise").exit_code == 0
    before = dump(db)
    refused = run(["withdraw", "--import", batch, "--reason", "wrong file"])
    assert refused.exit_code == 1
    assert "were revised since; add --force" in refused.stderr
    assert "(fdi) for Jan–Jun 2023 was revised since, to version 2" in refused.stderr
    assert dump(db) == before  # all or nothing
    forced = run(["withdraw", "--import", batch, "--reason", "wrong file", "--force"])
    assert forced.exit_code == 0 and "Withdrew the 2 figure(s)" in forced.stdout
    status = _status(run)
    assert status["fdi"]["actual"] is None and status["gdp"]["actual"] is None


def test_withdrawal_messages_are_chinese_too(run: Run) -> None:
    assert run("record 外资 600 --period 2023年1-3月").exit_code == 0
    done = run("withdraw 外资 --period 2023年一季度 --reason 重复录入 --lang zh")
    assert done.stdout.startswith(
        "已撤回实际利用外资（验资口径）2023年1-3月数据：600 万美元（第2版"
    )  # the label stored
    refused = run("withdraw 外资 --period 2023年一季度 --lang zh")
    assert refused.stderr.startswith("错误：撤回须说明原因")


def test_a_second_withdrawal_names_who_took_the_figure_back_and_when(run: Run, db: str) -> None:
    assert run("record fdi 600 --period 2023-03").exit_code == 0
    first = run("withdraw fdi --period 2023-03 --reason 误录 --by 王五")
    assert first.exit_code == 0, first.output
    taken = _json(run, "history fdi --format json")[0]
    assert (taken["withdrawn"], taken["on_behalf_of"]) == (True, "王五")
    again = run("withdraw fdi --period 2023-03 --reason twice")
    assert again.exit_code == 1
    assert (
        f"Foreign investment actually used (capital-verification basis) (fdi) for"
        f" Jan–Mar 2023 was withdrawn already, by {taken['by']} at "
    ) in again.stderr
    assert "None" not in again.stderr


def test_an_import_withdrawn_in_part_already_takes_back_the_rest(
    run: Run, db: str, tmp_path: Path
) -> None:
    batch = _import(
        run, tmp_path, "target,period,value\nfdi,2023-06,1000\ngdp,2023-06,9.9\nexports,2023-06,8\n"
    )
    # the middle row: the import's figures before and after it are both still to go
    assert run("withdraw gdp --period 2023-06 --reason 单独撤回").exit_code == 0
    result = run(["withdraw", "--import", batch, "--reason", "整批撤回"])
    assert result.exit_code == 0, result.output
    assert f"Withdrew the 2 figure(s) of the import {batch}" in result.stdout
    versions = {
        target: _json(run, f"history {target} --format json")[0]["version"]
        for target in ("fdi", "gdp", "exports")
    }
    assert versions == {"fdi": 2, "gdp": 2, "exports": 2}  # each withdrawal the next version
    again = run(["withdraw", "--import", batch, "--reason", "again"])
    assert again.exit_code == 1
    assert f"Every figure of the import {batch} is withdrawn already" in again.stderr


def test_every_figure_revised_since_the_import_is_listed_with_who_revised_it(
    run: Run, db: str, tmp_path: Path
) -> None:
    batch = _import(
        run, tmp_path, "target,period,value\ngdp,2023-06,9.9\nfdi,2023-06,1000\nexports,2023-06,8\n"
    )
    assert run("record gdp 6.1 --period 2023-06 --revise --by 李四").exit_code == 0
    assert run("record fdi 1100 --period 2023-06 --revise --by 李四").exit_code == 0
    who = _json(run, "history gdp --format json")[0]["by"]
    refused = run(["withdraw", "--import", batch, "--reason", "wrong file"])
    assert refused.exit_code == 1
    assert f"figures of the import {batch} were revised since" in refused.stderr
    assert f"GDP (gdp) for Jan–Jun 2023 was revised since, to version 2 by {who}" in refused.stderr
    assert f"(fdi) for Jan–Jun 2023 was revised since, to version 2 by {who}" in refused.stderr


def test_importing_the_same_file_again_counts_every_unchanged_figure(
    run: Run, db: str, tmp_path: Path
) -> None:
    text = "target,period,value\ngdp,2023-06,5.5\nfdi,2023-06,1000\nexports,2023-06,8\n"
    _import(run, tmp_path, text)
    path = tmp_path / "again.csv"
    path.write_text(text, encoding="utf-8")
    again = run(["import", str(path)])
    assert again.exit_code == 0, again.output
    assert "Imported 0 new and 0 revised figure(s); 3 already recorded unchanged" in again.stdout


def test_withdrawing_an_import_leaves_revised_figures_alone_unless_forced(
    run: Run, db: str, tmp_path: Path
) -> None:
    from targettrack.errors import RowsRefused
    from targettrack.store import open_store
    from targettrack.usecases.recording import withdraw_import

    batch = _import(run, tmp_path, "target,period,value\ngdp,2023-06,9.9\nfdi,2023-06,1000\n")
    assert run("record fdi 1100 --period 2023-06 --revise").exit_code == 0
    before = dump(db)
    at = "2023-07-03T09:00:00+08:00"
    with open_store(db) as store, pytest.raises(RowsRefused) as refused:
        withdraw_import(store, batch, reason="错了", by="王五", behalf="", at=at)  # force: no
    assert [str(d).split(" by ")[0] for d in refused.value.details] == [
        "fdi for Jan–Jun 2023 was revised since, to version 2"
    ]
    assert dump(db) == before
    with open_store(db) as store:
        taken = withdraw_import(
            store, batch, reason="错了", by="王五", behalf="", at=at, force=True
        )
    assert sorted((f.target_id, f.version) for f in taken.entries) == [("fdi", 3), ("gdp", 2)]
