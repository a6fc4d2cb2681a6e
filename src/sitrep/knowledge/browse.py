"""The questions a browser asks: one event with its sources in context, and the world.

    detail = event_detail(store, "3f2a...")      # the fact it belongs to, each source's text
    hosts = world(store, as_of=date(2024, 5, 11))  # the situation of every state in the store

The HTTP API and the web pages call these; like `queries`, they only read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..export.rows import is_state
from ..records import Article, Event, Evidence
from ..state import Fact, Situation, Source
from ..store import Store, get_article, get_event
from .queries import facts, situation

__all__ = ["EventDetail", "SourceText", "event_detail", "highlight", "world"]


@dataclass(frozen=True, slots=True)
class SourceText:
    """One source of a fact and, when the store still has it, its article's full text."""

    source: Source
    article: Article | None


@dataclass(frozen=True, slots=True)
class EventDetail:
    """An event record, the fact (all reports of the same real-world event) it belongs to,
    and every source of that fact with its text."""

    event: Event
    fact: Fact
    sources: tuple[SourceText, ...]


def _member(fact: Fact, ev: Event) -> bool:
    starts = {e.start for e in ev.evidence}
    return any(src.doc_id == ev.doc_id and starts & {e.start for e in src.evidence}
               for src in fact.sources)


def event_detail(store: Store, event_id: str) -> EventDetail | None:
    """The event with this id, its fact and its sources' texts; None when there is none."""
    row = get_event(store, event_id)
    if row is None:
        return None
    ev = row.event
    fact = next((f for f in facts(store, ev.actor.code) if _member(f, ev)), None)
    if fact is None:  # cannot happen for a stored event; a fact of its own keeps the page whole
        fact = Fact(ev, (Source(ev.doc_id, row.url, row.title, row.published, ev.evidence),))
    texts = tuple(SourceText(src, get_article(store, src.doc_id)) for src in fact.sources)
    return EventDetail(ev, fact, texts)


def highlight(text: str, evidence: tuple[Evidence, ...]) -> list[tuple[str, bool]]:
    """`text` cut into (piece, is_evidence) runs, the evidence spans marked; overlapping or
    out-of-range spans are merged or clipped, never raised on."""
    spans = sorted((max(0, e.start), min(len(text), e.end)) for e in evidence
                   if e.end > e.start)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif start < end:
            merged.append((start, end))
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in merged:
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return out


def world(store: Store, *, as_of: date, known_at: date | None = None) -> list[Situation]:
    """The situation on `as_of` of every state the store has events about, those with
    something to show (forces, agreements, a government) only, by code.

    It folds every state's facts, so it costs a report per state; the answer is kept in the
    store's memo until any event changes (a server moving back and forth in time answers a
    date it has seen at once).
    """
    key = ("world", as_of, known_at, store.data_version())
    kept = store.recall(key)
    if kept is not None:
        return list(kept)
    found = []
    for code, _ in sorted(store.codes()):
        if not is_state(code):
            continue
        s = situation(store, code, as_of=as_of, known_at=known_at)
        if s.presence or s.agreements or s.government or s.obligations:
            found.append(s)
    store.remember(key, tuple(found))
    return found
