"""The monthly report as a sequence of blocks, in a language: what every document format
(Word, Markdown, HTML, plain text) lays out, so that all of them say the same thing.

Sections are numbered as official documents number them: 一、二、三、 and （一）（二）; in
English 1. 2. 3. and (1) (2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from targettrack.core.models import LateReading, Verdict
from targettrack.core.periods import day_label
from targettrack.core.words import VERDICT_SYMBOLS, verdict_word, word
from targettrack.messages import Message, Text, render
from targettrack.writers.rows import actual_header
from targettrack.writers.shape import Field, Section, Table
from targettrack.writers.text import STALE, office_cells, own_period, with_own_period

if TYPE_CHECKING:
    from targettrack.context import Context
    from targettrack.usecases.report import ReportView
    from targettrack.writers import Options

_ZH_NUMBERS = "一二三四五六七八九十"


class Block(NamedTuple):
    kind: str  # title | date | h1 | h2 | p | note | table
    text: str = ""
    table: Table | None = None


def zh_numeral(number: int) -> str:
    """A count as an official document numbers its parts: 一 to 九十九 (十一, 二十, 二十三);
    digits beyond, which no report's list reaches."""
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else "十" if tens == 1 else _ZH_NUMBERS[tens - 1] + "十"
    return head + (_ZH_NUMBERS[ones - 1] if ones else "")


def _numbered(index: int, text: str, lang: str, *, sub: bool = False) -> str:
    if lang == "zh":
        numeral = zh_numeral(index + 1)
        return f"（{numeral}）{text}" if sub else f"{numeral}、{text}"
    return f"({index + 1}) {text}" if sub else f"{index + 1}. {text}"


def _sentences(parts: list[str], lang: str) -> str:
    """Sentences of one paragraph: joined with ；and ended with 。 in Chinese; in English
    each its own sentence."""
    if lang == "zh":
        return "；".join(parts) + "。"
    return " ".join(p[:1].upper() + p[1:] + "." for p in parts)


def _sentence(text: str, lang: str) -> str:
    if lang == "zh":
        return text if text.endswith(("。", "）")) else text + "。"
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


# The office's table, in its order: 指标名称 | 年度目标 | 1-N月完成 | 同比增长% | 完成年度目标% |
# 序时进度 | 差距 | 判定 | 责任单位 | 备注
_TABLE_KEYS = (
    "name",
    "goal",
    "actual",
    "yoy",
    "completion",
    "pace",
    "gap",
    "verdict",
    "department",
    "note",
)
_NUMERIC = ("goal", "actual", "yoy", "completion", "pace", "gap")


def office_table(view: ReportView, lang: str) -> Table:
    """The 完成情况表 under the text, grouped as the report groups it; a figure older than
    the report's period names its own period."""
    status = view.status
    catalogue = status.catalogue
    headers = {
        "name": word("name_zh", lang) if lang == "zh" else word("name", lang),
        "goal": word("annual_target", lang),
        "actual": actual_header(status.as_of, lang),
        "yoy": word("yoy_pct", lang),
        "completion": word("completion_pct", lang),
        "pace": word("pace", lang),
        "gap": word("gap_pp", lang),
        "verdict": word("verdict", lang),
        "department": word("department", lang),
        "note": word("note", lang),
    }
    fields = tuple(Field(k, headers[k], "number" if k in _NUMERIC else "text") for k in _TABLE_KEYS)
    sections = []
    stale = False
    for group in catalogue.groups:
        rows: list[dict[str, object]] = []
        for progress in status.progress:
            if progress.target.group != group.id:
                continue
            found = (status.explained or {}).get(progress.target.id)
            cells = office_cells(
                progress, catalogue, lang, (found.reason, found.measures) if found else None
            )
            if status.as_of and own_period(progress, lang):
                # older than its rhythm allows: its own period and the mark, beside the figure
                key = "actual" if cells["actual"] or not cells["yoy"] else "yoy"
                cells[key] = with_own_period(cells[key], progress, lang).strip()
                stale = True
            rows.append(
                {
                    "name": progress.target.name(lang),
                    **{k: cells[k] for k in _NUMERIC},
                    "actual": cells["actual"],
                    "verdict": f"{VERDICT_SYMBOLS[progress.verdict]} "
                    f"{verdict_word(progress.verdict, lang)}",
                    "department": progress.target.department,
                    "note": cells["note"],
                    "_verdict": progress.verdict,
                }
            )
        if rows:
            sections.append(Section(group.name(lang), rows))
    title = render(view.title, lang)
    reading = "stale_note" if catalogue.rules.late_figures is LateReading.REPORT else "stale_own"
    notes = (word(reading, lang).format(mark=STALE),) if stale else ()
    return Table("report", title, fields, tuple(sections), notes)


def report_blocks(view: ReportView, lang: str) -> list[Block]:
    """Everything the report says, in order."""

    def say(text: Text) -> str:
        return render(text, lang)

    blocks = [Block("title", say(view.title)), Block("date", _date(view.date, lang))]
    sections: list[tuple[str, list[Block]]] = []

    sections.append((say(Message("report.section_overview")), [Block("p", say(view.overview))]))

    targets: list[Block] = []
    for index, paragraph in enumerate(view.paragraphs):
        targets.append(Block("h2", _numbered(index, say(paragraph.heading), lang, sub=True)))
        parts = [say(s) for s in paragraph.sentences]
        if index == 0:  # the first sentence says the period and the area
            intro = say(
                Message(
                    "report.intro",
                    period=_period(view),
                    whole=_whole_of(view),
                )
            )
            parts[0] = intro + parts[0]
        targets.append(Block("p", _sentences(parts, lang)))
    sections.append((say(Message("report.section_targets")), targets))

    lagging: list[Block] = []
    for index, item in enumerate(view.lagging):
        department = item.progress.target.department
        head = say(item.sentence)
        if department:
            head += say(Message("report.department", department=department))
        lagging.append(Block("h2", _numbered(index, _sentence(head, lang), lang, sub=True)))
        explained = item.explained
        if explained is None or not (explained.reason or explained.measures):
            lagging.append(Block("p", say(Message("report.no_reason"))))
            continue
        if explained.reason:
            text = _sentence(say(Message("report.reason", text=explained.reason)), lang)
            lagging.append(Block("p", text))
        if explained.measures:
            text = _sentence(say(Message("report.measures", text=explained.measures)), lang)
            lagging.append(Block("p", text))
    if not lagging:
        lagging.append(Block("p", say(Message("report.no_lagging"))))
    sections.append((say(Message("report.section_lagging")), lagging))

    if view.outlook:
        outlook = [Block("p", _sentence(say(line), lang)) for line in view.outlook]
        sections.append((say(Message("report.section_outlook")), outlook))

    for index, (heading, body) in enumerate(sections):
        blocks.append(Block("h1", _numbered(index, heading, lang)))
        blocks.extend(body)
    table = office_table(view, lang)
    blocks.append(Block("h1", say(Message("report.section_table", title=table.title)), table=None))
    blocks.append(Block("table", table=table._replace(notes=())))
    blocks.extend(Block("p", note) for note in table.notes)  # what a mark in it means
    return blocks


def _period(view: ReportView) -> object:
    from targettrack.core.words import PeriodName

    return PeriodName(view.period.label)


def _whole_of(view: ReportView) -> object:
    from targettrack.usecases.report import whole

    return whole(view.catalogue)


def _date(iso: str, lang: str) -> str:
    """2023-07-12 as the office writes a date: 2023年7月12日; in English 12 July 2023."""
    if lang == "zh":
        return day_label(iso, lang)
    year, month, day = (int(part) for part in iso[:10].split("-"))
    months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    return f"{day} {months[month - 1]} {year}"


def verdict_of(row: dict[str, object]) -> Verdict | None:
    verdict = row.get("_verdict")
    return verdict if isinstance(verdict, Verdict) else None


class TextWriter:
    """The report as plain text: headings, paragraphs wrapped to the terminal, the table."""

    binary = False

    def write(self, view: object, context: Context, options: Options) -> str:
        from targettrack.usecases.late import NoticesView
        from targettrack.usecases.report import ReportView
        from targettrack.writers.grid import table_grid, wrap
        from targettrack.writers.terminal import render_text

        if isinstance(view, NoticesView):
            from targettrack.writers.notices import notices_text

            return notices_text(view, context.lang, context.width)
        assert isinstance(view, ReportView)
        lang, width = context.lang, context.width
        lines: list[str] = []
        for block in report_blocks(view, lang):
            if block.kind == "table" and block.table is not None:
                shown = table_grid(block.table._replace(title=""), lang, width)
                lines.append(render_text(shown, width, plain=True).rstrip("\n"))
            elif block.kind == "title":
                lines += [wrap(block.text, width), ""]
            elif block.kind == "date":
                lines += [block.text.rjust(width) if len(block.text) < width else block.text, ""]
            elif block.kind in ("h1", "h2"):
                lines += ["", wrap(block.text, width)]
            else:
                indent = "　　" if lang == "zh" else ""  # a paragraph's first line, two spaces
                lines.append(wrap(indent + block.text, width))
        return "\n".join(lines) + "\n"
