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
from targettrack.core.models import Catalogue, Kind, NewFigure, State, Status, Target, Value
from targettrack.core.periods import Period, parse_period
from targettrack.core.units import canonical, check_rate, parse_quantity, parse_rate
from targettrack.core.words import TargetName
from targettrack.errors import InputError, control_characters, echo, not_utf8
from targettrack.messages import Both, Message, Said, Text
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


def _named(target: Target) -> TargetName:
    """How a refusal names the target: its name in the reader's language, with its id."""
    return TargetName(target.id, target.name_zh, target.name_en)


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
            Message("entry.unknown_state", text=echo(text), target=_named(target), states=words)
        )
    return state


def derived_rate(level: Decimal, prior: Decimal) -> Decimal:
    """The nominal year-on-year rate from this year's and last year's values, one decimal.

    Refused, like a typed rate, beyond what a rate can be (below -100 %, above 1000 %).
    """
    with localcontext() as ctx:
        ctx.prec = 60
        rate = (level / prior - 1) * 100
    check_rate(rate, lambda: Message("what.derived_rate", rate=echo(format(rate, "f"))))
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
            raise InputError(Message("entry.milestone_levels", target=_named(target)))
        if not raw:
            raise InputError(Message("entry.milestone_empty", target=_named(target)))
        return parse_state(raw, target), None, None, False

    if raw and raw.strip().lower() in _STATE_WORDS:
        raise InputError(
            Message(
                "entry.state_for_number",
                text=echo(raw),
                target=_named(target),
                kind=Message(f"kind.{target.kind}"),
            )
        )
    if target.kind.is_rate:
        level = prior = None
        if entry.level or entry.prior:
            # both derive the rate; a level alone goes with a rate given (a year's result)
            alone = bool(entry.level) and not entry.prior and bool(raw)
            if target.kind is not Kind.GROWTH:
                raise InputError(
                    Message(
                        "entry.levels_growth_only",
                        target=_named(target),
                        kind=Message(f"kind.{target.kind}"),
                    )
                )
            if not ((entry.level and entry.prior) or alone):
                raise InputError(Message("entry.levels_together"))
            unit = target.value_unit
            level = _plain_or_unit(entry.level or "", unit, target)
            if level < 0:
                raise InputError(Message("entry.level_negative", target=_named(target)))
            if entry.prior:
                prior = _plain_or_unit(entry.prior, unit, target)
                if prior <= 0:
                    raise InputError(Message("entry.prior_not_positive", target=_named(target)))
                if not raw:
                    return canonical(derived_rate(level, prior)), level, prior, True
        if not raw:
            raise InputError(Message("entry.rate_empty", target=_named(target)))
        return parse_rate(raw, _named(target)), level, prior, False

    if entry.level and target.kind is Kind.AMOUNT:  # its value is the year-to-date level
        raise InputError(Message("entry.level_for_amount", target=_named(target)))
    if entry.level or (entry.prior and target.kind is not Kind.AMOUNT):
        raise InputError(Message("entry.levels_not_growth", target=_named(target)))
    assert target.unit is not None
    quantity = parse_quantity(raw, target.unit, _named(target))
    if quantity < 0:
        raise InputError(
            Message(
                "entry.negative",
                text=echo(raw),
                kind=Message(f"kind_word.{target.kind}"),
                target=_named(target),
            )
        )
    prior = None
    if entry.prior:  # last year's same period, for the growth on it (同比增长)
        prior = _plain_or_unit(entry.prior, target.unit, target)
        if prior <= 0:
            raise InputError(Message("entry.prior_not_positive", target=_named(target)))
    return quantity, None, prior, False


def _plain_or_unit(text: str, unit: str | None, target: Target) -> Decimal:
    if unit is None:
        return canonical(parse_rate(text, _named(target)))
    return parse_quantity(text, unit, Message("what.level_prior", target=_named(target)))


def prepare(catalogues: CatalogueSet, entry: Entry, *, recorded_at: str | None = None) -> NewFigure:
    """Validate one entry against the catalogue of its period's year."""
    return _Preparer(recorded_at or now_text()).figure(catalogues, entry)


# A file names the same periods, targets, statuses and sources again and again: what depends
# only on those words is worked out once, for this many different words of each kind at most.
_REMEMBERED = 1 << 16


class _Preparer:
    """Validates the entries of one command. What depends only on the words typed (a period,
    a target's name, a status, a source or a note used again, a region) is decided once and
    remembered, refusals included, so that a file of many rows decides each once."""

    def __init__(self, recorded_at: str, *, imported: bool = False) -> None:
        self.recorded_at = recorded_at
        # an import's recorder is whoever runs it, and the file's 填报人 the person it names;
        # a figure recorded by hand stands under the person --by names
        self.imported = imported
        self._login: str | None = None
        self._periods: dict[tuple[int, str], tuple[CatalogueSet, Catalogue, Period] | Text] = {}
        self._targets: dict[tuple[str, int, str], Target | Text] = {}
        self._statuses: dict[str, Status | Text] = {}
        self._texts: dict[str, str] = {}

    def _login_name(self) -> str:
        if self._login is None:
            self._login = login_name()
        return self._login

    def _period(self, catalogues: CatalogueSet, text: str) -> tuple[Catalogue, Period]:
        key = (id(catalogues), text)
        found = self._periods.get(key)
        if found is None or (
            not isinstance(found, str | Message | Said) and found[0] is not catalogues
        ):
            try:
                period = parse_period(text, default_year=catalogues.latest_year)
                # an earlier year without a catalogue of its own is history, read against
                # the nearest later year's targets
                found = (catalogues, catalogues.defining(period.year), period)
            except InputError as error:
                found = error.text
            if len(self._periods) < _REMEMBERED:
                self._periods[key] = found
        if isinstance(found, str | Message | Said):
            raise InputError(found)
        return found[1], found[2]

    def _target(self, catalogue: Catalogue, text: str) -> Target:
        key = (catalogue.region.id, catalogue.year, text)
        found = self._targets.get(key)
        if found is None:
            try:
                found = find_target(catalogue, text)
            except InputError as error:
                found = error.text
            if len(self._targets) < _REMEMBERED:
                self._targets[key] = found
        if isinstance(found, str | Message | Said):
            raise InputError(found)
        return found

    def _status(self, text: str) -> Status:
        found = self._statuses.get(text)
        if found is None:
            try:
                found = parse_status(text)
            except InputError as error:
                found = error.text
            if len(self._statuses) < _REMEMBERED:
                self._statuses[text] = found
        if isinstance(found, Status):
            return found
        raise InputError(found)

    def _text(self, text: str, what: str) -> str:
        cleaned = self._texts.get(text)
        if cleaned is None:
            cleaned = free_text(text, Message(what))  # a refusal is not remembered
            if len(self._texts) < _REMEMBERED:
                self._texts[text] = cleaned
        return cleaned

    def figure(self, catalogues: CatalogueSet, entry: Entry) -> NewFigure:
        """Validate one entry against the catalogue of its period's year."""
        catalogue, period = self._period(catalogues, entry.period)
        target = self._target(catalogue, entry.target)
        status = self._status(entry.status)
        value, level, prior, derived = _value(entry, target)
        by = self._text(entry.by or "", "what.by")
        # positional, in NewFigure's order: a row of a large file is built faster so
        return NewFigure(
            catalogue.region.id,  # region
            period.year,  # year
            target.id,  # target_id
            period.month,  # month
            period.label,  # period
            value,
            target.unit or "",  # unit
            status,
            self._login_name() if self.imported or not by else by,  # recorded_by
            self.recorded_at,
            level,
            prior,
            derived,
            (entry.value or "").strip(),  # entered
            self._text(entry.source, "what.source"),  # source
            self._text(entry.note, "what.note"),  # note
            by,  # on_behalf_of
        )


def prepare_rows(
    catalogues: CatalogueSet | None,
    rows: Iterable[tuple[int, Entry | Text | None]],
    regions: Regions | None = None,
    *,
    fixed: bool = False,
) -> Iterator[tuple[int, NewFigure | Text | None]]:
    """Validate each row as it comes: the figure, or the sentence that says what is wrong.

    A row that could not even be read arrives as its problem, and a row left empty as None;
    both pass on as they are. A row that names its region (地区) goes to that region's
    catalogues, unless ``fixed`` (the user chose ``catalogues`` with --region): then a row of
    another region is refused rather than followed.
    """
    preparer = _Preparer(now_text(), imported=True)
    chosen_regions: dict[str, CatalogueSet | Text] = {}
    for number, entry in rows:
        if not isinstance(entry, Entry):
            yield number, entry
            continue
        try:
            chosen = catalogues
            if entry.region and regions is not None:
                region = chosen_regions.get(entry.region)
                if region is None:
                    try:
                        region = regions.choose(entry.region)
                    except InputError as error:
                        region = error.text
                    if len(chosen_regions) < _REMEMBERED:
                        chosen_regions[entry.region] = region
                if not isinstance(region, CatalogueSet):
                    raise InputError(region)
                if fixed and catalogues is not None and region is not catalogues:
                    raise InputError(
                        Message(
                            "import.other_region",
                            region=_region_name(region),
                            chosen=_region_name(catalogues),
                        )
                    )
                chosen = region
            if chosen is None:  # several regions, and the row names none
                assert regions is not None
                raise InputError(Message("region.choose", regions=regions.named_ids()))
            figure = preparer.figure(chosen, entry)
        except InputError as error:
            yield number, error.text
            continue
        yield number, figure


def _region_name(catalogues: CatalogueSet) -> Both:
    """A region as a row's message names it: by name in Chinese, by id in English."""
    region = catalogues.get().region
    return Both(region.name_zh, region.id)
