"""JSON output where decimals stay exact: a Decimal is written as a JSON number, digit for digit.

The standard ``json`` module can only write a Decimal by turning it into a float first, which
can change its digits; the values this tool writes are flat, so a small writer does the job.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from json.encoder import encode_basestring  # the quoting json.dumps(ensure_ascii=False) uses
from typing import TYPE_CHECKING, Any

from targettrack.writers import Options
from targettrack.writers.tables import table_of

if TYPE_CHECKING:
    from targettrack.context import Context


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


class _Encoders(dict[type, Callable[[Any], str]]):
    """How each type of value is written, looked up by its exact type; a type seen for the
    first time (an enum of strings, say) is written as ``_value`` writes it."""

    def __missing__(self, kind: type) -> Callable[[Any], str]:
        encoder: Callable[[Any], str] = _value
        if issubclass(kind, str):
            encoder = encode_basestring
        self[kind] = encoder
        return encoder


def _decimal(value: Decimal) -> str:
    return format(value, "f")  # as computed: a percentage keeps its one decimal


def _null(_: None) -> str:
    return "null"


def _boolean(value: bool) -> str:
    return "true" if value else "false"


def dumps_rows(rows: Sequence[Mapping[str, object]]) -> str:
    """An indented JSON array of flat objects."""
    if not rows:
        return "[]\n"
    encoders = _Encoders(
        {
            str: encode_basestring,
            Decimal: _decimal,
            type(None): _null,
            bool: _boolean,
            int: str,
        }
    )
    # rows of the same fields in the same order share one template, worked out once
    templates: dict[tuple[str, ...], str] = {}
    objects = []
    for row in rows:
        fields = tuple(row)
        template = templates.get(fields)
        if template is None:
            lines = ",\n".join(f"    {encode_basestring(k).replace('%', '%%')}: %s" for k in fields)
            template = templates[fields] = "  {\n" + lines + "\n  }"
        objects.append(template % tuple([encoders[type(v)](v) for v in row.values()]))
    return "[\n" + ",\n".join(objects) + "\n]\n"


class JsonWriter:
    """JSON for programs: field names, ids, codes and exact numbers; the words a row holds
    (a region's or an indicator's name) are in the chosen language."""

    binary = False

    def write(self, view: object, context: Context, options: Options) -> str:
        return dumps_rows(list(table_of(view, context.lang).rows))
