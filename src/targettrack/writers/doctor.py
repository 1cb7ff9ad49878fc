"""The doctor's lines: a mark (ok or problem), what was found, and what to do."""

from __future__ import annotations

from collections.abc import Sequence

from targettrack.messages import Message, render
from targettrack.usecases.doctor import Check


def doctor_text(checks: Sequence[Check], lang: str) -> str:
    """One line per check, the advice indented under a problem, and a closing count."""
    lines = [render(Message("doctor.title"), lang)]
    for check in checks:
        mark = render(Message("doctor.ok" if check.ok else "doctor.problem"), lang)
        lines.append(f"[{mark}] {render(check.text, lang)}")
        if check.advice is not None:
            advice = render(Message("doctor.advice", text=check.advice), lang)
            lines.append(f"    {advice}")
    problems = sum(1 for check in checks if not check.ok)
    closing = Message("doctor.problems", count=problems) if problems else Message("doctor.all_ok")
    lines.append(render(closing, lang))
    return "\n".join(lines) + "\n"
