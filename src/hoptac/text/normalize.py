"""Unicode and Vietnamese orthography normalisation.

`normalize` gives the text every later step reads: NFC, one dash, one kind of space, paragraphs on
single newlines. `place_tone_marks` then moves the tone mark of "oa", "oe", "uy" syllables onto the
first vowel (hoà → hòa, thuỷ → thủy), the placement most Vietnamese newsrooms use. It changes no
lengths, so the text before it (the *surface*) keeps the writer's spelling at the same offsets.
"""

from __future__ import annotations

import re
import unicodedata

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_QUOTES = {ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb"} | {
    ord(c): "'" for c in "\u2018\u2019\u201a\u201b"
}
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                                  "\u202f\u205f\u3000\t\v\f"), " ")
_DROPPED = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_TABLE = _DASHES | _QUOTES | _SPACES | _DROPPED
# The characters of _TABLE, which are rare: replacing the few found is ten times faster than str.translate
# with a dict, which looks every character of the text up.
_TABLE_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _TABLE) + "]")

_LINE_BREAKS = re.compile(r"\r\n?|\u2028|\u2029|\x85")
_BLANK_RUNS = re.compile(r"[ ]*\n[\s]*")
_NEWLINE_RUNS = re.compile(r"\n\s*")  # _BLANK_RUNS where no space precedes a newline, and faster
_SPACE_RUNS = re.compile(r"  +")  # two spaces or more; a literal start is faster to find than " {2,}"

_TONES = {"\u0301": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0323": 4}


def _toned(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + tone)


def _build_tone_moves() -> dict[str, str]:
    """'oá' → 'óa' for the diphthongs whose mark sits on the first vowel in open syllables."""
    moves: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONES:
            for f, s in ((first, second), (first.upper(), second.upper()), (first.upper(), second)):
                moves[f + _toned(s, tone)] = _toned(f, tone) + s
    return moves


_TONE_MOVES = _build_tone_moves()
_SECOND_O = "".join(sorted({k[1] for k in _TONE_MOVES if k[0] in "oO"}))
_SECOND_U = "".join(sorted({k[1] for k in _TONE_MOVES if k[0] in "uU"}))
# Only where the pair closes the syllable (no final consonant: "hoàng" keeps its mark) and is not the
# "qu" consonant ("quý"). Character classes, not a long alternation: this runs over every text. The pattern
# opens with one class (the look-behinds come after it) so that the engine skips to the o's and u's.
_TONE_RE = re.compile(rf"([oOuU](?<![qQ].)(?:(?<=[oO])[{_SECOND_O}]|(?<=[uU])[{_SECOND_U}]))(?![^\W\d_])")


def normalize(text: str) -> str:
    """NFC, unified dashes, quotes and spaces, single newlines between paragraphs, trimmed."""
    text = unicodedata.normalize("NFC", text)
    text = _TABLE_CHARS.sub(lambda m: _TABLE[ord(m.group())] or "", _LINE_BREAKS.sub("\n", text))
    text = (_BLANK_RUNS if " \n" in text else _NEWLINE_RUNS).sub("\n", text)
    text = _SPACE_RUNS.sub(" ", text)
    return text.strip()


def place_tone_marks(text: str) -> str:
    """Move tone marks to one placement (hoà → hòa, thuỷ → thủy, khoẻ → khỏe); same length."""
    return _TONE_RE.sub(lambda m: _TONE_MOVES.get(m.group(1), m.group(1)), text)


def canonical(text: str) -> str:
    """The form every comparison uses: normalised, one tone placement."""
    return place_tone_marks(normalize(text))
