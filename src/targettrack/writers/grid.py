"""The terminal's table renderer: fixed-width columns, cells wrapped between words, drawn
line by line in the box style of Rich's tables.

Every terminal view (the status table, history, compare, the catalogue, ranks, the city's
table, roll-ups) is drawn here. Rich's own Table measures and wraps every cell again, which at
10,000 targets takes seconds; a ``Grid`` is given its widths once and writes each line once.
``table_grid`` lays out any ``shape.Table``: columns share the width, text wraps at word or
CJK boundaries only, and a terminal too narrow for the columns side by side gets each row as
a short block of "name: value" lines instead, so every cell's content is always shown.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from targettrack.core.models import Verdict

VERDICT_STYLES: dict[Verdict, str] = {
    Verdict.ACHIEVED: "bold green",
    Verdict.ON_TRACK: "green",
    Verdict.IN_PROGRESS: "cyan",
    Verdict.SLIGHTLY_BEHIND: "yellow",
    Verdict.BEHIND: "red",
    Verdict.MISSED: "bold red",
    Verdict.NO_DATA: "dim",
}

# Characters that are words of their own when wrapping: CJK ideographs and full-width forms.
# (Curly quotes count here too: in Chinese text they belong with the characters they enclose.)
_WIDE = "\u2018-\u201f\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
# A token is what a line may end after: one wide character, with the punctuation that never
# begins a line in Chinese typesetting after it and the brackets that never end one before
# it; a word up to and with a hyphen or slash that a letter follows (national-/provincial);
# or a whole word with its spaces, and those brackets and punctuation (（1-6月, 1）). A
# hyphen before a digit belongs to its word (2023-06-30, -1.3), so dates and signs never
# break.
_CLOSERS = "，。、；：？！）》」』】〉”’％"
_OPENERS = "（《「『【〈“‘"  # and these never end one: they stay with what follows
_TOKENS = re.compile(
    rf"[{_OPENERS}]+(?:[^\s{_WIDE}/-]|[-/](?=\d))+[-/]*[{_CLOSERS}]*\s*"
    rf"|[{_OPENERS}]*[{_WIDE}][{_CLOSERS}]*\s*"
    rf"|(?:[^\s{_WIDE}/-]|-(?=\d))*[-/]+(?![\d\s])(?=.)"
    rf"|(?:[^\s{_WIDE}/-]|[-/](?=\d))+[-/]*[{_CLOSERS}]*\s*"
    rf"|[-/]+\s*"
    r"|\s+"
)


def wrap(text: str, width: int, indent: str = "") -> str:
    """``text`` in lines of at most ``width`` cells, broken between words (after a hyphen, or
    between two Chinese characters), never inside one unless it alone is too long; lines
    after the first begin with ``indent``."""
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(text):
        if text_width((line + token).rstrip()) <= width:
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


def cells_width(cells: Sequence[str]) -> int:
    return max((text_width(line) for cell in cells for line in cell.split("\n")), default=0)


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

    def __init__(
        self, title: str, columns: Sequence[Column], caption: Text, *, compact: bool = False
    ) -> None:
        self.title = title
        # a space on both sides of every cell; compact: on its left only (narrow terminals)
        self.after = "" if compact else " "
        self.columns = list(columns)
        self.caption = caption
        self.body: list[list[Cell] | None] = []  # None: a line between sections

    def row(self, cells: Sequence[Cell]) -> None:
        self.body.append(list(cells))

    def section(self) -> None:
        self.body.append(None)

    @property
    def width(self) -> int:
        return sum(c.width for c in self.columns) + (2 + len(self.after)) * len(self.columns) + 1

    def _rule(self, left: str, fill: str, cross: str, right: str) -> Segment:
        inner = cross.join(fill * (c.width + 1 + len(self.after)) for c in self.columns)
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
                pad = " " * max(column.width - text_width(content), 0)
                right = column.justify == "right"
                if (style is None and text is None) or not content:
                    after = self.after
                    plain += (
                        f" {pad}{content}{after}{edge}"
                        if right
                        else f" {content}{pad}{after}{edge}"
                    )
                    continue
                yield Segment(plain + (" " + pad if right else " "))
                if text is not None:
                    yield from _segments(text)
                else:
                    yield Segment(content, style)
                plain = (self.after if right else pad + self.after) + edge
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
        for caption in self.caption.split("\n") if self.caption.plain else ():
            yield Segment(" " * max((width - cell_len(caption.plain)) // 2, 0))
            yield from caption.render(console)
            yield Segment("\n")


@functools.lru_cache(maxsize=64)
def _style(name: str | None) -> Style | None:
    return Style.parse(name) if name else None


def text_width(text: str) -> int:
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


# -- any table ------------------------------------------------------------------------------

_MIN_TEXT = 4  # a text column is not wrapped narrower than this, nor than its longest word
_COMFORTABLE = 6  # narrower than this (or its natural width), a column earns compact gutters


def _longest_word(text: str) -> int:
    return max((text_width(t.strip()) for t in _TOKENS.findall(text) if t.strip()), default=0)


def table_grid(table: Any, lang: str, width: int) -> Any:
    """Any ``shape.Table`` laid out for a terminal ``width`` columns wide: side by side when
    the columns fit (text wrapped between words), else each row as a block of lines."""
    from targettrack.writers.tables import cell_text

    fields = list(table.fields)
    section_rows = [list(section.rows) for section in table.sections]
    sections = [
        (
            section.title,
            [[cell_text(row.get(f.key), f, row, lang) for f in fields] for row in section.rows],
        )
        for section in table.sections
    ]
    every = [cells for _, rows in sections for cells in rows]
    headers = [f.header for f in fields]
    natural = [
        max(cells_width([h, *(cells[i] for cells in every)]), 1) for i, h in enumerate(headers)
    ]
    least = [
        natural[i]
        if f.numeric
        else max(
            min(natural[i], _MIN_TEXT), _longest_word(h), *(_longest_word(c[i]) for c in every)
        )
        for i, (f, h) in enumerate(zip(fields, headers, strict=True))
    ]
    border = 3 * len(fields) + 1
    compact = sum(least) + border > width
    if compact:  # a space between columns, not two
        border = 2 * len(fields) + 1
    if sum(least) + border > width:
        return _stacked(table, sections, headers, width, lang)
    widths = _narrowed(natural, least, width - border)
    if not compact and any(w < min(n, _COMFORTABLE) for w, n in zip(widths, natural, strict=True)):
        # a column squeezed to a few characters reads worse than gutters of one space
        compact, border = True, 2 * len(fields) + 1
        widths = _narrowed(natural, least, width - border)
    columns = [
        Column(wrap(h, w), w, "right" if f.numeric else "left")
        for f, h, w in zip(fields, headers, widths, strict=True)
    ]
    notes = "\n".join(wrap(note, width) for note in table.notes)
    grid = Grid(table.title, columns, Text(notes, style="dim"), compact=compact)
    for index, (title, rows) in enumerate(sections):
        if index:
            grid.section()
        if title:
            grid.row([(wrap(title, widths[0]), "bold")])
        for cells, row in zip(rows, section_rows[index], strict=True):
            grid.row(
                [
                    (
                        wrap(c, w),
                        VERDICT_STYLES.get(row.get(f.key)) if f.key.endswith("verdict") else None,
                    )
                    for c, w, f in zip(cells, widths, fields, strict=True)
                ]
            )
    return grid


def _narrowed(natural: list[int], least: list[int], room: int) -> list[int]:
    """Column widths that fit ``room``: the widest text column that can give gives first."""
    widths = list(natural)
    while sum(widths) > room:
        widest = max(
            (i for i in range(len(widths)) if widths[i] > least[i]), key=lambda i: widths[i]
        )
        widths[widest] -= 1
    return widths


def _stacked(table: Any, sections: Any, headers: list[str], width: int, lang: str) -> Any:
    """Each row as lines of "header: value", for a terminal too narrow for the columns: one
    text of lines already wrapped, so that a long table costs the terminal little."""
    out = Text(no_wrap=True, overflow="ignore")
    out.append(wrap(table.title, width) + "\n", style="italic")
    rule = "─" * min(width, 40) + "\n"
    colon = "：" if lang == "zh" else ": "
    for title, rows in sections:
        if title:
            out.append(wrap(title, width) + "\n", style="bold")
        for cells in rows:
            out.append(rule, style="dim")
            out.append(
                "".join(
                    wrap(f"{header}{colon}{cell}", width, "  ") + "\n"
                    for header, cell in zip(headers, cells, strict=True)
                    if cell
                )
            )
    for note in table.notes:
        out.append(wrap(note, width) + "\n", style="dim")
    out.rstrip()
    return out
