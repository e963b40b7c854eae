"""Web load: requests per second and latency of the partnership page over a large knowledge base.

    python benchmarks/web_load.py [--articles 50000] [--db sqlite:///bench/web50k.db] [--seconds 20]
                                  [--connections 16] [--workers 2] [--rate 200]

Builds (once; kept at --db) a knowledge base of generated articles (benchmarks/kb_speed.py's corpus),
starts `hoptac serve` on a local port, and drives it with wrk (Debian's package) over the partnership
pages of the most reported pairs: first as fast as it answers, then paced at --rate requests per
second, reporting p50/p95/p99 latency and errors. In the same run it measures the server on its
stylesheet, a static file, as the baseline of what the stack costs without the knowledge base. Pages
are kept for readers until the data change: the first visit of each page (which makes it) is timed
apart, before the runs on a warm server.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).parent))
from kb_speed import write_corpus

from hoptac.kb import KnowledgeBase, schema

LUA = """
local paths = {%(paths)s}
local count = 0
local pause = %(pause_ms)f
request = function()
  count = count + 1
  return wrk.format("GET", paths[(count %% #paths) + 1])
end
delay = function()
  return pause
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
     + summary.errors.timeout
  io.write(string.format('RESULT {"requests": %%d, "seconds": %%f, "errors": %%d, '
    .. '"p50": %%f, "p95": %%f, "p99": %%f}\\n',
    summary.requests, summary.duration / 1e6, errors, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def build(url: str, articles: int) -> KnowledgeBase:
    kb = KnowledgeBase(url, auto_upgrade=True)
    with kb.engine.connect() as conn:
        have = conn.execute(select(func.count()).select_from(schema.article)).scalar_one()
    if have < articles:
        print(f"building the knowledge base: {articles} generated articles (once)", flush=True)
        with tempfile.TemporaryDirectory() as folder:
            path = f"{folder}/corpus.jsonl"
            write_corpus(path, articles)
            started = time.perf_counter()
            kb.ingest([path], workers=os.cpu_count() or 1, batch_size=1000)
            print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    return kb


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wrk(base: str, paths: list[str], seconds: int, connections: int, pause_ms: float = 0.0) -> dict:
    """One wrk run; each connection waits `pause_ms` after every answer (0: as fast as it answers)."""
    script = LUA % {"paths": ", ".join(json.dumps(p) for p in paths), "pause_ms": pause_ms}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s",
                              handle.name, base], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(handle.name)
    result = json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[7:])
    result["rate"] = result["requests"] / result["seconds"]
    return result


def show(label: str, r: dict) -> None:
    print(f"{label}: {r['rate']:,.0f} requests/s, p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, "
          f"p99 {r['p99']:.1f} ms, errors {r['errors']}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=50000, help="articles in the knowledge base")
    parser.add_argument("--db", default="sqlite:///bench/web50k.db", help="where the base is built and kept")
    parser.add_argument("--seconds", type=int, default=20, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=16, help="open connections")
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument("--rate", type=float, default=200, help="requests per second of the paced run")
    parser.add_argument("--pairs", type=int, default=200, help="partnership pages to cycle through")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    kb = build(args.db, args.articles)
    pairs = kb.partnerships()[:args.pairs]
    paths = [f"/partnership/{p.a}/{p.b}" for p in pairs]
    print(f"knowledge base: {args.db}, {len(kb.partnerships())} partnerships; pages of the {len(paths)} "
          f"most reported (up to {pairs[0].articles} articles each)", flush=True)
    kb.close()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "hoptac.cli", "serve", "--port", str(port), "--db", args.db,
                               "--workers", str(args.workers)], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/static/style.css", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit("the server did not start")
                time.sleep(0.2)
        # Pages are kept for readers until the data change (hoptac.web.cache): the first visit of a page
        # makes it, the next ones serve it. Both are measured: first visits one by one, then wrk on a
        # warm server (a first wrk run lets every server process make its pages).
        made = []
        for path in paths:
            started = time.perf_counter()
            urllib.request.urlopen(base + path, timeout=60).read()
            made.append(1000 * (time.perf_counter() - started))
        made.sort()
        print(f"first visit of each page (made, not kept): p50 {made[len(made) // 2]:.0f} ms, "
              f"p95 {made[int(len(made) * 0.95)]:.0f} ms, max {made[-1]:.0f} ms", flush=True)
        wrk(base, paths, args.seconds, args.connections)
        static = wrk(base, ["/static/style.css"], args.seconds // 2 or 1, args.connections)
        show("baseline, the stylesheet (same server)", static)
        full = wrk(base, paths, args.seconds, args.connections)
        show("partnership page, as fast as it answers", full)
        # Each connection sends its next request a pause after the last answer: the pause that gives
        # --rate in all is found by one short calibrating run.
        cycle_ms = 1000 * args.connections / args.rate
        pause = max(0.0, cycle_ms - full["p50"])
        trial = wrk(base, paths, 3, args.connections, pause)
        pause = max(0.0, pause + cycle_ms - 1000 * args.connections / trial["rate"])
        paced = wrk(base, paths, args.seconds, args.connections, pause)
        show(f"partnership page, paced at about {args.rate:.0f}/s", paced)
        print(f"partnership page: {full['rate'] / static['rate']:.2f} of the static file's rate; "
              f"{args.workers} server processes on {os.cpu_count()} cores, wrk on the same machine")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
