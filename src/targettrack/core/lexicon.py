"""The indicators work reports name, as data: one place for their ids, names and habits.

Used by ``targettrack draft`` to recognise an indicator in a report's own words, and by the
catalogue writer for the English names and level units it writes. Each indicator has:

- an id (the one catalogues use for it: ``gdp``, ``fixed_investment`` …), its usual Chinese
  and English names, and the other phrases reports use for it (地区生产总值, GDP, 生产总值);
- the department that usually reports it (a default to edit, not the report's word) and the
  group of a catalogue it usually stands in;
- its rhythm of publication: ``monthly`` (January and February together), ``quarterly``
  (一季度, 上半年, 前三季度, 全年), ``half-yearly`` or ``yearly``;
- the kind of target it usually is, its unit, and for a growth rate the unit its level is
  published in (亿元 for GDP), so that ``--level`` and last year's results have a unit.

Pure data and pure functions: no file, no database, no terminal.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal, NamedTuple

from targettrack.core.models import Kind

Frequency = Literal["monthly", "quarterly", "half-yearly", "yearly"]
FREQUENCIES: tuple[Frequency, ...] = ("monthly", "quarterly", "half-yearly", "yearly")


class Indicator(NamedTuple):
    id: str
    name_zh: str
    name_en: str
    synonyms: tuple[str, ...]  # other phrases for it; the Chinese name counts too
    department: str
    group: str
    frequency: Frequency
    kind: Kind = Kind.GROWTH  # the kind of target it usually is
    unit: str = "%"  # the unit of such a target
    value_unit: str | None = None  # for a rate: the unit its level is published in
    lower_is_better: bool = False  # a ceiling when the report gives no verb: a jobless rate


_G, _A, _L, _M = Kind.GROWTH, Kind.AMOUNT, Kind.LEVEL, Kind.MILESTONE

INDICATORS: tuple[Indicator, ...] = (
    # -- output (统计局) -------------------------------------------------------------------
    Indicator(
        "gdp",
        "地区生产总值",
        "GDP",
        ("GDP", "生产总值", "国内生产总值"),
        "统计局",
        "main",
        "quarterly",
        value_unit="亿元",
    ),
    Indicator(
        "agri_output",
        "农林牧渔业总产值",
        "Gross output of farming, forestry, animal husbandry and fishery",
        ("农业总产值",),
        "统计局",
        "main",
        "quarterly",
        value_unit="亿元",
    ),
    Indicator(
        "agri_va",
        "农林牧渔业增加值",
        "Value added of farming, forestry, animal husbandry and fishery",
        ("第一产业增加值", "农业增加值", "第一产业"),
        "统计局",
        "main",
        "quarterly",
        value_unit="亿元",
    ),
    Indicator(
        "industrial_va",
        "工业增加值",
        "Industrial value added",
        ("规上工业增加值", "规模以上工业增加值", "规模工业增加值"),
        "统计局",
        "main",
        "quarterly",
        value_unit="亿元",
    ),
    Indicator(
        "manufacturing_va",
        "制造业增加值",
        "Manufacturing value added",
        ("规上制造业增加值",),
        "统计局",
        "main",
        "quarterly",
        value_unit="亿元",
    ),
    Indicator(
        "high_tech_va",
        "高新技术产业增加值",
        "Value added of high-tech industries",
        ("高技术产业增加值",),
        "统计局",
        "main",
        "quarterly",
        value_unit="亿元",
    ),
    Indicator(
        "secondary_va",
        "第二产业增加值",
        "Secondary-industry value added",
        ("第二产业",),
        "统计局",
        "main",
        "quarterly",
        value_unit="亿元",
    ),
    Indicator(
        "tertiary_va",
        "第三产业增加值",
        "Tertiary-industry value added",
        ("服务业增加值", "第三产业"),
        "统计局",
        "main",
        "quarterly",
        value_unit="亿元",
    ),
    Indicator(
        "industrial_output",
        "规上工业总产值",
        "Gross output of industry above designated size",
        ("规模以上工业总产值", "工业总产值"),
        "工信局",
        "main",
        "monthly",
        value_unit="亿元",
    ),
    # -- public finance (财政局) ----------------------------------------------------------
    Indicator(
        "revenue_total",
        "一般公共预算总收入",
        "Total general public budget revenue",
        ("财政总收入", "地方财政总收入", "大口径财政收入", "全口径财政收入"),
        "财政局",
        "main",
        "monthly",
        value_unit="亿元",
    ),
    Indicator(
        "revenue_local",
        "一般公共预算收入",
        "General public budget revenue",
        (
            "地方一般公共预算收入",
            "一般预算收入",
            "财政一般预算收入",
            "地方财政一般预算收入",
            "公共财政预算收入",
            "地方公共财政预算收入",
            "地方财政收入",
        ),
        "财政局",
        "main",
        "monthly",
        value_unit="亿元",
    ),
    Indicator(
        "tax_revenue",
        "税收收入",
        "Tax revenue",
        ("全口径税收收入", "税收总收入"),
        "财政局",
        "main",
        "monthly",
        value_unit="亿元",
    ),
    Indicator(
        "budget_spending",
        "一般公共预算支出",
        "General public budget spending",
        ("地方一般公共预算支出", "财政支出"),
        "财政局",
        "main",
        "monthly",
        value_unit="亿元",
    ),
    # -- investment, trade and consumption (发改局, 商务局) ---------------------------------
    Indicator(
        "fixed_investment",
        "全社会固定资产投资",
        "Fixed-asset investment",
        ("固定资产投资", "固定资产投资总额", "规模以上固定资产投资", "固投"),
        "发改局",
        "main",
        "monthly",
        value_unit="亿元",
    ),
    Indicator(
        "industrial_investment",
        "工业投资",
        "Industrial investment",
        ("工业固定资产投资",),
        "发改局",
        "main",
        "monthly",
        value_unit="亿元",
    ),
    Indicator(
        "retail_sales",
        "社会消费品零售总额",
        "Retail sales of consumer goods",
        ("社会消费品零售额", "社零总额", "社会消费品零售"),
        "商务局",
        "main",
        "monthly",
        value_unit="亿元",
    ),
    Indicator(
        "trade",
        "进出口总额",
        "Total value of imports and exports",
        ("外贸进出口总额", "外贸进出口", "进出口", "货物进出口总额", "外贸进出口总值"),
        "商务局",
        "main",
        "monthly",
        value_unit="亿元",
    ),
    Indicator(
        "exports",
        "出口商品总值",
        "Total value of exported goods",
        ("出口总额", "外贸出口", "出口总值", "出口额", "出口", "外贸出口额"),
        "商务局",
        "main",
        "monthly",
        value_unit="亿元",
    ),
    Indicator(
        "fdi",
        "实际利用外资",
        "Foreign investment actually used",
        ("实际使用外资", "利用外资", "实际利用外资金额", "实际使用外资金额", "外资"),
        "商务局",
        "main",
        "monthly",
        _A,
        "万美元",
    ),
    # -- income, prices, jobs (统计局, 人社局) ----------------------------------------------
    Indicator(
        "income_per_capita",
        "居民人均可支配收入",
        "Per-capita disposable income",
        ("全体居民人均可支配收入", "居民收入", "城乡居民人均可支配收入", "城乡居民收入"),
        "统计局",
        "main",
        "quarterly",
        value_unit="元",
    ),
    Indicator(
        "urban_income",
        "城镇居民人均可支配收入",
        "Per-capita disposable income of urban residents",
        ("城镇常住居民人均可支配收入", "城镇居民收入"),
        "统计局",
        "main",
        "quarterly",
        value_unit="元",
    ),
    Indicator(
        "rural_income",
        "农村居民人均可支配收入",
        "Per-capita disposable income of rural residents",
        ("农村常住居民人均可支配收入", "农民人均可支配收入", "农村居民收入", "农民人均纯收入"),
        "统计局",
        "main",
        "quarterly",
        value_unit="元",
    ),
    Indicator(
        "cpi",
        "居民消费价格",
        "Consumer prices",
        ("居民消费价格指数", "居民消费价格总水平", "物价", "CPI"),
        "统计局",
        "main",
        "monthly",
        lower_is_better=True,
    ),
    Indicator(
        "unemployment",
        "城镇调查失业率",
        "Surveyed urban unemployment rate",
        ("城镇登记失业率", "调查失业率", "登记失业率"),
        "人社局",
        "main",
        "monthly",
        _L,
        lower_is_better=True,
    ),
    Indicator(
        "new_jobs",
        "城镇新增就业",
        "New urban jobs",
        ("新增城镇就业", "城镇新增就业人数", "新增就业"),
        "人社局",
        "main",
        "monthly",
        _A,
        "万人",
    ),
    Indicator(
        "urbanisation",
        "常住人口城镇化率",
        "Urbanisation rate of the resident population",
        ("城镇化率",),
        "统计局",
        "main",
        "yearly",
        _L,
    ),
    # -- energy and environment (发改局, 生态环境局) ------------------------------------------
    Indicator(
        "energy_saving",
        "节能减排",
        "Energy-saving and emission-reduction tasks",
        ("节能减排任务", "节能降耗"),
        "发改局",
        "main",
        "yearly",
        _M,
        "",
    ),
    Indicator(
        "energy_intensity",
        "单位地区生产总值能耗",
        "Energy use per unit of GDP",
        ("单位GDP能耗", "能耗强度", "单位生产总值能耗", "万元地区生产总值能耗", "万元GDP能耗"),
        "发改局",
        "main",
        "yearly",
        lower_is_better=True,
    ),
    Indicator(
        "air_quality",
        "空气质量优良天数比例",
        "Share of days with good air quality",
        ("空气质量优良天数比率", "空气质量优良率", "优良天数比例", "空气优良天数比例"),
        "生态环境局",
        "ecology",
        "monthly",
        _L,
    ),
    Indicator(
        "pm25",
        "PM2.5平均浓度",
        "Mean PM2.5 concentration",
        ("PM2.5年均浓度", "细颗粒物平均浓度", "细颗粒物年均浓度", "PM2.5浓度"),
        "生态环境局",
        "ecology",
        "monthly",
        _L,
        "μg/m3",
        lower_is_better=True,
    ),
    Indicator(
        "water_quality",
        "地表水水质优良率",
        "Share of surface water of good quality",
        ("地表水水质优良比例", "水质优良比例", "断面水质优良率", "地表水达到或好于III类水体比例"),
        "生态环境局",
        "ecology",
        "monthly",
        _L,
    ),
    # -- innovation and firms (科技局, 工信局) ---------------------------------------------
    Indicator(
        "rd_spending",
        "研发经费投入",
        "R&D spending",
        ("研发经费", "研发投入", "R&D经费投入", "研究与试验发展经费", "研发经费支出"),
        "科技局",
        "industry",
        "yearly",
    ),
    Indicator(
        "rd_intensity",
        "研发经费投入强度",
        "R&D spending as a share of GDP",
        (
            "研发投入强度",
            "R&D经费投入强度",
            "研究与试验发展经费投入强度",
            "研究与试验发展经费占GDP比重",
            "研发经费支出占GDP比重",
            "研发经费占GDP比重",
            "研究与试验发展经费支出占地区生产总值比重",
        ),
        "科技局",
        "industry",
        "yearly",
        _L,
    ),
    Indicator(
        "national_high_tech",
        "国家高新技术企业",
        "National high-tech enterprises",
        ("高新技术企业", "国家级高新技术企业", "高企"),
        "科技局",
        "industry",
        "yearly",
        _A,
        "家",
    ),
    Indicator(
        "little_giants",
        "专精特新小巨人企业",
        "'Little giant' firms",
        ("小巨人企业", "专精特新“小巨人”企业", "“小巨人”企业", "小巨人"),
        "工信局",
        "industry",
        "yearly",
        _A,
        "家",
    ),
    # -- land, grain and the countryside (农业农村局) ---------------------------------------
    Indicator(
        "farmland",
        "高标准农田",
        "High-standard farmland",
        ("高标准农田建设",),
        "农业农村局",
        "rural",
        "yearly",
        _A,
        "亩",
    ),
    Indicator(
        "grain_area",
        "粮食播种面积",
        "Grain sown area",
        ("粮食种植面积",),
        "农业农村局",
        "rural",
        "yearly",
        _L,
        "万亩",
    ),
    Indicator(
        "grain_output",
        "粮食总产量",
        "Grain output",
        ("粮食产量",),
        "农业农村局",
        "rural",
        "yearly",
        _L,
        "万吨",
    ),
    # -- people's lives (教育局) -----------------------------------------------------------
    Indicator(
        "school_places",
        "新增学位",
        "New school places",
        ("学位",),
        "教育局",
        "wellbeing",
        "yearly",
        _A,
        "个",
    ),
)

BY_ID: dict[str, Indicator] = {i.id: i for i in INDICATORS}

# Words that may follow an indicator's name and leave it the same indicator: 固定资产投资总额,
# 居民消费价格涨幅, 节能减排目标任务. Anything else after it names another quantity (研发经费
# 占GDP比重 is a share, 地区生产总值净增 a difference).
_TAILS = frozenset(
    {
        "",
        "增速",
        "增幅",
        "增长",
        "增长率",
        "涨幅",
        "总额",
        "总量",
        "总值",
        "金额",
        "规模",
        "任务",
        "目标",
        "目标任务",
        "指标",
        "指标任务",
        "额",
        "人数",
        "数",
    }
)
# Words before an indicator's name that make it another quantity: 人均地区生产总值.
_BEFORE = ("人均", "占", "单位", "万元")
_QUOTES = re.compile(r"[“”\"'‘’「」『』《》〈〉\s]")
_BRACKETS = re.compile(r"[（(][^（）()]*[）)]")


def plain_name(name: str) -> str:
    """A name without quotation marks, spaces or a bracketed remark: how it is compared."""
    return _QUOTES.sub("", _BRACKETS.sub("", name))


def _phrases() -> list[tuple[str, Indicator]]:
    found = [(plain_name(p), i) for i in INDICATORS for p in (i.name_zh, *i.synonyms)]
    return sorted(found, key=lambda pair: len(pair[0]), reverse=True)


_PHRASES = _phrases()


@lru_cache(maxsize=8192)
def indicator_at(name: str) -> tuple[int, Indicator] | None:
    """The indicator a name states, and where in the name it begins; or None.

    The indicator's phrase must be the head of the name: at its end, or followed only by a
    word that keeps it the same quantity (总额, 增速, 任务 …), and not preceded by a word that
    makes it another (人均, 占). Of several, the longest phrase wins: 外贸进出口总额 is trade,
    not exports; 城镇居民人均可支配收入 is urban income, not everyone's.
    """
    plain = plain_name(name)
    for phrase, indicator in _PHRASES:
        at = plain.rfind(phrase)
        if at < 0 or plain[at + len(phrase) :] not in _TAILS:
            continue
        if any(word in plain[max(0, at - 4) : at] for word in _BEFORE):
            continue  # 人均地区生产总值, and so 人均…生产总值 too
        if plain != name:  # the name has quotation marks or a remark: find the phrase in it
            at = max(0, name.rfind(phrase))
        return at, indicator
    return None


def indicator_of(name: str) -> Indicator | None:
    """The indicator a name states, or None (see ``indicator_at``)."""
    found = indicator_at(name)
    return found[1] if found else None


def english_name(ident: str) -> str | None:
    """The English name of a lexicon id (``gdp_2``, a second target of one indicator, too)."""
    known = BY_ID.get(ident) or BY_ID.get(re.sub(r"_(\d+|level|total)$", "", ident))
    return known.name_en if known else None


# Departments that usually own an indicator not in the lexicon, by the words of its name.
DEPARTMENT_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("研发", "高新技术", "科创", "专利", "科技", "高企", "科小"), "科技局"),
    (("地区生产总值", "增加值", "总产值", "可支配收入", "消费价格"), "统计局"),
    (("预算", "财政", "税收", "债券", "转移支付"), "财政局"),
    (("外资", "出口", "进出口", "零售", "消费品", "外贸", "电商", "招商"), "商务局"),
    (("规上工业", "小巨人", "工业企业", "数字经济", "技改", "工业用地"), "工信局"),
    (("固定资产投资", "节能", "减排", "能耗", "重点项目", "重大项目"), "发改局"),
    (("城市更新", "住房", "市政", "道路", "老旧小区", "棚户区"), "住建局"),
    (("农田", "粮食", "乡村", "脱贫", "农业", "农村", "贫困"), "农业农村局"),
    (("学位", "学校", "教育", "幼儿园", "中小学", "校区"), "教育局"),
    (("综治", "治理中心", "平安"), "政法委"),
    (("就业", "失业", "技能培训"), "人社局"),
    (("空气", "水质", "PM2.5", "PM10", "污染", "生态"), "生态环境局"),
    (("医院", "卫生", "医疗", "养老"), "卫健局"),
    (("旅游", "游客", "文旅", "景区"), "文旅局"),
)


def department_of(name: str) -> str:
    """The department that usually owns what ``name`` states ("" when no word says)."""
    indicator = indicator_of(name)
    if indicator is not None:
        return indicator.department
    for words, department in DEPARTMENT_WORDS:
        if any(w in name for w in words):
            return department
    return ""


# Groups of a catalogue, by the words of the report's heading they stand under.
GROUPS: tuple[tuple[str, str, str], ...] = (
    ("主要预期目标", "main", "Main expected targets"),
    ("主要目标", "main", "Main expected targets"),
    ("产业", "industry", "Industry"),
    ("制造", "industry", "Industry"),
    ("工业", "industry", "Industry"),
    ("项目", "projects", "Projects and investment"),
    ("投资", "projects", "Projects and investment"),
    ("内需", "demand", "Domestic demand"),
    ("消费", "demand", "Domestic demand"),
    ("城市", "city", "The city"),
    ("城乡", "city", "The city"),
    ("乡村", "rural", "Rural revitalisation"),
    ("农业", "rural", "Rural revitalisation"),
    ("生态", "ecology", "Ecology, culture and tourism"),
    ("绿色", "ecology", "Ecology, culture and tourism"),
    ("文旅", "tourism", "Culture and tourism"),
    ("旅游", "tourism", "Culture and tourism"),
    ("民生", "wellbeing", "People's wellbeing"),
    ("人民生活", "wellbeing", "People's wellbeing"),
    ("改革", "reform", "Reform"),
    ("开放", "opening", "Opening up"),
    ("治理", "governance", "Governance"),
    ("安全", "governance", "Governance"),
    ("科技", "innovation", "Innovation"),
    ("实体", "industry", "Industry"),
    ("创新", "innovation", "Innovation"),
)
GROUP_EN: dict[str, str] = {ident: english for _, ident, english in GROUPS}
GROUP_EN.update(other="Other targets")

# Words of a name and the English words of an id made from them, for a target that is not in
# the lexicon: 乡村振兴建设项目 → rural_projects.
ID_WORDS: tuple[tuple[str, str], ...] = (
    ("高成长", "high_growth"),
    ("高新技术", "high_tech"),
    ("上市", "listing"),
    ("城市更新", "urban"),
    ("乡村振兴", "rural"),
    ("脱贫", "poverty"),
    ("教育", "education"),
    ("学校", "education"),
    ("校区", "education"),
    ("幼儿园", "education"),
    ("中小学", "education"),
    ("医疗", "health"),
    ("医院", "health"),
    ("养老", "elderly_care"),
    ("旅游", "tourism"),
    ("游客", "visitors"),
    ("就业", "jobs"),
    ("治理", "governance"),
    ("综治", "governance"),
    ("农田", "farmland"),
    ("学位", "school_places"),
    ("技改", "upgrade"),
    ("电商", "ecommerce"),
    ("科技", "tech"),
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
    ("老旧小区", "old_estates"),
    ("污水", "sewage"),
    ("垃圾", "waste"),
    ("绿地", "green_space"),
    ("停车", "parking"),
    ("充电", "charging"),
    ("基站", "base_stations"),
    ("人才", "talent"),
    ("用地", "land"),
    ("土地", "land"),
    ("产值", "output"),
    ("营收", "revenue"),
    ("收入", "income"),
    ("空置率", "vacancy"),
    ("浓度", "concentration"),
    ("交易额", "turnover"),
    ("成交额", "turnover"),
    ("商事主体", "businesses"),
    ("市场主体", "businesses"),
    ("新经济", "new_economy"),
    ("数字经济", "digital_economy"),
    ("资金", "funds"),
    ("生态环境", "environment"),
    ("质量", "quality"),
    ("事项", "services"),
)
