"""One error hierarchy for the whole tool, and the exit codes the CLI maps it to.

The core raises these with a message written for the user: one plain sentence that says what
is wrong and what to do. The CLI prints the message and exits; nothing else translates them.
"""

from __future__ import annotations

import errno
import re
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1


class TargettrackError(Exception):
    """A problem the user can fix; its message is shown as it is."""

    exit_code = ExitCode.ERROR

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


class CatalogueError(TargettrackError):
    """The targets file cannot be read or does not validate."""


class InputError(TargettrackError):
    """A value, period, unit or option given by the user is not acceptable."""


class StorageError(TargettrackError):
    """The database cannot be opened, read or written."""


class ConflictError(TargettrackError):
    """A figure exists already and the user did not ask to revise it."""


class RowsRefused(TargettrackError):
    """An import with rows that are not acceptable; ``details`` names each row."""


def os_reason(error: OSError) -> str:
    """What an operating-system error means, in words: the system's own, or plainer."""
    if error.errno == errno.ENAMETOOLONG:
        return "the name is longer than the system allows"
    return error.strerror or type(error).__name__


# C0 and C1 control characters (tab and newline are allowed in free text, not in values).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ECHO_LIMIT = 40


def echo(text: str, limit: int = ECHO_LIMIT) -> str:
    """What the user typed, as a message repeats it: invisible characters written out
    (\\x00, \\x1b, \\udcff), and long input cut to its first few dozen characters."""
    visible = "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)
    return visible if len(visible) <= limit else visible[: limit - 1] + "…"


def control_characters(text: str) -> bool:
    return _CONTROL.search(text) is not None


def not_utf8(text: str) -> bool:
    """Text holding bytes that were not UTF-8 (Python keeps them as lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
