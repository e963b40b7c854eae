"""The questions the knowledge base answers. The command line, the web application and the dossier
call these functions; each returns plain dataclasses that serialise to JSON.

A place may be given by its code or any spelling ("LA-CH", "Champasak", "Chăm-pa-sắc", "an giang");
it stands for the unit that carries it today and its whole history (An Giang with Kiên Giang).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import Engine, and_, func, literal, or_, select, text
from sqlalchemy.engine import Connection

from hoptac import resources
from hoptac.kb import schema as s
from hoptac.kb.db import is_sqlite
from hoptac.kb.merge import canonical_code, history_codes, pair_key, person_key
from hoptac.text.fold import fold

IN_FORCE = ("signed", "in_force", "reviewed")
CODE_RE = re.compile(r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$")


class UnknownPlace(ValueError):
    pass


def resolve_place(name: str) -> str:
    """The canonical code of a place given by code or spelling; UnknownPlace when there is none."""
    gaz = resources.gazetteer()
    raw = name.strip()
    if CODE_RE.match(raw) and raw.upper() in gaz.places:
        return canonical_code(raw.upper())
    key = tuple(fold(w) for w in resources.syllables(raw))
    candidates = [sp.code for sp in gaz.spellings.get(key, ()) if sp.code != "-"]
    if not candidates:
        glued = ("".join(key),)
        candidates = [sp.code for sp in gaz.spellings.get(glued, ()) if sp.code != "-"]
    if not candidates:
        for code, eras in gaz.places.items():
            if any(tuple(fold(w) for w in resources.syllables(e.name)) == key for e in eras):
                candidates.append(code)
    if not candidates:
        raise UnknownPlace(f"unknown place: {name!r} (give an ISO 3166-2 code or a spelling, e.g. LA-CH, Champasak)")
    return canonical_code(candidates[0])


@dataclass
class PlaceEra:
    code: str
    name: str
    kind: str
    valid_from: date | None
    valid_to: date | None
    successor: str | None


def place_history(place: str) -> list[PlaceEra]:
    """The units whose territory a place carries today, each in each of its eras: An Giang (to 30 June
    2025 and from 1 July 2025) and Kiên Giang (to 30 June 2025, then An Giang)."""
    gaz = resources.gazetteer()
    code = resolve_place(place)
    eras = [PlaceEra(c, e.name, e.kind, e.valid_from, e.valid_to, e.successor)
            for c in sorted(history_codes(code), key=lambda c: (c != code, c)) for e in gaz.history(c)]
    return eras


def place_label(code: str | None) -> str:
    if not code:
        return ""
    gaz = resources.gazetteer()
    place = gaz.place(code)
    return place.name if place is not None else gaz.country_names.get(code, code)


@dataclass
class Source:
    article: str
    title: str | None
    published: date | None
    url: str | None
    sentence: int
    start: int
    end: int
    quote: str = ""


@dataclass
class AgreementRecord:
    parties: tuple[str, str]
    start: int
    end: int
    kind: str
    status: str
    fields: list[str]
    first_seen: date | None
    last_seen: date | None
    sources: list[Source] = field(default_factory=list)


@dataclass
class EventRecord:
    type: str
    day: date | None
    parties: list[str]
    realis: str
    participants: list[str]
    sources: list[Source] = field(default_factory=list)


@dataclass
class Partner:
    code: str
    name: str
    codes_seen: list[str]
    articles: int
    first_seen: date | None
    last_seen: date | None
    latest_event: EventRecord | None
    agreements_in_force: list[AgreementRecord]


@dataclass
class RoleSpan:
    role: str
    of: str | None
    of_name: str
    titles: list[str]
    first_seen: date | None
    last_seen: date | None
    sources: list[Source] = field(default_factory=list)


@dataclass
class PersonRecord:
    id: int
    name: str
    names: list[str]
    anchor: str
    roles: list[RoleSpan]
    articles: int


@dataclass
class PartnershipTimeline:
    a: str
    b: str
    names: tuple[str, str]
    articles: int
    first_seen: date | None
    last_seen: date | None
    events: list[EventRecord]
    agreements: list[AgreementRecord]
    people: list[PersonRecord]


@dataclass
class SearchHit:
    article: str
    title: str | None
    published: date | None
    url: str | None
    snippet: str


def to_dict(value) -> dict:
    return asdict(value)


# -- helpers ----------------------------------------------------------------------------------------
SOURCES_PER_RECORD = 10


def _source_columns(table) -> list:
    """Columns that make a Source, after the record's own columns (the quote is filled in later)."""
    a = s.article.c
    return [a.ext_id, a.title, a.published, a.url, table.c.sentence, table.c.start, table.c.end]


def _add_source(sources: list[Source], row) -> None:
    """Keep up to SOURCES_PER_RECORD sources, one per article, from a row ending in _source_columns."""
    if len(sources) < SOURCES_PER_RECORD and all(src.article != row[-7] for src in sources):
        sources.append(Source(*row[-7:]))


def _fill_quotes(conn: Connection, sources: list[Source]) -> None:
    """The words each source points to, in one query for all of them (not per mention row: reading
    an article's text is the costly part)."""
    articles = sorted({src.article for src in sources})
    texts: dict[str, str] = {}
    for chunk in (articles[i:i + 500] for i in range(0, len(articles), 500)):
        texts.update(conn.execute(select(s.article.c.ext_id, s.article.c.text)
                                  .where(s.article.c.ext_id.in_(chunk))).all())
    for src in sources:
        src.quote = texts.get(src.article, "")[src.start:src.end]


def _agreements(conn: Connection, where) -> list[AgreementRecord]:
    """Agreements that match `where`, each with its latest status, fields and sources (one query)."""
    ag, m, a = s.agreement.c, s.agreement_mention.c, s.article.c
    rows = conn.execute(
        select(ag.id, ag.a, ag.b, ag.start_year, ag.end_year, m.kind, m.status, m.fields,
               *_source_columns(s.agreement_mention))
        .join_from(s.agreement, s.agreement_mention).join(s.article, m.article_id == a.id)
        .where(where).order_by(ag.id, a.published.nulls_first(), m.id)
    ).all()
    records: dict[int, AgreementRecord] = {}
    for row in rows:
        rid, pa, pb, start, end, kind, status, fields = row[:8]
        published = row[10]
        rec = records.get(rid)
        if rec is None:
            rec = records[rid] = AgreementRecord((pa, pb), start, end, kind, status, [], published, published)
        rec.status = status  # the latest article's word
        rec.last_seen = published or rec.last_seen
        rec.first_seen = rec.first_seen or published
        rec.fields = sorted(set(rec.fields) | set(fields.split()))
        _add_source(rec.sources, row)
    for rec in records.values():
        rec.sources.reverse()  # the latest first
    return sorted(records.values(), key=lambda r: (r.start, r.end, r.parties))


def _events(conn: Connection, event_ids, limit: int | None = None) -> list[EventRecord]:
    """Events among `event_ids` (a list or a subquery), the latest first, with sources (one query)."""
    e, m, a = s.event.c, s.event_mention.c, s.article.c
    when = func.coalesce(e.day, a.published)
    query = (select(e.id, e.type, e.day, e.parties, m.realis, m.participants, *_source_columns(s.event_mention))
             .join_from(s.event, s.event_mention).join(s.article, m.article_id == a.id)
             .where(e.id.in_(event_ids)).order_by(when.desc().nulls_last(), e.id))
    if limit is not None:
        latest = (select(e.id).join_from(s.event, s.event_mention).join(s.article, m.article_id == a.id)
                  .where(e.id.in_(event_ids)).group_by(e.id).order_by(func.max(when).desc().nulls_last())
                  .limit(limit))
        query = query.where(e.id.in_(latest))
    records: dict[int, EventRecord] = {}
    for row in conn.execute(query):
        rid, etype, day, parties, realis, participants = row[:6]
        rec = records.get(rid)
        if rec is None:
            rec = records[rid] = EventRecord(etype, day, parties.split(), realis, [])
        for p in filter(None, participants.split("; ")):
            if p not in rec.participants:
                rec.participants.append(p)
        _add_source(rec.sources, row)
    return list(records.values())


def _pair_event_ids(code_a: str, code_b: str):
    p1, p2 = s.event_party.alias("p1"), s.event_party.alias("p2")
    return (select(p1.c.event_id).join(p2, p1.c.event_id == p2.c.event_id)
            .where(p1.c.code == code_a, p2.c.code == code_b))


def _pair_where(table, a: str, b: str):
    return and_(table.c.a == a, table.c.b == b)


# -- the questions ----------------------------------------------------------------------------------
def partners(engine: Engine, place: str, on: date | None = None) -> tuple[str, list[Partner]]:
    """The partners of a place: articles reporting each, the latest event, the agreements in force."""
    code = resolve_place(place)
    on = on or date.today()
    p, m, a = s.partnership.c, s.partnership_mention.c, s.article.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(p.id, p.a, p.b, func.count(func.distinct(m.article_id)), func.min(a.published),
                   func.max(a.published))
            .join_from(s.partnership, s.partnership_mention).join(s.article, m.article_id == a.id)
            .where(or_(p.a == code, p.b == code)).group_by(p.id, p.a, p.b)
            .order_by(func.count(func.distinct(m.article_id)).desc())
        ).all()
        seen: dict[int, set[str]] = {}
        for pid, code_a, code_b in conn.execute(
                select(m.partnership_id, m.code_a, m.code_b).where(m.partnership_id.in_([r[0] for r in rows]))
                .distinct()):
            seen.setdefault(pid, set()).update((code_a, code_b))
        agreements: dict[tuple[str, str], list[AgreementRecord]] = {}
        for ag in _agreements(conn, and_(or_(s.agreement.c.a == code, s.agreement.c.b == code),
                                         s.agreement.c.start_year <= on.year, s.agreement.c.end_year >= on.year)):
            if ag.status in IN_FORCE:
                agreements.setdefault(ag.parties, []).append(ag)
        latest = _latest_events(conn, code)
        out = []
        for pid, pa, pb, count, first, last in rows:
            other = pb if pa == code else pa
            codes_seen = sorted(c for c in seen.get(pid, ()) if canonical_code(c) == other)
            out.append(Partner(other, place_label(other), codes_seen, count, first, last, latest.get(other),
                               agreements.get((pa, pb), [])))
        _fill_quotes(conn, [src for p in out for rec in ([p.latest_event] if p.latest_event else [])
                            + p.agreements_in_force for src in rec.sources])
    return code, out


def _latest_events(conn: Connection, code: str) -> dict[str, EventRecord]:
    """The latest event of `code` with each partner (one query)."""
    e, ep, m, a = s.event.c, s.event_party.c, s.event_mention.c, s.article.c
    other = s.event_party.alias("other")
    when = func.coalesce(e.day, a.published)
    rows = conn.execute(
        select(other.c.code, e.id, e.type, e.day, e.parties, m.realis, m.participants,
               *_source_columns(s.event_mention))
        .join_from(s.event_party, s.event, ep.event_id == e.id)
        .join(other, and_(other.c.event_id == e.id, other.c.code != code))
        .join(s.event_mention, m.event_id == e.id).join(s.article, m.article_id == a.id)
        .where(ep.code == code).order_by(other.c.code, when.desc().nulls_last(), e.id))
    latest: dict[str, EventRecord] = {}
    chosen: dict[str, int] = {}
    for row in rows:
        partner, rid = row[0], row[1]
        if partner in chosen and chosen[partner] != rid:
            continue
        rec = latest.get(partner)
        if rec is None:
            chosen[partner] = rid
            rec = latest[partner] = EventRecord(row[2], row[3], row[4].split(), row[5], [])
        for name in filter(None, row[6].split("; ")):
            if name not in rec.participants:
                rec.participants.append(name)
        _add_source(rec.sources, row)
    return latest


@dataclass
class PartnershipSummary:
    a: str
    b: str
    names: tuple[str, str]
    articles: int
    first_seen: date | None
    last_seen: date | None
    agreements: int


def partnerships(engine: Engine, place: str | None = None) -> list[PartnershipSummary]:
    """Every partnership (of a place), the most reported first."""
    p, m, a = s.partnership.c, s.partnership_mention.c, s.article.c
    query = (select(p.a, p.b, func.count(func.distinct(m.article_id)), func.min(a.published), func.max(a.published))
             .join_from(s.partnership, s.partnership_mention).join(s.article, m.article_id == a.id)
             .group_by(p.id, p.a, p.b).order_by(func.count(func.distinct(m.article_id)).desc(), p.a, p.b))
    if place:
        code = resolve_place(place)
        query = query.where(or_(p.a == code, p.b == code))
    with engine.connect() as conn:
        counts = {(x, y): n for x, y, n in conn.execute(
            select(s.agreement.c.a, s.agreement.c.b, func.count()).group_by(s.agreement.c.a, s.agreement.c.b))}
        return [PartnershipSummary(x, y, (place_label(x), place_label(y)), n, first, last, counts.get((x, y), 0))
                for x, y, n, first, last in conn.execute(query)]


def partnership(engine: Engine, place_a: str, place_b: str) -> PartnershipTimeline:
    """Everything two places did together: events, agreements, the people on both sides."""
    a_code, b_code = pair_key(resolve_place(place_a), resolve_place(place_b))
    m, art = s.partnership_mention.c, s.article.c
    with engine.connect() as conn:
        count, first, last = conn.execute(
            select(func.count(func.distinct(m.article_id)), func.min(art.published), func.max(art.published))
            .join_from(s.partnership, s.partnership_mention).join(s.article, m.article_id == art.id)
            .where(_pair_where(s.partnership, a_code, b_code))
        ).one()
        events = _events(conn, _pair_event_ids(a_code, b_code))
        agreements = _agreements(conn, _pair_where(s.agreement, a_code, b_code))
        people = _people(conn, _office_holders(conn, s.role.c.of_canonical.in_([a_code, b_code]), limit=60))
        _fill_quotes(conn, [src for rec in [*events, *agreements] for src in rec.sources]
                     + [src for p in people for span in p.roles for src in span.sources])
    return PartnershipTimeline(a_code, b_code, (place_label(a_code), place_label(b_code)), count, first, last,
                               events, agreements, people)


def person(engine: Engine, name: str) -> list[PersonRecord]:
    """The people of that name (with or without tone marks) and their roles over time."""
    key = person_key(name)
    with engine.connect() as conn:
        ids = [row[0] for row in conn.execute(
            select(s.person.c.id).where(or_(s.person.c.name_key == key, s.person.c.name_folded == fold(key))))]
        people = _people(conn, ids)
        _fill_quotes(conn, [src for p in people for span in p.roles for src in span.sources])
        return people


def leaders(engine: Engine, place: str) -> list[PersonRecord]:
    """The people who held an office of a place (its history included), the latest first."""
    code = resolve_place(place)
    with engine.connect() as conn:
        people = _people(conn, _office_holders(conn, s.role.c.of_canonical == code, limit=100))
        _fill_quotes(conn, [src for p in people for span in p.roles for src in span.sources])
        return people


def _office_holders(conn: Connection, where, limit: int) -> list[int]:
    """The people with a role that matches `where`, the most recently seen first."""
    r = s.role.c
    return [row[0] for row in conn.execute(
        select(r.person_id).where(where, r.role != "other")
        .group_by(r.person_id).order_by(func.max(r.seen_on).desc().nulls_last(), r.person_id).limit(limit))]


def _people(conn: Connection, person_ids: list[int]) -> list[PersonRecord]:
    """The people with these ids, in this order, with their roles over time (three queries)."""
    if not person_ids:
        return []
    r, pe, pm = s.role.c, s.person.c, s.person_mention.c
    persons = {pid: (name, anchor) for pid, name, anchor in conn.execute(
        select(pe.id, pe.name, pe.anchor).where(pe.id.in_(person_ids)))}
    names: dict[int, set[str]] = {}
    articles: dict[int, set[int]] = {}
    for pid, name, article_id in conn.execute(
            select(pm.person_id, pm.name, pm.article_id).where(pm.person_id.in_(person_ids))):
        names.setdefault(pid, set()).add(name)
        articles.setdefault(pid, set()).add(article_id)
    spans: dict[int, dict[tuple, RoleSpan]] = {}
    rows = conn.execute(
        select(r.person_id, r.role, r.of_canonical, r.title, *_source_columns(s.role))
        .join_from(s.role, s.article).where(r.person_id.in_(person_ids))
        .order_by(s.article.c.published.nulls_first(), r.id))
    for row in rows:
        pid, role, of_canonical, title = row[:4]
        published = row[6]
        span = spans.setdefault(pid, {}).get((role, of_canonical))
        if span is None:
            span = spans[pid][(role, of_canonical)] = RoleSpan(role, of_canonical, place_label(of_canonical), [],
                                                               published, published)
        if title not in span.titles:
            span.titles.append(title)
        span.first_seen = span.first_seen or published
        span.last_seen = published or span.last_seen
        _add_source(span.sources, row)
    records = []
    for pid in person_ids:
        if pid not in persons:
            continue
        name, anchor = persons[pid]
        ordered = sorted(spans.get(pid, {}).values(), key=lambda x: (x.last_seen or date.min), reverse=True)
        records.append(PersonRecord(pid, name, sorted(names.get(pid, {name})), anchor, ordered,
                                    len(articles.get(pid, ()))))
    return records


def agreements(engine: Engine, in_force_on: date | None = None, place: str | None = None) -> list[AgreementRecord]:
    """Agreements, those in force on a day (their period covers its year and they were not only
    planned), of a place."""
    ag = s.agreement.c
    conditions = []
    if in_force_on is not None:
        conditions += [ag.start_year <= in_force_on.year, ag.end_year >= in_force_on.year]
    if place:
        code = resolve_place(place)
        conditions.append(or_(ag.a == code, ag.b == code))
    with engine.connect() as conn:
        records = _agreements(conn, and_(literal(True), *conditions))
        _fill_quotes(conn, [src for rec in records for src in rec.sources])
    if in_force_on is not None:
        records = [r for r in records if r.status in IN_FORCE]
    return records


def search(engine: Engine, query: str, limit: int = 20) -> list[SearchHit]:
    """Articles whose text has all the words of `query`, with or without tone marks."""
    words = re.findall(r"[^\W_]+", fold(query))
    if not words:
        return []
    a = s.article.c
    with engine.connect() as conn:
        if is_sqlite(conn):
            match = " ".join(f'"{w}"' for w in words)
            ids = [row[0] for row in conn.execute(
                text("SELECT rowid FROM article_fts WHERE article_fts MATCH :q ORDER BY rank LIMIT :n"),
                {"q": match, "n": limit})]
        else:
            tsquery = func.plainto_tsquery("simple", " ".join(words))
            ids = [row[0] for row in conn.execute(
                select(a.id).where(func.to_tsvector("simple", a.search_text).op("@@")(tsquery))
                .order_by(func.ts_rank(func.to_tsvector("simple", a.search_text), tsquery).desc()).limit(limit))]
        if not ids:
            return []
        rows = {row[0]: row for row in conn.execute(
            select(a.id, a.ext_id, a.title, a.published, a.url, a.text).where(a.id.in_(ids)))}
    return [SearchHit(r[1], r[2], r[3], r[4], _snippet(r[5], words)) for r in (rows[i] for i in ids)]


def _snippet(text_: str, words: list[str], width: int = 160) -> str:
    folded = fold(text_)
    pos = min((i for i in (folded.find(w) for w in words) if i >= 0), default=0)
    start = max(0, pos - width // 3)
    return ("…" if start else "") + text_[start:start + width].replace("\n", " ") + (
        "…" if start + width < len(text_) else "")
