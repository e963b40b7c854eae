"""Agreements and events.

Agreements: a cooperation document (biên bản ghi nhớ, thỏa thuận, kế hoạch / chương trình hợp tác)
with a period of years in its sentence. Its parties are the pair the clause relates (see
`partnerships`), else the pair the discourse is about ("hai bên", "giữa hai tỉnh"); "với từng tỉnh bạn"
gives one per partner.

Events: what each sentence reports (meeting, visit, signing, award, commitment, delivery, handover),
with its parties, participants, date (resolved against the publication date) and realis.
"""

from __future__ import annotations

import re

from hoptac import resources
from hoptac.extract.components.partnerships import pair_of
from hoptac.extract.document import Document, Relation
from hoptac.extract.registry import register
from hoptac.facts import Agreement, Event, Evidence

# "với từng tỉnh bạn", "mỗi văn kiện với một tỉnh bạn", "ký 3 biên bản ghi nhớ": one per partner.
EACH_PARTNER_RE = re.compile(
    r"(?<![^\W_])(?:(?:từng|mỗi)\s+(?:tỉnh|địa phương)|(?:các|cả hai|cả ba|một)\s+(?:tỉnh|địa phương)\s+bạn"
    r"|(?:[2-9]|hai|ba|bốn|năm)\s+(?:bản|biên bản|văn kiện|thỏa thuận))(?![^\W_])",
    re.IGNORECASE,
)
HOP_TAC_RE = re.compile(r"\s+hợp tác")
PERIOD_WORDS = ("giai đoạn", "thời kỳ", "thời hạn")
SINGLE_YEAR_AFTER_RE = re.compile(r"[^,.;:()\d]{0,40}?(?<![^\W_])năm\s+\d{4}(?!\s*[-–—/]\s*\d)(?!\d)")
SIGNED_IN_RE = re.compile(r"(?<![^\W_])ký(?![^\W_])")
SAME_PERIOD_RE = re.compile(r"\s*cùng (?:giai đoạn|thời kỳ|thời hạn)", re.IGNORECASE)
EVENT_DATE_REACH = 400  # days around the publication within which a date can be an event's
REALIS_AFTER = 30  # characters after a trigger that may still say it is planned ("ký kết vào đầu năm tới")


@register("events")
class Events:
    def __init__(self) -> None:
        self.w = resources.event_words()

    def __call__(self, doc: Document) -> None:
        self.doc = doc
        self.home = doc.home
        self.by_sentence: dict[int, list[str]] = {}
        for p in doc.places:
            codes = self.by_sentence.setdefault(p.sentence, [])
            if p.code not in codes:
                codes.append(p.code)
        self.relations_in: dict[int, list[Relation]] = {}
        self.relation_counts: dict[tuple[str, str], int] = {}  # how often the article relates each pair
        for r in doc.relations:
            self.relations_in.setdefault(r.sentence, []).append(r)
            self.relation_counts[r.pair] = self.relation_counts.get(r.pair, 0) + 1
        self._agreements(doc)
        self._events(doc)

    # -- parties ----------------------------------------------------------------------------------
    def _discourse_pairs(self, index: int) -> list[tuple[str, str]]:
        """The pairs "hai bên" points to at sentence `index`: those of the last sentence that related
        any, the pair the article relates most often first."""
        counts = self.relation_counts
        for i in range(index, -1, -1):
            recent = list(dict.fromkeys(r.pair for r in self.relations_in.get(i, ())))
            if recent:
                return sorted(recent, key=lambda p: -counts[p])
        return sorted(counts, key=lambda p: -counts[p])

    def _parties(self, index: int, pos: int) -> list[tuple[str, str]]:
        """The pairs an agreement or event at `pos` in sentence `index` is between."""
        sent = self.doc.sentences[index]
        codes = self.by_sentence.get(index, [])
        partners_of_home = [p.parties for p in self.doc.partnerships if self.home in p.parties]
        if self.home and codes in ([], [self.home]) and EACH_PARTNER_RE.search(self.doc.text, sent.start, sent.end):
            return partners_of_home
        relations = self.relations_in.get(index, [])
        here = [r.pair for r in relations if r.start <= pos < r.end] or [r.pair for r in relations]
        # bilateral documents signed at a meeting of three: each Vietnamese province with each partner
        bilateral = [p for p in here if (p[0][:2] == "VN") != (p[1][:2] == "VN")]
        if bilateral:
            return list(dict.fromkeys(bilateral))
        if here:
            return list(dict.fromkeys(here))
        foreign = [c for c in codes if not c.startswith("VN-")]
        if foreign and self.home and len(foreign) == len(codes):
            return [pair_of(self.home, c) for c in foreign]
        recent = self._discourse_pairs(index)
        if codes and codes[0].startswith("VN-"):
            return [p for p in recent if codes[0] in p][:1] or [p for p in partners_of_home if codes[0] in p][:1]
        return recent[:1]

    # -- agreements ------------------------------------------------------------------------------
    def _agreements(self, doc: Document) -> None:
        text = doc.lower  # every pattern here is a lower-case phrase pattern
        periods = [d for d in doc.dates if d.kind == "period"]
        found: dict[tuple, Agreement] = {}
        for sent in doc.sentences:
            keywords = [m for m in doc.phrases_in(self.w.agreement_re, sent.start, sent.end)
                        if not self.w.agreement_not_re.match(text, m.start())]
            if not keywords:
                continue
            in_sentence = [p for p in periods if sent.start <= p.start < sent.end
                           and self._document_period(text[max(sent.start, p.start - 20):p.start])]
            used: set[int] = set()
            for k, m in enumerate(keywords):
                kind = self.w.agreement_kind.get(" ".join(m.group("p").split()).lower())
                if kind is None:
                    continue
                limit = keywords[k + 1].start() if k + 1 < len(keywords) else sent.end
                window = text[m.start():min(sent.end, m.end() + 80)]
                if kind == "plan" and not self.w.plan_needs_re.search(window):
                    continue
                single = SINGLE_YEAR_AFTER_RE.match(text, m.end(), limit)
                if single and not SIGNED_IN_RE.search(single.group()):
                    continue  # "Kế hoạch phối hợp năm 2025": a document of one year ("ký năm 2020": its signing)
                period = next((p for p in in_sentence if m.end() <= p.start < min(limit, m.end() + 160)
                               and p.start not in used), None)
                if period is None:
                    period = next((p for p in reversed(in_sentence)
                                   if p.end <= m.start() and m.start() - p.end < 80 and p.start not in used), None)
                if period is None and in_sentence and SAME_PERIOD_RE.match(text, m.end() + _noun_length(text, m.end())):
                    period = in_sentence[-1]  # "thực hiện Thỏa thuận hợp tác cùng giai đoạn"
                if period is None:
                    continue
                used.add(period.start)
                clause = text[keywords[k - 1].end() if k else sent.start:max(period.end, m.end())]
                status = self._status(clause)
                evidence = Evidence(sent.index, min(m.start(), period.start), max(m.end(), period.end))
                for parties in self._parties(sent.index, m.start()):
                    key = (parties, period.year, period.end_year)
                    if key in found:
                        found[key].evidence.append(evidence)
                        continue
                    found[key] = Agreement(parties, period.year, period.end_year, kind, status, [evidence])
        doc.agreements = list(found.values())

    def _document_period(self, before: str) -> bool:
        """Can the period after `before` be a document's? Not "năm học 2024 – 2025", "vụ 2023 – 2024";
        yes "thời vụ giai đoạn 2025 – 2027": "giai đoạn" says it whatever comes before."""
        return before.rstrip().endswith(PERIOD_WORDS) or not self.w.period_not_re.search(before)

    def _status(self, clause: str) -> str:
        """The first status whose words the clause has (reviewed, to be signed, in force, signed)."""
        for status, regex in self.w.status:
            if regex.search(clause):
                return status
        return "in_force"

    # -- events ----------------------------------------------------------------------------------
    def _events(self, doc: Document) -> None:
        """One event per type and sentence, then merged: the same type, parties and date are one event.
        A done event without a date of its own took place on the last date the text gave."""
        text = doc.lower  # the trigger and realis patterns are lower-case phrase patterns
        participants: dict[int, list[str]] = {}
        for n in doc.names:
            if n.person is not None:
                names = participants.setdefault(n.sentence, [])
                name = doc.people[n.person].name
                if name not in names:
                    names.append(name)
        dates: dict[int, list] = {}
        for d in doc.dates:
            # a date years away from the publication is a reference ("5/9/1962"), not the event's day
            if d.kind not in ("day", "month") or d.value is None:
                continue
            if doc.published is None or abs((d.value - doc.published).days) <= EVENT_DATE_REACH:
                dates.setdefault(doc.sentence_at(d.start), []).append(d.value)
        merged: dict[tuple, Event] = {}
        last_date = None
        for sent in doc.sentences:
            own = dates.get(sent.index)
            triggers = list(doc.phrases_in(self.w.trigger_re, sent.start, sent.end))
            seen: set[str] = set()
            pairs = self._parties(sent.index, triggers[0].start()) if triggers else []
            parties = tuple(sorted({c for p in pairs for c in p}))
            for m in triggers if parties else ():
                etype = self.w.trigger_type.get(" ".join(m.group("p").split()).lower())
                if etype in (None, "none") or etype in seen:
                    continue
                seen.add(etype)
                realis = self._realis(text[sent.start:min(sent.end, m.end() + REALIS_AFTER)], etype)
                day = own[0] if own else (last_date if realis == "done" else None)
                key = (etype, parties, day, realis)
                evidence = Evidence(sent.index, sent.start, sent.end)
                event = merged.get(key)
                if event is None:
                    merged[key] = Event(etype, parties, list(participants.get(sent.index, [])), day, realis,
                                        doc.text[m.start("p"):m.end("p")], [evidence])
                    continue
                event.evidence.append(evidence)
                event.participants += [p for p in participants.get(sent.index, []) if p not in event.participants]
            if own:
                last_date = own[-1]
        doc.events = list(merged.values())

    def _realis(self, before: str, etype: str) -> str:
        if etype == "commitment":
            return "committed"
        for realis, regex in self.w.realis:
            if regex.search(before):
                return realis
        return "done"


def _noun_length(text: str, pos: int) -> int:
    """"Thỏa thuận hợp tác cùng giai đoạn": skip the "hợp tác" that follows a document's name."""
    m = HOP_TAC_RE.match(text[pos:pos + 12])
    return m.end() if m else 0
