"""Countries and province-level units, in every spelling of the gazetteer.

Candidates are looked up on folded syllables (case, marks, hyphens and spaces ignored), then checked
against the surface: the capitals the spelling has, its tone marks when the text has marks and the
unit is Vietnamese or Chinese ("Quang Bình" is a district, not "Quảng Bình"), the word before it
("huyện", "sông", a personal name: "Nguyễn Thái Bình", "Hoàng Anh Gia Lai"), and, for short or
common-word spellings, a "tỉnh" before it or its country named nearby.
"""

from __future__ import annotations

import re

from hoptac import resources
from hoptac.extract.document import CountryMention, Document, PlaceMention, Token
from hoptac.extract.registry import register
from hoptac.text.fold import has_marks

JOINER_RE = re.compile(r"[ \-.]{1,3}")
# Words that make the following name a unit below province level, a river, a street...
BLOCKING_WORDS = frozenset([
    "huyện", "quận", "xã", "phường", "sông", "suối", "núi", "đèo", "cầu", "chợ", "bến", "hồ", "vịnh", "làng",
    "bản", "thôn", "ấp", "phố", "đường", "hẻm", "ngõ", "kênh", "rạch", "đồi",
])
BLOCKING_PAIRS = frozenset({("thị", "xã"), ("thị", "trấn"), ("khu", "phố"), ("dân", "phố")})
CONTEXT_WORDS = frozenset({"tỉnh", "thành phố", "tp", "khu tự trị", "tỉnh bang", "province"})
COMPANY_GAPS = frozenset({" ", " – ", " - ", "-", " & "})
# Lower-case words that end a company's name when read backwards: "Tập đoàn TH tại Nghệ An".
COMPANY_NAME_STOPS = frozenset({"của", "ở", "và", "các", "hai", "những"})


def _joined(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end:b.start]
    return bool(gap) and JOINER_RE.fullmatch(gap) is not None


def _prefixes(table: dict) -> frozenset[tuple[str, ...]]:
    return frozenset(key[:n] for key in table for n in range(1, len(key) + 1))


def _match_keys(doc: Document, i: int, table: dict, prefixes: frozenset) -> list[tuple[int, list]]:
    """Keys of `table` starting at token i, longest first: [(last token index, entries)]."""
    tokens, text = doc.tokens, doc.text
    first = tokens[i]
    key: tuple[str, ...] = ()
    found: list[tuple[int, list]] = []
    for j in range(i, len(tokens)):
        tok = tokens[j]
        if tok.sentence != first.sentence or (j > i and not _joined(text, tokens[j - 1], tok)):
            break
        key += (tok.fold,)
        if key not in prefixes:
            break
        entries = table.get(key)
        if entries:
            found.append((j, entries))
    found.reverse()
    return found


@register("places")
class Places:
    def __init__(self) -> None:
        self.gaz = resources.gazetteer()
        self.place_prefixes = _prefixes(self.gaz.spellings)
        self.country_prefixes = _prefixes(self.gaz.countries)
        # Only tokens that start some key are worth a lookup; lower-case ones only for the spellings
        # that start in lower case ("tỉnh Viêng Chăn", "sông Sê Kông").
        self.place_starts = frozenset(k[0] for k in self.gaz.spellings)
        self.lower_starts = frozenset(s.folded[0] for v in self.gaz.spellings.values() for s in v
                                      if not s.capitals[0])
        self.country_starts = frozenset(k[0] for k in self.gaz.countries)
        self.stop_words = resources.titles().complement_stops

    def __call__(self, doc: Document) -> None:
        doc.countries = self._countries(doc)
        doc.places = self._places(doc)
        # "Lào" in "Lào Cai" is no mention of Laos
        doc.countries = [c for c in doc.countries if not any(p.start <= c.start < p.end for p in doc.places)]

    def _countries(self, doc: Document) -> list[CountryMention]:
        out: list[CountryMention] = []
        tokens = doc.tokens
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.upper and tok.fold in self.country_starts:
                for j, entries in _match_keys(doc, i, self.gaz.countries, self.country_prefixes):
                    code, weak = entries[0]
                    out.append(CountryMention(tok.start, tokens[j].end, code, tok.sentence, weak))
                    i = j
                    break
            i += 1
        return out

    def _places(self, doc: Document) -> list[PlaceMention]:
        out: list[PlaceMention] = []
        tokens = doc.tokens
        country_starts = {c.start for c in doc.countries if not c.weak}
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.fold not in (self.place_starts if tok.upper else self.lower_starts) or tok.digit:
                i += 1
                continue
            for j, spellings in _match_keys(doc, i, self.gaz.spellings, self.place_prefixes):
                span = tokens[i:j + 1]
                good = [s for s in spellings if self._fits(doc, s, span)]
                if not good:
                    continue
                if any(s.code == "-" for s in good):
                    i = j  # a longer name that is not a province: skip it whole
                    break
                if self._blocked(doc, i, country_starts) or self._in_company_name(doc, i):
                    break
                good = [s for s in good if not s.context or self._has_context(doc, i, j, s.country)]
                if not good:
                    continue
                codes = tuple(dict.fromkeys(s.code for s in good))
                out.append(PlaceMention(tok.start, tokens[j].end, codes[0], tok.sentence,
                                        codes if len(codes) > 1 else ()))
                i = j
                break
            i += 1
        _resolve_ambiguous(out)
        return out

    @staticmethod
    def _fits(doc: Document, spelling, span: list[Token]) -> bool:
        """Does the surface agree with the spelling's capitals and (for VN and CN) its marks?"""
        all_caps = all(t.text.isupper() for t in span)
        if not all_caps:
            if len(spelling.capitals) != len(span):
                return False
            for cap, tok in zip(spelling.capitals, span, strict=True):
                if cap and not tok.upper:
                    return False
        if spelling.code == "-" or spelling.country in ("VN", "CN"):
            surface = doc.text[span[0].start:span[-1].end]
            if has_marks(surface) and " ".join(t.text.lower() for t in span) != spelling.accented:
                return False
        return True

    def _blocked(self, doc: Document, i: int, country_starts: set[int]) -> bool:
        """Is the name at token i part of a river, district, street, person's or company's name?"""
        if i == 0:
            return False
        tokens = doc.tokens
        prev, tok = tokens[i - 1], tokens[i]
        if prev.sentence != tok.sentence:
            return False
        gap = doc.text[prev.end:tok.start]
        if gap != " ":
            return False
        word = prev.text.lower()
        if word in BLOCKING_WORDS:
            return not (word == "phố" and i >= 2 and tokens[i - 2].text.lower() == "thành")
        if i >= 2 and (tokens[i - 2].text.lower(), word) in BLOCKING_PAIRS:
            return True
        if prev.upper and prev.text in self.gaz.name_syllables and prev.start not in country_starts:
            first_of_sentence = doc.sentences[tok.sentence].first == i - 1
            return not first_of_sentence or prev.text in ("Văn", "Thị")
        return False

    def _in_company_name(self, doc: Document, i: int) -> bool:
        """Does a company's name ("Công ty TNHH Thương mại Quốc tế Quảng Tây") run on to token i? Read
        backwards over capitalised words, the second syllables of words ("Thương mại") and legal forms."""
        tokens, text = doc.tokens, doc.text
        heads, legal = self.gaz.company_heads, self.gaz.legal_form_words
        j = i - 1
        while j >= 0 and i - j <= 12 and tokens[j].sentence == tokens[i].sentence:
            if text[tokens[j].end:tokens[j + 1].start] not in COMPANY_GAPS:
                return False
            for head in heads:
                first = j - len(head) + 1
                if (first >= 0 and tokens[first].upper
                        and tuple(t.text.lower() for t in tokens[first:j + 1]) == head):
                    return True
            tok = tokens[j]
            low = tok.text.lower()
            second_syllable = (j > 0 and tokens[j - 1].upper and low not in COMPANY_NAME_STOPS
                               and low not in self.stop_words)
            if not (tok.upper or low in legal or second_syllable):
                return False
            j -= 1
        return False

    def _has_context(self, doc: Document, i: int, j: int, country: str) -> bool:
        tokens = doc.tokens
        before = doc.text[max(0, tokens[i].start - 16):tokens[i].start].lower()
        if any(before.rstrip().endswith(w) for w in CONTEXT_WORDS):
            return True
        sentence = tokens[i].sentence
        return any(c.sentence == sentence and c.code == country for c in doc.countries)


def _resolve_ambiguous(mentions: list[PlaceMention]) -> None:
    """A bare "Viêng Chăn" is the unit last named unambiguously (else the next one, else the default)."""
    for k, m in enumerate(mentions):
        if not m.candidates:
            continue
        before = [p.code for p in mentions[:k] if not p.candidates and p.code in m.candidates]
        after = [p.code for p in mentions[k + 1:] if not p.candidates and p.code in m.candidates]
        if before:
            m.code = before[-1]
        elif after:
            m.code = after[0]
