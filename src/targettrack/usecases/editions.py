"""Editions: what was sent to leadership, recorded by ``publish`` and shown again, byte for
byte, by every report command's ``--edition`` (or ``--as-known-at``).

An edition is a named moment of the database (see ``store.FigureStore.publish``): reading the
store as it stood then gives back its figures, reasons and measures, whatever was revised
since; the catalogue's text is kept with it, so its verdicts are judged as they were.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from targettrack.catalogue.loading import CatalogueSet, catalogue_from_text
from targettrack.core.models import Catalogue, Edition
from targettrack.core.periods import Period, parse_period, period_label
from targettrack.core.words import TimeName
from targettrack.errors import InputError, echo
from targettrack.messages import Message
from targettrack.store import FigureStore


class Known(NamedTuple):
    """The store and catalogue a command reads: as they are, or as an edition (or a moment)
    had them; ``day`` is that moment's date (a report's date, the day lateness is counted)."""

    store: FigureStore
    catalogue: Catalogue
    edition: Edition | None = None
    moment: str | None = None
    day: datetime.date | None = None

    @property
    def period(self) -> Period | None:
        return parse_period(self.edition.period) if self.edition else None


def catalogue_text(sets: CatalogueSet, year: int) -> str:
    """The text of a year's catalogue file, as an edition keeps it."""
    return sets.files[year].read_bytes().decode("utf-8-sig")


def find_edition(store: FigureStore, catalogue: Catalogue, name: str) -> Edition:
    editions = store.editions(catalogue.region.id)
    for edition in editions:
        if edition.name == name.strip():
            return edition
    names = [e.name for e in editions] or ["—"]
    raise InputError(Message("edition.unknown", name=echo(name), names=names))


def parse_moment(text: str) -> str:
    """--as-known-at: a date (the end of that day), or a date and time, in local time unless
    an offset is given; as ISO 8601 with its offset."""
    raw = text.strip().replace("/", "-")
    try:
        if len(raw) == 10:
            day = datetime.date.fromisoformat(raw)
            moment = datetime.datetime.combine(day, datetime.time.max)
        else:
            moment = datetime.datetime.fromisoformat(raw)
    except ValueError:
        raise InputError(Message("edition.bad_moment", text=echo(text))) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.isoformat(timespec="microseconds")


def known(
    store: FigureStore,
    sets: CatalogueSet,
    catalogue: Catalogue,
    edition: str | None,
    as_known_at: str | None,
    *,
    chosen: str | None = None,
) -> Known:
    """What a report command reads: the store as it is, or as ``edition`` (its name) or the
    moment ``as_known_at`` had it. Refused: both at once, an unknown edition, a moment in the
    future or before anything of the year was recorded, and an edition with an option
    (``chosen``: --as-of, --period, --date) that would make it show something else."""
    if edition is not None and as_known_at is not None:
        raise InputError(Message("edition.both"))
    if edition is not None and chosen is not None:  # an edition is of its own period and day
        raise InputError(Message("edition.with_option", option=chosen))
    if edition is not None:
        found = find_edition(store, catalogue, edition)
        then = _catalogue_of(sets, catalogue, found)
        day = (
            datetime.date.fromisoformat(found.dated)
            if found.dated
            else datetime.datetime.fromisoformat(found.known_at).astimezone().date()
        )
        return Known(store.as_known_at(found.known_at), then, found, found.known_at, day)
    if as_known_at is None:
        return Known(store, catalogue)
    moment = parse_moment(as_known_at)
    now = store.clock()
    if datetime.datetime.fromisoformat(moment) > datetime.datetime.fromisoformat(now):
        raise InputError(Message("edition.future", moment=_shown(moment)))
    cut = store.as_known_at(moment)
    if cut.latest_month(catalogue.region.id, catalogue.year) is None:
        raise InputError(Message("edition.too_early", moment=_shown(moment), year=catalogue.year))
    day = datetime.datetime.fromisoformat(moment).astimezone().date()
    return Known(cut, catalogue, None, moment, day)


def _shown(moment: str) -> TimeName:
    return TimeName(moment, seconds=True)


def _catalogue_of(sets: CatalogueSet, catalogue: Catalogue, edition: Edition) -> Catalogue:
    """The catalogue the edition was judged by: today's file if it is unchanged, else the
    text the edition kept."""
    current = sets.get(edition.year) if sets.has(edition.year) else catalogue
    if not edition.catalogue:
        return current
    if sets.has(edition.year) and catalogue_text(sets, edition.year) == edition.catalogue:
        return current
    return catalogue_from_text(edition.catalogue, f"{edition.name}.toml")


def default_name(store: FigureStore, catalogue: Catalogue, period: Period) -> str:
    """2023年1-6月, then 2023年1-6月（第2版）, … for the same period sent again."""
    base = period_label(period.label, "zh", year=True)
    taken = {e.name for e in store.editions(catalogue.region.id)}
    if base not in taken:
        return base
    number = 2
    while f"{base}（第{number}版）" in taken:
        number += 1
    return f"{base}（第{number}版）"


def publish(
    store: FigureStore,
    sets: CatalogueSet,
    catalogue: Catalogue,
    period: Period,
    name: str | None,
    by: str,
    dated: str | None = None,
) -> Edition:
    """Record that the report of ``period`` was sent (dated ``dated``, else today), as an
    edition that reproduces it."""
    from targettrack.usecases.report import check_dated, report_view

    day = dated or datetime.date.today().isoformat()
    if dated is not None:
        check_dated(period, dated)
    report_view(store, catalogue, as_of=period, date=day)
    if name is not None:
        from targettrack.usecases.entries import free_text

        chosen = free_text(name, Message("what.edition"))
        if not chosen:
            raise InputError(Message("edition.blank"))
    else:
        chosen = default_name(store, catalogue, period)
    text = catalogue_text(sets, catalogue.year) if sets.has(catalogue.year) else ""
    return store.publish(
        catalogue.region.id, catalogue.year, period.label, chosen, text, by, dated or ""
    )
