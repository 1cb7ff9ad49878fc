"""Every output format behind one interface, and the registry from format name to writer.

A writer turns a view (``usecases.views``) into text or bytes in the report's language. The
registry names each writer by a dotted path, so a writer's library (XlsxWriter, Rich) loads
only when that format is used. To add a format: write a module with a class that has the
``Writer`` methods, and add one line to ``_REGISTRY``; the ``Format`` enum follows from it.
"""

from __future__ import annotations

import importlib
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from targettrack.errors import InputError
from targettrack.messages import Message

if TYPE_CHECKING:
    from targettrack.usecases.views import RecordsView, StatusView


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    XLSX = "xlsx"
    HTML = "html"


class Options(NamedTuple):
    """How to write: settings that only some formats use."""

    bom: bool = False  # CSV: a byte-order mark first, for Excel
    width: int = 100  # terminal: columns available


class Writer(Protocol):
    binary: bool  # writes bytes (a workbook) rather than text

    def status(
        self, view: StatusView, lang: str, options: Options, records: RecordsView | None
    ) -> str | bytes:
        """The status table; ``records`` adds the recorded versions where the format can."""

    def records(self, view: RecordsView, lang: str, options: Options) -> str | bytes:
        """Every recorded version."""


# format -> (module:class, file extensions that imply it)
_REGISTRY: dict[Format, tuple[str, tuple[str, ...]]] = {
    Format.TABLE: ("targettrack.writers.terminal:TerminalWriter", (".txt",)),
    Format.JSON: ("targettrack.writers.jsontext:JsonWriter", (".json",)),
    Format.CSV: ("targettrack.writers.delimited:CsvWriter", (".csv",)),
    Format.MARKDOWN: ("targettrack.writers.markdown:MarkdownWriter", (".md", ".markdown")),
    Format.XLSX: ("targettrack.writers.xlsx:WorkbookWriter", (".xlsx",)),
    Format.HTML: ("targettrack.writers.html:HtmlWriter", (".html", ".htm")),
}
EXPORT_FORMATS = (Format.CSV, Format.JSON, Format.MARKDOWN, Format.XLSX, Format.HTML)


def get_writer(fmt: Format) -> Writer:
    path, _ = _REGISTRY[fmt]
    module_name, class_name = path.split(":")
    writer: Writer = getattr(importlib.import_module(module_name), class_name)()
    return writer


def format_for_path(path: Path, allowed: tuple[Format, ...] = EXPORT_FORMATS) -> Format | None:
    """The format a file name implies (``report.xlsx`` -> xlsx), if any."""
    suffix = path.suffix.lower()
    for fmt in allowed:
        if suffix in _REGISTRY[fmt][1]:
            return fmt
    return None


def refuse(fmt: str, what: Message) -> InputError:
    return InputError(Message("format.cannot_write", format=fmt, what=what))
