"""One registry for every format: a format registered once is offered, and works, in every
command whose view is a table, through the one table shape every view reduces to."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from targettrack.context import Context
from targettrack.writers import Options, Spec, register, unregister
from targettrack.writers.tables import table_of
from tests.conftest import Run


class Probe:
    """A writer nobody ships: it says which table it was given and how many rows it has."""

    binary = False

    def write(self, view: object, context: Context, options: Options) -> str:
        table = table_of(view, context.lang)
        heads = "|".join(f.header for f in table.fields)
        return f"PROBE {table.name} rows={len(list(table.rows))} lang={context.lang} {heads}\n"


@pytest.fixture
def probe() -> Iterator[None]:
    register(Spec("probe", "tests.test_registry:Probe", (".probe",), False))
    yield
    unregister("probe")


def _recorded(run: Run) -> None:
    for command in (
        "record fdi 500 --period 2023-03",
        "record fdi 1300 --period 2023-06",
        "record gdp 5.2 --period 2023-06",
    ):
        assert run(command).exit_code == 0


COMMANDS = [
    ("targets", "targets"),
    ("status", "status"),
    ("status --lagging", "status"),
    ("history fdi", "records"),
    ("compare 2023-06 2023-03", "compare"),
    ("status --since 2023-03", "compare"),
    ("export", "status"),
    ("export --records", "records"),
    ("outlook", "outlook"),
    ("outlook --backtest", "backtest"),
]


@pytest.mark.parametrize(("command", "table"), COMMANDS)
def test_a_registered_format_is_offered_and_written_by_every_tabular_command(
    run: Run, probe: None, command: str, table: str
) -> None:
    _recorded(run)
    name = command.split()[0]
    assert "probe" in run(f"{name} --help").stdout
    result = run(f"{command} --format probe --lang zh")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"PROBE {table} rows=")
    assert "lang=zh" in result.stdout


def test_the_output_file_name_implies_a_registered_format(
    run: Run, probe: None, tmp_path: Path
) -> None:
    _recorded(run)
    out = tmp_path / "status.probe"
    assert run(["status", "--output", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("PROBE status rows=28")


@pytest.mark.parametrize(
    ("command", "table"),
    [
        ("regions", "regions"),
        ("rank gdp fdi --parent quanzhou", "ranks"),
        ("status --regions --parent quanzhou", "city"),
        ("rollup --parent quanzhou", "rollup"),
    ],
)
def test_the_commands_across_regions_offer_it_too(
    run: Run, probe: None, tree: Path, command: str, table: str
) -> None:
    assert run("record gdp 6 --period 2023-06 --region luojiang").exit_code == 0
    result = run(f"{command} --format probe")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"PROBE {table} rows=")


def test_without_it_the_format_is_refused_with_the_formats_there_are(run: Run) -> None:
    refused = run("status --format probe")
    assert refused.exit_code == 1
    assert (
        "'probe'" in refused.stderr and "table, json, csv, markdown, xlsx, html" in refused.stderr
    )
    assert "probe" not in run("status --help").stdout


def test_every_tabular_command_writes_every_shipped_format(run: Run, tmp_path: Path) -> None:
    """JSON everywhere is the rows of the same table; the workbook and the page exist."""
    _recorded(run)
    for command in ("targets", "history fdi", "compare 2023-06 2023-03"):
        rows = json.loads(run(f"{command} --format json").stdout)
        assert rows and isinstance(rows[0], dict)
        for fmt, head in (("xlsx", b"PK"), ("html", b"<!DOCTYPE html>")):
            out = tmp_path / f"{command.split()[0]}.{fmt}"
            written = run([*command.split(), "--output", str(out)])
            assert written.exit_code == 0, written.output
            assert out.read_bytes().startswith(head)
