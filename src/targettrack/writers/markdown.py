"""Markdown tables of the flat rows of ``rows``, titled as every report is."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from targettrack.writers import Options
from targettrack.writers import rows as flat
from targettrack.writers.delimited import cell_text
from targettrack.writers.text import report_title

if TYPE_CHECKING:
    from targettrack.usecases.views import RecordsView, StatusView


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


class MarkdownWriter:
    binary = False

    def status(
        self, view: StatusView, lang: str, options: Options, records: RecordsView | None
    ) -> str:
        fields = flat.STATUS_FIELDS
        rows = [flat.localise(r, lang) for r in flat.status_rows(view.progress, view.as_of)]
        return to_markdown(
            rows,
            fields,
            flat.headers(fields, lang, as_of=view.as_of),
            title=report_title(view.catalogue, view.as_of, lang),
        )

    def records(self, view: RecordsView, lang: str, options: Options) -> str:
        fields = flat.RECORD_FIELDS
        rows = [flat.localise(r, lang) for r in flat.record_rows(view.catalogue, view.figures)]
        return to_markdown(rows, fields, flat.headers(fields, lang, records=True))
