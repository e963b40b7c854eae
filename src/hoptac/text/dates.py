"""Dates, years and periods as Vietnamese news writes them, resolved against the publication date.

"Chiều 2/2" in an article published on 2026-02-03 is 2026-02-02: a day and month without a year take
the year that puts them closest to the publication date (a tie goes to the past).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from hoptac.text.phrases import matches_at

DAY_PARTS = r"(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Đđ]êm|[Rr]ạng sáng|[Nn]gày|[Hh]ôm|[Đđ]ầu giờ sáng|[Gg]iữa trưa)"

# The words a day can open with: "Sáng 20-11", "ngày 3 đến ngày 5/11".
DAY_WORDS = "ngày|sáng|chiều|tối|trưa|đêm|rạng sáng|hôm"

# Full and partial dates; the order of alternatives matters (longest first).
DATE_RE = re.compile(
    r"(?=[\dTtNnSsCcĐđRrHh])(?:"  # every form starts with a digit or one of a few words: a cheap first test
    r"(?<![\d/.,])(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})(?![\d/])"
    r"|(?<![\d/.,])(?P<d2>\d{1,2})\s*-\s*(?P<m2>\d{1,2})\s*-\s*(?P<y2>\d{4})(?![\d/-])"
    r"|(?<![\d/.,])(?P<d3>\d{1,2})/(?P<m3>\d{1,2})(?![\d/])"
    r"|(?i:tháng)\s+(?P<mm>\d{1,2})\s*/\s*(?P<my>\d{4})(?![\d/])"
    r"|(?i:tháng)\s+(?P<mo>\d{1,2})(?:\s+(?i:năm)\s+(?P<moy>\d{4}))?(?![\d/]|[.,]\d)"
    r"|(?i:ngày)\s+(?P<d5>\d{1,2})\s+(?i:tháng)\s+(?P<m5>\d{1,2})(?:\s+(?i:năm)\s+(?P<y5>\d{4}))?(?![\d/])"
    r"|(?i:ngày)\s+(?P<dd>\d{1,2})(?=\s+(?:đến|tới|và|-)\s+(?:ngày\s+)?\d{1,2}\s*/)"
    rf"|(?i:{DAY_WORDS})\s+(?P<d4>\d{{1,2}})-(?P<m4>\d{{1,2}})(?![\d/-]))"
)
# Every form of DATE_RE starts at a run of digits, or with one of these words and spaces before the digits.
DATE_WORD_LENGTHS = frozenset(len(w) for w in ["tháng", *DAY_WORDS.split("|")])
DIGITS_RE = re.compile(r"\d+")  # see digit_starts
YEAR_RE = re.compile(r"(?=\d)(?<![\d.,/])(?P<y>(?:1[0-9]|20)\d{2})(?![\d.,]\d|\d|/)")
# "giai đoạn 2022 - 2026", "2023 – 2027", "(2026-2030)", "từ năm 2021 đến năm 2025"
PERIOD_RE = re.compile(
    r"(?=\d)(?<![\d.,/])(?P<a>(?:1[0-9]|20)\d{2})\s*(?:-|đến|tới)\s*(?:năm\s+)?(?P<b>(?:1[0-9]|20)\d{2})(?![\d.,]\d|\d)"
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    kind: str  # "day" (a full or partial date), "month", "year", "period"
    value: date | None = None  # resolved date (first day of the month for "month")
    year: int | None = None
    end_year: int | None = None  # for periods
    partial: bool = False  # the text gave no year


def resolve_day_month(day: int, month: int, published: date | None) -> date | None:
    """The date nearest to `published` with this day and month (ties to the past)."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if published is None:
        return None
    best: date | None = None
    best_gap = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        gap = abs((candidate - published).days) + (0 if candidate <= published else 0.5)
        if best_gap is None or gap < best_gap:
            best, best_gap = candidate, gap
    return best


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _date_starts(text: str, digits: list[int]) -> list[int]:
    """The positions where a match of DATE_RE can start: digits, or a date word before spaces and digits."""
    starts = set(digits)
    for pos in digits:
        spaces = pos
        while spaces and text[spaces - 1].isspace():  # str.isspace is the regular expressions' \s
            spaces -= 1
        if spaces < pos and spaces and text[spaces - 1].isalpha():  # a word (case aside) ends with a letter
            starts.update(spaces - n for n in DATE_WORD_LENGTHS if spaces >= n)
    return sorted(starts)


def digit_starts(text: str) -> list[int]:
    """Where the runs of digits of `text` start: the only places where a number, a year, a period or (but for
    the word before it) a date can start."""
    return [m.start() for m in DIGITS_RE.finditer(text)]


def find_dates(text: str, published: date | None, digits: list[int] | None = None) -> list[DateMention]:
    """Dates, months, periods and years in `text`, without overlaps, in text order. `digits`: the
    `digit_starts` of the text, if known."""
    found: list[DateMention] = []
    taken = bytearray(len(text))

    def add(m: DateMention) -> None:
        found.append(m)
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)

    digits = digit_starts(text) if digits is None else digits
    for m in matches_at(PERIOD_RE, text, digits):
        a, b = int(m.group("a")), int(m.group("b"))
        if a < b <= a + 15:
            add(DateMention(m.start(), m.end(), "period", year=a, end_year=b))
    for m in matches_at(DATE_RE, text, _date_starts(text, digits)):
        if any(taken[m.start():m.end()]):
            continue
        g = m.groupdict()
        if g["d"]:
            value = _valid(int(g["y"]), int(g["m"]), int(g["d"]))
            if value:
                add(DateMention(m.start(), m.end(), "day", value, value.year))
        elif g["d2"]:
            value = _valid(int(g["y2"]), int(g["m2"]), int(g["d2"]))
            if value:
                add(DateMention(m.start(), m.end(), "day", value, value.year))
        elif g["d3"]:
            day, month = int(g["d3"]), int(g["m3"])
            if 1 <= day <= 31 and 1 <= month <= 12:
                value = resolve_day_month(day, month, published)
                add(DateMention(m.start(), m.end(), "day", value, value.year if value else None, partial=True))
        elif g["mm"]:
            month, year = int(g["mm"]), int(g["my"])
            if 1 <= month <= 12:
                add(DateMention(m.start(), m.end(), "month", date(year, month, 1), year))
        elif g["mo"]:
            month = int(g["mo"])
            if 1 <= month <= 12:
                year = int(g["moy"]) if g["moy"] else None
                if year is None and published is not None:
                    value = resolve_day_month(1, month, published)
                else:
                    value = date(year, month, 1) if year else None
                add(DateMention(m.start(), m.end(), "month", value, value.year if value else None,
                                partial=year is None))
        elif g["d5"]:
            day, month = int(g["d5"]), int(g["m5"])
            value = (_valid(int(g["y5"]), month, day) if g["y5"] else
                     resolve_day_month(day, month, published) if 1 <= day <= 31 and 1 <= month <= 12 else None)
            if value or (1 <= day <= 31 and 1 <= month <= 12):
                add(DateMention(m.start("d5"), m.end(), "day", value, value.year if value else None,
                                partial=not g["y5"]))
        elif g["d4"]:
            day, month = int(g["d4"]), int(g["m4"])
            if 1 <= day <= 31 and 1 <= month <= 12:
                value = resolve_day_month(day, month, published)
                add(DateMention(m.start("d4"), m.end(), "day", value, value.year if value else None, partial=True))
        elif g["dd"]:
            add(DateMention(m.start("dd"), m.end("dd"), "day", None, None, partial=True))
    for m in matches_at(YEAR_RE, text, digits):
        if any(taken[m.start():m.end()]):
            continue
        add(DateMention(m.start(), m.end(), "year", year=int(m.group("y"))))
    found.sort(key=lambda d: d.start)
    return found
