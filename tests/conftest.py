"""Shared fixtures: the pipeline (built once) and the bundled sample articles."""

from __future__ import annotations

import glob
import json
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from hoptac import default_pipeline
from hoptac.extract.document import Document

SAMPLES = Path(str(resources.files("hoptac") / "samples" / "articles"))


@pytest.fixture(scope="session")
def nlp():
    return default_pipeline()


@pytest.fixture(scope="session")
def run(nlp):
    """run(text, published="2024-05-01") -> Document"""

    def _run(text: str, published: str | None = "2024-05-01") -> Document:
        return nlp(text, published=date.fromisoformat(published) if published else None)

    return _run


@pytest.fixture(scope="session")
def samples() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.json"))]


# -- databases: every knowledge-base test runs on SQLite and on a real PostgreSQL server ---------------

def _postgres_bindir() -> str | None:
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(folder, "initdb")):
            return folder
    pg_ctl = shutil.which("pg_ctl")
    return os.path.dirname(pg_ctl) if pg_ctl else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """A throw-away PostgreSQL cluster on a free local port, for this test session only.

    PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user that the
    Debian package creates. `make test` installs the package when it is missing; without it the tests
    fail (they are never skipped).
    """
    bindir = _postgres_bindir()
    if bindir is None:
        pytest.fail("PostgreSQL is not installed: `make test` installs it (apt-get install postgresql)")
    # Outside pytest's private temporary folder, which the postgres user may not enter.
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
            pytest.fail(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")

    run(f"{bindir}/initdb", "-D", str(data), "-U", "hoptac", "--auth=trust", "-E", "UTF8", "--locale=C",
        "--no-sync")
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
    run(f"{bindir}/pg_ctl", "-D", str(data), "-l", str(log), "-o", options, "-w", "start")
    try:
        yield f"postgresql+psycopg://hoptac@127.0.0.1:{port}"
    finally:
        subprocess.run([f"{bindir}/pg_ctl", "-D", str(data), "-m", "immediate", "stop"], capture_output=True,
                       user=user)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A new, empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kb.db'}"
        return
    import psycopg

    server = request.getfixturevalue("postgres_server")
    name = f"t_{uuid.uuid4().hex[:12]}"
    plain = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{plain}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}"
    with psycopg.connect(f"{plain}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
