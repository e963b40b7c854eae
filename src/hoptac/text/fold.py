"""Folded forms for matching: lower case, no tone or vowel marks, đ → d, one character for one.

Folding keeps lengths, so an offset into the folded text is an offset into the text.
"""

from __future__ import annotations

import unicodedata


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [(0x00C0, 0x024F), (0x1E00, 0x1EFF), (0x0041, 0x005A)]
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
            base = base.lower()
            if ch in "đĐ":
                base = "d"
            if len(base) == 1 and base != ch:
                table[cp] = base
    return table


_FOLD = _build_table()
_MARKED = frozenset(chr(cp) for cp, base in _FOLD.items() if base != chr(cp).lower())
# The same table as one string indexed by code point (characters beyond it are kept): str.translate looks a
# character up in a string twice as fast as in a dict.
_FOLD_STRING = "".join(_FOLD.get(cp, chr(cp)) for cp in range(max(_FOLD) + 1))


def fold(text: str) -> str:
    """'Chăm-pa-Sắc' → 'cham-pa-sac'; same length as the input."""
    return text.translate(_FOLD_STRING)


def has_marks(text: str) -> bool:
    """True when the text carries any Vietnamese (or other Latin) diacritic."""
    return not _MARKED.isdisjoint(text)


def strip_marks(text: str) -> str:
    """Diacritics removed, case kept: 'Thủy' → 'Thuy'."""
    out = []
    for ch in text:
        folded = _FOLD.get(ord(ch))
        if folded is None:
            out.append(ch)
        else:
            out.append(folded.upper() if ch.isupper() else folded)
    return "".join(out)
