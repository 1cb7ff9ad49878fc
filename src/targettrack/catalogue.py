"""Find, read and validate the targets catalogue, with a cache of validated catalogues.

Where the catalogue comes from: ``--targets PATH`` (a file or a folder of ``YEAR.toml``
files), else ``TARGETTRACK_TARGETS``, else the catalogue bundled with the package.

A validated catalogue is pickled into the user's cache folder, keyed by the exact bytes of its
files and the tool's version; a command that finds it there never imports pydantic or parses
TOML. Any change to a file, or a new version of the tool, makes the cache miss.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from pathlib import Path

from targettrack import __version__
from targettrack.errors import CatalogueError
from targettrack.models import CatalogueSet

BUNDLED = Path(__file__).parent / "targets"
ENV_TARGETS = "TARGETTRACK_TARGETS"
ENV_CACHE = "TARGETTRACK_CACHE"
# Bump when the pickled classes change shape, so that old caches are rebuilt.
_CACHE_FORMAT = b"2"
_YEAR_FILE = re.compile(r"^(\d{4})\.toml$")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def catalogue_source(path: str | Path | None = None) -> Path:
    if path is not None and str(path) != "":
        return Path(path).expanduser()
    env = os.environ.get(ENV_TARGETS)
    if env:
        return Path(env).expanduser()
    return BUNDLED


def _files(source: Path) -> list[Path]:
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if _YEAR_FILE.match(p.name))
        if not files:
            raise CatalogueError(
                f"{source}: the folder holds no YEAR.toml files (such as 2023.toml); "
                "put the targets of each year in a file named for the year."
            )
        return files
    if not source.exists():
        raise CatalogueError(
            f"{source}: no such targets file or folder; check the path given to --targets "
            f"or {ENV_TARGETS}."
        )
    return [source]


def _cache_dir() -> Path | None:
    env = os.environ.get(ENV_CACHE)
    if env is not None:
        return Path(env) if env else None
    import platformdirs

    return platformdirs.user_cache_path("targettrack")


def _cache_file(files: list[Path]) -> Path | None:
    folder = _cache_dir()
    if folder is None:
        return None
    names = "\0".join(str(p.resolve()) for p in files)
    return folder / f"catalogue-{hashlib.sha256(names.encode()).hexdigest()[:24]}.pickle"


def _read_cache(cache: Path | None, digest: str) -> CatalogueSet | None:
    if cache is None:
        return None
    try:
        with cache.open("rb") as handle:
            stored_digest, stored = pickle.load(handle)
    except Exception:  # a missing, stale or unreadable cache is simply rebuilt
        return None
    if stored_digest == digest and isinstance(stored, CatalogueSet):
        return stored
    return None


def _write_cache(cache: Path | None, digest: str, catalogues: CatalogueSet) -> None:
    if cache is None:
        return
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            pickle.dump((digest, catalogues), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, cache)
    except OSError:  # the cache is an optimisation; a read-only home must not stop the tool
        pass


def load_catalogues(path: str | Path | None = None, *, use_cache: bool = True) -> CatalogueSet:
    """Load every year of the catalogue at ``path`` (or the default source)."""
    source = catalogue_source(path)
    files = _files(source)
    contents: list[bytes] = []
    for file in files:
        try:
            contents.append(file.read_bytes())
        except OSError as error:
            raise CatalogueError(
                f"{file}: cannot be read ({error.strerror}); check the path and its permissions."
            ) from None
    hasher = hashlib.sha256(__version__.encode() + b"\0" + _CACHE_FORMAT)
    for file, content in zip(files, contents, strict=True):
        hasher.update(file.name.encode() + b"\0" + content + b"\0")
    digest = hasher.hexdigest()

    cache = _cache_file(files) if use_cache else None
    cached = _read_cache(cache, digest)
    if cached is not None:
        return cached
    catalogues = _parse(source, files, contents)
    _write_cache(cache, digest, catalogues)
    return catalogues


def _parse(source: Path, files: list[Path], contents: list[bytes]) -> CatalogueSet:
    import tomllib
    from decimal import Decimal

    from targettrack.models import Catalogue
    from targettrack.schema import build_catalogue

    problems: list[str] = []
    years: dict[int, Catalogue] = {}
    for file, content in zip(files, contents, strict=True):
        try:
            data = tomllib.loads(content.decode("utf-8-sig"), parse_float=Decimal)
        except UnicodeDecodeError:
            problems.append(f"{file}: is not UTF-8 text; save it as UTF-8.")
            continue
        except tomllib.TOMLDecodeError as error:
            problems.append(f"{file}: {_toml_message(error)}")
            continue
        catalogue, file_problems = build_catalogue(data)
        problems.extend(f"{file}: {line}" for line in file_problems)
        if catalogue is None:
            continue
        named = _YEAR_FILE.match(file.name)
        if named and int(named.group(1)) != catalogue.year:
            problems.append(
                f"{file}: year: the file is named for {named.group(1)} but says "
                f"year = {catalogue.year}; make the two agree."
            )
        elif catalogue.year in years:
            problems.append(f"{file}: year: another file already holds {catalogue.year}.")
        else:
            years[catalogue.year] = catalogue
    if problems:
        count = len(problems)
        summary = f"{source}: the catalogue has {count} problem{'s' if count > 1 else ''}."
        raise CatalogueError(summary, problems)
    return CatalogueSet(origin=str(source), years=years)


def _toml_message(error: Exception) -> str:
    text = str(error)
    position = _TOML_POSITION.search(text)
    reason = _TOML_POSITION.sub("", text).strip().rstrip(".")
    if position:
        line, column = position.groups()
        return f"line {line}, column {column}: TOML syntax error: {reason.lower()}."
    return f"TOML syntax error: {reason.lower()}."
