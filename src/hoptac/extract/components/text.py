"""Normalisation, sentences and tokens."""

from __future__ import annotations

import re

from hoptac.extract.document import Document, Sentence, Token
from hoptac.extract.registry import register
from hoptac.text.fold import fold
from hoptac.text.normalize import normalize, place_tone_marks
from hoptac.text.phrases import lower_keep_length
from hoptac.text.sentences import split_sentences

TOKEN_RE = re.compile(r"[^\W_]+")


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
        tokens: list[Token] = []
        sentences: list[Sentence] = []
        for index, (start, end) in enumerate(split_sentences(text)):
            first = len(tokens)
            for m in TOKEN_RE.finditer(text, start, end):
                s, e = m.span()
                word = m.group()
                tokens.append(Token(s, e, word, folded[s:e], index, word[0].isupper(), word[0].isdigit()))
            sentences.append(Sentence(index, start, end, first, len(tokens)))
        doc.tokens = tokens
        doc.sentences = sentences
