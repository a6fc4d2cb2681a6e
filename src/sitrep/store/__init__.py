"""The store: articles and their event records in SQLite (default) or PostgreSQL.

The only package with SQL. What it keeps is what was read and extracted; facts (one event,
many sources) and the state are derived on demand (`sitrep.knowledge`). docs/store.md.
"""

from .db import EventRow, Store, StoredArticle, content_hash, database_url, open_store
from .listing import EventPage, EventQuery, event_span, get_article, get_event, list_events

__all__ = ["EventPage", "EventQuery", "EventRow", "Store", "StoredArticle", "content_hash",
           "database_url", "event_span", "get_article", "get_event", "list_events", "open_store"]
