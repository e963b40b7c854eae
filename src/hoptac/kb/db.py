"""Opening the knowledge base: the URL, the engine, the migrations, the place tables.

The URL is `--db`, else the HOPTAC_DB environment variable, else `sqlite:///hoptac.db` in the working
directory. PostgreSQL through `postgresql+psycopg://user@host/db`. An embedded SQLite file is
upgraded to the newest schema when it is opened; a server is upgraded with `hoptac db upgrade`.
"""

from __future__ import annotations

import os
from importlib import resources as pkg_resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, delete, event, insert
from sqlalchemy.engine import Connection, make_url

from hoptac import resources
from hoptac.kb import schema
from hoptac.kb.merge import canonical_code

DEFAULT_URL = "sqlite:///hoptac.db"


def database_url(url: str | None = None) -> str:
    return url or os.environ.get("HOPTAC_DB") or DEFAULT_URL


def is_sqlite(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str | None = None) -> Engine:
    url = database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers go on while a batch is written
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MB: index pages of a large base stay in memory
    # Copy the log into the base every 16 000 pages (64 MB), not every 1 000: a batch of an ingest writes
    # megabytes, and index pages changed by batch after batch are then copied once, not each time.
    cursor.execute("PRAGMA wal_autocheckpoint=16000")
    cursor.close()


def _alembic_config(connection: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(pkg_resources.files("hoptac.kb") / "migrations"))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    with pkg_resources.as_file(pkg_resources.files("hoptac.kb") / "migrations") as folder:
        cfg = Config()
        cfg.set_main_option("script_location", str(folder))
        return ScriptDirectory.from_config(cfg).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision and the place tables to the gazetteer."""
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")
        sync_places(connection)


def open_engine(url: str | None = None, *, auto_upgrade: bool | None = None) -> Engine:
    """The engine of a knowledge base, upgraded when it is an embedded SQLite file (or when asked)."""
    engine = make_engine(url)
    if auto_upgrade is None:
        auto_upgrade = is_sqlite(engine)
    if auto_upgrade and current_revision(engine) != head_revision():
        upgrade(engine)
    return engine


def sync_places(connection: Connection) -> None:
    """The place tables hold the gazetteer of this version of hoptac."""
    gaz = resources.gazetteer()
    connection.execute(delete(schema.place_era))
    connection.execute(delete(schema.place))
    places, eras = [], []
    for code, history in gaz.places.items():
        today = gaz.place(code)
        places.append({"code": code, "country": today.country, "name": today.name, "kind": today.kind,
                       "canonical": canonical_code(code)})
        eras += [{"code": code, "name": e.name, "kind": e.kind, "valid_from": e.valid_from, "valid_to": e.valid_to,
                  "successor": e.successor, "note": e.note} for e in history]
    connection.execute(insert(schema.place), places)
    connection.execute(insert(schema.place_era), eras)
