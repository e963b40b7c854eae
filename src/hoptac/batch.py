"""Extraction over many articles: in order, on one or several processes, errors kept per article."""

from __future__ import annotations

import gc
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
    article: Article | None = None


_pipeline: Pipeline | None = None
_with_text = True
_keep_facts = False


def _init(with_text: bool, keep_facts: bool) -> None:
    global _pipeline, _with_text, _keep_facts
    if _pipeline is None:
        _pipeline = Pipeline()
        # The lexicons and patterns live as long as the process: keep the collector off them.
        gc.freeze()
    _with_text, _keep_facts = with_text, keep_facts


def _run(item: Item) -> Outcome:
    if isinstance(item, ReadError):
        return Outcome(item.origin, error=item.reason)
    assert _pipeline is not None
    try:
        facts = _pipeline.extract(item.text, published=item.published, id=item.id, title=item.title,
                                  url=item.url, source=item.source)
        line = None if _keep_facts else facts.to_json(with_text=_with_text)
    except Exception as exc:  # one bad article must not stop a batch
        return Outcome(item.origin, error=f"extraction failed: {type(exc).__name__}: {exc}", article=item)
    return Outcome(item.origin, facts if _keep_facts else None, line, warnings=tuple(item.warnings), article=item)


def extract_all(items: Iterable[Item], *, workers: int = 1, with_text: bool = True,
                keep_facts: bool = False) -> Iterator[Outcome]:
    """Outcomes in the order of `items`: the JSON line of each article's facts, or with `keep_facts`
    the facts themselves. With workers > 1, articles are extracted by that many processes (each
    builds its pipeline once)."""
    if workers <= 1:
        _init(with_text, keep_facts)
        yield from map(_run, items)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with context.Pool(workers, initializer=_init, initargs=(with_text, keep_facts)) as pool:
        yield from pool.imap(_run, items, chunksize=4)


__all__ = ["Article", "Outcome", "extract_all"]
