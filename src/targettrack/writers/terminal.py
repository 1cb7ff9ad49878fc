"""The terminal: Rich renderings of the catalogue, the status table, a target's page and its
history, and the console they are printed on.

This is the only module besides the CLI that knows about the terminal; Rich styles live here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.console import Group as RichGroup
from rich.table import Table
from rich.text import Text

from targettrack.core.engine import Progress, count_verdicts, round_pct
from targettrack.core.models import Catalogue, Figure, Kind, Verdict
from targettrack.core.periods import Period
from targettrack.core.units import grouped as number
from targettrack.core.units import with_unit
from targettrack.core.words import kind_word, verdict_label, word
from targettrack.messages import Message
from targettrack.writers import Options, refuse
from targettrack.writers.text import (
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
    from targettrack.usecases.views import RecordsView, StatusView, TargetView

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
            out.append("░", style="dim")
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
        if cell_len((line + token).rstrip()) <= width:
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
    return max((cell_len(line) for cell in cells for line in cell.split("\n")), default=0)


# Columns a narrow terminal drops, first to last; the name, figure and verdict always stay.
_DROP_ORDER = ("bar", "pace", "period", "goal", "progress")
_NAME_MIN = 14
_NAME_FLOOR = 6
_GOAL_MAX = 12
_INDENT = "  "
STALE = "†"  # beside a figure older than the report's period


def status_table(
    catalogue: Catalogue,
    progress: Sequence[Progress],
    *,
    lang: str,
    as_of: Period | None,
    width: int,
) -> Table:
    """The status grouped as the report groups it, laid out to fit ``width`` columns.

    Columns are measured here, once, and given fixed widths (Rich need not measure every
    cell again). When they do not fit, the bar goes first, then the pace, the period, the
    goal and the progress; the verdict is never cut. A figure older than the report's period
    is always marked, by the period column or, without it, under the figure.
    """
    title = word("status_title", lang).format(
        region=catalogue.region_name(lang), year=catalogue.year
    )
    if as_of:
        title += " · " + word("as_of", lang).format(period=as_of.label)
    texts: dict[str, list[str]] = {key: [] for key in _DROP_ORDER}
    actual: list[str] = []
    verdicts: list[str] = []
    periods_under: list[str] = []
    any_stale = False
    for row in progress:
        old = as_of is not None and row.figure is not None and row.figure.month < as_of.month
        any_stale = any_stale or old
        actual.append(actual_text(row, lang))
        periods_under.append(f"({row.period} {STALE})" if old else "")
        texts["goal"].append(target_text(row.target, catalogue, lang))
        texts["period"].append(f"{row.period} {STALE}" if old else row.period or "")
        texts["progress"].append(progress_text(row, lang))
        texts["pace"].append(pct(row.pace_pct))
        texts["bar"].append(" " * BAR_CELLS)
        verdicts.append(verdict_label(row.verdict, lang))
    headers = {key: word(key, lang) for key in (*_DROP_ORDER, "name", "actual", "verdict")}
    widths = {key: _cells_width([headers[key], *cells]) for key, cells in texts.items()}
    # a long goal (in step with GDP) wraps rather than widening every row
    widths["goal"] = min(widths["goal"], max(cell_len(headers["goal"]), _GOAL_MAX))
    texts["goal"] = [wrap(text, widths["goal"]) for text in texts["goal"]]
    verdict_full = _cells_width([headers["verdict"], *verdicts])
    verdict_wrapped = _cells_width([part for label in verdicts for part in label.split(" ")]) + 2
    names = [row.target.name(lang) for row in progress]
    groups = [g.name(lang) for g in catalogue.groups]
    name_natural = _cells_width([headers["name"], *groups, *(_INDENT + n for n in names)])

    shown = [key for key in _DROP_ORDER if texts[key]]
    if not any(r.target.kind is Kind.AMOUNT for r in progress):
        shown = [key for key in shown if key != "bar"]

    def rest(keys: Sequence[str], verdict_width: int) -> int:
        under = "period" not in keys
        actual_cells = [headers["actual"], *actual, *(periods_under if under else [])]
        total = _cells_width(actual_cells) + verdict_width + sum(widths[k] for k in keys)
        return total + 3 * (len(keys) + 3) + 1  # padding and borders

    for key in _DROP_ORDER:
        if width - rest(shown, verdict_full) >= min(name_natural, _NAME_MIN):
            break
        if key in shown:
            shown.remove(key)
    verdict_width = verdict_full
    if width - rest(shown, verdict_full) < min(name_natural, _NAME_MIN):
        verdict_width = verdict_wrapped  # too narrow still: the verdict wraps, whole words
    name_width = max(min(name_natural, width - rest(shown, verdict_width)), _NAME_FLOOR)
    if "period" not in shown:
        actual = [a + (f"\n{p}" if p else "") for a, p in zip(actual, periods_under, strict=True)]

    caption = footer(progress, lang)
    if any_stale:
        caption.append("\n" + word("stale_note", lang).format(mark=STALE), style="dim")
    table = Table(title=title, caption=caption)
    table.add_column(headers["name"], width=name_width, no_wrap=True)
    columns: list[tuple[str, str]] = [("goal", "right"), ("actual", "right"), ("period", "left")]
    columns += [("progress", "right"), ("pace", "right"), ("bar", "left")]
    order = [key for key, _ in columns if key in shown or key == "actual"]
    justify = dict(columns)
    for key in order:
        column = actual if key == "actual" else texts[key]
        table.add_column(
            headers[key],
            justify=justify[key],  # type: ignore[arg-type]
            width=_cells_width([headers[key], *column]),
            no_wrap=True,
        )
    table.add_column(headers["verdict"], width=verdict_width)

    index_of = {id(row): i for i, row in enumerate(progress)}
    by_group: dict[str, list[Progress]] = {}
    for row in progress:
        by_group.setdefault(row.target.group, []).append(row)
    first = True
    for group in catalogue.groups:
        rows = by_group.get(group.id)
        if not rows:
            continue
        if not first:
            table.add_section()
        first = False
        table.add_row(Text(wrap(group.name(lang), name_width), style="bold"))
        for row in rows:
            i = index_of[id(row)]
            name = wrap(_INDENT + row.target.name(lang), name_width, _INDENT * 2)
            cells: list[RenderableType] = [name]
            for key in order:
                if key == "actual":
                    cells.append(actual[i])
                elif key == "bar":
                    cells.append(bar(row))
                else:
                    cells.append(texts[key][i])
            cells.append(verdict_text(row.verdict, lang))
            table.add_row(*cells)
    return table


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
            "by": safe(f.recorded_by),
            "recorded_at": local_time(f.recorded_at),
            "source": safe(f.source),
            "note": safe(f.note),
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
        if any(p.derived for p in view.progress):
            parts.append(Text(word("derived_note", lang), style="dim"))
        if view.as_of is None:
            parts.append(Text(word("no_figures", lang).format(year=view.catalogue.year)))
        return render_text(RichGroup(*parts), options.width)

    def records(self, view: RecordsView, lang: str, options: Options) -> str:
        raise refuse("table", Message("format.records"))
