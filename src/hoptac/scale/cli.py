"""The command line of `hoptac.scale`: the `hoptac spark` group, and the loader `hoptac ingest --parquet`
calls. A thin layer over `hoptac.scale.spark` and `hoptac.scale.parquet`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hoptac.kb.store import IngestSummary

if TYPE_CHECKING:
    from hoptac.kb import KnowledgeBase


@click.group(name="spark", context_settings={"help_option_names": ["-h", "--help"]})
def spark() -> None:
    """Extract on Apache Spark: archives too big for one machine (pip install 'hoptac[spark]'; Java 17)."""


@spark.command(name="extract")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.argument("output", metavar="OUTPUT")
@click.option("--master", metavar="URL",
              help="Spark master: local[N], spark://HOST:7077, yarn... (default: the one spark-submit was given, "
                   "else local[*]).")
@click.option("--partitions", type=click.IntRange(1, 1_000_000), metavar="N",
              help="Tasks that share the extraction (default: three per core of the cluster).")
@click.option("--overwrite", is_flag=True, help="Replace the tables of OUTPUT when it exists.")
def extract_command(inputs: tuple[str, ...], output: str, master: str | None, partitions: int | None,
                    overwrite: bool) -> None:
    """Extract the facts of every article of INPUT into Parquet tables in OUTPUT.

    INPUT is what `hoptac extract` reads (JSON Lines, web archives .warc and .warc.gz, web pages,
    .json and .txt files, directories, globs) on any file system Spark reads: local, HDFS, S3 (s3a://)
    through your Hadoop configuration. OUTPUT (a directory, on any of them) gets the tables articles,
    facts (with their evidence), events and rejects; load them with `hoptac ingest --parquet OUTPUT`.
    Records that cannot be read or extracted go to rejects; they never fail the job.
    """
    from hoptac.scale.spark import SparkUnavailable, run, spark_session

    try:
        from pyspark.sql import SparkSession

        created = SparkSession.getActiveSession() is None
        session = spark_session(master)
    except (ImportError, SparkUnavailable) as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        summary = run(session, inputs, output, partitions=partitions, overwrite=overwrite)
    except FileExistsError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if created:  # a session of the caller's (a test, a notebook) is theirs to stop
            session.stop()
    counted = ", ".join(f"{n} {name}{'s' * (n != 1)}" for n, name in (
        (summary.files, "file"), (summary.partitions, "partition"), (summary.articles, "article"),
        (summary.facts, "fact"), (summary.events, "event")))
    click.echo(f"hoptac: {counted}, {summary.rejects} rejected ({output})", err=True)


def load_parquet(kb: KnowledgeBase, directory: str | Path, *, batch_size: int = 200,
                 summary: IngestSummary | None = None,
                 on_progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Load the output of `hoptac spark extract` into the knowledge base (what `hoptac ingest --parquet DIR`
    runs): the same merge and idempotence as ingesting the input. Errors a user can fix are ClickExceptions."""
    from hoptac.scale.parquet import NotAnOutput, load

    try:
        return load(kb, directory, batch_size=batch_size, summary=summary, on_progress=on_progress)
    except ImportError as exc:
        raise click.ClickException(f"reading Parquet needs pyarrow: pip install 'hoptac[parquet]' ({exc})") from exc
    except NotAnOutput as exc:
        raise click.ClickException(str(exc)) from exc
