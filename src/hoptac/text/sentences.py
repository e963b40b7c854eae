"""Sentence splitting for Vietnamese news, with character offsets.

A sentence ends at a newline, or at . ! ? … (with closing quotes or brackets) when the next text starts
with a capital letter, a digit or an opening quote — with or without a space between, since scraped
text often glues sentences ("Champasak.Tại"). Not inside abbreviations ("TP.", "TS."), numbers
("7.753", "6,1") or dates ("5/9/1962").
"""

from __future__ import annotations

import re

# Words after which a full stop is part of an abbreviation, not the end of a sentence.
ABBREVIATIONS = frozenset([
    "tp", "tx", "tt", "q", "p", "h", "x", "ts", "ths", "pgs", "gs", "bs", "ks", "cn", "ns", "th", "nxb", "ubnd",
    "hđnd", "st", "mr", "mrs", "ms", "dr", "no", "vs", "tphcm", "ncs", "lđ", "vd", "sđd", "gđ", "pgđ", "btv",
])

_LINE = re.compile(r"[^\n]+")
_END = re.compile(r"[.!?…]+[\"')\]]*")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)$")


def _is_boundary(text: str, end_start: int, end_stop: int, n: int) -> bool:
    """Does the punctuation text[end_start:end_stop] close a sentence that cannot run past n?"""
    j = end_stop
    while j < n and text[j] == " ":
        j += 1
    if j >= n:
        return True
    nxt = text[j]
    spaced = j > end_stop
    if text[end_start] == "." and end_stop - end_start == 1:
        before = text[max(0, end_start - 12):end_start]
        if before[-1:].isdigit() and nxt.isdigit() and not spaced:
            return False  # 7.753
        word = _WORD_BEFORE.search(before)
        if word:
            w = word.group(1)
            if w.lower() in ABBREVIATIONS:
                return False
            if len(w) == 1 and w.isupper():
                return False  # an initial: "Nguyễn V. A."
        if not spaced and not nxt.isupper():
            return False  # domain names, "1.5", lower-case continuations
    if nxt.isupper() or nxt in "\"'(“[":
        return True
    return bool(nxt.isdigit() and spaced)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """[(start, end), ...] of the sentences of a normalised text; spans exclude surrounding spaces."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line_match in _LINE.finditer(text):
        line_start, line_end = line_match.span()
        pos = line_start
        for m in _END.finditer(text, line_start, line_end):
            if _is_boundary(text, m.start(), m.end(), line_end):
                _add(spans, text, pos, m.end())
                pos = m.end()
        _add(spans, text, pos, line_end)
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
