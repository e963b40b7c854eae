"""The extraction as an Apache Spark job: input from any path Spark reads, Parquet out.

    hoptac spark extract INPUT... OUTPUT [--master URL] [--partitions N]
    spark-submit [options] .../hoptac/scale/spark.py INPUT... OUTPUT [--partitions N]

INPUT is what `hoptac extract` reads (a file, a directory read recursively, or a glob), on any file
system of the user's Hadoop configuration (local, HDFS, S3 through s3a://...). JSON Lines files are
read line by line with Spark's text source, so one big file is split over the workers; every other
file (web archives, pages, .json, .txt) is read whole, and the pages of an archive are spread over
the workers before trafilatura reads them. Every record is read by the readers of `hoptac.ingest` and
extracted by `hoptac.batch.extract_all`, the code of `hoptac extract`, with the pipeline built once per
worker process: the facts are exactly those of `hoptac extract`.

OUTPUT gets four Parquet tables (see `hoptac.scale.rows`): articles, facts, events and rejects, each
sorted by `record` (the order in which `hoptac extract` reads the input). A record that cannot be read
or extracted is a row of `rejects`, never a failed job. Load the tables into the knowledge base with
`hoptac ingest --parquet OUTPUT` (`hoptac.scale.parquet`).

Needs `pip install 'hoptac[spark]'` and Java 17; the executors need hoptac installed (or shipped as
a packed environment with `--archives`).
"""

from __future__ import annotations

import io
import math
import os
import shutil
import sys
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import unquote

from hoptac.ingest.files import (
    Item,
    ReadError,
    file_format,
    listed_in_directory,
    no_lines,
    read_json,
    read_jsonl_line,
    read_text,
)
from hoptac.scale.rows import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    FACT_COLUMNS,
    POSITION_BITS,
    REJECT_COLUMNS,
    Row,
    article_row,
    event_rows,
    fact_rows,
    record_number,
    reject_row,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

TABLES = ("articles", "facts", "events", "rejects")
PARTITIONS_PER_CORE = 3  # enough tasks per core to even out articles of different lengths
MIN_SPLIT_BYTES = 1024 * 1024  # a smaller piece of JSON Lines costs more in task overhead than it spreads
EPOCH = date(1970, 1, 1).toordinal()
GLOB_CHARACTERS = frozenset("*?[{")
# In local mode the driver's JVM only hands lines to the Python workers and writes Parquet. Its optimising
# compiler (C2) and parallel garbage collector cost more CPU in a job of minutes than they save, taken from
# the cores the workers extract on: measured on 16,000 articles, the JVM used 12.5 s of CPU with Java's
# defaults and 5.9 s with these. Executors on a cluster keep their administrator's settings.
LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


class SparkUnavailable(RuntimeError):
    """PySpark or Java is missing."""


def require_spark() -> None:
    """Raise SparkUnavailable, saying what to install, when PySpark or Java is missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise SparkUnavailable("PySpark is not installed: pip install 'hoptac[spark]'") from exc
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and os.access(os.path.join(java_home, "bin", "java"), os.X_OK)) and not shutil.which("java"):
        raise SparkUnavailable("Java is not installed (Spark needs Java 17: apt-get install openjdk-17-jre-headless)")


def spark_session(master: str | None = None, config: dict[str, str] | None = None,
                  app_name: str = "hoptac extract") -> SparkSession:
    """A Spark session: the one spark-submit configured, or a new one on `master` (default local[*])."""
    require_spark()
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    # spark-submit passes its settings (the master among them) to this process through SparkConf.
    resolved = master or SparkConf().get("spark.master", "local[*]")
    if resolved.startswith("local") and "PYSPARK_PYTHON" not in os.environ:
        # Local workers run this interpreter, the one with hoptac installed (Spark's default is python3).
        os.environ["PYSPARK_PYTHON"] = sys.executable
    config = dict(config or {})
    if resolved.startswith("local") and not SparkConf().contains("spark.driver.extraJavaOptions"):
        config.setdefault("spark.driver.extraJavaOptions", LOCAL_JAVA_OPTIONS)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    for key, value in config.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


# -- the input: files listed on the driver, in the order of `hoptac.ingest.read` -----------------------------
@dataclass(frozen=True, slots=True)
class InputFile:
    number: int  # its place in the reading order
    path: str  # as Hadoop names it: file:/data/a.jsonl, hdfs://nn/crawl/x.warc.gz
    origin: str  # as hoptac's messages name it: /data/a.jsonl for a local file, else the URI
    size: int
    format: str  # hoptac.ingest.files.file_format

    @property
    def stem(self) -> str:
        return PurePosixPath(self.origin).stem


@dataclass(slots=True)
class InputPlan:
    files: list[InputFile] = field(default_factory=list)
    rejects: list[Row] = field(default_factory=list)  # inputs that cannot be read at all
    slots: int = 0  # numbers given so far, to files and to rejected inputs alike

    def take_number(self) -> int:
        self.slots += 1
        return self.slots - 1

    def reject(self, origin: str, reason: str) -> None:
        self.rejects.append(reject_row(record_number(self.take_number(), 0), origin, "read", reason))


def plan_inputs(spark: SparkSession, inputs: Iterable[str]) -> InputPlan:
    """The files to read, with Hadoop's file systems, in the order `hoptac extract` reads them: paths in
    the order given, a directory's files by name before its subdirectories', recursively."""
    sc = spark.sparkContext
    # PySpark has no public file-system API: Hadoop's, through the JVM, honours the user's configuration.
    jvm, conf = sc._jvm, sc._jsc.hadoopConfiguration()
    plan = InputPlan()

    def origin_of(path) -> str:
        uri = path.toUri()
        return uri.getPath() if uri.getScheme() == "file" else path.toString()

    def add_file(status) -> None:
        path = status.getPath()
        name = path.getName()
        if name.startswith(("_", ".")):
            # Spark's file sources skip such files even when named one by one (Hadoop's "hidden" files).
            plan.reject(origin_of(path), "not read by Spark: its file name starts with '_' or '.' (rename it)")
            return
        plan.files.append(InputFile(plan.take_number(), path.toString(), origin_of(path), status.getLen(),
                                    file_format(name)))

    def walk(fs, directory) -> int:
        children = sorted(fs.listStatus(directory.getPath()), key=lambda s: s.getPath().getName())
        found = 0
        for status in children:
            if status.isFile() and listed_in_directory(status.getPath().getName()):
                add_file(status)
                found += 1
        for status in children:
            if status.isDirectory():
                found += walk(fs, status)
        return found

    for raw in inputs:
        if raw == "-":
            plan.reject("<stdin>", "standard input cannot be read by a Spark job")
            continue
        path = jvm.org.apache.hadoop.fs.Path(raw)
        fs = path.getFileSystem(conf)
        if GLOB_CHARACTERS & set(raw):
            statuses = list(fs.globStatus(path) or [])
        else:
            statuses = [fs.getFileStatus(path)] if fs.exists(path) else []
        if not statuses:
            plan.reject(raw, "no such file or directory")
        for status in statuses:
            if status.isDirectory():
                if not walk(fs, status):
                    plan.reject(origin_of(status.getPath()), "nothing readable (no .txt, .json, .jsonl, .html or "
                                                             ".warc file in the directory)")
            else:
                add_file(status)
    return plan


# -- units: what a worker reads into one article -------------------------------------------------------------
class Unit(NamedTuple):
    """One record of the input before it is read: a JSON Lines line, an archive's page, a whole file,
    or an error. Small and picklable, so that units can be spread over the workers."""

    record: int
    kind: str  # "jsonl", "html", "json", "txt" or "error"
    origin: str
    payload: bytes | str  # the bytes to read; the reason of an error
    article_id: str = ""  # the id when the record gives none
    url: str | None = None
    crawled: str | None = None

    def item(self) -> Item:
        if self.kind == "jsonl":
            item = read_jsonl_line(self.payload, self.origin, self.article_id)
            assert item is not None, "blank lines are not units"
            return item
        if self.kind == "json":
            return read_json(self.payload, self.origin, self.article_id)
        if self.kind == "txt":
            return read_text(self.payload, self.origin, self.article_id)
        if self.kind == "html":
            from hoptac.ingest.web import article_from_html

            return article_from_html(self.payload, self.origin, self.article_id, url=self.url,
                                     fallback_date=self.crawled)
        return ReadError(self.origin, str(self.payload))


def jsonl_units(rows: Iterable[Any], starts: dict[tuple[str, int], int],
                files: dict[str, InputFile]) -> Iterator[Unit]:
    """Units of the lines of one partition. `rows` are (file, block start, line) in file order within
    each split; `starts` gives the number of lines before each split, so each line gets its number."""
    numbers: dict[tuple[str, int], int] = {}
    for spark_path, block, raw in rows:
        key = (spark_path, block)
        number = numbers.get(key, starts[key]) + 1
        numbers[key] = number
        if not raw.strip():
            continue  # counted, not read: as hoptac.ingest.files.read_jsonl
        source = files[spark_path]
        yield Unit(record_number(source.number, number), "jsonl", f"{source.origin}:{number}", bytes(raw),
                   f"{source.stem}-{number}")


def file_units(path: str, data: bytes, files: dict[str, InputFile]) -> Iterator[Unit]:
    """Units of one whole file: an archive's pages one by one, any other file as one unit."""
    source = files.get(path) or files[unquote(path)]
    if source.format != "warc":
        yield Unit(record_number(source.number, 1), source.format, source.origin, data, source.stem)
        return
    from hoptac.ingest.web import WarcPage, warc_pages

    for position, page in enumerate(warc_pages(io.BytesIO(data), source.origin), 1):
        record = record_number(source.number, position)
        if isinstance(page, WarcPage):
            yield Unit(record, "html", page.origin, page.html, page.url or page.origin, page.url, page.crawled)
        else:
            yield Unit(record, "error", page.origin, page.reason)


def days_since_epoch(day: date | None) -> int | None:
    """A date as Spark stores it. Python hands Spark rows without dates faster: PySpark converts every
    nested value of a row, one by one, as soon as any field of it is a date."""
    return None if day is None else day.toordinal() - EPOCH


def extract_units(units: Iterable[Unit]) -> Iterator[Row]:
    """Read and extract the units of one partition: rows of the job's one wide table (record, article,
    facts, events, reject). `extract_all` is the code of `hoptac extract`; its pipeline is built once per
    worker process and kept there (Spark reuses its Python workers from task to task)."""
    from hoptac.batch import extract_all
    from hoptac.kb.store import content_hash

    records: deque[int] = deque()

    def items() -> Iterator[Item]:
        for unit in units:
            records.append(unit.record)
            yield unit.item()

    for outcome in extract_all(items(), keep_facts=True):
        record = records.popleft()  # one outcome per item, in order
        if outcome.error or outcome.facts is None or outcome.article is None:
            stage = "read" if outcome.article is None else "extract"
            yield (record, None, [], [], reject_row(record, outcome.origin, stage, outcome.error or "no facts"))
            continue
        facts = outcome.facts
        yield (record, article_row(record, outcome.origin, content_hash(outcome.article), facts,
                                   list(outcome.warnings), days_since_epoch),
               fact_rows(record, facts), event_rows(record, facts, days_since_epoch), None)


# -- the schema -------------------------------------------------------------------------------------------
def schemas() -> dict[str, StructType]:
    """The Spark schema of each table, and of "wide", the one table the workers write (its dates are
    day numbers, made dates again when the tables are written)."""
    from pyspark.sql.types import (
        ArrayType,
        DataType,
        DateType,
        IntegerType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    def struct(*fields: tuple[str, Any]) -> StructType:
        return StructType([StructField(name, kind, nullable=True) for name, kind in fields])

    evidence = ArrayType(struct(("sentence", IntegerType()), ("start", IntegerType()), ("end", IntegerType())))
    strings = ArrayType(StringType())

    def tables(day: DataType) -> dict[str, StructType]:
        return {
            "articles": struct(("record", LongType()), ("origin", StringType()), ("id", StringType()),
                               ("title", StringType()), ("published", day), ("url", StringType()),
                               ("source", StringType()), ("content_hash", StringType()), ("text", StringType()),
                               ("sentences", ArrayType(struct(("start", IntegerType()), ("end", IntegerType())))),
                               ("warnings", strings)),
            "facts": struct(("record", LongType()), ("article_id", StringType()), ("kind", StringType()),
                            ("position", IntegerType()), ("payload", StringType()), ("evidence", evidence)),
            "events": struct(("record", LongType()), ("article_id", StringType()), ("position", IntegerType()),
                             ("type", StringType()), ("parties", strings), ("participants", strings),
                             ("date", day), ("realis", StringType()), ("trigger", StringType()),
                             ("evidence", evidence)),
            "rejects": struct(("record", LongType()), ("origin", StringType()), ("stage", StringType()),
                              ("reason", StringType())),
        }

    out = tables(DateType())
    for name, columns in zip(TABLES, (ARTICLE_COLUMNS, FACT_COLUMNS, EVENT_COLUMNS, REJECT_COLUMNS), strict=True):
        assert tuple(out[name].names) == columns, f"the {name} schema must follow hoptac.scale.rows"
    class InternalRows(StructType):
        """The workers' rows are in Spark's internal form already (tuples, lists, dates as day numbers):
        PySpark need not walk every nested value of each to convert it."""

        def toInternal(self, obj: Any) -> Any:
            return obj

        @classmethod
        def typeName(cls) -> str:  # the name in the schema's JSON, which the JVM reads
            return "struct"

    rows = tables(IntegerType())
    out["wide"] = InternalRows([StructField("record", LongType()), StructField("article", rows["articles"]),
                                StructField("facts", ArrayType(rows["facts"])),
                                StructField("events", ArrayType(rows["events"])),
                                StructField("reject", rows["rejects"])])
    return out


# -- the job ----------------------------------------------------------------------------------------------
@dataclass(slots=True)
class JobSummary:
    files: int = 0
    partitions: int = 0  # tasks that extracted, each a range of records
    articles: int = 0
    facts: int = 0
    events: int = 0
    rejects: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"files": self.files, "partitions": self.partitions, "articles": self.articles, "facts": self.facts,
                "events": self.events, "rejects": self.rejects}


@contextmanager
def _sql_conf(spark: SparkSession, settings: dict[str, str]) -> Iterator[None]:
    old = {key: spark.conf.get(key, None) for key in settings}
    for key, value in settings.items():
        spark.conf.set(key, value)
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                spark.conf.unset(key)
            else:
                spark.conf.set(key, value)


def _jsonl_results(spark: SparkSession, plan: InputPlan, jsonl: list[InputFile], partitions: int,
                   split_bytes: int | None):
    """The wide rows of the JSON Lines files: read line by line by Spark's text source in pieces of
    about 1/`partitions` of their bytes, each piece one task that numbers its lines, reads and extracts
    them in one pass (no shuffle: a piece is a range of records, in order)."""
    from pyspark.sql import functions as F

    total = sum(f.size for f in jsonl)
    split_bytes = split_bytes or max(MIN_SPLIT_BYTES, math.ceil(total / partitions))
    # An opening cost above the split size keeps Spark from packing several pieces into one task.
    settings = {"spark.sql.files.maxPartitionBytes": str(split_bytes),
                "spark.sql.files.openCostInBytes": str(split_bytes + 1)}
    with _sql_conf(spark, settings):
        # lineSep "\n": lines as Python reads a file's lines; the bytes as they are, for the same UTF-8 errors.
        lines = (spark.read.option("lineSep", "\n").text([f.path for f in jsonl])
                 .select(F.col("_metadata.file_path").alias("file"), F.col("_metadata.file_block_start").alias("block"),
                         F.col("value")))
        # Is a line not blank? The regex reads its beginning only, unless that is all blank.
        filled = F.when(F.substring("value", 1, 64).rlike(r"\S"), True).otherwise(F.col("value").rlike(r"\S"))
        # A first pass, in the JVM, counts the lines of each piece: the line numbers of the second.
        splits = (lines.groupBy("file", "block")
                  .agg(F.count(F.lit(1)).alias("lines"), F.max(filled).alias("filled")).collect())
        rows = lines.select("file", "block", F.col("value").cast("binary")).rdd  # the pieces are fixed here
    by_path = {f.path: f for f in jsonl}
    files = {split.file: by_path.get(split.file) or by_path[unquote(split.file)] for split in splits}
    starts: dict[tuple[str, int], int] = {}
    lines_in: dict[str, int] = {}
    filled_files: set[int] = set()
    for split in sorted(splits, key=lambda s: (s.file, s.block)):
        starts[(split.file, split.block)] = lines_in.get(split.file, 0)
        lines_in[split.file] = lines_in.get(split.file, 0) + split.lines
        if split.filled:
            filled_files.add(files[split.file].number)
    for source in jsonl:
        if source.number not in filled_files:
            error = no_lines(source.origin)
            plan.rejects.append(reject_row(record_number(source.number, 0), error.origin, "read", error.reason))
    return rows.mapPartitions(lambda part: extract_units(jsonl_units(part, starts, files)))


def _whole_file_results(spark: SparkSession, whole: list[InputFile], partitions: int):
    """The wide rows of every other file. Each file is read whole by one task into units (an archive's
    pages one by one), which are kept, counted, and spread over `partitions` ranges of records."""
    from pyspark import StorageLevel

    files = {f.path: f for f in whole}
    contents = spark.sparkContext.binaryFiles(",".join(f.path for f in whole),
                                              minPartitions=min(len(whole), partitions))
    units = contents.flatMap(lambda pair: file_units(pair[0], pair[1], files)).persist(StorageLevel.MEMORY_AND_DISK)
    sizes = dict(units.map(lambda unit: unit.record >> POSITION_BITS).countByValue())
    bounds = range_bounds(sizes, partitions)
    ranged = (units.map(lambda unit: (unit.record, unit))
              .repartitionAndSortWithinPartitions(partitions, lambda record: bisect_right(bounds, record)))
    return ranged.values().mapPartitions(extract_units), units


def range_bounds(sizes: dict[int, int], partitions: int) -> list[int]:
    """Records that cut the input into `partitions` ranges of about as many records each. `sizes` gives
    the records of each file (by number): a file's records are numbered from 1 on."""
    total = sum(sizes.values())
    bounds: list[int] = []
    before = 0
    for number in sorted(sizes):
        size = sizes[number]
        while len(bounds) < partitions - 1 and (len(bounds) + 1) * total / partitions < before + size:
            cut = math.ceil((len(bounds) + 1) * total / partitions - before)
            bounds.append(record_number(number, max(1, cut)))
        before += size
    return bounds


def run(spark: SparkSession, inputs: Iterable[str], output: str, *, partitions: int | None = None,
        overwrite: bool = False, split_bytes: int | None = None) -> JobSummary:
    """Extract every article of `inputs` and write the tables to `output` (see the module's docstring).
    `partitions` (default: three per core of the cluster) is how many tasks share the extraction: JSON
    Lines files are read in that many pieces (at least one a file, and at most `split_bytes` each), the
    records of other files spread over that many ranges."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    sc = spark.sparkContext
    partitions = partitions or PARTITIONS_PER_CORE * sc.defaultParallelism
    target = sc._jvm.org.apache.hadoop.fs.Path(output)
    if not overwrite and target.getFileSystem(sc._jsc.hadoopConfiguration()).exists(target):
        raise FileExistsError(f"{output} exists (overwrite it with --overwrite)")
    plan = plan_inputs(spark, list(inputs))
    jsonl = [f for f in plan.files if f.format == "jsonl"]
    whole = [f for f in plan.files if f.format != "jsonl"]
    results, kept = [], None
    if jsonl:
        results.append(_jsonl_results(spark, plan, jsonl, partitions, split_bytes))
    if whole:
        ranged, kept = _whole_file_results(spark, whole, partitions)
        results.append(ranged)
    # Inputs that cannot be read at all are rejected by the workers too, each a range of its own.
    errors = [Unit(record, "error", origin, reason) for record, origin, _, reason in plan.rejects]
    if errors or not results:
        results.append(sc.parallelize(errors, max(1, len(errors))).mapPartitions(extract_units))
    # Every partition is a range of records, in order, and the ranges do not overlap: each table's files,
    # taken by their first record, are the table sorted, with no sort of it.
    rdd = sc.union(results) if len(results) > 1 else results[0]
    wide = spark.createDataFrame(rdd, schemas()["wide"], verifySchema=False)
    # One pass of the workers makes all four tables: it is kept, and each table is a projection of it. The
    # first write runs that pass (its Parquet encoding beside the workers); the others read what was kept.
    wide = wide.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        tables: dict[str, DataFrame] = {
            "articles": wide.where(F.col("article").isNotNull()).select("article.*")
            .withColumn("published", F.date_from_unix_date("published")),
            "facts": wide.select(F.explode("facts").alias("fact")).select("fact.*"),
            "events": wide.select(F.explode("events").alias("event")).select("event.*")
            .withColumn("date", F.date_from_unix_date("date")),
            "rejects": wide.where(F.col("reject").isNotNull()).select("reject.*"),
        }
        for name, table in tables.items():
            table.write.mode("overwrite" if overwrite else "errorifexists").parquet(f"{output.rstrip('/')}/{name}")
            if kept is not None:
                kept.unpersist()
                kept = None
        counts = wide.agg(F.count("article").alias("articles"), F.sum(F.size("facts")).alias("facts"),
                          F.sum(F.size("events")).alias("events"), F.count("reject").alias("rejects")).first()
    finally:
        wide.unpersist()
        if kept is not None:
            kept.unpersist()
    return JobSummary(files=len(plan.files), partitions=rdd.getNumPartitions(), articles=counts["articles"],
                      facts=counts["facts"] or 0, events=counts["events"] or 0, rejects=counts["rejects"])


if __name__ == "__main__":  # spark-submit .../hoptac/scale/spark.py INPUT... OUTPUT [--partitions N]
    # Run the package's module, not this file's copy of it, so that the workers import the same names.
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    from hoptac.scale.cli import extract_command

    extract_command.main(prog_name="spark.py")
