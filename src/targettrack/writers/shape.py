"""The one shape every tabular view reduces to: a title, typed fields, grouped rows, notes.

Rows hold what JSON writes: ids, codes (a verdict is ``on_track``), decimals and booleans,
never words of a language; the text formats turn codes into words with ``rows.localise``.
A field may say how a text format shows a value that JSON keeps whole (the city table's
cells: figure, completion, verdict and rank in JSON; "7.5% (排名 1)" in a table).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

Row = dict[str, object]


class Field(NamedTuple):
    key: str  # the JSON key, and the column's name in English CSV and Markdown
    header: str  # the column's name for people, in the table's language
    # text | number | int | pct | pp | one | period | time: how cells read (one: a measure to
    # one decimal, with neither sign nor unit, such as an error in % or in points)
    kind: str = "text"
    unit_key: str | None = None  # number: the row key holding the figure's unit
    show: Callable[[object, Row], str] | None = None  # text formats: how a value reads

    @property
    def numeric(self) -> bool:
        return self.kind in ("number", "int", "pct", "pp", "one")


class Section(NamedTuple):
    title: str  # a group's name; "" for rows that stand under no heading
    rows: Sequence[Row]


class Table(NamedTuple):
    name: str  # which view: status, records, targets, history, compare, ranks, city, ...
    title: str
    fields: tuple[Field, ...]
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = ()
    # the columns as people read them (the terminal, Markdown, the page, a workbook), where
    # they differ from the data files' (a figure with its unit and marks in one cell)
    people: tuple[Field, ...] = ()

    @property
    def rows(self) -> Iterator[Row]:
        for section in self.sections:
            yield from section.rows

    @property
    def grouped(self) -> bool:
        return any(section.title for section in self.sections)

    def headers(self, lang: str) -> list[str]:
        """Column names of a data file: the field keys in English (stable for scripts), the
        office's words in Chinese."""
        return [f.header if lang == "zh" else f.key for f in self.fields]


def one_section(rows: Sequence[Row]) -> tuple[Section, ...]:
    return (Section("", rows),)
