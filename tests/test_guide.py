"""The Chinese user guide stays true: every command in it runs, in order, as written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, REPO, Run

GUIDE = REPO / "docs" / "使用说明.md"
_FENCE = re.compile(r"^```(\w+)(?: (\S+))?\n(.*?)^```", re.S | re.M)


def _steps() -> list[tuple[str, str | None, str]]:
    return [(m.group(1), m.group(2), m.group(3)) for m in _FENCE.finditer(GUIDE.read_text("utf-8"))]


def test_the_readme_links_the_guide_in_its_first_lines() -> None:
    head = "\n".join((REPO / "README.md").read_text(encoding="utf-8").splitlines()[:12])
    assert "docs/使用说明.md" in head


def test_every_command_of_the_guide_runs(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    commands = 0
    for kind, name, body in _steps():
        if kind in ("bat", "shell"):  # installing a bundle: tests/test_bundle.py checks it
            continue
        if kind == "csv":  # a file the reader receives: saved by WPS on a Chinese computer
            assert name is not None
            (tmp_path / name).write_bytes(body.encode("gb18030"))
            continue
        if kind == "text":  # a report the reader has, as a text file
            assert name is not None
            (tmp_path / name).write_text(body, encoding="utf-8")
            continue
        assert kind == "sh", kind
        for line in body.splitlines():
            argv = shlex.split(line)
            if argv[0] == "mkdir":  # a folder made as the reader makes it
                (tmp_path / argv[1]).mkdir()
                continue
            assert argv[0] == "targettrack", line
            result = run(argv[1:])
            assert result.exit_code == 0, f"{line}\n{result.output}"
            assert "Traceback" not in result.output
            commands += 1
    assert commands >= 20
    assert (tmp_path / "商务局-2023年1-6月.xlsx").read_bytes()[:2] == b"PK"
    assert (tmp_path / "完成情况表-2023年1-6月.xlsx").exists()
    table = (tmp_path / "完成情况表-2023年1-6月.md").read_text(encoding="utf-8")
    assert "| 1300 |" in table  # the figure as it stood when the table was written
    history = run("history fdi --format json").stdout
    assert '"status": "final"' in history and '"note": "外汇局核实"' in history
    kept = (tmp_path / "目标库" / "2023.toml").read_bytes()
    assert kept == BUNDLED.read_bytes()  # targets --source: the catalogue file itself
    drafted = (tmp_path / "目标库" / "2024.toml").read_text(encoding="utf-8")
    assert 'id = "revenue_total"' in drafted and 'department = "财政局"' in drafted
    gdp = run("history gdp --format json").stdout
    assert '"period": "2023"' in gdp and '"level": 365' in gdp  # last year's result, imported
    reasons = run("history exports --explanations --format json").stdout
    assert '"cause": "外需偏弱，订单减少"' in reasons  # the sheet's 原因分析, imported
    assert (tmp_path / "催报-2023年1-6月.docx").read_bytes()[:2] == b"PK"
    late = (tmp_path / "催报清单.csv").read_text(encoding="utf-8-sig")
    assert "社会消费品零售总额" in late and "retail_sales" not in late  # names, Chinese dates
    assert "2023年7月8日" in late
    sent = (tmp_path / "洛江区2023年1-6月主要经济指标完成情况.docx").read_bytes()
    assert (tmp_path / "重现-2023年1-6月.docx").read_bytes() == sent  # byte for byte
