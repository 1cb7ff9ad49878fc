"""Every sentence targettrack says to people, in Chinese and English, under a stable code.

The core raises errors and returns warnings as ``Message`` objects: a code and its values.
They become text only when shown, in the language chosen then (``Message.render``), so the
core never needs to know the language, and JSON can keep the codes. A test checks that every
code has both languages with the same placeholders.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

LANGS = ("zh", "en")  # the languages every sentence exists in

# code: (Chinese, English). Placeholders in braces are filled from the message's values.
MESSAGES: dict[str, tuple[str, str]] = {
    # -- periods --------------------------------------------------------------------------------
    "period.no_month": (
        "期别“{text}”没有第{month}月；月份只能是1至12月，例如 2023年1-6月 或 2023-06。",
        "The period '{text}' has no month {month}; use 2023-01 to 2023-12.",
    ),
    "period.unknown": (
        "“{text}”不是期别；请按统计公报的写法（2023年1-6月、2023年一季度、2023年上半年、2023年前三季度、"
        "2023年全年），或写作 2023-06、2023-Q2、2023-H1、2023。",
        "'{text}' is not a period; write a month (2023-06), a quarter (2023-Q2), a half "
        "(2023-H1) or a year (2023), or as releases do (2023年1-6月, 2023年一季度, "
        "2023年上半年, 2023年前三季度, 2023年全年).",
    ),
    "period.single_month": (
        "“{text}”指的是第{month}月当月，不是累计数；1至{month}月累计请写 {cumulative}。",
        "'{text}' names month {month} alone (当月), not the year to date; for January to "
        "month {month} write {cumulative}.",
    ),
    "period.single_quarter": (
        "“{text}”指的是第{quarter}季度当季，不是累计数；累计请写 {cumulative}。",
        "'{text}' names quarter {quarter} alone (当季), not the year to date; for the year to "
        "date write {cumulative}.",
    ),
    "period.second_half": (
        "“{text}”指的是下半年当期，不是累计数；全年累计请写 {cumulative}。",
        "'{text}' names the second half alone, not the year to date; for the whole year "
        "write {cumulative}.",
    ),
    "figures.history": (
        "{years}年没有目标，这些数据作为历史数据保存：计入历史、同比和全年预计，不进入任何年度的完成情况表。",
        "{years} has no targets: these figures are kept as history, counted in history, "
        "year-on-year comparisons and the outlook, and in no year's table.",
    ),
    "period.year_range": (
        "期别“{text}”的年份{year}不在{first}至{last}年之间；请检查年份。",
        "The period {text} is in the year {year}, outside {first} to {last}; check the year.",
    ),
    "catalogue.no_later_year": (
        "目标库只有{have}年的目标，没有{year}年或更晚年份的；请给出这些年份内的期别或年份"
        "（更早年份的数据可作为历史数据录入），或用 --targets 指向含{year}年的目标库。",
        "The catalogue has targets only for {have}, none for {year} or later; give a period "
        "in one of those years (earlier years' figures may be entered as history), or point "
        "--targets at a catalogue that has {year}.",
    ),
    "period.as_of_not_in_year": (
        "--as-of {period} 不在 --year {year} 内；请给出{year}年的期别，或只保留其中一个选项。",
        "--as-of {period} is not in --year {year}; give a period of {year} or leave one of "
        "the two out.",
    ),
    # -- numbers and units ----------------------------------------------------------------------
    "number.empty": (
        "{what}为空；请给出数字，例如 12.5。",
        "The {what} is empty; give a number such as 12.5.",
    ),
    "number.not_finite": (
        "{what}“{text}”不是有限数值；请给出实际数字。",
        "The {what} '{text}' is not a finite number; give a real figure.",
    ),
    "number.not_a_number": (
        "{what}“{text}”不是数字；请给出数字，例如 2500 或 1,234.5，后面可带单位。",
        "The {what} '{text}' is not a number; give digits such as 2500 or 1,234.5, "
        "optionally followed by a unit.",
    ),
    "number.exponent": (
        "{what}“{text}”用了科学计数法；请写出全部数字，或用“万”“亿”等数量词。",
        "The {what} '{text}' is in exponent notation; write the digits out, or use a "
        "magnitude word such as 万 or 亿.",
    ),
    "number.inner_space": (
        "{what}“{text}”不是数字；千位分隔请写 1,234 或 1 234，小数写 1.5，数字中间不要有其他空格。",
        "The {what} '{text}' is not a number; write thousands as 1,234 or 1 234 and "
        "decimals as 1.5, with no other spaces inside.",
    ),
    "number.too_many_digits": (
        "{what}“{text}”超过{digits}位有效数字，无法精确保存；请先取舍。",
        "The {what} '{text}' has more than {digits} significant digits, more than can be "
        "kept exactly; round it.",
    ),
    "unit.unknown": (
        "“{text}”中的“{suffix}”不是可识别的单位；请以{unit}填报{target}，可带“万”“亿”等数量词。",
        "'{suffix}' in '{text}' is not a unit this tool knows; enter {target} in {unit}, "
        "with or without a magnitude such as 万 or 亿.",
    ),
    "unit.other_currency": (
        "“{text}”的币种是{given}，而{target}以{unit}计；不同币种之间不换算，请以{wanted}填报。",
        "'{text}' is in {given}, but {target} is counted in {unit}; currencies are never "
        "converted, so enter the figure in {wanted}.",
    ),
    "unit.other_dimension": (
        "“{text}”是{given}，而{target}以{unit}（{wanted}）计量；请以{unit}填报。",
        "'{text}' is {given}, but {target} is measured in {unit} ({wanted}); enter it in {unit}.",
    ),
    "unit.too_large": (
        "数值“{text}”对于{target}（{unit}）大得不合常理；请核对数字和单位。",
        "The value '{text}' is implausibly large for {target} ({unit}); check the figure "
        "and its unit.",
    ),
    "unit.fraction": (
        "数值“{text}”是小数，而{target}以整数{unit}计；请给出整数。",
        "The value '{text}' is a fraction, but {target} counts whole {unit}; give a whole number.",
    ),
    "rate.not_a_rate": (
        "“{text}”不是增速；{target}填报的是累计同比增速（%），例如 5.2 或 -1.3%。",
        "'{text}' is not a rate; {target} is recorded as a year-to-date growth rate in "
        "percent, such as 5.2 or -1.3%.",
    ),
    "rate.below_minus_100": (
        "{what}低于 -100%，任何指标都不可能下降超过全部；请核对。",
        "{what} is below -100 %, which no figure can fall by; check the figure.",
    ),
    "rate.too_high": (
        "{what}超过 {limit}%，不合常理；请核对。",
        "{what} is implausible (beyond {limit} %); check the figure.",
    ),
    "what.value": ("数值", "value"),
    "status.provisional": ("初步", "provisional"),
    "status.final": ("最终", "final"),
    "state.not-started": ("未开始", "not-started"),
    "state.in-progress": ("进行中", "in-progress"),
    "state.done": ("已完成", "done"),
    "kind.growth": ("增速", "a growth"),
    "kind.amount": ("总量", "an amount"),
    "kind.level": ("水平", "a level"),
    "kind.relative": ("同步", "a relative"),
    "kind.milestone": ("任务", "a milestone"),
    "kind_word.amount": ("总量", "amount"),
    "kind_word.level": ("水平", "level"),
    "dimension.cny": ("人民币", "yuan"),
    "dimension.usd": ("美元", "US dollars"),
    "dimension.area": ("面积", "area (mu)"),
    "dimension.mass": ("重量", "mass (tonnes)"),
    "dimension.firms": ("企业数", "a count of firms"),
    "dimension.items": ("个数", "a count of items"),
    "dimension.percent": ("百分比", "a percentage"),
    "dimension.households": ("户数", "a count of households"),
    "dimension.people": ("人数", "a count of people"),
    "dimension.length": ("长度", "length (km)"),
    "dimension.floor": ("建筑面积", "floor area (m²)"),
    "what.rate": ("增速", "rate"),
    "what.typed_rate": ("增速“{text}”", "The rate '{text}'"),
    "what.derived_rate": (
        "由 --level 和 --prior 推算的增速（{rate}%）",
        "The rate derived from --level and --prior ({rate} %)",
    ),
    "what.note": ("备注", "note"),
    "what.source": ("来源", "source"),
    "what.by": ("--by 中的姓名", "name in --by"),
    "what.reason": ("撤回原因", "reason"),
    "what.cause": ("原因分析", "reason"),
    "what.measures": ("下步措施", "measures"),
    "what.edition": ("版本名称", "edition name"),
    "what.level_prior": ("{target}的 --level/--prior", "{target}'s --level/--prior"),
    # -- entries ----------------------------------------------------------------------------------
    "entry.unknown_state": (
        "“{text}”不是{target}的进展状态；请用：未开始、进行中、已完成。",
        "'{text}' is not a state of {target}; use one of: {states}.",
    ),
    "entry.control_character": (
        "{what}“{text}”含有控制字符；请删去后重试。",
        "The {what} '{text}' contains a control character; remove it and try again.",
    ),
    "entry.not_utf8": (
        "{what}“{text}”含有非 UTF-8 编码的字节；请重新输入。",
        "The {what} '{text}' holds bytes that are not UTF-8 text; type it again.",
    ),
    "entry.unknown_status": (
        "状态“{text}”无法识别；请用 初步（provisional）或 最终（final）。",
        "The status '{text}' is not known; use provisional or final.",
    ),
    "entry.milestone_levels": (
        "{target}是任务类指标；--level 和 --prior 只用于增速指标。",
        "{target} is a milestone; --level and --prior apply to rates.",
    ),
    "entry.milestone_empty": (
        "{target}的数值为空；请填 未开始、进行中 或 已完成。",
        "The value for {target} is empty; give not-started, in-progress or done.",
    ),
    "entry.state_for_number": (
        "“{text}”是任务进展状态，但{target}是{kind}类指标；请给出数字。",
        "'{text}' is a milestone state, but {target} is {kind} target; give a number.",
    ),
    "entry.levels_together": (
        "本年与上年同期的累计值须同时给出，且只用于增速指标（文件中为“本年值”与“上年同期”两列，"
        "命令行为 --level 与 --prior）。",
        "This year's and last year's year-to-date values go together, on a growth target (in a "
        "file the columns level and prior, or 本年值 and 上年同期; on the command line --level "
        "and --prior).",
    ),
    "entry.level_negative": (
        "{target}的 --level 不能为负数。",
        "--level for {target} cannot be negative.",
    ),
    "entry.prior_not_positive": (
        "{target}的 --prior 必须大于零。",
        "--prior for {target} must be greater than zero.",
    ),
    "entry.rate_empty": (
        "{target}的数值为空；请给出累计同比增速（%），例如 5.2。",
        "The value for {target} is empty; give the year-to-date growth rate in percent, "
        "such as 5.2.",
    ),
    "entry.levels_growth_only": (
        "{target}是{kind}指标；--level 和 --prior 只用于增速指标，请只给出数值。",
        "{target} is {kind} target; --level and --prior apply to growth targets, so give the "
        "value alone.",
    ),
    "entry.level_for_amount": (
        "{target}是总量指标，数值本身就是累计值，不用 --level；上年同期数请用 --prior。",
        "{target} is an amount: its value is the year-to-date total, so it takes no --level; "
        "give last year's same period with --prior.",
    ),
    "entry.levels_not_growth": (
        "--level 只用于增速指标，--prior 只用于增速和总量指标；{target}都不是。",
        "--level applies to growth targets and --prior to growth and amount targets; "
        "{target} is neither.",
    ),
    "entry.negative": (
        "数值“{text}”为负；{target}的累计{kind}不能小于零。",
        "The value '{text}' is negative; a year-to-date {kind} of {target} cannot be below zero.",
    ),
    "entry.no_period": (
        "请给出数据所属期别，例如 --period 2023年1-6月 或 --period 2023-06。",
        "Give the period the figure is for, such as --period 2023-06.",
    ),
    "entry.no_value": (
        "请给出要录入的数值，例如“targettrack record {target} 5.2 --period {period}”。",
        "Give the value to record, such as 'targettrack record {target} 5.2 --period {period}'.",
    ),
    # -- finding targets --------------------------------------------------------------------------
    "target.ambiguous": (
        "“{text}”对应{count}个指标：{names}；请给出其中一个的编号。",
        "'{text}' names {count} targets: {names}; give one of their ids.",
    ),
    "target.unknown": (
        "{year}年目标库中没有指标“{text}”；{hint}",
        "There is no target '{text}' in the {year} catalogue; {hint}",
    ),
    "target.hint_close": ("是否是指“{close}”？", "did you mean '{close}'?"),
    "target.hint_list": (
        "可运行“targettrack targets”查看全部指标。",
        "run 'targettrack targets' to list them.",
    ),
    "group.unknown": (
        "{year}年没有分组“{group}”；请用其中之一：{ids}。",
        "There is no group '{group}' in {year}; use one of: {ids}.",
    ),
    "department.unknown": (
        "{year}年没有责任单位“{department}”；目标库中的责任单位有：{names}。",
        "No target of {year} belongs to '{department}'; the departments are: {names}.",
    ),
    # -- recording --------------------------------------------------------------------------------
    "record.conflict": (
        "{target}的{period}已有数据 {value}（{by}录入于{at}）；如需修订请加 --revise（原数据会保留）。",
        "{target} already has {value} for {period} (recorded by {by} at {at}); add --revise "
        "to record a new version (the old one is kept).",
    ),
    "record.recorded": (
        "已录入{target}{period}数据：{value}（{status}{derived}）。",
        "Recorded {target} for {period}: {value} ({status}{derived}).",
    ),
    "record.revised": (
        "已修订{target}{period}数据：{old} → {value}（{status}{derived}；第{version}版，原数据保留）。",
        "Revised {target} for {period}: {old} → {value} ({status}{derived}; version "
        "{version}, the earlier figure is kept).",
    ),
    "record.unchanged": (
        "{target}{period}数据已是 {value}（{status}，第{version}版）；未作记录。",
        "{target} for {period} is already {value} ({status}, version {version}); nothing "
        "was recorded.",
    ),
    "record.derived_suffix": ("，由 --level 和 --prior 推算", ", derived from --level and --prior"),
    "import.repeats_row": (
        "{target}{period}与第{row}行重复（同一指标同一期别）",
        "{target} for {period} repeats row {row} (the same target and period)",
    ),
    "import.conflict": (
        "{target}的{period}已有 {old}，文件中为 {value}（如需作为新版本录入请加 --revise）",
        "{target} already has {old} for {period}; the file says {value} (use --revise to "
        "record it as a new version)",
    ),
    "import.row": ("第{row}行：{problem}", "row {row}: {problem}"),
    "import.other_region": (
        "地区为{region}，而 --region 选的是{chosen}；去掉 --region 可按各行的地区导入，"
        "否则请改正该行的地区",
        "its region is {region}, but --region chose {chosen}; leave out --region to import "
        "each row into its own region, or correct the row's region",
    ),
    "import.more_rows": ("……另有{count}行", "... and {count} more rows"),
    "import.refused": (
        "未导入任何数据：有{count}行不符合要求；请改正后重新导入。",
        "Nothing was imported: {count} {rows} not acceptable; correct them and import again.",
    ),
    "import.rows_one": ("", "row is"),
    "import.rows_many": ("", "rows are"),
    "import.done": (
        "已导入新数据{added}条、修订{revised}条；{unchanged}条已录入且未变化{skipped}。",
        "Imported {added} new and {revised} revised figure(s); {unchanged} already recorded "
        "unchanged{skipped}.",
    ),
    "import.dry_run": (
        "试导入：将导入新数据{added}条、修订{revised}条；{unchanged}条已录入且未变化{skipped}（试运行，未写入任何数据）。",
        "Would import {added} new and {revised} revised figure(s); {unchanged} already "
        "recorded unchanged{skipped} (dry run: nothing written).",
    ),
    "import.skipped_empty": (
        "；{count}行未填数值，已跳过",
        "; {count} row(s) without a value skipped",
    ),
    "warning.prefix": ("提示：{text}。", "Warning: {text}."),
    "warning.derived_gap": (
        "{figure}与其 --level、--prior 推算的名义增速（{nominal}%）相差{gap}个百分点；请核对",
        "{figure} is {gap} points from the nominal rate of its --level and --prior "
        "({nominal}%); check it",
    ),
    "warning.falls": (
        "{figure}低于此前月份的数据（{other}）；累计数一般不会下降，请核对",
        "{figure} is below the figure of an earlier month ({other}); a year-to-date amount "
        "does not fall, so check it",
    ),
    "warning.above_later": (
        "{figure}高于此后月份的数据（{other}）；累计数一般不会下降，请核对",
        "{figure} is above the figure of a later month ({other}); a year-to-date amount does "
        "not fall, so check it",
    ),
    "warning.jump": (
        "{figure}是年度目标 {goal} 的{times}倍；请核对单位",
        "{figure} is {times} times the year's target of {goal}; check its unit",
    ),
    "warning.off_rhythm": (
        "{figure}：该指标{rhythm}报送，这一期别不是它的报送期；请核对期别是否有误",
        "{figure}: the indicator reports {rhythm}, and this is not one of its periods; "
        "check the period",
    ),
    "warning.fraction_rate": (
        "{figure}不足其目标增速 {goal} 的十分之一；百分数若按小数填写（5.2% 填成 0.052），会小100倍，请核对",
        "{figure} is less than a tenth of its target rate of {goal}; a percentage typed as a "
        "fraction (0.052 for 5.2%) is 100 times too small, so check it",
    ),
    "warning.figure": ("{target}{period}（{value}）", "{target} for {period} ({value})"),
    # -- files ------------------------------------------------------------------------------------
    "file.missing": ("{path}：文件不存在；请检查路径。", "{path}: no such file; check the path."),
    "file.not_table": (
        "{path}：{suffix} 文件不能导入；请在 Excel 或 WPS 中另存为 xlsx 或 CSV（UTF-8 或 GBK）后再导入。",
        "{path}: a {suffix} file cannot be imported; save it from Excel or WPS as xlsx or CSV "
        "(UTF-8 or GBK) first.",
    ),
    "file.unreadable": (
        "{path}：无法读取（{reason}）；请给出一个可以读取的文件。",
        "{path}: cannot be read ({reason}); give a file that can be read.",
    ),
    "file.empty": (
        "{path}：文件为空；第一行须为表头，例如 指标,期别,数值 或 target,period,value。",
        "{path}: the file is empty; it needs a header row: target,period,value.",
    ),
    "file.not_text": (
        "{path}：无法识别编码（已尝试 {encodings}）；请在 Excel 或 WPS 中另存为 CSV（UTF-8 或 GBK）或 xlsx。",
        "{path}: is not text in any of {encodings}; save it from Excel or WPS as CSV (UTF-8 "
        "or GBK) or xlsx.",
    ),
    "file.bad_csv": (
        "{path}：第{line}行不是有效的 CSV（{reason}）；请检查引号。",
        "{path}: line {line} is not valid CSV ({reason}); check its quotes.",
    ),
    "file.repeated_columns": (
        "{path}：表头中的{columns}列出现了不止一次；每列只保留一个，以免数值含义不明。",
        "{path}: the header names the column(s) {columns} more than once; keep one of each, "
        "so that every value has one meaning.",
    ),
    "file.bad_columns": (
        "{path}：{parts}；可用的列为{columns}（指标、期别、数值三列必填）。",
        "{path}: {parts}; the columns are {columns} (target, period and value are required; "
        "a Chinese header names them 指标, 期别, 数值).",
    ),
    "file.lacks_columns": ("缺少{columns}列", "it lacks the column(s) {columns}"),
    "file.unknown_columns": ("有无法识别的列：{columns}", "it has unknown column(s) {columns}"),
    "file.row_too_long": (
        "该行有{cells}个字段，而表头只有{columns}列；最后一列之后的数值没有含义",
        "the row has {cells} fields but the header has {columns}; a value beyond the last "
        "column has no meaning",
    ),
    "file.unnamed_column": (
        "数值“{text}”所在的列没有列名",
        "the value '{text}' stands in a column with no name",
    ),
    "file.sheet_not_csv": (
        "{path}：--sheet 只用于 xlsx 工作簿。",
        "{path}: --sheet applies to xlsx workbooks only.",
    ),
    "file.no_sheet": (
        "{path}：没有名为“{sheet}”的工作表；工作表有：{sheets}。",
        "{path}: there is no sheet '{sheet}'; the sheets are: {sheets}.",
    ),
    "file.not_xlsx": (
        "{path}：不是可读取的 xlsx 工作簿（{reason}）；请在 Excel 或 WPS 中另存为 xlsx。",
        "{path}: is not a workbook that can be read ({reason}); save it from Excel or WPS as xlsx.",
    ),
    "file.unsaved_formulas": (
        "{path}：单元格 {cells} 是没有保存计算结果的公式（工作簿由程序生成，未经 Excel 或 WPS 保存）；请用 Excel 或 WPS 打开并保存后再导入。",
        "{path}: the cells {cells} hold formulas with no saved result (the workbook was written "
        "by a program, not saved by Excel or WPS); open it in Excel or WPS and save it, then "
        "import it again.",
    ),
    "file.more_cells": ("等共{count}个", "and {count} more"),
    "file.no_visible_sheet": (
        "{path}：所有工作表都是隐藏的；请用 --sheet 指定要导入的工作表。",
        "{path}: every sheet is hidden; name the one to import with --sheet.",
    ),
    "file.mixed_encoding": (
        "{path}：第{row}行的编码与前面各行（{encoding}）不同，文件混用了两种编码；请在 Excel 或 WPS 中以一种编码重新另存后再导入。",
        "{path}: row {row} is not in the encoding of the rows before it ({encoding}), so the "
        "file mixes two encodings; save it again from Excel or WPS in one encoding, then "
        "import it.",
    ),
    "file.too_large": (
        "{path}：文件超过 {limit} MB 的上限，未读取；请拆分为几个文件分别导入。",
        "{path}: the file is larger than the limit of {limit} MB and was not read; split it "
        "into smaller files and import each.",
    ),
    "file.unpacks_too_large": (
        "{path}：工作簿解压后超过 {limit} MB 的上限（磁盘上仅 {size}），未读取；请在 Excel 或 WPS 中重新另存或拆分后再导入。",
        "{path}: the workbook unpacks to more than the limit of {limit} MB (from {size} on "
        "disk) and was not read; save it again from Excel or WPS, or split it, then import it.",
    ),
    "file.too_many_cells": (
        "{path}：文件超过 {limit} 个单元格的上限；请拆分为几个文件分别导入。",
        "{path}: the file holds more than the limit of {limit} cells; split it into smaller "
        "files and import each.",
    ),
    "file.cell_too_long": (
        "{path}：第{row}行有单元格超过 {limit} 个字符的上限；请缩短后再导入。",
        "{path}: row {row} has a cell longer than the limit of {limit} characters; shorten "
        "it, then import again.",
    ),
    "output.reads": (
        "--output {output} 就是本命令正在读取的 {path}；请输出到其他文件。",
        "--output {output} is {path}, which this command reads; write the output to another file.",
    ),
    "output.kept": (
        "{output} 就是{what} {path}，不能被覆盖；请输出到其他文件。",
        "{output} is {what} {path}, which must not be overwritten; write to another file.",
    ),
    "output.what.database": ("所用的数据库", "the database in use"),
    "output.what.catalogue": ("所用的目标库", "a catalogue in use"),
    "output.what.other_output": ("本命令的另一个输出", "another output of this command"),
    "output.folder": (
        "{output} 是文件夹；--output 请给出文件名。",
        "{output} is a folder; give a file name for --output.",
    ),
    "output.cannot_write": (
        "无法写入 {output}（{reason}）；请检查路径。",
        "Cannot write {output} ({reason}); check the path.",
    ),
    "output.no_folder": (
        "文件夹 {folder} 不存在；请先创建，或为 --output 另选位置。",
        "The folder {folder} does not exist; create it or pick another for --output.",
    ),
    "output.not_folder": (
        "{folder} 不是文件夹；请为 --output 另选位置。",
        "The folder {folder} is not a folder; create it or pick another for --output.",
    ),
    "output.workbook_failed": (
        "工作簿无法生成（{reason}）。",
        "The workbook could not be written ({reason}).",
    ),
    "output.binary_needs_file": (
        "{format} 格式须写入文件：请加 --output 文件名（例如 报表.{format}）。",
        "The {format} format needs a file: add --output FILE (such as report.{format}).",
    ),
    "output.wrote": ("已写入 {path}。", "Wrote {path}."),
    "output.cells_cut": (
        "有{count}处备注或来源超过 Excel 单元格上限（{limit}个字符），工作簿中已截断并标注“{mark}”；完整内容见 CSV 或 JSON 导出。",
        "{count} notes or sources are longer than an Excel cell holds ({limit} characters); "
        "the workbook cuts them, marked '{mark}'; CSV and JSON exports keep them whole.",
    ),
    "format.cannot_write": (
        "{format} 格式不能输出{what}；请另选 --format。",
        "The {format} format cannot write {what}; choose another --format.",
    ),
    "format.unknown": (
        "--format 没有“{format}”这种格式；可选：{choices}。",
        "--format has no format '{format}'; choose one of: {choices}.",
    ),
    "format.unknown_ending": (
        "无法按扩展名 {suffix} 写出 {name}；请改用以下扩展名之一：{endings}，或用 --format 指明格式。",
        "Cannot tell which format to write {name} in from its ending {suffix}; end it with one "
        "of {endings}, or give --format.",
    ),
    "format.this_view": ("这一内容", "this view"),
    # -- settings ---------------------------------------------------------------------------------
    "setting.empty_option": (
        "{option} 为空；请给出路径，或不用该选项。",
        "{option} is empty; give a path, or leave the option out.",
    ),
    "setting.empty_variable": (
        "{variable} 已设置但为空；请设为路径，或删除该变量以使用默认值。",
        "{variable} is set but empty; set it to a path, or unset it to use the default.",
    ),
    "setting.bad_lang": (
        "{variable}='{value}' 不是可用的语言；请设为 zh 或 en，或删除该变量以跟随系统区域设置。",
        "{variable}='{value}' is not a language targettrack speaks; set it to zh or en, or "
        "unset it to follow the locale.",
    ),
    "setting.empty_db": (
        "{variable} 已设置但为空；请设为数据库文件路径，或删除该变量以使用默认位置。",
        "{variable} is set but empty; set it to a database file, or unset it to use the default.",
    ),
    "setting.bad_timeout": (
        "{variable}='{value}' 不是 0 到 86400 之间的秒数；请设为例如 10。",
        "{variable}='{value}' is not a number of seconds from 0 to 86400; set it to, say, 10.",
    ),
    # -- the database -----------------------------------------------------------------------------
    "db.empty_setting": (
        "数据库设置为空；请用 --db 给出文件路径。",
        "The database setting is empty; give a file path with --db.",
    ),
    "db.spaces": (
        "数据库设置“{setting}”首尾有空格；请去掉空格。可用的写法：{accepted}。",
        "The database setting '{setting}' begins or ends with spaces; remove them. "
        "Accepted forms: {accepted}.",
    ),
    "db.memory": (
        "数据库设置“{setting}”指的是内存数据库，关闭后数据全部丢失；请给出文件路径。可用的写法：{accepted}。",
        "The database setting '{setting}' names an in-memory database, which loses every "
        "figure when the command ends; give a file path. Accepted forms: {accepted}.",
    ),
    "db.bad_url": (
        "数据库设置“{setting}”看似网址，但不是可用的写法；请改为：{accepted}（协议名须小写）。",
        "The database setting '{setting}' looks like a URL but is not an accepted one; "
        "write one of: {accepted} (the scheme in lower case).",
    ),
    "db.cannot_open_path": (
        "无法打开数据库 {path}（{reason}）；请用 --db 另给路径。",
        "Cannot open the database {path} ({reason}); give another path with --db.",
    ),
    "db.is_folder": (
        "{path} 是文件夹，不是数据库文件；请给出文件路径。",
        "{path} is a folder, not a database file; give a file path.",
    ),
    "db.no_folder": (
        "无法为数据库 {path} 创建文件夹（{reason}）；请用 --db 或 TARGETTRACK_DB 另选位置。",
        "Cannot create the folder for the database {path} ({reason}); choose another place "
        "with --db or TARGETTRACK_DB.",
    ),
    "db.newer": (
        "数据库 {path} 由更新版本的 targettrack 写入（结构版本 {version}，本版本只支持 {known}）；请升级 targettrack。",
        "The database {path} was written by a newer targettrack (schema {version}; this one "
        "knows {known}); upgrade targettrack to use it.",
    ),
    "db.foreign": (
        "{path} 是其他程序的 SQLite 数据库，不是 targettrack 的；请用 --db 另给路径。",
        "{path} is an SQLite database of some other program, not targettrack's; give "
        "another path with --db.",
    ),
    "db.not_open": ("数据库 {path} 未打开。", "The database {path} is not open."),
    "db.busy": (
        "数据库 {path} 正忙：另一程序占用超过 {seconds} 秒；请稍后再试。",
        "The database {path} is busy: another program held it for more than {seconds} s; "
        "try again in a moment.",
    ),
    "db.read_only": (
        "数据库 {path} 是只读的；请改为可写，或用 --db 指定其副本。",
        "The database {path} is read-only; make it writable, or use a copy with --db.",
    ),
    "db.cannot_open": (
        "无法打开数据库 {path}；请检查其所在文件夹是否存在且可写。",
        "Cannot open the database {path}; check that its folder exists and is writable.",
    ),
    "db.failed": (
        "数据库 {path} 无法使用：{reason}。",
        "The database {path} could not be used: {reason}.",
    ),
    "sqlite.not_database": ("文件不是 SQLite 数据库", "the file is not an SQLite database"),
    "sqlite.malformed": ("数据库文件已损坏", "the database file is damaged"),
    "sqlite.io": ("读写磁盘出错", "the disk could not be read or written"),
    "sqlite.full": ("磁盘空间已满", "the disk is full"),
    "sqlite.append_only": (
        "数据只能追加，不能修改或删除",
        "figures are append-only: never changed or deleted",
    ),
    "db.corrupt": (
        "{path} 不是可用的 targettrack 数据库（{reason}）；请从备份恢复，或用 --db 另给文件。",
        "{path} is not a usable targettrack database ({reason}); restore it from a backup or "
        "give another file with --db.",
    ),
    "withdraw.nothing": (
        "{target}在{period}没有可撤回的数据；请检查指标和期别（可用 history 查看）。",
        "{target} has no figure for {period} to withdraw; check the target and period "
        "(history lists them).",
    ),
    "withdraw.already": (
        "{target}{period}的数据已由{by}于{at}撤回；无需再次撤回。",
        "{target} for {period} was withdrawn already, by {by} at {at}; there is nothing more to "
        "withdraw.",
    ),
    "withdraw.no_reason": (
        "撤回须说明原因：请加 --reason “原因”。",
        'A withdrawal needs its reason: add --reason "why".',
    ),
    "withdraw.what": (
        "请给出要撤回的指标和 --period，或用 --import 批次号撤回一次导入。",
        "Give the target and --period to withdraw, or --import BATCH to withdraw an import.",
    ),
    "withdraw.no_batch": (
        "没有批次号为“{batch}”的导入；批次号在导入时显示，也可在 history 和 export --records 中查到。",
        "There is no import with the batch id '{batch}'; import prints it, and history and "
        "export --records show it.",
    ),
    "withdraw.batch_already": (
        "批次 {batch} 的数据都已撤回。",
        "Every figure of the import {batch} is withdrawn already.",
    ),
    "withdraw.other_regions": (
        "批次 {batch} 还含有{regions}的数据，撤回会一并撤回；撤回整批请去掉 --region。",
        "The import {batch} also holds figures of {regions}, which would go back with it; drop "
        "--region to withdraw the whole import.",
    ),
    "target.in_region": ("{region}{target}", "{target} of {region}"),
    "withdraw.revised_one": (
        "{target}{period}已被{by}修订为第{version}版",
        "{target} for {period} was revised since, to version {version} by {by}",
    ),
    "withdraw.revised_since": (
        "未撤回：批次 {batch} 中有数据在导入后被修订过；确认一并撤回请加 --force。",
        "Nothing was withdrawn: figures of the import {batch} were revised since; add --force "
        "to withdraw them too.",
    ),
    "withdraw.not_all_yours": (
        "未撤回：批次 {batch} 中有不属于您的单位的数据。",
        "Nothing was withdrawn: the import {batch} holds figures your role may not withdraw.",
    ),
    "withdraw.more_figures": ("……另有{count}条", "... and {count} more figures"),
    "withdraw.done": (
        "已撤回{target}{period}数据：{value}（第{version}版；原数据保留在历史记录中）。",
        "Withdrew {target} for {period}: {value} (version {version}; the figure stays in the "
        "history).",
    ),
    "withdraw.import_done": (
        "已撤回批次 {batch} 的{count}条数据（均保留在历史记录中）。",
        "Withdrew the {count} figure(s) of the import {batch} (they stay in the history).",
    ),
    "import.batch": (
        "批次号：{batch}（撤回整批：targettrack withdraw --import {batch} --reason …）",
        "Batch id: {batch} (to take it all back: targettrack withdraw --import {batch} --reason …)",
    ),
    "import.explained": (
        "并记录了{count}条原因分析与下步措施。",
        "Recorded {count} reason(s) and measures as well.",
    ),
    "import.explained_dry": (
        "另有{count}条原因分析与下步措施可以记录。",
        "{count} reason(s) and measures would be recorded as well.",
    ),
    "import.explanation_conflict": (
        "{target} {period}已有不同的原因分析与下步措施；要改为文件中的内容，请加 --revise",
        "{target} for {period} has other reasons and measures already; add --revise to record "
        "the file's",
    ),
    "explain.nothing": (
        "请用 --reason 给出{target}的原因分析，或用 --measures 给出下步措施。",
        "Give the reason for {target} with --reason, or the measures with --measures.",
    ),
    "explain.exists": (
        "{target}{period}已有原因分析与下步措施（{by}，{at}）；要修改，请加 --revise，原内容保留在历史记录中。",
        "{target} for {period} has reasons and measures already (by {by}, at {at}); add "
        "--revise to replace them (the old ones stay in the history).",
    ),
    "explain.recorded": (
        "已记录{target}{period}的原因分析与下步措施（第{version}版）。",
        "Recorded the reason and measures of {target} for {period} (version {version}).",
    ),
    "explain.revised": (
        "已修订{target}{period}的原因分析与下步措施（第{version}版；原内容保留在历史记录中）。",
        "Revised the reason and measures of {target} for {period} (version {version}; the old "
        "ones stay in the history).",
    ),
    "explain.unchanged": (
        "{target}{period}的原因分析与下步措施没有变化，未重复记录（仍为第{version}版）。",
        "The reason and measures of {target} for {period} are unchanged; nothing was recorded "
        "(still version {version}).",
    ),
    "explain.withdrawn": (
        "已撤回{target}{period}的原因分析与下步措施（第{version}版；原内容保留在历史记录中）。",
        "Withdrew the reason and measures of {target} for {period} (version {version}; they "
        "stay in the history).",
    ),
    "explain.nothing_to_withdraw": (
        "{target}{period}没有可撤回的原因分析与下步措施。",
        "{target} has no reason and measures for {period} to withdraw.",
    ),
    "explain.no_history": (
        "{year}年尚未记录{target}的原因分析与下步措施。",
        "No reasons or measures recorded for {target} in {year}.",
    ),
    "explain.see_history": (
        "另有{count}个版本的原因分析与下步措施：targettrack history {target} --explanations",
        "{count} version(s) of reasons and measures as well: targettrack history {target} "
        "--explanations",
    ),
    "record.not_yours": (
        "您的数据库角色无权录入{target}：该指标由{department}负责，而您的角色未被授予该单位；请联系发改（统计）办公室授权。",
        "Your database role may not record {target}: it belongs to {department}, which your "
        "role has not been granted; ask the planning office to grant it.",
    ),
    "edition.taken": (
        "已有名为“{name}”的版本；版本名不能重复，请另取一个名称（--name）。",
        "There is an edition named '{name}' already; an edition's name is used once: choose "
        "another with --name.",
    ),
    "pg.no_driver": (
        "使用 PostgreSQL 共享数据库需要安装 psycopg：用离线安装包安装的，请加 --postgres 重新运行安装脚本；否则运行 pip install 'targettrack[postgres]'。",
        "A shared PostgreSQL database needs psycopg: run the offline bundle's install script "
        "again with --postgres, or pip install 'targettrack[postgres]'.",
    ),
    "pg.cannot_connect": (
        "无法连接共享数据库 {where}（{reason}）；请检查地址、用户名和密码（或 PGHOST、PGUSER、~/.pgpass）。",
        "Cannot connect to the shared database {where} ({reason}); check its address, user "
        "and password (or PGHOST, PGUSER, ~/.pgpass).",
    ),
    "pg.unreachable": ("无法连接：{reason}", "cannot connect: {reason}"),
    "pg.needs_upgrade": (
        "共享数据库 {where} 尚未建立或版本较旧；请管理员运行“targettrack db upgrade”。",
        "The shared database {where} is not set up, or is of an older schema; an administrator "
        "runs 'targettrack db upgrade'.",
    ),
    "draft.summary": (
        "草稿：{count}个指标，其中{check}个请核对；{skipped}处数字或目标未能草拟（逐条列在下面），"
        "另有{quiet}处日期、编号、排名等页面内容未计入。",
        "Draft: {count} targets, {check} to check; {skipped} figures or targets could not be "
        "drafted (each listed below), and {quiet} dates, codes, ranks and the like were set "
        "aside.",
    ),
    "draft.summary_all": (
        "草稿：{count}个指标，其中{check}个请核对；另有{quiet}处日期、编号、排名等页面内容未计入。",
        "Draft: {count} targets, {check} to check; {quiet} dates, codes, ranks and the like "
        "were set aside.",
    ),
    "draft.skipped_words": ("  跳过“{phrase}”：{reason}", "  skipped '{phrase}': {reason}"),
    "draft.skipped_line": (
        "  跳过“{phrase}”中的{number}：{reason}",
        "  skipped {number} in '{phrase}': {reason}",
    ),
    "draft.skip.pp": (
        "以“个百分点”表示的变化，目标库无法直接表示，请按需要手工设为指标",
        "a change in percentage points, which a catalogue cannot hold as it is; add it by hand "
        "if needed",
    ),
    "draft.skip.times": ("以“倍”表示的变化", "a change given as a multiple (倍)"),
    "draft.skip.no_unit": ("数字后没有可识别的单位", "no unit that can be read follows the number"),
    "draft.skip.no_name": ("数字前后没有指标名称", "no indicator is named before or after it"),
    "draft.skip.current": (
        "本年已完成或预计的情况，不是目标",
        "this year's progress so far (or an estimate of it), not a target",
    ),
    "draft.skip.outside": (
        "既不在回顾部分，也不在目标部分（如标题、导语）",
        "it stands neither in the review nor among the targets (a headline or an introduction)",
    ),
    "draft.skip.basis": (
        "多年平均或累计的增速，不是一年的目标",
        "a rate averaged or accumulated over several years, not one year's target",
    ),
    "draft.skip.stretch": (
        "同一指标在目标之外力争达到的更高数值，目标库只记一个目标值",
        "a higher figure striven for beside the target of the same indicator; a catalogue "
        "keeps one target value",
    ),
    "draft.skip.compared": (
        "与全国、全省、全市平均水平或上年的比较，目标库无法引用比较对象；如需跟踪，请手工添加",
        "a comparison with the nation's, the province's or the city's average or with last year, "
        "which a catalogue cannot refer to; add it by hand if it is to be tracked",
    ),
    "draft.skip.positive": (
        '“保持正增长”：如需跟踪，请手工添加增速目标（kind = "growth"，target = 0）',
        "'positive growth': to track it, add a growth target by hand (kind = \"growth\", "
        "target = 0)",
    ),
    "draft.skip.repeat": ("与已草拟的指标重复", "it repeats a target already drafted"),
    "draft.skip.range": (
        "数值不能作为目标（为零、小数位过多或超出范围）",
        "the value cannot be a target (zero, too many decimals, or out of range)",
    ),
    "draft.review": (
        "报告回顾了{year}年的{count}项结果；加 --results 结果.csv 可写出以便导入。",
        "The report reviews {count} results of {year}; add --results FILE.csv to write them for "
        "import.",
    ),
    "draft.results_made_up": (
        "其中{count}项的编号是按名称拟的，目标库中没有；导入前请把它们改成目标库中的编号，或删去这些行"
        "（导入时有一行不认识就整批不导入）。",
        "{count} of them have ids made from their names, which no catalogue has; before the "
        "import, change them to the catalogue's ids or delete those rows (an import with one "
        "unknown row imports nothing).",
    ),
    "draft.results": (
        "已把报告回顾的{year}年{count}项结果写入 {path}，可用 targettrack import 导入。",
        "Wrote {count} results of {year} that the report reviews to {path}, for targettrack "
        "import.",
    ),
    "draft.only_results": (
        "报告中没有读出可作目标的指标，未写目标库草稿；只写出上年结果。",
        "The report sets no targets that could be read, so no catalogue was drafted; only last "
        "year's results were written.",
    ),
    "draft.review_skipped": (
        "回顾部分另有{count}处数字未能读作结果：",
        "{count} numbers of the review could not be read as results:",
    ),
    "draft.results_others": (
        "另有{count}项结果不属于上年目标库中的指标（或该指标不能记录这一数值），未写入：",
        "{count} more results are for no target of last year's catalogue (or are figures its "
        "target cannot hold), and were not written:",
    ),
    "draft.results_other": ("  {name} {value}（“{phrase}”）", "  {name} {value} ('{phrase}')"),
    "draft.results_year": (
        "报告回顾的是{review}年，而 --targets 是{year}年的目标库；请给出{review}年的目标库，或用 --year 指定报告计划的年份。",
        "The report reviews {review}, but --targets is the catalogue of {year}; give the "
        "catalogue of {review}, or --year for the year the report plans for.",
    ),
    "draft.missing": (
        "上年目标库中有{count}个指标本报告未再提及，草稿中没有它们：{names}。",
        "{count} targets of last year's catalogue are not named in this report, and the draft "
        "has none for them: {names}.",
    ),
    "draft.missing_one": ("{name}", "{name}"),
    "draft.no_text": (
        "在 {path} 中没有找到报告文字（文件为空、不是文本，或编码不是 UTF-8、UTF-16、GB18030、Big5 之一）；"
        "请另存为 UTF-8 文本后再试。",
        "No report text in {path} (the file is empty, not text, or in an encoding other than "
        "UTF-8, UTF-16, GB18030 and Big5); save it as UTF-8 text and try again.",
    ),
    "draft.too_large": (
        "报告文件 {path} 有{size}字节，超过草拟所限的{limit} MB；一份报告远小于此，请只保留报告正文。",
        "The report {path} has {size} bytes, more than draft's limit of {limit} MB; a report "
        "is far smaller, so keep only its text.",
    ),
    "draft.no_year": (
        "无法从报告中看出它计划的是哪一年；请用 --year 指定，例如 --year 2024。",
        "The report does not say which year it plans for; give it with --year, such as --year "
        "2024.",
    ),
    "draft.no_targets": (
        "报告中没有读出可作目标的指标（它回顾了{year}年的{count}项结果）；只需上年结果时请加 --results 结果.csv。",
        "The report sets no targets that could be read (it reviews {count} results of {year}); "
        "for last year's results only, add --results FILE.csv.",
    ),
    "draft.no_records": (
        "未能读取已录入的{year}年数据（{reason}）；基数只取自报告。",
        "Could not read the figures recorded for {year} ({reason}); baselines come from the "
        "report only.",
    ),
    "draft.note.same_year": (
        "报告计划的是{year}年，而 --targets 是{last}年的目标库；如果草拟的是下一年，请加 --year。",
        "The report plans for {year}, but --targets is the catalogue of {last}; if you are "
        "drafting the year after, add --year.",
    ),
    # sentences of the drafted catalogue file (written in Chinese, as the catalogue is)
    "draft.toml.head": (
        "{region}{year}年目标库草稿：由 targettrack draft 从政府工作报告生成。",
        "Draft catalogue of {region} for {year}, made by targettrack draft from the work report.",
    ),
    "draft.toml.quote": (
        "每个指标上方引用了报告原文；标有“请核对”的条目需要人工确认。",
        "Above each target stands the report's own phrase; entries marked 请核对 need a "
        "person's check.",
    ),
    "draft.toml.departments": (
        "department（责任单位）为常见分工的默认值，请按本地实际修改。",
        "department is the usual owner of each indicator, a default to edit.",
    ),
    "draft.toml.carried": (
        "编号、英文名称、责任单位、分组和承诺用语沿用{year}年目标库。",
        "Ids, English names, departments, groups and commitment words are those of the {year} "
        "catalogue.",
    ),
    "draft.toml.source": ("原文：{phrase}", "Source text: {phrase}"),
    "draft.toml.note": (
        "由 targettrack draft 从报告文本生成的草稿",
        "Drafted by targettrack draft from the report's text",
    ),
    "draft.toml.region_id": (
        '请改为地区的简短英文编号（小写字母），例如 "luojiang"',
        'Change to the region\'s short id in lowercase letters, such as "luojiang"',
    ),
    "draft.toml.no_source": ("报告中未找到 {key}", "The report gives no {key}"),
    "draft.toml.group_en": ("请填写英文名称", "Give the English name"),
    "draft.toml.not_a_target": (
        "单位“{unit}”不在目标库的单位表中，以下条目未启用；如需跟踪，请换算为表中单位后删去行首的 #",
        "The unit '{unit}' is not one a catalogue knows, so this entry is left out; to track "
        "it, convert it to a known unit and remove the leading #",
    ),
    "draft.toml.missing": (
        "上年目标库中有、本报告未再提及的指标：{names}",
        "Targets of last year's catalogue that this report does not name again: {names}",
    ),
    "draft.toml.baseline": (
        "基数：{year}年结果，取自{source}",
        "Baseline: the result of {year}, from {source}",
    ),
    "draft.toml.from_report": ("报告所述", "the report"),
    "draft.toml.from_records": ("已录入的全年数据", "the full-year figures recorded"),
    "draft.check.share": ("比例类水平目标，请核对", "a share taken as a level to reach; check it"),
    "draft.check.level": (
        "按“不低于”的水平目标处理，请核对是否为年度累计量",
        "taken as a level to keep at least; check whether it is a total for the year",
    ),
    "draft.check.name_before": (
        "名称由前一项补全，请核对",
        "the name comes from the item before; check it",
    ),
    "draft.check.name_list": (
        "名称取自前后文，请改为指标的正式名称",
        "the name is taken from the words around it; give the indicator's own name",
    ),
    "draft.check.decline": (
        "下降目标：按增速不高于该值处理，请核对",
        "a decline: taken as a rate of at most this value; check it",
    ),
    "draft.check.long_name": ("名称较长，请精简", "a long name; shorten it"),
    "draft.check.unit": ("单位“{unit}”不在单位表中", "the unit '{unit}' is not a known one"),
    "draft.check.no_reference": (
        "没有地区生产总值增速目标可作比较，暂按任务处理",
        "there is no GDP growth target to compare with; taken as a milestone",
    ),
    "draft.check.kind_changed": (
        "上年为{before}目标，今年为{now}目标",
        "last year {before} target, this year {now} target",
    ),
    "draft.check.unit_changed": (
        "上年单位为“{before}”，今年为“{now}”",
        "last year's unit was '{before}', this year's is '{now}'",
    ),
    "pg.copy_needs_admin": (
        "只有 targettrack_admin 的成员才能迁入历史数据（保留原录入人和时间）；角色 {role} 不是。",
        "Only members of targettrack_admin may move a history in (keeping its recorders and "
        "times); the role {role} is not one.",
    ),
    "pg.copy_mismatch": (
        "迁入后两边的数据条数不一致；未作任何更改。",
        "The counts of the two sides differ after the copy; nothing was changed.",
    ),
    "pg.copy_left": (
        "原因分析与下步措施（{reasons}个版本）和报送版次（{editions}个）没有复制，仍保留在 {source} 中。",
        "{reasons} version(s) of reasons and measures and {editions} edition(s) were not "
        "copied; they stay in {source}, untouched.",
    ),
    "pg.copied": (
        "已迁入{count}条数据（含全部历史版本）到 {where}；两边条数一致。",
        "Copied {count} figures (every version) into {where}; the counts of both sides agree.",
    ),
    "pg.upgraded": (
        "共享数据库 {where} 的结构已从第{before}版升级到第{after}版；已登记{owners}个指标的责任单位。",
        "The shared database {where} is at schema {after} (it was at {before}); the "
        "departments of {owners} targets are published.",
    ),
    "pg.sqlite_upgraded": (
        "数据库 {where} 的结构已是最新（第{after}版）。",
        "The database {where} is at schema {after}, the latest.",
    ),
    "pg.needs_url": (
        "该命令用于共享的 PostgreSQL 数据库；请用 --db postgresql://… 或 TARGETTRACK_DB 指定。",
        "This command is for a shared PostgreSQL database; name it with --db postgresql://… "
        "or TARGETTRACK_DB.",
    ),
    "pg.granted": ("已授权：{role} → {what}。", "Granted: {role} → {what}."),
    "pg.revoked": (
        "已撤销 {role} 的{count}项授权：{what}。",
        "Revoked {count} grant(s) of {role}: {what}.",
    ),
    "pg.nothing_to_revoke": (
        "角色 {role} 没有这项授权，未作任何更改；其现有授权：{held}。",
        "The role {role} holds no such grant; nothing was changed. It holds: {held}.",
    ),
    "pg.nothing_held": ("无", "nothing"),
    "pg.grant_department": ("{department}", "{department}"),
    "pg.grant_department_in": ("{department}（{region}）", "{department} ({region})"),
    "pg.grant_admin": ("全部指标（{group}）", "every target ({group})"),
    "pg.grant_reader": ("只读（{group}）", "read only ({group})"),
    "pg.grant_writer": ("写入（{group}）", "writing ({group})"),
    "pg.every_region": ("全部地区", "every region"),
    "pg.grants_role": ("数据库角色", "Role"),
    "pg.grants_what": ("可录入", "May record"),
    "pg.grants_region": ("地区", "Region"),
    "pg.blank_department": (
        "--department 为空；请给出单位名称，例如 --department 商务局。",
        "--department is blank; give a department's name, such as --department 商务局.",
    ),
    "pg.region_needs_department": (
        "--region 只能与 --department 一起使用；--admin、--read-only 和撤销全部授权都适用于全部地区。",
        "--region goes with --department only; --admin, --read-only and revoking every grant "
        "cover every region.",
    ),
    "pg.unknown_department": (
        "共享数据库中没有指标属于“{department}”；已登记的单位有：{known}。请检查单位名称。",
        "No target of the shared database belongs to '{department}'; the departments are: "
        "{known}. Check the name.",
    ),
    "pg.unknown_department_in": (
        "地区 {region} 没有指标属于“{department}”；该地区已登记的单位有：{known}。请检查单位名称。",
        "No target of region {region} belongs to '{department}'; its departments are: "
        "{known}. Check the name.",
    ),
    "pg.unknown_region": (
        "共享数据库中没有地区“{region}”；已登记的地区有：{known}。请用地区编号。",
        "The shared database has no region '{region}'; its regions are: {known}. Give a "
        "region's id.",
    ),
    "pg.no_departments": (
        "共享数据库尚未登记任何指标的责任单位；请先运行 targettrack db upgrade（目标库需写明 department）。",
        "The shared database has no departments published yet; run targettrack db upgrade "
        "first, with a catalogue whose targets name their department.",
    ),
    "pg.grantee_public": (
        "“{role}”代表所有角色，不能授权；请授权给每个人自己的登录角色。",
        "'{role}' stands for every role and cannot be granted anything; grant each person's "
        "own login role.",
    ),
    "pg.grantee_group": (
        "“{role}”是 targettrack 自己的角色组，授权给它等于授权给其全部成员，因此不允许；请授权给每个人自己的登录角色。",
        "'{role}' is one of targettrack's own group roles, and a grant to it would reach all "
        "of its members; grant each person's own login role.",
    ),
    "pg.grantee_predefined": (
        "“{role}”是 PostgreSQL 的预定义角色，不能授权；请授权给每个人自己的登录角色。",
        "'{role}' is one of PostgreSQL's predefined roles and cannot be granted anything; "
        "grant each person's own login role.",
    ),
    "pg.grantee_superuser": (
        "角色 {role} 是超级用户，本就不受这些授权约束；请授权给每个人自己的登录角色，而不是超级用户。",
        "The role {role} is a superuser, which these grants do not bind; grant each person's "
        "own login role, not a superuser.",
    ),
    "pg.grantee_owner": (
        "角色 {role} 拥有 targettrack 的表（即运行 db upgrade 的角色），不受这些授权约束；请授权给每个人自己的登录角色。",
        "The role {role} owns targettrack's tables (it runs db upgrade), which these grants "
        "do not bind; grant each person's own login role.",
    ),
    "pg.grantee_bypassrls": (
        "角色 {role} 可绕过行级安全策略（BYPASSRLS），不受这些授权约束；请授权给每个人自己的普通登录角色。",
        "The role {role} bypasses row-level security (BYPASSRLS), which these grants rely on; "
        "grant each person's own ordinary login role.",
    ),
    "pg.grantee_createrole": (
        "角色 {role} 可以创建角色并给自己任何权限（CREATEROLE），单位或只读授权对它无效；请只授予管理员（--admin），或授权给普通登录角色。",
        "The role {role} may create roles and give itself any group (CREATEROLE), so a "
        "department or read-only grant would not bind it; make it an administrator (--admin), "
        "or grant an ordinary login role.",
    ),
    "pg.grantee_nologin": (
        "角色 {role} 不能登录（NOLOGIN），授权对它的成员无效；请授权给每个人自己的登录角色。",
        "The role {role} cannot log in (NOLOGIN), and a grant to it would not reach its "
        "members; grant each person's own login role.",
    ),
    "pg.no_answer": (
        "共享数据库 {where} 在 {seconds} 秒内没有应答；请检查地址和端口是否指向 PostgreSQL 服务器，或稍后再试。",
        "The shared database {where} did not answer within {seconds} s; check that the address "
        "and port are a PostgreSQL server's, or try again later.",
    ),
    "pg.busy": (
        "共享数据库 {where} 正忙：{holders}占用超过 {seconds} 秒，未作任何更改；请稍后再试，或请对方结束未完成的操作。",
        "The shared database {where} is busy: {holders} held things up for more than "
        "{seconds} s, and nothing was changed; try again in a moment, or ask them to finish "
        "what they left open.",
    ),
    "pg.holder": ("角色 {role}（进程 {pid}）", "the role {role} (process {pid})"),
    "pg.holder_unknown": ("另一会话", "another session"),
    "pg.too_slow": (
        "共享数据库 {where} 在 {seconds} 秒内未能完成该操作，已停止，未作任何更改；请稍后再试，或调大 TARGETTRACK_BUSY_TIMEOUT。",
        "The shared database {where} did not finish this within {seconds} s, so it was "
        "stopped and nothing was changed; try again later, or raise TARGETTRACK_BUSY_TIMEOUT.",
    ),
    "pg.purge_reason": (
        "请用 --reason 说明清除原因，它会和清除记录一起保存。",
        "Say why with --reason; it is kept with the record of the purge.",
    ),
    "pg.purge_not_owner": (
        "只有拥有 targettrack 表的角色（运行 db upgrade 的角色）才能清除数据；角色 {role} 不是。",
        "Only the role that owns targettrack's tables (the one that runs db upgrade) may "
        "purge figures; the role {role} does not.",
    ),
    "pg.purge_nothing": (
        "共享数据库中没有 {region} {year}年的数据，未作任何更改。",
        "The shared database holds no figures of {region} for {year}; nothing was changed.",
    ),
    "pg.purge_confirm": (
        "这将永久删除 {region} {year}年的全部{count}条数据（含所有历史版本），未作任何更改；确认请加 --yes。",
        "This removes all {count} figures of {region} for {year} for good (every version); "
        "nothing was changed. Add --yes to go ahead.",
    ),
    "pg.purged": (
        "已清除 {region} {year}年的{count}条数据（含所有历史版本）；清除记录（执行人、时间、原因）保存在 targettrack.purges。",
        "Purged the {count} figures of {region} for {year} (every version); the record of "
        "who, when and why is in targettrack.purges.",
    ),
    "pg.copy_overlap": (
        "共享数据库 {where} 中已有 {region} {year}年的数据；db copy 只迁入该库尚无数据的地区和年份，未作任何更改。",
        "The shared database {where} holds figures of {region} for {year} already; db copy "
        "moves a history only into regions and years that have none there. Nothing was "
        "changed.",
    ),
    "pg.copy_versions": (
        "本地数据库中{target}{period}的第{version}版前缺少版本，无法原样迁入，未作任何更改。",
        "The local database numbers {target} {period} version {version} without the versions "
        "before it, so it cannot be moved in as it is; nothing was changed.",
    ),
    "pg.copy_batch_taken": (
        "共享数据库中已有导入批次 {batch}，与本地历史中的批次同名，未作任何更改。",
        "The shared database has an import batch {batch} already, the same id as one of the "
        "local history's; nothing was changed.",
    ),
    "pg.grant_kind": (
        "请指定 --department 单位名称、--admin 或 --read-only 之一。",
        "Give one of --department NAME, --admin or --read-only.",
    ),
    "pg.no_grants": ("尚无任何授权。", "No grants yet."),
    "pg.no_role": (
        "数据库中没有角色“{role}”；请先创建（CREATE ROLE）。",
        "There is no database role '{role}'; create it first (CREATE ROLE).",
    ),
    "pg.not_allowed": (
        "共享数据库 {where} 拒绝了该操作（{reason}）；请联系管理员授权。",
        "The shared database {where} refused this ({reason}); ask an administrator for the "
        "right to do it.",
    ),
    "pg.duplicate": (
        "共享数据库 {where} 中已有相同的数据（{reason}）；未作任何更改。",
        "The shared database {where} holds these figures already ({reason}); nothing was changed.",
    ),
    # -- doctor: one line per check, with what to do when something is wrong ----------------------
    "doctor.title": (
        "targettrack 诊断（把以下内容发给技术支持即可）",
        "targettrack diagnosis (send these lines to whoever supports you)",
    ),
    "doctor.ok": ("正常", "ok"),
    "doctor.problem": ("问题", "problem"),
    "doctor.advice": ("处理办法：{text}", "What to do: {text}"),
    "doctor.all_ok": ("一切正常。", "Everything is in order."),
    "doctor.problems": (
        "发现{count}处问题；请按上面的处理办法逐条解决。",
        "{count} problem(s) found; follow what to do above, line by line.",
    ),
    "doctor.check_failed": (
        "{topic}：检查时出错（{reason}）",
        "{topic}: the check itself failed ({reason})",
    ),
    "doctor.check_failed_fix": (
        "请把本诊断的全部输出发给技术支持。",
        "Send the whole output of this diagnosis to whoever supports you.",
    ),
    "doctor.from_option": ("来自 {option}", "from {option}"),
    "doctor.from_env": ("来自环境变量 {variable}", "from the variable {variable}"),
    "doctor.from_default": ("默认位置", "the default"),
    "doctor.from_bundled": ("程序自带", "bundled"),
    "doctor.from_locale": ("跟随系统区域设置", "following the locale"),
    "doctor.version": ("版本：targettrack {version}", "Version: targettrack {version}"),
    "doctor.version_bundle": (
        "版本：targettrack {version}（由离线安装包 {bundle} 于 {installed} 安装）",
        "Version: targettrack {version} (installed from the offline bundle {bundle} on "
        "{installed})",
    ),
    "doctor.python": ("Python：{version}（{executable}）", "Python: {version} ({executable})"),
    "doctor.platform": ("系统：{system}（{machine}）", "System: {system} ({machine})"),
    "doctor.console": (
        "控制台编码：{encoding}，可以显示中文和判定符号",
        "Console encoding: {encoding}, which shows Chinese and the verdict symbols",
    ),
    "doctor.console_bad": (
        "控制台编码：{encoding}，无法显示中文或判定符号，输出中会出现问号",
        "Console encoding: {encoding}, which cannot show Chinese or the verdict symbols; "
        "they come out as question marks",
    ),
    "doctor.console_fix": (
        "Windows 上请在控制台运行 chcp 936 后再试；Linux 上请设置 LANG=zh_CN.UTF-8；也可设置环境变量 PYTHONIOENCODING=utf-8。",
        "On Windows run chcp 936 in the console and try again; on Linux set "
        "LANG=zh_CN.UTF-8; or set the variable PYTHONIOENCODING=utf-8.",
    ),
    "doctor.language": ("界面语言：{lang}（{source}）", "Language: {lang} ({source})"),
    "doctor.language_bad": ("界面语言：{reason}", "Language: {reason}"),
    "doctor.language_fix": (
        "请把 TARGETTRACK_LANG 设为 zh 或 en，或删除该变量。",
        "Set TARGETTRACK_LANG to zh or en, or unset it.",
    ),
    "doctor.lang_zh": ("中文", "Chinese"),
    "doctor.lang_en": ("英文", "English"),
    "doctor.catalogue": (
        "目标库：{path}（{source}），{years}年，最新一年{count}个指标",
        "Catalogue: {path} ({source}), {years}, {count} targets in the latest year",
    ),
    "doctor.catalogue_regions": (
        "目标库：{path}（{source}），{count}个地区：{regions}",
        "Catalogue: {path} ({source}), {count} regions: {regions}",
    ),
    "doctor.catalogue_bad": (
        "目标库：{path}（{source}）无法使用：{reason}",
        "Catalogue: {path} ({source}) cannot be used: {reason}",
    ),
    "doctor.catalogue_fix": (
        "请运行“targettrack check”查看每一处问题并改正，或用 --targets 指定正确的目标库。",
        "Run 'targettrack check' to see every problem and correct it, or name the right "
        "catalogue with --targets.",
    ),
    "doctor.db": (
        "数据库：{path}（{source}），结构第{schema}版，已存{figures}条数据（含历史版本）",
        "Database: {path} ({source}), schema {schema}, {figures} figures stored (every version)",
    ),
    "doctor.db_older": (
        "数据库：{path}（{source}），结构第{schema}版，下次使用时自动升级到第{known}版，已存{figures}条数据",
        "Database: {path} ({source}), schema {schema}, upgraded to {known} when next used; "
        "{figures} figures stored",
    ),
    "doctor.db_empty": (
        "数据库：{path}（{source}）是空文件，第一次录入时建立数据表",
        "Database: {path} ({source}) is an empty file; its tables are made at the first record",
    ),
    "doctor.db_new": (
        "数据库：{path}（{source}）尚未建立，第一次录入时自动建立",
        "Database: {path} ({source}) does not exist yet; it is made at the first record",
    ),
    "doctor.db_newer": (
        "数据库：{path}（{source}）由较新版本的 targettrack 写入（结构第{schema}版，本程序只认识到第{known}版）",
        "Database: {path} ({source}) was written by a newer targettrack (schema {schema}; "
        "this one knows up to {known})",
    ),
    "doctor.db_newer_fix": (
        "请安装较新版本的 targettrack（使用最新的离线安装包）。",
        "Install a newer targettrack (the latest offline bundle).",
    ),
    "doctor.db_bad": (
        "数据库：{path}（{source}）无法读取：{reason}",
        "Database: {path} ({source}) cannot be read: {reason}",
    ),
    "doctor.db_bad_fix": (
        "请用 --db 或环境变量 TARGETTRACK_DB 指定正确的数据库文件；文件损坏时请从备份恢复。",
        "Name the right database file with --db or TARGETTRACK_DB; restore a damaged file "
        "from its backup.",
    ),
    "doctor.db_read_only": (
        "数据库：{path}（{source}）只能读取，不能写入：可以查看，不能录入",
        "Database: {path} ({source}) is read-only: figures can be seen, not recorded",
    ),
    "doctor.db_unwritable": (
        "数据库：{path}（{source}）尚未建立，而且无法在 {folder} 中建立",
        "Database: {path} ({source}) does not exist yet and cannot be made in {folder}",
    ),
    "doctor.db_place_fix": (
        "请检查该文件和文件夹的权限，或用 --db、环境变量 TARGETTRACK_DB 指定一个可写的位置。",
        "Check the permissions of the file and its folder, or name a writable place with "
        "--db or TARGETTRACK_DB.",
    ),
    "doctor.pg": (
        "共享数据库：{where}（{source}），PostgreSQL {server}，以角色 {role} 连接（{access}），结构第{schema}版，已存{figures}条数据",
        "Shared database: {where} ({source}), PostgreSQL {server}, connected as the role "
        "{role} ({access}), schema {schema}, {figures} figures stored",
    ),
    "doctor.pg_bad": (
        "共享数据库：{where}（{source}）：{reason}",
        "Shared database: {where} ({source}): {reason}",
    ),
    "doctor.pg_bad_fix": (
        "请检查服务器地址和端口、本机到服务器的网络、用户名和密码（~/.pgpass 或 PGPASSWORD）；服务器管理员可检查 pg_hba.conf 是否允许本机连接。",
        "Check the server's address and port, the network from here to it, the user and "
        "password (~/.pgpass or PGPASSWORD); the server's administrator can check that "
        "pg_hba.conf lets this computer in.",
    ),
    "doctor.pg_no_driver": (
        "共享数据库：{where}（{source}）需要 PostgreSQL 驱动 psycopg，但未安装",
        "Shared database: {where} ({source}) needs the PostgreSQL driver psycopg, which is "
        "not installed",
    ),
    "doctor.pg_driver_fix": (
        "用离线安装包安装的，请加 --postgres 重新运行安装脚本（install.bat --postgres 或 sh install.sh --postgres）；否则运行 pip install 'targettrack[postgres]'。",
        "If installed from the offline bundle, run its install script again with --postgres "
        "(install.bat --postgres or sh install.sh --postgres); else pip install "
        "'targettrack[postgres]'.",
    ),
    "doctor.pg_no_access": (
        "共享数据库：{where}（{source}），以角色 {role} 连接，但该角色未获任何授权，无法读取数据",
        "Shared database: {where} ({source}), connected as the role {role}, which has been "
        "granted nothing and cannot read the figures",
    ),
    "doctor.pg_no_access_fix": (
        "请管理员运行 targettrack db grant {role} --department 单位名称（或 --read-only）。",
        "Ask an administrator to run targettrack db grant {role} --department NAME (or "
        "--read-only).",
    ),
    "doctor.pg_no_department": (
        "共享数据库：{where}（{source}），以角色 {role} 连接，可以查看，但尚未授予任何单位，不能录入",
        "Shared database: {where} ({source}), connected as the role {role}, which may read "
        "but has no department granted and cannot record",
    ),
    "doctor.pg_not_set_up": (
        "共享数据库：{where}（{source}），以角色 {role} 连接，但数据库尚未建立 targettrack 的数据表",
        "Shared database: {where} ({source}), connected as the role {role}, but targettrack's "
        "tables are not set up there",
    ),
    "doctor.pg_upgrade_fix": (
        "请管理员运行 targettrack db upgrade --db {where}。",
        "Ask an administrator to run targettrack db upgrade --db {where}.",
    ),
    "doctor.pg_older": (
        "共享数据库：{where}（{source}），以角色 {role} 连接，结构第{schema}版，需升级到第{known}版才能使用",
        "Shared database: {where} ({source}), connected as the role {role}, schema {schema}; "
        "it needs upgrading to {known} before use",
    ),
    "doctor.pg_newer": (
        "共享数据库：{where}（{source}），以角色 {role} 连接，由较新版本的 targettrack 建立（结构第{schema}版，本程序只认识到第{known}版）",
        "Shared database: {where} ({source}), connected as the role {role}, set up by a newer "
        "targettrack (schema {schema}; this one knows up to {known})",
    ),
    "doctor.access_superuser": ("超级用户", "a superuser"),
    "doctor.access_admin": ("管理员，可录入全部指标", "an administrator: records every target"),
    "doctor.access_departments": ("可录入：{departments}", "records for: {departments}"),
    "doctor.access_reader": ("只读", "read-only"),
    "doctor.cache": ("缓存：{path}（{source}）", "Cache: {path} ({source})"),
    "doctor.cache_off": (
        "缓存：已关闭（环境变量 {variable} 为空），每条命令都会重新校验目标库",
        "Cache: off (the variable {variable} is empty); every command validates the catalogue "
        "again",
    ),
    "doctor.cache_unwritable": (
        "缓存：{path}（{source}）无法写入，每条命令都会重新校验目标库，速度较慢",
        "Cache: {path} ({source}) cannot be written; every command validates the catalogue "
        "again, which is slower",
    ),
    "doctor.cache_fix": (
        "请把环境变量 {variable} 设为一个可写的文件夹，或设为空以关闭缓存。",
        "Set the variable {variable} to a writable folder, or to nothing to turn the cache off.",
    ),
    "doctor.driver": (
        "PostgreSQL 驱动：psycopg {version}，可以连接共享数据库",
        "PostgreSQL driver: psycopg {version}, for a shared database",
    ),
    "doctor.driver_absent": (
        "PostgreSQL 驱动：未安装（只有连接共享数据库时需要）",
        "PostgreSQL driver: not installed (needed only for a shared database)",
    ),
    "doctor.driver_broken": (
        "PostgreSQL 驱动：已安装但无法载入（{reason}）",
        "PostgreSQL driver: installed but cannot be loaded ({reason})",
    ),
    "doctor.libraries": ("依赖库：{libraries}", "Libraries: {libraries}"),
    "doctor.libraries_broken": (
        "依赖库：{libraries} 无法载入（{reason}）",
        "Libraries: {libraries} cannot be loaded ({reason})",
    ),
    "doctor.reinstall_fix": (
        "请重新运行离线安装包中的安装脚本（install.bat 或 sh install.sh），或运行 pip install --force-reinstall targettrack。",
        "Run the offline bundle's install script again (install.bat or sh install.sh), or "
        "pip install --force-reinstall targettrack.",
    ),
    "region.count": ("{count}个地区", "{count} regions"),
    "region.counted": ("{region}{year}年{count}个指标", "{region} {count} targets for {year}"),
    "region.no_children": (
        "{year}年没有上级为“{parent}”的地区；请检查 --parent 和各地区目标库中的 parent。",
        "No region of {year} names '{parent}' as its parent; check --parent and the catalogues' "
        "parent.",
    ),
    "region.no_target": (
        "{year}年没有任何地区有指标“{target}”。",
        "No region has a target '{target}' in {year}.",
    ),
    "rollup.needs_levels": (
        "不汇总：增速只能由各下级的本年与上年累计值推算，缺少者：{missing}（增速不能平均）",
        "no roll-up: a rate comes only from the children's levels and priors, which {missing} "
        "lack (rates are not averaged)",
    ),
    "rollup.kind": (
        "不汇总：{kind}类指标没有可加总的数值",
        "no roll-up: {kind} target has no figure to add up",
    ),
    "rollup.other_dimension": (
        "以{unit}计，与{wanted}不是同一量纲，未计入",
        "in {unit}, which is not of the same dimension as {wanted}: not added",
    ),
    "rollup.none_added": (
        "不汇总：没有可与上级单位相加的下级数据",
        "no roll-up: no child's figure can be added in the parent's unit",
    ),
    "rollup.no_prior": (
        "不汇总：下级上年同期值合计为零，无法计算增速",
        "no roll-up: the children's prior values add up to zero, so there is no rate",
    ),
    "region.choose": (
        "目标库中有多个地区；请用 --region 或 TARGETTRACK_REGION 选择其一：{regions}。",
        "The catalogue holds several regions; choose one with --region or TARGETTRACK_REGION: "
        "{regions}.",
    ),
    "rollup.one_region": (
        "目标库只有一个地区（{region}），无从汇总；汇总请用 --targets 指向按地区分子文件夹的目标库，"
        "每个下级地区的目标文件写明 parent。",
        "The catalogue holds one region ({region}): there is nothing to roll up; point "
        "--targets at a folder with a subfolder per region, each child naming its parent.",
    ),
    "region.unknown": (
        "目标库中没有地区“{region}”；可选：{regions}。",
        "The catalogue has no region '{region}'; choose one of: {regions}.",
    ),
    "region.folder": (
        "{path}：region_id 为“{id}”，但所在文件夹为“{folder}”；请使两者一致。",
        "{path}: region_id is '{id}' but the file lies in the folder '{folder}'; make the two "
        "agree.",
    ),
    "region.own_parent": (
        "{path}：地区“{id}”把自己写作上级（parent）；请删除 parent 或改为其上级地区。",
        "{path}: the region '{id}' names itself as its parent; remove parent or name the region "
        "above it.",
    ),
    "region.cycle": (
        "{year}年的上级关系成环：{loop}；请改正其中一个 parent。",
        "The parents of {year} go round in a circle: {loop}; correct one of these parents.",
    ),
    "region.duplicate_name": (
        "{year}年有多个地区名为“{name}”（{ids}）；请改名，使每个地区的名称唯一。",
        "Several regions of {year} are named '{name}' ({ids}); rename them so that each name "
        "is one region's.",
    ),
    "region.same_name": (
        "有多个地区名为“{name}”：{ids}；请用 --region 给出其编号。",
        "Several regions are named '{name}': {ids}; give --region its id instead.",
    ),
    "region.no_parent": (
        "{path}：上级地区“{parent}”不在目标库中；请添加其文件夹或改正 parent。",
        "{path}: the parent region '{parent}' is not in the catalogue; add its folder or "
        "correct parent.",
    ),
    # -- the catalogue ----------------------------------------------------------------------------
    "catalogue.no_year": (
        "目标库没有{year}年的目标（现有 {have}）；请选择这些年份之一，或用 --targets 指向含该年份的目标库。",
        "The catalogue has no targets for {year} (it has {have}); choose one of those years "
        "or point --targets at a catalogue that has it.",
    ),
    "catalogue.problems": (
        "{path}：目标库有{count}处问题。",
        "{path}: the catalogue has {count} {problems}.",
    ),
    "catalogue.problem_one": ("", "problem"),
    "catalogue.problem_many": ("", "problems"),
    "catalogue.empty_folder": (
        "{path}：文件夹中没有 年份.toml 文件（例如 2023.toml）；请把每年的目标放在以年份命名的文件中。",
        "{path}: the folder holds no YEAR.toml files (such as 2023.toml); put the targets of "
        "each year in a file named for the year.",
    ),
    "catalogue.missing": (
        "{path}：目标文件或文件夹不存在；请检查 --targets 或 {variable} 给出的路径。",
        "{path}: no such targets file or folder; check the path given to --targets or {variable}.",
    ),
    "catalogue.unreadable": (
        "{path}：无法读取（{reason}）；请检查路径和权限。",
        "{path}: cannot be read ({reason}); check the path and its permissions.",
    ),
    "cat.at": ("{where}：{problem}", "{where}: {problem}"),
    "cat.in_file": ("{path}：{problem}", "{path}: {problem}"),
    "cat.unknown_key": (
        "未知的键；请删除或改正拼写",
        "unknown key; remove it or correct its spelling",
    ),
    "cat.missing": ("缺少必填项", "required field is missing"),
    "cat.not_number": (
        "须为数字（如 7 或 7.5，不加引号）",
        "must be a number (such as 7 or 7.5, without quotes)",
    ),
    "cat.not_whole": ("须为整数", "must be a whole number"),
    "cat.not_text": ("须为文字（加引号）", "must be text (in quotes)"),
    "cat.not_table": ("须为一节（[…] 或 { … }）", "must be a table ([…] or { … })"),
    "cat.not_list": ("须为列表（[ … ]）", "must be a list ([ … ])"),
    "cat.not_finite": (
        "须为有限数值，不能是 inf 或 nan",
        "must be a finite number, not inf or nan",
    ),
    "cat.bad_id": (
        "只能由小写字母、数字和 _ 组成，并以字母开头",
        "must be lower-case letters, digits and _, starting with a letter",
    ),
    "cat.control": ("不能含控制字符", "must not contain control characters"),
    "cat.one_of": ("须为以下之一：{expected}", "must be one of {expected}"),
    "cat.day_range": (
        "报送截止日须是1至31之间的日子（次月第几日；超过当月天数时按当月最后一天）",
        "the due day must be a day from 1 to 31 of the following month (past a month's end, its "
        "last day)",
    ),
    "cat.bad_email": (
        "不是电子邮件地址；请写 name@example.gov.cn 这样的地址，或留空",
        "is not an e-mail address; write one such as name@example.gov.cn, or leave it empty",
    ),
    "cat.calendar_repeated": (
        "单位“{department}”在报送日历中出现了两次；每个单位只写一次",
        "the department '{department}' is in the calendar twice; name each department once",
    ),
    "cat.calendar_unknown": (
        "报送日历中的“{department}”不负责本目标库的任何指标；已有的责任单位：{owners}",
        "'{department}' in the calendar owns no target of this catalogue; the departments are: "
        "{owners}",
    ),
    "cat.other": ("{text}", "{text}"),
    "cat.region_id_missing": (
        '缺少必填项；请为地区加一个由小写字母组成的简短编号，例如 region_id = "luojiang"：数据按它保存',
        "required field is missing; add a short id for the region in lower-case letters, such "
        'as region_id = "luojiang": figures are stored under it',
    ),
    "cat.too_many_decimals": ("小数超过{max}位；请取舍", "has more than {max} decimals; round it"),
    "cat.rate_range": (
        "增速须在 {low}% 与 {high}% 之间",
        "a rate must lie between {low} % and {high} %",
    ),
    "cat.too_large": ("对于{unit}大得不合常理", "is implausibly large for {unit}"),
    "cat.rate_unit": (
        '{kind}类指标是增速，单位须为 "%"',
        '{kind} target is a rate, so its unit must be "%"',
    ),
    "cat.needs_unit": (
        "{kind}类指标需要单位，可选：{units}",
        "{kind} target needs a unit, one of: {units}",
    ),
    "cat.milestone_unit": (
        "任务类指标没有单位；请删除该键",
        "a milestone has no unit; remove the key",
    ),
    "cat.growth_needs_target": (
        "增速指标需要目标增速（%）",
        "a growth target needs its target rate in percent",
    ),
    "cat.needs_target": ("{kind}类指标需要目标值", "{kind} target needs its target value"),
    "cat.amount_positive": ("总量目标须大于零", "an amount target must be greater than zero"),
    "cat.level_negative": ("水平目标不能为负", "a level target cannot be negative"),
    "cat.milestone_target": (
        "任务类指标没有目标值；请删除该键",
        "a milestone has no target value; remove the key",
    ),
    "cat.relative_needs_ref": (
        "同步类指标须指明所对照的指标",
        "a relative target must name the target it follows",
    ),
    "cat.only_relative_ref": (
        "只有同步类指标可以对照其他指标",
        "only a relative target may name another target",
    ),
    "cat.schedule_amount_only": (
        "只有总量指标可以有计划进度",
        "only an amount target can have a planned schedule",
    ),
    "cat.schedule_rise": (
        "计划进度须逐月递增且不超过100",
        "planned shares must rise month by month and stay within 100",
    ),
    "cat.schedule_yearly": (
        "每年只有一个数据的指标没有年内进度，不能设置 schedule；请删除 schedule 或改 frequency",
        "a target whose figure comes once a year has no pace through the year, so no "
        "schedule; remove the schedule or change the frequency",
    ),
    "cat.unknown_unit": ("“{unit}”不是可识别的单位", "'{unit}' is not a unit this tool knows"),
    "cat.targets_missing": (
        "缺少必填项；请至少加一个 [[targets]] 表",
        "required field is missing; add at least one [[targets]] table",
    ),
    "cat.targets_not_array": (
        "须为 [[targets]] 表的数组",
        "must be an array of [[targets]] tables",
    ),
    "cat.targets_empty": (
        "文件中没有指标；请至少加一个 [[targets]] 表",
        "the file has no targets; add at least one [[targets]] table",
    ),
    "cat.group_repeated": (
        "分组编号“{group}”出现了不止一次",
        "the group id '{group}' appears more than once",
    ),
    "cat.duplicate_id": (
        "编号重复；{other} 的编号也是“{id}”",
        "duplicate id; {other} has the same id '{id}'",
    ),
    "cat.unknown_group": (
        "“{group}”不是已定义的分组（{groups}）",
        "'{group}' is not one of the [[groups]] ({groups})",
    ),
    "cat.ref_missing": (
        "所对照的“{ref}”不是本文件中的指标",
        "names '{ref}', which is not a target here",
    ),
    "cat.ref_not_growth": (
        "“{ref}”是{kind}类指标；同步类指标只能对照增速指标",
        "'{ref}' is {kind} target; a relative target follows a growth target",
    ),
    "cat.year_name": (
        "year：文件名表示{named}年，文件中却写 year = {year}；请使两者一致",
        "year: the file is named for {named} but says year = {year}; make the two agree",
    ),
    "cat.not_utf8": ("不是 UTF-8 文本；请另存为 UTF-8", "is not UTF-8 text; save it as UTF-8"),
    "cat.toml_at": (
        "第{line}行第{column}列：TOML 语法错误：{reason}。",
        "line {line}, column {column}: TOML syntax error: {reason}.",
    ),
    "toml.invalid_value": (
        "值无效（文字须加引号，数字不加）",
        "invalid value (text in quotes, numbers without)",
    ),
    "toml.declared_twice": ("同一节写了两次", "a table is declared twice"),
    "toml.key_twice": ("同一个键写了两次", "a key is given twice"),
    "toml.unterminated_string": ("引号没有闭合", "a string is not closed"),
    "toml.unclosed_array": ("方括号没有闭合", "a list is not closed"),
    "toml.expected_equals": ("键后面缺少等号", "a key is not followed by ="),
    "toml.invalid_statement": ("这一行不是有效的写法", "the line is not a valid statement"),
    "toml.illegal_character": ("有不允许的字符", "an illegal character"),
    "toml.unclosed_table": ("表头 [...] 缺少结尾的 ]", "a table's header lacks its closing ]"),
    "toml.unclosed_table_array": (
        "表头 [[...]] 缺少结尾的 ]]",
        "an array of tables' header lacks its closing ]]",
    ),
    "toml.one_per_line": (
        "一行只能写一项，这一项之后还有别的内容",
        "a line holds one statement, and something follows this one",
    ),
    "toml.unclosed_inline": (
        "行内表 {{...}} 缺少结尾的 }}",
        "an inline table lacks its closing }}",
    ),
    "toml.bad_date": (
        "日期不存在或写法不对，应写作 2023-01-06 这样的日期",
        "a date that does not exist or is written wrongly; write one such as 2023-01-06",
    ),
    "toml.bad_key": ("键名的写法不对", "a key written wrongly"),
    "toml.backslash": (
        "字符串中的反斜杠须写成两个（\\\\），或改用单引号",
        "a backslash in a string must be doubled (\\\\), or the string single-quoted",
    ),
    "toml.bad_escape": ("字符串中的转义写法不对", "an escape in a string written wrongly"),
    "toml.expected": ("缺少应有的符号（引号、括号或等号）", "a quote, bracket or = is missing"),
    "cat.toml": ("TOML 语法错误：{reason}。", "TOML syntax error: {reason}."),
    "catalogue.checked": ("正常：{origin}：{parts}。", "OK: {origin}: {parts}."),
    "catalogue.count": ("{year}年{count}个指标", "{count} targets for {year}"),
    "os.name_too_long": ("文件名超过系统允许的长度", "the name is longer than the system allows"),
    "os.no_such_file": ("文件或文件夹不存在", "no such file or folder"),
    "os.permission": ("没有访问权限", "permission denied"),
    "os.is_folder": ("这是一个文件夹，不是文件", "it is a folder, not a file"),
    "os.not_folder": ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    "os.disk_full": ("磁盘空间已满", "the disk is full"),
    "os.read_only": ("磁盘只读", "the disk is read-only"),
    "os.loop": ("路径中的链接形成循环", "the path's links form a loop"),
    "os.busy": ("文件正被占用", "the file is in use"),
    "os.exists": ("文件已存在", "the file exists already"),
    "os.io": ("读写磁盘出错", "the disk could not be read or written"),
    "path.no_home": (
        "无法使用路径 {path}：{reason}；请写出完整路径。",
        "Cannot use the path {path}: {reason}; write the whole path instead.",
    ),
    "os.no_home": (
        "路径中的 ~用户名 指向不存在的用户",
        "the ~name in the path names no user of this machine",
    ),
    # -- the monthly report ----------------------------------------------------------------------
    "report.title": (
        "{region}{period}主要经济指标完成情况",
        "{region}: the main targets, {period}",
    ),
    "report.section_overview": ("总体情况", "Overview"),
    "report.section_targets": ("主要指标完成情况", "The targets one by one"),
    "report.section_lagging": ("滞后指标及原因", "Targets behind, and why"),
    "report.section_outlook": ("全年预计", "The outlook for the year"),
    "report.section_table": ("附表：{title}", "Table: {title}"),
    "report.overview": (
        "{period}，{whole}{total}项指标中，{parts}{late}。",
        "In {period}, of {whole}'s {total} targets: {parts}{late}.",
    ),
    "report.count": ("{verdict}{count}项", "{count} {verdict}"),
    "report.late_departments": (
        "；{count}个责任单位未按时报送数据",
        "; {count} departments have not sent their figures on time",
    ),
    "report.intro": ("{period}，{whole}", "In {period}, in {whole}, "),
    "report.group": ("{name}", "{name}"),
    "report.grew": ("增长{rate}", "grew {rate}"),
    "report.fell": ("下降{rate}", "fell {rate}"),
    "report.level": ("完成{level}，", " reached {level} and"),
    "report.derived": ("（名义增速，按累计值推算）", " (nominal, derived from the levels)"),
    "report.growth": (
        "{name}{level}{rate}{derived}，{against}",
        "{name}{level} {rate}{derived}, {against}",
    ),
    "report.above": ("高于", "above"),
    "report.below": ("低于", "below"),
    "report.faster": ("快于", "ahead of"),
    "report.slower": ("慢于", "behind"),
    "report.vs_target": (
        "{side}年度目标{points}个百分点",
        "{points} percentage points {side} the year's target",
    ),
    "report.same_as_target": ("与年度目标持平", "level with the year's target"),
    "report.amount": (
        "{name}完成{actual}，占年度目标的{completion}，{pace}{yoy}",
        "{name} reached {actual}, {completion} of the year's target, {pace}{yoy}",
    ),
    "report.vs_pace": (
        "{side}序时进度{points}个百分点",
        "{points} percentage points {side} the time-elapsed pace",
    ),
    "report.same_as_pace": ("与序时进度持平", "level with the time-elapsed pace"),
    "report.yoy_up": ("，同比增长{rate}", ", up {rate} on the same period of last year"),
    "report.yoy_down": ("，同比下降{rate}", ", down {rate} on the same period of last year"),
    "report.relative": ("{name}{rate}，{against}", "{name} {rate}, {against}"),
    "report.vs_reference": (
        "{side}{reference}增速{points}个百分点",
        "{points} percentage points {side} the growth of {reference}",
    ),
    "report.same_as_reference": ("与{reference}增速持平", "level with the growth of {reference}"),
    "report.relative_alone": ("{name}{rate}", "{name} {rate}"),
    "report.milestone": ("{name}{state}", "{name}: {state}"),
    "report.level_target": (
        "{name}{actual}，{beyond}（{bound}）",
        "{name} stood at {actual}, {beyond} ({bound})",
    ),
    "report.bound_at_least": ("目标不低于{target}", "the target is at least {target}"),
    "report.bound_at_most": ("上限为{target}", "the ceiling is {target}"),
    "report.above_floor": ("高于目标{margin}", "{margin} above the target"),
    "report.below_floor": ("低于目标{margin}", "{margin} short of the target"),
    "report.under_ceiling": ("低于上限{margin}", "{margin} under the ceiling"),
    "report.over_ceiling": ("超出上限{margin}", "{margin} over the ceiling"),
    "report.at_ceiling": ("与上限持平", "at the ceiling"),
    "report.at_floor": ("与目标持平", "level with the target"),
    "report.unbounded": ("无上限", "no upper bound"),
    "report.as_of_own": ("{name}（截至{period}）", "{name} (as of {period})"),
    "report.outlook_amount": (
        "{name}全年预计{value}{range}，约为年度目标的{pct}，{word}{rest}",
        "{name} is projected to reach {value}{range} by the year's end, {pct} of the year's "
        "target: {word}{rest}",
    ),
    "report.outlook_growth": (
        "{name}全年预计增长{value}{range}，{word}{needed}",
        "{name} is projected to grow {value}{range} for the year: {word}{needed}",
    ),
    "report.outlook_fall": (
        "{name}全年预计下降{value}{range}，{word}{needed}",
        "{name} is projected to fall {value}{range} for the year: {word}{needed}",
    ),
    "report.outlook_other": ("{name}：{word}", "{name}: {word}"),
    "report.outlook_ceiling": (
        "{name}全年预计{value}{range}，{beyond}，{word}",
        "{name} is projected at {value}{range} for the year, {beyond}: {word}",
    ),
    "report.points": ("{points}个百分点", "{points} percentage points"),
    "report.range": ("（{low}～{high}）", " ({low} to {high})"),
    "report.rest_amount": (
        "；其余{months}个月需完成{remaining}",
        "; the remaining {months} months must bring {remaining}",
    ),
    "report.needed": (
        "；其余月份需增长{needed}方能完成年度目标",
        "; the rest of the year must grow {needed} to meet the target",
    ),
    "report.needed_fall": (
        "；其余月份即使下降{needed}也能完成年度目标",
        "; the target is met even if the rest of the year falls {needed}",
    ),
    "report.department": ("（责任单位：{department}）", " (responsible: {department})"),
    "report.reason": ("原因分析：{text}", "Why: {text}"),
    "report.measures": ("下步措施：{text}", "What next: {text}"),
    "report.no_reason": ("（尚未报送原因）", "(no reason sent yet)"),
    "report.no_lagging": ("本期没有滞后指标。", "No target is behind in this period."),
    "report.bad_date": (
        "“{text}”不是日期；请写成 2023-07-12。",
        "'{text}' is not a date; write it as 2023-07-12.",
    ),
    "template.nothing_due": (
        "{who}的指标在{period}都不报送（按季度、半年或全年报送）；请给出它们的报送期别，如上半年。",
        "No target of {who} reports for {period} (they report by quarter, half-year or year); "
        "give one of their periods, such as 2023-H1.",
    ),
    "template.title": (
        "{region}{period}主要经济指标填报表",
        "{region}: the figures of {period}",
    ),
    "template.title_department": (
        "{region}{period}主要经济指标填报表（{department}）",
        "{region}: the figures of {period} ({department})",
    ),
    "template.due": (
        "请于{date}前报送{besides}；滞后的指标请填写原因分析和下步措施。",
        "Due by {date}{besides}; for a target behind, fill in the reason and the next measures.",
    ),
    "template.due_of": ("{departments}{date}前", "{departments} by {date}"),
    "template.due_besides": ("（{dates}）", " ({dates})"),
    "edition.unknown": (
        "没有名为“{name}”的版本；已发布的版本：{names}。",
        "There is no edition named '{name}'; the editions are: {names}.",
    ),
    "edition.blank": (
        "--name 为空；请给出版本名称，或不写 --name。",
        "--name is blank; give a name, or leave --name out.",
    ),
    "edition.both": (
        "--edition 和 --as-known-at 只能用其中一个。",
        "Give --edition or --as-known-at, not both.",
    ),
    "edition.early_date": (
        "{period}的报告不能早于该期结束，{date}太早；请给出报送的实际日期。",
        "A report of {period} is dated after the period ends, and {date} is too early; give "
        "the day it was sent.",
    ),
    "regions.broken": (
        "目标库的地区设置有{count}处错误（targettrack check 可列出全部），改正前不能跨地区比较或"
        "汇总。第一处：{problem}",
        "The catalogue's regions have {count} problem(s) (targettrack check lists them all) and "
        "cannot be compared or rolled up until they are corrected. The first: {problem}",
    ),
    "regions.with_option": (
        "status --regions（或 --parent）按地区并列主要指标，不支持 {option}；请去掉 {option}，"
        "或去掉 --regions 和 --parent 查看单个地区。",
        "status --regions (or --parent) sets the regions side by side on their main targets "
        "and does not take {option}; drop {option}, or drop --regions and --parent to see one "
        "region.",
    ),
    "edition.with_option": (
        "--edition 重现的是该版次报送时的期别和日期，不能再加 {option}；请去掉其中一个。",
        "--edition shows the edition as it was sent, its period and date included; drop "
        "{option} or --edition.",
    ),
    "edition.bad_moment": (
        "“{text}”不是时间；请写成 2023-07-12（当天结束时）或 2023-07-12T10:30。",
        "'{text}' is not a moment; write 2023-07-12 (the end of that day) or 2023-07-12T10:30.",
    ),
    "edition.future": (
        "{moment}还没有到；--as-known-at 只能是过去的时间。",
        "{moment} has not come yet; --as-known-at takes a moment in the past.",
    ),
    "edition.too_early": (
        "截至{moment}还没有录入{year}年的任何数据；请给出第一条数据录入之后的时间。",
        "Nothing of {year} had been recorded by {moment}; give a moment after the first figure.",
    ),
    "edition.published": (
        "已发布版本“{name}”：{period}的报告，依据截至{at}的数据（{by}）。以后用 --edition {name} 重现。",
        "Published the edition '{name}': the report of {period}, as the figures stood at {at} "
        "(by {by}). Show it again with --edition {name}.",
    ),
    "compare.order": (
        "比较须从较早的期别到较晚的期别：{before}不早于{now}；请交换两者，或换一个期别。",
        "A comparison runs from an earlier period to a later one, and {before} is not before "
        "{now}; swap them or choose another.",
    ),
    "compare.edition_alone": (
        "compare --edition 不再需要期别：它比较该版本发送时与现在的同一期报表。",
        "compare --edition takes no periods: it compares the table an edition sent with the "
        "same table now.",
    ),
    "compare.two_periods": (
        "请给出两个期别（如 2023年1-6月 2023年1-5月），或用 --edition 给出一个版本。",
        "Give two periods (such as 2023-06 2023-05), or an edition with --edition.",
    ),
    "late.bad_day": (
        "“{text}”不是日期；请写成 2023-07-12。",
        "'{text}' is not a date; write it as 2023-07-12.",
    ),
    "late.title": ("数据报送情况（截至{day}）", "Figures not in (as of {day})"),
    "late.nobody": ("各单位应报数据均已报送。", "Every figure due is in."),
    "late.no_department": ("（未指定责任单位）", "(no department)"),
    "late.contact": ("（联系人：{person}，电话：{phone}）", " (contact: {person}, phone {phone})"),
    "remind.nobody": (
        "截至{day}没有逾期未报的单位，未生成催报通知。",
        "No department is late as of {day}; no notice was written.",
    ),
    "remind.year_over": (
        "{year}年的数据都已过报送截止日，没有待发的报送通知；催报请去掉 --all-departments。",
        "Every period of {year} is past its due date: there is no notice to send ahead; leave "
        "out --all-departments to chase what is late.",
    ),
    "notice.title_late": (
        "关于催报{period}主要经济指标数据的通知",
        "Reminder: the figures of {period} are overdue",
    ),
    "notice.title": (
        "关于报送{period}主要经济指标数据的通知",
        "Notice: the figures of {period} are due",
    ),
    "notice.to": ("{name}：", "To {name}:"),
    "notice.opening_late": (
        "按照主要经济指标报送要求，{period}数据应于{due}前报送。截至{today}，贵单位负责的以下{count}项指标数据尚未报送，最长已逾期{days}天：",
        "The figures of {period} were due by {due}. As of {today}, {count} figure(s) your "
        "department answers for have not been sent, the oldest {days} day(s) late:",
    ),
    "notice.opening": (
        "请于{due}前报送{period}主要经济指标数据。贵单位负责以下{count}项指标：",
        "Please send the figures of {period} by {due}. Your department answers for these "
        "{count} target(s):",
    ),
    "notice.item_late": (
        "{number}. {name}：应报{period}数据，截止{due}，已逾期{days}天",
        "{number}. {name}: the figure of {period}, due by {due}, {days} day(s) late",
    ),
    "notice.item": (
        "{number}. {name}：{period}数据，截止{due}",
        "{number}. {name}: the figure of {period}, due by {due}",
    ),
    "notice.file_title": ("催报通知（{day}）", "Notices of late figures ({day})"),
    "notice.since": ("，自{period}起未报送", ", missing since {period}"),
    "notice.sheet": (
        "请按要求尽快报送；滞后指标请一并报送原因分析和下步措施。填报表可用以下命令生成：",
        "Please send them as soon as you can, with the reasons and next measures of any target "
        "behind. The entry sheet is written by:",
    ),
    "notice.their_contact": (
        "贵单位联系人：{person}，电话：{phone}。",
        "Your contact on file: {person}, phone {phone}.",
    ),
    "notice.our_contact": (
        "联系人：{person}，电话：{phone}。",
        "Our contact: {person}, phone {phone}.",
    ),
    "notice.table_title": ("催报清单（{day}）", "Reminders ({day})"),
    "mail.bad_server": (
        "“{text}”不是邮件服务器；请写成 HOST 或 HOST:PORT，如 mail.example.gov.cn:25。",
        "'{text}' is not a mail server; write HOST or HOST:PORT, such as mail.example.gov.cn:25.",
    ),
    "mail.no_sender": (
        "目标库的报送日历没有办公室的电子邮箱（[calendar.office] 的 email），无法发送；未发送任何通知。",
        "The catalogue's calendar has no e-mail address for the office ([calendar.office] "
        "email), so nothing can be sent; no notice was sent.",
    ),
    "mail.no_recipient": (
        "报送日历中以下单位没有电子邮箱：{departments}；请在 [[calendar.departments]] 中补上 email。未发送任何通知。",
        "The calendar has no e-mail address for {departments}; add their email under "
        "[[calendar.departments]]. No notice was sent.",
    ),
    "mail.sent": ("已发送：{department} → {to}", "Sent: {department} → {to}"),
    "mail.refused_recipients": ("服务器拒收以下地址：{to}", "the server refused {to}"),
    "mail.server_said": ("服务器答复 {reply}：{said}", "the server replied {reply}: {said}"),
    "mail.disconnected": ("服务器中途断开了连接", "the server closed the connection"),
    "mail.timeout": ("服务器在限定时间内没有应答", "the server did not answer in time"),
    "mail.connection_refused": (
        "无法连接，服务器拒绝连接或未在运行",
        "the connection was refused: no mail server is running there",
    ),
    "mail.failed_none": (
        "邮件服务器 {server} 未能发送（{reason}）；没有发出任何通知。",
        "The mail server {server} did not take the notices ({reason}); none was sent.",
    ),
    "mail.failed": (
        "邮件服务器 {server} 未能发送（{reason}）；已发出的通知：{sent}，其余未发送。",
        "The mail server {server} did not take the notices ({reason}); sent before that: "
        "{sent}; the rest were not sent.",
    ),
    "report.no_figures": (
        "{year}年还没有任何数据，无法撰写报告；请先录入或导入数据。",
        "There are no figures for {year} yet, so there is nothing to report; record or import "
        "some first.",
    ),
    "report.no_figures_period": (
        "{period}没有任何数据，无法撰写报告；请选择有数据的期别，或先录入数据。",
        "There are no figures for {period}, so there is nothing to report; choose a period "
        "with figures, or record some first.",
    ),
    # -- the command line -------------------------------------------------------------------------
    "cli.error": ("错误：{text}", "Error: {text}"),
    "cli.interrupted": ("已中断；未再写入任何内容。", "Interrupted; nothing more was written."),
    "cli.unexpected": (
        "targettrack 遇到意外问题（{problem}）；请设置 {variable}=1 后重新运行以查看详情，并报告此问题。",
        "targettrack hit an unexpected problem ({problem}); run again with {variable}=1 to "
        "see the details, and report it.",
    ),
    "cli.usage": ("{text}（参见“{command} --help”）", "{text} (see '{command} --help')"),
    "cli.no_such_option": ("没有选项 {option}", "No such option: {option}"),
    "cli.extra_args": ("多余的参数：{args}", "Unexpected extra arguments: {args}"),
    "cli.no_such_command": ("没有命令“{name}”", "No such command '{name}'."),
    "cli.source_no_format": (
        "--source 输出目标库文件本身（TOML），不能同时指定 --format；请去掉其中一个。",
        "--source writes the catalogue file itself (TOML) and takes no --format; drop one of them.",
    ),
    "cli.missing": ("缺少{name}", "Missing {kind} '{name}'."),
    "cli.missing_option": ("缺少选项 {option}", "Missing option '{option}'."),
    "cli.needs_value": (
        "选项 {option} 后面须写上它的值",
        "Option '{option}' requires an argument.",
    ),
    "cli.takes_no_value": (
        "选项 {option} 是开关，不带值；请只写 {option}",
        "Option '{option}' does not take a value.",
    ),
    "cli.bad_value": ("{name} 的值无效：{reason}", "Invalid value for {name}: {reason}"),
    "cli.not_whole": ("“{value}”不是整数", "'{value}' is not a whole number."),
    "cli.not_number": ("“{value}”不是数", "'{value}' is not a number."),
    "cli.bad_lang": (
        "--lang 的值“{value}”无效：请用 zh（中文）或 en（英文）",
        "Invalid value for --lang: '{value}' is not one of 'zh', 'en'.",
    ),
    "cli.no_history": (
        "{year}年尚未录入{target}的数据。",
        "No figures recorded for {target} in {year}.",
    ),
    "cli.missing_figures": (
        "以下{count}个指标尚无{period}的数据：{names}",
        "{count} targets have no figure for {period} yet: {names}",
    ),
    "cli.all_reported": (
        "全部指标均已报送{period}的数据。",
        "Every target has a figure for {period}.",
    ),
}


# Placeholders that only English grammar needs (plural forms); Chinese has no use for them.
ENGLISH_ONLY: dict[str, set[str]] = {
    "import.refused": {"rows"},
    "catalogue.problems": {"problems"},
    "cli.missing": {"kind"},
    "entry.unknown_state": {"states"},  # Chinese names the states in Chinese alone
}


class Message:
    """A sentence to show: its code and values, turned into text in the language asked for."""

    __slots__ = ("code", "values")

    def __init__(self, code: str, **values: object) -> None:
        if code not in MESSAGES:
            raise KeyError(f"no message {code!r}")
        self.code = code
        self.values = values

    def render(self, lang: str) -> str:
        zh, en = MESSAGES[self.code]
        template = zh if lang == "zh" and zh else en
        return template.format_map(_Values(self.values, lang))

    def __str__(self) -> str:
        return self.render("en")

    def __repr__(self) -> str:
        return f"Message({self.code!r}, {self.values!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.code, self.values) == (other.code, other.values)

    def __hash__(self) -> int:
        return hash(self.code)


class Said:
    """A value a sentence says differently in each language: an indicator's name, a period.
    Subclasses give ``render``; a message renders them in its own language."""

    __slots__ = ()

    def render(self, lang: str) -> str:  # pragma: no cover - every subclass has its own
        raise NotImplementedError

    def __str__(self) -> str:
        return self.render("en")


class Both(Said):
    """A text given in each language by its caller: a library's reason put into Chinese."""

    __slots__ = ("en", "zh")

    def __init__(self, zh: str, en: str) -> None:
        self.zh, self.en = zh, en

    def render(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class _Values(dict[str, object]):
    """Values rendered for one language: a nested message in that language too; a list is
    joined with commas (、 in Chinese), a tuple of longer parts with semicolons (；)."""

    def __init__(self, values: Mapping[str, object], lang: str) -> None:
        super().__init__(values)
        self.lang = lang

    def __getitem__(self, key: str) -> object:
        value = super().__getitem__(key)
        if isinstance(value, Message | Said):
            return value.render(self.lang)
        if isinstance(value, list | tuple):
            if isinstance(value, tuple):
                joiner = "；" if self.lang == "zh" else "; "
            else:
                joiner = "、" if self.lang == "zh" else ", "
            return joiner.join(
                item.render(self.lang) if isinstance(item, Message | Said) else str(item)
                for item in value
            )
        return value


Text = str | Message | Said


def render(text: Text, lang: str) -> str:
    return text.render(lang) if isinstance(text, Message | Said) else text


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
