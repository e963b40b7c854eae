"""Partnerships, agreements and events.

Partnerships: two localities of different countries that a sentence relates (a meeting, a visit, a
signing, support, cooperation...). A sentence that names only a foreign locality speaks of it with the
article's own province ("Ngày 5/11, đoàn tiếp tục đến thăm tỉnh Viêng Chăn"). A place that is only
where something happened ("tại Thủ đô Viêng Chăn, đoàn đến chào Đại sứ quán") is no partner.

Agreements: a cooperation document (biên bản ghi nhớ, thỏa thuận, kế hoạch / chương trình hợp tác)
with a period of years in its sentence. Its parties are the localities of the sentence, else the pair
the discourse is about ("hai bên", "giữa hai tỉnh"); "với từng tỉnh bạn" gives one per partner.

Events: what each sentence reports (meeting, visit, signing, award, commitment, delivery, handover),
with its parties, participants, date (resolved against the publication date) and realis.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations

from hoptac import resources
from hoptac.extract.document import Document, PlaceMention
from hoptac.extract.registry import register
from hoptac.facts import Agreement, Event, Evidence, Partnership

# "với từng tỉnh bạn", "mỗi văn kiện với một tỉnh bạn", "ký 3 biên bản ghi nhớ": one per partner.
EACH_PARTNER_RE = re.compile(
    r"(?<![^\W_])(?:(?:từng|mỗi)\s+(?:tỉnh|địa phương)|(?:các|cả hai|cả ba|một)\s+(?:tỉnh|địa phương)\s+bạn"
    r"|(?:[2-9]|hai|ba|bốn|năm)\s+(?:bản|biên bản|văn kiện|thỏa thuận))(?![^\W_])",
    re.IGNORECASE,
)
REALIS_AFTER = 30  # characters after a trigger that may still say it is planned ("ký kết vào đầu năm tới")
ROUTE_GAP_RE = re.compile(r"\s*-\s*")
LIST_GAP_RE = re.compile(r"\s*(?:,|và)\s*")


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


@register("events")
class Events:
    def __init__(self) -> None:
        self.w = resources.event_words()

    def __call__(self, doc: Document) -> None:
        self.doc = doc
        by_sentence: dict[int, list[PlaceMention]] = {}
        for p in doc.places:
            by_sentence.setdefault(p.sentence, []).append(p)
        self.by_sentence = by_sentence
        counts = Counter(p.code for p in doc.places)
        order = {}
        for p in doc.places:
            order.setdefault(p.code, p.start)
        ranked = sorted(counts, key=lambda c: (-counts[c], order[c]))
        self.home = next((c for c in ranked if c.startswith("VN-")), None)
        self._partnerships(doc)
        self._agreements(doc)
        self._events(doc)

    # -- partnerships ----------------------------------------------------------------------------
    def _sentence_parties(self, index: int) -> list[str]:
        """The localities a sentence relates. Not a place that is only where something happened ("Hội
        nghị ... tại thủ đô Tokyo", "Tổng Lãnh sự ... tại TP Hồ Chí Minh"), unless it was visited
        ("thăm, làm việc tại tỉnh Viêng Chăn"); not the stops of a route ("Lào Cai - Hà Nội - Hải Phòng")."""
        mentions = self.by_sentence.get(index, [])
        if not mentions:
            return []
        text = self.doc.text
        sent = self.doc.sentences[index]
        route: set[int] = set()
        for k in range(len(mentions) - 2):
            a, b, c = mentions[k:k + 3]
            if ROUTE_GAP_RE.fullmatch(text[a.end:b.start]) and ROUTE_GAP_RE.fullmatch(text[b.end:c.start]):
                route.update((k, k + 1, k + 2))
        parties: list[str] = []
        venue = False
        for k, p in enumerate(mentions):
            before = text[max(sent.start, p.start - 24):p.start]
            m = self.w.venue_re.search(before)
            if m:
                lead = text[max(sent.start, p.start - len(before) + m.start() - 30):p.start - len(before) + m.start()]
                venue = not self.w.visit_re.search(lead)
            elif not (k and LIST_GAP_RE.fullmatch(text[mentions[k - 1].end:p.start])):
                venue = False  # "ở Quảng Đông và TP.HCM": the venue goes on through a list
            if not venue and k not in route:
                parties.append(p.code)
        return list(dict.fromkeys(parties))

    def _partnerships(self, doc: Document) -> None:
        pairs: dict[tuple[str, str], Partnership] = {}
        self.sentence_pairs: dict[int, list[tuple[str, str]]] = {}
        for sent in doc.sentences:
            codes = self._sentence_parties(sent.index)
            if not codes or not self.w.interaction_re.search(doc.text, sent.start, sent.end):
                continue
            has_vn = any(c.startswith("VN-") for c in codes)
            abroad_too = not has_vn or self.w.multilateral_re.search(doc.text, sent.start, sent.end)
            found = [_pair(a, b) for a, b in combinations(codes, 2)
                     if a[:2] != b[:2] and (abroad_too or "VN" in (a[:2], b[:2]))]
            if self.home and not has_vn:
                found += [_pair(self.home, c) for c in codes]
            for pair in found:
                pairs.setdefault(pair, Partnership(pair)).evidence.append(doc.sentence_evidence(sent.index))
            if found:
                self.sentence_pairs[sent.index] = found
        doc.partnerships = list(pairs.values())

    def _discourse_pairs(self, index: int) -> list[tuple[str, str]]:
        """The pair(s) the text was last about, at or before sentence `index`."""
        for i in range(index, -1, -1):
            found = self.sentence_pairs.get(i)
            if found:
                return found
        return [p.parties for p in self.doc.partnerships[:1]]

    def _parties(self, index: int, text_span: str) -> list[tuple[str, str]]:
        """The pairs an agreement or event in sentence `index` is between."""
        codes = [c for c in dict.fromkeys(p.code for p in self.by_sentence.get(index, []))]
        partners_of_home = [p.parties for p in self.doc.partnerships if self.home in p.parties]
        if EACH_PARTNER_RE.search(text_span) and self.home and (not codes or codes == [self.home]):
            return partners_of_home
        cross = [_pair(a, b) for a, b in combinations(codes, 2) if a[:2] != b[:2]]
        if cross:
            return cross
        if codes and self.home and not codes[0].startswith("VN-"):
            return [_pair(self.home, c) for c in codes]
        if codes and codes[0].startswith("VN-"):
            pairs = [p for p in self._discourse_pairs(index) if codes[0] in p]
            return pairs[:1] or [p for p in partners_of_home if codes[0] in p][:1]
        return self._discourse_pairs(index)[:1]

    # -- agreements ------------------------------------------------------------------------------
    def _agreements(self, doc: Document) -> None:
        text = doc.text
        periods = [d for d in doc.dates if d.kind == "period"]
        found: dict[tuple, Agreement] = {}
        for sent in doc.sentences:
            keywords = [m for m in self.w.agreement_re.finditer(text, sent.start, sent.end)
                        if not self.w.agreement_not_re.match(text, m.start())]
            if not keywords:
                continue
            in_sentence = [p for p in periods if sent.start <= p.start < sent.end
                           and not self.w.period_not_re.search(text[max(sent.start, p.start - 20):p.start])]
            used: set[int] = set()
            for k, m in enumerate(keywords):
                kind = self.w.agreement_kind.get(" ".join(m.group("p").split()).lower())
                if kind is None:
                    continue
                limit = keywords[k + 1].start() if k + 1 < len(keywords) else sent.end
                window = text[m.start():min(sent.end, m.end() + 80)]
                if kind == "plan" and not self.w.plan_needs_re.search(window):
                    continue
                period = next((p for p in in_sentence if m.end() <= p.start < min(limit, m.end() + 160)
                               and p.start not in used), None)
                if period is None:
                    period = next((p for p in reversed(in_sentence)
                                   if p.end <= m.start() and m.start() - p.end < 80 and p.start not in used), None)
                if period is None:
                    continue
                used.add(period.start)
                clause = text[keywords[k - 1].end() if k else sent.start:max(period.end, m.end())]
                status = self._status(clause)
                evidence = Evidence(sent.index, min(m.start(), period.start), max(m.end(), period.end))
                for parties in self._parties(sent.index, text[sent.start:sent.end]):
                    key = (parties, period.year, period.end_year)
                    if key in found:
                        found[key].evidence.append(evidence)
                        continue
                    found[key] = Agreement(parties, period.year, period.end_year, kind, status, [evidence])
        doc.agreements = list(found.values())

    def _status(self, clause: str) -> str:
        for status, regex in self.w.status:
            if regex.search(clause):
                return status
        return "in_force"

    # -- events ----------------------------------------------------------------------------------
    def _events(self, doc: Document) -> None:
        """One event per type and sentence, then merged: the same type, parties and date are one event.
        A done event without a date of its own took place on the last date the text gave."""
        text = doc.text
        participants: dict[int, list[str]] = {}
        for n in doc.names:
            if n.person is not None:
                names = participants.setdefault(n.sentence, [])
                name = doc.people[n.person].name
                if name not in names:
                    names.append(name)
        dates: dict[int, list] = {}
        for d in doc.dates:
            if d.kind in ("day", "month") and d.value:
                dates.setdefault(doc.sentence_at(d.start), []).append(d.value)
        merged: dict[tuple, Event] = {}
        last_date = None
        for sent in doc.sentences:
            own = dates.get(sent.index)
            triggers = list(self.w.trigger_re.finditer(text, sent.start, sent.end))
            seen: set[str] = set()
            pairs = self._parties(sent.index, text[sent.start:sent.end]) if triggers else []
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
                                        m.group("p"), [evidence])
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
