"""Running a database: its schema, who may record what, and moving a history in.

Written against the store contract only: what a shared database enforces (roles, row-level
security) it enforces itself, and a local file answers that everything is its user's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from targettrack.catalogue.loading import CatalogueSet
from targettrack.errors import InputError, StorageError
from targettrack.messages import Message
from targettrack.store import FigureStore, Grant


class Upgraded(NamedTuple):
    before: int
    after: int
    owners: int  # targets whose department was published


def upgrade(store: FigureStore, regions: Sequence[CatalogueSet]) -> Upgraded:
    """Bring the schema up to date, and publish which department owns each target of every
    year of every region's catalogue: the rule that decides who may record what."""
    before, after = store.upgrade()
    owners = [
        (catalogue.region.id, year, target.id, target.department)
        for catalogues in regions
        for year, catalogue in catalogues.load_all().items()
        for target in catalogue.targets
        if target.department
    ]
    return Upgraded(before, after, store.publish_owners(owners))


class Copied(NamedTuple):
    figures: int
    by_year: dict[tuple[str, int], int]


def left_behind(source: FigureStore, copied: Copied) -> tuple[int, int]:
    """What a copy does not move: the versions of reasons and measures of the years it
    copied, and the editions of their regions (they stay in the source, untouched)."""
    reasons = sum(len(source.explanation_history(r, y)) for r, y in copied.by_year)
    editions = sum(len(source.editions(r)) for r in {r for r, _ in copied.by_year})
    return reasons, editions


def copy_history(source: FigureStore, target: FigureStore) -> Copied:
    """Every version of every figure of ``source`` into ``target``, with its original
    recorder and time, all or nothing; the counts of both sides must agree."""
    if not target.is_admin():
        raise StorageError(Message("pg.copy_needs_admin", role=target.user()))
    figures = source.everything()
    expected = Counter((f.region, f.year) for f in figures)
    with target.writing() as writer:
        before = Counter(target.counts())
        writer.append_as_recorded(figures)
        if Counter(target.counts()) - before != expected:
            raise StorageError(Message("pg.copy_mismatch"))
    return Copied(len(figures), dict(expected))


def grant_kind(department: str | None, admin: bool, read_only: bool) -> str:
    """Which of the three grants a command asked for: exactly one must be named."""
    if sum((department is not None, admin, read_only)) != 1:
        raise InputError(Message("pg.grant_kind"))
    return "admin" if admin else "reader" if read_only else "department"


class GrantsView(NamedTuple):
    """Who may record what: a row per grant."""

    grants: list[Grant]


def grants(store: FigureStore) -> list[Grant]:
    return store.grants()
