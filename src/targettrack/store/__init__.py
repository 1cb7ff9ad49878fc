"""Where figures are kept: the interface every backend offers, and how one is chosen.

A backend only stores and queries. The rules of recording (conflicts, revisions, unchanged
figures, the problems of an import) live in ``usecases.recording``, written once for all
backends. ``open_store`` picks the backend from the setting: a path means SQLite, a
``postgresql://`` URL the shared database. A backend's driver is imported only when it is used.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple, Protocol

from targettrack.core.models import Figure, FigureKey, NewFigure, Region, Status, Value
from targettrack.errors import StorageError, os_reason
from targettrack.messages import Message

ENV_DB = "TARGETTRACK_DB"
# The numbered steps of the database schema, the same for every backend (a test checks it):
# each backend's own migrations carry out these steps in this order.
MIGRATION_STEPS = ("figures", "region ids", "on behalf of", "withdrawals")
_URL_SCHEMES = ("postgresql://", "postgres://")


class Point(NamedTuple):
    """One target's current figure of one month, for a line through the year."""

    target_id: str
    month: int
    number: Decimal | None  # None for a milestone's state


class Current(NamedTuple):
    """What a write needs to know of the current version of a figure."""

    value: Value
    status: Status
    version: int
    withdrawn: bool = False


class FigureWriter(Protocol):
    """The figures as seen inside one write transaction."""

    def current(self, key: FigureKey) -> Figure | None:
        """The newest version of one figure, or None."""

    def current_of_year(self, region: str, year: int) -> dict[FigureKey, Current]:
        """The newest version of every figure of one region and year."""

    def may_record(self, key: FigureKey) -> bool:
        """Whether the user may record this figure (on a shared database: their department's)."""

    def append(self, figures: Sequence[tuple[NewFigure, int]]) -> None:
        """Store each figure under the version number it is paired with."""

    def of_batch(self, batch: str) -> list[Figure]:
        """Every figure an import stored, in the order stored."""

    def taken_back(self, batch: str) -> set[int]:
        """The ids of the figures of an import that a later version withdrew: whatever was
        recorded for them after that is not the import's."""


class FigureStore(Protocol):
    """One open database of figures. Use as a context manager, or call ``close()``."""

    location: str
    created: bool

    def __enter__(self) -> FigureStore: ...

    def __exit__(self, *exc: object) -> None: ...

    def close(self) -> None: ...

    def discard_if_new(self) -> None:
        """Close, and remove the database if this store created it (nothing to keep)."""

    def writing(self, *, commit: bool = True) -> AbstractContextManager[FigureWriter]:
        """One write transaction: everything in it is stored, or nothing.

        With ``commit=False`` everything done inside is undone at the end (a dry run).
        """

    def local_files(self) -> list[Path]:
        """The files on this machine that hold the database (none for a server)."""

    def latest(self, region: str, year: int, month: int = 12) -> dict[str, Figure]:
        """For each target, its current figure of the latest period up to ``month``."""

    def series(self, region: str, year: int, target_id: str) -> list[Figure]:
        """The current figure of each period of one target, earliest first."""

    def history(self, region: str, year: int, target_id: str | None = None) -> list[Figure]:
        """Every version, newest first; of one target, or of all."""

    def year_series(self, region: str, year: int, month: int = 12) -> list[Point]:
        """The current figure of every target and period up to ``month``, none withdrawn,
        by target and month."""

    def everything(self) -> list[Figure]:
        """Every version of every figure of every region and year, oldest first."""

    def latest_month(self, region: str, year: int) -> int | None:
        """The last month of the year with any figure."""


def default_location() -> str:
    env = os.environ.get(ENV_DB)
    if env is not None:
        if not env.strip():
            raise StorageError(Message("setting.empty_db", variable=ENV_DB))
        return env
    import platformdirs

    return str(platformdirs.user_data_path("targettrack") / "targettrack.db")


def is_url(setting: str) -> bool:
    return setting.startswith(_URL_SCHEMES)


def open_store(
    setting: str | Path | None = None,
    *,
    create: bool = True,
    regions: Iterable[Region] = (),
) -> FigureStore:
    """The store named by ``setting`` (or ``TARGETTRACK_DB``, or the default file).

    ``regions`` are the regions of the catalogues in use: figures that an older database
    keyed by a region's display name are moved to its id when first seen.
    """
    location = str(setting) if setting is not None else default_location()
    if not location.strip():
        raise StorageError(Message("db.empty_setting"))
    if is_url(location):
        from targettrack.store.postgres import PostgresStore

        return PostgresStore(location)
    from targettrack.store.sqlite import SqliteStore

    try:
        store = SqliteStore(Path(location).expanduser(), create=create)
    except OSError as error:
        raise StorageError(
            Message("db.cannot_open_path", path=location[:80], reason=os_reason(error))
        ) from None
    try:
        store.adopt_regions(regions)
    except BaseException:
        store.close()
        raise
    return store
