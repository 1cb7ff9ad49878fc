"""Last year in a new draft: the results a review states, for last year's catalogue, and
last year's ids, names, departments, groups and baselines carried into next year's draft."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from targettrack.core.lexicon import BY_ID, indicator_of, plain_name
from targettrack.core.models import Baseline, Catalogue, Figure, Kind, Target
from targettrack.core.units import UNITS, convert
from targettrack.messages import Message
from targettrack.usecases.draft_model import Draft, DraftGroup, DraftTarget, Ids, Result, Stated


class _Stated:
    """Last year's stated results, found by name or by the lexicon's id in constant time."""

    def __init__(self, stated: Iterable[Stated]) -> None:
        self.by_name: dict[str, list[Stated]] = {}
        self.by_id: dict[str, list[Stated]] = {}
        self.order: dict[int, int] = {}
        for index, s in enumerate(stated):
            self.order[id(s)] = index
            if s.basis:
                continue  # 较2015年, 年均: not the year's own result
            self.by_name.setdefault(plain_name(s.name), []).append(s)
            if s.id in BY_ID:
                self.by_id.setdefault(s.id, []).append(s)

    def of(self, name: str, ident: str, extra_names: Iterable[str] = ()) -> list[Stated]:
        """The results stated for one indicator, in the order the report states them."""
        found: dict[int, Stated] = {}
        lexicon = indicator_of(name)
        keys = [ident] + ([lexicon.id] if lexicon else [])
        for key in (plain_name(name), *(plain_name(n) for n in extra_names)):
            found.update((id(s), s) for s in self.by_name.get(key, ()))
        for key in keys:
            found.update((id(s), s) for s in self.by_id.get(key, ()))
        return sorted(found.values(), key=lambda s: self.order[id(s)])


def to_unit(value: Decimal, unit: str, wanted: str) -> Decimal | None:
    """``value`` in ``unit`` expressed in ``wanted``: within a dimension, also through a
    magnitude a report puts before a unit (4.8万个 is 48000 个); None across dimensions."""
    if unit == "%" or wanted == "%":
        return value if unit == wanted else None
    converted = convert(value, unit, wanted)
    if converted is None and unit[:1] in ("万", "亿") and unit[1:] in UNITS:
        scale = Decimal(10) ** (4 if unit[0] == "万" else 8)
        converted = convert(value * scale, unit[1:], wanted)
    return converted


def _figures(found: Sequence[Stated], unit: str | None) -> tuple[Decimal | None, Decimal | None]:
    """The first rate and the first quantity in ``unit``'s dimension among ``found`` (a level
    stated as reached, 达到417亿元, before a threshold crossed, 突破400亿元大关)."""
    rate = next((s.value for s in found if s.rate), None)
    level = None
    for s in sorted(found, key=lambda s: s.threshold):
        if s.rate or s.unit is None or unit is None:
            continue
        converted = to_unit(s.value, s.unit, unit)
        if converted is not None:
            level = converted
            break
    return rate, level


def _baseline_from(t: DraftTarget, found: Sequence[Stated], recorded: Figure | None) -> DraftTarget:
    """``t`` with last year's level and rate as its baseline: those the review states, or else
    the full-year figure recorded for last year; unchanged when neither is known."""
    unit = t.value_unit if t.kind is Kind.GROWTH else t.unit
    rate, level = _figures(found, unit)
    source = "report"
    if rate is None and level is None and recorded is not None and recorded.number is not None:
        source = "records"
        if t.kind.is_rate:
            rate, level = recorded.number, recorded.level
        else:
            level = convert(recorded.number, recorded.unit, unit) if unit else None
    if level is not None and level < 0:
        level = None
    if rate is None and level is None:
        return t
    baseline = Baseline(value=level, unit=unit if level is not None else None, growth=rate)
    return t._replace(baseline=baseline, baseline_from=source)


def with_baselines(
    targets: Sequence[DraftTarget], stated: Sequence[Stated], recorded: Mapping[str, Figure] | None
) -> list[DraftTarget]:
    out = []
    index = _Stated(stated)
    for t in targets:
        if t.kind is Kind.MILESTONE or t.baseline is not None:
            out.append(t)
            continue
        found = index.of(t.name, t.id)
        out.append(_baseline_from(t, found, (recorded or {}).get(t.id)))
    return out


def results_for(d: Draft, catalogue: Catalogue) -> tuple[list[Result], list[Stated]]:
    """Last year's year-end figures the review states, for the targets of last year's
    catalogue (a rate with its level, an amount, a level), and the stated results that are
    not for any of them or cannot be written for them."""
    out: list[Result] = []
    used: set[int] = set()
    index = _Stated(d.results)
    for target in catalogue.targets:
        if target.kind is Kind.MILESTONE:
            continue
        found = index.of(target.name_zh, target.id)
        if not found:
            continue
        unit = target.value_unit if target.kind is Kind.GROWTH else target.unit
        rate, level = _figures(found, unit)
        if target.kind.is_rate:
            if rate is None:
                continue
            out.append(Result(target, rate, level, found[0].phrase))
            used.update(id(s) for s in found if s.rate or s.value == level)
        elif level is not None:
            out.append(Result(target, level, None, found[0].phrase))
            used.update(id(s) for s in found if not s.rate and s.value == level)
    others = [s for s in d.results if id(s) not in used]
    return out, others


# -- next January, carried over -------------------------------------------------------------------


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _similar(a: str, b: str) -> float:
    x, y = _bigrams(plain_name(a)), _bigrams(plain_name(b))
    return 2 * len(x & y) / (len(x) + len(y))


def _same_dimension(a: str | None, b: str | None) -> bool:
    if a == b:
        return True
    ua, ub = UNITS.get(a or ""), UNITS.get(b or "")
    return ua is not None and ub is not None and ua.dimension == ub.dimension


def _last_year_match(t: DraftTarget, last: Sequence[Target], used: set[str]) -> Target | None:
    free = [x for x in last if x.id not in used]
    plain = plain_name(t.name)
    for x in free:
        if plain_name(x.name_zh) == plain:
            return x
    mine = indicator_of(t.name)
    for x in free:
        theirs = indicator_of(x.name_zh)
        if mine is None:
            break
        same = x.id == mine.id or (theirs is not None and theirs.id == mine.id)
        if same and (x.kind is t.kind or x.id == mine.id):
            return x
    for x in free:
        if x.id == t.id or (x.id.rsplit("_", 1)[0] == t.id and x.kind is t.kind):
            return x
    best = max(free, key=lambda x: _similar(x.name_zh, t.name), default=None)
    if best is None or _similar(best.name_zh, t.name) < 0.6:
        return None
    return best if best.kind is t.kind and _same_dimension(best.unit, t.unit) else None


def carry_over(
    targets: Sequence[DraftTarget],
    groups: Sequence[DraftGroup],
    last: Catalogue,
    stated: Sequence[Stated],
    recorded: Mapping[str, Figure],
) -> tuple[list[DraftTarget], list[DraftGroup], tuple[Target, ...]]:
    """Last year's ids, names, departments, groups and commitment words for the indicators
    found again; baselines from last year's results."""
    used: set[str] = set()
    pairs: list[tuple[DraftTarget, Target | None]] = []
    for t in targets:
        match = _last_year_match(t, last.targets, used)
        if match is not None:
            used.add(match.id)
        pairs.append((t, match))
    last_ids = {x.id for x in last.targets}
    ids = Ids(last_ids | {t.id for t in targets})  # a new target never takes a used id
    index = _Stated(stated)
    last_groups = {g.id: g for g in last.groups}
    out_groups = list(groups)
    out: list[DraftTarget] = []
    for t, match in pairs:
        if match is None:
            ident = ids.give(t.id) if t.id in last_ids else t.id
            found = index.of(t.name, t.id)
            out.append(_baseline_from(t._replace(id=ident), found, recorded.get(ident)))
            continue
        checks = list(t.check)
        if match.kind is not t.kind:
            checks.append(
                Message(
                    "draft.check.kind_changed",
                    before=Message(f"kind.{match.kind.value}"),
                    now=Message(f"kind.{t.kind.value}"),
                )
            )
        elif t.kind.is_quantity and match.unit != t.unit:
            checks.append(Message("draft.check.unit_changed", before=match.unit or "", now=t.unit))
        group = t.group
        if match.group in last_groups:
            group = match.group
            if all(g.id != group for g in out_groups):
                g = last_groups[group]
                out_groups.append(DraftGroup(g.id, g.name_zh, g.name_en))
        commitment = t.commitment
        if match.commitment and (commitment in (None, "预期") or commitment == match.commitment):
            commitment = match.commitment
        found = index.of(t.name, match.id, (match.name_zh,))
        carried = t._replace(
            id=match.id,
            name_en=match.name_en,
            department=match.department,
            group=group,
            commitment=commitment,
            check=tuple(checks),
            value_unit=(match.value_unit or t.value_unit) if t.kind is Kind.GROWTH else None,
        )
        out.append(_baseline_from(carried, found, recorded.get(match.id)))
    missing = tuple(x for x in last.targets if x.id not in used)
    return out, out_groups, missing
