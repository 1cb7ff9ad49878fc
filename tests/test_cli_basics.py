"""The command line as a whole: help everywhere, language choice, and what start-up loads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from targettrack.cli import app
from tests.conftest import Run

COMMANDS = [
    "targets",
    "check",
    "record",
    "history",
    "import",
    "status",
    "show",
    "outlook",
    "export",
    "template",
    "compare",
    "withdraw",
    "explain",
    "publish",
    "remind",
    "draft",
    "regions",
    "rank",
    "rollup",
    "doctor",
    "report",
]


DB_COMMANDS = ["upgrade", "grant", "revoke", "grants", "purge", "copy"]


def _names(typer_app: typer.Typer) -> list[str]:
    return sorted(
        (c.name or (c.callback.__name__ if c.callback else "")).rstrip("_")
        for c in typer_app.registered_commands
    )


def test_every_command_has_help_text(run: Run) -> None:
    assert _names(app) == sorted(COMMANDS)
    groups = {
        str(g.typer_instance.info.name): g.typer_instance
        for g in app.registered_groups
        if g.typer_instance is not None
    }
    assert sorted(groups) == ["db"] and _names(groups["db"]) == sorted(DB_COMMANDS)
    for command in [*([c] for c in COMMANDS), *(["db", c] for c in DB_COMMANDS), ["db"]]:
        result = run([*command, "--help"])
        assert result.exit_code == 0, command
        assert "Usage: " in result.stdout
        summary = result.stdout.split("\n\n")[1].strip()
        assert len(summary) > 20, f"{command} has no description"
        if command != ["db"]:
            assert "--lang" in result.stdout, command  # every command speaks both languages


def test_version(run: Run) -> None:
    from targettrack import __version__

    assert run("--version").stdout == f"targettrack {__version__}\n"


def test_the_changelog_begins_with_this_version() -> None:
    """The version lives in one place; the changelog's newest release must be it."""
    import re

    from targettrack import __version__
    from tests.conftest import REPO

    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## (\d+\.\d+\.\d+) ", changelog, re.M)
    assert releases[0] == __version__ and len(set(releases)) == len(releases) >= 2


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "地区生产总值"),
        ({"LANG": "en_US.UTF-8"}, "GDP"),
        ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "地区生产总值"),
        ({"LANG": "zh_CN.UTF-8", "TARGETTRACK_LANG": "en"}, "GDP"),
    ],
)
def test_language_follows_the_setting_then_the_locale(
    run: Run, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for name in ("TARGETTRACK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out = run("targets").stdout
    assert expected in out
    other = "GDP" if expected != "GDP" else "地区生产总值"
    assert other not in out


def test_a_revision_is_what_status_shows(run: Run) -> None:
    assert run("record fdi 1000 --period 2023-06").exit_code == 0
    assert run("record fdi 1250 --period 2023-06 --revise").exit_code == 0
    fdi = next(r for r in json.loads(run("status --format json").stdout) if r["id"] == "fdi")
    assert (fdi["actual"], fdi["completion_pct"]) == (1250, 50.0)


STARTUP_PROBE = """
import sys
sys.argv = ["targettrack", *sys.argv[1:]]
from targettrack.cli import main
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.split(".")[0] in
               {"xlsxwriter", "openpyxl", "tomllib", "targettrack", "docx", "lxml"} or m in
               {"pydantic.main", "targettrack.schema", "csv"})
sys.stderr.write(" ".join(heavy))
"""


def _loaded(args: list[str], tmp_path: Path) -> set[str]:
    env = {
        "TARGETTRACK_DB": str(tmp_path / "s.db"),
        "TARGETTRACK_CACHE": str(tmp_path / "c"),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", STARTUP_PROBE, *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(result.stderr.split())


def test_start_up_loads_only_what_the_command_needs(tmp_path: Path) -> None:
    first = _loaded(["status"], tmp_path)  # a cold cache validates the catalogue
    assert "targettrack.catalogue.schema" in first and "pydantic.main" in first
    warm = _loaded(["status"], tmp_path)
    assert not {"pydantic.main", "targettrack.catalogue.schema", "tomllib"} & warm
    assert not {"xlsxwriter", "targettrack.writers.xlsx", "csv"} & warm
    assert "targettrack.writers.terminal" in warm
    assert not {"docx", "lxml", "targettrack.writers.docx"} & warm
    as_text = _loaded(["report", "--format", "text"], tmp_path)
    assert not {"docx", "lxml", "targettrack.writers.docx"} & as_text
    as_json = _loaded(["status", "--format", "json"], tmp_path)
    assert "targettrack.writers.terminal" not in as_json and "rich.table" not in as_json
    helped = _loaded(["--help"], tmp_path)
    assert (
        not {
            "targettrack.store.sqlite",
            "targettrack.catalogue.loading",
            "targettrack.writers.terminal",
        }
        & helped
    )


def test_an_unknown_option_is_named_plainly(run: Run) -> None:
    zh = run("record fdi 5 --period 2023-07 --bogus --lang zh")
    assert zh.exit_code == 1 and "没有选项 --bogus" in zh.stderr and "s)" not in zh.stderr
    extra = run("record fdi 5 6 --period 2023-07")
    assert extra.exit_code == 1 and "Unexpected extra arguments: 6" in extra.stderr


def test_the_command_line_run_as_a_program_finds_every_command(tmp_path: Path) -> None:
    # main() keeps only the command named, to start faster: every name must still be found,
    # a group's subcommands too, and a wrong name refused as before
    env = {**os.environ, "TARGETTRACK_DB": str(tmp_path / "t.db"), "COLUMNS": "100"}
    env.pop("TARGETTRACK_DEBUG", None)

    def program(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "targettrack", *argv],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )

    assert program("record", "fdi", "1", "--period", "2023-06").returncode == 0
    assert "Foreign investment" in program("history", "fdi").stdout
    grants = program("db", "--help")
    assert grants.returncode == 0 and "grant" in grants.stdout
    wrong = program("statu")
    assert wrong.returncode == 1
    assert "No such command 'statu'" in wrong.stderr
    whole = program("--help")
    assert "remind" in whole.stdout and "status" in whole.stdout
