"""What a grant of a shared database lets its role do, in words (``db grant``, ``db revoke``
and the table of ``db grants``)."""

from __future__ import annotations

from targettrack.messages import Message
from targettrack.store import Grant


def grant_label(grant: Grant) -> Message:
    """What one grant lets its role do, in words: a department (in one region), or a group."""
    if grant.kind == "department":
        if grant.region == "*":
            return Message("pg.grant_department", department=grant.department)
        return Message("pg.grant_department_in", department=grant.department, region=grant.region)
    return Message(f"pg.grant_{grant.kind}", group=f"targettrack_{grant.kind}")
