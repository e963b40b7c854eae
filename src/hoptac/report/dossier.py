"""The review dossier of a partnership: what the two sides agreed, what was done, what comes next.

Every statement is numbered and cites its sources (article title, date, outlet, URL, the words quoted);
the citations are numbered once for the whole dossier. Headings are Vietnamese. The dossier is plain
data; `hoptac.report.render` writes it as Markdown, HTML or a Word document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, select

from hoptac import resources
from hoptac.kb import browse, flags, queries
from hoptac.kb import schema as s
from hoptac.kb.merge import pair_key
from hoptac.kb.queries import EventRecord, Source, place_label, resolve_place

TIMELINE_TYPES = ("meeting", "visit", "signing")
ROLE_ORDER = ("party_secretary", "governor", "people_committee_chair", "people_council_chair",
              "standing_deputy_party_secretary", "deputy_party_secretary", "vice_governor",
              "people_committee_vice_chair", "people_council_vice_chair", "ambassador", "consul_general")
FIGURES_PER_CLASS = 30
# The figures a working session reviews: people trained or treated, scholarships, money given.
FIGURE_ORDER = ("scholarships", "people", "money_vnd", "money_usd", "money_lak", "money_other")
SINGLE_SEAT = frozenset(resources.flag_rules()["roles"]["single_seat"])
DEPUTIES_WITHIN_DAYS = 365


@dataclass
class Citation:
    number: int
    article: str
    title: str | None
    published: date | None
    outlet: str | None
    url: str | None
    quote: str


@dataclass
class Item:
    number: int  # the statement's number, through the whole dossier
    text: str
    citations: list[int] = field(default_factory=list)


@dataclass
class Section:
    key: str
    title: str
    items: list[Item] = field(default_factory=list)
    note: str = ""  # said when the section has no item


@dataclass
class Dossier:
    a: str
    b: str
    names: tuple[str, str]
    since: date | None
    until: date | None
    generated: date
    sections: list[Section]
    citations: list[Citation]

    def section(self, key: str) -> Section:
        return next(sec for sec in self.sections if sec.key == key)


class _Builder:
    """Numbers statements and citations as they are added."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.citations: list[Citation] = []
        self.cited: dict[tuple[str, int, int], int] = {}
        self.count = 0

    def section(self, key: str, title: str, note: str = "Không có thông tin.") -> Section:
        sec = Section(key, title, note=note)
        self.sections.append(sec)
        return sec

    def add(self, sec: Section, text: str, sources: list[Source]) -> Item:
        self.count += 1
        numbers = []
        for src in sources:
            key = (src.article, src.start, src.end)
            if key not in self.cited:
                self.cited[key] = len(self.citations) + 1
                self.citations.append(Citation(len(self.citations) + 1, src.article, src.title, src.published,
                                               None, src.url, src.quote))
            if self.cited[key] not in numbers:
                numbers.append(self.cited[key])
        item = Item(self.count, text, numbers)
        sec.items.append(item)
        return item


def _d(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "không rõ ngày"


def _when(e: EventRecord) -> date | None:
    return e.day or min((src.published for src in e.sources if src.published), default=None)


def _within(day: date | None, since: date | None, until: date | None) -> bool:
    return day is None or ((since is None or day >= since) and (until is None or day <= until))


def _months_left(end_year: int, on: date) -> int:
    return (end_year - on.year) * 12 + (12 - on.month)


def build(engine: Engine, place_a: str, place_b: str, since: date | None = None, until: date | None = None,
          today: date | None = None) -> Dossier:
    """The dossier of the partnership of two places (codes or any spelling), for the period [since, until]."""
    labels = resources.labels()
    on = until or today or date.today()
    a, b = pair_key(resolve_place(place_a), resolve_place(place_b))
    timeline = queries.partnership(engine, a, b)
    out = _Builder()

    sides = out.section("partners", "Hai bên")
    for code in (a, b):
        eras = queries.place_history(code)
        former = sorted({e.name for e in eras if e.name != place_label(code)})
        text = f"{place_label(code)} ({code})" + (f"; tên, đơn vị trước đây: {', '.join(former)}" if former else "")
        out.add(sides, text, [])
    first, last = _first_and_last_reports(engine, a, b)
    if first:
        out.add(sides, f"Quan hệ được {timeline.articles} bài viết nhắc tới, từ {_d(timeline.first_seen)} đến "
                       f"{_d(timeline.last_seen)}.", [first, last] if last and last != first else [first])

    leaders = out.section("leaders", "Lãnh đạo hai bên hiện nay", "Chưa ghi nhận lãnh đạo nào.")
    for code in (a, b):
        for person, span in _current_office_holders(timeline.people, code, on):
            out.add(leaders, f"{place_label(code)}: {person.name}, {span.titles[-1]} "
                             f"({labels['roles'][span.role]}), thông tin gần nhất ngày {_d(span.last_seen)}.",
                    span.sources[-1:])

    agreements = out.section("agreements", "Văn kiện hợp tác", "Chưa ghi nhận văn kiện hợp tác nào.")
    for ag in timeline.agreements:
        if (since and ag.end < since.year) or (until and ag.start > until.year):
            continue
        months = _months_left(ag.end, on)
        if ag.start > on.year:
            left = f"bắt đầu năm {ag.start}"
        elif months < 0:
            left = f"đã hết hạn (31/12/{ag.end})"
        else:
            left = f"còn khoảng {months} tháng (đến 31/12/{ag.end})"
        fields = ", ".join(labels["fields"][f] for f in ag.fields) or "không nêu lĩnh vực"
        out.add(agreements, f"{labels['agreement_kinds'][ag.kind]} giai đoạn {ag.start}–{ag.end}: "
                            f"{labels['agreement_statuses'][ag.status]}; lĩnh vực: {fields}; {left}.", ag.sources[:3])

    events = [e for e in timeline.events if _within(_when(e), since, until)]
    events.sort(key=lambda e: _when(e) or date.min)
    time_line = out.section("timeline", "Dòng thời gian: hội đàm, thăm, ký kết", "Không có sự kiện nào.")
    for e in events:
        if e.type in TIMELINE_TYPES:
            who = f"; tham dự: {', '.join(e.participants)}" if e.participants else ""
            out.add(time_line, f"{_d(_when(e))}: {labels['event_types'][e.type]} "
                               f"({labels['realis'][e.realis]}){who}.", e.sources[:2])

    promises = out.section("commitments", "Cam kết và kết quả thực hiện", "Không có cam kết nào được ghi nhận.")
    said: set[tuple] = set()
    for c in flags.commitments(events):
        first = c.event.sources[0]
        if (first.article, first.start) in said:
            continue  # one sentence may state a commitment as two events
        said.add((first.article, first.start))
        if c.delivered_by is not None:
            state = f"đã có báo cáo thực hiện ngày {_d(_when(c.delivered_by))}"
            sources = c.event.sources[:1] + c.delivered_by.sources[:1]
        else:
            overdue = "đã quá hạn" if c.due < on else "chưa đến hạn"
            state = f"chưa thấy báo cáo thực hiện (hạn {_d(c.due)}, {overdue})"
            sources = c.event.sources[:2]
        out.add(promises, f"Cam kết nêu ngày {_d(c.reported)}: {state}.", sources)

    figures = out.section("figures", "Số liệu: đào tạo, học bổng, hỗ trợ", "Không có số liệu.")
    per_class: dict[str, int] = {}
    shown: set[tuple[str, str]] = set()
    for _value, cls, text, src in sorted(browse.partnership_figures(engine, a, b, limit=500),
                                         key=lambda f: (FIGURE_ORDER.index(f[1]) if f[1] in FIGURE_ORDER else 99,
                                                        -f[0])):
        if (cls not in FIGURE_ORDER or (cls, text) in shown or not _within(src.published, since, until)
                or per_class.get(cls, 0) >= FIGURES_PER_CLASS):
            continue
        shown.add((cls, text))
        per_class[cls] = per_class.get(cls, 0) + 1
        out.add(figures, f"{labels['figure_classes'][cls]}: {text}.", [src])

    awards = out.section("awards", "Khen thưởng", "Không có khen thưởng nào được ghi nhận.")
    for e in events:
        if e.type == "award":
            out.add(awards, f"{_d(_when(e))}: {labels['event_types'][e.type]}.", e.sources[:2])

    found = flags.for_partnership(engine, a, b, on, timeline)
    open_items = out.section("open_items", "Việc cần theo dõi", "Không có việc nào đang mở.")
    for e in events:
        day = _when(e)
        if e.realis in ("planned", "proposed") and day and day >= on:
            out.add(open_items, f"{_d(day)}: {labels['event_types'][e.type]} ({labels['realis'][e.realis]}).",
                    e.sources[:1])
    for flag in found:
        if flag.kind in ("undelivered_commitment", "agreement_without_successor"):
            out.add(open_items, flag.message, flag.sources[:2])

    warnings = out.section("flags", "Cảnh báo chất lượng dữ liệu", "Không có cảnh báo.")
    for flag in found:
        if flag.kind not in ("undelivered_commitment", "agreement_without_successor"):
            out.add(warnings, flag.message, flag.sources[:2])

    _fill_outlets(engine, out.citations)
    return Dossier(a, b, (place_label(a), place_label(b)), since, until, today or date.today(), out.sections,
                   out.citations)


def _current_office_holders(people: list, code: str, on: date) -> list[tuple]:
    """(person, role span) of the office holders of `code` as last reported by `on`: the latest holder of
    each single seat (party secretary, chair, governor...), and of the other offices those reported within
    a year of the latest one; in order of rank."""
    by_role: dict[str, list[tuple]] = {}
    for person in people:
        for span in person.roles:
            if span.role != "other" and span.of == code and span.last_seen and span.first_seen <= on:
                by_role.setdefault(span.role, []).append((person, span))
    chosen = []
    for role, holders in by_role.items():
        holders.sort(key=lambda h: h[1].last_seen, reverse=True)
        latest = holders[0][1].last_seen
        keep = holders[:1] if role in SINGLE_SEAT else [
            h for h in holders if (latest - h[1].last_seen).days <= DEPUTIES_WITHIN_DAYS]
        chosen += keep
    seen: set[int] = set()
    ordered = []
    for person, span in sorted(chosen, key=lambda h: (ROLE_ORDER.index(h[1].role) if h[1].role in ROLE_ORDER
                                                      else 99, h[0].name)):
        if person.id not in seen:  # a person under their highest office only
            seen.add(person.id)
            ordered.append((person, span))
    return ordered


def _first_and_last_reports(engine: Engine, a: str, b: str) -> tuple[Source | None, Source | None]:
    pm, p, art = s.partnership_mention.c, s.partnership.c, s.article.c
    query = (select(art.ext_id, art.title, art.published, art.url, pm.sentence, pm.start, pm.end, art.text)
             .join_from(s.partnership_mention, s.partnership).join(s.article, pm.article_id == art.id)
             .where(p.a == a, p.b == b))
    with engine.connect() as conn:
        first = conn.execute(query.order_by(art.published.asc().nulls_last(), art.ext_id).limit(1)).first()
        last = conn.execute(query.order_by(art.published.desc().nulls_last(), art.ext_id).limit(1)).first()

    def source(row) -> Source | None:
        return Source(*row[:7], row[7][row[5]:row[6]]) if row else None

    return source(first), source(last)


def _fill_outlets(engine: Engine, citations: list[Citation]) -> None:
    ids = sorted({c.article for c in citations})
    if not ids:
        return
    with engine.connect() as conn:
        outlets = dict(conn.execute(select(s.article.c.ext_id, s.article.c.source)
                                    .where(s.article.c.ext_id.in_(ids))).all())
    for c in citations:
        c.outlet = outlets.get(c.article)
