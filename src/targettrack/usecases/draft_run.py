"""``targettrack draft`` from file to outputs: read the report, draft, find last year's
results for the CSV, and say what was done, what was skipped and what to check."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from targettrack.core.models import Catalogue, Figure, Kind
from targettrack.core.words import TargetName
from targettrack.errors import InputError, TargettrackError, expand_user, os_reason
from targettrack.messages import Message, Text
from targettrack.store import DEFAULT_TIMEOUT
from targettrack.usecases.draft import Draft, Skipped, Stated, draft, results_for
from targettrack.usecases.report_text import MAX_REPORT_BYTES, decode_report

RESULT_FIELDS = ("target", "period", "value", "level", "status", "source", "note")


class DraftRun(NamedTuple):
    draft: Draft
    write_catalogue: bool  # some target can stand in a catalogue
    rows: list[dict[str, object]] | None  # the results CSV, when asked for
    said: list[Text]  # the summary and every line of it, for standard error


def read_report(path: Path) -> str:
    """The text of a report file, refused with one sentence when it has none or is too big."""
    try:
        size = path.stat().st_size
        if size > MAX_REPORT_BYTES:
            raise InputError(
                Message(
                    "draft.too_large", path=path, size=size, limit=MAX_REPORT_BYTES // 1_000_000
                )
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(Message("file.missing", path=path)) from None
    except IsADirectoryError:
        raise InputError(
            Message("file.unreadable", path=path, reason=Message("os.is_folder"))
        ) from None
    except OSError as error:
        raise InputError(Message("file.unreadable", path=path, reason=os_reason(error))) from None
    return decode_report(data, path)


def recorded_year_end(
    db: str, last: Catalogue, timeout: float = DEFAULT_TIMEOUT
) -> tuple[dict[str, Figure], Text | None]:
    """Last year's full-year figures already recorded (for baselines), when the database
    ``db`` (a path or URL) is there to read; one that cannot be read leaves baselines to the
    report."""
    from targettrack.store import locate, open_store

    try:
        where = locate(db)
        if where.backend == "sqlite" and not expand_user(where.target).is_file():
            return {}, None
        with open_store(db, create=False, timeout=timeout) as store:
            latest = store.latest(last.region.id, last.year, 12)
    except TargettrackError as error:
        return {}, Message("draft.no_records", year=last.year, reason=error.text)
    return {k: f for k, f in latest.items() if f.month == 12 and not f.withdrawn}, None


def run_draft(
    report: Path,
    *,
    region: str | None,
    region_id: str | None,
    year: int | None,
    last_year: Catalogue | None,
    results_path: Path | None,
    db: str,
    timeout: float = DEFAULT_TIMEOUT,
) -> DraftRun:
    with_results = results_path is not None
    text = read_report(report)
    recorded: dict[str, Figure] = {}
    said: list[Text] = []
    if last_year is not None:
        recorded, problem = recorded_year_end(db, last_year, timeout)
        if problem is not None:
            said.append(problem)
    drafted = draft(
        text,
        region=region,
        region_id=region_id,
        year=year,
        last_year=last_year,
        recorded=recorded,
    )
    if drafted.year is None:
        raise InputError(Message("draft.no_year"))
    active = [t for t in drafted.targets if t.active]
    comparable = [s for s in drafted.results if not s.basis]
    if not active and not with_results:
        raise InputError(
            Message("draft.no_targets", count=len(comparable), year=drafted.review_year or "")
        )
    rows: list[dict[str, object]] | None = None
    if with_results:
        rows, result_lines = _result_rows(drafted, last_year, report, results_path)
    if active:
        said.append(_summary(drafted))
        said += [_skipped(s) for s in drafted.skipped]
    said += list(drafted.notes)
    if drafted.missing:
        names = [Message("draft.missing_one", name=TargetName.of(t, t.id)) for t in drafted.missing]
        said.append(Message("draft.missing", count=len(names), names=tuple(names)))  # ；
    if not active:
        said.append(Message("draft.only_results"))
    if with_results:
        said += result_lines
        if drafted.review_skipped:  # numbers of the review it could not read as results
            said.append(Message("draft.review_skipped", count=len(drafted.review_skipped)))
            said += [_skipped(s) for s in drafted.review_skipped]
    elif comparable:
        said.append(Message("draft.review", year=drafted.review_year or "", count=len(comparable)))
    return DraftRun(drafted, bool(active), rows, said)


def _skipped(s: Skipped) -> Message:
    if not s.number:  # a target in words
        return Message("draft.skipped_words", phrase=s.phrase, reason=s.reason)
    return Message("draft.skipped_line", phrase=s.phrase, number=s.number, reason=s.reason)


def _summary(d: Draft) -> Message:
    return Message(
        "draft.summary" if d.skipped else "draft.summary_all",
        count=len([t for t in d.targets if t.active]),
        check=sum(1 for t in d.targets if t.check or not t.active),
        skipped=len(d.skipped),
        quiet=d.quiet,
    )


def _number(value: Decimal) -> str:
    shown = format(value, "f")
    return shown.rstrip("0").rstrip(".") if "." in shown else shown


def _result_rows(
    d: Draft, last: Catalogue | None, report: Path, path: Path | None
) -> tuple[list[dict[str, object]], list[Text]]:
    """The CSV rows of last year's results, and what to say of them."""
    year = d.review_year
    lines: list[Text] = []
    source = d.title or report.name
    if last is not None:
        if year is not None and last.year != year:
            raise InputError(Message("draft.results_year", review=year, year=last.year))
        found, others = results_for(d, last)
        rows: list[dict[str, object]] = [
            {
                "target": r.target.id,
                "period": str(last.year),
                "value": r.value,
                "level": r.level,
                "status": "provisional",
                "source": source,
                "note": r.phrase[:60],
            }
            for r in found
        ]
        lines.append(Message("draft.results", count=len(rows), year=last.year, path=path))
        unwritten = [_not_written(s) for s in others if not s.basis]
        if unwritten:
            lines.append(Message("draft.results_others", count=len(unwritten)))
            lines += unwritten
        return rows, lines
    rows = _rows_by_lexicon(d.results, str(year), source)
    lines.append(Message("draft.results", count=len(rows), year=year, path=path))
    from targettrack.core.lexicon import BY_ID

    made_up = [r for r in rows if r["target"] not in BY_ID]
    if made_up:  # named from their words: no catalogue knows them, and import refuses them
        lines.append(Message("draft.results_made_up", count=len(made_up)))
    return rows, lines


def _not_written(s: Stated) -> Message:
    value = _number(s.value) + (s.unit or "")
    return Message("draft.results_other", name=s.name, value=value, phrase=s.phrase[:40])


def _rows_by_lexicon(stated: Sequence[Stated], period: str, source: str) -> list[dict[str, object]]:
    """Every stated result under its lexicon id (or an id made of its name's words): a rate
    with the level stated beside it, or a quantity with its unit."""
    from targettrack.core.lexicon import BY_ID

    by_name: dict[str, list[Stated]] = {}
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for s in stated:
        if s.basis:
            continue
        key = s.id if s.id in BY_ID else s.name
        if key not in ids:
            ident, number = s.id, 2
            while ident in taken:
                ident, number = f"{s.id}_{number}", number + 1
            taken.add(ident)
            ids[key] = ident
        by_name.setdefault(key, []).append(s)
    rows: list[dict[str, object]] = []
    for key, found in by_name.items():
        rate = next((s for s in found if s.rate), None)
        amount = next((s for s in found if not s.rate), None)
        indicator = BY_ID.get(found[0].id)
        if rate is not None and (indicator is None or indicator.kind is not Kind.LEVEL):
            level = None
            if amount is not None and amount.unit not in (None, "%"):
                level = _number(amount.value) + (amount.unit or "")
            rows.append(_row(ids[key], period, _number(rate.value), level, source, rate))
        elif amount is not None:
            shown = _number(amount.value) + ("" if amount.unit == "%" else amount.unit or "")
            rows.append(_row(ids[key], period, shown, None, source, amount))
    return rows


def _row(
    ident: str, period: str, value: str, level: str | None, source: str, s: Stated
) -> dict[str, object]:
    return {
        "target": ident,
        "period": period,
        "value": value,
        "level": level,
        "status": "provisional",
        "source": source,
        "note": s.phrase[:60],
    }
