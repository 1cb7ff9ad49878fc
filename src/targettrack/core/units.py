"""Units and quantities: parse what people type and convert within one dimension.

A quantity is a decimal in the target's own unit. Units carry a dimension (yuan, US dollars,
mu, tonnes, firms, items, percent) and a scale in that dimension's base unit. Conversion only
ever happens within a dimension; a currency is its own dimension, so yuan never become dollars.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Context, Decimal, localcontext
from typing import NamedTuple

from targettrack.errors import InputError, echo
from targettrack.messages import Message, Text


class Unit(NamedTuple):
    symbol: str
    dimension: str
    scale: int


UNITS: dict[str, Unit] = {
    u.symbol: u
    for u in (
        Unit("元", "cny", 1),
        Unit("万元", "cny", 10**4),
        Unit("亿元", "cny", 10**8),
        Unit("美元", "usd", 1),
        Unit("万美元", "usd", 10**4),
        Unit("亿美元", "usd", 10**8),
        Unit("亩", "area", 1),
        Unit("万亩", "area", 10**4),
        Unit("吨", "mass", 1),
        Unit("万吨", "mass", 10**4),
        Unit("家", "firms", 1),
        Unit("个", "items", 1),
        Unit("项", "items", 1),
        Unit("所", "items", 1),
        Unit("户", "households", 1),
        Unit("万户", "households", 10**4),
        Unit("人", "people", 1),
        Unit("万人", "people", 10**4),
        Unit("公里", "length", 1),
        Unit("千米", "length", 1),
        Unit("平方米", "floor", 1),
        Unit("万平方米", "floor", 10**4),
        Unit("%", "percent", 1),
    )
}

# Dimensions that count whole things: a fraction of a firm or a project is a typing slip.
COUNT_DIMENSIONS = frozenset({"firms", "items", "households", "people"})

# Other spellings people type, mapped to the unit symbol they mean.
_ALIASES = {
    "yuan": "元",
    "cny": "元",
    "rmb": "元",
    "usd": "美元",
    "us$": "美元",
    "$": "美元",
    "mu": "亩",
    "t": "吨",
    "tonne": "吨",
    "tonnes": "吨",
    "firms": "家",
    "items": "个",
}

# Magnitude words that may stand before a unit, or alone (then they scale the base unit).
_MAGNITUDES = {
    "十": 10,
    "百": 100,
    "千": 10**3,
    "万": 10**4,
    "十万": 10**5,
    "百万": 10**6,
    "千万": 10**7,
    "亿": 10**8,
}

# Digits with thousands separated by commas (1,234.5) or single spaces (1 234.5), or plain.
NUMBER_RE = re.compile(
    r"^([+-]?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(.*)$"
)
# Decimal arithmetic keeps 28 significant digits; a figure with more cannot be kept exactly.
MAX_DIGITS = 28
# Room for any figure times any scale, so that converting between units is exact.
_EXACT = Context(prec=60)
# A number as most cells hold it, already in its shortest form: ASCII digits, perhaps a minus
# sign and a decimal part; no leading zero, no trailing zero after the point, no unit; at most
# 15 digits before the point and 13 after (so never more than MAX_DIGITS). Such a text is its
# own canonical Decimal, and is read without the general path's normalising and splitting.
_PLAIN = re.compile(r"0|-?(?:[1-9][0-9]{0,14}|0)(?:\.[0-9]{0,12}[1-9])|-?[1-9][0-9]{0,14}")

# No figure this tool tracks comes near this many base units (yuan, mu, tonnes, items): all of
# China's yearly output is about 1.3e14 yuan. Beyond it, the figure is a typing slip.
MAX_ABS_QUANTITY = Decimal(10) ** 15
MAX_ABS_RATE = Decimal(1000)
# A year-on-year rate cannot fall below -100 %: nothing shrinks by more than all of itself.
MIN_RATE = Decimal(-100)


def dimension_message(dimension: str) -> Message:
    return Message(f"dimension.{dimension}")


def _normalise(text: str) -> str:
    # NFKC turns full-width digits, signs, ％ and spaces (also no-break) into ASCII forms.
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _shown(text: str) -> str:
    """What was typed, as a refusal repeats it (worked out only for a refusal)."""
    return echo(text.strip())


def _split_number(text: str, what: Message) -> tuple[Decimal, str]:
    """Split '1,234.5万亩' into Decimal('1234.5') and the suffix '万亩'."""
    cleaned = _normalise(text)
    if not cleaned:
        raise InputError(Message("number.empty", what=what))
    match = NUMBER_RE.match(cleaned)
    if match is None:
        if cleaned.lower().lstrip("+-") in {"nan", "inf", "infinity"}:
            raise InputError(Message("number.not_finite", what=what, text=_shown(text)))
        raise InputError(Message("number.not_a_number", what=what, text=_shown(text)))
    sign, digits, suffix = match.groups()
    if suffix[:1] in ("e", "E") and suffix[1:].lstrip("+-").isdigit():
        raise InputError(Message("number.exponent", what=what, text=_shown(text)))
    if suffix[:1] in (",", ".") or suffix.strip()[:1].isdigit():
        raise InputError(Message("number.inner_space", what=what, text=_shown(text)))
    plain = digits.replace(",", "").replace(" ", "")
    if len(plain.replace(".", "").lstrip("0")) > MAX_DIGITS:
        raise InputError(
            Message("number.too_many_digits", what=what, text=_shown(text), digits=MAX_DIGITS)
        )
    return Decimal(sign + plain), suffix.strip()


def _resolve_suffix(suffix: str, target: Unit) -> tuple[str, int] | None:
    """The dimension and base-unit scale of a suffix, or None when it is no known unit."""
    if not suffix:
        return target.dimension, target.scale
    key = _ALIASES.get(suffix.lower(), suffix)
    unit = UNITS.get(key)
    if unit is not None:
        return unit.dimension, unit.scale
    if suffix in _MAGNITUDES:
        return target.dimension, _MAGNITUDES[suffix]
    for word in sorted(_MAGNITUDES, key=len, reverse=True):
        if suffix.startswith(word):
            rest = _ALIASES.get(suffix[len(word) :].lower(), suffix[len(word) :])
            inner = UNITS.get(rest)
            if inner is not None and inner.scale == 1:
                return inner.dimension, _MAGNITUDES[word]
    return None


def parse_quantity(text: str, unit_symbol: str, target_name: Text) -> Decimal:
    """Parse a typed quantity and return it in ``unit_symbol``.

    Accepts '2500', '2,500', '2500万美元', '0.25亿美元', '2.83万亩', '28300亩', '3000万'.
    """
    target = UNITS[unit_symbol]
    if _PLAIN.fullmatch(text):  # in the target's own unit, and canonical already
        number = Decimal(text)
        if abs(number * target.scale) >= MAX_ABS_QUANTITY:
            raise InputError(
                Message("unit.too_large", text=_shown(text), target=target_name, unit=unit_symbol)
            )
        if target.dimension in COUNT_DIMENSIONS and "." in text:
            raise InputError(
                Message("unit.fraction", text=_shown(text), target=target_name, unit=unit_symbol)
            )
        return number
    number, suffix = _split_number(text, Message("what.value"))
    resolved = _resolve_suffix(suffix, target)
    if resolved is None:
        raise InputError(
            Message(
                "unit.unknown",
                suffix=echo(suffix),
                text=_shown(text),
                target=target_name,
                unit=unit_symbol,
            )
        )
    dimension, scale = resolved
    if dimension != target.dimension:
        if {dimension, target.dimension} <= {"cny", "usd"}:
            code = "unit.other_currency"
        else:
            code = "unit.other_dimension"
        raise InputError(
            Message(
                code,
                text=_shown(text),
                given=dimension_message(dimension),
                target=target_name,
                unit=unit_symbol,
                wanted=dimension_message(target.dimension),
            )
        )
    # exact: the number has at most 28 digits (the pattern above), a scale at most 10^8
    value = _EXACT.divide(_EXACT.multiply(number, scale), target.scale)
    if abs(number * scale) >= MAX_ABS_QUANTITY:
        raise InputError(
            Message("unit.too_large", text=_shown(text), target=target_name, unit=unit_symbol)
        )
    if target.dimension in COUNT_DIMENSIONS and value != value.to_integral_value():
        raise InputError(
            Message("unit.fraction", text=_shown(text), target=target_name, unit=unit_symbol)
        )
    return canonical(value)


def parse_rate(text: str, target_name: Text) -> Decimal:
    """Parse a year-on-year rate in percent: '5.2', '-1.3', '+5.2%'."""
    if _PLAIN.fullmatch(text):  # canonical already
        number = Decimal(text)
        check_rate(number, lambda: Message("what.typed_rate", text=_shown(text)))
        return number
    number, suffix = _split_number(text, Message("what.rate"))
    if suffix not in ("", "%"):
        raise InputError(Message("rate.not_a_rate", text=_shown(text), target=target_name))
    check_rate(number, lambda: Message("what.typed_rate", text=_shown(text)))
    return canonical(number)


def check_rate(rate: Decimal, what: Callable[[], Message]) -> None:
    """Refuse a rate that cannot be: below -100 %, or beyond the plausible +1000 %. ``what``
    names the rate, and is asked only for a refusal."""
    if rate < MIN_RATE:
        raise InputError(Message("rate.below_minus_100", what=what()))
    if rate > MAX_ABS_RATE:
        raise InputError(Message("rate.too_high", what=what(), limit=MAX_ABS_RATE))


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal | None:
    """``value`` in ``from_unit`` expressed in ``to_unit``; None across dimensions."""
    if from_unit == to_unit:
        return value
    source, target = UNITS.get(from_unit), UNITS.get(to_unit)
    if source is None or target is None or source.dimension != target.dimension:
        return None
    with localcontext() as ctx:
        ctx.prec = 60
        return canonical(value * source.scale / target.scale)


def canonical(value: Decimal) -> Decimal:
    """The same number without trailing zeros and never in exponent form (2500, not 2.5E+3)."""
    if value == 0:
        return Decimal(0)
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        return normal.quantize(Decimal(1))
    return normal


def format_decimal(value: Decimal) -> str:
    """Plain decimal text: no exponent, no thousands separator, no trailing zeros."""
    return format(canonical(value), "f")


def grouped(value: Decimal) -> str:
    """A decimal for people: thousands separated, no trailing zeros (1,234.5)."""
    return format(canonical(value), ",f")


def with_unit(value: Decimal, unit: str | None) -> str:
    """A quantity with its unit as people write it: 1,200 万美元, 5.2%."""
    if not unit:
        return grouped(value)
    return f"{grouped(value)}{unit}" if unit == "%" else f"{grouped(value)} {unit}"
