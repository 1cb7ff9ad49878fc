"""What ``targettrack doctor`` finds: one check per part an office's IT person may ask about.

Each check says what was found and, when something is wrong, what to do. Nothing is written
or changed: the SQLite file is opened read-only, the shared database gets a short connection
timeout, and a folder is only tested for whether it could be written.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import platform
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from targettrack import __version__
from targettrack.errors import TargettrackError, expand_user
from targettrack.messages import Message
from targettrack.settings import ENV_CACHE, ENV_DB, ENV_LANG, ENV_TARGETS, Settings

# The offline bundle's installer leaves this file in the environment it made (sys.prefix).
INSTALL_RECORD = "targettrack-install.json"
# How long the shared database may take to answer, in seconds (libpq counts at least 2).
PG_TIMEOUT = 3
# Every library a command may load (import name, distribution name). Compiled ones fail here
# when a wheel for another platform or Python was installed.
LIBRARIES = (
    ("typer", "typer"),
    ("rich", "rich"),
    ("pydantic", "pydantic"),
    ("pydantic_core", "pydantic-core"),
    ("platformdirs", "platformdirs"),
    ("xlsxwriter", "xlsxwriter"),
    ("openpyxl", "openpyxl"),
    ("jinja2", "jinja2"),
    ("markupsafe", "markupsafe"),
    ("opencc", "opencc"),
    ("docx", "python-docx"),
    ("lxml", "lxml"),
)
# Text the status table writes: Chinese and the verdict symbols.
_SAMPLE = "地区生产总值 ★ √ △ ▼ × · ※"


class Check(NamedTuple):
    ok: bool
    text: Message
    advice: Message | None = None


def diagnose(
    settings: Settings,
    *,
    targets: str | None = None,
    db: str | None = None,
    encoding: str | None = None,
    timeout: int = PG_TIMEOUT,
    lang: str | None = None,
) -> list[Check]:
    """Every check, in the order they are shown. ``settings`` are the environment's,
    ``targets`` and ``db`` the command's options (None: the setting or the default);
    ``encoding`` is the output stream's, ``lang`` the --lang given, if any."""
    steps: list[tuple[str, Callable[[], Check]]] = [
        ("version", _version),
        ("Python", _python),
        ("system", _platform),
        ("console", lambda: _console(encoding)),
        ("language", lambda: _language(settings, lang)),
        ("catalogue", lambda: _catalogue(settings, targets)),
        ("database", lambda: _database(settings, db, timeout)),
        ("cache", lambda: _cache(settings)),
        ("psycopg", _driver),
        ("libraries", _libraries),
    ]
    checks = []
    for topic, step in steps:
        try:
            checks.append(step())
        except TargettrackError as error:  # the user's setting, said in the user's words
            failed = Message("doctor.check_failed", topic=topic, reason=error.text)
            checks.append(Check(False, failed, Message("doctor.check_failed_fix")))
        except Exception as error:  # a diagnosis reports what it could not check, and goes on
            failed = Message("doctor.check_failed", topic=topic, reason=_reason(error))
            checks.append(Check(False, failed, Message("doctor.check_failed_fix")))
    return checks


def _reason(error: BaseException) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text.splitlines()[0]}" if text else type(error).__name__


def _version() -> Check:
    record = Path(sys.prefix) / INSTALL_RECORD
    try:
        installed = json.loads(record.read_text(encoding="utf-8"))
        bundle, when = str(installed["bundle"]), str(installed["installed"])
    except (OSError, ValueError, KeyError, TypeError):
        return Check(True, Message("doctor.version", version=__version__))
    return Check(
        True, Message("doctor.version_bundle", version=__version__, bundle=bundle, installed=when)
    )


def _python() -> Check:
    version = platform.python_version()
    return Check(True, Message("doctor.python", version=version, executable=sys.executable))


def _platform() -> Check:
    system = platform.platform(terse=False)
    return Check(True, Message("doctor.platform", system=system, machine=platform.machine()))


def _console(encoding: str | None) -> Check:
    name = encoding or "?"
    try:
        _SAMPLE.encode(name)
    except (LookupError, UnicodeEncodeError):
        return Check(False, Message("doctor.console_bad", encoding=name), _console_fix())
    return Check(True, Message("doctor.console", encoding=name))


def _console_fix() -> Message:
    return Message("doctor.console_fix")


def _language(settings: Settings, given: str | None = None) -> Check:
    try:
        lang = settings.default_lang()
    except TargettrackError as error:
        return Check(
            False, Message("doctor.language_bad", reason=error.text), Message("doctor.language_fix")
        )
    source = (
        Message("doctor.from_env", variable=ENV_LANG)
        if settings.lang is not None
        else Message("doctor.from_locale")
    )
    if given is not None:  # this run's --lang, over the setting
        lang, source = given, Message("doctor.from_option", option="--lang")
    return Check(
        True, Message("doctor.language", lang=Message(f"doctor.lang_{lang}"), source=source)
    )


def _catalogue(settings: Settings, targets: str | None) -> Check:
    from targettrack.catalogue.loading import BUNDLED, load_regions

    if targets is not None:
        source = Message("doctor.from_option", option="--targets")
    elif settings.targets is not None:
        source = Message("doctor.from_env", variable=ENV_TARGETS)
    else:
        source = Message("doctor.from_bundled")
    path: object = "—"
    try:
        chosen = settings.catalogue_path(targets)
        path = chosen or BUNDLED
        tree = load_regions(chosen, cache=None)
        for ident in tree.ids:
            tree.sets[ident].load_all()
        problems = tree.check_tree()
        if problems:
            raise TargettrackError(problems[0])
    except TargettrackError as error:
        bad = Message("doctor.catalogue_bad", path=path, source=source, reason=error.text)
        return Check(False, bad, Message("doctor.catalogue_fix"))
    if tree.tree:
        text = Message(
            "doctor.catalogue_regions",
            path=path,
            source=source,
            count=len(tree.ids),
            regions=tree.ids,
        )
        return Check(True, text)
    catalogues = tree.sets[tree.ids[0]]
    latest = catalogues.get()
    years = "、".join(str(year) for year in catalogues.years)
    text = Message(
        "doctor.catalogue",
        path=path,
        source=source,
        years=years,
        count=len(latest.targets),
    )
    return Check(True, text)


def _database(settings: Settings, db: str | None, timeout: int) -> Check:
    from targettrack.store import locate

    if db is not None:
        source = Message("doctor.from_option", option="--db")
    elif settings.db is not None:
        source = Message("doctor.from_env", variable=ENV_DB)
    else:
        source = Message("doctor.from_default")
    try:
        location = settings.database(db)
        where = locate(location)
        path = expand_user(where.target) if where.backend == "sqlite" else None
    except TargettrackError as error:
        bad = Message("doctor.db_bad", path="—", source=source, reason=error.text)
        return Check(False, bad, Message("doctor.db_bad_fix"))
    if path is None:
        return _shared(location, source, timeout)
    return _sqlite(path, source)


def _sqlite(path: Path, source: Message) -> Check:
    from targettrack.store.probe import probe_sqlite

    try:
        found = probe_sqlite(path)
    except TargettrackError as error:
        bad = Message("doctor.db_bad", path=path, source=source, reason=error.text)
        return Check(False, bad, Message("doctor.db_bad_fix"))
    if found is None:
        folder = _nearest_folder(path.parent)
        if not folder.is_dir() or not os.access(folder, os.W_OK):
            text = Message("doctor.db_unwritable", path=path, source=source, folder=folder)
            return Check(False, text, Message("doctor.db_place_fix"))
        return Check(True, Message("doctor.db_new", path=path, source=source))
    values = {"path": path, "source": source, "schema": found.schema, "known": found.known}
    if found.schema is not None and found.schema > found.known:
        return Check(False, Message("doctor.db_newer", **values), Message("doctor.db_newer_fix"))
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        return Check(
            False,
            Message("doctor.db_read_only", path=path, source=source),
            Message("doctor.db_place_fix"),
        )
    if found.figures is None:
        return Check(True, Message("doctor.db_empty", path=path, source=source))
    code = "doctor.db" if found.schema == found.known else "doctor.db_older"
    return Check(True, Message(code, figures=found.figures, **values))


def _nearest_folder(folder: Path) -> Path:
    """The folder itself, or the nearest folder above it that exists (where it would be made)."""
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return folder


def _shared(url: str, source: Message, timeout: int) -> Check:
    from targettrack.store.probe import probe_postgres

    where = _safe_location(url)
    if not _installed("psycopg"):
        text = Message("doctor.pg_no_driver", where=where, source=source)
        return Check(False, text, Message("doctor.pg_driver_fix"))
    try:
        found = probe_postgres(url, timeout)
    except TargettrackError as error:
        bad = Message("doctor.pg_bad", where=where, source=source, reason=error.text)
        return Check(False, bad, Message("doctor.pg_bad_fix"))
    role = found.role
    values = {"where": where, "source": source, "role": role}
    if found.schema is None:
        fix = Message("doctor.pg_no_access_fix", role=role)
        return Check(False, Message("doctor.pg_no_access", **values), fix)
    upgrade = Message("doctor.pg_upgrade_fix", where=where)
    if found.schema == 0:
        return Check(False, Message("doctor.pg_not_set_up", **values), upgrade)
    if found.schema < found.known:
        older = Message("doctor.pg_older", schema=found.schema, known=found.known, **values)
        return Check(False, older, upgrade)
    if found.schema > found.known:
        newer = Message("doctor.pg_newer", schema=found.schema, known=found.known, **values)
        return Check(False, newer, Message("doctor.db_newer_fix"))
    if found.superuser:
        access = Message("doctor.access_superuser")
    elif "targettrack_admin" in found.groups:
        access = Message("doctor.access_admin")
    elif found.departments:
        access = Message("doctor.access_departments", departments=list(found.departments))
    elif "targettrack_writer" in found.groups:
        fix = Message("doctor.pg_no_access_fix", role=role)
        return Check(False, Message("doctor.pg_no_department", **values), fix)
    else:
        access = Message("doctor.access_reader")
    text = Message(
        "doctor.pg",
        server=found.server,
        access=access,
        schema=found.schema,
        figures=found.figures,
        **values,
    )
    return Check(True, text)


def _safe_location(url: str) -> str:
    """The URL as it may be shown, without the password (also where psycopg is missing)."""
    if _installed("psycopg"):
        from targettrack.store.postgres import safe_location

        return safe_location(url)
    scheme, _, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}{at}{host}" if at else url


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def _cache(settings: Settings) -> Check:
    folder = settings.cache_folder()
    if folder is None:
        return Check(True, Message("doctor.cache_off", variable=ENV_CACHE))
    if settings.cache is not None:
        source = Message("doctor.from_env", variable=ENV_CACHE)
    else:
        source = Message("doctor.from_default")
    nearest = _nearest_folder(folder)
    if not nearest.is_dir() or not os.access(nearest, os.W_OK):
        text = Message("doctor.cache_unwritable", path=folder, source=source)
        return Check(False, text, Message("doctor.cache_fix", variable=ENV_CACHE))
    return Check(True, Message("doctor.cache", path=folder, source=source))


def _driver() -> Check:
    if not _installed("psycopg"):
        return Check(True, Message("doctor.driver_absent"))
    try:
        import psycopg
    except Exception as error:  # a driver for another platform fails as it loads
        text = Message("doctor.driver_broken", reason=_reason(error))
        return Check(False, text, Message("doctor.pg_driver_fix"))
    return Check(True, Message("doctor.driver", version=psycopg.__version__))


def _libraries() -> Check:
    found, broken, reasons = [], [], []
    for module, distribution in LIBRARIES:
        try:
            importlib.import_module(module)
            found.append(f"{distribution} {metadata.version(distribution)}")
        except Exception as error:  # missing, or compiled for another platform or Python
            broken.append(distribution)
            reasons.append(_reason(error))
    if broken:
        text = Message("doctor.libraries_broken", libraries=broken, reason=reasons[0])
        return Check(False, text, Message("doctor.reinstall_fix"))
    return Check(True, Message("doctor.libraries", libraries=found))
