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
    return gap == " " or (bool(gap) and JOINER_RE.fullmatch(gap) is not None)  # one space: most often


def _trie(table: dict[tuple[str, ...], list]) -> dict[str, list]:
    """The keys of `table` (tuples of folded syllables) as a tree, syllable by syllable:
    {syllable: [entries of the key that ends here or None, {next syllable: ...}]}. Walking it looks up one
    syllable (whose hash a string keeps) per step, where the tuples would be built and hashed again."""
    root: dict[str, list] = {}
    for key, entries in table.items():
        node = root
        for syllable in key[:-1]:
            node = node.setdefault(syllable, [None, {}])[1]
        node.setdefault(key[-1], [None, {}])[0] = entries
    return root


def _match_keys(doc: Document, i: int, trie: dict[str, list]) -> list[tuple[int, list]]:
    """Keys of the table `trie` holds (see _trie) starting at token i, longest first: [(last token index,
    entries)]."""
    tokens, text = doc.tokens, doc.text
    sentence = tokens[i].sentence
    node = trie
    found: list[tuple[int, list]] = []
    prev = None
    for j in range(i, len(tokens)):
        tok = tokens[j]
        if tok.sentence != sentence or (prev is not None and not _joined(text, prev, tok)):
            break
        step = node.get(tok.fold)
        if step is None:
            break
        entries, node = step
        if entries:
            found.append((j, entries))
        prev = tok
    found.reverse()
    return found


@register("places")
class Places:
    def __init__(self) -> None:
        self.gaz = resources.gazetteer()
        self.place_trie = _trie(self.gaz.spellings)
        self.country_trie = _trie(self.gaz.countries)
        # Only tokens that start some key are worth a lookup; lower-case ones only for the spellings
        # that start in lower case ("tỉnh Viêng Chăn", "sông Sê Kông").
        self.place_starts = frozenset(k[0] for k in self.gaz.spellings)
        self.lower_starts = frozenset(s.folded[0] for v in self.gaz.spellings.values() for s in v
                                      if not s.capitals[0])
        self.country_starts = frozenset(k[0] for k in self.gaz.countries)
        self.stop_words = resources.titles().complement_stops
        # company heads by their last word: the only ones worth comparing with the words before a place
        self.company_heads: dict[str, list[tuple[str, ...]]] = {}
        for head in self.gaz.company_heads:
            self.company_heads.setdefault(head[-1], []).append(head)

    def __call__(self, doc: Document) -> None:
        doc.countries = self._countries(doc)
        doc.places = self._places(doc)
        # "Lào" in "Lào Cai" is no mention of Laos
        in_place = bytearray(len(doc.text))
        for p in doc.places:
            in_place[p.start:p.end] = b"\x01" * (p.end - p.start)
        doc.countries = [c for c in doc.countries if not in_place[c.start]]

    def _countries(self, doc: Document) -> list[CountryMention]:
        out: list[CountryMention] = []
        tokens = doc.tokens
        country_starts = self.country_starts
        after = 0  # the tokens of a country found are not looked at again
        for i in [i for i, tok in enumerate(tokens) if tok.upper and tok.fold in country_starts]:
            if i < after:
                continue
            for j, entries in _match_keys(doc, i, self.country_trie):
                code, weak = entries[0]
                tok = tokens[i]
                out.append(CountryMention(tok.start, tokens[j].end, code, tok.sentence, weak))
                after = j + 1
                break
        return out

    def _places(self, doc: Document) -> list[PlaceMention]:
        out: list[PlaceMention] = []
        tokens = doc.tokens
        country_starts = {c.start for c in doc.countries if not c.weak}
        upper_starts, lower_starts = self.place_starts, self.lower_starts
        after = 0  # the tokens of a name found (a place or a longer name) are not looked at again
        for i in [i for i, tok in enumerate(tokens)
                  if tok.fold in (upper_starts if tok.upper else lower_starts) and not tok.digit]:
            if i < after:
                continue
            tok = tokens[i]
            for j, spellings in _match_keys(doc, i, self.place_trie):
                span = tokens[i:j + 1]
                good = [s for s in spellings if self._fits(doc, s, span)]
                if not good:
                    continue
                if any(s.code == "-" for s in good):
                    after = j + 1  # a longer name that is not a province: skip it whole
                    break
                if self._blocked(doc, i, country_starts) or self._in_company_name(doc, i, j):
                    break
                good = [s for s in good if not s.context or self._has_context(doc, i, j, s.country)]
                if not good:
                    continue
                codes = tuple(dict.fromkeys(s.code for s in good))
                out.append(PlaceMention(tok.start, tokens[j].end, codes[0], tok.sentence,
                                        codes if len(codes) > 1 else ()))
                after = j + 1
                break
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

    def _in_company_name(self, doc: Document, i: int, last: int) -> bool:
        """Does a company's name ("Công ty TNHH Thương mại Quốc tế Quảng Tây") run on to the place at
        tokens i..last? Read backwards over capitalised words, the second syllables of words ("Thương mại")
        and legal forms; over any word but a verb or a preposition when the name goes on after the place
        ("Công ty cổ phần Nông nghiệp công nghệ cao Thái Bình Xanh")."""
        tokens, text = doc.tokens, doc.text
        legal = self.gaz.legal_form_words
        nxt = last + 1
        name_goes_on = (nxt < len(tokens) and tokens[nxt].upper and tokens[nxt].sentence == tokens[i].sentence
                        and text[tokens[last].end:tokens[nxt].start] == " ")
        j = i - 1
        while j >= 0 and i - j <= 12 and tokens[j].sentence == tokens[i].sentence:
            if text[tokens[j].end:tokens[j + 1].start] not in COMPANY_GAPS:
                return False
            tok = tokens[j]
            low = tok.text.lower()
            for head in self.company_heads.get(low, ()):
                first = j - len(head) + 1
                if (first >= 0 and tokens[first].upper
                        and tuple(t.text.lower() for t in tokens[first:j + 1]) == head):
                    return True
            plain_word = low not in COMPANY_NAME_STOPS and low not in self.stop_words and not tok.digit
            second_syllable = j > 0 and tokens[j - 1].upper and plain_word
            if not (tok.upper or low in legal or second_syllable or (name_goes_on and plain_word)):
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
