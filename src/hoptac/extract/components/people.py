"""Titles, organisations and people.

A person is a run of capitalised words after an honorific ("ông", "đồng chí") or a title ("Bí thư Tỉnh
ủy An Giang Lê Hồng Quang"), or before a title in apposition ("ông X, Phó Bí thư Tỉnh ủy, Tỉnh trưởng
tỉnh Y"). Titles joined by commas or "kiêm" form a chain that belongs to one person and shares the
locality named at its end. A title that names no locality ("Phó Chủ tịch UBND tỉnh") takes the
nearest fitting locality of its sentence, else the person's other roles, else the article's own
province. One-word mentions ("ông Thắng") resolve to the full name they abbreviate.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from hoptac import resources
from hoptac.extract.document import Document, NameMention, Sentence, TitleMention, Token
from hoptac.extract.registry import register
from hoptac.facts import Person, Role
from hoptac.text.fold import fold

TITLE_THEN_HONORIFIC_RE = re.compile(r"\s*,\s*(?:ông|bà|đồng chí|ngài|Ngài)(?=\s)")
AND_RE = re.compile(r"\s+và\s")
# Before these words a capitalised phrase is a place, not a person in apposition ("tại thành phố Tam Kỳ,").
PLACE_INTRODUCERS = frozenset([
    "tại", "ở", "phố", "tỉnh", "huyện", "xã", "phường", "quận", "thị", "trấn", "đến", "từ", "về", "sang", "vùng",
    "khu", "bản", "làng", "thôn", "đường", "sông", "trên", "qua", "đặc",
])
CHAIN_GAP_RE = re.compile(r"\s*(?:,|kiêm|,\s*kiêm|và|-)\s*")
PREFIX_RE = re.compile(r"([^\W\d_]+)\s+$")
THUONG_TRUC_RE = re.compile(r"\s+(?i:thường\s+trực)(?![^\W_])")
COUNTRY_WORD_RE = re.compile(r"(?:nước|Nhà nước|Vương quốc)\s+")
TAI_RE = re.compile(r"\s+tại\s+")
WS_RE = re.compile(r"\s*")
APPOSITION_RE = re.compile(r"([^\W_])(?:\s*\([^()]{1,60}\))?\s*(?:,|\s-|\()\s*$")
COPULA_RE = re.compile(r"([^\W_])\s+(?:hiện\s+|nay\s+|đồng\s+thời\s+|cũng\s+)?là\s+$")
HONORIFIC_BEFORE_RE = re.compile(r"(?<![^\W_])(?:[Ôô]ng|[Bb]à|[Nn]gài|[Đđ]ồng chí)\s$")
CITY_WORDS = frozenset({"thành phố", "tp", "tp.", "đặc khu"})
CITY_PARTY_BODY = "thành ủy"
# After these a capitalised run is a place ("các huyện Khăm Cợt"), unless it reads as a Vietnamese name.
LOCALITY_WORDS = frozenset({"tỉnh", "phố", "tp", "huyện", "xã", "quận", "phường", "thị", "trấn", "bản", "thôn",
                            "làng", "khu", "vùng", "châu"})

ROLE_BY_KIND = {
    ("secretary", "party"): "party_secretary",
    ("deputy_secretary", "party"): "deputy_party_secretary",
    ("standing_deputy_secretary", "party"): "standing_deputy_party_secretary",
    ("chair", "committee"): "people_committee_chair",
    ("vice_chair", "committee"): "people_committee_vice_chair",
    ("chair", "council"): "people_council_chair",
    ("vice_chair", "council"): "people_council_vice_chair",
}
FOREIGN_ROLES = frozenset({"governor", "vice_governor"})
VIETNAMESE_ROLES = frozenset({"people_committee_chair", "people_committee_vice_chair"})


def name_key(name: str) -> str:
    return " ".join(fold(name).replace("-", " ").split())


@register("people")
class People:
    def __init__(self) -> None:
        self.t = resources.titles()
        self.gaz = resources.gazetteer()

    # -- the document ------------------------------------------------------------------------
    def __call__(self, doc: Document) -> None:
        self.doc = doc
        self.place_at = {p.start: p for p in doc.places}
        self.country_at = {c.start: c for c in doc.countries}
        self.country_ends = {c.end for c in doc.countries if not c.weak}
        self.stops = self._stop_positions(doc)
        titles: list[TitleMention] = []
        names: list[NameMention] = []
        for sent in doc.sentences:
            t, n = self._sentence(sent)
            titles.extend(t)
            names.extend(n)
        doc.titles = titles
        self._resolve_of(doc, names)
        doc.names = names
        doc.people = self._people(doc, names)
        # places inside a name of two words or more are no places
        in_name = bytearray(len(doc.text))
        for n in names:
            if n.words > 1:
                in_name[n.start:n.end] = b"\x01" * (n.end - n.start)
        doc.places = [p for p in doc.places if in_name.find(1, p.start, p.end) < 0]

    def _stop_positions(self, doc: Document) -> set[int]:
        self.head_matches = list(self.t.head_re.finditer(doc.text))
        self.honorific_matches = list(doc.phrases_in(self.t.honorific_re, cased=True))
        # where they start, in order: a sentence's matches are a slice (see _in_sentence)
        self.head_match_starts = [m.start() for m in self.head_matches]
        self.honorific_match_starts = [m.start() for m in self.honorific_matches]
        self.not_title_spans = [m.span() for m in doc.phrases_in(self.t.not_title_re, cased=True)]
        self.head_starts = {m.start() for m in self.head_matches}
        self.honorific_starts = {m.start() for m in self.honorific_matches}
        stops = set(self.place_at) | self.head_starts | self.honorific_starts
        stops.update(c.start for c in doc.countries if not c.weak)
        org = list(self.t.name_stop_re.finditer(doc.text))
        self.name_stop_starts = {m.start() for m in org}
        # after "Tập đoàn", "Sở"... a capitalised run is the organisation's name, not a person's
        self.name_stop_ends = {m.end() for m in org if " ".join(m.group().split()) not in self.t.complete_orgs}
        stops.update(self.name_stop_starts)
        return stops

    # -- one sentence ------------------------------------------------------------------------
    def _sentence(self, sent: Sentence) -> tuple[list[TitleMention], list[NameMention]]:
        text = self.doc.text
        heads = _in_sentence(self.head_matches, self.head_match_starts, sent)
        honorifics = _in_sentence(self.honorific_matches, self.honorific_match_starts, sent)
        if not heads and not honorifics:
            return [], []  # no title and no honorific: no one is named here
        titles = [
            self._parse_title(m, sent) for m in heads if not any(s <= m.start() < e for s, e in self.not_title_spans)
        ]
        names: list[NameMention] = []
        by_end: dict[int, NameMention] = {}

        def add(name: NameMention | None) -> NameMention | None:
            if name is None:
                return None
            if name.end in by_end:
                return by_end[name.end]
            names.append(name)
            by_end[name.end] = name
            return name

        for m in honorifics:
            if m.start() in self.place_at:
                continue  # "Bà Rịa - Vũng Tàu"
            if self.t.memorial_re.search(text, max(sent.start, m.start() - 20), m.start()):
                continue  # "Khu lưu niệm Đại tướng Võ Nguyên Giáp" is a place
            word = m.group()
            familiar = word in self.t.everyday_honorifics  # "con em Sê Kông" are children, not a person
            name = self._run_after(m.end(), sent, allow_places=not familiar)
            if name and (not familiar or name.words > 1):
                add(name)
        # Chains of titles and the person each belongs to.
        chains: list[list[TitleMention]] = []
        following: dict[int, NameMention] = {}
        self.scanned: set[int] = set()  # names found in the free part of an office's title
        for t in titles:
            after = self._complete_title(t, sent)
            if after is not None:
                following[id(t)] = after
            if chains and id(chains[-1][-1]) not in following and CHAIN_GAP_RE.fullmatch(
                    text[chains[-1][-1].end:t.start]):
                chains[-1].append(t)
            else:
                chains.append([t])
        for chain in chains:
            after = following.get(id(chain[-1]))
            if after is None:
                # "Tỉnh trưởng tỉnh Champasak, ông Vilayvong Bouddakham": the title, then the person
                m = TITLE_THEN_HONORIFIC_RE.match(text, chain[-1].end)
                after = self._run_after(m.end(), sent, allow_places=True) if m else None
                if after is not None and after.words < 2:
                    after = None
            before = self._run_before(chain[0].start, sent, by_end)
            person = after if after is not None and (before is None or self._trust_after(chain[-1], after)) else before
            person = add(person)
            if person is not None:
                person.titles.extend(chain)
                if person is after:
                    # "các Phó Chủ tịch HĐND Lý Thị Kim Hương và Trần Văn Phúc"
                    m = AND_RE.match(text, person.end)
                    other = self._run_after(m.end() - 1, sent) if m else None
                    if other is not None and other.words > 1:
                        add(other).titles.extend(chain)
            _share_chain_place(chain)
        names.sort(key=lambda n: n.start)
        return titles, names

    def _trust_after(self, t: TitleMention, after: NameMention) -> bool:
        """Which of two names is the title's, the one after it or the one before ("ông X, Bí thư
        Huyện ủy Nam Giang")? After, when it follows a title that named its province ("tại thành phố Tam
        Kỳ, Phó Chủ tịch UBND tỉnh Quảng Nam Châu Văn Thạnh") or reads as a Vietnamese name after a
        provincial office; before otherwise."""
        if after.words < 2 or t.below or t.body == "below" or id(after) in self.scanned:
            return False
        return bool(t.place) or self._vietnamese_name(after)

    def _vietnamese_name(self, name: NameMention) -> bool:
        """Starts with a Vietnamese surname, or has "Văn"/"Thị" second: "Vì Văn Hải"."""
        words = name.name.split()
        return 2 <= len(words) <= 4 and (words[0] in self.gaz.surnames or words[1] in ("Văn", "Thị"))

    def _highland_name(self, name: NameMention) -> bool:
        """A name of the Central Highlands' peoples: "H'Wiên Mlô", "Y Ngông Niê Kdăm"."""
        words = name.name.split()
        return bool(words) and (words[0] == "Y" or words[0].startswith("H'") or words[-1] in self.gaz.highland_clans)

    def _parse_title(self, m: re.Match, sent: Sentence) -> TitleMention:
        text = self.doc.text
        head = " ".join(m.group("p").split())
        t = TitleMention(m.start(), m.end(), head, self.t.head_kinds.get(head.lower(), "other"), sent.index)
        before = PREFIX_RE.search(text, max(sent.start, m.start() - 12), m.start())
        if before and (before.group(1) in self.t.acting or before.group(1) in self.t.former):
            t.start = before.start()  # "Quyền Chủ tịch", "nguyên Bí thư"
            t.former = before.group(1) in self.t.former
        pos = m.end()
        mt = THUONG_TRUC_RE.match(text, pos)
        if mt:
            pos = t.end = mt.end()
        pos = WS_RE.match(text, pos).end()
        lower = self.doc.lower
        mb = self.t.body_re.match(lower, pos)
        if mb:
            t.body = self.t.body_kinds.get(" ".join(mb.group("p").split()).lower())
            t.below = t.body == "below"
            pos = t.end = mb.end()
            mt = THUONG_TRUC_RE.match(text, pos)
            if mt:
                pos = t.end = mt.end()
            pos = WS_RE.match(text, pos).end()
        if self.t.below_word_re.match(lower, pos):
            t.below = True
            return t
        place = None if t.kind in ("ambassador", "consul_general") else self.place_at.get(pos)
        ml = None if place or t.kind in ("ambassador", "consul_general") else self.t.locality_word_re.match(lower, pos)
        if ml:
            after = WS_RE.match(text, ml.end()).end()
            place = self.place_at.get(after)
            if place is None:
                t.locality_word = ml.group("p").lower()
                t.end = ml.end()
        if place:
            t.place, t.end = place.code, place.end
            city = (mb is not None and mb.group("p").lower().endswith(CITY_PARTY_BODY)) or (
                ml is not None and ml.group("p").lower() in CITY_WORDS)
            if city and self._province_not_city(place.code):
                t.below = True  # "Bí thư Thành ủy Hà Tĩnh": the city of Hà Tĩnh, below its province
        if t.kind in ("ambassador", "consul_general", "other") and not t.place:
            self._country_after(t)
        return t

    def _province_not_city(self, code: str) -> bool:
        """A Vietnamese province (not a centrally run city): "thành phố X" of it is its capital city."""
        unit = self.gaz.place(code, self.doc.published)
        return code.startswith("VN-") and unit is not None and unit.kind == "province"

    def _country_after(self, t: TitleMention) -> None:
        text = self.doc.text
        pos = WS_RE.match(text, t.end).end()
        country = self.country_at.get(pos)
        if country is None:
            m = COUNTRY_WORD_RE.match(text, pos)  # "Đại sứ đặc mệnh toàn quyền nước CHDCND Lào"
            country = self.country_at.get(m.end()) if m else None
        if country is None:
            return
        t.country, t.end = country.code, country.end
        mt = TAI_RE.match(text, t.end)
        if mt:
            target = self.country_at.get(mt.end()) or self.place_at.get(mt.end())
            if target is not None:
                t.end = target.end

    def _complete_title(self, t: TitleMention, sent: Sentence) -> NameMention | None:
        """Extend an office's free part ("Giám đốc Sở Văn hóa, Thể thao và Du lịch Hà Tĩnh") and
        return the name that follows the title, if any."""
        tokens, text = self.doc.tokens, self.doc.text
        k = self._token_from(t.end, sent)
        if t.kind == "other" and not t.place and not t.country:
            steps = 0
            while k < sent.last and steps < 16:
                tok = tokens[k]
                gap = text[tokens[k - 1].end:tok.start] if k > sent.first else ""
                if any(c in gap for c in ';:()"[]') or "." in gap:
                    break
                if "," in gap and not tok.upper:
                    break
                if tok.start in self.head_starts or tok.start in self.honorific_starts:
                    break
                if not tok.upper and tok.text in self.t.complement_stops and "-" not in gap:
                    break
                if tok.text == "và" and k + 1 < sent.last and not tokens[k + 1].upper:
                    break  # "..., Trưởng ban Đối ngoại Tỉnh ủy X và đại diện lãnh đạo các huyện"
                prev = tokens[k - 1]
                if tok.upper and prev.upper and gap == " " and tok.text in self.gaz.surnames:
                    # "Giám đốc Sở Công Thương Lương Văn Khải": a full Vietnamese name ends the office's name
                    name = self._run_after(tok.start, sent)
                    if name is not None and 3 <= name.words <= 4 and self._vietnamese_name(name):
                        t.end = prev.end
                        self.scanned.add(id(name))
                        return name
                # a capitalised run right after "Tập đoàn", "Sở"... is the organisation's own name
                if (tok.upper and gap == " " and (not prev.upper or prev.end in self.country_ends)
                        and prev.end not in self.name_stop_ends):
                    name = self._run_after(tok.start, sent)
                    if name is not None and name.words >= 2:
                        if prev.text.lower() in LOCALITY_WORDS and not self._vietnamese_name(name):
                            k = self._token_from(name.end, sent)  # "các huyện Khăm Cợt": a place
                            steps += 1
                            continue
                        t.end = tokens[k - 1].end
                        self.scanned.add(id(name))
                        return name
                place = self.place_at.get(tok.start)
                if place is not None:
                    t.place = t.place or place.code
                    t.end = place.end
                    k = self._token_from(place.end, sent)
                    name = self._run_after(place.end, sent)
                    if name is not None and name.words >= 2:
                        self.scanned.add(id(name))
                        return name
                    steps += 1
                    continue
                country = self.country_at.get(tok.start)
                if country is not None and not country.weak:
                    t.country = t.country or country.code
                t.end = tok.end
                k += 1
                steps += 1
            return None
        name = self._run_after(t.end, sent, allow_places=t.kind in ("ambassador", "consul_general"))
        if (name is not None and not t.place and name.words <= 3
                and self.doc.lower[t.start:t.end].endswith(CITY_PARTY_BODY)
                and (not self._vietnamese_name(name) or self._closes_apposition(t, name, sent))):
            t.below = True  # "Bí thư Thành ủy Móng Cái": a city below province level
            t.end = name.end  # the city is part of the title
            return None
        if name is not None and t.locality_word and not t.place:
            cut = self._cut_place_word(name)
            if cut is not name and t.locality_word in CITY_WORDS:
                t.below = True  # "UBND thành phố Pleiku Nguyễn Văn A": a city below province level
            if cut is not name:
                t.end = cut.start - 1 if cut is not None else name.end
            name = cut
        return name

    def _closes_apposition(self, t: TitleMention, name: NameMention, sent: Sentence) -> bool:
        """Is the title a person's, after their name and a comma, and the run after it the last words
        before the next punctuation? Then the run names the body's city, however Vietnamese it reads
        ("ông Lương Chí Hoa, Bí thư Thành ủy Sùng Tả;")."""
        text = self.doc.text
        before = text[max(sent.start, t.start - 3):t.start].rstrip()
        after = text[name.end:name.end + 1]
        return before.endswith(",") and (name.end >= sent.end - 1 or after in ";,.)")

    def _token_from(self, pos: int, sent: Sentence) -> int:
        return self.doc.token_from(pos, sent.first, sent.last)

    # -- names ----------------------------------------------------------------------------------
    def _is_name_token(self, tok: Token, allow_places: bool = False) -> bool:
        if tok.digit or not tok.upper:
            return False
        if len(tok.text) > 1 and tok.text.isupper():
            return False  # an acronym: UBND, FDI
        if tok.start in self.stops:
            return allow_places and tok.start in self.place_at and tok.start not in self.name_stop_starts
        return True

    def _run_after(self, pos: int, sent: Sentence, allow_places: bool = False) -> NameMention | None:
        """The person's name that starts right after `pos` (one space between), or None. After an
        honorific or a diplomat's title a foreign place name may be a name ("ông Ishikawa Ryota")."""
        text, tokens = self.doc.text, self.doc.tokens
        start = WS_RE.match(text, pos).end()
        if start - pos > 1 or start >= sent.end:
            return None
        k = self.doc.token_at(start)
        if k is None or not self._is_name_token(tokens[k], allow_places):
            return None
        words = 1
        end_k = k
        j = k + 1
        while j < sent.last:
            tok = tokens[j]
            gap = text[tokens[j - 1].end:tok.start]
            if gap in ("-", "'") and tok.text.isalpha():
                end_k = j  # "Sổm-phết", "Kyung-tae", "H'Wiên"
            elif gap == " " and self._is_name_token(tok, allow_places):
                end_k = j
                words += 1
            else:
                break
            j += 1
            if words > 6:
                return None
        return self._mention(k, end_k, words, sent)

    def _run_before(self, pos: int, sent: Sentence, by_end: dict[int, NameMention]) -> NameMention | None:
        """The name in apposition before a title: "ông X, Phó Bí thư...", "ông X (Phó Bí thư...)", and in
        the lists of participants "các đồng chí: X - Bí thư Tỉnh ủy; Y - Giám đốc Sở Ngoại vụ"."""
        text, tokens = self.doc.text, self.doc.tokens
        # Both patterns end in a delimiter or "là", then spaces: a cheap test before scanning the sentence.
        tail = pos
        while tail > sent.start and text[tail - 1].isspace():
            tail -= 1
        m = None
        if text[tail - 1:tail] in (",", "-", "(") and tail > sent.start:
            # Only one match can end at `pos`; most often it starts at the word just before the delimiter.
            word_end = tail - 1
            while word_end > sent.start and text[word_end - 1].isspace():
                word_end -= 1
            m = APPOSITION_RE.match(text, word_end - 1, pos) if word_end > sent.start else None
            if m is None:
                m = APPOSITION_RE.search(text, sent.start, pos)
        copula = None
        if not m:
            # "Ông Duy là Phó Bí thư Tỉnh ủy...": the title after the verb "là"
            copula = COPULA_RE.search(text, sent.start, pos) if text.endswith("là", sent.start, tail) else None
            if not copula:
                return None
            m = copula
        end = m.end(1)
        if end in by_end:
            return by_end[end]
        k = self.doc.token_from(end, sent.first, sent.last) - 1  # the last token starting before the end
        if k < sent.first or tokens[k].end != end:
            return None
        j, words = k, 1
        while j > sent.first:
            gap = text[tokens[j - 1].end:tokens[j].start]
            if gap in ("-", "'") and tokens[j - 1].text.isalpha():
                j -= 1
            elif gap == " " and self._is_name_token(tokens[j]):
                # the word before may be hyphenated ("Thoong-xổm Phăn-đa-nu-vông"): its first syllable decides
                g = j - 1
                while (g > sent.first and text[tokens[g - 1].end:tokens[g].start] in ("-", "'")
                       and tokens[g - 1].text.isalpha()):
                    g -= 1
                if not self._is_name_token(tokens[g]):
                    break
                j = g
                words += 1
            else:
                break
        if not self._is_name_token(tokens[j]) or words > 6:
            return None
        if words < 2 and not (copula and HONORIFIC_BEFORE_RE.search(text, sent.start, tokens[j].start)):
            return None
        if any(not tokens[x].upper and text[tokens[x - 1].end:tokens[x].start] != "-" for x in range(j + 1, k + 1)):
            return None
        if j > sent.first:
            prev = tokens[j - 1]
            gap = text[prev.end:tokens[j].start]
            if gap.strip() not in ("", ":", ";", ",", "("):
                return None
            if gap == " " and prev.upper and prev.start not in self.stops:
                return None  # not a name on its own: part of a longer capitalised phrase
            if gap == " " and prev.text.lower() in PLACE_INTRODUCERS:
                return None
        return self._mention(j, k, words, sent)

    def _mention(self, k: int, end_k: int, words: int, sent: Sentence) -> NameMention | None:
        tokens, doc = self.doc.tokens, self.doc
        if words > 4:
            # "Pleiku Nguyễn Văn A": keep from the last Vietnamese surname that leaves 2 to 4 words
            cut = self._surname_cut(k, end_k)
            if cut is None:
                if words > 5:
                    return None
            else:
                k, words = cut
        start, end = tokens[k].start, tokens[end_k].end
        name = doc.surface[start:end]
        return NameMention(start, end, name, name_key(name), words, sent.index)

    def _surname_cut(self, k: int, end_k: int) -> tuple[int, int] | None:
        tokens, text = self.doc.tokens, self.doc.text
        word_starts = [k] + [x for x in range(k + 1, end_k + 1) if text[tokens[x - 1].end:tokens[x].start] == " "]
        for w, x in enumerate(word_starts[1:], 1):
            rest = len(word_starts) - w
            if 2 <= rest <= 4 and tokens[x].text in self.gaz.surnames:
                return x, rest
        return None

    def _cut_place_word(self, name: NameMention) -> NameMention | None:
        """After "tỉnh"/"thành phố" and a place we do not know, the run's first word is that place,
        unless the run is itself a Vietnamese name ("HĐND thành phố Lý Thị Kim Hương")."""
        tokens = self.doc.tokens
        k = self.doc.token_at(name.start)
        if self._vietnamese_name(name):
            return name
        if name.words < 3:
            return None  # "Thị trưởng thành phố Đông Hưng": the run is the city
        end_k = k
        while end_k + 1 < len(tokens) and tokens[end_k + 1].end <= name.end:
            end_k += 1
        cut = self._surname_cut(k, end_k)
        if cut is not None:
            x, words = cut
        else:
            x = k + 1
            while x <= end_k and self.doc.text[tokens[x - 1].end:tokens[x].start] != " ":
                x += 1
            words = name.words - 1
        return self._mention(x, end_k, words, self.doc.sentences[name.sentence])

    # -- roles and their localities ------------------------------------------------------------
    def _resolve_of(self, doc: Document, names: list[NameMention]) -> None:
        counts = Counter(p.code for p in doc.places)
        home = next((c for c, _ in counts.most_common() if c.startswith("VN-")), None)
        abroad = next((c for c, _ in counts.most_common() if not c.startswith("VN-")), None)
        for t in doc.titles:
            t.role = _role(t)
            t.of = t.place or t.country
        # The same person's roles lend each other their locality.
        by_person: dict[str, list[TitleMention]] = {}
        for n in names:
            by_person.setdefault(n.key, []).extend(n.titles)
        for n in names:
            for t in n.titles:
                if t.of or t.role == "other":
                    continue
                # a party or council office of a person with a foreign name is held abroad
                foreign = t.role in FOREIGN_ROLES or (
                    abroad is not None and _fits(t.role, abroad) and not self._vietnamese_name(n)
                    and not self._highland_name(n))
                t.of = (
                    self._nearest_place(doc, t)
                    or next((o.of for o in by_person.get(n.key, ()) if o.of and _fits(t.role, o.of)), None)
                    or (abroad if foreign else home)
                )

    def _nearest_place(self, doc: Document, t: TitleMention) -> str | None:
        in_sentence = [p for p in doc.places if p.sentence == t.sentence and _fits(t.role, p.code)]
        before = [p for p in in_sentence if p.end <= t.start]
        if before:
            return before[-1].code
        return None

    # -- people --------------------------------------------------------------------------------
    def _people(self, doc: Document, names: list[NameMention]) -> list[Person]:
        people: list[Person] = []
        index: dict[str, int] = {}
        # "bà Kiều Loan" with "bà Võ Thị Kiều Loan": two words that end one longer name are that person
        longer = {n.key for n in names if n.words > 2}
        alias: dict[str, str] = {}
        for n in names:
            if n.words == 2:
                owners = [key for key in longer if key.endswith(" " + n.key)]
                if len(owners) == 1:
                    alias[n.key] = owners[0]
        for n in sorted((n for n in names if n.words >= 2), key=lambda n: n.key in alias):
            key = alias.get(n.key, n.key)
            if key not in index:
                index[key] = len(people)
                people.append(Person(n.name))
            n.person = index[key]
        words_of = [_name_words(p.name) for p in people]  # each person's, for the one-word mentions
        for n in names:
            if n.words == 1 and people:
                n.person = _resolve_short(n, words_of, names)
        for n in names:
            if n.person is None:
                continue
            person = people[n.person]
            person.evidence.append(doc.evidence(n.start, n.end, n.sentence))
            for t in n.titles:
                title = doc.surface[t.start:t.end]
                evidence = doc.evidence(t.start, t.end, t.sentence)
                for role in person.roles:
                    if role.role == t.role and role.of == t.of:
                        role.evidence.append(evidence)
                        break
                else:
                    person.roles.append(Role(t.role, t.of, title, [evidence]))
        return people


def _in_sentence(matches: list[re.Match], starts: list[int], sent: Sentence) -> list[re.Match]:
    """The matches (starting at `starts`, in order) that start in the sentence."""
    return matches[bisect_left(starts, sent.start):bisect_left(starts, sent.end)]


def _share_chain_place(chain: list[TitleMention]) -> None:
    """In "Bí thư Tỉnh ủy, Tỉnh trưởng tỉnh Champasak" both titles are Champasak's."""
    for i, t in enumerate(chain):
        if t.place or t.country or t.kind == "other":
            continue
        later = next((c.place for c in chain[i + 1:] if c.place), None)
        earlier = next((c.place for c in reversed(chain[:i]) if c.place), None)
        t.place = later or earlier


def _role(t: TitleMention) -> str:
    kind = t.kind
    if t.below or t.body == "below" or t.former:
        return "other"
    if kind in ("governor", "vice_governor"):
        return kind  # "Phó Tỉnh trưởng Chính phủ Nhân dân tỉnh Vân Nam" too
    if t.body == "government":
        # "Phó Chủ tịch Chính phủ nhân dân Khu tự trị Quảng Tây": the deputy head of a foreign province
        return {"chair": "governor", "vice_chair": "vice_governor"}.get(kind, "other")
    if kind in ("mayor", "vice_mayor"):
        if t.place:
            return "governor" if kind == "mayor" else "vice_governor"
        return "other"
    if kind in ("ambassador", "consul_general"):
        return kind
    body = t.body
    if body is None and (t.place or t.locality_word) and kind in ("chair", "vice_chair"):
        body = "committee"  # "Chủ tịch tỉnh Quảng Trị"
    if body is None and t.place and kind.endswith("secretary"):
        body = "party"  # "Bí thư tỉnh Champasak"
    return ROLE_BY_KIND.get((kind, body or ""), "other")


def _fits(role: str, code: str) -> bool:
    if len(code) == 2:
        return role in ("ambassador", "consul_general", "other")
    if role in VIETNAMESE_ROLES:
        return code.startswith("VN-")
    if role in FOREIGN_ROLES:
        return not code.startswith("VN-")
    return True


def _resolve_short(n: NameMention, words_of: list[set[str]], names: list[NameMention]) -> int | None:
    """"ông Thắng" is the one person whose name has the word "Thắng" (`words_of` the people's name words);
    the latest mentioned if several."""
    word = n.key
    matches = [i for i, words in enumerate(words_of) if word in words]
    if len(matches) == 1:
        return matches[0]
    if matches:
        last = {i: max((m.start for m in names if m.person == i and m.start < n.start), default=-1)
                for i in matches}
        return max(matches, key=lambda i: last[i])
    return None


def _name_words(name: str) -> set[str]:
    return {name_key(word) for word in name.split()}
