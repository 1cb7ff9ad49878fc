"""The month's report to leadership, written from the same view as ``status``.

Every number in the text is taken from the status view's progress rows (and printed as the
tables print it), so the text and the 完成情况表 under it can never disagree. The text is
kept as messages (codes and values), written out in the reader's language by a writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from targettrack.core.engine import Progress, count_verdicts, round_pct
from targettrack.core.models import Catalogue, Direction, Kind, Verdict
from targettrack.core.outlook import as_shown
from targettrack.core.periods import Period
from targettrack.core.units import with_unit
from targettrack.core.words import PeriodName, StateName, verdict_word
from targettrack.errors import InputError
from targettrack.messages import Both, Message, Said, Text
from targettrack.store import FigureStore
from targettrack.usecases.views import StatusView

# The order the overview counts verdicts in, as offices write it.
_COUNTED = (
    Verdict.ACHIEVED,
    Verdict.ON_TRACK,
    Verdict.IN_PROGRESS,
    Verdict.SLIGHTLY_BEHIND,
    Verdict.BEHIND,
    Verdict.MISSED,
    Verdict.NO_DATA,
)


class Quantity(Said):
    """A figure with its unit as prose writes it: 1,300万美元 in Chinese, 1,300 万美元 in
    English (thousands separated, the decimals it has)."""

    __slots__ = ("unit", "value")

    def __init__(self, value: Decimal, unit: str | None) -> None:
        self.value, self.unit = value, unit

    def render(self, lang: str) -> str:
        text = with_unit(self.value, self.unit)
        return text.replace(" ", "") if lang == "zh" else text


class Joined(Said):
    """Parts of a sentence joined as each language joins them (，and , )."""

    __slots__ = ("parts",)

    def __init__(self, parts: Sequence[Text]) -> None:
        self.parts = tuple(parts)

    def render(self, lang: str) -> str:
        from targettrack.messages import render

        return ("，" if lang == "zh" else ", ").join(render(p, lang) for p in self.parts)


class VerdictName(Said):
    __slots__ = ("verdict",)

    def __init__(self, verdict: Verdict) -> None:
        self.verdict = verdict

    def render(self, lang: str) -> str:
        return verdict_word(self.verdict, lang)


class LikelihoodName(Said):
    __slots__ = ("likelihood",)

    def __init__(self, likelihood: object) -> None:
        self.likelihood = likelihood

    def render(self, lang: str) -> str:
        from targettrack.core.models import Likelihood
        from targettrack.core.words import likelihood_word

        assert isinstance(self.likelihood, Likelihood)
        return likelihood_word(self.likelihood, lang)


def outlook_line(progress: Progress) -> Message | None:
    """What the report says of a target's year end: the projection and its range, the
    outlook in a word, and what the rest of the year must deliver; None without an outlook."""
    look = progress.outlook
    target = progress.target
    if look is None or look.likelihood is None:
        return None
    name = Both(target.name_zh, target.name_en)
    word = LikelihoodName(look.likelihood)
    if look.value is None or not (target.kind.is_quantity or target.kind is Kind.GROWTH):
        return Message("report.outlook_other", name=name, word=word)
    if target.kind is Kind.GROWTH:
        spread: Text = ""
        if look.low is not None and look.high is not None:
            spread = Message("report.range", low=_pct(look.low), high=_pct(look.high))
        needed: Text = ""
        if look.needed is not None and look.likelihood.value != "likely":
            # a fall the rest of the year can afford is said as one, never 增长-50.0%
            code = "report.needed" if look.needed >= 0 else "report.needed_fall"
            needed = Message(code, needed=_pct(abs(look.needed)))
        return Message(
            "report.outlook_growth" if look.value >= 0 else "report.outlook_fall",
            name=name,
            value=_pct(abs(look.value)),
            range=spread,
            word=word,
            needed=needed,
        )
    unit = target.unit

    def shown(value: Decimal) -> Quantity:  # as the tables show a projection
        return Quantity(as_shown(value, target, progress.actual), unit)

    spread = ""
    if look.low is not None and (look.high is not None or look.unbounded):
        # a range with no upper end is said as the tables say it (0个～无上限)
        high: Text = shown(look.high) if look.high is not None else Message("report.unbounded")
        spread = Message("report.range", low=shown(look.low), high=high)
    if target.kind is Kind.LEVEL and target.direction is Direction.AT_MOST:
        assert target.target is not None
        # a ceiling's year end against the ceiling, not as a share of it, as the figure shows
        under = target.target - as_shown(look.value, target, progress.actual)
        return Message(
            "report.outlook_ceiling",
            name=name,
            value=shown(look.value),
            range=spread,
            beyond=_beyond(Direction.AT_MOST, under, unit),
            word=word,
        )
    rest: Text = ""
    figure = progress.figure
    if (
        target.kind is Kind.AMOUNT
        and target.target is not None
        and progress.actual is not None
        and figure is not None
        and figure.month < 12
        and progress.actual < target.target
    ):
        rest = Message(
            "report.rest_amount",
            months=12 - figure.month,
            remaining=Quantity(target.target - progress.actual, unit),
        )
    return Message(
        "report.outlook_amount",
        name=name,
        value=shown(look.value),
        range=spread,
        pct=_pct(look.pct) if look.pct is not None else "—",
        word=word,
        rest=rest,
    )


class Explained(NamedTuple):
    """A department's 原因分析 and 下步措施 for a lagging target (empty when not sent)."""

    reason: str = ""
    measures: str = ""


class Lagging(NamedTuple):
    progress: Progress
    sentence: Message
    explained: Explained | None


class Paragraph(NamedTuple):
    """One group's sentences, as one paragraph of the report."""

    heading: Text
    sentences: tuple[Message, ...]


class ReportView(NamedTuple):
    """What the report says: its title, date, overview, a paragraph per group of targets, the
    lagging targets with their reasons, the outlook, and the table (``status``)."""

    status: StatusView
    period: Period
    date: str  # ISO date the report carries
    title: Message
    overview: Message
    paragraphs: tuple[Paragraph, ...]
    lagging: tuple[Lagging, ...]
    outlook: tuple[Message, ...] = ()
    edition: str = ""  # the edition it reproduces, if any

    @property
    def catalogue(self) -> Catalogue:
        return self.status.catalogue


def whole(catalogue: Catalogue) -> Said:
    """How the report names its whole area: 全区, 全县, 全市 (and in English, the region)."""
    return _Whole(catalogue.region.name_zh, catalogue.region.name("en"))


class _Whole(Said):
    __slots__ = ("en", "zh")

    def __init__(self, zh: str, en: str) -> None:
        self.zh, self.en = zh, en

    def render(self, lang: str) -> str:
        if lang != "zh":
            return self.en
        last = self.zh[-1:] if self.zh else ""
        return f"全{last}" if last in "区县市州旗镇" else self.zh


def _pct(value: Decimal) -> str:
    return f"{round_pct(value):.1f}%"


def _points(value: Decimal) -> str:
    return f"{abs(round_pct(value)):.1f}"


def _name(progress: Progress) -> Both:
    return Both(progress.target.name_zh, progress.target.name_en)


def _rate_phrase(rate: Decimal) -> Message:
    """增长5.2% / 下降1.3%: a rate as prose says it, never 增长-1.3%."""
    if rate < 0:
        return Message("report.fell", rate=_pct(-rate))
    return Message("report.grew", rate=_pct(rate))


def sentence(progress: Progress, period: Period, catalogue: Catalogue) -> Message | None:
    """The one sentence the report says of a target, in its kind's form; None without a
    figure (no sentence is made for a figure that does not exist)."""
    target, figure = progress.target, progress.figure
    if figure is None:
        return None
    name: Text = _name(progress)
    if figure.month < period.month:  # a late figure is named with its own period
        name = Message("report.as_of_own", name=name, period=PeriodName(figure.period))
    kind = target.kind
    if kind is Kind.MILESTONE:
        assert progress.state is not None
        return Message("report.milestone", name=name, state=StateName(progress.state))
    if progress.actual is None:
        return None
    if kind is Kind.GROWTH:
        assert target.target is not None and progress.gap_pp is not None
        level: Text = ""
        if progress.level is not None and target.value_unit:
            level = Message("report.level", level=Quantity(progress.level, target.value_unit))
        against = _against(progress.gap_pp, "report.vs_target", "report.same_as_target")
        derived: Text = Message("report.derived") if progress.derived else ""
        return Message(
            "report.growth",
            name=name,
            level=level,
            rate=_rate_phrase(progress.actual),
            derived=derived,
            against=against,
        )
    if kind is Kind.RELATIVE:
        if progress.gap_pp is None or progress.reference is None:
            return Message("report.relative_alone", name=name, rate=_rate_phrase(progress.actual))
        reference = catalogue.by_id.get(target.relative_to or "")
        ref_name: Text = Both(reference.name_zh, reference.name_en) if reference else ""
        against = _against(
            progress.gap_pp, "report.vs_reference", "report.same_as_reference", reference=ref_name
        )
        return Message(
            "report.relative",
            name=name,
            rate=_rate_phrase(progress.actual),
            reference=ref_name,
            against=against,
        )
    if kind is Kind.AMOUNT:
        assert progress.completion_pct is not None and progress.gap_pp is not None
        yoy: Text = ""
        if progress.yoy_pct is not None:
            up = progress.yoy_pct >= 0
            yoy = Message(
                "report.yoy_up" if up else "report.yoy_down", rate=_pct(abs(progress.yoy_pct))
            )
        pace = _against(
            progress.gap_pp,
            "report.vs_pace",
            "report.same_as_pace",
            ("report.faster", "report.slower"),
        )
        return Message(
            "report.amount",
            name=name,
            actual=Quantity(progress.actual, target.unit),
            completion=_pct(progress.completion_pct),
            pace=pace,
            yoy=yoy,
        )
    assert target.target is not None and progress.margin is not None
    bound = Message(
        "report.bound_at_least"
        if target.direction is Direction.AT_LEAST
        else "report.bound_at_most",
        target=Quantity(target.target, target.unit),
    )
    beyond = _beyond(target.direction, progress.margin, target.unit)
    return Message(
        "report.level_target",
        name=name,
        actual=Quantity(progress.actual, target.unit),
        bound=bound,
        beyond=beyond,
    )


def _beyond(direction: Direction, margin: Decimal, unit: str | None) -> Message:
    """Where a level stands against its bound, ``margin`` counted on the good side (above a
    floor, under a ceiling): 高于目标…, 超出上限…, or 与上限持平 where it shows as nothing."""
    floor = direction is Direction.AT_LEAST
    if margin == 0:  # exactly: 4.54% against 4.5% is over, however little
        return Message("report.at_floor" if floor else "report.at_ceiling")
    if floor:
        code = "report.above_floor" if margin > 0 else "report.below_floor"
    else:
        code = "report.under_ceiling" if margin > 0 else "report.over_ceiling"
    return Message(code, margin=_margin(abs(margin), unit))


def _margin(margin: Decimal, unit: str | None) -> Text:
    """How far a level is from its bound: a rate's in percentage points, to one decimal or
    to the figures' own (0.1个百分点, 0.04个百分点), any other in its unit (0.05万亩)."""
    if unit == "%":
        exponent = margin.normalize().as_tuple().exponent
        fine = isinstance(exponent, int) and exponent < -1
        shown = margin.normalize() if fine else round_pct(margin)
        return Message("report.points", points=format(shown, "f"))
    return Quantity(margin, unit)


def _against(
    gap: Decimal,
    code: str,
    same: str,
    sides: tuple[str, str] = ("report.above", "report.below"),
    **values: object,
) -> Message:
    """高于/低于 (快于/慢于) … N个百分点, or 持平 where the gap rounds to nothing."""
    rounded = round_pct(gap)
    if rounded == 0:
        return Message(same, **values)
    side = Message(sides[0] if rounded > 0 else sides[1])
    return Message(code, side=side, points=_points(rounded), **values)


def overview(
    progress: Sequence[Progress], period: Period, catalogue: Catalogue, late: int | None
) -> Message:
    counts = count_verdicts(progress)
    parts = [
        Message("report.count", verdict=VerdictName(v), count=counts[v])
        for v in _COUNTED
        if counts[v]
    ]
    late_part: Text = Message("report.late_departments", count=late) if late else ""
    return Message(
        "report.overview",
        period=PeriodName(period.label),
        whole=whole(catalogue),
        total=len(progress),
        parts=Joined(parts),
        late=late_part,
    )


def build_report(
    status: StatusView,
    *,
    date: str,
    explained: dict[str, Explained] | None = None,
    late_departments: int | None = None,
    outlook: Sequence[Message] = (),
    edition: str = "",
) -> ReportView:
    """The report of ``status``: for its period, from its rows, nothing else."""
    period = status.as_of
    catalogue = status.catalogue
    if period is None:
        raise InputError(Message("report.no_figures", year=catalogue.year))
    rows = status.progress
    if not any(p.figure is not None and p.figure.month == period.month for p in rows):
        # nothing was reported for the period itself: a report would only repeat old figures
        raise InputError(Message("report.no_figures_period", period=PeriodName(period.label)))
    paragraphs = []
    for group in catalogue.groups:
        sentences = tuple(
            said
            for p in rows
            if p.target.group == group.id and (said := sentence(p, period, catalogue)) is not None
        )
        if sentences:
            paragraphs.append(
                Paragraph(
                    Message("report.group", name=Both(group.name_zh, group.name_en)),
                    sentences,
                )
            )
    # missed first, then behind, then slightly behind; within each, in the catalogue's order
    # (a rate's points and an amount's share of the year are not one scale to sort on)
    behind = sorted(
        (p for p in rows if p.verdict.lagging),
        key=lambda p: (p.verdict is not Verdict.MISSED, p.verdict is not Verdict.BEHIND),
    )
    lagging = tuple(
        Lagging(p, said, (explained or {}).get(p.target.id))
        for p in behind
        if (said := sentence(p, period, catalogue)) is not None
    )
    if not outlook and period.month < 12:  # at the year's end the table says how it ended
        outlook = [line for p in rows if (line := outlook_line(p)) is not None]
    title = Message(
        "report.title",
        region=Both(catalogue.region.name_zh, catalogue.region.name("en")),
        period=PeriodName(period.label),
    )
    return ReportView(
        status=status,
        period=period,
        date=date,
        title=title,
        overview=overview(rows, period, catalogue, late_departments),
        paragraphs=tuple(paragraphs),
        lagging=lagging,
        outlook=tuple(outlook),
        edition=edition,
    )


def report_view(
    store: FigureStore,
    catalogue: Catalogue,
    *,
    as_of: Period | None,
    date: str,
    edition: str = "",
) -> ReportView:
    """The report for ``as_of`` (default: the latest period with figures), from the status
    view of that period: with the reasons and measures recorded for it (``explain``), and how
    many departments had not sent that period's figures by their due date, as of ``date``."""
    import datetime

    from targettrack.usecases.late import late_view
    from targettrack.usecases.views import status_view

    status = status_view(store, catalogue, as_of=as_of)
    explained = {
        target_id: Explained(e.reason, e.measures)
        for target_id, e in (status.explained or {}).items()
    }
    late: int | None = None
    if status.as_of is not None:
        day = datetime.date.fromisoformat(date)
        missing = late_view(store, catalogue, day, period=status.as_of)
        late = len({r.target.department for r in missing.rows if r.late})
    return build_report(
        status, date=date, explained=explained, late_departments=late, edition=edition
    )


def check_dated(period: Period, day: str) -> None:
    """Refuse a report dated within its own period: a report of 1-6月 is written once June is
    over."""
    import datetime

    from targettrack.core.deadlines import due_date
    from targettrack.core.words import DayName, PeriodName

    ends = due_date(period.year, period.month, 1) - datetime.timedelta(days=1)  # its last day
    if datetime.date.fromisoformat(day) <= ends:
        said = Message("edition.early_date", date=DayName(day), period=PeriodName(period.label))
        raise InputError(said)


def report_day(text: str | None) -> str:
    """The date a report carries: --date as given (checked), else today."""
    import datetime

    if text is None:
        return datetime.date.today().isoformat()
    try:
        return datetime.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        from targettrack.errors import echo

        raise InputError(Message("report.bad_date", text=echo(text))) from None
