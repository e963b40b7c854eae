"""Loading the Parquet output of a Spark extraction (`hoptac.scale.spark`) into the knowledge base.

The tables are read back, record by record in the order `hoptac ingest` would have read the input,
into `ArticleFacts`, and written by the knowledge base's own `Store`: the same merge, content hash and
batches (COPY on PostgreSQL), so loading the output equals ingesting the input, and loading it again
changes nothing. Rejects count as failed, as unreadable input does in `hoptac ingest`.

The tables are streamed (each is sorted by record, as the job writes it): memory does not grow with
the corpus. Needs pyarrow (`pip install 'hoptac[parquet]'`), not Spark.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hoptac.facts import ArticleFacts
from hoptac.ingest import Article, ReadError
from hoptac.kb.store import IngestSummary, prepared
from hoptac.scale.rows import article_facts

if TYPE_CHECKING:
    from hoptac.kb import KnowledgeBase

TABLES = ("articles", "facts", "events", "rejects")
ROWS_PER_BATCH = 1000


class NotAnOutput(ValueError):
    """The directory is not (or not all) the output of `hoptac spark extract`."""


@dataclass(slots=True)
class Extracted:
    """One article of the output: as the reader made it, its content hash, and its facts."""

    article: Article
    digest: str
    facts: ArticleFacts


def _first_record(path: Path) -> int | None:
    """The record of a part file's first row (None when it has none), from the file's statistics."""
    import pyarrow.parquet as pq

    metadata = pq.read_metadata(path)
    if metadata.num_rows == 0:
        return None
    group = metadata.row_group(0)
    column = next(i for i in range(group.num_columns) if group.column(i).path_in_schema == "record")
    statistics = group.column(column).statistics
    if statistics is not None and statistics.has_min_max:
        return statistics.min
    return pq.ParquetFile(path).read_row_group(0, columns=["record"]).column(0)[0].as_py()


def _table_rows(directory: Path, table: str) -> Iterator[dict[str, Any]]:
    """The rows of one table, in record order (checked: an unsorted table cannot be merged)."""
    import pyarrow.parquet as pq  # optional: pip install 'hoptac[parquet]'

    folder = directory / table
    if not folder.is_dir():
        raise NotAnOutput(f"{directory}: no {table} table (is it the output of hoptac spark extract?)")
    # Each part file of the job is a range of records, in order, and the ranges do not overlap: taken by
    # their first record, they are the table in order.
    paths = [p for p in folder.iterdir() if p.name.endswith(".parquet") and not p.name.startswith((".", "_"))]
    firsts = sorted((first, path) for path in paths if (first := _first_record(path)) is not None)
    last = -1
    for _first, path in firsts:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=ROWS_PER_BATCH):
            for row in batch.to_pylist():
                if row["record"] < last:
                    raise NotAnOutput(f"{folder}: rows are not sorted by record ({path.name})")
                last = row["record"]
                yield row


class _ByRecord:
    """The rows of a table sorted by record, taken record by record."""

    def __init__(self, directory: Path, table: str) -> None:
        self.table = table
        self.rows = _table_rows(directory, table)
        self.pending = next(self.rows, None)

    def take(self, record: int) -> list[dict[str, Any]]:
        out = []
        while self.pending is not None and self.pending["record"] <= record:
            if self.pending["record"] < record:
                self.finish()
            out.append(self.pending)
            self.pending = next(self.rows, None)
        return out

    def finish(self) -> None:
        """Raise unless every row was taken."""
        if self.pending is not None:
            raise NotAnOutput(f"{self.table}: record {self.pending['record']} has no article (or the articles "
                              "are not sorted by record)")


def _records(directory: str | Path) -> Iterator[tuple[dict[str, Any], Callable[[], ArticleFacts]] | ReadError]:
    """Articles (their row, and how to make their facts) and rejects, in record order."""
    directory = Path(directory)
    facts, events = _ByRecord(directory, "facts"), _ByRecord(directory, "events")
    articles, rejects = _table_rows(directory, "articles"), _table_rows(directory, "rejects")
    article, reject = next(articles, None), next(rejects, None)
    while article is not None or reject is not None:
        if reject is not None and (article is None or reject["record"] < article["record"]):
            yield ReadError(reject["origin"], reject["reason"])
            reject = next(rejects, None)
            continue
        row = article
        fact_rows, event_rows = facts.take(row["record"]), events.take(row["record"])
        yield row, lambda row=row, f=fact_rows, e=event_rows: article_facts(row, f, e)
        article = next(articles, None)
    facts.finish()
    events.finish()


def _article(row: dict[str, Any]) -> Article:
    # The text of the input is not in the output (its content hash is): the stored text is the normalised one.
    return Article(id=row["id"], text=row["text"], title=row["title"], published=row["published"], url=row["url"],
                   source=row["source"], origin=row["origin"], warnings=list(row["warnings"] or []))


def read_output(directory: str | Path) -> Iterator[Extracted | ReadError]:
    """Every article of the output with its facts, and every reject, in the order of the input."""
    for item in _records(directory):
        if isinstance(item, ReadError):
            yield item
        else:
            row, make_facts = item
            yield Extracted(_article(row), row["content_hash"], make_facts())


def load(kb: KnowledgeBase, directory: str | Path, *, batch_size: int = 200, summary: IngestSummary | None = None,
         on_progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Merge the output in `directory` into the knowledge base, `batch_size` articles per transaction."""
    store = kb.store
    summary = summary or IngestSummary()
    tick = on_progress or (lambda _summary: None)

    def changed():
        for item in _records(directory):
            summary.read += 1
            if isinstance(item, ReadError):
                yield item
                continue
            row, make_facts = item
            if store.is_stored(row["id"], row["content_hash"]):
                summary.unchanged += 1
                tick(summary)
                continue
            yield prepared(_article(row), make_facts(), row["content_hash"])

    return store.write_all(changed(), batch_size=batch_size, summary=summary, on_progress=on_progress)
