"""The strict pydantic schema of a targets file, and its translation into plain models.

Only ``catalogue.loading`` imports this module, and only when a catalogue is not in the cache.
Every problem of a file is collected, each as ``path: sentence``, never just the first.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from targettrack.core import models
from targettrack.core.models import Kind
from targettrack.core.rhythm import default_frequency
from targettrack.core.units import MAX_ABS_QUANTITY, MAX_ABS_RATE, MIN_RATE, UNITS
from targettrack.messages import Both, Message
from targettrack.messages import Text as Said


def _a_number(value: object) -> object:
    """A number as TOML writes one: 7 or 7.5, never "7" in quotes, nor true."""
    if isinstance(value, bool | str):
        raise PydanticCustomError("number_type", "must be a number")
    return value


_NUMBER = BeforeValidator(_a_number)
FiniteDecimal = Annotated[Decimal, _NUMBER, Field(allow_inf_nan=False)]
NonNegative = Annotated[Decimal, _NUMBER, Field(allow_inf_nan=False, ge=0)]
Tolerance = Annotated[Decimal, _NUMBER, Field(allow_inf_nan=False, ge=0, le=1000)]
# Names and words shown to people: no control characters, which would reach a terminal raw.
Text = Annotated[str, Field(min_length=1, pattern=r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$")]
Commitment = Literal["预期", "力争", "争取", "确保"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_DEFAULTS = models.Tolerances()  # the defaults live in one place, the model


class TolerancesIn(_Strict):
    amount_pp: Tolerance = _DEFAULTS.amount_pp
    growth_pp: Tolerance = _DEFAULTS.growth_pp
    relative_pp: Tolerance = _DEFAULTS.relative_pp
    level_pct: Tolerance = _DEFAULTS.level_pct


class ToleranceOverrides(_Strict):
    amount_pp: Tolerance | None = None
    growth_pp: Tolerance | None = None
    relative_pp: Tolerance | None = None
    level_pct: Tolerance | None = None


class BaselineIn(_Strict):
    value: NonNegative | None = None
    unit: str | None = None
    growth: FiniteDecimal | None = None
    year: int | None = None


class SourceIn(_Strict):
    title: Text
    title_en: str = ""
    publisher: Text
    publisher_en: str = ""
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
    kind: models.Kind
    unit: str | None = None
    target: FiniteDecimal | None = None
    direction: models.Direction = models.Direction.AT_LEAST
    commitment: Commitment | None = None
    qualifier: Literal["左右", "以上", "以内"] | None = None
    value_unit: str | None = None
    relative_to: str | None = None
    baseline: BaselineIn | None = None
    department: str = ""
    tolerances: ToleranceOverrides | None = None
    schedule: dict[Annotated[int, Field(ge=1, le=12)], NonNegative] | None = None
    # how often its figure comes; when absent, the indicator's usual rhythm (core.rhythm)
    frequency: models.Frequency | None = None


RegionId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
# The day of the following month a period's figures are due by (a day past a month's end is
# its last day).
DueDay = Annotated[int, Field(ge=1, le=31, strict=True)]
Email = Annotated[str, Field(pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")]


class ContactIn(_Strict):
    name: Text
    person: str = ""
    phone: str = ""
    email: Email = ""
    due_day: DueDay | None = None


class OfficeIn(_Strict):
    name: Text
    person: str = ""
    phone: str = ""
    email: Email = ""


class CalendarIn(_Strict):
    due_day: DueDay = models.DEFAULT_DUE_DAY
    office: OfficeIn | None = None
    departments: list[ContactIn] = []


class RulesIn(_Strict):
    """How the file's targets are judged through the year: a late figure at the report's
    pace (the office's way) or at its own; the 序时进度 on a straight line or by each
    indicator's seasonal shape from earlier years."""

    late_figures: models.LateReading = models.LateReading.REPORT
    pace: models.PaceRule = models.PaceRule.STRAIGHT


class HeaderIn(_Strict):
    format: Literal[1] = 1
    region_id: RegionId
    parent: RegionId | None = None
    region: Text
    region_en: str = ""
    year: Annotated[int, Field(ge=1949, le=2200)]
    source: SourceIn
    tolerances: TolerancesIn = TolerancesIn()
    rules: RulesIn = RulesIn()
    groups: Annotated[list[GroupIn], Field(min_length=1)]
    calendar: CalendarIn = CalendarIn()


# pydantic's error types that have a sentence of our own, in both languages
_PLAIN_MESSAGES = {
    "extra_forbidden": "cat.unknown_key",
    "missing": "cat.missing",
    "finite_number": "cat.not_finite",
    "number_type": "cat.not_number",
    "decimal_parsing": "cat.not_number",
    "decimal_type": "cat.not_number",
    "int_type": "cat.not_whole",
    "int_from_float": "cat.not_whole",
    "int_parsing": "cat.not_whole",
    "string_type": "cat.not_text",
    "dict_type": "cat.not_table",
    "model_type": "cat.not_table",
    "list_type": "cat.not_list",
    "string_pattern_mismatch": "cat.bad_id",
    "text_pattern_mismatch": "cat.control",
    "email_pattern_mismatch": "cat.bad_email",
}


def _path(loc: tuple[int | str, ...], prefix: str = "") -> str:
    out = prefix
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


# Sentences for one field that say more than the general one.
_FIELD_MESSAGES = {("region_id", "missing"): "cat.region_id_missing"}
_EMAIL_PATTERN = "@"


def _at(where: str, code: str, **values: object) -> Message:
    """A problem of the file at a key path: targets[3] (fdi).unit: ..."""
    # the key path as each language brackets the id in it: targets[3]（fdi）.unit in Chinese
    chinese = re.sub(r" \(([^()]*)\)", r"（\1）", where)
    return Message("cat.at", where=Both(chinese, where), problem=Message(code, **values))


def _kind_of(item: Any) -> str:
    """The error's type; a pattern mismatch says which of our patterns it missed."""
    kind = str(item["type"])
    pattern = str((item.get("ctx") or {}).get("pattern", ""))
    if kind == "string_pattern_mismatch" and pattern.startswith("^[^"):
        return "text_pattern_mismatch"
    if kind == "string_pattern_mismatch" and _EMAIL_PATTERN in pattern:
        return "email_pattern_mismatch"
    return kind


def _messages(error: ValidationError, prefix: str = "") -> list[Said]:
    lines: list[Said] = []
    for item in error.errors(include_url=False):
        loc = tuple(p for p in item["loc"] if not (isinstance(p, str) and "[" in p))
        code = _FIELD_MESSAGES.get((_path(loc), item["type"])) or _PLAIN_MESSAGES.get(
            _kind_of(item)
        )
        expected = str((item.get("ctx") or {}).get("expected", ""))
        if loc and loc[-1] == "due_day" and item["type"] in ("greater_than_equal",
                                                             "less_than_equal"):  # fmt: skip
            code = "cat.day_range"
        if item["type"] in ("enum", "literal_error") and expected:
            # one of a closed list (a kind, a frequency, a rule): the list, in either language
            values = re.findall(r"'([^']*)'", expected)
            listed = [f"'{v}'" for v in values] if values else [expected]  # 、 in Chinese
            lines.append(_at(_path(loc, prefix), "cat.one_of", expected=listed))
        elif code is not None:
            lines.append(_at(_path(loc, prefix), code))
        else:  # pydantic's own sentence, for the rarer kinds of mistake
            text = str(item["msg"])
            lines.append(_at(_path(loc, prefix), "cat.other", text=text[:1].lower() + text[1:]))
    return lines


# A target or a planned share has at most this many decimals: finer than any published
# figure, and it keeps every percentage the engine computes within exact decimal range.
MAX_DECIMALS = 6


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _too_large(value: Decimal, unit: str) -> bool:
    return abs(value) * UNITS[unit].scale >= MAX_ABS_QUANTITY


def _range_problems(t: TargetIn) -> list[tuple[str, Message]]:
    """Numbers the engine could not divide or round exactly are refused here, at ``check``."""
    problems: list[tuple[str, Message]] = []
    if t.target is not None:
        if _decimals(t.target) > MAX_DECIMALS:
            problems.append(("target", Message("cat.too_many_decimals", max=MAX_DECIMALS)))
        elif t.kind.is_rate and not MIN_RATE <= t.target <= MAX_ABS_RATE:
            problems.append(("target", Message("cat.rate_range", low=MIN_RATE, high=MAX_ABS_RATE)))
        elif t.kind.is_quantity and t.unit in UNITS and _too_large(t.target, t.unit):
            problems.append(("target", Message("cat.too_large", unit=t.unit)))
    for month, share in sorted((t.schedule or {}).items()):
        if _decimals(share) > MAX_DECIMALS:
            problems.append(
                (f"schedule.{month}", Message("cat.too_many_decimals", max=MAX_DECIMALS))
            )
    return problems


def _kind_problems(t: TargetIn) -> list[tuple[str, Message]]:
    """Per-target rules the field types cannot express, as (field, sentence) pairs."""
    problems: list[tuple[str, Message]] = _range_problems(t)
    kind = Message(f"kind.{t.kind}")
    if t.kind.is_rate:
        if t.unit != "%":
            problems.append(("unit", Message("cat.rate_unit", kind=kind)))
    elif t.kind.is_quantity:
        # a level may be a share in percent (an unemployment ceiling); an amount is counted
        if t.unit is None or t.unit not in UNITS or (t.unit == "%" and t.kind is Kind.AMOUNT):
            known = ", ".join(u for u in UNITS if u != "%")
            problems.append(("unit", Message("cat.needs_unit", kind=kind, units=known)))
    elif t.unit:
        problems.append(("unit", Message("cat.milestone_unit")))

    if t.kind is Kind.GROWTH and t.target is None:
        problems.append(("target", Message("cat.growth_needs_target")))
    if t.kind.is_quantity and t.target is None:
        problems.append(("target", Message("cat.needs_target", kind=kind)))
    if t.kind is Kind.AMOUNT and t.target is not None and t.target <= 0:
        problems.append(("target", Message("cat.amount_positive")))
    if t.kind is Kind.LEVEL and t.target is not None and t.target < 0:
        problems.append(("target", Message("cat.level_negative")))
    if t.kind is Kind.MILESTONE and t.target is not None:
        problems.append(("target", Message("cat.milestone_target")))
    if t.kind is Kind.RELATIVE and not t.relative_to:
        problems.append(("relative_to", Message("cat.relative_needs_ref")))
    if t.kind is not Kind.RELATIVE and t.relative_to:
        problems.append(("relative_to", Message("cat.only_relative_ref")))
    if t.schedule is not None:
        if t.kind is not Kind.AMOUNT:
            problems.append(("schedule", Message("cat.schedule_amount_only")))
        points = sorted(t.schedule.items())
        shares = [share for _, share in points]
        if shares != sorted(shares) or any(share > 100 for share in shares):
            problems.append(("schedule", Message("cat.schedule_rise")))
        if t.frequency is models.Frequency.YEARLY:
            problems.append(("schedule", Message("cat.schedule_yearly")))
    if t.value_unit is not None and (t.value_unit not in UNITS or t.value_unit == "%"):
        problems.append(("value_unit", Message("cat.unknown_unit", unit=t.value_unit)))
    if t.baseline and t.baseline.unit is not None and t.baseline.unit not in UNITS:
        problems.append(("baseline.unit", Message("cat.unknown_unit", unit=t.baseline.unit)))
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


def build_catalogue(data: dict[str, Any]) -> tuple[models.Catalogue | None, list[Said]]:
    """Validate one parsed TOML document; return the catalogue, or None and every problem.

    The steps run in the order a reader checks a file: the header, each target on its own,
    then what targets say of each other (ids, groups, references). Every step runs whatever
    the earlier ones found, and a target that failed its own checks is still counted by its
    id, so one broken target neither hides nor invents a problem elsewhere.
    """
    problems: list[Said] = []
    header = _validate_header(data, problems)
    raw_targets = _raw_targets(data, problems)
    valid = _validate_targets(raw_targets, problems)
    _check_groups(header, problems)
    _check_cross_references(raw_targets, valid, header, problems)
    _check_calendar(header, valid, problems)
    if problems or header is None:
        return None, problems
    return _assemble(header, valid), []


def _validate_header(data: dict[str, Any], problems: list[Said]) -> HeaderIn | None:
    try:
        return HeaderIn.model_validate({k: v for k, v in data.items() if k != "targets"})
    except ValidationError as error:
        problems.extend(_messages(error))
        return None


def _raw_targets(data: dict[str, Any], problems: list[Said]) -> list[Any]:
    raw = data.get("targets")
    if raw is None:
        problems.append(_at("targets", "cat.targets_missing"))
        return []
    if not isinstance(raw, list):
        problems.append(_at("targets", "cat.targets_not_array"))
        return []
    if not raw:
        problems.append(_at("targets", "cat.targets_empty"))
    return raw


def _raw_id(raw: Any) -> str | None:
    return raw["id"] if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None


def _label(index: int, raw_id: str | None) -> str:
    return f"targets[{index}]" + (f" ({raw_id})" if raw_id else "")


def _validate_targets(raw_targets: list[Any], problems: list[Said]) -> dict[int, TargetIn]:
    """Each target on its own: its fields, then the rules of its kind."""
    valid: dict[int, TargetIn] = {}
    for index, raw in enumerate(raw_targets):
        label = _label(index, _raw_id(raw))
        try:
            target = TargetIn.model_validate(raw)
        except ValidationError as error:
            problems.extend(_messages(error, label))
            continue
        kind_problems = _kind_problems(target)
        problems.extend(
            Message("cat.at", where=f"{label}.{key}", problem=sentence)
            for key, sentence in kind_problems
        )
        if not kind_problems:
            valid[index] = target
    return valid


def _check_groups(header: HeaderIn | None, problems: list[Said]) -> None:
    group_list = [g.id for g in header.groups] if header else []
    for group_id in sorted({g for g in group_list if group_list.count(g) > 1}):
        problems.append(_at("groups", "cat.group_repeated", group=group_id))


def _check_cross_references(
    raw_targets: list[Any],
    valid: dict[int, TargetIn],
    header: HeaderIn | None,
    problems: list[Said],
) -> None:
    """Ids unique, groups declared, references to targets that exist and are growth rates.

    Ids are taken from every target that has one, valid or not, so a duplicate is found even
    beside a broken target, and a reference to a broken target is not called missing.
    """
    first_index: dict[str, int] = {}
    for index, raw in enumerate(raw_targets):
        raw_id = _raw_id(raw)
        if raw_id is None:
            continue
        if raw_id in first_index:
            problems.append(
                _at(
                    f"{_label(index, raw_id)}.id",
                    "cat.duplicate_id",
                    other=f"targets[{first_index[raw_id]}]",
                    id=raw_id,
                )
            )
        first_index.setdefault(raw_id, index)
    group_ids = {g.id for g in header.groups} if header else set()
    for index, t in valid.items():
        label = _label(index, t.id)
        if header and t.group not in group_ids:
            problems.append(
                _at(
                    f"{label}.group",
                    "cat.unknown_group",
                    group=t.group,
                    groups=", ".join(sorted(group_ids)),
                )
            )
        if not t.relative_to:
            continue
        if t.relative_to not in first_index:
            problems.append(_at(f"{label}.relative_to", "cat.ref_missing", ref=t.relative_to))
            continue
        ref = valid.get(first_index[t.relative_to])
        if ref is not None and ref.kind is not Kind.GROWTH:
            problems.append(
                _at(
                    f"{label}.relative_to",
                    "cat.ref_not_growth",
                    ref=t.relative_to,
                    kind=Message(f"kind.{ref.kind}"),
                )
            )


def _check_calendar(
    header: HeaderIn | None, valid: dict[int, TargetIn], problems: list[Said]
) -> None:
    """Each department of the calendar is named once and owns a target of the file."""
    if header is None:
        return
    owners = sorted({t.department for t in valid.values() if t.department})
    seen: set[str] = set()
    for index, contact in enumerate(header.calendar.departments):
        where = f"calendar.departments[{index}].name"
        if contact.name in seen:
            problems.append(_at(where, "cat.calendar_repeated", department=contact.name))
        elif contact.name not in owners:
            problems.append(
                _at(where, "cat.calendar_unknown", department=contact.name, owners=owners or "—")
            )
        seen.add(contact.name)


def _calendar(given: CalendarIn) -> models.Calendar:
    office = given.office
    return models.Calendar(
        due_day=given.due_day,
        departments=tuple(
            models.Contact(c.name, c.person, c.phone, c.email, c.due_day) for c in given.departments
        ),
        office=models.Contact(office.name, office.person, office.phone, office.email)
        if office
        else None,
    )


def _assemble(header: HeaderIn, valid: dict[int, TargetIn]) -> models.Catalogue:
    """The plain models of a file that passed every check."""
    base = models.Tolerances(**header.tolerances.model_dump())
    targets = tuple(_target(t, base) for t in valid.values())
    source = header.source
    return models.Catalogue(
        region=models.Region(header.region_id, header.region, header.region_en, header.parent),
        year=header.year,
        source=models.Source(
            title=source.title,
            publisher=source.publisher,
            date=str(source.date),
            url=source.url,
            note=source.note,
            publisher_en=source.publisher_en,
            title_en=source.title_en,
        ),
        groups=tuple(models.Group(g.id, g.name_zh, g.name_en) for g in header.groups),
        targets=targets,
        tolerances=base,
        by_id={t.id: t for t in targets},
        rules=models.Rules(header.rules.late_figures, header.rules.pace),
        calendar=_calendar(header.calendar),
    )


def _target(t: TargetIn, base: models.Tolerances) -> models.Target:
    baseline = t.baseline
    return models.Target(
        id=t.id,
        name_zh=t.name_zh,
        name_en=t.name_en,
        group=t.group,
        kind=t.kind,
        unit=t.unit or None,
        target=Decimal(0) if t.kind is Kind.RELATIVE and t.target is None else t.target,
        direction=t.direction,
        commitment=t.commitment,
        qualifier=t.qualifier,
        value_unit=t.value_unit,
        relative_to=t.relative_to,
        baseline=models.Baseline(baseline.value, baseline.unit, baseline.growth)
        if baseline
        else None,
        department=t.department,
        tolerances=_tolerances(base, t.tolerances),
        schedule=_schedule(t.schedule) if t.schedule else None,
        frequency=t.frequency or default_frequency(t.id, t.name_zh),
    )
