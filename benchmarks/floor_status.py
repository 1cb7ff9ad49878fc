"""The status floor: the simplest program that reads what ``status --format json`` reports.

    python benchmarks/floor_status.py DATABASE.db REGION YEAR

It opens targettrack's SQLite database, selects the latest figure of every target for the
year (the highest version of its latest month, in one GROUP BY) and writes them to standard
output as JSON: no catalogue, no verdict, no pace, and no regard for withdrawn figures, which
the benchmark's data has none of.
"""

import json
import sqlite3
import sys

# SQLite returns the other columns from the row that holds the max() of a group.
LATEST = (
    "SELECT target_id, period, value, max(month * 1000000 + version) FROM figures "
    "WHERE region = ? AND year = ? GROUP BY target_id"
)


def main(database: str, region: str, year: int) -> None:
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    rows = db.execute(LATEST, (region, year)).fetchall()
    figures = [
        {"id": target, "period": period, "actual": value} for target, period, value, _ in rows
    ]
    sys.stdout.write(json.dumps(figures, ensure_ascii=False) + "\n")
    db.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
