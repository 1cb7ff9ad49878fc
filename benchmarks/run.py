"""targettrack's benchmark suite: start-up against the library floor, and status at scale.

    python -m benchmarks.run            # everything (about eight minutes on two cores)
    python -m benchmarks.run --quick    # start-up only
    python -m benchmarks.run --only postgres   # the shared database's import, status, record

It builds every data set in a temporary folder, never touches the user's own database, runs
each measurement several times, and prints a table of medians, ratios and the goals.
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
from collections.abc import Sequence
from pathlib import Path

from benchmarks.datasets import (
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
FLOOR = [sys.executable, "-c", "import typer, rich.console, rich.table, pydantic"]
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


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []

    def add(self, name: str, median: float, unit: str, ratio: str, goal: str) -> None:
        if unit == "MB":
            shown = f"{median:.0f} MB"
        else:
            shown = f"{median:.2f} s" if median >= 1 else f"{median * 1000:.1f} ms"
        verdict = ""
        if goal:
            verdict = "ok" if _meets(median, ratio, goal) else "MISSED"
        self.rows.append((name, shown, ratio, goal, verdict))
        print(f"  {name}: {shown} {ratio} {goal} {verdict}", file=sys.stderr, flush=True)

    def show(self) -> None:
        header = ("measurement", "median", "ratio", "goal", "met")
        widths = [max(len(r[i]) for r in [header, *self.rows]) for i in range(5)]
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
    floor = statistics.median(times["floor: import typer, rich, pydantic"])
    for name, samples in times.items():
        median = statistics.median(samples)
        is_floor = name.startswith("floor")
        table.add(name, median, "s", f"{median / floor:.2f}x", "" if is_floor else "ratio <= 1.5")


def scale(table: Table, work: Path, runs: int, years: int) -> None:
    targets = 10_000
    folder = work / "catalogue"
    folder.mkdir()
    first_year = 2023 - years + 1
    for year in range(first_year, 2024):
        write_catalogue(folder / f"{year}.toml", targets, year)
    csvs = {
        year: write_figures_csv(work / f"figures-{year}.csv", targets, year)
        for year in range(first_year, 2024)
    }
    env = {
        **os.environ,
        "TARGETTRACK_CACHE": str(work / "cache"),
        "TARGETTRACK_TARGETS": str(folder),
    }

    imports = []
    for attempt in range(max(1, min(runs, 3))):
        env["TARGETTRACK_DB"] = str(work / f"import-{attempt}.db")
        imports.append(measure([*TARGETTRACK, "import", str(csvs[2023])], env))
    median_import = statistics.median(t for t, _ in imports)
    table.add("import 120,000 rows (10,000 targets x 12)", median_import, "s", "", "<= 10 s")
    table.add("  its peak memory", max(peak for _, peak in imports), "MB", "", "")

    one_year = {**env, "TARGETTRACK_DB": str(work / "import-0.db")}
    status = [*TARGETTRACK, "status", "--year", "2023", "--format", "json"]
    run_once(status, one_year)
    samples = [measure(status, one_year) for _ in range(runs)]
    one_time = statistics.median(s[0] for s in samples)
    table.add("status --format json, 10,000 targets", one_time, "s", "", "<= 1 s")
    table.add("  its peak memory", max(s[1] for s in samples), "MB", "", "<= 200 MB")

    outputs(table, work, one_year, runs)
    hledger(table, work, one_year, runs)

    history = {**env, "TARGETTRACK_DB": str(work / "history.db")}
    for year in range(first_year, 2024):
        run_once([*TARGETTRACK, "import", str(csvs[year])], history)
    run_once(status, history)
    one_samples: list[float] = []
    many_samples: list[float] = []
    for _ in range(runs):
        one_samples.append(measure(status, one_year)[0])
        many_samples.append(measure(status, history)[0])
    one, many = statistics.median(one_samples), statistics.median(many_samples)
    rows = years * targets * 12
    table.add("status, 120,000 records stored (1 year)", one, "s", "1.00x", "")
    table.add(
        f"status, {rows:,} records stored ({years} years)",
        many,
        "s",
        f"{many / one:.2f}x",
        "ratio <= 1.2",
    )


def outputs(table: Table, work: Path, env: dict[str, str], runs: int) -> None:
    """Every output of the status at 10,000 targets x 12 months, and the records workbook."""
    cases = (
        ("export --format html, 10,000 targets", ["export", "-o", str(work / "r.html")], "<= 3 s"),
        ("export --format xlsx (status)", ["export", "-o", str(work / "r.xlsx")], "<= 2 s"),
        ("export --format csv (status)", ["export", "-o", str(work / "r.csv")], "<= 2 s"),
        ("export --format markdown (status)", ["export", "-o", str(work / "r.md")], "<= 2 s"),
        (
            "export --records --format xlsx, 120,000 versions",
            ["export", "--records", "-o", str(work / "rr.xlsx")],
            "<= 6 s",
        ),
    )
    for name, args, goal in cases:
        samples = [
            measure([*TARGETTRACK, *args, "--year", "2023"], env) for _ in range(max(1, runs // 2))
        ]
        table.add(name, statistics.median(s[0] for s in samples), "s", "", goal)
        memory_goal = "<= 300 MB" if "html" in name else "<= 250 MB" if "records" in name else ""
        table.add("  its peak memory", max(s[1] for s in samples), "MB", "", memory_goal)
    for width in (80, 160):
        wide = {**env, "COLUMNS": str(width)}
        samples = [
            measure([*TARGETTRACK, "status", "--year", "2023"], wide)
            for _ in range(max(1, runs // 2))
        ]
        table.add(
            f"status table at {width} columns, 10,000 targets",
            statistics.median(s[0] for s in samples),
            "s",
            "",
            "<= 1.5 s",
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
    """Drafting a report of 60,000 characters (a long work report): the seed's text, repeated,
    the whole command from start to written file."""
    seed = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
    reports = sorted(seed.glob("*.txt"))
    if not reports:
        print("  draft skipped: no seed report beside the checkout", file=sys.stderr)
        return
    text = reports[0].read_text(encoding="utf-8")
    report = work / "report.txt"
    report.write_text(((text + "\n") * (60_000 // len(text) + 1))[:60_000], encoding="utf-8")
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


def postgres(table: Table, work: Path, runs: int) -> None:
    """The shared database on a local throwaway server, against the SQLite figures."""
    from tests import pgserver  # the tests' own throwaway cluster

    try:
        server = pgserver.start()
    except RuntimeError as error:
        print(f"  PostgreSQL skipped: {error}", file=sys.stderr)
        return
    try:
        import psycopg

        env = {
            **os.environ,
            "TARGETTRACK_CACHE": str(work / "cache"),
            "TARGETTRACK_TARGETS": str(work / "catalogue"),
        }
        imports: list[tuple[float, float]] = []
        # the same import with the trigger that notes each commit turned off
        unnoted: list[tuple[float, float]] = []
        for attempt in range(max(1, min(runs, 3))):
            for name, into in ((f"bench_{attempt}", imports), (f"plain_{attempt}", unnoted)):
                with psycopg.connect(server.url(), autocommit=True) as con:
                    con.execute(f"CREATE DATABASE {name}")
                env["TARGETTRACK_DB"] = server.url(name)
                subprocess.run(
                    [*TARGETTRACK, "db", "upgrade"], env=env, check=True, stdout=subprocess.DEVNULL
                )
                if name.startswith("plain"):
                    with psycopg.connect(server.url(name), autocommit=True) as con:
                        con.execute(
                            "ALTER TABLE targettrack.figures DISABLE TRIGGER figures_are_committed"
                        )
                into.append(measure([*TARGETTRACK, "import", str(work / "figures-2023.csv")], env))
        noted = statistics.median(t for t, _ in imports)
        plain = statistics.median(t for t, _ in unnoted)
        table.add("PostgreSQL: import 120,000 rows", noted, "s", f"{noted / plain:.2f}x", "<= 20 s")
        table.add("  the same, not noting the commit", plain, "s", "1.00x", "")
        status = [*TARGETTRACK, "status", "--year", "2023", "--format", "json"]
        env["TARGETTRACK_DB"] = server.url("bench_0")
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
            found = con.execute("SELECT now()::text").fetchone()
        moment = str(found[0] if found else "").replace(" ", "T")  # every figure known then
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
        with psycopg.connect(server.url(), autocommit=True) as con:
            con.execute("CREATE DATABASE district")
        shared = {**district, "TARGETTRACK_DB": server.url("district")}
        subprocess.run(
            [*TARGETTRACK, "db", "upgrade"], env=shared, check=True, stdout=subprocess.DEVNULL
        )
        local = {**district, "TARGETTRACK_DB": str(work / "record.db")}
        times = interleaved(
            {"sqlite": RECORD, "postgres": [*RECORD, "--db", shared["TARGETTRACK_DB"]]}, local, runs
        )
        base = statistics.median(times["sqlite"])
        record = statistics.median(times["postgres"])
        table.add("SQLite: record (a revision)", base, "s", "1.00x", "")
        table.add(
            "PostgreSQL: record (a revision)", record, "s", f"{record / base:.2f}x", "ratio <= 1.5"
        )
    finally:
        pgserver.stop(server)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="repetitions of each measurement")
    parser.add_argument("--years", type=int, default=10, help="years of history to store")
    parser.add_argument("--quick", action="store_true", help="start-up measurements only")
    parser.add_argument(
        "--only", choices=["regions", "draft", "postgres"], help="just one group of measurements"
    )
    args = parser.parse_args(argv)
    table = Table()
    with tempfile.TemporaryDirectory(prefix="targettrack-bench-") as folder:
        work = Path(folder)
        if args.only is None:
            startup(table, work, args.runs)
        if args.only == "regions":
            regions(table, work, args.runs)
        elif args.only == "draft":
            draft_speed(table, work, max(3, args.runs // 3))
        elif args.only == "postgres":
            write_catalogue(work / "catalogue" / "2023.toml", 10_000, 2023)
            write_figures_csv(work / "figures-2023.csv", 10_000, 2023)
            postgres(table, work, max(3, args.runs // 3))
        elif not args.quick:
            scale(table, work, max(3, args.runs // 3), args.years)
            regions(table, work, args.runs)
            postgres(table, work, max(3, args.runs // 3))
            draft_speed(table, work, max(3, args.runs // 3))
    print(
        f"\n{platform.python_implementation()} {platform.python_version()} on "
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}\n"
    )
    table.show()


if __name__ == "__main__":
    main()
