"""Browsing the stored events: filtered pages with a cursor, one event, one article.

    page = list_events(store, EventQuery(country="NER", kinds=("deploy",)), limit=50)
    more = list_events(store, query, after=page.next_cursor)

Pages are keyset pages (newest event date first, then id), so a cursor stays valid while
ingests add events and a page never repeats or skips a row that was there when it was cut.
Every value reaches SQL as a bound parameter, the text search included.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, func, literal, or_, select

from ..errors import InputError
from ..records import Article, Event
from .db import EventRow, Store
from .schema import articles, event_parties, events

__all__ = ["EventPage", "EventQuery", "event_span", "get_article", "get_event", "list_events"]

#: where an undated event sorts: after every dated one (newest first)
_UNDATED = date(1, 1, 1)


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events to list; every field left empty matches everything."""

    #: the events concerning this code (as actor or counterpart)
    country: str | None = None
    #: the events whose actor is this code
    actor: str | None = None
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    #: the events whose date starts on or after / on or before (undated ones are left out)
    since: date | None = None
    until: date | None = None
    #: words that must occur, in this order, in the sentences, names, place or agreement
    text: str | None = None
    #: only events from articles published by this date
    known_at: date | None = None
    #: only the events of this article
    doc_id: str | None = None


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of events and the cursor of the next (None: this is the last page)."""

    rows: tuple[EventRow, ...]
    next_cursor: str | None


def _like(text: str) -> str:
    """A LIKE pattern for `text` as typed: %, _ and the escape character match themselves."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{' '.join(escaped.split())}%"


def _encode(key: date, event_id: str) -> str:
    raw = json.dumps([key.isoformat(), event_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> tuple[date, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key, event_id = json.loads(raw)
        return date.fromisoformat(key), str(event_id)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise InputError("cursor", "not a cursor this server gave out") from None


def list_events(store: Store, query: EventQuery, *, after: str | None = None,
                limit: int = 50) -> EventPage:
    """The events matching `query`, newest first, `limit` at most, after the `after` cursor.

    Raises InputError for a cursor that was not made here.
    """
    key = func.coalesce(events.c.date_start, literal(_UNDATED))
    stmt = (select(events.c.record, articles.c.url, articles.c.title, articles.c.published,
                   key.label("key"))
            .join(articles, articles.c.id == events.c.doc_id))
    conds: list[ColumnElement[bool]] = []
    if query.country:
        conds.append(events.c.id.in_(select(event_parties.c.event_id)
                                     .where(event_parties.c.code == query.country)))
    if query.actor:
        conds.append(events.c.actor == query.actor)
    if query.kinds:
        conds.append(events.c.kind.in_(query.kinds))
    if query.statuses:
        conds.append(events.c.status.in_(query.statuses))
    if query.since:
        conds.append(events.c.date_start >= query.since)
    if query.until:
        conds.append(events.c.date_start <= query.until)
    if query.text and query.text.strip():
        conds.append(events.c.search.like(_like(query.text), escape="\\"))
    if query.known_at:
        conds.append(articles.c.published <= query.known_at)
    if query.doc_id:
        conds.append(events.c.doc_id == query.doc_id)
    if after is not None:
        last_key, last_id = _decode(after)
        conds.append(or_(key < last_key, and_(key == last_key, events.c.id > last_id)))
    stmt = stmt.where(*conds).order_by(key.desc(), events.c.id).limit(limit + 1)
    with store._read() as conn:
        found = conn.execute(stmt).all()
    rows = tuple(EventRow(Event.from_dict(json.loads(rec)), url, title, published)
                 for rec, url, title, published, _ in found[:limit])
    more = len(found) > limit
    next_cursor = None
    if more and rows:
        last_day = _day(found[limit - 1].key)
        assert last_day is not None  # coalesced: never NULL
        next_cursor = _encode(last_day, rows[-1].event.id)
    return EventPage(rows, next_cursor)


def get_event(store: Store, event_id: str) -> EventRow | None:
    """The event record with this id and its article's metadata, or None."""
    stmt = (select(events.c.record, articles.c.url, articles.c.title, articles.c.published)
            .join(articles, articles.c.id == events.c.doc_id)
            .where(events.c.id == event_id))
    with store._read() as conn:
        found = conn.execute(stmt).first()
    if found is None:
        return None
    rec, url, title, published = found
    return EventRow(Event.from_dict(json.loads(rec)), url, title, published)


def get_article(store: Store, doc_id: str) -> Article | None:
    """The stored article with this id (its full text), or None."""
    with store._read() as conn:
        r = conn.execute(select(articles).where(articles.c.id == doc_id)).mappings().first()
    if r is None:
        return None
    return Article(id=r["id"], text=r["text"], published=r["published"], url=r["url"],
                   title=r["title"])


def event_span(store: Store) -> tuple[date | None, date | None]:
    """The first and last event dates stored (None, None for a store without dated events)."""
    with store._read() as conn:
        first, last = conn.execute(select(func.min(events.c.date_start),
                                          func.max(events.c.date_start))).one()
    return _day(first), _day(last)


def _day(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
