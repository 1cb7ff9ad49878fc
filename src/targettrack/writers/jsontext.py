"""JSON output where decimals stay exact: a Decimal is written as a JSON number, digit for digit.

The standard ``json`` module can only write a Decimal by turning it into a float first, which
can change its digits; the values this tool writes are flat, so a small writer does the job.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from json.encoder import encode_basestring  # the quoting json.dumps(ensure_ascii=False) uses
from typing import TYPE_CHECKING

from targettrack.writers import Options
from targettrack.writers import rows as flat

if TYPE_CHECKING:
    from targettrack.usecases.views import RecordsView, StatusView


def _value(value: object) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, Decimal):
        return format(value, "f")  # as computed: a percentage keeps its one decimal
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, Mapping):
        return _object(value, "")
    if isinstance(value, Sequence):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _object(row: Mapping[str, object], indent: str) -> str:
    inner = indent + "  "
    fields = ",\n".join(
        f"{inner}{encode_basestring(key)}: {_value(value)}" for key, value in row.items()
    )
    return "{\n" + fields + "\n" + indent + "}"


def dumps_rows(rows: Sequence[Mapping[str, object]]) -> str:
    """An indented JSON array of flat objects."""
    if not rows:
        return "[]\n"
    return "[\n" + ",\n".join("  " + _object(row, "  ") for row in rows) + "\n]\n"


class JsonWriter:
    """JSON for programs: field names and codes, never words of a language."""

    binary = False

    def status(
        self, view: StatusView, lang: str, options: Options, records: RecordsView | None
    ) -> str:
        return dumps_rows(flat.status_rows(view.progress, view.as_of))

    def records(self, view: RecordsView, lang: str, options: Options) -> str:
        return dumps_rows(flat.record_rows(view.catalogue, view.figures))
