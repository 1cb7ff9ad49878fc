"""Every sentence exists in Chinese and English, and a Chinese user is answered in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from targettrack.messages import ENGLISH_ONLY, MESSAGES, Message, placeholders
from tests.conftest import Run, dump
from tests.test_record import REFUSALS, _ansi_c

_CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for code, (zh, en) in MESSAGES.items():
        assert en, code
        grammar = ENGLISH_ONLY.get(code, set())
        if not zh:  # a word only English grammar needs
            assert code.endswith(("_one", "_many")), code
            continue
        assert placeholders(zh) == placeholders(en) - grammar, code
        assert _CJK.search(zh) or not _CJK.search(en.replace("当", "")), code


def test_a_message_renders_nested_messages_in_the_same_language() -> None:
    message = Message("target.unknown", text="x", year=2023, hint=Message("target.hint_list"))
    assert (
        message.render("zh")
        == "2023年目标库中没有指标“x”；可运行“targettrack targets”查看全部指标。"
    )
    assert str(message) == (
        "There is no target 'x' in the 2023 catalogue; run 'targettrack targets' to list them."
    )


def test_an_unknown_code_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        Message("no.such.code")


@pytest.mark.parametrize(("command", "fragment", "hint"), REFUSALS)
def test_every_refusal_is_said_in_chinese_too(
    run: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, fragment: str, hint: str
) -> None:
    assert run("record gdp 5.0 --period 2023-03").exit_code == 0
    before = dump(db_path)
    monkeypatch.setenv("TARGETTRACK_LANG", "zh")
    result = run(_ansi_c(command))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("错误：") and result.stderr.count("\n") == 1
    assert _CJK.search(result.stderr[3:]), result.stderr
    for english in (" is not ", " give ", " the ", "; use ", " cannot "):
        assert english not in result.stderr, result.stderr
    assert dump(db_path) == before


def test_lang_on_the_command_line_chooses_the_language_of_messages(run: Run) -> None:
    result = run("status --lang zh --as-of 2023年6月")
    assert result.exit_code == 1
    assert "指的是第6月当月，不是累计数；1至6月累计请写 2023年1-6月" in result.stderr
    assert "names month 6 alone" in run("status --lang en --as-of 2023年6月").stderr


def test_confirmations_summaries_and_warnings_are_chinese(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TARGETTRACK_LANG", "zh")
    recorded = run("record 外资 1200 --period 2023年1-6月")
    # the indicator by its name alone (every command takes it), the office's period
    fdi = "实际利用外资（验资口径）"
    assert recorded.stdout == f"已录入{fdi}2023年1-6月数据：1,200 万美元（初步）。\n"
    same = run("record fdi 1200 --period 2023-06 --revise")
    assert same.stdout == f"{fdi}2023年1-6月数据已是 1,200 万美元（初步，第1版）；未作记录。\n"
    revised = run("record fdi 1300 --period 2023-06 --revise --status 最终")
    assert f"已修订{fdi}2023年1-6月数据：1,200 万美元 → 1,300 万美元（最终" in revised.stdout
    falling = run("record fdi 1000 --period 2023-09")
    assert falling.stderr.startswith(f"提示：{fdi}2023年1-9月（1,000 万美元）低于此前月份的数据")
    assert "fdi" not in recorded.stdout + same.stdout + revised.stdout + falling.stderr
    assert "fdi" not in run("status").stdout.split("┘")[-1]  # the missing line names names
    path = tmp_path / "f.csv"
    path.write_text("target,period,value\ngdp,2023-06,5.5\n", encoding="utf-8")
    assert run(["import", str(path)]).stdout.startswith("已导入新数据1条、修订0条")
    assert run(["check"]).stdout.startswith("正常：")
    several = run("record 增加值 5 --period 2023-06")  # where a name is not enough, the ids
    assert several.stderr == (
        "错误：“增加值”对应2个指标：工业增加值（industrial_va）；第三产业增加值（tertiary_va）；"
        "请给出其中一个的编号。\n"
    )
    usage = run("status --frmat json")
    assert usage.exit_code == 1 and "没有选项 --frmat" in usage.stderr


def test_catalogue_problems_are_said_in_chinese_too(run: Run, tmp_path: Path) -> None:
    from tests.conftest import BUNDLED

    text = BUNDLED.read_text(encoding="utf-8").replace("target = 2500", "target = inf")
    text = text.replace('kind = "amount"', 'kind = "amount"\nunit_x = 1', 1)
    catalogue = tmp_path / "2023.toml"
    catalogue.write_text(text, encoding="utf-8")
    result = run(["check", str(catalogue), "--lang", "zh"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("错误：") and "目标库有2处问题" in lines[0]
    assert any("（fdi）.target：须为有限数值" in line for line in lines)
    assert any("未知的键；请删除或改正拼写" in line for line in lines)
    english = run(["check", str(catalogue), "--lang", "en"]).stderr
    assert "must be a finite number, not inf or nan" in english


def test_every_message_is_said_somewhere() -> None:
    """No sentence is kept that nothing says: each code appears in the code that uses it
    (families named by a value, such as state.done, are looked up by prefix)."""
    import pathlib

    from targettrack.messages import MESSAGES

    package = pathlib.Path(__file__).resolve().parent.parent / "src" / "targettrack"
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in package.rglob("*.py") if p.name != "messages.py"
    )
    families = (
        "state.",
        "kind.",
        "status.",
        "dimension.",
        "kind_word.",
        "doctor.lang_",
        "draft.toml.from_",
        "pg.grant_",
    )
    quoted = [(f'"{code}"', f"'{code}'", code) for code in MESSAGES]
    unused = [
        code
        for double, single, code in quoted
        if double not in source and single not in source and not code.startswith(families)
    ]
    assert unused == []


def test_chinese_tables_and_sheets_name_indicators_groups_and_regions_not_ids(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import openpyxl

    monkeypatch.setenv("TARGETTRACK_LANG", "zh")
    assert run("record 外资 1200 --period 2023-06").exit_code == 0
    assert run("explain 外资 --period 2023-06 --reason 项目延迟 --measures 加快推进").exit_code == 0
    reasons = run("history 外资 --explanations").stdout
    assert "项目延迟" in reasons and "fdi" not in reasons
    ranked = run("rank 外资")  # a name, as every other command takes
    assert ranked.exit_code == 0 and "fdi" not in ranked.stdout and "luojiang" not in ranked.stdout
    assert "洛江区" in ranked.stdout
    grouped = run("status --group 构建现代产业体系")
    assert grouped.exit_code == 0 and "新增国家高新技术企业" in grouped.stdout
    assert "实际利用外资" not in grouped.stdout  # another group's
    unknown = run("status --group 不存在")
    assert "请用其中之一：主要预期目标、构建现代产业体系" in unknown.stderr
    book = tmp_path / "预计.xlsx"
    assert run(["outlook", "-o", str(book)]).exit_code == 0
    sheet = openpyxl.load_workbook(book)["全年预计"]
    cells = {c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    assert "实际利用外资（验资口径）" in cells and not {"fdi", "gdp", "编号"} & cells


def test_a_relative_goal_reads_as_the_catalogue_words_it_not_as_zero(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TARGETTRACK_LANG", "zh")
    assert run("record 地区生产总值 5.5 --period 2023-06").exit_code == 0
    assert run("record 居民人均可支配收入 5.0 --period 2023-06").exit_code == 0
    page = tmp_path / "预计.md"
    assert run(["outlook", "-o", str(page)]).exit_code == 0
    line = next(x for x in page.read_text("utf-8").splitlines() if "居民人均可支配收入" in x)
    assert "| 与地区生产总值同步 |" in line
    shown = run("show 居民人均可支配收入").stdout
    assert (
        "全年预计：存在风险" in shown or "全年预计：有望完成" in shown
    )  # the word, no stray comma
    assert "全年预计：，" not in shown
    listed = run("targets").stdout
    assert listed.splitlines()[0].strip() == "洛江区2023年目标" and "gdp" not in listed
