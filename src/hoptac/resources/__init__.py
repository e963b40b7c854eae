"""Loaders for the data files: places with their history and spellings, countries, titles, figure
words, fields, event words. Each is read once per process and compiled into fast matchers.
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources as _pkg
from typing import Any

from hoptac.text.fold import fold, has_marks
from hoptac.text.normalize import place_tone_marks
from hoptac.text.phrases import phrase_regex, word_alternatives

WORD_RE = re.compile(r"[^\W_]+")
# What may stand between the syllables of one place name: spaces, hyphens, dashes, a dot ("TP.HCM").
JOINER_RE = re.compile(r"[\s\-.]{0,3}")


def _data_text(name: str) -> str:
    return _pkg.files("hoptac.resources").joinpath("data", name).read_text(encoding="utf-8")


def _csv_rows(name: str) -> list[dict[str, str]]:
    lines = [line for line in _data_text(name).splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


def _toml(name: str) -> dict[str, Any]:
    return tomllib.loads(_data_text(name))


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class Place:
    """One province-level unit in one era (a unit that merged or was renamed has several)."""

    code: str
    country: str
    kind: str
    name: str
    valid_from: date | None
    valid_to: date | None
    successor: str | None
    note: str = ""

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class Spelling:
    """A way the press writes a place (or, with code "-", a longer name that is not the place)."""

    code: str
    text: str
    folded: tuple[str, ...]  # folded syllables
    accented: str  # lower case, tone-normalised, syllables joined by one space
    capitals: tuple[bool, ...]  # which syllables the spelling capitalises
    marked: bool  # the spelling carries diacritics
    context: bool  # only after "tỉnh"/"thành phố"/... or with its country named nearby

    @property
    def country(self) -> str:
        return self.code[:2]


def syllables(text: str) -> list[str]:
    return WORD_RE.findall(text)


@dataclass
class Gazetteer:
    places: dict[str, list[Place]]
    spellings: dict[tuple[str, ...], list[Spelling]]
    max_syllables: int
    countries: dict[tuple[str, ...], list[tuple[str, bool]]]  # folded syllables → (code, name_word)
    country_names: dict[str, str]
    max_country_syllables: int
    surnames: frozenset[str]
    name_syllables: frozenset[str]
    highland_clans: frozenset[str]
    company_heads: frozenset[tuple[str, ...]]  # lower-case words: ("công", "ty")
    legal_form_words: frozenset[str]

    def place(self, code: str, on: date | None = None) -> Place | None:
        """The unit with this code valid on `on` (today's unit when `on` is None)."""
        eras = self.places.get(code)
        if not eras:
            return None
        for era in eras:
            if era.valid_on(on):
                return era
        return eras[-1]

    def history(self, code: str) -> list[Place]:
        return list(self.places.get(code, ()))

    def successor(self, code: str, on: date) -> str:
        """The code of the unit that carries `code`'s territory on `on` (follows mergers)."""
        seen = set()
        while code not in seen:
            seen.add(code)
            era = self.place(code, on)
            if era is None or era.valid_on(on) or not era.successor:
                return code
            code = era.successor
        return code


@cache
def gazetteer() -> Gazetteer:
    places: dict[str, list[Place]] = {}
    for row in _csv_rows("places.csv"):
        places.setdefault(row["code"], []).append(
            Place(row["code"], row["country"], row["kind"], row["name"], _date(row["valid_from"]),
                  _date(row["valid_to"]), row["successor"] or None, row["note"])
        )
    spellings: dict[tuple[str, ...], list[Spelling]] = {}
    for row in _csv_rows("place_names.csv"):
        text = place_tone_marks(row["name"])
        sylls = syllables(text)
        key = tuple(fold(s) for s in sylls)
        spelling = Spelling(
            code=row["code"], text=text, folded=key, accented=" ".join(s.lower() for s in sylls),
            capitals=tuple(s[0].isupper() for s in sylls), marked=has_marks(text),
            context="context" in (row.get("flags") or ""),
        )
        spellings.setdefault(key, []).append(spelling)
        # "Chămpasắc" and "Champasak" glue the syllables of a foreign name into one word.
        if len(sylls) > 1 and spelling.country != "VN" and row["code"] != "-":
            glued = Spelling(spelling.code, text, ("".join(key),), "".join(s.lower() for s in sylls),
                             (sylls[0][0].isupper(),), spelling.marked, spelling.context)
            spellings.setdefault(glued.folded, []).append(glued)
    countries: dict[tuple[str, ...], list[tuple[str, bool]]] = {}
    country_names: dict[str, str] = {}
    for row in _csv_rows("countries.csv"):
        key = tuple(fold(s) for s in syllables(row["name"]))
        countries.setdefault(key, []).append((row["code"], "name_word" in (row.get("flags") or "")))
        country_names.setdefault(row["code"], row["name"])
    names = _toml("person_names.toml")
    return Gazetteer(
        places=places,
        spellings=spellings,
        max_syllables=max(len(k) for k in spellings),
        countries=countries,
        country_names=country_names,
        max_country_syllables=max(len(k) for k in countries),
        surnames=frozenset(names["surnames"]),
        name_syllables=frozenset(names["surnames"]) | frozenset(names["middles"]),
        highland_clans=frozenset(names["highland_clans"]),
        company_heads=frozenset(tuple(h.lower().split()) for h in names["companies"]["heads"]),
        legal_form_words=frozenset(names["companies"]["legal_form_words"]),
    )


@dataclass
class Titles:
    heads: dict[str, str]
    head_re: re.Pattern
    not_title_re: re.Pattern
    body_kinds: dict[str, str]  # lower-cased body → kind
    body_re: re.Pattern
    locality_word_re: re.Pattern
    below_word_re: re.Pattern
    honorifics: frozenset[str]
    everyday_honorifics: frozenset[str]  # introduce a name of two words or more only
    honorific_re: re.Pattern
    name_stop_re: re.Pattern
    complement_stops: frozenset[str]
    complete_orgs: frozenset[str]
    memorial_re: re.Pattern  # matched against the text just before an honorific
    acting: frozenset[str]
    former: frozenset[str]
    head_kinds: dict[str, str]  # lower-cased head with single spaces → kind


def _head_pattern(heads: list[str]) -> re.Pattern:
    # A capital first letter, any case after: "Phó Chủ tịch", "Phó chủ tịch", not "phó chủ tịch".
    ordered = [place_tone_marks(head) for head in sorted(heads, key=len, reverse=True)]
    return re.compile(r"(?P<p>" + word_alternatives(ordered, case_after_first=False) + r")(?![^\W_])")


@cache
def titles() -> Titles:
    data = _toml("titles.toml")
    heads = {place_tone_marks(k): v for k, v in data["heads"].items()}
    body_kinds: dict[str, str] = {}
    for kind, words in data["bodies"].items():
        for w in words:
            body_kinds[place_tone_marks(w).lower()] = kind
    # everyday nouns open a sentence too ("Tiền đạo Chhay Rithy ghi bàn"); not the one-syllable kin words,
    # which capitalised are given names ("Hoàng Anh Gia Lai")
    everyday = data["honorifics"]["everyday"]
    everyday = sorted(set(everyday) | {w[0].upper() + w[1:] for w in everyday if " " in w})
    honorifics = data["honorifics"]["words"] + everyday
    return Titles(
        heads=heads,
        head_re=_head_pattern(list(heads)),
        not_title_re=phrase_regex(data["not_titles"]["phrases"], ignore_case=False),
        body_kinds=body_kinds,
        body_re=phrase_regex(body_kinds),
        locality_word_re=phrase_regex(data["locality_words"]["words"]),
        below_word_re=phrase_regex(data["locality_words"]["below_words"]),
        honorifics=frozenset(place_tone_marks(h) for h in honorifics),
        everyday_honorifics=frozenset(place_tone_marks(h) for h in everyday),
        honorific_re=phrase_regex(honorifics, ignore_case=False),
        name_stop_re=phrase_regex(data["name_stops"]["phrases"], ignore_case=False),
        complement_stops=frozenset(data["complement_stops"]["words"]),
        complete_orgs=frozenset(data["name_stops"]["complete"]),
        memorial_re=_tail_regex(data["name_stops"]["memorials"], "", ignore_case=False),
        acting=frozenset(data["name_stops"]["acting"]),
        former=frozenset(data["name_stops"]["former"]),
        head_kinds={h.lower(): k for h, k in heads.items()},
    )


@dataclass
class FigureWords:
    unit_re: re.Pattern  # multipliers, currencies, percent and counted nouns after a number
    unit_class: dict[str, str]  # lower-cased word → class or "time" or "multiplier:<factor>" or "stop"
    multipliers: dict[str, float]
    not_after_re: re.Pattern  # matched against the text just before a number
    qualifier_re: re.Pattern


@cache
def figure_words() -> FigureWords:
    data = _toml("figures.toml")
    unit_class: dict[str, str] = {}
    for cls in ("people", "scholarships", "other_count"):
        for w in data[cls]["words"]:
            unit_class[place_tone_marks(w).lower()] = cls
    for w in data["classifiers"]["words"]:
        unit_class[place_tone_marks(w).lower()] = "classifier"
    for w in data["time_units"]["words"]:
        unit_class[place_tone_marks(w).lower()] = "time"
    for w in data["not_counted_nouns"]["words"]:
        unit_class.setdefault(place_tone_marks(w).lower(), "stop")
    for w, cls in data["currencies"].items():
        unit_class[place_tone_marks(w).lower()] = cls
    for w in data["percent"]["words"]:
        unit_class[w.lower()] = "percent"
    multipliers = {place_tone_marks(k).lower(): float(v) for k, v in data["multipliers"].items()}
    for w in multipliers:
        unit_class[w] = "multiplier"
    # All three are matched against lower-cased text (see phrase_regex).
    words = [w for w in unit_class if w != "%"]
    unit_re = re.compile(r"\s*(?:(?P<pct>%)|" + phrase_regex(words, group="w", word_start=False).pattern + ")")
    not_after = sorted({place_tone_marks(w).lower() for w in data["not_after"]["words"]}, key=len, reverse=True)
    not_after_re = re.compile(r"(?:" + word_alternatives(not_after) + r")\s*$")
    qualifiers = data["qualifiers"]["words"]
    # the phrase pattern checks itself that it starts a word
    qualifier_re = re.compile(r"(?P<q>" + phrase_regex(qualifiers, group="q2").pattern + r")\s*$")
    return FigureWords(unit_re, unit_class, multipliers, not_after_re, qualifier_re)


@dataclass
class FieldWords:
    keyword_re: re.Pattern
    keyword_field: dict[str, str]
    ignore_re: re.Pattern
    ignore_names_re: re.Pattern
    governor_re: re.Pattern
    name_heads: frozenset[str]
    statistics_re: re.Pattern
    before_numbers: frozenset[str]
    after_numbers: frozenset[str]
    jobs_re: re.Pattern
    cue_re: re.Pattern
    two_countries_re: re.Pattern


@cache
def field_words() -> FieldWords:
    data = _toml("fields.toml")
    keyword_field: dict[str, str] = {}
    for fld, words in data["keywords"].items():
        for w in words:
            keyword_field.setdefault(" ".join(place_tone_marks(w).lower().split()), fld)
    return FieldWords(
        keyword_re=phrase_regex(keyword_field),
        keyword_field=keyword_field,
        ignore_re=phrase_regex(data["ignore"]["phrases"]),
        ignore_names_re=phrase_regex(data["ignore"]["names"], ignore_case=False),
        governor_re=phrase_regex(data["ignore"]["governors"]),
        name_heads=frozenset(data["ignore"]["name_heads"]),
        statistics_re=phrase_regex(data["ignore"]["statistics"]),
        before_numbers=frozenset(data["ignore"]["before_numbers"]),
        after_numbers=frozenset(data["ignore"]["after_numbers"]),
        jobs_re=phrase_regex(data["ignore"]["jobs"]),
        cue_re=phrase_regex(data["cues"]["words"]),
        two_countries_re=phrase_regex(data["cues"]["two_countries"], ignore_case=False),
    )


@dataclass
class EventWords:
    trigger_re: re.Pattern
    trigger_type: dict[str, str]
    realis: list[tuple[str, re.Pattern]]
    agreement_re: re.Pattern
    agreement_kind: dict[str, str]
    agreement_not_re: re.Pattern
    plan_needs_re: re.Pattern
    status: list[tuple[str, re.Pattern]]
    interaction_re: re.Pattern
    partner_ref_re: re.Pattern
    multilateral_re: re.Pattern
    not_interaction_re: re.Pattern
    declared_partners_re: re.Pattern
    institution_re: re.Pattern  # matched against the text just before a place
    venue_re: re.Pattern  # matched against the text just before a place
    transit_before_re: re.Pattern  # matched against the text just before a place
    transit_after_re: re.Pattern  # matched at the end of a place
    visit_re: re.Pattern
    national_re: re.Pattern
    period_not_re: re.Pattern  # matched against the text just before a period
    types: list[str] = field(default_factory=list)


def _tail_regex(words: list[str], then: str, *, ignore_case: bool = True) -> re.Pattern:
    """Matches text that ends with one of `words` (then `then`): test it on the text before a span."""
    words = [place_tone_marks(w) for w in words]
    if ignore_case:  # matched against lower-cased text, as phrase_regex
        words, then = [w.lower() for w in words], then.lower()
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(rf"(?:{word_alternatives(ordered)})\s+{then}$")


def lower_key(text: str) -> str:
    return " ".join(place_tone_marks(text).lower().split())


@cache
def event_words() -> EventWords:
    data = _toml("events.toml")
    trigger_type: dict[str, str] = {}
    for etype, words in data["event_triggers"].items():
        for w in words:
            trigger_type.setdefault(lower_key(w), etype)
    kinds = {lower_key(k): v for k, v in data["agreement_kinds"].items()}
    return EventWords(
        trigger_re=phrase_regex(trigger_type),
        trigger_type=trigger_type,
        realis=[(k, phrase_regex(v)) for k, v in data["realis"].items()],
        agreement_re=phrase_regex(kinds),
        agreement_kind=kinds,
        agreement_not_re=phrase_regex(data["agreement_not"]["phrases"]),
        plan_needs_re=phrase_regex(data["agreement_not"]["plan_needs"]),
        status=[(k, phrase_regex(v)) for k, v in data["agreement_status"].items()],
        interaction_re=phrase_regex(data["interaction"]["words"]),
        partner_ref_re=phrase_regex(data["partner_refs"]["words"]),
        multilateral_re=phrase_regex(data["multilateral"]["words"]),
        not_interaction_re=phrase_regex(data["not_interaction"]["words"]),
        declared_partners_re=phrase_regex(data["not_interaction"]["unless_after"]),
        institution_re=_tail_regex(data["institutions"]["words"], "", ignore_case=False),
        venue_re=_tail_regex(data["venue"]["words"], r"(?:(?:tỉnh|thành phố|thủ đô|TP\.?|Thủ đô)\s+)?"),
        visit_re=phrase_regex(data["venue"]["visits"]),
        transit_before_re=_tail_regex(data["transit"]["before"] + data["transit"]["origin"],
                                      r"(?:(?:tỉnh|thành phố|thủ đô|TP\.?|Thủ đô|khu tự trị(?: dân tộc \w+)?)\s+)?"),
        transit_after_re=re.compile(r"(?:[^()]{0,30}\))?\s*(?:\([^()]{0,60}\))?\s*,?\s*(?:"
                                    + word_alternatives(sorted((w.lower() for w in data["transit"]["after"]),
                                                               key=len, reverse=True)) + r")(?![^\W_])"),
        national_re=phrase_regex(data["venue"]["national"], ignore_case=False),
        period_not_re=_tail_regex(data["period_not"]["words"], r"(?:giai đoạn\s+)?"),
        types=[t for t in data["event_triggers"] if t != "none"],
    )


@cache
def labels() -> dict[str, dict[str, str]]:
    """Vietnamese labels for the codes of FACTS.md: labels()["roles"]["governor"]."""
    return _toml("labels_vi.toml")


@cache
def flag_rules() -> dict[str, Any]:
    """The bounds and word lists of the quality flags (flags.toml)."""
    return _toml("flags.toml")
