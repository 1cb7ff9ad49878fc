"""Every terminal view at any width from 20 to 400 columns: nothing printed wider than the
terminal (so nothing is cut off), nothing missing, and a width of 0 or nonsense is taken as
the narrowest rather than as nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import Run

FIGURES = """target,period,value,status,note
gdp,2023-06,6.5,final,
fdi,2023-03,500,final,
fdi,2023-06,1300,final,验资口径，待外汇局核实
little_giants,2023-06,2,final,
farmland,2023-Q2,1200,final,
energy_saving,2023-06,in-progress,final,
"""
COMMANDS = ["status", "history fdi", "show fdi", "targets", "compare 2023-06 2023-03"]
WIDTHS = [20, 21, 27, 33, 40, 52, 66, 80, 99, 120, 160, 233, 400]
_BOX = re.compile(r"[\s│┃┏┓┗┛┡┩┳┻╇┼├┤└┘┬┴━─]")


@pytest.fixture
def recorded(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(FIGURES, encoding="utf-8")
    assert run(["import", str(path)]).exit_code == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", COMMANDS)
def test_no_line_is_wider_than_the_terminal_at_any_width(
    run: Run, recorded: None, monkeypatch: pytest.MonkeyPatch, command: str, lang: str
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    for width in WIDTHS:
        monkeypatch.setenv("COLUMNS", str(width))
        result = run(f"{command} --lang {lang}")
        assert result.exit_code == 0, (width, result.output)
        lines = result.stdout.splitlines()
        assert lines, width
        widest = max(cell_len(line) for line in lines)
        assert widest <= width, (command, width, widest)


@pytest.mark.parametrize("columns", ["0", "-5", "abc", ""])
def test_a_width_of_nothing_is_the_narrowest_not_an_empty_screen(
    run: Run, recorded: None, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    for command in COMMANDS:
        out = run(command).stdout
        assert "GDP" in out or "Foreign" in out, command


def test_a_note_shown_in_lines_is_whole_once_the_lines_are_joined(
    run: Run, recorded: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "20")
    joined = _BOX.sub("", run("history fdi --lang zh").stdout)
    assert "验资口径，待外汇局核实" in joined
    assert "实际利用外资（验资口径）" in _BOX.sub("", run("status --lang zh").stdout)


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        # a closing bracket never begins a line, after a digit as after a character
        ("+6.5%（排名 1）", 12, ["+6.5%（排名", "1）"]),
        # an opening bracket never ends one, before a digit as before a character
        ("1,500 万美元（1-6月 ※）（排名 2）", 14, ["1,500 万美元", "（1-6月 ※）", "（排名 2）"]),
        ("目标 2,500 万美元，完成 60%。", 12, ["目标 2,500", "万美元，完成", "60%。"]),
        ("national-/provincial-level firms", 20, ["national-/", "provincial-level", "firms"]),
    ],
)
def test_lines_break_where_chinese_typesetting_allows(
    text: str, width: int, lines: list[str]
) -> None:
    from targettrack.writers.grid import wrap

    assert wrap(text, width).split("\n") == lines
    assert all(cell_len(line) <= width for line in lines)
