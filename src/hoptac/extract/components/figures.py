"""Figures: quantities written in digits that measure money, a share, or a count of people or things.

The words after a number say what it measures ("12,5 tỷ đồng", "7,8%", "640 học viên", "200 ha"); the
words before it can say it is none: an identifier ("Quốc lộ 9", "mốc 1119", "lần thứ 5"). Dates,
years, periods and durations ("8 tháng") are not figures. A range ("800 - 1.000 lượt người") gives two
figures with the unit written once.
"""

from __future__ import annotations

import re

from hoptac import resources
from hoptac.extract.document import Document
from hoptac.extract.registry import register
from hoptac.facts import Figure
from hoptac.text.numbers import NUMBER_RE, parse_number
from hoptac.text.phrases import matches_at

RANGE_RE = re.compile(r"\s*(?:-|đến|tới|lên|xuống|trong số|trong tổng số|trên tổng số|trong|trên)\s*(?=\d)")
# "14 trong 16 nội dung": a part and its whole, counted alike
PART_OF = frozenset({"trong số", "trong tổng số", "trên tổng số", "trong", "trên"})
ATTACHED_UNITS = frozenset({"ha", "km", "km2", "m", "m2", "m3", "kg", "mw", "kwh", "tấn", "%", "đ", "usd", "vnd",
                            "vnđ"})
YEAR_CONTEXT_RE = re.compile(
    r"(?:năm|giai đoạn|từ|đến|tới|trong|cuối|đầu|vào|niên khóa|niên độ|khóa|nhiệm kỳ|tháng \d{1,2}/|"
    r"mùa|vụ|dịp|thời điểm|kỷ niệm|Expo|Asiad|SEA Games)\s*$",
    re.IGNORECASE,
)
ACTIVITY_BEFORE_RE = re.compile(r"tuần tra|chuyến bay|chuyến xe|chuyến tàu|phương tiện|xe|tàu|container",
                                re.IGNORECASE)
NOUN_AFTER_RE = re.compile(r"\s([^\W\d_]+)")  # the word right after a number
NOUNS_AFTER_RE = re.compile(r"\s([^\W\d_]+(?:\s[^\W\d_]+)?)")  # one or two
GLUED_WORD_RE = re.compile(r"[^\W\d_]+\d?")  # "km2" in "200km2"
WORD_BEFORE_RE = re.compile(r"([^\W\d_]+)\s+$")
MONEY = ("money_vnd", "money_usd", "money_lak", "money_other")
COUNTS = ("people", "scholarships", "other_count")


@register("figures")
class Figures:
    def __init__(self) -> None:
        self.w = resources.figure_words()

    def __call__(self, doc: Document) -> None:
        text, lower = doc.text, doc.lower
        dated = bytearray(len(text))
        years = set()
        for d in doc.dates:
            if d.kind == "year":
                years.add(d.start)
            else:
                dated[d.start:d.end] = b"\x01" * (d.end - d.start)
        figures: dict[tuple[float, str], Figure] = {}
        skip_until = -1
        for m in matches_at(NUMBER_RE, text, doc.digit_starts()):  # a number starts where digits do
            start, end = m.span()
            if start < skip_until or dated[start]:
                continue
            if not self._standalone(text, start, end):
                continue
            value = parse_number(m.group())
            if value is None:
                continue
            before = text[max(0, start - 30):start]
            before_lower = lower[max(0, start - 30):start]
            # The second number of a range shares the first one's unit: "800 - 1.000 lượt người".
            second = None
            mr = RANGE_RE.match(text, end)
            if mr:
                m2 = NUMBER_RE.match(text, mr.end())
                if m2 and self._standalone(text, m2.start(), m2.end()) and not dated[m2.start()]:
                    second = m2
            unit_from = second.end() if second else end
            unit = self._unit(text, lower, unit_from)
            if unit is None or self._identifier(doc, before, before_lower, start, unit[1], unit[3]):
                if second and mr.group().strip() not in PART_OF:
                    skip_until = second.end()  # "thứ 4 trong 13 tỉnh": the 13 stands on its own
                continue
            factor, cls, unit_end, listed = unit
            if start in years and (YEAR_CONTEXT_RE.search(before) or cls not in COUNTS or not listed):
                continue
            qualifier = self.w.qualifier_re.search(before_lower)
            surface = doc.surface[start:unit_end]
            values = [value]
            if second:
                v2 = parse_number(second.group())
                if v2 is not None:
                    values.append(v2)
                skip_until = second.end()
            for v in values:
                key = (round(v * factor, 6), cls)
                evidence = doc.evidence(start, unit_end)
                if key in figures:
                    figures[key].evidence.append(evidence)
                    continue
                figures[key] = Figure(v * factor, cls, surface, text[unit_from:unit_end].strip(),
                                      qualifier.group("q") if qualifier else None, [evidence])
        doc.figures = list(figures.values())

    def _classified(self, text: str, lower: str, number_end: int, pos: int, word: str) -> str | None:
        """What a classifier counts: "24 lượt tuần tra" patrols, "45.000 lượt" visits of people,
        "(mỗi tỉnh 20 suất)" scholarships when the sentence speaks of them; "tăng 2 lần" nothing."""
        m = NOUNS_AFTER_RE.match(text[pos:pos + 30])
        noun = m.group(1).lower() if m and m.group(1)[0].islower() else ""
        cls = self.w.unit_class.get(noun) or self.w.unit_class.get(noun.split()[0] if noun else "")
        if cls in ("people", "scholarships"):
            return cls
        if noun and cls not in ("stop", "time"):
            return "other_count"
        sentence_start = text.rfind(".", 0, number_end) + 1
        if word == "suất":
            return "scholarships" if "học bổng" in lower[sentence_start:number_end] else "other_count"
        if word == "lần":
            return None  # "tăng 2 lần": a multiple, no count
        if ACTIVITY_BEFORE_RE.search(text, max(sentence_start, number_end - 40), number_end):
            return "other_count"  # "tuần tra song phương 36 lượt"
        return "people"

    @staticmethod
    def _standalone(text: str, start: int, end: int) -> bool:
        """Not part of a code or a word ("COVID-19", "km2", "4E", "15h30", "202/2025")."""
        prev = text[start - 1] if start else " "
        if prev.isalpha() or prev in "/.,:" or (prev == "-" and start > 1 and text[start - 2].isalpha()):
            return False
        nxt = text[end] if end < len(text) else " "
        if nxt == "/" or nxt == ":":
            return False
        if nxt.isalpha():
            word = GLUED_WORD_RE.match(text[end:end + 6])
            return bool(word) and word.group().lower() in ATTACHED_UNITS
        return True

    def _identifier(self, doc: Document, before: str, before_lower: str, start: int, cls: str,
                    listed: bool) -> bool:
        """A number that names or ranks: "Quốc lộ 9", "lần thứ 5", "cầu Bắc Luân 2 bắc qua sông". An amount
        of money or a share names nothing, whatever precedes it ("vượt mốc 32.000 tỷ đồng")."""
        if cls not in MONEY and cls != "percent" and self.w.not_after_re.search(before_lower):
            return True
        if listed:
            return False
        m = WORD_BEFORE_RE.search(before)
        if doc.place_ending_at(start - len(before) + (m.end(1) if m else 0)):
            return False  # "hỗ trợ tỉnh Kampot 200 suất quà", "tặng Viêng Chăn 45 tỷ đồng"
        if m and m.group(1)[0].isupper() and not self.w.qualifier_re.search(before_lower):
            # a capitalised word right before: a proper name with a number, unless it opens the sentence
            s = doc.sentences[doc.sentence_at(start)]
            word_start = start - len(before) + m.start(1)
            return word_start > s.start
        return False

    def _unit(self, text: str, lower: str, pos: int) -> tuple[float, str, int, bool] | None:
        """(factor, class, end of the unit, the unit is a listed word) of what the number at `pos`
        measures, or None."""
        factor = 1.0
        unit_class = self.w.unit_class
        while True:
            mu = self.w.unit_re.match(lower, pos)
            if mu is None:
                break
            if mu.group("pct"):
                return factor, "percent", mu.end(), True
            word = " ".join(mu.group("w").split()).lower()
            cls = unit_class.get(word)
            if cls == "multiplier":
                factor *= self.w.multipliers[word]
                pos = mu.end()
                continue
            if cls in ("time", "stop") or cls is None:
                return None
            if cls == "classifier":
                counted = self._classified(text, lower, pos, mu.end(), word)
                return None if counted is None else (factor, counted, mu.end(), True)
            return factor, cls, mu.end(), True
        # An unlisted noun: a lower-case word after the number counts things ("3 trụ cột").
        m = NOUN_AFTER_RE.match(text[pos:pos + 30])
        if m and m.group(1)[0].islower():
            return factor, "other_count", pos + m.end(), False
        return None
