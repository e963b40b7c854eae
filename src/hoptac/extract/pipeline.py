"""A pipeline is a list of component names; running it fills one Document, layer by layer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from hoptac.extract import registry
from hoptac.extract.document import Document
from hoptac.facts import ArticleFacts

DEFAULT_PIPELINE: tuple[str, ...] = (
    "normalise",   # NFC, one dash, one space, one tone-mark placement
    "sentences",   # sentences and tokens
    "dates",       # dates, months, years, periods
    "places",      # countries and province-level units
    "people",      # titles, organisations, people and their roles
    "localities",  # the localities of the article
    "partnerships",  # the pairs of localities that deal with each other
    "events",      # agreements; meetings, visits, signings...
    "figures",     # quantities with their class
    "fields",      # fields of cooperation
)


class Pipeline:
    """Build once, call many times: `Pipeline()(text, published=date(2024, 3, 5)).to_facts()`."""

    def __init__(self, components: Sequence[str] = DEFAULT_PIPELINE) -> None:
        self.names = tuple(components)
        self.components = [registry.create(name) for name in self.names]

    def __call__(self, text: str, *, published: date | str | None = None, id: str = "", title: str | None = None,
                 url: str | None = None, source: str | None = None) -> Document:
        """Annotate one article. `published` (a date or an ISO string) resolves partial dates ("Chiều 2/2")."""
        if isinstance(published, str):
            published = date.fromisoformat(published[:10]) if published else None
        doc = Document(raw=text, id=id, title=title, published=published, url=url, source=source)
        for component in self.components:
            component(doc)
        return doc

    def extract(self, text: str, **meta) -> ArticleFacts:
        return self(text, **meta).to_facts()
