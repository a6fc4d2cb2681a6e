"""sitrep: sourced, dated security-relations events from news text.

    >>> from sitrep import extract
    >>> events = extract(text, published=date(2024, 5, 11))

Heavy parts (spaCy, the gazetteer) load on first use, never at import.
"""

from .errors import SitrepError
from .pipeline import Pipeline, extract, load_pipeline
from .records import Actor, Article, DateValue, Event, Evidence, Place, Plover
from .settings import Settings

__all__ = [
    "Actor",
    "Article",
    "DateValue",
    "Event",
    "Evidence",
    "Pipeline",
    "Place",
    "Plover",
    "Settings",
    "SitrepError",
    "extract",
    "load_pipeline",
]
