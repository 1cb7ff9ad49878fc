"""Finding a target of a catalogue by what the user typed: its id, its name, or a part of it."""

from __future__ import annotations

from targettrack.core.models import Catalogue, Target
from targettrack.core.words import TargetName
from targettrack.errors import InputError, echo
from targettrack.messages import Message


def find_target(catalogue: Catalogue, text: str) -> Target:
    """The target named by ``text``, tried in this order: its id (any case), its full Chinese
    or English name, then a part of a name that only one target has (外资 for 实际利用外资).

    Several targets sharing the part are listed so the user can choose; nothing matching
    gets the nearest id as a hint.
    """
    wanted = text.strip()
    found = catalogue.by_id.get(wanted) or catalogue.by_id.get(wanted.lower())
    if found is not None:
        return found
    folded = wanted.casefold()
    exact = [t for t in catalogue.targets if folded in (t.name_zh, t.name_en.casefold())]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [
        t
        for t in catalogue.targets
        if wanted and (wanted in t.name_zh or folded in t.name_en.casefold())
    ]
    if len(partial) == 1:
        return partial[0]
    if partial:
        names: list[object] = [TargetName.of(t, t.id, with_id=True) for t in partial[:8]]
        if len(partial) > 8:
            names.append("…")
        raise InputError(
            Message("target.ambiguous", text=echo(wanted), count=len(partial), names=tuple(names))
        )
    import difflib

    close = difflib.get_close_matches(wanted, list(catalogue.by_id), n=1, cutoff=0.5)
    if not close:  # a name typed nearly right: 实际利用外资（验资口经）
        by_name = {t.name_zh: t.id for t in catalogue.targets}
        near = difflib.get_close_matches(wanted, list(by_name), n=1, cutoff=0.6)
        close = [by_name[near[0]]] if near else []
    # the suggestion by its name in Chinese, by its id in English
    suggested = [TargetName.of(catalogue.by_id[c], c) for c in close]
    hint = (
        Message("target.hint_close", close=suggested[0])
        if suggested
        else Message("target.hint_list")
    )
    raise InputError(Message("target.unknown", text=echo(wanted), year=catalogue.year, hint=hint))


def check_department(catalogue: Catalogue, department: str) -> str:
    """The department as the catalogue names it; one sentence listing them if none has it."""
    wanted = department.strip()
    names = sorted({t.department for t in catalogue.targets if t.department})
    if wanted not in names:
        raise InputError(
            Message(
                "department.unknown",
                department=wanted,
                year=catalogue.year,
                names=names or ["—"],
            )
        )
    return wanted
