"""The reminders (催报) as documents: one notice per department, in the office's wording,
laid out as blocks (``writers.document.Block``) that every document format writes: plain
text (also the body of an e-mail), Markdown, a page, and a Word document in the layout of
official documents (``writers.docx``, whose layout helpers it reuses). As a table (CSV,
JSON) the notices are a row per department and target."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from targettrack.core.periods import period_label
from targettrack.core.words import TargetName
from targettrack.messages import Message, render
from targettrack.writers.document import Block, _date
from targettrack.writers.shape import Field, Row, Section, Table

if TYPE_CHECKING:
    from targettrack.usecases.late import LateRow, LateView, Notice, NoticesView


def _day(day: datetime.date, lang: str) -> str:
    return _date(day.isoformat(), lang)


def _period(label: str, lang: str) -> str:
    return period_label(label, lang, year=True)


def _row_line(index: int, row: LateRow, lang: str) -> str:
    target = row.target
    values = {
        "number": index + 1,
        "name": TargetName.of(target, target.id),  # Chinese: the name alone
        "period": _period(row.due.period.label, lang),
        "due": _day(row.due.date, lang),
    }
    if row.late:
        line = Message("notice.item_late", days=row.days_late, **values).render(lang)
    else:
        line = Message("notice.item", **values).render(lang)
    if row.since.period.month < row.due.period.month:
        line += Message("notice.since", period=_period(row.since.period.label, lang)).render(lang)
    return line + ("；" if lang == "zh" else ";")


def notice_blocks(view: NoticesView, notice: Notice, lang: str) -> list[Block]:
    """One notice: title, to whom, what is due by when and how late, each target, the entry
    sheet's command, the contacts, and who sends it when."""
    from targettrack.usecases.late import template_command

    def say(code: str, **values: object) -> str:
        return render(Message(code, **values), lang)

    period = _period(notice.period.label, lang)
    title = say("notice.title_late" if notice.late else "notice.title", period=period)
    blocks = [Block("title", title), Block("salutation", say("notice.to", name=notice.department))]
    count = len(notice.rows)
    if notice.late:
        most = max(r.days_late for r in notice.rows)
        opening = say(
            "notice.opening_late",
            period=period,
            due=_day(notice.due, lang),
            today=_day(view.today, lang),
            count=count,
            days=most,
        )
    else:
        opening = say("notice.opening", period=period, due=_day(notice.due, lang), count=count)
    blocks.append(Block("p", opening))
    lines = [_row_line(i, row, lang) for i, row in enumerate(notice.rows)]
    if lines:
        lines[-1] = lines[-1][:-1] + ("。" if lang == "zh" else ".")
    blocks += [Block("p", line) for line in lines]
    blocks.append(Block("p", say("notice.sheet")))
    blocks.append(Block("code", template_command(notice)))
    contact = notice.contact
    if contact.person or contact.phone:
        blocks.append(
            Block(
                "p",
                say(
                    "notice.their_contact", person=contact.person or "—", phone=contact.phone or "—"
                ),
            )
        )
    office = notice.office
    if office is not None and (office.person or office.phone):
        blocks.append(
            Block(
                "p",
                say("notice.our_contact", person=office.person or "—", phone=office.phone or "—"),
            )
        )
    sender = office.name if office is not None else view.catalogue.region.name(lang)
    blocks.append(Block("right", sender))
    blocks.append(Block("right", _day(view.today, lang)))
    return blocks


def notices_blocks(view: NoticesView, lang: str) -> list[list[Block]]:
    return [notice_blocks(view, notice, lang) for notice in view.notices]


def notices_text(view: NoticesView, lang: str, width: int = 80, *, wrapped: bool = True) -> str:
    """Every notice as plain text, one after another, a rule between them; not ``wrapped``,
    each paragraph stands on one line (an e-mail, which its reader's program wraps)."""
    from targettrack.writers.grid import wrap as wrap_to

    def wrap(text: str, width: int) -> str:
        return wrap_to(text, width) if wrapped else text

    parts = []
    for blocks in notices_blocks(view, lang):
        lines: list[str] = []
        for block in blocks:
            if block.kind == "title":
                lines += [wrap(block.text, width), ""]
            elif block.kind == "right":
                lines.append(block.text.rjust(width) if len(block.text) < width else block.text)
            elif block.kind in ("salutation", "code"):
                lines.append(("    " if block.kind == "code" else "") + block.text)
            else:
                indent = "　　" if lang == "zh" else ""
                lines.append(wrap(indent + block.text, width))
        parts.append("\n".join(lines) + "\n")
    return ("\n" + "─" * min(width, 40) + "\n\n").join(parts)


def mail_text(view: NoticesView, notice: Notice, lang: str) -> tuple[str, str]:
    """A notice as an e-mail: its subject (the title) and its text."""
    one = view._replace(notices=[notice])
    blocks = notice_blocks(view, notice, lang)
    return blocks[0].text, notices_text(one, lang, 72, wrapped=False)


def notices_markdown(view: NoticesView, lang: str) -> str:
    from targettrack.writers.markdown import _md_cell

    out: list[str] = []
    for blocks in notices_blocks(view, lang):
        for block in blocks:
            text = _md_cell(block.text)
            if block.kind == "title":
                out.append(f"# {text}")
            elif block.kind == "code":
                out.append(f"    {block.text}")
            elif block.kind == "right":
                out.append(f"*{text}*")
            else:
                out.append(text)
            out.append("")
        out.append("---")
        out.append("")
    return "\n".join(out[:-2]) + "\n"


def notices_html(view: NoticesView, lang: str) -> str:
    from html import escape

    sections = []
    for blocks in notices_blocks(view, lang):
        parts = []
        for block in blocks:
            text = escape(block.text)
            if block.kind == "title":
                parts.append(f"<h1>{text}</h1>")
            elif block.kind == "code":
                parts.append(f"<pre><code>{text}</code></pre>")
            elif block.kind == "right":
                parts.append(f'<p class="right">{text}</p>')
            elif block.kind == "salutation":
                parts.append(f'<p class="to">{text}</p>')
            else:
                parts.append(f"<p>{text}</p>")
        sections.append("<section>" + "".join(parts) + "</section>")
    style = (
        "body{font-family:FangSong,'仿宋',serif;max-width:40em;margin:2em auto;line-height:1.8}"
        "h1{text-align:center;font-size:1.6em}p{text-indent:2em;margin:0}p.to,p.right"
        "{text-indent:0}p.right{text-align:right}section{page-break-after:always;"
        "margin-bottom:3em}pre{margin:0 0 0 2em}"
    )
    language = "zh-CN" if lang == "zh" else "en"
    title = escape(notices_blocks(view, lang)[0][0].text) if view.notices else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{style}</style></head><body>"
        + "".join(sections)
        + "</body></html>\n"
    )


# -- as a table: a row per department and target -------------------------------------------------

NOTICE_FIELDS = (
    "department",
    "person",
    "phone",
    "email",
    "id",
    "name",
    "period",
    "due",
    "days_late",
    "since",
)


def notices_table(view: NoticesView, lang: str) -> Table:
    from targettrack.core.words import word

    rows: list[Row] = []
    for notice in view.notices:
        for row in notice.rows:
            rows.append(
                {
                    "department": notice.department,
                    "person": notice.contact.person,
                    "phone": notice.contact.phone,
                    "email": notice.contact.email,
                    "id": row.target.id,
                    "name": row.target.name(lang),
                    "period": row.due.period.label,
                    "due": row.due.date.isoformat(),
                    "days_late": row.days_late,
                    "since": row.since.period.label,
                }
            )
    kinds = {"period": "period", "since": "period", "days_late": "int", "due": "day"}
    # in Chinese the names say which indicator; JSON keeps the ids
    keys = [k for k in NOTICE_FIELDS if not (lang == "zh" and k == "id")]
    fields = tuple(Field(key, word(f"late_{key}", lang), kinds.get(key, "text")) for key in keys)
    title = render(Message("notice.table_title", day=_day(view.today, lang)), lang)
    return Table("notices", title, fields, (Section("", rows),))


LATE_FIELDS = ("department", "name", "id", "period", "due", "days_late", "last", "since")


def late_table(view: LateView, lang: str) -> Table:
    """Who is late, a section per department headed with its contact."""
    from targettrack.core.words import word

    calendar = view.catalogue.calendar
    sections = []
    for department in view.departments():
        contact = calendar.contact(department)
        rows: list[Row] = [
            {
                "department": department,
                "id": r.target.id,
                "name": r.target.name(lang),
                "period": r.due.period.label,
                "due": r.due.date.isoformat(),
                "days_late": r.days_late,
                "last": r.last.period if r.last is not None else None,
                "since": r.since.period.label,
            }
            for r in view.rows
            if r.target.department == department
        ]
        head = department or render(Message("late.no_department"), lang)
        if contact.person or contact.phone:
            head += render(
                Message("late.contact", person=contact.person or "—", phone=contact.phone or "—"),
                lang,
            )
        sections.append(Section(head, rows))
    kinds = {
        "period": "period",
        "since": "period",
        "last": "period",
        "days_late": "int",
        "due": "day",
    }
    # in Chinese the names say which indicator (and are what 录入 takes); JSON keeps the ids
    keys = [k for k in LATE_FIELDS if not (lang == "zh" and k == "id")]
    fields = tuple(Field(key, word(f"late_{key}", lang), kinds.get(key, "text")) for key in keys)
    title = render(Message("late.title", day=_day(view.today, lang)), lang)
    notes = () if view.rows else (render(Message("late.nobody"), lang),)
    return Table("late", title, fields, tuple(sections), notes)
