"""The localities of the article: every province-level unit it names, in order of first mention."""

from __future__ import annotations

from hoptac.extract.document import Document
from hoptac.extract.registry import register
from hoptac.facts import Locality


@register("localities")
class Localities:
    def __call__(self, doc: Document) -> None:
        by_code: dict[str, Locality] = {}
        for p in doc.places:
            loc = by_code.get(p.code)
            if loc is None:
                loc = by_code[p.code] = Locality(p.code, doc.surface[p.start:p.end], p.code[:2])
            loc.evidence.append(doc.evidence(p.start, p.end, p.sentence))
        doc.localities = list(by_code.values())
