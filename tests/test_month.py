"""The month around the table (issue 24): the reporting calendar and who is late, reminders
(催报) on paper and by e-mail, reasons and measures, and editions reproduced byte for byte.

The tests that take ``db`` run on a SQLite file and on a shared PostgreSQL database alike.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from tests.conftest import BUNDLED, Run, dump

JUNE = """target,period,value,note
fdi,2023-06,1000,验资口径
exports,2023-06,8.5,
retail_sales,2023-06,11,
gdp,2023-06,5.0,
urban_investment,2023-06,120,
school_places,2023-05,300,
"""

FDI = "Foreign investment actually used (capital-verification basis) (fdi)"

CONTACTS = """
[calendar.office]
name = "洛江区发改局"
person = "张三"
phone = "0595-22000000"
email = "fagai@luojiang.example"

[[calendar.departments]]
name = "商务局"
person = "王五"
phone = "0595-22000001"
email = "shangwu@luojiang.example"

[[calendar.departments]]
name = "住建局"
person = "赵六"
email = "zhujian@luojiang.example"
"""


@pytest.fixture
def june(run: Run, db: str, tmp_path: Path) -> str:
    """A month of figures in the database under test; its setting."""
    path = tmp_path / "june.csv"
    path.write_text(JUNE, encoding="utf-8")
    done = run(["import", str(path), "--db", db])
    assert done.exit_code == 0, done.output
    return db


@pytest.fixture
def contacts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled catalogue with the office's and two departments' contacts."""
    path = tmp_path / "targets" / "2023.toml"
    path.parent.mkdir()
    path.write_text(BUNDLED.read_text("utf-8") + CONTACTS, encoding="utf-8")
    monkeypatch.setenv("TARGETTRACK_TARGETS", str(path))
    return path


def _ok(run: Run, argv: list[str]) -> str:
    done = run(argv)
    assert done.exit_code == 0, (argv, done.output)
    assert "Traceback" not in done.output
    return str(done.stdout)


def _refused(run: Run, argv: list[str], fragment: str) -> None:
    done = run(argv)
    assert done.exit_code == 1, (argv, done.output)
    assert fragment in done.stderr and "Traceback" not in done.output, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


# -- reasons and measures -------------------------------------------------------------------------


def test_reasons_are_recorded_revised_withdrawn_and_kept_like_figures(
    run: Run, june: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = ["--db", june]
    monkeypatch.setenv("COLUMNS", "240")  # wide enough for the 备注 column
    said = _ok(run, ["explain", "fdi", "--period", "2023年1-6月", "--reason", "两个项目到账推迟",
                     "--measures", "督促7月到账", "--lang", "zh", *db])  # fmt: skip
    assert said == "已记录实际利用外资（验资口径）2023年1-6月的原因分析与下步措施（第1版）。\n"
    before = dump(june)
    _refused(run, ["explain", "fdi", "--period", "2023-06", "--reason", "x", *db],
             "has reasons and measures already")  # fmt: skip
    _refused(run, ["explain", "fdi", "--period", "2023-06", *db], "Give the reason for Foreign")
    _refused(run, ["explain", "外事", "--period", "2023-06", "--reason", "x", *db], "外事")
    _refused(run, ["explain", "fdi", "--period", "2023-13", "--reason", "x", *db], "month 13")
    _refused(run, ["explain", "fdi", "--period", "2023-06", "--reason", "a\x07b", *db], "control")
    assert dump(june) == before
    same = _ok(run, ["explain", "fdi", "--period", "2023-06", "--measures", "督促7月到账", *db])
    assert "unchanged" in same
    revised = _ok(run, ["explain", "fdi", "--period", "2023-06", "--measures", "约谈企业",
                        "--revise", *db])  # fmt: skip
    assert "version 2" in revised
    now = json.loads(_ok(run, ["status", "--format", "json", *db]))
    fdi = next(row for row in now if row["id"] == "fdi")
    assert (fdi["cause"], fdi["measures"]) == ("两个项目到账推迟", "约谈企业")  # kept, revised
    table = _ok(run, ["status", "--lang", "zh", *db])
    assert "原因：" in table and "措施：" in table  # 备注 carries them in short
    taken = _ok(run, ["withdraw", "fdi", "--period", "2023-06", "--explanation",
                      "--reason", "填错了", *db])  # fmt: skip
    assert f"Withdrew the reason and measures of {FDI} for Jan–Jun 2023" in taken
    every = json.loads(_ok(run, ["history", "fdi", "--explanations", "--format", "json", *db]))
    assert [(e["version"], e["withdrawn"], e["reason"]) for e in every] == [
        (3, True, "填错了"),
        (2, False, ""),
        (1, False, ""),
    ]
    assert every[1]["measures"] == "约谈企业" and every[2]["measures"] == "督促7月到账"
    history = run(["history", "fdi", *db])
    assert "3 version(s) of reasons and measures as well" in history.stderr
    unexplained = json.loads(_ok(run, ["status", "--unexplained", "--format", "json", *db]))
    assert "fdi" in {row["id"] for row in unexplained}
    _refused(run, ["withdraw", "fdi", "--period", "2023-06", "--explanation", "--reason", "x",
                   *db], "no reason and measures")  # fmt: skip


def test_status_unexplained_lists_the_lagging_targets_without_a_reason(run: Run, june: str) -> None:
    db = ["--db", june]
    lagging = {r["id"] for r in json.loads(_ok(run, ["status", "--lagging", "--format", "json",
                                                     *db]))}  # fmt: skip
    assert {"fdi", "gdp", "exports"} <= lagging
    _ok(run, ["explain", "gdp", "--period", "2023-06", "--reason", "工业回落", *db])
    _ok(run, ["explain", "exports", "--period", "2023-05", "--reason", "上月的", *db])
    missing = {r["id"] for r in json.loads(_ok(run, ["status", "--unexplained", "--format",
                                                     "json", *db]))}  # fmt: skip
    assert missing == lagging - {"gdp"}  # a reason of another period does not count


def test_the_report_carries_the_reasons_and_the_departments_late(run: Run, june: str) -> None:
    db = ["--db", june]
    _ok(run, ["explain", "fdi", "--period", "2023-06", "--reason", "两个项目到账推迟",
              "--measures", "督促7月到账", *db])  # fmt: skip
    text = _ok(run, ["report", "--date", "2023-07-12", "--lang", "zh", "--format", "text", *db])
    flat = text.replace("\n", "")
    assert "原因分析：两个项目到账推迟。" in flat and "下步措施：督促7月到账。" in flat
    assert "（尚未报送原因）" in flat  # gdp lags without one
    # by 12 July the 8 July deadline has passed for every department but 统计局 (the 15th);
    # 商务局 and 发改局 sent June, 教育局 only May
    assert "个责任单位未按时报送数据。" in flat
    early = _ok(run, ["report", "--date", "2023-07-05", "--lang", "zh", "--format", "text", *db])
    assert "未按时报送" not in early  # before the due date nobody is late


# -- the calendar, who is late, and the reminders -----------------------------------------------


def test_who_is_late_by_department_since_when_and_how_many_days(run: Run, june: str) -> None:
    db = ["--db", june]
    late = json.loads(
        _ok(run, ["status", "--missing", "--today", "2023-07-12", "--format", "json", *db])
    )
    rows = {row["id"]: row for row in late}
    assert "fdi" not in rows and "gdp" not in rows  # June is in
    assert rows["school_places"] == {
        "department": "教育局",
        "id": "school_places",
        "name": "New school places",
        "period": "2023-06",
        "due": "2023-07-08",
        "days_late": 4,
        "last": "2023-05",
        "since": "2023-06",
    }
    assert rows["revenue_total"]["since"] == "2023-02" and rows["revenue_total"]["last"] is None
    # the statistics bureau's figures are due by the 15th: June is not late on the 12th; and
    # farm output is quarterly, so the figure late is 一季度's, due 15 April: 88 days
    assert rows["agri_output"]["period"] == "2023-Q1" and rows["agri_output"]["days_late"] == 88
    assert "grain_area" not in rows  # yearly: nothing is due before the year is over
    table = _ok(run, ["status", "--missing", "--today", "2023-07-12", "--lang", "zh", *db])
    assert "数据报送情况（截至2023年7月12日）" in table and "逾期天数" in table
    one = json.loads(_ok(run, ["status", "--missing", "--today", "2023-07-12", "--department",
                               "教育局", "--format", "json", *db]))  # fmt: skip
    assert {row["id"] for row in one} == {"school_places", "education_projects"}
    early = json.loads(
        _ok(run, ["status", "--missing", "--today", "2023-03-08", "--format", "json", *db])
    )
    assert early == []  # 1-2月 is due by 8 March: nobody is late on the day itself
    _refused(run, ["status", "--missing", "--today", "2023-02-30", *db], "is not a date")
    _refused(run, ["status", "--missing", "--department", "外事办", *db], "外事办")


@pytest.mark.parametrize(
    ("calendar", "fragment"),
    [
        ("[calendar]\ndue_day = 0\n", "calendar.due_day: the due day must be a day from 1 to 31"),
        ("[calendar]\ndue_day = 8.5\n", "calendar.due_day: must be a whole number"),
        ("[calendar]\ndue_day = true\n", "calendar.due_day: must be a whole number"),
        ('[calendar]\ndue_day = "8"\n', "calendar.due_day: must be a whole number"),
        ("[calendar]\ndue_day = 32\n", "calendar.due_day: the due day must be a day from 1 to 31"),
        (
            '[calendar]\n[[calendar.departments]]\nname = "商务局"\ndue_day = 32\n',
            "calendar.departments[0].due_day: the due day must be a day from 1 to 31",
        ),
        (
            '[calendar]\n[[calendar.departments]]\nname = "外事办"\n',
            "'外事办' in the calendar owns no target of this catalogue",
        ),
        (
            '[calendar]\n[[calendar.departments]]\nname = "商务局"\nemail = "wang"\n',
            "is not an e-mail address",
        ),
    ],
)
def test_a_calendar_that_cannot_be_right_is_refused(
    run: Run, tmp_path: Path, calendar: str, fragment: str
) -> None:
    text = BUNDLED.read_text("utf-8")
    start = text.index("[calendar]")
    end = text.index("# The report's own grouping")
    path = tmp_path / "2023.toml"
    path.write_text(text[:start] + calendar + "\n" + text[end:], encoding="utf-8")
    checked = run(["check", str(path)])
    assert checked.exit_code == 1 and fragment in checked.output, checked.output
    assert run(["status", "--missing", "--targets", str(path)]).exit_code == 1


def test_a_day_past_the_end_of_a_month_is_its_last_day() -> None:
    import datetime

    from targettrack.core.deadlines import due_date, due_periods
    from targettrack.core.models import Calendar, Contact, Kind, Target

    assert due_date(2023, 1, 31) == datetime.date(2023, 2, 28)
    assert due_date(2024, 1, 30) == datetime.date(2024, 2, 29)
    assert due_date(2023, 12, 8) == datetime.date(2024, 1, 8)
    target = Target("t", "指标", "T", "main", Kind.AMOUNT, "个", None, department="统计局")
    calendar = Calendar(8, (Contact("统计局", due_day=15),))
    dues = due_periods(target, calendar, 2023)
    assert [d.period.label for d in dues][:2] == ["2023-02", "2023-03"]  # 1-2月 together
    assert dues[0].date == datetime.date(2023, 3, 15) and len(dues) == 11


@pytest.mark.parametrize(
    ("frequency", "labels", "july", "may"),
    [
        # monthly: January with February, then every month; a 1-7月 table expects July
        ("monthly", ["2023-02", "2023-03", "2023-04"], "2023-07", "2023-05"),
        # quarterly: each quarter's end, named as the office names it; July expects 上半年
        ("quarterly", ["2023-Q1", "2023-Q2", "2023-Q3", "2023"], "2023-Q2", "2023-Q1"),
        ("half-yearly", ["2023-H1", "2023"], "2023-H1", None),
        # yearly: nothing is due before the year is over
        ("yearly", ["2023"], None, None),
    ],
)
def test_each_rhythm_is_due_in_its_own_months(
    frequency: str, labels: list[str], july: str | None, may: str | None
) -> None:
    import datetime

    from targettrack.core.deadlines import due_by, due_periods, overdue
    from targettrack.core.models import Calendar, Frequency, Kind, Target
    from targettrack.core.periods import parse_period, period_label

    target = Target(
        "t", "指标", "T", "main", Kind.AMOUNT, "个", None, frequency=Frequency(frequency)
    )
    calendar = Calendar(8)
    dues = due_periods(target, calendar, 2023)
    assert [d.period.label for d in dues][: len(labels)] == labels
    named = [period_label(d.period.label, "zh") for d in dues]
    assert named[-1] == ("1-12月" if frequency == "monthly" else "全年")
    assert dues[-1].period.month == 12 and dues[-1].date == datetime.date(2024, 1, 8)
    found = due_by(target, calendar, parse_period("2023-07"))
    assert (found.period.label if found else None) == july
    found = due_by(target, calendar, parse_period("2023-05"))
    assert (found.period.label if found else None) == may
    # on 12 August a monthly figure of July is late; a quarterly one of 上半年, due 8 July
    late = overdue(target, calendar, 2023, datetime.date(2023, 8, 12))
    expected = {"monthly": "2023-07", "quarterly": "2023-Q2", "half-yearly": "2023-H1"}
    assert (late.period.label if late else None) == expected.get(frequency)


def test_reminders_name_the_targets_periods_due_dates_lateness_and_contacts(
    run: Run, june: str, contacts: Path, tmp_path: Path
) -> None:
    db = ["--db", june]
    text = _ok(run, ["remind", "--today", "2023-07-12", "--department", "住建局", "--lang",
                     "zh", *db])  # fmt: skip
    flat = text.replace("\n", "")
    assert flat.startswith("关于催报2023年1-6月主要经济指标数据的通知")
    assert "住建局：" in flat and "已逾期4天" in flat
    assert (
        "城市更新、新区拓展、聚城畅通项目：应报2023年1-6月数据，截止2023年7月8日" in flat
    )  # by its name: the ids are the tool's, not the department's
    assert "urban_projects" not in flat
    assert "自2023年1-2月起未报送" in flat
    assert "项目总投资" not in flat  # June is in
    assert (
        "targettrack template --period 2023年1-6月 --department 住建局 -o 住建局-2023年1-6月.xlsx"
        in flat
    )
    assert "贵单位联系人：赵六，电话：—。" in flat and "联系人：张三，电话：0595-22000000。" in flat
    signed = [line.strip() for line in text.splitlines()[-2:]]
    assert signed == ["洛江区发改局", "2023年7月12日"]
    every = _ok(run, ["remind", "--today", "2023-07-12", "--format", "csv", *db])
    lines = every.splitlines()
    assert lines[0] == "department,person,phone,email,id,name,period,due,days_late,since"
    assert "商务局" not in every  # 商务局 sent June: no notice
    path = tmp_path / "催报.docx"
    _ok(run, ["remind", "--today", "2023-07-12", "-o", str(path), "--lang", "zh", *db])
    document = docx.Document(str(path))
    titles = [p.text for p in document.paragraphs if p.text.startswith("关于催报")]
    assert len(titles) == len({line.split(",")[0] for line in lines[1:]})  # one per department
    section = document.sections[0]
    width, top = section.page_width, section.top_margin
    assert width is not None and top is not None and (round(width.mm), round(top.mm)) == (210, 37)
    ahead = _ok(run, ["remind", "--today", "2023-08-01", "--all-departments", "--department",
                      "商务局", "--lang", "zh", *db])  # fmt: skip
    assert (
        ahead.startswith("关于报送2023年1-7月主要经济指标数据的通知")
        and "请于2023年8月8日前报送" in ahead
    )
    nobody = run(["remind", "--today", "2023-03-01", *db])
    assert nobody.exit_code == 0 and "No department is late" in nobody.stderr
    _refused(run, ["remind", "--department", "外事办", *db], "外事办")


# -- reminders by e-mail, to a real SMTP server on the loopback address ----------------------------


class _Mailbox:
    """aiosmtpd's handler: keeps what it receives, refuses the addresses it is told to."""

    def __init__(self, refuse: tuple[str, ...] = ()) -> None:
        self.received: list[Any] = []
        self.refuse = refuse

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(envelope)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[str, _Mailbox]]:
    from aiosmtpd.controller import Controller

    box = _Mailbox()
    port = _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield f"127.0.0.1:{port}", box
    controller.stop()


def test_reminders_go_out_by_mail_one_per_department_from_the_office(
    run: Run, june: str, contacts: Path, smtp: tuple[str, _Mailbox], tmp_path: Path
) -> None:
    from email import message_from_bytes, policy

    server, box = smtp
    argv = ["remind", "--today", "2023-07-12", "--lang", "zh", "--db", june]
    nobody = run([*argv, "--smtp", server])  # 统计局, 财政局 … have no address on file
    assert nobody.exit_code == 1 and "以下单位没有电子邮箱" in nobody.stderr
    assert box.received == []  # nothing sent
    sent = run([*argv, "--department", "住建局", "--smtp", server])
    assert sent.exit_code == 0, sent.output
    assert sent.stdout == "已发送：住建局 → zhujian@luojiang.example\n"
    (envelope,) = box.received
    assert envelope.mail_from == "fagai@luojiang.example"
    assert envelope.rcpt_tos == ["zhujian@luojiang.example"]
    mail = message_from_bytes(envelope.original_content, policy=policy.default)
    assert str(mail["Subject"]) == "关于催报2023年1-6月主要经济指标数据的通知"
    assert "聚城畅通项目：应报" in mail.get_content() and "已逾期4天" in mail.get_content()
    assert "截止2023年7月8日" in mail.get_content()  # a paragraph a line: the reader wraps


def test_a_server_that_refuses_a_notice_leaves_it_unsent_and_says_which_went_out(
    run: Run, june: str, contacts: Path, tmp_path: Path
) -> None:
    from aiosmtpd.controller import Controller

    text = (
        contacts.read_text("utf-8").replace('name = "住建局"', 'name = "住建局"\ndue_day = 8')
        + '\n[[calendar.departments]]\nname = "教育局"\nemail = "jiaoyu@luojiang.example"\n'
    )
    contacts.write_text(text, encoding="utf-8")
    box = _Mailbox(refuse=("jiaoyu@luojiang.example",))
    port = _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        refused = run(["remind", "--today", "2023-07-12", "--department", "教育局", "--smtp",
                       f"127.0.0.1:{port}", "--db", june])  # fmt: skip
    finally:
        controller.stop()
    assert refused.exit_code == 1
    assert "did not take the notices" in refused.stderr and "none was sent" in refused.stderr
    assert "the server refused jiaoyu@luojiang.example" in refused.stderr  # in words, not a dict
    assert box.received == []


def test_a_server_that_never_answers_is_given_up_on_and_nothing_is_sent(
    run: Run, june: str, contacts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TARGETTRACK_BUSY_TIMEOUT", "1")
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)  # connections are taken; nobody ever says hello
        port = silent.getsockname()[1]
        done = run(["remind", "--today", "2023-07-12", "--department", "住建局", "--smtp",
                    f"127.0.0.1:{port}", "--db", june])  # fmt: skip
    assert done.exit_code == 1 and "none was sent" in done.stderr, done.output
    assert "the server did not answer in time" in done.stderr
    _refused(run, ["remind", "--smtp", "mail:x", "--db", june], "is not a mail server")
    nobody = _free_port()  # nothing listens there
    shut = run(["remind", "--today", "2023-07-12", "--department", "住建局", "--smtp",
                f"127.0.0.1:{nobody}", "--lang", "zh", "--db", june])  # fmt: skip
    assert shut.exit_code == 1 and "无法连接，服务器拒绝连接或未在运行" in shut.stderr
    assert "Errno" not in shut.stderr


# -- editions -------------------------------------------------------------------------------


REPORTS = (
    ["status", "--format", "json"],
    ["status", "--format", "csv"],
    ["status", "--lang", "zh"],
    ["status", "--missing", "--format", "json"],
    ["report", "--format", "text", "--lang", "zh"],
    ["report", "--format", "markdown"],
    ["report", "--format", "html", "--lang", "zh"],
    ["export", "--format", "markdown", "--lang", "zh"],
    ["export", "--format", "html", "--lang", "zh"],
    ["show", "fdi", "--lang", "zh"],
    ["history", "fdi", "--format", "json"],
    ["history", "fdi", "--explanations", "--format", "json"],
)


def _outputs(run: Run, db: str, tmp_path: Path, *extra: str) -> list[bytes]:
    out: list[bytes] = []
    for argv in REPORTS:
        done = run([*argv, "--db", db, *extra])
        assert done.exit_code == 0, (argv, done.output)
        out.append(done.stdout_bytes)
    path = tmp_path / f"report-{len(extra)}.docx"
    assert run(["report", "-o", str(path), "--db", db, *extra]).exit_code == 0
    out.append(path.read_bytes())
    book = tmp_path / f"table-{len(extra)}.xlsx"
    assert run(["export", "-o", str(book), "--db", db, *extra]).exit_code == 0
    out.append(book.read_bytes())
    return out


def test_an_edition_is_shown_again_byte_for_byte_whatever_was_revised_since(
    run: Run, june: str, tmp_path: Path
) -> None:
    db = ["--db", june]
    _ok(run, ["explain", "fdi", "--period", "2023-06", "--reason", "两个项目到账推迟", *db])
    sent = _outputs(run, june, tmp_path)
    published = _ok(run, ["publish", "--period", "2023年1-6月", "--lang", "zh", *db])
    assert published.startswith("已发布版本“2023年1-6月”：2023年1-6月的报告")
    # everything that happens after it was sent
    for argv in (
        ["record", "fdi", "1300", "--period", "2023-06", "--revise"],
        ["record", "gdp", "7.5", "--period", "2023-06", "--revise"],
        ["withdraw", "exports", "--period", "2023-06", "--reason", "录错了"],
        ["record", "revenue_total", "9", "--period", "2023-06"],
        ["record", "fdi", "1500", "--period", "2023-07"],
        ["explain", "fdi", "--period", "2023-06", "--reason", "已到账", "--revise"],
        ["explain", "gdp", "--period", "2023-06", "--reason", "工业回落"],
    ):
        _ok(run, [*argv, *db])
    again = _outputs(run, june, tmp_path, "--edition", "2023年1-6月")
    outputs = [*REPORTS, ["report", "docx"], ["export", "xlsx"]]
    for argv, before, after in zip(outputs, sent, again, strict=True):
        assert after == before, argv
    now = _ok(run, ["status", "--format", "json", "--as-of", "2023-06", *db])
    assert now.encode() != sent[0]  # today's table has moved on
    changed = json.loads(_ok(run, ["compare", "--edition", "2023年1-6月", "--format", "json",
                                   *db]))  # fmt: skip
    assert [row["id"] for row in changed][:2] == ["gdp", "fdi"] or {
        row["id"] for row in changed
    } >= {"fdi", "gdp", "exports", "revenue_total"}
    news = {row["id"]: row["news"] for row in changed}
    assert news["gdp"] == "improved" and news["revenue_total"] == ""
    assert [row["news"] for row in changed] == sorted(
        (row["news"] for row in changed), key=lambda n: {"worsened": 0, "improved": 1, "": 2}[n]
    )
    table = _ok(run, ["compare", "--edition", "2023年1-6月", "--lang", "zh", *db])
    assert "版本“2023年1-6月”（1-6月）发送后的修订" in table and "发送时" in table
    second = _ok(run, ["publish", "--period", "2023-06", *db])
    assert "'2023年1-6月（第2版）'" in second


def test_an_edition_is_judged_by_the_catalogue_as_it_was(
    run: Run, june: str, tmp_path: Path
) -> None:
    path = tmp_path / "targets" / "2023.toml"
    path.parent.mkdir()
    path.write_bytes(BUNDLED.read_bytes())
    db = ["--db", june, "--targets", str(path)]
    sent = _ok(run, ["status", "--format", "json", *db])
    _ok(run, ["publish", "--name", "六月", *db])
    text = path.read_text("utf-8").replace("target = 2500\n", "target = 5000\n", 1)
    path.write_text(text, encoding="utf-8")  # fdi's target raised after the report went out
    assert _ok(run, ["status", "--format", "json", "--as-of", "2023-06", *db]) != sent
    assert _ok(run, ["status", "--format", "json", "--edition", "六月", *db]) == sent


def test_editions_and_moments_refuse_what_cannot_be_shown(run: Run, june: str) -> None:
    db = ["--db", june]
    _ok(run, ["publish", "--name", "六月", *db])
    before = dump(june)
    _refused(run, ["publish", "--name", "六月", *db], "There is an edition named '六月' already")
    _refused(run, ["publish", "--name", " ", *db], "--name is blank")
    _refused(run, ["publish", "--period", "2023-09", *db], "2023")
    assert dump(june) == before
    _refused(
        run, ["status", "--edition", "七月", *db], "no edition named '七月'; the editions are: 六月"
    )
    _refused(run, ["status", "--edition", "六月", "--as-known-at", "2023-07-01", *db], "not both")
    _refused(
        run, ["status", "--as-known-at", "2020-01-01", *db], "Nothing of 2023 had been recorded"
    )
    _refused(run, ["report", "--as-known-at", "2999-01-01T00:00", *db], "has not come yet")
    _refused(run, ["export", "--as-known-at", "yesterday", *db], "is not a moment")
    _refused(run, ["compare", "--edition", "七月", *db], "no edition named")
    _refused(run, ["compare", "2023-06", *db], "Give two periods")
    _refused(run, ["compare", "2023-06", "2023-05", "--edition", "六月", *db], "takes no periods")
    # an edition is of its own period and date: another one would not be the edition
    for option in (["--as-of", "2023-03"],):
        for command in ("status", "export", "show fdi"):
            _refused(run, [*command.split(), "--edition", "六月", *option, *db], "drop --as-of")
    _refused(run, ["report", "--edition", "六月", "--period", "2023-03", *db], "drop --period")
    _refused(run, ["report", "--edition", "六月", "--date", "2024-01-01", *db], "drop --date")
    _refused(run, ["publish", "--period", "2023-06", "--date", "2023-06-30", *db], "too early")
    _refused(run, ["compare", "2023-05", "2023-06", *db], "is not before")
    _refused(run, ["compare", "2023-06", "2023-06", *db], "is not before")


def test_a_write_begun_before_an_edition_and_committed_after_it_is_not_in_it(
    run: Run, pg_url: str
) -> None:
    """The reason editions are moments between commits, not high-water marks of ids or
    times: this figure has a lower id and an earlier time than the edition, and was not
    visible when the report was sent."""
    import psycopg

    db = ["--db", pg_url]
    _ok(run, ["record", "fdi", "1000", "--period", "2023-06", *db])
    sent = _ok(run, ["status", "--format", "json", "--as-of", "2023-06", *db])
    late = psycopg.connect(pg_url)  # a transaction left open, as a slow import would be
    late.execute(
        "INSERT INTO targettrack.figures (region, year, target_id, month, period, number, "
        "status) VALUES ('luojiang', 2023, 'exports', 6, '2023-06', 9.5, 'final')"
    )
    _ok(run, ["publish", "--name", "六月", *db])  # the open transaction holds no lock it waits for
    late.commit()
    late.close()
    assert _ok(run, ["status", "--format", "json", "--edition", "六月", *db]) == sent
    history = json.loads(_ok(run, ["history", "exports", "--format", "json", *db]))
    assert len(history) == 1  # it is in the database now
    assert (
        json.loads(_ok(run, ["history", "exports", "--format", "json", "--edition", "六月", *db]))
        == []
    )


def test_verdicts_that_moved_come_first_in_compare(run: Run, db: str) -> None:
    argv = ["--db", db]
    for line in (
        ["record", "gdp", "7.5", "--period", "2023-05"],
        ["record", "gdp", "5.0", "--period", "2023-06"],  # worse
        ["record", "exports", "5", "--period", "2023-05"],
        ["record", "exports", "12", "--period", "2023-06"],  # better
        ["record", "fdi", "1000", "--period", "2023-05"],
        ["record", "fdi", "1100", "--period", "2023-06"],  # moved, verdict unchanged
    ):
        _ok(run, [*line, *argv])
    rows = json.loads(_ok(run, ["compare", "2023-06", "2023-05", "--format", "json", *argv]))
    assert [(r["id"], r["news"]) for r in rows[:2]] == [
        ("gdp", "worsened"),
        ("exports", "improved"),
    ]
    assert rows[2]["news"] == ""
    page = _ok(run, ["export", "--format", "html", "--lang", "zh", *argv])
    news = page.split('id="news-title"', 1)[1].split("</section>", 1)[0]
    assert "判定变化（与上月相比）" in news
    assert news.index("地区生产总值") < news.index("出口商品总值") and "实际利用外资" not in news
    assert "（尚未报送原因）" in page  # gdp lags, and no reason was sent


def test_a_purge_takes_the_years_reasons_and_editions_with_its_figures(
    run: Run, pg_url: str
) -> None:
    import psycopg

    db = ["--db", pg_url]
    _ok(run, ["record", "fdi", "1000", "--period", "2023-06", *db])
    _ok(run, ["explain", "fdi", "--period", "2023-06", "--reason", "项目延期", *db])
    _ok(run, ["publish", *db])
    purge = ["db", "purge", "--region", "luojiang", "--year", "2023", "--reason", "测试"]
    _ok(run, [*purge, "--yes", *db])
    with psycopg.connect(pg_url) as con:
        left = [
            con.execute(f"SELECT count(*) FROM targettrack.{table}").fetchone()
            for table in ("figures", "explanations", "editions")
        ]
    assert left == [(0,), (0,), (0,)]


def test_an_edition_holds_figures_of_a_plain_import_and_says_when_nothing_moved(
    run: Run, db: str, tmp_path: Path
) -> None:
    # a file with no notes, levels or names takes the import's fast path: its commit must be
    # logged like any other, or an edition would not know its figures
    path = tmp_path / "plain.csv"
    path.write_text("target,period,value\nfdi,2023-06,1000\ngdp,2023-06,5\n", encoding="utf-8")
    _ok(run, ["import", str(path), "--db", db])
    _ok(run, ["publish", "--period", "2023-06", "--db", db])
    same = _ok(run, ["compare", "--edition", "2023年1-6月", "--lang", "zh", "--db", db])
    assert same == "版次“2023年1-6月”报送以来，表中的数据和判定都没有变化。\n"
    _ok(run, ["record", "fdi", "1100", "--period", "2023-06", "--revise", "--db", db])
    moved = json.loads(
        _ok(run, ["compare", "--edition", "2023年1-6月", "--format", "json", "--db", db])
    )
    assert [(row["id"], row["before_actual"], row["now_actual"]) for row in moved] == [
        ("fdi", 1000, 1100)
    ]
    sent = json.loads(_ok(run, ["status", "--edition", "2023年1-6月", "--format", "json",
                                "--db", db]))  # fmt: skip
    assert {row["id"]: row["actual"] for row in sent}["gdp"] == 5


def test_the_entry_sheet_asks_each_indicator_for_its_own_period(run: Run) -> None:
    july = _ok(run, ["template", "--period", "2023-07", "--format", "csv", "--lang", "zh"])
    assert "gdp," not in july and "grain_area," not in july  # quarterly and yearly: not in July
    assert "fdi,实际利用外资（验资口径）" in july
    june = _ok(run, ["template", "--period", "2023-06", "--format", "csv", "--lang", "zh"])
    assert "gdp,地区生产总值,%,增长7%,统计局,2023年上半年," in june  # named as the office names it
    _refused(
        run,
        ["template", "--period", "2023-07", "--department", "统计局", "--format", "csv"],
        "No target of 统计局 reports for Jan–Jul 2023",
    )
    off = run("record gdp 5.2 --period 2023-08")  # recorded, with a word on the period
    assert off.exit_code == 0
    assert "reports quarterly, and this is not one of its periods" in off.stderr
    assert "not one of its periods" not in run("record gdp 5.2 --period 2023-09").stderr


def test_the_months_notice_to_every_department_still_names_what_is_overdue(run: Run) -> None:
    assert run("record fdi 5 --period 2023-05").exit_code == 0
    rows = json.loads(
        _ok(run, ["remind", "--today", "2023-08-01", "--all-departments", "--format", "json"])
    )
    by_id = {row["id"]: row for row in rows}
    # June was due on 8 July: on 1 August it is 24 days late, whatever falls due next
    assert (by_id["revenue_total"]["period"], by_id["revenue_total"]["days_late"]) == (
        "2023-06",
        24,
    )
    assert by_id["fdi"]["since"] == "2023-06"


def test_a_quarterly_figures_reason_stands_while_the_figure_does(run: Run, june: str) -> None:
    db = ["--db", june]
    # GDP is quarterly: its 上半年 figure, sent with its reason, is the current one in July
    _ok(run, ["explain", "gdp", "--period", "2023-06", "--reason", "工业回落", *db])
    _ok(run, ["record", "fdi", "1200", "--period", "2023-07", *db])  # the table moves to July
    rows = json.loads(_ok(run, ["status", "--format", "json", *db]))
    gdp = next(r for r in rows if r["id"] == "gdp")
    assert (gdp["period"], gdp["cause"]) == ("2023-06", "工业回落")
    unexplained = {r["id"] for r in json.loads(_ok(run, ["status", "--unexplained", "--format",
                                                         "json", *db]))}  # fmt: skip
    assert "gdp" not in unexplained
    text = _ok(run, ["report", "--date", "2023-08-12", "--lang", "zh", "--format", "text", *db])
    part = text.replace("\n", "").split("（一）地区生产总值（截至2023年1-6月）")[1]
    part = part.split("（二）")[0]  # GDP's paragraph alone
    assert "原因分析：工业回落。" in part and "（尚未报送原因）" not in part


def test_a_period_without_its_year_is_the_catalogues_latest_in_every_command(
    run: Run, june: str, tmp_path: Path
) -> None:
    db = ["--db", june]
    with_year = _ok(run, ["status", "--as-of", "2023年1-6月", "--format", "json", *db])
    assert _ok(run, ["status", "--as-of", "1-6月", "--format", "json", *db]) == with_year
    assert _ok(run, ["show", "fdi", "--as-of", "上半年", *db]) == _ok(
        run, ["show", "fdi", "--as-of", "2023-06", *db]
    )
    _ok(run, ["explain", "fdi", "--period", "1-6月", "--reason", "到账推迟", *db])
    why = json.loads(_ok(run, ["history", "fdi", "--explanations", "--format", "json", *db]))
    assert why[0]["period"] == "2023-06"
    _ok(run, ["compare", "1-6月", "1-5月", *db])
    sheet = tmp_path / "sheet.xlsx"
    _ok(run, ["template", "--period", "1-6月", "--department", "商务局", "-o", str(sheet), *db])
    _ok(run, ["withdraw", "fdi", "--period", "1-6月", "--reason", "录错了", *db])
    published = _ok(run, ["publish", "--period", "1-6月", "--lang", "zh", *db])
    assert published.startswith("已发布版本“2023年1-6月”")
    # with --year, of that year: the bundled catalogue has 2023 only, so 2022 is refused
    refused = run(["status", "--as-of", "1-6月", "--year", "2022", *db])
    assert refused.exit_code == 1 and "no targets for 2022" in refused.stderr


def test_compare_marks_a_figure_older_than_its_column(run: Run, june: str) -> None:
    # 教育局 sent May's school places only: under 1-6月 it is May's figure, marked so
    table = _ok(run, ["compare", "2023-06", "2023-05", "--lang", "zh", "--db", june])
    assert "300 个（1-5月 ※）" in table
    assert "※ 未更新：该项数据截至较早时期" in table
