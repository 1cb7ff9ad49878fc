"""A drafted catalogue as TOML a person reads, checks and keeps: every target under a comment
that quotes the report's own words, and a ``# 请核对:`` comment wherever the draft is unsure."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING

from targettrack.core.models import Kind

if TYPE_CHECKING:
    from targettrack.usecases.draft import Draft, DraftTarget

CHECK = "# 请核对:"
_GROUP_EN = {
    "main": "Main expected targets",
    "industry": "Industry",
    "city": "The city",
    "rural": "Rural revitalisation",
    "ecology": "Ecology, culture and tourism",
    "wellbeing": "People's wellbeing",
    "reform": "Reform",
    "opening": "Opening up",
    "governance": "Governance",
    "innovation": "Innovation",
}
_NAME_EN = {
    "gdp": "GDP",
    "agri_output": "Gross output of farming, forestry, animal husbandry and fishery",
    "industrial_va": "Industrial value added",
    "tertiary_va": "Tertiary-industry value added",
    "revenue_total": "Total general public budget revenue",
    "revenue_local": "General public budget revenue",
    "fdi": "Foreign investment actually used",
    "exports": "Total value of exported goods",
    "fixed_investment": "Fixed-asset investment",
    "retail_sales": "Retail sales of consumer goods",
    "income_per_capita": "Per-capita disposable income",
    "energy_saving": "Energy-saving and emission-reduction tasks",
    "unemployment": "Surveyed urban unemployment rate",
    "new_jobs": "New urban jobs",
    "rd_spending": "R&D spending",
    "little_giants": "New 'little giant' firms",
    "national_high_tech": "New national high-tech enterprises",
    "farmland": "New or upgraded high-standard farmland",
    "grain_area": "Grain sown area",
    "grain_output": "Grain output",
    "school_places": "New school places",
    "cpi": "Consumer prices",
}


def _s(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _number(value: Decimal) -> str:
    return (
        format(value.normalize(), "f")
        if value != value.to_integral()
        else format(value, "f").split(".")[0]
    )


def _english(target: DraftTarget) -> str:
    known = _NAME_EN.get(target.id.rsplit("_", 1)[0] if target.id[-1].isdigit() else target.id)
    return known or target.id.replace("_", " ").capitalize()


def _target(t: DraftTarget) -> list[str]:
    lines = [f"# 原文：{t.phrase}"]
    lines += [f"{CHECK} {reason}" for reason in t.check]
    lines += [
        "[[targets]]",
        f"id = {_s(t.id)}",
        f"name_zh = {_s(t.name)}",
        f"name_en = {_s(_english(t))}",
        f"group = {_s(t.group)}",
        f"kind = {_s(t.kind.value)}",
    ]
    if t.unit is not None and t.kind is not Kind.MILESTONE:
        lines.append(f"unit = {_s(t.unit)}")
    if t.value is not None and t.kind is not Kind.RELATIVE:
        lines.append(f"target = {_number(t.value)}")
    if t.direction == "at_most" and t.kind is not Kind.RELATIVE:
        lines.append('direction = "at_most"')
    if t.commitment:
        lines.append(f"commitment = {_s(t.commitment)}")
    if t.qualifier:
        lines.append(f"qualifier = {_s(t.qualifier)}")
    if t.relative_to:
        lines.append(f"relative_to = {_s(t.relative_to)}")
    if t.kind is Kind.GROWTH and t.id in _VALUE_UNITS:
        lines.append(f"value_unit = {_s(_VALUE_UNITS[t.id])}")
    lines.append(f"department = {_s(t.department)}")
    return lines


# The unit a growth indicator's level is published in, for --level and --prior.
_VALUE_UNITS = {
    "gdp": "亿元",
    "agri_output": "亿元",
    "industrial_va": "亿元",
    "tertiary_va": "亿元",
    "revenue_total": "亿元",
    "revenue_local": "亿元",
    "exports": "亿元",
    "fixed_investment": "亿元",
    "retail_sales": "亿元",
}


def draft_toml(d: Draft) -> str:
    lines = [
        f"# {d.region}{d.year or ''}年目标库草稿：由 targettrack draft 从政府工作报告生成。",
        "# 每个指标上方引用了报告原文；标有“请核对”的条目需要人工确认。",
        "# department（责任单位）为常见分工的默认值，请按本地实际修改。",
        "",
        "format = 1",
    ]
    if d.region_id == "region":
        lines.append(f'{CHECK} 请改为地区的简短英文编号（小写字母），例如 "luojiang"')
    lines.append(f"region_id = {_s(d.region_id)}")
    lines.append(f"region = {_s(d.region)}")
    if d.year is None:
        lines.append(f"{CHECK} 报告中未找到年份")
    lines.append(f"year = {d.year or 2000}")
    lines += ["", "[source]"]
    for key, value in (
        ("title", d.title),
        ("publisher", d.publisher),
        ("date", d.date),
        ("url", d.url),
    ):
        if not value:
            lines.append(f"{CHECK} 报告中未找到 {key}")
        lines.append(f"{key} = {_s(value or '请核对')}")
    lines.append(f"note = {_s('由 targettrack draft 从报告文本生成的草稿')}")
    for group in d.groups:
        lines += ["", "[[groups]]", f"id = {_s(group.id)}", f"name_zh = {_s(group.name)}"]
        english = _GROUP_EN.get(group.id)
        if english is None:
            lines.append(f"{CHECK} 请填写英文名称")
        lines.append(f"name_en = {_s(english or group.name)}")
    for target in d.targets:
        lines.append("")
        lines += _target(target)
    return "\n".join(lines) + "\n"
