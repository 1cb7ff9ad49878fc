"""Every tabular view as the one table shape, in a language; and cells as people read them.

``table_of(view, lang)`` is the one path from a view to rows: JSON, CSV and Markdown write
these rows as they are (codes turned into words only in Chinese), and the terminal, the
workbook and the page write them as people read them (``cell_text``) wherever they have no
richer form of the view.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from targettrack.core.engine import round_pct
from targettrack.core.models import (
    Catalogue,
    Direction,
    Frequency,
    Kind,
    Likelihood,
    State,
    Status,
    Verdict,
)
from targettrack.core.outlook import as_shown
from targettrack.core.periods import period_label
from targettrack.core.units import grouped, with_unit
from targettrack.core.words import (
    DayName,
    kind_word,
    likelihood_word,
    method_word,
    state_word,
    verdict_label,
    word,
)
from targettrack.messages import Message
from targettrack.usecases.views import (
    CatalogueView,
    CompareView,
    HistoryView,
    RecordsView,
    StatusView,
)
from targettrack.writers import rows as flat
from targettrack.writers.shape import Field, Row, Section, Table, one_section
from targettrack.writers.text import (
    actual_text,
    as_of_title,
    catalogue_title,
    named,
    report_title,
    stale_notes,
    target_text,
    with_own_period,
)

if TYPE_CHECKING:  # loaded by the commands that show them, not by every command
    from targettrack.usecases.explain import ExplanationsView
    from targettrack.usecases.late import LateView, NoticesView
    from targettrack.usecases.outlook import BacktestView, OutlookView
    from targettrack.usecases.regions import (
        CityView,
        RanksView,
        RegionsView,
        RollupView,
        Standing,
    )
    from targettrack.usecases.shared import GrantsView

# How the fields of the flat rows are typed (the rest are text).
_KINDS = {
    "target": "number",
    "actual": "number",
    "level": "number",
    "value": "number",
    "prior": "number",
    "projection": "number",
    "before_actual": "number",
    "now_actual": "number",
    "change": "number",
    "baseline_value": "number",
    "baseline_growth": "pct",
    "yoy_pct": "pct",
    "completion_pct": "pct",
    "pace_pct": "pct",
    "reference_pct": "pct",
    "projection_pct": "pct",
    "outlook_value": "number",
    "outlook_low": "number",
    "outlook_high": "number",
    "outlook_pct": "pct",
    "outlook_years": "int",
    "needed_pct": "pct",
    "gap_pp": "pp",
    "margin": "number",
    "version": "int",
    "rank": "int",
    "children": "int",
    "recorded_at": "time",
    "period": "period",
    "before_period": "period",
    "now_period": "period",
}
_UNIT_KEYS = {
    "target": "unit",
    "actual": "unit",
    "value": "unit",
    "projection": "unit",
    "outlook_value": "unit",
    "outlook_low": "unit",
    "outlook_high": "unit",
}


def _fields(keys: tuple[str, ...], headers: list[str]) -> tuple[Field, ...]:
    return tuple(
        Field(key, header, _KINDS.get(key, "text"), _UNIT_KEYS.get(key))
        for key, header in zip(keys, headers, strict=True)
    )


def _words(keys: tuple[str, ...], lang: str, renamed: dict[str, str] | None = None) -> list[str]:
    names = renamed or {}
    return [word(names.get(key, key), lang) for key in keys]


def _for_reader(fields: tuple[Field, ...], catalogue: Catalogue, lang: str) -> tuple[Field, ...]:
    """The columns a reader of ``lang`` reads: in Chinese, no English names, and groups by
    their names (JSON keeps both names and the group's id)."""
    if lang != "zh":
        return fields
    names = {g.id: g.name(lang) for g in catalogue.groups}

    def group_name(value: object, row: Row) -> str:
        return names.get(str(value), str(value or ""))

    def target_name(value: object, row: Row) -> str:
        found = catalogue.by_id.get(str(value or ""))
        return found.name(lang) if found else str(value or "")

    shows = {"group": group_name, "relative_to": target_name}
    return tuple(
        f._replace(show=shows[f.key]) if f.key in shows else f for f in fields if f.key != "name_en"
    )


# The columns that say which indicator or region a row is: where one stands in a table, a
# Chinese reader needs no id beside it
_NAMING = frozenset({"name", "name_zh", "region_name"})


def for_people(table: Table, lang: str, catalogue: Catalogue | None = None) -> Table:
    """A table as people read it (the terminal, Markdown, the page, a workbook; CSV and JSON
    keep ids and numbers for programs): the goal as the catalogue words it where its number
    alone would read 0 (与地区生产总值同步, a task), and in Chinese no id column where a name
    says which."""
    fields = table.people or table.fields
    keys = {f.key for f in fields}
    if catalogue is not None and "target" in keys and "id" in keys:
        by_id = catalogue.by_id
        plain = next(f for f in fields if f.key == "target")

        def goal(value: object, row: Row) -> str:
            found = by_id.get(str(row.get("id") or ""))
            if found is not None and found.kind in (Kind.RELATIVE, Kind.MILESTONE):
                return target_text(found, catalogue, lang)
            return cell_text(value, plain, row, lang)

        fields = tuple(f._replace(show=goal) if f.key == "target" else f for f in fields)
    if lang == "zh" and _NAMING & keys:
        ids = ("id", "target") if table.name == "records" else ("id",)  # records: target is its id
        fields = tuple(f for f in fields if f.key not in ids)
    return table._replace(fields=fields)


def catalogue_of(view: object) -> Catalogue | None:
    """The catalogue a view was judged by, where it has one."""
    found = getattr(view, "catalogue", None)
    if found is None:
        found = getattr(getattr(view, "status", None), "catalogue", None)
    return found if isinstance(found, Catalogue) else None


def status_table(view: StatusView, lang: str) -> Table:
    fields = flat.STATUS_FIELDS
    return Table(
        "status",
        report_title(view.catalogue, view.as_of, lang),
        _for_reader(
            _fields(fields, flat.headers(fields, lang, as_of=view.as_of)), view.catalogue, lang
        ),
        one_section(flat.status_rows(view.progress, view.as_of, view.explained)),
    )


OUTLOOK_FIELDS = (
    "id",
    "name",
    "kind",
    "unit",
    "target",
    "direction",
    "actual",
    "period",
    "verdict",
    "outlook_value",
    "outlook_low",
    "outlook_high",
    "outlook_pct",
    "outlook",
    "outlook_method",
    "outlook_years",
    "needed_pct",
)


def outlook_table(view: OutlookView, lang: str) -> Table:
    """Every target's year-end outlook, grouped as the report groups them."""
    status = view.status
    catalogue = status.catalogue
    by_group: dict[str, list[Row]] = {}
    for progress in status.progress:
        full = flat.status_row(progress, status.as_of)
        row: Row = {key: full.get(key) for key in OUTLOOK_FIELDS}
        row["name"] = progress.target.name(lang)
        by_group.setdefault(progress.target.group, []).append(row)
    sections = tuple(
        Section(group.name(lang), by_group[group.id])
        for group in catalogue.groups
        if group.id in by_group
    )
    keys = OUTLOOK_FIELDS
    heads = _words(keys, lang, {"target": "annual_target"})
    title = word("outlook_title", lang).format(title=report_title(catalogue, status.as_of, lang))
    fields = _fields(keys, heads)
    progress_of = {p.target.id: p for p in status.progress}

    def projected(key: str, attr: str) -> Callable[[object, Row], str]:
        """A projection or an end of its range as people read it: rounded once, from the
        exact number (data files keep it to the cent)."""

        def show(value: object, row: Row) -> str:
            found = progress_of.get(str(row.get("id")))
            look = found.outlook if found is not None else None
            exact = getattr(look, attr) if look is not None else None
            if found is None or not isinstance(exact, Decimal):
                return cell_text(value, plain[key], row, lang)
            if found.target.is_rate:
                return f"{round_pct(exact):+.1f}%"
            return with_unit(as_shown(exact, found.target, found.actual), found.target.unit)

        return show

    plain = {f.key: f for f in fields}
    ends = {"outlook_value": "value", "outlook_low": "low", "outlook_high": "high"}
    people = tuple(
        f._replace(kind="text", unit_key=None, show=projected(f.key, ends[f.key]))
        if f.key in ends
        else f
        for f in fields
    )
    return Table("outlook", title, fields, sections, (), people)


_MONTHS = tuple(range(1, 12))  # December is the year itself: nothing left to project


def backtest_table(view: BacktestView, lang: str) -> Table:
    """Each indicator's error month by month: amounts and levels as the mean absolute
    percentage error of the projected year end, growth rates as the mean absolute error
    of the rate so far, in percentage points."""
    year = view.catalogue.year
    keys = ("id", "name", "measure", "years", *(f"m{m:02d}" for m in _MONTHS))
    heads = [
        *_words(("id", "name", "measure", "backtest_years"), lang),
        *(period_label(f"{year}-{m:02d}", lang) for m in _MONTHS),
    ]
    months = {f"m{m:02d}" for m in _MONTHS}
    comma = "、" if lang == "zh" else ", "
    shows: dict[str, Callable[[object, Row], str]] = {
        "measure": lambda value, row: word(f"measure_{value}", lang),
        "years": lambda value, row: (
            comma.join(str(y) for y in value) if isinstance(value, list) else ""
        ),
    }
    fields = tuple(
        Field(key, head, "one" if key in months else "text", None, shows.get(key))
        for key, head in zip(keys, heads, strict=True)
    )
    sections = []
    for measure in ("ape_pct", "ae_pp"):
        rows: list[Row] = []
        for accuracy in view.rows:
            if accuracy.measure != measure:
                continue
            row: Row = {
                "id": accuracy.target.id,
                "name": accuracy.target.name(lang),
                "measure": measure,
                "years": list(accuracy.years),
            }
            row.update({f"m{m:02d}": accuracy.errors.get(m) for m in _MONTHS})
            rows.append(row)
        if rows:
            sections.append(Section(word(f"backtest_{measure}", lang), rows))
    notes = [word("backtest_note", lang).format(first=view.first_year, last=view.last_year)]
    if view.too_few:
        # in Chinese by name, between semicolons: names themselves hold 、
        names = ("；" if lang == "zh" else ", ").join(
            t.name(lang) if lang == "zh" else t.id for t in view.too_few
        )
        notes.append(word("backtest_too_few", lang).format(count=len(view.too_few), ids=names))
    title = word("backtest_title", lang).format(region=view.catalogue.region_name(lang), year=year)
    return Table("backtest", title, fields, tuple(sections), tuple(notes))


def history_title(view: HistoryView, lang: str) -> str:
    """The target's name and the figures' year: 2019年实际利用外资, GDP (gdp), 2019."""
    name = named(view.target.name(lang), view.target.id, lang)
    return f"{view.year}年{name}" if lang == "zh" else f"{name}, {view.year}"


def records_table(view: RecordsView | HistoryView, lang: str) -> Table:
    fields = flat.RECORD_FIELDS
    if isinstance(view, HistoryView):
        title = history_title(view, lang)
    else:
        catalogue = view.catalogue
        title = word("records_title", lang).format(
            region=catalogue.region_name(lang), year=catalogue.year
        )
    return Table(
        "records",
        title,
        _for_reader(
            _fields(fields, flat.headers(fields, lang, records=True)), view.catalogue, lang
        ),
        one_section(flat.record_rows(view.catalogue, view.figures)),
    )


EXPLANATION_FIELDS = (
    "target",
    "period",
    "version",
    "cause",
    "measures",
    "by",
    "on_behalf_of",
    "recorded_at",
    "withdrawn",
    "reason",
)


def explanations_table(view: ExplanationsView, lang: str) -> Table:
    """Every version of a target's reasons and measures, newest first."""
    rows: list[Row] = [
        {
            "target": e.target_id,
            "period": e.period,
            "version": e.version,
            "cause": e.reason,
            "measures": e.measures,
            "by": e.recorded_by,
            "on_behalf_of": e.on_behalf_of,
            "recorded_at": e.recorded_at,
            "withdrawn": e.withdrawn,
            "reason": e.withdraw_reason,
        }
        for e in view.explanations
    ]
    # in Chinese the title names the indicator: no id column (CSV and JSON keep it)
    keys = tuple(k for k in EXPLANATION_FIELDS if lang != "zh" or k != "target")
    headers = _words(keys, lang, {"target": "id"})
    title = named(view.target.name(lang), view.target.id, lang)
    return Table("explanations", title, _fields(keys, headers), one_section(rows))


def _late(view: LateView, lang: str) -> Table:
    from targettrack.writers.notices import late_table

    return late_table(view, lang)


def _notices(view: NoticesView, lang: str) -> Table:
    from targettrack.writers.notices import notices_table

    return notices_table(view, lang)


def targets_table(view: CatalogueView, lang: str) -> Table:
    catalogue = view.catalogue
    rows = [flat.target_row(t) for t in catalogue.targets]
    keys = tuple(rows[0]) if rows else ("id",)
    sections = tuple(
        Section(group.name(lang), [r for r in rows if r["group"] == group.id])
        for group in catalogue.groups
    )
    title = catalogue_title(catalogue, lang)
    source = catalogue.source
    return Table(
        "targets",
        title,
        _for_reader(_fields(keys, _words(keys, lang)), catalogue, lang),
        sections,
        (source.by(lang),),
    )


def compare_table(view: CompareView, lang: str) -> Table:
    keys = flat.COMPARE_FIELDS
    before, now = period_label(view.before.label, lang), period_label(view.now.label, lang)
    title = word("compare_title", lang).format(
        region=view.catalogue.region_name(lang), before=before, now=now
    )
    if view.edition:
        title = word("since_edition_title", lang).format(
            region=view.catalogue.region_name(lang), edition=view.edition, period=now
        )
    fields = _for_reader(_fields(keys, _words(keys, lang)), view.catalogue, lang)
    notes = (
        (word("nothing_revised", lang).format(edition=view.edition),)
        if view.edition and not view.changes
        else ()
    )
    return Table("compare", title, fields, one_section(flat.compare_rows(view)), notes)


def _rank_row(ident: str, s: Standing, lang: str) -> Row:
    p = s.progress
    figure = p.figure
    return {
        "id": ident,
        "name": p.target.name(lang),
        "region": s.region.id,
        "region_name": s.region.name(lang),
        "actual": p.state if p.state is not None else p.actual,
        "target": p.target.target,
        "unit": "%" if p.target.is_rate else p.target.unit,
        "gap_pp": p.gap_pp,
        "completion_pct": p.completion_pct,
        "verdict": p.verdict,
        "rank": s.rank,
        # the figure's own period, and whether it is older than its rhythm allows (未更新)
        "period": figure.period if figure else None,
        "stale": p.stale if figure else None,
        "derived": p.derived if figure else None,
    }


RANK_FIELDS = (
    "id",
    "name",
    "region",
    "region_name",
    "actual",
    "target",
    "unit",
    "gap_pp",
    "completion_pct",
    "verdict",
    "rank",
    "period",
    "stale",
)


def _stale_notes(standings: dict[str, list[Standing]], lang: str) -> tuple[str, ...]:
    return stale_notes((s.progress for ranked in standings.values() for s in ranked), lang)


def ranks_table(view: RanksView, lang: str) -> Table:
    sections = []
    found: dict[tuple[str, str], Standing] = {}
    for ident, ranked in view.standings.items():
        first = ranked[0].progress.target if ranked else None
        title = named(first.name(lang) if first else ident, ident, lang)
        sections.append(Section(title, [_rank_row(ident, s, lang) for s in ranked]))
        found.update(((ident, s.region.id), s) for s in ranked)

    def actual(value: object, row: Row) -> str:  # with its unit, * if derived, ※ if old
        standing = found.get((str(row["id"]), str(row["region"])))
        if standing is None:
            return ""
        return with_own_period(actual_text(standing.progress, lang), standing.progress, lang)

    def goal(value: object, row: Row) -> str:
        standing = found.get((str(row["id"]), str(row["region"])))
        if standing is None:
            return ""
        return target_text(standing.progress.target, standing.catalogue, lang)

    # in Chinese a column names the region (JSON keeps its id in every row); data files keep
    # the numbers with a unit column, people read each figure and target with its unit
    keys = tuple(k for k in RANK_FIELDS if lang != "zh" or k != "region")
    fields = _fields(keys, _words(keys, lang))
    shown = {"actual": actual, "target": goal}
    people = tuple(
        f._replace(kind="text", unit_key=None, show=shown[f.key]) if f.key in shown else f
        for f in fields
        if f.key not in ("unit", "period", "stale")  # in the figure's cell, as people read it
    )
    title = as_of_title(word("ranks_title", lang), view.period, lang)
    notes = _stale_notes(view.standings, lang)
    return Table("ranks", title, fields, tuple(sections), notes, people)


def _city_cell(
    ident: str, cells: dict[tuple[str, str], Standing], lang: str
) -> Callable[[object, Row], str]:
    def show(value: object, row: Row) -> str:
        found = cells.get((str(row["region"]), ident))
        if found is None:
            return ""
        rank = f"{word('rank', lang)} {found.rank}"
        place = "" if found.rank is None else f"（{rank}）" if lang == "zh" else f" ({rank})"
        return with_own_period(actual_text(found.progress, lang), found.progress, lang) + place

    return show


def city_table(view: CityView, lang: str) -> Table:
    """A row per region, a column per target: in JSON each cell holds the figure,
    completion, verdict and rank; a table shows the figure and its rank."""
    regions: dict[str, Any] = {}
    cells: dict[tuple[str, str], Standing] = {}
    for ident, ranked in view.standings.items():
        for s in ranked:
            regions.setdefault(s.region.id, s.region)
            cells[(s.region.id, ident)] = s
    rows: list[Row] = []
    for region_id, region in sorted(regions.items()):
        row: Row = {"region": region_id, "region_name": region.name(lang)}
        for ident in view.standings:
            found = cells.get((region_id, ident))
            if found is not None:
                p = found.progress
                row[ident] = {
                    "actual": p.state if p.state is not None else p.actual,
                    "unit": "%" if p.target.is_rate else p.target.unit,
                    "period": p.figure.period if p.figure else None,
                    "stale": p.stale if p.figure else None,
                    "completion_pct": p.completion_pct,
                    "verdict": p.verdict,
                    "rank": found.rank,
                }
        rows.append(row)
    fields = [Field("region_name", word("region", lang))]
    for ident, ranked in view.standings.items():
        name = ranked[0].progress.target.name(lang) if ranked else ident
        fields.append(Field(ident, name, "text", None, _city_cell(ident, cells, lang)))
    title = as_of_title(word("city_title", lang), view.period, lang)
    notes = _stale_notes(view.standings, lang)
    return Table("city", title, tuple(fields), one_section(rows), notes)


ROLLUP_FIELDS = (
    "id",
    "name",
    "kind",
    "unit",
    "target",
    "actual",
    "completion_pct",
    "children",
    "missing",
    "left_out",
    "derived",
    "reason",
)


def rollup_table(view: RollupView, lang: str) -> Table:
    def region_name(ident: str) -> str:
        region = (view.regions or {}).get(ident)
        return region.name(lang) if region is not None and lang == "zh" else ident

    rows: list[Row] = [
        {
            "id": r.target.id,
            "name": r.target.name(lang),
            "kind": r.target.kind,
            "unit": "%" if r.target.is_rate else r.target.unit,
            "target": r.target.target,
            "actual": r.actual,
            "completion_pct": r.completion_pct,
            "children": r.children,
            "missing": ("、" if lang == "zh" else ", ").join(region_name(m) for m in r.missing),
            "left_out": "；".join(
                f"{region_name(region)}：{why.render(lang)}" for region, why in r.left_out
            )
            if lang == "zh"
            else "; ".join(f"{region}: {why.render(lang)}" for region, why in r.left_out),
            "derived": r.derived,
            "reason": r.reason.render(lang) if r.reason else "",
        }
        for r in view.rolled
    ]
    title = as_of_title(
        word("rollup_title", lang).format(region=region_name(view.parent)), view.period, lang
    )
    return Table(
        "rollup",
        title,
        _fields(ROLLUP_FIELDS, _words(ROLLUP_FIELDS, lang, {"reason": "rollup_reason"})),
        one_section(rows),
    )


REGION_FIELDS = ("id", "name_zh", "name_en", "parent", "years")


def regions_table(view: RegionsView, lang: str) -> Table:
    rows: list[Row] = [
        {
            "id": region.id,
            "name_zh": region.name_zh,
            "name_en": region.name_en,
            "parent": region.parent,
            "years": [str(y) for y in years],
        }
        for region, years in view.regions
    ]
    names = {region.id: region.name(lang) for region, _ in view.regions}
    comma = "、" if lang == "zh" else ", "
    shows: dict[str, Callable[[object, Row], str]] = {
        # the parent by its name in Chinese; a region's years as a list people read
        "parent": lambda value, row: (
            names.get(str(value), str(value)) if value and lang == "zh" else str(value or "")
        ),
        "years": lambda value, row: (
            comma.join(str(y) for y in value) if isinstance(value, list) else str(value or "")
        ),
    }
    fields = tuple(
        f._replace(show=shows.get(f.key))
        for f in _fields(REGION_FIELDS, _words(REGION_FIELDS, lang, {"name_zh": "region_name_zh"}))
    )
    return Table("regions", word("region", lang), fields, one_section(rows))


def grants_table(view: GrantsView, lang: str) -> Table:
    """Who may record what: JSON keeps the role, the kind of grant, the department and the
    region (null: every region); a table says it in words."""
    from targettrack.store import Grant
    from targettrack.writers.grants import grant_label

    rows: list[Row] = [
        {
            "role": g.role,
            "kind": g.kind,
            "department": g.department or None,
            "region": None if g.region == "*" else g.region,
        }
        for g in view.grants
    ]

    def what(value: object, row: Row) -> str:
        grant = Grant(str(row["role"]), str(row["kind"]), str(row["department"] or ""))
        return grant_label(grant).render(lang)

    def where(value: object, row: Row) -> str:
        return str(value) if value else Message("pg.every_region").render(lang)

    fields = (
        Field("role", Message("pg.grants_role").render(lang)),
        Field("what", Message("pg.grants_what").render(lang), show=what),
        Field("region", Message("pg.grants_region").render(lang), show=where),
    )
    return Table("grants", word("grants", lang), fields, one_section(rows))


# by the view's class name: the views of rarer commands are imported by those commands only
_TABLES: dict[str, Callable[[Any, str], Table]] = {
    "StatusView": status_table,
    "RecordsView": records_table,
    "HistoryView": records_table,
    "CatalogueView": targets_table,
    "OutlookView": outlook_table,
    "BacktestView": backtest_table,
    "CompareView": compare_table,
    "RanksView": ranks_table,
    "CityView": city_table,
    "RollupView": rollup_table,
    "RegionsView": regions_table,
    "GrantsView": grants_table,
    "ExplanationsView": explanations_table,
    "LateView": _late,
    "NoticesView": _notices,
}


def table_of(view: object, lang: str) -> Table:
    """The view as the one table shape; a view that is not tabular is refused."""
    if isinstance(view, Table):
        return view
    build = _TABLES.get(type(view).__name__)
    if build is None:
        from targettrack.writers import refuse

        raise refuse("table", Message("format.this_view"))
    return build(view, lang)


def cell_text(value: object, field: Field, row: Row, lang: str) -> str:
    """A value as people read it in a table: words for codes, numbers grouped with their
    unit where the row has one, percentages to one decimal, gaps signed."""
    if field.show is not None:
        return field.show(value, row)
    if value is None:
        return ""
    if field.key == "news" and isinstance(value, str):
        return word(value, lang) if value else ""
    if isinstance(value, bool):
        return word("yes" if value else "no", lang)
    if isinstance(value, Verdict):
        return verdict_label(value, lang)
    if isinstance(value, Kind):
        return kind_word(value, lang)
    if isinstance(value, State):
        return state_word(value, lang)
    if isinstance(value, Status | Direction):
        return word(value.value, lang)
    if isinstance(value, Likelihood):
        return likelihood_word(value, lang, final=row.get("outlook_method") == "year_end")
    if isinstance(value, Frequency):
        return word(value.value, lang)
    if field.key in ("outlook_method", "pace_basis") and isinstance(value, str):
        return method_word(value, lang)
    if isinstance(value, Decimal):
        if field.kind == "pct":
            return f"{value:.1f}%"
        if field.kind == "pp":
            return f"{value:+.1f}"
        if field.kind == "one":
            return f"{round_pct(value):.1f}"
        unit = row.get(field.unit_key) if field.unit_key else None
        return with_unit(value, unit if isinstance(unit, str) else None)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if field.kind == "period" and isinstance(value, str) and value:
        return period_label(value, lang)
    if field.kind == "day" and isinstance(value, str) and value:
        return DayName(value).render(lang)
    if field.kind == "time" and isinstance(value, str):
        from targettrack.writers.text import local_time

        return local_time(value, lang)
    return str(value)


__all__ = ["cell_text", "grouped", "table_of"]
