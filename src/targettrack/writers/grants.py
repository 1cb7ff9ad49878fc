"""Who may record what on a shared database (``db grants``): a table for people, or JSON.

Flat rows first (the JSON contract: codes, not words), then a table with a header.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from targettrack.messages import Message, render
from targettrack.writers.jsontext import dumps_rows

if TYPE_CHECKING:
    from targettrack.store.postgres import Grant

FIELDS = ("role", "kind", "department", "region")


def grant_label(grant: Grant) -> Message:
    """What one grant lets its role do, in words: a department (in one region), or a group."""
    if grant.kind == "department":
        if grant.region == "*":
            return Message("pg.grant_department", department=grant.department)
        return Message("pg.grant_department_in", department=grant.department, region=grant.region)
    return Message(f"pg.grant_{grant.kind}", group=f"targettrack_{grant.kind}")


def grant_list(grants: Sequence[Grant], fmt: str, lang: str) -> str:
    """Every grant: role, what it may record, and where (every region unless one is named)."""
    if fmt == "json":
        return dumps_rows(
            [
                {
                    "role": g.role,
                    "kind": g.kind,
                    "department": g.department or None,
                    "region": None if g.region == "*" else g.region,
                }
                for g in grants
            ]
        )
    if not grants:
        return render(Message("pg.no_grants"), lang) + "\n"
    from rich.cells import cell_len

    header = [render(Message(f"pg.grants_{f}"), lang) for f in ("role", "what", "region")]
    every_region = render(Message("pg.every_region"), lang)
    rows = [
        [
            g.role,
            render(grant_label(g._replace(region="*")), lang),
            every_region if g.region == "*" else g.region,
        ]
        for g in grants
    ]
    widths = [max(cell_len(row[i]) for row in [header, *rows]) for i in range(3)]

    def line(cells: Sequence[str]) -> str:
        padded = (c + " " * (w - cell_len(c)) for c, w in zip(cells, widths, strict=True))
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)]) + "\n"
