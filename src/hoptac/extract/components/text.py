"""Normalisation, sentences and tokens."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate, chain, repeat

from hoptac.extract.document import Document, Sentence, Token
from hoptac.extract.registry import register
from hoptac.text.fold import fold
from hoptac.text.normalize import normalize, place_tone_marks
from hoptac.text.phrases import lower_keep_length
from hoptac.text.sentences import split_sentences

TOKEN_RE = re.compile(r"[^\W_]+")
TOKEN_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})")  # re.split keeps what a group matches: the words


@register("normalise")
class Normalise:
    """surface: NFC, dashes, spaces; text: the same with one tone-mark placement; folded: for matching."""

    def __call__(self, doc: Document) -> None:
        doc.surface = normalize(doc.raw)
        doc.text = place_tone_marks(doc.surface)
        doc.folded = fold(doc.text)
        doc.lower = lower_keep_length(doc.text)


@register("sentences")
class Sentences:
    def __call__(self, doc: Document) -> None:
        text, folded = doc.text, doc.folded
        spans = split_sentences(text)
        # One pass over the whole text, not one per sentence: sentences neither cut a word nor leave one out
        # (only spaces lie between them), so these are the tokens of the sentences, in order. Built a column
        # at a time (starts, ends, words...) with C-level tools rather than a Python loop over the words.
        parts = TOKEN_SPLIT_RE.split(text)  # [non-word, word, non-word, word, ..., non-word]
        words = parts[1::2]
        offsets = list(accumulate(map(len, parts)))  # the first word's start, its end, the next word's start...
        starts, ends = offsets[0:-1:2], offsets[1::2]
        firsts = [word[0] for word in words]
        sentences: list[Sentence] = []
        counts: list[int] = []
        for index, (start, end) in enumerate(spans):
            first, last = bisect_left(starts, start), bisect_left(starts, end)
            sentences.append(Sentence(index, start, end, first, last))
            counts.append(last - first)
        folds = [folded[s:e] for s, e in zip(starts, ends, strict=True)]
        # the sentence of each token: the index of each sentence, repeated once for each of its tokens
        in_sentence = chain.from_iterable(map(repeat, range(len(counts)), counts))
        doc.tokens = list(map(Token, starts, ends, words, folds, in_sentence,
                              map(str.isupper, firsts), map(str.isdigit, firsts)))
        doc.sentences = sentences
