"""Synthetic catalogues and figure files of any size, for benchmarks and the heavier tests."""

from __future__ import annotations

import csv
from pathlib import Path

GROUPS = ("main", "industry", "city", "rural", "ecology", "wellbeing")
# (kind, unit, target) by position in a repeating cycle of ten targets
_CYCLE = (
    ("amount", "亿元", "305"),
    ("amount", "个", "120"),
    ("growth", "%", "7"),
    ("amount", "亩", "3200"),
    ("growth", "%", "10"),
    ("level", "万亩", "2.83"),
    ("amount", "家", "18"),
    ("amount", "万美元", "2500"),
    ("growth", "%", "8.5"),
    ("amount", "亿元", "38"),
)


def target_spec(index: int) -> tuple[str, str, str, str]:
    kind, unit, target = _CYCLE[index % len(_CYCLE)]
    return f"t{index:05d}", kind, unit, target


def write_catalogue(
    path: Path,
    targets: int,
    year: int = 2023,
    *,
    region: tuple[str, str, str] = ("benchmark", "基准市", "Benchmark City"),
    parent: str | None = None,
    groups: tuple[str, ...] = GROUPS,
) -> Path:
    """A valid catalogue of ``targets`` targets in ``groups`` (six unless told)."""
    region_id, name_zh, name_en = region
    lines = [
        "format = 1",
        f'region_id = "{region_id}"',
        f'region = "{name_zh}"',
        f'region_en = "{name_en}"',
        *([f'parent = "{parent}"'] if parent else []),
        f"year = {year}",
        "[source]",
        'title = "synthetic"',
        'publisher = "targettrack benchmarks"',
        f"date = {year}-01-06",
        'url = "http://example.org"',
    ]
    for group in groups:
        lines += ["[[groups]]", f'id = "{group}"', f'name_zh = "{group}组"', f'name_en = "{group}"']
    for index in range(targets):
        target_id, kind, unit, target = target_spec(index)
        lines += [
            "[[targets]]",
            f'id = "{target_id}"',
            f'name_zh = "指标{index}"',
            f'name_en = "Target {index}"',
            f'group = "{groups[index % len(groups)]}"',
            f'kind = "{kind}"',
            f'unit = "{unit}"',
            f"target = {target}",
        ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


COUNTS = ("个", "家", "项")  # counted whole: a fraction of a firm is refused


def figure_value(index: int, month: int) -> str:
    _, kind, unit, target = target_spec(index)
    if kind == "growth":
        return f"{(index % 120) / 10 - 2 + month / 10:.1f}"
    share = (month * 100 // 12) - (index % 25)
    value = float(target) * max(share, 1) / 100
    return str(round(value)) if unit in COUNTS else str(round(value, 2))


def write_figures_csv(path: Path, targets: int, year: int = 2023, months: int = 12) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["target", "period", "value", "source"])
        for index in range(targets):
            target_id = target_spec(index)[0]
            for month in range(1, months + 1):
                writer.writerow(
                    [target_id, f"{year}-{month:02d}", figure_value(index, month), "synthetic"]
                )
    return path


def write_district_year(path: Path, year: int = 2023) -> Path:
    """A year of monthly figures for every target of the bundled catalogue."""
    from targettrack.catalogue.loading import load_catalogues

    catalogue = load_catalogues().get(year)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["target", "period", "value", "source"])
        for target in catalogue.targets:
            for month in range(1, 13):
                if target.kind == "milestone":
                    value = "done" if month == 12 else "in-progress"
                elif target.kind in ("growth", "relative"):
                    value = f"{5 + (month % 5) / 2:.1f}"
                elif target.kind == "level":
                    value = str(target.target)
                else:
                    assert target.target is not None
                    amount = float(target.target) * month / 12 * 0.95
                    value = str(round(amount) if target.unit in COUNTS else round(amount, 2))
                writer.writerow([target.id, f"{year}-{month:02d}", value, "benchmark"])
    return path


def write_region_tree(folder: Path, regions: int, targets: int, year: int = 2023) -> Path:
    """A city (``city``) and ``regions`` districts under it, each with ``targets`` main targets
    of the same ids, and a CSV of twelve months of every district's figures (地区 column)."""
    write_catalogue(
        folder / "city" / f"{year}.toml",
        targets,
        year,
        region=("city", "基准市", "Benchmark City"),
        groups=("main",),
    )
    for number in range(1, regions + 1):
        ident = f"d{number:02d}"
        write_catalogue(
            folder / ident / f"{year}.toml",
            targets,
            year,
            region=(ident, f"第{number}区", f"District {number}"),
            parent="city",
            groups=("main",),
        )
    path = folder.parent / "districts.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["region", "target", "period", "value"])
        for number in range(1, regions + 1):
            for index in range(targets):
                for month in range(1, 13):
                    writer.writerow(
                        [
                            f"d{number:02d}",
                            target_spec(index)[0],
                            f"{year}-{month:02d}",
                            _shifted(figure_value(index, month), number % 5),
                        ]
                    )
    return path


def _shifted(value: str, by: int) -> str:
    """A figure moved by a whole number, so that districts differ and some tie."""
    from decimal import Decimal

    return str(Decimal(value) + by)


def write_budget_journal(path: Path, targets: int, year: int = 2023, months: int = 12) -> Path:
    """The figures of ``write_figures_csv`` as an hledger journal, for a comparison: an account
    a target, the target as its yearly budget (a periodic transaction), and a transaction a
    month whose postings are each amount's growth over the month before (a rate's figure as it
    is, since hledger has no rates). The same 10,000 accounts and 120,000 postings."""
    from decimal import Decimal

    lines = [f"~ yearly from {year}"]
    lines += [f"    (targets:{target_spec(i)[0]})  {target_spec(i)[3]}" for i in range(targets)]
    before = [Decimal(0)] * targets
    for month in range(1, months + 1):
        lines += ["", f"{year}-{month:02d}-28 figures"]
        for index in range(targets):
            target_id, kind, _, _ = target_spec(index)
            value = Decimal(figure_value(index, month))
            posted = value if kind == "growth" else value - before[index]
            before[index] = value
            lines.append(f"    (targets:{target_id})  {posted}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
