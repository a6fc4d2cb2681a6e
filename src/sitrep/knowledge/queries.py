"""The questions every shell asks of the store: facts, a country's situation, a timeline.

The CLI, the HTTP API and the web pages call these and only these, so they always agree.
Each reads event records from the store, clusters them into facts (one real-world event,
every source) and, for a situation, folds them with `sitrep.state.derive_state`.
"""

from __future__ import annotations

from collections.abc import Collection
from contextlib import suppress
from dataclasses import dataclass
from datetime import date

from ..errors import StoreError
from ..gazetteer.leaders import load_leaders
from ..records import Event
from ..state import Fact, Situation, Source, cluster_facts, derive_state
from ..state.codec import decode_facts, encode_facts
from ..state.facts import Dated, date_facts
from ..state.fold import fold_dated
from ..state.moments import Moment
from ..store import EventRow, Store

__all__ = ["TimelineEntry", "facts", "report", "situation", "timeline"]


def _pairs(rows: list[EventRow]) -> list[tuple[Event, Source]]:
    return [(r.event, Source(doc_id=r.event.doc_id, url=r.url, title=r.title,
                             published=r.published, evidence=r.event.evidence)) for r in rows]


def facts(store: Store, code: str | None = None, *, known_at: date | None = None) -> list[Fact]:
    """The facts concerning `code` (as actor or counterpart; None: all), clustered across
    articles, from the articles published by `known_at` (None: all)."""
    if code is None or known_at is not None:
        return cluster_facts(_pairs(store.party_events(code, known_at=known_at)))
    # Clustering is the slow part of a report, and its result changes only when an event
    # concerning `code` does: it is cached in the store, keyed by the code's version, and a
    # long-running process (a server, a notebook) also keeps the decoded facts in memory.
    with store.memo_lock:  # one thread clusters a code; the others wait for its answer
        return _cached_facts(store, code)


def _cached_facts(store: Store, code: str) -> list[Fact]:
    version = store.party_version(code)
    key = (code, version)
    kept = store.recall(key)
    if kept is not None:
        return list(kept)
    cached = store.cached_facts(code)
    decoded = decode_facts(cached) if cached is not None else None
    if decoded is not None:
        found = decoded
    else:
        found = cluster_facts(_pairs(store.party_events(code)))
        # a read-only database: the answer is right, only not kept for next time
        with suppress(StoreError):
            store.cache_facts(code, version, encode_facts(found))
    store.remember(key, tuple(found))
    return found


def situation(store: Store, country: str, *, as_of: date,
              known_at: date | None = None) -> Situation:
    """The situation of `country` on `as_of`, from the sources published by `known_at`."""
    leaders = load_leaders().leaders
    if known_at is not None:
        return derive_state(facts(store, country, known_at=known_at), country, as_of=as_of,
                            known_at=known_at, leaders=leaders)
    return fold_dated(_dated(store, country), country, as_of=as_of, known_at=None,
                      leaders=leaders)


def _dated(store: Store, code: str) -> list[Dated]:
    """The facts concerning `code`, dated (what `derive_state` computes before it folds):
    kept in the memo beside the facts, so that one country at many dates is dated once."""
    found = facts(store, code)
    key = ("dated", code, store.party_version(code))
    kept = store.recall(key)
    if kept is not None:
        return list(kept)
    mine = (f for f in found if f.event.actor.code == code
            or any(c.code == code for c in f.event.counterpart))
    dated = date_facts(mine, known_at=None)
    store.remember(key, tuple(dated))
    return dated


def report(store: Store, country: str, *, as_of: date, known_at: date | None = None,
           fmt: str = "text") -> str:
    """`sitrep report`: the situation of `country` rendered as text, markdown, json or html."""
    from ..report import render_report

    found = facts(store, country, known_at=known_at)
    state = derive_state(found, country, as_of=as_of, known_at=known_at,
                         leaders=load_leaders().leaders)
    return render_report(state, fmt=fmt, facts=found)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A fact placed in time: its own date, or (reported) its first source's publication."""

    moment: Moment
    fact: Fact


def timeline(store: Store, country: str | None = None, *, actor: str | None = None,
             kinds: Collection[str] = (), since: date | None = None,
             until: date | None = None, known_at: date | None = None) -> list[TimelineEntry]:
    """The dated facts concerning `country` (and/or by `actor`), in date order.

    A fact that cannot be placed in time (no date, no published source) is left out.
    """
    code = country or actor
    entries = []
    for fact in facts(store, code, known_at=known_at):
        ev = fact.event
        if actor is not None and ev.actor.code != actor:
            continue
        if country is not None and actor is not None \
                and country not in {c.code for c in ev.counterpart} | {ev.actor.code}:
            continue
        if kinds and ev.kind not in kinds:
            continue
        moment = fact.moment()
        if moment is None or (since and moment.end < since) or (until and moment.start > until):
            continue
        entries.append(TimelineEntry(moment, fact))
    return sorted(entries, key=lambda e: (e.moment.start, e.moment.days, e.fact.id))
