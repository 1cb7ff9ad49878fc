"""The cache of validated catalogues: one file per catalogue file, safe to read.

A cache file is the digest of the catalogue file it was made from (its exact bytes and the
tool's version), then the catalogue, pickled. Reading it is guarded three ways, because a
cache folder may be shared or set wrongly (``TARGETTRACK_CACHE=/tmp``):

- on systems with file owners, a file that another user owns, or that others may write, is
  not read at all (nor is one in a folder that others may write without the sticky bit);
- the digest at its head is compared before anything else is read, so a stale file is never
  unpickled;
- the unpickler builds only the catalogue's own classes (named tuples and enums of
  ``core.models``, ``decimal.Decimal``) and refuses every other global, so a planted file
  cannot run code: it is ignored, and the catalogue is validated again from its TOML.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import stat
from pathlib import Path
from typing import Any

from targettrack.core import models
from targettrack.core.models import Catalogue

# Bump when the cached classes change shape, so that old caches are rebuilt.
FORMAT = b"11"
_DIGEST_SIZE = 32  # sha256

# The only globals a cached catalogue may name: its own plain data classes.
_ALLOWED = {
    ("decimal", "Decimal"),
    *(
        ("targettrack.core.models", name)
        for name in (
            "Catalogue",
            "Region",
            "Source",
            "Group",
            "Target",
            "Tolerances",
            "Baseline",
            "Kind",
            "Direction",
            "Frequency",
            "Rules",
            "LateReading",
            "PaceRule",
            "Calendar",
            "Contact",
        )
    ),
}


class _OnlyCatalogues(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a catalogue")
        if module == "decimal":
            from decimal import Decimal

            return Decimal
        return getattr(models, name)


def path_for(folder: Path, file: Path) -> Path:
    name = hashlib.sha256(str(file.resolve()).encode()).hexdigest()[:24]
    return folder / f"catalogue-{name}.pickle"


def _trusted(path: Path, handle: io.BufferedReader) -> bool:
    """Whether a cache file may be read: on POSIX, ours and writable by nobody else, in a
    folder that nobody else may swap files in."""
    if not hasattr(os, "getuid"):
        return True  # Windows: the user's own profile folder holds the cache
    uid = os.getuid()
    info = os.fstat(handle.fileno())
    if info.st_uid != uid or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    folder = path.parent.stat()
    shared = folder.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return not (shared and not folder.st_mode & stat.S_ISVTX)


def read(path: Path, digest: bytes) -> Catalogue | None:
    """The cached catalogue, or None when there is none that can be trusted and is current."""
    try:
        with path.open("rb") as handle:
            if not _trusted(path, handle) or handle.read(_DIGEST_SIZE) != digest:
                return None
            stored = _OnlyCatalogues(handle).load()
    except Exception:  # a missing, stale, foreign or unreadable cache is simply rebuilt
        return None
    return stored if isinstance(stored, Catalogue) else None


def write(path: Path, digest: bytes, catalogue: Catalogue) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(digest)
            pickle.dump(catalogue, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except OSError:  # the cache is an optimisation; a read-only home must not stop the tool
        pass
