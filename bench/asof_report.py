"""How fast `sitrep report COUNTRY --as-of D` answers over a large store.

usage: python bench/asof_report.py [--events N] [--db PATH|URL] [--runs N] [--keep]

Builds (or reuses, with --keep and an existing --db) a store of N synthetic events (default
1,000,000; 3 per article, 40 sending actors, 150 host countries, 2005-2025, a fifth undated,
the same event often retold by several articles), then times the as-of report, as the CLI
computes it, for a typical host (the median of the 150) and for the host with the most events,
at two as-of dates, three ways: the first report after a change (reads the events, clusters
them, caches the facts in the store); a new process (decodes the cached facts, folds); a
long-running process such as a server (facts kept in memory, folds). Prints the figures, the
cost of each stage, and a last line of JSON. Target (issue 3): well under 100 ms per report
on SQLite.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pycountry
from sqlalchemy import delete

from sitrep.knowledge import situation
from sitrep.records import Actor, Article, DateValue, Event, Evidence, Plover
from sitrep.state import cluster_facts, derive_state
from sitrep.state.facts import Source
from sitrep.store import open_store
from sitrep.store.schema import fact_cache

KINDS = [("deploy", 40, "MOBILIZE", "troops"), ("withdraw", 25, "RETREAT", "withdraw"),
         ("agreement_signed", 12, "SUPPORT", None), ("agreement_ended", 8, "SANCTION", None),
         ("demand_withdrawal", 12, "REQUEST", "yield"), ("coup", 3, "COERCE", "seize")]
STATUS = ("planned", "ongoing", "completed")


def _actors() -> tuple[list[str], list[str]]:
    codes = sorted(c.alpha_3 for c in pycountry.countries)
    rng = random.Random(1)
    senders = rng.sample(codes, 40)
    hosts = rng.sample([c for c in codes if c not in senders], 150)
    return senders, hosts


def synthetic(n_events: int, *, retell: float = 0.6) -> Iterator[tuple[Article, list[Event]]]:
    """Articles of three events each, in publication order; a share `retell` of the events
    retell one reported in the last few days (another outlet, the same event)."""
    rng = random.Random(7)
    senders, hosts = _actors()
    # hosts are not equally reported: a few are in the news far more (Zipf-like weights)
    weights = [1 / (i + 1) ** 0.8 for i in range(len(hosts))]
    kinds = [k for k in KINDS for _ in range(k[1])]
    made: list[Event] = []
    start = date(2005, 1, 1)
    n_articles = max(1, n_events // 3)
    for a in range(n_articles):
        published = start + timedelta(days=7300 * a // n_articles)
        doc = f"syn-{a:07d}"
        events = []
        for j in range(3):
            if made and rng.random() < retell:  # the same event, reported by another outlet
                old = rng.choice(made[-300:])
                ev = Event(**{**{f: getattr(old, f) for f in old.__dataclass_fields__},
                              "doc_id": doc, "id": ""})
            else:
                kind, _, ptype, mode = rng.choice(kinds)
                host = rng.choices(hosts, weights)[0]
                actor = host if kind in ("coup", "demand_withdrawal") else rng.choice(senders)
                counter = () if kind == "coup" else (
                    (rng.choice(senders),) if kind == "demand_withdrawal" else (host,))
                when = None
                if rng.random() > 0.2:
                    d = published - timedelta(days=rng.randrange(400))
                    when = rng.choice([DateValue(d.isoformat(), "day", "on Monday"),
                                       DateValue(d.isoformat()[:7], "month", "in May"),
                                       DateValue(d.isoformat()[:4], "year", "in 2019")])
                sentence = (f"Synthetic report {a}-{j}: {actor} and {host} in a sentence long "
                            "enough to look like a real one from a wire story about forces.")
                ev = Event(doc_id=doc, kind=kind, status=rng.choice(STATUS),  # type: ignore[arg-type]
                           actor=Actor(actor, actor, actor),
                           counterpart=tuple(Actor(c, c, c) for c in counter), place=None,
                           date=when, troops=rng.choice([None, None, None, 100, 1000]),
                           agreement=None, plover=Plover(ptype, mode),
                           evidence=(Evidence(sentence, 3 * j, 3 * j + len(sentence)),),
                           confidence=0.8, rule=f"{kind}.synthetic")
            made.append(ev)
            events.append(ev)
        yield Article(id=doc, text=f"article {a} " + " ".join(e.evidence[0].text for e in events),
                      published=published, url=f"https://news.invalid/{doc}",
                      title=f"Synthetic {a}"), events


def _time(fn, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", help="store to use (default: a new SQLite file in a temp folder)")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--keep", action="store_true", help="reuse --db if it holds events")
    ap.add_argument("--retell", type=float, default=0.6,
                    help="share of events that retell a recent one (default 0.6: a real event "
                         "is reported by 2.5 articles on average)")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "bench.db")
    store = open_store(db)
    if not (args.keep and store.counts()["events"]):
        t = time.perf_counter()
        store.add_articles(synthetic(args.events, retell=args.retell), extractor="bench",
                           source="bench")
        print(f"loaded {store.counts()} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    counts = store.counts()
    codes = [(c, n) for c, n in store.codes()]
    _, hosts = _actors()
    by_host = sorted((n, c) for c, n in codes if c in hosts)
    typical, heaviest = by_host[len(by_host) // 2][1], by_host[-1][1]
    figures: dict[str, object] = {"events": counts["events"], "articles": counts["articles"],
                                  "db": store.engine.dialect.name}
    for label, code in (("typical", typical), ("heaviest", heaviest)):
        n = dict(codes)[code]
        rows = store.party_events(code)
        pairs = [(r.event, Source(r.event.doc_id, r.url, r.title, r.published,
                                  r.event.evidence)) for r in rows]
        facts = cluster_facts(pairs)
        with store.engine.begin() as conn:  # as after an ingest: no cached facts
            conn.execute(delete(fact_cache).where(fact_cache.c.code == code))
        store.memo.clear()
        t = time.perf_counter()
        situation(store, code, as_of=date(2024, 5, 11))  # the first report builds the cache
        cold = (time.perf_counter() - t) * 1000
        print(f"{label:8s} {code}: first report after a change (clusters, caches): "
              f"{cold:7.1f} ms")
        figures[f"{label}_first_ms"] = round(cold, 1)
        for as_of in (date(2010, 6, 1), date(2024, 5, 11)):
            def fresh(c: str = code, d: date = as_of) -> None:
                store.memo.clear()  # as a new `sitrep report` process: decode the cache
                situation(store, c, as_of=d)

            med, worst = _time(fresh, args.runs)
            print(f"{label:8s} {code}: {n:6d} events, {len(facts):6d} facts; report as of "
                  f"{as_of}, new process: median {med:6.1f} ms, max {worst:6.1f} ms")
            figures[f"{label}_{as_of.year}_ms"] = round(med, 1)
            med, worst = _time(lambda c=code, d=as_of: situation(store, c, as_of=d), args.runs)
            print(f"{label:8s} {code}: {'':27s} same, long-running process: median "
                  f"{med:6.1f} ms, max {worst:6.1f} ms")
            figures[f"{label}_{as_of.year}_warm_ms"] = round(med, 1)
        q, _ = _time(lambda c=code: store.party_events(c), args.runs)
        cl, _ = _time(lambda p=pairs: cluster_facts(p), args.runs)
        fo, _ = _time(lambda f=facts, c=code: derive_state(f, c, as_of=date(2024, 5, 11)),
                      args.runs)
        print(f"{'':8s} stages: query+decode {q:6.1f} ms, cluster {cl:6.1f} ms, "
              f"fold {fo:6.1f} ms")
        figures[f"{label}_events"] = n
        figures[f"{label}_stages_ms"] = {"query": round(q, 1), "cluster": round(cl, 1),
                                         "fold": round(fo, 1)}
    store.close()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
