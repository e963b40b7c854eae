"""The tables of a Spark extraction, row by row: what `ArticleFacts` becomes and how it comes back.

Four tables, each row keyed by `record`, a number that orders the input as `hoptac extract` reads it
(`file_number << 32 | position`: the position is a line number in JSON Lines, a record in an archive):
- `articles`: one row per article: its metadata, `content_hash` (of the original text, as the
  knowledge base computes it), the normalised `text` the evidence points into, and its `sentences`.
- `facts`: one row per fact: `kind` (locality, partnership, agreement, person, figure, field), its
  `position` among the facts of that kind in the article, a JSON `payload`, and its `evidence`.
- `events`: one row per event, in typed columns, with its `position` and `evidence`.
- `rejects`: one row per record that could not be read or extracted: `origin`, `stage`, `reason`.

Rows are tuples in the order of the `*_COLUMNS` names (the Spark schema follows them); the reader
gets them back as dicts. Pure Python: the loader needs neither Spark nor the extractor.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from hoptac.facts import (
    Agreement,
    ArticleFacts,
    Event,
    Evidence,
    FieldMention,
    Figure,
    Locality,
    Partnership,
    Person,
    Role,
)

POSITION_BITS = 32
ARTICLE_COLUMNS = ("record", "origin", "id", "title", "published", "url", "source", "content_hash", "text",
                   "sentences", "warnings")
FACT_COLUMNS = ("record", "article_id", "kind", "position", "payload", "evidence")
EVENT_COLUMNS = ("record", "article_id", "position", "type", "parties", "participants", "date", "realis",
                 "trigger", "evidence")
REJECT_COLUMNS = ("record", "origin", "stage", "reason")
FACT_KINDS = ("locality", "partnership", "agreement", "person", "figure", "field")

Row = tuple[Any, ...]
EvidenceRow = tuple[int, int, int]


def record_number(file_number: int, position: int) -> int:
    """The sort key of an input record: files in reading order, then positions in the file."""
    return (file_number << POSITION_BITS) | position


# -- ArticleFacts → rows ---------------------------------------------------------------------------------
def _evidence_rows(evidence: list[Evidence]) -> list[EvidenceRow]:
    return [(e.sentence, e.start, e.end) for e in evidence]


# One encoder for all payloads: json.dumps with options makes a new one per call, and a job encodes millions.
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":"))


def _payload(value: dict[str, Any]) -> str:
    return _ENCODER.encode(value)


def _same(value: date | None) -> Any:
    return value


def article_row(record: int, origin: str, content_hash: str, facts: ArticleFacts, warnings: list[str],
                day: Callable[[date | None], Any] = _same) -> Row:
    """The article's row; `day` turns its date into what the writer wants (Spark takes day numbers)."""
    return (record, origin, facts.id, facts.title, day(facts.published), facts.url, facts.source, content_hash,
            facts.text, [(start, end) for start, end in facts.sentences], list(warnings))


def fact_rows(record: int, facts: ArticleFacts) -> list[Row]:
    """One row per fact (events apart). A figure's value is kept as extracted (not rounded as in JSON)."""
    def rows(kind: str, items: Iterable[Any], payload) -> list[Row]:
        return [(record, facts.id, kind, position, _payload(payload(item)), _evidence_rows(item.evidence))
                for position, item in enumerate(items)]

    return [
        *rows("locality", facts.localities, lambda x: {"code": x.code, "name": x.name, "country": x.country}),
        *rows("partnership", facts.partnerships, lambda x: {"parties": list(x.parties)}),
        *rows("agreement", facts.agreements, lambda x: {"parties": list(x.parties), "start": x.start,
                                                         "end": x.end, "kind": x.kind, "status": x.status}),
        *rows("person", facts.people, lambda x: {"name": x.name, "roles": [
            {"role": r.role, "of": r.of, "title": r.title, "evidence": _evidence_rows(r.evidence)}
            for r in x.roles]}),
        *rows("figure", facts.figures, lambda x: {"value": x.value, "class": x.cls, "text": x.text,
                                                   "unit": x.unit, "qualifier": x.qualifier}),
        *rows("field", facts.fields, lambda x: {"field": x.field}),
    ]


def event_rows(record: int, facts: ArticleFacts, day: Callable[[date | None], Any] = _same) -> list[Row]:
    return [(record, facts.id, position, e.type, list(e.parties), list(e.participants), day(e.date), e.realis,
             e.trigger, _evidence_rows(e.evidence)) for position, e in enumerate(facts.events)]


def reject_row(record: int | None, origin: str, stage: str, reason: str) -> Row:
    return (record, origin, stage, reason)


# -- rows → ArticleFacts ---------------------------------------------------------------------------------
def _evidence(items: Iterable[Any]) -> list[Evidence]:
    """Evidence from the Parquet structs (dicts) or from the JSON of a payload (lists)."""
    return [Evidence(e["sentence"], e["start"], e["end"]) if isinstance(e, dict) else Evidence(*e) for e in items]


def _fact(kind: str, payload: dict[str, Any], evidence: list[Evidence]) -> Any:
    if kind == "locality":
        return Locality(payload["code"], payload["name"], payload["country"], evidence)
    if kind == "partnership":
        return Partnership(tuple(payload["parties"]), evidence)
    if kind == "agreement":
        return Agreement(tuple(payload["parties"]), payload["start"], payload["end"], payload["kind"],
                         payload["status"], evidence)
    if kind == "person":
        roles = [Role(r["role"], r["of"], r["title"], _evidence(r["evidence"])) for r in payload["roles"]]
        return Person(payload["name"], roles, evidence)
    if kind == "figure":
        return Figure(payload["value"], payload["class"], payload["text"], payload["unit"], payload["qualifier"],
                      evidence)
    if kind == "field":
        return FieldMention(payload["field"], evidence)
    raise ValueError(f"unknown kind of fact {kind!r}")


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def article_facts(article: dict[str, Any], facts: Iterable[dict[str, Any]],
                  events: Iterable[dict[str, Any]]) -> ArticleFacts:
    """The facts of one article from its row and the rows of its facts and events (in any order)."""
    out = ArticleFacts(
        id=article["id"], text=article["text"], sentences=[(s["start"], s["end"]) for s in article["sentences"]],
        title=article["title"], published=_date(article["published"]), url=article["url"],
        source=article["source"],
    )
    lists = {"locality": out.localities, "partnership": out.partnerships, "agreement": out.agreements,
             "person": out.people, "figure": out.figures, "field": out.fields}
    for row in sorted(facts, key=lambda r: (r["kind"], r["position"])):
        lists[row["kind"]].append(_fact(row["kind"], json.loads(row["payload"]), _evidence(row["evidence"])))
    for row in sorted(events, key=lambda r: r["position"]):
        out.events.append(Event(row["type"], tuple(row["parties"]), list(row["participants"]), _date(row["date"]),
                                row["realis"], row["trigger"], _evidence(row["evidence"])))
    return out


def as_dicts(columns: tuple[str, ...], rows: Iterable[Row]) -> list[dict[str, Any]]:
    """Rows as the reader gets them from Parquet (structs as dicts), for tests and small jobs."""
    def plain(column: str, value: Any) -> Any:
        if column == "evidence":
            return [{"sentence": s, "start": a, "end": b} for s, a, b in value]
        if column == "sentences":
            return [{"start": a, "end": b} for a, b in value]
        return value

    return [{c: plain(c, v) for c, v in zip(columns, row, strict=True)} for row in rows]
