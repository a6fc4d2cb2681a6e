"""The knowledge base: articles into the store, and the questions asked of it.

    from sitrep.knowledge import ingest_articles, situation, timeline
    ingest_articles(store, read_source("corpus.jsonl"), pipeline=pipe)
    print(situation(store, "NER", as_of=date(2024, 5, 11)).to_dict())

`load` writes (ingest, reprocess); `queries` reads (facts, situation, timeline). Every shell
(CLI, HTTP API, web pages) goes through these functions.
"""

from .load import (
    IngestReport,
    extractor_fingerprint,
    ingest_articles,
    load_batch,
    reprocess,
    settings_fingerprint,
)
from .names import resolve_code
from .queries import TimelineEntry, facts, report, situation, timeline

__all__ = [
    "IngestReport",
    "TimelineEntry",
    "extractor_fingerprint",
    "facts",
    "ingest_articles",
    "load_batch",
    "report",
    "reprocess",
    "resolve_code",
    "settings_fingerprint",
    "situation",
    "timeline",
]
