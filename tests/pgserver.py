"""A real PostgreSQL 15 (Debian's `postgresql` package) started by the tests on loopback.

initdb and pg_ctl refuse to run as root, so as root they run as the `postgres` user
(`runuser -u postgres --`) on a temporary directory it owns. The server listens on
127.0.0.1 and a free port only, trusts local connections, and is stopped by the fixture.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

def _pg_bin() -> Path:
    if os.environ.get("POLICYDESK_PG_BIN"):
        return Path(os.environ["POLICYDESK_PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def available() -> str | None:
    """Why PostgreSQL cannot run here, or None when it can (or must: POLICYDESK_REQUIRE_POSTGRES,
    set by .ci/run, turns the skip into the failure it is in CI)."""
    if os.environ.get("POLICYDESK_REQUIRE_POSTGRES"):
        return None
    if not (PG_BIN / "initdb").exists():
        return f"no PostgreSQL server binaries in {PG_BIN} (scripts/test-deps.sh installs Debian's postgresql)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser"
    return None


class PostgresServer:
    """initdb once, then start/stop (also mid-test, to play a database outage) on one port."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.root = Path(tempfile.mkdtemp(prefix="policydesk-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, user="postgres", group="postgres")
            os.chmod(self.root, 0o700)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [*args]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=check, timeout=120)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/policydesk"

    def init(self) -> PostgresServer:
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
        with open(self.data / "postgresql.conf", "a") as fh:
            fh.write(
                f"listen_addresses = '127.0.0.1'\nport = {self.port}\nunix_socket_directories = '{self.root}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nshared_buffers = 32MB\nmax_connections = 60\n"
            )
        self.start()
        self._run(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "policydesk")
        return self

    def start(self, timeout: float = 60) -> None:
        res = self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", str(int(timeout)), "start", check=False)
        if res.returncode != 0:
            raise RuntimeError(f"pg_ctl start failed: {res.stderr.strip()} {self.log_tail()}")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def log_tail(self) -> str:
        try:
            return self.log.read_text()[-1500:]
        except OSError:
            return ""

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)
