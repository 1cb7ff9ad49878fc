"""Finding a target of a catalogue by what the user typed."""

from __future__ import annotations

from targettrack.core.models import Catalogue, Target
from targettrack.errors import InputError, echo


def find_target(catalogue: Catalogue, text: str) -> Target:
    """The target whose id is ``text``; otherwise one sentence that suggests the nearest."""
    wanted = text.strip()
    found = catalogue.by_id.get(wanted)
    if found is not None:
        return found
    import difflib

    close = difflib.get_close_matches(wanted, list(catalogue.by_id), n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'?" if close else "run 'targettrack targets' to list them."
    raise InputError(
        f"There is no target '{echo(wanted)}' in the {catalogue.year} catalogue; {hint}"
    )
