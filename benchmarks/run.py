"""targettrack's benchmark suite: each measurement against its floor, in the same run.

A floor is the simplest program that could do the same work, measured in the same session.

    python -m benchmarks.run                        # everything (about three minutes on two cores)
    python -m benchmarks.run --quick                # start-up only
    python -m benchmarks.run --only import --only status   # some groups of measurements

It builds every data set in a temporary folder, never touches the user's own database, runs
each measurement several times, interleaved with its floor so that a busy moment hits both
alike, and prints a table of medians, floors, ratios and the goals. The floors are the small
scripts beside this one: ``floor_startup.py`` (import the libraries), ``floor_import.py``
(csv, Decimal and one SQLite transaction), ``floor_status.py`` (the latest figure of every
target as JSON) and ``floor_copy.py`` (the same rows COPYed into a plain PostgreSQL table).
Two more show what a part of the work costs alone: ``floor_table.py`` (the import floor into
targettrack's own figures table, with and without its insert guards) and
``floor_history.py`` (reading the earlier years a June table's outlook needs).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from benchmarks.datasets import (
    figure_value,
    target_spec,
    write_budget_journal,
    write_catalogue,
    write_district_year,
    write_figures_csv,
    write_region_tree,
)

TARGETTRACK = [sys.executable, "-m", "targettrack"]
_EXE = shutil.which("targettrack")
if _EXE:
    TARGETTRACK = [_EXE]
_HERE = Path(__file__).resolve().parent


def floor(name: str, *args: str | Path) -> list[str]:
    """The command that runs one floor script of this folder."""
    return [sys.executable, str(_HERE / f"floor_{name}.py"), *(str(a) for a in args)]


FLOOR = floor("startup")
# Runs a command and prints its wall time and the peak memory of that command alone.
_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "elapsed = time.perf_counter() - t\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(elapsed, peak, code)\n"
)


def measure(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one run of ``command``."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    elapsed, peak_kb, code = float(out[0]), int(out[1]), int(out[2])
    if code != 0:
        raise SystemExit(f"benchmark command failed ({code}): {' '.join(command)}")
    return elapsed, peak_kb / 1024


def run_once(command: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def _shown(value: float, unit: str) -> str:
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.2f} s" if value >= 1 else f"{value * 1000:.1f} ms"


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str, str]] = []

    def add(
        self,
        name: str,
        median: float,
        unit: str,
        ratio: str,
        goal: str,
        *,
        floor: float | None = None,
    ) -> None:
        """One row; with ``floor`` (the floor's median in the same unit) the ratio is to it."""
        shown = _shown(median, unit)
        floor_shown = ""
        if floor is not None:
            floor_shown = _shown(floor, unit)
            ratio = f"{median / floor:.2f}x"
        verdict = ""
        if goal:
            verdict = "ok" if _meets(median, ratio, goal) else "MISSED"
        self.rows.append((name, shown, floor_shown, ratio, goal, verdict))
        print(
            f"  {name}: {shown} {floor_shown} {ratio} {goal} {verdict}", file=sys.stderr, flush=True
        )

    def show(self) -> None:
        header = ("measurement", "median", "floor", "ratio", "goal", "met")
        widths = [max(len(r[i]) for r in [header, *self.rows]) for i in range(len(header))]
        for row in [header, tuple("-" * w for w in widths), *self.rows]:
            cells = (cell.ljust(w) for cell, w in zip(row, widths, strict=True))
            print("| " + " | ".join(cells) + " |")


def _meets(value: float, ratio: str, goal: str) -> bool:
    """Whether a median meets a goal such as 'ratio <= 1.5', '<= 10 s' or '<= 200 MB'."""
    limit = float(re.findall(r"[\d.]+", goal)[0])
    if goal.startswith("ratio"):
        return float(ratio.rstrip("x")) <= limit
    return value <= limit


# A revision with a new value every time (an unchanged figure would not be written).
RECORD = [*TARGETTRACK, "record", "gdp", "{value}", "--period", "2023-12", "--revise"]


def interleaved(
    commands: dict[str, list[str]], env: dict[str, str], runs: int
) -> dict[str, list[float]]:
    """Wall times of each command, run in turn so that a busy moment hits every one alike."""
    step = iter(range(10**6))

    def filled(command: list[str]) -> list[str]:
        return [part.replace("{value}", f"{5 + next(step) / 1000:.3f}") for part in command]

    for command in commands.values():  # warm the file cache and the catalogue cache
        run_once(filled(command), env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(run_once(filled(command), env))
    return times


def alternate(
    cases: dict[str, Callable[[int], tuple[float, float]]], runs: int
) -> dict[str, tuple[float, float]]:
    """Each case measured ``runs`` times, the cases in turn (``case(i)`` measures the i-th run),
    so that a busy moment of the machine hits every one alike: the median wall time and the
    highest peak memory of each."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for run in range(runs):
        for name, case in cases.items():
            samples[name].append(case(run))
    return {
        name: (statistics.median(t for t, _ in found), max(m for _, m in found))
        for name, found in samples.items()
    }


def startup(table: Table, work: Path, runs: int) -> None:
    env = {
        **os.environ,
        "TARGETTRACK_DB": str(work / "district.db"),
        "TARGETTRACK_CACHE": str(work / "cache"),
    }
    env.pop("TARGETTRACK_TARGETS", None)
    figures = write_district_year(work / "district.csv")
    subprocess.run(
        [*TARGETTRACK, "import", str(figures)], env=env, check=True, stdout=subprocess.DEVNULL
    )
    commands = {
        "floor: import typer, rich, pydantic": FLOOR,
        "targettrack status": [*TARGETTRACK, "status"],
        "targettrack record (a revision)": RECORD,
        "targettrack --help": [*TARGETTRACK, "--help"],
    }
    times = interleaved(commands, env, runs)
    base = statistics.median(times["floor: import typer, rich, pydantic"])
    for name, samples in times.items():
        median = statistics.median(samples)
        if name.startswith("floor"):
            table.add(name, median, "s", "1.00x", "")
        else:
            table.add(name, median, "s", "", "ratio <= 1.5", floor=base)


TARGETS = 10_000
YEAR = 2023
REGION = "benchmark"  # the region id of the synthetic catalogues


class Scale:
    """A synthetic catalogue of 10,000 targets for each of ``years`` years, and a CSV of
    12 monthly figures of every target for each year."""

    def __init__(self, work: Path, years: int) -> None:
        folder = work / "catalogue"
        folder.mkdir()
        self.first_year = YEAR - years + 1
        self.years = years
        for year in range(self.first_year, YEAR + 1):
            write_catalogue(folder / f"{year}.toml", TARGETS, year)
        self.csvs = {
            year: write_figures_csv(work / f"figures-{year}.csv", TARGETS, year)
            for year in range(self.first_year, YEAR + 1)
        }
        self.env = {
            **os.environ,
            "TARGETTRACK_CACHE": str(work / "cache"),
            "TARGETTRACK_TARGETS": str(folder),
        }
        # the catalogue cache filled once, so that no measured run validates the TOML
        run_once([*TARGETTRACK, "targets", "--year", str(YEAR), "--format", "json"], self.env)
        self.one_year = work / "import-0.db"  # written by the first measured import

    def with_db(self, database: Path | str) -> dict[str, str]:
        return {**self.env, "TARGETTRACK_DB": str(database)}


# The status table, the workbook and the page as ratios to the status floor, measured before
# issue 29's work on 2026-12-05 (medians of 5, interleaved with the floor, which took 67 ms):
# none of them may become slower than this.
TODAY = {
    "status table at 80 columns, 10,000 targets": 10.22,
    "status table at 160 columns, 10,000 targets": 14.72,
    "export --format xlsx (status)": 19.92,
    "export --format html, 10,000 targets": 23.13,
}


def importing(table: Table, work: Path, data: Scale, runs: int) -> None:
    """``import`` of 120,000 rows against the import floor, each into a new database."""
    source = data.csvs[YEAR]

    def ours(run: int) -> tuple[float, float]:
        return measure(
            [*TARGETTRACK, "import", str(source)], data.with_db(work / f"import-{run}.db")
        )

    def simplest(run: int) -> tuple[float, float]:
        return measure(floor("import", source, work / f"floor-import-{run}.db"), data.env)

    # an empty database as targettrack makes it, copied for each run of the table floors
    empty = work / "empty.db"
    run_once([*TARGETTRACK, "db", "upgrade"], data.with_db(empty))

    def into_table(*extra: str) -> Callable[[int], tuple[float, float]]:
        def case(run: int) -> tuple[float, float]:
            copy = work / f"table{'-'.join(extra)}-{run}.db"
            shutil.copy(empty, copy)
            return measure(floor("table", source, copy, *extra), data.env)

        return case

    found = alternate(
        {
            "floor": simplest,
            "table": into_table(),
            "unguarded": into_table("--unguarded"),
            "import": ours,
        },
        runs,
    )
    (floor_time, floor_memory), (time_taken, memory) = found["floor"], found["import"]
    table.add("floor: csv, Decimal, one SQLite transaction", floor_time, "s", "1.00x", "")
    table.add("  its peak memory", floor_memory, "MB", "1.00x", "")
    table.add(
        "  the same into targettrack's own figures table",
        found["table"][0],
        "s",
        "",
        "",
        floor=floor_time,
    )
    table.add(
        "  the same without the table's two insert guards",
        found["unguarded"][0],
        "s",
        "",
        "",
        floor=floor_time,
    )
    table.add(
        "import 120,000 rows (10,000 targets x 12)",
        time_taken,
        "s",
        "",
        "ratio <= 5",
        floor=floor_time,
    )
    table.add("  its peak memory", memory, "MB", "", "ratio <= 3", floor=floor_memory)


def statuses(table: Table, work: Path, data: Scale, runs: int) -> None:
    """What ``status`` and ``export`` show of 10,000 targets x 12 months, against the status
    floor, interleaved; then the other outputs, hledger, and ten years of history."""
    if not data.one_year.exists():
        run_once([*TARGETTRACK, "import", str(data.csvs[YEAR])], data.with_db(data.one_year))
    env = data.with_db(data.one_year)
    status = [*TARGETTRACK, "status", "--year", str(YEAR)]
    export = [*TARGETTRACK, "export", "--year", str(YEAR), "-o"]
    commands: dict[str, tuple[list[str], dict[str, str]]] = {
        "floor": (floor("status", data.one_year, REGION, str(YEAR)), env),
        "status --format json, 10,000 targets": ([*status, "--format", "json"], env),
        "status table at 80 columns, 10,000 targets": (status, {**env, "COLUMNS": "80"}),
        "status table at 160 columns, 10,000 targets": (status, {**env, "COLUMNS": "160"}),
        "export --format xlsx (status)": ([*export, str(work / "r.xlsx")], env),
        "export --format html, 10,000 targets": ([*export, str(work / "r.html")], env),
    }
    for command, its_env in commands.values():  # the file cache warmed for every one
        run_once(command, its_env)

    def case(command: list[str], its_env: dict[str, str]) -> Callable[[int], tuple[float, float]]:
        return lambda _: measure(command, its_env)

    found = alternate({name: case(*pair) for name, pair in commands.items()}, runs)
    base, base_memory = found.pop("floor")
    table.add("floor: the latest figure of every target as JSON", base, "s", "1.00x", "")
    table.add("  its peak memory", base_memory, "MB", "1.00x", "")
    for name, (time_taken, memory) in found.items():
        goal = "ratio <= 4" if "json" in name else f"ratio <= {TODAY[name]:.2f}"
        table.add(name, time_taken, "s", "", goal, floor=base)
        memory_goal = "<= 200 MB" if "json" in name else "<= 300 MB" if "html" in name else ""
        table.add("  its peak memory", memory, "MB", "", memory_goal)

    other = (
        ("export --format csv (status)", ["export", "-o", str(work / "r.csv")], "<= 2 s"),
        ("export --format markdown (status)", ["export", "-o", str(work / "r.md")], "<= 2 s"),
        (
            "export --records --format xlsx, 120,000 versions",
            ["export", "--records", "-o", str(work / "rr.xlsx")],
            "<= 6 s",
        ),
        (
            "report --format docx, 10,000 targets",
            [
                "report",
                "--period",
                f"{YEAR}-12",
                "--date",
                "2024-01-10",
                "-o",
                str(work / "r.docx"),
            ],
            "<= 10 s",
        ),
    )
    for name, args, goal in other:
        samples = [
            measure(
                [*TARGETTRACK, *args, *(() if args[0] == "report" else ("--year", str(YEAR)))], env
            )
            for _ in range(max(1, runs // 2))
        ]
        table.add(name, statistics.median(s[0] for s in samples), "s", "", goal)
        memory_goal = "<= 250 MB" if "records" in name else ""
        table.add("  its peak memory", max(s[1] for s in samples), "MB", "", memory_goal)

    bundled_report(table, work, runs)
    hledger(table, work, env, runs)
    history(table, work, data, runs)


def bundled_report(table: Table, work: Path, runs: int) -> None:
    """The monthly report of the bundled catalogue, as Word, with a month of figures."""
    env = {**os.environ, "TARGETTRACK_CACHE": str(work / "cache"), "LANG": "C.UTF-8"}
    env.pop("TARGETTRACK_TARGETS", None)
    env["TARGETTRACK_DB"] = str(work / "bundled.db")
    figures = work / "bundled.csv"
    figures.write_text(
        "target,period,value\nfdi,2023-06,1300\ngdp,2023-06,5.5\nexports,2023-06,8.5\n"
        "urban_investment,2023-06,120\nschool_places,2023-06,300\n",
        encoding="utf-8",
    )
    run_once([*TARGETTRACK, "import", str(figures)], env)
    command = [*TARGETTRACK, "report", "--period", "2023-06", "-o", str(work / "b.docx")]
    run_once(command, env)
    samples = [measure(command, env) for _ in range(max(1, runs // 2))]
    table.add(
        "report --format docx, the bundled catalogue",
        statistics.median(s[0] for s in samples),
        "s",
        "",
        "<= 2 s",
    )


def history(table: Table, work: Path, data: Scale, runs: int) -> None:
    """status of one year with one year stored, and with ten."""
    status = [*TARGETTRACK, "status", "--year", str(YEAR), "--format", "json"]
    one_year = data.with_db(data.one_year)
    many = data.with_db(work / "history.db")
    for year in range(data.first_year, YEAR + 1):
        run_once([*TARGETTRACK, "import", str(data.csvs[year])], many)
    run_once(status, many)
    found = alternate(
        {"one": lambda _: measure(status, one_year), "many": lambda _: measure(status, many)}, runs
    )
    one, several = found["one"][0], found["many"][0]
    rows = data.years * TARGETS * 12
    table.add("status, 120,000 records stored (1 year)", one, "s", "1.00x", "")
    table.add(
        f"status, {rows:,} records stored ({data.years} years)",
        several,
        "s",
        f"{several / one:.2f}x",
        "ratio <= 1.2",
    )


def hledger(table: Table, work: Path, env: dict[str, str], runs: int) -> None:
    """targettrack against hledger's budget report on the same 10,000 x 12 figures, format
    against format, where hledger is installed (Debian: apt-get install hledger)."""
    executable = shutil.which("hledger")
    if executable is None:
        print("  hledger comparison skipped: hledger is not installed", file=sys.stderr)
        return
    version = subprocess.run(
        [executable, "--version"], capture_output=True, text=True, check=True
    ).stdout.split(",")[0]
    journal = write_budget_journal(work / "budget.journal", 10_000)
    budget = [
        executable,
        "-f",
        str(journal),
        "balance",
        "--budget",
        "-Y",
        "-b",
        "2023",
        "-e",
        "2024",
    ]
    pairs = (
        ("text", [*TARGETTRACK, "status", "--year", "2023"], budget),
        (
            "JSON",
            [*TARGETTRACK, "status", "--year", "2023", "--format", "json"],
            [*budget, "-O", "json"],
        ),
    )
    for name, ours, theirs in pairs:
        mine, other = [], []
        for _ in range(max(1, runs // 2)):
            mine.append(measure(ours, env))
            other.append(measure(theirs, env))
        base = statistics.median(t for t, _ in mine)
        time_taken = statistics.median(t for t, _ in other)
        table.add(f"targettrack status, {name}, 10,000 x 12", base, "s", "1.00x", "")
        table.add("  its peak memory", max(m for _, m in mine), "MB", "", "")
        table.add(
            f"{version}: balance --budget, {name}, same figures",
            time_taken,
            "s",
            f"{time_taken / base:.2f}x",
            "",
        )
        table.add("  its peak memory", max(m for _, m in other), "MB", "", "")


def draft_speed(table: Table, work: Path, runs: int) -> None:
    """Drafting a report of 30,000 characters: the seed's text, repeated."""
    seed = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
    reports = sorted(seed.glob("*.txt"))
    if not reports:
        print("  draft skipped: no seed report beside the checkout", file=sys.stderr)
        return
    text = reports[0].read_text(encoding="utf-8")
    report = work / "report.txt"
    report.write_text((text + "\n") * (30_000 // len(text) + 1), encoding="utf-8")
    env = {**os.environ, "TARGETTRACK_CACHE": str(work / "cache")}
    command = [*TARGETTRACK, "draft", str(report), "-o", str(work / "draft.toml")]
    run_once(command, env)
    samples = [measure(command, env)[0] for _ in range(runs)]
    size = len(report.read_text(encoding="utf-8"))
    table.add(
        f"draft, a report of {size:,} characters", statistics.median(samples), "s", "", "<= 1 s"
    )


def regions(table: Table, work: Path, runs: int) -> None:
    """A city of 15 districts x 30 shared targets x 12 months: ranks and the city's table
    against the status of one district."""
    figures = write_region_tree(work / "regions", regions=15, targets=30)
    env = {
        **os.environ,
        "TARGETTRACK_TARGETS": str(work / "regions"),
        "TARGETTRACK_DB": str(work / "regions.db"),
        "TARGETTRACK_CACHE": str(work / "cache"),
    }
    subprocess.run(
        [*TARGETTRACK, "import", str(figures)], env=env, check=True, stdout=subprocess.DEVNULL
    )
    every = [f"t{index:05d}" for index in range(30)]
    commands = {
        "regions: status --region d01 (one district)": [
            *TARGETTRACK,
            "status",
            "--region",
            "d01",
        ],
        "regions: rank, 30 targets x 15 districts": [*TARGETTRACK, "rank", *every],
        "regions: status --regions (the city's table)": [*TARGETTRACK, "status", "--regions"],
    }
    times = interleaved(commands, env, runs)
    base = statistics.median(times["regions: status --region d01 (one district)"])
    for name, samples in times.items():
        median = statistics.median(samples)
        is_base = "one district" in name
        table.add(name, median, "s", f"{median / base:.2f}x", "" if is_base else "ratio <= 1.5")


def postgres(table: Table, work: Path, data: Scale, runs: int) -> None:
    """The shared database on a local throwaway server: its import against the COPY floor,
    its status, and its record against SQLite's."""
    from tests import pgserver  # the tests' own throwaway cluster

    try:
        server = pgserver.start()
    except RuntimeError as error:
        print(f"  PostgreSQL skipped: {error}", file=sys.stderr)
        return
    try:
        import psycopg

        def create(name: str) -> str:
            with psycopg.connect(server.url(), autocommit=True) as con:
                con.execute(f"CREATE DATABASE {name}")
            return server.url(name)

        source = data.csvs[YEAR]

        def without(name: str, *triggers: str) -> Callable[[int], tuple[float, float]]:
            """The import into a new database, with these of its triggers turned off:
            figures_are_committed notes each commit, figures_are_stamped checks each row's
            recorder, time, transaction and version."""

            def case(run: int) -> tuple[float, float]:
                url = create(f"{name}_{run}")
                env = data.with_db(url)
                subprocess.run(
                    [*TARGETTRACK, "db", "upgrade"], env=env, check=True, stdout=subprocess.DEVNULL
                )
                with psycopg.connect(url, autocommit=True) as con:
                    for trigger in triggers:
                        con.execute(f"ALTER TABLE targettrack.figures DISABLE TRIGGER {trigger}")
                return measure([*TARGETTRACK, "import", str(source)], env)

            return case

        ours = without("bench")
        unnoted = without("plain", "figures_are_committed")
        unstamped = without("bare", "figures_are_committed", "figures_are_stamped")

        def simplest(run: int) -> tuple[float, float]:
            return measure(floor("copy", source, create(f"floor_{run}")), data.env)

        found = alternate(
            {"floor": simplest, "import": ours, "unnoted": unnoted, "unstamped": unstamped}, runs
        )
        base = found["floor"][0]
        table.add("PostgreSQL floor: csv, Decimal, COPY into a plain table", base, "s", "1.00x", "")
        table.add(
            "PostgreSQL: import 120,000 rows", found["import"][0], "s", "", "ratio <= 5", floor=base
        )
        table.add(
            "  the same, not noting each commit", found["unnoted"][0], "s", "", "", floor=base
        )
        table.add(
            "  the same, neither noting nor stamping each row",
            found["unstamped"][0],
            "s",
            "",
            "",
            floor=base,
        )
        status = [*TARGETTRACK, "status", "--year", str(YEAR), "--format", "json"]
        env = data.with_db(server.url("bench_0"))
        run_once(status, env)
        samples = [measure(status, env)[0] for _ in range(runs)]
        table.add(
            "PostgreSQL: status --format json, 10,000 x 12",
            statistics.median(samples),
            "s",
            "",
            "<= 1.5 s",
        )
        with psycopg.connect(server.url("bench_0")) as con:
            now = con.execute("SELECT now()::text").fetchone()
        moment = str(now[0] if now else "").replace(" ", "T")  # every figure known then
        known = [*status, "--as-known-at", moment]
        run_once(known, env)
        cut = [measure(known, env)[0] for _ in range(runs)]
        table.add(
            "PostgreSQL: status --as-known-at, 10,000 x 12",
            statistics.median(cut),
            "s",
            f"{statistics.median(cut) / statistics.median(samples):.2f}x",
            "",
        )
        district = {**os.environ, "TARGETTRACK_CACHE": str(work / "cache")}
        district.pop("TARGETTRACK_TARGETS", None)
        shared = {**district, "TARGETTRACK_DB": create("district")}
        subprocess.run(
            [*TARGETTRACK, "db", "upgrade"], env=shared, check=True, stdout=subprocess.DEVNULL
        )
        local = {**district, "TARGETTRACK_DB": str(work / "record.db")}
        times = interleaved(
            {"sqlite": RECORD, "postgres": [*RECORD, "--db", shared["TARGETTRACK_DB"]]}, local, runs
        )
        record = statistics.median(times["postgres"])
        table.add(
            "SQLite: record (a revision)", statistics.median(times["sqlite"]), "s", "1.00x", ""
        )
        table.add(
            "PostgreSQL: record (a revision)",
            record,
            "s",
            "",
            "ratio <= 1.5",
            floor=statistics.median(times["sqlite"]),
        )
    finally:
        pgserver.stop(server)


_TIMED = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "elapsed = time.perf_counter() - t\n"
    "used = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(elapsed, used.ru_utime + used.ru_stime, code)\n"
)


def timed(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and processor seconds (user and system) of one run of ``command``: on a
    busy machine the second says what the command itself cost."""
    out = subprocess.run(
        [sys.executable, "-c", _TIMED, *command],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if int(out[2]) != 0:
        raise SystemExit(f"benchmark command failed ({out[2]}): {' '.join(command)}")
    return float(out[0]), float(out[1])


def outlook(table: Table, work: Path, runs: int) -> None:
    """status at 10,000 targets x 12 months with five earlier years stored (whose figures the
    year-end outlook learns from) against the same status without them, interleaved in one
    run: as of December (the default; every figure is the year's own, so nothing is
    projected) and as of June (every target projected from its earlier years' shares). Wall
    time is the goal; processor time is shown beside it."""
    targets = 10_000
    folder = work / "outlook-catalogue"
    folder.mkdir()
    write_catalogue(folder / "2023.toml", targets, 2023)  # earlier years have no catalogue
    env = {
        **os.environ,
        "TARGETTRACK_CACHE": str(work / "cache"),
        "TARGETTRACK_TARGETS": str(folder),
    }
    alone, earlier = work / "outlook-alone.db", work / "outlook-earlier.db"
    this_year = write_figures_csv(work / "outlook-2023.csv", targets, 2023)
    run_once([*TARGETTRACK, "import", str(this_year)], {**env, "TARGETTRACK_DB": str(alone)})
    shutil.copy(alone, earlier)
    store_earlier_years(earlier, targets, range(2018, 2023))
    cases = (
        ("status --format json", ["status", "--format", "json"]),
        (
            "status --as-of 2023-06 --format json",
            ["status", "--as-of", "2023-06", "--format", "json"],
        ),
        ("status --as-of 2023-06 (table)", ["status", "--as-of", "2023-06"]),
    )
    commands: dict[str, list[str]] = {}
    for name, args in cases:
        commands[f"{name}: alone"] = [*TARGETTRACK, *args, "--db", str(alone)]
        commands[f"{name}: earlier"] = [*TARGETTRACK, *args, "--db", str(earlier)]
    for command in commands.values():  # warm the file cache and the catalogue cache
        run_once(command, env)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(timed(command, env))
    # what the June table must read of the earlier years, timed inside its own process
    reads = [
        float(
            subprocess.run(
                floor("history", earlier, "benchmark", "2018", "2022", "6", "12"),
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()[0]
        )
        for _ in range(runs)
    ]
    for name, _args in cases:
        one = statistics.median(t for t, _ in samples[f"{name}: alone"])
        many = statistics.median(t for t, _ in samples[f"{name}: earlier"])
        one_cpu = statistics.median(c for _, c in samples[f"{name}: alone"])
        many_cpu = statistics.median(c for _, c in samples[f"{name}: earlier"])
        table.add(f"{name}, 10,000 x 12, this year alone", one, "s", "1.00x", "")
        table.add("  with 5 earlier years stored", many, "s", f"{many / one:.2f}x", "ratio <= 1.3")
        if "2023-06" in name:
            read = statistics.median(reads)
            table.add(
                "  reading those years' June and December alone (floor_history.py)",
                read,
                "s",
                f"{read / one:.2f}x",
                "",
            )
        table.add("  processor time, this year alone", one_cpu, "s", "1.00x", "")
        table.add(
            "  processor time, with 5 earlier years",
            many_cpu,
            "s",
            f"{many_cpu / one_cpu:.2f}x",
            "",
        )


def store_earlier_years(db: Path, targets: int, years: range) -> None:
    """Twelve months of every target for each earlier year, stored straight through the store
    (as the import of earlier years' workbooks will store them: years with no catalogue)."""
    from targettrack.core.models import NewFigure, Status
    from targettrack.store import open_store

    with open_store(db) as store, store.writing() as writer:
        for year in years:
            writer.append(
                [
                    (
                        NewFigure(
                            region="benchmark",
                            year=year,
                            target_id=target_spec(index)[0],
                            month=month,
                            period=f"{year}-{month:02d}",
                            value=Decimal(figure_value(index, month)),
                            unit=target_spec(index)[2],
                            status=Status.FINAL,
                            recorded_by="benchmark",
                            recorded_at=f"{year + 1}-01-08T09:00:00+08:00",
                        ),
                        1,
                    )
                    for index in range(targets)
                    for month in range(1, 13)
                ]
            )


GROUPS = ("startup", "import", "status", "outlook", "regions", "postgres", "draft")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="repetitions of each measurement")
    parser.add_argument("--years", type=int, default=10, help="years of history to store")
    parser.add_argument("--quick", action="store_true", help="start-up measurements only")
    parser.add_argument(
        "--only",
        choices=GROUPS,
        action="append",
        help="just this group of measurements (repeatable): startup (against the library "
        "floor), import (120,000 rows against the import floor), status (the views of "
        "10,000 targets against the status floor, the other outputs, hledger, ten years), "
        "outlook (status with five earlier years against without), regions, postgres "
        "(import against the COPY floor, status, record), draft",
    )
    args = parser.parse_args(argv)
    chosen = set(args.only or (["startup"] if args.quick else GROUPS))
    table = Table()
    heavy = max(3, args.runs // 3)
    with tempfile.TemporaryDirectory(prefix="targettrack-bench-") as folder:
        work = Path(folder)
        if "startup" in chosen:
            startup(table, work, args.runs)
        data = Scale(work, args.years) if chosen & {"import", "status", "postgres"} else None
        if data is not None and "import" in chosen:
            importing(table, work, data, heavy)
        if data is not None and "status" in chosen:
            statuses(table, work, data, heavy)
        if "outlook" in chosen:
            outlook(table, work, heavy)
        if "regions" in chosen:
            regions(table, work, args.runs)
        if data is not None and "postgres" in chosen:
            postgres(table, work, data, heavy)
        if "draft" in chosen:
            draft_speed(table, work, heavy)
    print(
        f"\n{platform.python_implementation()} {platform.python_version()} on "
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}\n"
    )
    table.show()


if __name__ == "__main__":
    main()
