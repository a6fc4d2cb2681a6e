"""Clusters: the same real-world event reported by several articles becomes one Fact.

Outlets retell one withdrawal, one coup, one signing many times. Two event records are the
same real-world event when they have the same kind, status, actor and counterparts, and
compatible dates:

- both dated: the more precise date falls inside the vaguer one ("2023-07" and "2023-07-26")
  or two dates of one precision are at most `SAME_DAY_GAP` days apart (outlets disagree by a
  day on when a night-time coup happened); a vague date that fits several clusters ("2022"
  beside a January and a September coup) joins none of them and stays its own fact;
- undated (dated by publication): reports published at most `SAME_NEWS_DAYS` apart are one
  piece of news; an undated report joins a dated cluster when it was published within
  `SAME_NEWS_DAYS` after that cluster's date and no other cluster fits.

The result depends only on the set of records, never on the order they arrive in: records are
sorted before they are linked, and each cluster's representative is chosen by votes with
deterministic tie-breaks. Conflicting details (two troop counts) stay on the fact's members,
each with its article; the representative shows the best-supported one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from ..records import Article, Event
from .facts import Fact, Source, facts_from_events, merge_sources
from .moments import Moment

__all__ = ["SAME_DAY_GAP", "SAME_NEWS_DAYS", "cluster_events", "cluster_facts"]

#: two day-precise dates this close are one event reported with different days
SAME_DAY_GAP = 2
#: undated reports of one change published this close are one piece of news
SAME_NEWS_DAYS = 3


@dataclass(slots=True)
class _Cluster:
    members: list[tuple[Event, Source]] = field(default_factory=list)
    moment: Moment | None = None       # the most precise own date among members
    latest_published: date | None = None

    def add(self, ev: Event, src: Source, moment: Moment | None) -> None:
        self.members.append((ev, src))
        if moment is not None and (self.moment is None or moment.days < self.moment.days):
            self.moment = moment
        if src.published is not None and (self.latest_published is None
                                          or src.published > self.latest_published):
            self.latest_published = src.published


def cluster_facts(reports: Iterable[tuple[Event, Source]]) -> list[Fact]:
    """One Fact per real-world event: each (event record, its article as Source) pair joins
    the cluster of the same event, or starts one. Deterministic in the set of pairs."""
    groups: dict[tuple[str, ...], list[tuple[Event, Source, Moment | None]]] = {}
    for ev, src in reports:
        key = (ev.kind, ev.status, ev.actor.code,
               *sorted({c.code for c in ev.counterpart} - {ev.actor.code}))
        moment = Moment.parse(ev.date.value, where=f"{ev.doc_id} event {ev.id}") \
            if ev.date else None
        groups.setdefault(key, []).append((ev, src, moment))
    facts = [fact for key in sorted(groups) for fact in _cluster_group(groups[key])]
    return sorted(facts, key=lambda f: f.id)


def cluster_events(events: Iterable[Event], articles: Mapping[str, Article]) -> list[Fact]:
    """`cluster_facts` over extracted events, each with its article (from `articles`, by
    doc_id) as source: what the store does, without a store."""
    return cluster_facts((f.event, f.sources[0]) for f in facts_from_events(events, articles))


def _cluster_group(items: list[tuple[Event, Source, Moment | None]]) -> list[Fact]:
    dated = sorted((i for i in items if i[2] is not None),
                   key=lambda i: (i[2].days, i[2].start, i[0].id))  # type: ignore[union-attr]
    undated = sorted((i for i in items if i[2] is None),
                     key=lambda i: (i[1].published or date.max, i[0].id))
    clusters: list[_Cluster] = []
    for ev, src, moment in dated:  # most precise first: vaguer dates then find their place
        assert moment is not None
        fits = [c for c in clusters if c.moment is not None and _compatible(c.moment, moment)]
        if len(fits) == 1 or (fits and moment.days == 1):
            target = min(fits, key=lambda c: (c.moment.gap(moment), c.moment.start))  # type: ignore[union-attr]
        else:  # nothing fits, or a vague date fits several events: a fact of its own
            target = _Cluster()
            clusters.append(target)
        target.add(ev, src, moment)
    news: list[_Cluster] = []
    for ev, src, _ in undated:
        pub = src.published
        fits = [c for c in clusters if pub is not None and c.moment is not None
                and 0 <= (pub - c.moment.end).days <= SAME_NEWS_DAYS
                and c.moment.start <= pub]
        if len(fits) == 1:
            fits[0].add(ev, src, None)
            continue
        same = [c for c in news if pub is not None and c.latest_published is not None
                and 0 <= (pub - c.latest_published).days <= SAME_NEWS_DAYS]
        if same and not fits:
            same[-1].add(ev, src, None)
            continue
        fresh = _Cluster()
        fresh.add(ev, src, None)
        news.append(fresh)
    return [_fact(c.members) for c in (*clusters, *news)]


def _compatible(a: Moment, b: Moment) -> bool:
    """Nested intervals, or two equally precise dates at most SAME_DAY_GAP days apart."""
    if (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end):
        return True
    return a.days == b.days == 1 and a.gap(b) <= SAME_DAY_GAP


def _fact(members: Sequence[tuple[Event, Source]]) -> Fact:
    if len(members) == 1:  # most events are reported once: nothing to vote on
        ev, src = members[0]
        return Fact(event=ev, sources=(src,),
                    counts=() if ev.troops is None else ((ev.troops, ev.doc_id),))
    events = [ev for ev, _ in members]
    return Fact(event=_representative(events),
                sources=merge_sources([src] for _, src in members),
                counts=tuple(sorted({(e.troops, e.doc_id) for e in events
                                     if e.troops is not None})),
                reports=len(events))


def _vote(values: Iterable[object]) -> Counter[object]:
    return Counter(v for v in values if v is not None)


def _representative(events: Sequence[Event]) -> Event:
    """The member that speaks for the fact, with its best-supported details.

    Date: the most precise, then the one most articles give, then the earliest. Troops and
    place: the value most articles give, ties to the larger count or the site over the city.
    The representative keeps the smallest member id, so a fact's id does not depend on which
    member won a vote.
    """
    dates = _vote(e.date.value if e.date else None for e in events)
    base = min(events, key=lambda e: (
        Moment.parse(e.date.value).days if e.date else 10**6,
        -dates[e.date.value] if e.date else 0,
        e.date.value if e.date else "", -len(e.evidence), e.id))
    troops = _vote(e.troops for e in events)
    best_troops = max(troops, key=lambda n: (troops[n], n)) if troops else None
    places = Counter(e.place for e in events if e.place is not None and e.place.kind != "area")
    place = max(places, key=lambda p: (places[p], p.kind == "site", p.name)) if places \
        else base.place
    first_id = min(e.id for e in events)
    return replace(base, troops=best_troops, place=place, id=first_id,  # type: ignore[arg-type]
                   confidence=max(e.confidence for e in events))
