"""Settings read once from the environment, the database setting refused when unclear, the
cache that cannot be planted, and the one context a command runs in."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from targettrack.catalogue.loading import load_catalogues
from targettrack.context import Context
from targettrack.errors import InputError, StorageError
from targettrack.settings import Settings
from targettrack.store import database_files, locate
from tests.conftest import BUNDLED, Run, dump

# -- settings ------------------------------------------------------------------------------------


def test_settings_are_read_from_the_environment_given() -> None:
    settings = Settings.from_environment(
        {
            "TARGETTRACK_DB": "/data/tt.db",
            "TARGETTRACK_LANG": "ZH ",
            "LANG": "en_US.UTF-8",
            "TARGETTRACK_BUSY_TIMEOUT": "2.5",
            "TARGETTRACK_REGION": "",
        }
    )
    assert settings.database() == "/data/tt.db" and settings.database("x.db") == "x.db"
    assert settings.default_lang() == "zh" and settings.timeout() == 2.5
    assert settings.region is None  # empty means unset
    assert Settings.from_environment({"LC_ALL": "zh_TW.UTF-8"}).default_lang() == "zh"
    assert Settings.from_environment({}).default_lang() == "en"
    with pytest.raises(InputError):
        Settings.from_environment({"TARGETTRACK_LANG": "fr"}).default_lang()
    for bad in ("-1", "nan", "86401", "soon"):
        with pytest.raises(StorageError):
            Settings.from_environment({"TARGETTRACK_BUSY_TIMEOUT": bad}).timeout()
    assert Settings.from_environment({"TARGETTRACK_CACHE": ""}).cache_folder() is None


def test_a_context_writes_to_its_own_streams_in_its_language() -> None:
    out, err = io.StringIO(), io.StringIO()
    context = Context(Settings(lang="zh"), out, err, given_width=50)
    from targettrack.messages import Message

    context.out(Message("output.wrote", path="a.csv"))
    context.warn(["小心"])
    assert out.getvalue() == "已写入 a.csv。\n" and err.getvalue().startswith("提示：小心")
    assert context.width == 50 and context.lang == "zh"
    assert Context(Settings(lang="fr")).message_lang == "en"  # the bad setting is said in English


# -- the database setting ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "backend", "target"),
    [
        ("data/tt.db", "sqlite", "data/tt.db"),
        ("C:\\\\数据\\\\tt.db", "sqlite", "C:\\\\数据\\\\tt.db"),  # a Windows drive is no scheme
        ("sqlite:data/tt.db", "sqlite", "data/tt.db"),
        ("sqlite:///data/tt.db", "sqlite", "data/tt.db"),
        (
            "postgresql://clerk@db.local/targets",
            "postgresql",
            "postgresql://clerk@db.local/targets",
        ),
        ("postgres://clerk@db.local/targets", "postgres", "postgres://clerk@db.local/targets"),
    ],
)
def test_the_setting_names_its_backend(setting: str, backend: str, target: str) -> None:
    assert locate(setting) == (backend, target)


@pytest.mark.parametrize(
    "setting",
    [
        "POSTGRESQL://clerk@db.local/targets",
        "postgresql:/clerk@db.local/targets",
        "postgresql:",
        "mysql://clerk@db.local/targets",
        " postgresql://clerk@db.local/targets",
        "tt.db ",
        ":memory:",
        "file:tt.db?mode=memory",
        "sqlite://tt.db",
    ],
)
def test_an_unclear_setting_is_refused_and_no_file_is_made(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["record", "fdi", "1", "--period", "2023-06", "--db", setting])
    assert result.exit_code == 1 and result.stdout == ""
    assert "postgresql://USER@HOST/DBNAME" in result.stderr, result.stderr
    assert list(tmp_path.iterdir()) == [tmp_path / "cache"] or not list(tmp_path.iterdir())


def test_a_home_of_no_such_user_is_one_sentence(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TARGETTRACK_DB", "~nosuchuser_tt/x.db")
    result = run("record fdi 1 --period 2023-06")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.count("\n") == 1 and "~nosuchuser_tt/x.db" in result.stderr


def test_an_output_never_replaces_the_configured_database(run: Run, db_path: Path) -> None:
    assert run("record fdi 1 --period 2023-06").exit_code == 0
    before = dump(db_path)
    for name in (str(db_path), f"{db_path}-wal"):
        refused = run(["template", "--period", "2023-06", "-o", name])
        assert refused.exit_code == 1 and "which this command reads" in refused.stderr
    assert dump(db_path) == before
    assert set(database_files(db_path)) >= {db_path, Path(f"{db_path}-journal")}


# -- the catalogue cache -------------------------------------------------------------------------


class _Planted:
    """A pickle that, when loaded, writes a marker file: what an attacker would plant."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_cache_file_runs_nothing_and_is_rebuilt(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_catalogues(BUNDLED, cache=cache).get(2023)
    (cached,) = cache.glob("catalogue-*.pickle")
    digest = cached.read_bytes()[:32]  # the head says which catalogue it is for
    marker = tmp_path / "ran"
    cached.write_bytes(digest + pickle.dumps(_Planted(marker)))
    catalogue = load_catalogues(BUNDLED, cache=cache).get(2023)
    assert not marker.exists() and len(catalogue.targets) == 28
    assert cached.read_bytes() != digest + pickle.dumps(_Planted(marker))  # written anew


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
def test_a_cache_file_of_another_user_or_writable_by_others_is_not_read(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_catalogues(BUNDLED, cache=cache).get(2023)
    (cached,) = cache.glob("catalogue-*.pickle")
    os.chmod(cached, 0o666)
    code = (
        "import sys; sys.modules.pop('pydantic', None)\n"
        "from pathlib import Path\n"
        "from targettrack.catalogue.loading import load_catalogues\n"
        f"load_catalogues({str(BUNDLED)!r}, cache=Path({str(cache)!r})).get()\n"
        "print('targettrack.catalogue.schema' in sys.modules)"
    )
    rebuilt = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert rebuilt.stdout.strip() == "True"  # not trusted: validated again from the TOML
    os.chmod(cached, 0o600)
    trusted = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert trusted.stdout.strip() == "False"
    os.chown(cached, 65534, 65534)
    foreign = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert foreign.stdout.strip() == "True"
