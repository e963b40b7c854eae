"""A throw-away PostgreSQL server for tests and benchmarks: a fresh cluster in a temporary folder, on a
free local port, trusting local connections, stopped and removed afterwards.

PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user that Debian's
package creates. The binaries are Debian's (/usr/lib/postgresql/*/bin) or those on the PATH.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    pass


def postgres_bindir() -> str | None:
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(folder, "initdb")):
            return folder
    pg_ctl = shutil.which("pg_ctl")
    return os.path.dirname(pg_ctl) if pg_ctl else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Yields the server's URL without a database name: `postgresql+psycopg://hoptac@127.0.0.1:PORT`."""
    bindir = postgres_bindir()
    if bindir is None:
        raise PostgresUnavailable("PostgreSQL is not installed (apt-get install postgresql)")
    # Not under a private temporary folder: the postgres user must be able to enter it.
    base = Path(tempfile.mkdtemp(prefix="hoptac-pg-"))
    data, sockets, log = base / "data", base / "sockets", base / "server.log"
    sockets.mkdir()
    user = None
    if os.geteuid() == 0:
        user = "postgres"
        for path in (base, sockets):
            shutil.chown(path, user)
    port = _free_port()

    def run(*args: str) -> None:
        done = subprocess.run(args, capture_output=True, text=True, user=user)
        if done.returncode:
            raise PostgresUnavailable(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")

    try:
        run(f"{bindir}/initdb", "-D", str(data), "-U", "hoptac", "--auth=trust", "-E", "UTF8", "--locale=C",
            "--no-sync")
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
        run(f"{bindir}/pg_ctl", "-D", str(data), "-l", str(log), "-o", options, "-w", "start")
        yield f"postgresql+psycopg://hoptac@127.0.0.1:{port}"
    finally:
        subprocess.run([f"{bindir}/pg_ctl", "-D", str(data), "-m", "immediate", "stop"], capture_output=True,
                       user=user)
        shutil.rmtree(base, ignore_errors=True)


@contextmanager
def new_database(server: str) -> Iterator[str]:
    """A new, empty database on `server` (from throwaway_postgres), dropped afterwards."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    plain = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{plain}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{plain}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
