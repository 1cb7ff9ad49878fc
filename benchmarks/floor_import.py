"""The import floor: the simplest program that does an import's work, run as a whole process.

    python benchmarks/floor_import.py FIGURES.csv NEW.db

It reads the CSV with the csv module, turns every value into a Decimal, and inserts every row
into a new SQLite table in one transaction: no catalogue, no rule, no history. targettrack's
``import`` of the same file is measured against it (issue 29).
"""

import csv
import sqlite3
import sys
from decimal import Decimal


def main(source: str, database: str) -> None:
    db = sqlite3.connect(database, isolation_level=None)
    db.execute("CREATE TABLE figures (target TEXT, period TEXT, value TEXT, source TEXT)")
    with open(source, newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        next(rows)  # the header
        db.execute("BEGIN")
        db.executemany(
            "INSERT INTO figures VALUES (?, ?, ?, ?)",
            ((target, period, str(Decimal(value)), note) for target, period, value, note in rows),
        )
        db.execute("COMMIT")
    db.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
