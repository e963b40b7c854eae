"""The knowledge base: articles and their facts, merged across articles, in SQLite or PostgreSQL.

    >>> from hoptac.kb import KnowledgeBase
    >>> kb = KnowledgeBase("sqlite:///hoptac.db")
    >>> kb.ingest(["articles/"])              # doctest: +SKIP
    >>> kb.partners("Champasak")              # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from hoptac import ingest as readers
from hoptac.kb import queries
from hoptac.kb.db import database_url, open_engine, upgrade
from hoptac.kb.store import IngestSummary, Store


class KnowledgeBase:
    """One knowledge base; the command line, the web application and the dossier all use this."""

    def __init__(self, url: str | None = None, *, auto_upgrade: bool | None = None) -> None:
        self.url = database_url(url)
        self.engine = open_engine(self.url, auto_upgrade=auto_upgrade)
        self._store: Store | None = None

    def upgrade(self) -> None:
        upgrade(self.engine)

    def ingest(self, paths: Iterable[str | Path], *, workers: int = 1, batch_size: int = 200,
               on_progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
        return self.ingest_items(readers.read(paths), workers=workers, batch_size=batch_size,
                                 on_progress=on_progress)

    def ingest_items(self, items: Iterable[readers.Item], **options) -> IngestSummary:
        return self.store.ingest(items, **options)

    @property
    def store(self) -> Store:
        """The writer of this knowledge base, made when first needed (it caches the ids of merged records)."""
        if self._store is None:
            self._store = Store(self.engine)
        return self._store

    # -- the questions (see hoptac.kb.queries) --------------------------------------------------
    def partners(self, place: str, on: date | None = None):
        return queries.partners(self.engine, place, on)

    def partnerships(self, place: str | None = None) -> list[queries.PartnershipSummary]:
        return queries.partnerships(self.engine, place)

    def partnership(self, a: str, b: str) -> queries.PartnershipTimeline:
        return queries.partnership(self.engine, a, b)

    def person(self, name: str) -> list[queries.PersonRecord]:
        return queries.person(self.engine, name)

    def history(self, place: str) -> list[queries.PlaceEra]:
        return queries.place_history(place)

    def leaders(self, place: str) -> list[queries.PersonRecord]:
        return queries.leaders(self.engine, place)

    def agreements(self, in_force_on: date | None = None, place: str | None = None):
        return queries.agreements(self.engine, in_force_on, place)

    def search(self, text: str, limit: int = 20) -> list[queries.SearchHit]:
        return queries.search(self.engine, text, limit)

    def close(self) -> None:
        self.engine.dispose()


__all__ = ["IngestSummary", "KnowledgeBase"]
