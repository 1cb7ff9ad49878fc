"""The formula guard: text that a spreadsheet would take for a formula stays text.

Text starting with = + - @, a tab or a carriage return, or their full-width forms, is a
formula (or the start of one) to Excel, WPS and LibreOffice. CSV gets a leading apostrophe;
the Excel writer writes such text as a string cell with Excel's own quote-prefix mark.
Numbers are never guarded: a negative number stays a number.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def risky(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def guard(text: str) -> str:
    """Text that stays text in a spreadsheet: a leading apostrophe where it could be a formula."""
    return "'" + text if risky(text) else text
