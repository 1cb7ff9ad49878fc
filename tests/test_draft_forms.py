"""Reports in every form they arrive in: each text here was written for these tests, in our own
words, one form at a time (ASCII punctuation, traditional characters, lines broken inside
words and numbers, the review before or after the targets, qualifiers and commitment words,
relative targets and tasks, page furniture, a report delivered in December for the next year,
and the encodings files come in). Every draft must pass ``check`` as it is written."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from targettrack.catalogue.loading import load_catalogues
from targettrack.core.models import Kind
from targettrack.errors import InputError
from targettrack.usecases.draft import Draft, DraftTarget, draft
from targettrack.usecases.report_text import decode_report
from targettrack.writers.catalogue_toml import draft_toml
from tests.conftest import Run


def _checked(drafted: Draft, folder: Path) -> None:
    """The draft as written is a catalogue that ``check`` accepts."""
    path = folder / f"{drafted.year}.toml"
    path.write_text(draft_toml(drafted), encoding="utf-8")
    load_catalogues(path).load_all()


def _by_name(drafted: Draft) -> dict[str, DraftTarget]:
    return {t.name: t for t in drafted.targets}


def _shape(t: DraftTarget) -> tuple[Kind, str | None, Decimal | None, str]:
    return (t.kind, t.unit, t.value, t.direction)


ASCII_REPORT = """云溪区2024年政府工作报告
一、2023年工作回顾
2023年,全区实现地区生产总值218.6亿元、增长5.8%;规上工业增加值增长7.1%;一般公共预算收入12.4亿元,增长6.2%(预计数,下同);城镇、农村居民人均可支配收入分别增长5.1%和6.9%。
二、2024年主要目标
2024年全区经济社会发展的主要预期目标是:地区生产总值增长6%左右;固定资产投资增长8%以上;社会消费品零售总额增长7%;城镇调查失业率控制在5.5%以内;居民消费价格涨幅3%左右;常住人口城镇化率提高1个百分点;居民人均可支配收入增长与经济增长同步;完成市下达的节能减排任务。
"""


def test_ascii_punctuation_reads_like_full_width(tmp_path: Path) -> None:
    ascii_draft = draft(ASCII_REPORT)
    wide = ASCII_REPORT
    for narrow, full in ((",", "，"), (";", "；"), (":", "："), ("(", "（"), (")", "）")):
        wide = wide.replace(narrow, full)
    wide_draft = draft(wide)
    assert [_shape(t) for t in ascii_draft.targets] == [_shape(t) for t in wide_draft.targets]
    by_name = _by_name(ascii_draft)
    assert _shape(by_name["地区生产总值"]) == (Kind.GROWTH, "%", Decimal(6), "at_least")
    assert by_name["地区生产总值"].qualifier == "左右" and by_name["地区生产总值"].id == "gdp"
    assert by_name["固定资产投资"].qualifier == "以上"
    assert _shape(by_name["城镇调查失业率"]) == (Kind.LEVEL, "%", Decimal("5.5"), "at_most")
    assert _shape(by_name["居民消费价格"]) == (Kind.GROWTH, "%", Decimal(3), "at_most")
    assert by_name["居民人均可支配收入"].kind is Kind.RELATIVE
    assert by_name["市下达的节能减排任务"].kind is Kind.MILESTONE
    assert ascii_draft.year == 2024 and ascii_draft.region == "云溪区"
    assert [s.reason.code for s in ascii_draft.skipped] == ["draft.skip.pp"]
    # the review is last year's results, never targets
    assert not any(t.value == Decimal("218.6") for t in ascii_draft.targets)
    phrases = [t.phrase for t in ascii_draft.targets]
    assert all("，" in p or "," not in p for p in phrases)  # quoted in Chinese punctuation
    _checked(ascii_draft, tmp_path)


def test_the_review_gives_results_with_their_levels_and_paired_lists() -> None:
    stated = {(s.name, s.rate): s.value for s in draft(ASCII_REPORT).results}
    assert stated[("地区生产总值", True)] == Decimal("5.8")
    assert stated[("地区生产总值", False)] == Decimal("218.6")
    assert stated[("一般公共预算收入", False)] == Decimal("12.4")
    assert stated[("一般公共预算收入", True)] == Decimal("6.2")
    assert stated[("城镇居民人均可支配收入", True)] == Decimal("5.1")
    assert stated[("农村居民人均可支配收入", True)] == Decimal("6.9")


TRADITIONAL_REPORT = """今年全縣經濟社會發展的主要預期目標是：地區生產總值增長5.5%以上，規模以上工業增加值增長6.5%，一般公共預算收入增長3%左右，糧食總產量穩定在12.6萬噸以上，城鎮登記失業率控制在4.5%以內，居民收入增長與經濟增長基本同步。
2025年是“十四五”規劃收官之年。"""


def test_traditional_characters_and_pinyin_glosses_read_as_simplified(tmp_path: Path) -> None:
    drafted = draft(TRADITIONAL_REPORT)
    glossed = draft(TRADITIONAL_REPORT.replace("生產", "生產(chǎn)").replace("業", "業(yè)"))
    names = [t.name for t in drafted.targets]
    assert names == [t.name for t in glossed.targets]
    assert "地区生产总值" in names and "规模以上工业增加值" in names
    by_name = _by_name(drafted)
    assert _shape(by_name["粮食总产量"]) == (Kind.LEVEL, "万吨", Decimal("12.6"), "at_least")
    assert by_name["规模以上工业增加值"].id == "industrial_va"
    assert drafted.year == 2025
    _checked(drafted, tmp_path)


BROKEN_LINES = """二〇二三年主要工作回顾
过去一年，全县上下克服困难，地区生产总值增长5.2%；固定资产投资增
长9.5%；规模以上工业增加值增长7.8%；社会消费品零售总额增长6.6%；一般公共预
算收入增长4%，圆满完成年度目标任务，为今后发展打下了良好的基础。
2024年的主要预期目标是：地区生产总值增长6%左右，新建高标准农田3
200亩，城镇新增就业3000人以上。"""


def test_words_and_numbers_broken_across_lines_are_joined(tmp_path: Path) -> None:
    drafted = draft(BROKEN_LINES)
    stated = {s.name: s.value for s in drafted.results if s.rate}
    assert stated["固定资产投资"] == Decimal("9.5")
    assert stated["一般公共预算收入"] == Decimal(4)
    by_name = _by_name(drafted)
    assert by_name["新建高标准农田"].value == 3200 and by_name["新建高标准农田"].id == "farmland"
    assert by_name["城镇新增就业"].value == 3000 and by_name["城镇新增就业"].qualifier == "以上"
    _checked(drafted, tmp_path)


TARGETS_THEN_REVIEW = """石湾区人代会开幕
本报讯 1月8日，石湾区第五届人民代表大会第三次会议开幕。
报告提出，今年经济社会发展的主要预期目标为：地区生产总值增长5.5%，一般公共预算收入完成26亿元，实际使用外资1800万美元以上。
报告回顾，过去一年石湾区实现地区生产总值402亿元，增长4.9%；实际使用外资1500万美元。
会议期间，代表们将审议2024年国民经济和社会发展计划。"""


def test_a_report_that_states_the_targets_before_the_review_yields_both(tmp_path: Path) -> None:
    drafted = draft(TARGETS_THEN_REVIEW)
    assert drafted.year == 2024
    by_name = _by_name(drafted)
    assert set(by_name) == {"地区生产总值", "一般公共预算收入", "实际使用外资"}
    assert _shape(by_name["一般公共预算收入"]) == (Kind.AMOUNT, "亿元", Decimal(26), "at_least")
    assert by_name["实际使用外资"].id == "fdi"
    stated = {(s.name, s.rate): s.value for s in drafted.results}
    assert stated == {
        ("地区生产总值", False): Decimal(402),
        ("地区生产总值", True): Decimal("4.9"),
        ("实际使用外资", False): Decimal(1500),
    }
    gdp = by_name["地区生产总值"]
    assert gdp.baseline is not None
    assert (gdp.baseline.value, gdp.baseline.growth) == (Decimal(402), Decimal("4.9"))
    _checked(drafted, tmp_path)


QUALIFIED = """2025年全市经济社会发展的主要目标是：地区生产总值增长6%以上、力争7%，冲刺2300亿元；一般公共预算收入增长4%左右，确保120亿元；力争规上工业增加值增长9%；确保粮食播种面积稳定在36万亩；单位地区生产总值能耗下降3%；居民人均可支配收入增长与经济增长基本同步；生态环境质量持续改善。"""


def test_qualifiers_commitments_levels_and_words(tmp_path: Path) -> None:
    drafted = draft(QUALIFIED)
    targets = drafted.targets
    gdp_level = next(t for t in targets if t.value == 2300)
    assert (gdp_level.kind, gdp_level.unit, gdp_level.id) == (Kind.LEVEL, "亿元", "gdp_level")
    assert gdp_level.name == "地区生产总值"
    revenue_level = next(t for t in targets if t.value == 120)
    assert (revenue_level.kind, revenue_level.commitment) == (Kind.LEVEL, "确保")
    industry = next(t for t in targets if t.id == "industrial_va")
    assert industry.commitment == "力争"
    grain = next(t for t in targets if t.id == "grain_area")
    assert (grain.kind, grain.commitment, grain.value) == (Kind.LEVEL, "确保", Decimal(36))
    energy = next(t for t in targets if "能耗" in t.name)
    assert _shape(energy) == (Kind.GROWTH, "%", Decimal(-3), "at_most")
    words = {t.name: t.kind for t in targets if t.value is None}
    assert words == {"居民人均可支配收入": Kind.RELATIVE, "生态环境质量": Kind.MILESTONE}
    main = [t for t in targets if t.group == "main"]
    assert all(t.commitment in ("预期", "力争", "确保") for t in main)
    _checked(drafted, tmp_path)


def test_a_relative_target_without_a_gdp_target_becomes_a_milestone_to_check(
    tmp_path: Path,
) -> None:
    drafted = draft("2024年主要预期目标：城乡居民收入增长与经济增长同步，一般公共预算收入增长5%。")
    income = next(t for t in drafted.targets if "收入增长" not in t.name and t.value is None)
    assert income.kind is Kind.MILESTONE and income.check
    _checked(drafted, tmp_path)


TASKS = """2024年主要预期目标是：地区生产总值增长6%。
一、做强实体经济
全年新签约投资5亿元以上项目40个，新增规上工业企业60家以上，培育国家级专精特新“小巨人”企业3家。力争工业总产值突破900亿元。
二、提升城乡品质
实施城市更新项目36个、总投资95亿元，改造老旧小区58个，新建城市道路12公里。建设15个社区养老服务中心。
三、增进民生福祉
新增学位2400个，城镇新增就业1.1万人，确保粮食播种面积不低于18.5万亩。"""


def test_task_sections_give_their_targets_in_their_groups(tmp_path: Path) -> None:
    drafted = draft(TASKS)
    by_name = _by_name(drafted)
    signed = next(t for t in drafted.targets if t.value == 40)
    assert "5亿元以上项目" in signed.name and signed.unit == "个"  # 5亿元 describes the projects
    assert not any(t.value == 5 and t.unit == "亿元" for t in drafted.targets)
    assert by_name["新增规上工业企业"].qualifier == "以上"
    output = next(t for t in drafted.targets if t.value == 900)
    assert (output.kind, output.commitment) == (Kind.LEVEL, "力争")
    investment = next(t for t in drafted.targets if t.value == 95)
    assert investment.name == "城市更新项目总投资"
    centres = next(t for t in drafted.targets if t.value == 15)
    assert centres.name == "社区养老服务中心"  # the number before the name
    grain = next(t for t in drafted.targets if t.value == Decimal("18.5"))
    assert grain.kind is Kind.LEVEL and grain.id == "grain_area"
    groups = {g.id: g.name for g in drafted.groups}
    assert groups["industry"] == "做强实体经济" and signed.group == "industry"
    assert by_name["新增学位"].group == "wellbeing" and by_name["新增学位"].department == "教育局"
    _checked(drafted, tmp_path)


FURNITURE = """首页 > 要闻 > 正文
字号：大 中 小  浏览次数：3582  发布时间：2024-01-12 09:30
松林县第十九届人民代表大会第四次会议开幕
1月11日，松林县第十九届人民代表大会第四次会议开幕，县长作政府工作报告，会议应到代表216名。
报告提出，2024年全县主要预期目标是：地区生产总值增长6.5%，固定资产投资增长10%。
报告要求，加快“5G+工业互联网”建设，深化“1+3+N”改革，争创全省第1名。
1、本网所载内容仅供参考。
联系电话：0591-26123456  邮编：350100"""


def test_page_furniture_is_set_aside_quietly_and_counted(tmp_path: Path) -> None:
    drafted = draft(FURNITURE)
    assert [(t.id, t.value) for t in drafted.targets] == [
        ("gdp", Decimal("6.5")),
        ("fixed_investment", Decimal(10)),
    ]
    listed = [s.number for s in drafted.skipped]
    for quiet in ("3582", "5", "1", "0591", "350100", "2024"):
        assert quiet not in listed, quiet
    assert drafted.quiet >= 8
    assert drafted.date == "2024-01-12" and drafted.region == "松林县"
    _checked(drafted, tmp_path)


DECEMBER = """政府工作报告
——2023年12月27日在青石县第十届人民代表大会第三次会议上
各位代表：
一、2023年工作回顾
今年以来，面对多重压力，全县预计全年实现地区生产总值86.3亿元、增长6.1%，一般公共预算收入5.2亿元、增长7.4%。
二、2024年工作安排
明年经济社会发展的主要预期目标是：地区生产总值增长6.5%左右，一般公共预算收入增长6%。"""


def test_a_report_delivered_in_december_plans_for_the_next_year(tmp_path: Path) -> None:
    drafted = draft(DECEMBER)
    assert (drafted.year, drafted.review_year) == (2024, 2023)
    assert [(t.id, t.value) for t in drafted.targets] == [
        ("gdp", Decimal("6.5")),
        ("revenue_local", Decimal(6)),
    ]
    stated = {(s.id, s.rate): s.value for s in drafted.results}
    assert stated[("gdp", True)] == Decimal("6.1") and stated[("revenue_local", False)] == Decimal(
        "5.2"
    )
    _checked(drafted, tmp_path)


def test_this_years_first_months_are_neither_targets_nor_results() -> None:
    text = (
        "2024年主要预期目标是：地区生产总值增长6%左右。\n"
        "2024年一季度，全区经济开局良好，初步预计地区生产总值增长6.8%，规上工业增加值增长9%。"
    )
    drafted = draft(text)
    assert [(t.id, t.value) for t in drafted.targets] == [("gdp", Decimal(6))]
    assert drafted.results == []
    assert {s.reason.code for s in drafted.skipped} == {"draft.skip.current"}


def test_a_year_that_cannot_be_told_is_not_guessed() -> None:
    text = "今年全区主要预期目标是：地区生产总值增长6%，0000年以来的规划继续实施。"
    assert draft(text).year is None
    assert draft(text, year=2026).year == 2026


# -- files as they arrive -------------------------------------------------------------------------

SHORT = "2024年主要预期目标是：地区生产总值增长6%，一般公共预算收入增长5%。"


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"],
)
def test_every_encoding_a_report_comes_in_reads_the_same(encoding: str) -> None:
    text = decode_report(SHORT.encode(encoding))
    assert text.lstrip("\ufeff") == SHORT


def test_a_big5_report_from_a_traditional_site_is_decoded_as_big5() -> None:
    traditional = "2024年主要預期目標是：地區生產總值增長6%，一般公共預算收入增長5%。"
    assert decode_report(traditional.encode("big5")) == traditional
    assert [t.id for t in draft(decode_report(traditional.encode("big5"))).targets] == [
        "gdp",
        "revenue_local",
    ]


@pytest.mark.parametrize(
    "data", [b"", b"   \n\n", bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n\x00\x00"]
)
def test_a_file_without_report_text_is_refused(data: bytes) -> None:
    with pytest.raises(InputError) as refused:
        decode_report(data)
    assert refused.value.text.code == "draft.no_text"  # type: ignore[union-attr]


def test_control_characters_never_reach_the_catalogue(tmp_path: Path) -> None:
    text = "2024年主要预期目标是：地区生产\x7f总值增长6%，一般公共\x1b预算收入增长5%\x00。"
    drafted = draft(text)
    assert [t.name for t in drafted.targets] == ["地区生产总值", "一般公共预算收入"]
    written = draft_toml(drafted)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", written)
    _checked(drafted, tmp_path)


# -- the command ----------------------------------------------------------------------------------


def _report(tmp_path: Path, text: str, name: str = "report.txt", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "gb18030", "big5"])
def test_the_command_drafts_a_report_in_any_encoding_that_check_accepts(
    run: Run, tmp_path: Path, encoding: str
) -> None:
    text = ASCII_REPORT if encoding != "big5" else TRADITIONAL_REPORT.replace("縣", "县")
    if encoding == "big5":
        text = TRADITIONAL_REPORT
    path = _report(tmp_path, text, encoding=encoding)
    out = tmp_path / "draft.toml"
    result = run(["draft", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert run(["check", str(out)]).exit_code == 0


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02\x03" * 100])
def test_the_command_says_no_text_was_found_and_writes_nothing(
    run: Run, tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    out = tmp_path / "draft.toml"
    result = run(["draft", str(path), "-o", str(out)])
    assert result.exit_code == 1 and "No report text" in result.stderr
    assert not out.exists()


def test_a_report_over_the_size_limit_is_refused_with_one_sentence(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(2_000_001)  # sparse: nothing is read
    result = run(["draft", str(path), "-o", str(tmp_path / "d.toml")])
    assert result.exit_code == 1 and "limit of 2 MB" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_report_that_does_not_say_its_year_asks_for_it(run: Run, tmp_path: Path) -> None:
    path = _report(tmp_path, "今年全区主要预期目标是：地区生产总值增长6%，0000年目标不变。")
    out = tmp_path / "d.toml"
    refused = run(["draft", str(path), "-o", str(out)])
    assert refused.exit_code == 1 and "--year" in refused.stderr and not out.exists()
    given = run(["draft", str(path), "-o", str(out), "--year", "2025"])
    assert given.exit_code == 0 and "year = 2025" in out.read_text(encoding="utf-8")


def test_the_summary_lists_every_skipped_number_in_the_users_language(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _report(tmp_path, ASCII_REPORT)
    english = run(["draft", str(path), "-o", str(tmp_path / "en.toml")])
    assert "1 figures or targets could not be drafted" in english.stderr
    assert "skipped 1 in '" in english.stderr and "percentage points" in english.stderr
    unquoted = re.sub(r"'[^']*'", "", english.stderr)
    assert not re.search(r"[\u4e00-\u9fff]", unquoted), english.stderr
    monkeypatch.setenv("TARGETTRACK_LANG", "zh")
    chinese = run(["draft", str(path), "-o", str(tmp_path / "zh.toml")])
    assert chinese.stderr.startswith("草稿：") and "个百分点" in chinese.stderr
    assert "The report" not in chinese.stderr


GROUPED_LIST = """2025年主要发展指标安排如下：
规模速度类指标，地区生产总值增长5.5%；一般公共预算收入增长3%左右；进出口总额保持正增长。
民生保障类指标，居民人均可支配收入与经济增长保持同步；城镇登记失业率4%；新增城镇就业8000人。
生态环境类指标，单位地区生产总值能耗下降2.5%；PM2.5平均浓度35微克/立方米。
区属地区生产总值增速高于全市平均水平。
我们要正视困难、坚定信心、保持定力，也是进一步深化改革的关键一年。"""


def test_a_list_under_lead_clauses_and_targets_that_compare_with_what_no_catalogue_holds(
    tmp_path: Path,
) -> None:
    drafted = draft(GROUPED_LIST)
    by_name = _by_name(drafted)
    assert [t.id for t in drafted.targets if t.active] == [
        "gdp",
        "revenue_local",
        "income_per_capita",
        "unemployment",
        "new_jobs",
        "energy_intensity",
    ]
    assert by_name["居民人均可支配收入"].kind is Kind.RELATIVE  # 保持同步
    jobless = by_name["城镇登记失业率"]  # no verb: a jobless rate is a ceiling
    assert (jobless.kind, jobless.direction) == (Kind.LEVEL, "at_most")
    pm25 = by_name["PM2.5平均浓度"]  # a unit no catalogue holds: written as a comment
    assert not pm25.active and (pm25.kind, pm25.direction) == (Kind.LEVEL, "at_most")
    assert "# [[targets]]" in draft_toml(drafted)
    reasons = {s.reason.code for s in drafted.skipped}
    assert reasons == {"draft.skip.positive", "draft.skip.compared"}  # listed, not guessed
    _checked(drafted, tmp_path)


POSTER = """回眸2024
工业增加值增长8.2%
完成一般公共预算收入12.6亿元
增长6.4%
航空、医药、新材料等42个重点项目竣工投产
2025年主要预期目标
地区生产总值增长6%
固定资产投资增长8%"""


def test_a_poster_with_one_phrase_a_line(tmp_path: Path) -> None:
    drafted = draft(POSTER)
    assert [(t.id, t.value) for t in drafted.targets] == [
        ("gdp", Decimal(6)),
        ("fixed_investment", Decimal(8)),
    ]
    stated = {(s.name, s.rate): s.value for s in drafted.results}
    assert stated[("一般公共预算收入", True)] == Decimal("6.4")  # the line goes on the one before
    assert stated[("一般公共预算收入", False)] == Decimal("12.6")
    assert stated[("重点项目", False)] == 42  # the class counted, not the examples
    _checked(drafted, tmp_path)


def test_the_lexicon_names_indicators_by_their_head_and_knows_their_rhythm() -> None:
    from targettrack.core.lexicon import BY_ID, FREQUENCIES, english_name, indicator_of

    def ident(name: str) -> str | None:
        found = indicator_of(name)
        return found.id if found else None

    assert ident("地区生产总值") == ident("GDP") == ident("全县生产总值") == "gdp"
    assert ident("财政总收入") == ident("一般公共预算总收入") == "revenue_total"
    assert ident("规模以上工业增加值") == ident("规上工业增加值") == "industrial_va"
    assert ident("外贸进出口总额") == "trade" and ident("外贸出口") == "exports"
    assert ident("城镇居民人均可支配收入") == "urban_income"
    assert ident("研发经费支出占GDP比重") == "rd_intensity"  # a share, not GDP
    assert ident("人均地区生产总值") is None and ident("地区生产总值净增") is None
    assert all(i.frequency in FREQUENCIES for i in BY_ID.values())
    assert (BY_ID["gdp"].frequency, BY_ID["grain_area"].frequency) == ("quarterly", "yearly")
    assert BY_ID["fixed_investment"].frequency == "monthly"
    for known in ("agri_va", "urban_income", "rural_income"):
        assert english_name(known), known


def test_the_catalogue_writer_takes_english_names_and_level_units_from_the_lexicon() -> None:
    drafted = draft(
        "2024年主要预期目标是：农林牧渔业增加值增长4%，城镇居民人均可支配收入增长6%，"
        "农村居民人均可支配收入增长7%。"
    )
    written = draft_toml(drafted)
    for english in (
        "Value added of farming, forestry, animal husbandry and fishery",
        "Per-capita disposable income of urban residents",
        "Per-capita disposable income of rural residents",
    ):
        assert f'name_en = "{english}"' in written
    assert 'value_unit = "元"' in written and 'value_unit = "亿元"' in written
