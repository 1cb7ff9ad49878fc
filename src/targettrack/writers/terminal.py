"""The terminal: the status table, a target's page, the catalogue, history and what moved,
and the console they are printed on. Every table is drawn by ``writers.grid``; a view with no
form of its own here is drawn from its table shape (``grid.table_grid``).

This is the only module besides the CLI that knows about the terminal; Rich styles live here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.console import Console, RenderableType
from rich.console import Group as RichGroup
from rich.text import Text

from targettrack.core.engine import Progress, count_verdicts, round_pct
from targettrack.core.models import (
    Catalogue,
    Direction,
    Explanation,
    Figure,
    Kind,
    LateReading,
    PaceRule,
    Verdict,
)
from targettrack.core.outlook import Method, as_shown
from targettrack.core.periods import Period, period_label
from targettrack.core.units import grouped as number
from targettrack.core.units import with_unit
from targettrack.core.words import (
    kind_word,
    likelihood_word,
    method_word,
    verdict_label,
    word,
)
from targettrack.messages import Message
from targettrack.writers import Options
from targettrack.writers.grid import (
    VERDICT_STYLES,
    Cell,
    Column,
    Grid,
    cells_width,
    table_grid,
    wrap,
)
from targettrack.writers.rows import actual_header
from targettrack.writers.shape import Field, Section, Table
from targettrack.writers.tables import catalogue_of, for_people, history_title, table_of
from targettrack.writers.text import (
    STALE,
    actual_text,
    catalogue_title,
    figure_value_text,
    local_time,
    office_cells,
    own_period,
    pct,
    pp,
    range_text,
    report_title,
    sparkline,
    stale_notes,
    target_text,
    with_own_period,
)

if TYPE_CHECKING:
    from targettrack.context import Context
    from targettrack.usecases.outlook import BacktestView, OutlookView
    from targettrack.usecases.views import CompareView, StatusView, TargetView

BAR_CELLS = 10


def console() -> Console:
    """The console every table is printed on: cells are plain text, never markup."""
    return Console(markup=False, emoji=False, highlight=False)


def bar(progress: Progress) -> Text:
    """Completion as a bar of ten cells, with the pace marked wherever it falls."""
    if progress.target.kind is not Kind.AMOUNT or progress.completion_pct is None:
        return Text("")
    filled = min(int(progress.completion_pct * BAR_CELLS / 100), BAR_CELLS)
    pace_at = None
    if progress.pace_pct is not None:
        pace_at = min(int(progress.pace_pct * BAR_CELLS / 100), BAR_CELLS - 1)
    out = Text()
    style = VERDICT_STYLES[progress.verdict]
    for cell in range(BAR_CELLS):
        if cell == pace_at:
            out.append("┃" if cell < filled else "│", style="bold")
        elif cell < filled:
            out.append("█", style=style)
        else:
            out.append("─", style="dim")
    return out


def verdict_text(verdict: Verdict, lang: str) -> Text:
    return Text(verdict_label(verdict, lang), style=VERDICT_STYLES[verdict])


def footer(progress: Sequence[Progress], lang: str, width: int | None = None) -> Text:
    """How many targets have each verdict; verdicts nobody has are left out. Wider than
    ``width``, the counts go on as many lines as they need, never cut."""
    counts = count_verdicts(progress)
    out = Text()
    line = 0
    for verdict in Verdict:
        if not counts[verdict]:
            continue
        item = f"{verdict_label(verdict, lang)} {counts[verdict]}"
        if line and width is not None and line + 2 + cells_width([item]) > width:
            out.append("\n")
            line = 0
        elif line:
            out.append("  ")
            line += 2
        out.append(item, VERDICT_STYLES[verdict])
        line += cells_width([item])
    return out


_NAME_MIN = 14
_NAME_FLOOR = 6
_GOAL_MAX = 12
_NOTE_MAX = 24
_INDENT = "  "

# The office's table, widest first; a narrow terminal gets the first layout that fits. The
# verdict always stands last and is never cut. Columns without content anywhere are left out.
# The year-end outlook (全年预计) stands beside the office's columns, and goes before the
# department and the note do when the terminal narrows, but after the office's own columns.
_OFFICE = ("goal", "actual", "yoy", "completion", "pace", "gap")
_COMPACT = ("goal", "value", "progress")
_LAYOUTS: tuple[tuple[str, ...], ...] = (
    (*_OFFICE, "outlook", "bar", "department", "note"),
    (*_OFFICE, "outlook", "department", "note"),
    (*_OFFICE, "outlook", "department"),
    (*_OFFICE, "outlook"),
    _OFFICE,
    (*_COMPACT, "outlook"),
    _COMPACT,
    ("value", "progress"),
    ("value",),
)
_RIGHT = {"goal", "actual", "value", "yoy", "completion", "pace", "gap", "progress", "outlook"}


def _status_cells(
    progress: Progress,
    catalogue: Catalogue,
    lang: str,
    explained: Mapping[str, Explanation] | None = None,
) -> dict[str, str]:
    """Every column's text for one target; each layout picks the ones it shows."""
    found = (explained or {}).get(progress.target.id)
    cells = office_cells(
        progress, catalogue, lang, (found.reason, found.measures) if found else None
    )
    kind = progress.target.kind
    cells["bar"] = " " * BAR_CELLS if kind is Kind.AMOUNT and progress.completion_pct else ""
    cells["note"] = safe(cells["note"])
    return cells


def status_table(
    catalogue: Catalogue,
    progress: Sequence[Progress],
    *,
    lang: str,
    as_of: Period | None,
    width: int,
    explained: Mapping[str, Explanation] | None = None,
) -> RenderableType:
    """The status grouped as the report groups it, laid out to fit ``width`` columns.

    Columns are measured here, once, and given fixed widths (Rich need not measure every
    cell again). A figure older than the report's period is always marked under the figure.
    """
    title = word("status_title", lang).format(
        region=catalogue.region_name(lang), year=catalogue.year
    )
    if as_of:
        title += " · " + word("as_of", lang).format(
            period=period_label(as_of.label, lang, year=True)
        )
    rows = [_status_cells(row, catalogue, lang, explained) for row in progress]
    plain = [dict(cells) for cells in rows]  # unwrapped, for a terminal too narrow for columns
    seasonal = catalogue.rules.pace is PaceRule.SEASONAL
    stale_under: list[str] = []
    for row, cells in zip(progress, rows, strict=True):
        own = own_period(row, lang) if as_of is not None else ""
        under = own and (f"（{own}）" if lang == "zh" else f"({own})")
        stale_under.append(under)
        for key in ("actual", "value"):
            if under and cells[key]:
                cells[key] += "\n" + under
            elif under:
                cells[key] = under
    any_stale = any(stale_under)
    for cells in rows:
        cells["goal"] = wrap(cells["goal"], _GOAL_MAX)
        cells["note"] = wrap(cells["note"], _NOTE_MAX)
    headers = {
        "goal": word("annual_target", lang),
        "actual": actual_header(as_of, lang),
        "value": word("actual", lang),
        "yoy": word("yoy_pct", lang),
        "completion": word("completion_pct", lang),
        "pace": word("pace_seasonal" if seasonal else "pace", lang),
        "gap": word("gap_pp", lang),
        "progress": word("progress", lang),
        "outlook": word("outlook_value", lang),
        "bar": word("bar", lang),
        "department": word("department", lang),
        "note": word("note", lang),
    }

    @functools.cache
    def column_width(key: str) -> int:  # asked for again for every layout tried
        cells = [cells[key] for cells in rows]
        header_words = headers[key].replace("(", " (").split()
        return max(cells_width(cells), cells_width(header_words), 4)

    has_content = {key for key in headers if any(cells[key] for cells in rows)}
    verdicts = [verdict_label(row.verdict, lang) for row in progress]
    verdict_full = cells_width([word("verdict", lang), *verdicts])
    names = [row.target.name(lang) for row in progress]
    groups = [g.name(lang) for g in catalogue.groups]
    name_natural = cells_width([word("name", lang), *groups, *(_INDENT + n for n in names)])

    def needed(keys: Sequence[str], verdict_width: int) -> int:
        total = sum(column_width(k) for k in keys) + verdict_width
        return total + 3 * (len(keys) + 2) + 1  # padding and borders

    layout: tuple[str, ...] = _LAYOUTS[-1]
    for candidate in _LAYOUTS:
        keys = tuple(k for k in candidate if k in has_content or k in ("actual", "value"))
        if width - needed(keys, verdict_full) >= min(name_natural, _NAME_MIN):
            layout = keys
            break
    verdict_width = verdict_full
    if width - needed(layout, verdict_full) < min(name_natural, _NAME_MIN):
        # too narrow still: the verdict wraps between its symbol and its words
        verdict_width = cells_width([part for v in verdicts for part in v.split(" ")]) + 2
    name_width = max(min(name_natural, width - needed(layout, verdict_width)), _NAME_FLOOR)

    caption = footer(progress, lang, width)
    if any_stale:
        note = "stale_note" if catalogue.rules.late_figures is LateReading.REPORT else "stale_own"
        caption.append("\n" + word(note, lang).format(mark=STALE), style="dim")
    if seasonal:
        caption.append("\n" + word("seasonal_note", lang), style="dim")
    if any(row.derived for row in progress):
        caption.append("\n" + word("derived_note", lang), style="dim")
    columns = [Column(word("name", lang), name_width, "left")]
    for key in layout:
        head = wrap(headers[key].replace("(", " ("), column_width(key)).replace(" (", "(")
        columns.append(Column(head, column_width(key), "right" if key in _RIGHT else "left"))
    columns.append(Column(word("verdict", lang), verdict_width, "left"))
    grid = Grid(title, columns, caption)

    by_group: dict[str, list[int]] = {}
    for index, row in enumerate(progress):
        by_group.setdefault(row.target.group, []).append(index)
    first = True
    for group in catalogue.groups:
        members = by_group.get(group.id)
        if not members:
            continue
        if not first:
            grid.section()
        first = False
        grid.row([(wrap(group.name(lang), name_width), "bold")])
        for index in members:
            row = progress[index]
            name = wrap(_INDENT + row.target.name(lang), name_width, _INDENT * 2)
            line: list[Cell] = [(name, None)]
            for key in layout:
                line.append(bar(row) if key == "bar" else (rows[index][key], None))
            label = wrap(verdict_label(row.verdict, lang), verdict_width)
            line.append((label, VERDICT_STYLES[row.verdict]))
            grid.row(line)
    if grid.width <= width:
        return grid
    # narrower than the narrowest layout: every target as a block of lines
    shown_keys: list[str] = [k for k in _OFFICE if k in has_content or k == "actual"]
    shown_keys += [k for k in ("department", "note") if k in has_content]
    sections = [
        Section(
            group.name(lang),
            [
                {
                    "name": progress[i].target.name(lang),
                    **{
                        k: plain[i][k] + (" " + stale_under[i] if k == "actual" else "")
                        for k in shown_keys
                    },
                    "verdict": verdict_label(progress[i].verdict, lang),
                }
                for i in by_group.get(group.id, [])
            ],
        )
        for group in catalogue.groups
        if by_group.get(group.id)
    ]
    heads = [word("name", lang), *(headers[k] for k in shown_keys), word("verdict", lang)]
    notes = [line.plain for line in caption.split("\n")]
    display = _display(title, ["name", *shown_keys, "verdict"], heads, sections, notes)
    shown: RenderableType = table_grid(display, lang, width)
    return shown


def _display(
    title: str,
    keys: Sequence[str],
    headers: Sequence[str],
    sections: Sequence[Section],
    notes: Sequence[str] = (),
    numeric: Sequence[str] = (),
) -> Table:
    """A table of text already written for people, laid out by ``grid.table_grid``."""
    fields = tuple(
        Field(k, h, "number" if k in numeric else "text")
        for k, h in zip(keys, headers, strict=True)
    )
    return Table("display", title, fields, tuple(sections), tuple(notes))


def targets_table(catalogue: Catalogue, lang: str) -> Table:
    """The catalogue as the report groups it: id, name, kind, goal, commitment and the
    responsible department (责任单位)."""
    keys: tuple[str, ...] = ("id", "name", "kind", "goal", "commitment", "department")
    if lang == "zh":  # the names say which; commands take them
        keys = keys[1:]
    sections = []
    for group in catalogue.groups:
        members = [t for t in catalogue.targets if t.group == group.id]
        rows: list[dict[str, object]] = [
            {
                "id": t.id,
                "name": t.name(lang),
                "kind": kind_word(t.kind, lang),
                "goal": target_text(t, catalogue, lang),
                "commitment": t.commitment or "",
                "department": t.department,
            }
            for t in members
        ]
        if not rows:  # the report names the area but sets it no number
            rows = [{"name": word("no_quantified", lang)}]
        sections.append(Section(group.name(lang), rows))
    title = catalogue_title(catalogue, lang)
    source = catalogue.source.by(lang)
    return _display(title, keys, [word(k, lang) for k in keys], sections, [source], ["goal"])


def safe(text: str) -> str:
    """Stored text as the terminal may show it: a control character (which input refuses,
    but an older database or another program may hold) becomes a visible replacement."""
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _by(figure: Figure, lang: str) -> str:
    """Who recorded a figure: the person named (--by, a file's 填报人) with whoever imported
    it, or recorded it for them on a shared database; else the recorder alone."""
    behalf = figure.on_behalf_of
    if not behalf or behalf == figure.recorded_by:
        return figure.recorded_by
    if figure.batch:
        return word("by_imported", lang).format(by=figure.recorded_by, behalf=behalf)
    return word("by_for", lang).format(by=figure.recorded_by, behalf=behalf)


_HISTORY = ("version", "period", "value", "status", "by", "recorded_at", "source", "note")


def history_table(figures: Sequence[Figure], lang: str, title: str = "") -> Table:
    """Every version with who, when, source and note. Laid out to the terminal's width,
    free text wraps between words; narrower still, each version is a block of lines."""
    rows: list[dict[str, object]] = [
        {
            "version": str(f.version),
            "period": period_label(f.period, lang),
            "value": figure_value_text(f, lang),
            "status": word(f.status, lang),
            "by": safe(_by(f, lang)),
            "recorded_at": local_time(f.recorded_at, lang),
            "source": safe(f.source),
            "note": safe(
                f"{word('reason', lang)}{'：' if lang == 'zh' else ': '}{f.reason}"
                if f.withdrawn
                else f.note
            ),
        }
        for f in figures
    ]
    headers = [word(k, lang) for k in _HISTORY]
    # a recorder nobody named is a login name: said so, not passed off as a person's
    notes = (word("by_login", lang),) if any(not f.on_behalf_of for f in figures) else ()
    return _display(title, _HISTORY, headers, [Section("", rows)], notes, ("version", "value"))


def target_page(view: TargetView, lang: str, width: int = 80) -> RenderableType:
    catalogue, progress, series, history = view.catalogue, view.progress, view.series, view.history
    outlook = view.outlook
    target = progress.target
    colon = "：" if lang == "zh" else ": "
    head = Text()
    head.append(f"{target.name(lang)}", style="bold")
    head.append("\n" if lang == "zh" else f"  ({target.id})\n")  # Chinese: the name alone
    head.append(f"{word('goal', lang)}{colon}{target_text(target, catalogue, lang)}")
    if target.commitment:
        head.append(f"〔{target.commitment}〕" if lang == "zh" else f"  [{target.commitment}]")
    head.append("\n")
    head.append(f"{word('verdict', lang)}{colon}")
    head.append_text(verdict_text(progress.verdict, lang))
    if progress.period:
        as_of = word("as_of", lang).format(period=period_label(progress.period, lang, year=True))
        head.append(f"（{as_of}）" if lang == "zh" else f"  ({as_of})")
    parts: list[RenderableType] = [head]

    numbers = [f.number for f in series if f.number is not None]
    if series:
        keys = ["period", "value", "status"]
        if target.kind is Kind.AMOUNT:
            keys.append("completion_pct")
        rows: list[dict[str, object]] = []
        for figure in series:
            value = figure.number
            row: dict[str, object] = {
                "period": period_label(figure.period, lang),
                "value": figure_value_text(figure, lang),
                "status": word(figure.status, lang),
            }
            if target.kind is Kind.AMOUNT and value is not None and target.target:
                row["completion_pct"] = pct(round_pct(value * 100 / target.target))
            rows.append(row)
        figures = _display(
            word("figures", lang),
            keys,
            [word(k, lang) for k in keys],
            [Section("", rows)],
            (),
            ("value", "completion_pct"),
        )
        parts.append(table_grid(figures, lang, width))
        if len(numbers) > 1:
            trend = f"{sparkline(numbers)}  {number(numbers[0])} → {number(numbers[-1])}"
            parts.append(Text(trend))

    if outlook is not None and target.target is not None:
        lines = Text()
        lines.append(
            f"{word('remaining', lang)}{colon}{with_unit(outlook.remaining, target.unit)}\n"
        )
        if outlook.needed_per_month is not None:
            left = word("months_left", lang).format(months=outlook.months_left)
            needed = with_unit(outlook.needed_per_month, target.unit)
            lines.append(
                f"{word('per_month', lang)}{colon}{needed}"
                + (f"（{left}）\n" if lang == "zh" else f" ({left})\n")
            )
        lines.append(
            f"{word('rate_so_far', lang)}{colon}{with_unit(outlook.rate_so_far, target.unit)}"
        )
        parts.append(lines)
    elif progress.gap_pp is not None:
        parts.append(Text(f"{word('gap', lang)}{colon}{pp(progress.gap_pp, lang)}"))
    if progress.outlook is not None:
        parts.append(outlook_working(progress, view.catalogue.year, lang))

    if history:
        table = history_table(history, lang, title=word("history", lang))
        parts.append(table_grid(table, lang, width))
    return RichGroup(*parts)


def _bracket(text: str, lang: str) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"


def outlook_working(progress: Progress, year: int, lang: str) -> Text:
    """How the year-end outlook was worked out: the method, the earlier years and their
    shares (or the rate's changes), the range, and what the rest of the year needs."""
    look = progress.outlook
    assert look is not None
    target = progress.target
    colon = "：" if lang == "zh" else ": "
    sep = "；" if lang == "zh" else "; "
    rate = target.kind is Kind.GROWTH or look.method is Method.VERDICT
    by = period_label(f"{year}-{look.month:02d}", lang)

    def amount(value: Decimal) -> str:  # as the tables show it, rounded once
        if rate:
            return f"{round_pct(value):+.1f}%"
        return with_unit(as_shown(value, target, progress.actual), target.unit)

    lines = Text()
    lines.append(f"{word('outlook_value', lang)}{colon}", style="bold")
    if look.method is Method.NONE:
        lines.append(word("no_earlier", lang))
        return lines
    has_value = look.value is not None and look.method is not Method.VERDICT
    if has_value and look.value is not None:
        lines.append(amount(look.value))
        ceiling = target.kind is Kind.LEVEL and target.direction is Direction.AT_MOST
        if look.pct is not None and not ceiling:  # a ceiling is not a share to complete
            lines.append(_bracket(word("of_target", lang).format(pct=pct(look.pct)), lang))
    if look.likelihood is not None:
        lines.append(
            ("，" if lang == "zh" else ", ") if has_value else ""
        )  # a word alone: no comma
        final = look.method is Method.YEAR_END
        lines.append(likelihood_word(look.likelihood, lang, final=final), style="bold")
    lines.append(f"\n  {word('outlook_method', lang)}{colon}{method_word(look.method, lang)}")
    years = look.years
    if years:
        said = "years_span" if years[0] != years[-1] else "year_alone"
        span = word(said, lang).format(first=years[0], last=years[-1], count=len(years))
        lines.append(_bracket(span, lang))
    if look.has_range:
        high = word("unbounded", lang) if look.high is None else amount(look.high)
        low = "" if look.low is None else amount(look.low)
        lines.append(f"\n  {word('outlook_range', lang)}{colon}{range_text(low, high, lang)}")
    if look.shares:
        shown = sep.join(
            word("share_of_year", lang).format(
                year=s.year,
                share=pct(round_pct(s.share)),
                to_date=number(s.to_date),
                year_end=number(s.year_end),
            )
            for s in look.shares
        )
        lines.append(f"\n  {word('shares_by', lang).format(period=by)}{colon}{shown}")
        shares = [s.share for s in look.shares]
        summary = word("shares_summary", lang).format(
            mean=pct(round_pct(look.share or Decimal(0))),
            low=pct(round_pct(min(shares))),
            high=pct(round_pct(max(shares))),
        )
        lines.append(f"\n  {summary}")
    elif look.share is not None:
        lines.append(
            f"\n  {word('share_used', lang).format(period=by, share=pct(round_pct(look.share)))}"
        )
    if look.drifts:
        shown = sep.join(
            f"{d.year}{'年' if lang == 'zh' else ''} {d.to_date:+.1f}% → {d.year_end:+.1f}%"
            for d in look.drifts
        )
        lines.append(f"\n  {word('drifts_by', lang).format(period=by)}{colon}{shown}")
    if look.levels is not None and look.month < 12:
        unit = target.value_unit
        levels = word("levels_used", lang).format(
            period=by,
            level=with_unit(look.levels.level, unit),
            prior=with_unit(look.levels.prior, unit),
            full=with_unit(look.levels.full_year, unit),
        )
        needed = word("needed_none", lang) if look.needed is None else f"{look.needed:+.1f}%"
        lines.append(f"\n  {word('needed_growth', lang)}{colon}{needed}{_bracket(levels, lang)}")
    elif target.kind is Kind.GROWTH and look.month < 12:
        lines.append(f"\n  {word('needed_growth', lang)}{colon}{word('needs_levels', lang)}")
    return lines


def render_text(
    renderable: RenderableType, width: int | None = None, *, plain: bool = False
) -> str:
    """What ``renderable`` prints as, with the styles the terminal supports (none when
    ``plain``: a file)."""
    out = console()
    if plain:
        out = Console(
            markup=False, emoji=False, highlight=False, color_system=None, force_terminal=False
        )
    if width is not None:
        out.width = width
    # a text wrapped already (a table stacked for a narrow terminal) is printed as it is
    ready = isinstance(renderable, Text) and renderable.no_wrap is True
    with out.capture() as captured:
        out.print(renderable, soft_wrap=ready)
    return captured.get()


def status_page(view: StatusView, lang: str, width: int) -> RenderableType:
    """The status table, and under it who has not reported for the period."""
    table = status_table(
        view.catalogue,
        view.progress,
        lang=lang,
        as_of=view.as_of,
        width=width,
        explained=view.explained,
    )
    parts: list[RenderableType] = [table]
    if view.as_of is not None and view.missing:
        label = period_label(view.as_of.label, lang)
        names: list[object] = [t.name(lang) for t in view.missing[:20]]  # names, not ids
        if len(view.missing) > 20:
            names.append(
                f"…（另{len(view.missing) - 20}项）"
                if lang == "zh"
                else f"… (+{len(view.missing) - 20})"
            )
        # a tuple: joined by ；, since a name may hold a 、 of its own
        missing = Message(
            "cli.missing_figures", count=len(view.missing), period=label, names=tuple(names)
        )
        parts.append(Text(missing.render(lang), style="dim"))
    elif view.as_of is not None:
        label = period_label(view.as_of.label, lang)
        parts.append(Text(Message("cli.all_reported", period=label).render(lang), style="dim"))
    if view.as_of is None:
        parts.append(Text(word("no_figures", lang).format(year=view.catalogue.year)))
    return RichGroup(*parts)


def compare_table(view: CompareView, lang: str) -> Table:
    """What moved between two periods: each target's figure and verdict then and now."""
    before, now = period_label(view.before.label, lang), period_label(view.now.label, lang)
    title = word("compare_title", lang).format(
        region=view.catalogue.region_name(lang), before=before, now=now
    )
    if view.edition:
        title = word("since_edition_title", lang).format(
            region=view.catalogue.region_name(lang), edition=view.edition, period=now
        )
        before, now = word("as_sent", lang), word("as_now", lang)
    keys = ("name", "before", "now", "change", "verdict")
    rows: list[dict[str, object]] = []
    for change in view.changes:
        if not change.moved:
            continue
        then, current = change.before, change.now
        delta = ""
        if then.actual is not None and current.actual is not None and then.state is None:
            difference = current.actual - then.actual
            if current.target.is_rate:  # a rate moves by percentage points
                delta = pp(round_pct(difference), lang)
            else:
                delta = ("+" if difference > 0 else "") + with_unit(difference, current.target.unit)
        verdicts = verdict_label(then.verdict, lang)
        if then.verdict is not current.verdict:
            verdicts += " → " + verdict_label(current.verdict, lang)
        rows.append(
            {
                "name": current.target.name(lang),
                "before": with_own_period(actual_text(then, lang), then, lang),
                "now": with_own_period(actual_text(current, lang), current, lang),
                "change": delta,
                "verdict": verdicts,
            }
        )
    headers = [word("name", lang), before, now, word("change", lang), word("verdict", lang)]
    notes = (
        (word("nothing_revised", lang).format(edition=view.edition),)
        if view.edition and not view.changes
        else stale_notes([p for c in view.changes if c.moved for p in (c.before, c.now)], lang)
    )
    return _display(title, keys, headers, [Section("", rows)], notes, ("before", "now", "change"))


def outlook_table(view: OutlookView, lang: str) -> Table:
    """Every target's year-end outlook as people read it: the goal, the latest figure, the
    projection and its range, the word, how it was made and what the rest of the year needs."""
    status = view.status
    catalogue = status.catalogue
    keys = ("name", "goal", "actual", "outlook_value", "range", "outlook", "method", "needed")
    sections = []
    for group in catalogue.groups:
        rows: list[dict[str, object]] = []
        for progress in status.progress:
            if progress.target.group != group.id:
                continue
            rows.append(_outlook_row(progress, catalogue, lang))
        if rows:
            sections.append(Section(group.name(lang), rows))
    heads = [
        word("name", lang),
        word("annual_target", lang),
        actual_header(status.as_of, lang),
        word("outlook_value", lang),
        word("outlook_range", lang),
        word("outlook", lang),
        word("outlook_method", lang),
        word("needed_pct", lang),
    ]
    title = word("outlook_title", lang).format(title=report_title(catalogue, status.as_of, lang))
    right = ("goal", "actual", "outlook_value", "range", "needed")
    return _display(title, keys, heads, sections, (), right)


def _outlook_row(progress: Progress, catalogue: Catalogue, lang: str) -> dict[str, object]:
    target, look = progress.target, progress.outlook
    row: dict[str, object] = {
        "name": target.name(lang),
        "goal": target_text(target, catalogue, lang),
        "actual": actual_text(progress, lang),
    }
    row["actual"] = with_own_period(str(row["actual"]), progress, lang)
    if look is None:
        return row

    def shown(value: Decimal) -> str:
        if target.kind.is_rate:
            return f"{round_pct(value):+.1f}%"
        return with_unit(as_shown(value, target, progress.actual), target.unit)

    if look.value is not None and look.method is not Method.VERDICT:
        row["outlook_value"] = shown(look.value)
    if look.has_range:
        high = word("unbounded", lang) if look.high is None else shown(look.high)
        row["range"] = range_text("" if look.low is None else shown(look.low), high, lang)
    if look.likelihood is not None:
        final = look.method is Method.YEAR_END
        row["outlook"] = likelihood_word(look.likelihood, lang, final=final)
    row["method"] = method_word(look.method, lang)
    if look.needed is not None:
        row["needed"] = f"{look.needed:+.1f}%"
    return row


def backtest_table(view: BacktestView, lang: str) -> Table:
    """The backtest's table for a terminal: names first, the months that have any figure."""
    table = table_of(view, lang)
    rows = list(table.rows)
    kept = tuple(
        f
        for f in table.fields
        if f.key not in ("id", "measure")
        and (not f.numeric or any(row.get(f.key) is not None for row in rows))
    )
    return table._replace(fields=kept)


class TerminalWriter:
    """Tables for people at a terminal, at its width; plain text when written to a file."""

    binary = False

    def write(self, view: object, context: Context, options: Options) -> str:
        from targettrack.usecases.outlook import BacktestView, OutlookView
        from targettrack.usecases.views import (
            CatalogueView,
            CompareView,
            HistoryView,
            StatusView,
            TargetView,
        )

        lang, width = context.lang, context.width
        shown: RenderableType
        if isinstance(view, StatusView):
            shown = status_page(view, lang, width)
        elif isinstance(view, TargetView):
            shown = target_page(view, lang, width)
        elif isinstance(view, CatalogueView):
            shown = table_grid(targets_table(view.catalogue, lang), lang, width)
        elif isinstance(view, HistoryView):
            title = history_title(view, lang)
            shown = table_grid(history_table(view.figures, lang, title), lang, width)
        elif isinstance(view, CompareView) and view.edition and not view.changes:
            shown = Text(word("nothing_revised", lang).format(edition=view.edition))
        elif isinstance(view, CompareView):
            shown = table_grid(compare_table(view, lang), lang, width)
        elif isinstance(view, OutlookView):
            shown = table_grid(outlook_table(view, lang), lang, width)
        elif isinstance(view, BacktestView) and not view.rows:
            none = word("backtest_none", lang).format(first=view.first_year, last=view.last_year)
            shown = Text(none)
        elif isinstance(view, BacktestView):
            shown = table_grid(backtest_table(view, lang), lang, width)
        else:
            table = for_people(table_of(view, lang), lang, catalogue_of(view))
            if table.name == "ranks":  # each section is an indicator, headed with its name
                table = table._replace(
                    fields=tuple(f for f in table.fields if f.key not in ("id", "name"))
                )
            if table.name == "late":  # its sections are its departments: no column of them
                table = table._replace(
                    fields=tuple(f for f in table.fields if f.key != "department")
                )
            shown = table_grid(table, lang, width)
        return render_text(shown, width, plain=options.to_file)
