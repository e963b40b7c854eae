"""Extraction over many articles: in order, on one or several processes, errors kept per article."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from hoptac.extract.pipeline import Pipeline
from hoptac.facts import ArticleFacts
from hoptac.ingest import Article, Item, ReadError


@dataclass(slots=True)
class Outcome:
    """One article's result: its facts (and their JSON line), or the reason it failed."""

    origin: str
    facts: ArticleFacts | None = None
    line: str | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()


_pipeline: Pipeline | None = None
_with_text = True


def _init(with_text: bool) -> None:
    global _pipeline, _with_text
    _pipeline = Pipeline()
    _with_text = with_text


def _run(item: Item, keep_facts: bool = False) -> Outcome:
    if isinstance(item, ReadError):
        return Outcome(item.origin, error=item.reason)
    assert _pipeline is not None
    try:
        facts = _pipeline.extract(item.text, published=item.published, id=item.id, title=item.title,
                                  url=item.url, source=item.source)
        line = facts.to_json(with_text=_with_text)
    except Exception as exc:  # one bad article must not stop a batch
        return Outcome(item.origin, error=f"extraction failed: {type(exc).__name__}: {exc}")
    return Outcome(item.origin, facts if keep_facts else None, line, warnings=tuple(item.warnings))


def _run_in_worker(item: Item) -> Outcome:
    return _run(item)


def extract_all(items: Iterable[Item], *, workers: int = 1, with_text: bool = True,
                keep_facts: bool = False) -> Iterator[Outcome]:
    """Outcomes in the order of `items`. With workers > 1, articles are extracted by that many
    processes (each builds its pipeline once); facts then arrive only as JSON lines."""
    if workers <= 1:
        _init(with_text)
        for item in items:
            yield _run(item, keep_facts)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with context.Pool(workers, initializer=_init, initargs=(with_text,)) as pool:
        yield from pool.imap(_run_in_worker, items, chunksize=4)


__all__ = ["Article", "Outcome", "extract_all"]
