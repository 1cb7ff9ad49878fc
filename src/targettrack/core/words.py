"""Words shown to people, in Chinese and English.

Every pair is (Chinese, English); ``pick`` chooses one. The closed lists (verdicts, kinds,
milestone states) are keyed by their enums from ``models``.
"""

from __future__ import annotations

from targettrack.core.models import Kind, Likelihood, State, Target, Verdict
from targettrack.core.periods import day_label, period_label
from targettrack.messages import Said

VERDICT_WORDS: dict[Verdict, tuple[str, str]] = {
    Verdict.ACHIEVED: ("已完成", "achieved"),
    Verdict.ON_TRACK: ("符合进度", "on track"),
    Verdict.IN_PROGRESS: ("进行中", "in progress"),
    Verdict.SLIGHTLY_BEHIND: ("略有滞后", "slightly behind"),
    Verdict.BEHIND: ("滞后", "behind"),
    Verdict.MISSED: ("未完成", "missed"),
    Verdict.NO_DATA: ("暂无数据", "no data"),
}

# A symbol beside each verdict word, so a verdict never rests on colour alone.
VERDICT_SYMBOLS: dict[Verdict, str] = {
    Verdict.ACHIEVED: "★",
    Verdict.ON_TRACK: "√",
    Verdict.IN_PROGRESS: "○",
    Verdict.SLIGHTLY_BEHIND: "△",
    Verdict.BEHIND: "▼",
    Verdict.MISSED: "×",
    Verdict.NO_DATA: "·",
}

# The year-end outlook (全年预计) in a word.
LIKELIHOOD_WORDS: dict[Likelihood, tuple[str, str]] = {
    Likelihood.LIKELY: ("有望完成", "likely"),
    Likelihood.AT_RISK: ("存在风险", "at risk"),
    Likelihood.UNLIKELY: ("难以完成", "unlikely"),
}
# ... and once the year's own figure is in (December), met or not: no longer a forecast.
FINAL_WORDS: dict[Likelihood, tuple[str, str]] = {
    Likelihood.LIKELY: ("已完成", "met"),
    Likelihood.AT_RISK: ("存在风险", "at risk"),  # never given for a year that is over
    Likelihood.UNLIKELY: ("未完成", "missed"),
}

# How a projection was made (core.outlook.Method), as tables name it.
METHOD_WORDS: dict[str, tuple[str, str]] = {
    "seasonal": ("往年同期进度", "earlier years' shares"),
    "schedule": ("计划进度", "planned schedule"),
    "straight": ("直线推算", "straight line"),
    "rate": ("按累计增速", "rate so far"),
    "latest": ("按最新数据", "latest figure"),
    "year_end": ("全年实绩", "full-year figure"),
    "verdict": ("按当前判定", "as judged"),
    "none": ("无往年数据", "no earlier years"),
}

STATE_WORDS: dict[State, tuple[str, str]] = {
    State.NOT_STARTED: ("未开始", "not started"),
    State.IN_PROGRESS: ("进行中", "in progress"),
    State.DONE: ("已完成", "done"),
}

KIND_WORDS: dict[Kind, tuple[str, str]] = {
    Kind.GROWTH: ("增速", "growth"),
    Kind.AMOUNT: ("总量", "amount"),
    Kind.LEVEL: ("水平", "level"),
    Kind.RELATIVE: ("同步", "relative"),
    Kind.MILESTONE: ("任务", "milestone"),
}

WORDS = {
    "id": ("编号", "ID"),
    "name": ("指标", "Target"),
    "name_zh": ("指标名称", "Name (Chinese)"),
    "name_en": ("英文名称", "Name (English)"),
    "group": ("分组", "Group"),
    "kind": ("类型", "Kind"),
    "unit": ("单位", "Unit"),
    "target": ("目标", "Target value"),
    "goal": ("目标", "Goal"),
    "direction": ("方向", "Direction"),
    "commitment": ("表述", "Commitment"),
    "actual": ("实际", "Actual"),
    "period": ("截至", "As of"),
    "progress": ("完成/差距", "Progress"),
    "completion_pct": ("完成年度目标%", "Completion %"),
    "pace_pct": ("序时进度%", "Pace %"),
    "pace": ("序时进度", "Pace"),
    "pace_seasonal": ("序时进度（季节）", "Pace (seasonal)"),
    "seasonal_note": (
        "序时进度按各指标往年同期进度（季节规律）计算，无往年数据的按时间直线计算",
        "Pace follows each indicator's share of the year reached by the same month in "
        "earlier years (its seasonal shape); without earlier years, the straight line",
    ),
    "gap_pp": ("差距（百分点）", "Gap (pp)"),
    "gap": ("差距", "Gap"),
    "margin": ("余量", "Margin"),
    "reference_pct": ("对照增速%", "Reference rate %"),
    "projection": ("年末预计", "Year-end projection"),
    "projection_pct": ("预计完成%", "Projected %"),
    "outlook": ("完成预判", "Outlook"),
    "outlook_value": ("全年预计", "Year-end outlook"),
    "outlook_low": ("预计下限", "Outlook low"),
    "outlook_high": ("预计上限", "Outlook high"),
    "outlook_pct": ("全年预计完成%", "Outlook %"),
    "outlook_method": ("预计方法", "Outlook method"),
    "outlook_years": ("参照年数", "Years learnt from"),
    "needed_pct": ("其余月份需增长%", "Needed growth, rest of year %"),
    "pace_basis": ("序时进度依据", "Pace basis"),
    "frequency": ("数据频率", "Frequency"),
    "monthly": ("按月", "monthly"),
    "quarterly": ("按季", "quarterly"),
    "half-yearly": ("按半年", "half-yearly"),
    "yearly": ("按年", "yearly"),
    "outlook_title": ("{title}·全年预计", "{title}: year-end outlook"),
    "measure": ("误差口径", "Measure"),
    "measure_ape_pct": ("平均绝对百分比误差（%）", "mean absolute % error"),
    "measure_ae_pp": ("平均绝对误差（百分点）", "mean absolute error (pp)"),
    "backtest_years": ("检验年份", "Years tried"),
    "backtest_title": (
        "{region}全年预计的准确度（以往年检验）",
        "{region}: how far the year-end outlook can be trusted",
    ),
    "backtest_ape_pct": ("总量与水平（%）", "Amounts and levels (%)"),
    "backtest_ae_pp": ("增速（百分点）", "Growth rates (pp)"),
    "backtest_note": (
        "检验方法：{first}-{last}年中，总量与水平指标的每一年都只用其当月累计数和其余年份的"
        "同期进度推算全年（留一年检验），与该年实际全年数比较，列出各月的平均绝对百分比误差；"
        "增速指标列出各月累计增速与全年增速之差的平均绝对值（百分点）。至少有三个完整年份的"
        "指标才列出。",
        "For amounts and levels, each year of {first}–{last} is projected from its own figure "
        "of the month and the other years' shares by that month (leave one year out) and "
        "compared with its actual full year: the mean absolute percentage error by month. "
        "For growth rates, the mean absolute gap between the rate so far and the year's rate, "
        "in percentage points. Indicators with at least three complete years are listed.",
    ),
    "backtest_none": (
        "{first}-{last}年中，没有指标有至少三个完整年份（有全年数）的数据，暂无法检验全年预计的准确度。",
        "No indicator has at least three complete years (with a full-year figure) in "
        "{first}–{last}: the outlook cannot be tried yet.",
    ),
    "backtest_too_few": (
        "另有{count}个指标不足三个完整年份，未检验：{ids}",
        "{count} more indicators have fewer than three complete years and are not tried: {ids}",
    ),
    "of_target": ("完成年度目标的{pct}", "{pct} of the target"),
    "outlook_range": ("区间", "Range"),
    "years_span": ("{first}-{last}年，{count}年", "{first}–{last}, {count} years"),
    "year_alone": ("{first}年", "{first} alone"),
    "unbounded": ("无上限", "no upper bound"),
    "shares_by": ("往年{period}占全年的比重", "Share of the year reached by {period}"),
    "share_of_year": (
        "{year}年 {share}（{to_date}/{year_end}）",
        "{year} {share} ({to_date} of {year_end})",
    ),
    "shares_summary": (
        "平均{mean}，最低{low}，最高{high}",
        "mean {mean}, lowest {low}, highest {high}",
    ),
    "share_used": ("{period}应完成全年的{share}", "{share} of the year due by {period}"),
    "drifts_by": ("往年{period}与全年增速", "Earlier years' rate by {period} and for the year"),
    "levels_used": (
        "本年{period}{level}，上年同期{prior}，上年全年{full}",
        "this year to {period} {level}, last year's same period {prior}, last year {full}",
    ),
    "needed_growth": ("其余月份需增长", "The rest of the year must grow by"),
    "needed_none": (
        "无法计算：上年其余月份没有增量",
        "none can be said: last year's rest of the year added nothing",
    ),
    "needs_levels": (
        "需要本年与上年同期累计值（--level、--prior）和上年全年值",
        "needs this year's and last year's levels (--level, --prior) and last year's total",
    ),
    "no_earlier": (
        "暂不预计（每年只有一个全年数据，且无往年数据可参照）",
        "none yet (the figure comes once a year, and no earlier years show its shape)",
    ),
    "verdict": ("判定", "Verdict"),
    "derived": ("推算", "Derived"),
    "bar": ("进度", "Bar"),
    "value": ("数值", "Value"),
    "version": ("版本", "Version"),
    "status": ("状态", "Status"),
    "by": ("录入人", "By"),
    "on_behalf_of": ("填报人", "Reported by"),
    "by_for": ("{by}（代{behalf}）", "{by} (for {behalf})"),
    "by_login": (
        "未注明填报人（--by 或文件中的填报人）的，录入人一栏是录入时的登录名"
        "（共享数据库为数据库用户名）。",
        "Where no person was named (--by, or a file's 填报人), By is the login name that "
        "recorded the figure (on a shared database, the database user).",
    ),
    "by_imported": ("{behalf}（{by}导入）", "{behalf} (imported by {by})"),
    "recorded_at": ("录入时间", "Recorded at"),
    "source": ("来源", "Source"),
    "note": ("备注", "Note"),
    "cause": ("原因分析", "Why"),
    "measures": ("下步措施", "What next"),
    "news": ("判定变化", "Verdict moved"),
    "worsened": ("变差", "worsened"),
    "improved": ("好转", "improved"),
    "late_department": ("责任单位", "Department"),
    "late_person": ("联系人", "Contact"),
    "late_phone": ("电话", "Phone"),
    "late_email": ("电子邮箱", "Email"),
    "late_id": ("编号", "Id"),
    "late_name": ("指标名称", "Target"),
    "late_period": ("应报期别", "Period due"),
    "late_due": ("截止日期", "Due by"),
    "late_days_late": ("逾期天数", "Days late"),
    "late_last": ("最近报送", "Last figure"),
    "late_since": ("缺报起始", "Missing since"),
    "level": ("本年累计值", "Level"),
    "prior": ("上年同期值", "Prior"),
    "entered": ("原始输入", "Entered"),
    "provisional": ("初步", "provisional"),
    "final": ("最终", "final"),
    "pp": ("个百分点", " pp"),
    "no_quantified": ("（无量化目标）", "(no quantified targets)"),
    "milestone_goal": ("完成", "complete"),
    "in_step_with": ("与{ref}同步", "in step with {ref}"),
    "status_title": ("{region}{year}年目标完成情况", "{region} {year}: progress on targets"),
    "as_of": ("截至{period}", "as of {period}"),
    "no_figures": (
        "尚无数据。录入一条：targettrack record gdp 5.2 --period {year}-03",
        "No figures yet. Record one with: targettrack record gdp 5.2 --period {year}-03",
    ),
    "derived_note": ("* 由本年与上年累计值推算的名义增速", "* nominal rate derived from levels"),
    "remaining": ("尚需完成", "Still needed"),
    "per_month": ("每月需完成", "Needed per month"),
    "rate_so_far": ("目前月均", "Monthly rate so far"),
    "history": ("修订记录", "Revision history"),
    "figures": ("逐期数据", "Figures through the year"),
    "report_title": (
        "{region}{year}年主要经济指标完成情况表",
        "{region} {year}: main targets and their progress",
    ),
    "records_sheet": ("数据记录", "Recorded figures"),
    "status_sheet": ("完成情况", "Progress"),
    "chart_sheet": ("图表", "Chart"),
    "chart_title": ("完成进度与序时进度", "Completion against time-elapsed pace"),
    "seq": ("序号", "No."),
    "parent": ("上级", "parent"),
    "rank": ("排名", "rank"),
    "ranks_title": ("各地区指标排名", "Ranks by region"),
    "city_title": ("各地区主要指标对比", "The regions side by side"),
    "region": ("地区", "Region"),
    "region_name": ("地区名称", "Region name"),
    "catalogue_title": ("{region}{year}年目标", "{region} {year} targets"),
    "rollup_title": ("{region}：各下级地区汇总", "{region}: rolled up from its regions"),
    "records_title": ("{region}{year}年数据记录", "{region} {year}: recorded figures"),
    "region_name_zh": ("地区名称", "Name (Chinese)"),
    "report_region": ("地区", "Region"),
    "report_year": ("年度", "Year"),
    "report_period": ("截至", "As of"),
    "report_source": ("目标来源", "Targets from"),
    "summary": ("总体情况", "Summary"),
    "lagging_first": (
        "需要关注的指标（滞后在前）：",
        "Targets that need attention, furthest behind first:",
    ),
    "trend": ("逐月走势", "Month by month"),
    "stale_title": (
        "未更新：该项数据截至较早时期，按本表序时进度判定",
        "not updated: the figure is of an earlier period, and is judged at this table's pace",
    ),
    "stale_title_own": (
        "未更新：该项数据截至较早时期，按其所属时期的序时进度判定",
        "not updated: the figure is of an earlier period, and is judged at that period's pace",
    ),
    "chart_desc": (
        "每个总量指标一行：蓝色条为完成年度目标的比例，黑色竖线为序时进度，虚线为100%；"
        "橙色菱形为全年预计，其两侧横线为预计区间。",
        "One row per amount target: the blue bar is its completion of the year's target, "
        "the black mark the time-elapsed pace, the dashed line 100%; the orange diamond is "
        "the year-end outlook, and the line through it its range.",
    ),
    "chart_more": ("另有{count}个指标见上表。", "{count} more targets are in the table above."),
    "growth_chart_title": ("增速与目标", "Growth rates against their targets"),
    "growth_chart_desc": (
        "每个增速指标一行：圆点为累计增速，黑色竖线为目标增速，差距以百分点计；橙色横线为"
        "按往年走势推算的全年增速区间。",
        "One row per growth target: the dot is its year-to-date rate, the black mark its "
        "target; the gap is in percentage points; the orange line is the range of the year's "
        "rate from how earlier years' rates moved.",
    ),
    "growth_axis": (
        "横轴：增速（%），从{low}%到{high}%。",
        "Axis: growth rate (%), from {low}% to {high}%.",
    ),
    "withdrawn_mark": ("（已撤回）", "(withdrawn)"),
    "withdrawn": ("已撤回", "Withdrawn"),
    "reason": ("撤回原因", "Reason"),
    "batch": ("批次", "Batch"),
    "change": ("变化", "Change"),
    "compare_title": (
        "{region}：{before}至{now}的变化",
        "{region}: what moved from {before} to {now}",
    ),
    "since_edition_title": (
        "{region}：版本“{edition}”（{period}）发送后的修订",
        "{region}: revised since the edition '{edition}' ({period}) was sent",
    ),
    "as_sent": ("发送时", "As sent"),
    "as_now": ("现在", "Now"),
    "news_title": ("判定变化", "Verdicts that moved"),
    "news_since": ("与“{since}”相比", "since '{since}'"),
    "news_since_month": ("与上月相比", "since the month before"),
    "reasons_title": ("滞后指标的原因分析与下步措施", "Why targets lag, and what next"),
    "no_reason": ("（尚未报送原因）", "(no reason sent yet)"),
    "reason_short": ("原因：", "why: "),
    "measures_short": ("措施：", "next: "),
    "annual_target": ("年度目标", "Annual target"),
    "done_by": ("{period}完成", "{period}"),
    "yoy_pct": ("同比增长%", "Year on year %"),
    "stale": ("未更新", "Not updated"),
    "department": ("责任单位", "Department"),
    "at_least": ("不低于", "at least"),
    "at_most": ("不高于", "at most"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "nothing_revised": (
        "版次“{edition}”报送以来，表中的数据和判定都没有变化。",
        "Nothing in the table has changed since the edition '{edition}' was sent.",
    ),
    "stale_note": (
        "{mark} 未更新：该项数据截至较早时期，按本表序时进度判定",
        "{mark} not updated: the figure is of an earlier period, judged at this table's pace",
    ),
    "stale_own": (
        "{mark} 未更新：该项数据截至较早时期，按其所属时期的序时进度判定",
        "{mark} not updated: the figure is of an earlier period, judged at that period's pace",
    ),
    "months_left": ("剩余{months}个月", "{months} months left"),
    "relative_to": ("对照指标", "Compared with"),
    "value_unit": ("数值单位", "Value unit"),
    "baseline_value": ("基期值", "Baseline"),
    "baseline_unit": ("基期单位", "Baseline unit"),
    "baseline_growth": ("基期增速%", "Baseline growth %"),
    "before_period": ("前期", "Before: period"),
    "before_actual": ("前期数值", "Before: figure"),
    "now_period": ("本期", "Now: period"),
    "now_actual": ("本期数值", "Now: figure"),
    "before_verdict": ("前期判定", "Before: verdict"),
    "now_verdict": ("本期判定", "Now: verdict"),
    "moved": ("有变化", "Moved"),
    "children": ("计入下级数", "Children counted"),
    "missing": ("缺数据的下级", "Children missing"),
    "rollup_reason": ("说明", "Why"),
    "left_out": ("未计入的下级", "Children left out"),
    "years": ("年度", "Years"),
    "role": ("数据库角色", "Role"),
    "grants": ("授权", "Grants"),
}


def pick(pair: tuple[str, str], lang: str) -> str:
    """The Chinese or the English of a (zh, en) pair."""
    return pair[0] if lang == "zh" else pair[1]


def word(key: str, lang: str) -> str:
    return pick(WORDS[key], lang)


def verdict_word(verdict: Verdict, lang: str) -> str:
    return pick(VERDICT_WORDS[verdict], lang)


def verdict_label(verdict: Verdict, lang: str) -> str:
    return f"{VERDICT_SYMBOLS[verdict]} {verdict_word(verdict, lang)}"


def likelihood_word(likelihood: Likelihood, lang: str, *, final: bool = False) -> str:
    """The outlook in a word; ``final`` when it is the year's own figure (已完成, 未完成)."""
    return pick((FINAL_WORDS if final else LIKELIHOOD_WORDS)[likelihood], lang)


def method_word(method: str, lang: str) -> str:
    return pick(METHOD_WORDS[method], lang)


def state_word(state: State, lang: str) -> str:
    return pick(STATE_WORDS[state], lang)


def kind_word(kind: Kind, lang: str) -> str:
    return pick(KIND_WORDS[kind], lang)


class TargetName(Said):
    """An indicator as a sentence names it: in Chinese by its name alone, which is what a
    Chinese reader knows and what every command takes (新增学位); in English with its id
    beside it (New school places (school_places)). ``with_id`` keeps the id in Chinese too,
    where names alone would not tell targets apart (a name that matches several)."""

    __slots__ = ("en", "id", "with_id", "zh")

    def __init__(self, ident: str, zh: str = "", en: str = "", *, with_id: bool = False) -> None:
        self.id, self.zh, self.en = ident, zh or ident, en or zh or ident
        self.with_id = with_id

    @classmethod
    def of(cls, target: Target | None, ident: str, *, with_id: bool = False) -> TargetName:
        """The target's names, or its id alone where the catalogue does not know it."""
        if target is None:
            return cls(ident)
        return cls(ident, target.name_zh, target.name_en, with_id=with_id)

    def render(self, lang: str) -> str:
        name = self.zh if lang == "zh" else self.en
        if name == self.id or (lang == "zh" and not self.with_id):
            return name
        return f"{name}（{self.id}）" if lang == "zh" else f"{name} ({self.id})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TargetName) and (
            self.id,
            self.zh,
            self.en,
            self.with_id,
        ) == (other.id, other.zh, other.en, other.with_id)

    def __hash__(self) -> int:
        return hash(self.id)


class PeriodName(Said):
    """A period as each language writes it: 2023年1-6月, Jan–Jun 2023."""

    __slots__ = ("label",)

    def __init__(self, label: str) -> None:
        self.label = label

    def render(self, lang: str) -> str:
        try:
            return period_label(self.label, lang, year=True)
        except Exception:  # a stored label this tool cannot read is shown as stored
            return self.label

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PeriodName) and self.label == other.label

    def __hash__(self) -> int:
        return hash(self.label)


class StateName(Said):
    """A milestone's state as each language says it: 进行中, in progress."""

    __slots__ = ("state",)

    def __init__(self, state: State) -> None:
        self.state = state

    def render(self, lang: str) -> str:
        return state_word(self.state, lang)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StateName) and self.state is other.state

    def __hash__(self) -> int:
        return hash(self.state)


class WordName(Said):
    """One of the words above, as each language says it (按季, quarterly)."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key

    def render(self, lang: str) -> str:
        return word(self.key, lang)


class TimeName(Said):
    """A stored moment (ISO 8601) as this computer's local time to the minute: in a Chinese
    sentence as the office writes it (2023年7月12日 16:05), in English with the zone's name
    (2023-07-12 16:05 CST). ``compact`` gives a table's column 2023-07-12 16:05 in Chinese."""

    __slots__ = ("compact", "seconds", "stamp")

    def __init__(self, stamp: str, *, compact: bool = False, seconds: bool = False) -> None:
        self.stamp, self.compact, self.seconds = stamp, compact, seconds

    def render(self, lang: str) -> str:
        from datetime import datetime

        try:
            moment = datetime.fromisoformat(self.stamp)
        except ValueError:
            return self.stamp
        if moment.tzinfo is not None:
            moment = moment.astimezone()
        clock = f"{moment:%H:%M:%S}" if self.seconds else f"{moment:%H:%M}"
        if lang == "zh":  # the office's own clock: no zone to name
            if self.compact:
                return f"{moment:%Y-%m-%d} {clock}"
            return f"{moment.year}年{moment.month}月{moment.day}日 {clock}"
        if moment.tzinfo is None or self.seconds:
            return f"{moment:%Y-%m-%d} {clock}"
        return moment.strftime("%Y-%m-%d %H:%M %Z").strip()


class DayName(Said):
    """A day (ISO 8601) as each language writes it: 2023年6月12日; 2023-06-12."""

    __slots__ = ("day",)

    def __init__(self, day: str) -> None:
        self.day = day

    def render(self, lang: str) -> str:
        return day_label(self.day, lang)
