"""The catalogue as the rest of the tool sees it: plain, immutable named tuples.

These are built by ``catalogue.py`` after the TOML has passed the pydantic schema in
``schema.py``. Keeping pydantic out of the runtime objects means a command that finds the
catalogue in its cache never has to import it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, NamedTuple

from targettrack.errors import InputError

Kind = Literal["growth", "amount", "level", "relative", "milestone"]
Direction = Literal["at_least", "at_most"]
KINDS: tuple[Kind, ...] = ("growth", "amount", "level", "relative", "milestone")
RATE_KINDS = frozenset({"growth", "relative"})
MILESTONE_STATES = ("not-started", "in-progress", "done")


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


class Target(NamedTuple):
    id: str
    name_zh: str
    name_en: str
    group: str
    kind: Kind
    unit: str | None
    target: Decimal | None
    direction: Direction = "at_least"
    commitment: str | None = None
    value_unit: str | None = None
    relative_to: str | None = None
    baseline: Baseline | None = None
    department: str = ""
    tolerances: Tolerances = Tolerances()
    # Planned cumulative share of the target by the end of each month (12 values, percent).
    schedule: tuple[Decimal, ...] | None = None

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    @property
    def is_rate(self) -> bool:
        return self.kind in RATE_KINDS


class Catalogue(NamedTuple):
    region: str
    region_en: str
    year: int
    source: Source
    groups: tuple[Group, ...]
    targets: tuple[Target, ...]
    tolerances: Tolerances
    by_id: dict[str, Target]

    def target(self, target_id: str) -> Target:
        found = self.by_id.get(target_id)
        if found is None:
            raise InputError(_unknown_target_message(target_id, self))
        return found

    def region_name(self, lang: str) -> str:
        return self.region_en or self.region if lang == "en" else self.region


def _unknown_target_message(target_id: str, catalogue: Catalogue) -> str:
    import difflib

    close = difflib.get_close_matches(target_id, list(catalogue.by_id), n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'?" if close else "run 'targettrack targets' to list them."
    return f"There is no target '{target_id}' in the {catalogue.year} catalogue; {hint}"
