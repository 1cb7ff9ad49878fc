"""The store contract on the shared backend: a PostgreSQL database on a real server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from targettrack.store import FigureStore, open_store
from tests.store_contract import StoreContract


class TestPostgresStore(StoreContract):
    __test__ = True
    has_roles = True

    @pytest.fixture
    def store(self, pg_url: str) -> Iterator[FigureStore]:
        with open_store(pg_url) as opened:
            yield opened
