"""The store's tables and its named migrations (SQLAlchemy Core; SQLite and PostgreSQL).

What is stored is what was read and what was extracted: articles, and the event records of
each article. Clusters (one fact, many sources) and the state are derived from them when
asked, never stored as truth (docs/store.md).

Migrations are a short, ordered list of named steps recorded in `sitrep_migrations`; a store
is brought up to date when opened. Alembic was weighed and left out: an embedded, single-file
database that upgrades itself on open needs no revision files or env.py, only this list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Connection

__all__ = ["MIGRATIONS", "Migration", "articles", "event_parties", "events", "fact_cache",
           "metadata", "migrations", "party_versions"]

metadata = MetaData()

#: One row per article read. `id` is the article's id as given (disambiguated when two
#: different articles share one); `content_hash` and `url` make re-ingesting a no-op.
articles = Table(
    "articles", metadata,
    Column("id", String(512), primary_key=True),
    Column("url", Text, nullable=True),
    Column("content_hash", String(64), nullable=False),
    Column("title", Text, nullable=True),
    Column("published", Date, nullable=True),
    Column("text", Text, nullable=False),
    Column("source", Text, nullable=True),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    #: fingerprint of the rules, lexicons, gazetteer and model that extracted its events
    Column("extractor", String(64), nullable=False),
    UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    Index("uq_articles_url", "url", unique=True),
)

#: One row per event record (records.Event.to_dict(), as JSON in `record`); the columns
#: beside it are what queries filter and sort on.
events = Table(
    "events", metadata,
    Column("id", String(64), primary_key=True),
    Column("doc_id", String(512), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("status", String(16), nullable=False),
    Column("actor", String(16), nullable=False),
    Column("date_value", String(10), nullable=True),
    Column("date_start", Date, nullable=True),
    Column("record", Text, nullable=False),
    #: lower-cased words a text search matches: the sentences, names, place and agreement
    #: (migration 0003; `sitrep.store.db.search_text`)
    Column("search", Text, nullable=True),
)

#: Who an event concerns: its actor and each counterpart. A country's situation reads the
#: events whose parties include it, through the index on `code`.
event_parties = Table(
    "event_parties", metadata,
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"),
           primary_key=True),
    Column("code", String(16), primary_key=True),
    Column("role", String(12), nullable=False),
    Index("ix_event_parties_code", "code", "event_id"),
)

#: A counter per actor code, bumped in the transaction that adds or replaces an event
#: concerning it: what says whether a cached derivation for that code is still current.
party_versions = Table(
    "party_versions", metadata,
    Column("code", String(16), primary_key=True),
    Column("version", BigInteger, nullable=False),
)

#: Derived, never truth: the clustered facts of one code (JSON list of Fact.to_dict()) as
#: of `version`; stale when party_versions has moved on, and then rebuilt on the next read.
fact_cache = Table(
    "fact_cache", metadata,
    Column("code", String(16), primary_key=True),
    Column("version", BigInteger, nullable=False),
    Column("payload", Text, nullable=False),
)

migrations = Table(
    "sitrep_migrations", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(128), nullable=False, unique=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True, slots=True)
class Migration:
    """One named schema step, applied once, in order, inside a transaction."""

    name: str
    apply: Callable[[Connection], None]


def _initial(conn: Connection) -> None:
    metadata.create_all(conn, tables=[articles, events, event_parties])


def _fact_cache(conn: Connection) -> None:
    metadata.create_all(conn, tables=[party_versions, fact_cache])


def _search(conn: Connection) -> None:
    """Add events.search (a store made before 0003 lacks it) and fill it from the records."""
    import json

    from sqlalchemy import inspect, select, update

    from ..records import Event
    from .db import search_text

    if "search" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        conn.exec_driver_sql("ALTER TABLE events ADD COLUMN search TEXT")
    rows = conn.execute(select(events.c.id, events.c.record).where(events.c.search.is_(None)))
    for event_id, record in rows.all():
        conn.execute(update(events).where(events.c.id == event_id).values(
            search=search_text(Event.from_dict(json.loads(record)))))


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_articles_events_parties", _initial),
    Migration("0002_party_versions_fact_cache", _fact_cache),
    Migration("0003_event_search_text", _search),
)

