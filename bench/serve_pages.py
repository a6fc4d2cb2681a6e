"""How fast `sitrep serve` answers its pages and API over a large store.

usage: python bench/serve_pages.py [--events N] [--db PATH] [--runs N] [--keep]

Builds (or reuses, with --keep and an existing --db) a SQLite store of N synthetic events
(default 100,000; the generator of bench/asof_report.py: 40 senders, 150 hosts with Zipf-like
coverage, 2005-2025, many events retold by several outlets), starts the app in process (no
network: Starlette's test client), and times each route twice: the first answer after the
store was opened (facts clustered or decoded from the store's cache) and the median of the
next `runs` answers (facts in memory, as in a running server). The world map is also timed
at a second date, as a slider move asks it (every code's facts already in memory). Prints a
table and a last line of JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from asof_report import _actors, synthetic

from sitrep.settings import Settings
from sitrep.store import open_store


def _build(db: Path, n: int) -> None:
    with open_store(db) as store:
        t = time.perf_counter()
        store.add_articles(synthetic(n), extractor="bench")
        print(f"built {db}: {store.counts()} in {time.perf_counter() - t:.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", action="store_true", help="reuse --db if it exists")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sitrep-serve-bench-"))
    db = args.db or folder / "serve.db"
    if not (args.keep and db.exists()):
        db.unlink(missing_ok=True)
        _build(db, args.events)

    from fastapi.testclient import TestClient

    from sitrep.api.app import create_app

    _, hosts = _actors()
    with open_store(db, create=False) as store:
        counts = store.counts()
        by_code = dict(store.codes())
        ranked = sorted((c for c in hosts if c in by_code), key=lambda c: by_code[c])
        typical, heaviest = ranked[len(ranked) // 2], ranked[-1]
        day = "2015-06-30"
        routes = {
            "GET /api/events?country=typical (page of 50)": f"/api/events?country={typical}",
            "GET /api/events?q=... (text search)": "/api/events?q=forces",
            "GET /api/state/typical": f"/api/state/{typical}?as_of={day}",
            "GET /country/typical (page)": f"/country/{typical}?as_of={day}",
            "GET /api/state/heaviest": f"/api/state/{heaviest}?as_of={day}",
            "GET /country/heaviest (page)": f"/country/{heaviest}?as_of={day}",
            "GET / (world map, every host)": f"/?as_of={day}",
            "GET / at another date (facts in memory)": "/?as_of=2016-06-30",
            "GET /graph (every host)": f"/graph?as_of={day}",
        }
        client = TestClient(create_app(store, settings=Settings.resolve(env={})))
        rows = {}
        for name, url in routes.items():
            t = time.perf_counter()
            answer = client.get(url)
            first = time.perf_counter() - t
            assert answer.status_code == 200, (url, answer.status_code, answer.text[:300])
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                client.get(url)
                times.append(time.perf_counter() - t)
            rows[name] = {"first_s": round(first, 3),
                          "warm_median_s": round(statistics.median(times), 3)}
            warm = rows[name]["warm_median_s"] * 1000
            print(f"{name:48s} first {first * 1000:8.0f} ms   warm {warm:8.0f} ms", flush=True)
    print(f"store: {counts['events']:,} events, {counts['articles']:,} articles; typical host "
          f"{typical} ({by_code[typical]:,} events), heaviest {heaviest} "
          f"({by_code[heaviest]:,} events)")
    print(json.dumps({"events": counts["events"], "typical": typical, "heaviest": heaviest,
                      "routes": rows}))


if __name__ == "__main__":
    main()
