"""Partnerships: two localities of different countries that the article reports dealing with each other.

Within each clause of a sentence that speaks of dealings (a meeting, a visit, support, cooperation...):
- a Vietnamese and a foreign locality coordinated directly ("tỉnh Quảng Bình (cũ) và tỉnh Khăm Muộn",
  "An Giang - Champasak") are a pair;
- in a meeting of three or more ("ba tỉnh", "ba bên") every two are;
- any other foreign locality pairs with the nearest Vietnamese one and with the article's own province
  when that is named in the clause, or, when the sentence names no Vietnamese locality, with the
  article's own province ("Ngày 5/11, đoàn tiếp tục đến thăm tỉnh Viêng Chăn").
Not partners: a place that is only where something happened ("Hội nghị ... tại thủ đô Tokyo", "Tổng Lãnh
sự ... tại TP Hồ Chí Minh") unless it was visited ("thăm, làm việc tại tỉnh Viêng Chăn"); the stops of a
route ("Lào Cai - Hà Nội - Hải Phòng"); a place in an institution's name ("Trường Đại học Kiên Giang");
places that only border each other or face each other ("giáp", "có đường biên giới với", "đối diện"); a place
on the way ("quá cảnh qua", "sang tỉnh X, rồi theo Đường 9") or of someone's origin ("người con của tỉnh X").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations, pairwise

from hoptac import resources
from hoptac.extract.document import Document, PlaceMention, Relation
from hoptac.extract.registry import register
from hoptac.facts import Evidence, Partnership

SEMICOLON_RE = re.compile(";")
THEN_GAP_RE = re.compile(r"[^.;:]{0,20}\brồi\b[^.;:]{0,50}$")
UNIT_WORD = r"(?:(?:tỉnh|thành phố|thủ đô|Thủ đô|TP\.?)\s+)?"  # "tỉnh" before the next place of a list
ROUTE_LIST_GAP_RE = re.compile(r"\)?\s*(?:,|và)\s*" + UNIT_WORD)
FOREIGN_LIST_GAP_RE = re.compile(r"\s*(?:\([^()]{0,30}\))?\s*(?:,|và|cùng)\s*" + UNIT_WORD)
# A place in brackets after a named gate, airport... on a route: where it is ("qua cửa khẩu Cầu Treo (Hà Tĩnh)")
ROUTE_ANNOTATION_RE = re.compile(r"(?<![^\W_])qua\s[^.;()]{0,60}?\s(?P<name>[^\W\d_]+)\s\($")
ROUTE_GAP_RE = re.compile(r"\s*-\s*")
LIST_GAP_RE = re.compile(r"\s*(?:,|và)\s*")
# What may stand between two directly coordinated localities.
LOCALITY_WORD = r"(?:(?:tỉnh|thành phố|TP\.?|thủ đô|Thủ đô|Khu tự trị dân tộc Choang|khu tự trị)\s+)?"
COORDINATION_RE = re.compile(r"\s*(?:\([^()]{0,40}\))?\s*(?:và|với|-|cùng với)\s*" + LOCALITY_WORD)
# Between the localities listed after "ba tỉnh": "Quảng Bình (Việt Nam) - Khăm Muộn (Lào) - Nakhon Phanom"
LIST_RE = re.compile(r"\s*(?:\([^()]{0,40}\))?\s*(?:,|và|-)\s*" + LOCALITY_WORD)
LOCALITY_WORD_RE = re.compile(r"\s*" + LOCALITY_WORD)
COUNTS = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "tam": 3}
CUE_REACH = 60  # characters around a pair within which a word of dealings must stand


def pair_of(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


@dataclass(slots=True)
class _Clause:
    start: int
    end: int
    mentions: list[PlaceMention]


def home_province(doc: Document) -> str | None:
    """The article's own Vietnamese province: the most mentioned (the first named on a tie)."""
    counts = Counter(p.code for p in doc.places)
    first: dict[str, int] = {}
    for p in doc.places:
        first.setdefault(p.code, p.start)
    ranked = sorted(counts, key=lambda c: (-counts[c], first[c]))
    return next((c for c in ranked if c.startswith("VN-")), None)


@register("partnerships")
class Partnerships:
    def __init__(self) -> None:
        self.w = resources.event_words()

    def __call__(self, doc: Document) -> None:
        self.doc = doc
        self.home = doc.home = home_province(doc)
        self.partners: dict[str, dict[str, None]] = {}  # Vietnamese partners each foreign place was seen with
        by_sentence: dict[int, list[PlaceMention]] = {}
        for p in doc.places:
            by_sentence.setdefault(p.sentence, []).append(p)
        pairs: dict[tuple[str, str], Partnership] = {}
        relations: list[Relation] = []
        for sent in doc.sentences:
            mentions = self._actors(sent.index, by_sentence.get(sent.index, []))
            if not mentions or not any(doc.phrases_in(self.w.interaction_re, sent.start, sent.end)):
                continue
            sentence_vn = {m.code for m in mentions if m.code.startswith("VN-")}
            for clause in self._clauses(sent.start, sent.end, mentions):
                for pair in self._pairs(clause, sentence_vn):
                    relations.append(Relation(sent.index, clause.start, clause.end, pair))
                    partnership = pairs.setdefault(pair, Partnership(pair))
                    evidence = Evidence(sent.index, sent.start, sent.end)
                    if evidence not in partnership.evidence:
                        partnership.evidence.append(evidence)
        doc.partnerships = list(pairs.values())
        doc.relations = relations

    def _actors(self, index: int, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """The mentions of a sentence that may be partners (see the module's notes)."""
        if not mentions:
            return []
        text, lower = self.doc.text, self.doc.lower
        sent = self.doc.sentences[index]
        route: set[int] = set()
        for k in range(len(mentions) - 2):
            a, b, c = mentions[k:k + 3]
            if ROUTE_GAP_RE.fullmatch(text[a.end:b.start]) and ROUTE_GAP_RE.fullmatch(text[b.end:c.start]):
                route.update((k, k + 1, k + 2))
        actors: list[PlaceMention] = []
        venue = passing = False
        national = any(self.doc.phrases_in(self.w.national_re, sent.start, sent.end, cased=True))
        for k, p in enumerate(mentions):
            before = text[max(sent.start, p.start - 30):p.start]
            m = self.w.venue_re.search(lower, max(sent.start, p.start - 30), p.start)
            if m:
                at = m.start()
                venue = national or not any(self.doc.phrases_in(self.w.visit_re, max(sent.start, at - 30), at))
            elif not (k and LIST_GAP_RE.fullmatch(text[mentions[k - 1].end:p.start])):
                venue = False  # "ở Quảng Đông và TP.HCM": the venue goes on through a list
            gap = text[mentions[k - 1].end:p.start] if k else ""
            # A route goes on through a list and "rồi" ("qua tỉnh X, Thủ đô Y rồi sang tỉnh Z").
            passing = self._passing(p) or (passing and bool(ROUTE_LIST_GAP_RE.fullmatch(gap) or THEN_GAP_RE.match(gap)))
            if venue or k in route or self.w.institution_re.search(before) or passing:
                continue
            actors.append(p)
        return actors

    def _passing(self, p: PlaceMention) -> bool:
        """A place on the way ("quá cảnh qua tỉnh X", "sang tỉnh X, rồi theo Đường 9") or of origin."""
        lower = self.doc.lower
        sent = self.doc.sentences[p.sentence]
        return (self.w.transit_before_re.search(lower, max(sent.start, p.start - 30), p.start) is not None
                or self.w.transit_after_re.match(lower, p.end, sent.end) is not None
                or self._route_annotation(p, sent.start))

    def _route_annotation(self, p: PlaceMention, sent_start: int) -> bool:
        m = ROUTE_ANNOTATION_RE.search(self.doc.text, max(sent_start, p.start - 90), p.start)
        return m is not None and m.group("name")[0].isupper()

    def _clauses(self, start: int, end: int, mentions: list[PlaceMention]) -> list[_Clause]:
        """The parts of a sentence between semicolons, with the mentions in each."""
        cuts = [m.end() for m in SEMICOLON_RE.finditer(self.doc.text, start, end)]
        bounds = [start, *cuts, end]
        clauses = []
        for a, b in pairwise(bounds):
            inside = [m for m in mentions if a <= m.start < b]
            if inside:
                clauses.append(_Clause(a, b, inside))
        return clauses

    def _pairs(self, clause: _Clause, sentence_vn: set[str]) -> list[tuple[str, str]]:
        sentence_has_vn = bool(sentence_vn)
        text = self.doc.text
        mentions = clause.mentions
        found: list[tuple[str, str]] = []
        bound: set[int] = set()

        def add(a: PlaceMention, b: PlaceMention | None, code_b: str | None = None) -> None:
            other = b.code if b is not None else code_b
            if other is not None and other[:2] != a.code[:2] and pair_of(a.code, other) not in found:
                found.append(pair_of(a.code, other))
                for x, y in ((a.code, other), (other, a.code)):
                    if y.startswith("VN-") and not x.startswith("VN-"):
                        self.partners.setdefault(x, {})[y] = None

        for k in range(len(mentions) - 1):
            a, b = mentions[k], mentions[k + 1]
            one_vietnamese = a.code.startswith("VN-") != b.code.startswith("VN-")
            if one_vietnamese and COORDINATION_RE.fullmatch(text[a.end:b.start]):
                add(a, b)
                bound.update((k, k + 1))
        members = self._meeting_of_many(clause)
        if members:
            for a, b in combinations(members, 2):
                if a.code != b.code and pair_of(a.code, b.code) not in found:
                    found.append(pair_of(a.code, b.code))
            return found
        vietnamese = [m for m in mentions if m.code.startswith("VN-")]
        for k, f in enumerate(mentions):
            if k in bound or f.code.startswith("VN-"):
                continue
            free = [v for i, v in enumerate(mentions) if v in vietnamese and i not in bound
                    and self._related(f, v)]
            if free:
                nearest = min(free, key=lambda v: abs(v.start - f.start))
                add(f, nearest)
                for v in self._listed_with(nearest, mentions):
                    if v in free:  # "hợp tác với hai tỉnh của Việt Nam là Đắk Lắk và Lâm Đồng"
                        add(f, v)
                for v in vietnamese:
                    if v.code == self.home and v is not nearest and self._related(f, v):
                        add(f, v)
            elif not sentence_has_vn and (abroad := [g for g in mentions if g.code[:2] not in ("VN", f.code[:2])
                                                     and self._related(f, g) and not self._in_one_list(f, g)]):
                for g in abroad:  # "Ubon Ratchathani thực hiện Kế hoạch hợp tác với tỉnh Salavan": theirs
                    add(f, g)
            elif (self.home and (not sentence_has_vn or (not vietnamese and sentence_vn == {self.home}))
                  and self._cue_near(f.start, f.end) and not self._bordering(f)):
                # (the sentence may name the article's own province in another clause: "Với tỉnh U-đôm-xay,
                # hai tỉnh duy trì giao lưu; đội văn nghệ Điện Biên biểu diễn...")
                # Alone in its sentence, a foreign place deals with its partner: the article's own province,
                # unless the place was seen with others only ("Jeju" after "Khánh Hòa – Jeju" at a ceremony of
                # several pairs): then the first of those.
                known = self.partners.get(f.code, {})
                add(f, None, next(iter(known)) if known and self.home not in known else self.home)
        return found

    def _in_one_list(self, a: PlaceMention, b: PlaceMention) -> bool:
        """Are the two places named in one list ("tỉnh Mondulkiri (Campuchia) và tỉnh Attapeu (Lào)"), the
        partners of a third, rather than each other's?"""
        first, second = (a, b) if a.start < b.start else (b, a)
        return FOREIGN_LIST_GAP_RE.fullmatch(self.doc.text[first.end:second.start]) is not None

    def _listed_with(self, v: PlaceMention, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """The Vietnamese places in one list with `v` ("Đắk Lắk và Lâm Đồng", "A, B và C")."""
        text = self.doc.text
        k = mentions.index(v)
        out = []
        for step in (-1, 1):
            i = k
            while 0 <= i + step < len(mentions):
                a, b = (mentions[i + step], mentions[i]) if step < 0 else (mentions[i], mentions[i + step])
                if not (mentions[i + step].code.startswith("VN-") and LIST_GAP_RE.fullmatch(text[a.end:b.start])):
                    break
                i += step
                out.append(mentions[i])
        return out

    def _meeting_of_many(self, clause: _Clause) -> list[PlaceMention]:
        """The members of a meeting of three or more ("Hội nghị hợp tác ba tỉnh A - B - C", "ba tỉnh A,
        B và C", or "ba tỉnh" with three localities in the clause), who all deal with each other."""
        text = self.doc.text
        codes = {m.code for m in clause.mentions}
        for cue in self.doc.phrases_in(self.w.multilateral_re, clause.start, clause.end):
            listed: list[PlaceMention] = []
            pos = cue.end()
            for m in clause.mentions:
                if m.start < cue.end():
                    continue
                gap = text[pos:m.start]
                if not (LOCALITY_WORD_RE.fullmatch(gap) if not listed else LIST_RE.fullmatch(gap)):
                    break
                listed.append(m)
                pos = m.end
            if len(listed) >= 3 and len({m.code[:2] for m in listed}) >= 2:
                return listed
            count = COUNTS.get(cue.group("p").split()[0].lower())
            if count and count == len(codes) and len({c[:2] for c in codes}) >= 2:
                return clause.mentions
        return []

    def _related(self, a: PlaceMention, b: PlaceMention) -> bool:
        """Dealings, not borders: a word of dealings near the two, no "giáp" before the later one."""
        if self._bordering(a if a.start > b.start else b):
            return False
        return self._cue_near(min(a.start, b.start), max(a.end, b.end))

    def _bordering(self, p: PlaceMention) -> bool:
        """Is `p` named as a neighbour ("giáp", "đối diện tỉnh Nakhon Phanom")?"""
        doc = self.doc
        sent = doc.sentences[p.sentence]
        border = next(doc.phrases_in(self.w.not_interaction_re, sent.start, p.start), None)
        return border is not None and not any(doc.phrases_in(self.w.declared_partners_re, sent.start, border.start()))

    def _cue_near(self, start: int, end: int) -> bool:
        sent = self.doc.sentences[self.doc.sentence_at(start)]
        return any(self.doc.phrases_in(self.w.interaction_re, max(sent.start, start - CUE_REACH),
                                       min(sent.end, end + CUE_REACH)))
