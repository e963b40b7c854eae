"""How facts from many articles become one record: the keys.

- A place is grouped under the unit that carries its territory today (Kiên Giang → An Giang from
  1 July 2025; Thừa Thiên Huế and Huế share VN-26), and keeps the code it had in its time.
- A partnership is its two canonical units; an agreement its two canonical units and its period.
- A person is their name (case, tone-mark placement, hyphens folded; letters and marks kept: "Lê Hồng
  Quang" is not "Lê Hồng Quảng") and an anchor: the canonical province (or country) of the first
  office the article gives them. Same name and same anchor is one person; same name alone is not.
  A person with no office in the article joins the one person of that name anchored in a province the
  article names, or stays on their own (anchored to the article).
- A dated meeting, visit, signing... is its type, canonical parties and day; an undated one stays
  with its article.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from hoptac import resources
from hoptac.text.normalize import canonical as canonical_text

TODAY = date(9999, 12, 31)  # "as of now": after every change of borders the data knows


@cache
def canonical_code(code: str) -> str:
    """The unit that carries `code`'s territory today (a country code stays itself)."""
    if len(code) == 2:
        return code
    return resources.gazetteer().successor(code, TODAY)


def history_codes(code: str) -> set[str]:
    """Every code whose territory `code` carries today, itself included: An Giang → {VN-44, VN-47}."""
    target = canonical_code(code)
    return {c for c in resources.gazetteer().places if canonical_code(c) == target}


def pair_key(a: str, b: str) -> tuple[str, str]:
    a, b = canonical_code(a), canonical_code(b)
    return (a, b) if a <= b else (b, a)


def person_key(name: str) -> str:
    return " ".join(canonical_text(name).lower().replace("-", " ").split())


def event_key(etype: str, parties: tuple[str, ...], day: date | None, article: str, index: int) -> str:
    where = day.isoformat() if day else f"{article}#{index}"
    return f"{etype}|{' '.join(parties)}|{where}"
