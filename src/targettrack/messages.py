"""Every sentence targettrack says to people, in Chinese and English, under a stable code.

The core raises errors and returns warnings as ``Message`` objects: a code and its values.
They become text only when shown, in the language chosen then (``Message.render``), so the
core never needs to know the language, and JSON can keep the codes. A test checks that every
code has both languages with the same placeholders.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

# code: (Chinese, English). Placeholders in braces are filled from the message's values.
MESSAGES: dict[str, tuple[str, str]] = {
    # -- periods --------------------------------------------------------------------------------
    "period.no_month": (
        "期别“{text}”没有第{month}月；请写 2023-01 至 2023-12。",
        "The period '{text}' has no month {month}; use 2023-01 to 2023-12.",
    ),
    "period.unknown": (
        "“{text}”不是期别；请写月份（2023-06）、季度（2023-Q2）、半年（2023-H1）或年份（2023），"
        "或按统计公报的写法（2023年1-6月、2023年一季度、2023年上半年、2023年前三季度、2023年全年）。",
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
    "period.year_not_in_catalogue": (
        "期别 {period} 属于{year}年，但目标库只有{have}年的目标；请给出这些年份内的期别。",
        "The period {period} is in {year}, but the catalogue has targets only for {have}; "
        "give a period in one of those years.",
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
    "what.level_prior": ("{target}的 --level/--prior", "{target}'s --level/--prior"),
    # -- entries ----------------------------------------------------------------------------------
    "entry.unknown_state": (
        "“{text}”不是{target}的进展状态；请用：未开始、进行中、已完成（或 {states}）。",
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
        "--level 与 --prior 须同时给出，且只用于增速指标：分别是本年与上年同期的累计值。",
        "--level and --prior go together, on a growth target: this year's and last year's "
        "year-to-date values.",
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
        "{year}年没有分组“{group}”；请用：{ids}。",
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
        "已录入 {target} {period}：{value}（{status}{derived}）。",
        "Recorded {target} for {period}: {value} ({status}{derived}).",
    ),
    "record.revised": (
        "已修订 {target} {period}：{old} → {value}（{status}{derived}；第{version}版，原数据保留）。",
        "Revised {target} for {period}: {old} → {value} ({status}{derived}; version "
        "{version}, the earlier figure is kept).",
    ),
    "record.unchanged": (
        "{target} {period} 已是 {value}（{status}，第{version}版）；未作记录。",
        "{target} for {period} is already {value} ({status}, version {version}); nothing "
        "was recorded.",
    ),
    "record.derived_suffix": ("，由 --level 和 --prior 推算", ", derived from --level and --prior"),
    "import.repeats_row": (
        "{target} {period} 与第{row}行重复（同一指标同一期别）",
        "{target} {period} repeats row {row} (the same target and period)",
    ),
    "import.conflict": (
        "{target}的{period}已有 {old}，文件中为 {value}（如需作为新版本录入请加 --revise）",
        "{target} already has {old} for {period}; the file says {value} (use --revise to "
        "record it as a new version)",
    ),
    "import.row": ("第{row}行：{problem}", "row {row}: {problem}"),
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
        "{figure}与其 --level、--prior 推算的名义增速（{nominal}%）相差{gap}个百分点；已按所填录入，请核对",
        "{figure} is {gap} points from the nominal rate of its --level and --prior "
        "({nominal}%); recorded as given, check it",
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
    "warning.fraction_rate": (
        "{figure}不足其目标增速 {goal} 的十分之一；百分数若按小数填写（5.2% 填成 0.052），会小100倍，请核对",
        "{figure} is less than a tenth of its target rate of {goal}; a percentage typed as a "
        "fraction (0.052 for 5.2%) is 100 times too small, so check it",
    ),
    "warning.figure": ("{target} {period}（{value}）", "{target} for {period} ({value})"),
    # -- files ------------------------------------------------------------------------------------
    "file.missing": ("{path}：文件不存在；请检查路径。", "{path}: no such file; check the path."),
    "file.unreadable": ("{path}：无法读取（{reason}）。", "{path}: cannot be read ({reason})."),
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
        "{path}：表头中的列 {columns} 出现了不止一次；每列只保留一个，以免数值含义不明。",
        "{path}: the header names the column(s) {columns} more than once; keep one of each, "
        "so that every value has one meaning.",
    ),
    "file.bad_columns": (
        "{path}：{parts}；可用的列为 {columns}（指标、期别、数值 三列必填）。",
        "{path}: {parts}; the columns are {columns} (target, period and value are required).",
    ),
    "file.lacks_columns": ("缺少列 {columns}", "it lacks the column(s) {columns}"),
    "file.unknown_columns": ("有无法识别的列 {columns}", "it has unknown column(s) {columns}"),
    "file.and": ("，且", " and "),
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
    "output.xlsx_needs_file": (
        "Excel 工作簿须写入文件：请加 --output 报表.xlsx。",
        "An Excel workbook needs a file: add --output report.xlsx.",
    ),
    "output.wrote": ("已写入 {path}。", "Wrote {path}."),
    "format.not_for_command": (
        "{command} 只能输出 {choices}，不能输出 {format}；{hint}",
        "{command} writes {choices}, not {format}; {hint}",
    ),
    "format.use_export": ("xlsx 请用“targettrack export”。", "use 'targettrack export' for xlsx."),
    "format.choose": ("请另选一种。", "choose one."),
    "format.cannot_write": (
        "{format} 格式不能输出{what}；请另选 --format。",
        "The {format} format cannot write {what}; choose another --format.",
    ),
    "format.records": ("全部录入记录", "every recorded figure"),
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
    "db.sqlite_only": (
        "此版本 targettrack 只用 SQLite 文件保存数据；请用 --db 给出文件路径。",
        "This targettrack keeps figures in an SQLite file only; give a file path with --db.",
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
    "db.corrupt": (
        "{path} 不是可用的 targettrack 数据库（{reason}）；请从备份恢复，或用 --db 另给文件。",
        "{path} is not a usable targettrack database ({reason}); restore it from a backup or "
        "give another file with --db.",
    ),
    "withdraw.nothing": (
        "{target}在第{month}月没有可撤回的数据；请检查指标和期别（可用 history 查看）。",
        "{target} has no figure for month {month} to withdraw; check the target and period "
        "(history lists them).",
    ),
    "withdraw.already": (
        "{target} {period} 的数据已由{by}于{at}撤回；无需再次撤回。",
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
    "withdraw.revised_one": (
        "{target} {period} 已被{by}修订为第{version}版",
        "{target} {period} was revised since, to version {version} by {by}",
    ),
    "withdraw.revised_since": (
        "未撤回：批次 {batch} 中有数据在导入后被修订过；确认一并撤回请加 --force。",
        "Nothing was withdrawn: figures of the import {batch} were revised since; add --force "
        "to withdraw them too.",
    ),
    "withdraw.not_all_yours": (
        "未撤回：批次 {batch} 中有不属于你的单位的数据。",
        "Nothing was withdrawn: the import {batch} holds figures your role may not withdraw.",
    ),
    "withdraw.more_figures": ("……另有{count}条", "... and {count} more figures"),
    "withdraw.done": (
        "已撤回 {target} {period}：{value}（第{version}版；原数据保留在历史记录中）。",
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
    "record.not_yours": (
        "你的数据库角色无权录入{target}：该指标由{department}负责，而你的角色未被授予该单位；请联系发改（统计）办公室授权。",
        "Your database role may not record {target}: it belongs to {department}, which your "
        "role has not been granted; ask the planning office to grant it.",
    ),
    "pg.no_driver": (
        "使用 PostgreSQL 共享数据库需要安装 psycopg：pip install 'targettrack[postgres]'。",
        "A shared PostgreSQL database needs psycopg: pip install 'targettrack[postgres]'.",
    ),
    "pg.cannot_connect": (
        "无法连接共享数据库 {where}（{reason}）；请检查地址、用户名和密码（或 PGHOST、PGUSER、~/.pgpass）。",
        "Cannot connect to the shared database {where} ({reason}); check its address, user "
        "and password (or PGHOST, PGUSER, ~/.pgpass).",
    ),
    "pg.needs_upgrade": (
        "共享数据库 {where} 尚未建立或版本较旧；请管理员运行“targettrack db upgrade”。",
        "The shared database {where} is not set up, or is of an older schema; an administrator "
        "runs 'targettrack db upgrade'.",
    ),
    "draft.summary": (
        "草稿：{count}个指标，其中{check}个请核对；跳过{skipped}处数字（{reasons}）。",
        "Draft: {count} targets, {check} to check; {skipped} numbers skipped ({reasons}).",
    ),
    "draft.results_need_targets": (
        "--results 需要上一年的目标库：请加 --targets 上年目标库.toml。",
        "--results needs last year's catalogue: add --targets LAST_YEAR.toml.",
    ),
    "draft.results": (
        "已把报告回顾的{year}年{count}项结果写入 {path}，可用 targettrack import 导入。",
        "Wrote {count} results of {year} that the report reviews to {path}, for targettrack "
        "import.",
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
    "pg.revoked": ("已撤销 {role} 的{count}项授权。", "Revoked {count} grant(s) of {role}."),
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
    "region.count": ("{count}个地区", "{count} regions"),
    "region.counted": ("{region} {year}年{count}个指标", "{region} {count} targets for {year}"),
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
    "region.choose": (
        "目标库中有多个地区；请用 --region 或 TARGETTRACK_REGION 选择其一：{regions}。",
        "The catalogue holds several regions; choose one with --region or TARGETTRACK_REGION: "
        "{regions}.",
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
    "cat.not_finite": (
        "须为有限数值，不能是 inf 或 nan",
        "must be a finite number, not inf or nan",
    ),
    "cat.bad_id": (
        "只能由小写字母、数字和 _ 组成，并以字母开头",
        "must be lower-case letters, digits and _, starting with a letter",
    ),
    "cat.control": ("不能含控制字符", "must not contain control characters"),
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
    "cat.toml": ("TOML 语法错误：{reason}。", "TOML syntax error: {reason}."),
    "catalogue.checked": ("正常：{origin}：{parts}。", "OK: {origin}: {parts}."),
    "catalogue.count": ("{year}年{count}个指标", "{count} targets for {year}"),
    "os.name_too_long": ("文件名超过系统允许的长度", "the name is longer than the system allows"),
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
    "cli.extra_args": ("多余的参数：{args}", "Got unexpected extra argument(s) ({args})"),
    "cli.no_such_command": ("没有命令“{name}”", "No such command '{name}'."),
    "cli.missing": ("缺少参数 {name}", "Missing {kind} '{name}'."),
    "cli.bad_value": ("{name} 的值无效：{reason}", "Invalid value for {name}: {reason}"),
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


class _Values(dict[str, object]):
    """Values rendered for one language: a nested message in that language too; a list is
    joined with commas (、 in Chinese), a tuple of longer parts with semicolons (；)."""

    def __init__(self, values: Mapping[str, object], lang: str) -> None:
        super().__init__(values)
        self.lang = lang

    def __getitem__(self, key: str) -> object:
        value = super().__getitem__(key)
        if isinstance(value, Message):
            return value.render(self.lang)
        if isinstance(value, list | tuple):
            if isinstance(value, tuple):
                joiner = "；" if self.lang == "zh" else "; "
            else:
                joiner = "、" if self.lang == "zh" else ", "
            return joiner.join(
                item.render(self.lang) if isinstance(item, Message) else str(item) for item in value
            )
        return value


Text = str | Message


def render(text: Text, lang: str) -> str:
    return text.render(lang) if isinstance(text, Message) else text


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
