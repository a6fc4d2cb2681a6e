"""One flat, ACLED-style row per fact: what the CSV, Parquet and GeoJSON exports share.

Column meanings: docs/export.md. A row decides nothing the event record does not say; it only
flattens the record and names the country where the event happens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from ..records import Actor, Event
from ..state import Fact, Moment, Source

__all__ = ["COLUMNS", "Row", "fact_row", "is_state"]

#: The CSV columns, in order (ACLED's first, then ours).
COLUMNS: tuple[str, ...] = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor1_code", "actor2", "actor2_code", "country", "iso3", "location",
    "latitude", "longitude", "geo_precision", "troops", "agreement", "plover_type",
    "plover_mode", "notes", "source", "source_urls", "source_count", "date_reported", "rule",
)

#: ACLED's time_precision: 1 day, 2 week, 3 anything coarser (and a publication date standing
#: in for the event's own).
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "season": 3, "year": 3}
#: ACLED's geo_precision: 1 the named site or town, 2 near it or a small region, 3 country only.
_GEO_PRECISION = {"site": 1, "city": 1, "area": 2}
_ALPHA3 = re.compile(r"^[A-Z]{3}$")
_JOIN = "; "


@dataclass(frozen=True, slots=True)
class Row:
    """A fact as one flat record; `COLUMNS` name the exported fields, in order.

    `event_start` (the first day `event_date` names) and `evidence` (every supporting sentence)
    are only in the typed exports: a CSV keeps the date as written and the first sentence.
    """

    event_id: str
    event_date: str | None
    event_start: date | None
    time_precision: int | None
    event_type: str
    sub_event_type: str
    actor1: str
    actor1_code: str
    actor2: str | None
    actor2_code: str | None
    country: str | None
    iso3: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    troops: int | None
    agreement: str | None
    plover_type: str
    plover_mode: str | None
    notes: str | None
    source: str | None
    source_urls: str | None
    source_count: int
    date_reported: bool
    rule: str
    evidence: tuple[str, ...]

    def fields(self) -> dict[str, Any]:
        """The exported fields by column name, in `COLUMNS` order."""
        return {name: getattr(self, name) for name in COLUMNS}


@lru_cache(maxsize=1)
def _org_codes() -> frozenset[str]:
    from ..gazetteer import load_gazetteer  # deferred: reads the gazetteer files (~0.2 s)

    return load_gazetteer().org_codes()


def is_state(code: str) -> bool:
    """Whether an actor code names a state (ISO alpha-3) rather than an organisation.

    Three capital letters are not enough: AES, EAC, GCC, SCO... are organisations, so codes the
    gazetteer lists as organisations are never states.
    """
    return _ALPHA3.match(code) is not None and code not in _org_codes()


def _country_name(code: str, actors: tuple[Actor, ...]) -> str:
    """The event's own name for a code, else the gazetteer's, else the code."""
    for actor in actors:
        if actor.code == code:
            return actor.name
    from ..gazetteer import load_gazetteer

    entry = load_gazetteer().country(code)
    return entry.name if entry is not None else code


def _territory(ev: Event) -> Actor | None:
    """The party whose territory the event happens on, by kind (docs/export.md)."""
    if ev.kind in ("deploy", "withdraw"):
        return ev.counterpart[0] if ev.counterpart else None
    return ev.actor  # coup, demand_withdrawal (made on its own soil), agreements


def _country(ev: Event) -> tuple[str | None, str | None]:
    """(country name, ISO alpha-3) of where the event happens; the place's country when the
    party is an organisation or missing."""
    party = _territory(ev)
    if party is not None and is_state(party.code):
        return party.name, party.code
    if ev.place is not None and ev.place.country:
        code = ev.place.country
        return _country_name(code, (ev.actor, *ev.counterpart)), code
    return None, None


def _when(fact: Fact) -> tuple[Moment | None, bool]:
    """The event's own date, else its first report's publication date (flagged True)."""
    ev = fact.event
    if ev.date is not None:
        return Moment.parse(ev.date.value, where=f"event {ev.id} date"), False
    published = [s.published for s in fact.sources if s.published is not None]
    if published:
        return Moment.reported_on(min(published)), True
    return None, False


def _sentences(fact: Fact) -> tuple[str, ...]:
    """Every supporting sentence, the representative event's first, without repeats."""
    texts = [e.text for e in fact.event.evidence]
    texts += [e.text for s in fact.sources for e in s.evidence]
    return tuple(dict.fromkeys(texts))


def _label(source: Source) -> str:
    return source.title or source.doc_id


def _joined(items: list[str]) -> str | None:
    return _JOIN.join(items) if items else None


def fact_row(fact: Fact) -> Row:
    """The flat row of one fact (its representative event and its sources)."""
    ev = fact.event
    moment, reported = _when(fact)
    country, iso3 = _country(ev)
    place = ev.place
    if place is not None:
        geo: int | None = _GEO_PRECISION.get(place.kind, 1)
    else:
        geo = 3 if country is not None else None
    if moment is None:
        time: int | None = None
    else:
        time = 3 if ev.date is None else _TIME_PRECISION[ev.date.precision]
    evidence = _sentences(fact)
    return Row(
        event_id=ev.id,
        event_date=moment.value if moment else None,
        event_start=moment.start if moment else None,
        time_precision=time,
        event_type=ev.kind,
        sub_event_type=ev.status,
        actor1=ev.actor.name,
        actor1_code=ev.actor.code,
        actor2=_joined([c.name for c in ev.counterpart]),
        actor2_code=_joined([c.code for c in ev.counterpart]),
        country=country,
        iso3=iso3,
        location=place.name if place else None,
        latitude=place.lat if place else None,
        longitude=place.lon if place else None,
        geo_precision=geo,
        troops=ev.troops,
        agreement=ev.agreement.name if ev.agreement else None,
        plover_type=ev.plover.type,
        plover_mode=ev.plover.mode,
        notes=evidence[0] if evidence else None,
        source=_joined([_label(s) for s in fact.sources]),
        source_urls=_joined([s.url for s in fact.sources if s.url]),
        source_count=len(fact.sources),
        date_reported=reported,
        rule=ev.rule,
        evidence=evidence,
    )
