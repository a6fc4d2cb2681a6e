"""Presence: whose forces are in the country, where, how many, from when and until when.

Per foreign actor, deploy and withdraw events are folded in date order into intervals
(docs/state.md, "Presence"). A report that cannot be placed after an end or a handover (an
undated "had been stationed", or a date that overlaps the end) is read as a retelling: it adds
its sources, never reopens what ended.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..records import Place
from .facts import Dated, Source, merge_sources
from .moments import SAME_EVENT_DAYS, Moment
from .situation import Presence, PresenceStatus, Site, TroopCount

__all__ = ["fold_presence"]

# Same date: reports of forces first, then the stages of leaving in the order they happen.
_RANK = {"deploy": 0, "planned": 1, "ongoing": 2, "completed": 3}

#: A completed withdrawal from one place that still means the whole presence left.
_FULL = re.compile(
    r"\blast\s+(?:\S+\s+){0,2}(?:bases?|sites?|camps?|outposts?)\b"
    r"|\bend(?:s|ed|ing)?\s+(?:\S+\s+){0,4}presence\b"
    r"|\bcomplet(?:e|es|ed|ing)\s+(?:\S+\s+){0,2}withdrawal\b"
    r"|\bwithdrawal\b(?:\s+\S+){0,6}?\s+(?:is|was|has\s+been|had\s+been)\s+(?:now\s+)?complete",
    re.IGNORECASE,
)
#: A city and a military site this close are one location (Niamey and its Air Base 101).
_SERVED_KM = 25.0


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def _km(a: Place, b: Place) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _same_place(a: Place, b: Place) -> bool:
    """Same name, or a city and a site within reach of each other; two sites only by name."""
    if _fold(a.name) == _fold(b.name):
        return True
    if a.kind == "site" and b.kind == "site":
        return False
    km = _km(a, b)
    return km is not None and km <= _SERVED_KM


def _later(d: Dated, boundary: Moment) -> bool:
    """Certainly after `boundary`, and not an undated retelling ("had been deployed")."""
    if d.moment.reported and d.event.status == "completed":
        return False
    return d.moment.start > boundary.end


def _place(d: Dated) -> Place | None:
    """The event's place; a province or region ("area") is no place forces hold."""
    place = d.event.place
    return None if place is None or place.kind == "area" else place


def _full(d: Dated) -> bool:
    return _place(d) is None or any(_FULL.search(t) for t in d.texts())


@dataclass
class _Interval:
    """One presence being folded (mutable, local to one fold)."""

    actor: str
    since: Moment | None
    status: PresenceStatus = "present"
    status_since: Moment | None = None
    until: Moment | None = None
    places: list[tuple[Place, Moment]] = field(default_factory=list)
    handed: list[tuple[Place, Moment]] = field(default_factory=list)
    counts: list[tuple[int, Moment, frozenset[str]]] = field(default_factory=list)
    parts: list[tuple[Source, ...]] = field(default_factory=list)

    def note(self, d: Dated) -> None:
        self.parts.append(d.sources)

    def count(self, d: Dated) -> None:
        for troops, docs in d.troop_reports():
            self.counts.append((troops, d.moment, docs))

    def deploy(self, d: Dated) -> None:
        self.note(d)
        self.count(d)
        place = _place(d)
        if place is None:
            return
        for n, (old, when) in enumerate(self.handed):
            if _fold(old.name) == _fold(place.name):
                if not _later(d, when):
                    return  # a retelling of the time before the handover
                del self.handed[n]
                break
        if not any(_fold(p.name) == _fold(place.name) for p, _ in self.places):
            self.places.append((place, d.moment))

    def withdraw(self, d: Dated) -> None:
        self.note(d)
        status = d.event.status
        if status != "completed":
            self.count(d)
            stage: PresenceStatus = "withdrawal_planned" if status == "planned" else "withdrawing"
            order = ("present", "withdrawal_planned", "withdrawing")
            if order.index(stage) > order.index(self.status):
                self.status, self.status_since = stage, d.since
            return
        place = _place(d)
        if _full(d):
            if place is not None and not any(_same_place(p, place) for p, _ in self.places):
                self.handed.append((place, d.moment))
            self._end(d.moment)
            return
        assert place is not None
        kept = [(p, m) for p, m in self.places if not _same_place(p, place)]
        if len(kept) < len(self.places):
            self.handed.extend((p, d.moment) for p, m in self.places if _same_place(p, place))
            self.places = kept
            if not kept:  # the handover of the last known place
                self._end(d.moment)
                return
        elif not any(_same_place(p, place) for p, _ in self.handed):
            self.handed.append((place, d.moment))
        if self.status == "withdrawal_planned":
            self.status, self.status_since = "withdrawing", d.moment

    def _end(self, when: Moment) -> None:
        self.handed.extend((p, when) for p, _ in self.places)
        self.places = []
        self.status, self.status_since, self.until = "ended", when, when

    def freeze(self, host: str) -> Presence:
        return Presence(
            actor=self.actor, host=host, status=self.status, since=self.since,
            status_since=self.status_since, until=self.until,
            troops=_best_count(self.counts), troop_counts=_troop_counts(self.counts),
            places=tuple(sorted((_site(p, m) for p, m in self.places), key=lambda s: s.name)),
            handed_over=tuple(_site(p, m) for p, m in sorted(
                self.handed, key=lambda pm: (pm[1].start, pm[0].name))),
            sources=merge_sources(self.parts),
        )


def _site(place: Place, moment: Moment) -> Site:
    return Site(place.name, place.lat, place.lon, place.kind, moment)


def _troop_counts(counts: list[tuple[int, Moment, frozenset[str]]]) -> tuple[TroopCount, ...]:
    latest: dict[int, Moment] = {}
    docs: dict[int, set[str]] = {}
    for n, when, ids in counts:
        if n not in latest or (when.start, when.value) > (latest[n].start, latest[n].value):
            latest[n] = when
        docs.setdefault(n, set()).update(ids)
    return tuple(sorted((TroopCount(n, latest[n], tuple(sorted(docs[n]))) for n in latest),
                        key=lambda t: (t.moment.start, t.count)))


def _best_count(counts: list[tuple[int, Moment, frozenset[str]]]) -> int | None:
    """The count most sources give among those stated within a month of the latest one;
    then the latest stated; then the larger. Older counts describe an earlier force."""
    if not counts:
        return None
    newest = max(when.start for _, when, _ in counts)
    window = newest - timedelta(days=SAME_EVENT_DAYS)
    docs: dict[int, set[str]] = {}
    last: dict[int, date] = {}
    for n, when, ids in counts:
        if when.start >= window:
            docs.setdefault(n, set()).update(ids)
            last[n] = max(last.get(n, date.min), when.start)
    return max(docs, key=lambda n: (len(docs[n]), last[n], n))


def _fold_actor(actor: str, host: str, events: list[Dated]) -> list[Presence]:
    intervals: list[_Interval] = []
    for d in events:
        cur = intervals[-1] if intervals else None
        if d.event.kind == "deploy":
            if cur is None or (cur.until is not None and _later(d, cur.until)):
                cur = _Interval(actor, since=d.moment, status_since=d.moment)
                intervals.append(cur)
            elif cur.until is not None:
                cur.note(d)  # a retelling of the presence that ended
                continue
            cur.deploy(d)
        else:
            if cur is None:
                # forces can only leave where they were: present by then, since unknown if
                # the first we hear of them is that they have all gone
                since = None if d.event.status == "completed" and _full(d) else \
                    d.since.as_reported()
                cur = _Interval(actor, since=since, status_since=since)
                intervals.append(cur)
            elif cur.until is not None:
                cur.note(d)
                continue
            cur.withdraw(d)
    return [i.freeze(host) for i in intervals]


def fold_presence(dated: Sequence[Dated], country: str) -> list[Presence]:
    """Foreign forces in `country` (current and ended), from events already cut to as_of.

    Forces of `country` itself, planned deployments and demands to withdraw make no presence.
    """
    by_actor: dict[str, list[Dated]] = {}
    for d in dated:
        ev = d.event
        if ev.kind not in ("deploy", "withdraw") or ev.actor.code == country:
            continue
        if (ev.kind == "deploy" and ev.status == "planned") or \
                country not in {c.code for c in ev.counterpart}:
            continue
        by_actor.setdefault(ev.actor.code, []).append(d)
    lines: list[Presence] = []
    for actor in sorted(by_actor):
        events = sorted(by_actor[actor], key=lambda d: (
            d.effective, _RANK["deploy" if d.event.kind == "deploy" else d.event.status],
            d.tiebreak))
        lines.extend(_fold_actor(actor, country, events))
    return sorted(lines, key=lambda p: (
        p.actor, p.since.start if p.since else date.min,
        p.until.start if p.until else date.max))
