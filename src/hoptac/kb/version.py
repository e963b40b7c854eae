"""The data version of a knowledge base: a token that changes with every write of facts (an ingest
batch, a curation), in the same transaction, so that the faces can keep what they computed from the
facts until it changes (the web application keeps its pages)."""

from __future__ import annotations

from uuid import uuid4

from sqlalchemy import Engine, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from hoptac.kb import schema

NAME = "data_version"


def bump(conn: Connection) -> None:
    """Give the knowledge base a new data version (call it in the transaction that writes)."""
    insert = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
    statement = insert(schema.app_setting).values(name=NAME, value=uuid4().hex)
    conn.execute(statement.on_conflict_do_update(index_elements=["name"], set_={"value": statement.excluded.value}))


def current(engine: Engine) -> str:
    """The data version now ("" before anything was written)."""
    with engine.connect() as conn:
        return conn.execute(select(schema.app_setting.c.value).where(schema.app_setting.c.name == NAME)).scalar() or ""
