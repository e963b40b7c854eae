"""Fields of cooperation: keywords in the sentences that speak of the partners.

An article that deals with nothing abroad has no field: no partnership, and no dealing of two countries
(a cooperation word in a sentence naming a foreign country, and "hai nước", "song phương", an ambassador...
somewhere; a province's exports to China are its own news). A keyword counts in a sentence that relates
the partners (a cooperation word, "hai bên", a foreign locality, or, in a dealing of countries, a foreign
country); not inside an organisation's name or a set phrase of the province's own news ("tăng trưởng kinh
tế"), nor in a list governed by "tình hình" or "phụ trách", nor as a count of the people a project employs.
"""

from __future__ import annotations

import bisect
import re

from hoptac import resources
from hoptac.extract.document import Document
from hoptac.extract.registry import register
from hoptac.facts import FIELDS, Evidence, FieldMention

GOVERNOR_REACH = 48  # characters back from a keyword to the word governing its list
NAME_REACH = 6  # words back from a capitalised keyword to the head of the name it is part of
IGNORED_LONGEST = 60  # characters: no ignored phrase is longer
STATISTIC_REACH = 48  # characters after a keyword where its own statistic would stand
CLAUSE_RE = re.compile(r"[^,;:.]*")
NUMBER_AFTER_RE = re.compile(r"\s*(?:[^\W\d_]+\s+){0,2}\d")
NUMBER_BEFORE_RE = re.compile(r"\d\s+$")
WORD_RE = re.compile(r"[^\W\d_]+")


@register("fields")
class Fields:
    def __init__(self) -> None:
        self.w = resources.field_words()
        self.name_heads_lower = {h.lower() for h in self.w.name_heads}

    def __call__(self, doc: Document) -> None:
        lower = doc.lower
        cue_sentences = {doc.sentence_at(m.start()) for m in doc.phrases_in(self.w.cue_re)}
        foreign_countries = {c.sentence for c in doc.countries if c.code != "VN" and not c.weak}
        countries_deal = bool(cue_sentences & foreign_countries) and next(
            doc.phrases_in(self.w.two_countries_re), None) is not None
        if not doc.partnerships and not countries_deal:
            doc.fields = []  # nothing international is dealt with: the province's own news
            return
        keywords = list(doc.phrases_in(self.w.keyword_re))
        place_starts = {p.start for p in doc.places}
        # sentences that speak of the partners' cooperation (countries' when no localities deal)
        speaking = {p.sentence for p in doc.places if not p.code.startswith("VN-")} | cue_sentences
        if not doc.partnerships:
            speaking |= foreign_countries
        ignored = sorted([m.span() for m in doc.phrases_in(self.w.ignore_re)]
                         + [m.span() for m in doc.phrases_in(self.w.ignore_names_re, cased=True)])
        ignored_starts = [s for s, _ in ignored]
        found: dict[str, FieldMention] = {}
        for m in keywords:
            start, end = m.span()
            index = doc.sentence_at(start)
            if index not in speaking:
                continue
            sent = doc.sentences[index]
            first = bisect.bisect_left(ignored_starts, start - IGNORED_LONGEST)
            if any(s < end and start < e for s, e in ignored[first:bisect.bisect_left(ignored_starts, end)]):
                continue
            if self._governed(lower, sent.start, start) or self._in_name(doc, sent.start, start):
                continue
            if (start != sent.start and doc.text[start].isupper() and (end + 1) in place_starts
                    and not self._capitalised_before(doc, sent.start, start)):
                # "Biên phòng Tây Ninh thắng 2 – 0" names a team; "Tuần Văn hóa Hà Nội" is a week of culture
                continue
            keyword = " ".join(m.group("p").split())
            if self._statistic(lower, end, sent.end) or (
                    keyword in self.w.before_numbers and NUMBER_AFTER_RE.match(lower, end)) or (
                    keyword in self.w.after_numbers and self._jobs_created(doc, sent.start, start)):
                continue
            field = self.w.keyword_field.get(keyword)
            if field is not None:
                found.setdefault(field, FieldMention(field)).evidence.append(Evidence(index, start, end))
        doc.fields = [found[f] for f in FIELDS if f in found]

    @staticmethod
    def _capitalised_before(doc: Document, sent_start: int, start: int) -> bool:
        k = doc.token_at(start)
        before = doc.tokens[k - 1] if k else None
        return before is not None and before.start >= sent_start and before.upper

    def _jobs_created(self, doc: Document, sent_start: int, start: int) -> bool:
        """"tạo việc làm cho khoảng 3.500 lao động": people employed, counted."""
        text = doc.lower
        if not NUMBER_BEFORE_RE.search(text, sent_start, start):
            return False
        clause_start = max(sent_start, text.rfind(",", sent_start, start) + 1, start - GOVERNOR_REACH)
        return any(doc.phrases_in(self.w.jobs_re, clause_start, start))

    def _statistic(self, text: str, end: int, sent_end: int) -> bool:
        """"kinh tế của Xiêng Khoảng dự kiến tăng trưởng 4,6%": a figure of the province's own."""
        if end >= sent_end:
            return False  # a keyword written across a line break ends its sentence
        clause = CLAUSE_RE.match(text, end, min(sent_end, end + STATISTIC_REACH)).group()
        m = self.w.statistics_re.search(clause)
        return m is not None and NUMBER_AFTER_RE.search(clause, m.end()) is not None

    def _in_name(self, doc: Document, sent_start: int, start: int) -> bool:
        """A keyword inside the name of an organisation or an award: right after its head ("Khu hợp tác
        kinh tế"), or capitalised a few words after it ("Sở Hải dương và Thủy sản")."""
        if start == sent_start:
            return False
        text = doc.text
        window_start = max(sent_start, start - 60)
        if not text[start].isupper():
            # Only the word before matters: most often the token before, when made of letters only.
            k = doc.token_at(start)
            before = doc.tokens[k - 1] if k else None
            if before is not None and before.start >= window_start and before.text.isalpha():
                return before.text.lower() in self.name_heads_lower and before.text[0].isupper()
        words = WORD_RE.findall(text[window_start:start])
        if words and words[-1].lower() in self.name_heads_lower and (words[-1][0].isupper() or text[start].isupper()):
            return True  # "Khu hợp tác kinh tế", "Trưởng ban Đối ngoại"
        if not text[start].isupper():
            return False
        words = words[-NAME_REACH:]
        pairs = [" ".join(words[i:i + 2]) for i in range(len(words))]
        return any(w in self.w.name_heads and w[0].isupper() for w in words + pairs)

    def _governed(self, text: str, sent_start: int, start: int) -> bool:
        """"tình hình kinh tế, chính trị, xã hội": a list of the province's own affairs."""
        window_start = max(sent_start, start - GOVERNOR_REACH)
        window = text[window_start:start]
        governors = list(self.w.governor_re.finditer(window))
        if not governors:
            return False
        m = governors[-1]
        between = window[m.end():]
        return not any(ch in between for ch in ";.:") and "hợp tác" not in between and "lĩnh vực" not in between
