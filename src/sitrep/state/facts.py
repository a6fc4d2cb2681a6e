"""What the state is folded from: facts (one real-world event with every article reporting it),
and how each fact is seen from one `known_at`: its visible sources and the date it counts from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..records import Article, Event, Evidence
from .moments import Moment

__all__ = ["Dated", "Fact", "Source", "date_facts", "facts_from_events", "merge_sources"]


@dataclass(frozen=True, slots=True)
class Source:
    """One article that reported an event, with the sentences that say so."""

    doc_id: str
    url: str | None
    title: str | None
    published: date | None
    evidence: tuple[Evidence, ...]

    def to_dict(self, *, full: bool = False) -> dict[str, Any]:
        """The source as the state's JSON lists it (`full`: with evidence offsets)."""
        return {
            "doc_id": self.doc_id, "url": self.url, "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "evidence": [e.to_dict() if full else e.text for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        """The inverse of `to_dict(full=True)`."""
        return cls(doc_id=data["doc_id"], url=data["url"], title=data["title"],
                   published=date.fromisoformat(data["published"]) if data["published"]
                   else None,
                   evidence=tuple(Evidence(e["text"], e["start"], e["end"])
                                  for e in data["evidence"]))


@dataclass(frozen=True, slots=True)
class Fact:
    """One real-world event, possibly reported by several articles (the store clusters them)."""

    event: Event
    sources: tuple[Source, ...]
    #: every troop count the reports state, with the article stating it (they may disagree;
    #: `event.troops` is the best-supported). Empty: `event.troops` from all sources.
    counts: tuple[tuple[int, str], ...] = ()
    #: how many event records (one per reporting article) the fact was clustered from
    reports: int = 1

    @property
    def id(self) -> str:
        """The fact's id: its representative's, which is the smallest member id."""
        return self.event.id

    def moment(self) -> Moment | None:
        """When it happened: its own date, else its first report's publication (marked
        reported); None when neither is known."""
        ev = self.event
        if ev.date is not None:
            return Moment.parse(ev.date.value, where=f"{ev.doc_id} event {ev.id}")
        published = [s.published for s in self.sources if s.published is not None]
        return Moment.reported_on(min(published)) if published else None

    def to_dict(self) -> dict[str, Any]:
        """JSON form (the store caches clustered facts in it)."""
        return {"event": self.event.to_dict(),
                "sources": [s.to_dict(full=True) for s in self.sources],
                "counts": [list(c) for c in self.counts], "reports": self.reports}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fact:
        """The inverse of `to_dict`."""
        return cls(event=Event.from_dict(data["event"]),
                   sources=tuple(Source.from_dict(s) for s in data["sources"]),
                   counts=tuple((int(n), str(d)) for n, d in data["counts"]),
                   reports=int(data["reports"]))


def facts_from_events(events: Iterable[Event], articles: Mapping[str, Article]) -> list[Fact]:
    """One Fact per Event, its single source the event's article.

    An event whose article is not in `articles` gets a source with only its doc_id: it still
    counts when the event has its own date, but cannot be dated by publication or pass a
    `known_at` cut.
    """
    facts = []
    for ev in events:
        art = articles.get(ev.doc_id)
        source = Source(
            doc_id=ev.doc_id,
            url=art.url if art else None,
            title=art.title if art else None,
            published=art.published if art else None,
            evidence=ev.evidence,
        )
        facts.append(Fact(event=ev, sources=(source,)))
    return facts


@dataclass(frozen=True, slots=True)
class Dated:
    """A fact as seen from one `known_at`: visible sources, its date, and when it counts.

    `effective` is what `as_of` is compared with and what events are ordered by: the start of
    the event's own date, or the first visible publication for an undated event. A planned
    event (an order, an announcement) counts from the earlier of its own date and its first
    report: an order to leave "by September" is in force from the day it is reported.
    """

    event: Event
    sources: tuple[Source, ...]
    moment: Moment
    effective: date
    tiebreak: tuple[str, ...]
    counts: tuple[tuple[int, str], ...] = ()

    @property
    def since(self) -> Moment:
        """The date it holds from: its own, or for a plan announced before its date, the
        announcement (its first report)."""
        if self.effective == self.moment.start:
            return self.moment
        return Moment.reported_on(self.effective)

    @property
    def doc_ids(self) -> frozenset[str]:
        return frozenset(s.doc_id for s in self.sources)

    def troop_reports(self) -> list[tuple[int, frozenset[str]]]:
        """Each stated count with the visible articles that state it (they may disagree).

        A clustered fact reads the counts of its reports, one per article; a single event
        credits its count to all its sources.
        """
        if not self.counts:
            n = self.event.troops
            return [] if n is None else [(n, self.doc_ids)]
        visible = self.doc_ids
        by_count: dict[int, set[str]] = {}
        for n, doc in self.counts:
            if doc in visible:
                by_count.setdefault(n, set()).add(doc)
        return [(n, frozenset(docs)) for n, docs in sorted(by_count.items())]

    def texts(self) -> list[str]:
        """Every supporting sentence of every visible source."""
        return [e.text for s in self.sources for e in s.evidence]


def _visible(sources: tuple[Source, ...], known_at: date | None) -> tuple[Source, ...]:
    if known_at is None:
        return sources
    return tuple(s for s in sources if s.published is not None and s.published <= known_at)


def _date(fact: Fact, sources: tuple[Source, ...]) -> Dated | None:
    ev = fact.event
    published = [s.published for s in sources if s.published is not None]
    first = min(published) if published else None
    if ev.date is not None:
        moment = Moment.parse(ev.date.value, where=f"{ev.doc_id} event {ev.id}")
        effective = moment.start
        if ev.status == "planned" and first is not None:
            effective = min(effective, first)
    elif first is not None:
        moment = Moment.reported_on(first)
        effective = first
    else:
        return None
    # ev.id hashes doc, kind, parties, date and first offset; the rest is what the fold reads
    tiebreak = (ev.id, ev.status, str(ev.troops), ev.place.name if ev.place else "",
                ev.agreement.name if ev.agreement else "", *sorted(s.doc_id for s in sources),
                *(e.text for e in ev.evidence))
    return Dated(ev, sources, moment, effective, tiebreak, fact.counts)


def date_facts(facts: Iterable[Fact], *, known_at: date | None) -> list[Dated]:
    """The facts an analyst could know at `known_at` (all when None), each dated.

    A fact counts when at least one of its sources was published on or before `known_at`, and
    only those sources are kept. A fact that has neither its own date nor a published source
    cannot be placed in time and is left out.
    """
    dated = []
    for fact in facts:
        sources = _visible(fact.sources, known_at)
        if not sources:
            continue
        d = _date(fact, sources)
        if d is not None:
            dated.append(d)
    return dated


def merge_sources(groups: Iterable[Iterable[Source]]) -> tuple[Source, ...]:
    """One source per article, its sentences merged; ordered by publication, then id."""
    by_doc: dict[str, list[Source]] = {}
    for group in groups:
        for s in group:
            by_doc.setdefault(s.doc_id, []).append(s)
    merged = []
    for doc_id, same in by_doc.items():
        if len(same) == 1 or all(s == same[0] for s in same):
            merged.append(same[0])  # one article reported once: nothing to merge
            continue
        evidence = {(e.start, e.end, e.text): e for s in same for e in s.evidence}
        merged.append(Source(
            doc_id=doc_id,
            url=min((s.url for s in same if s.url), default=None),
            title=min((s.title for s in same if s.title), default=None),
            published=min((s.published for s in same if s.published), default=None),
            evidence=tuple(evidence[k] for k in sorted(evidence)),
        ))
    return tuple(sorted(merged, key=lambda s: (s.published or date.max, s.doc_id)))
