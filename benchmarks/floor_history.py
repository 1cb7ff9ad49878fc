"""What the year-end outlook must read: earlier years' figures of the months a table needs.

    python benchmarks/floor_history.py DATABASE.db REGION FIRST_YEAR LAST_YEAR MONTH...

It opens targettrack's SQLite database read-only, selects every figure of the years from
FIRST_YEAR to LAST_YEAR and of the months given (a June table needs June and December) in the
order of the table's unique index, as targettrack's store does, and makes each value and level
a Decimal; nothing is grouped, converted or projected. It prints how long that took, in
seconds, measured inside the process (its start-up is not part of what status adds). The
benchmark's ``outlook`` group sets it beside the status it is part of (issue 23).
"""

import sqlite3
import sys
import time
from decimal import Decimal

_STATES = {"not-started", "in-progress", "done"}


def main(database: str, region: str, first: int, last: int, months: list[int]) -> None:
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    years = list(range(first, last + 1))
    start = time.perf_counter()
    rows = db.execute(
        "SELECT target_id, year, month, value, level, unit, withdrawn FROM figures "
        f"WHERE region = ? AND year IN ({', '.join('?' * len(years))}) "
        f"AND month IN ({', '.join('?' * len(months))}) "
        "ORDER BY year, target_id, month, version",
        (region, *years, *months),
    ).fetchall()
    values = [
        (
            target,
            year,
            month,
            None if value in _STATES else Decimal(value),
            Decimal(level) if level else None,
            unit,
            withdrawn,
        )
        for target, year, month, value, level, unit, withdrawn in rows
    ]
    elapsed = time.perf_counter() - start
    db.close()
    print(elapsed, len(values))


if __name__ == "__main__":
    main(
        sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), [int(m) for m in sys.argv[5:]]
    )
