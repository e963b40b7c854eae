"""The Spark job in local mode (local[2]) against `hoptac extract` on the same input, and its Parquet output
loaded into the knowledge base (on SQLite and PostgreSQL) against `hoptac ingest` of the same input.

The input is made here from the bundled sample articles: a JSON Lines file (with bad lines, an article
without id and blank lines), and in a subdirectory a web archive wrapping some of them in HTML, next to
a broken archive. One Spark session serves the module. Without PySpark or Java these tests fail (they
are never skipped): `make test` installs both.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from html import escape
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from hoptac import default_pipeline, ingest
from hoptac.cli import main as hoptac_command
from hoptac.ingest import ReadError
from hoptac.kb import KnowledgeBase
from hoptac.kb.export import export
from hoptac.scale import rows
from hoptac.scale.cli import load_parquet
from hoptac.scale.cli import spark as spark_command
from hoptac.scale.parquet import Extracted, NotAnOutput, read_output
from hoptac.scale.spark import SparkUnavailable, Unit, jsonl_units, run, spark_session
from hoptac.testing import new_database

SPARK_CONFIG = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    "spark.driver.memory": "1g",
}
WARC_ARTICLES = 6  # sample articles also served as web pages in the archive


@pytest.fixture(scope="module")
def spark():
    try:
        session = spark_session("local[2]", SPARK_CONFIG, app_name="hoptac tests")
    except SparkUnavailable as exc:
        pytest.fail(f"{exc}. `make test` installs PySpark (the test extra) and Java 17 (openjdk-17-jre-headless).")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def page(article: dict) -> str:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in article["text"].split("\n") if p.strip())
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{escape(article["title"])}</title>'
            f'<meta property="article:published_time" content="{article["published"]}T08:00:00+07:00"></head>'
            f'<body><nav><a href="/">Trang chủ</a></nav><article><h1>{escape(article["title"])}</h1>{paragraphs}'
            f"</article><footer>Bản quyền thuộc về báo.</footer></body></html>")


def warc_bytes(records: list[tuple[str, str, str]]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, content_type, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode("utf-8")),
                                                      http_headers=headers))
    return buffer.getvalue()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, samples) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    lines = []
    for number, article in enumerate(samples):
        lines.append(json.dumps({k: article[k] for k in ("id", "title", "published", "url", "source", "text")},
                                ensure_ascii=False))
        if number == 2:
            lines += ["this line is not JSON", "", '{"id": "no-text", "text": "  "}']
        if number == 9:  # no id (the reader names it after the line) and a date that is not one
            lines.append(json.dumps({"text": article["text"], "published": "hôm qua"}, ensure_ascii=False))
        if number == 30:
            lines.append("   ")
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    crawl = folder / "crawl"
    crawl.mkdir()
    served = [(f"https://bao.example.vn/{a['id']}", "text/html; charset=utf-8", page(a))
              for a in samples[:WARC_ARTICLES]]
    (crawl / "pages.warc.gz").write_bytes(warc_bytes([
        *served[:3], ("https://bao.example.vn/logo.png", "image/png", "PNG"),
        ("https://bao.example.vn/menu", "text/html", "<html><body><nav>Menu</nav></body></html>"), *served[3:],
    ]))
    (crawl / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08 not an archive")
    return folder


@pytest.fixture(scope="module")
def job(spark, corpus, tmp_path_factory):
    """The job's output over the corpus, the JSON Lines split in small pieces so that lines are numbered
    across splits and partitions."""
    output = tmp_path_factory.mktemp("spark") / "out"
    summary = run(spark, [str(corpus)], str(output), partitions=4, split_bytes=16 * 1024)
    return output, summary


@pytest.fixture(scope="module")
def hoptac_extract(corpus, tmp_path_factory) -> list[dict]:
    """What `hoptac extract` writes for the corpus, line by line."""
    out = tmp_path_factory.mktemp("extract") / "facts.jsonl"
    result = CliRunner().invoke(hoptac_command, ["extract", str(corpus), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 1  # the bad records
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def output_facts(output: Path) -> list[dict]:
    return [json.loads(item.facts.to_json()) for item in read_output(output) if isinstance(item, Extracted)]


# -- the job ----------------------------------------------------------------------------------------------
def test_the_job_extracts_exactly_what_hoptac_extract_does(job, hoptac_extract, samples):
    output, summary = job
    spark_facts = output_facts(output)
    assert [f["id"] for f in spark_facts] == [f["id"] for f in hoptac_extract]  # the same articles, in order
    for ours, theirs in zip(spark_facts, hoptac_extract, strict=True):
        assert ours == theirs, ours["id"]
    ids = {f["id"] for f in spark_facts}
    assert {a["id"] for a in samples} <= ids and "articles-14" in ids
    assert {f"https://bao.example.vn/{a['id']}" for a in samples[:WARC_ARTICLES]} <= ids
    assert summary.articles == len(samples) + 1 + WARC_ARTICLES
    assert summary.facts > 1000 and summary.events > 100
    # the JSON Lines file read in pieces of 16 kB, the archives' pages spread over four ranges of records
    assert summary.partitions > 4 + 10
    assert len(list((output / "articles").glob("part-*.parquet"))) > 10


def test_bad_records_are_rejected_with_the_reasons_hoptac_gives_and_the_job_goes_on(job, corpus):
    output, summary = job
    rejected = [(item.origin, item.reason) for item in read_output(output) if isinstance(item, ReadError)]
    expected = [(item.origin, item.reason) for item in ingest.read([corpus]) if isinstance(item, ReadError)]
    assert rejected == expected
    reasons = " | ".join(reason for _, reason in rejected)
    assert "not JSON" in reasons and "no text" in reasons and "not a readable WARC archive" in reasons
    assert summary.rejects == len(rejected) == 4
    table = pq.read_table(output / "rejects").to_pylist()
    assert {r["stage"] for r in table} == {"read"} and all(r["origin"] for r in table)


def test_the_tables_have_evidence_and_typed_events(job):
    output, _ = job
    facts = pq.read_table(output / "facts")
    assert set(facts.column("kind").to_pylist()) == set(rows.FACT_KINDS)
    assert all(row for row in facts.column("evidence").to_pylist())
    events = pq.read_table(output / "events")
    assert events.schema.field("date").type == pa.date32()
    assert set(events.column("type").to_pylist()) >= {"meeting", "signing"}
    articles = pq.read_table(output / "articles")
    assert articles.column("record").to_pylist() == sorted(articles.column("record").to_pylist())
    warned = [r for r in articles.to_pylist() if r["warnings"]]
    assert [r["id"] for r in warned] == ["articles-14"] and "not a date" in warned[0]["warnings"][0]


def test_lines_are_numbered_across_splits():
    # two splits of one file, met in the wrong order within a partition: numbers run on from split to split
    files = {"f": rows_file()}
    starts = {("f", 0): 0, ("f", 100): 3}
    units = list(jsonl_units([("f", 100, b'{"text": "d"}'), ("f", 0, b'{"text": "a"}'), ("f", 0, b""),
                              ("f", 100, b"  "), ("f", 0, b'{"text": "c"}'), ("f", 100, b'{"text": "f"}')],
                             starts, files))
    assert [(u.origin, u.article_id) for u in units] == [("/d/a.jsonl:4", "a-4"), ("/d/a.jsonl:1", "a-1"),
                                                         ("/d/a.jsonl:3", "a-3"), ("/d/a.jsonl:6", "a-6")]
    assert [u.record for u in units] == [rows.record_number(7, n) for n in (4, 1, 3, 6)]


def rows_file():
    from hoptac.scale.spark import InputFile

    return InputFile(number=7, path="file:/d/a.jsonl", origin="/d/a.jsonl", size=100, format="jsonl")


def test_a_unit_reads_as_the_readers_do():
    assert Unit(1, "error", "x.warc", "no HTML pages in the archive").item() == ReadError(
        "x.warc", "no HTML pages in the archive")
    article = Unit(2, "txt", "/d/a.txt", "Hai bên ký kết.".encode(), "a").item()
    assert article.id == "a" and article.text == "Hai bên ký kết."


def test_the_command_line(spark, corpus, tmp_path):
    output = tmp_path / "out"
    arguments = ["extract", str(corpus / "articles.jsonl"), str(output), "--master", "local[2]", "--partitions", "3"]
    result = CliRunner().invoke(spark_command, arguments)
    assert result.exit_code == 0, result.output
    assert "2 rejected" in result.output and {p.name for p in output.iterdir()} == {"articles", "facts", "events",
                                                                                     "rejects"}
    again = CliRunner().invoke(spark_command, arguments)
    assert again.exit_code == 1 and "--overwrite" in again.output
    assert CliRunner().invoke(spark_command, [*arguments, "--overwrite"]).exit_code == 0
    assert spark.sparkContext._jsc is not None  # the caller's session was left running


def test_spark_submit_runs_the_job_file(corpus, samples, tmp_path):
    import pyspark

    import hoptac.scale.spark as job_module

    submit = Path(pyspark.__file__).parent / "bin" / "spark-submit"
    output = tmp_path / "out"
    environment = {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable}
    done = subprocess.run([str(submit), "--master", "local[1]", "--conf", "spark.ui.enabled=false",
                           job_module.__file__, str(corpus / "articles.jsonl"), str(output)],
                          capture_output=True, text=True, env=environment, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "articles" in done.stderr and len(output_facts(output)) == len(samples) + 1


# -- the Parquet layout, without Spark --------------------------------------------------------------------
def test_rows_give_back_the_same_facts(samples):
    for article in samples:
        facts = default_pipeline().extract(article["text"], published=article["published"], id=article["id"],
                                           title=article["title"])
        back = rows.article_facts(rows.as_dicts(rows.ARTICLE_COLUMNS, [rows.article_row(1, "o", "h", facts, [])])[0],
                                  rows.as_dicts(rows.FACT_COLUMNS, rows.fact_rows(1, facts)),
                                  rows.as_dicts(rows.EVENT_COLUMNS, rows.event_rows(1, facts)))
        assert back.to_dict() == facts.to_dict()


def test_an_unsorted_or_partial_output_is_refused(job, tmp_path):
    output, _ = job
    for table in ("facts", "events", "rejects"):
        (tmp_path / table).symlink_to(output / table)
    with pytest.raises(NotAnOutput, match="no articles table"):
        list(read_output(tmp_path))
    (tmp_path / "articles").mkdir()
    shuffled = pq.read_table(output / "articles").to_pylist()[::-1]
    pq.write_table(pa.Table.from_pylist(shuffled), tmp_path / "articles" / "part-00000.parquet")
    with pytest.raises(NotAnOutput, match="not sorted"):
        list(read_output(tmp_path))


# -- into the knowledge base ------------------------------------------------------------------------------
@pytest.fixture
def reference_url(request, db_url, tmp_path):
    """A second empty database of the same kind as `db_url`."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'reference.db'}"
        return
    with new_database(request.getfixturevalue("postgres_server")) as url:
        yield url


def exported(kb: KnowledgeBase, folder: Path) -> dict[str, list[dict]]:
    return {path.stem: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            for path in export(kb.engine, folder, "jsonl")}


def test_loading_the_output_equals_ingesting_the_input_and_is_idempotent(job, corpus, db_url, reference_url,
                                                                         tmp_path):
    output, summary = job
    kb = KnowledgeBase(db_url)
    if not db_url.startswith("sqlite"):
        kb.upgrade()
    loaded = load_parquet(kb, output)
    assert (loaded.read, loaded.new, loaded.failed) == (summary.articles + summary.rejects, summary.articles,
                                                        summary.rejects)
    reference = KnowledgeBase(reference_url)
    if not reference_url.startswith("sqlite"):
        reference.upgrade()
    ingested = reference.ingest([corpus])
    assert loaded.to_dict() == ingested.to_dict() and loaded.errors == ingested.errors
    tables = exported(kb, tmp_path / "loaded")
    assert tables == exported(reference, tmp_path / "ingested")
    assert len(tables["partnerships"]) > 10 and len(tables["people"]) > 50
    assert kb.partnerships() == reference.partnerships()

    again = load_parquet(kb, output)
    assert (again.new, again.replaced, again.unchanged) == (0, 0, summary.articles)
    assert exported(kb, tmp_path / "again") == tables
    fresh = KnowledgeBase(db_url)  # a new process: what is stored is known from the database
    assert load_parquet(fresh, output).unchanged == summary.articles
    assert exported(fresh, tmp_path / "fresh") == tables
    for base in (kb, reference, fresh):
        base.close()


def test_loading_a_changed_article_replaces_its_facts(job, tmp_path):
    output, _ = job
    kb = KnowledgeBase(f"sqlite:///{tmp_path / 'kb.db'}")
    load_parquet(kb, output)
    edited = tmp_path / "edited"
    for table in ("facts", "events", "rejects"):
        (edited / table).mkdir(parents=True)
        for part in (output / table).glob("*.parquet"):
            (edited / table / part.name).symlink_to(part)
    articles = pq.read_table(output / "articles").to_pylist()
    articles[0]["title"] = "Tiêu đề mới Quýzzy"
    articles[0]["content_hash"] = "changed"
    (edited / "articles").mkdir()
    pq.write_table(pa.Table.from_pylist(articles, schema=pq.read_schema(next((output / "articles").glob("*.parquet")))),
                   edited / "articles" / "part-00000.parquet")
    summary = load_parquet(kb, edited)
    assert (summary.new, summary.replaced, summary.unchanged) == (0, 1, len(articles) - 1)
    assert [hit.article for hit in kb.search("quyzzy")] == [articles[0]["id"]]
    kb.close()


def test_hoptac_ingest_parquet_loads_the_output(job, tmp_path):
    output, summary = job
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(hoptac_command, ["ingest", "--parquet", str(output), "--db", url])
    assert result.exit_code == 1, result.output  # the job's rejects count as failed, as in `hoptac ingest`
    assert f"new {summary.articles}," in result.output and f"failed {summary.rejects}" in result.output
    again = CliRunner().invoke(hoptac_command, ["ingest", "--parquet", str(output), "--db", url])
    assert f"new 0, replaced 0, unchanged {summary.articles}," in again.output
    missing = CliRunner().invoke(hoptac_command, ["ingest", "--parquet", str(tmp_path), "--db", url])
    assert missing.exit_code == 1 and "output of hoptac spark extract" in missing.output
    assert "nothing to ingest" in CliRunner().invoke(hoptac_command, ["ingest", "--db", url]).output
    assert "spark" in CliRunner().invoke(hoptac_command, ["--help"]).output
