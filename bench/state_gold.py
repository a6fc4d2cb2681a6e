"""The state gold set: extraction plus the fold, scored on tests/gold/state/queries.jsonl.

usage: python bench/state_gold.py [--details] [--oracle]

Extracts the events of the demo corpus and of the 60 gold articles, clusters them into facts
across articles as the store does (`cluster_events`), folds one situation per query and
prints precision, recall and F1 overall and per section, the accuracy of since/until/troops
on matched lines and, with --details, each miss, extra and wrong attribute. --oracle folds
the gold articles' annotated events instead of extracted ones (the demo corpus has none, so
only gold queries are scored): what the fold alone makes of correct events, to tell
extraction misses from fold misses. The last line is JSON for other tools.
tests/test_state_gold.py pins floors on the default run.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from sitrep import Settings, load_pipeline
from sitrep.evaluate_state import read_state_queries, score_state, situations
from sitrep.ingest.jsonl import read_jsonl
from sitrep.records import Actor, Article, DateValue, Event, Evidence, Place, Plover
from sitrep.state import Fact, cluster_events, facts_from_events

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "tests" / "gold" / "state" / "queries.jsonl"
CORPORA = {
    "demo": [ROOT / "src" / "sitrep" / "resources" / "demo" / "corpus.jsonl"],
    "gold": sorted((ROOT / "tests" / "gold").glob("articles-*.jsonl")),
}
_PRECISION = {4: "year", 7: "month", 10: "day"}


def _articles(paths: list[Path]) -> list[Article]:
    out: list[Article] = []
    for path in paths:
        with path.open("rb") as fh:
            for item in read_jsonl(fh, source=str(path), published=None):
                if isinstance(item, Exception):
                    raise item
                out.append(item)
    return out


def _gold_event(doc: str, text: str, ev: dict[str, Any]) -> Event:
    """An annotated gold event as an Event: codes for names, the place a bare name."""
    start = max(text.find(ev["evidence"]), 0)
    place = ev.get("place")
    return Event(
        doc_id=doc, kind=ev["kind"], status=ev["status"],
        actor=Actor(ev["actor"], ev["actor"], ev["actor"]),
        counterpart=tuple(Actor(c, c, c) for c in ev["counterpart"]),
        place=Place(place, None, None, None, place) if place else None,
        date=DateValue(ev["date"], _PRECISION[len(ev["date"])], ev["date"]) if ev["date"] else None,
        troops=ev.get("troops"), agreement=None, plover=Plover("ORACLE"),
        evidence=(Evidence(ev["evidence"], start, start + len(ev["evidence"])),),
        confidence=1.0, rule="gold")


def _oracle_facts() -> list[Fact]:
    rows = [json.loads(line) for p in CORPORA["gold"] for line in p.open(encoding="utf-8")
            if line.strip()]
    events = [_gold_event(r["id"], r["text"], ev) for r in rows for ev in r["events"]]
    return facts_from_events(events, {a.id: a for a in _articles(CORPORA["gold"])})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--details", action="store_true", help="list misses, extras, wrong values")
    ap.add_argument("--oracle", action="store_true", help="fold the annotated gold events")
    args = ap.parse_args()

    queries = read_state_queries(QUERIES)
    facts: dict[str, list[Fact]] = {}
    if args.oracle:
        facts["gold"] = _oracle_facts()
        queries = [q for q in queries if q.corpus == "gold"]
    else:
        pipe = load_pipeline(Settings.resolve())
        for corpus, paths in CORPORA.items():
            articles = _articles(paths)
            events = [ev for _, evs in pipe.extract_many(articles) for ev in evs]
            facts[corpus] = cluster_events(events, {a.id: a for a in articles})
    pairs = list(situations(queries, facts))
    scores = score_state(pairs)
    if args.details:
        print("\n".join(scores.details()))
    by_corpus = {c: score_state(p for p in pairs if p[0].corpus == c).overall for c in facts}
    for name, s in (("overall", scores.overall), *scores.sections.items(),
                    *((f"corpus {c}", v) for c, v in by_corpus.items())):
        print(f"{name:12s} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
              f"tp={s.tp} fp={s.fp} fn={s.fn}")
    for name in ("since", "until", "troops"):
        acc = scores.accuracy(name)
        print(f"{name:12s} accuracy={'-' if acc is None else f'{acc:.3f}'} "
              f"of {scores.attributes[name][1]}")
    print(json.dumps(scores.summary()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
