"""Extraction speed on one core, against baselines measured in the same run.

    python benchmarks/extract_speed.py [--mb 5] [--ner-articles 20]

Builds a corpus of at least --mb megabytes from the bundled sample articles (each copy with its own id),
then prints, for extraction on one core: characters and articles per second and the peak memory of
the extraction (traced, for a corpus of 1 MB and for the whole corpus, to show it does not grow with
the corpus); and the ratio to (a) reading, normalising and sentence-splitting the same text and (b)
underthesea's `ner` on a sample (pip install 'hoptac[bench]'; skipped with a note when missing).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import time
import tracemalloc
from collections.abc import Iterator
from importlib import resources

from hoptac.extract.pipeline import Pipeline
from hoptac.ingest import Article, parse_date
from hoptac.text.normalize import canonical
from hoptac.text.sentences import split_sentences


def sample_articles() -> list[Article]:
    folder = resources.files("hoptac") / "samples" / "articles"
    out = []
    for ref in sorted(folder.iterdir(), key=lambda r: r.name):
        if ref.name.endswith(".json"):
            obj = json.loads(ref.read_text(encoding="utf-8"))
            out.append(Article(obj["id"], obj["text"], obj.get("title"), parse_date(obj.get("published"))))
    return out


def corpus(articles: list[Article], megabytes: float) -> Iterator[Article]:
    """Copies of the sample articles until `megabytes` of UTF-8 text, streamed (nothing kept)."""
    limit = megabytes * 1024 * 1024
    size = copy = 0
    while size < limit:
        for a in articles:
            yield Article(f"{a.id}-{copy}", a.text, a.title, a.published)
            size += len(a.text.encode("utf-8"))
        copy += 1


def extract_run(pipeline: Pipeline, megabytes: float, articles: list[Article]) -> tuple[float, int, int]:
    """(seconds, characters, articles) to extract the corpus and serialise every result."""
    chars = count = 0
    start = time.perf_counter()
    for a in corpus(articles, megabytes):
        pipeline.extract(a.text, published=a.published, id=a.id).to_json()
        chars += len(a.text)
        count += 1
    return time.perf_counter() - start, chars, count


def baseline_run(megabytes: float, articles: list[Article]) -> float:
    start = time.perf_counter()
    for a in corpus(articles, megabytes):
        split_sentences(canonical(a.text))
    return time.perf_counter() - start


def traced_peak(pipeline: Pipeline, megabytes: float, articles: list[Article]) -> int:
    gc.collect()
    tracemalloc.start()
    for a in corpus(articles, megabytes):
        pipeline.extract(a.text, published=a.published, id=a.id).to_json()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def underthesea_rate(articles: list[Article], n: int) -> float | None:
    """Characters per second of underthesea.ner over the sentences of n articles, or None."""
    try:
        from underthesea import ner
    except ImportError:
        return None
    sample = articles[:n]
    sentences = [a.text[s:e] for a in sample for s, e in split_sentences(canonical(a.text))]
    ner(sentences[0])  # load the model outside the timing
    start = time.perf_counter()
    for sentence in sentences:
        ner(sentence)
    return sum(map(len, sentences)) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in megabytes (at least 5 by default)")
    parser.add_argument("--ner-articles", type=int, default=20, help="articles in the underthesea sample")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    articles = sample_articles()
    pipeline = Pipeline()
    pipeline.extract(articles[0].text)  # warm up: data files loaded, regexes compiled

    seconds, chars, count = extract_run(pipeline, args.mb, articles)
    base_seconds = baseline_run(args.mb, articles)
    peak_small = traced_peak(pipeline, 1.0, articles)
    peak_full = traced_peak(pipeline, args.mb, articles)
    rate = chars / seconds
    print(f"corpus: {count} articles, {chars:,} characters ({args.mb:g} MB), one core")
    print(f"extraction: {rate:,.0f} chars/s, {count / seconds:,.1f} articles/s ({seconds:.2f} s)")
    print(f"baseline (a) read + normalise + split sentences: {chars / base_seconds:,.0f} chars/s; "
          f"extraction costs {seconds / base_seconds:.1f}x the baseline")
    print(f"peak traced memory of extraction: {peak_small / 1e6:.1f} MB on 1 MB of text, "
          f"{peak_full / 1e6:.1f} MB on {args.mb:g} MB (ratio {peak_full / peak_small:.2f})")
    ner_rate = underthesea_rate(articles, args.ner_articles)
    if ner_rate is None:
        print("baseline (b) underthesea.ner: not installed (pip install 'hoptac[bench]')")
    else:
        print(f"baseline (b) underthesea.ner: {ner_rate:,.0f} chars/s on {args.ner_articles} articles; "
              f"extraction is {rate / ner_rate:.0f}x faster")


if __name__ == "__main__":
    main()
