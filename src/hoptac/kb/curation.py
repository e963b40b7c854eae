"""Curation: people confirm, correct or reject what the extractor found, add facts by hand, merge or
split people. Every change is kept as a curation record and logged (who, when, before, after).

A fact is named by its article and a key that re-extraction gives again (a figure by its value and
class, a role by the person's name, the role and the unit...), and the knowledge base's rows are changed
at once. When an article is written again (re-ingest, re-extraction) the store calls `apply`, which
makes the same changes to the new rows: corrections survive. A fact added by hand gets an article of
its own ("manual-N") whose text is the source note, so every view shows it with that source.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, and_, delete, insert, select, update
from sqlalchemy.engine import Connection

from hoptac import facts as contract
from hoptac import resources
from hoptac.ingest import Article
from hoptac.kb import schema as s
from hoptac.kb import version
from hoptac.kb.merge import canonical_code
from hoptac.kb.users import User

FACT_KINDS = ("locality", "partnership", "person", "role", "agreement", "event", "figure", "field")
# What a correction may change, by kind of fact.
CORRECTABLE = {
    "figure": ("value", "class"),
    "role": ("role", "of"),
    "agreement": ("kind", "status"),
    "event": ("realis",),
}
ADDABLE = ("partnership", "agreement", "role", "figure")
MANUAL_PREFIX = "manual-"


class CurationError(ValueError):
    pass


@dataclass
class AuditEntry:
    at: datetime
    username: str
    action: str
    kind: str
    article: str | None
    fact_key: str
    before: Any
    after: Any
    note: str | None


# -- naming facts -------------------------------------------------------------------------------------
def figure_key(value: float, cls: str) -> str:
    return f"{value:.15g} {cls}"


def role_key(name_key: str, role: str, of: str | None) -> str:
    return f"{name_key}|{role}|{of or ''}"


def _where(conn: Connection, kind: str, article_id: int, key: str):
    """The table and the condition that select a fact's rows in one article."""
    if kind == "locality":
        return s.locality, and_(s.locality.c.article_id == article_id, s.locality.c.code == key)
    if kind == "partnership":
        code_a, _, code_b = key.partition(" ")
        t = s.partnership_mention
        return t, and_(t.c.article_id == article_id, t.c.code_a == code_a, t.c.code_b == code_b)
    if kind == "person":
        people = select(s.person.c.id).where(s.person.c.name_key == key)
        t = s.person_mention
        return t, and_(t.c.article_id == article_id, t.c.person_id.in_(people))
    if kind == "role":
        name_key, role, of = key.split("|")
        people = select(s.person.c.id).where(s.person.c.name_key == name_key)
        t = s.role
        of_matches = t.c.of_code == of if of else t.c.of_code.is_(None)
        return t, and_(t.c.article_id == article_id, t.c.person_id.in_(people), t.c.role == role, of_matches)
    if kind == "agreement":
        a, b, start, end = key.split()
        ag = s.agreement.c
        ids = select(ag.id).where(ag.a == a, ag.b == b, ag.start_year == int(start), ag.end_year == int(end))
        t = s.agreement_mention
        return t, and_(t.c.article_id == article_id, t.c.agreement_id.in_(ids))
    if kind == "event":
        t = s.event_mention
        return t, and_(t.c.article_id == article_id, t.c.event_id.in_(select(s.event.c.id).where(s.event.c.key == key)))
    if kind == "figure":
        value, _, cls = key.partition(" ")
        v = float(value)
        t = s.figure
        tolerance = 1e-9 * max(1.0, abs(v))
        return t, and_(t.c.article_id == article_id, t.c["class"] == cls,
                       t.c.value.between(v - tolerance, v + tolerance))
    if kind == "field":
        t = s.field_mention
        return t, and_(t.c.article_id == article_id, t.c.field == key)
    raise CurationError(f"unknown kind of fact: {kind!r}")


def _rows(conn: Connection, table, where) -> list[dict]:
    return [dict(row._mapping) for row in conn.execute(select(table).where(where))]


def _article_id(conn: Connection, article: str) -> int:
    row = conn.execute(select(s.article.c.id).where(s.article.c.ext_id == article)).first()
    if row is None:
        raise CurationError(f"no article {article!r}")
    return row[0]


def _log(conn: Connection, user: User, action: str, kind: str, article: str | None, key: str, before, after,
         note: str | None) -> None:
    conn.execute(insert(s.audit_log).values(
        at=datetime.now(), user_id=user.id, username=user.username, action=action, kind=kind, article=article,
        fact_key=key, before=_json(before), after=_json(after), note=note))
    version.bump(conn)  # every change is logged, so every change is seen by the pages kept


def _record(conn: Connection, user: User, kind: str, article: str | None, key: str, action: str,
            payload: dict, note: str | None) -> int:
    return conn.execute(insert(s.curation).values(
        kind=kind, article=article, fact_key=key, action=action, payload=_json(payload), note=note,
        user_id=user.id, created_at=datetime.now())).inserted_primary_key[0]


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


# -- the changes ----------------------------------------------------------------------------------------
def confirm(engine: Engine, user: User, article: str, kind: str, key: str, note: str | None = None) -> None:
    """Say the fact is right; it is marked so on its pages."""
    with engine.begin() as conn:
        table, where = _where(conn, kind, _article_id(conn, article), key)
        rows = _rows(conn, table, where)
        if not rows:
            raise CurationError(f"no {kind} {key!r} in article {article!r}")
        _record(conn, user, kind, article, key, "confirm", {}, note)
        _log(conn, user, "confirm", kind, article, key, rows, rows, note)


def reject(engine: Engine, user: User, article: str, kind: str, key: str, note: str | None = None) -> None:
    """The fact is wrong: its rows go, now and whenever the article is written again."""
    with engine.begin() as conn:
        article_id = _article_id(conn, article)
        before = _reject(conn, kind, article_id, key)
        if not before:
            raise CurationError(f"no {kind} {key!r} in article {article!r}")
        _record(conn, user, kind, article, key, "reject", {}, note)
        _log(conn, user, "reject", kind, article, key, before, None, note)


def _reject(conn: Connection, kind: str, article_id: int, key: str) -> list[dict]:
    table, where = _where(conn, kind, article_id, key)
    rows = _rows(conn, table, where)
    if kind == "person":  # a person who is not one takes their roles along
        roles = s.role
        person_ids = [r["person_id"] for r in rows]
        rows += _rows(conn, roles, and_(roles.c.article_id == article_id, roles.c.person_id.in_(person_ids)))
        conn.execute(delete(roles).where(roles.c.article_id == article_id, roles.c.person_id.in_(person_ids)))
    conn.execute(delete(table).where(where))
    return rows


def correct(engine: Engine, user: User, article: str, kind: str, key: str, changes: dict[str, Any],
            note: str | None = None) -> None:
    """Change what the extractor got wrong: a figure's value or class, a role or its unit, an agreement's
    kind or status, an event's realis."""
    changes = _valid_changes(kind, changes)
    with engine.begin() as conn:
        article_id = _article_id(conn, article)
        table, where = _where(conn, kind, article_id, key)
        before = _rows(conn, table, where)
        if not before:
            raise CurationError(f"no {kind} {key!r} in article {article!r}")
        _correct(conn, kind, article_id, key, changes)
        after = _rows(conn, table, table.c.id.in_([r["id"] for r in before]))
        _record(conn, user, kind, article, key, "correct", changes, note)
        _log(conn, user, "correct", kind, article, key, before, after, note)


def _valid_changes(kind: str, changes: dict[str, Any]) -> dict[str, Any]:
    allowed = CORRECTABLE.get(kind)
    if not allowed:
        raise CurationError(f"a {kind} cannot be corrected, only confirmed or rejected")
    out = {k: v for k, v in changes.items() if k in allowed and v not in (None, "")}
    if not out:
        raise CurationError(f"nothing to change: give one of {', '.join(allowed)}")
    checks = {"class": contract.FIGURE_CLASSES, "role": contract.ROLES, "kind": contract.AGREEMENT_KINDS,
              "status": contract.AGREEMENT_STATUSES, "realis": contract.REALIS}
    for name, value in out.items():
        if name in checks and value not in checks[name]:
            raise CurationError(f"{name} must be one of {', '.join(checks[name])}")
    if "value" in out:
        try:
            out["value"] = float(str(out["value"]).replace(",", "."))
        except ValueError as exc:
            raise CurationError("the value must be a number") from exc
    if "of" in out:
        out["of"] = _place_or_country(str(out["of"]))
    return out


def _place_or_country(code: str) -> str:
    code = code.strip().upper()
    gaz = resources.gazetteer()
    if code in gaz.places or code in gaz.country_names:
        return code
    raise CurationError(f"unknown place or country code: {code!r}")


def _correct(conn: Connection, kind: str, article_id: int, key: str, changes: dict[str, Any]) -> None:
    table, where = _where(conn, kind, article_id, key)
    values = dict(changes)
    if kind == "role" and "of" in values:
        values["of_code"] = values.pop("of")
        values["of_canonical"] = canonical_code(values["of_code"])
    conn.execute(update(table).where(where).values(**values))


def add_fact(engine: Engine, user: User, kind: str, values: dict[str, Any], note: str,
             published: date | None = None) -> str:
    """A fact the articles do not give, with a source note (who said it, where); it gets an article of
    its own, `manual-N`, whose text is the note. Returns that article's id."""
    from hoptac.kb.store import IngestSummary, Store, prepared  # the store applies curations: imported late

    if kind not in ADDABLE:
        raise CurationError(f"facts that can be added: {', '.join(ADDABLE)}")
    note = (note or "").strip()
    if len(note) < 10:
        raise CurationError("say where the fact comes from (a source note of at least 10 characters)")
    facts = _manual_facts(kind, values, note)
    with engine.begin() as conn:
        curation_id = _record(conn, user, kind, None, "", "add", {"values": values}, note)
        ext_id = f"{MANUAL_PREFIX}{curation_id}"
        conn.execute(update(s.curation).where(s.curation.c.id == curation_id).values(article=ext_id, fact_key=ext_id))
        _log(conn, user, "add", kind, ext_id, ext_id, None, values, note)
    article = Article(ext_id, note, title=f"Bổ sung thủ công: {note[:80]}", published=published or date.today(),
                      source=f"bổ sung bởi {user.username}")
    facts.id = ext_id
    facts.published = article.published
    Store(engine).write([prepared(article, facts)], IngestSummary())
    return ext_id


def _manual_facts(kind: str, values: dict[str, Any], note: str) -> contract.ArticleFacts:
    evidence = [contract.Evidence(0, 0, len(note))]
    out = contract.ArticleFacts(id="", text=note, sentences=[(0, len(note))])
    codes: list[str] = []
    if kind in ("partnership", "agreement"):
        a, b = _place_or_country(str(values.get("a", ""))), _place_or_country(str(values.get("b", "")))
        if len(a) == 2 or len(b) == 2 or a[:2] == b[:2]:
            raise CurationError("a partnership is between two localities of different countries")
        codes = [a, b]
        out.partnerships.append(contract.Partnership((a, b), list(evidence)))
        if kind == "agreement":
            try:
                start, end = int(values["start"]), int(values["end"])
            except (KeyError, ValueError) as exc:
                raise CurationError("an agreement needs its first and last year") from exc
            agreement_kind = values.get("kind") or "agreement"
            status = values.get("status") or "signed"
            if (start > end or agreement_kind not in contract.AGREEMENT_KINDS
                    or status not in contract.AGREEMENT_STATUSES):
                raise CurationError("an agreement needs start ≤ end, a known kind and a known status")
            out.agreements.append(contract.Agreement((a, b), start, end, agreement_kind, status, list(evidence)))
    elif kind == "role":
        name = " ".join(str(values.get("name", "")).split())
        role = values.get("role")
        if not name or role not in contract.ROLES:
            raise CurationError("a role needs a person's name and a known role")
        of = _place_or_country(str(values["of"])) if values.get("of") else None
        codes = [of] if of and len(of) > 2 else []
        title = str(values.get("title") or role)
        out.people.append(contract.Person(name, [contract.Role(role, of, title, list(evidence))], list(evidence)))
    elif kind == "figure":
        cls = values.get("class")
        try:
            value = float(str(values.get("value")).replace(",", "."))
        except ValueError as exc:
            raise CurationError("the value must be a number") from exc
        if cls not in contract.FIGURE_CLASSES:
            raise CurationError(f"class must be one of {', '.join(contract.FIGURE_CLASSES)}")
        out.figures.append(contract.Figure(value, cls, str(values.get("text") or f"{value:g}"),
                                           evidence=list(evidence)))
    gaz = resources.gazetteer()
    for code in codes:
        place = gaz.place(code)
        out.localities.append(contract.Locality(code, place.name if place else code, code[:2], list(evidence)))
    return out


def merge_people(engine: Engine, user: User, source_id: int, target_id: int, note: str | None = None) -> None:
    """Two records are one person: the first's mentions and roles move to the second, now and later."""
    if source_id == target_id:
        raise CurationError("a person cannot be merged with themselves")
    with engine.begin() as conn:
        people = {row[0]: row for row in conn.execute(
            select(s.person.c.id, s.person.c.name, s.person.c.anchor).where(s.person.c.id.in_([source_id, target_id])))}
        if len(people) != 2:
            raise CurationError("both people must exist")
        before = {"from": list(people[source_id]), "into": list(people[target_id])}
        _move_person(conn, source_id, target_id)
        key = f"{source_id}>{target_id}"
        _record(conn, user, "person", None, key, "merge", {"from": source_id, "into": target_id}, note)
        _log(conn, user, "merge", "person", None, key, before, {"into": list(people[target_id])}, note)


def split_person(engine: Engine, user: User, person_id: int, articles: list[str], note: str | None = None) -> int:
    """The record mixes two people: what `articles` say of it becomes a new person. Returns the new id."""
    with engine.begin() as conn:
        row = conn.execute(select(s.person).where(s.person.c.id == person_id)).first()
        if row is None:
            raise CurationError(f"no person {person_id}")
        article_ids = [_article_id(conn, a) for a in articles]
        if not article_ids:
            raise CurationError("name the articles that speak of the other person")
        curation_id = _record(conn, user, "person", None, str(person_id), "split",
                              {"person": person_id, "articles": articles}, note)
        new_id = conn.execute(insert(s.person).values(
            name_key=row.name_key, anchor=f"@split-{curation_id}", name=row.name, name_folded=row.name_folded)
        ).inserted_primary_key[0]
        payload = {"person": person_id, "articles": articles, "new": new_id}
        conn.execute(update(s.curation).where(s.curation.c.id == curation_id).values(payload=_json(payload)))
        _move_person(conn, person_id, new_id, article_ids)
        _log(conn, user, "split", "person", None, str(person_id), {"person": person_id},
             {"person": person_id, "new": new_id, "articles": articles}, note)
    return new_id


def _move_person(conn: Connection, source_id: int, target_id: int, article_ids: list[int] | None = None) -> None:
    for table in (s.person_mention, s.role):
        where = table.c.person_id == source_id
        if article_ids is not None:
            where = and_(where, table.c.article_id.in_(article_ids))
        conn.execute(update(table).where(where).values(person_id=target_id))


# -- after a write --------------------------------------------------------------------------------------
def apply(conn: Connection, articles: dict[str, int]) -> None:
    """Make the curations of these freshly written articles ({ext_id: id}) again, in the order they were
    made; then the merges and splits of people."""
    if not articles:
        return
    c = s.curation.c
    for kind, article, key, action, payload in conn.execute(
            select(c.kind, c.article, c.fact_key, c.action, c.payload)
            .where(c.article.in_(list(articles)), c.action.in_(("reject", "correct"))).order_by(c.id)):
        if action == "reject":
            _reject(conn, kind, articles[article], key)
        else:
            _correct(conn, kind, articles[article], key, json.loads(payload))
    ids = list(articles.values())
    for action, payload in conn.execute(select(c.action, c.payload).where(c.action.in_(("merge", "split")))
                                        .order_by(c.id)):
        moves = json.loads(payload)
        if action == "merge":
            _move_person(conn, moves["from"], moves["into"], ids)
        else:
            mine = [articles[a] for a in moves["articles"] if a in articles]
            if mine:
                _move_person(conn, moves["person"], moves["new"], mine)


# -- reading ----------------------------------------------------------------------------------------------
def history(engine: Engine, kind: str | None = None, article: str | None = None, key: str | None = None,
            limit: int = 200) -> list[AuditEntry]:
    """The audit log, the latest first: of one fact, of an article, or all of it."""
    a = s.audit_log.c
    conditions = []
    if kind:
        conditions.append(a.kind == kind)
    if article:
        conditions.append(a.article == article)
    if key:
        conditions.append(a.fact_key == key)
    query = select(a.at, a.username, a.action, a.kind, a.article, a.fact_key, a.before, a.after, a.note)
    if conditions:
        query = query.where(and_(*conditions))
    with engine.connect() as conn:
        rows = conn.execute(query.order_by(a.id.desc()).limit(limit)).all()
    return [AuditEntry(at, user, action, k, art, fk, json.loads(before) if before else None,
                       json.loads(after) if after else None, note)
            for at, user, action, k, art, fk, before, after, note in rows]


def person_history(engine: Engine, person_id: int) -> list[AuditEntry]:
    """Merges and splits that touched a person."""
    entries = history(engine, kind="person")
    mark = str(person_id)
    return [e for e in entries if e.fact_key == mark or mark in e.fact_key.split(">")]


def statuses(engine: Engine, article: str) -> dict[tuple[str, str], str]:
    """The latest word on each curated fact of an article: {(kind, key): "confirm" | "correct"}."""
    c = s.curation.c
    with engine.connect() as conn:
        rows = conn.execute(select(c.kind, c.fact_key, c.action).where(c.article == article).order_by(c.id)).all()
    return {(kind, key): action for kind, key, action in rows}
