"""Compile word lists into one fast regular expression (a trie of alternatives)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hoptac.text.normalize import place_tone_marks


def _trie_pattern(words: list[str]) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return emit(trie)


def phrase_regex(phrases: Iterable[str], *, ignore_case: bool = True, group: str = "p") -> re.Pattern:
    """A pattern matching any of `phrases` as whole words (longest first), in the named group.

    Phrases are tone-normalised; a space in a phrase matches any run of spaces. Matching is
    case-insensitive unless told otherwise.
    """
    words = sorted({place_tone_marks(p.strip()) for p in phrases if p.strip()}, key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")
    body = _trie_pattern(words).replace(r"\ ", r"\s+")
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(rf"(?<![^\W_])(?P<{group}>{body})(?![^\W_])", flags)
