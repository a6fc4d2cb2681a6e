"""A compact JSON form of many facts, for the store's cache of clustered facts.

`Fact.to_dict()` is the readable form of one fact; this one is for thousands at once and is
read back on every report of a country, so it is built for decoding speed: actors, dates,
places and PLOVER codes are listed once and referred to by number (a country's facts name the
same few dozen actors thousands of times), and an event's sentences are not repeated when they
are its own article's (they almost always are). `FORMAT` changes whenever the layout does; a
payload of another format is refused (`None`), and the store then clusters afresh.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from ..records import Actor, AgreementRef, DateValue, Event, Evidence, Place, Plover
from .facts import Fact, Source

__all__ = ["FORMAT", "decode_facts", "encode_facts"]

FORMAT = "sitrep-facts-1"


class _Table:
    """Distinct values in first-seen order, each with its number."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}

    def ref(self, value: Any) -> int:
        if value is None:
            return -1
        return self.index.setdefault(value, len(self.index))

    def rows(self, row: Any) -> list[Any]:
        return [row(v) for v in self.index]


def _evidence(items: Sequence[Evidence]) -> list[list[Any]]:
    return [[e.text, e.start, e.end] for e in items]


def encode_facts(facts: Iterable[Fact]) -> str:
    """The facts as one compact JSON document (see the module's docstring)."""
    actors, dates, places, plovers = _Table(), _Table(), _Table(), _Table()
    rows = []
    for fact in facts:
        ev = fact.event
        own = next((s.evidence for s in fact.sources if s.doc_id == ev.doc_id), None)
        rows.append([
            [ev.doc_id, ev.kind, ev.status, actors.ref(ev.actor),
             [actors.ref(c) for c in ev.counterpart], places.ref(ev.place),
             dates.ref(ev.date), ev.troops, ev.agreement.name if ev.agreement else None,
             plovers.ref(ev.plover), None if own == ev.evidence else _evidence(ev.evidence),
             ev.confidence, ev.rule, ev.id],
            [[s.doc_id, s.url, s.title, s.published.isoformat() if s.published else None,
              _evidence(s.evidence)] for s in fact.sources],
            [list(c) for c in fact.counts], fact.reports,
        ])
    return json.dumps({
        "format": FORMAT,
        "actors": actors.rows(lambda a: [a.code, a.name, a.text, a.sector]),
        "dates": dates.rows(lambda d: [d.value, d.precision, d.text]),
        "places": places.rows(lambda p: [p.name, p.country, p.lat, p.lon, p.text, p.kind]),
        "plovers": plovers.rows(lambda p: [p.type, p.mode, p.context]),
        "facts": rows,
    }, ensure_ascii=False, separators=(",", ":"))


def decode_facts(payload: str) -> list[Fact] | None:
    """The facts of an `encode_facts` payload; None for a payload of another format."""
    # Tens of thousands of small objects are made here, none of them in a reference cycle:
    # the cyclic garbage collector would only rescan them, again and again (it doubled the
    # time for a country with 50,000 facts).
    paused = gc.isenabled()
    gc.disable()
    try:
        return _decode(payload)
    finally:
        if paused:
            gc.enable()


def _decode(payload: str) -> list[Fact] | None:
    data = json.loads(payload)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    actors = [Actor(*row) for row in data["actors"]]
    dates = [DateValue(*row) for row in data["dates"]]
    places = [Place(*row) for row in data["places"]]
    plovers = [Plover(*row) for row in data["plovers"]]
    facts = []
    for ev, srcs, counts, reports in data["facts"]:
        sources = tuple(
            Source(doc, url, title, date.fromisoformat(pub) if pub else None,
                   tuple(Evidence(t, a, b) for t, a, b in evidence))
            for doc, url, title, pub, evidence in srcs)
        (doc_id, kind, status, actor, counterpart, place, when, troops, agreement, plover,
         evidence, confidence, rule, event_id) = ev
        if evidence is None:
            own = next(s.evidence for s in sources if s.doc_id == doc_id)
        else:
            own = tuple(Evidence(t, a, b) for t, a, b in evidence)
        event = Event(doc_id, kind, status, actors[actor], tuple(actors[c] for c in counterpart),
                      places[place] if place >= 0 else None,
                      dates[when] if when >= 0 else None, troops,
                      AgreementRef(agreement) if agreement is not None else None,
                      plovers[plover], own, confidence, rule, event_id)
        facts.append(Fact(event, sources, tuple((n, d) for n, d in counts), reports))
    return facts
