"""Build the offline install bundles: one zip per platform that installs targettrack on a PC
with no internet and no package index.

    python scripts/bundle.py                                   # every platform, Python 3.11-3.13
    python scripts/bundle.py --platform win_amd64 --python 3.11
    python scripts/bundle.py --offline                         # only wheels already in the cache

Each zip (``targettrack-VERSION-PLATFORM.zip``, with ``-py311`` and so on when built for only
some Pythons) holds this checkout's targettrack wheel and every library it needs as binary
wheels for that platform and each Python, a lock file per Python with every wheel's SHA-256
(the PostgreSQL driver in a lock file of its own, installed on request), the install scripts,
a script that opens a console with ``targettrack`` on the path, and the Chinese install guide.

pip cannot resolve for another platform by itself: ``pip download --platform`` evaluates
environment markers (``colorama; platform_system == "Windows"``) for the machine it runs on.
So after each download the wheels' own metadata is read again under the target's markers, and
whatever the target needs that was not downloaded is asked for explicitly, until nothing is
missing. Wheels are kept in a cache outside the checkout (``--cache``; the user's cache folder
by default), which ``--offline`` builds from without a network.

The builder's pip reads no configuration file and no PIP_* setting that would change what is
chosen (a machine's extra indexes, find-links or constraints): only PyPI (or ``--index-url``)
and the cache.
"""

from __future__ import annotations

import argparse
import datetime
import email.parser
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name, parse_wheel_filename
from packaging.version import Version

REPO = Path(__file__).resolve().parent.parent
FILES = Path(__file__).resolve().parent / "bundle_files"
PYTHONS = ("3.11", "3.12", "3.13")
PYPI = "https://pypi.org/simple"
LIMIT = 80 * 1000 * 1000  # bytes: a bundle must stay under 80 MB
GLIBC = (2, 28)  # Kylin V10 and UOS 20 have glibc 2.28
ENV_CACHE = "TARGETTRACK_BUNDLE_CACHE"
# PIP_* settings that only say how to reach the index, never what to choose from it.
_TRANSPORT = {
    "PIP_CERT",
    "PIP_CLIENT_CERT",
    "PIP_PROXY",
    "PIP_TIMEOUT",
    "PIP_DEFAULT_TIMEOUT",
    "PIP_RETRIES",
    "PIP_TRUSTED_HOST",
    "PIP_CACHE_DIR",
    "PIP_NO_CACHE_DIR",
}


class Platform(NamedTuple):
    name: str  # in the bundle's name and bundle.json
    tags: tuple[str, ...]  # pip's --platform values, best first
    system: str  # "windows" or "linux": which scripts the bundle carries
    sysconfig: str  # sysconfig.get_platform() of an interpreter the bundle fits
    markers: dict[str, str]  # the environment markers of that platform (without Python's)


def _manylinux(arch: str) -> tuple[str, ...]:
    """Every manylinux tag a system with glibc 2.28 runs, newest first."""
    tags = tuple(f"manylinux_2_{minor}_{arch}" for minor in range(GLIBC[1], 16, -1))
    legacy = (
        ("manylinux2014", "manylinux2010", "manylinux1") if arch == "x86_64" else ("manylinux2014",)
    )
    return tags + tuple(f"{name}_{arch}" for name in legacy)


def _linux_markers(machine: str) -> dict[str, str]:
    return {"os_name": "posix", "sys_platform": "linux", "platform_system": "Linux",
            "platform_machine": machine}  # fmt: skip


_WINDOWS_MARKERS = {
    "os_name": "nt",
    "sys_platform": "win32",
    "platform_system": "Windows",
    "platform_machine": "AMD64",
}
PLATFORMS = {
    p.name: p
    for p in (
        Platform("win_amd64", ("win_amd64",), "windows", "win-amd64", _WINDOWS_MARKERS),
        Platform(
            "linux_x86_64", _manylinux("x86_64"), "linux", "linux-x86_64", _linux_markers("x86_64")
        ),
        Platform(
            "linux_aarch64",
            _manylinux("aarch64"),
            "linux",
            "linux-aarch64",
            _linux_markers("aarch64"),
        ),
    )
}


class BuildError(Exception):
    """The bundle cannot be built; the message says why."""


class Wheel(NamedTuple):
    path: Path
    name: NormalizedName
    version: Version
    requires: tuple[Requirement, ...]


class Resolved(NamedTuple):
    """The wheels one Python on one platform needs: the base install and the driver's."""

    python: str
    base: tuple[Wheel, ...]  # targettrack, what it needs, and pip (which installs them)
    postgres: tuple[Wheel, ...]  # what the PostgreSQL driver adds


def marker_environment(platform: Platform, python: str) -> dict[str, str]:
    return {
        **platform.markers,
        "implementation_name": "cpython",
        "implementation_version": f"{python}.0",
        "platform_python_implementation": "CPython",
        "platform_release": "",
        "platform_version": "",
        "python_full_version": f"{python}.0",
        "python_version": python,
    }


def default_cache() -> Path:
    """Where downloaded wheels are kept between builds, outside any checkout."""
    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "targettrack" / "Cache" / "bundle"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "targettrack" / "bundle"


def pip_environment() -> dict[str, str]:
    """The environment for the builder's pip: no configuration file, no PIP_* setting that
    changes what pip chooses."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_") or k in _TRANSPORT}
    env["PIP_CONFIG_FILE"] = os.devnull  # pip reads no configuration file at all then
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _pip(args: Sequence[str], *, quiet: bool = True) -> None:
    command = [sys.executable, "-m", "pip", *args]
    done = subprocess.run(
        command, env=pip_environment(), capture_output=quiet, text=True, check=False
    )
    if done.returncode != 0:
        detail = (done.stderr or done.stdout or "").strip().splitlines()[-5:] if quiet else []
        raise BuildError("pip failed: " + " ".join(command[3:6]) + "\n" + "\n".join(detail))


def _sources(index: str | None, cache: Path) -> list[str]:
    """Where pip may look: the cache, and the index unless building offline."""
    where = ["--find-links", str(cache)]
    return [*where, "--no-index"] if index is None else [*where, "--index-url", index]


def _remember(folder: Path, cache: Path) -> None:
    """Keep every wheel pip brought in the cache (names are unique: an index never changes a
    released file)."""
    cache.mkdir(parents=True, exist_ok=True)
    for wheel in folder.glob("*.whl"):
        if not (cache / wheel.name).exists():
            shutil.copy2(wheel, cache / wheel.name)


def build_own_wheel(source: Path, index: str | None, cache: Path, work: Path) -> Path:
    """This checkout's targettrack as a wheel, built with its build backend from the cache
    (or the index), never with what the builder's environment happens to hold."""
    requires = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))
    backend = work / "backend"
    if index is not None:
        _pip(["download", "--only-binary=:all:", "--dest", str(backend),
              *_sources(index, cache), *requires["build-system"]["requires"]])  # fmt: skip
        _remember(backend, cache)
    out = work / "own"
    _pip(["wheel", "--no-deps", "--wheel-dir", str(out), *_sources(index, cache), str(source)])
    built = sorted(out.glob("targettrack-*.whl"))
    if len(built) != 1:
        raise BuildError(f"expected one targettrack wheel, found {[p.name for p in built]}")
    return built[0]


def read_wheel(path: Path) -> Wheel:
    name, version, _, _ = parse_wheel_filename(path.name)
    with zipfile.ZipFile(path) as archive:
        metadata_name = next(
            n for n in archive.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1
        )
        metadata = email.parser.BytesHeaderParser().parsebytes(archive.read(metadata_name))
    requires = tuple(Requirement(r) for r in metadata.get_all("Requires-Dist") or [])
    return Wheel(path, name, version, requires)


def closure(
    wheels: dict[NormalizedName, Wheel],
    root: NormalizedName,
    extras: Iterable[str],
    environment: dict[str, str],
) -> tuple[set[NormalizedName], list[Requirement]]:
    """Every distribution ``root`` (with ``extras``) needs on the target, and the requirements
    no wheel in ``wheels`` answers."""
    needed: set[NormalizedName] = set()
    missing: list[Requirement] = []
    todo = [(root, frozenset(extras))]
    seen: set[tuple[NormalizedName, frozenset[str]]] = set()
    while todo:
        name, active = todo.pop()
        if (name, active) in seen:
            continue
        seen.add((name, active))
        needed.add(name)
        for requirement in wheels[name].requires:
            marker = requirement.marker
            if marker is not None and not any(
                marker.evaluate({**environment, "extra": extra}) for extra in (active or {""})
            ):
                continue
            dependency = canonicalize_name(requirement.name)
            found = wheels.get(dependency)
            if found is None:
                missing.append(requirement)
                continue
            if not requirement.specifier.contains(found.version, prereleases=True):
                raise BuildError(
                    f"{name} needs {requirement}, but {found.name} {found.version} was chosen"
                )
            todo.append((dependency, frozenset(requirement.extras)))
    return needed, missing


def resolve(
    own: Path, platform: Platform, python: str, index: str | None, cache: Path, work: Path
) -> Resolved:
    """The wheels targettrack[postgres] needs on ``platform`` under ``python``, and pip."""
    environment = marker_environment(platform, python)
    root = canonicalize_name("targettrack")
    asked: list[str] = []
    nodot = python.replace(".", "")
    for attempt in range(6):
        dest = work / f"{platform.name}-py{nodot}-{attempt}"
        tags = [arg for tag in platform.tags for arg in ("--platform", tag)]
        _pip(["download", "--only-binary=:all:", *tags, "--python-version", python,
              "--implementation", "cp", "--abi", f"cp{nodot}", "--dest", str(dest),
              *_sources(index, cache), f"{own}[postgres]", "pip", *asked])  # fmt: skip
        if index is not None:
            _remember(dest, cache)
        wheels = {w.name: w for w in map(read_wheel, sorted(dest.glob("*.whl")))}
        base, missing = closure(wheels, root, (), environment)
        full, missing_too = closure(wheels, root, ("postgres",), environment)
        missing += missing_too
        if not missing:
            pip_wheel = wheels[canonicalize_name("pip")]
            return Resolved(
                python,
                (*sorted((wheels[n] for n in base), key=_order), pip_wheel),
                tuple(sorted((wheels[n] for n in full - base), key=_order)),
            )
        asked += sorted({_without_marker(r) for r in missing} - set(asked))
    raise BuildError(f"{platform.name}, Python {python}: still missing {sorted(map(str, missing))}")


def _order(wheel: Wheel) -> str:
    return wheel.name


def _without_marker(requirement: Requirement) -> str:
    extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
    return f"{requirement.name}{extras}{requirement.specifier}"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def lock_text(wheels: Sequence[Wheel], heading: str) -> str:
    """A pip requirements file pinning each wheel by version and SHA-256."""
    lines = [f"# {heading}", "# pip install --no-index --find-links wheels --require-hashes -r …"]
    for wheel in wheels:
        lines += [f"{wheel.name}=={wheel.version} \\", f"    --hash=sha256:{sha256(wheel.path)}"]
    return "\n".join(lines) + "\n"


def bundle_name(version: str, platform: Platform, pythons: Sequence[str]) -> str:
    """targettrack-0.2.0-win_amd64, with -py311 and so on when not for every Python."""
    name = f"targettrack-{version}-{platform.name}"
    if tuple(sorted(pythons)) != PYTHONS:
        name += "".join(f"-py{p.replace('.', '')}" for p in sorted(pythons))
    return name


def _text(template: str, values: dict[str, str]) -> str:
    text = (FILES / template).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    if "{{" in text:
        raise BuildError(f"{template}: a placeholder was left unfilled")
    return text


def _windows(text: str, *, encoding: str = "utf-8", bom: bool = False) -> bytes:
    """Text as Windows reads it: CRLF line ends, in ``encoding``, with a BOM if asked."""
    data = text.replace("\r\n", "\n").replace("\n", "\r\n").encode(encoding)
    return (b"\xef\xbb\xbf" if bom else b"") + data


def bundle_files(
    name: str, version: str, platform: Platform, resolved: Sequence[Resolved], built: str
) -> dict[str, bytes | Path]:
    """Every file of the bundle by its path inside the zip's top folder: bytes, or a wheel."""
    pythons = [r.python for r in resolved]
    values = {
        "NAME": name,
        "VERSION": version,
        "PYTHONS": "、".join(pythons),
        "PYTHONS_EN": ", ".join(pythons),
        "PYTHON_FIRST": pythons[0],
        "GLIBC": ".".join(map(str, GLIBC)),
    }
    files: dict[str, bytes | Path] = {}
    manifest: dict[str, object] = {
        "name": name,
        "version": version,
        "platform": platform.name,
        "sysconfig_platform": platform.sysconfig,
        "glibc": ".".join(map(str, GLIBC)) if platform.system == "linux" else None,
        "pythons": pythons,
        "built": built,
        "locks": {},
        "wheels": {},
    }
    for result in resolved:
        nodot = result.python.replace(".", "")
        heading = f"targettrack {version} for {platform.name}, Python {result.python}"
        files[f"lock/py{nodot}.txt"] = lock_text(result.base, heading).encode()
        files[f"lock/py{nodot}-postgres.txt"] = lock_text(
            result.postgres, heading + ": the PostgreSQL driver"
        ).encode()
        manifest["locks"][result.python] = {  # type: ignore[index]
            "base": f"lock/py{nodot}.txt",
            "postgres": f"lock/py{nodot}-postgres.txt",
            "pip": f"wheels/{result.base[-1].path.name}",
        }
        for wheel in (*result.base, *result.postgres):
            files[f"wheels/{wheel.path.name}"] = wheel.path
            manifest["wheels"][wheel.path.name] = sha256(wheel.path)  # type: ignore[index]
    files["bundle.json"] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
    files["install.py"] = (FILES / "install.py").read_bytes()
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    if platform.system == "windows":
        files["install.bat"] = _windows(_text("install.bat", values), encoding="ascii")
        files["targettrack-console.bat"] = _windows(
            _text("targettrack-console.bat", values), encoding="ascii"
        )
        # what the .bat files say when they cannot go on: GBK, the console's code page (936)
        for message in ("no-python.txt", "not-installed.txt", "console.txt"):
            files[f"support/{message}"] = _windows(_text(message, values), encoding="gbk")
        files["安装说明.txt"] = _windows(_text("安装说明-windows.txt", values), bom=True)
        files["CHANGELOG.txt"] = _windows(changelog, bom=True)
    else:
        files["install.sh"] = _text("install.sh", values).encode()
        files["targettrack-console.sh"] = _text("targettrack-console.sh", values).encode()
        files["安装说明.txt"] = _text("安装说明-linux.txt", values).encode()
        files["CHANGELOG.md"] = changelog.encode()
    return files


_EXECUTABLE = {"install.sh", "targettrack-console.sh", "install.py"}


def write_zip(path: Path, top: str, files: dict[str, bytes | Path], built: str) -> None:
    """The zip, its entries in a stable order and time; scripts executable on Linux; wheels
    stored as they are (they are zips already)."""
    moment = datetime.datetime.fromisoformat(built).timetuple()[:6]
    partial = path.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w") as archive:
        for inner in sorted(files):
            content = files[inner]
            info = zipfile.ZipInfo(f"{top}/{inner}", date_time=moment)
            info.external_attr = (0o755 if inner in _EXECUTABLE else 0o644) << 16
            if isinstance(content, Path):
                info.compress_type = zipfile.ZIP_STORED
                with content.open("rb") as source, archive.open(info, "w") as target:
                    shutil.copyfileobj(source, target, 1 << 20)
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, content)
    os.replace(partial, path)


def build(
    platforms: Sequence[str],
    pythons: Sequence[str],
    out: Path,
    *,
    cache: Path,
    index: str | None = PYPI,
    source: Path = REPO,
    built: str | None = None,
) -> list[Path]:
    """Build one zip per platform into ``out``; ``index=None`` builds from the cache alone."""
    unknown = sorted(set(platforms) - set(PLATFORMS)) + sorted(set(pythons) - set(PYTHONS))
    if unknown:
        raise BuildError(f"unknown: {', '.join(unknown)}")
    built = built or datetime.date.today().isoformat()
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory(prefix="targettrack-bundle-") as scratch:
        work = Path(scratch)
        own = build_own_wheel(source, index, cache, work)
        version = str(parse_wheel_filename(own.name)[1])
        for platform_name in platforms:
            platform = PLATFORMS[platform_name]
            chosen = sorted(pythons)
            resolved = [resolve(own, platform, p, index, cache, work) for p in chosen]
            name = bundle_name(version, platform, chosen)
            zipped = out / f"{name}.zip"
            write_zip(zipped, name, bundle_files(name, version, platform, resolved, built), built)
            size = zipped.stat().st_size
            if size >= LIMIT:
                raise BuildError(f"{zipped.name} is {size:,} bytes, over the {LIMIT:,} allowed")
            made.append(zipped)
    return made


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--platform", action="append", choices=sorted(PLATFORMS), help="default: all three"
    )
    parser.add_argument(
        "--python", action="append", choices=PYTHONS, help="default: 3.11, 3.12 and 3.13"
    )
    parser.add_argument("--out", type=Path, default=REPO / "dist", help="default: dist/")
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help=f"the wheel cache (default: {default_cache()}; env {ENV_CACHE})",
    )
    parser.add_argument("--index-url", default=PYPI, help=f"the package index (default: {PYPI})")
    parser.add_argument(
        "--offline", action="store_true", help="use only the wheels already in the cache"
    )
    args = parser.parse_args(argv)
    try:
        made = build(
            args.platform or sorted(PLATFORMS),
            args.python or PYTHONS,
            args.out,
            cache=args.cache or default_cache(),
            index=None if args.offline else args.index_url,
        )
    except BuildError as error:
        sys.stderr.write(f"bundle: {error}\n")
        return 1
    for path in made:
        sys.stdout.write(f"{path}  {path.stat().st_size / 1e6:.1f} MB\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
