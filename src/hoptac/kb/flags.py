"""Quality flags: what a reader should check before trusting it. The dossier and the pages show them.

- a doubtful figure: a growth rate above a plausible bound ("GRDP tăng 61%"), or the same quantity
  reported with different values by different articles;
- a commitment with no reported delivery after its due day;
- an agreement that ended, or ends within six months, with no successor;
- the same person reported in two incompatible roles at the same time.

The bounds and word lists are in resources/data/flags.toml.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations

from sqlalchemy import Engine, select

from hoptac import resources
from hoptac.kb import schema as s
from hoptac.kb.merge import pair_key
from hoptac.kb.queries import (
    AgreementRecord,
    EventRecord,
    PartnershipTimeline,
    PersonRecord,
    Source,
    partnership,
    place_label,
    resolve_place,
)
from hoptac.text.fold import fold

# The three words just before a figure, read backwards from it: matched at the start of the reversed
# text, in one pass (searched forwards, a pattern ending in $ is tried from every position).
REVERSED_WORDS_RE = re.compile(r"\s*([^\W\d_]+)\s+([^\W\d_]+)\s+([^\W\d_]+)(?![^\W\d_])")
GROWTH_REACH = 40  # characters between a growth word and its rate


@dataclass
class Flag:
    kind: str  # doubtful_growth, conflicting_figures, undelivered_commitment, agreement_without_successor,
    # incompatible_roles
    message: str  # in Vietnamese, for the reader
    sources: list[Source] = field(default_factory=list)
    person: int | None = None


def _sentence_of(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left:right].strip()


def _pair_figures(engine: Engine, a: str, b: str) -> list[tuple[float, str, str, str, Source, str]]:
    """(value, class, text, unit, source, sentence) of the figures in the articles of a partnership."""
    f, pm, p, art = s.figure.c, s.partnership_mention.c, s.partnership.c, s.article.c
    articles = select(pm.article_id).join_from(s.partnership_mention, s.partnership).where(p.a == a, p.b == b)
    with engine.connect() as conn:
        rows = conn.execute(
            select(f.value, f["class"], f.text, f.unit, art.ext_id, art.title, art.published, art.url, f.sentence,
                   f.start, f.end, art.id)
            .join_from(s.figure, s.article).where(f.article_id.in_(articles))).all()
        texts = dict(conn.execute(select(art.id, art.text).where(art.id.in_({r[11] for r in rows}))).all())
    out = []
    for value, cls, text, unit, ext_id, title, published, url, sentence, start, end, article_id in rows:
        body = texts[article_id]
        source = Source(ext_id, title, published, url, sentence, start, end, body[start:end])
        out.append((value, cls, text, unit, source, _sentence_of(body, start, end)))
    return out


def _three_words_before(sentence: str, at: int) -> tuple[str, str, str] | None:
    """The three words, in order, that end where the figure starts (blanks between), if there are three."""
    if at < 0:
        return None
    m = REVERSED_WORDS_RE.match(sentence[at - 1::-1] if at else "")
    return (m.group(3)[::-1], m.group(2)[::-1], m.group(1)[::-1]) if m else None


def _is_growth_rate(sentence: str, figure_text: str, growth_words: list[str]) -> bool:
    """Is the figure the rate of a growth word before it ("GRDP tăng 61%"), no other share between?"""
    folded = fold(sentence)
    at = sentence.find(figure_text)
    for word in growth_words:
        for m in re.finditer(re.escape(word), folded[:max(at, 0)]):
            between = folded[m.end():at]
            if len(between) <= GROWTH_REACH and "%" not in between and ";" not in between:
                return True
    return False


def doubtful_figures(engine: Engine, a: str, b: str) -> list[Flag]:
    rules = resources.flag_rules()
    growth_words = [fold(w) for w in rules["growth"]["words"]]
    flags: list[Flag] = []
    figures = _pair_figures(engine, a, b)
    for value, cls, text, _unit, source, sentence in figures:
        if (cls == "percent" and value > rules["growth"]["max_percent"]
                and _is_growth_rate(sentence, text, growth_words)):
            flags.append(Flag("doubtful_growth", f"Tốc độ tăng trưởng “{text}” cao bất thường (trên "
                              f"{rules['growth']['max_percent']}%): có thể là lỗi đánh máy.", [source]))
    # The same quantity, told apart by its class, its unit and the two words before the number.
    groups: dict[tuple, list[tuple[float, Source]]] = defaultdict(list)
    for value, cls, text, unit, source, sentence in figures:
        words = _three_words_before(sentence, sentence.find(text))
        if words:
            groups[(cls, unit.lower(), *(fold(w) for w in words))].append((value, source))
    days = timedelta(days=rules["same_figure"]["days"])
    tolerance = rules["same_figure"]["tolerance"]
    for key, reports in groups.items():
        for (v1, s1), (v2, s2) in combinations(reports, 2):
            if s1.article == s2.article or not s1.published or not s2.published:
                continue
            if abs(s1.published - s2.published) <= days and abs(v1 - v2) > tolerance * max(abs(v1), abs(v2)):
                words = " ".join(key[2:])
                flags.append(Flag("conflicting_figures", f"Cùng một số liệu (“{words} … {key[1]}”) được các bài "
                                  f"báo nêu khác nhau: {s1.quote} và {s2.quote}.", [s1, s2]))
    return flags


@dataclass
class Commitment:
    event: EventRecord
    reported: date
    due: date
    delivered_by: EventRecord | None  # the first delivery reported after it


def commitments(events: list[EventRecord]) -> list[Commitment]:
    """The commitments among events (a "commitment", or anything committed), each with its due day and
    the delivery that answers it: a delivery or handover, or a done event of the promised kind, reported
    after the commitment."""
    due_after = timedelta(days=resources.flag_rules()["commitments"]["due_after_days"])
    done = sorted((e for e in events if e.realis == "done"), key=lambda d: d.day or _first_published(d) or date.min)
    out = []
    for e in events:
        if not (e.type == "commitment" or e.realis == "committed"):
            continue
        reported = _first_published(e)
        if reported is None:
            continue
        due = e.day if e.day and e.day >= reported else reported + due_after
        delivered_by = next((d for d in done if (d.type in ("delivery", "handover")
                                                 or (e.type != "commitment" and d.type == e.type))
                             and (d.day or _first_published(d) or date.min) > reported), None)
        out.append(Commitment(e, reported, due, delivered_by))
    return out


def undelivered_commitments(events: list[EventRecord], today: date) -> list[Flag]:
    """Commitments whose due day has passed with no delivery reported after them."""
    return [Flag("undelivered_commitment", f"Cam kết nêu ngày {c.reported:%d/%m/%Y} chưa thấy báo cáo thực hiện "
                 f"(hạn {c.due:%d/%m/%Y}).", c.event.sources[:3])
            for c in commitments(events) if c.delivered_by is None and c.due < today]


def _first_published(e: EventRecord) -> date | None:
    return min((src.published for src in e.sources if src.published), default=None)


def agreements_without_successor(agreements: list[AgreementRecord], today: date) -> list[Flag]:
    months = resources.flag_rules()["agreements"]["months_ahead"]
    horizon = today + timedelta(days=round(months * 30.44))
    flags = []
    for ag in agreements:
        ends = date(ag.end, 12, 31)
        if ends > horizon:
            continue
        successor = any(o is not ag and o.parties == ag.parties and o.start >= ag.end - 1 and o.end > ag.end
                        for o in agreements)
        if successor:
            continue
        state = "đã hết hạn" if ends < today else "sắp hết hạn"
        flags.append(Flag("agreement_without_successor", f"Văn kiện {ag.start}–{ag.end} giữa "
                          f"{place_label(ag.parties[0])} và {place_label(ag.parties[1])} {state} "
                          f"(31/12/{ag.end}) mà chưa có văn kiện tiếp theo.", ag.sources[:3]))
    return flags


def incompatible_roles(people: list[PersonRecord]) -> list[Flag]:
    rules = resources.flag_rules()["roles"]
    single = set(rules["single_seat"])
    exclusive = {frozenset(pair) for pair in rules["exclusive_pairs"]}
    slack = timedelta(days=rules["overlap_days"])
    flags = []
    for person in people:
        spans = [r for r in person.roles if r.role != "other" and r.first_seen and r.last_seen]
        for x, y in combinations(spans, 2):
            overlap = max(x.first_seen, y.first_seen) <= min(x.last_seen, y.last_seen) + slack
            clash = (x.role == y.role and x.role in single and x.of != y.of) or (
                x.of == y.of and frozenset((x.role, y.role)) in exclusive)
            if overlap and clash:
                flags.append(Flag("incompatible_roles", f"{person.name} được nêu cùng lúc là {x.titles[0]} "
                                  f"({place_label(x.of)}) và {y.titles[0]} ({place_label(y.of)}).",
                                  [*x.sources[:1], *y.sources[:1]], person.id))
    return flags


def for_partnership(engine: Engine, place_a: str, place_b: str, today: date | None = None,
                    timeline: PartnershipTimeline | None = None) -> list[Flag]:
    """Every flag of a partnership: its figures, commitments, agreements and the people on both sides."""
    today = today or date.today()
    a, b = pair_key(resolve_place(place_a), resolve_place(place_b))
    timeline = timeline or partnership(engine, a, b)
    found = (doubtful_figures(engine, a, b) + undelivered_commitments(timeline.events, today)
             + agreements_without_successor(timeline.agreements, today) + incompatible_roles(timeline.people))
    unique: dict[tuple, Flag] = {}
    for flag in found:  # one sentence may report a commitment as two events
        first = flag.sources[0] if flag.sources else None
        unique.setdefault((flag.kind, flag.message, first.article if first else "", first.start if first else 0), flag)
    return list(unique.values())
