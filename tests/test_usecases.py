"""The core use cases called directly on a real store, SQLite and PostgreSQL: the contract
every backend keeps, with no command line in between."""

from __future__ import annotations

import re
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from targettrack.catalogue.loading import load_catalogues
from targettrack.core.models import Catalogue, FigureKey, NewFigure, State, Status, Verdict
from targettrack.core.periods import parse_period
from targettrack.core.words import TimeName
from targettrack.errors import ConflictError, InputError, RowsRefused
from targettrack.messages import Text
from targettrack.store import open_store
from targettrack.store.sqlite import _V1
from targettrack.usecases.entries import Entry, prepare
from targettrack.usecases.recording import (
    import_figures,
    plausibility,
    record_figure,
    withdraw_figure,
)
from targettrack.usecases.views import (
    history_view,
    records_view,
    status_view,
    target_view,
)
from tests.conftest import BUNDLED, Run, new_figure


@pytest.fixture
def catalogue() -> Catalogue:
    return load_catalogues(BUNDLED).get(2023)


def entry(target: str, value: str, period: str = "2023-06", **extra: str) -> Entry:
    return Entry(target, period, value, **extra)


def test_record_then_revise_keeps_both_versions(db: str) -> None:
    catalogues = load_catalogues(BUNDLED)
    with open_store(db) as store:
        first = record_figure(store, prepare(catalogues, entry("fdi", "1200")))
        assert first.previous is None and first.stored.version == 1
        assert first.stored.value == Decimal(1200) and first.stored.status is Status.PROVISIONAL
        with pytest.raises(ConflictError, match="1,200 万美元"):
            record_figure(store, prepare(catalogues, entry("fdi", "1300")))
        second = record_figure(store, prepare(catalogues, entry("fdi", "1300")), revise=True)
        assert second.previous is not None and second.previous.value == Decimal(1200)
        assert second.stored.version == 2 and second.stored.value == Decimal(1300)
        view = history_view(store, load_catalogues(BUNDLED).get(2023), "fdi")
    assert [f.value for f in view.figures] == [Decimal(1300), Decimal(1200)]


def test_import_stores_all_or_nothing_and_skips_unchanged(db: str) -> None:
    catalogues = load_catalogues(BUNDLED)
    good = [
        (2, prepare(catalogues, entry("fdi", "1000"))),
        (3, prepare(catalogues, entry("gdp", "5"))),
    ]
    with open_store(db) as store:
        outcome = import_figures(store, iter(good))
        assert outcome[:3] == (2, 0, 0) and outcome.warnings == ()
        again = import_figures(store, iter(good))
        assert again[:3] == (0, 0, 2)
        bad: list[tuple[int, NewFigure | str]] = [
            (2, prepare(catalogues, entry("farmland", "100"))),
            (3, "no such target"),
        ]
        with pytest.raises(RowsRefused) as refused:
            import_figures(store, iter(bad))
        assert [str(d) for d in refused.value.details] == ["row 3: no such target"]
        assert "farmland" not in store.latest("luojiang", 2023)
        # a changed figure is a conflict unless revising is asked for: never by default
        changed = [(2, prepare(catalogues, entry("fdi", "1200")))]
        with pytest.raises(RowsRefused) as conflict:
            import_figures(store, iter(changed))
        assert "fdi" in str(conflict.value.details[0])
        assert store.latest("luojiang", 2023)["fdi"].value == Decimal(1000)
        revised = import_figures(store, iter(changed), revise=True)
        assert revised[:3] == (0, 1, 0)


def test_an_import_counts_each_kind_of_row_and_numbers_each_revision_next(db: str) -> None:
    catalogues = load_catalogues(BUNDLED)

    def rows(*figures: tuple[str, str]) -> list[tuple[int, NewFigure | Text | None]]:
        return [
            (n, prepare(catalogues, entry(target, value)))
            for n, (target, value) in enumerate(figures, start=2)
        ]

    with open_store(db) as store:
        import_figures(store, iter(rows(("fdi", "1000"), ("gdp", "5"), ("exports", "3"))))
        outcome = import_figures(
            store,
            iter(
                [
                    *rows(("fdi", "1200"), ("gdp", "5.5"), ("exports", "3"), ("farmland", "100")),
                    (6, None),
                    *rows(("grain_area", "2.8")),
                ]
            ),
            revise=True,
        )
        assert (outcome.added, outcome.revised, outcome.unchanged, outcome.skipped) == (2, 2, 1, 1)
        again = import_figures(store, iter(rows(("fdi", "1300"))), revise=True)
        assert (again.added, again.revised, again.unchanged) == (0, 1, 0)
        for target in ("exports", "farmland"):
            withdraw_figure(
                store,
                FigureKey("luojiang", 2023, target, 6),
                reason="错了",
                by="王五",
                behalf="",
                at="2023-07-03T09:00:00+08:00",
            )
        anew = import_figures(store, iter(rows(("exports", "3"), ("farmland", "100"))))
        assert (anew.added, anew.revised, anew.unchanged) == (2, 0, 0)  # new figures again
        versions = [(f.version, f.value) for f in store.series("luojiang", 2023, "fdi")]
        assert versions == [(3, Decimal(1300))]
        view = history_view(store, catalogues.get(2023), "fdi")
    assert [(f.version, f.value) for f in view.figures] == [
        (3, Decimal(1300)),
        (2, Decimal(1200)),
        (1, Decimal(1000)),
    ]


def test_a_repeated_row_is_named_as_a_repeat_not_as_a_conflict(db: str) -> None:
    catalogues = load_catalogues(BUNDLED)
    with open_store(db) as store:
        record_figure(store, prepare(catalogues, entry("fdi", "1000")))
        before = store.history("luojiang", 2023)
        with pytest.raises(RowsRefused) as refused:
            import_figures(
                store,
                iter(
                    [
                        (2, prepare(catalogues, entry("fdi", "1300"))),
                        (3, prepare(catalogues, entry("fdi", "1400"))),
                    ]
                ),
            )
        assert [str(d) for d in refused.value.details] == [
            "row 2: fdi already has 1,000 万美元 for Jan–Jun 2023; the file says 1,300 万美元 (use "
            "--revise to record it as a new version)",
            "row 3: fdi for Jan–Jun 2023 repeats row 2 (the same target and period)",
        ]
        assert store.history("luojiang", 2023) == before


def test_an_amount_is_checked_against_the_months_the_same_file_sets(db: str) -> None:
    catalogues = load_catalogues(BUNDLED)
    with open_store(db) as store:
        record_figure(store, prepare(catalogues, entry("fdi", "1000", "2023-05")))
        outcome = import_figures(
            store,
            iter(
                [
                    (2, prepare(catalogues, entry("fdi", "1300", "2023-05"))),
                    (3, prepare(catalogues, entry("fdi", "1200", "2023-06"))),
                ]
            ),
            revise=True,
            target_of=lambda new: catalogues.get(2023).by_id.get(new.target_id),
        )
    # June's 1,200 is above the stored May (1,000) but below the May this file sets (1,300)
    assert [str(w) for w in outcome.warnings] == [
        "row 3: Foreign investment actually used (capital-verification basis) (fdi) for"
        " Jan–Jun 2023 (1,200 万美元) is below the figure of an earlier month "
        "(1,300 万美元); a year-to-date amount does not fall, so check it"
    ]


def test_an_import_lists_at_most_a_hundred_warnings(db: str, catalogue: Catalogue) -> None:
    fdi = catalogue.by_id["fdi"]
    rows: list[tuple[int, NewFigure | Text | None]] = [
        (n, new_figure("luojiang", 2023, f"fdi{n}", 6, "99999", "万美元")) for n in range(2, 103)
    ]
    with open_store(db) as store:
        outcome = import_figures(store, iter(rows), target_of=lambda _: fdi)
    assert outcome.added == 101
    assert len(outcome.warnings) == 100  # one a row, the first hundred
    assert str(outcome.warnings[-1]).startswith(
        "row 101: Foreign investment actually used (capital-verification basis) (fdi101) "
        "for Jan–Jun 2023 (99,999 万美元) is"
    )


def test_recording_the_same_figure_again_stores_nothing_and_says_so(db: str) -> None:
    fdi = new_figure("luojiang", 2023, "fdi", 6, "1300", "万美元", by="王五")
    with open_store(db) as store:
        first = record_figure(store, fdi)
        again = record_figure(store, fdi._replace(recorded_by="李四"))
        assert (again.stored, again.previous, again.unchanged) == (first.stored, None, True)
        also = record_figure(store, fdi, revise=True)  # nothing to revise either
        assert (also.stored, also.unchanged) == (first.stored, True)
        revised = record_figure(store, fdi._replace(value=Decimal(1400)), revise=True)
        assert (revised.previous, revised.unchanged) == (first.stored, False)
        assert [f.version for f in store.history("luojiang", 2023, "fdi")] == [2, 1]


def test_a_conflict_names_the_stored_figure_who_recorded_it_and_when(db: str) -> None:
    fdi = new_figure("luojiang", 2023, "fdi", 6, "1300", "万美元", by="王五")
    with open_store(db) as store:
        first = record_figure(store, fdi._replace(recorded_at="2023-07-03T09:00:00+08:00"))
        with pytest.raises(ConflictError) as refused:
            record_figure(store, fdi._replace(value=Decimal(1400), recorded_by="李四"))
    by, at = first.stored.recorded_by, TimeName(first.stored.recorded_at).render("en")
    assert by and at  # on PostgreSQL the database role and the server's time
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d( \S+)?", at)  # local, to the minute
    assert str(refused.value.text) == (
        f"fdi already has 1,300 万美元 for Jan–Jun 2023 (recorded by {by} at {at}); add --revise "
        "to record a new version (the old one is kept)."
    )


def test_recording_compares_an_amount_with_its_own_earlier_months_only(
    db: str, catalogue: Catalogue
) -> None:
    fdi = catalogue.by_id["fdi"]
    with open_store(db) as store:
        record_figure(store, new_figure("luojiang", 2023, "fdi", 5, "1300", "万美元"), target=fdi)
        record_figure(store, new_figure("luojiang", 2022, "fdi", 5, "9000", "万美元"), target=fdi)
        record_figure(store, new_figure("quangang", 2023, "fdi", 5, "9000", "万美元"), target=fdi)
        record_figure(store, new_figure("luojiang", 2023, "exports", 5, "9000", "%"))
        done = record_figure(
            store, new_figure("luojiang", 2023, "fdi", 6, "1200", "万美元"), target=fdi
        )
        fine = record_figure(
            store, new_figure("luojiang", 2023, "fdi", 7, "1400", "万美元"), target=fdi
        )
    assert [str(w) for w in done.warnings] == [
        "Foreign investment actually used (capital-verification basis) (fdi) for Jan–Jun 2023"
        " (1,200 万美元) is below the figure of an earlier month (1,300 万美元); "
        "a year-to-date amount does not fall, so check it"
    ]
    assert fine.warnings == ()
    with open_store(db) as store:  # a revision is not compared with the figure it replaces
        for value in ("1380", "1320"):  # up, then down, between May and July
            revised = record_figure(
                store,
                new_figure("luojiang", 2023, "fdi", 6, value, "万美元"),
                revise=True,
                target=fdi,
            )
            assert revised.warnings == (), value


@pytest.mark.parametrize(
    ("value", "level", "prior", "derived", "warning"),
    [
        ("12", "105", "100", False, "is 7.0 points from the nominal rate"),
        ("-1", "105", "100", False, "is 6.0 points from the nominal rate"),
        ("10", "105", "100", False, None),  # 5 points: real and nominal rates differ so much
        ("0", "105", "100", False, None),
        ("12", "105", None, False, None),
        ("12", None, "100", False, None),
        ("12", "105", "100", True, None),  # a rate derived from them is the nominal rate
    ],
)
def test_a_typed_rate_far_from_its_levels_is_a_warning(
    value: str, level: str | None, prior: str | None, derived: bool, warning: str | None
) -> None:
    gdp = new_figure("luojiang", 2023, "gdp", 6, value, "%")._replace(
        level=Decimal(level) if level else None,
        prior=Decimal(prior) if prior else None,
        derived=derived,
    )
    found = [str(w) for w in plausibility(gdp, None, {})]
    if warning is None:
        assert found == []
    else:
        assert found == [
            f"gdp for Jan–Jun 2023 ({value}%) {warning} of its --level and --prior (5.0%); check it"
        ]


def test_a_dry_run_import_writes_nothing(db: str) -> None:
    catalogues = load_catalogues(BUNDLED)
    with open_store(db) as store:
        outcome = import_figures(
            store, iter([(2, prepare(catalogues, entry("fdi", "1")))]), dry_run=True
        )
        assert outcome.added == 1
        assert store.latest("luojiang", 2023) == {}


def test_status_view_judges_each_target_as_of_the_period(db: str, catalogue: Catalogue) -> None:
    catalogues = load_catalogues(BUNDLED)
    with open_store(db) as store:
        record_figure(store, prepare(catalogues, entry("fdi", "1000")))  # 40 % at June: behind
        record_figure(store, prepare(catalogues, entry("gdp", "7.2")))
        record_figure(store, prepare(catalogues, entry("energy_saving", "in-progress")))
        view = status_view(store, catalogue)
        lagging = status_view(store, catalogue, lagging=True)
        main_only = status_view(store, catalogue, group="main", as_of=parse_period("2023-Q2"))
    assert view.as_of is not None and view.as_of.month == 6
    by_id = {p.target.id: p for p in view.progress}
    assert by_id["fdi"].verdict is Verdict.SLIGHTLY_BEHIND
    assert by_id["fdi"].completion_pct == Decimal("40.0") and by_id["fdi"].gap_pp == Decimal(-10)
    assert by_id["gdp"].verdict is Verdict.ON_TRACK
    assert by_id["energy_saving"].state is State.IN_PROGRESS
    assert by_id["farmland"].verdict is Verdict.NO_DATA
    assert [p.target.id for p in lagging.progress] == ["fdi"]
    assert {p.target.group for p in main_only.progress} == {"main"}
    with open_store(db) as store, pytest.raises(InputError, match="no group 'nope'"):
        status_view(store, catalogue, group="nope")


def test_target_view_has_series_outlook_and_history(db: str, catalogue: Catalogue) -> None:
    catalogues = load_catalogues(BUNDLED)
    with open_store(db) as store:
        for period, value in (("2023-03", "600"), ("2023-06", "1000")):
            record_figure(store, prepare(catalogues, entry("fdi", value, period)))
        view = target_view(store, catalogue, "fdi", as_of=parse_period("2023-03"))
        whole = target_view(store, catalogue, "fdi")
    assert [f.period for f in view.series] == ["2023-03"]  # nothing after the as-of period
    assert view.progress.actual == Decimal(600)
    assert len(view.history) == 2
    assert whole.outlook is not None
    assert whole.outlook.remaining == Decimal(1500) and whole.outlook.months_left == 6
    assert whole.outlook.needed_per_month == Decimal(250)


def test_records_view_lists_every_version_newest_first(db: str, catalogue: Catalogue) -> None:
    catalogues = load_catalogues(BUNDLED)
    with open_store(db) as store:
        record_figure(store, prepare(catalogues, entry("fdi", "1")))
        record_figure(store, prepare(catalogues, entry("fdi", "2")), revise=True)
        record_figure(store, prepare(catalogues, entry("gdp", "3")))
        view = records_view(store, catalogue)
    assert [(f.target_id, f.version) for f in view.figures] == [("gdp", 1), ("fdi", 2), ("fdi", 1)]


def _schema_1_database(path: Path, region: str) -> None:
    """A database as targettrack wrote it before region ids: keyed by the display name."""
    con = sqlite3.connect(path)
    for statement in _V1:
        con.execute(statement)
    con.execute(
        "INSERT INTO figures (region, year, target_id, month, period, version, value, unit, "
        "status, recorded_by, recorded_at) VALUES (?, 2023, 'fdi', 6, '2023-06', 1, '1200', "
        "'万美元', 'final', 'old', '2023-07-01T09:00:00+08:00')",
        (region,),
    )
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()


def test_a_schema_1_database_moves_to_region_ids_without_losing_a_figure(
    db_path: Path, run: Run
) -> None:
    db_path.parent.mkdir(parents=True)
    _schema_1_database(db_path, "洛江区")
    result = run("history fdi --format json")
    assert result.exit_code == 0
    assert '"value": 1200' in result.stdout and '"by": "old"' in result.stdout
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT DISTINCT region FROM figures").fetchall() == [("luojiang",)]
        assert con.execute("SELECT count(*) FROM legacy_regions").fetchone()[0] == 0
        # the move rewrote the key only; the table is append-only again
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute("UPDATE figures SET value = '1'")


def test_renaming_the_region_keeps_every_figure(tmp_path: Path, run: Run) -> None:
    assert run("record fdi 1200 --period 2023-06").exit_code == 0
    assert run("record gdp 5.1 --period 2023-06").exit_code == 0
    renamed = tmp_path / "2023.toml"
    text = BUNDLED.read_text(encoding="utf-8")
    renamed.write_text(
        text.replace('region = "洛江区"', 'region = "泉州市洛江区"').replace(
            'region_en = "Luojiang District"', 'region_en = "Luojiang, Quanzhou"'
        ),
        encoding="utf-8",
    )
    result = run(["status", "--targets", str(renamed), "--format", "json"])
    assert result.exit_code == 0
    assert '"actual": 1200' in result.stdout and '"actual": 5.1' in result.stdout
    table = run(["status", "--targets", str(renamed), "--lang", "zh"]).stdout
    assert "泉州市洛江区" in table


_FALLS = (
    "is below the figure of an earlier month ({}); a year-to-date amount does not fall, so check it"
)
_RISES = (
    "is above the figure of a later month ({}); a year-to-date amount does not fall, so check it"
)


@pytest.mark.parametrize(
    ("value", "unit", "months", "expected"),
    [
        ("1300", "万美元", {5: "1300", 7: "1300"}, []),  # equal neighbours are fine
        ("1299", "万美元", {5: "1300"}, [_FALLS.format("1,300 万美元")]),
        ("1301", "万美元", {7: "1300"}, [_RISES.format("1,300 万美元")]),
        ("1301", "万美元", {3: "1400", 5: "1300", 7: "1400", 9: "1300"}, []),  # nearest only
        ("5000", "万美元", {}, []),  # exactly twice the year's 2,500
        ("5001", "万美元", {}, ["is 2.0 times the year's target of 2,500 万美元; check its unit"]),
        ("3750", "万美元", {}, []),  # one and a half times: possible
        ("6000", "万元", {}, []),  # another unit: converted, not compared here
    ],
)
def test_an_amount_out_of_line_with_its_months_or_its_target_is_a_warning(
    catalogue: Catalogue, value: str, unit: str, months: dict[int, str], expected: list[str]
) -> None:
    fdi = new_figure("luojiang", 2023, "fdi", 6, value, unit)
    found = plausibility(fdi, catalogue.by_id["fdi"], {m: Decimal(v) for m, v in months.items()})
    shown = (
        f"Foreign investment actually used (capital-verification basis)"
        f" (fdi) for Jan–Jun 2023 ({int(value):,} {unit})"
    )
    assert [str(w) for w in found] == [f"{shown} {e}" for e in expected]


def test_a_conflict_over_a_milestone_names_its_state_in_words(db: str) -> None:
    done = new_figure("luojiang", 2023, "energy_saving", 6, "in-progress", "")
    with open_store(db) as store:
        record_figure(store, done)
        with pytest.raises(ConflictError) as refused:
            record_figure(store, done._replace(value=State.DONE))
    assert str(refused.value.text).startswith(
        "energy_saving already has in progress for Jan–Jun 2023"
    )
    assert refused.value.render("zh")[0].startswith("energy_saving的2023年1-6月已有数据 进行中")


@pytest.mark.parametrize("targets", [3, 600])  # the store looks again at few or at many
def test_the_latest_figure_after_a_withdrawn_latest_month_is_the_month_before(
    db: str, tmp_path: Path, targets: int
) -> None:
    from targettrack.usecases.recording import withdraw_import
    from tests.conftest import new_figure

    def rows(month: int) -> list[tuple[int, NewFigure | Text | None]]:
        return [
            (n, new_figure("many", 2023, f"t{n:05d}", month, str(month * 10), "个"))
            for n in range(targets)
        ]

    with open_store(db) as store:
        import_figures(store, iter(rows(1) + [(n + targets, f) for n, f in rows(2)]))
        wrong = import_figures(store, iter(rows(3))).batch
        assert {f.month for f in store.latest("many", 2023).values()} == {3}
        withdraw_import(store, wrong, reason="错了", by="王五", behalf="", at="now")
        latest = store.latest("many", 2023)
    assert len(latest) == targets
    assert {(f.month, f.value, f.version) for f in latest.values()} == {(2, Decimal(20), 1)}


@pytest.mark.parametrize(("revised", "listed"), [(100, 100), (101, 101)])
def test_a_refused_withdrawal_lists_a_hundred_figures_then_counts_the_rest(
    db: str, revised: int, listed: int
) -> None:
    from targettrack.usecases.recording import withdraw_import
    from tests.conftest import new_figure

    def rows(value: str) -> list[tuple[int, NewFigure | Text | None]]:
        return [(n, new_figure("many", 2023, f"t{n:05d}", 6, value, "个")) for n in range(revised)]

    with open_store(db) as store:
        batch = import_figures(store, iter(rows("5"))).batch
        import_figures(store, iter(rows("6")), revise=True)
        with pytest.raises(RowsRefused) as refused:
            withdraw_import(store, batch, reason="错了", by="王五", behalf="", at="now")
    details = [str(d) for d in refused.value.details]
    assert len(details) == listed
    assert details[99].startswith("t00099 for Jan–Jun 2023 was revised since, to version 2")
    if revised > 100:
        assert details[100] == "... and 1 more figures"


@pytest.mark.parametrize(
    ("value", "direction", "derived", "goal", "warned"),
    [
        ("0.052", "at_least", False, "7", True),  # 5.2 % typed as a fraction
        ("-0.69", "at_least", False, "7", True),
        ("0.69", "at_least", False, "7", True),
        ("0.7", "at_least", False, "7", False),  # a tenth exactly is a rate, if a low one
        ("5.2", "at_least", False, "7", False),
        ("0", "at_least", False, "7", False),  # no growth: the same as a fraction or not
        ("0.3", "at_least", True, "7", False),  # derived from levels: computed, not typed
        ("0.3", "at_most", False, "7", False),  # a ceiling: a low rate is what it asks for
        ("0.3", "at_least", False, "0", False),  # no rate to compare with
    ],
)
def test_a_growth_rate_below_a_tenth_of_its_target_is_taken_for_a_typed_fraction(
    catalogue: Catalogue, value: str, direction: str, derived: bool, goal: str, warned: bool
) -> None:
    from targettrack.core.models import Direction

    gdp = catalogue.by_id["gdp"]._replace(direction=Direction(direction), target=Decimal(goal))
    figure = new_figure("luojiang", 2023, "gdp", 6, value, "%")._replace(derived=derived)
    found = [str(w) for w in plausibility(figure, gdp, {})]
    expected = [
        f"GDP (gdp) for Jan–Jun 2023 ({value}%) is less than a"
        f" tenth of its target rate of {goal}%; a "
        "percentage typed as a fraction (0.052 for 5.2%) is 100 times too small, so check it"
    ]
    assert found == (expected if warned else [])
    amount = catalogue.by_id["fdi"]  # an amount's small figure is no rate typed as a fraction
    assert plausibility(figure._replace(target_id="fdi", unit="万美元"), amount, {}) == []


def test_every_warning_names_the_indicator_and_an_off_rhythm_figure_is_one(
    catalogue: Catalogue,
) -> None:
    from targettrack.core.models import Frequency

    gdp = catalogue.by_id["gdp"]._replace(frequency=Frequency.QUARTERLY)
    far = new_figure("luojiang", 2023, "gdp", 6, "12", "%")._replace(
        level=Decimal(100), prior=Decimal(96)
    )
    said = [w.render("en") for w in plausibility(far, gdp, {})]
    assert said == [  # 100 ÷ 96 − 1 = 4.17 %, shown 4.2; 12 − 4.17 = 7.83, shown 7.8
        "GDP (gdp) for Jan–Jun 2023 (12%) is 7.8 points from the nominal rate of its --level "
        "and --prior (4.2%); check it"
    ]
    july = new_figure("luojiang", 2023, "gdp", 7, "7", "%")  # a quarterly figure for 1-7月
    assert [w.render("zh") for w in plausibility(july, gdp, {})] == [
        "地区生产总值2023年1-7月（7%）：该指标按季报送，这一期别不是它的报送期；请核对期别是否有误"
    ]
    assert [w.render("en") for w in plausibility(july, gdp, {})] == [
        "GDP (gdp) for Jan–Jul 2023 (7%): the indicator reports quarterly, and this is not one "
        "of its periods; check the period"
    ]
    assert plausibility(july._replace(month=6, period="2023-06"), gdp, {}) == []  # 上半年
    grain = catalogue.by_id["grain_area"]  # yearly: its progress by June is its usual figure
    sown = new_figure("luojiang", 2023, "grain_area", 6, "2.5", "万亩")
    assert grain.frequency is Frequency.YEARLY and plausibility(sown, grain, {}) == []
