"""Read a government work report and draft the year's catalogue, and last year's results.

The report's quantified targets stand in its main-targets paragraph (主要预期目标为：…) and in
the task sections after it; its review of the year before (全年完成…) states last year's
results. Everything here is plain text processing with regular expressions: no model, no
guessing. What is uncertain is said (``check``), and numbers that match no target are listed
as skipped, with why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from targettrack.core.models import Catalogue, Kind, Target
from targettrack.core.units import UNITS, convert

# -- reading the text -----------------------------------------------------------------------------

_WIDE_DIGITS = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_UNIT_WORDS = sorted((u for u in UNITS if u != "%"), key=len, reverse=True)
_UNIT = "|".join(re.escape(u) for u in _UNIT_WORDS)
_NUMBER = r"\d+(?:\.\d+)?"
_COMMIT = r"(?P<commit>力争|争取|确保|预期)?"
_QUAL = r"(?P<qual>左右|以上|以内)?"

_GROWTH = re.compile(
    rf"(?P<direction>增长|增加|下降|降低|涨幅(?:控制在)?)(?P<value>{_NUMBER})%{_QUAL}"
)
_QUANTITY = re.compile(rf"(?P<value>{_NUMBER})(?P<unit>{_UNIT})(?!\s*[\d%]|百分点|月)")
_PERCENT_LEVEL = re.compile(
    rf"(?P<verb>控制在|保持在|稳定在|不超过|不低于|达到)(?P<value>{_NUMBER})%{_QUAL}"
)
_RELATIVE = re.compile(r"增长(?:和|与|同)(?:经济增长|地区生产总值增长|GDP增长)(?P<basic>基本)?同步")
_RELATIVE_BEFORE = re.compile(r"与(?:经济增长|地区生产总值增长|GDP增长)(?P<basic>基本)?同步")
_MILESTONE = re.compile(r"完成(?P<name>[^，；。、\d]{2,20}?任务)")
_NUMBERS = re.compile(rf"(?<![\d.]){_NUMBER}(?![\d.])")
_YEARISH = re.compile(r"^\d{4}年|^\d+(?:\.\d+)?(?:年|月|日|届|次|五|周)")
_HEADING_PUNCTUATION = re.compile(r"[，。；：、,.;:！？!?（）()“”\"]")
_MAIN = re.compile(r"主要(?:预期)?目标(?:任务)?(?:为|是)?[:：]")
_LEADING_VERBS = (
    "今年将",
    "今年",
    "明年",
    "谋划实施",
    "组织实施",
    "推动实施",
    "加快推进",
    "全力推进",
    "加快",
    "推进",
    "实施",
    "建设",
    "建成",
    "完成",
    "实现",
    "全区",
    "全市",
    "全县",
    "全省",
)
_LEVEL_WORDS = (
    "播种面积",
    "面积",
    "产量",
    "保有量",
    "覆盖率",
    "存量",
    "人口",
    "失业率",
    "比重",
    "占比",
)

# The usual ids of the indicators every report has; others get a slug of known words.
_KNOWN_IDS = (
    ("地区生产总值", "gdp"),
    ("农林牧渔业总产值", "agri_output"),
    ("农林牧渔业增加值", "agri_va"),
    ("规上工业增加值", "industrial_va"),
    ("工业增加值", "industrial_va"),
    ("第三产业增加值", "tertiary_va"),
    ("一般公共预算总收入", "revenue_total"),
    ("一般公共预算收入", "revenue_local"),
    ("财政总收入", "revenue_total"),
    ("实际利用外资", "fdi"),
    ("出口", "exports"),
    ("全社会固定资产投资", "fixed_investment"),
    ("固定资产投资", "fixed_investment"),
    ("社会消费品零售总额", "retail_sales"),
    ("居民人均可支配收入", "income_per_capita"),
    ("城镇居民人均可支配收入", "urban_income"),
    ("农村居民人均可支配收入", "rural_income"),
    ("节能减排", "energy_saving"),
    ("城镇调查失业率", "unemployment"),
    ("城镇登记失业率", "unemployment"),
    ("城镇新增就业", "new_jobs"),
    ("研发经费", "rd_spending"),
    ("小巨人", "little_giants"),
    ("国家高新技术企业", "national_high_tech"),
    ("高标准农田", "farmland"),
    ("粮食播种面积", "grain_area"),
    ("粮食总产量", "grain_output"),
    ("学位", "school_places"),
    ("居民消费价格", "cpi"),
)
_WORDS = (
    ("高成长", "high_growth"),
    ("高新技术", "high_tech"),
    ("上市", "listing"),
    ("城市更新", "urban"),
    ("乡村振兴", "rural"),
    ("脱贫", "poverty"),
    ("教育", "education"),
    ("医疗", "health"),
    ("养老", "elderly_care"),
    ("旅游", "tourism"),
    ("就业", "jobs"),
    ("治理", "governance"),
    ("综治", "governance"),
    ("农田", "farmland"),
    ("学位", "school_places"),
    ("企业", "firms"),
    ("项目", "projects"),
    ("年度计划投资", "investment_plan"),
    ("总投资", "investment"),
    ("投资", "investment"),
    ("中心", "centers"),
    ("道路", "roads"),
    ("公路", "roads"),
    ("保障性住房", "housing"),
    ("住房", "housing"),
    ("污水", "sewage"),
    ("垃圾", "waste"),
    ("绿地", "green_space"),
    ("停车", "parking"),
    ("充电", "charging"),
    ("5G", "fiveg"),
    ("基站", "base_stations"),
    ("人才", "talent"),
    ("收入", "income"),
)
# Departments that usually own an indicator: defaults for a person to edit.
_DEPARTMENTS = (
    (("地区生产总值", "增加值", "总产值", "可支配收入", "消费价格"), "统计局"),
    (("预算", "财政", "税收"), "财政局"),
    (("外资", "出口", "进出口", "零售", "消费品"), "商务局"),
    (("规上工业", "小巨人", "工业企业", "数字经济"), "工信局"),
    (("高新技术", "研发", "科创", "专利"), "科技局"),
    (("固定资产投资", "节能", "减排"), "发改局"),
    (("城市更新", "住房", "市政", "道路"), "住建局"),
    (("农田", "粮食", "乡村", "脱贫", "农业"), "农业农村局"),
    (("学位", "学校", "教育"), "教育局"),
    (("综治", "治理中心", "平安"), "政法委"),
    (("就业", "失业"), "人社局"),
)
_GROUP_IDS = (
    ("主要预期目标", "main"),
    ("产业", "industry"),
    ("城市", "city"),
    ("乡村", "rural"),
    ("生态", "ecology"),
    ("文旅", "ecology"),
    ("民生", "wellbeing"),
    ("人民生活", "wellbeing"),
    ("改革", "reform"),
    ("开放", "opening"),
    ("治理", "governance"),
    ("科技", "innovation"),
    ("创新", "innovation"),
)


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
    check: tuple[str, ...] = ()  # why a person should check it


class DraftGroup(NamedTuple):
    id: str
    name: str


class Skipped(NamedTuple):
    phrase: str
    reason: str


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
    review: list[str]  # the paragraphs that review the year before


def to_simplified(text: str) -> str:
    """Traditional characters (a repost from Hong Kong or Taiwan) as simplified, by OpenCC."""
    import opencc

    return str(opencc.OpenCC("t2s.json").convert(text))


def decode_report(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.translate(_WIDE_DIGITS).splitlines() if line.strip()]


def _is_heading(line: str) -> bool:
    return 2 <= len(line) <= 16 and not _HEADING_PUNCTUATION.search(line) and not line[0].isdigit()


def _clean_name(name: str) -> str:
    name = name.strip(" 、，,；;：:和及与并")
    changed = True
    while changed:
        changed = False
        for verb in _LEADING_VERBS:
            if name.startswith(verb):
                name = name[len(verb) :].strip(" 、，,")
                changed = True
    return name.strip(" 、，,")


def _known_id(name: str) -> str | None:
    for words, ident in _KNOWN_IDS:
        if words in name:
            return ident
    return None


def _slug(name: str, taken: set[str]) -> str:
    ident = _known_id(name)
    if ident is None:
        parts: list[str] = []
        rest = name
        for words, english in _WORDS:
            if words in rest:
                rest = rest.replace(words, " ")
                if english not in parts:
                    parts.append(english)
        if "investment" in parts or "investment_plan" in parts:
            parts = [p for p in parts if p != "projects"]
        ident = "_".join(parts[:3]) or "target"
    candidate, number = ident, 2
    while candidate in taken:
        candidate = f"{ident}_{number}"
        number += 1
    taken.add(candidate)
    return candidate


def _department(name: str) -> str:
    for words, department in _DEPARTMENTS:
        if any(w in name for w in words):
            return department
    return ""


def _group_id(name: str, taken: set[str]) -> str:
    for words, ident in _GROUP_IDS:
        if words in name and ident not in taken:
            taken.add(ident)
            return ident
    ident = f"group{len(taken) + 1}"
    taken.add(ident)
    return ident


class _Item(NamedTuple):
    start: int
    end: int
    kind: Kind
    value: Decimal | None
    unit: str | None
    direction: str
    qualifier: str | None
    level_verb: bool = False
    name_after: str = ""


def _items(clause: str) -> list[_Item]:
    """The quantified items of one clause, in order."""
    found: list[_Item] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for m in _RELATIVE.finditer(clause):
        found.append(_Item(m.start(), m.end(), Kind.RELATIVE, Decimal(0), "%", "at_least", None))
        taken.append((m.start(), m.end()))
    for m in _PERCENT_LEVEL.finditer(clause):
        if free(m.start(), m.end()):
            verb, qualifier = m.group("verb"), m.group("qual")
            at_most = verb in ("控制在", "不超过") or qualifier == "以内"
            found.append(
                _Item(
                    m.start(),
                    m.end(),
                    Kind.LEVEL,
                    Decimal(m.group("value")),
                    "%",
                    "at_most" if at_most else "at_least",
                    qualifier,
                    level_verb=True,
                )
            )
            taken.append((m.start(), m.end()))
    for m in _GROWTH.finditer(clause):
        if free(m.start(), m.end()):
            falls = m.group("direction") in ("下降", "降低")
            ceiling = m.group("direction").startswith("涨幅")  # 居民消费价格涨幅3%左右
            value = Decimal(m.group("value"))
            found.append(
                _Item(
                    m.start(),
                    m.end(),
                    Kind.GROWTH,
                    -value if falls else value,
                    "%",
                    "at_most" if falls or ceiling else "at_least",
                    m.group("qual"),
                )
            )
            taken.append((m.start(), m.end()))
    for m in _QUANTITY.finditer(clause):
        if not free(m.start(), m.end()):
            continue
        tail = clause[m.end() : m.end() + 2]
        qualifier = (
            "以上" if tail.startswith("以上") else "以内" if tail.startswith("以内") else None
        )
        qualifier = qualifier or ("左右" if tail.startswith("左右") else None)
        end = m.end() + (len(qualifier) if qualifier else 0)
        found.append(
            _Item(
                m.start(),
                end,
                Kind.AMOUNT,
                Decimal(m.group("value")),
                m.group("unit"),
                "at_most" if qualifier == "以内" else "at_least",
                qualifier,
            )
        )
        taken.append((m.start(), end))
    for m in _MILESTONE.finditer(clause):
        if free(m.start(), m.end()) and not _NUMBERS.search(m.group("name")):
            found.append(
                _Item(
                    m.start(),
                    m.end(),
                    Kind.MILESTONE,
                    None,
                    None,
                    "at_least",
                    None,
                    name_after=m.group("name"),
                )
            )
            taken.append((m.start(), m.end()))
    return sorted(found)


def _clauses(paragraph: str) -> Iterable[str]:
    for sentence in re.split(r"[。；;！？!?]", paragraph):
        yield from (c for c in re.split(r"[，,]", sentence) if c.strip())


def _targets_of(
    paragraph: str, group: str, main: bool, taken: set[str], skipped: list[Skipped]
) -> list[DraftTarget]:
    targets: list[DraftTarget] = []
    for clause in _clauses(paragraph):
        items = _items(clause)
        used: list[tuple[int, int]] = [(i.start, i.end) for i in items]
        previous = ""
        commit_match = re.match(r"\s*(?:[^，]{0,6}?)(力争|争取|确保)", clause)
        commitment = commit_match.group(1) if commit_match else ("预期" if main else None)
        cursor = 0
        for index, item in enumerate(items):
            check: list[str] = []
            if item.kind is Kind.MILESTONE:
                name = item.name_after
            else:
                name = _clean_name(clause[cursor : item.start])
                for word in ("力争", "争取", "确保", "预期"):
                    name = name.replace(word, "")
                if re.search(r"\d", name):  # an item the draft could not read stands before
                    name = re.split(r"[、，,]", name)[-1]
                name = _clean_name(name)
            if item.kind is Kind.AMOUNT and (
                not name or name in ("新增", "新建") or name.endswith("等")
            ):
                # the number stands first: 建设20个“综治+”治理中心, 组织实施51个…项目
                end = items[index + 1].start if index + 1 < len(items) else len(clause)
                after = clause[item.end : end]
                stop = re.search(r"[、，]", after)
                after = after[: stop.start()] if stop else after
                if name.endswith("等"):  # 校区、幼儿园等12个项目: the projects it lists
                    check.append("名称取自前后文，请改为指标的正式名称")
                name = _clean_name(name + after.replace("项目建设", "项目"))
            if previous and (name.startswith(("总", "年度")) or name in ("投资",)):
                subject = previous
                for suffix in ("总投资", "播种面积", "面积", "产量", "数量", "规模"):
                    if subject.endswith(suffix):
                        subject = subject[: -len(suffix)]
                        break
                name = subject + name
                check.append("名称由前一项补全，请核对")
            cursor = item.end
            if not name:
                skipped.append(Skipped(clause.strip(), "数字前后没有指标名称"))
                continue
            kind = item.kind
            direction = item.direction
            if kind is Kind.AMOUNT and (
                (commitment == "确保" and any(w in name for w in _LEVEL_WORDS))
                or (item.qualifier == "以上" and any(w in name for w in _LEVEL_WORDS))
                or any(w in name for w in ("播种面积", "总产量", "保有量", "覆盖率"))
            ):
                kind = Kind.LEVEL
                check.append("按“不低于”的水平目标处理，请核对是否为年度累计量")
            if kind is Kind.GROWTH and item.value is not None and item.value < 0:
                check.append("下降目标：按增速不高于该值处理，请核对")
            unit = item.unit
            if kind is Kind.LEVEL and unit == "%" and not item.level_verb:
                check.append("比例类水平目标，请核对")
            relative_to = "gdp" if kind is Kind.RELATIVE else None
            targets.append(
                DraftTarget(
                    id=_slug(name, taken),
                    name=name,
                    group=group,
                    kind=kind,
                    unit=unit,
                    value=item.value if kind is not Kind.RELATIVE else None,
                    direction=direction,
                    commitment=commitment,
                    qualifier=item.qualifier,
                    relative_to=relative_to,
                    department=_department(name),
                    phrase=clause.strip(),
                    check=tuple(check),
                )
            )
            if not name.startswith(("总", "年度")) or not previous:
                previous = name
        _skip_loose_numbers(clause, used, skipped)
    return targets


def _skip_loose_numbers(
    clause: str, used: Sequence[tuple[int, int]], skipped: list[Skipped]
) -> None:
    for m in _NUMBERS.finditer(clause):
        if any(a <= m.start() < b for a, b in used):
            continue
        rest = clause[m.start() :]
        if _YEARISH.match(rest) or rest.startswith(("+", "个月")):
            continue
        if "个百分点" in rest[:10]:
            reason = "“个百分点”：比例的变化，请按需要手工设为指标"
        elif "%" in rest[:8] or "％" in rest[:8]:
            reason = "百分比没有可识别的增长或水平表述"
        else:
            reason = "数字后没有可识别的单位"
        skipped.append(Skipped(clause.strip(), reason))


_REGION_NAME = re.compile(r"[\u4e00-\u9fff]{2}(?:区|县|市|旗)")
_YEAR = re.compile(r"(\d{4})年(?:是|，|经济社会发展|主要预期目标|政府工作)")
_DATE = re.compile(r"(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})")
_URL = re.compile(r"https?://[\w./?=&%-]+")
_PUBLISHER = re.compile(r"【([^】]{2,20})】")


def draft(
    text: str, *, region: str | None = None, region_id: str | None = None, year: int | None = None
) -> Draft:
    """The catalogue a report sets out, as a draft for a person to check."""
    text = to_simplified(text)
    lines = _paragraphs(text)
    main_at = next((i for i, line in enumerate(lines) if _MAIN.search(line)), None)
    groups: list[DraftGroup] = []
    group_ids: set[str] = set()
    targets: list[DraftTarget] = []
    skipped: list[Skipped] = []
    taken: set[str] = set()
    review = lines[:main_at] if main_at is not None else []
    start = 0 if main_at is None else main_at
    current: DraftGroup | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        if index == main_at:
            current = DraftGroup(_group_id("主要预期目标", group_ids), "主要预期目标")
            groups.append(current)
            body = line[_MAIN.search(line).end() :]  # type: ignore[union-attr]
            targets += _targets_of(body, current.id, True, taken, skipped)
            continue
        if _is_heading(line):
            current = DraftGroup(_group_id(line, group_ids), line)
            groups.append(current)
            continue
        if current is None:
            continue
        targets += _targets_of(line, current.id, False, taken, skipped)
    found_region = region or _most_common(m.group(0)[-3:] for m in _REGION_NAME.finditer(text))
    found_region = found_region or "本地区"
    main_year = re.search(r"(\d{4})年", lines[main_at]) if main_at is not None else None
    found_year = year or (int(main_year.group(1)) if main_year else _year_of(text))
    date = _DATE.search(text)
    publisher = _PUBLISHER.search(text)
    url = _URL.search(text)
    title = next(
        (
            line
            for line in lines[:8]
            if 6 <= len(line) <= 40 and "首页" not in line and "位置" not in line
        ),
        lines[0] if lines else "",
    )
    return Draft(
        region=found_region,
        region_id=region_id or "region",
        year=found_year,
        title=title,
        publisher=publisher.group(1) if publisher else "",
        date=f"{date.group(1)}-{int(date.group(2)):02d}-{int(date.group(3)):02d}" if date else "",
        url=url.group(0) if url else "",
        groups=[
            g for g in groups if any(t.group == g.id for t in targets) or g.name == "主要预期目标"
        ],
        targets=targets,
        skipped=skipped,
        review=review,
    )


def _most_common(values: Iterable[str]) -> str | None:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _year_of(text: str) -> int | None:
    years = [int(m.group(1)) for m in _YEAR.finditer(text)]
    return max(years) if years else None


# -- last year's results ---------------------------------------------------------------------

# Other names reports give last year's indicators in their review.
_ALIASES = {
    "exports": ("外贸出口", "出口总额", "出口"),
    "gdp": ("地区生产总值", "GDP"),
    "school_places": ("新增学位", "学位"),
    "fdi": ("实际利用外资",),
}


class Result(NamedTuple):
    target: Target
    value: Decimal
    level: Decimal | None
    phrase: str


def results(review: Sequence[str], catalogue: Catalogue) -> list[Result]:
    """Last year's year-end figures the review states, for the targets of last year's
    catalogue: a rate (with its level when stated) or an amount."""
    text = "\n".join(review)
    names: list[tuple[str, Target]] = []
    for target in catalogue.targets:
        for name in {target.name_zh, *_ALIASES.get(target.id, ())}:
            names.append((name, target))
    names.sort(key=lambda pair: len(pair[0]), reverse=True)
    positions: list[tuple[int, int, Target]] = []
    for name, target in names:
        for m in re.finditer(re.escape(name), text):
            if any(a <= m.start() < b for a, b, _ in positions):
                continue
            positions.append((m.start(), m.end(), target))
    positions.sort()
    found: list[Result] = []
    seen: set[str] = set()
    for index, (start, end, target) in enumerate(positions):
        if target.id in seen:
            continue
        stop = positions[index + 1][0] if index + 1 < len(positions) else len(text)
        segment = text[end:stop]
        cut = re.search(r"[；;。\n]", segment)
        segment = segment[: cut.start()] if cut else segment
        rate = re.search(rf"增长({_NUMBER})%", segment)
        quantity = _QUANTITY.search(segment)
        level = None
        if quantity is not None and quantity.start() < 12:
            unit = quantity.group("unit")
            wanted = target.value_unit if target.is_rate else target.unit
            level = convert(Decimal(quantity.group("value")), unit, wanted) if wanted else None
        if target.kind is Kind.GROWTH and rate is not None:
            found.append(
                Result(target, Decimal(rate.group(1)), level, text[start : end + len(segment)])
            )
        elif target.kind is Kind.AMOUNT and level is not None:
            found.append(Result(target, level, None, text[start : end + len(segment)]))
        else:
            continue
        seen.add(target.id)
    return found


RESULT_FIELDS = ("target", "period", "value", "level", "status", "source", "note")


def result_rows(
    drafted: Draft, last_year: Catalogue
) -> tuple[list[dict[str, object]], tuple[str, ...]]:
    """The results the report states for last year, as rows that ``import`` takes: the
    year-end period, provisional, with the report as their source."""
    rows: list[dict[str, object]] = [
        {
            "target": r.target.id,
            "period": str(last_year.year),
            "value": r.value,
            "level": r.level,
            "status": "provisional",
            "source": drafted.title,
            "note": r.phrase[:60],
        }
        for r in results(drafted.review, last_year)
    ]
    return rows, RESULT_FIELDS
