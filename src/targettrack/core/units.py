"""Units and quantities: parse what people type and convert within one dimension.

A quantity is a decimal in the target's own unit. Units carry a dimension (yuan, US dollars,
mu, tonnes, firms, items, percent) and a scale in that dimension's base unit. Conversion only
ever happens within a dimension; a currency is its own dimension, so yuan never become dollars.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation, localcontext
from typing import NamedTuple

from targettrack.errors import InputError, echo


class Unit(NamedTuple):
    symbol: str
    dimension: str
    scale: int


_DIMENSION_NAMES = {
    "cny": ("人民币", "yuan"),
    "usd": ("美元", "US dollars"),
    "area": ("面积", "area (mu)"),
    "mass": ("重量", "mass (tonnes)"),
    "firms": ("企业数", "a count of firms"),
    "items": ("个数", "a count of items"),
    "percent": ("百分比", "a percentage"),
}

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
        Unit("%", "percent", 1),
    )
}

# Dimensions that count whole things: a fraction of a firm or a project is a typing slip.
COUNT_DIMENSIONS = frozenset({"firms", "items"})

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

# No figure this tool tracks comes near this many base units (yuan, mu, tonnes, items): all of
# China's yearly output is about 1.3e14 yuan. Beyond it, the figure is a typing slip.
MAX_ABS_QUANTITY = Decimal(10) ** 15
MAX_ABS_RATE = Decimal(1000)
# A year-on-year rate cannot fall below -100 %: nothing shrinks by more than all of itself.
MIN_RATE = Decimal(-100)


def dimension_name(dimension: str, lang: str = "en") -> str:
    zh, en = _DIMENSION_NAMES[dimension]
    return zh if lang == "zh" else en


def _normalise(text: str) -> str:
    # NFKC turns full-width digits, signs, ％ and spaces (also no-break) into ASCII forms.
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _split_number(text: str, what: str) -> tuple[Decimal, str]:
    """Split '1,234.5万亩' into Decimal('1234.5') and the suffix '万亩'."""
    cleaned = _normalise(text)
    shown = echo(text.strip())
    if not cleaned:
        raise InputError(f"The {what} is empty; give a number such as 12.5.")
    match = NUMBER_RE.match(cleaned)
    if match is None:
        if cleaned.lower().lstrip("+-") in {"nan", "inf", "infinity"}:
            raise InputError(f"The {what} '{shown}' is not a finite number; give a real figure.")
        raise InputError(
            f"The {what} '{shown}' is not a number; give digits such as 2500 or 1,234.5, "
            "optionally followed by a unit."
        )
    sign, digits, suffix = match.groups()
    if suffix[:1] in ("e", "E") and suffix[1:].lstrip("+-").isdigit():
        raise InputError(
            f"The {what} '{shown}' is in exponent notation; write the digits out, "
            "or use a magnitude word such as 万 or 亿."
        )
    if suffix[:1] in (",", ".") or suffix.strip()[:1].isdigit():
        raise InputError(
            f"The {what} '{shown}' is not a number; write thousands as 1,234 or 1 234 and "
            "decimals as 1.5, with no other spaces inside."
        )
    plain = digits.replace(",", "").replace(" ", "")
    if len(plain.replace(".", "").lstrip("0")) > MAX_DIGITS:
        raise InputError(
            f"The {what} '{shown}' has more than {MAX_DIGITS} significant digits, more than can "
            "be kept exactly; round it."
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


def parse_quantity(text: str, unit_symbol: str, target_name: str) -> Decimal:
    """Parse a typed quantity and return it in ``unit_symbol``.

    Accepts '2500', '2,500', '2500万美元', '0.25亿美元', '2.83万亩', '28300亩', '3000万'.
    """
    target = UNITS[unit_symbol]
    number, suffix = _split_number(text, "value")
    resolved = _resolve_suffix(suffix, target)
    if resolved is None:
        raise InputError(
            f"'{echo(suffix)}' in '{echo(text.strip())}' is not a unit this tool knows; "
            f"enter {target_name} in {unit_symbol}, with or without a magnitude such as 万 or 亿."
        )
    dimension, scale = resolved
    shown = echo(text.strip())
    if dimension != target.dimension:
        if {dimension, target.dimension} <= {"cny", "usd"}:
            raise InputError(
                f"'{shown}' is in {dimension_name(dimension)}, but {target_name} is counted in "
                f"{unit_symbol}; currencies are never converted, so enter the figure in "
                f"{dimension_name(target.dimension)}."
            )
        raise InputError(
            f"'{shown}' is {dimension_name(dimension)}, but {target_name} is measured in "
            f"{unit_symbol} ({dimension_name(target.dimension)}); enter it in {unit_symbol}."
        )
    with localcontext() as ctx:
        ctx.prec = 60
        try:
            value = number * scale / target.scale
        except InvalidOperation:  # pragma: no cover - guarded by the regex above
            raise InputError(f"The value '{text}' is not a number.") from None
    if abs(number * scale) >= MAX_ABS_QUANTITY:
        raise InputError(
            f"The value '{echo(text.strip())}' is implausibly large for {target_name} "
            f"({unit_symbol}); check the figure and its unit."
        )
    if target.dimension in COUNT_DIMENSIONS and value != value.to_integral_value():
        raise InputError(
            f"The value '{echo(text.strip())}' is a fraction, but {target_name} counts whole "
            f"{unit_symbol}; give a whole number."
        )
    return canonical(value)


def parse_rate(text: str, target_name: str) -> Decimal:
    """Parse a year-on-year rate in percent: '5.2', '-1.3', '+5.2%'."""
    number, suffix = _split_number(text, "rate")
    if suffix not in ("", "%"):
        raise InputError(
            f"'{echo(text.strip())}' is not a rate; {target_name} is recorded as a year-to-date "
            "growth rate in percent, such as 5.2 or -1.3%."
        )
    check_rate(number, f"The rate '{echo(text.strip())}'")
    return canonical(number)


def check_rate(rate: Decimal, what: str) -> None:
    """Refuse a rate that cannot be: below -100 %, or beyond the plausible +1000 %."""
    if rate < MIN_RATE:
        raise InputError(f"{what} is below -100 %, which no figure can fall by; check the figure.")
    if rate > MAX_ABS_RATE:
        raise InputError(f"{what} is implausible (beyond {MAX_ABS_RATE} %); check the figure.")


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
