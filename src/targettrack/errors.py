"""One error hierarchy for the whole tool, and the exit codes the CLI maps it to.

The core raises these with a message for the user (``messages.Message``: a code and values):
one plain sentence that says what is wrong and what to do. The CLI renders it in the user's
language, prints it and exits.
"""

from __future__ import annotations

import errno
import re
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from targettrack.messages import Text


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1


class TargettrackError(Exception):
    """A problem the user can fix; its message is shown as it is (the CLI exits with
    ``ExitCode.ERROR``)."""

    def __init__(self, message: Text, details: Sequence[Text] | None = None) -> None:
        super().__init__(str(message))
        self.text = message
        self.details = list(details or [])

    @property
    def message(self) -> str:
        """The message in English (tests and logs); ``render`` gives the user's language."""
        return str(self.text)

    def render(self, lang: str) -> tuple[str, list[str]]:
        from targettrack.messages import render

        return render(self.text, lang), [render(d, lang) for d in self.details]


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


def os_reason(error: OSError) -> Text:
    """What an operating-system error means, in words: the system's own, or plainer."""
    from targettrack.messages import Message

    key = _OS_REASONS.get(error.errno or 0)
    if key is not None:
        return Message(key)
    return error.strerror or type(error).__name__


# The system's reasons a user meets, in both languages; a rarer one is said as the system says it.
_OS_REASONS = {
    errno.ENAMETOOLONG: "os.name_too_long",
    errno.ENOENT: "os.no_such_file",
    errno.EACCES: "os.permission",
    errno.EPERM: "os.permission",
    errno.EISDIR: "os.is_folder",
    errno.ENOTDIR: "os.not_folder",
    errno.ENOSPC: "os.disk_full",
    errno.EDQUOT: "os.disk_full",
    errno.EROFS: "os.read_only",
    errno.ELOOP: "os.loop",
    errno.EBUSY: "os.busy",
    errno.EEXIST: "os.exists",
    errno.EIO: "os.io",
}


def home_reason(error: RuntimeError) -> Text:
    """Path.expanduser's one failure (``~name`` of no such user), in words."""
    from targettrack.messages import Message

    return Message("os.no_home") if "home directory" in str(error) else str(error)


def expand_user(path: str | Path) -> Path:
    """``path`` with a leading ``~`` or ``~name`` made the home folder it names; a name of no
    user of this machine is the user's mistake, said so, not a crash."""
    from targettrack.messages import Message

    try:
        return Path(path).expanduser()
    except RuntimeError as error:
        raise InputError(
            Message("path.no_home", path=echo(str(path)), reason=home_reason(error))
        ) from None


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
