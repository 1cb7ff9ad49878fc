"""Install targettrack from this offline bundle: no network, no package index.

Started by install.bat (Windows) or install.sh (Linux) with whichever Python they find, this
script checks that the bundle fits the computer, finds a Python the bundle has wheels for,
checks every wheel against the lock file's SHA-256, makes a virtual environment ``venv`` in
this folder (a new one each time: figures are kept elsewhere, in the user's data folder) and
installs into it with the bundle's own pip:

    pip install --no-index --find-links wheels --require-hashes -r lock/py311.txt

Options: --postgres (also the PostgreSQL driver, for a shared office database), --python PATH
(this Python and no other), --lang zh|en. Only the standard library is used, and nothing newer
than Python 3.7, so that an old system Python can say plainly what is missing.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import shutil
import subprocess
import sys
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
WINDOWS = os.name == "nt"
VENV = os.path.join(HERE, "venv")
RECORD = "targettrack-install.json"  # read by targettrack doctor

MESSAGES = {
    "start": (
        "正在安装 {name}（不需要网络）……",
        "Installing {name} (no network needed)...",
    ),
    "wrong_system": (
        "本安装包适用于 {wanted}，而这台电脑是 {found}；请改用对应的安装包（{names}）。",
        "This bundle is for {wanted}, and this computer is {found}; take the bundle for it "
        "({names}).",
    ),
    "no_python": (
        "没有找到可用的 Python：本安装包需要适用于 {wanted} 的 Python {versions} 之一。{found}"
        "请先安装其中一个版本（Windows 安装时勾选“Add python.exe to PATH”），或用 --python 指定 python 的完整路径。",
        "No Python this bundle fits: it needs a {wanted} Python {versions}. {found}"
        "Install one of them first (on Windows tick 'Add python.exe to PATH'), or name a "
        "python with --python.",
    ),
    "found_pythons": ("已找到：{found}。", "Found: {found}. "),
    "old_glibc": (
        "这台电脑的 glibc 版本是 {found}，本安装包需要 {wanted} 或更新（银河麒麟 V10、统信 UOS 20 及以后版本均可）。",
        "This computer's glibc is {found}; the bundle needs {wanted} or newer (Kylin V10, UOS "
        "20 and later have it).",
    ),
    "using": ("使用 Python {version}：{executable}", "Using Python {version}: {executable}"),
    "damaged": (
        "安装包中的文件 {file} 已损坏或缺失（校验值不符）；请重新复制整个安装包（zip），解压后再运行。",
        "The bundle's file {file} is damaged or missing (its SHA-256 does not match); copy the "
        "whole zip again, unpack it and run this again.",
    ),
    "not_ours": (
        "文件夹 {folder} 已存在，但不是 targettrack 建立的虚拟环境；为免误删，请把它移走后再运行。",
        "The folder {folder} exists and is not a virtual environment targettrack made; move "
        "it away, then run this again.",
    ),
    "venv_failed": (
        "无法建立虚拟环境（{reason}）。在 Linux 上可能需要先安装系统的 python3-venv 软件包。",
        "Cannot make the virtual environment ({reason}). On Linux the system's python3-venv "
        "package may be needed first.",
    ),
    "pip_failed": (
        "安装失败（pip 退出码 {status}）；上面是 pip 的说明。请把这些内容发给技术支持。",
        "The install failed (pip exit code {status}); pip's explanation is above. Send it to "
        "whoever supports you.",
    ),
    "check_failed": (
        "安装完成，但 targettrack 无法启动（{reason}）；请运行 {doctor} 查看原因。",
        "Installed, but targettrack does not start ({reason}); run {doctor} to see why.",
    ),
    "done": (
        "安装完成：{version}（Python {python}），位置：{venv}",
        "Installed: {version} (Python {python}) in {venv}",
    ),
    "with_postgres": (
        "已包含 PostgreSQL 驱动，可连接共享数据库。",
        "The PostgreSQL driver is included, for a shared database.",
    ),
    "without_postgres": (
        "未安装 PostgreSQL 驱动；需要连接共享数据库时，请加 --postgres 重新运行安装脚本。",
        "The PostgreSQL driver is not installed; run the install script again with --postgres "
        "to connect to a shared database.",
    ),
    "next_windows": (
        "以后双击 targettrack-console.bat 即可打开命令行，输入 targettrack status 查看完成情况。",
        "From now on, double-click targettrack-console.bat for a console, and type "
        "targettrack status.",
    ),
    "next_linux": (
        "以后运行 sh targettrack-console.sh（或把 targettrack.desktop 复制到桌面后双击）即可打开命令行，输入 targettrack status 查看完成情况。",
        "From now on, run sh targettrack-console.sh (or copy targettrack.desktop to the "
        "desktop and double-click it) for a console, and type targettrack status.",
    ),
    "data": (
        "数据不保存在本文件夹中；重新安装或删除本文件夹不影响已录入的数据。运行 targettrack doctor 可查看数据位置。",
        "Figures are not kept in this folder: installing again or removing it keeps them. "
        "targettrack doctor shows where they are.",
    ),
}

SYSTEMS = {
    "win-amd64": ("Windows x86-64（64 位）", "Windows x86-64 (64-bit)"),
    "linux-x86_64": ("Linux x86-64", "Linux x86-64"),
    "linux-aarch64": ("Linux ARM64（aarch64）", "Linux ARM64 (aarch64)"),
}

# What a candidate Python says about itself, as one line of JSON.
PROBE = (
    "import json, platform, sys, sysconfig; print(json.dumps({'version': '%d.%d' % "
    "sys.version_info[:2], 'platform': sysconfig.get_platform(), 'libc': "
    "platform.libc_ver()[1] if sys.platform.startswith('linux') else '', 'executable': "
    "sys.executable}))"
)


class Stop(Exception):
    """The install cannot go on; the message says why and what to do."""


def choose_lang(given: str | None) -> str:
    if given in ("zh", "en"):
        return given
    setting = os.environ.get("TARGETTRACK_LANG", "").strip().lower()
    if setting in ("zh", "en"):
        return setting
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    if WINDOWS:
        try:
            import ctypes

            language = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
            return "zh" if language & 0x3FF == 0x04 else "en"
        except Exception:  # no UI language to be had: Chinese, as the offices are
            return "zh"
    return "en"


class Say:
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def text(self, code: str, **values: object) -> str:
        zh, en = MESSAGES[code]
        return (zh if self.lang == "zh" else en).format(**values)

    def __call__(self, code: str, **values: object) -> None:
        print(self.text(code, **values), flush=True)


def probe(command: list[str]) -> dict[str, str] | None:
    """What a Python says about itself, or None when it does not run."""
    try:
        done = subprocess.run(
            [*command, "-c", PROBE],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    try:
        found = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None
    return found if isinstance(found, dict) else None


def candidates(pythons: list[str], given: str | None) -> list[list[str]]:
    """The Pythons to ask, best first: the one named, else this one, then those the system
    knows by version (the py launcher on Windows, pythonX.Y on Linux)."""
    if given:
        return [[given]]
    found = [[sys.executable]]
    for version in sorted(pythons, reverse=True):
        if WINDOWS:
            found.append(["py", "-" + version])
        else:
            path = shutil.which("python" + version)
            if path:
                found.append([path])
    if not WINDOWS and shutil.which("python3"):
        found.append([shutil.which("python3") or "python3"])
    return found


def version_tuple(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.split("."))
    except ValueError:
        return ()


def choose_python(bundle: dict[str, Any], given: str | None, say: Say) -> dict[str, str]:
    pythons = [str(p) for p in bundle["pythons"]]
    wanted = str(bundle["sysconfig_platform"])
    seen = []
    glibc_short = None
    for command in candidates(pythons, given):
        found = probe(command)
        if found is None:
            continue
        shown = "Python {}（{}）" if say.lang == "zh" else "Python {} ({})"
        seen.append(shown.format(found["version"], found["executable"]))
        if found["platform"] != wanted or found["version"] not in pythons:
            continue
        needed = bundle.get("glibc")
        if needed and version_tuple(found["libc"] or "0") < version_tuple(str(needed)):
            glibc_short = found["libc"] or "?"
            continue
        return found
    if glibc_short is not None:
        raise Stop(say.text("old_glibc", found=glibc_short, wanted=bundle["glibc"]))
    listed = ("；" if say.lang == "zh" else "; ").join(seen)
    found_text = say.text("found_pythons", found=listed) if seen else ""
    joiner = "、" if say.lang == "zh" else ", "
    raise Stop(
        say.text(
            "no_python",
            wanted=SYSTEMS.get(wanted, (wanted, wanted))[say.lang != "zh"],
            versions=joiner.join(pythons),
            found=found_text,
        )
    )


def check_system(bundle: dict[str, Any], say: Say) -> None:
    """The bundle's platform against this computer's, before any Python is asked."""
    import platform

    machine = platform.machine().lower()
    arch = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    if WINDOWS:
        here = "win-amd64" if arch == "x86_64" else "win-" + arch
    else:
        here = ("linux-" if sys.platform.startswith("linux") else sys.platform + "-") + arch
    wanted = str(bundle["sysconfig_platform"])
    if here != wanted:
        names = ", ".join(
            "targettrack-{}-{}.zip".format(bundle["version"], p)
            for p in ("win_amd64", "linux_x86_64", "linux_aarch64")
        )
        english = say.lang != "zh"
        found = SYSTEMS.get(here, (platform.system() + " " + machine,) * 2)[english]
        wanted_text = SYSTEMS.get(wanted, (wanted, wanted))[english]
        raise Stop(say.text("wrong_system", wanted=wanted_text, found=found, names=names))


def lock_files(bundle: dict[str, Any], python: str, postgres: bool) -> list[str]:
    locks = bundle["locks"][python]
    chosen = [locks["base"]]
    if postgres:
        chosen.append(locks["postgres"])
    return [os.path.join(HERE, *name.split("/")) for name in chosen]


def pinned(lock: str) -> list[tuple[str, str, set[str]]]:
    """A lock file's (name, version, hashes), as install_bundle writes them."""
    found: list[tuple[str, str, set[str]]] = []
    with open(lock, encoding="utf-8") as handle:
        for line in handle:
            text = line.strip().rstrip("\\").strip()
            if not text or text.startswith("#"):
                continue
            if text.startswith("--hash=sha256:") and found:
                found[-1][2].add(text.split(":", 1)[1])
            elif "==" in text:
                name, _, version = text.partition("==")
                found.append((name, version, set()))
    return found


def verify(bundle: dict[str, Any], locks: list[str], say: Say) -> None:
    """Every wheel the lock files pin is here, with the SHA-256 the lock gives."""
    for lock in locks:
        for name, version, hashes in pinned(lock):
            files = [
                f
                for f in bundle["wheels"]
                if _normal(f.split("-")[0]) == _normal(name) and f.split("-")[1] == version
            ]
            here = [os.path.join(HERE, "wheels", f) for f in files]
            if not any(os.path.isfile(path) and _sha256(path) in hashes for path in here):
                shown = os.path.join("wheels", files[0]) if files else name + "==" + version
                raise Stop(say.text("damaged", file=shown))


def _normal(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def venv_python() -> str:
    if WINDOWS:
        return os.path.join(VENV, "Scripts", "python.exe")
    return os.path.join(VENV, "bin", "python")


def make_venv(python: dict[str, str], say: Say) -> None:
    """A new virtual environment in ``venv``; an old one of ours is cleared first."""
    command = [python["executable"], "-m", "venv", "--without-pip"]
    if os.path.exists(VENV):
        if not os.path.isfile(os.path.join(VENV, "pyvenv.cfg")) and os.listdir(VENV):
            raise Stop(say.text("not_ours", folder=VENV))
        command.append("--clear")
    done = subprocess.run(
        [*command, VENV], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    if done.returncode != 0 or not os.path.isfile(venv_python()):
        reason = (done.stdout or "").strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        raise Stop(say.text("venv_failed", reason=reason[0]))


def pip_environment() -> dict[str, str]:
    """No configuration file and no PIP_* setting of this computer takes part (an internal
    mirror, a constraints file): only the bundle's files."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    env.pop("PYTHONPATH", None)
    return env


# pip runs from its wheel, as ensurepip runs it: the wheel first on sys.path.
_RUN_PIP = (
    "import runpy, sys; sys.path.insert(0, sys.argv.pop(1)); "
    "runpy.run_module('pip', run_name='__main__', alter_sys=True)"
)


def install(bundle: dict[str, Any], python: str, locks: list[str], say: Say) -> None:
    pip = os.path.join(HERE, *str(bundle["locks"][python]["pip"]).split("/"))
    command = [
        venv_python(),
        "-c",
        _RUN_PIP,
        pip,
        "install",
        "--no-index",
        "--find-links",
        os.path.join(HERE, "wheels"),
        "--require-hashes",
        "--only-binary=:all:",
        "--no-cache-dir",
        "--isolated",
        "--disable-pip-version-check",
        "--no-warn-script-location",
        "--quiet",
    ]
    for lock in locks:
        command += ["-r", lock]
    done = subprocess.run(command, env=pip_environment())
    if done.returncode != 0:
        raise Stop(say.text("pip_failed", status=done.returncode))


def write_record(bundle: dict[str, Any], python: str, postgres: bool) -> None:
    record = {
        "bundle": bundle["name"],
        "installed": datetime.date.today().isoformat(),
        "python": python,
        "postgres": postgres,
    }
    with open(os.path.join(VENV, RECORD), "w", encoding="utf-8") as handle:
        json.dump(record, handle, ensure_ascii=False, indent=2)


def command_path() -> str:
    if WINDOWS:
        return os.path.join(VENV, "Scripts", "targettrack.exe")
    return os.path.join(VENV, "bin", "targettrack")


def check_installed(say: Say) -> str:
    """The installed command's answer to --version."""
    try:
        done = subprocess.run(
            [command_path(), "--version"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise Stop(
            say.text("check_failed", reason=error, doctor=command_path() + " doctor")
        ) from None
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        reason = lines[-1] if lines else f"exit {done.returncode}"
        raise Stop(say.text("check_failed", reason=reason, doctor=command_path() + " doctor"))
    return lines[-1]


def desktop_entry() -> str:
    """A launcher for Linux desktops (Kylin, UOS): a terminal with targettrack on the path."""
    script = os.path.join(HERE, "targettrack-console.sh")
    quoted = '"' + "".join("\\" + c if c in '"`$\\' else c for c in script) + '"'
    exec_line = ("sh " + quoted).replace("\\", "\\\\").replace("%", "%%")
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=targettrack",
            "Name[zh_CN]=targettrack 目标完成情况",
            "Comment=Development targets against year-to-date figures",
            "Comment[zh_CN]=年度目标完成情况跟踪（命令行）",
            "Exec=" + exec_line,
            "Terminal=true",
            "Categories=Office;",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Install targettrack from this bundle.")
    parser.add_argument("--postgres", action="store_true", help="also the PostgreSQL driver")
    parser.add_argument("--python", help="the python to install for (a path)")
    parser.add_argument("--lang", choices=("zh", "en"))
    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    say = Say(choose_lang(args.lang))
    with open(os.path.join(HERE, "bundle.json"), encoding="utf-8") as handle:
        bundle = json.load(handle)
    say("start", name=bundle["name"])
    try:
        check_system(bundle, say)
        python = choose_python(bundle, args.python, say)
        say("using", version=python["version"], executable=python["executable"])
        locks = lock_files(bundle, python["version"], args.postgres)
        verify(bundle, locks, say)
        make_venv(python, say)
        install(bundle, python["version"], locks, say)
        write_record(bundle, python["version"], args.postgres)
        installed = check_installed(say)
    except Stop as stop:
        print(str(stop), file=sys.stderr, flush=True)
        return 1
    if not WINDOWS:
        with open(os.path.join(HERE, "targettrack.desktop"), "w", encoding="utf-8") as handle:
            handle.write(desktop_entry())
    say("done", version=installed, python=python["version"], venv=VENV)
    say("with_postgres" if args.postgres else "without_postgres")
    say("next_windows" if WINDOWS else "next_linux")
    say("data")
    return 0


if __name__ == "__main__":
    sys.exit(main())
