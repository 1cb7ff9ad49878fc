"""What ``targettrack draft`` produces: the drafted targets and groups, the numbers it set
aside, and the results of last year the report states. Plain named tuples."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from targettrack.core.models import Baseline, Kind, Target
from targettrack.core.units import UNITS
from targettrack.messages import Message


class DraftTarget(NamedTuple):
    id: str
    name: str
    group: str
    kind: Kind
    unit: str | None
    value: Decimal | None
    direction: str = "at_least"
    commitment: str | None = None
    qualifier: str | None = None
    relative_to: str | None = None
    department: str = ""
    phrase: str = ""  # the report's own words it came from
    check: tuple[Message, ...] = ()  # why a person should check it
    name_en: str = ""
    value_unit: str | None = None
    baseline: Baseline | None = None
    frequency: str = ""  # the indicator's usual rhythm (the lexicon's), when known
    baseline_from: str = ""  # report, or records: where last year's level and rate came from

    @property
    def active(self) -> bool:
        """Whether it can stand in a catalogue (its unit is one the catalogue knows)."""
        return self.unit is None or self.unit in UNITS


class DraftGroup(NamedTuple):
    id: str
    name: str
    name_en: str = ""


class Skipped(NamedTuple):
    phrase: str
    number: str
    reason: Message


class Stated(NamedTuple):
    """A result of last year the review states."""

    name: str
    id: str  # the lexicon's id, or one made of the name's words
    value: Decimal
    unit: str | None
    rate: bool  # a year-on-year growth rate
    phrase: str
    basis: str = ""  # 较2015年, 年均 …: not the year's own result
    threshold: bool = False  # a mark passed (突破400亿元大关), not the level itself


class Draft(NamedTuple):
    region: str
    region_id: str
    year: int | None
    title: str
    publisher: str
    date: str
    url: str
    groups: list[DraftGroup]
    targets: list[DraftTarget]
    skipped: list[Skipped]
    results: list[Stated]  # what the review states of last year
    quiet: int = 0  # page furniture set aside
    review_year: int | None = None
    notes: tuple[Message, ...] = ()  # about the whole draft: the year, last year's catalogue
    missing: tuple[Target, ...] = ()  # last year's targets the report does not name again
    review_skipped: tuple[Skipped, ...] = ()
    carried_from: int | None = None  # the year of the catalogue whose ids it reuses


class Result(NamedTuple):
    target: Target
    value: Decimal
    level: Decimal | None
    phrase: str


class Ids:
    """Ids of a catalogue, each given once (gdp, gdp_2, gdp_3 …, in constant time each)."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)
        self._next: dict[str, int] = {}

    def give(self, wanted: str) -> str:
        wanted = wanted[:56] or "target"
        candidate = wanted
        number = self._next.get(wanted, 2)
        while candidate in self.taken:
            candidate = f"{wanted}_{number}"
            number += 1
        self._next[wanted] = number
        self.taken.add(candidate)
        return candidate
