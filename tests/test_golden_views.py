"""Golden renderings of show, history and compare, in both languages at 80 and 160 columns:
the Chinese forms (periods as the office writes them, Chinese punctuation, names not ids) are
visible in review, and any change to them is a change someone meant."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from targettrack.core.models import NewFigure, State, Status
from targettrack.store import open_store
from targettrack.usecases.recording import record_figure
from tests.conftest import Run
from tests.test_status import _golden

_AT = "2023-{month:02d}-08T09:30:00+08:00"


def _figure(
    target: str, month: int, value: Decimal | State, unit: str, **extra: object
) -> NewFigure:
    fields: dict[str, object] = {
        "region": "luojiang",
        "year": 2023,
        "target_id": target,
        "month": month,
        "period": f"2023-{month:02d}",
        "value": value,
        "unit": unit,
        "status": Status.FINAL,
        "recorded_by": "商务局李明",
        "recorded_at": _AT.format(month=month + 1),
    }
    fields.update(extra)
    return NewFigure(**fields)  # type: ignore[arg-type]


@pytest.fixture
def history(db_path: Path, shanghai_time: None) -> None:
    """A few months of figures with fixed times and people, as a month of work leaves them."""
    figures = [
        _figure("fdi", 3, Decimal(500), "万美元", source="商务局外资科"),
        _figure("fdi", 6, Decimal(1200), "万美元", status=Status.PROVISIONAL),
        _figure(
            "fdi",
            6,
            Decimal(1300),
            "万美元",
            note="根据6月验资报告修订，待外汇局核实后更新",
            recorded_at="2023-07-12T16:05:00+08:00",
        ),
        _figure("gdp", 3, Decimal("4.1"), "%", recorded_by="统计局王芳"),
        _figure("gdp", 6, Decimal("6.5"), "%", recorded_by="统计局王芳", source="统计快报"),
        _figure("farmland", 3, Decimal(600), "亩"),
        _figure("farmland", 6, Decimal(1500), "亩"),
        _figure("energy_saving", 6, State.IN_PROGRESS, ""),
    ]
    with open_store(db_path) as store:
        for figure in figures:
            record_figure(store, figure, revise=True)


CASES = [
    ("show", "show fdi"),
    ("show_growth", "show gdp"),
    ("history", "history fdi"),
    ("compare", "compare 2023-06 2023-03"),
]


@pytest.mark.parametrize("width", [80, 160])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("name", "command"), CASES)
def test_views_match_their_golden_files(
    run: Run,
    history: None,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    command: str,
    lang: str,
    width: int,
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setenv("NO_COLOR", "1")
    result = run(f"{command} --lang {lang}")
    assert result.exit_code == 0, result.output
    _golden(f"{name}_{lang}_{width}.txt", result.stdout)
