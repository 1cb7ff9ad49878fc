"""The terminal: Rich renderings of the catalogue, the status table, a target's page and its
history, and the console they are printed on.

This is the only module besides the CLI that knows about the terminal; Rich styles live here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.console import Group as RichGroup
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from targettrack.core.engine import Progress, count_verdicts, round_pct
from targettrack.core.models import Catalogue, Figure, Kind, Verdict
from targettrack.core.periods import Period, period_label
from targettrack.core.units import grouped as number
from targettrack.core.units import with_unit
from targettrack.core.words import kind_word, verdict_label, word
from targettrack.messages import Message
from targettrack.writers import Options, refuse
from targettrack.writers.rows import actual_header
from targettrack.writers.text import (
    actual_cell,
    actual_text,
    figure_value_text,
    local_time,
    pct,
    pp,
    progress_text,
    sparkline,
    target_text,
)

if TYPE_CHECKING:
    from targettrack.usecases.views import CompareView, RecordsView, StatusView, TargetView

BAR_CELLS = 10

VERDICT_STYLES: dict[Verdict, str] = {
    Verdict.ACHIEVED: "bold green",
    Verdict.ON_TRACK: "green",
    Verdict.SLIGHTLY_BEHIND: "yellow",
    Verdict.BEHIND: "red",
    Verdict.MISSED: "bold red",
    Verdict.NO_DATA: "dim",
}


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


def footer(progress: Sequence[Progress], lang: str) -> Text:
    """How many targets have each verdict; verdicts nobody has are left out."""
    counts = count_verdicts(progress)
    out = Text()
    for verdict in Verdict:
        if not counts[verdict]:
            continue
        if out:
            out.append("  ")
        out.append(f"{verdict_label(verdict, lang)} {counts[verdict]}", VERDICT_STYLES[verdict])
    return out


# Characters that are words of their own when wrapping: CJK ideographs and full-width forms.
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_TOKENS = re.compile(rf"[{_WIDE}]\s*|[^\s{_WIDE}-]*-+|[^\s{_WIDE}-]+\s*|\s+")


def wrap(text: str, width: int, indent: str = "") -> str:
    """``text`` in lines of at most ``width`` cells, broken between words (after a hyphen, or
    between two Chinese characters), never inside one unless it alone is too long; lines
    after the first begin with ``indent``."""
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(text):
        if _width((line + token).rstrip()) <= width:
            line += token
            continue
        if line.strip():
            lines.append(line.rstrip())
            line = indent
        token = token.lstrip() if line == indent else token
        while cell_len(line + token.rstrip()) > width and len(token) > 1:
            room = width - cell_len(line)
            head = token[:1]
            for size in range(2, len(token) + 1):
                if cell_len(token[:size]) > room:
                    break
                head = token[:size]
            lines.append(line + head)
            line, token = indent, token[len(head) :]
        line += token
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return "\n".join(lines)


def _cells_width(cells: Sequence[str]) -> int:
    return max((_width(line) for cell in cells for line in cell.split("\n")), default=0)


_NAME_MIN = 14
_NAME_FLOOR = 6
_GOAL_MAX = 12
_NOTE_MAX = 24
_INDENT = "  "
STALE = "※"  # beside a figure older than the report's period

# The office's table, widest first; a narrow terminal gets the first layout that fits. The
# verdict always stands last and is never cut. Columns without content anywhere are left out.
_OFFICE = ("goal", "actual", "yoy", "completion", "pace", "gap")
_COMPACT = ("goal", "value", "progress")
_LAYOUTS: tuple[tuple[str, ...], ...] = (
    (*_OFFICE, "bar", "department", "note"),
    (*_OFFICE, "department", "note"),
    (*_OFFICE, "department"),
    _OFFICE,
    _COMPACT,
    ("value", "progress"),
    ("value",),
)
_RIGHT = {"goal", "actual", "value", "yoy", "completion", "pace", "gap", "progress"}


def _signed(value: Decimal | None) -> str:
    return "" if value is None else f"{value:+.1f}"


def _rate(progress: Progress) -> str:
    return actual_text(progress, "en") if progress.target.is_rate else ""


def _status_cells(progress: Progress, catalogue: Catalogue, lang: str) -> dict[str, str]:
    """Every column's text for one target; each layout picks the ones it shows."""
    target, figure = progress.target, progress.figure
    kind = target.kind
    actual = actual_cell(progress, lang)
    yoy = _rate(progress) if kind.is_rate else pct(progress.yoy_pct)
    gap = "" if kind is Kind.LEVEL else _signed(progress.gap_pp)
    return {
        "goal": target_text(target, catalogue, lang),
        "actual": actual,
        "value": actual_text(progress, lang),
        "yoy": yoy,
        "completion": pct(progress.completion_pct),
        "pace": pct(progress.pace_pct),
        "gap": gap,
        "progress": progress_text(progress, lang),
        "bar": " " * BAR_CELLS if kind is Kind.AMOUNT and progress.completion_pct else "",
        "department": target.department,
        "note": safe(figure.note) if figure else "",
    }


def status_table(
    catalogue: Catalogue,
    progress: Sequence[Progress],
    *,
    lang: str,
    as_of: Period | None,
    width: int,
) -> Grid:
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
    rows = [_status_cells(row, catalogue, lang) for row in progress]
    stale_under: list[str] = []
    for row, cells in zip(progress, rows, strict=True):
        old = as_of is not None and row.figure is not None and row.figure.month < as_of.month
        under = f"({period_label(row.figure.period, lang)} {STALE})" if old and row.figure else ""
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
        "pace": word("pace", lang),
        "gap": word("gap_pp", lang),
        "progress": word("progress", lang),
        "bar": word("bar", lang),
        "department": word("department", lang),
        "note": word("note", lang),
    }

    @functools.cache
    def column_width(key: str) -> int:  # asked for again for every layout tried
        cells = [cells[key] for cells in rows]
        header_words = headers[key].replace("(", " (").split()
        return max(_cells_width(cells), _cells_width(header_words), 4)

    has_content = {key for key in headers if any(cells[key] for cells in rows)}
    verdicts = [verdict_label(row.verdict, lang) for row in progress]
    verdict_full = _cells_width([word("verdict", lang), *verdicts])
    names = [row.target.name(lang) for row in progress]
    groups = [g.name(lang) for g in catalogue.groups]
    name_natural = _cells_width([word("name", lang), *groups, *(_INDENT + n for n in names)])

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
        verdict_width = _cells_width([part for v in verdicts for part in v.split(" ")]) + 2
    name_width = max(min(name_natural, width - needed(layout, verdict_width)), _NAME_FLOOR)

    caption = footer(progress, lang)
    if any_stale:
        caption.append("\n" + word("stale_note", lang).format(mark=STALE), style="dim")
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
    return grid


Cell = tuple[str, str | None] | Text


class Column(NamedTuple):
    header: str  # may hold line breaks
    width: int
    justify: str  # "left" or "right"


class Grid:
    """A table whose columns have fixed widths and whose cells are wrapped already, laid out
    line by line in the box style of Rich's tables. Rich's Table measures and wraps every
    cell again, which at 10,000 targets takes seconds; this writes each line once, and lets
    Rich only colour the cells that have a style."""

    def __init__(self, title: str, columns: Sequence[Column], caption: Text) -> None:
        self.title = title
        self.columns = list(columns)
        self.caption = caption
        self.body: list[list[Cell] | None] = []  # None: a line between sections

    def row(self, cells: Sequence[Cell]) -> None:
        self.body.append(list(cells))

    def section(self) -> None:
        self.body.append(None)

    @property
    def width(self) -> int:
        return sum(c.width for c in self.columns) + 3 * len(self.columns) + 1

    def _rule(self, left: str, fill: str, cross: str, right: str) -> Segment:
        inner = cross.join(fill * (c.width + 2) for c in self.columns)
        return Segment(f"{left}{inner}{right}\n")

    def _lines(self, cells: Sequence[Cell], edge: str, bottom: bool = False) -> Iterator[Segment]:
        """One row: as many lines as its tallest cell, each cell padded to its column (and,
        for the header, to its foot, as Rich aligns headers). Unstyled text is gathered into
        one segment a line, which keeps 10,000 rows quick."""
        padded = [*cells, *[("", None)] * (len(self.columns) - len(cells))]
        split: list[tuple[list[str], Style | None, Text | None]] = []
        for cell in padded:
            if isinstance(cell, Text):  # a bar, styled cell by cell
                split.append(([cell.plain], None, cell))
            else:
                split.append((cell[0].split("\n"), _style(cell[1]), None))
        height = max(len(lines) for lines, _, _ in split)
        if bottom:
            split = [
                ([""] * (height - len(lines)) + lines, style, text) for lines, style, text in split
            ]
        for at in range(height):
            plain = edge
            for column, (lines, style, text) in zip(self.columns, split, strict=True):
                content = lines[at] if at < len(lines) else ""
                pad = " " * max(column.width - _width(content), 0)
                right = column.justify == "right"
                if (style is None and text is None) or not content:
                    plain += f" {pad}{content} {edge}" if right else f" {content}{pad} {edge}"
                    continue
                yield Segment(plain + (" " + pad if right else " "))
                if text is not None:
                    yield from _segments(text)
                else:
                    yield Segment(content, style)
                plain = (" " if right else pad + " ") + edge
            yield Segment(plain + "\n")

    def __rich_console__(self, console: Console, options: Any) -> Iterator[Segment]:
        width = self.width
        for title in wrap(self.title, width).split("\n"):
            margin = " " * max((width - cell_len(title)) // 2, 0)
            yield Segment(margin)
            yield Segment(title, Style(italic=True))
            yield Segment("\n")
        yield self._rule("┏", "━", "┳", "┓")
        yield from self._lines([(c.header, "bold") for c in self.columns], "┃", bottom=True)
        yield self._rule("┡", "━", "╇", "┩")
        for cells in self.body:
            if cells is None:
                yield self._rule("├", "─", "┼", "┤")
            else:
                yield from self._lines(cells, "│")
        yield self._rule("└", "─", "┴", "┘")
        for caption in self.caption.split("\n"):
            yield Segment(" " * max((width - cell_len(caption.plain)) // 2, 0))
            yield from caption.render(console)
            yield Segment("\n")


_PLAIN = Console(markup=False, emoji=False, highlight=False)


@functools.lru_cache(maxsize=64)
def _style(name: str | None) -> Style | None:
    return Style.parse(name) if name else None


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def _segments(text: Text) -> list[Segment]:
    """A styled Text as segments, without a console: its spans, in order."""
    out: list[Segment] = []
    plain = text.plain
    cursor = 0
    for span in sorted(text.spans, key=lambda s: s.start):
        if span.start > cursor:
            out.append(Segment(plain[cursor : span.start], _style(str(text.style) or None)))
        out.append(Segment(plain[span.start : span.end], _style(str(span.style))))
        cursor = span.end
    if cursor < len(plain):
        out.append(Segment(plain[cursor:], _style(str(text.style) or None)))
    return out


def targets_table(catalogue: Catalogue, lang: str) -> Table:
    title = f"{catalogue.region_name(lang)} {catalogue.year}"
    table = Table(title=title, caption=f"{catalogue.source.publisher} · {catalogue.source.date}")
    table.add_column(word("id", lang), no_wrap=True)
    table.add_column(word("name", lang), ratio=1, overflow="fold")
    table.add_column(word("kind", lang), no_wrap=True)
    table.add_column(word("goal", lang), justify="right", overflow="fold")
    table.add_column(word("commitment", lang), no_wrap=True)
    for index, group in enumerate(catalogue.groups):
        members = [t for t in catalogue.targets if t.group == group.id]
        if index:
            table.add_section()
        table.add_row("", Text(group.name(lang), style="bold"))
        if not members:  # the report names the area but sets it no number
            table.add_row("", Text(word("no_quantified", lang), style="dim"))
        for target in members:
            table.add_row(
                target.id,
                target.name(lang),
                kind_word(target.kind, lang),
                target_text(target, catalogue, lang),
                target.commitment or "",
            )
    return table


def safe(text: str) -> str:
    """Stored text as the terminal may show it: a control character (which input refuses,
    but an older database or another program may hold) becomes a visible replacement."""
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FREE_MIN = 10


def _by(figure: Figure, lang: str) -> str:
    """Who recorded a figure, and for whom when that is someone else (a shared database)."""
    behalf = figure.on_behalf_of
    if not behalf or behalf == figure.recorded_by:
        return figure.recorded_by
    return word("by_for", lang).format(by=figure.recorded_by, behalf=behalf)


def history_table(
    figures: Sequence[Figure], lang: str, title: str | None = None, width: int = 80
) -> Table:
    """Every version with who, when, source and note; laid out to fit ``width``.

    Free text (source, note) wraps between words and shares what the other columns leave;
    when that is too little, the time loses its clock, then the version, status, author and
    time columns go in that order, so that source and note always stay readable.
    """
    rows = [
        {
            "version": str(f.version),
            "period": f.period,
            "value": figure_value_text(f, lang),
            "status": word(f.status, lang),
            "by": safe(_by(f, lang)),
            "recorded_at": local_time(f.recorded_at),
            "source": safe(f.source),
            "note": safe(f"{word('reason', lang)}：{f.reason}" if f.withdrawn else f.note),
        }
        for f in figures
    ]
    fixed = ["version", "period", "value", "status", "by", "recorded_at"]
    headers = {key: word(key, lang) for key in (*fixed, "source", "note")}

    def natural(key: str) -> int:
        return _cells_width([headers[key], *(row[key] for row in rows)])

    def room(keys: Sequence[str]) -> int:
        return width - sum(natural(k) for k in keys) - 3 * (len(keys) + 2) - 1

    if room(fixed) < 2 * _FREE_MIN:
        for row in rows:
            row["recorded_at"] = row["recorded_at"][:10]  # the date alone
    for dropped in ("version", "status", "by", "recorded_at"):
        if room(fixed) < 2 * _FREE_MIN:
            fixed.remove(dropped)
    free = max(room(fixed), 2 * _FREE_MIN)
    source_width = min(natural("source"), max(free // 2, free - natural("note")))
    note_width = max(min(natural("note"), free - source_width), cell_len(headers["note"]))
    source_width = max(source_width, cell_len(headers["source"]))

    table = Table(title=title)
    for key in fixed:
        table.add_column(headers[key], width=natural(key), no_wrap=True)
    table.add_column(headers["source"], width=source_width, no_wrap=True)
    table.add_column(headers["note"], width=note_width, no_wrap=True)
    for row in rows:
        cells = [row[key] for key in fixed]
        cells.append(wrap(row["source"], source_width))
        cells.append(wrap(row["note"], note_width))
        table.add_row(*cells)
    return table


def target_page(view: TargetView, lang: str, width: int = 80) -> RenderableType:
    catalogue, progress, series, history = view.catalogue, view.progress, view.series, view.history
    outlook = view.outlook
    target = progress.target
    head = Text()
    head.append(f"{target.name(lang)}", style="bold")
    head.append(f"  ({target.id})\n")
    head.append(f"{word('goal', lang)}: {target_text(target, catalogue, lang)}")
    if target.commitment:
        head.append(f"  [{target.commitment}]")
    head.append("\n")
    head.append(f"{word('verdict', lang)}: ")
    head.append_text(verdict_text(progress.verdict, lang))
    if progress.period:
        head.append(f"  ({word('as_of', lang).format(period=progress.period)})")
    parts: list[RenderableType] = [head]

    numbers = [f.number for f in series if f.number is not None]
    if series:
        table = Table(title=word("figures", lang), title_justify="left")
        table.add_column(word("period", lang), no_wrap=True)
        table.add_column(word("value", lang), justify="right")
        table.add_column(word("status", lang))
        if target.kind is Kind.AMOUNT:
            table.add_column(word("completion_pct", lang), justify="right")
        for figure in series:
            value = figure.number
            cells = [figure.period, figure_value_text(figure, lang), word(figure.status, lang)]
            if target.kind is Kind.AMOUNT and value is not None and target.target:
                cells.append(pct(round_pct(value * 100 / target.target)))
            table.add_row(*cells)
        parts.append(table)
        if len(numbers) > 1:
            trend = f"{sparkline(numbers)}  {number(numbers[0])} → {number(numbers[-1])}"
            parts.append(Text(trend))

    if outlook is not None and target.target is not None:
        lines = Text()
        lines.append(f"{word('remaining', lang)}: {with_unit(outlook.remaining, target.unit)}\n")
        if outlook.needed_per_month is not None:
            lines.append(
                f"{word('per_month', lang)}: {with_unit(outlook.needed_per_month, target.unit)}"
                f" ({word('months_left', lang).format(months=outlook.months_left)})\n"
            )
        lines.append(f"{word('rate_so_far', lang)}: {with_unit(outlook.rate_so_far, target.unit)}")
        if progress.projection is not None:
            lines.append(
                f"\n{word('projection', lang)}: {with_unit(progress.projection, target.unit)}"
                f" ({pct(progress.projection_pct)})"
            )
        parts.append(lines)
    elif progress.gap_pp is not None:
        parts.append(Text(f"{word('gap_pp', lang)}: {pp(progress.gap_pp, lang)}"))

    if history:
        parts.append(history_table(history, lang, title=word("history", lang), width=width))
    return RichGroup(*parts)


def render_text(renderable: RenderableType, width: int | None = None) -> str:
    """What ``renderable`` prints as, with the styles the terminal supports."""
    out = console()
    if width is not None:
        out.width = width
    with out.capture() as captured:
        out.print(renderable)
    return captured.get()


class TerminalWriter:
    """The status as a Rich table, at the terminal's width."""

    binary = False

    def status(
        self, view: StatusView, lang: str, options: Options, records: RecordsView | None
    ) -> str:
        table = status_table(
            view.catalogue,
            view.progress,
            lang=lang,
            as_of=view.as_of,
            width=options.width,
        )
        parts: list[RenderableType] = [table]
        if view.as_of is not None and view.missing:
            label = period_label(view.as_of.label, lang)
            ids = ", ".join(t.id for t in view.missing[:20])
            if len(view.missing) > 20:
                ids += f" (+{len(view.missing) - 20})"
            missing = Message(
                "cli.missing_figures", count=len(view.missing), period=label, names=ids
            )
            parts.append(Text(missing.render(lang), style="dim"))
        elif view.as_of is not None:
            label = period_label(view.as_of.label, lang)
            parts.append(Text(Message("cli.all_reported", period=label).render(lang), style="dim"))
        if view.as_of is None:
            parts.append(Text(word("no_figures", lang).format(year=view.catalogue.year)))
        return render_text(RichGroup(*parts), options.width)

    def records(self, view: RecordsView, lang: str, options: Options) -> str:
        raise refuse("table", Message("format.records"))


def compare_table(view: CompareView, lang: str) -> Table:
    """What moved between two periods: each target's figure and verdict then and now."""
    before, now = period_label(view.before.label, lang), period_label(view.now.label, lang)
    title = word("compare_title", lang).format(
        region=view.catalogue.region_name(lang), before=before, now=now
    )
    table = Table(title=title)
    table.add_column(word("name", lang), ratio=1, overflow="fold")
    table.add_column(before, justify="right", no_wrap=True)
    table.add_column(now, justify="right", no_wrap=True)
    table.add_column(word("change", lang), justify="right", no_wrap=True)
    table.add_column(word("verdict", lang), no_wrap=True)
    for change in view.changes:
        if not change.moved:
            continue
        then, current = change.before, change.now
        delta = ""
        if then.actual is not None and current.actual is not None and then.state is None:
            difference = current.actual - then.actual
            delta = f"{difference:+.1f}" if current.target.is_rate else f"{number(difference)}"
            if not current.target.is_rate and difference > 0:
                delta = "+" + delta
        verdicts = Text(verdict_label(then.verdict, lang), style=VERDICT_STYLES[then.verdict])
        if then.verdict is not current.verdict:
            verdicts.append(" → ")
            verdicts.append_text(verdict_text(current.verdict, lang))
        table.add_row(
            current.target.name(lang),
            actual_text(then, lang),
            actual_text(current, lang),
            delta,
            verdicts,
        )
    return table
