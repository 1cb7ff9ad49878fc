"""A throwaway PostgreSQL cluster for the tests, from the server binaries on the machine.

``initdb`` and ``postgres`` refuse to run as root, so as root they run as the ``postgres``
user (``runuser``), with the cluster in a temporary folder that user owns. The server listens
on 127.0.0.1 at a free port, with fsync off, and trusts local connections: the tests connect
as any role they create. The folder is removed when the server stops.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ENV_REQUIRED = "TARGETTRACK_TEST_POSTGRES"  # "required": a missing server fails, not skips
# host:port of a server already running (``python -m tests.pgserver``), trusted for the role
# postgres: the session uses it instead of starting its own (the mutation runs, which start a
# pytest session per mutant, share one server this way)
ENV_RUNNING = "TARGETTRACK_TEST_POSTGRES_AT"


class Server(NamedTuple):
    host: str
    port: int
    folder: Path
    process: subprocess.Popen[bytes] | None  # None: a server this session did not start
    bindir: Path

    def url(self, dbname: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql://{user}@{self.host}:{self.port}/{dbname}"

    def psql(self, dbname: str, user: str, command: str) -> subprocess.CompletedProcess[str]:
        """Run a statement through psql, as a person bypassing targettrack would."""
        psql = shutil.which("psql") or str(self.bindir / "psql")
        return subprocess.run(
            [psql, "-X", "-v", "ON_ERROR_STOP=1", "-d", self.url(dbname, user), "-c", command],
            capture_output=True,
            text=True,
            timeout=60,
        )


def find_bindir() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists() and Path(candidate, "postgres").exists():
            return Path(candidate)
    initdb = shutil.which("initdb")
    if initdb and Path(initdb).resolve().with_name("postgres").exists():
        return Path(initdb).resolve().parent
    return None


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def start() -> Server:
    """Start a cluster, or raise RuntimeError saying why it cannot be."""
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError("no PostgreSQL server binaries (initdb, postgres) on this machine")
    folder = Path(tempfile.mkdtemp(prefix="targettrack-pg-"))
    data = folder / "data"
    data.mkdir()
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            raise RuntimeError("running as root, and there is no postgres user") from None
        folder.chmod(0o755)
        os.chown(data, owner.pw_uid, owner.pw_gid)
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    init = subprocess.run(
        _as_server_user(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ]
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if init.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {init.stderr.strip()[-300:]}")
    port = _free_port()
    process = subprocess.Popen(
        _as_server_user(
            [
                str(bindir / "postgres"),
                "-D",
                str(data),
                "-p",
                str(port),
                "-k",
                str(folder),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=60",
            ]
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Server("127.0.0.1", port, folder, process, bindir)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            shutil.rmtree(folder, ignore_errors=True)
            raise RuntimeError("the PostgreSQL server stopped as it started")
        with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                time.sleep(0.2)
                return server
        time.sleep(0.1)
    stop(server)
    raise RuntimeError("the PostgreSQL server did not start within 30 s")


def running(address: str) -> Server:
    """The server at ``host:port`` that someone else started and will stop."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise RuntimeError(f"{ENV_RUNNING} should be host:port, not {address!r}")
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        if probe.connect_ex((host, int(port))) != 0:
            raise RuntimeError(f"nothing listens at {address} ({ENV_RUNNING})")
    return Server(host, int(port), Path(tempfile.gettempdir()), None, find_bindir() or Path())


def stop(server: Server) -> None:
    if server.process is None:
        return
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=20)
    shutil.rmtree(server.folder, ignore_errors=True)


if __name__ == "__main__":  # pragma: no cover - a helper for people, not a test
    import signal
    import sys

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    started = start()
    print(f"export {ENV_RUNNING}={started.host}:{started.port}", flush=True)
    try:
        while True:
            signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        stop(started)
