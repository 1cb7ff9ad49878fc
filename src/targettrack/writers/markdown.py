"""Markdown tables of the flat rows of ``rows``, titled as every report is."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from targettrack.writers import Options
from targettrack.writers.delimited import cell_text, table_cells
from targettrack.writers.tables import catalogue_of, for_people, table_of
from targettrack.writers.text import local_time

if TYPE_CHECKING:
    from targettrack.context import Context


def _md_cell(value: object) -> str:
    """A cell as Markdown shows it literally: backslashes and pipes escaped, and the
    characters of HTML as entities, so that no text becomes a tag when it is rendered."""
    text = cell_text(value) if not isinstance(value, str) else value
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(
    rows: Sequence[Mapping[str, object]],
    fields: Sequence[str],
    header: Sequence[str],
    *,
    title: str | None = None,
) -> str:
    lines = [f"## {_md_cell(title)}", ""] if title else []
    lines.append("| " + " | ".join(_md_cell(h) for h in header) + " |")
    lines.append("|" + "|".join(" ---: " if _numeric(rows, f) else " --- " for f in fields) + "|")
    for row in rows:
        lines.append("| " + " | ".join(_md_cell(row.get(f)) for f in fields) + " |")
    return "\n".join(lines) + "\n"


def _numeric(rows: Sequence[Mapping[str, object]], field: str) -> bool:
    return any(isinstance(row.get(field), Decimal) for row in rows)


def report_markdown(view: object, lang: str) -> str:
    """The monthly report in Markdown: the same blocks as the Word document."""
    from targettrack.usecases.report import ReportView
    from targettrack.writers.document import report_blocks

    assert isinstance(view, ReportView)
    lines: list[str] = []
    marks = {"title": "# ", "h1": "## ", "h2": "### "}
    for block in report_blocks(view, lang):
        text = _md_cell(block.text)
        if block.kind == "table" and block.table is not None:
            table = block.table
            keys = [f.key for f in table.fields]
            rows: list[Mapping[str, object]] = []
            for section in table.sections:
                if section.title:
                    rows.append({keys[0]: f"**{section.title}**"})
                rows.extend(section.rows)
            lines.append(to_markdown(rows, keys, [f.header for f in table.fields]).rstrip("\n"))
        elif block.kind in marks:
            lines.append(marks[block.kind] + text)
        elif block.kind == "date":
            lines.append(f"*{text}*")
        else:
            lines.append(text)
        lines.append("")
    return "\n".join(lines)


class MarkdownWriter:
    binary = False

    def write(self, view: object, context: Context, options: Options) -> str:
        from targettrack.usecases.late import NoticesView
        from targettrack.usecases.report import ReportView

        if isinstance(view, ReportView):
            return report_markdown(view, context.lang)
        if isinstance(view, NoticesView):
            from targettrack.writers.notices import notices_markdown

            return notices_markdown(view, context.lang)
        table = for_people(table_of(view, context.lang), context.lang, catalogue_of(view))
        keys = [f.key for f in table.fields]
        rows = table_cells(table, context.lang)
        times = [f.key for f in table.fields if f.kind == "time"]
        for row in rows:  # a stored moment as people read it, not ISO 8601
            for key in times:
                if isinstance(row.get(key), str) and row[key]:
                    row[key] = local_time(str(row[key]), context.lang)
        text = to_markdown(rows, keys, table.headers(context.lang), title=table.title)
        notes = "".join(f"\n{_md_cell(note)}\n" for note in table.notes)  # as the page has them
        return text + notes
