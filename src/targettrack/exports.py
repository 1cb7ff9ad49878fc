"""Writers for the rows of ``report.py``: CSV, Markdown, JSON and an Excel workbook.

Every text cell passes through ``guard``: text that a spreadsheet would read as a formula
(starting with = + - @, a tab or a carriage return, or their full-width forms) is kept as text.
Numbers are written as numbers and never altered.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from decimal import Decimal

from targettrack.jsonout import dumps_rows

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def risky(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def guard(text: str) -> str:
    """Text that stays text in a spreadsheet: a leading apostrophe where it could be a formula."""
    return "'" + text if risky(text) else text


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


def _md_cell(value: object) -> str:
    text = cell_text(value) if not isinstance(value, str) else value
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(
    rows: Sequence[Mapping[str, object]],
    fields: Sequence[str],
    header: Sequence[str],
    *,
    title: str | None = None,
) -> str:
    lines = [f"## {title}", ""] if title else []
    lines.append("| " + " | ".join(_md_cell(h) for h in header) + " |")
    lines.append("|" + "|".join(" ---: " if _numeric(rows, f) else " --- " for f in fields) + "|")
    for row in rows:
        lines.append("| " + " | ".join(_md_cell(row.get(f)) for f in fields) + " |")
    return "\n".join(lines) + "\n"


def _numeric(rows: Sequence[Mapping[str, object]], field: str) -> bool:
    return any(isinstance(row.get(field), Decimal) for row in rows)


def to_json(rows: Sequence[Mapping[str, object]]) -> str:
    return dumps_rows(rows)
