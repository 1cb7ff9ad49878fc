"""Writing a command's output to a file, without ever damaging what the command reads.

- A file the command reads (its database, catalogue files, the file being imported) is never
  written, however it is named: the check compares the files themselves (device and inode),
  so a relative path, a symbolic link or a hard link to it is refused alike.
- Files that must never be an output, whether they exist yet or not (the configured database
  and its -wal, -shm and -journal files, the catalogues in use, another output of the same
  command), are given as ``keep``: compared by their real path as well as by identity, each
  refused with a sentence that says what it is.
- A regular file is written whole beside its destination, then renamed into place, so a
  reader never sees half a file and a failure leaves the old file as it was.
- A symbolic link is followed: its target is replaced that way, and the link stays a link.
- Anything that is not a regular file (a FIFO, a terminal, ``/dev/stdout``) is written
  directly, never replaced.
- Every failure is one sentence; a partial file is never left behind.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from targettrack.errors import InputError, expand_user, os_reason
from targettrack.messages import Message


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _where(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def check_not_read(output: Path, reads: Iterable[Path]) -> None:
    """Refuse ``output`` when it is one of the files the command reads (or would: a
    database's WAL or journal file that does not exist at this moment)."""
    mine = _identity(output)
    place = _where(output)
    for path in reads:
        same_file = mine is not None and _identity(path) == mine
        if same_file or _where(path) == place:
            raise InputError(Message("output.reads", output=output, path=path))


class Kept(NamedTuple):
    """A file an output must never be, and what it is (for the refusal)."""

    path: Path
    what: Message


def _real(path: Path) -> str:
    try:
        return os.path.realpath(expand_user(path))
    except (OSError, ValueError):
        return str(path)


def check_kept(output: Path, keep: Iterable[Kept]) -> None:
    """Refuse ``output`` when it is one of the files in ``keep``, by path or by identity."""
    output = expand_user(output)
    mine, real = _identity(output), _real(output)
    for kept in keep:
        same_file = mine is not None and _identity(expand_user(kept.path)) == mine
        if same_file or _real(kept.path) == real:
            raise InputError(Message("output.kept", output=output, path=kept.path, what=kept.what))


def write_output(
    data: str | bytes,
    output: Path,
    *,
    reads: Iterable[Path] = (),
    keep: Iterable[Kept] = (),
) -> None:
    """Write ``data`` (text as UTF-8) to ``output``, as the module docstring says."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    output = expand_user(output)
    check_not_read(output, reads)
    check_kept(output, keep)
    try:
        info = output.stat()  # follows links, also the kernel's own (/proc/self/fd/1)
    except (FileNotFoundError, NotADirectoryError):
        info = None  # a new file (whether its folder is usable is checked below)
    except OSError as error:
        raise InputError(
            Message("output.cannot_write", output=output, reason=os_reason(error))
        ) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise InputError(Message("output.folder", output=output))
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_directly(payload, output)
        return
    _replace(payload, Path(os.path.realpath(output)), output)


def _write_directly(payload: bytes, output: Path) -> None:
    try:
        with output.open("wb") as handle:
            handle.write(payload)
    except OSError as error:
        raise InputError(
            Message("output.cannot_write", output=output, reason=os_reason(error))
        ) from None


def _replace(payload: bytes, destination: Path, shown: Path) -> None:
    folder = destination.parent
    if not folder.is_dir():
        code = "output.not_folder" if folder.exists() else "output.no_folder"
        raise InputError(Message(code, folder=folder))
    partial: str | None = None
    try:
        handle, partial = tempfile.mkstemp(prefix=".tt-", suffix=".partial", dir=folder)
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
        if destination.exists():
            os.chmod(partial, stat.S_IMODE(destination.stat().st_mode))
        else:
            os.chmod(partial, 0o666 & ~_umask())
        os.replace(partial, destination)
        partial = None
    except OSError as error:
        raise InputError(
            Message("output.cannot_write", output=shown, reason=os_reason(error))
        ) from None
    finally:
        if partial is not None:
            with contextlib.suppress(OSError):
                os.unlink(partial)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
