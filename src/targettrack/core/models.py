"""The data every layer shares: catalogue, figures and the closed lists of words they use.

Plain, immutable named tuples and string enums. The catalogue's objects are built by
``catalogue.schema`` after the TOML has passed the pydantic schema; figures are built by a
store, which decodes each stored value once into a number or a milestone state. Nothing here
imports a database, a terminal or pydantic, so a command that finds its catalogue in the cache
never has to.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from targettrack.core.periods import day_label


class Kind(StrEnum):
    """How a target is judged (see the README's table of verdicts)."""

    GROWTH = "growth"
    AMOUNT = "amount"
    LEVEL = "level"
    RELATIVE = "relative"
    MILESTONE = "milestone"

    # (the sets are built once, below the class: a member looked up on its class costs a
    # quarter of a microsecond, and a status of 10,000 targets asks these 50,000 times)
    @property
    def is_rate(self) -> bool:
        """Recorded as a year-on-year rate in percent."""
        return self in _RATES

    @property
    def is_quantity(self) -> bool:
        """Recorded as a quantity in the target's unit."""
        return self in _QUANTITIES

    @property
    def has_direction(self) -> bool:
        return self in _DIRECTED


_RATES = frozenset({Kind.GROWTH, Kind.RELATIVE})
_QUANTITIES = frozenset({Kind.AMOUNT, Kind.LEVEL})
_DIRECTED = frozenset({Kind.AMOUNT, Kind.LEVEL, Kind.GROWTH})


class Direction(StrEnum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class Verdict(StrEnum):
    """The few plain verdicts, in the order tables count them."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    # a target whose figure comes once a year, before that figure: never behind for lack
    # of months (进行中)
    IN_PROGRESS = "in_progress"
    SLIGHTLY_BEHIND = "slightly_behind"
    BEHIND = "behind"
    MISSED = "missed"
    NO_DATA = "no_data"

    @property
    def lagging(self) -> bool:
        return self in (Verdict.SLIGHTLY_BEHIND, Verdict.BEHIND, Verdict.MISSED)


class State(StrEnum):
    """A milestone's state."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"


class Frequency(StrEnum):
    """How often a target's figure comes: its rhythm. The defaults by indicator are in
    ``core.rhythm``, the months each is due in too."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half-yearly"
    YEARLY = "yearly"

    @property
    def months(self) -> int:
        """Months between two figures: 1, 3, 6 or 12."""
        return _FREQUENCY_MONTHS[self]


_FREQUENCY_MONTHS = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.HALF_YEARLY: 6,
    Frequency.YEARLY: 12,
}


class LateReading(StrEnum):
    """How a figure older than the report's period is judged (the catalogue's rules)."""

    REPORT = "report"  # at the report's pace: the office's way, and the default
    OWN = "own"  # at the pace of its own period


class PaceRule(StrEnum):
    """What the 序时进度 of an amount follows when it has no planned schedule."""

    STRAIGHT = "straight"  # the share of the year elapsed (June 50 %)
    SEASONAL = "seasonal"  # the indicator's own seasonal shape, from earlier years


class Likelihood(StrEnum):
    """The year-end outlook in a word: whether the year's target will be met."""

    LIKELY = "likely"
    AT_RISK = "at_risk"
    UNLIKELY = "unlikely"


class Status(StrEnum):
    """How final a figure is: a first release is provisional, a later one may be final."""

    PROVISIONAL = "provisional"
    FINAL = "final"


class Tolerances(NamedTuple):
    amount_pp: Decimal = Decimal(10)
    growth_pp: Decimal = Decimal(1)
    relative_pp: Decimal = Decimal("0.5")
    level_pct: Decimal = Decimal(5)


class Baseline(NamedTuple):
    value: Decimal | None = None
    unit: str | None = None
    growth: Decimal | None = None


class Group(NamedTuple):
    id: str
    name_zh: str
    name_en: str

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


class Source(NamedTuple):
    title: str
    publisher: str
    date: str
    url: str
    note: str = ""
    publisher_en: str = ""  # the publisher's English name, for English outputs
    title_en: str = ""

    def cited(self, lang: str) -> str:
        """Title, publisher and date as a reader of ``lang`` sees them (the report's own
        title; an English name where the catalogue gives one)."""
        publisher = self.publisher_en or self.publisher if lang == "en" else self.publisher
        title = self.title_en or self.title if lang == "en" else self.title
        return f"{title} · {publisher} · {self.day(lang)}"

    def by(self, lang: str) -> str:
        publisher = self.publisher_en or self.publisher if lang == "en" else self.publisher
        return f"{publisher} · {self.day(lang)}"

    def day(self, lang: str) -> str:
        """The date as the reader writes one: 2023年1月6日 in Chinese, 2023-01-06 in English."""
        return day_label(self.date, lang)


class Target(NamedTuple):
    id: str
    name_zh: str
    name_en: str
    group: str
    kind: Kind
    unit: str | None
    target: Decimal | None
    direction: Direction = Direction.AT_LEAST
    commitment: str | None = None
    value_unit: str | None = None
    relative_to: str | None = None
    qualifier: str | None = None  # 左右 (about), 以上 (at least), 以内 (at most), as reported
    baseline: Baseline | None = None
    department: str = ""
    tolerances: Tolerances = Tolerances()
    # Planned cumulative share of the target by the end of each month (12 values, percent).
    schedule: tuple[Decimal, ...] | None = None
    frequency: Frequency = Frequency.MONTHLY  # how often its figure comes

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    @property
    def is_rate(self) -> bool:
        return self.kind.is_rate


class Rules(NamedTuple):
    """A catalogue's file-wide rules of judging (its ``[rules]`` table)."""

    late_figures: LateReading = LateReading.REPORT
    pace: PaceRule = PaceRule.STRAIGHT


class Region(NamedTuple):
    """Where a catalogue applies: a stable short id (the database key) and display names."""

    id: str
    name_zh: str
    name_en: str = ""
    parent: str | None = None  # the region it belongs to (a city, for a district)

    def name(self, lang: str) -> str:
        return self.name_en or self.name_zh if lang == "en" else self.name_zh


class Contact(NamedTuple):
    """Who answers for a department's figures (or, for the office, who sends the notices),
    and by which day of the following month its figures are due (None: the default)."""

    name: str  # the department (责任单位), or the office
    person: str = ""
    phone: str = ""
    email: str = ""
    due_day: int | None = None


DEFAULT_DUE_DAY = 8  # published practice: the 8th of the following month


class Calendar(NamedTuple):
    """The reporting calendar: by which day of the following month figures are due (one
    default, and a day per department where it differs), each department's contact, and the
    office that chases them (the sender of the notices)."""

    due_day: int = DEFAULT_DUE_DAY
    departments: tuple[Contact, ...] = ()
    office: Contact | None = None

    def contact(self, department: str) -> Contact:
        for contact in self.departments:
            if contact.name == department:
                return contact
        return Contact(department)

    def due_day_of(self, department: str) -> int:
        day = self.contact(department).due_day
        return self.due_day if day is None else day


class Catalogue(NamedTuple):
    region: Region
    year: int
    source: Source
    groups: tuple[Group, ...]
    targets: tuple[Target, ...]
    tolerances: Tolerances
    by_id: dict[str, Target]
    rules: Rules = Rules()
    calendar: Calendar = Calendar()

    def region_name(self, lang: str) -> str:
        return self.region.name(lang)


Value = Decimal | State
"""A figure's value: a number in its unit (a rate in percent), or a milestone's state."""


class FigureKey(NamedTuple):
    """What identifies one figure: region id, year, target id and the month its period ends."""

    region: str
    year: int
    target_id: str
    month: int


class NewFigure(NamedTuple):
    """A figure about to be stored."""

    region: str
    year: int
    target_id: str
    month: int
    period: str
    value: Value
    unit: str
    status: Status
    recorded_by: str
    recorded_at: str
    level: Decimal | None = None
    prior: Decimal | None = None
    derived: bool = False
    entered: str = ""
    source: str = ""
    note: str = ""
    # --by: the person the figure is entered for. On SQLite it is also the recorder; on a
    # shared database the recorder is the database role, and this is kept beside it.
    on_behalf_of: str = ""
    batch: str = ""  # the import it came in with, if any
    # A withdrawal: an entry that takes the figure back (its value is the one withdrawn).
    withdrawn: bool = False
    reason: str = ""

    @property
    def key(self) -> FigureKey:
        return FigureKey(self.region, self.year, self.target_id, self.month)


class Figure(NamedTuple):
    """A stored figure: one version of one target's year-to-date value for one period."""

    id: int
    region: str
    year: int
    target_id: str
    month: int
    period: str
    version: int
    value: Value
    unit: str
    level: Decimal | None
    prior: Decimal | None
    derived: bool
    entered: str
    status: Status
    recorded_by: str
    recorded_at: str
    source: str
    note: str
    on_behalf_of: str = ""
    batch: str = ""
    withdrawn: bool = False  # this version withdraws the figure: it counts nowhere
    reason: str = ""

    @property
    def number(self) -> Decimal | None:
        """The value as a decimal, or None for a milestone state."""
        return None if isinstance(self.value, State) else self.value

    @property
    def state(self) -> State | None:
        return self.value if isinstance(self.value, State) else None

    @property
    def key(self) -> FigureKey:
        return FigureKey(self.region, self.year, self.target_id, self.month)


class NewExplanation(NamedTuple):
    """A department's 原因分析 (reason) and 下步措施 (measures) for a target and period,
    about to be stored; a withdrawal takes the current one back (``withdrawn``, with why)."""

    region: str
    year: int
    target_id: str
    month: int
    period: str
    reason: str
    measures: str
    recorded_by: str
    recorded_at: str
    on_behalf_of: str = ""
    withdrawn: bool = False
    withdraw_reason: str = ""

    @property
    def key(self) -> FigureKey:
        return FigureKey(self.region, self.year, self.target_id, self.month)


class Explanation(NamedTuple):
    """One stored version of a target's reason and measures for one period."""

    id: int
    region: str
    year: int
    target_id: str
    month: int
    period: str
    version: int
    reason: str
    measures: str
    recorded_by: str
    recorded_at: str
    on_behalf_of: str = ""
    withdrawn: bool = False
    withdraw_reason: str = ""

    @property
    def key(self) -> FigureKey:
        return FigureKey(self.region, self.year, self.target_id, self.month)


class Edition(NamedTuple):
    """A report that was sent: its name, period, who published it and the moment it stands
    for (``known_at``: everything committed by then, nothing after), with the catalogue's
    text as it was then (so its verdicts are judged as they were)."""

    id: int
    region: str
    year: int
    period: str
    name: str
    known_at: str  # ISO 8601 with its offset
    published_by: str
    catalogue: str = ""
    dated: str = ""  # the date the report carried (ISO), when it was not the day published


class ImportOutcome(NamedTuple):
    added: int
    revised: int
    unchanged: int
    warnings: tuple[object, ...] = ()  # messages "row N: ...", figures stored but implausible
    skipped: int = 0  # rows left without a value: not reported
    batch: str = ""  # the id of this import, to withdraw it whole


def encode_value(value: Value) -> str:
    """A value as the text a store keeps: plain decimal digits, or the state's word."""
    if isinstance(value, State):
        return value.value
    return format(value, "f")


def decode_value(text: str) -> Value:
    """The inverse of ``encode_value``: the one place a stored text becomes a typed value."""
    if text in _STATES:
        return _STATES[text]
    return Decimal(text)


_STATES = {state.value: state for state in State}
