"""Paged lists and single records for browsing the knowledge base: places, events, people, articles,
and one article with every fact it gave. The web application's API and pages call these; like
`hoptac.kb.queries` they return plain dataclasses that serialise to JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

from sqlalchemy import Engine, and_, func, literal, or_, select
from sqlalchemy.engine import Connection

from hoptac.kb import schema as s
from hoptac.kb.curation import figure_key, role_key
from hoptac.kb.merge import pair_key
from hoptac.kb.queries import (
    EventRecord,
    PersonRecord,
    Source,
    _events,
    _fill_quotes,
    _people,
    place_label,
    resolve_place,
)
from hoptac.text.fold import fold

T = TypeVar("T")
MAX_LIMIT = 200


@dataclass
class Page(Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass
class PlaceSummary:
    code: str
    name: str
    country: str
    articles: int
    partners: int


@dataclass
class PersonSummary:
    id: int
    name: str
    anchor: str
    anchor_name: str
    articles: int


@dataclass
class ArticleSummary:
    id: str
    title: str | None
    published: date | None
    url: str | None
    source: str | None


@dataclass
class FactSpan:
    """A fact as the article states it: what kind, a label, where, and the page that shows it."""

    kind: str  # locality, partnership, person, role, agreement, event, figure, field
    label: str
    sentence: int
    start: int
    end: int
    target: dict[str, str] = field(default_factory=dict)  # {"place": code} / {"a":, "b":} / {"person": id}
    key: str = ""  # the fact's identity within the article (curation refers to it)


@dataclass
class ArticleRecord(ArticleSummary):
    text: str = ""
    facts: list[FactSpan] = field(default_factory=list)


def clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_LIMIT)), max(0, offset)


def places(engine: Engine, country: str | None = None, limit: int = 50, offset: int = 0) -> Page[PlaceSummary]:
    """The places the articles name, the most reported first (merged units count as today's unit)."""
    limit, offset = clamp(limit, offset)
    loc, p = s.locality.c, s.partnership.c
    where = literal(True) if not country else func.substr(loc.canonical, 1, 2) == country.upper()
    with engine.connect() as conn:
        total = conn.execute(select(func.count(func.distinct(loc.canonical))).where(where)).scalar_one()
        rows = conn.execute(
            select(loc.canonical, func.count(func.distinct(loc.article_id)).label("n")).where(where)
            .group_by(loc.canonical).order_by(func.count(func.distinct(loc.article_id)).desc(), loc.canonical)
            .limit(limit).offset(offset)).all()
        codes = [r[0] for r in rows]
        partners: dict[str, int] = {}
        for a, b in conn.execute(select(p.a, p.b).where(or_(p.a.in_(codes), p.b.in_(codes)))):
            for code in (a, b):
                partners[code] = partners.get(code, 0) + 1
    return Page([PlaceSummary(code, place_label(code), code[:2], n, partners.get(code, 0)) for code, n in rows],
                total, limit, offset)


def events(engine: Engine, place: str | None = None, kind: str | None = None, since: date | None = None,
           until: date | None = None, limit: int = 50, offset: int = 0) -> Page[EventRecord]:
    """Meetings, visits, signings, awards... the latest first, filtered by place, type and day."""
    limit, offset = clamp(limit, offset)
    e = s.event.c
    conditions = []
    if place:
        code = resolve_place(place)
        conditions.append(e.id.in_(select(s.event_party.c.event_id).where(s.event_party.c.code == code)))
    if kind:
        conditions.append(e.type == kind)
    if since:
        conditions.append(e.day >= since)
    if until:
        conditions.append(e.day <= until)
    where = and_(literal(True), *conditions)
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(s.event).where(where)).scalar_one()
        # the order of _events: the day, else the day the first report was published
        when = func.max(func.coalesce(e.day, s.article.c.published))
        ids = [row[0] for row in conn.execute(
            select(e.id).join_from(s.event, s.event_mention).join(s.article).where(where).group_by(e.id)
            .order_by(when.desc().nulls_last(), e.id).limit(limit).offset(offset))]
        records = _events(conn, ids)
        _fill_quotes(conn, [src for rec in records for src in rec.sources])
    return Page(records, total, limit, offset)


def recent_events(engine: Engine, limit: int = 10) -> list[EventRecord]:
    return events(engine, limit=limit).items


def people(engine: Engine, place: str | None = None, name: str | None = None, limit: int = 50,
           offset: int = 0) -> Page[PersonSummary]:
    """People by the province (or country) their offices anchor them to, or by a part of their name."""
    limit, offset = clamp(limit, offset)
    pe, pm = s.person.c, s.person_mention.c
    conditions = []
    if place:
        conditions.append(pe.anchor == resolve_place(place))
    if name:
        conditions.append(pe.name_folded.contains(" ".join(fold(name).split())))
    where = and_(literal(True), *conditions)
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(s.person).where(where)).scalar_one()
        rows = conn.execute(
            select(pe.id, pe.name, pe.anchor, func.count(func.distinct(pm.article_id)))
            .join_from(s.person, s.person_mention).where(where).group_by(pe.id, pe.name, pe.anchor)
            .order_by(func.count(func.distinct(pm.article_id)).desc(), pe.name).limit(limit).offset(offset)).all()
    return Page([PersonSummary(pid, name_, anchor, place_label(anchor), n) for pid, name_, anchor, n in rows],
                total, limit, offset)


def person_by_id(engine: Engine, person_id: int) -> PersonRecord | None:
    with engine.connect() as conn:
        found = _people(conn, [person_id])
        _fill_quotes(conn, [src for p in found for span in p.roles for src in span.sources])
    return found[0] if found else None


def articles(engine: Engine, place: str | None = None, since: date | None = None, until: date | None = None,
             limit: int = 50, offset: int = 0) -> Page[ArticleSummary]:
    """Articles, the latest first, of a place and a period."""
    limit, offset = clamp(limit, offset)
    a = s.article.c
    conditions = []
    if place:
        code = resolve_place(place)
        conditions.append(a.id.in_(select(s.locality.c.article_id).where(s.locality.c.canonical == code)))
    if since:
        conditions.append(a.published >= since)
    if until:
        conditions.append(a.published <= until)
    where = and_(literal(True), *conditions)
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(s.article).where(where)).scalar_one()
        rows = conn.execute(select(a.ext_id, a.title, a.published, a.url, a.source).where(where)
                            .order_by(a.published.desc().nulls_last(), a.ext_id).limit(limit).offset(offset)).all()
    return Page([ArticleSummary(*row) for row in rows], total, limit, offset)


def article(engine: Engine, ext_id: str) -> ArticleRecord | None:
    """One article with its text and every fact it gave, each with its place in the text."""
    a = s.article.c
    with engine.connect() as conn:
        row = conn.execute(select(a.id, a.ext_id, a.title, a.published, a.url, a.source, a.text)
                           .where(a.ext_id == ext_id)).first()
        if row is None:
            return None
        record = ArticleRecord(row[1], row[2], row[3], row[4], row[5], text=row[6])
        record.facts = _article_facts(conn, row[0])
    return record


def _article_facts(conn: Connection, article_id: int) -> list[FactSpan]:
    facts: list[FactSpan] = []
    loc = s.locality.c
    for code, canonical, name, sent, start, end in conn.execute(
            select(loc.code, loc.canonical, loc.name, loc.sentence, loc.start, loc.end)
            .where(loc.article_id == article_id)):
        facts.append(FactSpan("locality", f"{name} ({code})", sent, start, end, {"place": canonical}, code))
    p, pm = s.partnership.c, s.partnership_mention.c
    for a_, b_, code_a, code_b, sent, start, end in conn.execute(
            select(p.a, p.b, pm.code_a, pm.code_b, pm.sentence, pm.start, pm.end)
            .join_from(s.partnership_mention, s.partnership).where(pm.article_id == article_id)):
        label = f"{place_label(code_a)} – {place_label(code_b)}"
        facts.append(FactSpan("partnership", label, sent, start, end, {"a": a_, "b": b_}, f"{code_a} {code_b}"))
    pe, pmn = s.person.c, s.person_mention.c
    for pid, name_key, name, sent, start, end in conn.execute(
            select(pe.id, pe.name_key, pmn.name, pmn.sentence, pmn.start, pmn.end)
            .join_from(s.person_mention, s.person).where(pmn.article_id == article_id)):
        facts.append(FactSpan("person", name, sent, start, end, {"person": str(pid)}, name_key))
    r = s.role.c
    for pid, name_key, role, of_code, title, sent, start, end in conn.execute(
            select(r.person_id, pe.name_key, r.role, r.of_code, r.title, r.sentence, r.start, r.end)
            .join_from(s.role, s.person).where(r.article_id == article_id)):
        label = f"{title} ({role}{', ' + of_code if of_code else ''})"
        facts.append(FactSpan("role", label, sent, start, end, {"person": str(pid)},
                              role_key(name_key, role, of_code)))
    ag, am = s.agreement.c, s.agreement_mention.c
    for a_, b_, start_year, end_year, kind, status, sent, start, end in conn.execute(
            select(ag.a, ag.b, ag.start_year, ag.end_year, am.kind, am.status, am.sentence, am.start, am.end)
            .join_from(s.agreement_mention, s.agreement).where(am.article_id == article_id)):
        label = f"{kind} {start_year}–{end_year} ({status})"
        facts.append(FactSpan("agreement", label, sent, start, end, {"a": a_, "b": b_},
                              f"{a_} {b_} {start_year} {end_year}"))
    e, em = s.event.c, s.event_mention.c
    for key, etype, parties, day, realis, trigger, sent, start, end in conn.execute(
            select(e.key, e.type, e.parties, e.day, em.realis, em.trigger, em.sentence, em.start, em.end)
            .join_from(s.event_mention, s.event).where(em.article_id == article_id)):
        codes = parties.split()
        target = {"a": codes[0], "b": codes[1]} if len(codes) == 2 else {}
        label = f"{etype} ({realis}{', ' + day.isoformat() if day else ''}): {trigger}"
        facts.append(FactSpan("event", label, sent, start, end, target, key))
    f = s.figure.c
    for value, cls, text_, sent, start, end in conn.execute(
            select(f.value, f["class"], f.text, f.sentence, f.start, f.end).where(f.article_id == article_id)):
        facts.append(FactSpan("figure", f"{text_} = {value:g} ({cls})", sent, start, end, {}, figure_key(value, cls)))
    fm = s.field_mention.c
    for field_, sent, start, end in conn.execute(
            select(fm.field, fm.sentence, fm.start, fm.end).where(fm.article_id == article_id)):
        facts.append(FactSpan("field", field_, sent, start, end, {}, field_))
    facts.sort(key=lambda x: (x.start, -x.end, x.kind))
    return facts


def partnership_figures(engine: Engine, a: str, b: str, limit: int = 100) -> list[tuple[float, str, str, Source]]:
    """Figures stated in the articles that report the partnership: (value, class, text, source)."""
    code_a, code_b = pair_key(resolve_place(a), resolve_place(b))
    f, pm, art, p = s.figure.c, s.partnership_mention.c, s.article.c, s.partnership.c
    articles_of_pair = (select(pm.article_id).join_from(s.partnership_mention, s.partnership)
                        .where(p.a == code_a, p.b == code_b))
    with engine.connect() as conn:
        rows = conn.execute(
            select(f.value, f["class"], f.text, art.ext_id, art.title, art.published, art.url, f.sentence, f.start,
                   f.end)
            .join_from(s.figure, s.article).where(f.article_id.in_(articles_of_pair))
            .order_by(art.published.desc().nulls_last(), f.id).limit(limit)).all()
        out = [(row[0], row[1], row[2], Source(*row[3:])) for row in rows]
        _fill_quotes(conn, [src for *_, src in out])
    return out
