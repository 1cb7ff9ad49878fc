"""The store contract, as one suite every backend runs: each backend's test module subclasses
``StoreContract`` and overrides only the ``store`` fixture (as Dagster's storage tests do).

Every method of ``store.FigureStore`` and of its writer is exercised here, on every backend.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from targettrack.core.models import (
    Figure,
    FigureKey,
    NewExplanation,
    NewFigure,
    Region,
    State,
    Status,
)
from targettrack.errors import InputError, StorageError
from targettrack.store import MIGRATION_STEPS, FigureStore, Grant

_KEYS = itertools.count()


def figure(target: str, month: int, value: str | State, *, region: str = "r", year: int = 2023,
           batch: str = "", by: str = "clerk", unit: str = "亿元") -> NewFigure:  # fmt: skip
    return NewFigure(
        region=region,
        year=year,
        target_id=target,
        month=month,
        period=f"{year}-{month:02d}",
        value=value if isinstance(value, State) else Decimal(value),
        unit="" if isinstance(value, State) else unit,
        status=Status.FINAL,
        recorded_by=by,
        recorded_at="2023-07-08T09:10:11+08:00",
        level=Decimal("12.5") if target == "levels" else None,
        prior=Decimal("10") if target == "levels" else None,
        note="备注",
        batch=batch,
    )


def put(store: FigureStore, *figures: tuple[NewFigure, int]) -> None:
    with store.writing() as writer:
        writer.append(list(figures))


def explanation(target: str, month: int, reason: str, measures: str = "",
                **changes: Any) -> NewExplanation:  # fmt: skip
    made = NewExplanation(
        region="r",
        year=2023,
        target_id=target,
        month=month,
        period=f"2023-{month:02d}",
        reason=reason,
        measures=measures,
        recorded_by="clerk",
        recorded_at="2023-07-08T09:10:11+08:00",
    )
    return made._replace(**changes)


def explain(store: FigureStore, *explanations: tuple[NewExplanation, int]) -> None:
    with store.writing() as writer:
        writer.append_explanations(list(explanations))


class StoreContract:
    __test__ = False  # collected only through a backend's subclass

    @pytest.fixture
    def store(self) -> Iterator[FigureStore]:  # pragma: no cover - each backend's own
        raise NotImplementedError

    # -- writing and reading back ------------------------------------------------------------

    def test_what_is_appended_reads_back_exactly(self, store: FigureStore) -> None:
        put(store, (figure("gdp", 3, "5.20"), 1), (figure("gdp", 6, "-1.3"), 1))
        put(store, (figure("gdp", 6, "-1.25"), 2))
        put(store, (figure("done", 6, State.IN_PROGRESS), 1), (figure("levels", 6, "25"), 1))
        series = store.series("r", 2023, "gdp")
        assert [(f.month, f.version, f.value) for f in series] == [
            (3, 1, Decimal("5.20")),
            (6, 2, Decimal("-1.25")),
        ]
        assert str(series[0].value) == "5.20"  # digits as stored, never through a float
        latest = store.latest("r", 2023)
        assert latest["gdp"].value == Decimal("-1.25") and latest["done"].state is State.IN_PROGRESS
        assert (latest["levels"].level, latest["levels"].prior) == (Decimal("12.5"), Decimal(10))
        assert store.latest("r", 2023, 3)["gdp"].value == Decimal("5.20")
        assert "gdp" not in store.latest("r", 2023, 2)
        history = store.history("r", 2023, "gdp")
        assert [(f.month, f.version) for f in history] == [(6, 2), (6, 1), (3, 1)]  # newest first
        assert len(store.history("r", 2023)) == 5
        assert store.history("r", 2024) == [] and store.latest("other", 2023) == {}
        assert [f.note for f in history] == ["备注"] * 3
        assert store.latest_month("r", 2023) == 6 and store.latest_month("r", 2024) is None
        points = store.year_series("r", 2023)
        assert [(p.target_id, p.month, p.number) for p in points if p.target_id == "gdp"] == [
            ("gdp", 3, Decimal("5.20")),
            ("gdp", 6, Decimal("-1.25")),
        ]
        assert [p.number for p in points if p.target_id == "done"] == [None]
        assert len(store.year_series("r", 2023, 3)) == 1
        assert store.counts() == {("r", 2023): 5}

    def test_a_withdrawn_figure_counts_nowhere_but_history(self, store: FigureStore) -> None:
        put(store, (figure("fdi", 3, "500"), 1), (figure("fdi", 6, "1300"), 1))
        withdrawal = figure("fdi", 6, "1300")._replace(withdrawn=True, reason="误录")
        put(store, (withdrawal, 2))
        assert store.latest("r", 2023)["fdi"].month == 3  # the figure before it
        assert [f.month for f in store.series("r", 2023, "fdi")] == [3]
        assert store.latest_month("r", 2023) == 3
        assert [p.month for p in store.year_series("r", 2023)] == [3]
        newest = store.history("r", 2023, "fdi")[0]
        assert newest.withdrawn and newest.reason == "误录" and newest.version == 2

    def test_earlier_years_are_read_at_once_by_year_target_and_month(
        self, store: FigureStore
    ) -> None:
        put(
            store,
            *(
                (figure("fdi", month, str(year - 2000 + month), year=year, unit="万美元"), 1)
                for year in (2019, 2020, 2022, 2023)
                for month in (3, 6, 12)
            ),
            (figure("levels", 6, "7.5", year=2022), 1),
            (figure("done", 12, State.DONE, year=2022), 1),
            (figure("fdi", 6, "5", year=2019, region="other"), 1),
        )
        put(store, (figure("fdi", 6, "99", year=2022, unit="亿美元"), 2))  # a revision
        put(store, (figure("fdi", 3, "20", year=2020)._replace(withdrawn=True), 2))
        every = store.years_series("r", 2019, 2022)
        d = Decimal
        assert every.numbers == {
            "fdi": {
                2019: {3: d(22), 6: d(25), 12: d(31)},
                2020: {6: d(26), 12: d(32)},  # its March figure withdrawn
                2022: {3: d(25), 6: d(99), 12: d(34)},  # June revised, in another unit
            },
            "levels": {2022: {6: d("7.5")}},
        }  # the milestone's state is left out, and the other region's figure
        assert every.levels == {"levels": {2022: {6: d("12.5")}}}
        assert every.units == {"fdi": "万美元", "levels": "亿元"}
        assert every.odd_units == {("fdi", 2022, 6): "亿美元"} and every.mixed == {"fdi"}
        assert every.unit_of("fdi", 2022, 6) == "亿美元"
        assert every.unit_of("fdi", 2022, 3) == "万美元"
        assert str(every.numbers["fdi"][2019][3]) == "22"
        some = store.years_series("r", 2019, 2020, months=[12, 6])
        assert some.numbers == {"fdi": {2019: {6: d(25), 12: d(31)}, 2020: {6: d(26), 12: d(32)}}}
        assert store.years_series("r", 2019, 2023, months=[]).numbers == {}
        one = store.years_series("r", 2022, 2022, target_id="levels")
        assert one.numbers == {"levels": {2022: {6: d("7.5")}}}
        assert store.years_series("r", 2015, 2018).numbers == {}

    def test_an_earlier_figure_withdrawn_and_recorded_again_reads_as_its_last_version(
        self, store: FigureStore
    ) -> None:
        put(store, (figure("fdi", 6, "10", year=2021), 1), (figure("fdi", 12, "30", year=2021), 1))
        put(store, (figure("fdi", 6, "10", year=2021)._replace(withdrawn=True), 2))
        assert store.years_series("r", 2021, 2021).numbers == {"fdi": {2021: {12: Decimal(30)}}}
        put(store, (figure("fdi", 6, "12", year=2021), 3))
        again = store.years_series("r", 2021, 2021).numbers
        assert again == {"fdi": {2021: {6: Decimal(12), 12: Decimal(30)}}}

    def test_inside_a_write_the_writer_sees_current_versions(self, store: FigureStore) -> None:
        put(store, (figure("fdi", 6, "1200"), 1), (figure("fdi", 6, "1300"), 2))
        with store.writing() as writer:
            key = FigureKey("r", 2023, "fdi", 6)
            current = writer.current(key)
            assert current is not None and current.version == 2 and current.value == 1300
            assert writer.current(key._replace(month=7)) is None
            year = writer.current_of_year("r", 2023)
            assert year[key].version == 2 and year[key].value == Decimal(1300)
            assert not year[key].withdrawn and year[key].status is Status.FINAL
            assert writer.may_record(key) is True  # the contract's user is an administrator

    def test_a_dry_run_and_a_failed_write_leave_nothing(self, store: FigureStore) -> None:
        with store.writing(commit=False) as writer:
            writer.append([(figure("fdi", 6, "1"), 1)])
        assert store.history("r", 2023) == []
        with pytest.raises(RuntimeError), store.writing() as writer:
            writer.append([(figure("fdi", 6, "1"), 1)])
            raise RuntimeError("stop")
        assert store.history("r", 2023) == []

    def test_a_version_is_never_stored_twice(self, store: FigureStore) -> None:
        put(store, (figure("fdi", 6, "1"), 1))
        with pytest.raises(StorageError):
            put(store, (figure("fdi", 6, "2"), 1))
        assert [f.value for f in store.history("r", 2023)] == [Decimal(1)]

    def test_an_import_is_found_by_its_batch(self, store: FigureStore) -> None:
        with store.writing() as writer:
            first = writer.new_batch()  # the database's own id, on a shared database
            writer.append(
                [(figure("fdi", 6, "1", batch=first), 1), (figure("gdp", 6, "2", batch=first), 1)]
            )
        with store.writing() as writer:
            second = writer.new_batch()
            writer.append([(figure("fdi", 7, "3", batch=second), 1)])
        assert first != second
        with store.writing() as writer:
            assert [f.target_id for f in writer.of_batch(first)] == ["fdi", "gdp"]
            assert writer.of_batch("none") == []

    def test_figures_move_in_with_their_own_recorder_time_and_version(
        self, store: FigureStore
    ) -> None:
        moved = [
            Figure(
                v,
                "r",
                2023,
                "fdi",
                6,
                "2023-06",
                v,
                Decimal(f"1{v}.5"),
                "万美元",
                None,
                None,
                False,
                "",
                Status.PROVISIONAL,
                "tongji_li",
                f"2023-07-0{v}T08:00:00+08:00",
                "统计局",
                "",
            )
            for v in (1, 2, 3)
        ]
        with store.writing() as writer:
            writer.append_as_recorded(moved)
        back = store.history("r", 2023)[0]
        assert (back.version, back.recorded_by, back.value) == (3, "tongji_li", Decimal("13.5"))
        assert back.recorded_at.startswith("2023-07-03T")
        assert store.everything()[0].target_id == "fdi"

    # -- the schema and who may do what ------------------------------------------------------

    def test_the_schema_is_at_the_last_step(self, store: FigureStore) -> None:
        assert store.schema_version() == len(MIGRATION_STEPS)
        before, after = store.upgrade()
        assert after == len(MIGRATION_STEPS) and before <= after
        assert store.upgrade()[0] == len(MIGRATION_STEPS)  # nothing left to do

    def test_the_user_may_record_and_owners_can_be_published(self, store: FigureStore) -> None:
        assert store.is_admin() is True
        assert (
            store.publish_owners([("r", 2023, "fdi", "商务局"), ("r", 2023, "gdp", "统计局")]) == 2
        )
        assert store.may_record("r", 2023, "fdi") is True
        assert isinstance(store.user(), str)

    def test_regions_keyed_by_name_are_moved_to_their_ids(self, store: FigureStore) -> None:
        store.adopt_regions([Region("luojiang", "洛江区")])  # nothing to move: no error
        put(store, (figure("fdi", 6, "1", region="luojiang"), 1))
        assert store.latest("luojiang", 2023)["fdi"].region == "luojiang"

    def test_files_are_named_and_a_store_closes(self, store: FigureStore) -> None:
        assert isinstance(store.location, str) and store.location
        assert all(isinstance(p, Path) for p in store.local_files())
        with store:
            pass  # leaving the block closes it; closing again is harmless
        store.close()

    def test_grants_are_a_shared_databases_or_refused(self, store: FigureStore) -> None:
        if not self.has_roles:
            for attempt in (
                lambda: store.grants(),
                lambda: store.grant("x", "商务局", "*", "department"),
                lambda: store.revoke("x", None, "*"),
            ):
                with pytest.raises(StorageError):
                    attempt()
            return
        listed = store.grants()
        assert all(isinstance(g, Grant) for g in listed)

    has_roles = False  # a backend with database roles says so

    # -- decimals, every digit ---------------------------------------------------------------

    @settings(
        max_examples=40,
        deadline=None,
        # one store a test, shared by its examples (each writes a target of its own); the
        # same test runs once per backend class, which is what differing executors means here
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.differing_executors,
        ],
    )
    @given(
        values=st.lists(
            st.decimals(
                min_value=Decimal("-1e9"),
                max_value=Decimal("1e9"),
                places=9,
                allow_nan=False,
                allow_infinity=False,
            ),
            min_size=1,
            max_size=12,
        )
    )
    def test_decimals_round_trip_digit_for_digit(
        self, store: FigureStore, values: list[Decimal]
    ) -> None:
        target = f"t{next(_KEYS)}"
        put(store, *((figure(target, m, str(v)), 1) for m, v in enumerate(values, 1)))
        back = [f.value for f in store.series("r", 2023, target)]
        assert back == values
        assert [str(b) for b in back] == [str(v) for v in values]

    # -- reasons and measures ----------------------------------------------------------------

    def test_reasons_and_measures_are_versioned_and_read_back(self, store: FigureStore) -> None:
        explain(store, (explanation("fdi", 6, "项目延期", "加快签约"), 1))
        explain(store, (explanation("fdi", 6, "项目延期到账", "加快签约"), 2))
        explain(store, (explanation("gdp", 6, "", "稳工业"), 1), (explanation("gdp", 5, "旧"), 1))
        now = store.explanations("r", 2023, 6)
        assert (now["fdi"].reason, now["fdi"].measures, now["fdi"].version) == (
            "项目延期到账",
            "加快签约",
            2,
        )
        assert now["gdp"].measures == "稳工业" and set(now) == {"fdi", "gdp"}
        assert set(store.explanations("r", 2023, 5)) == {"gdp"}
        every = store.explanation_history("r", 2023, "fdi")
        assert [e.version for e in every] == [2, 1]  # newest first
        assert len(store.explanation_history("r", 2023)) == 4
        with store.writing() as writer:
            current = writer.current_explanation(FigureKey("r", 2023, "fdi", 6))
            assert current is not None and current.version == 2
            assert writer.current_explanation(FigureKey("r", 2023, "fdi", 7)) is None
        with pytest.raises(StorageError):  # a version is never stored twice
            explain(store, (explanation("fdi", 6, "again"), 2))

    def test_a_withdrawn_explanation_is_gone_but_from_history(self, store: FigureStore) -> None:
        explain(store, (explanation("fdi", 6, "项目延期"), 1))
        withdrawal = explanation("fdi", 6, "项目延期", withdrawn=True, withdraw_reason="填错")
        explain(store, (withdrawal, 2))
        assert store.explanations("r", 2023, 6) == {}
        newest = store.explanation_history("r", 2023, "fdi")[0]
        assert newest.withdrawn and newest.withdraw_reason == "填错"

    # -- editions and what was known when -----------------------------------------------------

    def test_an_edition_stands_between_the_commits_before_and_after_it(
        self, store: FigureStore
    ) -> None:
        put(store, (figure("fdi", 6, "1200"), 1))
        explain(store, (explanation("fdi", 6, "项目延期"), 1))
        sent = store.publish("r", 2023, "2023-06", "2023年1-6月", "catalogue text", "fagai")
        put(store, (figure("fdi", 6, "1300"), 2), (figure("fdi", 7, "1400"), 1))
        explain(store, (explanation("fdi", 6, "项目延期到账"), 2))
        then = store.as_known_at(sent.known_at)
        assert then.latest("r", 2023)["fdi"].value == Decimal(1200)
        assert [f.version for f in then.history("r", 2023)] == [1]
        assert then.latest_month("r", 2023) == 6 and then.series("r", 2023, "fdi")[0].version == 1
        assert [p.number for p in then.year_series("r", 2023)] == [Decimal(1200)]
        assert then.explanations("r", 2023, 6)["fdi"].reason == "项目延期"
        assert len(then.explanation_history("r", 2023)) == 1
        assert store.latest("r", 2023)["fdi"].value == Decimal(1400)  # the store itself: now
        assert store.explanations("r", 2023, 6)["fdi"].reason == "项目延期到账"
        listed = store.editions("r")
        assert [(e.name, e.period, e.year, e.catalogue) for e in listed] == [
            ("2023年1-6月", "2023-06", 2023, "catalogue text")
        ]
        assert listed[0].known_at == sent.known_at and sent.published_by
        assert store.editions("other") == []
        with pytest.raises(InputError):
            store.publish("r", 2023, "2023-07", "2023年1-6月", "", "fagai")
        assert len(store.editions("r")) == 1
        before = store.as_known_at("2000-01-01T00:00:00+08:00")
        assert before.history("r", 2023) == [] and before.latest_month("r", 2023) is None
        assert store.clock() >= sent.known_at[:19]
