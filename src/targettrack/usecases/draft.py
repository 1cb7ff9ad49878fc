"""Read a government work report and draft the year's catalogue, and last year's results.

Where each part of the report stands is ``report_parts``' work, what each figure is of is
``report_figures``', and the text's cleaning ``report_text``'s. Here the figures of the main
targets and of the task sections become targets of a catalogue: an id (the lexicon's for the
usual indicators), the report's own name, its kind, unit, value, direction, commitment word,
qualifier, group and a usual department. Everything is plain text processing: no model and no
guessing. What is uncertain is said (``check``), numbers that match nothing are listed as
skipped with the reason, and page furniture (dates, phone numbers, 5G, ranks) is set aside
quietly but counted.

With last year's catalogue (``draft_carry``), the draft reuses its ids, names, departments,
groups and commitment words for the indicators it finds again, and sets each one's baseline
from the results the report states (or the figures recorded for last year).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from targettrack.core.lexicon import (
    BY_ID,
    GROUP_EN,
    GROUPS,
    ID_WORDS,
    Indicator,
    department_of,
    indicator_of,
    plain_name,
)
from targettrack.core.models import Catalogue, Figure, Kind, Target
from targettrack.core.units import MAX_ABS_QUANTITY, UNITS
from targettrack.messages import Message
from targettrack.usecases.draft_carry import carry_over, results_for, to_unit, with_baselines
from targettrack.usecases.draft_model import (
    Draft,
    DraftGroup,
    DraftTarget,
    Ids,
    Result,
    Skipped,
    Stated,
)
from targettrack.usecases.report_figures import Aside, Mention, clauses, read_sentence
from targettrack.usecases.report_parts import (
    CURRENT,
    NONE,
    REVIEW,
    facts_of,
    is_furniture,
    is_heading,
    main_block,
    region_of,
    sentences_of,
    words_target,
    years_of,
)
from targettrack.usecases.report_text import clean, decode_report

__all__ = [
    "Draft",
    "DraftGroup",
    "DraftTarget",
    "Result",
    "Skipped",
    "Stated",
    "decode_report",
    "draft",
    "results_for",
    "to_unit",
]


# -- targets from figures -------------------------------------------------------------------------

_LEVEL_WORDS = ("播种面积", "面积", "产量", "保有量", "覆盖率", "存量", "人口", "余额", "总量")
_ALWAYS_LEVEL = ("播种面积", "总产量", "保有量", "覆盖率")


def slug(name: str) -> str:
    """An id made of a name's words: the lexicon's id, or English words for its parts."""
    indicator = indicator_of(name)
    if indicator is not None:
        return indicator.id
    parts: list[str] = []
    rest = name
    for words, english in ID_WORDS:
        if words in rest:
            rest = rest.replace(words, " ")
            if english not in parts:
                parts.append(english)
    if "investment" in parts or "investment_plan" in parts:
        parts = [p for p in parts if p != "projects"]
    return "_".join(parts[:3]) or "target"


def _kind_of(m: Mention) -> tuple[Kind, list[Message]]:
    checks: list[Message] = []
    if m.measure == "growth":
        return Kind.GROWTH, checks
    indicator = indicator_of(m.name)
    if indicator is not None and indicator.kind is Kind.LEVEL:
        return Kind.LEVEL, checks  # 城镇登记失业率, PM2.5浓度: a level however it is said
    if m.measure == "share":
        if m.predicate not in ("max", "min", "floor", "reach"):
            checks.append(Message("draft.check.share"))
        return Kind.LEVEL, checks
    if m.predicate == "max" or m.predicate == "min":
        return Kind.LEVEL, checks
    if m.predicate == "floor" and m.unit not in ("个", "家", "项", "所", "户", "人", "万人"):
        return Kind.LEVEL, checks
    if any(w in m.name for w in _ALWAYS_LEVEL) or (
        (m.commitment == "确保" or m.qualifier == "以上") and any(w in m.name for w in _LEVEL_WORDS)
    ):
        checks.append(Message("draft.check.level"))
        return Kind.LEVEL, checks
    return Kind.AMOUNT, checks


def _target(
    m: Mention,
    group: str,
    main: bool,
    ids: Ids,
    block_commitment: str | None,
) -> DraftTarget:
    kind, checks = _kind_of(m)
    if m.inherited:
        checks.append(Message("draft.check.name_before"))
    if m.name.endswith("等项目") or "等" in m.name[-4:]:
        checks.append(Message("draft.check.name_list"))
    if kind is Kind.GROWTH and m.value is not None and m.value < 0:
        checks.append(Message("draft.check.decline"))
    if len(m.name) > 24:
        checks.append(Message("draft.check.long_name"))
    if m.unit not in UNITS:
        checks.append(Message("draft.check.unit", unit=m.unit or ""))
    indicator = indicator_of(m.name)
    ident = _id_for(m.name, kind, ids)
    commitment = m.commitment or block_commitment or ("预期" if main else None)
    value_unit = indicator.value_unit if indicator and kind is Kind.GROWTH else None
    return DraftTarget(
        id=ident,
        name=m.name,
        group=group,
        kind=kind,
        unit=m.unit,
        value=m.value,
        direction=_direction(m, kind, indicator),
        commitment=commitment,
        qualifier=m.qualifier,
        department=department_of(m.name),
        phrase=m.clause,
        check=tuple(checks),
        value_unit=value_unit if value_unit in UNITS else None,
        frequency=indicator.frequency if indicator else "",
    )


def _direction(m: Mention, kind: Kind, indicator: Indicator | None) -> str:
    """At most for a ceiling the words say (控制在, 以内) or, when they say nothing, for an
    indicator where lower is better (城镇登记失业率4.5%)."""
    plain = not m.predicate and m.qualifier is None
    if kind is Kind.LEVEL and plain and indicator is not None and indicator.lower_is_better:
        return "at_most"
    return m.direction


def _id_for(name: str, kind: Kind, ids: Ids) -> str:
    base = slug(name)
    indicator = BY_ID.get(base)
    stated_as_level = kind in (Kind.LEVEL, Kind.AMOUNT)
    second = indicator is not None and base in ids.taken and indicator.kind is Kind.GROWTH
    if second and stated_as_level:  # 冲刺1500亿元 after 地区生产总值增长6%
        return ids.give(f"{base}_{'level' if kind is Kind.LEVEL else 'total'}")
    return ids.give(base)


def _word_targets(
    clause: str, group: str, ids: Ids, commitment: str | None, skipped: list[Skipped]
) -> list[DraftTarget]:
    words = words_target(clause)
    if words is None:
        return []
    if words.skip is not None:
        # 高于全市平均水平, 与上年持平, 保持正增长: nothing in a catalogue to compare with
        skipped.append(Skipped(_excerpt(clause, ""), "", Message(words.skip)))
        return []
    out = []
    for name in words.names:
        name = name.strip("、，和及与的 ")
        if len(name) < 2:
            continue
        checks = (words.check,) if words.check else ()
        indicator = indicator_of(name)
        out.append(
            DraftTarget(
                id=_id_for(name, words.kind, ids),
                name=name,
                group=group,
                kind=words.kind,
                unit="%" if words.kind is Kind.RELATIVE else None,
                value=None,
                commitment=commitment or "预期",
                relative_to="gdp" if words.kind is Kind.RELATIVE else None,
                department=department_of(name),
                phrase=clause,
                check=checks,
                frequency=indicator.frequency if indicator else "",
            )
        )
    return out


# -- reading the whole report ---------------------------------------------------------------------

_REASONS = {
    "pp": "draft.skip.pp",
    "times": "draft.skip.times",
    "no_unit": "draft.skip.no_unit",
    "no_name": "draft.skip.no_name",
}


def _excerpt(sentence: str, number: str) -> str:
    at = sentence.find(number)
    if at < 0 or len(sentence) <= 60:
        return sentence[:60]
    start = max(0, at - 30)
    return ("…" if start else "") + sentence[start : at + 30] + "…"


class _Reading:
    """What the draft gathers while it reads a report, part by part."""

    def __init__(self) -> None:
        self.ids = Ids()
        self.groups: list[DraftGroup] = []
        self.group_ids: dict[str, str] = {}
        self.targets: list[DraftTarget] = []
        self.skipped: list[Skipped] = []
        self.review_skipped: list[Skipped] = []
        self.results: list[Stated] = []
        self.quiet = 0

    def group_for(self, name: str) -> str:
        if name not in self.group_ids:
            ident = _group_id(name, {g.id for g in self.groups})
            self.group_ids[name] = ident
            english = GROUP_EN.get(ident.rstrip("0123456789_"), "")
            self.groups.append(DraftGroup(ident, name, english))
        return self.group_ids[name]

    def aside(self, items: Iterable[Aside], into: list[Skipped], sentence: str) -> None:
        for a in items:
            if a.quiet:
                self.quiet += 1
            else:
                code = _REASONS.get(a.reason, "draft.skip.no_unit")
                into.append(Skipped(_excerpt(a.clause, a.number), a.number, Message(code)))

    def skip(self, sentence: str, number: str, code: str) -> None:
        self.skipped.append(Skipped(_excerpt(sentence, number), number, Message(code)))

    def main(self, text: str) -> None:
        """The main-targets list: every clause is a target, in figures or in words."""
        main = self.group_for("主要预期目标")
        first = clauses(text)[0] if clauses(text) else ""
        lead = re.match(r"^(力争|争取|确保)", first)
        commitment = lead.group(1) if lead else None  # 力争实现…: the whole list
        reading = read_sentence(text)
        self.aside(reading.asides, self.skipped, text)
        pending = list(reading.mentions)
        before: Mention | None = None
        for clause in clauses(text):  # in the report's order, figures and words alike
            if not re.search(r"\d", clause):
                self.targets += _word_targets(clause, main, self.ids, commitment, self.skipped)
                continue
            while pending and pending[0].clause == clause:
                m = pending.pop(0)
                if _stretch(m, before):
                    self.skip(m.clause, m.number, "draft.skip.stretch")
                    continue
                self.targets.append(_target(m, main, True, self.ids, commitment))
                before = m
        for m in pending:  # (none: every figure stands in one of the clauses)
            self.targets.append(_target(m, main, True, self.ids, commitment))

    def review(self, text: str) -> None:
        """A sentence of the review: last year's results."""
        reading = read_sentence(text)
        self.aside(reading.asides, self.review_skipped, text)
        for m in reading.mentions:
            if m.value is None or m.unit is None:
                continue
            self.results.append(
                Stated(
                    name=m.name,
                    id=slug(m.name),
                    value=m.value,
                    unit=m.unit,
                    rate=m.measure == "growth",
                    phrase=m.clause,
                    basis=m.basis,
                    threshold=m.threshold,
                )
            )

    def outside(self, text: str, code: str) -> None:
        """A sentence of neither part (a headline, this year's first months): listed."""
        reading = read_sentence(text)
        furniture = is_furniture(text)
        for a in reading.asides:
            if a.quiet or furniture:
                self.quiet += 1
            else:
                self.skip(a.clause, a.number, code)
        for m in reading.mentions:
            if furniture:
                self.quiet += 1
            else:
                self.skip(m.clause, m.number, code)

    def plan(self, text: str, heading: str) -> None:
        """A sentence of the task sections: the targets it states, in its heading's group."""
        reading = read_sentence(text)
        self.aside(reading.asides, self.skipped, text)
        group = self.group_for(heading or "重点工作")
        for m in reading.mentions:
            if m.basis:
                self.skip(m.clause, m.number, "draft.skip.basis")
            else:
                self.targets.append(_target(m, group, False, self.ids, None))
        for clause in clauses(text):
            if re.search(r"\d", clause):
                continue
            done = re.match(r"^(?:确保|力争|全面)?完成[^，；]{2,30}任务$", clause)
            words = words_target(clause) if done or "同步" in clause else None
            if words is not None and (done or words.kind is Kind.RELATIVE):
                self.targets += _word_targets(clause, group, self.ids, None, self.skipped)


def _stretch(m: Mention, before: Mention | None) -> bool:
    """增长6%以上、力争7%: a higher figure striven for beside the target, not a second one."""
    return (
        before is not None
        and m.inherited
        and m.clause == before.clause
        and m.measure == before.measure
        and m.name == before.name
    )


def draft(
    text: str,
    *,
    region: str | None = None,
    region_id: str | None = None,
    year: int | None = None,
    last_year: Catalogue | None = None,
    recorded: Mapping[str, Figure] | None = None,
) -> Draft:
    """The catalogue a report sets out, as a draft for a person to check (and the results of
    last year it states)."""
    cleaned = clean(text)
    lines = cleaned.split("\n")
    facts = facts_of(text, lines)
    years = years_of(lines, year, last_year)
    sentences = sentences_of(lines, years)
    block = main_block(sentences)
    read = _Reading()
    if block is not None:
        read.main(block.text)
    for index, s in enumerate(sentences):
        if block is not None and block.start <= index < block.stop:
            continue
        if s.role == REVIEW:
            read.review(s.text)
        elif s.role in (CURRENT, NONE):
            code = "draft.skip.current" if s.role == CURRENT else "draft.skip.outside"
            read.outside(s.text, code)
        elif not is_heading(s.text):
            read.plan(s.text, s.group)
    targets, dropped = _checked(read.targets)
    skipped = read.skipped + dropped
    targets = _without_repeats(targets, skipped)
    targets = with_baselines(targets, read.results, recorded if last_year is None else None)
    groups = read.groups
    notes: list[Message] = []
    missing: tuple[Target, ...] = ()
    region_name = region or region_of(cleaned) or "本地区"
    chosen_id = region_id or "region"
    if last_year is not None:
        targets, groups, missing = carry_over(
            targets, groups, last_year, read.results, recorded or {}
        )
        region_name = region or last_year.region.name_zh
        chosen_id = region_id or last_year.region.id
        if years.plan is not None and years.plan <= last_year.year:
            notes.append(Message("draft.note.same_year", year=years.plan, last=last_year.year))
    used = {t.group for t in targets}
    return Draft(
        region=region_name,
        region_id=chosen_id,
        year=years.plan,
        title=facts.title,
        publisher=facts.publisher,
        date=facts.date,
        url=facts.url,
        groups=[g for g in groups if g.id in used or g.id == "main"],
        targets=targets,
        skipped=skipped,
        results=read.results,
        quiet=read.quiet,
        review_year=years.plan - 1 if years.plan is not None else None,
        notes=tuple(notes),
        missing=missing,
        review_skipped=tuple(read.review_skipped),
        carried_from=last_year.year if last_year is not None else None,
    )


def _group_id(name: str, taken: set[str]) -> str:
    for words, ident, _ in GROUPS:
        if words in name and ident not in taken:
            return ident
    if name == "重点工作" and "tasks" not in taken:
        return "tasks"
    number = len(taken) + 1
    while f"group{number}" in taken:
        number += 1
    return f"group{number}"


_MAX_DECIMALS = 6


def _checked(targets: Sequence[DraftTarget]) -> tuple[list[DraftTarget], list[Skipped]]:
    """Targets a catalogue can hold; the others are listed as skipped with the reason."""
    kept: list[DraftTarget] = []
    dropped: list[Skipped] = []
    gdp_growth = any(t.id == "gdp" and t.kind is Kind.GROWTH for t in targets)
    for t in targets:
        problem = _problem(t)
        if problem:
            dropped.append(Skipped(t.phrase[:60], _shown(t.value), Message("draft.skip.range")))
            continue
        if t.kind is Kind.RELATIVE and not gdp_growth:
            t = t._replace(
                kind=Kind.MILESTONE,
                unit=None,
                relative_to=None,
                check=(*t.check, Message("draft.check.no_reference")),
            )
        kept.append(t)
    return kept, dropped


def _shown(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def _problem(t: DraftTarget) -> bool:
    if t.value is None:
        return t.kind in (Kind.GROWTH, Kind.AMOUNT, Kind.LEVEL)
    exponent = t.value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > _MAX_DECIMALS:
        return True
    if t.kind is Kind.GROWTH:
        return not Decimal(-100) <= t.value <= Decimal(1000)
    if t.kind is Kind.AMOUNT and t.value <= 0:
        return True
    if t.kind is Kind.LEVEL and t.value < 0:
        return True
    if t.kind is Kind.AMOUNT and t.unit == "%":
        return True
    unit = UNITS.get(t.unit or "")
    return unit is not None and abs(t.value) * unit.scale >= MAX_ABS_QUANTITY


def _without_repeats(targets: list[DraftTarget], skipped: list[Skipped]) -> list[DraftTarget]:
    """A target stated twice (a headline restated in a task section) is drafted once."""
    seen: set[tuple[str, str, Decimal | None, str | None]] = set()
    kept = []
    for t in targets:
        key = (plain_name(t.name), t.kind.value, t.value, t.unit)
        if key in seen:
            skipped.append(Skipped(t.phrase[:60], _shown(t.value), Message("draft.skip.repeat")))
            continue
        seen.add(key)
        kept.append(t)
    return kept
