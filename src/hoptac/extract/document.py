"""The document that flows through the pipeline: the text in its forms, tokens, sentences, and one
layer of annotations per component."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date

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
from hoptac.text.dates import DateMention


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

    def sentence_at(self, pos: int) -> int:
        if not self._sentence_starts:
            self._sentence_starts = [s.start for s in self.sentences]
        return max(0, bisect.bisect_right(self._sentence_starts, pos) - 1)

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
