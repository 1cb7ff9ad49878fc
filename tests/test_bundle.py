"""The offline install bundles: built by scripts/bundle.py, installed with no network at all,
complete for the platforms that cannot be tried here, and scripts that Windows can read.

The bundles are built once per session from the wheel cache (scripts/bundle.py --offline), and
from PyPI into that cache when it lacks something. Where neither works (no network, no cache),
or ``unshare`` cannot make a network namespace (not root), the tests skip, saying why, unless
TARGETTRACK_TEST_BUNDLE=required (as in CI), where they fail instead.
"""

from __future__ import annotations

import ast
import email.parser
import json
import ntpath
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename
from scripts import bundle as builder

from targettrack import __version__
from tests.conftest import REPO

pytestmark = pytest.mark.bundle
REQUIRED = "TARGETTRACK_TEST_BUNDLE"  # "required": what cannot run fails, not skips
PLATFORMS = ("linux_aarch64", "linux_x86_64", "win_amd64")
PYTHON = f"{sys.version_info[0]}.{sys.version_info[1]}"


def _unavailable(reason: str) -> None:
    if os.environ.get(REQUIRED) == "required":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every platform's bundle, for Python 3.11 to 3.13, as a user receives it."""
    out = tmp_path_factory.mktemp("bundles")
    cache = builder.default_cache()
    started = time.perf_counter()
    try:
        made = builder.build(PLATFORMS, builder.PYTHONS, out, cache=cache, index=None)
        how = "from the cache"
    except builder.BuildError:
        try:
            made = builder.build(PLATFORMS, builder.PYTHONS, out, cache=cache)
            how = "from PyPI"
        except builder.BuildError as error:
            _unavailable(f"cannot build the bundles (no cache at {cache}, no PyPI?): {error}")
    sys.stderr.write(f"\nbundles built {how} in {time.perf_counter() - started:.1f} s\n")
    return {path.name.rsplit("-", 1)[1].removesuffix(".zip"): path for path in made}


def _unpack(archive: Path, into: Path) -> Path:
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(into)
        for info in opened.infolist():  # zipfile does not restore the modes
            mode = info.external_attr >> 16
            if mode:
                (into / info.filename).chmod(mode)
    (top,) = into.iterdir()
    return top


def _manifest(folder: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((folder / "bundle.json").read_text(encoding="utf-8"))
    return loaded


def test_each_bundle_is_named_for_its_version_and_platform_and_under_80_mb(
    bundles: dict[str, Path],
) -> None:
    assert sorted(bundles) == sorted(PLATFORMS)
    sizes = {}
    for platform, path in bundles.items():
        assert path.name == f"targettrack-{__version__}-{platform}.zip"
        sizes[platform] = path.stat().st_size
        assert sizes[platform] < 80_000_000, (path.name, sizes[platform])
        with zipfile.ZipFile(path) as opened:
            tops = {name.split("/")[0] for name in opened.namelist()}
            manifest = json.loads(opened.read(f"{path.stem}/bundle.json"))
        assert tops == {path.stem}
        with zipfile.ZipFile(path) as opened:  # names in UTF-8, and the zip says so
            guide = opened.getinfo(f"{path.stem}/安装说明.txt")
        assert guide.flag_bits & 0x800
        assert (manifest["name"], manifest["version"], manifest["platform"]) == (
            path.stem,
            __version__,
            platform,
        )
        assert manifest["pythons"] == ["3.11", "3.12", "3.13"]
    sys.stderr.write(f"\nbundle sizes: {json.dumps(sizes)}\n")


def test_a_bundle_for_some_pythons_says_which_in_its_name() -> None:
    platform = builder.PLATFORMS["win_amd64"]
    assert builder.bundle_name("0.2.0", platform, ["3.11"]) == "targettrack-0.2.0-win_amd64-py311"
    assert builder.bundle_name("0.2.0", platform, ["3.13", "3.11", "3.12"]) == (
        "targettrack-0.2.0-win_amd64"
    )


# -- installed with no network at all -----------------------------------------------------------


@pytest.fixture(scope="session")
def unshare() -> str:
    found = shutil.which("unshare")
    if found is None:
        _unavailable("no unshare (util-linux) on this machine")
    assert found is not None
    trial = subprocess.run([found, "-n", "true"], capture_output=True, text=True, check=False)
    if trial.returncode != 0:
        _unavailable(f"unshare -n cannot make a network namespace: {trial.stderr.strip()}")
    return found


def _offline(
    unshare: str, command: list[str], env: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    """``command`` inside a new network namespace: no interface but a loopback that is down."""
    return subprocess.run(
        [unshare, "-n", "--", *command],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _desktop_user(home: Path) -> dict[str, str]:
    """An office user's environment: a Chinese home folder, a Chinese locale, and none of the
    test session's settings (the data folder is the platform's own)."""
    home.mkdir(parents=True)
    keep = {"PATH", "SYSTEMROOT", "TZ"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        HOME=str(home),
        LANG="zh_CN.UTF-8",
        COLUMNS="160",
        # the Python a desktop has: the interpreter the suite runs on, outside its venv
        TARGETTRACK_PYTHON=os.path.realpath(sys.executable),
    )
    return env


def test_the_linux_bundle_installs_and_works_with_no_network(
    bundles: dict[str, Path], unshare: str, tmp_path: Path
) -> None:
    folder = _unpack(bundles["linux_x86_64"], tmp_path / "离线 安装包")
    home = tmp_path / "home" / "张三"
    env = _desktop_user(home)

    interfaces = _offline(
        unshare, [sys.executable, "-c", "import socket; print(socket.if_nameindex())"], env, home
    )
    assert interfaces.stdout.strip() == "[(1, 'lo')]", interfaces  # no network at all

    started = time.perf_counter()
    installed = _offline(unshare, ["sh", "install.sh"], env, folder)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    targettrack = str(folder / "venv" / "bin" / "targettrack")
    recorded = _offline(
        unshare, [targettrack, "record", "外资", "1300万美元", "--period", "2023年1-6月"], env, home
    )
    status = _offline(unshare, [targettrack, "status"], env, home)
    took = time.perf_counter() - started
    sys.stderr.write(f"\noffline install and first status: {took:.1f} s\n")
    assert "安装完成：targettrack " + __version__ in installed.stdout
    assert "未安装 PostgreSQL 驱动" in installed.stdout
    assert recorded.returncode == 0, recorded.stderr
    assert status.returncode == 0, status.stderr
    fdi = next(line for line in status.stdout.splitlines() if "实际利用外资" in line)
    assert "1,300" in fdi and "√ 符合进度" in fdi

    data = home / ".local" / "share" / "targettrack" / "targettrack.db"
    assert data.is_file()  # the platform's data folder, under a Chinese user name
    for output in ("完成情况表.xlsx", "完成情况表.csv"):
        exported = _offline(unshare, [targettrack, "export", "--output", output], env, home)
        assert exported.returncode == 0, exported.stderr
    assert (home / "完成情况表.xlsx").read_bytes()[:2] == b"PK"
    csv_text = (home / "完成情况表.csv").read_text(encoding="utf-8-sig")
    assert "实际利用外资" in csv_text and "1300" in csv_text

    doctor = _offline(unshare, [targettrack, "doctor"], env, home)
    assert doctor.returncode == 0, doctor.stdout
    assert f"由离线安装包 targettrack-{__version__}-linux_x86_64 于 " in doctor.stdout
    from targettrack.store.sqlite import SCHEMA_VERSION

    assert f"数据库：{data}（默认位置），结构第{SCHEMA_VERSION}版，已存1条数据" in doctor.stdout
    assert "[正常] PostgreSQL 驱动：未安装（只有连接共享数据库时需要）" in doctor.stdout
    shared = _offline(unshare, [targettrack, "doctor", "--db", "postgresql://u@db/x"], env, home)
    assert shared.returncode == 1
    assert "需要 PostgreSQL 驱动 psycopg，但未安装" in shared.stdout
    assert "install.bat --postgres 或 sh install.sh --postgres" in shared.stdout

    # installed again with the driver: a new environment, the figures kept
    again = _offline(unshare, ["sh", "install.sh", "--postgres", "--lang", "en"], env, folder)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "The PostgreSQL driver is included" in again.stdout
    kept = _offline(unshare, [targettrack, "status", "--format", "json"], env, home)
    assert next(r for r in json.loads(kept.stdout) if r["id"] == "fdi")["actual"] == 1300
    driver = _offline(unshare, [targettrack, "doctor", "--lang", "en"], env, home)
    assert "[ok] PostgreSQL driver: psycopg " in driver.stdout

    env["SHELL"] = "/bin/sh"  # the console: a shell in the home folder, targettrack on its path
    console = subprocess.run(
        ["sh", str(folder / "targettrack-console.sh")],
        env=env,
        cwd=tmp_path,
        input="targettrack targets --lang zh\necho HOME=$PWD\nexit\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert console.returncode == 0, console.stderr
    assert console.stdout.startswith(f"targettrack {__version__}\n")
    assert "地区生产总值" in console.stdout and f"HOME={home}" in console.stdout
    desktop = (folder / "targettrack.desktop").read_text(encoding="utf-8")
    assert f'Exec=sh "{folder}/targettrack-console.sh"' in desktop
    assert "Terminal=true" in desktop


def test_the_console_script_says_to_install_first(bundles: dict[str, Path], tmp_path: Path) -> None:
    folder = _unpack(bundles["linux_x86_64"], tmp_path / "包")
    before = subprocess.run(
        ["sh", "targettrack-console.sh"],
        env=_desktop_user(tmp_path / "用户"),
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert before.returncode == 1 and "请先运行 sh install.sh" in before.stderr


# -- what install.py refuses, before changing anything ------------------------------------------


@pytest.fixture
def linux_folder(bundles: dict[str, Path], tmp_path: Path) -> Path:
    return _unpack(bundles["linux_x86_64"], tmp_path / "bundle")


def _install_py(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(folder / "install.py"), "--lang", "en", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "TARGETTRACK_PYTHON"},
    )


def test_a_bundle_for_another_platform_says_which_to_take(
    bundles: dict[str, Path], tmp_path: Path
) -> None:
    folder = _unpack(bundles["win_amd64"], tmp_path / "w")
    refused = _install_py(folder)
    assert refused.returncode == 1
    assert (
        "This bundle is for Windows x86-64 (64-bit), and this computer is Linux x86-64; take "
        f"the bundle for it (targettrack-{__version__}-win_amd64.zip, "
    ) in refused.stderr
    assert not (folder / "venv").exists()


def test_a_damaged_wheel_stops_the_install_before_anything_is_made(linux_folder: Path) -> None:
    wheel = next((linux_folder / "wheels").glob("rich-*.whl"))
    data = bytearray(wheel.read_bytes())
    data[len(data) // 2] ^= 0xFF
    wheel.write_bytes(bytes(data))
    refused = _install_py(linux_folder)
    assert refused.returncode == 1
    assert f"The bundle's file wheels/{wheel.name} is damaged or missing" in refused.stderr
    assert not (linux_folder / "venv").exists()


def test_a_python_the_bundle_has_no_wheels_for_is_named(linux_folder: Path) -> None:
    manifest = _manifest(linux_folder)
    manifest["pythons"] = [p for p in manifest["pythons"] if p != PYTHON]
    (linux_folder / "bundle.json").write_text(json.dumps(manifest), encoding="utf-8")
    refused = _install_py(linux_folder, "--python", sys.executable)
    assert refused.returncode == 1
    others = ", ".join(manifest["pythons"])
    assert f"No Python this bundle fits: it needs a Linux x86-64 Python {others}." in (
        refused.stderr
    )
    assert f"Found: Python {PYTHON} ({sys.executable})." in refused.stderr
    assert not (linux_folder / "venv").exists()


def test_a_venv_folder_that_is_not_ours_is_left_alone(linux_folder: Path) -> None:
    mine = linux_folder / "venv" / "报告.docx"
    mine.parent.mkdir()
    mine.write_bytes(b"someone's file")
    refused = _install_py(linux_folder)
    assert refused.returncode == 1 and "is not a virtual environment targettrack made" in (
        refused.stderr
    )
    assert mine.read_bytes() == b"someone's file"


def test_install_sh_without_any_python_says_what_is_needed(
    linux_folder: Path, tmp_path: Path
) -> None:
    tools = tmp_path / "bin"  # a PATH with the tools the script uses, and no python
    tools.mkdir()
    for tool in ("dirname", "cat"):
        (tools / tool).symlink_to(shutil.which(tool) or tool)
    for shell in ("/bin/sh", shutil.which("bash") or "/bin/bash"):
        done = subprocess.run(
            [shell, "install.sh"],
            cwd=linux_folder,
            env={"PATH": str(tools), "HOME": str(tmp_path)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 1
        assert done.stderr.startswith("没有找到 Python 3。本安装包需要 Python 3.11、3.12、3.13")
        assert "No Python 3 found. This bundle needs Python 3.11, 3.12, 3.13" in done.stderr


def test_the_linux_scripts_are_posix_shell(linux_folder: Path) -> None:
    for script in ("install.sh", "targettrack-console.sh"):
        path = linux_folder / script
        assert path.stat().st_mode & 0o111, script
        assert path.read_bytes().startswith(b"#!/bin/sh\n") and b"\r" not in path.read_bytes()
        for shell in ("dash", "bash"):
            found = shutil.which(shell)
            if found:
                checked = subprocess.run([found, "-n", str(path)], capture_output=True, text=True)
                assert checked.returncode == 0, (shell, script, checked.stderr)
    assert "bash" not in (linux_folder / "install.sh").read_text(encoding="utf-8").splitlines()[0]


# -- the platforms that cannot be tried here ----------------------------------------------------


@pytest.fixture(scope="session")
def unpacked(bundles: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {name: _unpack(path, tmp_path_factory.mktemp(name)) for name, path in bundles.items()}


def _locked(lock: Path) -> dict[str, str]:
    found = re.findall(r"^(\S+)==(\S+) \\$", lock.read_text(encoding="utf-8"), re.M)
    return {canonicalize_name(name): version for name, version in found}


@pytest.mark.parametrize("python", ["3.11", "3.12", "3.13"])
@pytest.mark.parametrize("platform", PLATFORMS)
def test_pip_installs_each_bundle_for_its_platform_with_no_index(
    unpacked: dict[str, Path], tmp_path: Path, platform: str, python: str
) -> None:
    folder = unpacked[platform]
    nodot = python.replace(".", "")
    tags = [a for tag in builder.PLATFORMS[platform].tags for a in ("--platform", tag)]
    report = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
         "--no-index", "--find-links", str(folder / "wheels"), "--only-binary=:all:", *tags,
         "--python-version", python, "--implementation", "cp", "--abi", f"cp{nodot}",
         "--target", str(tmp_path / "target"), "--require-hashes",
         "-r", str(folder / "lock" / f"py{nodot}.txt"),
         "-r", str(folder / "lock" / f"py{nodot}-postgres.txt"),
         "--report", str(report), "--quiet"],
        env=builder.pip_environment(),
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    chosen = {
        canonicalize_name(item["metadata"]["name"]): item["metadata"]["version"]
        for item in json.loads(report.read_text(encoding="utf-8"))["install"]
    }
    base = _locked(folder / "lock" / f"py{nodot}.txt")
    postgres = _locked(folder / "lock" / f"py{nodot}-postgres.txt")
    assert chosen == base | postgres
    assert {"targettrack", "pip", "pydantic-core", "opencc"} <= set(base)
    assert {"psycopg", "psycopg-binary"} <= set(postgres) and not set(base) & set(postgres)


def _environment(platform: str, python: str) -> dict[str, str]:
    """The target's environment markers, written out here rather than taken from the builder."""
    windows = platform == "win_amd64"
    return {
        "os_name": "nt" if windows else "posix",
        "sys_platform": "win32" if windows else "linux",
        "platform_system": "Windows" if windows else "Linux",
        "platform_machine": {"win_amd64": "AMD64", "linux_x86_64": "x86_64"}.get(
            platform, "aarch64"
        ),
        "platform_release": "",
        "platform_version": "",
        "implementation_name": "cpython",
        "implementation_version": f"{python}.0",
        "platform_python_implementation": "CPython",
        "python_version": python,
        "python_full_version": f"{python}.0",
    }


@pytest.mark.parametrize("platform", PLATFORMS)
def test_every_requirement_under_the_target_platforms_markers_is_in_the_bundle(
    unpacked: dict[str, Path], platform: str
) -> None:
    """pip on Linux reads markers for Linux; on Windows, typer needs colorama and psycopg
    needs tzdata. Each locked wheel's own metadata, read under the target's markers, must find
    every requirement locked, in a version it accepts."""
    folder = unpacked[platform]
    for python in ("3.11", "3.12", "3.13"):
        nodot = python.replace(".", "")
        locked = _locked(folder / "lock" / f"py{nodot}.txt") | _locked(
            folder / "lock" / f"py{nodot}-postgres.txt"
        )
        environment = _environment(platform, python)
        files = {}
        for wheel in (folder / "wheels").glob("*.whl"):
            name, version, _, tags = parse_wheel_filename(wheel.name)
            fits = any(t.interpreter in ("py3", "py2", f"cp{nodot}") for t in tags)
            if locked.get(name) == str(version) and fits:
                files[name] = wheel
        assert sorted(files) == sorted(locked)
        for name, wheel in files.items():
            with zipfile.ZipFile(wheel) as opened:
                meta = next(n for n in opened.namelist() if n.endswith(".dist-info/METADATA"))
                headers = email.parser.BytesHeaderParser().parsebytes(opened.read(meta))
            extras = {"targettrack": "postgres", "psycopg": "binary"}.get(name, "")
            for line in headers.get_all("Requires-Dist") or []:
                requirement = Requirement(line)
                marker = requirement.marker
                if marker and not marker.evaluate({**environment, "extra": extras}):
                    continue
                dependency = canonicalize_name(requirement.name)
                assert dependency in locked, (platform, python, name, line)
                assert requirement.specifier.contains(locked[dependency], prereleases=True)
        windows_only = {"colorama", "tzdata"} & set(locked)
        assert windows_only == ({"colorama", "tzdata"} if platform == "win_amd64" else set())


# -- scripts Windows can read -------------------------------------------------------------------


def test_the_windows_scripts_are_ascii_crlf_with_every_path_quoted(
    unpacked: dict[str, Path],
) -> None:
    folder = unpacked["win_amd64"]
    for script in ("install.bat", "targettrack-console.bat"):
        data = (folder / script).read_bytes()
        assert data.isascii(), script  # cmd.exe reads a .bat in the console's code page
        assert data.count(b"\n") == data.count(b"\r\n") > 5, script
        text = data.decode("ascii")
        quoted = [m.span() for m in re.finditer(r'"[^"\r\n]*"', text)]
        for variable in re.finditer(r"%~dp0|%TARGETTRACK_PYTHON%|%USERPROFILE%", text):
            at = variable.start()
            inside = any(start < at < end for start, end in quoted)
            line = text[:at].count("\n") + 1
            assert inside, f"{script}:{line}: an unquoted path"
        for named in re.findall(r'"%~dp0([^"%]+)"', text):
            if named.startswith("venv"):  # made by the install
                continue
            assert (folder / ntpath.normpath(named).replace("\\", "/")).exists(), named
    for message in ("no-python.txt", "not-installed.txt", "console.txt"):
        data = (folder / "support" / message).read_bytes()
        assert data.count(b"\n") == data.count(b"\r\n")
        assert re.search("[\u4e00-\u9fff]", data.decode("gbk")), message  # GBK, code page 936
    guide = (folder / "安装说明.txt").read_bytes()
    assert guide.startswith(b"\xef\xbb\xbf")  # Notepad opens UTF-8 with a BOM on any Windows
    assert guide.count(b"\n") == guide.count(b"\r\n")
    text = guide.decode("utf-8-sig")
    assert f"{folder.name}.zip" in text and "install.bat --postgres" in text


def test_the_windows_data_folder_in_the_guides_is_the_one_platformdirs_gives(
    unpacked: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from platformdirs.windows import Windows

    local = "C:\\Users\\张三\\AppData\\Local"
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", local)
    data = ntpath.normpath(Windows(appname="targettrack").user_data_dir)
    assert data == f"{local}\\targettrack\\targettrack"
    written = data.replace(local, "%LOCALAPPDATA%") + "\\targettrack.db"
    bundled = (unpacked["win_amd64"] / "安装说明.txt").read_text(encoding="utf-8-sig")
    assert written in bundled
    assert written in (REPO / "docs" / "使用说明.md").read_text(encoding="utf-8")


def test_the_builders_pip_ignores_this_machines_pip_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PIP_FIND_LINKS", "/somewhere/else")
    monkeypatch.setenv("PIP_INDEX_URL", "https://mirror.invalid/simple")
    monkeypatch.setenv("PIP_CONSTRAINT", "/etc/constraints.txt")
    monkeypatch.setenv("PIP_CERT", "/etc/ssl/certs/ca-certificates.crt")
    env = builder.pip_environment()
    assert not {"PIP_FIND_LINKS", "PIP_INDEX_URL", "PIP_CONSTRAINT"} & set(env)
    assert env["PIP_CERT"] == "/etc/ssl/certs/ca-certificates.crt"
    listed = subprocess.run(
        [sys.executable, "-m", "pip", "config", "list"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    for setting in ("find-links", "index-url", "constraint"):  # set on this machine, say
        assert setting not in listed.stdout


def test_the_guide_names_the_bundles_and_scripts_there_are(unpacked: dict[str, Path]) -> None:
    guide = (REPO / "docs" / "使用说明.md").read_text(encoding="utf-8")
    named = set(re.findall(r"targettrack-[\w.]+?-(?:win_amd64|linux_\w+?)\.zip", guide))
    assert named == {f"{folder.name}.zip" for folder in unpacked.values()}
    for script in ("install.bat", "targettrack-console.bat"):
        assert script in guide and (unpacked["win_amd64"] / script).is_file()
    for script in ("install.sh", "targettrack-console.sh"):
        assert f"sh {script}" in guide and (unpacked["linux_aarch64"] / script).is_file()
    assert "--postgres" in guide and "targettrack doctor" in guide


def test_install_py_reads_as_python_3_7_so_an_old_python_can_say_what_is_missing() -> None:
    source = (REPO / "scripts" / "bundle_files" / "install.py").read_text(encoding="utf-8")
    ast.parse(source, feature_version=(3, 7))  # Kylin V10 has 3.8, UOS 20 has 3.7
    for newer in (".removeprefix(", ".removesuffix(", " := ", "match ", "zoneinfo", "tomllib"):
        assert newer not in source, newer


def _pyenv_python(version: str) -> Path:
    """An interpreter of ``version`` that pyenv keeps on this machine; the test skips without."""
    root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    found = sorted(root.glob(f"versions/{version}.*/bin/python{version}"))
    if not found:
        pytest.skip(f"no Python {version} here (pyenv keeps several on the project's machines)")
    return found[-1]


def test_an_old_system_python_runs_the_installer_and_hears_what_is_needed(
    linux_folder: Path,
) -> None:
    old = _pyenv_python("3.7")  # UOS 20's python3
    refused = subprocess.run(
        [str(old), "install.py", "--lang", "zh", "--python", str(old)],
        cwd=linux_folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == 1
    assert refused.stderr.startswith(
        "没有找到可用的 Python：本安装包需要适用于 Linux x86-64 的 Python 3.11、3.12、3.13 之一。"
        f"已找到：Python 3.7（{old}）。"
    )
    assert not (linux_folder / "venv").exists()


def test_the_bundle_installs_for_python_3_13_with_no_network(
    linux_folder: Path, unshare: str, tmp_path: Path
) -> None:
    env = _desktop_user(tmp_path / "家")
    env["TARGETTRACK_PYTHON"] = str(_pyenv_python("3.13"))
    installed = _offline(unshare, ["sh", "install.sh", "--lang", "en"], env, linux_folder)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert "(Python 3.13)" in installed.stdout
    doctor = _offline(
        unshare, [str(linux_folder / "venv" / "bin" / "targettrack"), "doctor"], env, tmp_path
    )
    assert doctor.returncode == 0, doctor.stdout  # every compiled library loads under 3.13
    assert "[正常] Python：3.13." in doctor.stdout
