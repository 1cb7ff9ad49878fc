"""Writing a command's output to a file: whole, then moved into place.

Plain Python, used by the CLI's ``--output``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from targettrack.errors import InputError


def replace_file(output: Path, write: Callable[[Path], object]) -> None:
    """Write through ``write(partial)`` beside ``output``, then rename it into place."""
    output = output.expanduser()
    if output.is_dir():
        raise InputError(f"{output} is a folder; give a file name for --output.")
    if not output.parent.exists():
        raise InputError(f"The folder {output.parent} does not exist; create it or pick another.")
    partial = output.with_name(f".{output.name}.{os.getpid()}.partial")
    try:
        write(partial)
        os.replace(partial, output)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise InputError(f"Cannot write {output} ({error.strerror}); check the path.") from None


def write_output(data: str | bytes, output: Path) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    replace_file(output, lambda tmp: tmp.write_bytes(payload))
