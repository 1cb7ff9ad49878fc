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

from targettrack.catalogue.loading import CatalogueSet, Regions
from targettrack.core.models import Kind, NewFigure, State, Status, Target, Value
from targettrack.core.periods import parse_period
from targettrack.core.units import canonical, check_rate, parse_quantity, parse_rate
from targettrack.errors import InputError, control_characters, echo, not_utf8
from targettrack.messages import Message, Text
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
    region: str = ""  # a file of several regions names each row's region
    reason: str = ""  # 原因分析, for a lagging target (stored by usecases.explain)
    measures: str = ""  # 下步措施


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
        raise InputError(
            Message("entry.unknown_state", text=echo(text), target=target.id, states=words)
        )
    return state


def derived_rate(level: Decimal, prior: Decimal) -> Decimal:
    """The nominal year-on-year rate from this year's and last year's values, one decimal.

    Refused, like a typed rate, beyond what a rate can be (below -100 %, above 1000 %).
    """
    with localcontext() as ctx:
        ctx.prec = 60
        rate = (level / prior - 1) * 100
    check_rate(rate, Message("what.derived_rate", rate=echo(format(rate, "f"))))
    return rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def free_text(text: str, what: Message) -> str:
    """A note, a source or a name as typed: refused with control characters (which would
    reach a terminal raw) or bytes that are not UTF-8."""
    cleaned = text.strip()
    if control_characters(cleaned):
        raise InputError(Message("entry.control_character", what=what, text=echo(cleaned)))
    if not_utf8(cleaned):
        raise InputError(Message("entry.not_utf8", what=what, text=echo(cleaned)))
    return cleaned


def parse_status(text: str) -> Status:
    status = _STATUS_WORDS.get(text.strip().lower() or "provisional")
    if status is None:
        raise InputError(Message("entry.unknown_status", text=echo(text)))
    return status


def _value(entry: Entry, target: Target) -> tuple[Value, Decimal | None, Decimal | None, bool]:
    """The value, level, prior and whether the rate was derived."""
    raw = entry.value.strip() if entry.value is not None else ""
    if target.kind is Kind.MILESTONE:
        if entry.level or entry.prior:
            raise InputError(Message("entry.milestone_levels", target=target.id))
        if not raw:
            raise InputError(Message("entry.milestone_empty", target=target.id))
        return parse_state(raw, target), None, None, False

    if raw and raw.strip().lower() in _STATE_WORDS:
        raise InputError(
            Message(
                "entry.state_for_number",
                text=echo(raw),
                target=target.id,
                kind=Message(f"kind.{target.kind}"),
            )
        )
    if target.kind.is_rate:
        level = prior = None
        if entry.level or entry.prior:
            # both derive the rate; a level alone goes with a rate given (a year's result)
            alone = bool(entry.level) and not entry.prior and bool(raw)
            if target.kind is not Kind.GROWTH or not ((entry.level and entry.prior) or alone):
                raise InputError(Message("entry.levels_together"))
            unit = target.value_unit
            level = _plain_or_unit(entry.level or "", unit, target)
            if level < 0:
                raise InputError(Message("entry.level_negative", target=target.id))
            if entry.prior:
                prior = _plain_or_unit(entry.prior, unit, target)
                if prior <= 0:
                    raise InputError(Message("entry.prior_not_positive", target=target.id))
                if not raw:
                    return canonical(derived_rate(level, prior)), level, prior, True
        if not raw:
            raise InputError(Message("entry.rate_empty", target=target.id))
        return parse_rate(raw, target.id), level, prior, False

    if entry.level or (entry.prior and target.kind is not Kind.AMOUNT):
        raise InputError(Message("entry.levels_not_growth", target=target.id))
    assert target.unit is not None
    quantity = parse_quantity(raw, target.unit, target.id)
    if quantity < 0:
        raise InputError(
            Message(
                "entry.negative",
                text=echo(raw),
                kind=Message(f"kind_word.{target.kind}"),
                target=target.id,
            )
        )
    prior = None
    if entry.prior:  # last year's same period, for the growth on it (同比增长)
        prior = _plain_or_unit(entry.prior, target.unit, target)
        if prior <= 0:
            raise InputError(Message("entry.prior_not_positive", target=target.id))
    return quantity, None, prior, False


def _plain_or_unit(text: str, unit: str | None, target: Target) -> Decimal:
    if unit is None:
        return canonical(parse_rate(text, target.id))
    return parse_quantity(text, unit, Message("what.level_prior", target=target.id))


def prepare(catalogues: CatalogueSet, entry: Entry, *, recorded_at: str | None = None) -> NewFigure:
    """Validate one entry against the catalogue of its period's year."""
    period = parse_period(entry.period, default_year=catalogues.latest_year)
    if not catalogues.has(period.year):
        have = ", ".join(str(y) for y in catalogues.years)
        raise InputError(
            Message(
                "period.year_not_in_catalogue", period=period.label, year=period.year, have=have
            )
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
        recorded_by=free_text(entry.by or "", Message("what.by")) or login_name(),
        on_behalf_of=free_text(entry.by or "", Message("what.by")),
        recorded_at=recorded_at or now_text(),
        level=level,
        prior=prior,
        derived=derived,
        entered=(entry.value or "").strip(),
        source=free_text(entry.source, Message("what.source")),
        note=free_text(entry.note, Message("what.note")),
    )


def prepare_rows(
    catalogues: CatalogueSet | None,
    rows: Iterable[tuple[int, Entry | Text | None]],
    regions: Regions | None = None,
) -> Iterator[tuple[int, NewFigure | Text | None]]:
    """Validate each row as it comes: the figure, or the sentence that says what is wrong.

    A row that could not even be read arrives as its problem, and a row left empty as None;
    both pass on as they are.
    """
    stamp = now_text()
    for number, entry in rows:
        if not isinstance(entry, Entry):
            yield number, entry
            continue
        try:
            chosen = catalogues
            if entry.region and regions is not None:
                chosen = regions.choose(entry.region)
            if chosen is None:  # several regions, and the row names none
                assert regions is not None
                raise InputError(Message("region.choose", regions=", ".join(regions.ids)))
            yield number, prepare(chosen, entry, recorded_at=stamp)
        except InputError as error:
            yield number, error.text
