"""What targettrack's own table costs: the import floor's work, into targettrack's figures table.

    python benchmarks/floor_table.py FIGURES.csv EMPTY.db [--unguarded]

EMPTY.db is a database targettrack made and left empty (``targettrack db upgrade`` on a new
path). The script does what ``floor_import.py`` does (the csv module, a Decimal of every value,
one transaction) but inserts the rows into that file's ``figures`` table as an import stores
them: version 1, a region, a year, a month, a recorder, a time and a batch. Nothing about a
catalogue or a rule is checked, so what it measures beyond the plain floor is what the table
itself costs: its columns, its unique index of (region, year, target, month, version), its
index of batches, its checks, and the two guards that fire on every insert (no row replaced,
each version the next one). With ``--unguarded`` the two guards are dropped first, to show what
they cost alone. Used by the benchmark's ``parts`` group (issue 29).
"""

import csv
import sqlite3
import sys
from decimal import Decimal

_INSERT = (
    "INSERT INTO figures (region, year, target_id, month, period, version, value, unit, "
    "entered, status, recorded_by, recorded_at, source, batch) "
    "VALUES (?, ?, ?, ?, ?, 1, ?, '', ?, 'provisional', 'floor', '2026-12-05T09:00:00+08:00', "
    "?, 'floor-batch')"
)


def main(source: str, database: str, unguarded: bool) -> None:
    db = sqlite3.connect(database, isolation_level=None)
    db.execute("PRAGMA synchronous = NORMAL")  # as targettrack opens it
    if unguarded:
        db.execute("DROP TRIGGER figures_are_never_replaced")
        db.execute("DROP TRIGGER figures_are_numbered_in_turn")
    with open(source, newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        next(rows)  # the header
        db.execute("BEGIN IMMEDIATE")
        db.executemany(
            _INSERT,
            (
                (
                    "benchmark",
                    int(period[:4]),
                    target,
                    int(period[5:7]),
                    period,
                    str(Decimal(value)),
                    value,
                    note,
                )
                for target, period, value, note in rows
            ),
        )
        db.execute("COMMIT")
    db.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--unguarded" in sys.argv[3:])
