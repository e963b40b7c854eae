"""Shared fixtures: the pipeline (built once) and the bundled sample articles."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from hoptac import default_pipeline
from hoptac.extract.document import Document
from hoptac.testing import PostgresUnavailable, new_database, throwaway_postgres

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
@pytest.fixture(scope="session")
def postgres_server():
    """A throw-away PostgreSQL server for the session (hoptac.testing). `make test` installs Debian's
    package when it is missing; without it these tests fail, they are never skipped."""
    try:
        with throwaway_postgres() as url:
            yield url
    except PostgresUnavailable as exc:
        pytest.fail(str(exc))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A new, empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kb.db'}"
        return
    with new_database(request.getfixturevalue("postgres_server")) as url:
        yield url
