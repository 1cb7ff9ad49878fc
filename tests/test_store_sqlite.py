"""The store contract on the embedded backend: a SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from targettrack.store import FigureStore, open_store
from tests.store_contract import StoreContract


class TestSqliteStore(StoreContract):
    __test__ = True

    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[FigureStore]:
        with open_store(tmp_path / "contract.db") as opened:
            yield opened
