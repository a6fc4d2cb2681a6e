"""Speed and size of each export format over synthetic facts.

usage: python bench/export_speed.py [--facts N] [--rounds N]

Builds N facts (default 100,000) that cycle through every kind, with and without date, place,
troops and a second source, then writes each format to a temporary file. Prints facts/s and
bytes per fact of each (best round), and a last line of JSON for other tools.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sitrep.export import FORMATS, write_export
from sitrep.records import Actor, AgreementRef, DateValue, Event, Evidence, Place, Plover
from sitrep.state import Fact, Source

_PARTIES = [("FRA", "France"), ("USA", "United States"), ("RUS", "Russia"), ("NER", "Niger"),
            ("TCD", "Chad"), ("MLI", "Mali"), ("NATO", "NATO"), ("AES", "Alliance of Sahel States")]
_KINDS = ["deploy", "withdraw", "agreement_signed", "agreement_ended", "coup",
          "demand_withdrawal"]
_NIAMEY = Place("Niamey", "NER", 13.51, 2.11, "Niamey", "city")


def _fact(i: int) -> Fact:
    kind = _KINDS[i % len(_KINDS)]
    code, name = _PARTIES[i % len(_PARTIES)]
    other = _PARTIES[(i + 3) % len(_PARTIES)]
    day = date(2020, 1, 1) + timedelta(days=i % 1500)
    text = f'Officials said, "forces of {name} moved", report {i}.'
    ev = Event(
        doc_id=f"doc-{i}", kind=kind, status="completed",  # type: ignore[arg-type]
        actor=Actor(code, name, name, "MIL"),
        counterpart=() if kind == "coup" else (Actor(other[0], other[1], other[1]),),
        place=_NIAMEY if i % 2 else None,
        date=DateValue(day.isoformat(), "day", "on that day") if i % 3 else None,
        troops=100 + i if i % 4 == 0 else None,
        agreement=AgreementRef("defence pact") if kind.startswith("agreement") else None,
        plover=Plover("MOBILIZE", "troops"), evidence=(Evidence(text, 0, len(text)),),
        confidence=0.8, rule=f"{kind}.bench")
    sources = tuple(Source(f"doc-{i}-{n}", f"https://news.invalid/{i}/{n}", f"Title {i}",
                           day + timedelta(days=n), (Evidence(text, 0, len(text)),))
                    for n in range(1 + i % 2))
    return Fact(event=ev, sources=sources)


def main() -> None:
    """Time every format and print a table and a JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    facts = [_fact(i) for i in range(args.facts)]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in FORMATS:
            best = float("inf")
            path = Path(tmp) / f"facts.{fmt}"
            for _ in range(args.rounds):
                start = time.perf_counter()
                with path.open("wb") as out:
                    written = write_export(facts, fmt=fmt, out=out)
                best = min(best, time.perf_counter() - start)
            size = path.stat().st_size
            results[fmt] = {"seconds": round(best, 3), "written": written,
                            "facts_per_s": round(len(facts) / best),
                            "bytes_per_fact": round(size / len(facts), 1)}
            print(f"{fmt:8} {written:>8} written  {best:6.2f} s  "
                  f"{len(facts) / best:>9,.0f} facts/s  {size / len(facts):6.1f} B/fact")
    print(json.dumps({"facts": len(facts), "formats": results}))


if __name__ == "__main__":
    main()
