"""sitrep: sourced, dated security-relations events from news text.

    >>> from sitrep import extract
    >>> events = extract(text, published=date(2024, 5, 11))

    >>> with open_store("sitrep.db") as store: ...        # articles, events, facts

Heavy parts (spaCy, the gazetteer, SQLAlchemy) load on first use, never at import.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import SitrepError
from .pipeline import Pipeline, extract, load_pipeline
from .records import Actor, Article, DateValue, Event, Evidence, Place, Plover
from .settings import Settings
from .state import Fact, Situation, derive_state

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "Actor",
    "Article",
    "DateValue",
    "Event",
    "Evidence",
    "Fact",
    "Pipeline",
    "Place",
    "Plover",
    "Settings",
    "SitrepError",
    "Situation",
    "derive_state",
    "extract",
    "load_pipeline",
    "open_store",
]


def open_store(db: str | Path, *, create: bool = True) -> Store:
    """Open the store at `db` (a SQLite path or a PostgreSQL URL); see docs/store.md.

    SQLAlchemy is imported here, on first use, not by `import sitrep`.
    """
    from .store import open_store as _open

    return _open(db, create=create)
