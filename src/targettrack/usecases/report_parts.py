"""The parts of a report: its sentences, which part each belongs to, and its main targets.

A report reviews the year before (过去一年, 2022年工作回顾, 预计全年…) and sets the year's
targets: the main ones in one paragraph (主要预期目标为：…, or a list under 主要目标), others in
the task sections after it. The two parts are told apart by what the text says of time (the
year a sentence names against the year the report plans for, 去年, 一年来, 今年), never by
position alone; figures of the current year's first months (2022年一季度…初步预计) are neither.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from targettrack.core.lexicon import indicator_of
from targettrack.core.models import Catalogue, Kind
from targettrack.messages import Message
from targettrack.usecases.report_figures import clauses, read_sentence, split_names

REVIEW, PLAN, CURRENT, NONE = "review", "plan", "current", "none"

_SENTENCE = re.compile(r"(?<=[。！？])|……+")
_LEAD_IN = re.compile(
    r"(?:主要(?:预期)?目标|预期目标|努力目标|奋斗目标|发展目标|指标体系(?:安排)?(?:，具体)?"
    r"|(?:主要|发展|主要发展)指标(?:安排)?(?:如下)?)(?:任务)?"
    r"(?:建议)?(?P<verb>是|为|如下)?(?P<colon>：)?"
)
_REVIEW_WORDS = re.compile(
    r"过去(?:的)?一年|过去五年|五年来|一年来|(?<![比较同于])去年|回顾|回首|回眸|回望|执行情况|交答卷"
    r"|刚刚过去|已经过去"
)
_PLAN_WORDS = re.compile(
    r"主要(?:预期)?目标|预期目标|努力目标|发展目标|目标任务|工作任务|总体要求|工作安排|下战书|计划草案"
    r"|(?:主要|发展)指标安排|主要发展指标"
    r"|明年|今后|下一步|重点做好|重点抓好|着重抓好|重点推进|上述目标"
)
_ACHIEVED = re.compile(r"实现|完成|达到|超额|超过|突破")


def _achieved(sentence: str, at: int) -> bool:
    """Whether the words before a mention of targets at ``at`` say they were met (总体实现
    预期目标), not that they are to be (为实现上述目标, 确保完成)."""
    start = max(0, at - 6)
    m = _ACHIEVED.search(sentence[start:at])
    if m is None:
        return False
    before = sentence[max(0, start + m.start() - 3) : start + m.start()]
    return re.search(r"(?:为|确保|力争|努力|争取|要|将|以|围绕)$", before) is None


_CURRENT_WORDS = re.compile(
    r"一季度|前两个月|前三个月|1-\d{1,2}月|1至\d{1,2}月|初步预计|今年以来|年初以来"
)
_YEAR = re.compile(r"(?<!\d)(\d{4})年")
_HEADING_MARK = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[—\-－]+|\d+[、.])"
)


class _Sentence(NamedTuple):
    text: str
    role: str
    group: str  # the heading it stands under ("" before any)
    line: int


def is_heading(line: str) -> bool:
    body = _HEADING_MARK.sub("", line).strip("—-－ ")
    return (
        2 <= len(body) <= 30
        and not re.search(r"[。；！？]", line)
        and not re.search(r"\d", re.sub(r"\d{4}年", "", body))
    )


def _heading_name(line: str) -> str:
    return _HEADING_MARK.sub("", line).strip("—-－：！ ")


class _Years(NamedTuple):
    plan: int | None
    session_late: bool  # delivered in the last months of the year before (今年 is the review's)


_PLAN_YEAR_WORDS = re.compile(
    r"主要(?:预期)?目标|预期目标|努力目标|目标任务|工作任务|总体要求|计划草案|政府工作报告|工作安排"
    r"|国民经济和社会发展计划(?!执行)|的?主要工作|(?:主要|发展)指标安排|主要发展指标"
)
# 2023年是全面贯彻…的开局之年: the year a report plans for (a review says 极不平凡的一年).
_YEAR_AHEAD = re.compile(
    r"(\d{4})年是[^。\n]{0,40}?(?:开局|关键|收官|决胜|攻坚|承上启下|起步|冲刺|奋进|突破)[^。\n]{0,4}之年"
)


def _plausible(year: int) -> bool:
    return 1949 <= year <= 2200


def years_of(lines: Sequence[str], given: int | None, last: Catalogue | None) -> _Years:
    """The year the report plans for, from what it says (see the module docstring)."""
    text = "\n".join(lines)
    session = re.search(
        r"(\d{4})年(\d{1,2})月(\d{1,2})日[^。\n]{0,12}(?:在|于)[^。\n]{0,30}(?:人民代表大会|人大)",
        text,
    )
    dated = session or re.search(r"(\d{4})[-年](\d{1,2})[-月](\d{1,2})", "\n".join(lines[:8]))
    late = bool(dated and _plausible(int(dated.group(1))) and int(dated.group(2)) >= 10)
    if given is not None:
        return _Years(given, late)
    evidence: list[int] = []
    for m in _YEAR.finditer(text):
        window = text[m.end() : m.end() + 32]
        nxt = _YEAR.search(window)
        window = window[: nxt.start()] if nxt else window
        said = _PLAN_YEAR_WORDS.search(window)
        if _plausible(int(m.group(1))) and said:
            done = re.match(r"[^，。；]{0,8}?(?:完成|实现|超额)", window[said.end() :])
            if done is None:  # 2021年…目标任务高质量全面完成: a review of that year
                evidence.append(int(m.group(1)))
    if evidence:
        return _Years(max(evidence), late)
    for m in re.finditer(
        r"(\d{4})年(?:工作回顾|国民经济和社会发展计划执行情况|及今年以来工作回顾)", text
    ):
        if _plausible(int(m.group(1))):
            return _Years(int(m.group(1)) + 1, late)
    if session and _plausible(int(session.group(1))):
        return _Years(int(session.group(1)) + (1 if late else 0), late)
    ahead = [int(y) for y in _YEAR_AHEAD.findall(text) if _plausible(int(y))]
    if ahead:
        return _Years(max(ahead), late)
    if last is not None:
        return _Years(last.year + 1, late)
    named = {int(y) for y in _YEAR.findall(text) if _plausible(int(y))}
    if dated and _plausible(int(dated.group(1))):
        year = int(dated.group(1)) + (1 if late else 0)
        if year in named:  # the page's date, and the year the text names with it
            return _Years(year, late)
    return _Years(None, late)


def _role_of(sentence: str, years: _Years, current: str) -> str:
    """The part a sentence belongs to, by its first word about time; else the one before."""
    cues: list[tuple[int, str]] = []
    for m in _REVIEW_WORDS.finditer(sentence):
        cues.append((m.start(), REVIEW))
    for m in _PLAN_WORDS.finditer(sentence):
        done = m.group(0) != "上述目标" and _achieved(sentence, m.start())
        cues.append((m.start(), REVIEW if done else PLAN))  # 总体实现预期目标: a result
    for m in _YEAR.finditer(sentence):
        year = int(m.group(1))
        after = sentence[m.end() : m.end() + 6]
        if years.plan is None:
            continue
        if year == years.plan - 1 and not after.startswith(("国民经济和社会发展计划草案",)):
            cues.append((m.start(), REVIEW))
        elif year == years.plan:
            now = _CURRENT_WORDS.match(after) or after.startswith(("以来", "上半年"))
            cues.append((m.start(), CURRENT if now else PLAN))
    for m in re.finditer(r"今年", sentence):
        after = sentence[m.end() : m.end() + 6]
        if years.session_late:
            cues.append((m.start(), REVIEW))
        elif after.startswith(("以来", "一季度", "上半年", "前")) or _CURRENT_WORDS.match(after):
            cues.append((m.start(), CURRENT))
        else:
            cues.append((m.start(), PLAN))
    m_now = _CURRENT_WORDS.search(sentence)
    if m_now is not None and m_now.group(0) in ("初步预计",) and current != REVIEW:
        cues.append((m_now.start(), CURRENT))
    if not cues:
        return current
    return min(cues)[1]


_LONGEST = 2000  # characters: a longer "sentence" is a page without full stops, read in parts


def _bounded(sentence: str) -> list[str]:
    """A sentence, or a run of text without full stops cut at clause marks into parts of at
    most about ``_LONGEST`` characters, so that reading stays linear in the text."""
    if len(sentence) <= _LONGEST:
        return [sentence]
    parts: list[str] = []
    start = 0
    while len(sentence) - start > _LONGEST:
        window = sentence[start : start + _LONGEST]
        cut = max(window.rfind("；"), window.rfind("，"))
        stop = start + (cut + 1 if cut > 0 else _LONGEST)
        parts.append(sentence[start:stop])
        start = stop
    parts.append(sentence[start:])
    return parts


def sentences_of(lines: Sequence[str], years: _Years) -> list[_Sentence]:
    out: list[_Sentence] = []
    role = NONE
    group = ""
    for number, line in enumerate(lines):
        if is_heading(line):
            role = _role_of(line, years, role)
            if role == PLAN or _PLAN_WORDS.search(line) is None:
                group = _heading_name(line)
            out.append(_Sentence(line, role, group, number))
            continue
        for piece in (p for whole in _SENTENCE.split(line) for p in _bounded(whole)):
            if not piece.strip():
                continue
            role = _role_of(piece, years, role)
            out.append(_Sentence(piece, role, group, number))
    return out


# -- the main targets -----------------------------------------------------------------------------


class _Block(NamedTuple):
    start: int  # the index of its first sentence
    stop: int  # after its last
    text: str  # the list itself, from its first target


def main_block(sentences: Sequence[_Sentence]) -> _Block | None:
    """The main-targets list: after a lead-in (主要预期目标为：), or else the first sentence of
    the plan that names three or more of the usual indicators with their figures."""
    for index, s in enumerate(sentences):
        for m in _LEAD_IN.finditer(s.text):
            if _achieved(s.text, m.start()):
                continue  # 总体实现预期目标: last year's, achieved
            rest = s.text[m.end() :].strip("—-－ ")
            if not (m.group("verb") or m.group("colon") or not rest):
                continue
            if rest:
                return _extend(sentences, index, rest)
            following = index + 1
            if following < len(sentences) and _target_like(sentences[following].text):
                block = _extend(sentences, following, sentences[following].text)
                return block
    for index, s in enumerate(sentences):
        if s.role != PLAN:
            continue
        headline = [
            m
            for m in read_sentence(s.text).mentions
            if (i := indicator_of(m.name)) is not None and i.group == "main"
        ]
        if len({indicator_of(m.name) for m in headline}) >= 3:
            first = headline[0].clause
            at = s.text.find(first)
            return _extend(sentences, index, s.text[at:] if at >= 0 else s.text)
    return None


def _target_like(sentence: str) -> bool:
    """Whether a sentence reads as more of a list of targets."""
    if sentence.startswith("…") or len(sentence) > 400:
        return False
    first = clauses(sentence)[:2]  # 民生保障型指标方面，居民人均可支配收入…: a lead, then the list
    if not first:
        return False
    for clause in first:
        reading = read_sentence(clause)
        if any(m.measure in ("growth", "share") or indicator_of(m.name) for m in reading.mentions):
            return True
    for clause in first:
        words = words_target(clause)
        if words is not None and (words.kind is Kind.RELATIVE or words.skip or len(sentence) <= 60):
            return True
    return False


def _extend(sentences: Sequence[_Sentence], index: int, text: str) -> _Block:
    parts = [text]
    stop = index + 1
    while (
        stop < len(sentences)
        and stop - index < 40
        and sentences[stop].role not in (REVIEW, CURRENT)
        and _target_like(sentences[stop].text)
    ):
        parts.append(sentences[stop].text)
        stop += 1
    return _Block(index, stop, "；".join(p.rstrip("。；") for p in parts))


_RELATIVE = re.compile(
    r"^(?P<name>.+?)(?:增长|增速)?(?:与|和|同)(?:经济增长|经济发展|地区生产总值增长|地区生产总值增速"
    r"|GDP增长|GDP增速|经济增速)(?:保持|实现)?(?P<basic>基本)?同步"
)
_COMPARED = re.compile(
    r"^(?P<name>.+?)(?:增速|增长)?(?:基本)?(?:与|和)?(?:上年度?|上年|全国|全省|全市|全州)(?:平均水平)?(?:基本)?持平"
    r"|^(?P<name2>.+?)(?:增速|增长)?(?:基本)?接近(?:全国|全省|全市|全州)平均水平"
    r"|^(?P<name3>.+?)(?:增速|增长)?高于全(?:国|省|市|州)"
    r"|^(?P<name4>.+?)(?:保持|实现)?正增长"
)
_TWO_TASKS = re.compile(r"(?P<a>[^和、]{2,14})和(?P<b>[^和、]{2,14}?)(?P<end>任务|目标|指标)")
_DONE = re.compile(r"^(?:确保|力争|全面)?完成(?P<name>.{2,30})$")
_WORD_TARGET = re.compile(
    r"^(?P<name>.{2,24}?)(?:均|全部|基本|持续|稳定|稳步|稳中|稳量|提质|保持|控制在|完成|明显|进一步|有效"
    r"|显著|不断|逐步|总体|实现|达到|好于|优于)(?P<what>.*)$"
)
_POLICY = re.compile(
    r"^(?:坚持|推动|推进|加快|加强|深化|着力|全力|围绕|聚焦|锚定|打造|构建|实施|提升|以|也|是|这|要|将|为|在|把"
    r"|对|从|而|并|还|更|就|都|我们|我|必须|各位|同志|大家|只有|唯有)"
)


class _Words(NamedTuple):
    names: list[str]
    kind: Kind  # relative or milestone
    check: Message | None
    skip: str | None = None  # why it is not drafted: compared with what no catalogue holds


def words_target(clause: str) -> _Words | None:
    """A target stated in words: 居民收入增长与经济增长基本同步, 完成节能减排任务,
    生态环境质量持续改善."""
    text = re.sub(r"^(?:力争|争取|确保|努力|预期)+(?:实现)?", "", clause.strip("。 "))
    parts = text.split("、")
    if len(parts) > 1 and all(_WORD_TARGET.match(p) and not _RELATIVE.match(p) for p in parts):
        found = [words_target(p) for p in parts]  # 贫困村全部退出、贫困县全部摘帽
        if all(f is not None and len(f.names) == 1 for f in found):
            return _Words([f.names[0] for f in found if f], Kind.MILESTONE, None)
    if not text or len(text) > 40 or re.search(r"\d", text) or _POLICY.match(text):
        return None
    m = _RELATIVE.match(text)
    if m is not None:
        name = re.sub(r"(?:增长|增速)$", "", m.group("name"))
        return _Words([name], Kind.RELATIVE, None)
    m = _COMPARED.match(text)
    if m is not None:
        groups = ("name", "name2", "name3", "name4")
        name = next(g for g in (m.group(k) for k in groups) if g)
        skip = "draft.skip.positive" if m.group("name4") else "draft.skip.compared"
        return _Words(_names(name.rstrip("增速")), Kind.MILESTONE, None, skip)
    m = _DONE.match(text)
    if m is not None:  # 完成能耗强度降低和煤炭消费压减任务: two tasks
        tasks = _TWO_TASKS.fullmatch(m.group("name"))
        if tasks is not None:
            end = tasks.group("end")
            return _Words([tasks.group("a") + end, tasks.group("b") + end], Kind.MILESTONE, None)
        return _Words([m.group("name")], Kind.MILESTONE, None)
    m = _WORD_TARGET.match(text)
    if m is None:
        return None
    name = m.group("name")
    if "等" in name:
        names = [name]
    elif "均" in text or "分别" in text:
        names = _names(name, "、|和")
    else:
        names = _names(name)
    return _Words(names, Kind.MILESTONE, None)


def _names(name: str, between: str = "、") -> list[str]:
    """The names a list gives: 城镇、农村居民人均可支配收入 is two, sharing their end."""
    pieces = [n for n in re.split(between, name) if n]
    return split_names("、".join(pieces), len(pieces)) or pieces if len(pieces) > 1 else pieces


# -- the source: title, publisher, date, address, region ----------------------------------------


class _Facts(NamedTuple):
    title: str
    publisher: str
    date: str
    url: str


_URL = re.compile(r"https?://[\w./?=&%#:~+-]+")
_PUBLISHER = re.compile(r"【([^】]{2,20})】|(?:来源|來源|信息来源)[：:]\s*([^\s|，。:：]{2,20})")
_DATE_OF = re.compile(r"(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})")
_FURNITURE_LINE = re.compile(
    r"首页|位置|字号|浏览|來源|来源|分享|微信|打印|关闭|责任编辑|编辑：|网址|错误"
)


_FURNITURE_NUMBERS = re.compile(
    r"浏览|阅读|点击|评论|字号|发布时间|发布日期|更新时间|来源：|首页|分享|责任编辑|编辑：|电话|邮编|邮箱"
    r"|版权|声明|网址|传真|地址：|备案|ICP"
)


def is_furniture(sentence: str) -> bool:
    """A line of the page rather than the report: its counters, dates and addresses."""
    return len(sentence) <= 120 and _FURNITURE_NUMBERS.search(sentence) is not None


def facts_of(raw: str, lines: Sequence[str]) -> _Facts:
    url = _URL.search(raw)
    publisher = _PUBLISHER.search("\n".join(lines[:12]))
    date = None
    for line in lines[:12]:
        date = _DATE_OF.search(line)
        if date and _plausible(int(date.group(1))):
            break
        date = None
    title = next(
        (
            line.strip("#* ")
            for line in lines[:8]
            if 6 <= len(line) <= 60 and not _FURNITURE_LINE.search(line) and "http" not in line
        ),
        "",
    )
    shown_date = ""
    if date is not None:
        month, day = int(date.group(2)), int(date.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            shown_date = f"{date.group(1)}-{month:02d}-{day:02d}"
    return _Facts(
        title=title[:80],
        publisher=(publisher.group(1) or publisher.group(2)) if publisher else "",
        date=shown_date,
        url=url.group(0) if url else "",
    )


_REGION = re.compile(
    r"([\u4e00-\u9fff]{2,8}?(?:自治州|自治县|新区|区|县|市|州|旗))"
    r"(?=(?:\d{4}年)?(?:第[一二三四五六七八九十]+届|人民政府|人大|政府工作|经济社会|主要预期目标"
    r"|[一二三四五六七八九十]+届))"
)
_NOT_REGION = re.compile(
    r"^(?:全|本|我|该|各|城|市|新|园|片|郊|辖|在|向|对|从|于|为|关于|审议|作|年|月|日|的|是|了|和|与|及)"
)


def region_of(text: str) -> str:
    """The region the report is of: of the names before 第…届, 人民政府, 政府工作 …, the one
    the text repeats most (罗湖区 rather than 深圳市罗湖区 or 参加罗湖区)."""
    counts: dict[str, int] = {}
    for m in _REGION.finditer(text):
        name = m.group(1)
        for size in range(3, min(len(name), 7) + 1):
            candidate = name[-size:]
            if candidate not in counts and not _NOT_REGION.match(candidate):
                counts[candidate] = text.count(candidate)
    if not counts:
        return ""
    return max(counts, key=lambda n: (counts[n], -len(n)))
