"""Writing articles and their facts into the knowledge base, in batches, each one transaction.

An article is known by its id and a hash of its content: the same article again changes nothing; a
changed one replaces its facts (its old mentions go with its old row). Killing the process at any
moment loses no committed batch and leaves no half-written one; a rerun skips what is stored.
"""

from __future__ import annotations

import gc
import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, delete, select, tuple_
from sqlalchemy.engine import Connection

from hoptac.batch import extract_all
from hoptac.facts import ArticleFacts
from hoptac.ingest import Article, Item, ReadError
from hoptac.kb import curation, schema, version
from hoptac.kb.bulk import insert_rows
from hoptac.kb.merge import canonical_code, event_key, pair_key, person_key
from hoptac.text.fold import fold

FIELD_REACH = 3  # sentences after an agreement's in which its fields are named ("Theo đó, ... lĩnh vực")


def content_hash(article: Article) -> str:
    h = hashlib.sha256()
    for part in (article.text, article.title or "", str(article.published or ""), article.url or "",
                 article.source or ""):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"read": self.read, "new": self.new, "replaced": self.replaced, "unchanged": self.unchanged,
                "failed": self.failed}


@dataclass
class _Prepared:
    article: Article
    digest: str
    facts: ArticleFacts


def prepared(article: Article, facts: ArticleFacts, digest: str | None = None) -> _Prepared:
    """An article and facts made elsewhere (a fact added by hand, a Spark job), ready for `Store.write`.
    `digest` is the article's `content_hash` when it was computed where the original text was."""
    return _Prepared(article, digest or content_hash(article), facts)


INGEST_GC_THRESHOLD = 10_000


class Store:
    """Writes batches of articles into one knowledge base (one writer at a time)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # Ids of merged records, loaded as needed and kept for the life of the store.
        self.ids: dict[str, dict] = {"partnership": {}, "agreement": {}, "person": {}, "event": {}}
        self.people_by_name: dict[str, list[tuple[str, int]]] = {}
        with engine.connect() as connection:
            hashes = connection.execute(select(schema.article.c.ext_id, schema.article.c.content_hash)).all()
            self.hashes = {ext_id: digest for ext_id, digest in hashes}
            people = schema.person.c
            for record_id, name_key, anchor in connection.execute(select(people.id, people.name_key, people.anchor)):
                self.ids["person"][(name_key, anchor)] = record_id
                self.people_by_name.setdefault(name_key, []).append((anchor, record_id))

    # -- the stream ------------------------------------------------------------------------------
    def ingest(self, items: Iterable[Item], *, workers: int = 1, batch_size: int = 200,
               summary: IngestSummary | None = None,
               on_progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
        """Store every article of `items`; bad ones are counted and reported, never fatal. Articles are
        extracted on `workers` processes and written `batch_size` at a time, each batch a transaction."""
        summary = summary or IngestSummary()
        tick = on_progress or (lambda _summary: None)

        digests: deque[str] = deque()  # of the articles sent to extraction, in order: one outcome each

        def changed() -> Iterator[Article]:
            for item in items:
                summary.read += 1
                if isinstance(item, ReadError):
                    summary.failed += 1
                    summary.errors.append((item.origin, item.reason))
                    tick(summary)
                    continue
                digest = content_hash(item)
                if self.is_stored(item.id, digest):
                    summary.unchanged += 1
                    tick(summary)
                else:
                    digests.append(digest)
                    yield item

        def extracted() -> Iterator[_Prepared | ReadError]:
            for outcome in extract_all(changed(), workers=workers, keep_facts=True):
                digest = digests.popleft()
                if outcome.error or outcome.facts is None:
                    yield ReadError(outcome.origin, outcome.error or "no facts")
                else:
                    yield _Prepared(outcome.article, digest, outcome.facts)

        return self.write_all(extracted(), batch_size=batch_size, summary=summary, on_progress=tick)

    def write_all(self, items: Iterable[_Prepared | ReadError], *, batch_size: int = 200,
                  summary: IngestSummary | None = None,
                  on_progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
        """Write extracted articles `batch_size` at a time, each batch a transaction; errors are counted
        as failed. The caller counts what it read and skips what is unchanged (see `is_stored`)."""
        summary = summary or IngestSummary()
        tick = on_progress or (lambda _summary: None)
        batch: list[_Prepared] = []
        thresholds = gc.get_threshold()
        # A batch's facts live until it is written, so the young collections, every 700 new objects by
        # default, walk them again and again: 8% of an ingest's time. Every 10 000 they cost 1%.
        gc.set_threshold(max(thresholds[0], INGEST_GC_THRESHOLD), *thresholds[1:])
        try:
            for item in items:
                if isinstance(item, ReadError):
                    summary.failed += 1
                    summary.errors.append((item.origin, item.reason))
                else:
                    batch.append(item)
                if len(batch) >= batch_size:
                    self.write(batch, summary)
                    batch = []
                tick(summary)
            if batch:
                self.write(batch, summary)
                tick(summary)
        finally:
            gc.set_threshold(*thresholds)
        return summary

    def is_stored(self, article_id: str, digest: str) -> bool:
        """Whether this article, with this content, is in the knowledge base already."""
        return self.hashes.get(article_id) == digest

    # -- one batch, one transaction ----------------------------------------------------------------
    def write(self, batch: list[_Prepared], summary: IngestSummary) -> None:
        # The same article twice in a batch: the last one counts.
        latest = {p.article.id: p for p in batch}
        batch = list(latest.values())
        with self.engine.begin() as conn:
            replaced = [p.article.id for p in batch if p.article.id in self.hashes]
            if replaced:
                conn.execute(delete(schema.article).where(schema.article.c.ext_id.in_(replaced)))
            now = datetime.now()
            rows = [{
                "ext_id": p.article.id, "content_hash": p.digest, "title": p.article.title,
                "published": p.article.published, "url": p.article.url, "source": p.article.source,
                "text": p.facts.text, "search_text": fold(f"{p.article.title or ''}\n{p.facts.text}"),
                "ingested_at": now,
            } for p in batch]
            insert_rows(conn, schema.article, rows)
            ids: dict[str, int] = {}
            for chunk in _chunks([p.article.id for p in batch], 500):
                ids.update(conn.execute(select(schema.article.c.ext_id, schema.article.c.id)
                                        .where(schema.article.c.ext_id.in_(chunk))).all())
            self._write_facts(conn, batch, [ids[p.article.id] for p in batch])
            curation.apply(conn, {p.article.id: ids[p.article.id] for p in batch})
            version.bump(conn)
        for p in batch:
            if p.article.id in self.hashes:
                summary.replaced += 1
            else:
                summary.new += 1
            self.hashes[p.article.id] = p.digest

    def _write_facts(self, conn: Connection, batch: list[_Prepared], article_ids: list[int]) -> None:
        rows: dict[str, list[dict]] = {t.name: [] for t in schema.MENTION_TABLES}
        pending: dict[str, list[tuple[dict, str, dict]]] = {"partnership": [], "agreement": [], "event": [],
                                                            "person": []}
        for p, article_id in zip(batch, article_ids, strict=True):
            facts, seen_on = p.facts, p.article.published
            codes = set()
            for loc in facts.localities:
                canonical = canonical_code(loc.code)
                codes.add(canonical)
                rows["locality"].append({"article_id": article_id, "code": loc.code, "canonical": canonical,
                                         "name": loc.name, **_ev(loc.evidence)})
            for ps in facts.partnerships:
                key = pair_key(*ps.parties)
                pending["partnership"].append((
                    {"a": key[0], "b": key[1]}, "partnership_mention",
                    {"article_id": article_id, "code_a": ps.parties[0], "code_b": ps.parties[1],
                     "seen_on": seen_on, **_ev(ps.evidence)}))
            for ag in facts.agreements:
                key = pair_key(*ag.parties)
                sentence = ag.evidence[0].sentence
                fields = sorted({f.field for f in facts.fields for e in f.evidence
                                 if sentence <= e.sentence <= sentence + FIELD_REACH})
                pending["agreement"].append((
                    {"a": key[0], "b": key[1], "start_year": ag.start, "end_year": ag.end}, "agreement_mention",
                    {"article_id": article_id, "kind": ag.kind, "status": ag.status, "code_a": ag.parties[0],
                     "code_b": ag.parties[1], "fields": " ".join(fields), "seen_on": seen_on, **_ev(ag.evidence)}))
            for index, ev in enumerate(facts.events):
                parties = tuple(sorted({canonical_code(c) for c in ev.parties}))
                key = event_key(ev.type, parties, ev.date, p.article.id, index)
                pending["event"].append((
                    {"key": key, "type": ev.type, "parties": " ".join(parties), "day": ev.date}, "event_mention",
                    {"article_id": article_id, "realis": ev.realis, "trigger": ev.trigger,
                     "participants": "; ".join(ev.participants), "seen_on": seen_on, **_ev(ev.evidence)}))
            for person in facts.people:
                identity = self._person_identity(person, codes, p.article.id)
                pending["person"].append((identity, "person_mention",
                                          {"article_id": article_id, "name": person.name, "seen_on": seen_on,
                                           **_ev(person.evidence)}))
                for r in person.roles:
                    pending["person"].append((identity, "role", {
                        "article_id": article_id, "role": r.role, "of_code": r.of,
                        "of_canonical": canonical_code(r.of) if r.of else None, "title": r.title,
                        "seen_on": seen_on, **_ev(r.evidence)}))
            for fig in facts.figures:
                rows["figure"].append({"article_id": article_id, "value": fig.value, "class": fig.cls,
                                       "text": fig.text, "unit": fig.unit, "qualifier": fig.qualifier,
                                       **_ev(fig.evidence)})
            for fm in facts.fields:
                rows["field_mention"].append({"article_id": article_id, "field": fm.field, **_ev(fm.evidence)})
        for kind, items in pending.items():
            ids = self._resolve(conn, kind, [identity for identity, _, _ in items])
            for (_identity, table, row), record_id in zip(items, ids, strict=True):
                rows[table].append({f"{kind}_id": record_id, **row})
        for table in schema.MENTION_TABLES:
            insert_rows(conn, table, rows[table.name])

    # -- merged records ---------------------------------------------------------------------------
    def _person_identity(self, person, codes: set[str], article_ext_id: str) -> dict:
        name_key = person_key(person.name)
        anchor = next((canonical_code(r.of) for r in person.roles if r.of and r.role != "other"), None)
        anchor = anchor or next((canonical_code(r.of) for r in person.roles if r.of and len(r.of) > 2), None)
        if anchor is None:
            known = [a for a, _ in self.people_by_name.get(name_key, []) if a in codes]
            anchor = known[0] if len(known) == 1 else f"@{article_ext_id}"
        return {"name_key": name_key, "anchor": anchor, "name": person.name, "name_folded": fold(name_key)}

    def _resolve(self, conn: Connection, kind: str, identities: list[dict]) -> list[int]:
        """The ids of merged records for these identities, creating the missing ones."""
        table = getattr(schema, kind)
        key_columns = _KEYS[kind]
        cache = self.ids[kind]
        keys = [tuple(identity[c] for c in key_columns) for identity in identities]
        missing = {k: identity for k, identity in zip(keys, identities, strict=True) if k not in cache}
        if missing:
            columns = [table.c[c] for c in key_columns]
            wanted = list(missing)
            for chunk in _chunks(wanted, 400):
                for row in _lookup(conn, table, columns, chunk):
                    cache[tuple(row[1:])] = row[0]
            new = [missing[k] for k in wanted if k not in cache]
            if new:
                insert_rows(conn, table, new)
                for chunk in _chunks([k for k in wanted if k not in cache], 400):
                    for row in _lookup(conn, table, columns, chunk):
                        cache[tuple(row[1:])] = row[0]
                if kind == "event":
                    insert_rows(conn, schema.event_party, [{"event_id": cache[(e["key"],)], "code": code}
                                                           for e in new for code in e["parties"].split()])
            if kind == "person":
                for k in wanted:
                    entries = self.people_by_name.setdefault(k[0], [])
                    if (k[1], cache[k]) not in entries:
                        entries.append((k[1], cache[k]))
        return [cache[k] for k in keys]


def _lookup(conn: Connection, table, columns: list, keys: list[tuple]):
    """The rows (id, *key) of the records with these keys. SQLite scans the whole table for a row-value
    IN, `(a, b) IN ((?, ?), ...)`, so there the keys are joined as a list of values, which searches the
    unique index on the key once per key; PostgreSQL searches the index for either."""
    if len(columns) == 1 or conn.dialect.name != "sqlite":
        return conn.execute(select(table.c.id, *columns).where(tuple_(*columns).in_(keys)))
    names = [column.name for column in columns]
    one = f"({', '.join('?' * len(names))})"
    sql = (f"WITH wanted({', '.join(f'k{i}' for i in range(len(names)))}) AS (VALUES {', '.join([one] * len(keys))}) "
           f"SELECT t.id, {', '.join(f't.{n}' for n in names)} FROM {table.name} AS t JOIN wanted ON "
           + " AND ".join(f"t.{n} = wanted.k{i}" for i, n in enumerate(names)))
    return conn.exec_driver_sql(sql, tuple(value for key in keys for value in key))


_KEYS = {
    "partnership": ("a", "b"),
    "agreement": ("a", "b", "start_year", "end_year"),
    "event": ("key",),
    "person": ("name_key", "anchor"),
}


def _ev(evidence: list) -> dict:
    """The first evidence in columns, the others in `more` ("sentence:start-end ...")."""
    first = evidence[0]
    more = " ".join([f"{e.sentence}:{e.start}-{e.end}" for e in evidence[1:]]) if len(evidence) > 1 else None
    return {"sentence": first.sentence, "start": first.start, "end": first.end, "more": more}


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]

