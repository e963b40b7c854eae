"""Knowledge-base speed: ingest articles per second into SQLite and PostgreSQL, and query latency.

    python benchmarks/kb_speed.py [--articles 50000] [--queries 200] [--no-postgres]

Generates a corpus from templates over the bundled sample articles: each copy gets other provinces
(of the same countries), other people and another publication date, so partnerships, people and
agreements vary as in a real archive. Ingests it on one core (extraction included) into a new SQLite
file and into a throw-away PostgreSQL server, then prints articles/s for each and the p50/p95 latency
of the partnership and person queries on the full base, against the same-run cost of extraction alone.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from importlib import resources

from sqlalchemy import func, select

from hoptac import resources as data
from hoptac.extract.pipeline import Pipeline
from hoptac.ingest import Article, parse_date
from hoptac.kb import KnowledgeBase, schema
from hoptac.testing import PostgresUnavailable, new_database, throwaway_postgres

GIVEN = ("An Bình Cường Dũng Giang Hà Hải Hạnh Hòa Hùng Khánh Lan Linh Long Mai Minh Nam Nga Nghĩa Ngọc "
         "Phong Phúc Phương Quân Quang Sơn Tâm Thắng Thành Thảo Thủy Tiến Trung Tuấn Việt Vinh Xuân Yến").split()
FOREIGN = ("Khăm Bun Sổm Phăn Xay Vông Xỉ Thong Văn Lạ Ma Ni Chăn Thạ Phôm Keo Sing Vi Chea Sok Mao Lim Pich "
           "Oun Kim Park Lee Wang Zhang Liu Chen Som Chai").split()


def templates() -> list[tuple[dict, list[tuple[str, str]], list[str]]]:
    """Each bundled article with its localities (surface, country) and people's names."""
    pipeline = Pipeline()
    out = []
    folder = resources.files("hoptac") / "samples" / "articles"
    for ref in sorted(folder.iterdir(), key=lambda r: r.name):
        if not ref.name.endswith(".json"):
            continue
        obj = json.loads(ref.read_text(encoding="utf-8"))
        facts = pipeline.extract(obj["text"], published=parse_date(obj["published"]))
        places = sorted({(facts.text[e.start:e.end], loc.country) for loc in facts.localities for e in loc.evidence},
                        key=lambda p: -len(p[0]))
        out.append((obj, places, [p.name for p in facts.people]))
    return out


def spellings_by_country() -> dict[str, list[str]]:
    gaz = data.gazetteer()
    names: dict[str, list[str]] = {}
    for spellings in gaz.spellings.values():
        for sp in spellings:
            if sp.code != "-" and not sp.context and sp.capitals[0] and sp.code[:2] != "VN":
                names.setdefault(sp.country, []).append(sp.text)
    names["VN"] = sorted({era.name for code, eras in gaz.places.items() if code.startswith("VN-") for era in eras})
    return names


def corpus(n: int, seed: int = 7) -> Iterator[Article]:
    rng = random.Random(seed)
    names = spellings_by_country()
    vocabulary = data.gazetteer()
    surnames, middles = sorted(vocabulary.surnames), sorted(vocabulary.name_syllables)
    base = templates()
    start = date(2019, 1, 1)
    for i in range(n):
        obj, places, people = base[i % len(base)]
        mapping: dict[str, str] = {}
        for surface, country in places:
            mapping.setdefault(surface, rng.choice(names.get(country) or [surface]))
        for person in people:
            if person.split()[0] in vocabulary.surnames:
                mapping[person] = f"{rng.choice(surnames)} {rng.choice(middles)} {rng.choice(GIVEN)}"
            else:
                mapping[person] = f"{rng.choice(FOREIGN)}-{rng.choice(FOREIGN).lower()} {rng.choice(FOREIGN)}"
        pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
        text = pattern.sub(lambda m, table=mapping: table[m.group()], obj["text"])
        published = start + timedelta(days=rng.randrange(2730))
        yield Article(f"gen-{i}", text, obj.get("title"), published)


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100)[int(p) - 1]


def write_corpus(path: str, articles: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for a in corpus(articles):
            out.write(json.dumps({"id": a.id, "title": a.title, "published": a.published.isoformat(),
                                  "text": a.text}, ensure_ascii=False) + "\n")


def ingest(url: str, path: str, articles: int) -> tuple[float, KnowledgeBase]:
    """Articles per second of `hoptac ingest` on the corpus file (reading, extraction, writing)."""
    kb = KnowledgeBase(url, auto_upgrade=True)
    started = time.perf_counter()
    summary = kb.ingest([path], batch_size=500)
    elapsed = time.perf_counter() - started
    assert summary.new == articles and summary.failed == 0, summary.to_dict()
    return articles / elapsed, kb


def latencies(kb: KnowledgeBase, queries: int, seed: int = 11) -> dict[str, tuple[float, float]]:
    rng = random.Random(seed)
    with kb.engine.connect() as conn:
        pairs = conn.execute(select(schema.partnership.c.a, schema.partnership.c.b)).all()
        people = [row[0] for row in conn.execute(select(schema.person.c.name).order_by(func.random()).limit(queries))]
    out = {}
    for label, calls in (("partnership", [(kb.partnership, rng.choice(pairs)) for _ in range(queries)]),
                         ("person", [(kb.person, (name,)) for name in people])):
        times = []
        for fn, args in calls:
            t = time.perf_counter()
            fn(*args)
            times.append((time.perf_counter() - t) * 1000)
        out[label] = (percentile(times, 50), percentile(times, 95))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=50000, help="articles to generate and ingest")
    parser.add_argument("--queries", type=int, default=200, help="queries of each kind to time")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    sample = list(corpus(min(args.articles, 2000)))
    pipeline = Pipeline()
    started = time.perf_counter()
    for a in sample:
        pipeline.extract(a.text, published=a.published, id=a.id)
    extraction = len(sample) / (time.perf_counter() - started)
    chars = sum(len(a.text) for a in sample) / len(sample)
    print(f"corpus: {args.articles} generated articles, {chars:,.0f} characters on average; one core")
    print(f"extraction alone: {extraction:,.0f} articles/s")
    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/corpus.jsonl"
        write_corpus(path, args.articles)
        rate, kb = ingest(f"sqlite:///{folder}/bench.db", path, args.articles)
        print(f"SQLite ingest: {rate:,.0f} articles/s ({rate / extraction:.0%} of extraction alone)")
        for label, (p50, p95) in latencies(kb, args.queries).items():
            print(f"SQLite {label} query: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        kb.close()
        if args.no_postgres:
            return
        try:
            with throwaway_postgres() as server, new_database(server) as url:
                rate, kb = ingest(url, path, args.articles)
                print(f"PostgreSQL ingest: {rate:,.0f} articles/s ({rate / extraction:.0%} of extraction alone)")
                for label, (p50, p95) in latencies(kb, args.queries).items():
                    print(f"PostgreSQL {label} query: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
                kb.close()
        except PostgresUnavailable as exc:
            print(f"PostgreSQL: not measured ({exc})")


if __name__ == "__main__":
    main()
