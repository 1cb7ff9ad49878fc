"""Turn what a user typed (or a row of a file) into a figure ready to store.

Everything here validates; nothing writes. ``usecases.recording`` applies the rules of
recording, and a store does the writing.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable, Iterator
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import NamedTuple

from targettrack.catalogue.loading import CatalogueSet
from targettrack.core.models import Kind, NewFigure, State, Status, Target, Value
from targettrack.core.periods import parse_period
from targettrack.core.units import canonical, check_rate, parse_quantity, parse_rate
from targettrack.errors import InputError, control_characters, echo, not_utf8
from targettrack.usecases.lookup import find_target

_STATE_WORDS = {
    "not-started": State.NOT_STARTED,
    "not_started": State.NOT_STARTED,
    "notstarted": State.NOT_STARTED,
    "未开始": State.NOT_STARTED,
    "未启动": State.NOT_STARTED,
    "in-progress": State.IN_PROGRESS,
    "in_progress": State.IN_PROGRESS,
    "inprogress": State.IN_PROGRESS,
    "进行中": State.IN_PROGRESS,
    "推进中": State.IN_PROGRESS,
    "done": State.DONE,
    "completed": State.DONE,
    "已完成": State.DONE,
    "完成": State.DONE,
}
_STATUS_WORDS = {
    "provisional": Status.PROVISIONAL,
    "初步": Status.PROVISIONAL,
    "final": Status.FINAL,
    "最终": Status.FINAL,
}


class Entry(NamedTuple):
    """One figure as given: the raw words, before validation."""

    target: str
    period: str
    value: str | None
    status: str = "provisional"
    by: str | None = None
    source: str = ""
    note: str = ""
    level: str | None = None
    prior: str | None = None


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers and services
        return "unknown"


def now_text() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def parse_state(text: str, target: Target) -> State:
    state = _STATE_WORDS.get(text.strip().lower())
    if state is None:
        words = ", ".join(State)
        raise InputError(f"'{echo(text)}' is not a state of {target.id}; use one of: {words}.")
    return state


def derived_rate(level: Decimal, prior: Decimal) -> Decimal:
    """The nominal year-on-year rate from this year's and last year's values, one decimal.

    Refused, like a typed rate, beyond what a rate can be (below -100 %, above 1000 %).
    """
    with localcontext() as ctx:
        ctx.prec = 60
        rate = (level / prior - 1) * 100
    check_rate(rate, f"The rate derived from --level and --prior ({echo(str(rate))} %)")
    return rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def free_text(text: str, what: str) -> str:
    """A note, a source or a name as typed: refused with control characters (which would
    reach a terminal raw) or bytes that are not UTF-8."""
    cleaned = text.strip()
    if control_characters(cleaned):
        raise InputError(
            f"The {what} '{echo(cleaned)}' contains a control character; remove it and try again."
        )
    if not_utf8(cleaned):
        raise InputError(
            f"The {what} '{echo(cleaned)}' holds bytes that are not UTF-8 text; type it again."
        )
    return cleaned


def parse_status(text: str) -> Status:
    status = _STATUS_WORDS.get(text.strip().lower() or "provisional")
    if status is None:
        raise InputError(f"The status '{echo(text)}' is not known; use provisional or final.")
    return status


def _value(entry: Entry, target: Target) -> tuple[Value, Decimal | None, Decimal | None, bool]:
    """The value, level, prior and whether the rate was derived."""
    raw = entry.value.strip() if entry.value is not None else ""
    if target.kind is Kind.MILESTONE:
        if entry.level or entry.prior:
            raise InputError(f"{target.id} is a milestone; --level and --prior apply to rates.")
        if not raw:
            raise InputError(
                f"The value for {target.id} is empty; give not-started, in-progress or done."
            )
        return parse_state(raw, target), None, None, False

    if raw and raw.strip().lower() in _STATE_WORDS:
        raise InputError(
            f"'{echo(raw)}' is a milestone state, but {target.id} is "
            f"{_article(target.kind)} target; give a number."
        )
    if target.kind.is_rate:
        level = prior = None
        if entry.level or entry.prior:
            if target.kind is not Kind.GROWTH or not (entry.level and entry.prior):
                raise InputError(
                    "--level and --prior go together, on a growth target: this year's and last "
                    "year's year-to-date values."
                )
            unit = target.value_unit
            level = _plain_or_unit(entry.level, unit, target)
            prior = _plain_or_unit(entry.prior, unit, target)
            if level < 0:
                raise InputError(f"--level for {target.id} cannot be negative.")
            if prior <= 0:
                raise InputError(f"--prior for {target.id} must be greater than zero.")
            if not raw:
                return canonical(derived_rate(level, prior)), level, prior, True
        if not raw:
            raise InputError(
                f"The value for {target.id} is empty; give the year-to-date growth rate in "
                "percent, such as 5.2."
            )
        return parse_rate(raw, target.id), level, prior, False

    if entry.level or entry.prior:
        raise InputError(f"--level and --prior apply to growth targets; {target.id} is not one.")
    assert target.unit is not None
    quantity = parse_quantity(raw, target.unit, target.id)
    if quantity < 0:
        raise InputError(
            f"The value '{echo(raw)}' is negative; a year-to-date {target.kind} of {target.id} "
            "cannot be below zero."
        )
    return quantity, None, None, False


def _article(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _plain_or_unit(text: str, unit: str | None, target: Target) -> Decimal:
    if unit is None:
        return canonical(parse_rate(text, target.id))
    return parse_quantity(text, unit, f"{target.id}'s --level/--prior")


def prepare(catalogues: CatalogueSet, entry: Entry, *, recorded_at: str | None = None) -> NewFigure:
    """Validate one entry against the catalogue of its period's year."""
    period = parse_period(entry.period)
    if not catalogues.has(period.year):
        have = ", ".join(str(y) for y in catalogues.years)
        raise InputError(
            f"The period {period.label} is in {period.year}, but the catalogue has targets only "
            f"for {have}; give a period in one of those years."
        )
    catalogue = catalogues.get(period.year)
    target = find_target(catalogue, entry.target)
    status = parse_status(entry.status)
    value, level, prior, derived = _value(entry, target)
    return NewFigure(
        region=catalogue.region.id,
        year=period.year,
        target_id=target.id,
        month=period.month,
        period=period.label,
        value=value,
        unit=target.unit or "",
        status=status,
        recorded_by=free_text(entry.by or "", "name in --by") or login_name(),
        recorded_at=recorded_at or now_text(),
        level=level,
        prior=prior,
        derived=derived,
        entered=(entry.value or "").strip(),
        source=free_text(entry.source, "source"),
        note=free_text(entry.note, "note"),
    )


def prepare_rows(
    catalogues: CatalogueSet, rows: Iterable[tuple[int, Entry | str]]
) -> Iterator[tuple[int, NewFigure | str]]:
    """Validate each row as it comes: the figure, or the sentence that says what is wrong.

    A row that could not even be read arrives as its problem, and passes on as it is.
    """
    stamp = now_text()
    for number, entry in rows:
        if isinstance(entry, str):
            yield number, entry
            continue
        try:
            yield number, prepare(catalogues, entry, recorded_at=stamp)
        except InputError as error:
            yield number, error.message
