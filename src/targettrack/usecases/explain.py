"""A department's 原因分析 (reason) and 下步措施 (measures) for a target and period: recorded,
revised and withdrawn as figures are (append-only, with who and when), by ``explain``, by
``withdraw --explanation`` and from the 原因分析 and 下步措施 columns of an imported sheet."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from targettrack.catalogue.loading import CatalogueSet, Regions
from targettrack.core.models import Catalogue, Explanation, NewExplanation, Target
from targettrack.core.periods import parse_period
from targettrack.core.words import PeriodName, TargetName, TimeName
from targettrack.errors import ConflictError, InputError
from targettrack.messages import Message, Text
from targettrack.store import FigureStore, FigureWriter
from targettrack.usecases.entries import Entry, free_text, login_name, now_text
from targettrack.usecases.lookup import find_target


class Explained(NamedTuple):
    """What ``explain`` did: the version now current, and the one it revised, if any."""

    stored: Explanation
    previous: Explanation | None
    unchanged: bool = False


def _not_yours(target: Target) -> Message:
    return Message(
        "record.not_yours",
        target=TargetName.of(target, target.id),
        department=target.department or "—",
    )


def explain(
    store: FigureStore,
    catalogues: CatalogueSet,
    target_text: str,
    period_text: str,
    *,
    reason: str | None,
    measures: str | None,
    by: str | None = None,
    revise: bool = False,
) -> Explained:
    """Record a target's reason and measures for a period; a revision keeps what it does not
    name, and what is already stored is not stored again."""
    from targettrack.usecases.figures import figure_key

    if not period_text.strip():
        raise InputError(Message("entry.no_period"))
    key, target = figure_key(catalogues, target_text, period_text)
    period = parse_period(period_text, default_year=catalogues.latest_year)
    why = free_text(reason or "", Message("what.cause")) if reason is not None else None
    steps = free_text(measures or "", Message("what.measures")) if measures is not None else None
    if not (why or steps):
        raise InputError(Message("explain.nothing", target=TargetName.of(target, target.id)))
    behalf = free_text(by or "", Message("what.by"))
    with store.writing() as writer:
        if not writer.may_record(key):
            raise ConflictError(_not_yours(target))
        latest = writer.current_explanation(key)
        current = latest if latest is not None and not latest.withdrawn else None
        new_reason = why if why is not None else (current.reason if current else "")
        new_measures = steps if steps is not None else (current.measures if current else "")
        if current is not None and (current.reason, current.measures) == (
            new_reason,
            new_measures,
        ):
            return Explained(current, None, unchanged=True)
        if current is not None and not revise:
            raise ConflictError(
                Message(
                    "explain.exists",
                    target=TargetName.of(target, target.id),
                    period=PeriodName(period.label),
                    by=current.recorded_by,
                    at=TimeName(current.recorded_at),
                )
            )
        new = NewExplanation(
            region=key.region,
            year=key.year,
            target_id=key.target_id,
            month=key.month,
            period=period.label,
            reason=new_reason,
            measures=new_measures,
            recorded_by=behalf or login_name(),
            recorded_at=now_text(),
            on_behalf_of=behalf,
        )
        writer.append_explanations([(new, latest.version + 1 if latest else 1)])
        stored = writer.current_explanation(key)
    assert stored is not None
    return Explained(stored, current)


def withdraw_explanation(
    store: FigureStore,
    catalogues: CatalogueSet,
    target_text: str,
    period_text: str,
    *,
    why: str,
    by: str,
    behalf: str,
) -> Explanation:
    """Take a target's reason and measures for a period back: the withdrawal is the next
    version, with who, when and why."""
    from targettrack.usecases.figures import figure_key

    key, target = figure_key(catalogues, target_text, period_text)
    with store.writing() as writer:
        if not writer.may_record(key):
            raise ConflictError(_not_yours(target))
        current = writer.current_explanation(key)
        if current is None or current.withdrawn:
            raise ConflictError(
                Message(
                    "explain.nothing_to_withdraw",
                    target=TargetName.of(target, target.id),
                    period=PeriodName(
                        parse_period(period_text, default_year=catalogues.latest_year).label
                    ),
                )
            )
        withdrawal = NewExplanation(
            region=key.region,
            year=key.year,
            target_id=key.target_id,
            month=key.month,
            period=current.period,
            reason=current.reason,
            measures=current.measures,
            recorded_by=by,
            recorded_at=now_text(),
            on_behalf_of=behalf,
            withdrawn=True,
            withdraw_reason=why,
        )
        writer.append_explanations([(withdrawal, current.version + 1)])
        stored = writer.current_explanation(key)
    assert stored is not None
    return stored


class ExplanationsView(NamedTuple):
    """Every version of one target's reasons and measures, newest first."""

    catalogue: Catalogue
    target: Target
    explanations: list[Explanation]


def explanations_view(
    store: FigureStore, catalogue: Catalogue, target_text: str
) -> ExplanationsView:
    target = find_target(catalogue, target_text)
    every = store.explanation_history(catalogue.region.id, catalogue.year, target.id)
    return ExplanationsView(catalogue, target, every)


class FileExplanations:
    """The 原因分析 and 下步措施 of an imported sheet: taken from its rows as they pass
    (a row with a reason but no figure passes on as a row not reported), and stored in the
    import's own transaction, so that the file goes in whole or not at all."""

    def __init__(self, tree: Regions, catalogues: CatalogueSet | None) -> None:
        self.tree = tree
        self.catalogues = catalogues
        self.rows: list[tuple[int, Entry]] = []
        self.stored = 0

    def tap(
        self, rows: Iterable[tuple[int, Entry | Text | None]]
    ) -> Iterator[tuple[int, Entry | Text | None]]:
        for number, entry in rows:
            if (
                entry.__class__ is Entry
                and (entry.reason or entry.measures)  # most rows have neither: a cheap test
                and (entry.reason.strip() or entry.measures.strip())
            ):
                self.rows.append((number, entry))
                if not any((entry.value or "").strip() or (x or "").strip()
                           for x in (entry.level, entry.prior)):  # fmt: skip
                    yield number, None
                    continue
            yield number, entry

    def store(self, writer: FigureWriter, *, revise: bool) -> list[tuple[int, Text]]:
        """Store every row's reason and measures that differ from what is stored; the rows
        that cannot be stored, each with its problem."""
        problems: list[tuple[int, Text]] = []
        new: list[tuple[NewExplanation, int]] = []
        stamp = now_text()
        for number, entry in self.rows:
            try:
                found = self._one(writer, entry, revise=revise, stamp=stamp)
            except InputError as error:
                problems.append((number, error.text))
                continue
            except ConflictError as error:
                problems.append((number, error.text))
                continue
            if found is not None:
                new.append(found)
        if not problems:
            writer.append_explanations(new)
            self.stored = len(new)
        return problems

    def _one(
        self, writer: FigureWriter, entry: Entry, *, revise: bool, stamp: str
    ) -> tuple[NewExplanation, int] | None:
        chosen = self.catalogues
        if entry.region:
            chosen = self.tree.choose(entry.region)
        if chosen is None:
            raise InputError(Message("region.choose", regions=self.tree.named_ids()))
        from targettrack.usecases.figures import figure_key

        period = parse_period(entry.period, default_year=chosen.latest_year)
        key, target = figure_key(chosen, entry.target, period.label)
        if not writer.may_record(key):
            raise ConflictError(_not_yours(target))
        reason = free_text(entry.reason, Message("what.cause"))
        measures = free_text(entry.measures, Message("what.measures"))
        latest = writer.current_explanation(key)
        current = latest if latest is not None and not latest.withdrawn else None
        reason = reason or (current.reason if current else "")
        measures = measures or (current.measures if current else "")
        if current is not None and (current.reason, current.measures) == (reason, measures):
            return None
        if current is not None and not revise:
            return _conflict(target, period.label)
        by = free_text(entry.by or "", Message("what.by"))
        made = NewExplanation(
            region=key.region,
            year=key.year,
            target_id=key.target_id,
            month=key.month,
            period=period.label,
            reason=reason,
            measures=measures,
            # as the file's figures are: recorded by whoever runs the import, for the
            # person its 填报人 names
            recorded_by=login_name(),
            recorded_at=stamp,
            on_behalf_of=by,
        )
        return made, (latest.version + 1 if latest else 1)


def _conflict(target: Target, period: str) -> tuple[NewExplanation, int]:
    raise ConflictError(
        Message(
            "import.explanation_conflict",
            target=TargetName.of(target, target.id),
            period=PeriodName(period),
        )
    )
