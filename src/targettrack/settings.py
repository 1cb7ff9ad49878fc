"""Every setting that comes from the environment, read in one place, once per invocation.

The command line reads the environment into one ``Settings`` when a command starts and hands
what each part needs down as plain values (a path, a timeout, a folder); the catalogue, the
store and the core never read environment variables themselves. Defaults that depend on the
machine (the data and cache folders) are worked out here too, with platformdirs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from targettrack.errors import InputError, StorageError, echo, expand_user
from targettrack.messages import LANGS, Message

ENV_DB = "TARGETTRACK_DB"
ENV_TARGETS = "TARGETTRACK_TARGETS"
ENV_REGION = "TARGETTRACK_REGION"
ENV_LANG = "TARGETTRACK_LANG"
ENV_CACHE = "TARGETTRACK_CACHE"
ENV_BUSY_TIMEOUT = "TARGETTRACK_BUSY_TIMEOUT"
ENV_DEBUG = "TARGETTRACK_DEBUG"
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

DEFAULT_BUSY_TIMEOUT = 10.0
MAX_BUSY_TIMEOUT = 86400.0


class Settings(NamedTuple):
    """The environment as targettrack reads it; ``None`` where a variable is not set."""

    db: str | None = None
    targets: str | None = None
    region: str | None = None
    lang: str | None = None
    locale: str = ""  # the first of LC_ALL, LC_MESSAGES, LANG that is set
    cache: str | None = None
    busy_timeout: str | None = None
    debug: bool = False

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        locale = next((env[v] for v in _LOCALE_VARIABLES if env.get(v)), "")
        return cls(
            db=env.get(ENV_DB),
            targets=env.get(ENV_TARGETS),
            region=env.get(ENV_REGION) or None,
            lang=env.get(ENV_LANG),
            locale=locale,
            cache=env.get(ENV_CACHE),
            busy_timeout=env.get(ENV_BUSY_TIMEOUT),
            debug=bool(env.get(ENV_DEBUG)),
        )

    def default_lang(self) -> str:
        """TARGETTRACK_LANG, else Chinese where the locale is Chinese, else English."""
        if self.lang is not None:
            chosen = self.lang.strip().lower()
            if chosen in LANGS:
                return chosen
            raise InputError(Message("setting.bad_lang", variable=ENV_LANG, value=echo(self.lang)))
        return "zh" if self.locale.lower().startswith("zh") else "en"

    def timeout(self) -> float:
        """Seconds a command waits for a busy database: TARGETTRACK_BUSY_TIMEOUT, 0 to 86400."""
        raw = self.busy_timeout
        if raw is None or not raw.strip():
            return DEFAULT_BUSY_TIMEOUT
        try:
            seconds = float(raw)
        except ValueError:
            seconds = float("nan")
        if not 0 <= seconds <= MAX_BUSY_TIMEOUT:  # also false for nan
            raise StorageError(
                Message("setting.bad_timeout", variable=ENV_BUSY_TIMEOUT, value=echo(raw))
            )
        return seconds

    def database(self, given: str | None = None) -> str:
        """The database to use: ``--db`` as given, else TARGETTRACK_DB, else the default file
        in the user's data folder."""
        if given is not None:
            if not given.strip():
                raise InputError(Message("setting.empty_option", option="--db"))
            return given
        if self.db is not None:
            if not self.db.strip():
                raise StorageError(Message("setting.empty_db", variable=ENV_DB))
            return self.db
        import platformdirs

        return str(platformdirs.user_data_path("targettrack") / "targettrack.db")

    def catalogue_path(self, given: str | None = None) -> Path | None:
        """The catalogue to use: ``--targets``, else TARGETTRACK_TARGETS; None: the bundled one."""
        from targettrack.errors import CatalogueError

        if given is not None:
            if not given.strip():
                raise InputError(Message("setting.empty_option", option="--targets"))
            return expand_user(given)
        if self.targets is not None:
            if not self.targets.strip():
                raise CatalogueError(Message("setting.empty_variable", variable=ENV_TARGETS))
            return expand_user(self.targets)
        return None

    def cache_folder(self) -> Path | None:
        """Where validated catalogues are cached; None when TARGETTRACK_CACHE is empty."""
        if self.cache is not None:
            return expand_user(self.cache) if self.cache else None
        import platformdirs

        return platformdirs.user_cache_path("targettrack")

    def chosen_region(self, given: str | None = None) -> str | None:
        """The region asked for: ``--region``, else TARGETTRACK_REGION."""
        return given if given is not None else self.region
