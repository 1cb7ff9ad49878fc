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

from targettrack.writers import Options
from targettrack.writers import rows as flat
from targettrack.writers.guard import guard

if TYPE_CHECKING:
    from targettrack.usecases.views import RecordsView, StatusView


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


class CsvWriter:
    binary = False

    def status(
        self, view: StatusView, lang: str, options: Options, records: RecordsView | None
    ) -> str:
        fields = flat.STATUS_FIELDS
        header = flat.headers(fields, lang, as_of=view.as_of)
        rows = [flat.localise(r, lang) for r in flat.status_rows(view.progress, view.as_of)]
        return to_csv(rows, fields, header, bom=options.bom)

    def records(self, view: RecordsView, lang: str, options: Options) -> str:
        fields = flat.RECORD_FIELDS
        header = flat.headers(fields, lang, records=True)
        rows = [flat.localise(r, lang) for r in flat.record_rows(view.catalogue, view.figures)]
        return to_csv(rows, fields, header, bom=options.bom)
