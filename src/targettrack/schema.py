"""The strict pydantic schema of a targets file, and its translation into plain models.

Only ``catalogue.py`` imports this module, and only when a catalogue is not in the cache.
Every problem of a file is collected, each as ``path: sentence``, never just the first.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from targettrack import models
from targettrack.units import UNITS

FiniteDecimal = Annotated[Decimal, Field(allow_inf_nan=False)]
NonNegative = Annotated[Decimal, Field(allow_inf_nan=False, ge=0)]
Text = Annotated[str, Field(min_length=1)]
Commitment = Literal["预期", "力争", "争取", "确保"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_DEFAULTS = models.Tolerances()  # the defaults live in one place, the model


class TolerancesIn(_Strict):
    amount_pp: NonNegative = _DEFAULTS.amount_pp
    growth_pp: NonNegative = _DEFAULTS.growth_pp
    relative_pp: NonNegative = _DEFAULTS.relative_pp
    level_pct: NonNegative = _DEFAULTS.level_pct


class ToleranceOverrides(_Strict):
    amount_pp: NonNegative | None = None
    growth_pp: NonNegative | None = None
    relative_pp: NonNegative | None = None
    level_pct: NonNegative | None = None


class BaselineIn(_Strict):
    value: NonNegative | None = None
    unit: str | None = None
    growth: FiniteDecimal | None = None
    year: int | None = None


class SourceIn(_Strict):
    title: Text
    publisher: Text
    date: datetime.date | Text
    url: Text
    note: str = ""


class GroupIn(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    name_zh: Text
    name_en: Text


class TargetIn(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
    name_zh: Text
    name_en: Text
    group: Text
    kind: Literal["growth", "amount", "level", "relative", "milestone"]
    unit: str | None = None
    target: FiniteDecimal | None = None
    direction: Literal["at_least", "at_most"] = "at_least"
    commitment: Commitment | None = None
    value_unit: str | None = None
    relative_to: str | None = None
    baseline: BaselineIn | None = None
    department: str = ""
    tolerances: ToleranceOverrides | None = None
    schedule: dict[Annotated[int, Field(ge=1, le=12)], NonNegative] | None = None


class HeaderIn(_Strict):
    format: Literal[1] = 1
    region: Text
    region_en: str = ""
    year: Annotated[int, Field(ge=1949, le=2200)]
    source: SourceIn
    tolerances: TolerancesIn = TolerancesIn()
    groups: Annotated[list[GroupIn], Field(min_length=1)]


_PLAIN_MESSAGES = {
    "extra_forbidden": "unknown key; remove it or correct its spelling",
    "missing": "required field is missing",
    "finite_number": "must be a finite number, not inf or nan",
    "string_pattern_mismatch": "must be lower-case letters, digits and _, starting with a letter",
}


def _path(loc: tuple[int | str, ...], prefix: str = "") -> str:
    out = prefix
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _messages(error: ValidationError, prefix: str = "") -> list[str]:
    lines = []
    for item in error.errors(include_url=False):
        loc = tuple(p for p in item["loc"] if not (isinstance(p, str) and "[" in p))
        message = _PLAIN_MESSAGES.get(item["type"], item["msg"])
        lines.append(f"{_path(loc, prefix)}: {message[:1].lower()}{message[1:]}")
    return lines


def _kind_problems(t: TargetIn) -> list[tuple[str, str]]:
    """Per-target rules the field types cannot express, as (field, sentence) pairs."""
    problems: list[tuple[str, str]] = []
    if t.kind in ("growth", "relative"):
        if t.unit != "%":
            problems.append(("unit", f'a {t.kind} target is a rate, so its unit must be "%"'))
    elif t.kind in ("amount", "level"):
        if t.unit is None or t.unit not in UNITS or t.unit == "%":
            known = ", ".join(u for u in UNITS if u != "%")
            problems.append(("unit", f"an {t.kind} target needs a unit, one of: {known}"))
    elif t.unit:
        problems.append(("unit", "a milestone has no unit; remove the key"))

    if t.kind == "growth" and t.target is None:
        problems.append(("target", "a growth target needs its target rate in percent"))
    if t.kind in ("amount", "level") and t.target is None:
        problems.append(("target", f"an {t.kind} target needs its target value"))
    if t.kind == "amount" and t.target is not None and t.target <= 0:
        problems.append(("target", "an amount target must be greater than zero"))
    if t.kind == "level" and t.target is not None and t.target < 0:
        problems.append(("target", "a level target cannot be negative"))
    if t.kind == "milestone" and t.target is not None:
        problems.append(("target", "a milestone has no target value; remove the key"))
    if t.kind == "relative" and not t.relative_to:
        problems.append(("relative_to", "a relative target must name the target it follows"))
    if t.kind != "relative" and t.relative_to:
        problems.append(("relative_to", "only a relative target may name another target"))
    if t.schedule is not None:
        if t.kind != "amount":
            problems.append(("schedule", "only an amount target can have a planned schedule"))
        points = sorted(t.schedule.items())
        shares = [share for _, share in points]
        if shares != sorted(shares) or any(share > 100 for share in shares):
            problems.append(
                ("schedule", "planned shares must rise month by month and stay within 100")
            )
    if t.value_unit is not None and (t.value_unit not in UNITS or t.value_unit == "%"):
        problems.append(("value_unit", f"'{t.value_unit}' is not a unit this tool knows"))
    if t.baseline and t.baseline.unit is not None and t.baseline.unit not in UNITS:
        problems.append(("baseline.unit", f"'{t.baseline.unit}' is not a unit this tool knows"))
    return problems


def _schedule(points: dict[int, Decimal]) -> tuple[Decimal, ...]:
    """Twelve cumulative shares, straight lines between the months the file gives."""
    known = {0: Decimal(0), **points}
    known.setdefault(12, Decimal(100))
    months = sorted(known)
    shares = []
    for month in range(1, 13):
        if month in known:
            shares.append(known[month])
            continue
        before = max(m for m in months if m < month)
        after = min(m for m in months if m > month)
        step = (known[after] - known[before]) / (after - before)
        shares.append(known[before] + step * (month - before))
    return tuple(shares)


def _tolerances(base: models.Tolerances, over: ToleranceOverrides | None) -> models.Tolerances:
    if over is None:
        return base
    return base._replace(**over.model_dump(exclude_none=True))


def build_catalogue(data: dict[str, Any]) -> tuple[models.Catalogue | None, list[str]]:
    """Validate one parsed TOML document; return the catalogue, or None and every problem."""
    problems: list[str] = []
    header_data = {k: v for k, v in data.items() if k != "targets"}
    header: HeaderIn | None = None
    try:
        header = HeaderIn.model_validate(header_data)
    except ValidationError as error:
        problems.extend(_messages(error))

    raw_targets = data.get("targets")
    if raw_targets is None:
        problems.append("targets: required field is missing; add at least one [[targets]] table")
        raw_targets = []
    elif not isinstance(raw_targets, list):
        problems.append("targets: must be an array of [[targets]] tables")
        raw_targets = []

    valid: list[tuple[int, TargetIn]] = []
    for index, raw in enumerate(raw_targets):
        label = f"targets[{index}]"
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            label += f" ({raw['id']})"
        try:
            target = TargetIn.model_validate(raw)
        except ValidationError as error:
            problems.extend(_messages(error, label))
            continue
        kind_problems = _kind_problems(target)
        problems.extend(f"{label}.{key}: {sentence}" for key, sentence in kind_problems)
        if not kind_problems:
            valid.append((index, target))

    seen: dict[str, int] = {}
    by_id = {t.id: t for _, t in valid}
    group_list = [g.id for g in header.groups] if header else []
    group_ids = set(group_list)
    for group_id in sorted(g for g in group_ids if group_list.count(g) > 1):
        problems.append(f"groups: the group id '{group_id}' appears more than once")
    for index, t in valid:
        label = f"targets[{index}] ({t.id})"
        if t.id in seen:
            problems.append(
                f"{label}.id: duplicate id; targets[{seen[t.id]}] has the same id '{t.id}'"
            )
        seen.setdefault(t.id, index)
        if header and t.group not in group_ids:
            problems.append(
                f"{label}.group: '{t.group}' is not one of the [[groups]] "
                f"({', '.join(sorted(group_ids))})"
            )
        if t.relative_to:
            ref = by_id.get(t.relative_to)
            if ref is None:
                problems.append(
                    f"{label}.relative_to: names '{t.relative_to}', which is not a target here"
                )
            elif ref.kind != "growth":
                problems.append(
                    f"{label}.relative_to: '{t.relative_to}' is a {ref.kind} target; "
                    "a relative target follows a growth target"
                )
    if data.get("targets") is not None and isinstance(raw_targets, list) and not raw_targets:
        problems.append("targets: the file has no targets; add at least one [[targets]] table")

    if problems or header is None:
        return None, problems

    base = models.Tolerances(**header.tolerances.model_dump())
    targets = tuple(
        models.Target(
            id=t.id,
            name_zh=t.name_zh,
            name_en=t.name_en,
            group=t.group,
            kind=t.kind,
            unit=t.unit or None,
            target=Decimal(0) if t.kind == "relative" and t.target is None else t.target,
            direction=t.direction,
            commitment=t.commitment,
            value_unit=t.value_unit,
            relative_to=t.relative_to,
            baseline=models.Baseline(t.baseline.value, t.baseline.unit, t.baseline.growth)
            if t.baseline
            else None,
            department=t.department,
            tolerances=_tolerances(base, t.tolerances),
            schedule=_schedule(t.schedule) if t.schedule else None,
        )
        for _, t in valid
    )
    source = header.source
    catalogue = models.Catalogue(
        region=header.region,
        region_en=header.region_en,
        year=header.year,
        source=models.Source(
            title=source.title,
            publisher=source.publisher,
            date=str(source.date),
            url=source.url,
            note=source.note,
        ),
        groups=tuple(models.Group(g.id, g.name_zh, g.name_en) for g in header.groups),
        targets=targets,
        tolerances=base,
        by_id={t.id: t for t in targets},
    )
    return catalogue, []
