"""The figures one sentence of a report states, each with the indicator it is of.

A report states a figure as a name, a verb and a number with its unit: 地区生产总值增长6.5%左右,
固定资产投资完成380亿元, 城镇调查失业率控制在5.5%以内, 冲刺1500亿元 (the name is the one before),
新增公办幼儿园6所, 建设20个治理中心 (the number first), 城乡居民人均可支配收入分别增长4.8%、7.2%
(two indicators, paired in order), 新签约5亿元以上项目60个 (the first amount describes the projects
counted). This module reads those forms from the cleaned text of ``report_text``; it does not
decide whether a figure is a target or a result, which depends on where the sentence stands.

Numbers that are not figures (years, dates, ranks, phone numbers, the 5 of 5G, the 500 of
“三类500强”) are recognised and set aside quietly; numbers that may be figures but cannot be read
(a change in 个百分点, no unit) are set aside with the reason.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal, NamedTuple

from targettrack.core.lexicon import indicator_at
from targettrack.core.units import UNITS

Measure = Literal["growth", "share", "quantity", "words"]

# Units a report writes after a number, longest first: the catalogue's own, and others a
# report uses, which a draft keeps in a comment rather than as a target.
_OTHER_UNITS = (
    "万千瓦时",
    "亿千瓦时",
    "万千瓦",
    "千瓦时",
    "千瓦",
    "万人次",
    "人次",
    "万名",
    "名",
    "万个",
    "条",
    "场次",
    "场",
    "次",
    "座",
    "套",
    "万套",
    "间",
    "张",
    "辆",
    "万辆",
    "台",
    "万台",
    "处",
    "批",
    "件",
    "万件",
    "宗",
    "例",
    "张床",
    "床",
    "万标箱",
    "标箱",
    "公顷",
    "万公顷",
    "平方公里",
    "亿立方米",
    "万立方米",
    "立方米",
    "公斤",
    "千克",
    "万吨标准煤",
    "吨标准煤",
    "μg/m3",
    "微克/立方米",
    "米",
    "头",
    "万头",
    "只",
    "万只",
    "株",
    "万株",
    "棵",
    "万棵",
    "万",
    "亿",
)
UNIT_WORDS = tuple(sorted({*(u for u in UNITS if u != "%"), *_OTHER_UNITS}, key=len, reverse=True))
# Units of things counted one by one: a number before them may come before the name too.
_COUNTS = frozenset(
    {"个", "家", "项", "所", "户", "人", "名", "条", "座", "套", "间", "张", "辆", "台", "处"}
    | {"批", "件", "宗", "场", "场次", "次", "万个", "万户", "万人", "万名", "例", "床", "张床"}
)
# Words after a number that make it something other than a figure of the report.
_FURNITURE_AFTER = re.compile(
    r"^(?:年|月|日|时|点|分|号|届|周年|周|岁|天|小时|字|版|页|楼|层|强|方面|个方面|大|类"
    r"|项工作|部分|步|级|星|线)"
)
_DATE = re.compile(
    r"\d{4}[-/]\d{1,2}(?!\d)|\d{4}\.\d{1,2}\.\d{1,2}(?!\d)|\d{1,2}/\d{1,2}(?![\d.])"
    r"|\d{1,2}-\d{1,2}月"
)
_PHONE = re.compile(r"\d{3,4}-\d{7,8}|1\d{10}(?!\d)")
_LOOK = 16  # characters after a number that its unit, qualifier or furniture may take
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_PREDICATES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        (
            *(
                (w, "up")
                for w in (
                    "同比增长",
                    "比上年增长",
                    "较上年增长",
                    "分别增长",
                    "增长",
                    "增速为",
                    "增速达到",
                    "增速达",
                    "增速",
                    "增幅为",
                    "增幅达",
                    "增幅",
                    "增加",
                    "提高",
                    "提升",
                    "上涨",
                    "上升",
                    "增",
                )
            ),
            *(
                (w, "down")
                for w in (
                    "同比下降",
                    "分别下降",
                    "下降",
                    "降低",
                    "减少",
                    "压降",
                    "削减",
                    "下滑",
                    "回落",
                    "降幅",
                )
            ),
            ("涨幅控制在", "rise"),
            ("涨幅为", "rise"),
            ("涨幅", "rise"),
            *(
                (w, "max")
                for w in (
                    "控制在",
                    "不超过",
                    "不高于",
                    "低于",
                    "分别低于",
                    "下降到",
                    "降至",
                    "降到",
                    "压减到",
                    "以内",
                )
            ),
            *(
                (w, "min")
                for w in (
                    "保持在",
                    "稳定在",
                    "突破",
                    "冲刺",
                    "确保",
                    "超过",
                    "超",
                    "均达",
                    "提高到",
                    "提高至",
                    "提升到",
                    "提升至",
                    "增加到",
                    "增长到",
                    "增至",
                    "上升到",
                    "升至",
                    "持续保持",
                    "保持",
                )
            ),
            ("不低于", "floor"),
            *((w, "reach") for w in ("达到", "分别达到", "达")),
            *((w, "amount") for w in ("不少于", "完成", "实现", "累计", "共", "合计", "共计")),
            *((w, "plain") for w in ("为", "是", "分别为", "分别")),
            *((w, "approx") for w in ("约", "近", "超过")),
            *((w, "from") for w in ("由", "从")),
        ),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
)
_QUALIFIERS = ("左右", "以上", "以内", "以下", "上下", "及以上")
_COMMITMENTS = ("力争", "争取", "确保", "预期")
# Words at the start of a name that are not the name: time, scope, commitment, doing.
_LEADING = re.compile(
    r"^(?:[、，和及与并且同时另外此外其中]|\d{4}年度?|\d{1,2}月份?|全年|今年|明年|年内|当年|到年底|年底"
    r"|全区|全市|全县|全州|全省|全旗|全镇|我区|我县|我市|本区|本县|本市|区级|市级"
    r"|力争|争取|确保|努力|预期|预计|初步预计|计划|拟|将|要|可"
    r"|谋划实施|组织实施|推动实施|加快推进|全力推进|扎实推进|大力推进|持续推进|推进|加快|实施|建设|建成"
    r"|完成|实现|达到|开展|持续|进一步|全力|着力|大力|积极|统筹安排|安排|全面|深入|分别|共|累计"
    r"|其中|包括)+"
)
_REMARK = re.compile(r"（[^（）]*(?:下同|预计|初步|快报|同口径|不含|含)[^（）]*）")
_NOT_A_NAME = re.compile(r"^[\W\d_]*$")
# A figure that describes what the next one counts: 5亿元以上项目60个, 超10亿元或1亿美元项目20个.
_DESCRIBES = re.compile(
    r"^(?:）)?(?:（[^）]*）)?(?:或[\d.]+[^\d，；]{0,4}?)?(?:及?以上|以下)?(?:）)?的?[^，；、\d]{0,10}$"
)
_COMPOUNDS = (
    ("城乡居民", ("城镇居民", "农村居民")),
    ("城乡", ("城镇", "农村")),
    ("存贷款", ("存款", "贷款")),
    ("进出口", ("进口", "出口")),
)
# What a number of things counted before their name counts: 新建8个…服务站, 发展28个…项目.
_COUNTED = re.compile(
    r"(?:项目|企业|中心|站|所|村|园区|学校|医院|基地|线路|食堂|平台|工程|设施|场馆|幼儿园|小区|公司"
    r"|机构|馆|街区|商圈|网点|工厂|产业园|示范区|试点)$"
)
# Words that name a measure of the thing named before: 总投资 after 乡村振兴建设项目.
_GENERIC = frozenset(
    {"投资", "完成投资", "产值", "金额", "资金", "规模", "面积", "产量", "收入", "总额"}
)
NOT_THE_YEAR = re.compile(
    r"较\d{4}年|比\d{4}年|年均|累计|五年|“十[一二三四五]五”|十[一二三四五]五期间"
)


class Mention(NamedTuple):
    """One figure the sentence states (or, for ``words``, a target stated in words)."""

    name: str
    value: Decimal | None
    unit: str | None  # "%" for a rate or a share
    measure: Measure
    direction: str  # at_least, at_most
    qualifier: str | None  # 左右, 以上, 以内 (以下 reads as at most)
    predicate: str  # the kind of verb before the number: up, down, rise, max, min, …
    commitment: str | None
    clause: str
    number: str  # the number as written
    inherited: bool = False  # the name is the one of the figure before
    basis: str = ""  # 较2015年, 年均 …: not a year-on-year figure of the last year
    threshold: bool = False  # a mark passed: 突破400亿元大关, 超千亿元


class Aside(NamedTuple):
    """A number that is not read as a figure, and why (``quiet`` for page furniture)."""

    clause: str
    number: str
    reason: str  # a message code's last part: pp, times, no_unit, no_name, …
    quiet: bool


class _Num(NamedTuple):
    start: int
    end: int  # after the unit and qualifier
    value: Decimal
    unit: str | None
    qualifier: str | None
    text: str
    special: str = ""  # pp, times, approx (多, 余)


def clauses(sentence: str) -> list[str]:
    """A sentence's clauses: split at ， ； and ： outside brackets and quotation marks."""
    out: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(sentence):
        if char in "（“《【":
            depth += 1
        elif char in "）”》】" and depth:
            depth -= 1
        elif char in "，；：" and depth == 0:
            out.append(sentence[start:index])
            start = index + 1
    out.append(sentence[start:])
    return [c for c in out if c.strip()]


def _numbers(clause: str, asides: list[Aside]) -> list[_Num]:
    """The numbers of a clause with their units and qualifiers; the others set aside."""
    found: list[_Num] = []
    quoted = _quoted_spans(clause)
    for m in _NUMBER.finditer(clause):
        start, end = m.start(), m.end()
        before = clause[start - 1] if start else ""
        if before.isdigit() or before == "." or (before == "-" and start >= 2):
            continue  # part of a date or a longer token matched already
        after = clause[end : end + _LOOK]  # a bounded look: the reading stays linear
        text = m.group(0)
        quiet = _furniture(clause, start, end, before, after, quoted)
        if quiet:
            asides.append(Aside(clause, text, quiet, True))
            continue
        value = Decimal(text)
        at = 0  # how far past the number its unit and qualifier reach
        special = ""
        if after.startswith(("多", "余")):
            special, at = "approx", 1
        unit: str | None = None
        if after.startswith("%", at):
            unit, at = "%", at + 1
        elif after.startswith(("个百分点", "百分点"), at):
            asides.append(Aside(clause, text, "pp", False))
            continue
        elif after.startswith("倍", at):
            asides.append(Aside(clause, text, "times", False))
            continue
        else:
            unit = next((u for u in UNIT_WORDS if after.startswith(u, at)), None)
            at += len(unit) if unit else 0
        if value == 0:
            asides.append(Aside(clause, text, "zero", True))
            continue
        qualifier = next((q for q in _QUALIFIERS if after.startswith(q, at)), None)
        at += len(qualifier) if qualifier else 0
        if unit is None:
            asides.append(Aside(clause, text, "no_unit", False))
            continue
        found.append(_Num(start, end + at, value, unit, qualifier, text, special))
    return found


def _quoted_spans(clause: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"“[^”]{0,20}”|《[^》]{0,30}》", clause)]


def _furniture(
    clause: str,
    start: int,
    end: int,
    before: str,
    after: str,
    quoted: list[tuple[int, int]],
) -> str:
    """Why a number is page furniture or part of a name ("" when it may be a figure)."""
    if before and before in ":：" and start >= 2 and clause[start - 2].isdigit():
        return "date"  # 09:30
    if _DATE.match(clause, start):
        return "date"
    if _PHONE.match(clause, start):
        return "phone"
    if before == "第" or clause[max(0, start - 2) : start] in ("排名", "位居", "居第"):
        return "rank"
    if (before.isascii() and before.isalpha()) or (after[:1].isascii() and after[:1].isalpha()):
        return "code"  # 5G, PM2.5, 3S
    if (before and before in "+＋") or after.startswith(("+", "＋", "：", ":")):
        return "code"
    if (before and before in "〔[") or after.startswith(("〕", "]")):
        return "code"
    if any(a < start and end < b for a, b in quoted) and not after.startswith("%"):
        inner = after.split("”")[0]
        if not any(inner.startswith(u) for u in UNIT_WORDS) or inner.startswith("强"):
            return "code"
    if _FURNITURE_AFTER.match(after):
        if after.startswith("年") and end - start != 4 and after[1:2] not in ("", "，", "："):
            return "duration"
        return "date" if after[:1] in "年月日时点分号" else "count"
    if start == 0 and after[:1] in "、." and len(clause) > end - start + 1:
        return "numbering"
    digits = clause[start:end]
    if len(digits) >= 5 and "." not in digits and not _unit_after(after):
        return "code"  # a phone number, a hotline, a postcode
    return ""


_BEFORE_INDICATOR = re.compile(r"实现|完成|达到|预计|一年|以来|全年|今年|去年|[区县市州旗]")


def _tidy(name: str) -> str:
    """A name without the words of the sentence before the indicator it states: 过去一年
    石湾区实现地区生产总值 is 地区生产总值; 开展座谈会等对接活动 is 对接活动."""
    listed = re.match(r"^(?P<before>.*[\u4e00-\u9fff])等(?P<kind>[\u4e00-\u9fff“][^等]+)$", name)
    if listed and ("、" in listed.group("before") or len(listed.group("before")) >= 4):
        name = listed.group("kind")
    found = indicator_at(name)
    if found is not None and found[0] > 0 and _BEFORE_INDICATOR.search(name[: found[0]]):
        return name[found[0] :]
    return name


def _unit_after(after: str) -> bool:
    return after.startswith(("%", "多", "余")) or any(after.startswith(u) for u in UNIT_WORDS)


def _strip_name(zone: str) -> tuple[str, str, str | None]:
    """A zone of words before a number as (name, predicate kind, commitment)."""
    name, kind, commitment, _ = _strip(zone)
    return name, kind, commitment


def _strip(zone: str) -> tuple[str, str, str | None, str]:
    text = _REMARK.sub("", zone).strip()
    commitment = next((c for c in _COMMITMENTS if c in text[:6]), None)
    kind = ""
    verb = ""
    for word, what in _PREDICATES:
        if text.endswith(word):
            kind, verb = what, word
            text = text[: -len(word)]
            if word == "确保":
                commitment = "确保"
            break
    for qualifier in (
        "同比",
        "比上年",
        "较上年",
        "分别",
        "均",
        "年均",
        "为",
        "同口径",
        "按可比价格计算",
        "预计",
        "初步",
        "全年",
        "力争",
        "确保",
    ):
        if text.endswith(qualifier):
            text = text[: -len(qualifier)]
    text = NOT_THE_YEAR.sub("", text)  # 较2015年 says what the rate is against, not of what
    text = text.rstrip("的、，和及与")
    name = _tidy(_LEADING.sub("", text).strip("、，和及与的 "))
    if len(name) == 1 and len(text.strip("、，和及与的 ")) >= 2:
        name = text.strip("、，和及与的 ")  # 完成率: a name that begins like a verb
    return name, kind, commitment, verb


def _after_name(clause: str, start: int, stop: int) -> str:
    """The name that stands after a number: 建设20个“综治+”治理中心."""
    text = clause[start:stop]
    cut = re.search(
        r"[，、；。（]|完成|超额|成功|建成|实现|达到|增长|开工|竣工|投用|落地|签约|以上|左右|告别|超过",
        text,
    )
    if cut is not None and cut.start() > 0:
        text = text[: cut.start()]
    elif cut is not None:
        return ""
    return text.strip("的和及与 ")


def split_names(name: str, count: int) -> list[str] | None:
    """One name given for several figures: 城乡居民人均可支配收入, 大口径财政收入和一般公共预算收入,
    PM2.5、PM10年均浓度 (the parts share what follows the last)."""
    listed = [p for p in re.split(r"、|和|及|与", name) if p]
    for compound, parts in _COMPOUNDS:
        if count == 2 and len(listed) == 1 and compound in name:
            at = name.index(compound)
            return [name[:at] + p + name[at + len(compound) :] for p in parts]
    pieces = [p for p in re.split(r"、|和|及|与", name) if p]
    if len(pieces) != count:
        return None
    last = pieces[-1]
    heads = pieces[:-1]
    if all(len(h) <= 5 for h in heads) and len(last) > max(len(h) for h in heads) + 1:
        latin = re.match(r"[A-Za-z0-9.]+", last)
        head = len(latin.group(0)) if latin and all(h.isascii() for h in heads) else len(heads[0])
        shared = last[head:]
        if shared:
            return [h + shared for h in heads] + [last]
    return pieces


class SentenceReading(NamedTuple):
    mentions: list[Mention]
    asides: list[Aside]


def read_sentence(sentence: str) -> SentenceReading:
    """Every figure of one sentence, named (see the module docstring)."""
    mentions: list[Mention] = []
    asides: list[Aside] = []
    last_names: list[str] = []
    recent: list[str] = []  # the names of the sentence's figures so far, in order
    subject = ""
    basis_all = ""
    for clause in clauses(sentence):
        nums = _numbers(clause, asides)
        basis = _basis(clause) or basis_all
        if "下同" in clause and basis:
            basis_all = basis
        runs = _runs(clause, nums)
        cursor = 0
        commitment_here = next(
            (c for c in _COMMITMENTS if re.match(rf"^[^，]{{0,6}}?{c}", clause)), None
        )
        for run_index, run in enumerate(runs):
            first = run[0]
            zone = clause[cursor : first.start]
            # a number that describes what the next one counts belongs to the name
            name, kind, commitment, verb = _strip(zone)
            commitment = commitment or commitment_here
            inherited = False
            names: list[str] | None
            stop = runs[run_index + 1][0].start if run_index + 1 < len(runs) else len(clause)
            noun = _after_name(clause, run[-1].end, stop)
            if (
                name
                and len(name) <= 4
                and run[-1].unit in _COUNTS
                and kind in ("", "amount")
                and _COUNTED.search(noun)
            ):
                name = ""  # 新建8个农村居家养老服务站: a verb, and the name after the number
            if not name or _NOT_A_NAME.match(name):
                stop = runs[run_index + 1][0].start if run_index + 1 < len(runs) else len(clause)
                after = _after_name(clause, run[-1].end, stop)
                if after and run[-1].unit not in ("%", None) and kind in ("", "amount", "plain"):
                    names = [after] * len(run) if len(run) > 1 else [after]
                    if len(run) > 1:
                        split = split_names(after, len(run))
                        names = split or names
                    cursor = run[-1].end + len(after)
                elif last_names and len(last_names) == len(run):
                    names, inherited = list(last_names), True
                elif len(run) > 1 and len(recent) >= len(run):
                    names, inherited = recent[-len(run) :], True  # A 1亿元、B 2亿元，分别增长3%、4%
                elif last_names and len(run) == 1:
                    names, inherited = [last_names[-1]], True
                elif subject:
                    names, inherited = [subject] * len(run), True
                else:
                    for num in run:
                        asides.append(Aside(clause, num.text, "no_name", False))
                    cursor = run[-1].end
                    continue
            elif name.endswith("等"):  # 航天锂电、利来汽车等75个工业项目: the class counted
                after = _after_name(clause, run[-1].end, stop)
                kind_of = re.sub(r"(?:工程)?建设$", "", after)
                whole = after if len(kind_of) > 2 else name + kind_of  # …幼儿园等12个项目
                names = [whole] * len(run)
                cursor = run[-1].end + len(after)
            elif (name.startswith(("总", "年度", "净增", "净")) or name in _GENERIC) and subject:
                names = [_complete(subject, name)] * len(run)
                inherited = True
            else:
                names = split_names(name, len(run)) if len(run) > 1 else None
                names = names or [name] * len(run)
            cursor = max(cursor, run[-1].end)
            qualifier = run[-1].qualifier
            rate_before = bool(mentions) and mentions[-1].measure == "growth"
            same_clause = bool(mentions) and mentions[-1].clause == clause
            if inherited and not kind and first.unit == "%" and rate_before and same_clause:
                kind = "up"  # 增长6%以上、力争7%: the second figure is a rate too
            for num, item_name in zip(run, names, strict=False):
                if kind == "from":
                    asides.append(Aside(clause, num.text, "start_value", True))
                    continue
                mention = _mention(
                    item_name,
                    num,
                    kind,
                    num.qualifier or qualifier,
                    commitment,
                    clause,
                    inherited,
                    basis,
                )
                passed = verb in ("突破", "超", "超过", "冲刺", "近", "约") or clause[
                    num.end : num.end + 2
                ] in ("大关", "台阶", "关口")
                mentions.append(mention._replace(threshold=passed))
            if not inherited or not last_names or len(names) != len(last_names):
                last_names = list(names)
            if not inherited and len(names) == 1:
                subject = names[0]
            if not inherited:
                recent += names
    return SentenceReading(mentions, asides)


def _basis(clause: str) -> str:
    m = NOT_THE_YEAR.search(clause)
    return m.group(0) if m else ""


def _complete(subject: str, part: str) -> str:
    """总投资 after 乡村振兴建设项目 is 乡村振兴建设项目总投资; 总产量 after 粮食播种面积 is
    粮食总产量."""
    for suffix in ("总投资", "播种面积", "面积", "产量", "数量", "规模"):
        if subject.endswith(suffix):
            return subject[: -len(suffix)] + part
    return subject + part


def _runs(clause: str, nums: list[_Num]) -> list[list[_Num]]:
    """Numbers in a row, separated only by 、 和 及 与: 30730元、10611元; descriptors dropped."""
    kept: list[_Num] = []
    for index, num in enumerate(nums):
        following = nums[index + 1] if index + 1 < len(nums) else None
        if following is not None and _describes(clause, num, following, nums[index + 1 :]):
            continue
        kept.append(num)
    runs: list[list[_Num]] = []
    for num in kept:
        if runs:
            between = clause[runs[-1][-1].end : num.start]
            last = runs[-1][-1]
            same_kind = (last.unit == "%") == (num.unit == "%")
            if same_kind and re.fullmatch(r"[、和及与或]|、和|和|分别", between):
                runs[-1].append(num)
                continue
            if not between and num.unit != "%" and last.unit not in ("%", num.unit):
                runs[-1].append(num)
                continue
        runs.append([num])
    return runs


def _describes(clause: str, num: _Num, following: _Num, rest: list[_Num]) -> bool:
    counted = next((n for n in rest if n.unit in _COUNTS), None)
    if counted is None or num.unit in _COUNTS or num.unit == "%":
        return False
    between = clause[num.end : counted.start] if counted is following else ""
    if counted is not following:
        between = clause[num.end : following.start]
        return re.fullmatch(r"）?(?:或|（)", between) is not None
    if re.search(r"完成|增长|达到|投资$|实现", between):
        return False
    words = clause[max(0, num.start - 3) : num.start]
    if words.endswith("或") and re.fullmatch(r"[^，；、\d]{0,8}", between):
        return True  # 超30亿元或3亿美元项目6个: the second of two alternatives
    return bool(
        _DESCRIBES.match(between)
        and (
            num.qualifier in ("以上", "及以上", "以下")
            or re.search("以上|以下", between)
            or words.endswith(("超", "投资", "超过"))
        )
    )


def _mention(
    name: str,
    num: _Num,
    kind: str,
    qualifier: str | None,
    commitment: str | None,
    clause: str,
    inherited: bool,
    basis: str,
) -> Mention:
    value = num.value
    at_most = qualifier in ("以内", "以下") or kind in ("max", "rise")
    if num.unit == "%":
        if kind in ("up", "down"):
            measure: Measure = "growth"
            if kind == "down":
                value = -value
                at_most = True
        elif kind == "rise" or name.endswith(("涨幅", "价格")):
            measure = "growth"
            at_most = True
        else:
            measure = "share"
    else:
        measure = "quantity"
    if qualifier == "以下" or qualifier == "上下":
        qualifier = None
    if qualifier == "及以上":
        qualifier = "以上"
    return Mention(
        name=name,
        value=value,
        unit=num.unit,
        measure=measure,
        direction="at_most" if at_most else "at_least",
        qualifier=qualifier,
        predicate=kind,
        commitment=commitment,
        clause=clause,
        number=num.text,
        inherited=inherited,
        basis=basis,
    )
