"""Exporting the knowledge base as tables: JSON Lines, CSV or Parquet, one file per table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine, func, select

from hoptac.kb import schema as s

FORMATS = ("jsonl", "csv", "parquet")


def _tables() -> dict[str, object]:
    """The exported tables as SELECTs: merged records with their counts, and the facts per article."""
    a = s.article.c
    pm, am, em = s.partnership_mention.c, s.agreement_mention.c, s.event_mention.c
    return {
        "articles": select(a.ext_id.label("article"), a.title, a.published, a.url, a.source, a.content_hash),
        "partnerships": select(
            s.partnership.c.a, s.partnership.c.b, func.count(func.distinct(pm.article_id)).label("articles"),
            func.min(pm.seen_on).label("first_seen"), func.max(pm.seen_on).label("last_seen"),
        ).join_from(s.partnership, s.partnership_mention).group_by(s.partnership.c.id, s.partnership.c.a,
                                                                     s.partnership.c.b),
        "agreements": select(
            s.agreement.c.a, s.agreement.c.b, s.agreement.c.start_year, s.agreement.c.end_year,
            func.count(func.distinct(am.article_id)).label("articles"), func.min(am.seen_on).label("first_seen"),
            func.max(am.seen_on).label("last_seen"),
        ).join_from(s.agreement, s.agreement_mention).group_by(
            s.agreement.c.id, s.agreement.c.a, s.agreement.c.b, s.agreement.c.start_year, s.agreement.c.end_year),
        "agreement_mentions": select(
            s.agreement.c.a, s.agreement.c.b, s.agreement.c.start_year, s.agreement.c.end_year, am.kind, am.status,
            am.fields, a.ext_id.label("article"), am.sentence, am.start, am.end,
        ).join_from(s.agreement_mention, s.agreement).join(s.article, am.article_id == a.id),
        "people": select(s.person.c.id.label("person"), s.person.c.name, s.person.c.anchor),
        "roles": select(
            s.role.c.person_id.label("person"), s.person.c.name, s.role.c.role, s.role.c.of_code,
            s.role.c.of_canonical, s.role.c.title, s.role.c.seen_on, a.ext_id.label("article"), s.role.c.sentence,
            s.role.c.start, s.role.c.end,
        ).join_from(s.role, s.person).join(s.article, s.role.c.article_id == a.id),
        "events": select(
            s.event.c.id.label("event"), s.event.c.type, s.event.c.day, s.event.c.parties, em.realis,
            em.participants, a.ext_id.label("article"), em.sentence, em.start, em.end,
        ).join_from(s.event_mention, s.event).join(s.article, em.article_id == a.id),
        "localities": select(a.ext_id.label("article"), s.locality.c.code, s.locality.c.canonical,
                             s.locality.c.name, s.locality.c.sentence, s.locality.c.start, s.locality.c.end)
        .join_from(s.locality, s.article),
        "figures": select(a.ext_id.label("article"), s.figure.c.value, s.figure.c["class"], s.figure.c.text,
                          s.figure.c.qualifier, s.figure.c.sentence, s.figure.c.start, s.figure.c.end)
        .join_from(s.figure, s.article),
        "fields": select(a.ext_id.label("article"), s.field_mention.c.field, s.field_mention.c.sentence,
                         s.field_mention.c.start, s.field_mention.c.end).join_from(s.field_mention, s.article),
    }


def _rows(engine: Engine, query) -> Iterator[dict]:
    with engine.connect() as conn:
        result = conn.execution_options(yield_per=2000).execute(query)
        keys = list(result.keys())
        for row in result:
            yield dict(zip(keys, row, strict=True))


def _plain(value):
    return value.isoformat() if isinstance(value, date | datetime) else value


def export(engine: Engine, folder: str | Path, fmt: str) -> list[Path]:
    """Write every table to `folder` in `fmt`; the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, query in _tables().items():
        path = folder / f"{name}.{fmt}"
        rows = _rows(engine, query)
        if fmt == "jsonl":
            with path.open("w", encoding="utf-8") as out:
                for row in rows:
                    out.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            with path.open("w", encoding="utf-8", newline="") as out:
                writer = None
                for row in rows:
                    if writer is None:
                        writer = csv.DictWriter(out, fieldnames=list(row))
                        writer.writeheader()
                    writer.writerow({k: _plain(v) for k, v in row.items()})
                if writer is None:
                    out.write(",".join(c.name for c in query.selected_columns) + "\n")
        else:
            import pyarrow as pa  # optional: pip install 'hoptac[parquet]'
            import pyarrow.parquet as pq

            data = list(rows)
            columns = [c.name for c in query.selected_columns]
            table = pa.Table.from_pylist(data) if data else pa.table({c: pa.array([], pa.string()) for c in columns})
            pq.write_table(table, path)
        written.append(path)
    return written
