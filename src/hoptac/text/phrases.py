"""Compile word lists into one fast regular expression (a trie of alternatives)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from hoptac.text.normalize import place_tone_marks

# "No letter or digit before the match", written after the match's first character instead of before it:
# a pattern that opens with a literal lets the regex engine skip straight to the characters that can start a
# match, where a leading look-behind makes it try every position of the text (2-5 times slower).
WORD_START_AFTER_FIRST = r"(?<![^\W_](?s:.))"
WORD_RE = re.compile(r"[^\W_]+")
# See first_words. By id: a pattern hashes its whole compiled code, slow for a long list of phrases.
_FIRST_WORDS: dict[int, tuple[re.Pattern, frozenset[str] | None]] = {}


def word_alternatives(words: Iterable[str], *, case_after_first: bool = True) -> str:
    """`w1|w2|...`, tried in the given order, each starting a word; a space matches any run of spaces. Without
    `case_after_first` only the first letter's case counts ("Phó Chủ tịch", "Phó chủ tịch")."""
    # Grouped by first character (the order within a group kept): one word-start check per group.
    rests: dict[str, list[str]] = {}
    for word in words:
        rest = re.escape(word[1:]).replace(r"\ ", r"\s+")
        rests.setdefault(word[0], []).append(rest if case_after_first else f"(?i:{rest})")
    return "|".join(f"{re.escape(first)}{WORD_START_AFTER_FIRST}(?:{'|'.join(group)})"
                    for first, group in rests.items())


def _trie_pattern(words: list[str], after_first: str = "") -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict, after: str = "") -> str:
        ends = "" in node
        branches = [re.escape(ch) + after + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return emit(trie, after_first)


def phrase_regex(phrases: Iterable[str], *, ignore_case: bool = True, group: str = "p",
                 word_start: bool = True) -> re.Pattern:
    """A pattern matching any of `phrases` as whole words (longest first), in the named group.

    Phrases are tone-normalised; a space in a phrase matches any run of spaces. With `ignore_case`
    (the default) the phrases are lower-cased and the pattern must be matched against lower-cased
    text (`Document.lower`): that is twice as fast as the IGNORECASE flag on Vietnamese.
    """
    ordered = sorted(_phrase_words(phrases, ignore_case), key=len, reverse=True)
    if not ordered:
        return re.compile(r"(?!)")
    # without word_start: a unit glued to its number, "500.000đ"
    body = _trie_pattern(ordered, WORD_START_AFTER_FIRST if word_start else "").replace(r"\ ", r"\s+")
    pattern = re.compile(rf"(?P<{group}>{body})(?![^\W_])")
    if word_start:
        _FIRST_WORDS[id(pattern)] = (pattern, _first_words(ordered))
    return pattern


def _phrase_words(phrases: Iterable[str], ignore_case: bool) -> set[str]:
    words = {place_tone_marks(p.strip()) for p in phrases if p.strip()}
    return {w.lower() for w in words} if ignore_case else words


def first_words(pattern: re.Pattern) -> frozenset[str] | None:
    """For a pattern of `phrase_regex`, the lower-cased words its phrases begin with: in a text, or in the text
    lower-cased (`lower_keep_length`), a match of it starts at a word (a whole run of letters and digits) whose
    lower-cased form is one of these. None for other patterns, and when a phrase begins otherwise."""
    entry = _FIRST_WORDS.get(id(pattern))
    return entry[1] if entry is not None and entry[0] is pattern else None


def _first_words(phrases: Iterable[str]) -> frozenset[str] | None:
    firsts = set()
    for phrase in phrases:
        m = WORD_RE.match(phrase)
        # Lower-casing must not depend on the neighbours (a final sigma does) nor change lengths ("İ").
        if m is None or any(c == "Σ" or len(c.lower()) != 1 for c in m.group()):
            return None
        firsts.add(m.group().lower())
    return frozenset(firsts)


def matches_at(pattern: re.Pattern, text: str, starts: Iterable[int],
               endpos: int | None = None) -> Iterator[re.Match]:
    """What `pattern.finditer(text, pos, endpos)` finds, given in order every position from `pos` on where a
    match can start: trying those few is much faster than letting the engine try every position."""
    end = 0
    for pos in starts:
        if pos >= end:
            m = pattern.match(text, pos) if endpos is None else pattern.match(text, pos, endpos)
            if m:
                yield m
                end = m.end()


def lower_keep_length(text: str) -> str:
    """text.lower(), one character for one (the rare characters that grow are kept as they are)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
