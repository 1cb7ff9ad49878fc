"""CSV of the flat rows of ``rows``, as Excel and WPS open it.

Every text cell passes through the formula guard; numbers are written as plain digits and
never altered. With a BOM first (the default for files), Excel reads the text as UTF-8.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from targettrack.core.periods import period_label
from targettrack.core.words import DayName
from targettrack.writers import Options
from targettrack.writers import rows as flat
from targettrack.writers.guard import guard
from targettrack.writers.shape import Table
from targettrack.writers.tables import table_of

if TYPE_CHECKING:
    from targettrack.context import Context


def cell_text(value: object) -> str:
    """A value as plain CSV text: numbers without separators, booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")  # plain digits, no exponent, no separators
    if isinstance(value, int):
        return str(value)
    return guard(str(value))


def to_csv(
    rows: Sequence[Mapping[str, object]],
    fields: Sequence[str],
    header: Sequence[str],
    *,
    bom: bool = True,
) -> str:
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([guard(h) for h in header])
    for row in rows:
        writer.writerow([cell_text(row.get(field)) for field in fields])
    return out.getvalue()


def table_cells(table: Table, lang: str) -> list[dict[str, object]]:
    """The rows of a table as a data file writes them: codes as words in Chinese, and the
    cells a field shows in its own way (the city table's) as that text."""
    shown = [f for f in table.fields if f.show is not None]
    # in Chinese every period as the office writes it (1-6月, 一季度), whatever its column
    # ("period" itself is localised with the other codes)
    periods = [f.key for f in table.fields if f.kind == "period" and f.key != "period"]
    periods = periods if lang == "zh" else []
    days = [f.key for f in table.fields if f.kind == "day"] if lang == "zh" else []
    out = []
    for row in table.rows:
        cells = flat.localise(row, lang)
        for key in periods:
            value = cells.get(key)
            if isinstance(value, str) and value:
                cells[key] = period_label(value, lang)
        for key in days:  # 2023年4月15日
            value = cells.get(key)
            if isinstance(value, str) and value:
                cells[key] = DayName(value).render(lang)
        for field in shown:
            assert field.show is not None
            cells[field.key] = field.show(row.get(field.key), row)
        out.append(cells)
    return out


class CsvWriter:
    binary = False

    def write(self, view: object, context: Context, options: Options) -> str:
        table = table_of(view, context.lang)
        keys = [f.key for f in table.fields]
        rows = table_cells(table, context.lang)
        return to_csv(rows, keys, table.headers(context.lang), bom=options.bom)
