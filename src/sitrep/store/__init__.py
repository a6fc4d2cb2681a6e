"""The store: articles and their event records in SQLite (default) or PostgreSQL.

The only package with SQL. What it keeps is what was read and extracted; facts (one event,
many sources) and the state are derived on demand (`sitrep.knowledge`). docs/store.md.
"""

from .db import EventRow, Store, StoredArticle, content_hash, database_url, open_store

__all__ = ["EventRow", "Store", "StoredArticle", "content_hash", "database_url", "open_store"]
