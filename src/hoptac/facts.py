"""The fact model: typed facts with evidence, serialised to the contract of FACTS.md.

Every fact carries `evidence`: the sentence index and character offsets into the article's normalised
text (which the serialised article carries too), so a reader can always go back to the words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hoptac.text.numbers import as_json_number

ROLES = (
    "party_secretary", "deputy_party_secretary", "standing_deputy_party_secretary",
    "people_committee_chair", "people_committee_vice_chair", "people_council_chair",
    "people_council_vice_chair", "governor", "vice_governor", "ambassador", "consul_general", "other",
)
FIGURE_CLASSES = ("money_vnd", "money_usd", "money_lak", "money_other", "percent", "people", "scholarships",
                  "other_count")
FIELDS = ("politics", "diplomacy", "defense_security", "economy", "trade", "investment", "tourism",
          "agriculture", "education", "health", "culture", "sports", "transport", "energy", "environment",
          "science_technology", "labor", "border", "information")
AGREEMENT_KINDS = ("mou", "agreement", "plan")
AGREEMENT_STATUSES = ("signed", "to_be_signed", "in_force", "reviewed")
EVENT_TYPES = ("meeting", "visit", "signing", "award", "commitment", "delivery", "handover")
REALIS = ("done", "planned", "committed", "proposed")


@dataclass(frozen=True, slots=True)
class Evidence:
    sentence: int
    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"sentence": self.sentence, "start": self.start, "end": self.end}


def _evidence(items: list[Evidence]) -> list[dict[str, int]]:
    return [e.to_dict() for e in items]


@dataclass(slots=True)
class Locality:
    code: str
    name: str
    country: str
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "country": self.country, "evidence": _evidence(self.evidence)}


@dataclass(slots=True)
class Role:
    role: str
    of: str | None
    title: str
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "of": self.of, "title": self.title, "evidence": _evidence(self.evidence)}


@dataclass(slots=True)
class Person:
    name: str
    roles: list[Role] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "roles": [r.to_dict() for r in self.roles], "evidence": _evidence(self.evidence)}


@dataclass(slots=True)
class Partnership:
    parties: tuple[str, str]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Agreement:
    parties: tuple[str, str]
    start: int
    end: int
    kind: str
    status: str
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"parties": list(self.parties), "start": self.start, "end": self.end, "kind": self.kind,
                "status": self.status, "evidence": _evidence(self.evidence)}


@dataclass(slots=True)
class Figure:
    value: float
    cls: str
    text: str
    unit: str = ""
    qualifier: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"value": as_json_number(self.value), "class": self.cls, "text": self.text, "unit": self.unit,
                "qualifier": self.qualifier, "evidence": _evidence(self.evidence)}


@dataclass(slots=True)
class FieldMention:
    field: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    type: str
    parties: tuple[str, ...]
    participants: list[str]
    date: date | None
    realis: str
    trigger: str
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "parties": list(self.parties), "participants": self.participants,
                "date": self.date.isoformat() if self.date else None, "realis": self.realis,
                "trigger": self.trigger, "evidence": _evidence(self.evidence)}


@dataclass(slots=True)
class ArticleFacts:
    """What one article says, ready for the knowledge base or for JSON Lines."""

    id: str
    text: str
    sentences: list[tuple[int, int]]
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    localities: list[Locality] = field(default_factory=list)
    partnerships: list[Partnership] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    fields: list[FieldMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self, *, with_text: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "source": self.source,
            "localities": [x.to_dict() for x in self.localities],
            "partnerships": [list(p.parties) for p in self.partnerships],
            "agreements": [x.to_dict() for x in self.agreements],
            "people": [x.to_dict() for x in self.people],
            "figures": [x.to_dict() for x in self.figures],
            "fields": [f.field for f in self.fields],
            "events": [x.to_dict() for x in self.events],
            "evidence": {
                "partnerships": [{"parties": list(p.parties), "evidence": _evidence(p.evidence)}
                                 for p in self.partnerships],
                "fields": [{"field": f.field, "evidence": _evidence(f.evidence)} for f in self.fields],
            },
        }
        if with_text:
            out["text"] = self.text
            out["sentences"] = [list(s) for s in self.sentences]
        return out

    def to_json(self, *, with_text: bool = True) -> str:
        return json.dumps(self.to_dict(with_text=with_text), ensure_ascii=False)

    def quote(self, evidence: Evidence) -> str:
        """The words an evidence points to."""
        return self.text[evidence.start:evidence.end]
