"""Every output format behind one interface, and the registry from format name to writer.

A writer turns a view (``usecases.views`` and friends) into text or bytes in the report's
language. Every tabular view reduces to one table shape (``writers.shape.Table``), so a
writer that can write a ``Table`` can write every tabular view; a writer may also know a
richer form of some views (the status page with its charts, the workbook with its records
sheet), which adds to the table and never replaces the path.

The registry is the one list of formats: each writer is registered once with its name, the
file extensions that imply it, whether it writes bytes, and the shapes it renders. Every
command's ``--format`` choices, its help text and the choice of format from an ``--output``
file's extension are read from it. Writers are named by a dotted path, so a writer's library
(XlsxWriter, Jinja2, Rich) loads only when that format is used.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from targettrack.errors import InputError
from targettrack.messages import Message

if TYPE_CHECKING:
    from targettrack.context import Context

TABLE = "table"  # the shape of every tabular view
DOCUMENT = "document"  # prose with a table: the monthly report, the reminders


class Options(NamedTuple):
    """How to write: settings that only some formats use."""

    bom: bool = False  # CSV: a byte-order mark first, for Excel
    to_file: bool = False  # the output is a file (no terminal: no colours, no width)


class Writer(Protocol):
    binary: bool  # writes bytes (a workbook) rather than text

    def write(self, view: object, context: Context, options: Options) -> str | bytes:
        """The view in this format, in the context's language."""


class Spec(NamedTuple):
    """One registered format."""

    name: str
    path: str  # "module:Class" of its writer
    extensions: tuple[str, ...]  # file name endings that imply it
    binary: bool
    shapes: frozenset[str] = frozenset({TABLE})


_REGISTRY: dict[str, Spec] = {}


def register(spec: Spec) -> None:
    """Add a format (or replace one of the same name)."""
    _REGISTRY[spec.name] = spec


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


_BOTH = frozenset({TABLE, DOCUMENT})
for _spec in (
    Spec("table", "targettrack.writers.terminal:TerminalWriter", (".txt",), False),
    Spec("json", "targettrack.writers.jsontext:JsonWriter", (".json",), False),
    Spec("csv", "targettrack.writers.delimited:CsvWriter", (".csv",), False),
    Spec(
        "markdown",
        "targettrack.writers.markdown:MarkdownWriter",
        (".md", ".markdown"),
        False,
        _BOTH,
    ),
    Spec("xlsx", "targettrack.writers.xlsx:WorkbookWriter", (".xlsx",), True),
    Spec("html", "targettrack.writers.html:HtmlWriter", (".html", ".htm"), False, _BOTH),
    Spec("docx", "targettrack.writers.docx:DocxWriter", (".docx",), True, frozenset({DOCUMENT})),
    Spec(
        "text", "targettrack.writers.document:TextWriter", (".txt",), False, frozenset({DOCUMENT})
    ),
):
    register(_spec)


def formats(shape: str = TABLE) -> tuple[str, ...]:
    """The names of the formats that render ``shape``, in the order registered."""
    return tuple(name for name, spec in _REGISTRY.items() if shape in spec.shapes)


def spec(name: str) -> Spec:
    return _REGISTRY[name]


def get_writer(name: str) -> Writer:
    module_name, class_name = _REGISTRY[name].path.split(":")
    writer: Writer = getattr(importlib.import_module(module_name), class_name)()
    return writer


def format_for_path(path: Path, allowed: tuple[str, ...]) -> str | None:
    """The format a file name implies (``report.xlsx`` -> xlsx), if any."""
    suffix = path.suffix.lower()
    for name in allowed:
        if suffix in _REGISTRY[name].extensions:
            return name
    return None


# Endings that promise a kind of document: a file so named must be that kind or nothing.
# Another ending (.txt, .dat, none) takes the command's default format.
_DOCUMENT_ENDINGS = frozenset(
    (
        *(".pdf", ".doc", ".docx", ".xls", ".xlsx", ".xlsm", ".et", ".wps", ".ods", ".odt"),
        *(".ppt", ".pptx", ".rtf", ".png", ".jpg", ".jpeg", ".gif", ".svg"),
        *(".json", ".csv", ".md", ".markdown", ".html", ".htm"),
    )
)


def _promises(suffix: str) -> bool:
    return suffix.lower() in _DOCUMENT_ENDINGS


def choose_format(
    given: str | None, output: Path | None, allowed: tuple[str, ...], default: str
) -> str:
    """--format, else the one the --output file's extension implies, else ``default``; a
    format that writes bytes (a workbook) is only ever written to a file."""
    implied = format_for_path(output, allowed) if output else None
    if not given and output is not None and implied is None and _promises(output.suffix):
        # report.pdf, or 表.docx where Word is not written: not silently another format
        endings = [e for name in allowed for e in _REGISTRY[name].extensions]
        raise InputError(
            Message(
                "format.unknown_ending", name=output.name, suffix=output.suffix, endings=endings
            )
        )
    chosen = given or implied or default
    if chosen not in allowed:
        raise InputError(Message("format.unknown", format=chosen, choices=list(allowed)))
    if _REGISTRY[chosen].binary and output is None:
        raise InputError(Message("output.binary_needs_file", format=chosen))
    return chosen


def refuse(fmt: str, what: Message) -> InputError:
    return InputError(Message("format.cannot_write", format=fmt, what=what))
