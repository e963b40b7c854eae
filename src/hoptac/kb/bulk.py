"""Fast inserts of many rows: the driver's own executemany on SQLite, COPY on PostgreSQL. The rows go
in the caller's transaction; SQLAlchemy's per-row parameter handling is skipped because an ingest
writes a hundred rows or more per article."""

from __future__ import annotations

from datetime import date, datetime
from operator import itemgetter

from sqlalchemy import Date, DateTime, Table
from sqlalchemy.engine import Connection


def _iso(value: date | datetime | None) -> str | None:
    # as SQLAlchemy's Date and DateTime store them in SQLite
    if value is None:
        return None
    return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()


def insert_rows(conn: Connection, table: Table, rows: list[dict]) -> None:
    """INSERT every row (dicts with the same keys) into `table`."""
    if not rows:
        return
    columns = list(rows[0])
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in columns)
    if conn.dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])
        return
    marks = ", ".join("?" for _ in columns)
    dated = [c for c in columns if isinstance(table.c[c].type, Date | DateTime)]
    if dated:
        rows = [{**row, **{c: _iso(row[c]) for c in dated}} for row in rows]
    values = itemgetter(*columns)
    conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})",
                         [values(row) for row in rows] if len(columns) > 1 else [(values(row),) for row in rows])
