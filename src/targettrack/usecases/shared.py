"""Running the shared database: its schema, who may record what, and moving a history in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from targettrack.catalogue.loading import CatalogueSet
from targettrack.errors import StorageError
from targettrack.messages import Message
from targettrack.store import FigureStore
from targettrack.store.postgres import ADMIN, PostgresStore


class Upgraded(NamedTuple):
    before: int
    after: int
    owners: int  # targets whose department was published


def upgrade(store: PostgresStore, regions: Sequence[CatalogueSet]) -> Upgraded:
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


def copy_history(source: FigureStore, target: PostgresStore) -> Copied:
    """Every version of every figure of ``source`` into the shared database, with its
    original recorder and time, all or nothing; the counts of both sides must agree."""
    if not target.rows("SELECT pg_has_role(session_user, %s, 'MEMBER')", (ADMIN,))[0][0]:
        raise StorageError(Message("pg.copy_needs_admin", role=target.session_role()))
    figures = source.everything()
    expected = Counter((f.region, f.year) for f in figures)
    with target.writing() as writer:
        before = Counter(
            {
                (region, year): count
                for region, year, count in target.rows(
                    "SELECT region, year, count(*) FROM targettrack.figures GROUP BY 1, 2"
                )
            }
        )
        writer.append_as_recorded(figures)
        after = Counter(
            {
                (region, year): count
                for region, year, count in target.rows(
                    "SELECT region, year, count(*) FROM targettrack.figures GROUP BY 1, 2"
                )
            }
        )
        if after - before != expected:
            raise StorageError(Message("pg.copy_mismatch"))
    return Copied(len(figures), dict(expected))
