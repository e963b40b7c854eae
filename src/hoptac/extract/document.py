"""The document that flows through the pipeline: the text in its forms, tokens, sentences, and one
layer of annotations per component."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from hoptac.facts import (
    Agreement,
    ArticleFacts,
    Event,
    Evidence,
    FieldMention,
    Figure,
    Locality,
    Partnership,
    Person,
)
from hoptac.text.dates import DateMention, digit_starts
from hoptac.text.phrases import first_words, matches_at


@dataclass(slots=True)
class Token:
    """A run of letters or digits. Hyphenated syllables are separate tokens."""

    start: int
    end: int
    text: str  # normalised
    fold: str
    sentence: int
    upper: bool  # first character is a capital
    digit: bool


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    first: int  # index of its first token
    last: int  # index after its last token


@dataclass(slots=True)
class PlaceMention:
    start: int
    end: int
    code: str
    sentence: int
    candidates: tuple[str, ...] = ()  # when the spelling names several units (Viêng Chăn)


@dataclass(slots=True)
class CountryMention:
    start: int
    end: int
    code: str
    sentence: int
    weak: bool = False  # a word that is also a personal name ("Đức"), trusted only after a title


@dataclass(slots=True)
class TitleMention:
    start: int
    end: int
    head: str
    kind: str  # the head's kind in titles.toml
    sentence: int
    body: str | None = None  # party, committee, council, government, below
    below: bool = False
    place: str | None = None  # locality the title names
    country: str | None = None
    locality_word: str | bool = False  # "tỉnh", "thành phố" without a name we know
    former: bool = False  # "nguyên Bí thư": a past office
    role: str = "other"
    of: str | None = None


@dataclass(slots=True)
class Relation:
    """Two localities a clause of a sentence relates (the start and end are the clause's)."""

    sentence: int
    start: int
    end: int
    pair: tuple[str, str]


@dataclass(slots=True)
class NameMention:
    start: int
    end: int
    name: str  # as written (surface), honorific dropped
    key: str  # folded, for matching
    words: int
    sentence: int
    titles: list[TitleMention] = field(default_factory=list)
    person: int | None = None  # index into Document.people


@dataclass
class Document:
    raw: str
    id: str = ""
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None

    surface: str = ""  # normalised, with the writer's tone-mark placement
    text: str = ""  # normalised, one tone-mark placement: every matcher reads this
    folded: str = ""  # lower case, no marks; same offsets as text
    lower: str = ""  # lower case; same offsets as text: case-insensitive phrase patterns read this
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)

    dates: list[DateMention] = field(default_factory=list)
    countries: list[CountryMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    titles: list[TitleMention] = field(default_factory=list)
    names: list[NameMention] = field(default_factory=list)
    home: str | None = None  # the article's own Vietnamese province
    relations: list[Relation] = field(default_factory=list)

    localities: list[Locality] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    partnerships: list[Partnership] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    fields: list[FieldMention] = field(default_factory=list)

    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _token_starts: list[int] = field(default_factory=list, repr=False)
    _token_starts_by_word: dict[str, list[int]] | None = field(default=None, repr=False)  # keys lower-cased
    _word_starts: dict[frozenset[str], list[int]] = field(default_factory=dict, repr=False)
    _digit_starts: list[int] | None = field(default=None, repr=False)

    def sentence_at(self, pos: int) -> int:
        if not self._sentence_starts:
            self._sentence_starts = [s.start for s in self.sentences]
        return max(0, bisect.bisect_right(self._sentence_starts, pos) - 1)

    def token_from(self, pos: int, lo: int = 0, hi: int | None = None) -> int:
        """The index of the first token (of tokens[lo:hi]) that starts at or after `pos`, else `hi`."""
        if not self._token_starts:
            self._token_starts = list(map(attrgetter("start"), self.tokens))
        return bisect.bisect_left(self._token_starts, pos, lo, len(self.tokens) if hi is None else hi)

    def token_at(self, pos: int) -> int | None:
        """The index of the token that starts at `pos`, if one does."""
        k = self.token_from(pos)
        return k if k < len(self.tokens) and self._token_starts[k] == pos else None

    def digit_starts(self) -> list[int]:
        """Where the runs of digits of the text start (see `dates.digit_starts`)."""
        if self._digit_starts is None:
            self._digit_starts = digit_starts(self.text)
        return self._digit_starts

    def word_starts(self, words: frozenset[str]) -> list[int]:
        """Where the tokens whose lower-cased form is one of `words` start, in order."""
        starts = self._word_starts.get(words)
        if starts is None:
            index = self._token_starts_by_word
            if index is None:
                index = self._token_starts_by_word = {}
                lower = self.lower
                for t in self.tokens:
                    index.setdefault(lower[t.start:t.end], []).append(t.start)
            starts = []
            for word in words:
                found = index.get(word)
                if found:
                    starts += found
            starts.sort()
            self._word_starts[words] = starts
        return starts

    def phrases_in(self, pattern: re.Pattern, start: int = 0, end: int | None = None, *,
                   cased: bool = False) -> Iterator[re.Match]:
        """`pattern.finditer(self.lower, start, end)` (self.text if `cased`) for a pattern of
        `phrases.phrase_regex`, tried only where a word its phrases begin with starts: several times faster
        than the engine's own scan."""
        lower = self.lower
        end = len(lower) if end is None else end
        firsts = first_words(pattern)
        if firsts is None or not self.tokens:
            return pattern.finditer(self.text if cased else lower, start, end)
        starts = self.word_starts(firsts)
        starts = starts[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
        if 0 < end < len(lower) and lower[end - 1].isalnum() and lower[end].isalnum():
            # `end` cuts a word: what is left of it may be a first word
            cut = self.tokens[self.token_from(end) - 1].start
            if cut >= start and (not starts or starts[-1] != cut):
                starts.append(cut)
        return matches_at(pattern, self.text if cased else lower, starts, end)

    def evidence(self, start: int, end: int, sentence: int | None = None) -> Evidence:
        return Evidence(self.sentence_at(start) if sentence is None else sentence, start, end)

    def sentence_evidence(self, index: int) -> Evidence:
        s = self.sentences[index]
        return Evidence(index, s.start, s.end)

    def place_ending_at(self, pos: int) -> PlaceMention | CountryMention | None:
        """The place or (strongly named) country whose mention ends at `pos`."""
        return next((p for p in self.places if p.end == pos), None) or next(
            (c for c in self.countries if c.end == pos and not c.weak), None)

    def places_in(self, sentence: int) -> list[PlaceMention]:
        return [p for p in self.places if p.sentence == sentence]

    def to_facts(self) -> ArticleFacts:
        return ArticleFacts(
            id=self.id, text=self.text, sentences=[(s.start, s.end) for s in self.sentences],
            title=self.title, published=self.published, url=self.url, source=self.source,
            localities=self.localities, partnerships=self.partnerships, agreements=self.agreements,
            people=self.people, figures=self.figures, fields=self.fields, events=self.events,
        )
