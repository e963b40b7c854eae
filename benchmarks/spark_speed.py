"""Speed of the Spark job (hoptac.scale.spark) in local mode, against the single-process extractor
measured in the same run.

    python benchmarks/spark_speed.py [--articles 20000] [--repeat 1] [--partitions-per-core 3]

Builds a JSON Lines corpus of --articles articles, variants of the bundled samples (each with its own
id and title, its publication date moved by up to 60 days and its paragraphs rotated, so that no two are
the same), then measures on the same file:
- single process: what `hoptac extract corpus.jsonl -o facts.jsonl` does (hoptac.ingest.read,
  hoptac.batch.extract_all, one JSON line per article), pinned to one core;
- the Spark job with local[1] and with local[2], from the file to the four Parquet tables, each run in
  a new process (a cold JVM, as `hoptac spark extract` runs) pinned to as many cores (the JVM and the
  Python workers included).
Each is run --repeat times and the fastest run counts (this machine's other work only slows runs down).
A job's time is from the session's start to the last table written; the start of the JVM (a few
seconds, once per job) is printed apart. Everything is measured on two corpora, half and all of
--articles: the difference between them is the cost per article, the rest the fixed cost of a job (its
first pass over the input, stages, the JVM's compiling). It prints articles/s of each, both costs, the
scaling from 1 to 2 cores, and the overhead of Spark with one core against the single process, per
article and for the whole job. Needs `pip install 'hoptac[spark]'` and Java 17.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from hoptac import ingest
from hoptac.batch import extract_all
from hoptac.scale.spark import run, spark_session

SPARK_CONFIG = {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false", "spark.driver.memory": "2g"}


def sample_articles() -> list[dict]:
    folder = resources.files("hoptac") / "samples" / "articles"
    return [json.loads(ref.read_text(encoding="utf-8"))
            for ref in sorted(folder.iterdir(), key=lambda r: r.name) if ref.name.endswith(".json")]


def write_corpus(path: Path, count: int) -> int:
    """`count` variants of the samples as JSON Lines; the number of characters of text."""
    samples = sample_articles()
    chars = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            sample = samples[number % len(samples)]
            copy = number // len(samples)
            paragraphs = sample["text"].split("\n")
            turn = copy % len(paragraphs)
            text = "\n".join(paragraphs[turn:] + paragraphs[:turn])
            published = date.fromisoformat(sample["published"]) + timedelta(days=copy % 60)
            out.write(json.dumps({"id": f"{sample['id']}-{copy}", "title": f"{sample['title']} ({copy})",
                                  "published": published.isoformat(), "source": sample.get("source"), "text": text},
                                 ensure_ascii=False) + "\n")
            chars += len(text)
    return chars


def single_process(corpus: Path, output: Path) -> tuple[float, int]:
    """Seconds and articles of `hoptac extract corpus -o output` on one core."""
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    if cores:
        os.sched_setaffinity(0, {min(cores)})
    try:
        start = time.perf_counter()
        done = 0
        with output.open("w", encoding="utf-8") as out:
            for outcome in extract_all(ingest.read([corpus]), workers=1):
                if outcome.line is not None:
                    out.write(outcome.line + "\n")
                    done += 1
        return time.perf_counter() - start, done
    finally:
        if cores:
            os.sched_setaffinity(0, cores)  # before Spark starts: its JVM inherits this


def spark_job(corpus: Path, output: Path, cores: int, partitions_per_core: int) -> dict[str, float]:
    """Seconds to start Spark, seconds of the job, and the articles it wrote (in this process)."""
    start = time.perf_counter()
    spark = spark_session(f"local[{cores}]", {**SPARK_CONFIG, "spark.sql.shuffle.partitions": str(2 * cores)},
                          app_name=f"hoptac spark_speed local[{cores}]")
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter()
    try:
        summary = run(spark, [str(corpus)], str(output), partitions=partitions_per_core * cores, overwrite=True)
    finally:
        seconds = time.perf_counter() - started
        spark.stop()
    return {"boot": started - start, "seconds": seconds, "articles": summary.articles}


def spark_job_in_new_process(corpus: Path, output: Path, cores: int, partitions_per_core: int) -> dict[str, float]:
    """One job in a new process pinned to `cores` CPUs, inherited by its JVM and Python workers: with one
    core, Spark gets what the single process gets (its JVM may not work on the other core for free)."""
    available = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    pinned = set(available[:cores]) if len(available) >= cores else None
    done = subprocess.run([sys.executable, __file__, "--job", str(corpus), str(output), str(cores),
                           str(partitions_per_core)], capture_output=True, text=True, check=False,
                          preexec_fn=(lambda: os.sched_setaffinity(0, pinned)) if pinned else None)
    if done.returncode:
        raise RuntimeError(f"the Spark job failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def best_of(repeat: int, measure) -> dict[str, float]:
    runs = [measure() for _ in range(repeat)]
    return min(runs, key=lambda r: r["seconds"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000, help="articles in the bigger corpus")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the fastest counts")
    parser.add_argument("--partitions-per-core", type=int, default=3, help="tasks per core of the Spark job")
    parser.add_argument("--job", nargs=4, metavar=("CORPUS", "OUTPUT", "CORES", "PARTITIONS_PER_CORE"),
                        help=argparse.SUPPRESS)  # one Spark run, in its own process
    args = parser.parse_args()
    if args.job:
        corpus, output, cores, per_core = args.job
        print(json.dumps(spark_job(Path(corpus), Path(output), int(cores), int(per_core))))
        return
    work = Path(tempfile.mkdtemp(prefix="hoptac-spark-speed-"))
    sizes = (args.articles // 2, args.articles)
    try:
        corpora = {}
        for size in sizes:
            corpora[size] = work / f"corpus-{size}.jsonl"
            chars = write_corpus(corpora[size], size)
        print(f"corpora: {sizes[0]} and {sizes[1]} articles ({chars:,} characters, "
              f"{corpora[sizes[1]].stat().st_size / 1e6:.1f} MB of JSON Lines in the bigger); {os.cpu_count()} "
              f"cores on this machine; best of {args.repeat} run(s) each")
        seconds: dict[str, dict[int, float]] = {"single": {}, "local[1]": {}, "local[2]": {}}
        for size, corpus in corpora.items():
            def single(corpus=corpus) -> dict[str, float]:
                spent, count = single_process(corpus, work / "facts.jsonl")
                return {"seconds": spent, "articles": count}

            base = best_of(args.repeat, single)
            assert base["articles"] == size
            seconds["single"][size] = base["seconds"]
            line = [f"{size:>6} articles: single process {size / base['seconds']:6.1f} art/s"]
            for cores in (1, 2):
                best = best_of(args.repeat, lambda corpus=corpus, cores=cores: spark_job_in_new_process(
                    corpus, work / f"spark-{cores}", cores, args.partitions_per_core))
                assert best["articles"] == size, f"Spark wrote {best['articles']} articles of {size}"
                seconds[f"local[{cores}]"][size] = best["seconds"]
                line.append(f"local[{cores}] {size / best['seconds']:6.1f} art/s (JVM start {best['boot']:.1f} s "
                            f"apart)")
            print(", ".join(line))

        small, big = sizes

        def per_article(name: str) -> float:  # ms: the slope between the two corpora
            return 1000 * (seconds[name][big] - seconds[name][small]) / (big - small)

        def fixed(name: str) -> float:  # s: what a job costs whatever its size
            return seconds[name][big] - big * per_article(name) / 1000

        for name in seconds:
            print(f"{name:>9}: {per_article(name):.2f} ms per article, {fixed(name):+.1f} s per job")
        whole = {name: big / seconds[name][big] for name in seconds}
        print(f"scaling from 1 to 2 cores: {whole['local[2]'] / whole['local[1]']:.2f}x for the whole job of {big} "
              f"articles, {per_article('local[1]') / per_article('local[2]'):.2f}x per article")
        job = seconds["local[1]"][big] / seconds["single"][big] - 1
        marginal = per_article("local[1]") / per_article("single") - 1
        print(f"overhead of Spark local[1] against the single process, both on one core: {marginal:+.0%} per "
              f"article ({per_article('local[1]') - per_article('single'):+.2f} ms), {job:+.0%} for the whole job "
              f"of {big} articles (with the job's fixed costs)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
