"""A drafted catalogue as TOML a person reads, checks and keeps: every target under a comment
that quotes the report's own words, and a ``# 请核对：`` comment wherever the draft is unsure.

The file is written in Chinese, as the catalogue is, whatever the language of the messages.
English names and the units levels are published in come from the lexicon of indicators
(``core.lexicon``), the one the draft recognised the indicators by.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING

from targettrack.core.lexicon import BY_ID, GROUP_EN, english_name
from targettrack.core.models import Baseline, Kind
from targettrack.core.rhythm import default_frequency
from targettrack.core.words import word
from targettrack.messages import Message, Text, render

if TYPE_CHECKING:
    from targettrack.usecases.draft import Draft, DraftTarget

CHECK = "# 请核对："


def _zh(text: Text) -> str:
    return render(text, "zh")


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
    if target.name_en:
        return target.name_en
    known = english_name(target.id)
    return known or target.id.replace("_", " ").capitalize()


def _baseline(baseline: Baseline) -> str:
    parts = []
    if baseline.value is not None and baseline.unit:
        parts += [f"value = {_number(baseline.value)}", f"unit = {_s(baseline.unit)}"]
    if baseline.growth is not None:
        parts.append(f"growth = {_number(baseline.growth)}")
    return "baseline = { " + ", ".join(parts) + " }"


def _value_unit(t: DraftTarget) -> str | None:
    if t.kind is not Kind.GROWTH:
        return None
    if t.value_unit:
        return t.value_unit
    known = BY_ID.get(t.id)
    return known.value_unit if known else None


def _frequency(t: DraftTarget) -> str:
    """The rhythm the draft proposes: the lexicon's for an indicator it knows, else the usual
    one for the name (quarterly GDP and value added, yearly grain), with its Chinese word."""
    frequency = t.frequency or default_frequency(t.id, t.name).value
    return f"frequency = {_s(frequency)}  # {word(frequency, 'zh')}"


def _target(t: DraftTarget, review_year: int | None) -> list[str]:
    lines = [f"# {_zh(Message('draft.toml.source', phrase=t.phrase))}"]
    lines += [f"{CHECK}{_zh(reason)}" for reason in t.check]
    body = [
        "[[targets]]",
        f"id = {_s(t.id)}",
        f"name_zh = {_s(t.name)}",
        f"name_en = {_s(_english(t))}",
        f"group = {_s(t.group)}",
        f"kind = {_s(t.kind.value)}",
    ]
    if t.unit is not None and t.kind is not Kind.MILESTONE:
        body.append(f"unit = {_s(t.unit)}")
    if t.value is not None and t.kind is not Kind.RELATIVE:
        body.append(f"target = {_number(t.value)}")
    if t.direction == "at_most" and t.kind is not Kind.RELATIVE:
        body.append('direction = "at_most"')
    if t.commitment:
        body.append(f"commitment = {_s(t.commitment)}")
    if t.qualifier in ("左右", "以上", "以内"):
        body.append(f"qualifier = {_s(t.qualifier)}")
    if t.relative_to:
        body.append(f"relative_to = {_s(t.relative_to)}")
    value_unit = _value_unit(t)
    if value_unit:
        body.append(f"value_unit = {_s(value_unit)}")
    if t.baseline is not None and t.kind is not Kind.MILESTONE:
        if review_year is not None and t.baseline_from:
            source = Message(f"draft.toml.from_{t.baseline_from}")
            body.append(f"# {_zh(Message('draft.toml.baseline', year=review_year, source=source))}")
        body.append(_baseline(t.baseline))
    body.append(f"department = {_s(t.department)}")
    if t.kind is not Kind.MILESTONE:  # a milestone's figure is a state, reported when it moves
        body.append(_frequency(t))
    if not t.active:
        lines.append(f"{CHECK}{_zh(Message('draft.toml.not_a_target', unit=t.unit or ''))}")
        body = [f"# {line}" for line in body]
    return lines + body


def draft_toml(d: Draft) -> str:
    """The draft as a catalogue file that ``check`` accepts as it is."""
    assert d.year is not None, "a draft is written once its year is known"
    lines = [
        f"# {_zh(Message('draft.toml.head', region=d.region, year=d.year))}",
        f"# {_zh(Message('draft.toml.quote'))}",
        f"# {_zh(Message('draft.toml.departments'))}",
    ]
    if d.carried_from is not None:
        lines.append(f"# {_zh(Message('draft.toml.carried', year=d.carried_from))}")
    lines += [f"{CHECK}{_zh(note)}" for note in d.notes]
    lines += ["", "format = 1"]
    if d.region_id == "region":
        lines.append(f"{CHECK}{_zh(Message('draft.toml.region_id'))}")
    lines.append(f"region_id = {_s(d.region_id)}")
    lines.append(f"region = {_s(d.region)}")
    lines.append(f"year = {d.year}")
    lines += ["", "[source]"]
    for key, value in (
        ("title", d.title),
        ("publisher", d.publisher),
        ("date", d.date),
        ("url", d.url),
    ):
        if not value:
            lines.append(f"{CHECK}{_zh(Message('draft.toml.no_source', key=key))}")
        lines.append(f"{key} = {_s(value or '请核对')}")
    lines.append(f"note = {_s(_zh(Message('draft.toml.note')))}")
    for group in d.groups:
        lines += ["", "[[groups]]", f"id = {_s(group.id)}", f"name_zh = {_s(group.name)}"]
        english = group.name_en or GROUP_EN.get(group.id)
        if english is None:
            lines.append(f"{CHECK}{_zh(Message('draft.toml.group_en'))}")
        lines.append(f"name_en = {_s(english or group.name)}")
    for target in d.targets:
        lines.append("")
        lines += _target(target, d.review_year)
    if d.missing:
        names = [f"{t.id}（{t.name_zh}）" for t in d.missing]
        lines += ["", f"{CHECK}{_zh(Message('draft.toml.missing', names=names))}"]
    return "\n".join(lines) + "\n"
