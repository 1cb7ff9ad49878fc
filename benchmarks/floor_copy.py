"""The PostgreSQL import floor: the same rows copied into a plain table with COPY.

    python benchmarks/floor_copy.py FIGURES.csv POSTGRESQL_URL

It reads the CSV with the csv module, turns every value into a Decimal, and copies every row
into a new table (in the database the URL names, a fresh one in the benchmark) without
constraints, triggers or row-level security, in one transaction through psycopg's COPY.
"""

import csv
import sys
from decimal import Decimal

import psycopg


def main(source: str, url: str) -> None:
    with psycopg.connect(url) as connection, open(source, newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        next(rows)  # the header
        connection.execute(
            "CREATE TABLE floor_figures (target TEXT, period TEXT, value NUMERIC, source TEXT)"
        )
        with connection.cursor() as cursor:
            copy = "COPY floor_figures (target, period, value, source) FROM STDIN"
            with cursor.copy(copy) as writer:
                for target, period, value, note in rows:
                    writer.write_row((target, period, Decimal(value), note))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
