"""A readable summary of extracted articles: partnerships, agreements with their periods, people with
their roles — what `make run` prints."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from hoptac import resources
from hoptac.facts import ArticleFacts

ROLE_NAMES = {
    "party_secretary": "Bí thư Tỉnh ủy", "deputy_party_secretary": "Phó Bí thư Tỉnh ủy",
    "standing_deputy_party_secretary": "Phó Bí thư Thường trực", "people_committee_chair": "Chủ tịch UBND",
    "people_committee_vice_chair": "Phó Chủ tịch UBND", "people_council_chair": "Chủ tịch HĐND",
    "people_council_vice_chair": "Phó Chủ tịch HĐND", "governor": "Tỉnh trưởng / Thống đốc",
    "vice_governor": "Phó Tỉnh trưởng / Phó Thống đốc", "ambassador": "Đại sứ",
    "consul_general": "Tổng Lãnh sự",
}


def place_name(code: str | None) -> str:
    if not code:
        return "?"
    gaz = resources.gazetteer()
    place = gaz.place(code)
    if place is not None:
        return f"{place.name} ({code})"
    return gaz.country_names.get(code, code)


def _home_first(pair: tuple[str, ...]) -> tuple[str, ...]:
    """Vietnamese side first: "Quảng Trị — Savannakhet"."""
    return tuple(sorted(pair, key=lambda c: (not c.startswith("VN-"), c)))


def render(articles: Iterable[ArticleFacts]) -> str:
    articles = list(articles)
    partnerships: Counter[tuple[str, str]] = Counter()
    agreements: dict[tuple, set[str]] = defaultdict(set)
    roles: dict[str, set[str]] = defaultdict(set)
    for facts in articles:
        for p in facts.partnerships:
            partnerships[p.parties] += 1
        for a in facts.agreements:
            agreements[(a.parties, a.start, a.end, a.kind)].add(a.status)
        for person in facts.people:
            for r in person.roles:
                if r.role != "other":
                    roles[person.name].add(f"{ROLE_NAMES.get(r.role, r.role)} {place_name(r.of)}")
    lines = [f"{len(articles)} articles"]
    lines.append(f"\nPartnerships ({len(partnerships)}), with the number of articles reporting each:")
    for (a, b), n in sorted(partnerships.items(), key=lambda x: (-x[1], _home_first(x[0]))):
        a, b = _home_first((a, b))
        lines.append(f"  {place_name(a)} — {place_name(b)}: {n}")
    lines.append(f"\nAgreements ({len(agreements)}):")
    for (parties, start, end, kind), statuses in sorted(agreements.items(), key=lambda x: (x[0][1], x[0][0])):
        names = " — ".join(place_name(c) for c in _home_first(parties))
        lines.append(f"  {start}–{end} {kind}: {names} [{', '.join(sorted(statuses))}]")
    lines.append(f"\nPeople with roles ({len(roles)}):")
    for name in sorted(roles):
        lines.append(f"  {name}: {'; '.join(sorted(roles[name]))}")
    return "\n".join(lines)
